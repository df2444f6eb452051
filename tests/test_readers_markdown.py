"""The Markdown reader: one paragraph per line, markup/code/front matter out, positions in the file."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from checker.core.config import Settings
from checker.load.readers import LoadError, read_source
from checker.load.readers import text as text_reader
from checker.run.engine import check_path, check_source
from tests.conftest import SAMPLES, run

SAMPLE = SAMPLES / "meeting-notice.md"


def test_sample_text_is_one_line_per_block_without_markup_code_or_front_matter():
    source = read_source(str(SAMPLE))
    assert source.kind == "markdown"
    lines = source.text.split("\n")
    assert lines[0] == "关于召开年度安全工作会议的通知"
    assert "一、会议时间" in lines and "二、参会人员" in lines
    assert "会议定于下月第二周召开，会期一天。" in lines  # ** dropped
    assert (
        "为总结本年度安全生产工作，部署下一阶段任务，经研究，决定召开年度安全工作会议（以下简称“会议”。现将有关事项通知如下："
        in lines
    )
    assert any(line.startswith("Participants") and "(version 3, revised in May)" in line for line in lines)
    assert "报名表" not in source.text and "draft" not in source.text and "title:" not in source.text


def test_sample_findings_point_into_the_markdown_file():
    report = check_path(str(SAMPLE), Settings(select=["PN1"]))
    assert [(f.code, f.line, f.column, f.excerpt) for f in report.findings] == [
        ("PN101", 11, 13, "（"),
        ("PN101", 21, 19, "（"),
    ]
    file_lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for finding in report.findings:
        assert file_lines[finding.line - 1][finding.column - 1] == finding.excerpt
        assert finding.location == {"line": finding.line, "column": finding.column}


def test_wrapped_paragraphs_no_longer_fool_pairing():
    """Read as plain text the same file gives false pairs across wrapped lines and in the code block."""
    as_text = check_source(text_reader.read(str(SAMPLE), SAMPLE.read_bytes()), Settings(select=["PN1"]))
    assert len(as_text.findings) > 2
    assert len(check_path(str(SAMPLE), Settings(select=["PN1"])).findings) == 2


def test_latin_words_are_joined_with_a_space_and_chinese_without(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("中文第一行\n第二行。English first\nsecond line.\n\n> 引用的（段落\n> 继续）。\n", encoding="utf-8")
    source = read_source(str(path))
    assert source.text == "中文第一行第二行。English first second line.\n引用的（段落继续）。\n"
    assert source.locate(source.text.index("继续")) == {"line": 6, "column": 3}


def test_lists_tables_and_inline_code(tmp_path):
    path = tmp_path / "b.md"
    path.write_text(
        "1. 第一项（甲\n2. 第二项\n\n| 项目 | 说明 |\n| --- | --- |\n| 资金 | 共`3`项（其中 |\n", encoding="utf-8"
    )
    source = read_source(str(path))
    assert source.text == "第一项（甲\n第二项\n项目\n说明\n资金\n共3项（其中\n"
    report = check_path(str(path), Settings(select=["PN101"]))
    assert [(f.line, f.column) for f in report.findings] == [(1, 7), (6, 13)]


def test_the_cli_reports_markdown_positions(tmp_path):
    result = run("check", "--select", "PN101", str(SAMPLE))
    assert f"{SAMPLE}:11:13: PN101" in result.output


def test_missing_markdown_parser_is_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "markdown_it", None)
    with pytest.raises(LoadError, match="markdown-it-py"):
        read_source(str(SAMPLE))


def test_every_character_maps_back_to_the_same_character_in_the_file():
    source = read_source(str(SAMPLE))
    file_lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for offset, ch in enumerate(source.text):
        if ch == "\n":
            continue
        place = source.locate(offset)
        at = file_lines[place["line"] - 1][place["column"] - 1]
        assert at == ch or ch == " ", (offset, ch, place)


# -- the source map: every character it places is the file's character there ------------

_WORDS = st.sampled_from(
    [
        "企业",
        "研发",
        "10～15%",
        "（2014-2016）",
        "，",
        "。",
        "abc",
        "x y",
        "帐号",
        "**要点**",
        "`代码`",
        "\\*",
        "&amp;",
        "[链接](http://a.b)",
        "<b>粗</b>",
        "_斜_",
    ]
)
_PADDING = st.sampled_from(["", " ", "  ", "\t", "\u3000", "\u3000\u3000", "\u00a0"])
_LINE = st.tuples(_PADDING, st.lists(_WORDS, max_size=6).map("".join), _PADDING).map("".join)
_PREFIX = st.sampled_from(["", "", "", "> ", "- ", "1. ", "# ", "## ", "  ", "    "])
_BLOCK = st.one_of(
    st.lists(st.tuples(_PREFIX, _LINE).map("".join), min_size=1, max_size=5).map("\n".join),
    st.lists(_LINE.filter(lambda cell: "|" not in cell and cell.strip()), min_size=2, max_size=4).map(
        lambda cells: "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells) + "\n| " + " | ".join(cells) + " |"
    ),
)
_MARKDOWN = st.lists(_BLOCK, min_size=1, max_size=6).map("\n\n".join)


@given(_MARKDOWN)
@hsettings(max_examples=300, deadline=None)
def test_every_character_the_source_map_places_is_the_same_character_in_the_file(markdown):
    from checker.load.readers import read_data

    source = read_data("a.md", markdown.encode("utf-8"))
    lines = markdown.split("\n")
    for offset, char in enumerate(source.text):
        if char == "\n":
            continue
        piece = source.locate.piece_at(offset)
        if piece is None or "column" not in piece.advance:
            continue  # not placed one-to-one: fixes never go there
        place = source.locate(offset)
        assert lines[place["line"] - 1][place["column"] - 1] == char, (markdown, offset)
