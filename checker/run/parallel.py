"""Check many files on several processes; the result does not depend on how many.

:func:`check_paths` walks the paths given and checks every file found with the
engine's :func:`~checker.run.engine.check_path`, in this process or on worker
processes (:mod:`checker.run.workers`). Never more workers than CPUs or files are
started, whatever ``jobs`` asks. With a time budget per file, the files of a run
are checked in workers — even on one job — because only a process can be stopped
and the run then go on: a file over its budget is reported as not checked (IN003),
a worker that dies has its file reported, and the other files are checked. A run of
one file (or standard input) is checked in this process under an interval timer,
since nothing follows it (see :func:`_check_alone`).

Files are handed to the workers one at a time (so one long file does not hold up a
batch) and the reports are put back in the order the files were given; the largest
files are handed out first, so no worker is left with a long file at the end. On
platforms with ``fork``, workers are forked after the parent has loaded the rules
and warmed the shared caches (grammar, parsers, dictionaries) on a sample document
and frozen them out of the garbage collector's sight, so no worker imports, builds
or copies them again. A file whose check raises anything the engine did not already
isolate becomes a file error, never a traceback.
"""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TextIO

from checker.core.config import Settings
from checker.core.models import FileReport, Report
from checker.load.discovery import discover
from checker.run import engine

CheckFile = Callable[[str, Settings], FileReport]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def check_one(path: str, settings: Settings) -> FileReport:
    try:
        return engine.check_path(path, settings)
    except Exception as error:  # a reader or the engine itself failed on this file
        return _failed(path, error)


def _check_piped_data(name: str, data: bytes, path: str, settings: Settings) -> FileReport:
    try:
        return engine.check_data(name, data, settings)
    except Exception as error:
        return _failed(path, error)


def _failed(path: str, error: Exception) -> FileReport:
    return FileReport(path=path, error=f"内部错误，无法检查此文件：{type(error).__name__}: {error}"[:500])


def build_shared_caches(settings: Settings, paths: Sequence[str] = ()) -> None:
    """Build, before the workers are forked, what each would otherwise build again: the
    rules, the grammar's tables, the word lists and the readers of the kinds of file to
    check, by importing the readers and checking a short made-up document.

    It must not change any result: everything it builds is a cache that a worker would
    build the same way on its first file. Whatever goes wrong here is ignored, because
    the real check of the file meets it again and reports it for that file."""
    import importlib
    from pathlib import Path

    from checker.load.readers import READERS

    try:
        for module in sorted({READERS.get(Path(path).suffix.lower(), "text") for path in paths}):
            importlib.import_module(f"checker.load.readers.{module}")
        engine.check_text("一、总体情况\n（一）今年完成投资100万元，同比增长5%。\n二、下一步工作\n", settings)
    except Exception:  # the real run reports whatever this was
        pass


class Progress:
    """click's progress bar on a terminal's stderr: files done of all, and the time left."""

    def __init__(self, total: int, stream: TextIO, label: str = "检查文件") -> None:
        import click

        self.bar = click.progressbar(length=total, label=label, file=stream, show_eta=True, show_pos=True, width=30)
        self.bar.__enter__()  # drawn now; closed by close(), which the caller's ``finally`` calls

    def advance(self) -> None:
        self.bar.update(1)

    def close(self) -> None:
        self.bar.__exit__(None, None, None)


def progress_for(total: int, progress: bool | None) -> Progress | None:
    """A bar only on a terminal (a log or a pipe gets none), and by default only for long runs."""
    wanted = total >= 20 if progress is None else progress
    if not (total and wanted and sys.stderr.isatty()):
        return None
    return Progress(total, sys.stderr)


# The default number of workers (no -j, or -j 0) follows the size of the run. A pool
# costs a fork, a warm-up and the reports sent back; ``bench/parallel.py --crossover``
# times -j 1 against -j 2 on growing parts of the corpus, and below POOL_MIN_BYTES of
# text, or with fewer than POOL_MIN_FILES files, a second worker did not win (see
# bench/README.md). Above it, one more worker for every BYTES_PER_WORKER, up to the CPUs.
POOL_MIN_BYTES = 768 << 10
POOL_MIN_FILES = 4
BYTES_PER_WORKER = 384 << 10


def default_workers(files: int, total_bytes: int | None) -> int:
    """The workers a run of ``files`` files of ``total_bytes`` bytes is checked on when the
    user names no number: one (no pool) for a small run, then one per
    ``BYTES_PER_WORKER``, never more than the CPUs or the files. ``total_bytes`` None: not
    known (URLs), counted as a large run."""
    cpus = default_jobs()
    if total_bytes is None:
        return max(1, min(cpus, files))
    if files < POOL_MIN_FILES or total_bytes < POOL_MIN_BYTES:
        return 1
    return max(1, min(cpus, files, total_bytes // BYTES_PER_WORKER))


def worker_count(jobs: int | None, files: int, total_bytes: int | None = None) -> int:
    """The processes to check ``files`` on: ``jobs``, never more than the CPUs or the
    files; None or 0: :func:`default_workers`."""
    if not jobs or jobs <= 0:
        return default_workers(files, total_bytes)
    return max(1, min(jobs, default_jobs(), files))


def check_files(
    paths: Sequence[str],
    settings: Settings | None = None,
    jobs: int | None = None,
    progress: bool | None = None,
    check: CheckFile | None = None,
    timeout: float = 0,
) -> list[FileReport]:
    """Reports for ``paths`` in the same order, checked on up to ``jobs`` processes
    (None: :func:`default_workers`). ``timeout``: seconds each file may take (0: no
    limit); a file over it is stopped and reported with IN003. ``progress``: None
    shows a bar on a terminal for long runs."""
    results: list[FileReport | None] = [None] * len(paths)
    for index, report in iter_files(paths, settings, jobs=jobs, progress=progress, check=check, timeout=timeout):
        results[index] = report
    return [report for report in results if report is not None]


def iter_files(
    paths: Sequence[str],
    settings: Settings | None = None,
    jobs: int | None = None,
    progress: bool | None = None,
    check: CheckFile | None = None,
    timeout: float = 0,
) -> Iterator[tuple[int, FileReport]]:
    """``(index in paths, report)`` for every file as its check ends, in the order they
    end (on one process without a time budget: the order given). Nothing is kept once
    yielded, so a caller that writes each report out holds one at a time."""
    if not paths:  # every file answered from the cache, say: no worker to start
        return
    settings = settings or Settings.defaults()
    check = check or check_one
    jobs = worker_count(jobs, len(paths), sum(map(_size, paths)) if not jobs else None)
    bar = progress_for(len(paths), progress)
    try:
        if jobs <= 1 and not timeout:
            for index, path in enumerate(paths):
                yield index, check(path, settings)
                if bar:
                    bar.advance()
            return
        if len(paths) == 1:
            alone = _check_alone(paths[0], settings, timeout, check)
            if alone is not None:
                if bar:
                    bar.advance()
                yield 0, alone
                return
        for index, report in _in_workers(paths, settings, jobs, timeout, check):
            if bar:
                bar.advance()
            yield index, report
    finally:
        if bar:
            bar.close()


def _in_workers(
    paths: Sequence[str], settings: Settings, jobs: int, timeout: float, check: CheckFile
) -> Iterator[tuple[int, FileReport]]:
    from checker.run.workers import Workers, start_method  # multiprocessing: only for runs that use it

    # Largest files first, so no worker is left with a long file at the end.
    order = sorted(enumerate(paths), key=lambda item: -_size(item[1]))
    forked = start_method() == "fork"
    if forked:
        # Built here, the caches are built once for all the workers (and the ones that
        # replace them), and a file's time budget is spent on that file alone.
        build_shared_caches(settings, paths)
        gc.freeze()  # keep the collector from touching (and so copying) every inherited object
    try:
        yield from Workers(jobs, settings, check).reports(order, timeout, engine.timed_out)
    finally:
        if forked:
            gc.unfreeze()


class _OverBudget(BaseException):
    """The time budget of the file checked in this process is spent. Not an Exception:
    no reader or rule that isolates its own failures may take it for one of them."""


def _check_alone(path: str, settings: Settings, timeout: float, check: CheckFile) -> FileReport | None:
    """Check the one file of a run in this process, stopped by an interval timer when its
    budget is spent; None where no timer can be set (not the main thread, no SIGALRM).

    A worker process would cost a lone file's check some 6 % more CPU (the import of
    multiprocessing, a fork, the report sent back) for little a timer cannot do here:
    the timer's exception stops Python code and a read that waits, and whatever state
    the check leaves half-built is never used, as no other file follows. (A single call
    into C code that never returns is beyond a timer; only a worker could stop it.)"""
    if not hasattr(signal, "setitimer"):
        return None

    def expire(signum: int, frame: object) -> None:
        raise _OverBudget

    try:
        previous = signal.signal(signal.SIGALRM, expire)
    except ValueError:  # not the main thread: only a worker can keep this file's budget
        return None
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return check(path, settings)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _OverBudget:
        return engine.timed_out(path, timeout)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def check_piped(path: str, data: bytes, settings: Settings | None = None, timeout: float = 0) -> FileReport:
    """Check bytes that claim to be the file ``path`` (standard input), within ``timeout``
    seconds (0: no limit) like a file."""
    settings = settings or Settings.defaults()
    check = functools.partial(_check_piped_data, path, data)
    if not timeout:
        return check(path, settings)
    report = _check_alone(path, settings, timeout, check)
    if report is None:
        ((_, report),) = _in_workers([path], settings, 1, timeout, check)
    return report


def check_paths(
    paths: Iterable[str],
    settings: Settings | None = None,
    jobs: int | None = 1,
    progress: bool | None = False,
    timeout: float = 0,
    skipped: Callable[[str, str], None] | None = None,
) -> Report:
    """Check files and folders (walked by :func:`checker.load.discovery.discover`, which
    tells ``skipped`` of the files it leaves out) on ``jobs`` processes (None: one per
    CPU), each file within ``timeout`` seconds (0: no limit); the report is the same
    whatever ``jobs``."""
    settings = settings or Settings.defaults()
    files = discover(paths, settings, skipped)
    return Report.build(check_files(files, settings, jobs=jobs, progress=progress, timeout=timeout))
