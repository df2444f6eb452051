"""Readers turn a file into a :class:`~checker.load.source.Source`: text plus a way back.

One module per kind of file. The registry below maps a file suffix to the module
that reads it; heavy readers import their library only when a file of their kind
is read, and name the pip extra to install when it is missing.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from checker.core.files import DEFAULT_MAX_BYTES, interrupted_write
from checker.load.source import Source

# suffix → module in checker.load.readers that has read(path, data) -> Source
READERS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


class LoadError(Exception):
    """A file that cannot be checked: the message says why, for the user."""


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    file = Path(path)
    interrupted = interrupted_write(path)  # a fix killed while writing in place: the text may be half-written
    if interrupted:
        raise LoadError(interrupted)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise LoadError("文件不存在 (file not found)") from None
    except OSError as error:
        raise LoadError(f"无法读取文件：{error.strerror}") from None
    if file.is_dir():
        raise LoadError("这是一个目录，不是文件 (is a directory)")
    if max_bytes and size > max_bytes:
        raise LoadError(
            f"文件过大：{size / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:.1f} MB"
            f"（可用 --max-file-size 调整）"
        )
    try:
        return file.read_bytes()
    except OSError as error:
        raise LoadError(f"无法读取文件：{error.strerror}") from None


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read ``path`` with the reader for its suffix (plain text when unknown)."""
    suffix = Path(path).suffix.lower()
    module = importlib.import_module(f"checker.load.readers.{READERS.get(suffix, 'text')}")
    data = read_bytes(path, max_bytes)
    return module.read(path, data)


def read_data(path: str, data: bytes, max_bytes: int = 0) -> Source:
    """Read bytes that claim to be the file ``path`` (standard input), by its suffix.

    ``data`` may have been cut at ``max_bytes + 1`` by the caller: more than
    ``max_bytes`` is refused like a file over the limit."""
    if max_bytes and len(data) > max_bytes:
        raise LoadError(f"输入过大：超过上限 {max_bytes / 1048576:.1f} MB（可用 --max-file-size 调整）")
    suffix = Path(path).suffix.lower()
    module = importlib.import_module(f"checker.load.readers.{READERS.get(suffix, 'text')}")
    return module.read(path, data)
