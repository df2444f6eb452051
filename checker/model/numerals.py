"""Numerals: the one place that knows how a 公文 writes a number, and what it is worth.

The character classes below are the only definition of the digits in the package:
the quantity, date and count scanners build their patterns from them, and
:func:`parse_numeral` is the only reader of their values.

``parse_numeral(written)`` reads the whole of ``written`` (nothing around it) as
one of these forms, and returns ``None`` for anything else:

* Arabic digits, half- or full-width (1956, １９５６), with an optional decimal part
  after ``.`` or ``．`` (3.14), grouped by thousands with ``,`` or ``，`` — one of the
  two throughout, every group of exactly three digits (10,400; 1，753);
* a Chinese numeral as ``cn2an.an2cn`` writes it in its ``low`` and ``up`` modes
  (十二, 一百零五, 四千六百六十六万, 十亿零一, 一点五, 零点零五; 壹拾贰), also with 两
  for 二 (两千), 〇 for 零 (一千〇五), and the short forms that leave out the last
  unit (三百五 is 350, 一万五 is 15000, 两千三 is 2300);
* a Chinese numeral written digit by digit, as ``an2cn`` does in its ``direct`` mode
  and as years are written (二〇一六, 一二点三);
* any of these followed by a scale word (万, 亿, 万亿; after Arabic digits also 百万,
  千万, 百亿, 千亿): 1.8万亿, 3千万, 一点五亿. The scale is kept apart from the
  number, since it says how precisely the number is written: 四千六百六十六万 is
  4666 of 万 (to the nearest 万);
* 百分之 followed by any of these: a percentage (百分之十二, 百分之3.5).

Not read: approximations (三四十, 一二百), 百 or 千 alone, negative numbers, and
numerals with look-alike zeros (二○一六; only :func:`year_value` reads those, so
that a rule can report them).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

# -- the digits --------------------------------------------------------------------
ARABIC_DIGITS = "0123456789０１２３４５６７８９"
ARABIC = "0-9０-９"  # the Arabic digits as the body of a regular-expression class
CHINESE_ZEROS = "〇零"
CHINESE_ONE_TO_NINE = "一二三四五六七八九"
CHINESE_DIGITS = CHINESE_ZEROS + CHINESE_ONE_TO_NINE + "两"  # 两 is 二 before a unit
CHINESE_UNITS = "十百千"
CHINESE_SCALES = "万亿"
CHINESE_POINT = "点"
# What stands for 〇 in a year written by hand or by a careless input method: the
# circle ○ (U+25CB), the letter O, the digit 0. Read in years only.
ZERO_LOOKALIKES = "○ＯO0０"
DECIMAL_POINTS = ".．"
THOUSANDS_SEPARATORS = ",，"
PERCENT_PREFIX = "百分之"
# What joins the two ends of a range of numbers: 3-5个, 10至20家, 5%～8%.
RANGE_JOINERS = ("-", "—", "－", "～", "~", "至", "到", "――", "——")
# Scale words written after a number, longest first; the compounds only follow Arabic
# digits (3千万): in a Chinese numeral 千 and 百 are units (三千万 is 3000 of 万).
SCALE_WORDS = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4}
CHINESE_SCALE_WORDS = {"万亿": 10**12, "亿": 10**8, "万": 10**4}

_DIGIT_VALUE = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
_ARABIC_VALUE = {ch: index % 10 for index, ch in enumerate(ARABIC_DIGITS)}
# The financial capitals of an2cn's "up" mode, read as the ordinary numerals.
_CAPITALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟萬億", "一二三四五六七八九十百千万亿")
_CAPITAL_CHARS = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟萬億")
_DIGIT_CHARS = frozenset(_DIGIT_VALUE)
_ARABIC_CHARS = frozenset(ARABIC_DIGITS)
_TO_ASCII = str.maketrans(
    {
        **{ch: str(value) for ch, value in _ARABIC_VALUE.items()},
        **{ch: str(value) for ch, value in _DIGIT_VALUE.items()},
    }
)


class Numeral(NamedTuple):
    """A number as written: worth ``number × scale`` (× 1/100 when a percentage)."""

    number: Fraction  # before the scale word: 4666 of 四千六百六十六万, 1.09 of 1.09亿
    decimals: int  # digits written after the decimal point
    scale: int = 1  # 10**4 for 万, 10**8 for 亿 …, 1 when no scale word ends the numeral
    chinese: bool = False  # written in Chinese numerals
    digitwise: bool = False  # Chinese digits one by one, with no unit: 二〇一六, 三五
    percent: bool = False  # 百分之…

    @property
    def value(self) -> Fraction:
        """The number with its scale (a percentage is worth its number of percent)."""
        return self.number * self.scale if self.scale != 1 else self.number


@lru_cache(maxsize=8192)  # documents write the same figures again and again
def parse_numeral(written: str) -> Numeral | None:
    """The number ``written`` stands for, or None; see the module's contract."""
    if written.startswith(PERCENT_PREFIX):
        inner = parse_numeral(written[len(PERCENT_PREFIX) :])
        if inner is None or inner.percent:
            return None
        return inner._replace(percent=True)
    if not written:
        return None
    if written[0] in _ARABIC_VALUE:
        return _parse_arabic_with_scale(written)
    if not _CAPITAL_CHARS.isdisjoint(written):
        written = written.translate(_CAPITALS)
    return _parse_chinese(written)


@lru_cache(maxsize=8192)
def parse_arabic(written: str) -> tuple[Fraction, int] | None:
    """(value, decimals) of Arabic digits with optional thousands separators and decimals."""
    whole, decimals = written, ""
    for point in DECIMAL_POINTS:
        if point in written:
            whole, _, decimals = written.partition(point)
            break
    if not whole or (decimals == "" and whole != written) or not _ARABIC_CHARS.issuperset(decimals):
        return None
    groups = None
    for separator in THOUSANDS_SEPARATORS:
        if separator in whole:
            groups = whole.split(separator)
            break
    if groups is not None:
        if not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:]):
            return None
        whole = "".join(groups)
    if not _ARABIC_CHARS.issuperset(whole):
        return None
    digits = (whole + decimals).translate(_TO_ASCII)
    return Fraction(int(digits), 10 ** len(decimals)), len(decimals)


def _parse_arabic_with_scale(written: str) -> Numeral | None:
    scale = 1
    for word, size in SCALE_WORDS.items():
        if written.endswith(word) and len(written) > len(word):
            written, scale = written[: -len(word)], size
            break
    parsed = parse_arabic(written)
    if parsed is None:
        return None
    return Numeral(parsed[0], parsed[1], scale)


def _parse_chinese(written: str) -> Numeral | None:
    whole, point, fraction = written.partition(CHINESE_POINT)
    scale = 1
    if point:
        # 一点五亿: a scale word after the decimals, when the whole part has none
        if not any(ch in CHINESE_SCALES for ch in whole):
            for word, size in CHINESE_SCALE_WORDS.items():
                if fraction.endswith(word) and len(fraction) > len(word):
                    fraction, scale = fraction[: -len(word)], size
                    break
        if not fraction or not _DIGIT_CHARS.issuperset(fraction):
            return None
        value = _integer(whole)
        if value is None:
            return None
        digits = fraction.translate(_TO_ASCII)
        number = Fraction(value) + Fraction(int(digits), 10 ** len(digits))
        return Numeral(number, len(digits), scale, True, _is_digitwise(whole))
    if whole[-1] in CHINESE_SCALES:  # the last character of every scale word
        for word, size in CHINESE_SCALE_WORDS.items():
            if whole.endswith(word) and len(whole) > len(word):  # 三千七百万: 3700 of 万
                scale = size
                if _is_digitwise(whole[: -len(word)]):  # 三五万
                    return Numeral(Fraction(int(whole[: -len(word)].translate(_TO_ASCII))), 0, scale, True, True)
                break
    value = _integer(whole)
    if value is None:
        return None
    return Numeral(Fraction(value // scale), 0, scale, True, _is_digitwise(whole))


def _is_digitwise(written: str) -> bool:
    return len(written) > 1 and _DIGIT_CHARS.issuperset(written)


def _integer(written: str) -> int | None:
    """A whole Chinese number: digit by digit, or with units and scale words."""
    if not written:
        return None
    if _DIGIT_CHARS.issuperset(written):
        return int(written.translate(_TO_ASCII))
    at = written.rfind("亿")
    if at < 0:
        return _below_yi(written, final=True)
    high = _below_yi(written[:at], final=False)  # up to 万亿: 三万亿, 一万二千亿
    low = _below_scale(written[at + 1 :], 10**8, _below_yi, True)
    return None if not high or low is None else high * 10**8 + low


def _below_yi(written: str, final: bool) -> int | None:
    at = written.find("万")
    if at < 0:
        return _below_wan(written, final)
    high = _below_wan(written[:at], final=False)
    low = _below_scale(written[at + 1 :], 10**4, _below_wan, final)
    return None if not high or low is None else high * 10**4 + low


def _below_scale(written: str, size: int, below: Callable[[str, bool], int | None], final: bool) -> int | None:
    """What follows a scale word (亿 or 万, worth ``size``): nothing; 零 and a number below a
    tenth of the scale (一万零五百); a number of the next units down (四亿八千三百万);
    or, at the end of the numeral, one digit alone, which takes the next unit down
    (一万五 is 15000)."""
    if not written:
        return 0
    if written[0] in CHINESE_ZEROS:
        rest = below(written[1:], final) if len(written) > 1 else None
        return rest if rest and rest < size // 10 else None
    if final and len(written) == 1 and written in _DIGIT_VALUE:
        return _DIGIT_VALUE[written] * size // 10
    low = below(written, final)
    return low if low is not None and size // 10 <= low < size else None


def _below_wan(written: str, final: bool) -> int | None:
    """一 … 九千九百九十九 with units: 十二, 一百零五, 两千; when ``final`` (nothing follows),
    also the short form whose last digit takes the unit below the one before it (三百五)."""
    total, digit, last_unit, zero_before = 0, None, 10_000, False
    for ch in written:
        if ch in CHINESE_ZEROS:
            if digit is not None or zero_before or total == 0:
                return None  # 零 stands only between a unit and a digit
            zero_before = True
        elif ch in _DIGIT_VALUE:
            if digit is not None:
                return None  # two digits in a row: 三四十 is an approximation
            digit = _DIGIT_VALUE[ch]
        elif ch in _UNIT_VALUE:
            unit = _UNIT_VALUE[ch]
            if unit >= last_unit or (digit is None and (unit != 10 or total)):
                return None  # units go down; only 十 may stand without a digit (十二)
            if zero_before and unit * 10 >= last_unit:
                return None  # 零 marks a skipped unit: 一千零五十, not 一千零五百
            total += (1 if digit is None else digit) * unit
            digit, last_unit, zero_before = None, unit, False
        else:
            return None
    if digit is None:
        return None if zero_before or not written else total  # 一百零: a 零 with nothing after it
    if zero_before:
        return total + digit if last_unit > 10 else None  # 一百零五; not 十零五
    if last_unit == 10_000 or last_unit == 10:
        return total + digit  # 五, 二十五
    # the last digit right after 百 or 千: the short form 三百五 (350), only at the end
    return total + digit * last_unit // 10 if final else None


def to_int(numeral: str) -> int | None:
    """Value of a whole Arabic (half- or full-width) or Chinese numeral: 12, １２, 十二."""
    parsed = parse_numeral(numeral.strip())
    if parsed is None or parsed.percent:
        return None
    value = parsed.value
    return value.numerator if value.denominator == 1 else None


def chinese_to_int(numeral: str) -> int | None:
    """Value of a whole Chinese numeral (一, 十二, 一百零五, 二〇一六); None for anything else."""
    if not numeral or numeral[0] in _ARABIC_VALUE:
        return None
    return to_int(numeral)


_LOOKALIKES_AS_ZERO = str.maketrans({ch: "〇" for ch in ZERO_LOOKALIKES})


@lru_cache(maxsize=1024)
def year_value(digits: str) -> int | None:
    """The year four digits stand for: 2016, ２０１６, 二〇一六, and 二○一六 or 二O一六
    written with a look-alike of 〇."""
    if len(digits) != 4:
        return None
    if _ARABIC_CHARS.issuperset(digits):
        return int(digits.translate(_TO_ASCII))
    chinese = digits.translate(_LOOKALIKES_AS_ZERO)
    if _DIGIT_CHARS.issuperset(chinese):
        return int(chinese.translate(_TO_ASCII))
    return None


_SMALL = "零一二三四五六七八九"


def to_chinese(value: int) -> str:
    """``value`` (0 or more) in Chinese numerals, as an2cn writes it: 十二, 一百零五, 四千六百六十六万."""
    if value < 0:
        raise ValueError("to_chinese: a negative number")
    if value == 0:
        return "零"
    sections = []
    for size, word in ((10**8, "亿"), (10**4, "万"), (1, "")):
        part, value = divmod(value, size)
        sections.append((part, word))
    pieces: list[str] = []
    for part, word in sections:
        if part == 0:
            if pieces and pieces[-1] != "零":
                pieces.append("零")
            continue
        if pieces and part < 1000 and pieces[-1] != "零":
            pieces.append("零")  # 一万零五百
        pieces.append((to_chinese(part) if part >= 10**4 else _below_wan_text(part)) + word)
    while pieces and pieces[-1] == "零":
        pieces.pop()
    text = "".join(pieces)
    return text[1:] if text.startswith("一十") else text


def _below_wan_text(value: int) -> str:
    pieces: list[str] = []
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, size)
        if digit:
            pieces.append(_SMALL[digit] + unit)
        elif pieces and value and pieces[-1] != "零":
            pieces.append("零")
    return "".join(pieces)
