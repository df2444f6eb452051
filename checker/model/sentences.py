"""Sentences, clauses and phrases: where a document's units of meaning begin and end.

Three nested units, each ended by the marks named in :mod:`checker.core.marks`:

* a **sentence** ends after 。！？!? or at a line break;
* a **clause** ends also after a semicolon (；;): the statements a 公文 strings
  together in one sentence (一是…；二是…；), each of which a rule may read alone;
* a **phrase** ends also after a comma or a colon (，,：:): a pause inside a clause,
  the reach of the words right before a number (and an **item** also after 、).

Every rule that asks where a sentence or a clause ends asks :func:`units`, which
finds the ends of each unit once per document, on first use, and answers by binary
search.
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import NamedTuple

from checker.core import patterns
from checker.core.marks import CLAUSE_ENDS, ITEM_ENDS, PHRASE_ENDS, SENTENCE_ENDS
from checker.model.document import Document


class Span(NamedTuple):
    start: int
    end: int


def _class_of(marks: str) -> re.Pattern[str]:
    return patterns.compile("[" + re.escape(marks) + "]")


_SENTENCE_END = _class_of(SENTENCE_ENDS)
_CLAUSE_END = _class_of(CLAUSE_ENDS)
_PHRASE_END = _class_of(PHRASE_ENDS)
_ITEM_END = _class_of(ITEM_ENDS)


class Ends:
    """The offsets of the marks that end one kind of unit, in order."""

    def __init__(self, offsets: list[int]) -> None:
        self.offsets = offsets

    def start_of(self, offset: int, floor: int = 0) -> int:
        """Where the unit holding ``offset`` begins: just after the last end before
        ``offset``, and not before ``floor``."""
        index = bisect.bisect_left(self.offsets, offset)
        if index and self.offsets[index - 1] >= floor:
            return self.offsets[index - 1] + 1
        return floor

    def end_of(self, offset: int, ceiling: int) -> int:
        """Where the unit holding ``offset`` ends: just after the first end at or after
        ``offset``, and not after ``ceiling``."""
        index = bisect.bisect_left(self.offsets, offset)
        if index < len(self.offsets) and self.offsets[index] < ceiling:
            return self.offsets[index] + 1
        return ceiling

    def any_between(self, start: int, end: int) -> bool:
        """Does a unit end in ``[start, end)``?"""
        index = bisect.bisect_left(self.offsets, start)
        return index < len(self.offsets) and self.offsets[index] < end

    def between(self, start: int, end: int) -> list[int]:
        return self.offsets[bisect.bisect_left(self.offsets, start):bisect.bisect_left(self.offsets, end)]


class Units:
    """The sentence, clause and phrase ends of one text, each found on first use."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _find(self, pattern: re.Pattern[str]) -> Ends:
        return Ends([match.start() for match in pattern.finditer(self.text)])

    @cached_property
    def sentence_ends(self) -> Ends:
        return self._find(_SENTENCE_END)

    @cached_property
    def clause_ends(self) -> Ends:
        return self._find(_CLAUSE_END)

    @cached_property
    def phrase_ends(self) -> Ends:
        return self._find(_PHRASE_END)

    @cached_property
    def item_ends(self) -> Ends:
        return self._find(_ITEM_END)

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
