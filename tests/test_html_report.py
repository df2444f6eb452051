"""HTML report: self-contained, every finding drawn beside the line it names (the
Markdown file's own line for .md), Chinese labels, a file list and rule rows that lead
to the findings, collapsed clean files, escaping.

The browser tests open the report in the Debian chromium and firefox-esr (tests/browsers.py);
they are skipped only where a browser is not installed.
"""

from __future__ import annotations

import json
import re

import pytest

from checker.core.config import Settings
from checker.core.models import Report
from checker.report.formatters import render
from checker.report.labels import rule_title
from checker.rules.registry import load_rules
from checker.run.parallel import check_paths
from tests import browsers
from tests.conftest import run

DOCUMENT = (
    "关于做好防汛工作的通知\n"
    "各单位要（认真落实防汛责任。\n"
    "<script>document.title='PWNED';window.pwned=1</script><img src=x onerror=\"window.pwned=2\">\n"
    "全年财政收入总额760亿元，其中税收收入420亿元，非税收入350亿元。\n"
)

# Markup, blank lines and a table put the Markdown lines far from the checked text's.
MARKDOWN = (
    "# 关于做好防汛工作的通知\n\n各单位：\n\n"
    "　　为做好今年防汛工作，现将有关事项通知如下。\n\n"
    "## 一、总体要求\n\n"
    "> 各单位要（认真落实防汛责任。\n\n"
    "- 全年财政收入总额760亿元，其中税收收入420亿元，非税收入350亿元。\n\n"
    "| 项目 | 说明 |\n|---|---|\n| 布署 | 按装 |\n\n"
    "二、工作安排\n\n获认为定的单位要再接再励。\n"
)


def _check(tmp_path, files):
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    report = check_paths(paths, Settings(), jobs=1)
    return report, render(report, "html")


def _report(tmp_path, text=DOCUMENT, name="notice.txt"):
    return _check(tmp_path, {name: text})


def _data(page, index=0):
    """The data the page draws file ``index`` from."""
    match = re.search(rf'<script type="application/json" id="data-{index}">([^<]*)</script>', page)
    assert match, f"no data for file {index}"
    return json.loads(match.group(1))


def _marked(view, row):
    """The highlighted pieces of a row, with the notes covering each."""
    line = view["lines"][row - 1]
    return [] if isinstance(line, str) else [piece for piece in line if not isinstance(piece, str)]


def test_report_is_self_contained_and_escapes_the_document(tmp_path):
    _, page = _report(tmp_path)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "Content-Security-Policy" in page
    assert "\\u003cscript\\u003edocument.title=" in page
    assert "<script>document.title" not in page and "<img" not in page
    assert page.count("<script>") == 1  # the report's own; the data blocks are not run


def test_a_file_name_with_markup_is_escaped(tmp_path):
    _, page = _report(tmp_path, name="<img src=x onerror=alert(1)>.txt")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_markdown_notes_sit_beside_the_markdown_line_they_name(tmp_path):
    report, page = _report(tmp_path, MARKDOWN, "notice.md")
    findings = report.files[0].findings
    view = _data(page)
    assert len(view["lines"]) == MARKDOWN.count("\n") + 1
    assert {f.code: f.line for f in findings} == {"PN101": 9, "NC101": 11, "TY101": 15, "TY105": 19, "TY103": 19}
    for number, finding in enumerate(findings):
        assert view["notes"][number]["row"] == finding.line
        assert [text for text, notes in _marked(view, finding.line) if number in notes] == [finding.excerpt]
    assert view["unplaced"] == []


def test_text_file_highlights_cover_each_findings_span(tmp_path):
    report, page = _report(tmp_path)
    view = _data(page)
    for number, finding in enumerate(report.files[0].findings):
        assert view["notes"][number]["row"] == finding.line
        covered = "".join(text for text, notes in _marked(view, finding.line) if number in notes)
        assert covered == (finding.excerpt or DOCUMENT.split("\n")[finding.line - 1][finding.column - 1 :][:1])


def test_a_finding_outside_the_lines_shown_is_listed_not_dropped(tmp_path):
    report, _ = _report(tmp_path, MARKDOWN, "notice.md")
    file = report.files[0]
    stray = file.findings[0].model_copy(update={"line": 40, "end_line": 40})
    file.findings.append(stray)
    page = render(Report.build(report.files), "html")
    view = _data(page)
    assert view["unplaced"] == [len(file.findings) - 1]
    assert len(view["notes"]) == len(file.findings)
    assert f'当前显示 <span id="shown">{len(file.findings)} / {len(file.findings)}</span>' in page


def test_a_report_without_the_text_lists_its_findings(tmp_path):
    report, _ = _report(tmp_path)
    read_back = Report.model_validate_json(render(report, "json"))
    view = _data(render(read_back, "html"))
    assert view["lines"] == [] and view["unplaced"] == list(range(len(report.files[0].findings)))


def test_rule_names_and_evidence_are_in_chinese(tmp_path):
    report, page = _report(tmp_path)
    breakdown = next(f for f in report.files[0].findings if f.code == "NC101")
    note = _data(page)["notes"][report.files[0].findings.index(breakdown)]
    assert note["title"] == "分项之和与合计不符"
    assert note["ev"]["sentences"] == ["文中合计为760亿元，分项相加为420+350=770亿元，相差10亿元。"]
    assert note["ev"]["tables"] == [
        {"caption": "分项", "headers": ["分项", "数值"], "rows": [["税收收入", "420亿元"], ["非税收入", "350亿元"]]}
    ]
    labels = [label for label, _ in note["ev"]["rows"]]
    assert "判定分项完整的依据" in labels and "合计的取值范围" in labels
    for key in ("exhaustive_because", "total_range", "breakdown-sum-mismatch"):
        assert key not in page
    assert not re.search(r"label[=：]|value[=：]", json.dumps(note["ev"], ensure_ascii=False))
    assert "<td>分项之和与合计不符</td>" in page  # the table by rule


def test_a_large_report_lists_only_the_lines_near_findings(tmp_path, monkeypatch):
    from checker.report.formatters import html

    monkeypatch.setattr(html, "FULL_TEXT_LIMIT", 10)
    text = "关于通知\n" + "".join(f"第{n}段。\n" for n in range(1, 11)) + "获认为定。\n" + "结束。\n" * 5
    report, page = _check(tmp_path, {"a.txt": text, "b.txt": "关于会议的通知\n会议下周举行。\n"})
    assert '<p id="trimmed">' in page
    view = _data(page)
    assert view["lines"][0] == {"gap": 10}  # rows 1–10; then rows 11–13 (the finding on 12)
    assert view["lines"][1:4] == ["第10段。", [["获认为定", [0]], "。"], "结束。"]
    assert view["lines"][4] == {"gap": text.count("\n") + 1 - 13}
    assert view["notes"][0]["row"] == 12 == report.files[0].findings[0].line
    assert _data(page, 1)["lines"] == [{"gap": 3}]  # a clean file: no text


def test_a_long_fix_is_shown_by_its_start(tmp_path):
    text = "关于通知\n" + "各单位要认真落实,加强领导,明确责任,确保安全,按时完成各项任务.\n" * 20
    report, page = _report(tmp_path, text)
    whole = next(f for f in report.files[0].findings if f.fix and len(f.fix.replacement) > 80)
    shown = _data(page)["notes"][report.files[0].findings.index(whole)]["fix"]
    assert shown == f"{whole.fix.replacement[:80]}……（共 {len(whole.fix.replacement)} 字）"


def test_every_rule_has_a_chinese_name():
    assert [code for code, rule_ in load_rules().items() if rule_title(code, rule_.name) == rule_.name] == []


def test_file_list_counts_and_links_every_file_and_collapses_clean_ones(tmp_path):
    _, page = _check(tmp_path, {"a.txt": DOCUMENT, "b.txt": "关于召开会议的通知\n"})
    assert re.search(
        r'<tr><td><a href="#file-0" data-file="0">[^<]*a\.txt</a></td>'
        r'(<td class="num">\d+</td>){4}</tr>',
        page,
    )
    assert re.search(
        r'<details id="clean-files"><summary>未发现问题的文件（1 个）</summary>'
        r'<ul><li><a href="#file-1" data-file="1">[^<]*b\.txt</a></li></ul>',
        page,
    )
    assert re.search(r'<details class="file" id="file-0" data-file="0" open>', page)
    assert re.search(r'<details class="file" id="file-1" data-file="1">', page)


def test_rule_rows_link_to_their_first_finding(tmp_path):
    _, page = _check(tmp_path, {"a.txt": "关于通知\n获认为定。\n", "b.txt": "关于通知\n获认为定。\n"})
    assert '<a href="#f0-n0" data-rule="TY105">TY105</a>' in page
    order = json.loads(re.search(r'<script type="application/json" id="labels">([^<]*)<', page).group(1))["order"]
    assert order["TY105"] == ["f0-n0", "f1-n0"]


def test_personal_data_is_masked_in_the_markdown_lines(tmp_path):
    number = "11010519491231002X"
    report, page = _report(tmp_path, f"# 通知\n\n联系人身份证号{number}。\n", "notice.md")
    assert any(f.code == "PD101" for f in report.files[0].findings)
    assert number not in page and number[6:14] not in page


def test_the_page_has_a_print_stylesheet(tmp_path):
    _, page = _report(tmp_path)
    assert "@media print{" in page and "@page{size:A4" in page


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


@pytest.fixture(scope="module", params=browsers.BROWSERS)
def browser(request):
    with browsers.browser(request.param) as driver:
        yield driver


def _open(browser, tmp_path, files=None):
    report, page = _check(tmp_path, files or {"notice.txt": DOCUMENT})
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    browser.get(path.as_uri())
    return report


def _ids(elements):
    return {i for element in elements for i in element.get_attribute("data-ids").split()}


def test_browser_shows_highlights_and_notes(browser, tmp_path):
    findings = _open(browser, tmp_path).files[0].findings
    assert _ids(browser.find_elements("css selector", "mark.hl.on")) == {f"f0-n{n}" for n in range(len(findings))}
    notes = browser.find_elements("css selector", "div.finding")
    assert len(notes) == len(findings) and all(note.is_displayed() for note in notes)
    assert browser.find_element("id", "shown").text == f"{len(findings)} / {len(findings)}"


def test_browser_draws_markdown_notes_on_their_own_rows(browser, tmp_path):
    findings = _open(browser, tmp_path, {"notice.md": MARKDOWN}).files[0].findings
    for number, finding in enumerate(findings):
        row = browser.find_element("id", f"f0-L{finding.line}")
        assert row.find_element("id", f"f0-n{number}").is_displayed()
        assert finding.excerpt in [m.text for m in row.find_elements("css selector", "mark.hl.on")]
    assert (
        browser.find_element("id", "f0-L9").find_element("css selector", "td.text").text
        == "> 各单位要（认真落实防汛责任。"
    )
    assert browser.find_element("id", "shown").text == f"{len(findings)} / {len(findings)}"


def test_browser_shows_evidence_as_chinese_sentences_and_tables(browser, tmp_path):
    report = _open(browser, tmp_path)
    number = next(n for n, f in enumerate(report.files[0].findings) if f.code == "NC101")
    note = browser.find_element("id", f"f0-n{number}")
    assert "分项之和与合计不符" in note.text
    assert "文中合计为760亿元，分项相加为420+350=770亿元，相差10亿元。" in note.text
    assert [c.text for c in note.find_elements("css selector", ".evidence table td")][:4] == [
        "税收收入",
        "420亿元",
        "非税收入",
        "350亿元",
    ]


def test_browser_filters_by_category_and_severity(browser, tmp_path):
    findings = _open(browser, tmp_path).files[0].findings
    category = findings[0].category
    box = browser.find_element("css selector", f'#filters input[data-filter="c"][value="{category}"]')
    box.click()
    for number, finding in enumerate(findings):
        assert browser.find_element("id", f"f0-n{number}").is_displayed() == (finding.category != category)
    assert _ids(browser.find_elements("css selector", "mark.hl.on")) == {
        f"f0-n{n}" for n, f in enumerate(findings) if f.category != category
    }
    box.click()
    severity = findings[0].severity.value
    browser.find_element("css selector", f'#filters input[data-filter="s"][value="{severity}"]').click()
    shown = [f for f in findings if f.severity.value != severity]
    assert browser.find_element("id", "shown").text == f"{len(shown)} / {len(findings)}"


def test_browser_rule_row_steps_through_the_rules_findings(browser, tmp_path):
    _open(browser, tmp_path, {"a.txt": "关于通知\n获认为定。\n", "b.txt": "关于通知\n\n\n获认为定。\n"})
    link = browser.find_element("css selector", 'a[data-rule="TY105"]')
    link.click()
    assert browser.find_element("css selector", "div.finding.focus").get_attribute("id") == "f0-n0"
    link.click()
    assert browser.find_element("css selector", "div.finding.focus").get_attribute("id") == "f1-n0"


def test_browser_opens_a_collapsed_file_from_the_file_list(browser, tmp_path):
    _open(browser, tmp_path, {"a.txt": DOCUMENT, "b.txt": "关于召开会议的通知\n会议定于下周举行。\n"})
    section = browser.find_element("id", "file-1")
    assert section.get_attribute("open") is None
    browser.find_element("css selector", "#clean-files summary").click()
    browser.find_element("css selector", 'a[href="#file-1"]').click()
    assert section.get_attribute("open") is not None
    assert browser.find_element("id", "f1-L2").text.endswith("会议定于下周举行。")


def test_browser_marks_the_lines_left_out_of_a_large_report(browser, tmp_path, monkeypatch):
    from checker.report.formatters import html

    monkeypatch.setattr(html, "FULL_TEXT_LIMIT", 10)
    text = "关于通知\n" + "".join(f"第{n}段。\n" for n in range(1, 11)) + "获认为定。\n"
    _open(browser, tmp_path, {"a.txt": text})
    gaps = [row.text for row in browser.find_elements("css selector", "tr.gap")]
    assert gaps == ["⋮ （第 1–10 行未列出）"]
    assert browser.find_element("id", "f0-L12").find_element("css selector", "mark.hl.on").text == "获认为定"


def test_browser_does_not_run_script_from_the_document(browser, tmp_path):
    _open(browser, tmp_path)
    assert browser.execute_script("return window.pwned") is None
    assert browser.title == "doccheck 检查报告"
    assert "<script>document.title='PWNED'" in browser.find_element("css selector", "table.doc").text
