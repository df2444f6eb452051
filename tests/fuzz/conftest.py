"""Counts of the fuzz session: examples per property and failures tolerated per known bug.

With ``DOCCHECK_FUZZ_REPORT=FILE`` the counts are written there as JSON every few
hundred examples and at the end of the session (``bench/fuzz.py`` reads them, also
from a run it had to stop); they are printed in the terminal summary whenever the
fuzz tests ran.
"""

from __future__ import annotations

import json
import os

from tests.fuzz import known_bugs
from tests.fuzz.known_bugs import EXAMPLES, FIRST_SEEN, TOLERATED
from tests.fuzz.profiles import PROFILE


def write_counts() -> None:
    """The counts so far, to ``DOCCHECK_FUZZ_REPORT`` (atomically: a reader never sees half)."""
    path = os.environ.get("DOCCHECK_FUZZ_REPORT")
    if path:
        with open(path + ".part", "w", encoding="utf-8") as stream:
            json.dump(
                {
                    "profile": PROFILE,
                    "examples": dict(EXAMPLES),
                    "tolerated": dict(TOLERATED),
                    "first_seen": FIRST_SEEN,
                },
                stream,
                ensure_ascii=False,
                indent=1,
            )
        os.replace(path + ".part", path)


def pytest_sessionstart(session):
    known_bugs.on_count = write_counts


def pytest_sessionfinish(session, exitstatus):
    write_counts()


def pytest_terminal_summary(terminalreporter):
    if EXAMPLES:
        counts = ", ".join(f"{name} {count}" for name, count in sorted(EXAMPLES.items()))
        terminalreporter.write_line(f"fuzz ({PROFILE}): {sum(EXAMPLES.values())} examples: {counts}")
        for name, count in sorted(TOLERATED.items()):
            terminalreporter.write_line(f"fuzz: known bug {name} showed on {count} examples")
