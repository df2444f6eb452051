"""Finding the matches of a pattern quickly when every match begins with one of a few characters.

Python's regular expression engine skips ahead quickly only when a pattern begins with a
literal or a plain character class; a pattern that begins with a group of alternatives or a
look-behind is tried at every position of the text. ``finditer`` finds the candidate
positions with a one-character pattern (which the engine does skip to) and tries the full
pattern only there, giving exactly the matches ``pattern.finditer`` gives.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional


def finditer(pattern: re.Pattern, starts: re.Pattern, text: str, pos: int = 0,
             endpos: Optional[int] = None) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text, pos, endpos)``, for a pattern that never
    matches the empty string and whose every match begins with a character ``starts``
    matches (a single character class)."""
    end = len(text) if endpos is None else endpos
    search, match = starts.search, pattern.match
    cursor = pos
    while True:
        candidate = search(text, cursor, end)
        if candidate is None:
            return
        at = candidate.start()
        found = match(text, at, end)
        if found is None:
            cursor = at + 1
        else:
            yield found
            cursor = found.end()
