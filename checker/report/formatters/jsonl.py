"""JSON Lines: one line per file, each a JSON object with the keys of a file of the JSON
report (``path``, ``encoding``, ``profile``, ``findings``, and ``error`` when the file
could not be checked). A consumer reads a file's findings as soon as its line is
complete, and a line is written finding by finding as soon as its file's report is
rendered, never the whole report, nor a whole line, as one string."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

from checker.core.models import FileReport, Finding, Report
from checker.report.formatters import Sink
from checker.report.formatters.json_format import finding_json


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _finding(finding: Finding) -> str:
    # The JSON report's own rendering of the finding, so that the two formats never
    # disagree on which keys a finding has or how a value is written.
    return _compact(json.loads(finding_json(finding, 0)))


def write_file_line(file: FileReport, write: Callable[[str], Any]) -> None:
    """The line of ``file``, passed to ``write`` piece by piece (one finding a piece)."""
    dumped = file.model_dump(mode="json", exclude={"findings"})
    separator = "{"
    for key in FileReport.model_fields:  # the JSON report's order of keys
        if key == "error" and dumped[key] is None:
            continue
        write(separator + _compact(key) + ":")
        separator = ","
        if key != "findings":
            write(_compact(dumped[key]))
            continue
        write("[")
        for index, finding in enumerate(file.findings):
            write(("," if index else "") + _finding(finding))
        write("]")
    write("}\n")


def file_line(file: FileReport) -> str:
    pieces: list[str] = []
    write_file_line(file, pieces.append)
    return "".join(pieces)


def write(report: Report, stream: Sink, **options: Any) -> None:
    for file in report.files:
        write_file_line(file, stream.write)


def render(report: Report, **options: Any) -> str:
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()
