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
from typing import NamedTuple, Optional

from checker import patterns
from checker.numerals import to_int
from checker.scan import finditer

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
_ARABIC_STARTS = patterns.compile(f"[{_AR}]")  # the first character of every match of _ARABIC and _NUMERIC
_CHINESE_STARTS = patterns.compile(f"[{_CN_DIGIT}{_CN_SMALL}]")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


class DateMention(NamedTuple):
    start: int
    end: int
    text: str
    year: Optional[int]
    month: int
    day: Optional[int]
    form: str  # "arabic" 2016年1月19日, "chinese" 二〇一六年一月十九日, "numeric" 2016-01-19
    weekday: Optional[int] = None  # 0 = Monday, as written beside the date
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

    def as_date(self) -> Optional[datetime.date]:
        if self.year is None or self.day is None or self.impossible or not 1 <= self.year <= 9999:
            return None
        return datetime.date(self.year, self.month, self.day)


def _value(numeral: Optional[str]) -> Optional[int]:
    if numeral is None:
        return None
    numeral = numeral.translate(_FULL_WIDTH)
    return to_int(numeral)


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _mention(doc_text: str, match: re.Match, form: str) -> Optional[DateMention]:
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
    for pattern, first, form in ((_NUMERIC, _ARABIC_STARTS, "numeric"), (_ARABIC, _ARABIC_STARTS, "arabic"),
                                 (_CHINESE, _CHINESE_STARTS, "chinese")):
        taken = sorted((m.start, m.end) for m in found)  # spans of the earlier, stronger forms
        starts = [start for start, _ in taken]
        for match in finditer(pattern, first, text):
            at = bisect.bisect_left(starts, match.end())
            if at and taken[at - 1][1] > match.start():
                continue  # overlaps a date already found
            mention = _mention(text, match, form)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: m.start)
    return found


def dates(doc) -> list[DateMention]:
    """The date mentions of the document proper (not the metadata header or site chrome)."""
    return doc.view(_dates)


def _dates(doc) -> list[DateMention]:
    return [m for m in extract_dates(doc.text) if doc.in_body(m.start)]


def signature_date(doc) -> Optional[tuple["object", DateMention]]:
    """(date node, mention) of the main document's signature date, if it has one."""
    return doc.view(_signature_date)


def _signature_date(doc):
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


def document_date(doc) -> Optional[datetime.date]:
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
