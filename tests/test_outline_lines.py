"""classify_lines: one classified line for every line of the text, as grammar/outline.lark reads it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.resources import grammar_path
from checker.model.line_lexer import Line, build_tables, classify_lines, classify_lines_with_lark
from tests.conftest import SAMPLES

# Markers (some written across a line break), indents, line breaks and plain text.
PIECES = [
    "一、",
    "（二）",
    "(3)",
    "1.",
    "2．",
    "12、",
    "第三章",
    "第五条",
    "索 引 号：",
    "索\n引\n号：",
    "索",
    "\n引号：甲",
    "发布机构：",
    "关闭窗口",
    "  关闭页面",
    "首页\n>",
    "附件：",
    "附件",
    "附 件 2",
    "某办函〔2020〕8号",
    "2019年3月8日",
    "二〇一九年三月八日",
    " ",
    "\u3000",
    "\xa0",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\n",
    "文字",
    "。",
    "2.5万元",
    "x",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS)
def test_the_lines_are_those_of_larks_parse_of_the_whole_text(text):
    assert classify_lines(text) == classify_lines_with_lark(text)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(TEXTS)
def test_every_line_of_the_text_has_one_classified_line_in_order(text):
    starts = [0] + [at + 1 for at, char in enumerate(text) if char == "\n"]
    lines = classify_lines(text)
    assert [line.line_start for line in lines] == starts
    for line in lines:
        assert line.line_start <= line.start <= line.end <= len(text)
        if line.kind == "blank":
            assert line.start == line.end == line.line_start


def test_the_outline_grammar_is_read_line_by_line_without_lark():
    tables = build_tables(str(grammar_path("outline.lark")))
    assert tables is not None
    assert len(tables.scanners) == 4  # a line's start, after an indent, after a marker, after a date line


def test_a_grammar_whose_lines_depend_on_the_lines_before_is_left_to_lark(tmp_path):
    grammar = tmp_path / "titled.lark"
    grammar.write_text("start: TITLE _NL (WORD _NL)*\nTITLE: /#[a-z]+/\nWORD: /[a-z]+/\n_NL: /\\n/\n")
    assert build_tables(str(grammar)) is None


def test_the_lines_of_the_samples_seed_and_corpus_are_those_of_larks_parse(seed_path, corpus_path):
    for path in [*sorted(SAMPLES.glob("*.txt")), seed_path, *sorted(corpus_path.glob("*.txt"))]:
        text = path.read_text(encoding="utf-8")
        assert classify_lines(text) == classify_lines_with_lark(text), path.name


def test_an_indented_heading_starts_at_its_marker():
    heading = classify_lines("\u3000\u3000一、总体要求\n")[0]
    assert heading == Line(kind="heading", start=2, end=8, terminal="H1", marker_end=4, line_start=0)


def test_a_marker_written_across_line_breaks_leaves_the_lines_it_covers_blank():
    lines = classify_lines("正文\n索\n引号：甲\n正文\n")
    assert [line.kind for line in lines] == ["text", "meta_field", "blank", "text", "blank"]
    assert (lines[1].start, lines[1].end, lines[1].marker_end) == (3, 9, 8)


def test_a_line_of_spaces_is_blank_and_trailing_spaces_are_not_part_of_a_line():
    lines = classify_lines("正文\u3000 \n \u3000\t\n")
    assert [(line.kind, line.start, line.end) for line in lines] == [("text", 0, 2), ("blank", 5, 5), ("blank", 9, 9)]


def test_each_kind_of_line_the_grammar_knows():
    text = "索引号：123\n关闭窗口\n附件：1.方案\n国办函〔2018〕71号\n2019年3月8日\n第五条 内容\n正文。\n"
    assert [(line.kind, line.terminal) for line in classify_lines(text)][:-1] == [
        ("meta_field", "META_KEY"),
        ("chrome", "CHROME"),
        ("attachment_note", "ATTACHMENT"),
        ("doc_number", "DOC_NUMBER"),
        ("date_line", "DATE_LINE"),
        ("heading", "ARTICLE"),
        ("text", None),
    ]


def test_a_marker_right_after_a_heading_marker_is_part_of_the_heading_text():
    lines = classify_lines("一、1.总体要求\n（一）关闭窗口\n")
    assert [(line.kind, line.terminal, line.marker_end) for line in lines[:2]] == [
        ("heading", "H1", 2),
        ("heading", "H2", 12),
    ]
    assert lines[:2] == classify_lines_with_lark("一、1.总体要求\n（一）关闭窗口\n")[:2]
