"""Every number of a document with its unit, magnitude, precision and qualifier.

This module owns the shared *quantities* view (``quantities(doc)``): one pass of one
regular expression over the body text finds Arabic numbers (543, 1.09, 10,400,
full-width １９５６), Chinese numerals followed by a measure word (五期, 两家, 十二项,
百分之十五, 三成), magnitudes (1.09亿元, 19万平方米, 1.8万亿元), percentages (%, ％),
per-mille, 倍 and 个百分点, and the words that make a number approximate (近, 约,
左右), a bound (超, 逾, 以上, 多, 余; 不足, 以下) or cumulative (累计). Units are
normalised so that 万元 and 亿元 compare as 元 while 项 and 个 never mix. The word
lists come from ``rules/numeric.yaml`` (read into :class:`checker.core.numericdata.NumericRules`).

Values are exact :class:`fractions.Fraction` objects, and each quantity knows the
interval its written form stands for (rounded half-up to the precision written,
widened for approximate words), so the claim checks compare intervals, not floats.

The view is a :class:`Quantities` sequence: columns of offsets, and one shared record
of the rest for each way a figure is written, so that a document of a million figures
holds a few arrays, not a million objects (a :class:`Quantity` is built when read).
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from checker.core.datafiles import RuleData
from checker.core.marks import PHRASE_ENDS
from checker.core.numericdata import NumericRules
from checker.model.document import Document
from checker.model.numerals import (
    ARABIC,
    CHINESE_DIGITS,
    CHINESE_ONE_TO_NINE,
    CHINESE_POINT,
    CHINESE_SCALES,
    CHINESE_UNITS,
    DECIMAL_POINTS,
    RANGE_JOINERS,
    SCALE_WORDS,
    parse_arabic,
    parse_numeral,
)
from checker.model.records import Records
from checker.model.sentences import units


class NumericRulesError(ValueError):
    """rules/numeric.yaml (or a replacement) is missing or malformed."""


# load_numeric_rules(path=None): the numeric word lists and thresholds, validated
load_numeric_rules = RuleData("numeric.yaml", NumericRules, noun="数值规则", error=NumericRulesError)


# -- the quantity record ---------------------------------------------------------

PERCENT_UNITS = {"%": "%", "％": "%", "百分点": "个百分点", "个百分点": "个百分点", "‰": "‰", "倍": "倍", "成": "%"}
RATE_KINDS = ("percent", "permille", "points", "times")


@dataclass(slots=True)
class Quantity:
    """One number as written: ``text[start:end]`` is the number, its magnitude and unit."""

    start: int
    end: int
    text: str
    number: Fraction  # as written, before the magnitude: 1.09 in 1.09亿元
    decimals: int  # digits written after the decimal point
    magnitude: int  # 1, 10**4 (万), 10**8 (亿) …
    unit: str  # normalised: 元, 项, %, ‰, 倍, 个百分点, "" when none
    kind: str  # count, measure, percent, permille, points, times, time, bare
    qualifier: str | None = None  # approximate, lower, upper
    qualifier_word: str = ""
    cumulative: bool = False
    ordinal: bool = False  # 第3
    chinese: bool = False  # written in Chinese numerals
    tenths: bool = False  # 三成
    suffix: str = ""  # what follows the numeral: 亿元, 万平方米, %, 个百分点
    ranged: bool = False  # one end of 3-5, 10至20 (last: the one field a shape leaves out, see Quantities)
    # (the rules, the interval they give): the interval, computed once
    _bounds: tuple[NumericRules, tuple[Fraction, Fraction | None]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def scale_word(self) -> str:
        """The written magnitude and unit, to express another value in them: 亿元."""
        return self.suffix.replace("多", "").replace("余", "")

    @property
    def value(self) -> Fraction:
        return self.number * self.magnitude if self.magnitude != 1 else self.number

    @property
    def is_rate(self) -> bool:
        return self.kind in RATE_KINDS

    @property
    def usable(self) -> bool:
        """A quantity claims may use: has a unit, is not a date, ordinal or range end."""
        return bool(self.unit) and self.kind not in ("time", "bare") and not self.ordinal and not self.ranged

    @property
    def exact(self) -> bool:
        return self.qualifier is None and not self.ranged

    def half_width(self, rules: NumericRules | None = None) -> Fraction:
        """Half the rounding step of the written form (0 for a whole count)."""
        if self.tenths:
            return Fraction((rules or load_numeric_rules()).tolerance.tenths_half_width)
        step = Fraction(1, 10**self.decimals)
        if self.kind == "count" and self.decimals == 0 and self.magnitude == 1:
            return Fraction(0)
        return step / 2 * self.magnitude

    def interval(self, rules: NumericRules | None = None) -> tuple[Fraction, Fraction | None]:
        """(low, high) the true value lies in; high is None when unbounded."""
        rules = rules or load_numeric_rules()
        if self._bounds is not None and self._bounds[0] is rules:
            return self._bounds[1]
        bounds = self._bounds_for(rules)
        self._bounds = (rules, bounds)
        return bounds

    def _bounds_for(self, rules: NumericRules) -> tuple[Fraction, Fraction | None]:
        value = self.value
        if self.qualifier is None and self.kind == "count" and self.decimals == 0 and self.magnitude == 1:
            return value, value  # a whole count: exact
        half = self.half_width(rules)
        low, high = value - half, value + half
        if self.qualifier == "approximate":
            relative = Fraction(str(rules.tolerance.approximate_relative))
            return low * (1 - relative), high * (1 + relative)
        if self.qualifier == "lower":
            return low, None
        if self.qualifier == "upper":
            return Fraction(0), high
        return low, high


# -- the pattern -------------------------------------------------------------------

# The number patterns are written the way re runs fastest, each the same as its plain form:
# an optional group X? as (?:X|) and (?:,ddd)+ as ,ddd(?:,ddd)* (re runs both plain forms
# with its general repeat, which costs about as much as the rest of the match).
# ,400 of 10,400 and ，753 of 1，753: thousands, one separator throughout
_GROUPED = rf"(?:,[{ARABIC}]{{3}}(?:,[{ARABIC}]{{3}})*|，[{ARABIC}]{{3}}(?:，[{ARABIC}]{{3}})*)(?![{ARABIC}])"
_DECIMALS = rf"(?:[{DECIMAL_POINTS}][{ARABIC}]+|)"
_ARABIC = rf"(?:[{ARABIC}]{{1,3}}{_GROUPED}|[{ARABIC}]+){_DECIMALS}"
# _ARABIC after its first digit ([0-9]{1,3} tried as 3, 2, 1 digits is [0-9]{0,2} after one)
_ARABIC_REST = rf"(?:[{ARABIC}]{{0,2}}{_GROUPED}|[{ARABIC}]*){_DECIMALS}"
_CN_START = CHINESE_DIGITS + "十"
_CN_BODY = CHINESE_DIGITS + CHINESE_UNITS + CHINESE_SCALES + CHINESE_POINT
_CN_NONZERO = frozenset(CHINESE_ONE_TO_NINE + "两")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


def _longest_of(words: list[str]) -> str:
    """_alternation(words), with the one-character words as one character class after the
    longer ones (re tries the alternatives of an alternation one by one, a class at once)."""
    longer = [word for word in words if len(word) > 1]
    single = sorted(set(word for word in words if len(word) == 1))
    if not single:
        return _alternation(longer)
    return "|".join(filter(None, [_alternation(longer), f"[{re.escape(''.join(single))}]"]))


class _Lexicon(NamedTuple):
    pattern: re.Pattern[str]
    count_units: frozenset[str]
    measure_units: frozenset[str]
    time_units: frozenset[str]
    aliases: dict[str, str]
    before: tuple[tuple[str, str], ...]  # (word, qualifier) longest first
    after: tuple[tuple[str, str], ...]
    inner: dict[str, str]
    exclusions: tuple[str, ...]
    before_pattern: re.Pattern[str]
    before_words: dict[str, str]
    exclusion_pattern: re.Pattern[str]
    after_pattern: re.Pattern[str]
    after_words: dict[str, str]
    before_ends: frozenset[str]  # the last characters of the words before a number, and \n
    after_starts: frozenset[str]  # the first characters of the words after one
    unit_classes: dict[str, tuple[str, str, bool]]  # unit as written ("" for none) -> (unit, kind, tenths)


@lru_cache(maxsize=8)
def _lexicon(path: str | None = None) -> _Lexicon:
    rules = load_numeric_rules(path)
    units = rules.units
    measure_words = list(units.count) + list(units.measure) + list(units.time)
    rate_words = list(PERCENT_UNITS)
    # The pattern begins with the character class of every first character, so that re skips
    # through the text to those characters by itself (a pattern beginning with a group is
    # tried at every position). The look-behinds read which first character it was: the
    # number groups hold the number after its first character. The groups after the number
    # always take part, empty when nothing is written there (faster than optional groups).
    pattern = re.compile(
        rf"[百{ARABIC}{_CN_START}]"
        rf"(?:(?<=百)分之(?P<pctnum>{_ARABIC}|[{_CN_BODY}]+)"
        rf"|(?:(?<=[{ARABIC}])(?P<arabic>{_ARABIC_REST})|(?<=[{_CN_START}])(?P<chinese>[{_CN_BODY}]*))"
        rf"(?P<inner>[多余]?)(?P<mag>{_alternation(SCALE_WORDS)}|)(?P<inner2>[多余]?)"
        rf"(?P<unit>{_longest_of(rate_words + measure_words)}|))"
    )
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    inner: dict[str, str] = {}
    for qualifier, words in rules.qualifiers.by_kind().items():
        for word in words.before:
            before.append((word, qualifier))
        for word in words.after:
            after.append((word, qualifier))
        for word in words.inner:
            inner[word] = qualifier
    by_length = lambda pair: -len(pair[0])  # noqa: E731
    before_words = {word: qualifier for word, qualifier in sorted(before, key=by_length, reverse=True)}
    after_words = {
        word: qualifier for word, qualifier in sorted(after, key=by_length, reverse=True) if qualifier != "cumulative"
    }
    exclusions = tuple(sorted(rules.qualifier_exclusions, key=len, reverse=True))
    lexicon = _Lexicon(
        pattern,
        frozenset(units.count),
        frozenset(units.measure),
        frozenset(units.time),
        dict(units.aliases),
        tuple(sorted(before, key=by_length)),
        tuple(sorted(after, key=by_length)),
        inner,
        exclusions,
        before_pattern=re.compile(f"(?:{_alternation(before_words)})$"),
        before_words=before_words,
        exclusion_pattern=re.compile(f"(?:{_alternation(exclusions)})$") if exclusions else re.compile("(?!)"),
        after_pattern=re.compile(_alternation(after_words)) if after_words else re.compile("(?!)"),
        after_words=after_words,
        # before_pattern ends in $, which also matches before a final line break
        before_ends=frozenset([word[-1] for word in before_words] + ["\n"]),
        after_starts=frozenset(word[0] for word in after_words),
        unit_classes={},
    )
    # every unit the pattern can find, classified once
    return lexicon._replace(
        unit_classes={written: _classify_unit(written, lexicon) for written in ["", *rate_words, *measure_words]}
    )


_LONGEST_NUMBER = 60  # characters; int() of longer runs is slow and no figure is that long
# forms (and shapes) remembered while reading a text: a figure written again within this many
# others is read once, and a text of a hundred thousand different figures holds no more
_FORMS_KEPT = 4096
_ASCII_LETTERS = frozenset(string.ascii_letters)
_RANGE_JOINERS = frozenset(RANGE_JOINERS)
_VAGUE_BEFORE = frozenset("几数")  # 几十个, 数百家: a range, not a figure
_ORDINAL_BEFORE = "第"
# the characters before a number that its form (see _form) depends on: before any other,
# the same number has the same form, and is read once
_FORM_BEFORE = _VAGUE_BEFORE | {_ORDINAL_BEFORE} | _ASCII_LETTERS


def extract_quantities(
    text: str, start: int = 0, end: int | None = None, rules_file: str | None = None
) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order."""
    return list(quantity_columns(text, start, end, rules_file))


def quantity_columns(
    text: str, start: int = 0, end: int | None = None, rules_file: str | None = None, into: Quantities | None = None
) -> Quantities:
    """Every quantity in ``text[start:end]``, in order, as columns (``into``'s, when given:
    its quantities must all come before ``start``)."""
    lex = _lexicon(rules_file)
    end = len(text) if end is None else end
    found = Quantities() if into is None else into
    forms: dict[tuple[str, str, tuple[str | None, ...]], _Form | None] = {}
    shapes: dict[tuple[int, str | None, str, bool], int] = {}  # (id of a form in forms, …) → shape
    before_ends, after_starts = lex.before_ends, lex.after_starts
    # the columns of the quantities found, appended to ``found`` in one go at the end
    starts: list[int] = []
    ends: list[int] = []
    ranges: list[bool] = []
    shape_indexes: list[int] = []
    for match in lex.pattern.finditer(text, start, end):
        groups = match.groups()
        if groups[2] is not None and not groups[6]:
            continue  # 统一, 进一步: a Chinese numeral is a quantity only with a measure word after it
        at, stop = match.span()
        previous = text[at - 1] if at > 0 else ""  # the character before the number
        written = match.group()
        key = (previous if previous in _FORM_BEFORE else "", written, groups)
        try:
            form = forms[key]
        except KeyError:
            if len(forms) >= _FORMS_KEPT:  # a document of figures all different: start again
                forms.clear()
                shapes.clear()  # (its keys hold the ids of the forms)
            form = forms[key] = _form(written, previous, groups, lex)
        if form is None:
            continue
        number, decimals, magnitude, unit, kind, chinese, tenths, suffix, ordinal, ranged, qualifier, word, bare = form
        if bare and text[stop : stop + 1] in _ASCII_LETTERS:
            continue  # part of a Latin token: 5G
        cumulative = False
        # a bare number takes part in no claim that needs its qualifier; most quantities
        # have no word around them that qualifies them
        if unit and (
            previous in before_ends
            or text[stop : stop + 1] in after_starts
            or text.find("累计", at - 24 if at > 24 else 0, at) >= 0
        ):
            qualifier, word, cumulative = _context(text, at, stop, previous, qualifier, word, lex)
        shape_key = (id(form), qualifier, word, cumulative)
        shape = shapes.get(shape_key)
        if shape is None:
            fields = (written, number, decimals, magnitude, unit, kind, qualifier, word, cumulative, ordinal)
            shape = shapes[shape_key] = found.new_shape((*fields, chinese, tenths, suffix))
        starts.append(at)
        ends.append(stop)
        ranges.append(ranged)
        shape_indexes.append(shape)
    _mark_ranges(text, starts, ends, ranges)
    found.extend_shaped((starts, ends, ranges), shape_indexes)
    return found


def _mark_ranges(text: str, starts: list[int], ends: list[int], ranges: list[bool]) -> None:
    """Both ends of 3-5个, 10至20家, 5%～8% are range ends, not exact figures."""
    for index in range(len(starts) - 1):
        # every joiner is one or two characters: longer gaps are not copied out of the text
        gap_start, gap_end = ends[index], starts[index + 1]
        if gap_end - gap_start <= 2 and text[gap_start:gap_end] in _RANGE_JOINERS:
            ranges[index] = ranges[index + 1] = True


# What a match of the pattern says by itself (with the character before it): the same
# wherever the same number is written, so worked out once per document. A plain tuple
# (it is built for most quantities of a document, unpacked at once):
# (number as written before the magnitude, decimals, magnitude, unit, kind, chinese,
#  tenths, suffix, ordinal, ranged, qualifier and its word from inside the quantity (3万多元),
#  Arabic digits alone: no quantity when a Latin letter follows)
_Form = tuple[Fraction, int, int, str, str, bool, bool, str, bool, bool, str | None, str, bool]


def _form(written: str, previous: str, groups: tuple[str | None, ...], lex: _Lexicon) -> _Form | None:
    """The form of a match of the pattern; None when the match is no quantity (part of a
    Latin token, 一点, a run of digits no figure is written with)."""
    written_pct, arabic, chinese_rest, inner, magnitude_word, inner2, unit_written = groups
    if written_pct is not None:  # 百分之十五, 百分之3.5
        parsed = parse_numeral(written_pct) if len(written_pct) <= _LONGEST_NUMBER else None
        if parsed is None or parsed.scale != 1:
            return None
        ranged = parsed.chinese and previous in _VAGUE_BEFORE
        return (
            parsed.number,
            parsed.decimals,
            1,
            "%",
            "percent",
            parsed.chinese,
            False,
            "%",
            False,
            ranged,
            None,
            "",
            False,
        )
    rest = arabic if chinese_rest is None else chinese_rest
    if rest is None or unit_written is None:  # (either number group matched, and the unit group)
        return None
    number_end = 1 + len(rest)
    number_written = written[:number_end]
    chinese = chinese_rest is not None
    ranged = False
    if chinese:
        if number_written in ("零", "〇"):
            return None
        parsed = parse_numeral(number_written)
        if parsed is None:
            return None
        number, decimals, magnitude = parsed.number, parsed.decimals, parsed.scale
        ranged = len(number_written) > 1 and _CN_NONZERO.issuperset(number_written)  # 三五个, 七八家: vague
    else:
        if previous in _ASCII_LETTERS:
            return None  # part of a Latin token: O2O, G20
        if len(number_written) > _LONGEST_NUMBER:
            return None  # a run of digits no document writes as a figure: an ID or garbage
        arabic_value = parse_arabic(number_written)
        if arabic_value is None:
            return None
        number, decimals = arabic_value
        magnitude = 1
    if magnitude_word:
        magnitude *= SCALE_WORDS[magnitude_word]
    unit, kind, tenths = lex.unit_classes[unit_written]
    if tenths:
        number, decimals = number * 10, 0
    if magnitude != 1 and kind in RATE_KINDS:
        kind = "bare"  # 3万% is not a rate anyone writes
    if chinese and unit and previous in _VAGUE_BEFORE:
        ranged = True  # 几十个, 数百家
    inner = inner or inner2
    qualifier, qualifier_word = (lex.inner[inner], inner) if inner in lex.inner else (None, "")
    return (
        number,
        decimals,
        magnitude,
        unit,
        kind,
        chinese,
        tenths,
        sys.intern(written[number_end:]),
        previous == _ORDINAL_BEFORE,
        ranged,
        qualifier,
        qualifier_word,
        not chinese and not unit_written and not magnitude_word,
    )


def _context(
    text: str, at: int, stop: int, previous: str, qualifier: str | None, qualifier_word: str, lex: _Lexicon
) -> tuple[str | None, str, bool]:
    """(qualifier, qualifier word, cumulative) of a quantity with a unit, from the words
    standing right before and right after it (``qualifier`` is the one written inside it)."""
    cumulative = False
    floor = at - 24 if at > 24 else 0
    if text.find("累计", floor, at) >= 0:
        phrase = text[floor:at]
        cut = max(phrase.rfind(mark) for mark in PHRASE_ENDS)
        cumulative = "累计" in phrase[cut + 1 :]
    if previous in lex.before_ends:
        head = text[at - 4 if at > 4 else 0 : at]
        before = lex.before_pattern.search(head)
        if before:
            word = before.group()
            excluded = lex.exclusion_pattern.search(head)
            if not (excluded and len(excluded.group()) > len(word)):
                meaning = lex.before_words[word]
                if meaning == "cumulative":
                    cumulative = True
                elif qualifier is None:
                    qualifier, qualifier_word = meaning, word
    if qualifier is None and text[stop : stop + 1] in lex.after_starts:
        after = lex.after_pattern.match(text, stop)
        if after:
            qualifier_word = after.group()
            qualifier = lex.after_words[qualifier_word]
    return qualifier, qualifier_word, cumulative


def _classify_unit(written: str, lex: _Lexicon) -> tuple[str, str, bool]:
    if not written:
        return "", "bare", False
    if written in PERCENT_UNITS:
        unit = PERCENT_UNITS[written]
        kind = {"%": "percent", "‰": "permille", "倍": "times", "个百分点": "points"}[unit]
        return unit, kind, written == "成"
    if written in lex.time_units:
        return written, "time", False
    unit = lex.aliases.get(written, written)
    return unit, ("count" if written in lex.count_units else "measure"), False


# A shape: the fields of a Quantity from text to suffix (all but its offsets and ranged)
_Shape = tuple[str, Fraction, int, int, str, str, str | None, str, bool, bool, bool, bool, str]


def _quantity(row: tuple[int, ...], shape: _Shape) -> Quantity:
    start, end, ranged = row
    return Quantity(start, end, *shape, bool(ranged))


class Quantities(Records[Quantity, _Shape]):
    """The quantities of a text, in order, as :class:`~checker.model.records.Records`:
    columns of the offsets of each and whether it is a range end, and the index of its
    *shape* (everything else a :class:`Quantity` holds) in a table shared by all the
    quantities written alike.

    A long document writes the same few figures and dates over and over: a record per
    quantity, with its own integers and :class:`~fractions.Fraction`, costs about 230
    bytes, a row here 25. A rule that keeps no record holds none; a rule that compares
    quantities keeps the records it read. The claims ask which kinds of quantity a
    sentence holds without building its records (:meth:`kinds`, :meth:`count_kind`).
    """

    __slots__ = ("_kinds",)

    def __init__(self) -> None:
        super().__init__(_quantity, 2, flags=1)  # start, end; ranged
        self._kinds: list[str] = []  # the kind of each shape

    def new_shape(self, shape: _Shape) -> int:
        self._kinds.append(shape[5])
        return super().new_shape(shape)

    @property
    def starts(self) -> Sequence[int]:
        """Where each quantity starts, in order (for a binary search)."""
        return self.column(0)

    def kinds(self, first: int = 0, stop: int | None = None) -> set[str]:
        """The kinds of the quantities ``first`` to ``stop``, without building their records."""
        kinds = self._kinds
        return {kinds[shape] for shape in set(self.shape_indexes(first, stop))}

    def count_kind(self, kind: str, first: int = 0, stop: int | None = None) -> int:
        """How many of the quantities ``first`` to ``stop`` are of ``kind``."""
        kinds = self._kinds
        return sum(1 for shape in self.shape_indexes(first, stop) if kinds[shape] == kind)


# -- the shared views ------------------------------------------------------------


def document_quantities(doc: Document) -> Quantities:
    """Quantities of the body of ``doc`` (not the metadata header, not site chrome)."""
    found = Quantities()
    for start, end in doc.body_spans:
        quantity_columns(doc.text, start, end, into=found)
    return found


def quantities(doc: Document) -> Quantities:
    """The quantities view of ``doc``, computed once per document."""
    return doc.view(document_quantities)


@dataclass(slots=True)
class QuantitySentence:
    """A sentence of the body (:mod:`checker.model.sentences`) and the quantities in it:
    those from ``first`` to ``stop`` of the document's (``found``)."""

    start: int
    end: int
    found: Quantities
    first: int
    stop: int

    @property
    def quantities(self) -> list[Quantity]:
        """The quantities of the sentence, in order (their records are built on each call)."""
        return self.found[self.first : self.stop]

    @property
    def kinds(self) -> set[str]:
        return self.found.kinds(self.first, self.stop)

    def count_kind(self, kind: str) -> int:
        return self.found.count_kind(kind, self.first, self.stop)


def document_sentences_with_quantities(doc: Document) -> list[QuantitySentence]:
    """Body sentences that contain at least one quantity, each cut at the end of its body span."""
    found = quantities(doc)
    starts = found.starts
    ends = units(doc).sentence_ends
    spans = doc.body_spans
    result: list[QuantitySentence] = []
    index, count, span, floor = 0, len(found), 0, 0
    while index < count:
        at = starts[index]
        while spans[span][1] <= at:
            span += 1
        span_start, span_end = spans[span]
        floor = max(floor, span_start)
        sentence_start, sentence_end = ends.start_of(at, floor), ends.end_of(at, span_end)
        first = index
        while index < count and starts[index] < sentence_end:
            index += 1
        result.append(QuantitySentence(sentence_start, sentence_end, found, first, index))
        floor = sentence_end
    return result


def sentences_with_quantities(doc: Document) -> list[QuantitySentence]:
    """Body sentences that contain at least one quantity, computed once per document."""
    return doc.view(document_sentences_with_quantities)


def format_number(value: Fraction, decimals: int = 0) -> str:
    """``value`` rounded half-up to ``decimals`` places, as text (no exponent)."""
    rounded = round_half_up(value, decimals)
    if decimals <= 0:
        return str(int(rounded))
    scaled = int(rounded * 10**decimals)
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled)).rjust(decimals + 1, "0")
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def round_half_up(value: Fraction, decimals: int = 0) -> Fraction:
    """Round half away from zero, the way statistics are written."""
    scale = 10**decimals
    scaled = abs(value) * scale
    rounded = Fraction(int(scaled + Fraction(1, 2)), scale)
    return rounded if value >= 0 else -rounded


def plain(value: Fraction) -> str:
    """A value as short text: 78, 1.09, 37.77…; at most 4 decimals."""
    if value.denominator == 1:
        return str(value.numerator)
    text = format_number(value, 4).rstrip("0").rstrip(".")
    return text
