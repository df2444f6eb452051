"""Punctuation by GB/T 15834-2011: PN201-PN211 (checker/rules/checks/punctuation.py)."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.config import Settings
from checker.rules.checks import punctuation
from checker.run.engine import check_path
from checker.run.fixer import apply_fixes, choose_fixes
from tests.conftest import findings, grows_at_most_linearly


def where(result):
    return [(f.code, f.line, f.column) for f in result]


# -- PN201 / PN202: half-width marks ------------------------------------------------


def test_a_halfwidth_comma_in_chinese_text_is_reported_with_a_safe_fix():
    (f,) = findings("项目已经完工，投入使用,效果良好。\n", "PN201")
    assert (f.code, f.line, f.column, f.excerpt) == ("PN201", 1, 12, ",")
    assert (f.fix.replacement, f.fix.safety) == ("，", "safe")


def test_halfwidth_brackets_are_judged_as_a_pair():
    result = findings("实施方案(2013年)已印发。\n", "PN201")
    assert where(result) == [("PN201", 1, 5), ("PN201", 1, 11)]
    assert [f.fix.replacement for f in result] == ["（", "）"]


def test_numbers_urls_and_latin_text_keep_their_marks():
    text = "共1,000人，时间10:30。详见https://example.org/a?b=1,2(c)。\nSee (a), b; c: d!\n"
    assert findings(text, "PN201") == []


def test_brackets_of_an_english_sentence_stay_half_width_around_a_chinese_example():
    text = "Older texts use digits (１９５６) and written-out percentages (百分之十二).\n"
    assert findings(text, "PN201") == []
    # a Latin word before the bracket is not enough: the sentence goes on in Chinese
    assert where(findings("使用GDP (国内生产总值)指标。\n", "PN201")) == [("PN201", 1, 7), ("PN201", 1, 14)]


def test_a_question_mark_standing_for_a_lost_character_is_not_reported():
    assert findings("推进甲水库、?水灌区建设。\n", "PN201") == []


def test_the_metadata_header_is_not_checked():
    text = "发布机构:某区科技局\n\n发布日期:2018-09-27\n\n正文第一段，没有问题。\n"
    assert findings(text, "PN2") == []


def test_more_than_ten_halfwidth_marks_give_one_document_finding():
    text = "".join(f"第{i}项工作已经完成,效果良好;\n" for i in range(1, 7))
    result = findings(text, "PN20")
    assert where(result) == [("PN202", 1, 10)]
    (f,) = result
    assert f.evidence["count"] == 12 and f.evidence["by_mark"] == {",": 6, ";": 6}
    assert "基本都是半角" in f.message and "12处" in f.message


def test_the_document_fix_turns_every_mark_fullwidth_and_changes_nothing_else():
    text = "开头。\n" + "".join(f"第{i}项工作已经完成,效果良好(达标);\n" for i in range(1, 5)) + "结尾1,000人。\n"
    (f,) = findings(text, "PN202")
    fixed = apply_fixes(text, [f.fix])
    assert fixed == text.replace(",效", "，效").replace("(", "（").replace(")", "）").replace(";", "；")
    assert f.fix.start == text.index(",") and f.fix.end == text.rindex(";") + 1


def test_ten_halfwidth_marks_are_reported_one_by_one():
    text = "".join(f"第{i}项完成,良好。\n" for i in range(1, 11))
    assert [f.code for f in findings(text, "PN20")] == ["PN201"] * 10


# -- PN203: stacked marks --------------------------------------------------------------


def test_a_doubled_comma_is_reported_with_a_safe_fix():
    (f,) = findings("项目已经完工，，投入使用。\n", "PN203")
    assert (f.line, f.column, f.excerpt) == (1, 7, "，，")
    assert (f.fix.replacement, f.fix.safety) == ("，", "safe")


def test_a_comma_before_a_full_stop_is_stacked_with_an_unsafe_fix():
    (f,) = findings("工作取得进展，。\n", "PN203")
    assert (f.line, f.column, f.excerpt, f.fix.replacement, f.fix.safety) == (1, 7, "，。", "。", "unsafe")


def test_doubled_halfwidth_marks_in_chinese_text_are_reported():
    (f,) = findings("工作已经完成,,效果良好。\n", "PN203")
    assert (f.line, f.column, f.excerpt, f.fix.replacement) == (1, 7, ",,", ",")


def test_stacked_halfwidth_marks_outside_chinese_text_are_fine():
    assert findings("Use a::b and x,;y here. 进入前1?。\n", "PN203") == []


def test_single_marks_and_a_question_with_exclamation_are_fine():
    assert findings("他问：“行吗？！”我说：“行。”工作完成，效果良好。\n", "PN203") == []


def test_three_full_stops_are_left_to_the_ellipsis_rule():
    assert where(findings("科技、金融。。。等方面\n", ["PN203", "PN207"])) == [("PN207", 1, 6)]


# -- PN204: nested title marks ------------------------------------------------------------


def test_ascii_angle_brackets_inside_title_marks_are_reported():
    text = "根据《关于印发<甲市宽带工程实施方案>的通知》要求\n"
    (f,) = findings(text, "PN204")
    assert (f.line, f.column, f.excerpt) == (1, 8, "<甲市宽带工程实施方案>")
    assert f.fix.replacement == "〈甲市宽带工程实施方案〉"


def test_title_marks_inside_title_marks_are_reported():
    (f,) = findings("学习《关于贯彻《条例》的意见》精神\n", "PN204")
    assert (f.column, f.excerpt) == (8, "《条例》")


def test_single_title_marks_inside_and_comparisons_outside_are_fine():
    text = "学习《关于贯彻〈条例〉的意见》精神，指标a<b且c>d。\n"
    assert findings(text, "PN204") == []


# -- PN205 / PN206: 顿号 between marked items -----------------------------------------------


def test_dunhao_between_titles_is_reported_as_info_with_a_safe_fix():
    (f,) = findings("出台《甲办法》、《乙办法》。\n", "PN205")
    assert (f.line, f.column, f.excerpt, f.severity.value) == (1, 7, "》、《", "info")
    assert f.fix.replacement == "》《"


def test_titles_without_dunhao_or_with_a_note_between_are_fine():
    text = "出台《甲办法》《乙办法》，印发《丙规定》（试行）、《丁规定》。\n"
    assert findings(text, "PN20") == []


def test_a_document_that_mixes_both_forms_gets_one_warning_and_a_fix_at_each_dunhao():
    text = "落实“甲政策”“乙政策”“丙政策”，开展“丁活动”、“戊活动”。\n"
    place, warning = findings(text, ["PN205", "PN206"])
    column = 1 + text.index("”、“")
    assert (place.code, place.column, place.severity.value, place.fix.replacement) == ("PN205", column, "info", "”“")
    assert (warning.code, warning.line, warning.column, warning.excerpt) == ("PN206", 1, column, "”、“")
    assert warning.message == "并列的引号之间有的用顿号、有的不用（1处用，2处不用）"
    assert warning.suggestion == "按GB/T 15834全文统一不用顿号：删去并列的引号之间的这1个顿号（见各处PN205提示）"
    assert warning.fix is None
    assert warning.evidence == {"with_dunhao": 1, "without_dunhao": 2, "lines": [1], "line_count": 1}


def test_when_most_series_have_the_dunhao_one_warning_names_their_lines_and_none_is_added():
    text = "落实“甲”、“乙”、“丙”，\n开展“丁”“戊”活动。\n推进“己”、“庚”工作。\n"
    (warning,) = findings(text, "PN206")
    assert (warning.line, warning.column) == (1, 1 + text.index("”、“乙"))
    assert warning.message == "并列的引号之间有的用顿号、有的不用（3处用，1处不用）"
    assert (warning.evidence["lines"], warning.evidence["line_count"]) == ([1, 3], 2)
    places = findings(text, "PN205")
    assert [(f.line, f.fix.replacement) for f in places] == [(1, "”“"), (1, "”“"), (3, "”“")]
    fixed = apply_fixes(text, choose_fixes(places))
    assert fixed == "落实“甲”“乙”“丙”，\n开展“丁”“戊”活动。\n推进“己”“庚”工作。\n"
    assert all("加顿号" not in f.suggestion and "加顿号" not in f.message for f in [warning, *places])


@pytest.mark.parametrize(
    "text",
    [
        "举办运动会、“甲赛”、“乙赛”、环湖赛等。\n",  # unmarked items on both sides
        "举办“甲赛”、“乙赛”、环湖赛等。\n",  # an unmarked item after the marked ones
        "举办“甲赛”、“乙赛”国际联赛、“丙赛”等。\n",  # an item goes on after its closing mark
        "依据《甲法》、《乙条例》、有关规定。\n",
    ],
)
def test_a_dunhao_that_separates_a_list_with_unmarked_items_is_right(text):
    assert findings(text + "开展“丁”“戊”“己”活动。\n", ["PN205", "PN206"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "打造“甲赛”、“乙赛”课程等品牌。\n",  # what follows belongs to the items together
        "推行“甲承诺”、“乙承诺”双承诺，强化监管、服务。\n",
        "开展“甲”、“乙”等活动、会议。\n",  # 等 closes the marked items
    ],
)
def test_marked_items_followed_by_a_word_keep_their_finding(text):
    (f,) = findings(text, "PN205")
    assert f.excerpt == "”、“"


@pytest.mark.parametrize(
    "text",
    [
        "会上批评“某工作组”“形式主义严重”，并要求整改。\n",  # a name, then a charge quoted about it
        "批评“某工作组”“形式主义严重”的问题。\n",
    ],
)
def test_a_term_and_a_quotation_about_it_are_not_a_series(text):
    mixed = text + "开展“丁活动”、“戊活动”。\n"
    (f,) = findings(mixed, ["PN205", "PN206"])
    assert (f.code, f.line) == ("PN205", 2)  # the 顿号 form is then the only one: no PN206


@pytest.mark.parametrize(
    "series",
    [
        "“甲”“乙”“丙”。",  # three items
        "“两重”“两新”。",  # a shared character
        "“躺平”“侧卧”等问题。",  # a word goes on after the second item
    ],
)
def test_quoted_items_that_form_a_series_count_without_a_dunhao(series):
    (f,) = findings(f"开展“丁活动”、“戊活动”，落实{series}\n", "PN206")
    assert f.evidence["without_dunhao"] == series.count("”“")


def test_quoted_sentences_one_after_another_are_not_a_list():
    text = "他说：“要抓落实。”“要重实效。”大家说：“好”、“对”。\n"
    result = findings(text, ["PN205", "PN206"])
    assert where(result) == [("PN205", 1, 24)]


# -- PN207 / PN208: ellipsis and dash ---------------------------------------------------------


@pytest.mark.parametrize("written", ["...", "。。。", "…", "…………", "···"])
def test_malformed_ellipsis_is_reported(written):
    (f,) = findings(f"科技、金融{written}等方面\n", "PN207")
    assert (f.line, f.column, f.excerpt, f.fix.replacement) == (1, 6, written, "……")


def test_a_proper_ellipsis_latin_dots_and_contents_leaders_are_fine():
    assert findings("科技、金融……等方面。Wait... ok\n第一章　总则…………1\n第二章　职责......12\n", "PN207") == []


@pytest.mark.parametrize("written", ["--", "－－", "──", "———"])
def test_malformed_dash_is_reported(written):
    (f,) = findings(f"主要任务{written}推进产业升级\n", "PN208")
    assert (f.column, f.excerpt, f.fix.replacement) == (5, written, "——")


def test_a_proper_dash_and_a_single_connector_are_fine():
    assert findings("主要任务——推进升级，北京—上海列车，x--y\n", "PN208") == []


# -- PN209 / PN210: year ranges ---------------------------------------------------------------


def test_year_ranges_with_two_connectors_report_the_less_used_one():
    text = "《计划（2015—2017）》和《方案（2013—2015）》，另见（2016-2018）。\n"
    result = findings(text, ["PN209", "PN210"])
    assert where(result) == [("PN209", 1, 1 + text.index("-"))]
    assert result[0].evidence == {"counts": {"—": 2, "-": 1}}


def test_a_hyphen_in_consistent_year_ranges_is_info_with_a_safe_fix():
    (f,) = findings("《计划（2015-2017）》\n", ["PN209", "PN210"])
    assert (f.code, f.column, f.severity.value, f.fix.replacement) == ("PN210", 9, "info", "—")


def test_dates_codes_and_reversed_numbers_are_not_year_ranges():
    text = "2018-09-27发布，编号YX06/2016-2019，电话2020-2019，文号2016-00180。\n"
    assert findings(text, ["PN209", "PN210"]) == []


# -- PN211: spaces ------------------------------------------------------------------------------


def test_a_space_between_chinese_and_a_number_is_reported_with_a_safe_fix():
    (f,) = findings("总收入达 543亿元。\n", "PN211")
    assert (f.line, f.column, f.excerpt, f.fix.replacement) == (1, 5, " ", "")


def test_a_space_between_a_number_and_chinese_is_reported():
    assert where(findings("比1980 年翻两番。\n", "PN211")) == [("PN211", 1, 6)]


def test_legitimate_spaces_are_left_alone():
    text = (
        "中共中央 国务院关于某事的意见\n国务院总理　李克强\n1.1 编制目的\n附件 1\n"
        "某区科技局 2016年1月19日\nWLAN 热点，GDP 增长\n联系电话 82345678，邮编 510000\n"
    )
    assert findings(text, "PN211") == []


def test_no_rule_asks_for_a_space_between_chinese_and_digits_or_latin():
    assert findings("2016年完成投资5亿元，建成WLAN热点。\n", "PN2") == []


# -- the seed ---------------------------------------------------------------------------------


def test_seed_findings(seed_path):
    report = check_path(str(seed_path), Settings(select=["PN2"]))
    found = {(f.code, f.line, f.column) for f in report.findings}
    assert ("PN211", 25, 278) in found  # 达 543亿元
    assert ("PN204", 32, 36) in found  # <广州市…> inside 《》
    assert ("PN205", 28, 50) in found  # 》、《
    assert ("PN202", 21, 11) in found  # the first of the half-width marks
    whole = [f for f in report.findings if f.code == "PN202"]
    assert len(whole) == 1 and whole[0].evidence["count"] > 300
    assert all(f.category == "punctuation" and f.suggestion for f in report.findings)
    space = next(f for f in report.findings if f.code == "PN211")
    assert report.text[space.start - 1 : space.end + 3] == "达 543"
    assert not any(f.line < 13 for f in report.findings)  # the header's half-width colons


# -- linear patterns over pathological input --------------------------------------------------

PATHOLOGICAL = [
    "," * 20_000,
    "(" * 4_000 + ")" * 4_000,
    "中," * 4_000,
    "http://" + "a" * 20_000,
    "www." * 5_000,
    "，" * 20_000,
    "。" * 20_000,
    "《" * 4_000 + "<" * 4_000 + ">》" * 4_000,
    "》、《" * 2_500,
    "”“" * 4_000,
    "." * 20_000,
    "…" * 20_000,
    "-" * 20_000,
    "—" * 20_000,
    "2015-" * 4_000,
    "20152015" * 2_500,
    "中 1" * 2_500,
    "1 " * 4_000,
    "第一章" * 2_500 + " 1",
    "中" + "," * 20_000,
    "中" + "(," * 10_000,
    "中" + "(" * 10_000 + ")" * 10_000 + "x",
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_every_pattern_stays_linear_on_pathological_input(text):
    started = time.perf_counter()
    result = findings(text + "\n", "PN2")
    assert time.perf_counter() - started < 5
    assert not [f for f in result if f.code == "IN001"]


def test_patterns_scale_linearly():
    assert grows_at_most_linearly(lambda text: findings(text, "PN2"), "中 1,（2015-2016）。。…--《<》、《”、“ ")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="中文,，;:()（）?!。、《》<>“”…. -—0123456789\n", max_size=200))
def test_fixes_stay_inside_the_text_and_the_safe_ones_apply_cleanly(text):
    result = findings(text, "PN2")
    for f in result:
        if f.fix:
            assert 0 <= f.fix.start <= f.fix.end <= len(text)
    apply_fixes(text, choose_fixes(result))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="中文科技工作，；：（）？！。、《》“”0123456789 \n", max_size=300))
def test_a_text_with_only_fullwidth_marks_never_has_a_halfwidth_finding(text):
    assert findings(text, ["PN201", "PN202"]) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["工作", "完成", ",", ";", ":", "(", ")", "?", "良好", "。", "\n"]), max_size=80))
def test_fixing_halfwidth_marks_leaves_none_behind(pieces):
    text = "".join(pieces)
    fixed = apply_fixes(text, choose_fixes(findings(text, ["PN201", "PN202"])))
    assert findings(fixed, ["PN201", "PN202"]) == []
    assert len(fixed) == len(text)


def test_half_width_detection_is_computed_once_per_document():
    from checker.model.document import Document

    doc = Document("项目完成,良好。\n")
    first = doc.view(punctuation.halfwidth_marks)
    assert doc.view(punctuation.halfwidth_marks) is first


# -- the sample of punctuation and number defects ---------------------------------------------

SAMPLE = "punct-number-defects.txt"
SAMPLE_FINDINGS = [
    ("NU105", 2),
    ("PN211", 5),
    ("PN205", 5),
    ("PN204", 5),
    ("NU101", 6),
    ("PN203", 6),
    ("PN205", 7),
    ("PN206", 7),
    ("PN207", 7),
    ("PN209", 8),
    ("NU102", 8),
    ("NU103", 8),
    ("NU103", 8),
    ("NU104", 9),
    ("PN208", 9),
    ("NU107", 9),
]


def test_sample_punctuation_and_number_findings():
    from tests.conftest import SAMPLES

    text = (SAMPLES / SAMPLE).read_text(encoding="utf-8")
    assert [(f.code, f.line) for f in findings(text, ["PN2", "NU"])] == SAMPLE_FINDINGS


def test_fixing_the_sample_converges_and_leaves_only_what_needs_the_author():
    from checker.run.fixer import plan_fix
    from tests.conftest import SAMPLES

    settings = Settings(select=["PN2", "NU"])
    plan = plan_fix(str(SAMPLES / SAMPLE), settings)
    left = findings(plan.fixed_text, ["PN2", "NU"])
    assert all(f.fix is None or f.fix.safety == "unsafe" for f in left)
    assert sorted({f.code for f in left}) == ["NU101", "NU103", "NU104", "PN209"]
    assert all(part in plan.fixed_text for part in ("达1.5亿元", "〈某区创新券管理办法〉", "二〇一六年", "》《"))


def test_the_clean_sample_has_no_punctuation_or_number_finding():
    from tests.conftest import SAMPLES

    text = (SAMPLES / "work-summary-clean.txt").read_text(encoding="utf-8")
    assert findings(text, ["PN2", "NU"]) == []


# -- PN212: a stray space between two Chinese characters ---------------------------------

RUNNING = "为进一步加强安全生产工作，{}，切实做好隐患排查治理。\n"


def test_a_space_inside_a_clause_of_running_text_is_reported_with_an_unsafe_fix():
    text = RUNNING.format("各单位要认真 落实工作要求")
    [found] = findings(text, ["PN212"])
    assert (found.start, found.end, found.severity.value) == (text.index(" "), text.index(" ") + 1, "warning")
    assert found.fix.safety == "unsafe"
    assert apply_fixes(text, [found.fix]) == RUNNING.format("各单位要认真落实工作要求")


@pytest.mark.parametrize(
    "clause",
    [
        "国 务 院各部门要认真落实",  # letter-spaced
        "组 长：由分管负责同志担任",  # a letter-spaced label
        "推出“雄奇山水 新韵重庆”文旅品牌",  # a slogan
        "贯彻《中共中央 国务院关于加强安全生产的意见》",  # organs in a title
        "出席的有张三 李四 王五等同志",  # a list laid out with spaces
        "本报记者 某某某 摄",  # a photo credit
        "各单位要认真\u3000落实工作要求",  # a full-width space, used on purpose
    ],
)
def test_spaces_written_on_purpose_are_not_reported(clause):
    assert findings(RUNNING.format(clause), ["PN212"]) == []


def test_a_space_that_splits_a_word_inside_quotation_marks_is_reported():
    assert len(findings(RUNNING.format("深化“集 团化”改革"), ["PN212"])) == 1


def test_a_short_line_such_as_a_byline_is_not_running_text():
    assert findings("广东省省长 某某某\n", ["PN212"]) == []


def test_the_halfwidth_marks_view_reads_as_a_sequence_of_marks():
    from checker.model.document import Document

    marks = punctuation.halfwidth_marks(Document("甲,乙(丙)丁;abc,def"))
    assert list(marks) == [
        punctuation.HalfMark(1, ","),
        punctuation.HalfMark(3, "("),
        punctuation.HalfMark(5, ")"),
        punctuation.HalfMark(7, ";"),
    ]
    assert len(marks) == 4
    assert marks[-1] == punctuation.HalfMark(7, ";") and marks[-1].replacement == "；"
    assert marks[1:3] == [punctuation.HalfMark(3, "("), punctuation.HalfMark(5, ")")]
    assert list(marks.offsets) == [1, 3, 5, 7]
