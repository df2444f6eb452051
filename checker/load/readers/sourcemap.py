"""The way back from extracted text to the file it came from.

A reader that does not check the file's text as it is (.docx, .md, .html, .pdf)
builds its text from pieces with :class:`TextBuilder`, saying for each piece where
it came from (paragraph, table cell, original line and column, page …). The
result's ``locate(offset)`` answers for any character offset of the text; the
engine puts the answer in ``Finding.location``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any, NamedTuple


class Piece(NamedTuple):
    start: int  # offset in the built text
    length: int
    place: dict[str, Any]  # where the piece's first character came from
    advance: tuple[str, ...]  # keys of ``place`` that grow by one per character


class TextBuilder:
    """Text put together piece by piece, each piece with its place of origin."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._pieces: list[Piece] = []
        self.length = 0

    def add(self, text: str, place: dict[str, Any], advance: tuple[str, ...] = ("offset",)) -> None:
        """Append ``text``; its character k came from ``place`` with each ``advance`` key + k."""
        if not text:
            return
        self._chunks.append(text)
        self._pieces.append(Piece(self.length, len(text), place, advance))
        self.length += len(text)

    def newline(self) -> None:
        """End the current line (the newline belongs to the piece before it)."""
        self._chunks.append("\n")
        self.length += 1

    @property
    def at_line_start(self) -> bool:
        return not self._chunks or self._chunks[-1].endswith("\n")

    def build(self) -> tuple[str, Callable[[int], dict[str, Any]]]:
        return "".join(self._chunks), Locator(self._pieces)


class Locator:
    """``locate(offset) -> dict``: where the character at ``offset`` came from."""

    def __init__(self, pieces: list[Piece]) -> None:
        self._pieces = pieces
        self._starts = [piece.start for piece in pieces]

    def piece_at(self, offset: int) -> Piece | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return self._pieces[0] if self._pieces else None
        return self._pieces[index]

    def __call__(self, offset: int) -> dict[str, Any]:
        piece = self.piece_at(offset)
        if piece is None:
            return {}
        # a newline or the end of the text: just after the piece's last character
        delta = max(0, min(offset - piece.start, piece.length))
        place = dict(piece.place)
        for key in piece.advance:
            if isinstance(place.get(key), int):
                place[key] += delta
        return place
