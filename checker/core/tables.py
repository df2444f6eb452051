"""Lookup tables kept in a file and memory-mapped: big read-only data without unpickling it.

A table file holds named sections, each a column of fixed-size integers (sorted keys,
or the values that go with them) or a piece of UTF-8 text. :func:`load` builds the
file once into the cache folder (:func:`checker.core.resources.cached_file`) and maps
it into memory: a column is a ``memoryview`` of the mapped file, so opening costs no
reading or copying, no Python object is made for an entry until it is looked at, and
the interpreter has nothing to free when it exits. :func:`find` looks a key up in a
sorted column by binary search.
"""

from __future__ import annotations

import array
import bisect
import mmap
import struct
from collections.abc import Callable, Sequence
from typing import Literal, TypeAlias, cast

from checker.core.resources import cached_file

Section: TypeAlias = "array.array[int] | str"

_MAGIC = b"doccheck-tables/1"
_HEADER = struct.Struct("<17sxxxI")  # magic, number of sections
_SECTION = struct.Struct("<24scxxxxxxxQQ")  # name, typecode ("t": text), offset, size in bytes
_ALIGN = 8
_ITEM_SIZE = {"B": 1, "H": 2, "I": 4, "Q": 8, "t": 1}  # the kinds of section ("t": text)
_Column = Literal["B", "H", "I", "Q"]


def pack(sections: dict[str, Section]) -> bytes:
    """The bytes of a table file holding ``sections`` (arrays, or text)."""
    bodies = []
    for name, section in sections.items():
        if isinstance(section, str):
            bodies.append((name, "t", section.encode("utf-8")))
        elif _ITEM_SIZE.get(section.typecode) == section.itemsize:
            bodies.append((name, section.typecode, section.tobytes()))
        else:
            raise ValueError(f"section {name}: an array of {section.typecode!r} cannot be stored")
    offset = _aligned(_HEADER.size + _SECTION.size * len(bodies))
    header, data = [_HEADER.pack(_MAGIC, len(bodies))], bytearray()
    for name, typecode, body in bodies:
        header.append(_SECTION.pack(name.encode("ascii"), typecode.encode("ascii"), offset + len(data), len(body)))
        data += body + bytes(_aligned(len(body)) - len(body))
    start = b"".join(header)
    return start + bytes(offset - len(start)) + bytes(data)


def _aligned(size: int) -> int:
    return -(-size // _ALIGN) * _ALIGN


class Tables:
    """The sections of a table file in ``buffer`` (a mapped file, or bytes)."""

    def __init__(self, buffer) -> None:
        self._buffer = memoryview(buffer)
        self._sections: dict[str, tuple[str, int, int]] = {}
        if len(self._buffer) < _HEADER.size:
            raise ValueError("not a table file: too short")
        magic, count = _HEADER.unpack_from(self._buffer)
        if magic != _MAGIC:
            raise ValueError("not a table file of this version")
        if _HEADER.size + count * _SECTION.size > len(self._buffer):
            raise ValueError("a damaged table file: its list of sections runs past its end")
        for index in range(count):
            name, typecode, offset, size = _SECTION.unpack_from(self._buffer, _HEADER.size + index * _SECTION.size)
            kind = typecode.decode("ascii")
            if offset + size > len(self._buffer) or kind not in _ITEM_SIZE or size % _ITEM_SIZE[kind]:
                raise ValueError("a damaged table file: a section does not fit")
            self._sections[name.rstrip(b"\0").decode("ascii")] = (kind, offset, size)

    def column(self, name: str) -> memoryview[int]:
        typecode, offset, size = self._sections[name]
        return self._buffer[offset : offset + size].cast(cast(_Column, typecode))

    def text(self, name: str) -> str:
        _, offset, size = self._sections[name]
        return str(self._buffer[offset : offset + size], "utf-8")


def find(column, key: int) -> int:
    """The index of ``key`` in the sorted ``column``, or -1."""
    at = bisect.bisect_left(column, key)
    return at if at < len(column) and column[at] == key else -1


def load(path: str, build: Callable[[str], dict[str, Section]], packages: Sequence[str] = ()) -> Tables:
    """The tables ``build`` makes from the file at ``path`` (and from the data of the
    ``packages`` it imports): built once into the cache folder and mapped from there (until
    the file, ``build``'s module or one of the packages changes), or built in memory when
    there is no cache folder or its file cannot be read."""
    for _ in range(2):  # a damaged file is built and written again, once
        entry = cached_file(path, build, pack, suffix=".tables", packages=packages)
        if entry is None:
            break
        try:
            with open(entry, "rb") as handle:
                return Tables(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError):  # unreadable, empty or damaged
            try:
                entry.unlink()
            except OSError:
                break
    return Tables(pack(build(path)))
