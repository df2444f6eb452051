"""The JSON report: one document on stdout, as ``schemas/report.schema.json`` says.

:func:`write` streams it finding by finding: a run with hundreds of thousands of
findings never holds the whole report as one dictionary or one string (either
would cost more memory than the findings themselves), laid out as
``json.dumps(report, indent=2)`` lays it out.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from checker.core.models import FileReport, Finding, Report
from checker.report.formatters import Sink

_INDENT = "  "


def finding_json(finding: Finding, level: int) -> str:
    """The finding as indented JSON, at ``level``; "location" only when there is one, "masked"
    only when it is true. Written by pydantic's own serialiser (the indenting encoder of
    ``json`` is pure Python, and slower than the whole check when findings are many)."""
    left_out = {
        key
        for key, absent in (
            ("location", finding.location is None),
            ("masked", not finding.masked),
            ("related", finding.related is None),
        )
        if absent
    }
    text = finding.model_dump_json(indent=2, exclude=left_out or None)
    return text.replace("\n", "\n" + _INDENT * level)  # JSON strings hold no raw line break


# A member's value is either plain data, written with json.dumps, or a function that
# writes it itself at the indentation level it is given.
Value = Any  # plain data, or Callable[[int], None]


class JsonWriter:
    """JSON with two-space indentation, written piece by piece, laid out as
    ``json.dumps(value, ensure_ascii=False, indent=2)`` lays out the whole value."""

    def __init__(self, stream: Sink) -> None:
        self.write = stream.write

    def value(self, value: Value, level: int) -> None:
        if callable(value):
            value(level)
        else:
            self.write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + _INDENT * level))

    def object(self, members: list[tuple[str, Value]], level: int) -> None:
        if not members:
            self.write("{}")
            return
        for index, (key, value) in enumerate(members):
            self.write(
                ("," if index else "{") + "\n" + _INDENT * (level + 1) + json.dumps(key, ensure_ascii=False) + ": "
            )
            self.value(value, level + 1)
        self.write("\n" + _INDENT * level + "}")

    def array(self, items: Iterable[Value], level: int) -> None:
        empty = True
        for item in items:
            self.write(("[" if empty else ",") + "\n" + _INDENT * (level + 1))
            self.value(item, level + 1)
            empty = False
        self.write("[]" if empty else "\n" + _INDENT * level + "]")


def write(report: Report, stream: Sink, **options: Any) -> None:
    out = JsonWriter(stream)
    head = report.model_dump(mode="json", exclude={"files"})

    def written_finding(finding: Finding) -> Callable[[int], None]:
        def written(level: int) -> None:
            out.write(finding_json(finding, level))

        return written

    def file_value(file: FileReport) -> Callable[[int], None]:
        dumped = file.model_dump(mode="json", exclude={"findings"})
        members: list[tuple[str, Value]] = []
        for key in FileReport.model_fields:  # the schema's order of keys
            if key == "findings":
                members.append((key, lambda level: out.array(map(written_finding, file.findings), level)))
            elif key != "error" or dumped[key] is not None:
                members.append((key, dumped[key]))
        return lambda level: out.object(members, level)

    out.object(
        [
            ("schema_version", head["schema_version"]),
            ("tool", head["tool"]),
            ("files", lambda level: out.array(map(file_value, report.files), level)),
            ("summary", head["summary"]),
        ],
        0,
    )
    stream.write("\n")


def render(report: Report, **options: Any) -> str:
    buffer = io.StringIO()
    write(report, buffer, **options)
    return buffer.getvalue()
