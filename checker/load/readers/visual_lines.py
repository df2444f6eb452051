"""Visual lines of a fixed-layout page (PDF, OFD) joined back into paragraphs.

A fixed-layout format breaks every paragraph into the lines it was printed in. A line
as wide as the widest line of the document that does not end a sentence runs on
into the next (on the same page or the next one), so each paragraph becomes one line
of the checked text, as in the other readers; a space is kept only between two
Latin words that the break separated. Each line keeps its own place (page, line on
the page, column), so a finding still names the printed line it is on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from checker.core import patterns
from checker.core.marks import LINE_END_MARKS
from checker.load.readers.sourcemap import TextBuilder

_LINE_END = tuple(LINE_END_MARKS)
_LATIN_END = patterns.lazy(r"[A-Za-z0-9,.;]$")
_LATIN_START = patterns.lazy(r"[A-Za-z0-9(]")
FULL_SHARE = 0.92  # a line this share of the widest line's width or more is a full line
MIN_FULL_WIDTH = 20  # half-width cells: narrower "widest lines" (a list, a table) join nothing


def display_width(text: str) -> int:
    """Width in half-width cells: a Chinese character is two, a Latin letter or digit one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def add_lines(builder: TextBuilder, lines: Iterable[tuple[dict[str, Any], str]]) -> None:
    """Add ``lines`` — (place of the line's first character, the line as printed) — to
    ``builder``, paragraph by paragraph. The place's ``column`` (1-based, where the
    printed line starts) advances along the line."""
    lines = [(place, line.rstrip()) for place, line in lines if line.strip()]
    if not lines:
        return
    full = FULL_SHARE * max(display_width(line.strip()) for _, line in lines)
    previous = ""
    for place, line in lines:
        stripped = line.strip()
        if previous and _LATIN_END.search(previous) and _LATIN_START.match(stripped):
            builder.add(" ", {**place, "column": 1}, advance=())
        builder.add(
            stripped, {**place, "column": place.get("column", 1) + len(line) - len(line.lstrip())}, advance=("column",)
        )
        if display_width(stripped) >= full and not stripped.endswith(_LINE_END) and full >= MIN_FULL_WIDTH:
            previous = stripped  # runs on into the next line
        else:
            builder.newline()
            previous = ""
    if not builder.at_line_start:
        builder.newline()


class PageLocator:
    """A locator of :func:`add_lines` text reporting the column on the printed line as
    ``page_column`` (so the engine keeps the position in the extracted text)."""

    def __init__(self, locate: Callable[[int], dict[str, Any]]) -> None:
        self._locate = locate

    def __call__(self, offset: int) -> dict[str, Any]:
        place = self._locate(offset)
        if "column" in place:
            place["page_column"] = place.pop("column")
        return place
