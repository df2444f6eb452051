"""Paired punctuation: PN101 unclosed, PN102 unmatched closer, PN103 crossed."""

from tests.conftest import findings


def test_unclosed_bracket_is_reported_at_the_bracket():
    (f,) = findings("截止2015年11月(，全区完成产值34.6亿元。\n", "PN101")
    assert (f.code, f.line, f.column, f.excerpt) == ("PN101", 1, 11, "(")


def test_closed_pairs_of_every_kind_are_fine():
    text = "《关于（试行）的通知》“好”‘对’〈附〉【注】〔2016〕(一)（二)\n"
    assert findings(text, "PN1") == []


def test_unmatched_closing_quote():
    (f,) = findings("正在汇合成一个”统一的活动。\n", "PN102")
    assert (f.line, f.column, f.fix) == (1, 8, None)
    assert f.message == "右引号（”）前面没有对应的左引号（“）"


def test_a_right_quote_that_opens_a_quotation_is_turned_into_a_left_one():
    (f,) = findings("坚持”两手抓”的方针。\n", "PN102")  # the second ” is reported with the first
    assert (f.column, f.excerpt) == (3, "”")
    assert f.message == "右引号（”）前面没有左引号，此处应为左引号（“）"
    assert f.suggestion == "把这个右引号（”）改为左引号（“）"
    assert (f.fix.start, f.fix.end, f.fix.replacement, f.fix.safety) == (2, 3, "“", "safe")


def test_no_quote_is_turned_when_a_left_quote_stands_between():
    result = findings("甲”乙“丙”丁”。\n", "PN102")
    assert [(f.column, f.fix) for f in result] == [(2, None), (8, None)]


def test_an_unmatched_bracket_names_both_marks():
    (f,) = findings("发展目标)已经确定。\n", "PN102")
    assert (f.message, f.suggestion) == ("“)”前面没有对应的“(”", "在适当位置补上“(”，或删除多余的“)”")


def test_crossed_pairs():
    (f,) = findings("《实施方案（2013-2015》）的通知。\n", "PN1")
    assert f.code == "PN103"
    assert f.evidence["inner_open"] == "（"


def test_list_item_number_with_only_a_closing_bracket_is_fine():
    assert findings("1）加强领导。\n2）落实责任。\n", "PN") == []


def test_pairs_close_across_a_title_broken_over_lines():
    assert findings("关于印发《政府网站集约化\n\n试点工作方案》的通知\n", "PN") == []


def test_pairs_do_not_close_across_finished_paragraphs():
    result = findings("他说：“要抓好落实。\n第二段话”。\n", "PN")
    assert sorted(f.code for f in result) == ["PN101", "PN102"]


def test_ten_thousand_nested_brackets_report_each_unclosed_one():
    text = "（" * 10_000 + "\n"
    assert len(findings(text, "PN101", max_findings_per_rule=0)) == 10_000


def test_seed_bracket_line_31(seed_path):
    from checker.core.config import Settings
    from checker.run.engine import check_path

    report = check_path(str(seed_path), Settings(select=["PN1"]))
    assert [(f.code, f.line, f.column) for f in report.findings] == [("PN101", 31, 168)]


# -- the paired-marks view the rules read -----------------------------------------------


def test_the_paired_marks_view_holds_every_pair_and_every_mark_left_unpaired():
    from checker.model.document import Document
    from checker.model.pairs import Crossed, Unclosed, Unmatched, paired_marks

    text = "《关于（试行）的通知》（一）【注\n正在”统一《实施方案（2013》）\n"
    found = paired_marks(Document(text))
    assert found.pairs == [(0, 10), (3, 6), (11, 13), (27, 33)]
    assert found.unclosed == [Unclosed(14, "【")]  # the short first line runs on: one paragraph
    assert found.unmatched == [Unmatched(19, "”")]
    assert found.crossed == [Crossed(32, "》", opening=22, inner=27)]
    assert (found.unclosed[0].expected, found.unmatched[0].expected) == ("】", "“")
