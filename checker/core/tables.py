"""Lookup tables kept in a file and memory-mapped: big read-only data without unpickling it.

A table file holds named sections, each a column of fixed-size integers (sorted keys,
or the values that go with them) or a piece of UTF-8 text. :func:`load` builds the
file once into the cache folder (:func:`checker.core.resources.cached_file`) and maps
it into memory: a column is a ``memoryview`` of the mapped file, so opening costs no
reading or copying, no Python object is made for an entry until it is looked at, and
the interpreter has nothing to free when it exits. A :class:`SortedColumn` looks a key
up in a column of sorted keys, by binary search of the bucket of keys that share its
high bits (:func:`buckets`, stored beside the column when the file is built).
"""

from __future__ import annotations

import array
import bisect
import mmap
import struct
from collections.abc import Callable, Sequence
from itertools import accumulate
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

    def sorted_column(self, name: str) -> SortedColumn:
        """The column ``name`` of sorted keys, with its buckets if the file has them
        (the section ``name.buckets``)."""
        starts = self.column(f"{name}.buckets") if f"{name}.buckets" in self._sections else None
        return SortedColumn(self.column(name), starts)

    def text(self, name: str) -> str:
        _, offset, size = self._sections[name]
        return str(self._buffer[offset : offset + size], "utf-8")


_BUCKET_BITS = 16  # the high bits of a key (of the sixty-four) that choose its bucket


def buckets(keys: array.array[int]) -> array.array[int]:
    """Where each bucket of the sorted ``keys`` starts, and the last one ends: a key's
    bucket is its _BUCKET_BITS high bits, counted from the top bit of the largest key
    (of a pair code, its second character; of a character's key, the character)."""
    shift = _bucket_shift(keys[-1] if keys else 0)
    sizes = [0] * (1 << _BUCKET_BITS)
    for key in keys:
        sizes[key >> shift] += 1
    return array.array("I", [0, *accumulate(sizes)])


def _bucket_shift(largest: int) -> int:
    return max(0, largest.bit_length() - _BUCKET_BITS)


class SortedColumn:
    """A column of sorted keys, searched in the stretch of its bucket (see :func:`buckets`)
    alone when it has them. A binary search of a mapped column makes and compares a Python
    integer at each of its steps (seventeen for the lexicon's 117,000 pair codes); most
    buckets hold a few keys, and two reads of the buckets' column find them."""

    __slots__ = ("_buckets", "_shift", "column")

    def __init__(self, column: memoryview[int], starts: memoryview[int] | None = None) -> None:
        self.column = column
        self._buckets = starts if starts is not None and len(starts) == (1 << _BUCKET_BITS) + 1 else None
        self._shift = _bucket_shift(column[-1] if len(column) else 0)

    def bisect_left(self, key: int) -> int:
        """Where ``key`` stands, or would, among the sorted keys (as :func:`bisect.bisect_left`)."""
        starts = self._buckets
        if starts is None or not 0 <= (bucket := key >> self._shift) < len(starts) - 1:
            return bisect.bisect_left(self.column, key)  # no buckets, or a key beyond them
        return bisect.bisect_left(self.column, key, starts[bucket], starts[bucket + 1])

    def find(self, key: int) -> int:
        """The index of ``key`` among the sorted keys, or -1."""
        column, starts = self.column, self._buckets
        # bisect_left, written out: a call costs about as much as the search of a bucket
        if starts is None or not 0 <= (bucket := key >> self._shift) < len(starts) - 1:
            at = bisect.bisect_left(column, key)
        else:
            at = bisect.bisect_left(column, key, starts[bucket], starts[bucket + 1])
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
