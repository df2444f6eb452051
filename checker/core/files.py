"""Files as doccheck reads and writes them: how large a file it reads by default,
and writing a file whole or not at all.

Every file doccheck writes for the user — a fixed document, a report, a baseline, an
annotated copy, a starting configuration — goes through :func:`write_atomically`: the
data goes to a temporary file in the same folder, which then replaces the target in
one rename, so a reader never sees half a file and a failure leaves the old one.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the largest file read unless the settings say otherwise


class FileChanged(Exception):
    """The file on disk no longer holds the bytes it was expected to: nothing is written."""


def write_atomically(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` through a temporary file and a rename, keeping
    its permissions; with ``expected``, only if the file still holds those bytes."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and not status.st_mode & 0o222:
        # a rename would replace it all the same; a read-only file is meant to stay as it is
        raise PermissionError(errno.EACCES, "the file is read-only", path)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".doccheck")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if status is not None:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            try:
                os.chown(temporary, status.st_uid, status.st_gid)
            except OSError:
                pass  # not ours to give away; the mode is kept all the same
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)
        if expected is not None:
            with open(target, "rb") as stream:
                if stream.read() != expected:
                    raise FileChanged("文件在检查之后被修改过，未写入修复 (file changed since it was read)")
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
