"""Readers turn a file into a :class:`~checker.load.source.Source`: text plus a way back.

One module per kind of file. The registry below maps a file suffix to the module
that reads it; heavy readers import their library only when a file of their kind
is read, and name the pip extra to install when it is missing.
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path
from types import ModuleType

from checker.core.files import DEFAULT_MAX_BYTES, interrupted_write
from checker.core.i18n import os_reason
from checker.load.source import Source

# suffix → module in checker.load.readers that has read(path, data) -> Source
READERS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".doc": "office",  # converted to .docx by LibreOffice
    ".wps": "office",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".ofd": "ofd",
}


class LoadError(Exception):
    """A file that cannot be checked: the message says why, for the user."""


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (from ``st_mode``), in words; None for a
    regular file or a folder."""
    for test, name in (
        (stat.S_ISFIFO, "命名管道"),
        (stat.S_ISCHR, "字符设备"),
        (stat.S_ISBLK, "块设备"),
        (stat.S_ISSOCK, "套接字"),
    ):
        if test(mode):
            return name
    return None


def _too_large(max_bytes: int, size: int | None = None) -> LoadError:
    limit = f"上限 {max_bytes / 1048576:.1f} MB（可用 --max-file-size 调整）"
    if size is None:  # a pipe, a device or standard input: only known to go on past the limit
        return LoadError(f"输入过大：超过{limit}")
    return LoadError(f"文件过大：{size / 1048576:.1f} MB，超过{limit}")


# Opening a named pipe waits for a program to write to it, for ever if none does.
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path``; never more than ``max_bytes`` (0: no limit) are read from
    any source. A regular file over the limit is refused before it is read; a pipe or a
    device, whose size nobody knows, is read up to the limit and refused past it. The
    file is opened without waiting: a named pipe no program writes to reads as empty
    instead of blocking the run."""
    interrupted = interrupted_write(path)  # a fix killed while writing in place: the text may be half-written
    if interrupted:
        raise LoadError(interrupted)
    try:
        descriptor = os.open(path, os.O_RDONLY | _NO_WAIT | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise LoadError("文件不存在 (file not found)") from None
    except IsADirectoryError:
        raise LoadError("这是一个目录，不是文件 (is a directory)") from None
    except OSError as error:
        if os.path.isdir(path):  # Windows opens no folder, and says so as "permission denied"
            raise LoadError("这是一个目录，不是文件 (is a directory)") from None
        kind = _kind_of(path)
        raise LoadError(f"无法读取{kind or '文件'}：{os_reason(error)}") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise LoadError("这是一个目录，不是文件 (is a directory)")
        size = status.st_size if stat.S_ISREG(status.st_mode) else None
        if max_bytes and size is not None and size > max_bytes:
            raise _too_large(max_bytes, size)
        if _NO_WAIT:
            os.set_blocking(descriptor, True)  # opened without waiting; now read as usual
        with open(descriptor, "rb", closefd=False) as stream:
            if size is None:
                data = stream.read(max_bytes + 1) if max_bytes else stream.read()
            else:  # its size, and a byte more to tell whether it grew since
                data = stream.read(size + 1)
                if len(data) > size:
                    data += stream.read(max_bytes + 1 - len(data)) if max_bytes else stream.read()
    except OSError as error:
        raise LoadError(f"无法读取文件：{os_reason(error)}") from None
    finally:
        os.close(descriptor)
    if max_bytes and len(data) > max_bytes:
        raise _too_large(max_bytes)
    return data


def _kind_of(path: str) -> str | None:
    try:
        return special_kind(os.stat(path).st_mode)
    except OSError:
        return None


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES, docx_view: str = "accepted") -> Source:
    """Read ``path`` with the reader for its suffix (plain text when unknown); a Word
    file as it reads with its tracked changes accepted, or (``docx_view`` "original")
    rejected."""
    suffix = Path(path).suffix.lower()
    module = importlib.import_module(f"checker.load.readers.{READERS.get(suffix, 'text')}")
    data = read_bytes(path, max_bytes)
    return _read(module, path, data, docx_view)


def read_data(path: str, data: bytes, max_bytes: int = 0, docx_view: str = "accepted") -> Source:
    """Read bytes that claim to be the file ``path`` (standard input), by its suffix.

    ``data`` may have been cut at ``max_bytes + 1`` by the caller: more than
    ``max_bytes`` is refused like a file over the limit."""
    if max_bytes and len(data) > max_bytes:
        raise _too_large(max_bytes)
    suffix = Path(path).suffix.lower()
    module = importlib.import_module(f"checker.load.readers.{READERS.get(suffix, 'text')}")
    return _read(module, path, data, docx_view)


def _read(module: ModuleType, path: str, data: bytes, docx_view: str) -> Source:
    # only the readers of Word files (TRACKED_CHANGES) take a view; the default is their own
    if docx_view != "accepted" and getattr(module, "TRACKED_CHANGES", False):
        source: Source = module.read(path, data, view=docx_view)
    else:
        source = module.read(path, data)
    return source
