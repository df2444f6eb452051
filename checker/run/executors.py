"""Where the per-document work of a run is done: processes here, or a Dask cluster.

``--executor local`` (the default) checks files on this machine's processes
(:mod:`checker.run.parallel`). ``--executor dask[=ADDRESS]`` sends the files, a
few at a time, to a Dask cluster — the scheduler at ADDRESS (``tcp://host:8786``), or a
:class:`distributed.LocalCluster` of ``jobs`` worker processes started for the run —
and hands the reports back as each batch's check ends (``as_completed``), releasing
each on the cluster once it is handed back, so neither the cluster nor this process
keeps the reports of the run. What the cross-document step needs comes back with
each report; the comparison (:mod:`checker.run.crossdoc`) is the reduction over them,
done here once every report is in. The reports are those ``-j 1`` makes.

Files are read where they are: a path must name the same file on every worker (a
shared file system), and a URL (``s3://bucket/folder/a.docx``, ``file:///…``) is read
with fsspec on the worker, through the driver the user installed for it (s3fs,
gcsfs …); without one the file's report says which to install. The workers run the
same doccheck as this process: a cluster whose workers run another version is
refused, since their reports would differ.

A file's time budget (``--timeout``) is not kept on a cluster: a Dask task cannot be
stopped from outside its worker. A worker that dies is replaced by Dask and the file
tried again; a file that kills workers again and again is reported as not checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from checker.core.config import Settings
from checker.core.models import FileReport
from checker.run import engine, parallel
from checker.run.parallel import default_workers, progress_for

EXECUTORS = ("local", "dask")


class ExecutorError(ValueError):
    """An executor that cannot be used: unknown, not installed, unreachable."""


def parse_executor(value: str | None) -> tuple[str, str | None]:
    """``local``, ``dask`` or ``dask=ADDRESS`` → (kind, address or None)."""
    if not value:
        return "local", None
    kind, equals, address = value.partition("=")
    kind = kind.strip().lower()
    if kind not in EXECUTORS or (kind == "local" and equals):
        raise ExecutorError(
            f"不认识的执行方式 {value!r}：应为 local、dask 或 dask=调度器地址（如 tcp://10.0.0.5:8786）"
        )
    if equals and not address.strip():
        raise ExecutorError("dask= 后面应写调度器地址（如 tcp://10.0.0.5:8786），或只写 dask 以在本机启动集群")
    return kind, address.strip() or None


def is_url(path: str) -> bool:
    """A location fsspec reads (``s3://…``, ``file://…``), not a path of this file system."""
    scheme, separator, _ = path.partition("://")
    return bool(separator) and scheme.isidentifier() and len(scheme) > 1


def check_anywhere(path: str, settings: Settings) -> FileReport:
    """Check a file given by path (read from the file system) or by URL (read with fsspec)."""
    if not is_url(path):
        return parallel.check_one(path, settings)  # (looked up at each call: a test may replace it)
    for_path = settings.for_path(path)
    try:
        data = _read_url(path, for_path.max_file_size)
    except _UnreadableUrl as error:
        return FileReport(path=path, error=str(error))
    try:
        return engine.check_data(path, data, settings)
    except Exception as error:  # as check_one: a reader or the engine failed on this file
        return FileReport(path=path, error=f"内部错误，无法检查此文件：{type(error).__name__}: {error}"[:500])


class _UnreadableUrl(Exception):
    pass


def _read_url(url: str, limit: int) -> bytes:
    try:
        import fsspec
    except ImportError:
        raise _UnreadableUrl("读取 URL 需要 fsspec：pip install fsspec（以及其协议的驱动，如 s3fs）") from None
    scheme = url.partition("://")[0]
    try:
        with fsspec.open(url, "rb") as stream:
            data: bytes = stream.read(limit + 1 if limit else -1)
    except ImportError as error:  # fsspec knows the protocol, its driver is not installed
        raise _UnreadableUrl(f"读取 {scheme}:// 需要安装它的 fsspec 驱动（{error}）") from None
    except ValueError as error:  # a protocol fsspec does not know
        raise _UnreadableUrl(f"无法读取 {scheme}:// 地址：{error}") from None
    except (OSError, FileNotFoundError) as error:
        raise _UnreadableUrl(f"无法读取：{error}") from None
    return data


def expand_urls(paths: Sequence[str], suffixes: Sequence[str]) -> list[str]:
    """The paths, with each URL of a folder replaced by the URLs of the files below it
    whose suffix doccheck reads (in a stable order). A URL whose driver is missing, or
    that names no folder, stays as it is: its file's report says why."""
    expanded: list[str] = []
    for path in paths:
        if not is_url(path):
            expanded.append(path)
            continue
        try:
            from fsspec.core import url_to_fs

            filesystem, root = url_to_fs(path)
            if not filesystem.isdir(root):
                expanded.append(path)
                continue
            protocol = path.partition("://")[0]
            found = sorted(name for name in filesystem.find(root) if os.path.splitext(name)[1].lower() in suffixes)
            expanded.extend(f"{protocol}://{name.removeprefix(protocol + '://')}" for name in found)
        except Exception:  # no fsspec, no driver, unreachable: checked as one file, which reports it
            expanded.append(path)
    return expanded


# -- Dask ------------------------------------------------------------------------------
def _version_on_worker() -> str:
    from checker.run.cache import code_digest

    return code_digest()


def iter_dask(
    paths: Sequence[str],
    settings: Settings,
    address: str | None = None,
    jobs: int | None = None,
    progress: bool | None = False,
) -> Iterator[tuple[int, FileReport]]:
    """``(index in paths, report)`` for every file as its check ends on a Dask cluster:
    the scheduler at ``address``, or a local cluster of ``jobs`` worker processes (None:
    :func:`~checker.run.parallel.default_workers`). ``progress`` as for
    :func:`~checker.run.parallel.iter_files`."""
    if not paths:
        return
    bar = progress_for(len(paths), progress)
    try:
        for index, report in _iter_dask(paths, settings, address, jobs):
            if bar:
                bar.advance()
            yield index, report
    finally:
        if bar:
            bar.close()


def _iter_dask(
    paths: Sequence[str], settings: Settings, address: str | None, jobs: int | None
) -> Iterator[tuple[int, FileReport]]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ExecutorError("--executor dask 需要 Dask 的 distributed：pip install 'doccheck[dask]'") from None
    cluster = None
    try:
        if address is None:
            cluster = local_cluster(jobs or default_workers(len(paths), sum(_size(path) for path in paths)))
            client = Client(cluster)
        else:
            client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ExecutorError(f"无法连接 Dask 调度器 {address}：{error}") from None
    try:
        _same_doccheck(client)
        settings_future = client.scatter(settings, broadcast=True)
        futures: dict[Any, list[int]] = {}
        for batch in batches(paths, workers_of(client)):
            future = client.submit(
                check_batch, [paths[index] for index in batch], settings_future, pure=False, retries=1
            )
            futures[future] = batch
        for future in as_completed(list(futures)):
            batch = futures.pop(future)
            try:
                reports = future.result()
            except Exception as error:  # the task failed on the cluster (a worker killed again and again)
                message = f"在 Dask 集群上检查此文件失败：{type(error).__name__}: {error}"[:500]
                reports = [FileReport(path=paths[index], error=message) for index in batch]
            future.release()
            yield from zip(batch, reports, strict=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# The cluster started for a run does what a run needs and no more. By default every
# worker samples its running task's stack every 10 ms for the dashboard's profile, and
# every server measures itself (event loop ticks, system and GIL monitors) many times a
# second; a run shows no dashboard, and its tasks are even batches handed out as
# workers free up, so nothing is there to steal. (A cluster at an address is configured
# by whoever started it.)
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.scheduler.work-stealing": False,
}
# (The memory monitor keeps its pace: it is what pauses or restarts a worker that a
# file makes grow too large.)


def local_cluster(workers: int) -> Any:
    """A :class:`distributed.LocalCluster` of ``workers`` worker processes of one thread
    each, configured by LOCAL_CLUSTER_CONFIG."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the nannies hand it on to the worker processes
        return LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )


# A task is a batch of files: the scheduler's cost per task (some milliseconds of CPU,
# on a Dask of 2026 on this machine) is then paid once for about this much text. Small
# enough that the batches of a run outnumber the workers many times over, so that no
# worker is left with a long batch at the end.
BATCH_BYTES = 256 << 10
BATCH_FILES = 32


def check_batch(paths: Sequence[str], settings: Settings) -> list[FileReport]:
    """The reports of a few files, checked one after the other on a worker."""
    return [check_anywhere(path, settings) for path in paths]


def workers_of(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def batches(paths: Sequence[str], workers: int) -> Iterator[list[int]]:
    """The indexes of ``paths`` in batches of at most BATCH_BYTES (or one larger file) and
    BATCH_FILES, and small enough that the run has at least 8 batches a worker; largest
    files first, so that the run does not end on a long one."""
    sizes = [_size(path) for path in paths]
    limit = min(BATCH_BYTES, max(1, sum(sizes) // (8 * workers)))
    batch: list[int] = []
    held = 0
    for index in sorted(range(len(paths)), key=lambda i: -sizes[i]):
        if batch and (held + sizes[index] > limit or len(batch) >= BATCH_FILES):
            yield batch
            batch, held = [], 0
        batch.append(index)
        held += sizes[index]
    if batch:
        yield batch


def _same_doccheck(client: Any) -> None:
    from checker.run.cache import code_digest

    ours = code_digest()
    theirs = client.run(_version_on_worker)
    different = sorted(worker for worker, digest in theirs.items() if digest != ours)
    if not theirs:
        raise ExecutorError("Dask 集群没有可用的 worker")
    if different:
        raise ExecutorError(
            f"Dask worker 上的 doccheck 与本机的版本或代码不同（{', '.join(different[:3])}），"
            f"其结果会与本机不一致：请在 worker 上安装同一版本"
        )


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
