"""Paired marks: the brackets, quotation marks and title marks of a document, matched.

GB/T 15834-2011 pairs （）()“”‘’《》〈〉【】〔〕 (:data:`checker.core.marks.PAIRED_MARKS`);
full- and half-width round brackets match each other here (their mixing is a width
question). Marks pair within a paragraph, or within the lines of a paragraph that was
broken mid-sentence (a title over two lines, a wrapped Markdown paragraph). The view
:func:`paired_marks` holds every matched pair and every mark that could not be matched,
found once per document.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.core import patterns
from checker.core.marks import CLOSING_MARKS, LINE_END_MARKS, OPENING_MARKS, PAIRED_MARKS
from checker.model.document import Document
from checker.model.numerals import ARABIC, CHINESE_ONE_TO_NINE

OPENER_OF = {close: open_ for open_, close in PAIRED_MARKS.items()}
# Round brackets of either width match each other.
_FAMILY = {mark: mark for mark in OPENING_MARKS} | {close: open_ for open_, close in PAIRED_MARKS.items()}
_FAMILY.update({"（": "(", "）": "("})
_MARKS = patterns.lazy("[" + re.escape(OPENING_MARKS + CLOSING_MARKS) + "]")
# "1）…" "a)" "一）" at the start of a paragraph number a list item with only a closer.
_LIST_ITEM = patterns.lazy(rf"[{ARABIC}a-zA-Z{CHINESE_ONE_TO_NINE}十]{{1,3}}[)）]")
# A line this short that does not end as a sentence or clause ends (LINE_END_MARKS) was
# broken mid-sentence: its pairs may close on the next line.
_BROKEN_LINE = 80
_LINE_END = tuple(LINE_END_MARKS)


class Unclosed(NamedTuple):
    """An opening mark with no closing mark after it in its paragraph."""

    offset: int
    mark: str

    @property
    def expected(self) -> str:
        return PAIRED_MARKS[self.mark]


class Unmatched(NamedTuple):
    """A closing mark with no opening mark before it in its paragraph."""

    offset: int
    mark: str

    @property
    def expected(self) -> str:
        return OPENER_OF[self.mark]


class Crossed(NamedTuple):
    """A closing mark that closes an outer pair while an inner one is still open: 《…（…》）."""

    offset: int
    mark: str
    opening: int  # the opening mark it closes
    inner: int  # the opening mark still open inside


class PairedMarks(NamedTuple):
    pairs: list[tuple[int, int]]  # (opening, closing) offsets of each matched pair, in order of opening
    unclosed: list[Unclosed]
    unmatched: list[Unmatched]
    crossed: list[Crossed]


class PairingUnit(NamedTuple):
    """A stretch of text within which marks pair, and the starts of its lines."""

    start: int
    end: int
    line_starts: list[int]


def pairing_units(doc: Document) -> list[PairingUnit]:
    """The pairing units of the body, made once per document (read only: shared by the
    paired marks and the rules that look again at a unit)."""
    return doc.view(_pairing_units)


def _pairing_units(doc: Document) -> list[PairingUnit]:
    units: list[PairingUnit] = []
    previous_broken = False
    for paragraph in doc.body_paragraphs:
        if previous_broken and units:
            start, _, line_starts = units[-1]
            line_starts.append(paragraph.start)  # the unit's own list: extended, never copied
            units[-1] = PairingUnit(start, paragraph.end, line_starts)
        else:
            units.append(PairingUnit(paragraph.start, paragraph.end, [paragraph.start]))
        previous_broken = len(paragraph.text) <= _BROKEN_LINE and not paragraph.text.endswith(_LINE_END)
    return units


def paired_marks(doc: Document) -> PairedMarks:
    """The paired marks of the body of ``doc``, matched once per document."""
    return doc.view(_paired_marks)


def _paired_marks(doc: Document) -> PairedMarks:
    found = PairedMarks([], [], [], [])
    text = doc.text
    for unit in pairing_units(doc):
        skips = set()
        for line_start in unit.line_starts:
            item = _LIST_ITEM.match(text, line_start)
            if item:
                skips.add(item.end() - 1)
        marks = _OpenMarks()
        for match in _MARKS.finditer(text, unit.start, unit.end):
            mark, at = match.group(), match.start()
            if mark in PAIRED_MARKS:
                marks.push(mark, at)
                continue
            if at in skips:
                continue
            if mark == "’" and _between_latin(text, at):
                continue  # an apostrophe: China’s
            closed = marks.close(_FAMILY[mark])
            if closed is None:
                found.unmatched.append(Unmatched(at, mark))
            elif closed[1] is None:
                found.pairs.append((closed[0], at))
            else:
                found.crossed.append(Crossed(at, mark, closed[0], closed[1]))
        found.unclosed.extend(Unclosed(at, opener) for opener, at in marks.still_open())
    found.pairs.sort()
    return found


class _OpenMarks:
    """The marks opened and not yet closed, innermost last.

    A closing mark closes the innermost open mark of its family, even when other
    marks were opened inside it (the pairs then cross). Each family keeps the stack
    positions of its open marks, so finding that mark takes constant time however
    many marks are open; a mark closed from under others is only flagged, and
    dropped when it comes to the top — a closing mark costs constant time on average.
    """

    def __init__(self) -> None:
        self._stack: list[tuple[str, int]] = []
        self._open: list[bool] = []
        self._of_family: dict[str, list[int]] = {}

    def push(self, mark: str, at: int) -> None:
        self._of_family.setdefault(_FAMILY[mark], []).append(len(self._stack))
        self._stack.append((mark, at))
        self._open.append(True)

    def close(self, family: str) -> tuple[int, int | None] | None:
        """Close the innermost open mark of ``family``: (its offset, the offset of the
        innermost mark still open inside it when the pairs cross, else None); None when
        no mark of the family is open."""
        positions = self._of_family.get(family)
        if not positions:
            return None
        position = positions.pop()
        while not self._open[-1]:  # marks closed from under others, now on top
            self._stack.pop()
            self._open.pop()
        if position == len(self._stack) - 1:
            self._open.pop()
            return self._stack.pop()[1], None
        self._open[position] = False
        return self._stack[position][1], self._stack[-1][1]

    def still_open(self) -> list[tuple[str, int]]:
        return [entry for entry, is_open in zip(self._stack, self._open, strict=True) if is_open]


def _between_latin(text: str, at: int) -> bool:
    return 0 < at < len(text) - 1 and text[at - 1].isascii() and text[at - 1].isalpha() and text[at + 1].isascii()
