"""Inputs whose cost once grew faster than their size, and the records a check keeps.

The growth itself is measured by ``bench/growth.py``; these tests pin what the
linear-time code must still find: pairs closed from under other marks, lines
merged into one pairing stretch, page lines found after the search budget is
spent, findings held in slots, a rule isolated one hit at a
time, and the JSON report written piece by piece in the layout of ``json.dumps``.
"""

from __future__ import annotations

import io
import json

import pytest

from checker.core.config import Settings
from checker.core.models import FileReport, Report
from checker.run.engine import check_path, check_text
from tests.conftest import SAMPLES, findings, run


# -- pairs -------------------------------------------------------------------------------------------
def test_each_closing_mark_closes_the_innermost_open_mark_of_its_family_from_under_others():
    found = [(f.code, f.column, f.evidence.get("inner_open_at")) for f in findings("《《（（》》。\n", "PN1")]
    assert found == [
        ("PN101", 3, None),
        ("PN101", 4, None),
        ("PN103", 5, {"line": 1, "column": 4}),
        ("PN103", 6, {"line": 1, "column": 4}),
    ]


def test_a_mark_closed_from_under_others_is_not_closed_again():
    found = [(f.code, f.column) for f in findings("《（》）》。\n", "PN1")]
    assert found == [("PN103", 3), ("PN102", 5)]


def test_short_lines_without_a_sentence_end_pair_as_one_stretch():
    found = [(f.code, f.line, f.column) for f in findings("（甲\n" * 3 + "乙）\n", "PN1")]
    assert found == [("PN101", 1, 1), ("PN101", 2, 1)]


# -- the HTML reader's search for extracted lines ---------------------------------------------------
def _page_of_rewritten_lines(count: int) -> str:
    """Paragraphs with a soft hyphen (the extractor drops it), then one with an unclosed bracket."""
    paragraphs = "".join(f"<p>第{index}项\u00ad要求。</p>\n" for index in range(count))
    return (
        '<html><head><meta charset="utf-8"><title>关于报送统计数据的通知</title></head><body>\n'
        f"<h1>关于报送统计数据的通知</h1><div>\n{paragraphs}<p>请于月底前报送（附件。</p>\n</div></body></html>\n"
    )


@pytest.mark.parametrize("rewritten", [200, 2000], ids=["within the search budget", "past the search budget"])
def test_a_page_line_is_found_again_after_lines_the_extractor_rewrote(tmp_path, rewritten):
    pytest.importorskip("trafilatura")
    # Each rewritten line is looked for through the whole page: 2,000 of them on a page of
    # some 40,000 characters read it about 4,000 times, far past the budget of 8 pages
    # and a million characters, so the last line is found in the window after the cursor.
    page = tmp_path / "page.html"
    page.write_text(_page_of_rewritten_lines(rewritten), encoding="utf-8")
    (finding,) = check_path(str(page), Settings(select=["PN101"])).findings
    assert (finding.code, finding.excerpt) == ("PN101", "（")
    assert finding.location == {"source_line": 3 + rewritten, "tag": "p"}  # two lines of head, then paragraphs


# -- findings -----------------------------------------------------------------------------------------
def test_a_finding_and_its_fix_hold_their_values_in_slots_not_a_dictionary_each():
    (finding,) = check_text("各单位要认真布署。\n", Settings(select=["TY101"]))
    assert finding.fix is not None
    assert not hasattr(finding, "__dict__") and not hasattr(finding.fix, "__dict__")


@pytest.mark.parametrize("failure", ["raises after a hit", "hit lacks a message value"])
def test_a_rule_failing_part_way_gives_only_an_internal_finding(failure):
    from checker.rules.registry import Hit, rule, temporary_rules

    def fails_part_way(doc):
        """Fails for the test.

        What it checks:
            x
        Why it matters:
            x
        Example:
            x
        Fix:
            x
        """
        yield Hit(0, 1, args={"count": 1})
        if failure == "raises after a hit":
            raise RuntimeError("boom")
        yield Hit(1, 2, args={})

    with temporary_rules():
        rule("ST998", "fails-part-way", category="structure", severity="info", message="第{count}处")(fails_part_way)
        found = check_text("（一）甲\n（三）乙\n", Settings(select=["ST998", "ST101"]))
    assert [f.code for f in found] == ["IN001", "ST101"]
    assert "ST998" in found[0].message


# -- the JSON report -----------------------------------------------------------------------------------
def test_the_streamed_json_report_is_laid_out_as_json_dumps_with_two_spaces(tmp_path):
    from checker.report.formatters import json_format

    paths = [str(SAMPLES / "meeting-notice.md"), str(SAMPLES / "notice-defects.txt"), str(tmp_path / "absent.txt")]
    report = Report.build([check_path(path) for path in paths])
    assert any(f.location for file in report.files for f in file.findings)
    assert any(f.location is None for file in report.files for f in file.findings)
    expected = report.model_dump(mode="json")
    for file in expected["files"]:
        if file["error"] is None:
            del file["error"]
        for finding in file["findings"]:
            if finding["location"] is None:
                del finding["location"]
            if not finding["masked"]:
                del finding["masked"]
            if finding["related"] is None:  # left out when absent, as location is
                del finding["related"]
    written = io.StringIO()
    json_format.write(report, written)
    assert written.getvalue() == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_an_empty_json_report_has_empty_lists():
    from checker.report.formatters import json_format

    report = Report.build([FileReport(path="a.txt")])
    assert json.loads(json_format.render(report))["files"] == [
        {"path": "a.txt", "encoding": None, "profile": None, "findings": []}
    ]


def test_a_json_report_written_to_a_file_is_the_one_written_on_stdout(tmp_path):
    document = str(SAMPLES / "notice-defects.txt")
    shown = run("check", "--format", "json", document)
    written = run("check", "--format", "json", "-o", str(tmp_path / "report.json"), document)
    assert shown.exit_code == written.exit_code == 1
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == shown.stdout


def test_equal_texts_of_findings_are_kept_once():
    first, second = check_text("2024年2月30日，2024年2月30日。\n", Settings(select=["DT101"]))
    assert first.message is second.message and first.excerpt is second.excerpt
    assert first.suggestion is second.suggestion


# -- the text report --------------------------------------------------------------------------------
def test_the_text_report_shows_a_long_span_by_its_first_characters():
    from checker.core.models import Finding, Severity
    from checker.report.formatters.text import render_finding

    text = "甲" * 10 + "乙" * 5000 + "。\n"
    finding = Finding.of(
        code="PN204",
        name="nested-title-marks",
        category="punctuation",
        severity=Severity.info,
        message="m",
        line=1,
        column=11,
        end_line=1,
        end_column=5011,
        start=10,
        end=5010,
        excerpt="乙",
        suggestion=None,
        fix=None,
        evidence={},
        location=None,
    )
    file = FileReport(path="a.txt", findings=[finding])
    file._text = text
    _, shown, marks = render_finding(file, finding).split("\n")
    assert shown == "    " + "甲" * 10 + "乙" * 120 + "乙" * 24 + "…"
    assert marks == "    " + " " * 20 + "^" * 240


def test_a_long_text_report_on_stdout_is_the_text_the_formatter_renders(tmp_path):
    from checker.report.formatters import render

    document = tmp_path / "brackets.txt"
    document.write_text("（“甲【乙《丙" * 3000 + "。\n", encoding="utf-8")  # some 15,000 findings: over 64 KB
    shown = run("check", "--no-color", str(document))
    report = Report.build([check_path(str(document))])
    assert shown.exit_code == 1
    assert len(shown.stdout) > 65536
    assert shown.stdout == render(report, "text", color=False)


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_a_report_asks_each_file_for_its_shown_text_once(fmt, monkeypatch):
    # FileReport.text looks through every finding of the file (for the spans it masks):
    # asked for once per finding, a report of 280,000 dates took minutes
    from checker.report.formatters import render

    report = Report.build([check_path(str(SAMPLES / "numeric-defects.txt"))])
    assert len(report.files[0].findings) > 1
    shown_text = FileReport.text
    asked: list[str] = []

    def counted(file: FileReport) -> str | None:
        asked.append(file.path)
        return shown_text.fget(file)

    monkeypatch.setattr(FileReport, "text", property(counted))
    render(report, fmt, color=False)
    assert asked == [report.files[0].path]
