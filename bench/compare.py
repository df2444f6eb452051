"""doccheck's three targets, measured for two revisions side by side in one run.

    python bench/compare.py                      # main against HEAD
    python bench/compare.py 82ba4f8 HEAD --runs 9

Each revision is checked out into a temporary ``git worktree`` (removed afterwards)
and run with this interpreter, ``PYTHONPATH`` pointing at that worktree, its own
cache folder and the console script its ``pyproject.toml`` names (as
``bench/compare_findings.py`` does). The machine is shared and its speed drifts, so
the runs of the two revisions alternate (A B, then B A, …) and the table gives
medians, the min–max and the ratio of the medians. The targets:

- cold start: ``doccheck check`` of the seed in a fresh process, median wall time
  ≤ 0.5 s (after one untimed run that fills the caches on disk, as a user's second
  run finds them; with ``--no-cache`` where a revision has it, so that the file is
  checked again rather than its report read back);
- throughput: a full check of about 1 MB of documents (the seed and corpus
  documents, each its own document) in one process, after one warm-up document,
  ≥ 1.5 MB/s;
- memory: ``doccheck check -j 2`` of the whole corpus, the largest resident set of
  any of its processes ≤ 200 MB.

The time targets are judged on the wall time, as a user feels it, and on the CPU
time, which is what the wall time comes down to on a machine with a core to spare:
when other work keeps the cores busy, the wall time of both revisions grows with the
load while their CPU times and the ratios stay put.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare_findings
import inputs
import measure

TARGET_COLD = 0.5  # s
TARGET_THROUGHPUT = 1.5  # MB/s
TARGET_MEMORY = 200  # MB

# Runs in a fresh process for one revision: times a full check of each file given,
# after one untimed check of the first (imports, rule data, dictionaries), through
# whichever engine module that revision has.
THROUGHPUT = """\
import json, sys, time
try:
    from checker.run.engine import check_text
except ImportError:
    from checker.engine import check_text
texts = [open(path, encoding="utf-8").read() for path in sys.argv[1:]]
check_text(texts[0])
start, cpu = time.perf_counter(), time.process_time()
for text in texts:
    check_text(text)
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}))
"""


@dataclass
class Revision:
    name: str  # as given on the command line
    commit: str
    worktree: Path
    cache: Path
    workdir: Path  # where its commands run: no pyproject.toml or checker/ to pick up
    script: str = ""  # module:function of its console script
    check_options: tuple[str, ...] = ()  # ("--no-cache",) where ``check`` has that option
    series: dict[str, measure.Series] = field(default_factory=dict)

    @property
    def env(self) -> dict:
        return dict(os.environ, PYTHONPATH=str(self.worktree), DOCCHECK_CACHE_DIR=str(self.cache))

    def doccheck(self, *args: str) -> list[str]:
        return [sys.executable, "-c", compare_findings.RUNNER, self.script, str(self.worktree), *args]

    def check(self, *args: str) -> list[str]:
        """``doccheck check`` that checks every file again, when this revision keeps a
        cache of earlier runs' reports (which would answer the timed runs)."""
        return self.doccheck("check", *self.check_options, *args)


@dataclass
class Measurement:
    key: str
    label: str
    argv: Callable[[Revision], list[str]]
    in_process: bool = False  # the child prints its own {"seconds", "cpu"}


def run_once(revision: Revision, measurement: Measurement) -> None:
    series = revision.series.setdefault(measurement.key, measure.Series(f"{revision.name}: {measurement.label}"))
    if series.failed:
        return
    one = measure.run(measurement.argv(revision), env=revision.env, cwd=str(revision.workdir))
    if one.returncode not in (0, 1):
        tail = (one.stderr or one.stdout).strip().splitlines()[-3:]
        series.failed = f"exit {one.returncode}: " + " | ".join(tail)[:400]
        return
    if measurement.in_process:
        timed = json.loads(one.stdout.strip().splitlines()[-1])
        one.seconds, one.cpu = timed["seconds"], timed["cpu"]
    series.runs.append(one)


def measure_alternately(
    revisions: list[Revision], measurements: list[Measurement], runs: int, progress: Callable[[str], None]
) -> None:
    for revision in revisions:  # untimed: bytecode, the cache folder, the file cache
        for measurement in measurements:
            measure.run(measurement.argv(revision), env=revision.env, cwd=str(revision.workdir))
    for round_ in range(runs):
        order = revisions if round_ % 2 == 0 else revisions[::-1]
        for measurement in measurements:
            for revision in order:
                run_once(revision, measurement)
        progress(f"  round {round_ + 1} of {runs} done")


# -- the table -----------------------------------------------------------------------------
def cell(series: measure.Series, value: Callable[[measure.Series], float], digits: int = 3) -> str:
    return "failed" if series.failed or not series.runs else f"{value(series):.{digits}f}"


def table(revisions: list[Revision], sets: dict) -> list[str]:
    base, head = revisions
    megabytes = sets["megabyte"].size / 1e6
    rows = [
        ("cold: `check` of the seed, wall s (median)", "cold", lambda s: s.median, 3, "≤", TARGET_COLD),
        ("cold: CPU s (median)", "cold", lambda s: s.cpu_median, 3, "≤", TARGET_COLD),
        ("cold: min–max wall s", "cold", None, 3, None, None),
        (
            f"throughput: full check of {megabytes:.2f} MB in one process, MB/s (median)",
            "throughput",
            lambda s: megabytes / s.median,
            2,
            "≥",
            TARGET_THROUGHPUT,
        ),
        (
            "throughput: MB/s of CPU time (median)",
            "throughput",
            lambda s: megabytes / s.cpu_median,
            2,
            "≥",
            TARGET_THROUGHPUT,
        ),
        (
            "memory: `check -j 2` of the corpus, peak MB of any process",
            "corpus",
            lambda s: s.peak_mb,
            0,
            "≤",
            TARGET_MEMORY,
        ),
        ("memory: that run's wall s (median)", "corpus", lambda s: s.median, 3, None, None),
        ("memory: that run's CPU s, all processes (median)", "corpus", lambda s: s.cpu_median, 3, None, None),
    ]
    lines = [
        f"| what | {base.name} ({base.commit[:7]}) | {head.name} ({head.commit[:7]}) | "
        f"{head.name} ÷ {base.name} | target ({head.name}) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, key, value, digits, relation, target in rows:
        a, b = base.series[key], head.series[key]
        if value is None:
            cells = [f"{s.low:.{digits}f}–{s.high:.{digits}f}" if s.runs and not s.failed else "failed" for s in (a, b)]
            lines.append(f"| {label} | {cells[0]} | {cells[1]} | | |")
            continue
        ok = a.runs and b.runs and not a.failed and not b.failed
        ratio = f"{value(b) / value(a):.2f}" if ok and value(a) else ""
        verdict = ""
        if relation and b.runs and not b.failed:
            met = value(b) <= target if relation == "≤" else value(b) >= target
            verdict = f"{relation} {target}: {'met' if met else 'MISSED'}"
        lines.append(f"| {label} | {cell(a, value, digits)} | {cell(b, value, digits)} | {ratio} | {verdict} |")
    for revision in revisions:
        for series in revision.series.values():
            if series.failed:
                lines.append(f"\n{series.label} failed: {series.failed}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    compare_findings.add_revision_arguments(parser)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each measurement and revision (default 7)")
    parser.add_argument("--jobs", type=int, default=2, help="-j for the corpus run (default 2)")
    options = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its bytecode
    repo = Path(compare_findings.git(Path.cwd(), "rev-parse", "--show-toplevel"))
    sets = inputs.build()
    seed = [str(path) for path in sets["seed"].texts]
    megabyte = [str(path) for path in sets["megabyte"].texts]
    corpus = [str(path) for path in sets["corpus"].texts]
    measurements = [
        Measurement("cold", "check seed", lambda r: r.check(*seed)),
        Measurement(
            "throughput",
            "full check in one process",
            lambda r: [sys.executable, "-c", THROUGHPUT, *megabyte],
            in_process=True,
        ),
        Measurement(
            "corpus",
            f"check -j {options.jobs} corpus",
            lambda r: r.check("--no-progress", "-j", str(options.jobs), *corpus),
        ),
    ]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="doccheck-bench-") as scratch:
        revisions = []
        try:
            with compare_findings.checkouts(repo, (options.base, options.head), Path(scratch)) as checked_out:
                for name, commit, folder in checked_out:
                    revision = Revision(name, commit, folder / "tree", folder / "cache", folder / "run")
                    revision.workdir.mkdir()
                    revisions.append(revision)
                    revision.script = compare_findings.console_script(revision.worktree)
                    usage = measure.run(
                        revision.doccheck("check", "--help"), env=revision.env, cwd=str(revision.workdir)
                    )
                    revision.check_options = ("--no-cache",) if "--no-cache" in usage.stdout else ()
                print(
                    f"doccheck bench: {options.base} against {options.head}, {options.runs} alternating runs each",
                    flush=True,
                )
                measure_alternately(revisions, measurements, options.runs, lambda text: print(text, flush=True))
        except compare_findings.Failure as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print()
    print(
        f"{now} · {os.cpu_count()} cores ({platform.machine()}) · Python {platform.python_version()} · "
        f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after · {options.runs} runs each, alternating"
    )
    print(
        f"seed {sets['seed'].size / 1e6:.3f} MB; throughput set {len(megabyte)} documents, "
        f"{sets['megabyte'].size / 1e6:.2f} MB; corpus {len(corpus)} files, {sets['corpus'].size / 1e6:.2f} MB"
    )
    print()
    print("\n".join(table(revisions, sets)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
