"""Formatters render a Report; they never re-read or re-parse a document.

``FORMATS`` maps an ``--output-format`` name to the module in this package that
has ``render(report, **options) -> str | bytes``. A new format is one module and
one line here. A format whose report can be long (text, JSON) also has
``write(report, stream, **options)``, which writes it piece by piece to anything with
a ``write(str)`` (a :class:`Sink`) instead of making it one string.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the CLI lists FORMATS at import: keep `doccheck --version` free of pydantic
    from checker.core.models import Report

FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_format",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "html": "html",
}


class Sink(Protocol):
    """Where a report is written piece by piece: a text file, stdout, a buffer."""

    def write(self, text: str, /) -> int: ...


def _module(fmt: str) -> ModuleType:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"checker.report.formatters.{FORMATS[fmt]}")


_PART_KINDS = (("footnotes", "脚注"), ("endnotes", "尾注"), ("header", "页眉"), ("footer", "页脚"))


def part_place(location: dict[str, Any] | None) -> str | None:
    """Where a finding in a part of a Word document apart from its body lies, in words
    ("脚注 footnotes 第 2 个注 第 3 段"); None for the body and for other files. Line
    numbers count the lines of the checked text, where these parts follow the body."""
    part = location.get("part") if location else None
    if not isinstance(part, str) or location is None:
        return None
    kind = next((name for prefix, name in _PART_KINDS if part.startswith(prefix)), "部件")
    shown = f"{kind} {part}"
    if "note" in location:
        shown += f" 第 {location['note']} 个注"
    if "paragraph" in location:
        shown += f" 第 {location['paragraph']} 段"
    return shown


def render(report: Report, fmt: str, **options: Any) -> str | bytes:
    rendered: str | bytes = _module(fmt).render(report, **options)
    return rendered


def writer(fmt: str) -> Callable[..., None] | None:
    """The format's ``write(report, stream, **options)`` if it writes piece by piece, else None."""
    return getattr(_module(fmt), "write", None)


def write_report(report: Report, fmt: str, stream: Sink, **options: Any) -> None:
    """Write the report to a text stream: piece by piece when the format can."""
    write = writer(fmt)
    if write is not None:
        write(report, stream, **options)
        return
    content = render(report, fmt, **options)
    stream.write(content.decode("utf-8") if isinstance(content, bytes) else content)
