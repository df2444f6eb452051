"""How much -j 2 gains over -j 1 on the shared corpus, measured in one run.

    python bench/parallel.py [--repeat 5] [--corpus ../shared/corpus] [--jobs 2]
    python bench/parallel.py --crossover [--repeat 3]

Each repetition runs ``doccheck check --format json`` as a fresh process with
``-j 1`` and then with ``-j N`` (interleaved, so a burst of load on the shared
machine hits both alike), checks that both printed the same report, and prints
the median and min–max of the wall times, the CPU time (process and workers),
the load average around the run and the ratio of the medians. Before each
repetition it also times a plain CPU-bound loop on one and on two processes: on a
machine shared with other work, that ratio is the most any program could gain
from ``-j 2`` at that moment, and the figure to read doccheck's ratio against.

``--crossover`` times ``-j 1`` against ``-j N`` on growing parts of the corpus (1, 2,
4 … files, chosen by a fixed shuffle) and prints the total size of each part beside
the two medians: where ``-j N`` starts to win is the size below which the default
(:func:`checker.run.parallel.worker_count`) starts no pool.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(corpus: Path | list[Path], jobs: int) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds of the process and its workers, the report)."""
    paths = [str(path) for path in corpus] if isinstance(corpus, list) else [str(corpus)]
    command = [
        sys.executable,
        "-m",
        "checker.cli",
        "check",
        "--format",
        "json",
        "--no-progress",
        "--no-cache",
        "--fail-on",
        "never",
        "-j",
        str(jobs),
        *paths,
    ]
    cpu = _cpu()
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"doccheck -j {jobs} exited {completed.returncode}: {completed.stderr[-2000:]}")
    return elapsed, _cpu() - cpu, json.loads(completed.stdout)


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def calibrate(n: int = 4_000_000) -> float:
    """How much faster two processes burn two equal loads than one process: what the
    shared machine lets any program gain from a second process right now (ideal 2.0)."""
    import multiprocessing

    started = time.perf_counter()
    _burn(n)
    _burn(n)
    serial = time.perf_counter() - started
    with multiprocessing.get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_burn, [n, n])
        parallel = time.perf_counter() - started
    return serial / parallel


def crossover(corpus: Path, jobs: int, repeat: int) -> None:
    import random

    files = sorted(path for path in corpus.iterdir() if path.suffix in (".txt", ".md", ".html", ".docx", ".pdf"))
    random.Random(19).shuffle(files)
    print(
        f"-j 1 against -j {jobs} on parts of {corpus}; median of {repeat} runs each, wall seconds; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    count = 1
    while True:
        part = files[:count]
        size = sum(path.stat().st_size for path in part)
        times: dict[int, list[float]] = {1: [], jobs: []}
        for _ in range(repeat):
            for j in times:
                times[j].append(run_once(part, j)[0])
        one, many = statistics.median(times[1]), statistics.median(times[jobs])
        print(
            f"  {len(part):4d} files {size / 1024:8.0f} KB: -j 1 {one:.2f} s, -j {jobs} {many:.2f} s, "
            f"ratio {one / many:.2f}",
            flush=True,
        )
        if count >= len(files):
            break
        count = min(count * 2, len(files))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--crossover", action="store_true", help="-j 1 against -j N on growing parts of the corpus")
    options = parser.parse_args()
    if not options.corpus.is_dir():
        sys.exit(f"no corpus at {options.corpus}")
    if options.crossover:
        crossover(options.corpus, options.jobs, options.repeat)
        return
    times: dict[int, list[float]] = {1: [], options.jobs: []}
    cpu: dict[int, list[float]] = {1: [], options.jobs: []}
    reports: dict[int, dict] = {}
    load_before = os.getloadavg()[0]
    run_once(options.corpus, 1)  # warm the file cache; not measured
    machine: list[float] = []
    for _ in range(options.repeat):
        machine.append(calibrate())
        for jobs in times:
            elapsed, cpu_seconds, reports[jobs] = run_once(options.corpus, jobs)
            times[jobs].append(elapsed)
            cpu[jobs].append(cpu_seconds)
    same = reports[1] == reports[options.jobs]
    summary = reports[1]["summary"]
    print(
        f"doccheck check {options.corpus}: {summary['files']} files, {summary['findings']} findings; "
        f"{options.repeat} runs each, {os.cpu_count()} CPUs, {platform.machine()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(
        f"  load average (1 min) before {load_before:.2f}, after {os.getloadavg()[0]:.2f} "
        f"(the machine is shared: other work competes for the same CPUs)"
    )
    for jobs, series in times.items():
        print(
            f"  -j {jobs}: median {statistics.median(series):.2f} s wall  "
            f"(min {min(series):.2f}, max {max(series):.2f}); "
            f"median {statistics.median(cpu[jobs]):.2f} s CPU"
        )
    ratio = statistics.median(times[1]) / statistics.median(times[options.jobs])
    print(f"  speed-up -j {options.jobs} over -j 1 (ratio of medians): {ratio:.2f}x")
    print(
        f"  the machine's own gain from 2 processes (a CPU-bound loop, same moments): "
        f"median {statistics.median(machine):.2f}x (min {min(machine):.2f}, max {max(machine):.2f})"
    )
    print(f"  identical reports: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
