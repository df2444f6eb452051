"""Values of the numerals that number headings, enumerations and dates.

Only small whole numbers are needed here (一 … 九千九百九十九, 〇 for dates), so this
stays a few lines and cheap to import; full quantity parsing (百分之十五, 1.8万亿)
belongs to the numeric engine.
"""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_to_int(numeral: str) -> int | None:
    """Value of 一, 十二, 二十一, 一百零五 …; None when it is not such a numeral."""
    if not numeral:
        return None
    if all(ch in DIGITS for ch in numeral):
        # Digit by digit, as in years: 二〇一六
        value = 0
        for ch in numeral:
            value = value * 10 + DIGITS[ch]
        return value
    total, digit = 0, None
    for ch in numeral:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def to_int(numeral: str) -> int | None:
    """Value of an Arabic (half- or full-width) or Chinese whole numeral."""
    numeral = numeral.strip()
    if numeral.isdigit():
        try:
            return int(numeral)
        except ValueError:  # other Unicode digits int() does not take
            return None
    return chinese_to_int(numeral)
