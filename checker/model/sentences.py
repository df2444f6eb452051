"""Sentences, clauses and phrases: where a document's units of meaning begin and end.

Three nested units, each ended by the marks named in :mod:`checker.core.marks`:

* a **sentence** ends after 。！？!? or at a line break;
* a **clause** ends also after a semicolon (；;): the statements a 公文 strings
  together in one sentence (一是…；二是…；), each of which a rule may read alone;
* a **phrase** ends also after a comma or a colon (，,：:): a pause inside a clause,
  the reach of the words right before a number (and an **item** also after 、).

Every rule that asks where a sentence or a clause ends asks :func:`units`, which
finds the ends of each unit once per document (a stretch of text when it is first
asked about) and answers by binary search.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import NamedTuple

from checker.core.marks import CLAUSE_ENDS, ITEM_ENDS, PHRASE_ENDS, SENTENCE_ENDS
from checker.model.document import Document


class Span(NamedTuple):
    start: int
    end: int


def _ends_of(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(marks) + "]")


_SENTENCE_END = _ends_of(SENTENCE_ENDS)
_CLAUSE_END = _ends_of(CLAUSE_ENDS)
_PHRASE_END = _ends_of(PHRASE_ENDS)
_ITEM_END = _ends_of(ITEM_ENDS)
# The text is searched for the marks in blocks of this many characters, each when first
# asked about: a rule that asks about a few sentences (the claims read only the sentences
# with numbers) does not pay for the whole text.
_BLOCK = 2048


class Ends:
    """The offsets of the marks that end one kind of unit in a text."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self._text = text
        self._pattern = pattern
        self._blocks: dict[int, list[int]] = {}

    def _block(self, index: int) -> list[int]:
        found = self._blocks.get(index)
        if found is None:
            start = index * _BLOCK
            found = self._blocks[index] = [
                match.start() for match in self._pattern.finditer(self._text, start, start + _BLOCK)
            ]
        return found

    def _last_before(self, offset: int, floor: int) -> int | None:
        """The last end in ``[floor, offset)``."""
        index = (offset - 1) // _BLOCK
        while offset > floor and index >= floor // _BLOCK:
            block = self._block(index)
            at = bisect.bisect_left(block, offset)
            if at:
                return block[at - 1] if block[at - 1] >= floor else None
            index -= 1
        return None

    def _first_from(self, offset: int, ceiling: int) -> int | None:
        """The first end in ``[offset, ceiling)``."""
        index = offset // _BLOCK
        while offset < ceiling and index * _BLOCK < ceiling:
            block = self._block(index)
            at = bisect.bisect_left(block, offset)
            if at < len(block):
                return block[at] if block[at] < ceiling else None
            index += 1
        return None

    def start_of(self, offset: int, floor: int = 0) -> int:
        """Where the unit holding ``offset`` begins: just after the last end before
        ``offset``, and not before ``floor``."""
        last = self._last_before(offset, floor)
        return floor if last is None else last + 1

    def end_of(self, offset: int, ceiling: int) -> int:
        """Where the unit holding ``offset`` ends: just after the first end at or after
        ``offset``, and not after ``ceiling``."""
        first = self._first_from(offset, ceiling)
        return ceiling if first is None else first + 1

    def any_between(self, start: int, end: int) -> bool:
        """Does a unit end in ``[start, end)``?"""
        return self._first_from(start, end) is not None

    def between(self, start: int, end: int) -> list[int]:
        """The ends in ``[start, end)``, in order."""
        found: list[int] = []
        for index in range(start // _BLOCK, (end - 1) // _BLOCK + 1 if end > start else start // _BLOCK):
            found.extend(offset for offset in self._block(index) if start <= offset < end)
        return found


class Units:
    """The sentence, clause, phrase and item ends of one text, each searched for on first use."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def sentence_ends(self) -> Ends:
        return Ends(self.text, _SENTENCE_END)

    @cached_property
    def clause_ends(self) -> Ends:
        return Ends(self.text, _CLAUSE_END)

    @cached_property
    def phrase_ends(self) -> Ends:
        return Ends(self.text, _PHRASE_END)

    @cached_property
    def item_ends(self) -> Ends:
        return Ends(self.text, _ITEM_END)

    def sentence_at(self, offset: int, floor: int = 0, ceiling: int | None = None) -> Span:
        """The sentence holding ``offset``, with its end mark, within ``[floor, ceiling)``."""
        ceiling = len(self.text) if ceiling is None else ceiling
        ends = self.sentence_ends
        return Span(ends.start_of(offset, floor), ends.end_of(offset, ceiling))

    def clause_at(self, offset: int, floor: int = 0, ceiling: int | None = None) -> Span:
        """The clause holding ``offset``, with its end mark, within ``[floor, ceiling)``."""
        ceiling = len(self.text) if ceiling is None else ceiling
        ends = self.clause_ends
        return Span(ends.start_of(offset, floor), ends.end_of(offset, ceiling))


def units(doc: Document) -> Units:
    """The sentence, clause and phrase ends of ``doc``, computed once per document."""
    return doc.view(_units)


def _units(doc: Document) -> Units:
    return Units(doc.text)
