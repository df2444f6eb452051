"""Run a command as a fresh process and measure it: wall time and peak memory.

The peak memory is ``ru_maxrss`` from ``wait4``: the resident set of the largest
process in the command's tree (the command itself or any child it waited for, such
as the workers of ``-j``), which is what a user running it on a small machine feels.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Run:
    seconds: float
    peak_kb: int
    cpu: float  # user + system seconds of the process and the children it waited for
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Series:
    """Several runs of one command."""

    label: str
    runs: list[Run] = field(default_factory=list)
    failed: str | None = None  # why the tool could not be measured

    @property
    def times(self) -> list[float]:
        return [run.seconds for run in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def low(self) -> float:
        return min(self.times)

    @property
    def high(self) -> float:
        return max(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_kb for run in self.runs) / 1024


def run(argv: Sequence[str], *, cwd: str | None = None, env: dict | None = None) -> Run:
    """Run ``argv`` once; output goes to temporary files so that ``wait4`` reaps it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            usage.ru_maxrss,
            usage.ru_utime + usage.ru_stime,
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def series(
    label: str,
    argv: Sequence[str],
    times: int,
    *,
    ok: Sequence[int] = (0, 1),
    cwd: str | None = None,
    env: dict | None = None,
    warmup: int = 0,
) -> Series:
    """``times`` runs of ``argv`` after ``warmup`` untimed ones; a run with an unexpected
    exit status marks the series failed."""
    result = Series(label)
    for _ in range(warmup):
        run(argv, cwd=cwd, env=env)
    for _ in range(times):
        one = run(argv, cwd=cwd, env=env)
        if one.returncode not in ok:
            tail = (one.stderr or one.stdout).strip().splitlines()[-3:]
            result.failed = f"exit {one.returncode}: " + " | ".join(tail)[:600]
            return result
        result.runs.append(one)
    return result
