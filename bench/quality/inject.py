"""One-defect copies of a document: the slips a proofreader is expected to catch.

Each injector takes a document's text and a random generator and returns an
:class:`Injection` — the changed text and the span of the defect in it — or None
when the document offers no place for that kind of slip. Injectors know nothing of
doccheck's rules or data: candidates come from jieba's dictionary (what is a word)
and pypinyin (what sounds alike), so a rule cannot score by sharing a list with the
generator.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

HAN = re.compile(r"[\u4e00-\u9fff]")
# a word the generator may change: in the dictionary, used often enough that its slip is an error
COMMON_WORD_FREQUENCY = 200
# characters a slip may introduce: the most used ones, so that a slip looks like a real one
COMMON_CHARACTERS = 3500


@dataclass(frozen=True)
class Injection:
    kind: str
    text: str  # the whole document with the defect
    start: int  # the defect's span in ``text``
    end: int
    before: str  # what stood there in the original
    after: str  # what stands there now

    @property
    def delta(self) -> int:
        return len(self.after) - len(self.before)


@cache
def _dictionary() -> dict[str, int]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return {word: freq for word, freq in jieba.dt.FREQ.items() if freq}


@cache
def _common_characters() -> list[str]:
    weight: dict[str, int] = {}
    for word, freq in _dictionary().items():
        for ch in word:
            if HAN.match(ch):
                weight[ch] = weight.get(ch, 0) + freq
    return sorted(weight, key=weight.__getitem__, reverse=True)[:COMMON_CHARACTERS]


@cache
def _homophones() -> dict[str, list[str]]:
    """Toneless pinyin → common characters read so (their first reading)."""
    from pypinyin import Style, lazy_pinyin

    by_sound: dict[str, list[str]] = {}
    for ch in _common_characters():
        by_sound.setdefault(lazy_pinyin(ch, style=Style.NORMAL)[0], []).append(ch)
    return by_sound


def _sound(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(ch, style=Style.NORMAL)[0]


def _words(text: str) -> list[tuple[int, str]]:
    """(offset, word) of the dictionary words of ``text`` common enough to slip on."""
    import jieba

    dictionary = _dictionary()
    found, at = [], 0
    for word in jieba.cut(text, HMM=False):
        if 2 <= len(word) <= 4 and all(HAN.match(ch) for ch in word) \
                and dictionary.get(word, 0) >= COMMON_WORD_FREQUENCY:
            found.append((at, word))
        at += len(word)
    return found


def _replace(kind: str, text: str, start: int, end: int, after: str) -> Injection:
    return Injection(kind, text[:start] + after + text[end:], start, start + len(after), text[start:end], after)


def same_sound(text: str, rng: random.Random) -> Injection | None:
    """A character of a common word replaced by a common one read the same (部署 → 布署)."""
    words = _words(text)
    rng.shuffle(words)
    dictionary, homophones = _dictionary(), _homophones()
    for at, word in words[:200]:
        index = rng.randrange(len(word))
        choices = [ch for ch in homophones.get(_sound(word[index]), []) if ch != word[index]]
        rng.shuffle(choices)
        for ch in choices:
            slipped = word[:index] + ch + word[index + 1:]
            if slipped not in dictionary:
                return _replace("same_sound", text, at + index, at + index + 1, ch)
    return None


def swap(text: str, rng: random.Random) -> Injection | None:
    """Two adjacent characters of a common word swapped (落实 → 实落)."""
    words = _words(text)
    rng.shuffle(words)
    dictionary = _dictionary()
    for at, word in words[:200]:
        index = rng.randrange(len(word) - 1)
        if word[index] == word[index + 1]:
            continue
        slipped = word[:index] + word[index + 1] + word[index] + word[index + 2:]
        if slipped not in dictionary:
            return _replace("swap", text, at + index, at + index + 2, word[index + 1] + word[index])
    return None


def dropped_name_character(text: str, rng: random.Random) -> Injection | None:
    """A character dropped from inside an organisation's name (国家统计局 → 国统计局).

    Names are what jieba's part-of-speech tagger calls organisations (nt), four
    characters or longer, so the rest still reads as a name."""
    import jieba.posseg

    names, at = [], 0
    for pair in jieba.posseg.cut(text):
        if pair.flag == "nt" and len(pair.word) >= 4 and all(HAN.match(ch) for ch in pair.word):
            names.append((at, pair.word))
        at += len(pair.word)
    if not names:
        return None
    at, name = rng.choice(names)
    index = rng.randrange(1, len(name) - 1)
    injection = _replace("dropped_name_character", text, at + index, at + index + 1, "")
    # an empty span cannot be overlapped: the defect is the name as now written
    return Injection(injection.kind, injection.text, at, at + len(name) - 1, name, name[:index] + name[index + 1:])


def stray_space(text: str, rng: random.Random) -> Injection | None:
    """A space between two Chinese characters inside a sentence of running text."""
    places = []
    for line in re.finditer(r"[^\n]{20,}", text):
        body = line.group()
        if " " in body or "\u3000" in body.strip("\u3000"):
            continue  # a line with spaces of its own (alignment, name lists) is not running text
        places.extend(line.start() + m.start() + 1 for m in re.finditer(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])", body))
    if not places:
        return None
    at = rng.choice(places)
    return _replace("stray_space", text, at, at, " ")


def known_usage(text: str, rng: random.Random) -> Injection | None:
    """截至 before a date written as 截止 (the usage slip every 公文 checker knows)."""
    places = [m.start() for m in re.finditer(r"截至(?=[0-9０-９一二〇]{2,4}年|[0-9]{1,2}月|目前|今年|去年|本月)", text)]
    if not places:
        return None
    at = rng.choice(places)
    return _replace("known_usage", text, at, at + 2, "截止")


# -- what a reviewer checks beyond the wording ---------------------------------------------
# The numbers below are built from the standards that define them (GB 11643-1999's check
# character, ISO/IEC 7812's Luhn digit), not from doccheck's rules.
_PROVINCE_CODES = ("11", "31", "32", "33", "37", "44", "51", "61")
# Texts repealed by name in the text that replaced them (条例第四十二条; 民法典第一千二百六十条).
_REPEALED = (("国家行政机关公文处理办法", 2012), ("中国共产党机关公文处理条例", 2012), ("中华人民共和国合同法", 2021),
             ("中华人民共和国物权法", 2021))


def _sentence_starts(text: str) -> list[int]:
    """Where a sentence of running text begins: after 。 inside a line of twenty characters or more."""
    places = []
    for line in re.finditer(r"[^\n]{20,}", text):
        places.extend(line.start() + m.end() for m in re.finditer(r"。(?=[\u4e00-\u9fff])", line.group()))
    return places


def _insert(kind: str, text: str, rng: random.Random, clause: str, number: str) -> Injection | None:
    places = _sentence_starts(text)
    if not places:
        return None
    at = rng.choice(places)
    injection = _replace(kind, text, at, at, clause)
    start = at + clause.index(number)
    return Injection(kind, injection.text, start, start + len(number), "", number)


def _resident_id(rng: random.Random) -> str:
    born = f"{rng.randrange(1950, 2000)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    first = rng.choice(_PROVINCE_CODES) + f"{rng.randrange(100, 10000):04d}" + born + f"{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, weights, strict=True)) % 11]


def _luhn_completed(digits: str) -> str:
    for check in "0123456789":
        total = 0
        for index, digit in enumerate(reversed(digits + check)):
            value = int(digit) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return digits + check
    raise AssertionError("one check digit always completes a Luhn number")


def personal_id(text: str, rng: random.Random) -> Injection | None:
    """A person named with a resident ID number (身份证号), as in a list of recipients."""
    number = _resident_id(rng)
    return _insert("personal_id", text, rng, f"联系人张某某（身份证号{number}）负责此项工作。", number)


def mobile_number(text: str, rng: random.Random) -> Injection | None:
    """A contact person's mobile number."""
    number = "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
    return _insert("mobile_number", text, rng, f"联系人：王某，手机：{number}。", number)


def bank_card(text: str, rng: random.Random) -> Injection | None:
    """A person's bank card number (UnionPay, 19 digits)."""
    number = _luhn_completed("62" + "".join(rng.choice("0123456789") for _ in range(16)))
    return _insert("bank_card", text, rng, f"补贴转入李某某的银行卡（卡号{number}）。", number)


def superseded_citation(text: str, rng: random.Random) -> Injection | None:
    """A repealed text cited as the basis of the document, in a document of a later year."""
    years = [int(y) for y in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})年", text[:400])]
    title, repealed = rng.choice(_REPEALED)
    if not years or max(years) <= repealed:
        return None
    return _insert("superseded_citation", text, rng, f"根据《{title}》的规定，", f"《{title}》")


def hao_for_ri(text: str, rng: random.Random) -> Injection | None:
    """A date's 日 written as 号 (2024年3月5号)."""
    places = [m.end() - 1 for m in re.finditer(r"[0-9]{1,2}月[0-9]{1,2}日(?![0-9])", text)]
    if not places:
        return None
    at = rng.choice(places)
    return _replace("hao_for_ri", text, at, at + 1, "号")


# -- numbers that cannot be right -------------------------------------------------------------
# A total and one of its parts, as 公文 state them (the generator's own list, not the rules'):
# what is counted, what part of it, the unit.
_TOTALS = (("全省农机总动力", "灌排机械动力", "千瓦", "万亿"), ("全年粮食总产量", "秋粮产量", "吨", "万"),
           ("全市常住人口", "城镇常住人口", "人", "万"), ("全年完成固定资产投资", "工业投资", "元", "万亿"),
           ("新建改建农村公路", "四级公路", "公里", "_"), ("全县森林面积", "公益林面积", "亩", "万"),
           ("全年发放各类贷款", "普惠小微贷款", "元", "亿"), ("年末登记市场主体", "个体工商户", "户", "万"),
           ("全年接待游客", "过夜游客", "人次", "万"), ("全年用电量", "工业用电量", "千瓦时", "亿"))
# Words that qualify a total: approximate (近, 约), an upper bound (不到), exact (达到) — with
# these any part above the total is wrong — and a lower bound (超过, 逾, 突破), with which a
# part is wrong only far above it (see NC102: more than twice the bound).
_CLOSE_QUALIFIERS = ("近", "约", "接近", "将近", "不到", "不足", "达到", "达", "共")
_LOWER_QUALIFIERS = ("超过", "逾", "突破")


def _amount(number: float, word: str, rng: random.Random) -> str:
    """``number`` of ``word`` (万, 亿, _ for none) as a 公文 writes it: 12.5亿, 3800万, 640."""
    shown = f"{number:.0f}" if number == int(number) or rng.random() < 0.6 else f"{number:.1f}"
    return shown + word.strip("_")


def part_above_qualified_total(text: str, rng: random.Random) -> Injection | None:
    """A part larger than its total when the total is qualified (近10亿千瓦，其中…15亿千瓦)."""
    total_label, part_label, unit, scales = rng.choice(_TOTALS)
    qualifier = rng.choice(_CLOSE_QUALIFIERS + _LOWER_QUALIFIERS)
    word = rng.choice(scales)
    total = rng.randrange(2, 90)
    factor = rng.uniform(2.3, 5) if qualifier in _LOWER_QUALIFIERS else rng.uniform(1.25, 4)
    total_text, part_text = _amount(total, word, rng), _amount(total * factor, word, rng)
    verb = rng.choice(("", "达到", "为", "达"))
    joiner = rng.choice(("，其中", "，其中，"))
    number = f"{part_text}{unit}"
    written = f"{qualifier}{total_text}{unit}"
    if rng.random() < 0.25:  # the qualifier after the number: 48万千瓦左右, 34万人以上
        after = "左右" if qualifier in _CLOSE_QUALIFIERS else "以上"
        written = f"{'达到' if after == '以上' else ''}{total_text}{unit}{after}"
    return _insert("part_above_qualified_total", text, rng,
                   f"{total_label}{written}{joiner}{part_label}{verb}{number}。", number)


_SHARES = ("非化石能源消费占比", "清洁能源装机占比", "高新技术产业增加值占规模以上工业增加值比重",
           "绿色建筑占新建建筑的比重", "县域内就诊人次占比",
           "优良天数占比", "民生支出占一般公共预算支出的比重")
_SHARE_QUALIFIERS = ("不得低于", "不低于", "达到", "达", "不少于", "提高到")


def share_above_100(text: str, rng: random.Random) -> Injection | None:
    """A share above 100% after 占比 … 不低于/不得低于/达到 (a typo for 10.x% or for 9x%)."""
    percent = f"{rng.randrange(101, 190)}" + (f".{rng.randrange(10)}" if rng.random() < 0.3 else "") + \
        rng.choice(("%", "%", "％"))
    year = rng.randrange(2025, 2031)
    clause = f"到{year}年，{rng.choice(_SHARES)}{rng.choice(_SHARE_QUALIFIERS)}{percent}。"
    return _insert("share_above_100", text, rng, clause, percent)


INJECTORS: dict[str, Callable[[str, random.Random], Injection | None]] = {
    "same_sound": same_sound,
    "swap": swap,
    "dropped_name_character": dropped_name_character,
    "stray_space": stray_space,
    "known_usage": known_usage,
    "personal_id": personal_id,
    "mobile_number": mobile_number,
    "bank_card": bank_card,
    "superseded_citation": superseded_citation,
    "hao_for_ri": hao_for_ri,
    "part_above_qualified_total": part_above_qualified_total,
    "share_above_100": share_above_100,
}
