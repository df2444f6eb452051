"""Suppressions written where the drafter works: a `#` line in a .txt, a Word comment in a .docx."""

from __future__ import annotations

import io
import json

import pytest

from checker.rules.suppressions import directives
from tests.conftest import findings, run

TYPO = "各单位要认真布署。"  # TY101 at column 7


def found(text: str, select=("TY101", "PN201", "IN002")):
    return [(f.code, f.line, f.column) for f in findings(text, list(select))]


def test_a_hash_line_disables_the_next_line_in_plain_text():
    text = f"{TYPO}\n# doccheck-disable-next-line TY101\n{TYPO}\n"
    assert found(text) == [("TY101", 1, 7)]


def test_hash_lines_disable_and_enable_a_region():
    text = f"# doccheck-disable TY101, PN201\n{TYPO}\n工作完成,效果良好。\n# doccheck-enable\n{TYPO}\n"
    assert found(text) == [("TY101", 5, 7)]


def test_a_hash_line_may_be_indented_and_end_with_a_carriage_return():
    assert found(f"  #doccheck-disable-next-line TY101\r\n{TYPO}\r\n") == []


def test_a_hash_inside_a_line_is_text_not_a_directive():
    text = f"编号 # doccheck-disable-next-line TY101\n{TYPO}\n"
    assert directives(text) == [] and found(text) == [("TY101", 2, 7)]


def test_the_directive_line_itself_draws_no_finding():
    text = f"# doccheck-disable-next-line TY101\n{TYPO}\n"
    assert [f for f in findings(text, "ALL") if f.line == 1] == []


def test_a_hash_line_that_silences_nothing_is_reported_and_removed_by_its_fix():
    text = "工作完成。\n# doccheck-disable-next-line TY101\n工作完成。\n"
    (unused,) = findings(text, ["TY101", "IN002"])
    assert (unused.code, unused.line, unused.column) == ("IN002", 2, 30)
    assert text[: unused.fix.start] + unused.fix.replacement + text[unused.fix.end :] == "工作完成。\n工作完成。\n"


def docx_with_comment(tmp_path, comment: str, commented: str = TYPO, other: str = TYPO):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph(commented)
    document.add_comment(paragraph.runs, text=comment, author="审核人")
    document.add_paragraph(other)
    path = tmp_path / "a.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def docx_codes(path, select: str = "TY101,IN002") -> list[tuple[str, int, int]]:
    result = run("check", "--format", "json", "--select", select, str(path))
    assert result.exit_code in (0, 1), result.output
    (file,) = json.loads(result.stdout)["files"]
    return [(f["code"], f["line"], f["column"]) for f in file["findings"]]


def test_a_word_comment_doccheck_disable_silences_its_paragraph_only(tmp_path):
    pytest.importorskip("docx")
    path = docx_with_comment(tmp_path, "doccheck-disable TY101")
    assert docx_codes(path) == [("TY101", 2, 7)]


def test_a_word_comment_without_names_silences_every_rule_there(tmp_path):
    pytest.importorskip("docx")
    path = docx_with_comment(tmp_path, "doccheck-disable", commented="工作完成,各单位要认真布署。")
    assert docx_codes(path, "TY101,PN201,IN002") == [("TY101", 2, 7)]


def test_an_ordinary_word_comment_silences_nothing(tmp_path):
    pytest.importorskip("docx")
    path = docx_with_comment(tmp_path, "请核对 doccheck-disable TY101 是否需要")
    assert docx_codes(path) == [("TY101", 1, 7), ("TY101", 2, 7)]


def test_a_word_comment_that_silences_nothing_is_reported_on_its_paragraph_without_a_fix(tmp_path):
    pytest.importorskip("docx")
    path = docx_with_comment(tmp_path, "doccheck-disable TY101", commented="工作完成。")
    result = run("check", "--format", "json", "--select", "TY101,IN002", str(path))
    (file,) = json.loads(result.stdout)["files"]
    unused = [f for f in file["findings"] if f["code"] == "IN002"]
    assert [(f["line"], f["column"], f["fix"]) for f in unused] == [(1, 1, None)]
    assert unused[0]["message"] == "抑制注释“TY101”没有抑制任何提示，可以删除"


def test_an_unknown_name_in_a_word_comment_is_reported(tmp_path):
    pytest.importorskip("docx")
    path = docx_with_comment(tmp_path, "doccheck-disable TY101 XX9")
    assert ("IN002", 1, 1) in docx_codes(path)


def test_the_check_help_shows_both_forms():
    shown = run("check", "--help").output
    assert "# doccheck-disable-next-line" in shown and "doccheck-disable 代码" in shown
