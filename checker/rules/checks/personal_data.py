"""Personal data (PD1xx) in a text about to be published: resident ID numbers, mobile
numbers, personal landlines, bank card numbers.

政府信息公开 must not expose a person's data (《政府信息公开条例》第十五条). Each rule
recognises a number by what makes it one — the GB 11643 check digit, region and
birth date of an ID, the Luhn digit and issuer prefix of a card, the 1[3-9] prefix of
a mobile number — so the numbers a 公文 writes on purpose (发文字号, years, amounts,
postal codes, statistics) are not taken for personal data. An office's telephone on
a contact line (联系人：…，联系电话：010-…) is written there to be published and is not
personal data; a mobile number is, wherever it stands.

Every hit is *masked* (:mod:`checker.core.masking`): no output format shows the number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from checker.core import patterns
from checker.core.masking import mask_number
from checker.model.dates import document_date
from checker.model.document import Document
from checker.rules.registry import Hit, rule

# The first two digits of a resident ID: provinces (GB/T 2260), and 81/82/83 of the
# residence permits of Hong Kong, Macao and Taiwan residents.
_PROVINCES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
    }
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_OLDEST_BIRTH_YEAR = 1900

# A run of 18 characters that could be an ID: not part of a longer number or word.
ID_CANDIDATE = patterns.lazy(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
# A mobile number: 1[3-9] and nine digits, written whole or 3-4-4 with spaces or hyphens,
# with +86 / 86 before it or not.
MOBILE = patterns.lazy(
    r"(?<![0-9A-Za-z.．])(?:(?:\+|\uff0b)?86[ \-]?)?(1[3-9][0-9](?:[ \-]?[0-9]{4}){2})"
    r"(?![0-9A-Za-z]|[.．][0-9])"
)
# What each number above holds, and how far after the number's start (a look-behind, or
# an optional +86, keeps ``re`` from skipping ahead to where a number could start): the
# patterns are tried only near these (:func:`checker.core.patterns.finditer_anchored`;
# public, for the test that compares what it finds with ``finditer``).
ID_DIGITS = patterns.lazy(r"[0-9]{17}[0-9Xx]")
# No number above starts after a digit (their look-behinds): the anchored search skips
# the rest of a run of digits where it found nothing.
DIGITS = patterns.lazy(r"[0-9]*")
MOBILE_DIGITS = patterns.lazy(r"1[3-9][0-9](?:[ \-]?[0-9]{4}){2}")
MOBILE_REACH = 4  # +86 and a space
# A landline: an area code 0xx(x) and a seven- or eight-digit number.
LANDLINE = patterns.lazy(
    r"(?<![0-9A-Za-z])(?:[（(]0[1-9][0-9]{1,2}[）)]|0[1-9][0-9]{1,2}[ \-－—]?)"
    r"[2-9][0-9]{6,7}(?![0-9])"
)
LANDLINE_DIGITS = patterns.lazy(r"[2-9][0-9]{6}")
LANDLINE_REACH = 6  # （0xxx）
# Words that make a landline a person's own number rather than an office's.
_PERSONAL_LINE = patterns.lazy(r"(?:家庭|住宅|私人|个人|本人|家中)(?:电话|座机|固话)|宅电|家庭住址|住址")
# A card number: 16 to 19 digits, whole or in groups of four.
CARD = patterns.lazy(r"(?<![0-9A-Za-z])([0-9]{4}(?:[ \-]?[0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?)(?![0-9A-Za-z])")
CARD_DIGITS = patterns.lazy(r"[0-9]{4}[ \-]?[0-9]{4}")
# Issuer prefixes of the cards issued to persons in China: UnionPay 62, Visa 4,
# Mastercard 51-55 and 2221-2720, JCB 3528-3589, and the older 9558 (ICBC) and 6013 (BOC).
_CARD_PREFIX = patterns.lazy(
    r"^(?:62|4|5[1-5]|2(?:2[2-9][1-9]|[3-6][0-9]{2}|7[01][0-9]|720)|35(?:2[89]|[3-8][0-9])"
    r"|9558|6013)"
)
# An account an organ publishes to be paid into (户名：某某局), which is not a person's.
_ORGAN_ACCOUNT = patterns.lazy(
    r"(?:户名|收款单位|收款人|账户名称|开户单位|单位名称)[:：]?[^，,。；;\n]{0,40}"
    r"(?:局|委|委员会|办公室|办|厅|部|院|所|中心|政府|公司|银行|学校|大学|协会|学会|基金会"
    r"|站|队|馆|会|处|科|社|集团)"
)
# A unit right after the digits: the number is an amount or a count, not a telephone.
_UNIT_AFTER = patterns.lazy(
    r"[ \t]?(?:[元万亿千百吨件户人名次个台辆套项亩米张份册篇条股笔家所座斤克升度][^话机]"
    r"|%|％|‰)"
)


def _line_of(doc: Document, offset: int) -> tuple[int, int]:
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    return start, end if end >= 0 else len(doc.text)


def _is_amount(doc: Document, end: int) -> bool:
    return bool(_UNIT_AFTER.match(doc.text, end))


def _latest_birth_year(doc: Document) -> int:
    issued = document_date(doc)
    return issued.year if issued else datetime.date.today().year


def resident_id_valid(number: str, latest_year: int | None = None) -> bool:
    """Is ``number`` a resident ID GB 11643-1999 could issue: a province prefix, a birth date
    on the calendar between 1900 and ``latest_year``, and the right check character?"""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if int(number[:2]) not in _PROVINCES:
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not _OLDEST_BIRTH_YEAR <= born.year <= (latest_year or datetime.date.today().year):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    """Does the Luhn check digit (ISO/IEC 7812) of ``digits`` agree?"""
    total = 0
    for index, digit in enumerate(reversed(digits)):
        value = int(digit)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


@rule(
    "PD101",
    "resident-id-number",
    category="privacy",
    severity="warning",
    message="含公民身份号码（{shown}）：公开发布前应删除或隐去",
)
def resident_id_number(doc: Document) -> Iterator[Hit]:
    """A resident ID number (公民身份号码) in the text.

    What it checks:
        Eighteen characters that GB 11643-1999 could issue: a province code
        (11 北京 … 65 新疆, 71, 81-83), a birth date that is on the calendar and not
        after the document's date, and the check character (weights 7 9 10 5 8 4 2 1
        6 3 7 9 10 5 8 4 2, modulo 11 → 1 0 X 9 8 7 6 5 4 3 2). A random 18-digit
        number passes all three about once in a thousand times.
    Why it matters:
        An ID number is personal information (《个人信息保护法》第二十八条: sensitive);
        a published 公文 must not disclose it (《政府信息公开条例》第十五条). Lists of
        people (公示, 名单) are where it slips through.
    Example:
        张某某，身份证号110105199003071234 → 张某某
    Fix:
        None: delete the number, or keep only what the purpose needs (110105********1234).
    """
    latest = _latest_birth_year(doc)
    for start, end in doc.body_spans:
        for match in patterns.finditer_anchored(ID_CANDIDATE, ID_DIGITS, doc.text, start, end, reach=0, inside=DIGITS):
            if resident_id_valid(match.group(), latest):
                yield _personal_hit(
                    match.start(), match.end(), doc, "resident-id", ["province", "birth-date", "check-character"]
                )


@rule(
    "PD102",
    "mobile-number",
    category="privacy",
    severity="warning",
    message="含手机号码（{shown}）：手机号码属于个人信息，公开发布前应删除或改为办公电话",
)
def mobile_number(doc: Document) -> Iterator[Hit]:
    """A mobile telephone number in the text.

    What it checks:
        Eleven digits 1[3-9]XXXXXXXXX (or 3-4-4 with spaces or hyphens, with +86 before
        them or not) that are not part of a longer number and not an amount or a
        count (a unit such as 元, 万, 人 right after them). Unlike an office's
        landline, a mobile number belongs to a person wherever it stands, even on a
        联系人 line.
    Why it matters:
        A mobile number identifies a person and is personal information
        (《个人信息保护法》第四条); a published 公文 or 政府信息公开 page must not
        expose it. An office publishes its office telephone instead.
    Example:
        联系人：王某，联系电话：13812345678 → 联系电话：010-12345678（办公电话）
    Fix:
        None: replace it with the office telephone, or delete it.
    """
    for start, end in doc.body_spans:
        for match in patterns.finditer_anchored(
            MOBILE, MOBILE_DIGITS, doc.text, start, end, reach=MOBILE_REACH, inside=DIGITS
        ):
            if _is_amount(doc, match.end()):
                continue
            yield _personal_hit(match.start(1), match.end(1), doc, "mobile", ["prefix-1[3-9]", "eleven-digits"])


@rule(
    "PD103",
    "personal-landline",
    category="privacy",
    severity="warning",
    message="含个人住宅电话（{shown}）：公开发布前应删除",
)
def personal_landline(doc: Document) -> Iterator[Hit]:
    """A landline number given as a person's own (家庭电话, 住宅电话, 宅电, with an address).

    What it checks:
        A landline (area code 0XX or 0XXX and a seven- or eight-digit number) on a line
        that calls it a person's: 家庭电话, 住宅电话, 个人电话, 宅电, or beside a home
        address (住址). An office telephone (联系电话, 咨询电话, 举报电话, 传真) is
        written to be published and is not reported.
    Why it matters:
        A home telephone with a name or address locates a person; it is personal
        information a published 公文 must not expose (《政府信息公开条例》第十五条).
    Example:
        李某某，家庭住址：某区某路1号，家庭电话：0571-87654321
    Fix:
        None: delete the number (and the address).
    """
    for start, end in doc.body_spans:
        for match in patterns.finditer_anchored(
            LANDLINE, LANDLINE_DIGITS, doc.text, start, end, reach=LANDLINE_REACH, inside=DIGITS
        ):
            line_start, line_end = _line_of(doc, match.start())
            if not _PERSONAL_LINE.search(doc.text, line_start, line_end) or _is_amount(doc, match.end()):
                continue
            yield _personal_hit(match.start(), match.end(), doc, "landline", ["area-code", "personal-label"])


@rule(
    "PD104",
    "bank-card-number",
    category="privacy",
    severity="warning",
    message="含银行卡号（{shown}）：公开发布前应删除或隐去",
)
def bank_card_number(doc: Document) -> Iterator[Hit]:
    """A bank card number in the text.

    What it checks:
        Sixteen to nineteen digits (whole or in groups of four) that start as the
        cards issued to persons in China do (UnionPay 62, Visa 4, Mastercard 51-55,
        JCB 35, 9558, 6013) and whose last digit is the Luhn check digit of the
        others. An organ's account published to be paid into (户名：某某局 …) is
        not a person's and is not reported.
    Why it matters:
        A card number is financial information, sensitive under
        《个人信息保护法》第二十八条; published lists of subsidies or refunds are
        where it slips through.
    Example:
        补贴发放至本人银行卡（卡号6222021234567890128）
    Fix:
        None: delete the number, or keep its last four digits.
    """
    for start, end in doc.body_spans:
        for match in patterns.finditer_anchored(CARD, CARD_DIGITS, doc.text, start, end, reach=0, inside=DIGITS):
            digits = "".join(ch for ch in match.group(1) if ch.isdigit())
            if not 16 <= len(digits) <= 19 or not _CARD_PREFIX.match(digits) or not luhn_valid(digits):
                continue
            if ID_CANDIDATE.fullmatch(match.group(1)) and resident_id_valid(match.group(1)):
                continue  # an ID number (PD101)
            line_start, line_end = _line_of(doc, match.start())
            before = max(line_start, doc.text.rfind("\n", 0, max(line_start - 1, 0)) + 1)  # this line and the one above
            if _ORGAN_ACCOUNT.search(doc.text, before, line_end):
                continue
            yield _personal_hit(match.start(1), match.end(1), doc, "bank-card", ["issuer-prefix", "luhn"])


def _personal_hit(start: int, end: int, doc: Document, kind: str, checks: list[str]) -> Hit:
    shown = mask_number(doc.text[start:end])
    return Hit(
        start,
        end,
        args={"shown": shown},
        masked=True,
        suggestion="删除该号码，或只保留用途所需的部分（如后四位）",
        evidence={"kind": kind, "masked": shown, "checks": checks},
    )
