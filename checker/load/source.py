"""What a reader makes of a file: the text to check, and the way back to the file.

A :class:`Source` is the boundary between loading and the text model: the readers
(:mod:`checker.load.readers`) produce one per file, the :class:`~checker.model.document.Document`
is built on it, and the fixer and the annotator use its way back (``locate``,
``raw``, encoding and newline) to write into the original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from checker.load.layout import Layout

# A table of more cells than this is a data dump, not a table a reviewer adds up: readers
# leave it out of Source.tables (its text is checked as any other).
TABLE_CELLS_READ = 5000


class TableCell(NamedTuple):
    """One cell of a table in the file: its row and column (0-based, in the table's grid)
    and the span of its text in :attr:`Source.text` (empty when the cell is)."""

    row: int
    column: int
    start: int
    end: int


@dataclass
class Source:
    """What a reader produced from a file: the text and how to get back to the file."""

    path: str
    text: str
    encoding: str | None = "utf-8"
    newline: str = "\n"
    bom: bool = False
    kind: str = "text"  # text, markdown, docx, html, pdf, stdin
    metadata: dict[str, str] = field(default_factory=dict)
    # offset in ``text`` → where it came from in the original (paragraph, cell, page …)
    locate: Callable[[int], dict[str, Any]] | None = None
    # The file's own text (newlines as "\n") when ``locate`` gives lines and columns of
    # it (Markdown): reports draw the findings against these lines.
    file_text: str | None = None
    raw: bytes | None = None  # the bytes as read, to detect a change before writing
    # What a .docx states about its page setup and type, for the LY rules
    layout: Layout | None = None
    pages: int | None = None  # a PDF's page count
    # The tables of the file, each as its cells, when the reader sees them (.docx, .md, .html);
    # the text model reads them (checker.model.tables)
    tables: list[list[TableCell]] = field(default_factory=list)
    # Suppressions the file states outside its text (a Word comment "doccheck-disable CODE"):
    # (start, end, names) — the stretch of ``text`` it covers and the rules it names
    suppressions: tuple[tuple[int, int, str], ...] = ()
