"""Formatters render a Report; they never re-read or re-parse a document.

``FORMATS`` maps an ``--output-format`` name to the module in this package that
has ``render(report, **options) -> str | bytes``. A new format is one module and
one line here.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def render(report: Report, fmt: str, **options: Any) -> str | bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"checker.report.formatters.{FORMATS[fmt]}")
    return module.render(report, **options)
