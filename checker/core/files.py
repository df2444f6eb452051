"""Files as doccheck reads and writes them: how large a file it reads by default,
and writing a file whole or not at all.

Every file doccheck writes for the user — a fixed document, a report, a baseline, an
annotated copy, a starting configuration — goes through :func:`write_atomically`.
The new content is first written to a temporary file beside the target,
``.NAME.doccheck``, and flushed to the disk. Then:

- A file with one name is replaced by renaming the temporary file over it. A reader
  sees the old file or the new one, never a mix; an error or a kill at any moment
  leaves the old file as it was.
- A file with several names (hard links) is rewritten through the same inode, so that
  every name still shows the same file: a rename would give this name a new file
  and leave the others on the old text. The temporary file is first renamed
  ``.NAME.doccheck-copy``; the file is then overwritten from its start with the
  complete new content, cut to its new length and flushed, and the copy is deleted.
  An error on the way (a full disk, Ctrl-C) writes the old content back. A SIGKILL or
  a power cut during the overwrite — one write of the whole content — can leave the
  file holding part of each; the ``-copy`` file then still holds the complete new
  content, and the next run that reads or writes that file stops and names it (unless
  the file already holds that content, when the copy is simply deleted). This is the
  one guarantee an overwrite in place cannot make stronger.

The writing process holds a lock (``flock``) on its temporary file. A temporary file
no process holds is left from a run that was killed before its rename — the target
was never touched — and the next write to that file deletes it. Where ``flock`` does
not exist (Windows) temporary files get a random name instead and are not collected.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the largest file read unless the settings say otherwise
TEMPORARY_SUFFIX = ".doccheck"
COPY_SUFFIX = ".doccheck-copy"
WAIT_FOR_OTHER_WRITER = 10.0  # seconds another doccheck may hold this file's temporary file


class FileChanged(Exception):
    """The file on disk no longer holds the bytes it was expected to: nothing is written."""


class InterruptedWrite(OSError):
    """An earlier in-place write of this file was killed halfway: its complete content is
    kept beside the file, and nothing more is written until the user has looked."""


def write_atomically(path: str, data: bytes | Callable[[BinaryIO], None], expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` (see the module's description), keeping its
    permissions; with ``expected``, only if the file still holds those bytes. ``data``
    may be a function that writes the content into the stream it is given (a long
    report, written piece by piece)."""
    target = os.path.realpath(path)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and not status.st_mode & 0o222:
        # a rename would replace it all the same; a read-only file is meant to stay as it is
        raise PermissionError(errno.EACCES, "the file is read-only", path)
    _settle_interrupted_copy(target)
    linked = _linked(status)
    temporary = _Temporary.create(target)
    try:
        temporary.write(data)
        current = b""
        if expected is not None or linked:
            with open(target, "rb") as stream:
                current = stream.read()
            if expected is not None and current != expected:
                raise FileChanged("文件在检查之后被修改过，未写入修复 (file changed since it was read)")
        if linked:
            _overwrite_in_place(target, temporary, temporary.read() if callable(data) else data, current)
        else:
            temporary.keep_mode_of(status)
            os.replace(temporary.path, target)
            temporary.done = True
            _flush_folder(target)
    finally:
        temporary.close()


def _linked(status: os.stat_result | None) -> bool:
    return status is not None and stat.S_ISREG(status.st_mode) and status.st_nlink > 1


def _overwrite_in_place(target: str, temporary: _Temporary, data: bytes, old: bytes) -> None:
    handle = os.open(target, os.O_WRONLY)  # before anything changes: a file we may not write stays as it is
    try:
        copy = _copy_name(target)
        os.replace(temporary.path, copy)  # the lock goes with the file
        temporary.path = copy
        _flush_folder(target)
        try:
            _write_from_start(handle, data)
        except BaseException as error:
            try:
                _write_from_start(handle, old)
            except BaseException:
                temporary.done = True  # the copy is all there is now: keep it
                raise InterruptedWrite(
                    errno.EIO, f"写入中断，文件可能不完整：完整的新内容保存在 {copy}", target
                ) from error
            raise
    finally:
        os.close(handle)


def _write_from_start(handle: int, data: bytes) -> None:
    os.lseek(handle, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]
    os.ftruncate(handle, len(data))
    os.fsync(handle)


def interrupted_write(path: str) -> str | None:
    """The message for a file whose in-place write was killed halfway (its ``-copy`` file
    is there, held by no process, and the file does not hold its content); else None.
    Readers refuse such a file: what it holds may be part old, part new."""
    copy = _copy_name(os.path.realpath(path))
    held = _lock_if_abandoned(copy)
    if held is None:
        return None
    try:
        return None if _holds(path, held) else _interrupted_message(copy)
    finally:
        os.close(held)


def _interrupted_message(copy: str) -> str:
    return (
        f"上次写入此文件时被中断，文件可能不完整；完整的新内容保存在 {copy}：请核对后用它替换原文件或删除它，再重新运行"
    )


def _holds(path: str, handle: int) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read() == _read_all(handle)
    except FileNotFoundError:
        return False


def _settle_interrupted_copy(target: str) -> None:
    """Deal with the ``-copy`` file of an in-place write that was killed: gone if the
    target holds its content (the write finished), else the write stops here."""
    copy = _copy_name(target)
    held = _lock_if_abandoned(copy)
    if held is None:
        return
    try:
        if not _holds(target, held):
            raise InterruptedWrite(errno.EBUSY, _interrupted_message(copy), target)
        os.unlink(copy)
    finally:
        os.close(held)


def _read_all(handle: int) -> bytes:
    chunks = []
    while chunk := os.read(handle, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _copy_name(target: str) -> str:
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}{COPY_SUFFIX}")


def _lock_if_abandoned(path: str) -> int | None:
    """A read handle on ``path``, locked, when it exists and no process holds its lock
    (it was left by a killed run); None otherwise."""
    if fcntl is None:
        return None
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # still the same file under that name (its writer may have renamed it meanwhile)
        if os.stat(path).st_ino == os.fstat(handle).st_ino:
            return handle
    except OSError:
        pass
    os.close(handle)
    return None


class _Temporary:
    """The temporary file beside a target, open for writing and locked while it exists."""

    def __init__(self, handle: int, path: str) -> None:
        self.handle = handle
        self.path = path
        self.done = False  # renamed into place, or kept on purpose: not to be deleted

    @classmethod
    def create(cls, target: str) -> _Temporary:
        folder, name = os.path.split(target)
        if fcntl is None:
            handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=TEMPORARY_SUFFIX)
            return cls(handle, path)
        path = os.path.join(folder, f".{name}{TEMPORARY_SUFFIX}")
        deadline = time.monotonic() + WAIT_FOR_OTHER_WRITER
        while time.monotonic() < deadline:
            try:
                handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                abandoned = _lock_if_abandoned(path)
                if abandoned is None:
                    time.sleep(0.02)  # another doccheck is writing this file: it is done in a moment
                    continue
                os.unlink(path)  # left by a run killed before its rename: the target is untouched
                os.close(abandoned)
                continue
            fcntl.flock(handle, fcntl.LOCK_EX)
            if os.fstat(handle).st_nlink:  # not deleted by another run between the open and the lock
                return cls(handle, path)
            os.close(handle)
        raise InterruptedWrite(errno.EBUSY, f"另一个 doccheck 一直在写入此文件（{path} 被占用），请稍后再试", target)

    def write(self, data: bytes | Callable[[BinaryIO], None]) -> None:
        if callable(data):
            with open(self.handle, "wb", closefd=False) as stream:
                data(stream)
        else:
            view = memoryview(data)
            while view:
                view = view[os.write(self.handle, view) :]
        os.fsync(self.handle)

    def read(self) -> bytes:
        """What was written (a long report, when it must be copied into a file in place)."""
        os.lseek(self.handle, 0, os.SEEK_SET)
        return _read_all(self.handle)

    def keep_mode_of(self, status: os.stat_result | None) -> None:
        if status is not None:
            os.chmod(self.path, stat.S_IMODE(status.st_mode))
            try:
                os.chown(self.path, status.st_uid, status.st_gid)
            except OSError:
                pass  # not ours to give away; the mode is kept all the same
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(self.path, 0o666 & ~mask)

    def close(self) -> None:
        """Delete the file unless it was renamed into place (or is kept), then let go of it."""
        try:
            if not self.done and os.path.exists(self.path):
                os.unlink(self.path)
        finally:
            os.close(self.handle)


def _flush_folder(path: str) -> None:
    """Make a rename in the folder of ``path`` durable (where a folder can be opened)."""
    try:
        handle = os.open(os.path.dirname(path), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
