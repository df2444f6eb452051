"""Check many files on several processes; the result does not depend on how many.

:func:`check_paths` walks the paths given and checks every file found with the
engine's :func:`~checker.run.engine.check_path`, one file at a time or on a pool.
Files are handed to a pool of worker processes one at a time (so one long file
does not hold up a batch) and the reports are put back in the order the files
were given; the largest files are handed out first, so no worker is left with a
long file at the end. On platforms with ``fork`` the parent checks the smallest
file itself before the workers are forked: that loads the rules, the grammar and
the dictionaries, which the workers then inherit (frozen out of the garbage
collector's sight, so that it does not copy them) instead of building each its own.
A file whose check raises anything the engine did not already isolate becomes a
file error, never a traceback.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from checker.core.config import Settings
from checker.core.models import FileReport, Report
from checker.load.discovery import discover
from checker.run import engine


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def check_one(path: str, settings: Settings) -> FileReport:
    try:
        return engine.check_path(path, settings)
    except Exception as error:  # a reader or the engine itself failed on this file
        return FileReport(path=path, error=f"内部错误，无法检查此文件：{type(error).__name__}: {error}"[:500])


_worker_settings: Settings | None = None


def _initialise(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (spawned workers; forked ones inherit it)


def _work(item: tuple[int, str]) -> tuple[int, FileReport]:
    index, path = item
    assert _worker_settings is not None
    return index, check_one(path, _worker_settings)


class Progress:
    """A one-line progress bar on a terminal's stderr."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self._shown = 0.0

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._shown >= 0.1 or self.done == self.total:
            self._shown = now
            filled = int(30 * self.done / self.total)
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * 60 + "\r")
        self.stream.flush()


def _progress_for(total: int, progress: bool | None) -> Progress | None:
    if progress is None:
        progress = total >= 20 and sys.stderr.isatty()
    return Progress(total, sys.stderr) if progress and total else None


def check_files(paths: Sequence[str], settings: Settings | None = None, jobs: int | None = None,
                progress: bool | None = None,
                check: Callable[[str, Settings], FileReport] = check_one) -> list[FileReport]:
    """Reports for ``paths`` in the same order, checked on ``jobs`` processes
    (default: the number of CPUs). ``progress``: None shows a bar on a terminal
    for long runs."""
    settings = settings or Settings.defaults()
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    jobs = min(jobs, len(paths))
    bar = _progress_for(len(paths), progress)
    try:
        if jobs <= 1:
            reports = []
            for path in paths:
                reports.append(check(path, settings))
                if bar:
                    bar.advance()
            return reports
        return _in_pool(paths, settings, jobs, bar)
    finally:
        if bar:
            bar.close()


def _in_pool(paths: Sequence[str], settings: Settings, jobs: int, bar: Progress | None) -> list[FileReport]:
    import multiprocessing  # only a run on several processes needs it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Largest files first, so no worker is left with a long file at the end.
    order = sorted(enumerate(paths), key=lambda item: -_size(item[1]))
    results: list[FileReport | None] = [None] * len(paths)
    if context.get_start_method() == "fork":
        # The parent checks the smallest file itself before forking: real work that
        # also builds the caches every worker then inherits.
        index, path = order.pop()
        results[index] = check_one(path, settings)
        if bar:
            bar.advance()
        # Keep the collector from touching (and so copying) every inherited object.
        gc.freeze()
    # Ctrl-C is the parent's to handle (it stops the pool and exits 2): workers are
    # started with SIGINT ignored, so none prints a traceback of its own.
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = context.Pool(jobs, initializer=_initialise, initargs=(settings,))
    finally:
        signal.signal(signal.SIGINT, handler)
    try:
        with pool:
            for index, report in pool.imap_unordered(_work, order, chunksize=1):
                results[index] = report
                if bar:
                    bar.advance()
    finally:
        if context.get_start_method() == "fork":
            gc.unfreeze()
    return [report for report in results if report is not None]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def check_paths(paths: Iterable[str], settings: Settings | None = None, jobs: int | None = 1,
                progress: bool | None = False) -> Report:
    """Check files and folders (walked by :func:`checker.load.discovery.discover`) on
    ``jobs`` processes (None: one per CPU); the report is the same whatever ``jobs``."""
    settings = settings or Settings.defaults()
    return Report.build(check_files(discover(paths, settings), settings, jobs=jobs, progress=progress))
