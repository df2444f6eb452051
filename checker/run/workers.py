"""Worker processes that check files one at a time, each within a time budget.

A check that runs away cannot be stopped from inside its process: a thread cannot
be killed, and a signal handler does not run while the regular expression engine
(or any other C code) holds the interpreter. So files with a time budget are
checked in worker processes. A worker still busy when its file's budget is spent is
killed and replaced, and the file reported as not checked (IN003); a worker that
dies on its own — killed by the kernel for want of memory, a crash in an extension
— is noticed through its sentinel, and its file reported instead of waited for. The
other files go on, on the other workers and the replacements.

Each worker is sent one file, sends back its report, and waits for the next; where
the platform can fork, workers are forked and inherit what the parent has loaded.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from checker.core.config import Settings
from checker.core.models import FileReport

CheckFile = Callable[[str, Settings], FileReport]
Task = tuple[int, str]  # (index in the run, path)


def start_method() -> str:
    """``fork`` where the platform has it (workers inherit the parent's rules and caches)."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _serve(connection: Connection, settings: Settings, check: CheckFile) -> None:
    """A worker's life: check each file it is sent, send the report back, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (spawned workers)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, path = task
        report = check(path, settings)
        try:
            connection.send((index, report))
        except (TypeError, ValueError, AttributeError) as error:  # a report that cannot be pickled
            connection.send((index, FileReport(path=path, error=f"内部错误，无法送回检查结果：{error}"[:500])))


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    task: Task | None = None
    deadline: float = math.inf

    def give(self, task: Task, budget: float) -> None:
        self.connection.send(task)  # first: a worker that died while it waited raises here
        self.task = task
        self.deadline = time.monotonic() + budget if budget else math.inf

    def stop(self) -> None:
        """Ask an idle worker to leave; kill a busy one."""
        if self.task is None and self.process.is_alive():
            try:
                self.connection.send(None)
            except OSError:
                pass
        else:
            self.process.kill()
        self.connection.close()


class Workers:
    """Up to ``size`` worker processes checking files with ``check``."""

    def __init__(self, size: int, settings: Settings, check: CheckFile, context: BaseContext | None = None) -> None:
        self.size, self.settings, self.check = size, settings, check
        self.context = context or multiprocessing.get_context(start_method())
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        start = self.context.Process  # type: ignore[attr-defined]  # (each concrete context has it)
        process = start(target=_serve, args=(theirs, self.settings, self.check), daemon=True)
        # Workers start with SIGINT ignored (a forked one inherits it at once): Ctrl-C
        # stops the parent, which stops them, and none prints a traceback of its own.
        try:
            handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        except ValueError:  # not the main thread: Ctrl-C is not this thread's to route
            handler = None
        try:
            process.start()
        finally:
            if handler is not None:
                signal.signal(signal.SIGINT, handler)
        theirs.close()
        worker = _Worker(process, ours)
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        worker.process.join()
        self.workers.remove(worker)

    def run(
        self,
        tasks: Iterable[Task],
        budget: float,
        done: Callable[[int, FileReport], None],
        not_checked: Callable[[str, float], FileReport],
    ) -> None:
        """Check every task, ``budget`` seconds each (0: no limit); ``done(index, report)`` as
        each ends, in the order they end. ``not_checked(path, budget)`` is the report of a
        file whose budget was spent."""
        for index, report in self.reports(tasks, budget, not_checked):
            done(index, report)

    def reports(
        self, tasks: Iterable[Task], budget: float, not_checked: Callable[[str, float], FileReport]
    ) -> Iterator[tuple[int, FileReport]]:
        """``(index, report)`` of every task as each ends, in the order they end: the
        caller holds no more reports than it keeps. The workers stop when the iteration
        ends, or is abandoned (closed)."""
        pending = deque(tasks)
        ready: deque[tuple[int, FileReport]] = deque()
        done = lambda index, report: ready.append((index, report))  # noqa: E731
        try:
            while pending or any(worker.task for worker in self.workers):
                for worker in [w for w in self.workers if w.task is None]:
                    if pending:
                        self._give(worker, pending, budget, done)
                while pending and len(self.workers) < self.size:
                    self._give(self._start(), pending, budget, done, fresh=True)
                if any(worker.task for worker in self.workers):
                    self._wait(budget, done, not_checked)
                while ready:
                    yield ready.popleft()
            while ready:
                yield ready.popleft()
        finally:
            self.close()

    def _give(
        self,
        worker: _Worker,
        pending: deque[Task],
        budget: float,
        done: Callable[[int, FileReport], None],
        fresh: bool = False,
    ) -> None:
        """Hand the next task to ``worker``. One that died while it waited is replaced, and
        the task waits for the next free worker; if even a worker just started is gone,
        no worker can be had, and the file is reported."""
        task = pending.popleft()
        try:
            worker.give(task, budget)
        except OSError:  # the pipe is broken: the worker is gone
            self._replace(worker)
            if fresh:
                done(task[0], FileReport(path=task[1], error="无法启动检查此文件的进程，此文件未检查"))
            else:
                pending.appendleft(task)

    def _wait(
        self, budget: float, done: Callable[[int, FileReport], None], not_checked: Callable[[str, float], FileReport]
    ) -> None:
        """Wait for a report, a dead worker or a spent budget, and deal with each."""
        busy = [worker for worker in self.workers if worker.task is not None]
        nearest = min(worker.deadline for worker in busy)
        timeout = None if nearest == math.inf else max(0.0, nearest - time.monotonic())
        wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout)
        for worker in busy:
            assert worker.task is not None
            index, path = worker.task
            if worker.connection.poll():  # a report, or the end of the pipe of a worker that died
                try:
                    reported, report = worker.connection.recv()
                except (EOFError, OSError):
                    dead = True
                else:
                    worker.task, worker.deadline = None, math.inf
                    done(reported, report)
                    continue
            else:
                dead = not worker.process.is_alive()
            if dead:
                worker.process.join()
                done(index, FileReport(path=path, error=_died(worker.process.exitcode)))
                worker.task = None
                self._replace(worker)
            elif time.monotonic() >= worker.deadline:
                done(index, not_checked(path, budget))
                self._replace(worker)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self.workers.clear()


def _died(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            cause = f"被信号 {signal.Signals(-exitcode).name} 终止"
        except ValueError:
            cause = f"被信号 {-exitcode} 终止"
        if exitcode == -getattr(signal, "SIGKILL", 9):
            cause += "，可能是内存不足"
    else:
        cause = f"退出状态 {exitcode}"
    return f"检查此文件的进程意外结束（{cause}），此文件未检查"
