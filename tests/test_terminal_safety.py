"""Document text and file names never reach a terminal raw: the text and GitHub formats
show control characters as visible stand-ins, and a file name cannot forge a finding
line. JSON stays exact (it escapes them itself)."""

from __future__ import annotations

import json
import sys

import pytest

from checker.report.escapes import visible
from checker.report.formatters.github import parse
from tests.conftest import run

TITLE_ESCAPE = "\x1b]0;PWNED\x07"  # sets the terminal window's title
DOCUMENT = f"关于开展安全检查的通知\n各单位要（认真落实{TITLE_ESCAPE}本通知要求。\n"

needs_newline_names = pytest.mark.skipif(sys.platform == "win32", reason="file names cannot hold a newline")


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x1b", "␛"),
        ("\x07", "␇"),
        ("\x00", "␀"),
        ("\r", "␍"),
        ("\n", "␊"),
        ("\x7f", "␡"),
        ("\x9b", "\\x9b"),
        ("\x85", "\\x85"),
        ("\u202e", "\\u202e"),
        ("\u2066", "\\u2066"),
        ("\u2069", "\\u2069"),
    ],
)
def test_each_control_character_has_a_visible_stand_in(raw, shown):
    assert visible(f"甲{raw}乙") == f"甲{shown}乙"


def test_tabs_and_ordinary_text_are_left_alone():
    text = "各单位\t要（认真）落实，“通知”——见附件① ABC\u3000é"
    assert visible(text) == text


def test_the_text_format_shows_an_escape_sequence_in_the_document_as_pictures(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    result = run("check", "--select", "PN101", str(path))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert result.stdout.splitlines()[:3] == [
        f"{path}:2:5: PN101 [error] “（”在本段内没有对应的“）”",
        "    各单位要（认真落实␛]0;PWNED␇本通知要求。",
        "            ^^",
    ]


def test_the_caret_stays_under_the_span_after_a_control_character(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("各单位\x1b\x1b要（认真落实。\n", encoding="utf-8")
    lines = run("check", "--select", "PN101", str(path)).stdout.splitlines()
    assert lines[1:3] == ["    各单位␛␛要（认真落实。", "              ^^"]


@needs_newline_names
def test_a_file_name_with_a_newline_cannot_forge_a_finding_line(tmp_path):
    path = tmp_path / "a\nforged.txt:9:9: XX999 [error] 伪造的问题.txt"
    path.write_text(DOCUMENT.replace(TITLE_ESCAPE, ""), encoding="utf-8")
    result = run("check", "--select", "PN101", str(tmp_path))
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"{tmp_path}/a␊forged.txt:9:9: XX999 [error] 伪造的问题.txt:2:5: PN101 [error] “（”在本段内没有对应的“）”"
    )
    assert not any(line.startswith("forged.txt") for line in lines)
    assert lines[-1] == "共 1 条问题（错误 1，警告 0，提示 0），检查了 1 个文件"


def test_an_unreadable_file_with_an_escape_in_its_name_is_reported_visibly(tmp_path):
    missing = tmp_path / f"x{TITLE_ESCAPE}.txt"
    result = run("check", str(missing))
    assert result.exit_code == 2
    assert f"{tmp_path}/x␛]0;PWNED␇.txt: error: 文件不存在 (file not found)" in result.stdout
    assert "\x1b" not in result.output


def test_the_github_format_writes_no_control_character(tmp_path):
    path = tmp_path / f"b{TITLE_ESCAPE}.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    result = run("check", "--format", "github", "--select", "PN101", str(path))
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    annotation = parse(result.stdout.splitlines()[0])
    assert annotation["file"] == f"{tmp_path}/b␛]0;PWNED␇.txt"
    assert annotation["title"] == "PN101" and annotation["line"] == "2"


def test_the_json_format_keeps_a_file_name_exact(tmp_path):
    path = tmp_path / f"b{TITLE_ESCAPE}.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    result = run("check", "--format", "json", "--select", "PN101", str(path))
    assert "\x1b" not in result.stdout  # JSON writes it as \u001b
    assert json.loads(result.stdout)["files"][0]["path"] == str(path)


def test_fix_names_a_file_with_an_escape_in_its_name_visibly(tmp_path):
    path = tmp_path / f"c{TITLE_ESCAPE}.txt"
    path.write_text("请各单位做好帐号管理。\n", encoding="utf-8")
    result = run("fix", "--select", "TY104", str(path))
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr
    assert result.stderr.splitlines()[0] == f"{tmp_path}/c␛]0;PWNED␇.txt：修改 1 处"


def test_annotate_names_a_file_with_an_escape_in_its_name_visibly(tmp_path):
    path = tmp_path / f"d{TITLE_ESCAPE}.txt"
    path.write_text("通知\n", encoding="utf-8")
    result = run("annotate", str(path), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 2
    assert result.stderr == f"错误：{tmp_path}/d␛]0;PWNED␇.txt: 只能给 .docx 文件加批注 (annotate reads .docx only)\n"


def test_fix_diff_shows_control_characters_of_the_document_as_pictures(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"各单位{TITLE_ESCAPE}要认真布署工作。\n第二段\x0c结束。\n", encoding="utf-8")
    result = run("fix", "--diff", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"--- a/{path}",
        f"+++ b/{path}",
        "@@ -1,2 +1,2 @@",
        "-各单位␛]0;PWNED␇要认真布署工作。",
        "+各单位␛]0;PWNED␇要认真部署工作。",
        " 第二段␌结束。",
    ]


@needs_newline_names
def test_fix_diff_shows_a_newline_in_a_file_name_as_a_picture(tmp_path):
    path = tmp_path / "a\n+forged.txt"
    path.write_text("要认真布署工作。\n", encoding="utf-8")
    lines = run("fix", "--diff", str(tmp_path)).stdout.splitlines()
    assert lines[:2] == [f"--- a/{tmp_path}/a␊+forged.txt", f"+++ b/{tmp_path}/a␊+forged.txt"]


def test_visible_lines_keeps_line_feeds_and_shows_every_other_control_character():
    from checker.report.escapes import visible_lines

    assert visible_lines("甲\r\n乙\x1b\n") == "甲␍\n乙␛\n"
