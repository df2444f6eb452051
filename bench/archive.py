"""A generated archive of 10,000 documents: throughput per worker, memory per worker, the
coordinator's memory.

    python bench/archive.py                      # 10,000 documents, ≈ 250 MB
    python bench/archive.py --scale 0.2          # 2,000 documents, ≈ 50 MB
    python bench/archive.py --runs j1,j2,dask1,dask2 --keep /tmp/archive
    python bench/archive.py --scale 0.05 --repeat 3 --runs j1,dask1,dask2   # medians of 3

The archive is generated on each run into a temporary folder (or ``--keep FOLDER``,
reused when it is already there): each document takes a title line from a document of
``../shared/corpus`` and then paragraphs drawn from all of them, in a seeded random
order, to a size drawn around the mean (250 MB / 10,000 = 25 KB, from a fifth to
three times it). Nothing of the corpus is stored in the project; the mixture only
looks like the corpus to the rules (the same kinds of numbers, names and structure).

Each configuration runs ``doccheck check --format jsonl --no-cache`` over the archive
as a fresh process, the output read (and counted) as it comes, while every 0.25 s the
resident memory of the process and of each of its descendants is sampled:

- ``j1``: one process (``-j 1 --timeout 0``: no worker at all);
- ``j2``: two worker processes (``-j 2``);
- ``dask1``, ``dask2``: ``--executor dask`` with a local cluster of 1 or 2 workers.

For each (the median of ``--repeat`` runs) it prints the wall and CPU time, the CPU split
into the worker processes' own and the coordinator's (the ``doccheck`` process: on Dask
the client, scheduler and nannies), the throughput (MB of documents a second of wall
time, and per CPU second: on a machine shared with other work, wall time measures the
load as much as doccheck) and the throughput per worker — MB per second of the workers'
own CPU — against the one-process figure, the largest resident
memory of any worker, and the coordinator's (the ``doccheck`` process itself) — the
figure that must not grow with the number of documents, since the reports are
written out as they come.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENTS, MEGABYTES = 10_000, 250

CONFIGURATIONS = {
    "j1": (["-j", "1", "--timeout", "0"], 1),
    "j2": (["-j", "2"], 2),
    "dask1": (["--executor", "dask", "-j", "1"], 1),
    "dask2": (["--executor", "dask", "-j", "2"], 2),
}


def generate(folder: Path, documents: int, megabytes: float, seed: int = 19) -> int:
    """Write the archive into ``folder`` (files in 100 subfolders); its size in bytes."""
    titles, paragraphs = [], []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if lines:
            titles.append(lines[0])
            paragraphs.extend(line for line in lines[1:] if len(line) >= 20)
    if not paragraphs:
        sys.exit(f"no corpus at {CORPUS}")
    mean = megabytes * 1e6 / documents
    total = 0
    rng = random.Random(seed)
    for number in range(documents):
        target = rng.uniform(0.2, 3.0) * mean / 1.6  # mean of uniform(0.2, 3.0) is 1.6
        pieces = [rng.choice(titles), ""]
        size = len(pieces[0].encode())
        while size < target:
            paragraph = rng.choice(paragraphs)
            pieces.append("\u3000\u3000" + paragraph)
            size += len(paragraph.encode()) + 7
        text = "\n".join(pieces) + "\n"
        path = folder / f"{number % 100:02d}" / f"{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


class Sampler(threading.Thread):
    """The largest resident memory of a process and of each of its descendants, and the
    CPU time each descendant had spent when last seen (a worker's own CPU: what its
    throughput is measured by, apart from what the coordinator spends around it)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peaks: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.cpu: dict[int, float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.1):
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for process in processes:
                try:
                    rss = process.memory_info().rss
                    self.names.setdefault(process.pid, " ".join(process.cmdline())[-200:])
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                self.cpu[process.pid] = times.user + times.system
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)

    def coordinator(self) -> int:
        return self.peaks.get(self.root.pid, 0)

    def largest_worker(self) -> int:
        return max((rss for pid, rss in self.peaks.items() if self._is_worker(pid)), default=0)

    def workers_cpu(self) -> float:
        """The CPU seconds of the worker processes (sampled every 0.1 s: a worker's last
        tenth of a second before it ends may be missed)."""
        return sum(cpu for pid, cpu in self.cpu.items() if self._is_worker(pid))

    def _is_worker(self, pid: int) -> bool:
        # multiprocessing's resource tracker is a helper of the coordinator, not a worker
        return pid != self.root.pid and "resource_tracker" not in self.names.get(pid, "")


def run_configuration(folder: Path, options: list[str]) -> dict[str, float]:
    command = [
        sys.executable,
        "-m",
        "checker.cli",
        "check",
        "--format",
        "jsonl",
        "--no-cache",
        "--no-progress",
        "--fail-on",
        "never",
        *options,
        str(folder),
    ]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = Sampler(process.pid)
    sampler.start()
    assert process.stdout is not None
    lines = findings = 0
    first_line = None
    for line in process.stdout:
        lines += 1
        findings += line.count(b'"code":')
        if first_line is None:
            first_line = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.wait()
    elapsed = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(options)} exited {process.returncode}: {stderr[-2000:]}")
    cpu = _children_cpu() - cpu_before
    return {
        "wall": elapsed,
        "cpu": cpu,
        "workers_cpu": sampler.workers_cpu(),
        "lines": lines,
        "findings": findings,
        "first_line": first_line or 0.0,
        "coordinator": sampler.coordinator() / 2**20,
        "worker": sampler.largest_worker() / 2**20,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="a fraction of 10,000 documents and 250 MB")
    parser.add_argument("--runs", default="j1,j2,dask1,dask2", help="configurations, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration; the medians are shown")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder, not a temporary one")
    options = parser.parse_args()
    runs = [name.strip() for name in options.runs.split(",") if name.strip()]
    unknown = [name for name in runs if name not in CONFIGURATIONS]
    if unknown:
        sys.exit(f"unknown configurations {unknown}; choose among {', '.join(CONFIGURATIONS)}")
    documents, megabytes = max(1, round(DOCUMENTS * options.scale)), MEGABYTES * options.scale
    with tempfile.TemporaryDirectory(prefix="doccheck-archive-") as temporary:
        folder = options.keep or Path(temporary) / "archive"
        folder.mkdir(parents=True, exist_ok=True)
        if any(folder.iterdir()):
            size = sum(path.stat().st_size for path in folder.rglob("*.txt"))
            documents = sum(1 for _ in folder.rglob("*.txt"))
        else:
            started = time.perf_counter()
            size = generate(folder, documents, megabytes)
            print(f"generated {documents} documents, {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
        print(
            f"doccheck check --format jsonl --no-cache over {documents} documents ({size / 1e6:.1f} MB); "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        )
        results: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
        for _ in range(options.repeat):  # interleaved, so that a change of load touches every configuration
            for name in runs:
                results[name].append(run_configuration(folder, CONFIGURATIONS[name][0]))
        one_process = None
        for name in runs:
            workers = CONFIGURATIONS[name][1]
            result = {key: statistics.median(run[key] for run in results[name]) for key in results[name][0]}
            if name == "j1":  # no worker: the process itself checks
                result["workers_cpu"] = result["cpu"]
            throughput = size / 1e6 / result["wall"]
            per_worker_cpu = size / 1e6 / result["workers_cpu"]
            if name == "j1":
                one_process = per_worker_cpu
            against = f", {per_worker_cpu / one_process:.2f} of one process" if one_process else ""
            print(
                f"  {name:6s} (median of {len(results[name])}) wall {result['wall']:7.1f} s, "
                f"CPU {result['cpu']:6.1f} s = workers {result['workers_cpu']:6.1f} s + coordinator "
                f"{result['cpu'] - result['workers_cpu']:5.1f} s; {size / 1e6 / result['cpu']:.2f} MB per CPU "
                f"second in all, {per_worker_cpu:.2f} per worker CPU second{against}; "
                f"{throughput:5.2f} MB/s ({throughput / workers:.2f} per worker); "
                f"first line after {result['first_line']:.1f} s; {result['lines']:.0f} lines, "
                f"{result['findings']:.0f} findings; peak RSS: coordinator {result['coordinator']:.0f} MB, "
                f"largest worker {result['worker']:.0f} MB; load {os.getloadavg()[0]:.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
