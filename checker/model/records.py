"""Records of a view kept as columns, for the views a long document holds by the million.

A view such as the dates of a document is a list of small records, each with its own
offsets into the text and the same few values as many others (2024年2月30日 written a
hundred thousand times is a hundred thousand records that differ only in where they
are). :class:`Records` keeps such a view as columns: one array per offset, and one
*shape* (the values that are not offsets) for all the records written alike. A record
is built when read, by index, slice or iteration; reading it again builds an equal one,
except in a small view (``KEEP_BUILT`` records or fewer, as most documents' are), which
keeps the records it built for the next rule that iterates it. The views that keep their
records this way say so; the rules only iterate them.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Generic, TypeVar, overload

KEEP_BUILT = 4096  # records: a view this small keeps the records once built (a few hundred KB)

R = TypeVar("R")  # the record
S = TypeVar("S", bound=Hashable)  # its shape


class Records(Sequence[R], Generic[R, S]):
    """A sequence of records of one type, kept as ``width`` columns of offsets and a
    shape each. ``build(offsets, shape)`` makes a record of a row of offsets and its shape."""

    __slots__ = ("_build", "_built", "_columns", "_index", "_shapes", "_table")

    def __init__(self, build: Callable[[tuple[int, ...], S], R], width: int) -> None:
        self._build = build
        self._columns = tuple(array("q") for _ in range(width))
        self._shapes = array("q")  # the index in _table of each record's shape
        self._table: list[S] = []
        self._index: dict[S, int] = {}  # shape → its index in _table
        self._built: list[R] | None = None  # the records, once iterated, while KEEP_BUILT or fewer

    def append(self, offsets: tuple[int, ...], shape: S) -> None:
        found = self._index.get(shape)
        if found is None:
            found = self._index[shape] = len(self._table)
            self._table.append(shape)
        for column, offset in zip(self._columns, offsets, strict=True):
            column.append(offset)
        self._shapes.append(found)
        self._built = None

    def column(self, index: int) -> Sequence[int]:
        """The ``index``-th offset of every record, in order."""
        return self._columns[index]

    def rows(self) -> Iterator[tuple[tuple[int, ...], S]]:
        """(offsets, shape) of every record, in order, without building the records."""
        table = self._table
        for offsets, shape in zip(zip(*self._columns, strict=True), self._shapes, strict=True):
            yield offsets, table[shape]

    def _record(self, index: int) -> R:
        return self._build(tuple(column[index] for column in self._columns), self._table[self._shapes[index]])

    def __len__(self) -> int:
        return len(self._shapes)

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, slice):
            return [self._record(at) for at in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("record index out of range")
        return self._record(index)

    def __iter__(self) -> Iterator[R]:
        if self._built is None and len(self._shapes) <= KEEP_BUILT:
            self._built = list(self._records())
        return iter(self._built) if self._built is not None else self._records()

    def _records(self) -> Iterator[R]:
        build, table = self._build, self._table
        for offsets, shape in zip(zip(*self._columns, strict=True), self._shapes, strict=True):
            yield build(offsets, table[shape])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (mutable, like a list)

    def __repr__(self) -> str:
        return f"Records({list(self)!r})"
