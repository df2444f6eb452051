"""Number usage by GB/T 15835-2011: NU101-NU107 (checker/rules/checks/number_usage.py)."""

import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.config import Settings as RunSettings
from checker.core.resources import rules_path
from checker.rules.checks import number_usage
from checker.rules.checks.number_usage import NumberUsageRulesError, load_number_usage_rules
from checker.run.engine import check_path
from checker.run.fixer import apply_fixes, choose_fixes
from tests.conftest import findings, grows_at_most_linearly


def where(result):
    return [(f.code, f.line, f.column) for f in result]


# -- the word lists -------------------------------------------------------------------


def test_the_shipped_word_lists_validate_against_their_schema():
    data = load_number_usage_rules()
    assert "期" in data.count_measure_words and "四个全面" in data.set_phrases


@pytest.mark.parametrize(
    "change, entry",
    [
        (lambda d: d.update(count_measure_words=[]), "count_measure_words"),
        (lambda d: d["set_phrases"].append(d["set_phrases"][0]), "set_phrases"),
        (lambda d: d["double_qualifiers"][0].update(after="左右"), "double_qualifiers/0/after"),
        (lambda d: d.update(surprise=1), "(根)"),
    ],
)
def test_a_malformed_word_list_is_refused_naming_file_entry_and_reason(tmp_path, change, entry):
    data = yaml.safe_load(rules_path("number_usage.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(NumberUsageRulesError) as error:
        load_number_usage_rules(str(path))
    message = str(error.value)
    assert str(path) in message and f"条目 {entry} 无效" in message


def test_a_word_list_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("version: [1\n", encoding="utf-8")
    with pytest.raises(NumberUsageRulesError, match="不是有效的 YAML"):
        load_number_usage_rules(str(path))


# -- NU101: one kind of count in two forms ------------------------------------------------


def test_the_same_count_in_arabic_and_chinese_is_info_at_the_less_used_form():
    text = "举办4期沙龙，开展6期培训。\n举办了五期特训班。\n"
    (f,) = findings(text, "NU101")
    assert (f.code, f.line, f.column, f.excerpt, f.severity.value) == ("NU101", 2, 4, "五期", "info")
    assert f.suggestion == "与本文其他计数一致，写作“5期”"
    assert f.evidence["other_form_lines"] == [1]


def test_on_a_tie_the_chinese_form_is_reported():
    assert where(findings("举办4期沙龙。举办五期培训。\n", "NU101")) == [("NU101", 1, 10)]


def test_an_arabic_minority_is_reported_with_the_chinese_form_suggested():
    (f,) = findings("举办三期沙龙，五期培训，6期论坛。\n", "NU101")
    assert (f.column, f.excerpt) == (13, "6期")
    assert "六期" in f.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "举办4期沙龙。机场二期工程开工，一期完工。\n",  # 一/二: phases and articles
        "举办4次会议。落实“四个全面”，坚持三次产业协调。\n",  # set phrases
        "第4届比赛。十三届全国人大五次会议，十九届历次全会。\n",  # ordinals and sessions
        "举办4期沙龙。美兰机场三期、马村港五期等开工。\n",  # phases ending a name
        "接待3家企业。走访三四家企业。\n",  # 三四: an approximation
        "完成4项任务。坚持五项原则，抓好三件事。\n",  # 项 件: summaries of a list
        "走访8家企业。协调移动、电信、联通三家运营商。\n",  # sums up the list before it
    ],
)
def test_legitimate_chinese_numerals_are_not_compared(text):
    assert findings(text, "NU101") == []


# -- NU102: a range that drops the first % or 万 -------------------------------------------


@pytest.mark.parametrize(
    "text, column, right",
    [
        ("同比增长10～15%。\n", 5, "10%～15%"),
        ("投资3～5万元。\n", 3, "3万～5万"),
        ("占比30至40%。\n", 3, "30%至40%"),
        ("规模2.5—3.5亿元。\n", 3, "2.5亿—3.5亿"),
    ],
)
def test_a_range_dropping_its_first_mark_is_reported_with_a_safe_fix(text, column, right):
    (f,) = findings(text, "NU102")
    assert (f.code, f.line, f.column) == ("NU102", 1, column)
    assert right in f.message and f.fix.safety == "safe"
    assert right in apply_fixes(text, [f.fix])


@pytest.mark.parametrize(
    "text",
    [
        "同比增长10%～15%。\n",
        "投资3万～5万元。\n",
        "100～150千克。\n",
        "2015-2020万人次。\n",
        "增长5%—5.5%。\n",
    ],
)
def test_complete_ranges_and_other_units_are_fine(text):
    assert findings(text, "NU102") == []


# -- NU103: double qualifiers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, column, pattern, fixed",
    [
        ("投资约5000万元左右。\n", 3, "约…左右", "投资约5000万元。\n"),
        ("增长超过50%以上。\n", 3, "超过…以上", "增长超过50%。\n"),
        ("大约三十人上下。\n", 1, "约…左右", "大约三十人。\n"),
        ("不足10人以下的企业。\n", 1, "不足…以下", "不足10人的企业。\n"),
        ("吸引近20多家企业。\n", 3, "近…多", "吸引近20家企业。\n"),
    ],
)
def test_double_qualifiers_are_reported_with_an_unsafe_fix(text, column, pattern, fixed):
    (f,) = findings(text, "NU103")
    assert (f.code, f.line, f.column, f.evidence["pattern"]) == ("NU103", 1, column, pattern)
    assert f.fix.safety == "unsafe"
    assert apply_fixes(text, [f.fix]) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "投资约5000万元。\n",
        "增长5%左右。\n",
        "节约10%左右的能耗。\n",
        "近一百多年来。\n",
        "超过50%。\n",
        "约束在10%左右。\n",
        "近十多年来。\n",
        "最近20多天。\n",
    ],
)
def test_a_single_qualifier_or_a_word_containing_one_is_fine(text):
    assert findings(text, "NU103") == []


# -- NU104: short years -------------------------------------------------------------------------


def test_a_short_year_takes_its_century_from_the_document():
    text = "2016年工作计划\n16年3月启动，15年底完成。\n"
    result = findings(text, "NU104")
    assert where(result) == [("NU104", 2, 1), ("NU104", 2, 9)]
    assert [f.suggestion for f in result] == ["写作“2016年”", "写作“2015年”"]
    assert apply_fixes(text, [result[0].fix]).splitlines()[1].startswith("2016年3月")


def test_a_number_of_years_is_not_a_short_year():
    assert findings("工作16年，连续16年3个月无事故，2016年底完成。\n", "NU104") == []


# -- NU105 / NU106: the zero of a Chinese year ------------------------------------------------------


@pytest.mark.parametrize("written", ["二零一六", "二O一六", "二0一六", "二Ｏ一六"])
def test_a_wrong_zero_in_a_chinese_year_is_reported_with_a_safe_fix(written):
    (f,) = findings(f"{written}年一月十九日\n", "NU105")
    assert (f.code, f.line, f.column, f.excerpt) == ("NU105", 1, 1, written)
    assert f.fix.replacement == "二〇一六"


def test_a_proper_chinese_year_and_a_quantity_with_ling_are_fine():
    assert findings("二〇一六年一月，一百零五人，第2020号。\n", ["NU105", "NU106"]) == []


def test_circle_zeros_are_reported_once_per_document_with_one_fix():
    text = "一九九○年一月。\n二○一○年二月。\n"
    (f,) = findings(text, ["NU105", "NU106"])
    assert (f.code, f.line, f.column, f.severity.value, f.evidence["count"]) == ("NU106", 1, 1, "info", 2)
    assert apply_fixes(text, [f.fix]) == "一九九〇年一月。\n二〇一〇年二月。\n"


# -- NU107: zero-padded dates --------------------------------------------------------------------------


def test_a_zero_padded_month_and_day_are_reported_with_safe_fixes():
    text = "2016年01月05日印发\n"
    result = findings(text, "NU107")
    assert where(result) == [("NU107", 1, 6), ("NU107", 1, 9)]
    assert apply_fixes(text, [f.fix for f in result]) == "2016年1月5日印发\n"


def test_unpadded_dates_and_numeric_dates_are_fine():
    assert findings("2016年1月19日，2016-01-05，10月10日。\n", "NU107") == []


def test_a_padded_month_is_reported_in_a_date_without_a_year_too():
    # the date view reads 01月05日 as a date: both zeros are padding
    assert where(findings("会议于01月05日召开。\n", "NU107")) == [("NU107", 1, 4), ("NU107", 1, 7)]


def test_a_year_with_a_space_before_nian_is_still_a_year():
    (f,) = findings("二O一六 年一月，工作启动。\n", "NU105")
    assert (f.code, f.line, f.column, f.message) == ("NU105", 1, 1, "汉字年份“二O一六年”中的零写作“O”，应写作“〇”")


# -- the character before a match ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, code, column",
    [
        ("16年3月启动。\n", "NU104", 1),  # at the very start of the text
        ("10～15%。\n", "NU102", 1),
        ("二零一六年一月。\n", "NU105", 1),
        ("约5000万元左右。\n", "NU103", 1),
        ("全年16年3月启动。\n", "NU104", 3),
    ],
)
def test_a_match_may_begin_the_text_or_follow_any_other_character(text, code, column):
    assert where(findings(text, code)) == [(code, 1, column)]


@pytest.mark.parametrize(
    "text, code",
    [
        ("2016年3月启动。\n", "NU104"),  # 16 inside 2016
        ("A16年3月启动。\n", "NU104"),
        ("5%10～15%。\n", "NU102"),  # a range does not begin right after a %
        ("十二零一六年一月。\n", "NU105"),  # five digits are no year
        ("2016年001月。\n", "NU107"),  # a padding zero follows 年 or 月 after a digit
    ],
)
def test_a_match_does_not_begin_inside_a_number(text, code):
    assert findings(text, code) == []


def test_a_full_year_after_a_digit_does_not_give_the_century():
    result = findings("12019年的计划\n19年3月启动。\n", "NU104")
    assert [f.suggestion for f in result] == ["写作“2019年”"]
    result = findings("1919年的计划\n19年3月启动。\n", "NU104")
    assert [f.suggestion for f in result] == ["写作“1919年”"]


# -- the seed -------------------------------------------------------------------------------------------


def test_seed_mixed_issue_counts(seed_path):
    report = check_path(str(seed_path), RunSettings(select=["NU"]))
    mixed = [f for f in report.findings if f.code == "NU101" and f.evidence["measure"] == "期"]
    assert [(f.line, f.excerpt) for f in mixed] == [(30, "五期")]
    assert mixed[0].evidence["other_form_lines"] == [27]  # 4期
    assert mixed[0].category == "numeral" and mixed[0].suggestion == "与本文其他计数一致，写作“5期”"


# -- linear patterns over pathological input -----------------------------------------------------------

PATHOLOGICAL = [
    "1" * 20_000,
    "1～" * 4_000,
    "1.1" * 20_000,
    "约" + "1" * 20_000,
    "约1" * 4_000,
    "超过" + "1," * 4_000,
    "不足" + "一" * 20_000,
    "11年" * 2_500,
    "二零" * 4_000 + "年",
    "2016年0" * 4_000,
    "4期五期" * 4_000,
    "三" * 20_000 + "期",
    "第" * 20_000,
    "1" * 5_000 + "期，五期",
    "1" * 5_000 + "年3月",
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_every_pattern_stays_linear_on_pathological_input(text):
    started = time.perf_counter()
    result = findings(text + "\n", "NU")
    assert time.perf_counter() - started < 5
    assert not [f for f in result if f.code == "IN001"]


def test_patterns_scale_linearly():
    assert grows_at_most_linearly(
        lambda text: findings(text, "NU"), "约3～5万元左右，超过10%以上，16年3月，二零一六年，2016年01月05日，4期五期。"
    )


def test_counts_are_computed_once_per_document():
    from checker.model.document import Document

    doc = Document("举办4期沙龙。举办五期培训。\n")
    assert doc.view(number_usage.counts) is doc.view(number_usage.counts)


PIECES = [
    "约",
    "左右",
    "超过",
    "以上",
    "近",
    "多",
    "家",
    "期",
    "五",
    "三",
    "4",
    "16",
    "2016",
    "年",
    "月",
    "日",
    "01",
    "0",
    "～",
    "-",
    "%",
    "万",
    "元",
    "二",
    "零",
    "O",
    "○",
    "〇",
    "一",
    "六",
    "，",
    "。",
    "\n",
    "举办",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_safe_fixes_stay_in_the_text_and_converge(pieces):
    text = "".join(pieces)
    for _ in range(10):
        result = findings(text, ["NU", "PN2"])
        assert all(0 <= f.fix.start <= f.fix.end <= len(text) for f in result if f.fix)
        fixes = choose_fixes(result)
        if not fixes:
            break
        text = apply_fixes(text, fixes)
    assert not choose_fixes(findings(text, ["NU", "PN2"]))
