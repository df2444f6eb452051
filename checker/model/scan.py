"""Running a pattern only in the ranges of the text that hold a word every match holds.

Python's regular expression engine skips ahead to a pattern that begins with a literal or a
plain character class, but even that skipping tests every character against the class, while
``str.find`` goes through text for a word many times faster. ``ranges_holding`` picks the
paragraphs that hold one of the words every match of a pattern holds, so that the pattern runs
over those alone: most paragraphs of a 公文 hold no ellipsis, dash, half-width mark or 左右.
(Patterns that would begin with a group or a look-behind are written to begin with their first
character instead: see the rules' modules.)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

Range = TypeVar("Range", bound=Sequence[Any])  # (start, end, …)


def ranges_holding(text: str, ranges: list[Range], words: Iterable[str]) -> list[Range]:
    """The ranges, in order, that hold one of the words from end to end. ``ranges`` are
    sorted, disjoint (start, end, …) tuples of offsets into ``text`` (body paragraphs)."""
    starts = [item[0] for item in ranges]
    holding = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            if index >= 0 and at + len(word) <= ranges[index][1]:
                holding.add(index)
            # held or not, no later place in this range (or in the gap after it) can be
            # held: on from the next range's start, not from the next character (a text
            # with a space in every line is one search a paragraph, not one a space)
            at = text.find(word, starts[index + 1]) if index + 1 < len(starts) else -1
    return [ranges[index] for index in sorted(holding)]
