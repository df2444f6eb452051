"""Records: a view's records kept as columns of offsets and shared shapes."""

from typing import NamedTuple

import pytest

from checker.model.dates import dates, extract_dates, extract_years, year_records, years
from checker.model.document import Document
from checker.model.records import KEEP_BUILT, Records


class Mark(NamedTuple):
    start: int
    end: int
    word: str


def marks(*rows: tuple[int, int, str]) -> Records[Mark, tuple[str]]:
    found: Records[Mark, tuple[str]] = Records(lambda offsets, shape: Mark(*offsets, *shape), 2)
    for start, end, word in rows:
        found.append((start, end), (word,))
    return found


def test_records_read_back_as_the_records_appended():
    found = marks((0, 2, "甲"), (5, 9, "乙"), (12, 14, "甲"))
    assert list(found) == [Mark(0, 2, "甲"), Mark(5, 9, "乙"), Mark(12, 14, "甲")]
    assert len(found) == 3
    assert found[1] == Mark(5, 9, "乙") and found[-1] == Mark(12, 14, "甲")
    assert found[1:] == [Mark(5, 9, "乙"), Mark(12, 14, "甲")]
    assert found == [Mark(0, 2, "甲"), Mark(5, 9, "乙"), Mark(12, 14, "甲")]


def test_records_written_alike_keep_one_shape():
    found = marks(*[(at, at + 1, "甲") for at in range(1000)])
    assert list(found.rows())[999] == ((999, 1000), ("甲",))
    assert len({id(shape) for _, shape in found.rows()}) == 1


def test_a_small_view_keeps_the_records_it_built_and_a_large_one_builds_them_again():
    small = marks((0, 1, "甲"), (2, 3, "乙"))
    assert next(iter(small)) is next(iter(small))
    large = marks(*[(at, at + 1, "甲") for at in range(KEEP_BUILT + 1)])
    first, again = next(iter(large)), next(iter(large))
    assert first == again and first is not again
    assert list(large)[-1] == Mark(KEEP_BUILT, KEEP_BUILT + 1, "甲")


def test_appending_to_a_view_already_read_reads_the_new_record_too():
    found = marks((0, 1, "甲"))
    assert list(found) == [Mark(0, 1, "甲")]
    found.append((2, 3), ("乙",))
    assert list(found) == [Mark(0, 1, "甲"), Mark(2, 3, "乙")]


def test_an_index_past_the_end_is_an_index_error():
    with pytest.raises(IndexError):
        marks((0, 1, "甲"))[1]


def test_the_dates_view_reads_as_the_dates_of_the_body():
    text = "关于开展检查的通知\n　　于2024年3月8日（星期五）、2024-03-09和二〇二四年三月十日召开。\n"
    doc = Document(text)
    assert list(dates(doc)) == extract_dates(text)
    assert [(d.text, d.form, d.weekday) for d in dates(doc)] == [
        ("2024年3月8日", "arabic", 4),
        ("2024-03-09", "numeric", None),
        ("二〇二四年三月十日", "chinese", None),
    ]


def test_the_years_view_reads_as_the_years_of_the_text():
    text = "2015年至二〇一六年，一九九〇年代，2015年。\n"
    assert list(years(Document(text))) == extract_years(text) == list(year_records(text))
    assert [(y.start, y.digits, y.decade) for y in year_records(text)] == [
        (0, "2015", False),
        (6, "二〇一六", False),
        (12, "一九九〇", True),
        (19, "2015", False),
    ]


class Flagged(NamedTuple):
    start: int
    end: int
    word: str
    flag: bool


def flagged(row: tuple[int, ...], shape: tuple[str]) -> Flagged:
    start, end, flag = row
    return Flagged(start, end, *shape, bool(flag))


def test_a_flag_column_keeps_a_byte_per_record():
    found: Records[Flagged, tuple[str]] = Records(flagged, 2, flags=1)
    found.append((0, 1, 0), ("甲",))
    found.append((2, 3, 1), ("乙",))
    assert list(found) == [Flagged(0, 1, "甲", False), Flagged(2, 3, "乙", True)]
    assert list(found.column(2)) == [0, 1]
    assert found.column(2).itemsize == 1  # type: ignore[attr-defined]


def test_records_extended_at_once_read_back_as_if_appended_one_by_one():
    found: Records[Flagged, tuple[str]] = Records(flagged, 2, flags=1)
    found.append((0, 1, 0), ("甲",))
    assert list(found) == [Flagged(0, 1, "甲", False)]  # (read before the extension)
    second = found.new_shape(("乙",))
    found.extend_shaped(([2, 4], [3, 5], [True, False]), [second, 0])
    assert list(found) == [Flagged(0, 1, "甲", False), Flagged(2, 3, "乙", True), Flagged(4, 5, "甲", False)]


def test_shapes_kept_by_index_are_not_looked_up_and_read_back_by_index():
    found = marks()
    first, second = found.new_shape(("甲",)), found.new_shape(("甲",))
    found.append_shaped((0, 1), second)
    found.append_shaped((2, 3), first)
    found.append_shaped((4, 5), second)
    assert (first, second) == (0, 1)
    assert list(found.shape_indexes()) == [1, 0, 1]
    assert list(found.shape_indexes(1, 2)) == [0]
    assert found == [Mark(0, 1, "甲"), Mark(2, 3, "甲"), Mark(4, 5, "甲")]


def test_a_small_view_gives_its_kept_records_by_index_and_slice_too():
    small = marks((0, 1, "甲"), (2, 3, "乙"))
    assert small[1] is small[1] is list(small)[1]
    assert small[1:][0] is small[1]


def test_a_slice_of_a_large_view_reads_as_the_same_slice_of_its_list():
    large = marks(*[(at, at + 1, "甲乙"[at % 2]) for at in range(KEEP_BUILT + 10)])
    listed = list(large)
    for piece in (slice(3, 9), slice(-4, None), slice(None, None, -700), slice(9, 3), slice(0, None)):
        assert large[piece] == listed[piece]
    assert large[-1] == Mark(KEEP_BUILT + 9, KEEP_BUILT + 10, "乙")
