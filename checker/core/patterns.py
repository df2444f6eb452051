"""Regular expressions that are compiled on their first use, not when a module is imported.

A module states its patterns at its top, where a reader looks for them, but one run
uses only some of them (``doccheck --version`` none, a check of a .txt file none of
the readers' patterns), and compiling is not free: CPython's ``re`` compiles in
Python code, and a class of Chinese characters costs it far more than a class of
ASCII ones. :func:`lazy` gives an object that stands for the pattern and compiles it
when it is first used.

A pattern built at run time from data (a rule pack, a profile) is compiled with
``re.compile`` where it is built: there is nothing to defer.

:func:`literals` finds an alternation of plain words as ``re`` would, with a compiled
Aho–Corasick automaton: one pass in native code, where ``re`` tests a class of first
characters at every character of the text.

:func:`finditer_anchored` finds a pattern's matches from the matches of a cheap part
of it (an *anchor*): ``re`` skips ahead quickly only to a pattern's first literal or
class of characters, and a pattern that starts with a look-behind or an optional
part is otherwise tried at every character of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, AnyStr, cast

_declared: list[LazyPattern] = []


class LazyPattern:
    """``re.compile(source, flags)``, compiled the first time it is used.

    It has every attribute of the compiled pattern (``search``, ``finditer``, ``sub``,
    ``pattern``, ``groupindex`` …). The first time one is asked for, the pattern is
    compiled and the attribute is kept on this object, so that later uses find it
    at once: after the first use, ``PATTERN.search(text)`` costs what it costs on the
    ``re.Pattern`` itself. It is not an ``re.Pattern``: where one is needed
    (``re.sub(pattern, …)``, ``isinstance``), use :meth:`compiled`.
    """

    def __init__(self, source: str | bytes, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None

    def compiled(self) -> re.Pattern[Any]:
        """The compiled pattern (compiled now if it has not been used yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Called only for a name this object does not hold yet.
        if name.startswith("__"):  # copy, pickle and friends probing for hooks: no compiling
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)
        return value

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str | bytes, int]]:
        return (LazyPattern, (self._source, self._flags))

    def __repr__(self) -> str:
        return f"patterns.lazy({self._source!r}, {self._flags!r})"


def lazy(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """A pattern to state at a module's top: ``re.compile(source, flags)`` on first use.

    Typed as the ``re.Pattern`` it stands for, whose methods and attributes it has.
    """
    pattern = LazyPattern(source, flags)
    _declared.append(pattern)
    return cast("re.Pattern[AnyStr]", pattern)


def compiled() -> list[re.Pattern[Any]]:
    """Every pattern stated with :func:`lazy` so far, compiled (for the tests that
    inspect all of doccheck's patterns)."""
    return [pattern.compiled() for pattern in _declared]


class Literals:
    """Plain words found as ``re.finditer`` finds their alternation ``w1|w2|…``: the
    leftmost place one of them stands, there the first word listed that does, then on
    after it (not overlapping). The automaton is built on the first search."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self._automaton: Any = None

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of each word found in ``text[start:end]``, in order."""
        if self._automaton is None:
            self._automaton = automaton(self.words, leftmost_first=True)
        return [
            (start + first, start + last) for _, first, last in self._automaton.find_matches_as_indexes(text[start:end])
        ]


def automaton(words: list[str], leftmost_first: bool = False) -> Any:
    """An Aho–Corasick automaton of the plain ``words`` (the ``ahocorasick-rs`` package):
    one pass of compiled code over a text finds every place one of them stands. With
    ``leftmost_first``, its non-overlapping matches are those of ``re``'s alternation."""
    import ahocorasick_rs  # imported when a first automaton is built, not at start-up

    if leftmost_first:
        return ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostFirst)
    return ahocorasick_rs.AhoCorasick(words)


def literals(words: list[str]) -> Literals:
    """The alternation of ``words`` (each a plain, non-empty string), as :class:`Literals`."""
    return Literals(words)


def finditer_anchored(
    pattern: re.Pattern[str],
    anchor: re.Pattern[str],
    text: str,
    start: int,
    end: int,
    *,
    reach: int,
    inside: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text, start, end)``, found by trying ``pattern``
    only at the ``reach + 1`` positions up to each match of ``anchor``.

    The caller promises that every match of ``pattern`` is non-empty and that ``anchor``
    matches (searched with the same ``end``) at most ``reach`` characters after the
    match's start: a match starting at ``s`` then starts no earlier than ``reach`` before
    the first anchor at or after ``s``, so no position outside the windows tried can
    start one, and the first match found in them is the leftmost. The anchor should
    start with a literal or a class of characters, which ``re`` skips ahead to quickly.

    Where anchors can stand at every character of a long stretch (digits, for an anchor
    of digits), ``inside`` says what no match starts in: after the windows up to an
    anchor found nothing, the search goes on after the run of ``inside`` that follows
    the anchor's first character, not at the next character, so that a stretch of 500
    digits costs one window, not 500.
    """
    position = start
    while position < end:
        found = anchor.search(text, position, end)
        if found is None:
            return
        at = found.start()
        for candidate in range(max(position, at - reach), at + 1):
            match = pattern.match(text, candidate, end)
            if match is not None:
                yield match
                position = max(match.end(), candidate + 1)  # (an empty match would not move on)
                break
        else:
            position = at + 1
            skipped = inside.match(text, position, end) if inside is not None else None
            if skipped is not None:
                position = skipped.end()
