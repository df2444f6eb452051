"""classify_lines parses only the stretches where a marker can match; the lines it
classifies itself must be exactly those the grammar gives when it parses everything."""
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.outline import _classify_lines_whole, classify_lines

# Markers (some written across a line break), indents, line breaks and plain text.
PIECES = ["一、", "（二）", "(3)", "1.", "2．", "12、", "第三章", "第五条", "索 引 号：", "索\n引\n号：", "索",
          "\n引号：甲", "发布机构：", "关闭窗口", "  关闭页面", "首页\n>", "附件：", "附件", "附 件 2",
          "某办函〔2020〕8号", "2019年3月8日", "二〇一九年三月八日", " ", "\u3000", "\xa0", "\t", "\r", "\r\n",
          "\n", "\n", "文字", "。", "2.5万元", "x"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_lines_are_classified_as_a_whole_parse_classifies_them(text):
    assert classify_lines(text) == _classify_lines_whole(text)


def test_a_marker_written_across_a_line_break_is_parsed_with_the_next_line():
    text = "正文\n索\n引号：甲\n正文\n"
    assert classify_lines(text) == _classify_lines_whole(text)
    assert [line.kind for line in classify_lines(text)][:3] == ["text", "meta_field", "blank"]
