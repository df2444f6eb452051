"""Hypothesis settings of the fuzz suite, chosen by ``HYPOTHESIS_PROFILE``.

``ci`` (the default): a few hundred examples over the whole folder, the same ones
on every run (derandomised), within about a minute. ``bench``: at least 100,000
examples over the folder (``DOCCHECK_FUZZ_EXAMPLES`` per property, 12,500 by default),
from the seed given to pytest (``--hypothesis-seed``);
``bench/fuzz.py`` runs it and reports what it found. No example database is kept:
a failure is kept as a regression fixture instead (``tests/fuzz/regressions``).

The profiles are applied only to the fuzz tests (``FUZZ`` and ``weighted``), never
loaded globally, so the other property tests of the project keep their settings.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
_QUIET = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.differing_executors,
]

settings.register_profile(
    "ci", max_examples=40, derandomize=True, deadline=None, database=None, suppress_health_check=_QUIET, print_blob=True
)
# 12,500 for each of the ten properties (DOCCHECK_FUZZ_EXAMPLES changes it)
_BENCH_EXAMPLES = int(os.environ.get("DOCCHECK_FUZZ_EXAMPLES", "12500"))
settings.register_profile(
    "bench", max_examples=_BENCH_EXAMPLES, deadline=None, database=None, suppress_health_check=_QUIET, print_blob=True
)
if PROFILE not in ("ci", "bench"):
    raise RuntimeError(f"HYPOTHESIS_PROFILE={PROFILE!r}: the fuzz suite knows the profiles ci and bench")

FUZZ = settings(settings.get_profile(PROFILE))


def weighted(share: float) -> settings:
    """The profile with ``share`` of its examples, for a property whose example costs more."""
    return settings(FUZZ, max_examples=max(5, int(FUZZ.max_examples * share)))
