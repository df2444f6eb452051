"""Text output in the shape linters use: ``path:line:col: CODE [severity] message``.

Each finding is followed by the line it sits on (a window around the span on long
lines) with the span underlined, then the suggestion. Colour only when asked (the
CLI asks on a TTY). Widths count East Asian wide characters as two columns.

Document text and file names are shown through :func:`~checker.report.escapes.visible`:
no control character reaches the terminal, and every finding stays on its own line.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import click

from checker.core.i18n import language
from checker.core.models import FileReport, Finding, Report
from checker.report.escapes import visible
from checker.report.formatters import Sink, part_place

_WINDOW = 24  # characters of context either side of the span on long lines
_SPAN_SHOWN = 120  # characters of a longer span shown (and underlined)
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _context(text: str | None, finding: Finding) -> tuple[str, str] | None:
    if text is None:
        return None
    # Only the span's neighbourhood is read: looking for the ends of a line of millions
    # of characters would cost the whole line for every finding on it.
    reach_back = max(0, finding.start - _WINDOW - 1)
    line_start = text.rfind("\n", reach_back, finding.start) + 1 or reach_back
    reach = min(len(text), finding.start + _SPAN_SHOWN + _WINDOW + 1)
    line_end = text.find("\n", finding.start, reach)
    if line_end < 0:
        line_end = reach
    span_end = min(finding.end, line_end, finding.start + _SPAN_SHOWN)
    left = max(line_start, finding.start - _WINDOW)
    right = min(line_end, max(span_end, finding.start + 1) + _WINDOW)
    before = ("…" if left > line_start else "") + visible(text[left : finding.start]).replace("\t", " ")
    span = visible(text[finding.start : span_end]).replace("\t", " ")
    after = visible(text[span_end:right]).replace("\t", " ") + ("…" if right < line_end else "")
    marks = " " * width(before) + "^" * max(1, width(span or " "))
    return before + span + after, marks


def render_finding(file: FileReport, finding: Finding, color: bool = False, text: str | None = None) -> str:
    """``finding`` of ``file`` as the text format shows it. ``text``: ``file.text``, which a
    caller rendering many findings of a file passes (the property looks through all of
    them: asked for each finding, it made a report quadratic in its findings)."""
    severity = finding.severity.value
    head_sev = f"[{severity}]"
    code = finding.code
    if color:
        head_sev = click.style(head_sev, fg=_COLOURS[severity])
        code = click.style(code, bold=True)
    lines = [f"{visible(file.path)}:{finding.line}:{finding.column}: {code} {head_sev} {visible(finding.message)}"]
    part = part_place(finding.location)
    if part:
        lines.append(f"    位置：{visible(part)}")
    context = _context(file.text if text is None else text, finding)
    if context:
        shown, marks = context
        lines.append(f"    {shown}")
        lines.append(f"    {click.style(marks, fg=_COLOURS[severity]) if color else marks}")
    if finding.suggestion:
        lines.append(f"    建议：{visible(finding.suggestion)}")
    for other in finding.related or ():
        where = f"{visible(other['path'])}:{other['line']}:{other['column']}"
        lines.append(f"    另见 {where}：{visible(other['excerpt'])}")
    return "\n".join(lines)


def write(report: Report, stream: Sink, color: bool = False, quiet: bool = False, **options: Any) -> None:
    """The report, finding by finding (a long one is never held as one string), then a
    line of counts (not with ``quiet``)."""
    for file in report.files:
        if file.error:
            prefix = click.style("error", fg=_COLOURS["error"]) if color else "error"
            stream.write(f"{visible(file.path)}: {prefix}: {visible(file.error)}\n")
        text = file.text
        for finding in file.findings:
            stream.write(render_finding(file, finding, color, text) + "\n")
    if quiet:
        return
    stream.write((click.style(counts_line(report), dim=True) if color else counts_line(report)) + "\n")


def counts_line(report: Report) -> str:
    """The last line of the report: findings by severity, files checked, files unread."""
    counts = report.summary.by_severity
    unreadable = sum(1 for file in report.files if file.error)
    if language() == "en":
        noun = "file" if report.summary.files == 1 else "files"
        line = (
            f"{report.summary.findings} findings (error: {counts['error']}, warning: {counts['warning']}, "
            f"info: {counts['info']}) in {report.summary.files} {noun}"
        )
        return line + (f"; {unreadable} could not be read" if unreadable else "")
    line = (
        f"共 {report.summary.findings} 条问题（错误 {counts['error']}，警告 {counts['warning']}，"
        f"提示 {counts['info']}），检查了 {report.summary.files} 个文件"
    )
    return line + (f"；{unreadable} 个无法读取" if unreadable else "")


def render(report: Report, color: bool = False, quiet: bool = False, **options: Any) -> str:
    buffer = io.StringIO()
    write(report, buffer, color=color, quiet=quiet)
    return buffer.getvalue()
