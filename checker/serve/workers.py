"""The processes that run the checks, so that a slow or hostile document never holds
the server: each worker is a process of its own with a pipe to the server; a request
takes an idle worker (at most ``size`` checks run at once, at most ``max_waiting``
requests wait), and a worker that has not answered within the time limit is killed
and replaced — the request gets 408 and no worker stays busy with it.

Workers are started with ``spawn`` (no copy of the server's threads and event loop)
and warm up before they take work: the rules, the word lists and the readers are
loaded once per worker, not once per request.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from checker.serve.errors import ApiError

# the function a worker process runs: it answers (job name, arguments) messages on its pipe
WorkerMain = Callable[[Connection], None]


class _Worker:
    def __init__(self, context: Any, target: WorkerMain) -> None:
        self.connection, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=target, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        return bool(self.connection.poll(timeout)) and self.connection.recv() == ("ready",)

    def call(self, name: str, args: tuple[Any, ...], timeout: float) -> tuple[Any, ...] | None:
        """The reply, or None when the worker did not answer in time (or died)."""
        try:
            self.connection.send((name, args))
            if not self.connection.poll(timeout):
                return None
            reply: tuple[Any, ...] = self.connection.recv()
            return reply
        except (EOFError, OSError):
            return None

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class WorkerPool:
    WARM_UP_TIMEOUT = 120.0

    def __init__(self, target: WorkerMain, size: int, timeout: float, max_waiting: int) -> None:
        self.target = target
        self.size, self.timeout, self.max_waiting = size, timeout, max_waiting
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._waiting = 0
        self._lock = threading.Lock()
        self.ready = asyncio.Event()

    async def start(self) -> None:
        await asyncio.gather(*(self._add_worker() for _ in range(self.size)))
        self.ready.set()

    async def _add_worker(self) -> None:
        worker = await asyncio.to_thread(self._new_worker)
        if worker is not None:
            self._idle.put_nowait(worker)

    def _new_worker(self) -> _Worker | None:
        worker = _Worker(self._context, self.target)
        if not worker.wait_ready(self.WARM_UP_TIMEOUT):
            worker.stop()
            return None
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    async def run(self, job: str, *args: Any) -> Any:
        """Run ``job`` on a worker; raises :class:`ApiError` (503 when too many requests
        wait, 408 when the job runs over its time, the job's own error otherwise)."""
        if self._waiting >= self.max_waiting:
            raise ApiError(503, "busy", "服务器正忙：等待检查的请求过多，请稍后再试")
        self._waiting += 1
        try:
            worker = await self._idle.get()
        finally:
            self._waiting -= 1
        reply = await asyncio.to_thread(worker.call, job, args, self.timeout)
        if reply is None:
            await asyncio.to_thread(self._retire, worker)
            asyncio.get_running_loop().create_task(self._add_worker())
            raise ApiError(408, "timeout", f"检查超时：超过 {self.timeout:g} 秒未完成，已中止")
        self._idle.put_nowait(worker)
        if reply[0] == "error":
            _, status, code, message = reply
            raise ApiError(status, code, message)
        return reply[1]

    async def stop(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            await asyncio.to_thread(worker.stop)
