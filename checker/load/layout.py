"""What a Word file states about its layout: the page setup and the type of its body text.

The .docx reader fills a :class:`Layout` (``Source.layout``) and the LY rules read it.
Only what the file itself states is recorded: a value it leaves to a theme or to
Word's defaults is ``None``, and the rules do not judge it. Positions are character
offsets into the checked text, like every other position of a :class:`Source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple


@dataclass(frozen=True)
class PageSetup:
    """The first section's page, in millimetres to one decimal."""

    width_mm: float | None
    height_mm: float | None
    top_mm: float | None
    bottom_mm: float | None
    left_mm: float | None
    right_mm: float | None
    orientation: Literal["portrait", "landscape"]
    sections: int  # how many sections the file has


class StyledRun(NamedTuple):
    """A stretch of body text in one East Asian font and one size (a tuple: there is one
    per run of the file)."""

    start: int
    end: int
    font: str | None
    size: float | None  # points


class ParagraphSpan(NamedTuple):
    """Where a body paragraph (not a table cell's) lies in the checked text."""

    start: int
    end: int
    number: int  # 1-based, among the body's paragraphs, as ``locate`` reports it


@dataclass(frozen=True)
class Layout:
    page: PageSetup | None  # None: the file has no section
    runs: tuple[StyledRun, ...] = ()
    paragraph_spans: tuple[ParagraphSpan, ...] = ()
    headers: tuple[str, ...] = ()  # the text of each header not linked to the one before
    footers: tuple[str, ...] = ()
