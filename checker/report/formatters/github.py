"""GitHub Actions workflow commands: one annotation per finding.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`` —
warnings are ``::warning``, info findings ``::notice``. Values are escaped as the
workflow-command rules say: ``%``, CR and LF everywhere, and ``:`` and ``,`` in
properties. Absolute paths below the current folder (the workspace) are made
relative. Document text and file names go through :func:`~checker.report.escapes.visible`
first, so no control character is written raw. :func:`parse` reads such a line back
(the tests use it).
"""

from __future__ import annotations

import os
from typing import Any

from checker.core import patterns
from checker.core.models import Report
from checker.report.escapes import visible
from checker.report.formatters import part_place

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


_ESCAPED = patterns.lazy("%(25|0D|0A|3A|2C)")
_PLAIN = {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}


def unescape(value: str) -> str:
    return _ESCAPED.sub(lambda match: _PLAIN[match.group(1)], value)


def command(kind: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{kind} {props}::{escape_data(message)}" if props else f"::{kind}::{escape_data(message)}"


def render(report: Report, **options: Any) -> str:
    lines = []
    for file in report.files:
        path = visible(_repository_path(file.path))
        if file.error:
            lines.append(command("error", f"无法检查此文件：{visible(file.error)}", file=path, title="doccheck"))
        for finding in file.findings:
            message = visible(finding.message)
            part = part_place(finding.location)
            if part:
                message += f"（{visible(part)}）"
            if finding.suggestion:
                message += f"\n建议：{visible(finding.suggestion)}"
            lines.append(
                command(
                    COMMANDS[finding.severity.value],
                    message,
                    file=path,
                    line=finding.line,
                    col=finding.column,
                    endLine=finding.end_line,
                    endColumn=finding.end_column,
                    title=finding.code,
                )
            )
    return "".join(line + "\n" for line in lines)


def _repository_path(path: str) -> str:
    """GitHub places annotations by paths relative to the workspace (the current folder)."""
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            path = relative
    return path.replace("\\", "/")


_LINE = patterns.lazy(r"^::(?P<kind>[a-z]+)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def parse(line: str) -> dict | None:
    """A workflow command line back into {kind, message, properties…} (None if it is not one)."""
    match = _LINE.match(line.rstrip("\n"))
    if not match:
        return None
    result = {"kind": match["kind"], "message": unescape(match["message"])}
    for pair in (match["props"] or "").split(","):
        if pair:
            key, _, value = pair.partition("=")
            result[key] = unescape(value)
    return result
