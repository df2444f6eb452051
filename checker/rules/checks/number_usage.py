"""Number usage by GB/T 15835-2011 (NU101-NU199): one form for one kind of count,
ranges that keep their % or 万, double approximations, short years, the 〇 of
Chinese years and zero-padded dates.

Only the document body is checked. The word lists (measure words, set phrases,
qualifier pairs) are data in ``rules/number_usage.yaml``, read into
:class:`checker.core.numericdata.NumberUsageRules` when first loaded. Patterns are character
classes with bounded repeats, anchored by a lookbehind that stops a match from
starting inside a run of digits, so matching is linear; tests run each over
pathological input.

Each pattern begins with a character class or with alternative words, and its
look-behind on the character before the match comes after the first character (in
``[0-9](?<![0-9.].)`` the ``.`` is that first character): Python's ``re`` skips quickly
through the text to the possible first characters of a pattern that begins with a
literal, a class or alternatives of literals, but tries a pattern that begins with a
look-behind or a look-ahead at every position of the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from checker.core import patterns
from checker.core.datafiles import RuleData
from checker.core.marks import PHRASE_ENDS
from checker.core.models import Fix
from checker.core.numericdata import NumberUsageRules
from checker.model.dates import YearMention, dates, years
from checker.model.document import Document
from checker.model.numerals import (
    ARABIC,
    ARABIC_DIGITS,
    CHINESE_ONE_TO_NINE,
    CHINESE_SCALES,
    CHINESE_UNITS,
    CHINESE_ZEROS,
    RANGE_JOINERS,
    ZERO_LOOKALIKES,
    chinese_to_int,
    to_chinese,
    to_int,
)
from checker.model.scan import ranges_holding
from checker.rules.registry import Hit, rule


class NumberUsageRulesError(ValueError):
    """rules/number_usage.yaml (or a replacement) is missing or malformed."""


# load_number_usage_rules(path=None): the word lists, validated against the schema
load_number_usage_rules = RuleData(
    "number_usage.yaml", NumberUsageRules, noun="数字用法规则", error=NumberUsageRulesError
)


def _body_ranges(doc: Document) -> list[tuple[int, int]]:
    return doc.view(body_ranges)


def body_ranges(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of each body paragraph, made once for the four views that scan them
    (read only: the view is shared)."""
    return [(p.start, p.end) for p in doc.body_paragraphs]


# -- NU101: one kind of count in two forms ----------------------------------------

_CHINESE_NUMERAL = CHINESE_ONE_TO_NINE + "两" + CHINESE_UNITS  # a count in Chinese: no zero, no 万


@lru_cache(maxsize=8)
def _count_pattern(measures: tuple[str, ...]) -> re.Pattern[str]:
    """Arabic and Chinese counts in one pattern: one scan of the text instead of two. It
    begins with the class of both kinds of first character, which re skips to (alternatives
    that each begin with a class would be tried at every position); the look-behind on the
    first character tells the kinds apart. A count has at most 9 digits; a longer run is
    not a count (and int() caps digits)."""
    words = "|".join(re.escape(m) for m in sorted(measures, key=len, reverse=True))
    return re.compile(
        f"([{ARABIC}{_CHINESE_NUMERAL}]"
        f"(?:(?<=[{ARABIC}])(?<![{ARABIC}.．第].)[{ARABIC}]{{0,8}}"
        f"|(?<=[{_CHINESE_NUMERAL}])(?<![{_CHINESE_NUMERAL}{CHINESE_ZEROS}第前后头首每这那几“].)"
        f"[{_CHINESE_NUMERAL}]{{0,3}}))({words})"
    )


# A Chinese count followed by one of these ends a name (机场三期、) or numbers a session.
_NAMING_AFTER = frozenset("、，。；：）)」』”" + _CHINESE_NUMERAL + CHINESE_ZEROS)


_LIST_LOOKBACK = 40
_LIST_END = frozenset(PHRASE_ENDS + "（）()“”")  # what a 、-list does not run over


def _sums_up_a_list(text: str, at: int, floor: int) -> bool:
    """Does a 、-list end right before ``at``? 甲、乙、丙三家: the numeral sums the list up."""
    for back in range(at - 1, max(floor, at - _LIST_LOOKBACK) - 1, -1):
        ch = text[back]
        if ch == "、":
            return True
        if ch in _LIST_END:
            return False
    return False


class Count(NamedTuple):
    start: int
    end: int
    value: int
    measure: str
    chinese: bool


def counts(doc: Document) -> dict[str, list[Count]]:
    """Counts by measure word: 4期, 五期 … (Chinese counts of one or two and set phrases left out)."""
    data = load_number_usage_rules()
    pattern = _count_pattern(tuple(data.count_measure_words))
    set_phrases = tuple(data.set_phrases)
    not_a_count = tuple(data.not_a_count_before)
    text = doc.text
    found: dict[str, list[Count]] = defaultdict(list)
    for start, end in _body_ranges(doc):
        for match in pattern.finditer(text, start, end):
            if text[match.start()] not in _CHINESE_NUMERAL:
                arabic = to_int(match.group(1))
                if arabic is None:
                    continue
                found[match.group(2)].append(Count(match.start(), match.end(), arabic, match.group(2), False))
                continue
            value = chinese_to_int(match.group(1))
            digits = match.group(1)
            if value is None or value <= 2 or digits in ("百", "千"):
                continue  # 一个, 两家, 二期, 百家: articles, idioms, phases, not counts to compare
            if len(digits) > 1 and not any(unit in digits for unit in "十百千"):
                continue  # 三四个: two neighbouring digits are an approximation, written in Chinese
            if text.startswith(set_phrases, match.start()):
                continue
            after = text[match.end() : match.end() + 1]
            if (
                text.startswith(not_a_count, match.end())
                or (after and after in _NAMING_AFTER)
                or text[match.start() - 1 : match.start()] in ("届", "大")
            ):
                continue  # 十三届全国人大, 八届五次全会, 机场三期、: numbering or naming, not counting
            if _sums_up_a_list(text, match.start(), start):
                continue
            found[match.group(2)].append(Count(match.start(), match.end(), value, match.group(2), True))
    return found


class OtherForm(NamedTuple):
    """The counts of one measure word written in the more used form."""

    examples: tuple[str, ...]
    lines: tuple[int, ...]


def mixed_counts(doc: Document) -> list[tuple[Count, OtherForm]]:
    """(a count in the less used form, the counts in the other form) per measure word."""
    text = doc.text
    result: list[tuple[Count, OtherForm]] = []
    for items in doc.view(counts).values():
        chinese = [c for c in items if c.chinese]
        arabic = [c for c in items if not c.chinese]
        if not chinese or not arabic:
            continue
        # On a tie report the Chinese form: GB/T 15835 prefers Arabic numerals for counting.
        minority, majority = (chinese, arabic) if len(chinese) <= len(arabic) else (arabic, chinese)
        other = OtherForm(
            tuple(text[c.start : c.end] for c in majority[:5]),
            tuple(sorted({doc.position(c.start)[0] for c in majority}))[:20],
        )
        result.extend((count, other) for count in minority)
    result.sort(key=lambda pair: pair[0].start)
    return result


@rule(
    "NU101",
    "mixed-numeral-forms",
    category="numeral",
    severity="info",
    message="同类计数“{measure}”本文有的用阿拉伯数字、有的用汉字数字：此处“{found}”，他处如“{other}”",
)
def mixed_numeral_forms(doc: Document) -> Iterator[Hit]:
    """The same kind of count written with Arabic numerals in one place and Chinese in another.

    What it checks:
        Counts before the same measure word (期, 届, 项, 家 …; the list is in
        rules/number_usage.yaml): when a document writes some with Arabic and
        some with Chinese numerals, each count in the less used form (on a tie,
        the Chinese ones). Not counted: 一 and 两/二 (一个, 两家, 二期 are
        articles, idioms and phases), ordinals (第三届, 十三届全国人大), phases
        that end a name (机场三期、), a numeral that sums up the list before it
        (移动、电信、联通三家), 三四家 (an approximation) and set phrases
        (四个全面, 八项规定 …).
    Why it matters:
        GB/T 15835-2011 lets small counts take either form but asks for one form
        for one kind of number within a text (同类别同形式).
    Example:
        成功举办4期沙龙……举办了五期创业特训班
    Fix:
        Write both the same way (for counts, Arabic numerals are the norm). No
        automatic fix: only this count is seen, not the whole convention.
    """
    text = doc.text
    for count, other in doc.view(mixed_counts):
        found = text[count.start : count.end]
        if count.chinese:
            suggestion = f"与本文其他计数一致，写作“{count.value}{count.measure}”"
        else:
            suggestion = (
                f"与本文其他计数一致，写作“{to_chinese(count.value)}{count.measure}”，或把本文此类计数统一为阿拉伯数字"
            )
        yield Hit(
            count.start,
            count.end,
            args={"measure": count.measure, "found": found, "other": other.examples[0]},
            suggestion=suggestion,
            evidence={
                "measure": count.measure,
                "value": count.value,
                "form": "chinese" if count.chinese else "arabic",
                "other_form_examples": list(other.examples),
                "other_form_lines": list(other.lines),
            },
        )


# -- NU102: a range that drops the first % or 万/亿 ---------------------------------

_NUMBER = f"[{ARABIC}]+(?:[.．][{ARABIC}]+)?"
_JOINER = re.escape("".join(joiner for joiner in RANGE_JOINERS if len(joiner) == 1))
# _NUMBER not after a number or %, nor after a number and a joiner: a range has two
# ends, and 1990-01-10% is a chain (a date, a code), not a range that lost its first %
_FIRST_NUMBER = f"[{ARABIC}](?<![{ARABIC}.．%％].)(?<![{ARABIC}][{_JOINER}].)[{ARABIC}]*(?:[.．][{ARABIC}]+)?"
_RANGE = patterns.lazy(f"({_FIRST_NUMBER})([{_JOINER}])({_NUMBER})(%|％|‰|万亿|万|亿)")
_RANGE_MARKS = "%％‰万亿"


def dropped_range_marks(doc: Document) -> list[re.Match[str]]:
    text = doc.text
    found = []
    # every match ends in one of _RANGE_MARKS
    for start, end in ranges_holding(text, _body_ranges(doc), _RANGE_MARKS):
        for match in _RANGE.finditer(text, start, end):
            if match.group(2) in "-－" and match.group(4) not in ("%", "％", "‰"):
                continue  # 2015-2020万: a hyphen with 万 is more likely a code than a range
            found.append(match)
    return found


@rule(
    "NU102",
    "range-drops-unit",
    category="numeral",
    severity="warning",
    message="数值范围“{found}”省略了前一个数的“{mark}”，应写作“{right}”",
    fix="safe",
)
def range_drops_unit(doc: Document) -> Iterator[Hit]:
    """A range whose first number lost its % or 万/亿: 30～40%, 3～5万元.

    What it checks:
        Two numbers joined by ～ ~ — 至 or 到 where only the second carries %,
        ‰, 万 or 亿 (with a hyphen only for %: 2015-2020万 is more likely a code).
    Why it matters:
        GB/T 15835-2011 on ranges of values: the unit of the first number may be left
        out only where nothing is lost; 15～30% reads as 0.15 to 30 percent and
        3～5万 as 3 to 50 000, so these marks are repeated: 15%～30%, 3万～5万.
    Example:
        同比增长10～15%  → 10%～15%
    Fix:
        Safe: write the mark after the first number too.
    """
    for match in doc.view(dropped_range_marks):
        mark = match.group(4)
        at = match.end(1)
        right = match.group(1) + mark + match.group(2) + match.group(3) + mark
        yield Hit(
            match.start(),
            match.end(),
            args={"found": match.group(), "mark": mark, "right": right},
            suggestion=f"写作“{right}”",
            fix=Fix.at(start=at, end=at, replacement=mark),
        )


# -- NU103: double approximation ----------------------------------------------------

_AMOUNT = f"(?:[{ARABIC}][{ARABIC}.．,]{{0,20}}|[{_CHINESE_NUMERAL}{CHINESE_SCALES}]{{1,8}})"


# A pair of qualifiers: (name, the words before the number, after it, unless followed by)
QualifierSpec = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=8)
def _qualifier_patterns(
    spec: tuple[QualifierSpec, ...],
) -> list[tuple[str, re.Pattern[str], tuple[str, ...], tuple[str, ...]]]:
    compiled = []
    for name, before, after, unless in spec:
        before_words = "|".join(re.escape(w) for w in sorted(before, key=len, reverse=True))
        after_words = "|".join(re.escape(w) for w in sorted(after, key=len, reverse=True))
        # 近20多家: 多/余 come right after the number; 左右/以上 after its unit.
        unit = "" if set(after) <= {"多", "余"} else "[%％‰]?[\u4e00-\u9fff]{0,4}?"
        pattern = re.compile(f"({before_words})为?{_AMOUNT}(?:万|亿)?{unit}({after_words})")
        compiled.append((name, pattern, unless, after))
    return compiled


def double_qualifiers(doc: Document) -> list[tuple[re.Match[str], str]]:
    data = load_number_usage_rules()
    spec: tuple[QualifierSpec, ...] = tuple(
        (q.name, tuple(q.before), tuple(q.after), tuple(q.unless_followed_by or ())) for q in data.double_qualifiers
    )
    prefixes = set(data.qualifier_word_prefixes)
    text = doc.text
    found = []
    ranges = _body_ranges(doc)
    for name, pattern, unless, after in _qualifier_patterns(spec):
        for start, end in ranges_holding(text, ranges, after):  # every match holds one of the words after
            for match in pattern.finditer(text, start, end):
                if match.start() > start and text[match.start() - 1] in prefixes:
                    continue  # 节约10%左右: 约 belongs to 节约
                if unless and text.startswith(unless, match.end()):
                    continue  # 近一百多年来: 近 means recent
                found.append((match, name))
    found.sort(key=lambda pair: pair[0].start())  # (stable: at one start, in the order of the patterns)
    return found


@rule(
    "NU103",
    "double-approximation",
    category="numeral",
    severity="warning",
    message="“{first}”与“{second}”重复表达约数或界限（{pattern}），只需保留一个",
    fix="unsafe",
)
def double_approximation(doc: Document) -> Iterator[Hit]:
    """A number qualified twice the same way: 约…左右, 超过…以上, 不足…以下, 近…多.

    What it checks:
        A qualifier before a number and one with the same meaning after it (or
        after its unit, at most four characters), with nothing else between.
        节约, 制约 … are not qualifiers (the list is in rules/number_usage.yaml).
        近…多 before a span of time is not reported: in 近一百多年来 近 means
        “recent”, not “nearly”.
    Why it matters:
        GB/T 15835-2011 on approximate numbers, and every style guide for 公文:
        约 and 左右 both say “approximately”; 超过 and 以上 both say “more than”.
        Together they are redundant, and 超过…以上 leaves unclear whether the
        bound itself is included.
    Example:
        投资约5000万元左右  → 约5000万元 / 5000万元左右
    Fix:
        Unsafe: delete the qualifier after the number (the author may prefer
        to keep that one).
    """
    text = doc.text
    for match, name in doc.view(double_qualifiers):
        first, second = match.group(1), match.group(2)
        yield Hit(
            match.start(),
            match.end(),
            args={"first": first, "second": second, "pattern": name},
            suggestion=f"删去“{second}”或“{first}”",
            fix=Fix.at(start=match.start(2), end=match.end(2), replacement="", safety="unsafe"),
            evidence={"pattern": name, "text": text[match.start() : match.end()]},
        )


# -- NU104: short years ---------------------------------------------------------------

_SHORT_YEAR = patterns.lazy(
    f"([{ARABIC}](?<![{ARABIC}.．/\\-－A-Za-z].)[{ARABIC}])年(?=[{ARABIC}]{{1,2}}月|底|初|末|度|上半年|下半年)"
)


def _years_before(
    pattern: re.Pattern[str], text: str, ranges: list[tuple[int, int]], digits: int
) -> list[re.Match[str]]:
    """The matches of ``pattern.finditer(text, start, end)`` over the ranges, for a pattern
    whose matches are ``digits`` characters (none of them 年) and then 年. Two such matches
    cannot overlap, so each is found by trying the pattern ``digits`` characters before a
    年, which str.find reaches much faster than re reaches the pattern's class of digits."""
    found = []
    for start, end in ranges:
        at = text.find("年", start + digits, end)
        while at >= 0:
            match = pattern.match(text, at - digits, end)
            if match is not None:
                found.append(match)
            at = text.find("年", at + 1, end)
    return found


def short_years(doc: Document) -> list[tuple[re.Match[str], str]]:
    text = doc.text
    matches = _years_before(_SHORT_YEAR, text, _body_ranges(doc), 2)
    if not matches:
        return []  # (the full years are looked for only to complete a short one)
    full_years = {str(year.value) for year in years(doc) if not year.chinese and 1900 <= year.value < 2100}
    centuries = sorted({y[:2] for y in full_years})
    found = []
    for match in matches:
        short = f"{to_int(match.group(1)):02d}"
        same = sorted(y for y in full_years if y.endswith(short))
        year = same[-1] if same else (centuries[-1] if centuries else "20") + short
        found.append((match, year))
    return found


@rule(
    "NU104",
    "short-year",
    category="numeral",
    severity="warning",
    message="年份“{found}”简写了，应写全为“{year}年”",
    fix="unsafe",
)
def short_year(doc: Document) -> Iterator[Hit]:
    """A year written with two digits: 16年3月, 15年底, 16年度.

    What it checks:
        Two digits and 年 followed by a month, 底, 初, 末, 度 or 上/下半年 — the
        places where a two-digit number before 年 is a year, not a count of years.
    Why it matters:
        GB/T 15835-2011 on dates: a year is written in full, 2016年, not 16年.
    Example:
        16年3月启动  → 2016年3月启动
    Fix:
        Unsafe: the century is taken from the document's other years (a year
        ending in the same two digits, else the latest century used).
    """
    for match, year in doc.view(short_years):
        yield Hit(
            match.start(),
            match.end(),
            args={"found": match.group(), "year": year},
            suggestion=f"写作“{year}年”",
            fix=Fix.at(start=match.start(), end=match.start(1) + 2, replacement=year, safety="unsafe"),
        )


# -- NU105, NU106: the zero of a year in Chinese numerals -------------------------------

_CIRCLE = "○"  # the look-alike NU106 reports, once per document
_WRONG_ZERO = "零" + ZERO_LOOKALIKES.replace(_CIRCLE, "")  # what NU105 reports


def chinese_years(doc: Document) -> list[YearMention]:
    """The years of the body in Chinese digits whose zero is not written 〇."""
    return [
        year
        for year in years(doc)
        if year.chinese
        and year.digits[0] in CHINESE_ONE_TO_NINE
        and doc.in_body(year.start)
        and any(ch in _WRONG_ZERO + _CIRCLE for ch in year.digits)
    ]


def _zero_fixed(digits: str) -> str:
    return "".join("〇" if ch in _WRONG_ZERO + _CIRCLE else ch for ch in digits)


@rule(
    "NU105",
    "year-zero-form",
    category="numeral",
    severity="warning",
    message="汉字年份“{found}”中的零写作“{zeros}”，应写作“〇”",
    fix="safe",
)
def year_zero_form(doc: Document) -> Iterator[Hit]:
    """A year in Chinese numerals whose zero is 零, the letter O or the digit 0.

    What it checks:
        Four Chinese digits before 年 with a zero written 零, O, Ｏ, 0 or ０
        (二零一六年, 二O一六年, 二0一六年). The look-alike circle ○ is reported
        by NU106, once per document.
    Why it matters:
        GB/T 15835-2011: the Chinese zero of a number used for naming or
        ordering, as in a year, is 〇; 零 is the zero of a quantity, and letters
        or Arabic digits do not belong in a Chinese numeral.
    Example:
        二O一六年一月  → 二〇一六年一月
    Fix:
        Safe: write the zeros as 〇.
    """
    for year in doc.view(chinese_years):
        digits, end = year.digits, year.start + len(year.digits)
        zeros = "".join(sorted({ch for ch in digits if ch in _WRONG_ZERO}))
        if not zeros:
            continue
        yield Hit(
            year.start,
            end,
            args={"found": digits + "年", "zeros": zeros},
            suggestion=f"写作“{_zero_fixed(digits)}年”",
            fix=Fix.at(start=year.start, end=end, replacement=_zero_fixed(digits)),
        )


@rule(
    "NU106",
    "year-circle-zero",
    category="numeral",
    severity="info",
    message="汉字年份中的零用了圆圈符号“○”（{count}处），规范字形为“〇”",
    fix="safe",
    scope="document",
)
def year_circle_zero(doc: Document) -> Iterator[Hit]:
    """Years in Chinese numerals whose zero is the geometric circle ○ (U+25CB), not 〇 (U+3007).

    What it checks:
        Four Chinese digits before 年 containing ○. Reported once per document,
        at the first, with the count: the two look the same in print.
    Why it matters:
        GB/T 15835-2011 writes the zero of a year 〇, a Chinese character; ○ is a
        geometric shape that sorts, searches and converts differently.
    Example:
        二○一六年  → 二〇一六年
    Fix:
        Safe, one fix for all: the span from the first to the last such year,
        with each ○ in those years made 〇 and nothing else changed.
    """
    circled = [year for year in doc.view(chinese_years) if _CIRCLE in year.digits]
    if not circled:
        return
    text = doc.text
    first, last = circled[0].start, circled[-1].start + len(circled[-1].digits)
    pieces, cursor = [], first
    for year in circled:
        pieces.append(text[cursor : year.start])
        pieces.append(year.digits.replace(_CIRCLE, "〇"))
        cursor = year.start + len(year.digits)
    pieces.append(text[cursor:last])
    yield Hit(
        first,
        first + len(circled[0].digits),
        args={"count": len(circled)},
        suggestion="将年份中的“○”改为“〇”",
        fix=Fix.at(start=first, end=last, replacement="".join(pieces)),
        evidence={"count": len(circled), "lines": sorted({doc.position(y.start)[0] for y in circled})[:50]},
    )


# -- NU107: zero-padded month or day -------------------------------------------------


def padded_dates(doc: Document) -> list[int]:
    """Offsets of the 0 written before a one-digit month or day of the body's 年月日 dates."""
    text = doc.text
    found = []
    for mention in dates(doc):
        if mention.form != "arabic":
            continue  # 2016-01-05: there the zero belongs
        for at in (mention.month_start, mention.day_start):
            if (
                at >= 0
                and text[at] in "0０"
                and text[at + 1 : at + 2] not in ("", "0", "０")
                and text[at + 1] in ARABIC_DIGITS
            ):
                found.append(at)
    return found


@rule(
    "NU107",
    "zero-padded-date",
    category="numeral",
    severity="warning",
    message="日期中的月、日前加了“0”：“{found}”",
    fix="safe",
)
def zero_padded_date(doc: Document) -> Iterator[Hit]:
    """A month or day written with a leading zero in a 年月日 date: 2016年01月05日.

    What it checks:
        A 0 before a one-digit month or day of a date written with 年, 月 and 日
        (the date view). Dates written with numbers only (2016-01-05) are not
        checked: there the zero belongs.
    Why it matters:
        GB/T 9704-2012 (7.3.5.3) writes dates in 公文 without padding (1 not 01),
        as GB/T 15835-2011 does in its examples.
    Example:
        2016年01月19日  → 2016年1月19日
    Fix:
        Safe: delete the zero.
    """
    text = doc.text
    for at in doc.view(padded_dates):
        yield Hit(
            at,
            at + 2,
            args={"found": text[at : at + 3]},
            suggestion=f"删去“0”，写作“{text[at + 1 : at + 3]}”",
            fix=Fix.at(start=at, end=at + 1, replacement=""),
        )
