"""Dates written in a 公文, found once and shared by every rule that needs them.

:func:`dates` is a Document view: every date mention in the text with its span,
its year/month/day as written (Arabic or Chinese numerals, 2016年1月19日,
二〇一六年一月十九日, 2016-01-19, 2016.1.19) and the weekday given beside it, if
any. A mention keeps impossible values (2月30日, 13月) so that a rule can report
them; :meth:`DateMention.as_date` is ``None`` for those. :func:`document_date`
is the date the document was issued (its signature date, else 成文日期).

The dates and years views are :class:`~checker.model.records.Records`: a document that
writes the same dates a hundred thousand times holds their offsets in arrays and each
date once, and a mention is built when a rule reads it.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import heapq
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from checker.core import patterns
from checker.model.document import Document
from checker.model.numerals import ARABIC_DIGITS, to_int, year_value
from checker.model.outline import Node
from checker.model.records import Records
from checker.model.tokens import grammar_terminals

_SPACES = " \t\u3000"
_SP = f"[{_SPACES}]*"
_ARABIC = frozenset(ARABIC_DIGITS)
WEEKDAY_NAMES = "一二三四五六日"  # 星期一 … 星期日, Monday first
_WEEKDAYS = {name: day for day, name in enumerate(WEEKDAY_NAMES)} | {"天": 6}
# （星期五） (周五) 星期五 — right after a date
_WEEKDAY = patterns.lazy(rf"{_SP}(?:[（(]{_SP})?(?P<given>(?:星期|礼拜|周)(?P<weekday>[一二三四五六日天]))")


class DatePieces(NamedTuple):
    """The terminals of grammar/dates.lark: each a character class and a count."""

    arabic_year: str
    chinese_year: str
    arabic_month: str
    chinese_month: str
    arabic_day: str
    chinese_day: str
    numeric_separator: str  # a character class

    @staticmethod
    def characters(piece: str) -> str:
        """The characters of a piece's class, as the body of a class: 0-9０-９."""
        return piece[1 : piece.index("]")]


_PIECE_SHAPE = re.compile(r"\[[^\]]+\](?:\{\d+(?:,\d+)?\})?")


@lru_cache(maxsize=1)
def date_pieces() -> DatePieces:
    """The date terminals of grammar/dates.lark, as regular expressions."""
    terminals = grammar_terminals("dates.lark")
    pieces = []
    for name in DatePieces._fields:
        regexp = terminals[name.upper()]
        if not _PIECE_SHAPE.fullmatch(regexp):
            raise ValueError(
                f"grammar/dates.lark: {name.upper()} must be one character class with a count, not {regexp}"
            )
        pieces.append(regexp)
    return DatePieces(*pieces)


class _DatePatterns(NamedTuple):
    arabic: re.Pattern[str]  # 2016年1月19日 / 2016年1月 / 1月19日 (the year or the day may be left out)
    chinese: re.Pattern[str]  # 二〇一六年一月十九日 / 一月十九日
    numeric: re.Pattern[str]  # 2016-01-19  2016.1.19  2016/1/19 (the same separator twice)
    # Where a match of ``arabic`` or ``chinese`` may begin: its first character, and a
    # look-ahead at the rest of a year and 年, or of a month and 月.
    arabic_starts: re.Pattern[str]
    chinese_starts: re.Pattern[str]
    before_month: frozenset[str]  # what an arabic or chinese match holds before its 月
    separators: str  # of ``numeric``, right after its four-digit year
    year: re.Pattern[str]  # a year and its 年, matched from the first digit
    year_length: int  # digits in a year


@lru_cache(maxsize=1)
def _date_patterns() -> _DatePatterns:
    pieces = date_pieces()
    arabic = pieces.characters(pieces.arabic_year)
    chinese_year, chinese_month = pieces.characters(pieces.chinese_year), pieces.characters(pieces.chinese_month)
    separators = pieces.characters(pieces.numeric_separator)
    return _DatePatterns(
        arabic=re.compile(
            rf"(?<![{arabic}.．\-－/])(?:(?P<year>{pieces.arabic_year}){_SP}年{_SP})?(?P<month>{pieces.arabic_month})"
            rf"{_SP}月(?:{_SP}(?P<day>{pieces.arabic_day}){_SP}[日号])?"
        ),
        chinese=re.compile(
            rf"(?<![{chinese_month}{chinese_year}])(?:(?P<year>{pieces.chinese_year}){_SP}年{_SP})?"
            rf"(?P<month>{pieces.chinese_month}){_SP}月(?:{_SP}(?P<day>{pieces.chinese_day}){_SP}[日号])?"
        ),
        numeric=re.compile(
            rf"(?<![{arabic}.．\-/])(?P<year>{pieces.arabic_year})(?P<sep>{pieces.numeric_separator})"
            rf"(?P<month>{pieces.arabic_month})(?P=sep)(?P<day>{pieces.arabic_day})"
            rf"(?![{arabic}]|{pieces.numeric_separator}[{arabic}])"
        ),
        arabic_starts=re.compile(rf"[{arabic}](?=[{arabic}]{{3}}{_SP}年|[{arabic}]?{_SP}月)"),
        chinese_starts=re.compile(
            rf"[{chinese_year}{chinese_month}](?=[{chinese_year}]{{3}}{_SP}年|[{chinese_month}]?{_SP}月)"
        ),
        before_month=frozenset(_characters(arabic + chinese_year + chinese_month) + "年 \t\u3000"),
        separators=_characters(separators),
        # a year is no part of a longer numeral: 十二零一六年 is none
        year=re.compile(
            rf"(?<![{arabic}{chinese_year}{chinese_month}])(?P<digits>{pieces.arabic_year}|{pieces.chinese_year})"
            rf"{_SP}年(?P<decade>代)?"
        ),
        year_length=_fixed_count(pieces.arabic_year, pieces.chinese_year),
    )


def _fixed_count(*pieces: str) -> int:
    """The one count of pieces written [class]{n}."""
    counts = {piece[piece.index("]") + 1 :] for piece in pieces}
    if len(counts) != 1 or not re.fullmatch(r"\{\d+\}", next(iter(counts))):
        raise ValueError(f"grammar/dates.lark: a year is a fixed number of digits, not {' / '.join(pieces)}")
    return int(next(iter(counts))[1:-1])


def _characters(body: str) -> str:
    """The characters the body of a character class names: 0-9０-９ is 0123456789０１２…"""
    found, at = [], 0
    while at < len(body):
        if body[at] == "\\":
            found.append(body[at + 1])
            at += 2
        elif at + 2 < len(body) and body[at + 1] == "-":
            found.extend(chr(code) for code in range(ord(body[at]), ord(body[at + 2]) + 1))
            at += 3
        else:
            found.append(body[at])
            at += 1
    return "".join(found)


class DateMention(NamedTuple):
    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None
    form: str  # "arabic" 2016年1月19日, "chinese" 二〇一六年一月十九日, "numeric" 2016-01-19
    weekday: int | None = None  # 0 = Monday, as written beside the date
    weekday_start: int = -1
    weekday_end: int = -1
    month_start: int = -1  # where the month is written, as written (01 of 2016年01月)
    day_start: int = -1

    @property
    def impossible(self) -> bool:
        """A month or day no calendar has (13月, 2月30日); 2月29日 only in a known non-leap year."""
        if not 1 <= self.month <= 12:
            return True
        if self.day is None:
            return False
        if self.day < 1:
            return True
        if self.year is None:
            return self.day > (29 if self.month == 2 else calendar.monthrange(2001, self.month)[1])
        return self.day > calendar.monthrange(self.year, self.month)[1]

    def as_date(self) -> datetime.date | None:
        if self.year is None or self.day is None or self.impossible or not 1 <= self.year <= 9999:
            return None
        return datetime.date(self.year, self.month, self.day)


def _value(numeral: str | None) -> int | None:
    return None if numeral is None else to_int(numeral)


# A date mention's shape (text, year, month, day, form, weekday) and its offsets
# (start, end, weekday_start, weekday_end, month_start, day_start): see Records
_DateShape = tuple[str, int | None, int, int | None, str, int | None]


def _date_record(offsets: tuple[int, ...], shape: _DateShape) -> DateMention:
    start, end, weekday_start, weekday_end, month_start, day_start = offsets
    return DateMention(start, end, *shape, weekday_start, weekday_end, month_start, day_start)


def _mention(doc_text: str, match: re.Match[str], form: str) -> tuple[tuple[int, ...], _DateShape] | None:
    """(offsets, shape) of the date mention a match stands for; None when it says too little."""
    year = None if match.group("year") is None else year_value(match.group("year"))
    month, day = _value(match.group("month")), _value(match.group("day"))
    if month is None:
        return None
    if year is None and day is None:
        return None  # a bare "3月" says too little to check
    end = match.end()
    weekday, weekday_start, weekday_end = None, -1, -1
    if day is not None:
        given = _WEEKDAY.match(doc_text, end)
        if given:
            weekday = _WEEKDAYS[given.group("weekday")]
            weekday_start, weekday_end = given.span("given")
    return (
        (match.start(), end, weekday_start, weekday_end, match.start("month"), match.start("day")),
        (match.group(), year, month, day, form, weekday),
    )


def extract_dates(text: str) -> list[DateMention]:
    """Every date mention in ``text``, in order of position."""
    return list(date_records(text))


def date_records(text: str, keep: Callable[[int], bool] | None = None) -> Records[DateMention, _DateShape]:
    """Every date mention in ``text`` (whose start ``keep`` keeps), in order of position,
    as :class:`~checker.model.records.Records`."""
    forms = _date_patterns()
    months = _month_windows(text, forms.before_month)
    found: list[Records[DateMention, _DateShape]] = []  # the mentions kept of each form, in order
    taken_starts: Sequence[int] = ()  # spans of the earlier, stronger forms (kept or not), in order
    taken_ends: Sequence[int] = ()
    for form, matches in (
        ("numeric", _numeric_matches(text, forms)),
        ("arabic", _matches_in(forms.arabic, forms.arabic_starts, text, months)),
        ("chinese", _matches_in(forms.chinese, forms.chinese_starts, text, months)),
    ):
        mentions: Records[DateMention, _DateShape] | None = None
        starts, ends = array("q"), array("q")
        for match in matches:
            at = bisect.bisect_left(taken_starts, match.end())
            if at and taken_ends[at - 1] > match.start():
                continue  # overlaps a date already found
            mention = _mention(text, match, form)
            if mention is None:
                continue
            offsets, shape = mention
            starts.append(offsets[0])
            ends.append(offsets[1])
            if keep is None or keep(offsets[0]):
                if mentions is None:
                    mentions = Records(_date_record, 6)
                    found.append(mentions)
                mentions.append(offsets, shape)
        if starts:
            if taken_starts:
                spans = heapq.merge(zip(taken_starts, taken_ends, strict=True), zip(starts, ends, strict=True))
                starts, ends = array("q"), array("q")
                for start, end in spans:
                    starts.append(start)
                    ends.append(end)
            taken_starts, taken_ends = starts, ends
    if len(found) == 1:
        return found[0]
    records: Records[DateMention, _DateShape] = Records(_date_record, 6)
    for offsets, shape in heapq.merge(*(mentions.rows() for mentions in found), key=_row_start):
        records.append(offsets, shape)
    return records


def _row_start(row: tuple[tuple[int, ...], _DateShape]) -> int:
    return row[0][0]


# The patterns are not run over the whole text: a date is found from the character every
# match holds (月, or the separator after a four-digit year), which str.find reaches much
# faster than re reaches a class of digits (digits and 一, 二, 三 are everywhere in a 公文).
# The matches are those of ``pattern.finditer(text)``: leftmost first, not overlapping.
def _month_windows(text: str, before_month: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each stretch that ends in 月 and holds before it only what an arabic
    or chinese match may hold there (``before_month``): every such match begins in one."""
    windows = []
    month = text.find("月")
    while month >= 0:
        start = month
        while start and text[start - 1] in before_month:
            start -= 1
        if start < month:
            windows.append((start, month + 1))
        month = text.find("月", month + 1)
    return windows


def _matches_in(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str, windows: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` for a pattern whose every match begins in
    one of the windows, at a character ``starts`` matches (its look-ahead needs to see no
    further than the window's 月)."""
    cursor = 0
    for start, end in windows:
        at = max(start, cursor)
        while at < end:
            candidate = starts.search(text, at, end)
            if candidate is None:
                break
            at = candidate.start()
            match = pattern.match(text, at)
            if match is None:
                at += 1
            else:
                yield match
                cursor = at = match.end()


def _numeric_matches(text: str, forms: _DatePatterns) -> Iterator[re.Match[str]]:
    """The matches of ``forms.numeric.finditer(text)``: each begins four characters before a separator."""
    candidates = set()
    for separator in forms.separators:
        at = text.find(separator, 4)
        while at >= 0:
            candidates.add(at - 4)
            at = text.find(separator, at + 1)
    cursor = 0
    for at in sorted(candidates):
        if at < cursor:
            continue
        match = forms.numeric.match(text, at)
        if match is not None:
            yield match
            cursor = match.end()


def dates(doc: Document) -> Records[DateMention, _DateShape]:
    """The date mentions of the document proper (not the metadata header or site chrome),
    kept as columns (a long document may write hundreds of thousands)."""
    return doc.view(_dates)


def _dates(doc: Document) -> Records[DateMention, _DateShape]:
    return date_records(doc.text, doc.in_body)


def signature_date(doc: Document) -> tuple[Node, DateMention] | None:
    """(date node, mention) of the main document's signature date, if it has one."""
    return doc.view(_signature_date)


def _signature_date(doc: Document) -> tuple[Node, DateMention] | None:
    for node in doc.outline.children:
        if node.kind == "signature":
            for child in node.children:
                if child.kind == "date":
                    mentions = extract_dates(doc.text[child.start : child.end])
                    if mentions:
                        m = mentions[0]
                        shifted = DateMention(
                            m.start + child.start, m.end + child.start, m.text, m.year, m.month, m.day, m.form
                        )
                        return child, shifted
    return None


def document_date(doc: Document) -> datetime.date | None:
    """The date the document was issued: its signature date, else the 成文日期 field."""
    found = signature_date(doc)
    if found is not None and found[1].as_date() is not None:
        return found[1].as_date()
    value = doc.metadata.get("成文日期")
    if value:
        mentions = extract_dates(value)
        if mentions and mentions[0].as_date():
            return mentions[0].as_date()
    return None


# -- years -----------------------------------------------------------------------------


class YearMention(NamedTuple):
    """A year written with its 年: 2015年, 二〇一五年 (a look-alike zero kept as written)."""

    start: int
    end: int  # after 年 (and after 代 of a decade)
    digits: str  # the four digits as written
    value: int
    chinese: bool
    decade: bool  # 一九九〇年代: the decade, not the year


# A year's shape (digits, value, chinese, decade) and its offsets (start, end): see Records
_YearShape = tuple[str, int, bool, bool]


def _year_record(offsets: tuple[int, ...], shape: _YearShape) -> YearMention:
    start, end = offsets
    return YearMention(start, end, *shape)


def extract_years(text: str) -> list[YearMention]:
    """Every year of ``text`` written as four Arabic or Chinese digits and 年, in order."""
    return list(year_records(text))


def year_records(text: str) -> Records[YearMention, _YearShape]:
    """Every year of ``text`` written as four Arabic or Chinese digits and 年, in order, as
    :class:`~checker.model.records.Records`."""
    forms = _date_patterns()
    found: Records[YearMention, _YearShape] = Records(_year_record, 2)
    at = text.find("年")
    while at >= 0:  # str.find reaches every 年 much faster than re reaches a class of digits
        digits_end = at
        while digits_end and text[digits_end - 1] in _SPACES:
            digits_end -= 1
        if digits_end >= forms.year_length:
            match = forms.year.match(text, digits_end - forms.year_length)
            if match is not None:
                digits = match.group("digits")
                value = year_value(digits)
                if value is not None:
                    found.append(
                        match.span(), (digits, value, digits[0] not in _ARABIC, match.group("decade") is not None)
                    )
        at = text.find("年", at + 1)
    return found


def years_in(text: str) -> list[int]:
    """The years (not decades) written as 2015年 or 二〇一五年 in ``text``."""
    return [year.value for year in extract_years(text) if not year.decade]


def years(doc: Document) -> Records[YearMention, _YearShape]:
    """Every year of the text of ``doc`` (metadata header included), computed once per
    document, kept as columns."""
    return doc.view(_years)


def _years(doc: Document) -> Records[YearMention, _YearShape]:
    return year_records(doc.text)
