"""Records of a view kept as columns, for the views a long document holds by the million.

A view such as the dates of a document is a list of small records, each with its own
offsets into the text and the same few values as many others (2024年2月30日 written a
hundred thousand times is a hundred thousand records that differ only in where they
are). :class:`Records` keeps such a view as columns: one array per offset (and one of a
byte per flag, such as whether a figure is one end of a range), and one *shape* (the
values that are neither) for all the records written alike. A record is built when read,
by index, slice or iteration; reading it again builds an equal one, except in a small view
(``KEEP_BUILT`` records or fewer, as most documents' are), which keeps the records it
built and gives the same ones to the next rule that reads it. The views that keep their
records this way say so; the rules only read them.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Generic, TypeVar, overload

KEEP_BUILT = 4096  # records: a view this small keeps the records once built (a few hundred KB)

R = TypeVar("R")  # the record
S = TypeVar("S", bound=Hashable)  # its shape


class Records(Sequence[R], Generic[R, S]):
    """A sequence of records of one type, kept as ``width`` columns of offsets, ``flags``
    columns of one byte (0 to 255) and a shape each. ``build(row, shape)`` makes a record
    of a row (its offsets, then its flags) and its shape."""

    __slots__ = ("_build", "_built", "_columns", "_index", "_shapes", "_table")

    def __init__(self, build: Callable[[tuple[int, ...], S], R], width: int, flags: int = 0) -> None:
        self._build = build
        self._columns = tuple(array("q") for _ in range(width)) + tuple(array("B") for _ in range(flags))
        self._shapes = array("q")  # the index in _table of each record's shape
        self._table: list[S] = []
        self._index: dict[S, int] = {}  # shape → its index in _table, for append
        self._built: list[R] | None = None  # the records, once read, while KEEP_BUILT or fewer

    def append(self, row: tuple[int, ...], shape: S) -> None:
        """Append a record: its row and its shape (kept once for all the records appended
        with an equal one)."""
        found = self._index.get(shape)
        if found is None:
            found = self._index[shape] = self.new_shape(shape)
        self.append_shaped(row, found)

    def new_shape(self, shape: S) -> int:
        """Keep ``shape`` as a new one, for a caller that knows which of its shapes are
        equal better than a lookup of each would (as the quantities do): its index."""
        self._table.append(shape)
        return len(self._table) - 1

    def append_shaped(self, row: tuple[int, ...], shape: int) -> None:
        """Append a record whose shape is the ``shape``-th kept (see :meth:`new_shape`);
        ``row`` has a value for every column."""
        for column, value in zip(self._columns, row, strict=False):  # (strict=True: twice the cost)
            column.append(value)
        self._shapes.append(shape)
        self._built = None

    def extend_shaped(self, columns: Sequence[Sequence[int]], shapes: Sequence[int]) -> None:
        """Append many records at once: ``columns`` holds a sequence of values for every
        column (offsets, then flags), ``shapes`` the index of each record's shape (see
        :meth:`new_shape`). A view found in one loop appends its records in one go: an
        append of each, with its call and its loop over the columns, costs more than the
        finding of most records."""
        for column, values in zip(self._columns, columns, strict=True):
            column.extend(values)
        self._shapes.extend(shapes)
        self._built = None

    def column(self, index: int) -> Sequence[int]:
        """The ``index``-th value of every record's row, in order."""
        return self._columns[index]

    def shape_indexes(self, first: int = 0, stop: int | None = None) -> Sequence[int]:
        """The index of the shape of the records ``first`` to ``stop``, in order."""
        return self._shapes[first:stop]

    def rows(self) -> Iterator[tuple[tuple[int, ...], S]]:
        """(row, shape) of every record, in order, without building the records."""
        table = self._table
        for row, shape in zip(zip(*self._columns, strict=True), self._shapes, strict=True):
            yield row, table[shape]

    def _kept(self) -> list[R] | None:
        """Every record, built once, in a view of ``KEEP_BUILT`` records or fewer (as most
        documents' are: the rules read most of them, some more than once); None in a larger one."""
        if self._built is None and len(self._shapes) <= KEEP_BUILT:
            self._built = list(self._records(0, len(self._shapes)))
        return self._built

    def _records(self, first: int, stop: int) -> Iterator[R]:
        build, table = self._build, self._table
        columns: Sequence[Sequence[int]] = self._columns
        shapes: Sequence[int] = self._shapes
        if first > 0 or stop < len(shapes):  # (a slice of every column is a copy)
            columns = [column[first:stop] for column in columns]
            shapes = shapes[first:stop]
        for row, shape in zip(zip(*columns, strict=True), shapes, strict=True):
            yield build(row, table[shape])

    def __len__(self) -> int:
        return len(self._shapes)

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    def __getitem__(self, index: int | slice) -> R | list[R]:
        kept = self._kept()
        if kept is not None:
            return kept[index]
        if isinstance(index, slice):
            first, stop, step = index.indices(len(self))
            if step == 1:
                return list(self._records(first, max(first, stop)))
            return [self._record(at) for at in range(first, stop, step)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("record index out of range")
        return self._record(index)

    def _record(self, index: int) -> R:
        return self._build(tuple(column[index] for column in self._columns), self._table[self._shapes[index]])

    def __iter__(self) -> Iterator[R]:
        kept = self._kept()
        return iter(kept) if kept is not None else self._records(0, len(self._shapes))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (mutable, like a list)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"
