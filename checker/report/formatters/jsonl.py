"""JSON Lines: one line per file, each a JSON object with the keys of a file of the JSON
report (``path``, ``encoding``, ``profile``, ``findings``, and ``error`` when the file
could not be checked). A consumer reads a file's findings as soon as its line is
complete, and a line is written as soon as its file's report is rendered, never the
whole report as one string."""

from __future__ import annotations

import io
import json
from typing import Any, TextIO

from checker.core.models import FileReport, Report
from checker.report.formatters import json_format


def file_line(file: FileReport) -> str:
    # The JSON report's own rendering of this one file, so that the two formats never
    # disagree on which keys a file or a finding has.
    data = json.loads(json_format.render(Report.build([file])))["files"][0]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write(report: Report, stream: TextIO, **options: Any) -> None:
    for file in report.files:
        stream.write(file_line(file))


def render(report: Report, **options: Any) -> str:
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()
