"""classify_lines parses only the stretches where a marker can match; the lines it
classifies itself must be exactly those the grammar gives when it parses everything."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import outline
from checker.model.outline import _classify_lines_whole, classify_lines


@pytest.fixture(autouse=True)
def marker_test_from_the_first_line(monkeypatch):
    """A process parses its first few hundred lines whole; these tests judge the marker test."""
    monkeypatch.setattr(outline, "_FAST_AFTER", 0)

# Markers (some written across a line break), indents, line breaks and plain text.
PIECES = ["一、", "（二）", "(3)", "1.", "2．", "12、", "第三章", "第五条", "索 引 号：", "索\n引\n号：", "索",
          "\n引号：甲", "发布机构：", "关闭窗口", "  关闭页面", "首页\n>", "附件：", "附件", "附 件 2",
          "某办函〔2020〕8号", "2019年3月8日", "二〇一九年三月八日", " ", "\u3000", "\xa0", "\t", "\r", "\r\n",
          "\n", "\n", "文字", "。", "2.5万元", "x"]


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_lines_are_classified_as_a_whole_parse_classifies_them(text):
    assert classify_lines(text) == _classify_lines_whole(text)


def test_a_marker_written_across_a_line_break_is_parsed_with_the_next_line():
    text = "正文\n索\n引号：甲\n正文\n"
    assert classify_lines(text) == _classify_lines_whole(text)
    assert [line.kind for line in classify_lines(text)][:3] == ["text", "meta_field", "blank"]


def test_the_first_lines_of_a_process_are_parsed_whole(monkeypatch):
    monkeypatch.setattr(outline, "_FAST_AFTER", 10**9)
    text = "一、标题\n正文\n"
    assert classify_lines(text) == _classify_lines_whole(text)
