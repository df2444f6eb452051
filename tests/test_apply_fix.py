"""``checker.apply_fix``: one finding's fix, alone, on the text as written."""

from __future__ import annotations

import pytest

import checker

MARKDOWN = "# 通知\n\n我们要认真**布署**工作，\n认真布署任务。\n"


def typos(text: str, path: str) -> list:
    return [f for f in checker.check_text(text, path=path).files[0].findings if f.code == "TY101"]


def test_the_fix_of_one_finding_changes_that_place_only():
    _, second = typos("认真布署工作，认真布署任务。\n", "a.txt")
    assert checker.apply_fix("认真布署工作，认真布署任务。\n", second, path="a.txt") == "认真布署工作，认真部署任务。\n"


def test_a_markdown_fix_lands_in_the_markdown_as_written():
    inside_markup, wrapped = typos(MARKDOWN, "a.md")
    assert checker.apply_fix(MARKDOWN, inside_markup, path="a.md") == MARKDOWN.replace("**布署**", "**部署**")
    assert checker.apply_fix(MARKDOWN, wrapped, path="a.md") == MARKDOWN.replace("认真布署任务", "认真部署任务")


def test_the_line_endings_of_the_text_are_kept():
    text = "认真布署工作。\r\n下一行。\r\n"
    (finding,) = typos(text, "a.txt")
    assert checker.apply_fix(text, finding, path="a.txt") == "认真部署工作。\r\n下一行。\r\n"


def test_a_finding_without_a_fix_gives_none():
    (gap,) = (
        checker.check_text("（一）甲。\n（三）乙。\n", settings=checker.Settings(select=["ST101"])).files[0].findings
    )
    assert checker.apply_fix("（一）甲。\n（三）乙。\n", gap) is None


def test_a_fix_across_joined_markdown_lines_is_not_carried():
    text = "# 通知\n\n认真布\n署工作。\n"
    (finding,) = typos(text, "a.md")  # the reader joins the wrapped lines: 布署 spans two of the file's
    assert checker.apply_fix(text, finding, path="a.md") is None


def test_a_kind_of_file_that_is_not_fixed_raises():
    text = "<html><body><p>认真布署工作。</p></body></html>"
    findings = typos(text, "a.html")
    if not findings:
        pytest.skip("the html reader is not installed")
    with pytest.raises(checker.FixError):
        checker.apply_fix(text, findings[0], path="a.html")
