"""HTML report: one self-contained page a reviewer opens in a browser, usable from one
file to thousands.

The page is an index that is written out in full: the counts, a list of the files
(each with its counts, linking to it), a table by rule whose rows jump to the rule's
findings one after another, and filters by category and severity. Below it, each
file is a collapsible section (files without findings start collapsed). A file's
text and findings are data in the page (JSON that no browser executes), and the
page's one small script draws a section only when it is opened and comes near the
screen. A browser still reads the whole page before showing any of it, so when the
texts together pass ``FULL_TEXT_LIMIT`` each file lists only the lines of its findings
and one line either side (a scan of 2,000 documents: 12 MB instead of 53 MB; the
figures are in bench/README.md).

Positions are drawn where the reader put them: a Markdown file is shown as its own
lines, with each note beside the line its finding names (the line the command line
prints), and any other file as the checked text. A finding that falls outside the
lines shown is listed under them, never dropped, so the count in the header is the
count on the page.

Everything a reader sees is in Chinese: rule names (:mod:`checker.report.labels`),
evidence as sentences and tables (:mod:`checker.report.evidence`), locations. Nothing
is fetched from the network: the style and the script are inline, and a Content
Security Policy allows that script (by its hash) and no other. The browser puts every
piece of document text and finding data on the page as text, never as markup; the
parts written here are escaped.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
from collections import Counter, defaultdict
from html import escape
from importlib import resources
from itertools import pairwise
from typing import Any

from checker.core.models import FileReport, Finding, Report
from checker.report import evidence
from checker.report.labels import CATEGORY_NAMES, SEVERITY_NAMES, rule_title

_SEVERITIES = ("error", "warning", "info")
# Above this many characters of text in all (a page of some 12 MB), a file shows only the
# lines of its findings and CONTEXT_LINES either side: the browser reads the whole page
# before it shows any of it, and a scan of 2,000 documents would make a page of 50 MB.
FULL_TEXT_LIMIT = 4_000_000
CONTEXT_LINES = 1
_FIX_SHOWN = 80  # characters of a fix's replacement shown
_PLACE_NAMES = {
    "paragraph": "段",
    "table": "表",
    "row": "行",
    "column": "列",
    "page": "页",
    "cell": "单元格",
    "part": "部分",
    "note": "注",
    "line": "原文行",
    "column_in_line": "列",
    "offset": "字符",
}


def _asset(name: str) -> str:
    return resources.files("checker.report.formatters").joinpath(name).read_text(encoding="utf-8")


def _script_hash(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _json(value: Any) -> str:
    """JSON to sit inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``
    can end the element or be read as markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render(report: Report, **options: Any) -> str:
    script, style = _asset("html_report.js"), _asset("html_report.css")
    findings = [finding for file in report.files for finding in file.findings]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src 'unsafe-inline'; script-src 'sha256-{_script_hash(script)}'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>doccheck 检查报告</title>",
        f"<style>{style}</style></head><body>",
        "<h1>doccheck 检查报告</h1>",
        _totals(report),
        '<noscript><p class="error-file">本报告用脚本逐个显示文件的正文和问题，请允许本页运行脚本。</p></noscript>',
        _file_list(report),
        _rule_table(report),
        _filters(findings),
        '<main id="files">',
    ]
    length = _text_length(report)
    context = CONTEXT_LINES if length > FULL_TEXT_LIMIT else None
    if context is not None:
        parts.insert(
            parts.index('<main id="files">'),
            f'<p id="trimmed">本报告所查文件的正文共约 {length // 10_000} 万字，为使页面能快速打开，'
            f"每处问题只列出其所在行及前后各 {context} 行；未发现问题的文件不列正文。"
            "要看全文，请单独检查该文件或使用 doccheck serve。</p>",
        )
    parts.extend(_file_section(file, index, context) for index, file in enumerate(report.files))
    parts.append("</main>")
    parts.append(f'<script type="application/json" id="labels">{_json(_labels(report))}</script>')
    parts.append(f"<script>{script}</script></body></html>\n")
    return "\n".join(parts)


def _totals(report: Report) -> str:
    by_severity = report.summary.by_severity
    return (
        f'<p id="totals">共检查 {report.summary.files} 个文件，发现 {report.summary.findings} 处问题'
        f"（错误 {by_severity.get('error', 0)}，警告 {by_severity.get('warning', 0)}，"
        f'提示 {by_severity.get("info", 0)}）。当前显示 <span id="shown">{report.summary.findings} / '
        f"{report.summary.findings}</span> 处。</p>"
    )


def _counts_cells(file: FileReport) -> str:
    counts = Counter(finding.severity.value for finding in file.findings)
    return (
        "".join(f'<td class="num">{counts.get(severity, 0)}</td>' for severity in _SEVERITIES)
        + f'<td class="num">{len(file.findings)}</td>'
    )


def _file_list(report: Report) -> str:
    """The files with their counts, each linking to its section; the files without
    findings in a list of their own, collapsed."""
    head = "<thead><tr><th>文件</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th></tr></thead>"
    with_findings, clean = [], []
    for index, file in enumerate(report.files):
        link = f'<a href="#file-{index}" data-file="{index}">{escape(file.path)}</a>'
        if file.error:
            with_findings.append(f'<tr class="unreadable"><td>{link}</td><td colspan="4">无法检查</td></tr>')
        elif file.findings:
            with_findings.append(f"<tr><td>{link}</td>{_counts_cells(file)}</tr>")
        else:
            clean.append(f"<li>{link}</li>")
    out = ['<nav id="file-list"><h2>文件</h2>']
    if with_findings:
        out.append(f'<table class="summary">{head}<tbody>{"".join(with_findings)}</tbody></table>')
    if clean:
        out.append(
            f'<details id="clean-files"><summary>未发现问题的文件（{len(clean)} 个）</summary>'
            f"<ul>{''.join(clean)}</ul></details>"
        )
    out.append("</nav>")
    return "".join(out)


def _note_id(file_index: int, finding_index: int) -> str:
    return f"f{file_index}-n{finding_index}"


def _rule_table(report: Report) -> str:
    """One row per rule with its count; the rule's link goes to its first finding, and
    the script moves it on to the next one at each click."""
    count: Counter[str] = Counter()
    first: dict[str, str] = {}
    about: dict[str, tuple[str, str]] = {}
    severities: dict[str, set[str]] = defaultdict(set)
    for file_index, file in enumerate(report.files):
        for number, finding in enumerate(file.findings):
            count[finding.code] += 1
            first.setdefault(finding.code, _note_id(file_index, number))
            about[finding.code] = (finding.name, finding.category)
            severities[finding.code].add(finding.severity.value)
    if not count:
        return ""
    rows = [
        '<section id="rules"><h2>按规则</h2><table class="summary" id="summary"><thead><tr><th>规则</th>'
        "<th>名称</th><th>类别</th><th>级别</th><th>数量</th></tr></thead><tbody>"
    ]
    for code in sorted(count):
        name, category = about[code]
        levels = "、".join(SEVERITY_NAMES[s] for s in _SEVERITIES if s in severities[code])
        rows.append(
            f'<tr data-code="{escape(code)}"><td class="code">'
            f'<a href="#{first[code]}" data-rule="{escape(code)}">{escape(code)}</a></td>'
            f"<td>{escape(rule_title(code, name))}</td>"
            f"<td>{escape(CATEGORY_NAMES.get(category, category))}</td>"
            f'<td>{levels}</td><td class="num">{count[code]}</td></tr>'
        )
    rows.append("</tbody></table></section>")
    return "".join(rows)


def _filters(findings: list[Finding]) -> str:
    if not findings:
        return ""
    categories = sorted({f.category for f in findings})
    severities = [s for s in _SEVERITIES if any(f.severity.value == s for f in findings)]
    boxes = ['<form id="filters"><fieldset><legend>类别</legend>']
    for category in categories:
        boxes.append(
            f'<label><input type="checkbox" checked data-filter="c" value="{escape(category)}">'
            f"{escape(CATEGORY_NAMES.get(category, category))}</label>"
        )
    boxes.append("</fieldset><fieldset><legend>级别</legend>")
    for severity in severities:
        boxes.append(
            f'<label><input type="checkbox" checked data-filter="s" value="{severity}">'
            f"{SEVERITY_NAMES[severity]}</label>"
        )
    boxes.append("</fieldset></form>")
    return "".join(boxes)


def _labels(report: Report) -> dict[str, Any]:
    """What the script needs: the Chinese names, and each rule's findings in order (its
    row in the table by rule steps through them)."""
    order: dict[str, list[str]] = defaultdict(list)
    kinds: Counter[str] = Counter()  # "category severity" → count, for the count shown under filters
    for file_index, file in enumerate(report.files):
        for number, finding in enumerate(file.findings):
            order[finding.code].append(_note_id(file_index, number))
            kinds[f"{finding.category} {finding.severity.value}"] += 1
    return {"severity": SEVERITY_NAMES, "category": CATEGORY_NAMES, "order": order, "kinds": kinds}


def _file_section(file: FileReport, index: int, context: int | None) -> str:
    counts = Counter(finding.severity.value for finding in file.findings)
    said = "，".join(f"{SEVERITY_NAMES[s]} {counts[s]}" for s in _SEVERITIES if counts[s])
    head = (
        f'<summary><h2>{escape(file.path)}</h2> <span class="counts">'
        f"{f'{len(file.findings)} 处问题（{said}）' if file.findings else '未发现问题'}</span></summary>"
    )
    if file.error:
        return (
            f'<details class="file" id="file-{index}" open><summary><h2>{escape(file.path)}</h2></summary>'
            f'<p class="error-file">无法检查：{escape(file.error)}</p></details>'
        )
    data = file_view(file, index, context)
    rows = len(data["lines"]) + (1 if data["unplaced"] else 0)
    opened = " open" if file.findings else ""
    return (
        f'<details class="file" id="file-{index}" data-file="{index}"{opened}>{head}'
        f'<div class="body" id="body-{index}" style="min-height:{min(rows, 4000) * 1.8:.0f}em"></div>'
        f'<script type="application/json" id="data-{index}">{_json(data)}</script></details>'
    )


# -- where each finding is drawn -------------------------------------------------------


def _text_length(report: Report) -> int:
    return sum(len(file.file_text if file.file_text is not None else file.text or "") for file in report.files)


def _line_starts(text: str) -> list[int]:
    return [0] + [at + 1 for at, ch in enumerate(text) if ch == "\n"]


def _positions(file: FileReport, lines: list[str], source: bool) -> list[tuple[int, int, int, int]]:
    """(row, column, end row, end column) of each finding in the lines shown, rows from 1
    and columns from 0: the Markdown file's own line and column for a Markdown file,
    else the place of its offsets in the checked text."""
    if source:
        return [(f.line, f.column - 1, f.end_line, f.end_column - 1) for f in file.findings]
    starts = _line_starts("\n".join(lines))

    def place(offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(starts, offset)
        return row, offset - starts[row - 1]

    return [(*place(f.start), *place(max(f.start, f.end))) for f in file.findings]


def file_view(file: FileReport, index: int, context: int | None = None) -> dict[str, Any]:
    """What the page draws for one file: its lines (a line with highlights as pieces of
    text, each highlighted piece with the findings covering it), its notes (each with
    the row it sits beside) and the notes that fall outside the lines. With ``context``,
    only the lines of findings and ``context`` lines either side are kept, each stretch
    left out given as ``{"gap": number of lines}``."""
    source = file.file_text is not None
    shown = file.file_text if source else file.text
    notes = [_note(finding, number, source) for number, finding in enumerate(file.findings)]
    if shown is None:  # the text is not at hand (a report read back): notes only
        return {"lines": [], "notes": notes, "unplaced": list(range(len(notes)))}
    lines = shown.split("\n")
    spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # row → (from, to, note)
    unplaced = []
    for number, (row, column, end_row, end_column) in enumerate(_positions(file, lines, source)):
        if not 1 <= row <= len(lines):
            unplaced.append(number)
            continue
        notes[number]["row"] = row
        end_row = max(row, min(end_row, len(lines)))
        for at in range(row, end_row + 1):
            length = len(lines[at - 1])
            left = column if at == row else 0
            right = end_column if at == end_row else length
            left, right = max(0, min(left, length)), max(0, min(right, length))
            if right <= left and at == row == end_row:  # a point: the character it sits on
                left, right = (left, left + 1) if left < length else (max(0, length - 1), length)
            if right > left:
                spans[at].append((left, right, number))
    drawn: list[Any] = [_pieces(line, spans[row]) if row in spans else line for row, line in enumerate(lines, 1)]
    if context is not None:
        drawn = _near_findings(drawn, {note["row"] for note in notes if "row" in note} | set(spans), context)
    return {"lines": drawn, "notes": notes, "unplaced": unplaced}


def _near_findings(drawn: list[Any], rows: set[int], context: int) -> list[Any]:
    """The lines of ``rows`` and ``context`` lines either side; each stretch between
    them replaced by ``{"gap": its number of lines}``."""
    kept = sorted({at for row in rows for at in range(row - context, row + context + 1) if 1 <= at <= len(drawn)})
    out: list[Any] = []
    previous = 0
    for row in kept:
        if row > previous + 1:
            out.append({"gap": row - previous - 1})
        out.append(drawn[row - 1])
        previous = row
    if previous < len(drawn):
        out.append({"gap": len(drawn) - previous})
    return out


def _pieces(line: str, spans: list[tuple[int, int, int]]) -> list[Any]:
    """The line cut where highlights begin and end: plain text, or [text, [notes]]."""
    cuts = sorted({0, len(line), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Any] = []
    for left, right in pairwise(cuts):
        covering = [note for s, e, note in spans if s <= left and e >= right]
        out.append([line[left:right], covering] if covering else line[left:right])
    return out


def _note(finding: Finding, number: int, source: bool) -> dict[str, Any]:
    note: dict[str, Any] = {
        "n": number,
        "code": finding.code,
        "title": rule_title(finding.code, finding.name),
        "c": finding.category,
        "s": finding.severity.value,
        "msg": finding.message,
        "where": f"第 {finding.line} 行第 {finding.column} 列",
    }
    if finding.suggestion:
        note["sug"] = finding.suggestion
    if finding.fix is not None and not finding.masked:
        replacement = finding.fix.replacement
        # a fix may rewrite a whole paragraph or document (PN202): its start says what it does
        note["fix"] = (
            replacement
            if len(replacement) <= _FIX_SHOWN
            else f"{replacement[:_FIX_SHOWN]}……（共 {len(replacement)} 字）"
        )
    if finding.location and not source:
        note["place"] = "，".join(f"{_PLACE_NAMES.get(key, key)} {value}" for key, value in finding.location.items())
    if finding.evidence:
        note["ev"] = evidence.view(finding.evidence)
    return note
