"""Offsets in a document's text, and positions as the editor counts them.

LSP lines end at "\\n", "\\r\\n" or "\\r" only (not at the other characters Python's
``str.splitlines`` breaks at: a form feed or U+2028 stays inside its line), and a
column counts the code units of the encoding agreed at initialisation — UTF-16 unless
the client offered another — so a character outside the Basic Multilingual Plane
(an emoji, a rare CJK ideograph of plane 2) is two columns. doccheck counts code
points; everything crossing the boundary goes through :class:`LineIndex`.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

_BREAK = re.compile(r"\r\n|\r|\n")
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` the text is."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    """The lines of one text: offsets (code points) ↔ LSP positions."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0]  # where each line begins
        self.ends = []  # where each line's content ends (before its break)
        for match in _BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, number: int) -> str:
        """The text of a 0-based line, without its break (empty past the end)."""
        if not 0 <= number < len(self.starts):
            return ""
        return self.text[self.starts[number] : self.ends[number]]

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of a 0-based line and code-point column (clamped to the text)."""
        if line >= len(self.starts):
            last = len(self.starts) - 1
            return types.Position(line=last, character=units(self.line(last), self.encoding))
        line = max(0, line)
        content = self.line(line)
        return types.Position(line=line, character=units(content[: max(0, column)], self.encoding))

    def position_at(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return self.position(line, min(offset, self.ends[line]) - self.starts[line])

    def range_of(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position_at(start), end=self.position_at(end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position; a column past the line's end (or
        inside a surrogate pair) is taken to the nearest character boundary before it."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        content = self.text[start : self.ends[position.line]]
        if self.encoding == UTF32:
            return start + min(position.character, len(content))
        counted = 0
        for index, char in enumerate(content):
            width = units(char, self.encoding)
            if counted + width > position.character:
                return start + index
            counted += width
        return start + len(content)

    def line_range(self, line: int) -> types.Range:
        """The whole of a 0-based line, without its break."""
        return types.Range(start=self.position(line, 0), end=self.position(line, len(self.line(line))))
