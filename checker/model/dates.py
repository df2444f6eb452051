"""Dates written in a 公文, found once and shared by every rule that needs them.

:func:`dates` is a Document view: every date mention in the text with its span,
its year/month/day as written (Arabic or Chinese numerals, 2016年1月19日,
二〇一六年一月十九日, 2016-01-19, 2016.1.19) and the weekday given beside it, if
any. A mention keeps impossible values (2月30日, 13月) so that a rule can report
them; :meth:`DateMention.as_date` is ``None`` for those. :func:`document_date`
is the date the document was issued (its signature date, else 成文日期).
"""
from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Iterator
from typing import NamedTuple

from checker.core import patterns
from checker.model.document import Document
from checker.model.numerals import to_int
from checker.model.outline import Node

_AR = "0-9０-９"
_CN_DIGIT = "〇○零Ｏ一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
_SP = r"[ \t\u3000]*"

# 2016年1月19日 / 2016年1月 / 1月19日 (the year is optional, the day too when a year is given)
_ARABIC = patterns.compile(
    rf"(?<![{_AR}.．\-－/])(?:(?P<year>[{_AR}]{{4}}){_SP}年{_SP})?(?P<month>[{_AR}]{{1,2}}){_SP}月"
    rf"(?:{_SP}(?P<day>[{_AR}]{{1,2}}){_SP}[日号])?"
)
# 二〇一六年一月十九日 / 一月十九日
_CHINESE = patterns.compile(
    rf"(?<![{_CN_SMALL}〇○零Ｏ])(?:(?P<year>[{_CN_DIGIT}]{{4}}){_SP}年{_SP})?(?P<month>[{_CN_SMALL}]{{1,2}}){_SP}月"
    rf"(?:{_SP}(?P<day>[{_CN_SMALL}]{{1,3}}){_SP}[日号])?"
)
# 2016-01-19  2016.1.19  2016/1/19  (the same separator twice)
_NUMERIC = patterns.compile(
    rf"(?<![{_AR}.．\-/])(?P<year>[{_AR}]{{4}})(?P<sep>[\-./．])(?P<month>[{_AR}]{{1,2}})(?P=sep)(?P<day>[{_AR}]{{1,2}})"
    rf"(?![{_AR}]|[.．\-/][{_AR}])"
)
# （星期五） (周五) 星期五 — right after a date
_WEEKDAY = patterns.compile(rf"{_SP}(?:[（(]{_SP})?(?P<given>(?:星期|礼拜|周)(?P<weekday>[一二三四五六日天]))")
# Where a match of _ARABIC or _CHINESE may begin: its first character, and a look-ahead at
# the rest of a four-digit year and 年, or of a one- or two-digit month and 月.
_ARABIC_STARTS = patterns.compile(rf"[{_AR}](?=[{_AR}]{{3}}{_SP}年|[{_AR}]?{_SP}月)")
_CHINESE_STARTS = patterns.compile(
    rf"[{_CN_DIGIT}{_CN_SMALL}](?=[{_CN_DIGIT}]{{3}}{_SP}年|[{_CN_SMALL}]?{_SP}月)")
# What an _ARABIC or _CHINESE match holds before its 月: year and month digits, 年, spaces.
_BEFORE_MONTH = frozenset("0123456789０１２３４５６７８９" + _CN_DIGIT + _CN_SMALL + "年 \t\u3000")
_SEPARATORS = "-./．"  # of _NUMERIC, right after its four-digit year
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


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
    if numeral is None:
        return None
    numeral = numeral.translate(_FULL_WIDTH)
    return to_int(numeral)


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _mention(doc_text: str, match: re.Match[str], form: str) -> DateMention | None:
    year, month, day = _value(match.group("year")), _value(match.group("month")), _value(match.group("day"))
    if month is None:
        return None
    if year is None and day is None:
        return None  # a bare "3月" says too little to check
    end = match.end()
    weekday = weekday_start = weekday_end = None
    if day is not None:
        given = _WEEKDAY.match(doc_text, end)
        if given:
            weekday = _WEEKDAYS[given.group("weekday")]
            weekday_start, weekday_end = given.span("given")
    return DateMention(match.start(), end, match.group(), year, month, day, form, weekday,
                       -1 if weekday_start is None else weekday_start, -1 if weekday_end is None else weekday_end)


def extract_dates(text: str) -> list[DateMention]:
    """Every date mention in ``text``, in order of position."""
    found: list[DateMention] = []
    months = _month_windows(text)
    for form, matches in (("numeric", _numeric_matches(text)),
                          ("arabic", _matches_in(_ARABIC, _ARABIC_STARTS, text, months)),
                          ("chinese", _matches_in(_CHINESE, _CHINESE_STARTS, text, months))):
        taken = sorted((m.start, m.end) for m in found)  # spans of the earlier, stronger forms
        starts = [start for start, _ in taken]
        for match in matches:
            at = bisect.bisect_left(starts, match.end())
            if at and taken[at - 1][1] > match.start():
                continue  # overlaps a date already found
            mention = _mention(text, match, form)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: m.start)
    return found


# The patterns are not run over the whole text: a date is found from the character every
# match holds (月, or the separator after a four-digit year), which str.find reaches much
# faster than re reaches a class of digits (digits and 一, 二, 三 are everywhere in a 公文).
# The matches are those of ``pattern.finditer(text)``: leftmost first, not overlapping.
def _month_windows(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch that ends in 月 and holds before it only what an _ARABIC
    or _CHINESE match may hold there (_BEFORE_MONTH): every such match begins in one."""
    windows = []
    month = text.find("月")
    while month >= 0:
        start = month
        while start and text[start - 1] in _BEFORE_MONTH:
            start -= 1
        if start < month:
            windows.append((start, month + 1))
        month = text.find("月", month + 1)
    return windows


def _matches_in(pattern: re.Pattern[str], starts: re.Pattern[str], text: str,
                windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
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


def _numeric_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_NUMERIC.finditer(text)``: each begins four characters before a separator."""
    candidates = set()
    for separator in _SEPARATORS:
        at = text.find(separator, 4)
        while at >= 0:
            candidates.add(at - 4)
            at = text.find(separator, at + 1)
    cursor = 0
    for at in sorted(candidates):
        if at < cursor:
            continue
        match = _NUMERIC.match(text, at)
        if match is not None:
            yield match
            cursor = match.end()


def dates(doc: Document) -> list[DateMention]:
    """The date mentions of the document proper (not the metadata header or site chrome)."""
    return doc.view(_dates)


def _dates(doc: Document) -> list[DateMention]:
    return [m for m in extract_dates(doc.text) if doc.in_body(m.start)]


def signature_date(doc: Document) -> tuple[Node, DateMention] | None:
    """(date node, mention) of the main document's signature date, if it has one."""
    return doc.view(_signature_date)


def _signature_date(doc: Document) -> tuple[Node, DateMention] | None:
    for node in doc.outline.children:
        if node.kind == "signature":
            for child in node.children:
                if child.kind == "date":
                    mentions = extract_dates(doc.text[child.start:child.end])
                    if mentions:
                        m = mentions[0]
                        shifted = DateMention(m.start + child.start, m.end + child.start, m.text, m.year,
                                              m.month, m.day, m.form)
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


def years_in(text: str) -> list[int]:
    """Four-digit years written as 2015年 or 二〇一五年 in ``text``."""
    years = []
    for match in _YEAR.finditer(text):
        value = _value(match.group(1))
        if value is not None:
            years.append(value)
    return years


_YEAR = patterns.compile(rf"(?<![{_AR}{_CN_DIGIT}])([{_AR}]{{4}}|[{_CN_DIGIT}]{{4}}){_SP}年(?!代)")
