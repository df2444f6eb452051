"""Run the fuzz suite (tests/fuzz) in its bench profile and report what it found.

Usage::

    python bench/fuzz.py [--seed N] [--examples N] [--minutes M] [--report FILE] [-k EXPR]

runs every property of ``tests/fuzz`` with ``--examples`` examples each (12,500 by
default: about 100,000 in all, the .docx, HTML and configuration properties taking
a share of that), drawn from ``--seed``, one property after the other (a pytest run
each, on one process: a property's examples are those it draws when run alone), and prints the number of
examples run per property and in all, the seed, the examples that fell within a
known open bug (``tests/fuzz/known_bugs.py``, with the shortest of them), and every
failure with its falsifying example. ``--minutes`` stops the run after that long
and reports what it ran (the counts are kept as it goes; the failures of a stopped
run are those its log shows). Exit status 1 when a property failed. Keep each
failure as a fixture in ``tests/fuzz/regressions`` (``tests/fuzz/test_regressions.py``).

The run cannot be stopped with Ctrl-C: doccheck's command line, run in process for
each example, takes the interrupt for its own and exits 2, which the property then
reports as a failure. Use ``--minutes``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20240521)
    parser.add_argument("--examples", type=int, default=12_500, help="examples per property")
    parser.add_argument("--minutes", type=float, help="stop after this long and report what ran")
    parser.add_argument("--report", type=Path, help="also write the counts and failures here (JSON)")
    parser.add_argument("-k", dest="select", help="only the properties whose test name matches (pytest -k)")
    options = parser.parse_args(argv)
    deadline = time.monotonic() + options.minutes * 60 if options.minutes else None
    started = time.monotonic()
    counts: dict[str, dict] = {"examples": {}, "tolerated": {}, "first_seen": {}}
    failures: list[tuple[str, str]] = []
    stopped = False
    with tempfile.TemporaryDirectory(prefix="doccheck-fuzz-") as scratch:
        # One pytest run per property: pytest tells what failed, and on which example,
        # only at the end of its run, so a run stopped at the time limit keeps the
        # failures of every property it finished.
        for test in _properties(options.select):
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                stopped = True
                break
            ran, found, stopped = _run_property(test, options, Path(scratch), left)
            for kind in ("examples", "tolerated"):
                for name, count in ran.get(kind, {}).items():
                    counts[kind][name] = counts[kind].get(name, 0) + count
            for name, seen in ran.get("first_seen", {}).items():
                counts["first_seen"].setdefault(name, seen)
            failures += found
            if stopped:
                break
    elapsed = time.monotonic() - started
    examples = counts.get("examples", {})
    print(
        f"seed {options.seed}, {sum(examples.values())} examples in {elapsed / 60:.1f} min "
        f"({options.examples} per property asked{'; stopped at the time limit' if stopped else ''})"
    )
    for name, count in sorted(examples.items()):
        print(f"  {name:<22} {count}")
    for name, count in sorted(counts.get("tolerated", {}).items()):
        shortest = counts.get("first_seen", {}).get(name, [""])[0]
        print(f"known bug {name}: {count} examples, the shortest {shortest!r}")
    print(f"{len(failures)} properties failed")
    for test, message in failures:
        print(f"\n== {test}\n{message}")
    if options.report:
        options.report.write_text(
            json.dumps(
                {"seed": options.seed, "seconds": round(elapsed), **counts, "failures": dict(failures)},
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 1 if failures else 0


def _properties(select: str | None) -> list[str]:
    """The node ids of the fuzz properties (those ``-k select`` picks)."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/fuzz/test_properties.py",
        "--collect-only",
        "-q",
        "-o",
        "addopts=",
        "-p",
        "no:cacheprovider",
    ] + (["-k", select] if select else [])
    listed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout
    return [line.strip() for line in listed.splitlines() if "::" in line]


def _run_property(
    test: str, options: argparse.Namespace, scratch: Path, seconds: float | None
) -> tuple[dict, list[tuple[str, str]], bool]:
    """Run one property (at most ``seconds``): (its counts, its failures, whether it was stopped)."""
    name = test.rsplit("::", 1)[-1]
    counts_file, junit, log = scratch / f"{name}.counts.json", scratch / f"{name}.xml", scratch / f"{name}.log"
    env = {
        **os.environ,
        "HYPOTHESIS_PROFILE": "bench",
        "DOCCHECK_FUZZ_EXAMPLES": str(options.examples),
        "DOCCHECK_FUZZ_REPORT": str(counts_file),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        test,
        "-q",
        "-p",
        "no:cacheprovider",
        f"--hypothesis-seed={options.seed}",
        f"--junitxml={junit}",
        "-W",
        "ignore::Warning",
    ]
    with open(log, "wb") as output:
        run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            run.wait(timeout=seconds)
            stopped = False
        except subprocess.TimeoutExpired:
            run.kill()
            run.wait()
            stopped = True
    counts = json.loads(counts_file.read_text(encoding="utf-8")) if counts_file.exists() else {}
    return counts, _failures_in_log(log) if stopped else _failures(junit), stopped


def _failures_in_log(log: Path) -> list[tuple[str, str]]:
    """The failures a stopped run had printed: hypothesis's falsifying examples."""
    text = log.read_text(encoding="utf-8", errors="replace")
    blocks = text.split("Failing test case: ")[1:]
    return [(block.split("(", 1)[0], "Failing test case: " + block[:2000]) for block in blocks]


def _failures(junit: Path) -> list[tuple[str, str]]:
    """(test, the lines that say what failed and on which example) of each failed test."""
    if not junit.exists():
        return [("pytest", "no report: the run did not start")]
    found = []
    for case in ElementTree.parse(junit).iter("testcase"):
        for problem in list(case.iter("failure")) + list(case.iter("error")):
            text = problem.text or problem.get("message", "")
            lines = [
                line
                for line in text.splitlines()
                if line.startswith("E ") or "Failing test case" in line or "reproduce_failure" in line
            ]
            found.append((case.get("name", "?"), "\n".join(lines[-40:]) or text[-3000:]))
    return found


if __name__ == "__main__":
    sys.exit(main())
