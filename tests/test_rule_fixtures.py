"""Every rule on its own fixture, compared with a reviewed snapshot of its findings.

For each rule code there is a small document under ``tests/fixtures/rules/`` that
fires the rule and holds a near miss that must not: ``<CODE>.txt`` (or ``.md``,
``.html``; ``.docx.yaml`` describes a Word file, built here with python-docx). A
rule that judges a whole document (a page size, a missing part) keeps its near miss
in a second file, ``<CODE>.<variant>.<ext>``. ``<CODE>.toml``, when present, is a
configuration the fixtures are checked with (a glossary, a profile, rules to run
beside it). Each fixture is checked with only its rule selected, and the rule's
findings (code, position, severity, message, excerpt, suggestion, fix) are compared
with ``<CODE>.expected.json``. After a change of behaviour::

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_rule_fixtures.py

rewrites the snapshots; the diff of the .expected.json files is what to review.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.rules.registry import rule, temporary_rules
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rules"
FIXTURE_NAME = re.compile(r"^(?P<code>[A-Z]{2}\d{3})(?:\.(?P<variant>[a-z0-9-]+))?\.(?P<kind>txt|md|html|docx\.yaml)$")
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
CROSS_DOCUMENT = {"NC120", "TM120", "CT120"}  # rules that compare the fixtures with each other


def fixtures_of(code: str) -> list[Path]:
    return sorted(
        path for path in FIXTURES.iterdir() if (match := FIXTURE_NAME.match(path.name)) and match.group("code") == code
    )


def registered_codes() -> list[str]:
    return [info.code for info in checker.list_rules()]


# -- building the Word files ----------------------------------------------------------------
GBT_PAGE = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
BODY = {"font": "仿宋_GB2312", "size": 16}


def build_docx(spec: dict[str, Any], path: Path) -> Path:
    """A .docx as ``spec`` describes it: ``page`` (millimetres and ``orientation``; what is
    not named is GB/T 9704's) and ``paragraphs``, each a text in the body font and size
    (仿宋_GB2312, 16 pt) unless it names ``font`` and ``size`` (null: not stated in the
    file), or a list of ``runs`` [text, font, size]."""
    docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    page = {**GBT_PAGE, **spec.get("page", {})}
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page["width"]), Mm(page["height"])
    section.top_margin, section.bottom_margin = Mm(page["top"]), Mm(page["bottom"])
    section.left_margin, section.right_margin = Mm(page["left"]), Mm(page["right"])
    if page.get("orientation") == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
    for item in spec["paragraphs"]:
        item = {"text": item} if isinstance(item, str) else item
        runs = item.get("runs") or [[item["text"], item.get("font", BODY["font"]), item.get("size", BODY["size"])]]
        paragraph = document.add_paragraph()
        for text, font, size in runs:
            run = paragraph.add_run(text)
            if size is not None:
                run.font.size = Pt(size)
            if font is not None:
                run.font.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    document.save(path)
    return path


# -- checking a fixture ---------------------------------------------------------------------
def settings_for(code: str) -> checker.Settings:
    config = FIXTURES / f"{code}.toml"
    base = checker.load_settings(config) if config.exists() else checker.Settings()
    return base.model_copy(update={"select": [code]})


FAILS_ON = "【此处出错】"


def fails_on_a_marked_line(doc):
    """Raises on a document holding the marker (IN001 reports a rule that failed).

    What it checks:
        Nothing: it stands for a rule with a bug.
    Why it matters:
        IN001 has no input of its own; it needs a rule that fails.
    Example:
        【此处出错】
    Fix:
        None.
    """
    if FAILS_ON in doc.text:
        raise ValueError("示例故障")
    return ()


SLOW_ON = "【此处很慢】"


def slow_on_a_marked_line(doc):
    """Takes a minute on a document holding the marker (IN003 reports a file over its time budget).

    What it checks:
        Nothing: it stands for a check that runs away.
    Why it matters:
        IN003 has no input of its own; it needs a check that takes too long.
    Example:
        【此处很慢】
    Fix:
        None.
    """
    if SLOW_ON in doc.text:
        time.sleep(60)
    return ()


def check_fixture(code: str, path: Path, tmp_path: Path) -> list[dict[str, Any]]:
    target = (
        build_docx(_yaml(path), tmp_path / path.name.replace(".yaml", "")) if path.name.endswith(".docx.yaml") else path
    )
    settings = settings_for(code)
    timeout = 0.0
    with temporary_rules():
        if code == "IN001":
            rule("ST999", "fails-on-a-marked-line", category="structure", severity="info", message="never")(
                fails_on_a_marked_line
            )
            settings = settings.model_copy(update={"select": ["ST999"]})
        if code == "IN003":  # a file over its time budget is not checked: its report has an error
            rule("ST999", "slow-on-a-marked-line", category="structure", severity="info", message="never")(
                slow_on_a_marked_line
            )
            settings, timeout = settings.model_copy(update={"select": ["ST999"]}), 2.0
        (file,) = checker.check_path(target, settings=settings, timeout=timeout).files
    assert file.error is None or (code == "IN003" and file.findings), f"{path.name}: {file.error}"
    return [snapshot_of(finding) for finding in file.findings if finding.code == code]


def check_together(code: str, paths: list[Path]) -> dict[str, list[dict[str, Any]]]:
    """A cross-document rule's fixtures are one repository: checked together, in order."""
    settings = settings_for(code).model_copy(update={"repository": True})
    report = checker.check_paths(paths, settings=settings)
    assert [file.error for file in report.files] == [None] * len(paths)
    return {
        Path(file.path).name: [snapshot_of(finding) for finding in file.findings if finding.code == code]
        for file in report.files
    }


def snapshot_of(finding) -> dict[str, Any]:
    fix = finding.fix
    # a message naming a data file of the fixtures (TM102's glossary) names it as the snapshot's neighbour
    message = finding.message.replace(f"{FIXTURES}{os.sep}", "")
    snapshot = {
        "code": finding.code,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "severity": finding.severity.value,
        "message": message,
        "excerpt": finding.excerpt,
        "suggestion": finding.suggestion,
        "fix": None
        if fix is None
        else {"start": fix.start, "end": fix.end, "replacement": fix.replacement, "safety": fix.safety},
    }
    if finding.related:  # the other document's place, named as the snapshot's neighbour
        snapshot["related"] = [{**other, "path": Path(other["path"]).name} for other in finding.related]
    return snapshot


def _yaml(path: Path) -> dict[str, Any]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- the tests ------------------------------------------------------------------------------
@pytest.mark.parametrize("code", registered_codes())
def test_the_findings_of_the_rule_on_its_fixtures_are_the_reviewed_snapshot(code, tmp_path):
    paths = fixtures_of(code)
    if not paths:
        pytest.fail(f"{code} has no fixture: add tests/fixtures/rules/{code}.txt (see the README)")
    if code in CROSS_DOCUMENT:
        found = check_together(code, paths)
    else:
        found = {path.name: check_fixture(code, path, tmp_path) for path in paths}
    rendered = json.dumps(found, ensure_ascii=False, indent=2) + "\n"  # compared as text: a readable diff
    snapshot = FIXTURES / f"{code}.expected.json"
    if UPDATE:
        snapshot.write_text(rendered, encoding="utf-8")
    if not snapshot.exists():
        pytest.fail(
            f"{snapshot.name} is missing: run UPDATE_SNAPSHOTS=1 pytest tests/test_rule_fixtures.py and review it"
        )
    assert rendered == snapshot.read_text(encoding="utf-8")
    assert any(findings for findings in found.values()), f"no fixture of {code} fires it"


def test_every_file_of_the_fixtures_is_named_for_a_registered_rule():
    codes = set(registered_codes())
    assert [path.name for path in sorted(FIXTURES.iterdir()) if path.name.split(".")[0] not in codes] == []
