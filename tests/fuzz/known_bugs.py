"""Open bugs the fuzz properties find, so that CI passes while they are being fixed elsewhere.

Each :class:`KnownBug` names the properties it breaks, the inputs it breaks them on
(a predicate as narrow as the bug is understood), and the regression fixtures that
pin it (``tests/fuzz/regressions``, run strictly as an expected failure by
``test_regressions.py``). A property that fails on an input inside a known bug's
domain counts the example as tolerated instead of failing; any other failure
fails. When the bug is fixed, its fixtures pass, its strict ``xfail`` fails, and
the entry here must go with the mark.

The counts of examples and of tolerated failures are kept per session and written
by ``tests/fuzz/conftest.py`` for ``bench/fuzz.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

EXAMPLES: Counter = Counter()  # property → examples run
TOLERATED: Counter = Counter()  # known bug → examples on which it showed
FIRST_SEEN: dict[str, list[str]] = {}  # known bug → the first inputs it showed on (shortest kept)
on_count: Callable[[], None] | None = None  # called every 250 examples (conftest.py writes the counts)


@dataclass(frozen=True)
class KnownBug:
    name: str
    reason: str
    regressions: tuple[str, ...]  # its fixtures in tests/fuzz/regressions
    properties: tuple[str, ...]
    applies: Callable[[str], bool]


KNOWN_BUGS: list[KnownBug] = []  # none open: the UTF-8-with-NUL fixtures now pass as regressions


@contextmanager
def tolerating(prop: str, text: str) -> Iterator[None]:
    """Run a property's assertions; a failure on an input a known bug covers is counted, not raised."""
    EXAMPLES[prop] += 1
    if on_count is not None and sum(EXAMPLES.values()) % 250 == 0:
        on_count()
    try:
        yield
    except AssertionError:
        bug = next((bug for bug in KNOWN_BUGS if prop in bug.properties and bug.applies(text)), None)
        if bug is None:
            raise
        TOLERATED[bug.name] += 1
        seen = FIRST_SEEN.setdefault(bug.name, [])
        if len(seen) < 5:
            seen.append(text)
            seen.sort(key=len)
