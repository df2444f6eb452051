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
    units: list[PairingUnit] = []
    previous_broken = False
    for paragraph in doc.body_paragraphs:
        if previous_broken and units:
            start, _, line_starts = units[-1]
            units[-1] = PairingUnit(start, paragraph.end, [*line_starts, paragraph.start])
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
        stack: list[tuple[str, int]] = []
        skips = set()
        for line_start in unit.line_starts:
            item = _LIST_ITEM.match(text, line_start)
            if item:
                skips.add(item.end() - 1)
        for match in _MARKS.finditer(text, unit.start, unit.end):
            mark, at = match.group(), match.start()
            if mark in PAIRED_MARKS:
                stack.append((mark, at))
                continue
            if at in skips:
                continue
            if mark == "’" and _between_latin(text, at):
                continue  # an apostrophe: China’s
            family = _FAMILY[mark]
            if stack and _FAMILY[stack[-1][0]] == family:
                found.pairs.append((stack.pop()[1], at))
                continue
            depth = next((i for i in range(len(stack) - 1, -1, -1) if _FAMILY[stack[i][0]] == family), None)
            if depth is None:
                found.unmatched.append(Unmatched(at, mark))
                continue
            inner_at = stack[-1][1]
            _, opener_at = stack.pop(depth)
            found.crossed.append(Crossed(at, mark, opener_at, inner_at))
        found.unclosed.extend(Unclosed(at, opener) for opener, at in stack)
    found.pairs.sort()
    return found


def _between_latin(text: str, at: int) -> bool:
    return 0 < at < len(text) - 1 and text[at - 1].isascii() and text[at - 1].isalpha() and text[at + 1].isascii()
