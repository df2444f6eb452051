"""The report of a review as files a reviewer keeps: JSON (``report.schema.json``),
SARIF, a printable HTML page and an .xlsx table, each with the reviewer's decisions.

The report comes back from the browser, so it is validated (by the models the
report schema is generated from) before anything is made of it.
"""

from __future__ import annotations

import io
import json
from html import escape
from typing import Any

from checker.report.labels import CATEGORY_NAMES, SEVERITY_NAMES, rule_title
from checker.serve.errors import ApiError

DECISION_NAMES = {"accept": "已接受修改", "reject": "已驳回", "ignore": "已忽略", None: "待处理"}
COLUMNS = ["文件", "行", "列", "规则", "类别", "级别", "问题", "原文", "建议", "处理"]


def validated_report(data: Any) -> dict[str, Any]:
    """``data`` if it is a report as ``report.schema.json`` describes (the schema is
    generated from the same models), else a 400 error."""
    from pydantic import ValidationError

    from checker.core.models import Report

    try:
        Report.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "报告"
        raise ApiError(400, "bad_report", f"报告不符合 report.schema.json：{where}：{first['msg']}") from None
    return dict(data)


def finding_id(finding: dict[str, Any]) -> str:
    return f"{finding['code']}:{finding['start']}:{finding['end']}"


def _rows(report: dict[str, Any], decisions: dict[str, str]) -> list[list[Any]]:
    rows = []
    for file in report["files"]:
        for f in file["findings"]:
            rows.append(
                [
                    file["path"],
                    f["line"],
                    f["column"],
                    f"{f['code']} {rule_title(f['code'], f['name'])}",
                    CATEGORY_NAMES.get(f["category"], f["category"]),
                    SEVERITY_NAMES[f["severity"]],
                    f["message"],
                    f["excerpt"],
                    f["suggestion"] or "",
                    DECISION_NAMES.get(decisions.get(finding_id(f)), "待处理"),
                ]
            )
    return rows


def to_json(report: dict[str, Any]) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_sarif(report: dict[str, Any]) -> bytes:
    from checker.core.models import Report
    from checker.report.formatters import render

    rendered = render(Report.model_validate(report), "sarif")
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered


def _cell(value: Any) -> Any:
    # a text starting with = + - @ would be read as a formula by a spreadsheet
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_xlsx(report: dict[str, Any], decisions: dict[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "审核意见"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(report, decisions):
        sheet.append([_cell(value) for value in row])
    for letter, width in zip("ABCDEFGHIJ", (24, 6, 6, 30, 10, 8, 60, 24, 24, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        row[6].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    summary = book.create_sheet("汇总")
    summary.append(["文件数", report["summary"]["files"]])
    summary.append(["问题数", report["summary"]["findings"]])
    for severity, count in report["summary"]["by_severity"].items():
        summary.append([f"{SEVERITY_NAMES[severity]}数", count])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_PRINT_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#111}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top;word-break:break-all}
th{background:#eee}.error{color:#a00}.warning{color:#8a5a00}.info{color:#245}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{size:A4 landscape;margin:15mm}
"""


def to_html(report: dict[str, Any], decisions: dict[str, str]) -> bytes:
    summary = report["summary"]
    by = summary["by_severity"]
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>doccheck 审核报告</title><style>",
        _PRINT_STYLE,
        "</style></head><body>",
        "<h1>doccheck 审核报告</h1>",
        f"<p>共 {summary['files']} 个文件，{summary['findings']} 处问题（错误 {by['error']}，"
        f"警告 {by['warning']}，提示 {by['info']}）。</p>",
    ]
    for file in report["files"]:
        parts.append(f"<h2>{escape(file['path'])}</h2>")
        if file.get("error"):
            parts.append(f'<p class="error">无法检查：{escape(file["error"])}</p>')
            continue
        if not file["findings"]:
            parts.append("<p>未发现问题。</p>")
            continue
        parts.append(
            "<table><thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in COLUMNS[1:]) + "</tr></thead><tbody>"
        )
        for row, finding in zip(_rows({"files": [file]}, decisions), file["findings"], strict=True):
            cells = "".join(f"<td>{escape(str(value))}</td>" for value in row[1:])
            parts.append(f'<tr class="{escape(finding["severity"])}">{cells}</tr>')
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "".join(parts).encode("utf-8")


FORMATS = {
    "json": ("application/json", ".json"),
    "sarif": ("application/sarif+json", ".sarif"),
    "html": ("text/html; charset=utf-8", ".html"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}


def export(fmt: str, report: dict[str, Any], decisions: dict[str, str]) -> bytes:
    if fmt == "json":
        return to_json(report)
    if fmt == "sarif":
        return to_sarif(report)
    if fmt == "html":
        return to_html(report, decisions)
    return to_xlsx(report, decisions)
