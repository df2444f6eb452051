"""Run the hostile-input corpus of issue 21 and print, per case, what came out.

Usage::

    python bench/hostile/run_hostile.py [--scale full|ci] [--seconds S] [--wait F] [--keep DIR] [NAME ...]

generates the corpus (``make_hostile.py``) into a temporary folder (or ``--keep
DIR``), runs every case (or the named ones) in turn with its limits (10 s, 300 MB
at the full scale, see ``judge.limits`` for the ci scale; ``--seconds`` changes the
time limit) and prints one line per case: time, peak
memory, exit status and ``ok`` or what is wrong. Exit status 1 when any case fails.
``tests/test_hostile_inputs.py`` runs the same cases at the ``ci`` scale.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import judge
import make_hostile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--scale", choices=["full", "ci"], default="full")
    parser.add_argument("--seconds", type=float, help="time limit of each case (default: its own, 10 s)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--wait",
        type=float,
        default=judge.WAIT_FACTOR,
        help="stop any run after this many times its time limit in wall time (default: "
        f"{judge.WAIT_FACTOR:g}; the limit itself is on CPU time)",
    )
    options = parser.parse_args(argv)
    with (
        tempfile.TemporaryDirectory(prefix="hostile-") as scratch,
        tempfile.TemporaryDirectory(prefix="hostile-cache-") as cache,
    ):
        outdir = options.keep or Path(scratch)
        cases = make_hostile.build(outdir, make_hostile.Scale(options.scale), options.names or None)
        environment = judge.warm_environment(Path(cache))
        failed = 0
        print(f"{'case':<38} {'wall s':>6} {'CPU s':>6} {'MB':>6} {'exit':>5}  verdict")
        for case in cases:
            seconds, megabytes = judge.limits(case, options.scale)
            seconds = options.seconds or seconds
            outcome = judge.run_case(case, outdir / case.name, seconds, environment, options.wait)
            found = judge.problems(case, outcome, seconds, megabytes)
            failed += bool(found)
            run = outcome.run
            status = "-" if run.status is None else str(run.status)
            print(
                f"{case.name:<38} {run.seconds:6.1f} {run.cpu_seconds:6.1f} {run.megabytes:6.0f} {status:>5}  "
                f"{'; '.join(found) if found else 'ok'}",
                flush=True,
            )
        print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
