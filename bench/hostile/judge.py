"""Run one hostile case under its limits and say what is wrong with the outcome.

:func:`run_case` runs the case's command in its folder, in a session of its own
(so that a hang is ended with its worker processes), with standard input from the
case's file, and its address space capped (a safety net for the machine: an input
that inflates to gigabytes fails fast instead of swapping). The time limit is on
CPU time (of the command and every process it started), so that a machine busy
with other work does not fail a case. A run that waits instead (a FIFO, a dead
worker) is stopped once it has used no CPU for a second past its limit in wall
time, and any run after ``WAIT_FACTOR`` times its limit in wall time. It measures
the peak resident memory of the largest process (``wait4``'s ``ru_maxrss``), the
peak number of live processes, and the files of the folder before and after
(their SHA-256).

:func:`problems` turns an :class:`Outcome` into a list of sentences, empty when
the case behaves as issue 21 asks: the expected outcome class, within the limits,
no traceback or internal error, no file changed that the command was not asked to
change, nothing left behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FINDINGS, FILE_ERROR, REFUSED = "findings", "file-error", "refused"
ADDRESS_SPACE_CAP = 1024 << 20  # bytes: the 300 MB asked, the address space a run reserves beside it, and a margin
_CJK = re.compile(r"[\u4e00-\u9fff]")
_POLL = 0.02  # seconds between two looks at the run's processes
WAIT_FACTOR = 5.0  # times its limit in wall time: any run is stopped then, however busy the machine
_IDLE = 1.0  # seconds without CPU (beyond the limit in wall time) that make a run one that waits
STARTUP_SECONDS = 1.5  # start-up and a small file, with a margin
BASE_MEGABYTES = 60  # the interpreter, the rules and their data
SHORT_SECONDS = 2.0


@dataclass
class Outcome:
    run: Run
    before: dict[str, str]  # file → sha256, before the run
    after: dict[str, str]
    links: dict[str, tuple[int, int]] = field(default_factory=dict)  # file → (inode, link count) after
    contents: dict[str, bytes] = field(default_factory=dict)  # the case's ``fixed`` files after the run
    second_run_changed: list[str] = field(default_factory=list)  # files a second identical run changed
    preludes: list[Run] = field(default_factory=list)  # the runs of the case's prelude, in order


def command(argv: list[str]) -> list[str]:
    """The program to run for a case's ``argv`` ("doccheck …" or "python HELPER …")."""
    if argv[0] == "doccheck":
        return [sys.executable, "-m", "checker.cli", *argv[1:]]
    if argv[0] == "python":
        return [sys.executable, *argv[1:]]
    raise ValueError(f"a case runs doccheck or python, not {argv[0]!r}")


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``folder`` (FIFOs and devices are not read)."""
    hashes = {}
    for path in sorted(folder.rglob("*")):
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISREG(mode):
            digest = hashlib.sha256()
            with open(path, "rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
            hashes[str(path.relative_to(folder))] = digest.hexdigest()
    return hashes


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

# The command is started by this small launcher, which reports what wait4 says of it.
# Measured from the test process itself, the peak memory would be wrong: a child
# forked from pytest inherits its high-water mark through exec (Linux keeps the
# larger of the old and the new), and pytest after a few hundred tests is larger
# than most runs.
_LAUNCHER = """\
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump({"status": os.waitstatus_to_exitcode(status), "kilobytes": usage.ru_maxrss,
               "cpu": usage.ru_utime + usage.ru_stime}, report)
"""


def _session(session: int) -> tuple[int, float, int]:
    """(live processes, CPU seconds they and the children they reaped have used, the
    largest peak resident set among them in KB) of a session: the launcher, the
    run and the workers it started."""
    count, ticks, peak = 0, 0, 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stream:
                fields = stream.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        # after the name: state, ppid, pgrp, session, …, utime (12), stime, cutime, cstime, …, rss (22)
        if int(fields[3]) == session and fields[0] != b"Z":
            count += 1
            ticks += sum(int(value) for value in fields[11:15])
            peak = max(peak, int(fields[21]) * _PAGE_KB)
    return count, ticks / _TICKS, peak


@dataclass
class Run:
    """One command's result: exit status (None when it was stopped), why it was
    stopped, wall and CPU seconds, peak memory, peak live processes, its output."""

    status: int | None
    stopped: str
    seconds: float
    cpu_seconds: float
    megabytes: float
    processes: int
    stdout: str
    stderr: str


def execute(
    argv: list[str],
    folder: Path,
    stdin: Path | None,
    seconds: float,
    env: dict[str, str] | None = None,
    wait_factor: float = WAIT_FACTOR,
) -> Run:
    """Run one command; stop it (and every process of its session) once it has used
    ``seconds`` of CPU, or waits, or has run ``wait_factor`` times as long in wall time."""
    with (
        tempfile.TemporaryDirectory(prefix="hostile-run-") as scratch,
        open(Path(scratch) / "out", "w+b") as out,
        open(Path(scratch) / "err", "w+b") as err,
        open(stdin, "rb") if stdin else open(os.devnull, "rb") as source,
    ):
        report = Path(scratch) / "report.json"
        started = time.monotonic()
        launcher = subprocess.Popen(
            [sys.executable, "-S", "-c", _LAUNCHER, str(report), *command(argv)],
            cwd=folder,
            stdin=source,
            stdout=out,
            stderr=err,
            start_new_session=True,
            preexec_fn=_limit_address_space,
            env=env,
        )
        peak_processes, peak_kilobytes, cpu, stopped = 0, 0, 0.0, ""
        last_busy, last_cpu = started, 0.0
        while launcher.poll() is None:
            processes, cpu, kilobytes = _session(launcher.pid)
            peak_processes = max(peak_processes, processes - 1)  # the launcher is not the run's
            peak_kilobytes = max(peak_kilobytes, kilobytes)
            now = time.monotonic()
            if cpu > last_cpu + 0.01:
                last_busy, last_cpu = now, cpu
            if cpu > seconds:
                stopped = f"used more than {seconds:.1f} s of CPU"
            elif now - started > seconds and now - last_busy > _IDLE:
                stopped = f"waiting, without using the CPU, after {now - started:.1f} s"
            elif now - started > seconds * wait_factor:
                stopped = f"still running after {seconds * wait_factor:.1f} s"
            if stopped:
                break
            time.sleep(_POLL)
        elapsed = time.monotonic() - started
        try:  # a run that was stopped, or workers a run left behind when it died before them
            os.killpg(launcher.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        launcher.wait()
        status = None
        if not stopped and report.exists():
            measured = json.loads(report.read_text(encoding="utf-8"))
            status, cpu = measured["status"], measured["cpu"]
            peak_kilobytes = max(peak_kilobytes, measured["kilobytes"])
        elif not stopped:
            stopped = f"the launcher failed (exit status {launcher.returncode})"
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
        stderr = err.read().decode("utf-8", errors="replace")
    return Run(status, stopped, elapsed, cpu, peak_kilobytes / 1024, max(1, peak_processes), stdout, stderr)


def warm_environment(cache: Path) -> dict[str, str]:
    """The environment for the runs: doccheck's cache in ``cache`` (the shared one in
    ~/.cache is rewritten by every other checkout on the machine), filled first by
    checking the project's samples, so that each case costs what a user's second
    run costs (a cold cache adds about a second of CPU and 60 MB)."""
    env = {**os.environ, "DOCCHECK_CACHE_DIR": str(cache)}
    samples = Path(__file__).resolve().parents[2] / "samples"
    subprocess.run(
        command(["doccheck", "check", "--fail-on", "never", str(samples)]),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return env


def run_case(
    case: Any,
    folder: Path,
    seconds: float | None = None,
    env: dict[str, str] | None = None,
    wait_factor: float = WAIT_FACTOR,
) -> Outcome:
    """Run ``case`` (a :class:`make_hostile.Case`) in ``folder``, where its files are."""
    limit = seconds or case.seconds
    before = snapshot(folder)  # before the prelude: what it leaves behind counts too
    preludes = [execute(argv, folder, None, limit, env, wait_factor) for argv in case.prelude]
    stdin = folder / case.stdin if case.stdin else None
    run = execute(case.argv, folder, stdin, limit, env, wait_factor)
    after = snapshot(folder)
    links = {name: (os.stat(folder / name).st_ino, os.stat(folder / name).st_nlink) for name in after}
    contents = {name: (folder / name).read_bytes() for name in case.fixed}
    outcome = Outcome(run, before, after, links, contents, preludes=preludes)
    if "fix-idempotent" in case.checks and run.status is not None:
        execute(case.argv, folder, stdin, limit, env, wait_factor)
        again = snapshot(folder)
        outcome.second_run_changed = [name for name in again if again[name] != after.get(name)]
    return outcome


# -- judging -------------------------------------------------------------------------------------
def outcome_class(outcome: Outcome) -> str | None:
    if outcome.run.status in (0, 1):
        return FINDINGS
    if outcome.run.status == 2:
        # a usage or configuration error is printed as "错误：…" ("Error: …" in English) and no report
        refused = any(
            line.startswith(("错误：", "用法：", "Error:", "Usage:")) for line in outcome.run.stderr.splitlines()
        )
        return REFUSED if refused else FILE_ERROR
    return None


def _message_lines(outcome: Outcome, kind: str) -> list[str]:
    streams = outcome.run.stderr if kind == REFUSED else outcome.run.stdout + "\n" + outcome.run.stderr
    return [line for line in streams.splitlines() if ("error" in line.lower() or "错误" in line) and _CJK.search(line)]


def control_characters(text: str) -> list[str]:
    """Control characters that would act on a terminal (everything but the line feed)."""
    return sorted({repr(ch) for ch in text if ch != "\n" and unicodedata.category(ch) == "Cc"})


def limits(case: Any, scale: str) -> tuple[float, float]:
    """(seconds, megabytes) a case is allowed at ``scale``.

    At the full scale, the case's own (10 s, 300 MB). At the ci scale an input whose
    cost must grow linearly is a fraction of its full size, and its limits shrink in
    proportion above what any run costs: a run that keeps within them at the full
    size keeps within them here, and a quadratic one exceeds them here too. An input
    that must be refused, or read without inflating it, whatever its size, gets a
    short time limit: a correct run answers in well under a second."""
    if scale == "full":
        return case.seconds, case.megabytes
    if case.ci_fraction is None:
        return min(case.seconds, SHORT_SECONDS), case.megabytes
    return (
        STARTUP_SECONDS + case.seconds * case.ci_fraction,
        BASE_MEGABYTES + (case.megabytes - BASE_MEGABYTES) * case.ci_fraction,
    )


def problems(case: Any, outcome: Outcome, seconds: float | None = None, megabytes: float | None = None) -> list[str]:
    """What is wrong with ``outcome``; empty when the case passes. ``seconds`` and
    ``megabytes`` replace the case's limits (the test suite's smaller inputs)."""
    seconds, megabytes = seconds or case.seconds, megabytes or case.megabytes
    found: list[str] = []
    output = outcome.run.stdout + outcome.run.stderr
    if outcome.run.status is None:
        found.append(f"stopped: {outcome.run.stopped}")
    elif outcome.run.status < 0:
        found.append(f"killed by signal {-outcome.run.status}")
    else:
        if outcome.run.cpu_seconds > seconds:
            found.append(f"took {outcome.run.cpu_seconds:.1f} s of CPU (limit {seconds:.1f} s)")
        kind = outcome_class(outcome)
        if kind not in case.expect:
            found.append(f"exit status {outcome.run.status} ({kind or 'crash'}); expected {' or '.join(case.expect)}")
        elif kind in (FILE_ERROR, REFUSED) and not _message_lines(outcome, kind):
            where = "standard error" if kind == REFUSED else "the output"
            found.append(f"exit 2 without an error message in Chinese on {where}")
        elif kind == FINDINGS:
            missing = [code for code in case.codes if code not in outcome.run.stdout]
            if missing:
                found.append(f"findings {', '.join(missing)} not reported")
    if outcome.run.megabytes > megabytes:
        found.append(f"used {outcome.run.megabytes:.0f} MB (limit {megabytes:.0f} MB)")
    if "Traceback" in output:
        found.append("a traceback: " + _last_line(outcome.run.stderr or outcome.run.stdout))
    if "内部错误" in output:
        found.append("an internal error: " + next(line for line in output.splitlines() if "内部错误" in line)[:160])
    if re.search(r"\bIN001\b", outcome.run.stdout):
        found.append("a rule crashed (IN001)")
    # a prelude that failed on its own (a helper script that no longer runs) tests nothing
    found.extend(
        f"its prelude failed: {_last_line(prelude.stderr)}"
        for prelude in outcome.preludes
        if "Traceback" in prelude.stdout + prelude.stderr
    )
    found.extend(_file_problems(case, outcome))
    found.extend(_check_problems(case, outcome))
    return found


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def _file_problems(case: Any, outcome: Outcome) -> list[str]:
    found = []
    for name, digest in outcome.before.items():
        if name in case.may_change:
            continue
        if name not in outcome.after:
            found.append(f"{name!r} was deleted")
        elif outcome.after[name] != digest:
            found.append(f"{name!r} was changed")
    allowed = set(case.outputs) if outcome_class(outcome) == FINDINGS else set()
    for name in outcome.after:
        if name not in outcome.before and name not in allowed:
            found.append(f"{name!r} was left behind")
    return found


def _check_problems(case: Any, outcome: Outcome) -> list[str]:
    found = []
    for name, expected in case.fixed.items():
        content = outcome.contents[name]
        unchanged = hashlib.sha256(content).hexdigest() == outcome.before.get(name)
        if content != expected.encode("utf-8") and not unchanged:  # fixed right, or left alone
            shown = content.decode("utf-8", errors="replace")
            found.append(f"{name!r} was fixed wrongly: {shown!r}, expected {expected!r}")
    if outcome.second_run_changed:
        found.append(f"a second fix changed {', '.join(map(repr, outcome.second_run_changed))} again")
    if "no-control-characters" in case.checks:
        controls = control_characters(outcome.run.stdout + outcome.run.stderr)
        if controls:
            found.append(f"control characters reach the terminal: {', '.join(controls)}")
    if "no-forged-line" in case.checks:
        forged = [line for line in outcome.run.stdout.splitlines() if line.startswith("forged.txt:1:1: ST999")]
        if forged:
            found.append(f"a file name forged the line {forged[0]!r}")
    if "every-regular-file-reported" in case.checks:
        found.extend(_unreported_files(outcome))
    if "processes-at-most-cpus" in case.checks:
        cpus = len(os.sched_getaffinity(0))
        if outcome.run.processes > cpus + 1:
            found.append(f"started {outcome.run.processes} processes on {cpus} CPUs")
    if "hard-link-kept" in case.checks:
        inodes = {outcome.links.get(name, (None, 0)) for name in ("doc.txt", "link.txt")}
        if len(inodes) != 1 or next(iter(inodes))[1] != 2:
            found.append("fix split the hard link: doc.txt and link.txt are no longer one file")
    return found


def _unreported_files(outcome: Outcome) -> list[str]:
    try:
        reported = {file["path"] for file in json.loads(outcome.run.stdout)["files"]}
    except (ValueError, KeyError, TypeError):
        return ["no JSON report"]
    regular = {name for name in outcome.before if name.endswith(".txt")}
    missing = sorted(regular - reported)
    return [f"{len(missing)} of {len(regular)} regular files not reported (first: {missing[0]})"] if missing else []
