"""HTML report: self-contained, every finding highlighted with its note, filters, escaping.

The browser tests open the report in the Debian chromium through chromedriver
(selenium); they are skipped only where no chromium is installed.
"""
from __future__ import annotations

import re
import shutil
import tempfile

import pytest

from checker.core.config import Settings
from checker.report.formatters import render
from checker.run.parallel import check_paths
from tests.conftest import run

DOCUMENT = (
    "关于做好防汛工作的通知\n"
    "各单位要（认真落实防汛责任。\n"
    "<script>document.title='PWNED';window.pwned=1</script><img src=x onerror=\"window.pwned=2\">\n"
    "全年财政收入总额760亿元，其中税收收入420亿元，非税收入350亿元。\n"
)


def _report(tmp_path, text=DOCUMENT):
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    report = check_paths([str(path)], Settings(), jobs=1)
    return report, render(report, "html")


def test_report_is_self_contained_and_escapes_the_document(tmp_path):
    _, page = _report(tmp_path)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "Content-Security-Policy" in page
    assert "&lt;script&gt;document.title=" in page
    assert "<script>document.title" not in page
    assert page.count("<script>") == 1  # the report's own


def test_every_finding_has_a_highlight_and_a_note(tmp_path):
    report, page = _report(tmp_path)
    findings = report.files[0].findings
    assert findings
    for number in range(len(findings)):
        note = f'id="f0-n{number}"'
        assert note in page
        assert re.search(rf'<mark class="hl on [^"]*" data-ids="[^"]*\bf0-n{number}\b', page)
    # the summary table has one row per rule with its count
    for code in {f.code for f in findings}:
        assert f'<tr data-code="{code}">' in page


def test_numeric_evidence_is_shown(tmp_path):
    report, page = _report(tmp_path)
    numeric = [f for f in report.files[0].findings if f.category == "numeric" and f.evidence]
    if not numeric:
        pytest.skip("no numeric rule fired on the breakdown (numeric rules not installed)")
    assert '<details class="evidence" open>' in page
    for key in numeric[0].evidence:
        assert f"<td>{key}</td>" in page


def test_cli_writes_the_html_report(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(DOCUMENT, encoding="utf-8")
    out = tmp_path / "report.html"
    result = run("check", "--format", "html", "-o", str(out), str(source))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_file_that_cannot_be_read_is_shown_with_its_error(tmp_path):
    report = check_paths([str(tmp_path / "missing.txt")], Settings(), jobs=1)
    page = render(report, "html")
    assert "无法检查" in page and "文件不存在" in page


# -- in a browser ----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("no chromium/chromedriver installed (Debian packages chromium and chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install doccheck[test])")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="doccheck-chromium-")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _open(browser, tmp_path):
    report, page = _report(tmp_path)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    browser.get(path.as_uri())
    return report.files[0].findings


def test_browser_shows_highlights_and_notes(browser, tmp_path):
    findings = _open(browser, tmp_path)
    marks = browser.find_elements("css selector", "mark.hl.on")
    ids = {i for mark in marks for i in mark.get_attribute("data-ids").split()}
    assert ids == {f"f0-n{n}" for n in range(len(findings))}
    notes = browser.find_elements("css selector", "div.finding")
    assert len(notes) == len(findings) and all(note.is_displayed() for note in notes)
    assert browser.find_element("id", "shown").text == f"{len(findings)} / {len(findings)}"


def test_browser_filters_by_category_and_severity(browser, tmp_path):
    findings = _open(browser, tmp_path)
    category = findings[0].category
    box = browser.find_element("css selector", f'#filters input[data-filter="category"][value="{category}"]')
    box.click()
    for number, finding in enumerate(findings):
        note = browser.find_element("id", f"f0-n{number}")
        assert note.is_displayed() == (finding.category != category)
    still_on = {i for mark in browser.find_elements("css selector", "mark.hl.on")
                for i in mark.get_attribute("data-ids").split()}
    assert still_on == {f"f0-n{n}" for n, f in enumerate(findings) if f.category != category}
    box.click()
    severity = findings[0].severity.value
    browser.find_element("css selector", f'#filters input[data-filter="severity"][value="{severity}"]').click()
    shown = [f for f in findings if f.severity.value != severity]
    assert browser.find_element("id", "shown").text == f"{len(shown)} / {len(findings)}"


def test_browser_does_not_run_script_from_the_document(browser, tmp_path):
    _open(browser, tmp_path)
    assert browser.execute_script("return window.pwned") is None
    assert browser.title == "doccheck 检查报告"
    assert "<script>document.title='PWNED'" in browser.find_element("css selector", "table.doc").text
