"""Suppression comments: disable … enable, disable-next-line, and IN002 for the ones that do nothing."""

from __future__ import annotations

from checker.rules.suppressions import directives
from tests.conftest import findings

GAP = "（一）甲项工作。\n（三）乙项工作。\n"  # ST101 at 2:1


def found(text: str, select: str | list[str] = ("ST101", "PN101", "IN002")):
    return [(f.code, f.line, f.column) for f in findings(text, list(select))]


def test_without_comments_the_finding_is_reported():
    assert found(GAP) == [("ST101", 2, 1)]


def test_disable_next_line_silences_that_line_only():
    text = "（一）甲项工作。\n<!-- doccheck-disable-next-line ST101 -->\n（三）乙项工作。\n（五）丙项工作。\n"
    assert found(text) == [("ST101", 4, 1)]


def test_disable_next_line_skips_blank_lines_as_markdown_paragraphs_have_them():
    text = "（一）甲项工作。\n\n<!-- doccheck-disable-next-line ST101 -->\n\n（三）乙项工作。\n"
    assert found(text) == []


def test_disable_then_enable_silences_the_region_between():
    text = "<!-- doccheck-disable PN101 -->\n正文（未闭合。\n<!-- doccheck-enable -->\n另一段（也未闭合。\n"
    assert found(text) == [("PN101", 4, 4)]


def test_disable_without_enable_lasts_to_the_end_of_the_file():
    text = "正文（未闭合。\n<!-- doccheck-disable PN101 -->\n另一段（也未闭合。\n最后（一处。\n"
    assert found(text) == [("PN101", 1, 3)]


def test_a_directive_takes_prefixes_categories_names_and_several_codes():
    body = "（一）甲项工作。\n（三）乙项工作，附件（一。\n"
    for names in ("ST101, PN101", "ST PN", "structure punctuation", "numbering-gap,unclosed-pair"):
        assert found(f"<!-- doccheck-disable {names} -->\n" + body) == [], names


def test_a_directive_without_codes_silences_every_rule():
    assert found("<!-- doccheck-disable -->\n" + GAP + "正文（未闭合。\n") == []


def test_enable_with_a_code_closes_only_the_region_that_named_it():
    text = (
        "<!-- doccheck-disable ST101 -->\n<!-- doccheck-disable PN101 -->\n"
        "<!-- doccheck-enable PN101 -->\n" + GAP + "正文（未闭合。\n"
    )
    assert found(text) == [("IN002", 2, 23), ("PN101", 6, 3)]  # the PN101 region was empty


def test_a_suppression_that_suppresses_nothing_is_reported_as_in002():
    text = "<!-- doccheck-disable-next-line ST101 -->\n（一）甲项工作。\n（二）乙项工作。\n"
    (finding,) = findings(text, ["ST101", "IN002"])
    assert (finding.code, finding.line, finding.column, finding.severity.value) == ("IN002", 1, 33, "info")
    assert finding.excerpt == "ST101" and "没有抑制任何提示" in finding.message


def test_only_the_unused_name_of_a_directive_is_reported():
    text = "<!-- doccheck-disable-next-line ST101, PN101 -->\n（三）乙项工作。\n"
    assert found("（一）甲项工作。\n" + text) == [("IN002", 2, 40)]


def test_an_unknown_name_in_a_directive_is_reported():
    (finding,) = findings("<!-- doccheck-disable XX999 -->\n正文。\n", ["IN002"])
    assert (finding.code, finding.line, finding.column) == ("IN002", 1, 23)
    assert "不是规则编号" in finding.message


def test_no_in002_for_a_rule_that_did_not_run():
    text = "<!-- doccheck-disable-next-line PN101 -->\n（一）甲项工作。\n"
    assert found(text, ["ST101", "IN002"]) == []


def test_no_in002_when_in002_itself_is_not_selected():
    text = "<!-- doccheck-disable-next-line ST101 -->\n（一）甲项工作。\n"
    assert found(text, ["ST101"]) == []


def test_directives_are_parsed_with_their_regions():
    text = "a\n<!-- doccheck-disable TY101 -->\nb\n<!--doccheck-enable-->\nc\n"
    (directive,) = directives(text)
    assert directive.kind == "disable" and [s.text for s in directive.selectors] == ["TY101"]
    assert text[directive.region[0] : directive.region[1]] == "\nb\n"


def test_a_markdown_file_is_suppressed_through_the_cli(tmp_path):
    import json

    from tests.conftest import run

    path = tmp_path / "a.md"
    path.write_text(
        "# 标题\n\n（一）甲项工作。\n\n<!-- doccheck-disable-next-line ST101 -->\n（三）乙项工作。\n\n"
        "（五）丙项工作。\n",
        encoding="utf-8",
    )
    result = run("check", "--format", "json", "--select", "ST101,IN002", str(path))
    report = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in report["files"][0]["findings"]] == [("ST101", 8)]


def test_fixing_an_unused_suppression_removes_its_line(tmp_path):
    from tests.conftest import run

    path = tmp_path / "a.md"
    path.write_text(
        "（一）甲项工作。\n\n<!-- doccheck-disable-next-line ST101 -->\n（二）乙项工作。\n", encoding="utf-8"
    )
    assert run("fix", "--select", "ST101,IN002", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == "（一）甲项工作。\n\n（二）乙项工作。\n"


def test_an_unused_suppression_whose_removal_would_join_two_markdown_paragraphs_is_kept(tmp_path):
    # The comment line is all that separates the two paragraphs: without it Markdown
    # reads one paragraph, so the document would change beyond the fix.
    from tests.conftest import run

    path = tmp_path / "a.md"
    original = "（一）甲项工作。\n<!-- doccheck-disable-next-line ST101 -->\n（二）乙项工作。\n"
    path.write_text(original, encoding="utf-8")
    assert run("fix", "--select", "ST101,IN002", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == original
    assert "IN002" in run("check", "--select", "ST101,IN002", str(path)).output


def test_fixing_removes_only_the_unused_name_and_keeps_what_still_suppresses(tmp_path):
    from tests.conftest import run

    path = tmp_path / "a.md"
    path.write_text(
        "（一）甲项工作。\n<!-- doccheck-disable-next-line PN101, ST101 -->\n（三）乙项工作。\n", encoding="utf-8"
    )
    assert run("fix", "--select", "ST101,PN101,IN002", str(path)).exit_code == 0
    assert (
        path.read_text(encoding="utf-8")
        == "（一）甲项工作。\n<!-- doccheck-disable-next-line ST101 -->\n（三）乙项工作。\n"
    )
    assert found(path.read_text(encoding="utf-8")) == []


def test_unclosed_directives_along_a_long_line_cost_linear_time():
    """The shape that made the first version of the pattern quadratic (minutes on
    this input): a directive that never closes, repeated along one line. The cap is
    generous; a linear scan needs a fraction of a second."""
    import signal

    def stop(signum, frame):
        raise TimeoutError("the directive pattern scans quadratically")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(15)
    try:
        assert directives("<!-- doccheck-disable " * 10000 + "\n正文。\n") == []
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
