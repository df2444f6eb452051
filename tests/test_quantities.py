"""The quantities view: numbers with unit, magnitude, precision and qualifier."""

import time
from fractions import Fraction

import pytest

from checker.model.document import Document
from checker.model.quantities import (
    NumericRulesError,
    extract_quantities,
    format_number,
    load_numeric_rules,
    quantities,
    quantity_columns,
    round_half_up,
    sentences_with_quantities,
)
from checker.model.records import KEEP_BUILT
from tests.conftest import ROOT


def one(text: str):
    (quantity,) = [q for q in extract_quantities(text) if q.unit]
    return quantity


@pytest.mark.parametrize(
    "text, value, unit, kind",
    [
        ("完成543项", 543, "项", "count"),
        ("税收1.09亿元", Fraction(109_000_000), "元", "measure"),
        ("面积19万平方米", 190_000, "平方米", "measure"),
        ("合同金额59796万美元", 597_960_000, "美元", "measure"),
        ("总额1.8万亿元", Fraction(18, 10) * 10**12, "元", "measure"),
        ("检查商品10,400件", 10_400, "件", "count"),
        ("增长45.4%", Fraction(454, 10), "%", "percent"),
        ("增长３．５％", Fraction(35, 10), "%", "percent"),
        ("出生率12‰", 12, "‰", "permille"),
        ("增长3倍", 3, "倍", "times"),
        ("提高0.3个百分点", Fraction(3, 10), "个百分点", "points"),
    ],
)
def test_arabic_numbers_with_magnitude_and_unit(text, value, unit, kind):
    quantity = one(text)
    assert (quantity.value, quantity.unit, quantity.kind) == (value, unit, kind)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("举办了五期培训班", 5, "期"),
        ("建设两家科技银行", 2, "家"),
        ("新建十二项工程", 12, "项"),
        ("增长百分之十五", 15, "%"),
        ("增长百分之十八点六", Fraction(186, 10), "%"),
        ("约三成企业", 30, "%"),
        ("三万人参加", 30_000, "人"),
        ("投资一点五亿元", 150_000_000, "元"),
    ],
)
def test_chinese_numerals(text, value, unit):
    quantity = one(text)
    assert (quantity.value, quantity.unit, quantity.chinese) == (value, unit, True)


def test_full_width_digits_are_read_as_digits():
    quantity = one("建成项目２１５个")
    assert (quantity.value, quantity.unit) == (215, "个")


def test_a_chinese_numeral_without_a_measure_word_is_not_a_quantity():
    assert [q.text for q in extract_quantities("统一思想，进一步推进“十三五”规划。")] == []


@pytest.mark.parametrize(
    "text, qualifier, word",
    [
        ("吸引了近300位学员", "approximate", "近"),
        ("培训约500人次", "approximate", "约"),
        ("服务1000家左右", "approximate", "左右"),
        ("企业超1900家", "lower", "超"),
        ("面积逾110万平方米", "lower", "逾"),
        ("融资超过2亿元", "lower", "超过"),
        ("为500多家企业", "lower", "多"),
        ("检查商品10400余件", "lower", "余"),
        ("1000万元以上的企业", "lower", "以上"),
        ("失业率不足5%", "upper", "不足"),
        ("控制在3%以下", "upper", "以下"),
        ("不到10个", "upper", "不到"),
    ],
)
def test_qualifiers_make_a_number_approximate_or_a_bound(text, qualifier, word):
    quantity = one(text)
    assert (quantity.qualifier, quantity.qualifier_word) == (qualifier, word)


def test_cumulative_is_read_from_the_clause():
    assert one("全区累计认定技术先进型服务企业17家").cumulative


def test_words_that_only_end_in_a_qualifier_are_not_qualifiers():
    assert one("节约用水3000吨").qualifier is None
    assert one("最近3个").qualifier is None


def test_units_normalise_magnitudes_but_never_mix_measure_words():
    wan, yi = one("5000万元"), one("0.5亿元")
    assert (wan.unit, wan.value) == (yi.unit, yi.value) == ("元", 50_000_000)
    assert one("12项").unit != one("12个").unit
    assert one("3平方千米").unit == one("3平方公里").unit


def test_years_ordinals_and_range_ends_are_not_usable_in_claims():
    found = {q.text: q for q in extract_quantities("2015年第4位，新建3-5个，5G基站和O2O")}
    assert found["2015年"].kind == "time"
    assert found["4位"].ordinal
    assert found["5个"].ranged
    assert not any(q.usable for q in found.values())
    assert "5" not in found and "2" not in found  # 5G, O2O


def test_precision_and_interval_follow_the_written_form():
    rules = load_numeric_rules()
    assert one("37.7%").interval(rules) == (Fraction("37.65"), Fraction("37.75"))
    assert one("17家").interval(rules) == (17, 17)  # a whole count is exact
    assert one("19万平方米").interval(rules) == (185_000, 195_000)
    assert one("超1900家").interval(rules) == (1900, None)
    assert one("近300位").interval(rules) == (270, 330)


def test_rounding_is_half_up():
    assert round_half_up(Fraction("37.75"), 1) == Fraction("37.8")
    assert round_half_up(Fraction("0.125"), 2) == Fraction("0.13")
    assert format_number(Fraction(17 * 100, 45), 1) == "37.8"
    assert format_number(Fraction(17 * 100, 46), 1) == "37.0"


def test_quantities_view_covers_the_body_only_and_is_computed_once():
    doc = Document("发布日期:2018-09-27\n\n关于工作的报告\n　　完成项目12个。\n")
    first = quantities(doc)
    assert [q.text for q in first if q.unit] == ["12个"]
    assert quantities(doc) is first


def test_quantity_columns_read_as_the_list_of_quantities():
    text = "投资3-5亿元，约12个，新建3所学校，投资3-5亿元。"
    listed = extract_quantities(text)
    columns = quantity_columns(text)
    assert len(columns) == len(listed) == 6
    assert list(columns) == listed
    assert columns == listed
    assert [columns[i] for i in range(-6, 6)] == listed + listed
    assert columns[2:4] == listed[2:4]
    assert columns[::-1] == listed[::-1]
    assert list(columns.starts) == [q.start for q in listed]
    with pytest.raises(IndexError):
        columns[6]


def test_quantities_written_alike_share_one_shape_and_keep_their_own_offsets_and_ranges():
    text = "新建3所学校，新建3所学校，改建3所-5所学校。"
    columns = quantity_columns(text)
    assert [(q.start, q.end, q.text, q.ranged) for q in columns] == [
        (2, 4, "3所", False),
        (9, 11, "3所", False),
        (16, 18, "3所", True),
        (19, 21, "5所", True),
    ]
    assert columns.kinds() == {"count"}
    assert columns.count_kind("count", 1, 3) == 2


def test_a_small_view_gives_the_same_records_on_every_read():
    columns = quantity_columns("约12个，共3项")
    assert columns[0] is columns[0] is next(iter(columns))
    assert columns[1:][0] is columns[1]


def test_a_view_of_quantities_shows_its_quantities():
    assert repr(quantity_columns("共3项")).startswith("Quantities([Quantity(start=1, end=3, text='3项'")


def test_a_large_view_builds_a_record_on_each_read_and_keeps_none():
    text = "完成12个，" * (KEEP_BUILT + 1)
    columns = quantity_columns(text)
    assert len(columns) == KEEP_BUILT + 1
    first, again = columns[0], columns[0]
    assert first == again and first is not again
    assert [q.start for q in columns][-1] == 6 * KEEP_BUILT + 2


def test_a_text_of_more_different_figures_than_are_remembered_reads_every_one():
    text = "".join(f"完成{i}项，" for i in range(5000)) + "完成1项，约1项。"
    found = quantity_columns(text)
    assert [int(q.value) for q in found] == [*range(5000), 1, 1]
    assert [(q.qualifier, q.qualifier_word) for q in found[-2:]] == [(None, ""), ("approximate", "约")]
    assert text[found[-1].start : found[-1].end] == "1项"


def test_a_sentence_knows_the_kinds_of_its_quantities_without_reading_them():
    text = "2024年完成12个，增长5%。\n2023年3月1日。\n"
    first, second = sentences_with_quantities(Document(text))
    assert first.kinds == {"time", "count", "percent"}
    assert second.kinds == {"time"}
    assert [q.text for q in second.quantities] == ["2023年", "3月", "1日"]
    assert second.count_kind("time") == 3


def test_sentences_end_after_end_marks_and_only_those_with_quantities_are_kept():
    text = "关于工作的报告\n　　总体情况良好。今年完成项目12个，投资5亿元！下一步继续努力。\n新建3所学校？\n"
    found = [(text[s.start : s.end], [q.text for q in s.quantities]) for s in sentences_with_quantities(Document(text))]
    assert found == [("今年完成项目12个，投资5亿元！", ["12个", "5亿元"]), ("新建3所学校？", ["3所"])]


@pytest.mark.parametrize(
    "text",
    [
        "9" * 500 + "项",
        "1," * 20_000 + "1项",
        ",123" * 20_000,
        "1.1.1." * 10_000,
        "一二三四五六七八九十" * 5_000,
        "百分之" * 10_000,
    ],
)
def test_pathological_input_is_linear(text):
    started = time.perf_counter()
    extract_quantities(text)
    assert time.perf_counter() - started < 2.0


def test_a_run_of_digits_too_long_to_be_a_figure_is_not_a_quantity():
    assert extract_quantities("9" * 500 + "项") == []
    (quantity,) = extract_quantities("9" * 40 + "项")
    assert quantity.value == int("9" * 40)


def test_malformed_rules_file_names_the_file_the_entry_and_the_reason(tmp_path):
    bad = tmp_path / "numeric.yaml"
    good = load_numeric_rules()
    import yaml

    data = good.model_dump(exclude_none=True) | {"partitions": [{"name": "性别", "members": [["男"]]}]}
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(NumericRulesError) as error:
        load_numeric_rules(str(bad))
    message = str(error.value)
    assert str(bad) in message and "条目 partitions/0/members 无效：至少要有 2 项" in message


@pytest.mark.parametrize("value, reason", [(".nan", "应为有限的数字"), (".inf", "应为有限的数字"), ("1.5", "应 ≤ 1")])
def test_a_tolerance_that_is_no_finite_fraction_is_refused(tmp_path, value, reason):
    good = (ROOT / "rules" / "numeric.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "numeric.yaml"
    bad.write_text(good.replace("approximate_relative: 0.10", f"approximate_relative: {value}"), encoding="utf-8")
    with pytest.raises(NumericRulesError) as error:
        load_numeric_rules(str(bad))
    assert str(error.value).startswith(f"{bad}: 条目 tolerance/approximate_relative 无效：{reason}")


def test_rules_file_that_is_not_yaml_is_a_clear_error(tmp_path):
    bad = tmp_path / "numeric.yaml"
    bad.write_text("units: [unclosed\n", encoding="utf-8")
    with pytest.raises(NumericRulesError, match="不是有效的 YAML"):
        load_numeric_rules(str(bad))


@pytest.mark.parametrize(
    "text, unit",
    [
        ("旅客周转量150亿人公里", "人公里"),
        ("旅客周转量2亿人海里", "人海里"),
        ("货物周转量280亿吨千米", "吨公里"),
        ("游客3000万人次", "人次"),
    ],
)
def test_a_turnover_unit_is_read_whole_and_not_as_people_or_tons(text, unit):
    assert one(text).unit == unit
