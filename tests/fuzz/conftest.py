"""Counts of the fuzz session: examples per property and failures tolerated per known bug.

With ``DOCCHECK_FUZZ_REPORT=FILE`` the counts are written there as JSON at the end of
the session (``bench/fuzz.py`` reads them); they are printed in the terminal summary
whenever the fuzz tests ran.
"""
from __future__ import annotations

import json
import os

from tests.fuzz.known_bugs import EXAMPLES, FIRST_SEEN, TOLERATED
from tests.fuzz.profiles import PROFILE


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("DOCCHECK_FUZZ_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as stream:
            json.dump({"profile": PROFILE, "examples": dict(EXAMPLES), "tolerated": dict(TOLERATED),
                       "first_seen": FIRST_SEEN}, stream, ensure_ascii=False, indent=1)


def pytest_terminal_summary(terminalreporter):
    if EXAMPLES:
        counts = ", ".join(f"{name} {count}" for name, count in sorted(EXAMPLES.items()))
        terminalreporter.write_line(f"fuzz ({PROFILE}): {sum(EXAMPLES.values())} examples: {counts}")
        for name, count in sorted(TOLERATED.items()):
            terminalreporter.write_line(f"fuzz: known bug {name} showed on {count} examples")
