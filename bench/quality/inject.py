"""One-defect copies of a document: the slips a proofreader is expected to catch.

Each injector takes a document's text and a random generator and returns an
:class:`Injection` — the changed text and the span of the defect in it — or None
when the document offers no place for that kind of slip. Injectors know nothing of
doccheck's rules or data: candidates come from jieba's dictionary (what is a word),
pypinyin (what sounds alike) and a published list of look-alike characters that
doccheck does not read, so a rule cannot score by sharing a list with the generator.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
    # A kind that needs another format (a table: Markdown) writes the whole document in it:
    # ``text`` and its clean twin ``control`` (the same document without the defect) are
    # then files of this suffix, and the defect is placed by its line and column in the file.
    suffix: str = ".txt"
    control: str | None = None
    line: int | None = None  # 1-based line and column of the defect in ``text``
    column: int | None = None

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
        if (
            2 <= len(word) <= 4
            and all(HAN.match(ch) for ch in word)
            and dictionary.get(word, 0) >= COMMON_WORD_FREQUENCY
        ):
            found.append((at, word))
        at += len(word)
    return found


def _replace(kind: str, text: str, start: int, end: int, after: str) -> Injection:
    return Injection(kind, text[:start] + after + text[end:], start, start + len(after), text[start:end], after)


def _substitution(
    kind: str, text: str, rng: random.Random, choices_for: Callable[[str], list[str]]
) -> Injection | None:
    """A character of a common word replaced by one of ``choices_for(character)`` that
    does not make another word of the dictionary."""
    words = _words(text)
    rng.shuffle(words)
    dictionary = _dictionary()
    for at, word in words[:200]:
        index = rng.randrange(len(word))
        choices = choices_for(word[index])
        rng.shuffle(choices)
        for ch in choices:
            slipped = word[:index] + ch + word[index + 1 :]
            if slipped not in dictionary:
                return _replace(kind, text, at + index, at + index + 1, ch)
    return None


def same_sound(text: str, rng: random.Random) -> Injection | None:
    """A character of a common word replaced by a common one read the same (部署 → 布署)."""
    homophones = _homophones()
    return _substitution(
        "same_sound", text, rng, lambda char: [ch for ch in homophones.get(_sound(char), []) if ch != char]
    )


# Characters a reader confuses by their look, one group a line: pycorrector's
# same_stroke.txt (bench/quality/data, Apache-2.0), a list the spelling model does not
# read (it finds look-alikes by their four-corner codes), so that shape slips test its
# candidates as well as its scores.
LOOK_ALIKES = Path(__file__).resolve().parent / "data" / "same_stroke.txt"


@cache
def _look_alikes() -> dict[str, list[str]]:
    """Character → the common characters listed as looking like it."""
    common = set(_common_characters())
    groups: dict[str, list[str]] = {}
    for line in LOOK_ALIKES.read_text(encoding="utf-8").splitlines():
        group = [ch for ch in line.split() if len(ch) == 1]
        for ch in group:
            groups.setdefault(ch, []).extend(other for other in group if other != ch and other in common)
    return groups


def shape(text: str, rng: random.Random) -> Injection | None:
    """A character of a common word replaced by a common one that looks like it (帮助 → 帮肋)."""
    look_alikes = _look_alikes()
    return _substitution("shape", text, rng, lambda char: sorted(set(look_alikes.get(char, []))))


def swap(text: str, rng: random.Random) -> Injection | None:
    """Two adjacent characters of a common word swapped (落实 → 实落)."""
    words = _words(text)
    rng.shuffle(words)
    dictionary = _dictionary()
    for at, word in words[:200]:
        index = rng.randrange(len(word) - 1)
        if word[index] == word[index + 1]:
            continue
        slipped = word[:index] + word[index + 1] + word[index] + word[index + 2 :]
        if slipped not in dictionary:
            return _replace("swap", text, at + index, at + index + 2, word[index + 1] + word[index])
    return None


# Words that end the name of a body or a programme as a reviewer reads a 公文 (the generator's
# own list, not the rules'). The word that ends a name is one of them, or a dictionary word of
# two or more characters before one of them (统计局, 指挥部): 干部, 布局, 全部 end so but name nothing.
# 集团 alone is left out: it ends political epithets as often (叛徒集团, 统治集团), and a group
# of companies is named by its 公司 (中国石油天然气集团公司).
INSTITUTION_ENDINGS = (
    "委员会", "办公室", "办公厅", "人民政府", "政府", "银行", "公司", "工程", "总局", "总署",
    "研究所", "研究院", "联合会", "协会", "中心", "局", "部", "厅", "署", "委", "院",
)  # fmt: skip
# What a body's name begins with: a place (jieba's ns), an organisation (nt), or the word
# of a national or local jurisdiction.
JURISDICTIONS = frozenset(
    {"国家", "中国", "中华人民共和国", "国务院", "中央", "中共中央", "全国", "中共", "省", "市", "县", "自治区"}
)
# Words jieba's dictionary tags as places (ns) that name no one place, so begin no name: cities
# or countries in general or counted (外国死人部 and 城市老爷卫生部 are jibes, 外国石油公司 is any
# foreign company) and pairs of countries (中苏两国政府: the governments of two countries).
NO_ONE_PLACE = frozenset(
    {"外国", "城市", "两国", "列国", "诸国", "大国", "小国", "中苏", "中美", "中俄", "中越", "美苏"}
)
# Characters that join words, not parts of one place: a place jieba's model guessed across one
# (辽及 of 引绰济辽|及|二期工程) is no place.
JOINING_CHARACTERS = frozenset("和与及的")
# Words jieba tags as nouns that join two bodies' names (国家粮食局会同财政部, 经商国务院).
JOINING_WORDS = frozenset({"会同", "经商", "商请", "委托", "联合", "商", "经"})
# Parts of speech a name is made of: nouns, places, organisations, verbal nouns, abbreviations.
NAME_PARTS = frozenset({"n", "nt", "ns", "nz", "vn", "j"})
# A dropped one of these makes another body or a short form in use (湖北省地震局 → 湖北地震局,
# 市场监管总局 → 市场监管局, 工业和信息化部 → 工业信息化部), not a slip.
NOT_DROPPED = frozenset("省市县区州盟旗总分和与及的")
NAME_LONGEST = 16


NAME_SHORTEST = 5  # a name of four written as three is often a word or a short form (国计委, 建银行)


def _ends_a_name(word: str) -> bool:
    """Is ``word`` (one of jieba's) the end of a body's name: an ending itself, or a word
    with two or more characters before its ending whose last two are no other word
    (统计局, 指挥部, 交易中心; not 干部, 布局, 西部)?"""
    for ending in INSTITUTION_ENDINGS:
        if word.endswith(ending):
            if word == ending:
                return True
            tail = word[-2:]
            return len(word) - len(ending) >= 2 and (tail in INSTITUTION_ENDINGS or tail not in _dictionary())
    return False


def _begins_a_name(word: str, flag: str) -> bool:
    """Can a body's name begin with ``word`` (tagged ``flag`` by jieba)? A jurisdiction
    (国家, 省 …), an organisation, or a place that is one place: not 外国 or 中苏 (countries
    in general or two of them), not a string jieba's model guessed across a joining character
    (辽及). Anything else is the middle of an ordinary phrase."""
    if word in JURISDICTIONS:
        return True
    if flag not in ("ns", "nt") or word in NO_ONE_PLACE:
        return False
    return word in _dictionary() or not JOINING_CHARACTERS.intersection(word)


def official_names(text: str) -> list[tuple[int, str]]:
    """(offset, name) of the names of bodies the document writes, five characters or
    longer: jieba's words from a place, an organisation or a jurisdiction (国家, 省 …)
    through nouns to a word that ends the name of a body (局, 委员会, 人民政府, 银行 …):
    国家统计局, 湖北省地震局, 国务院办公厅, 中国农业发展银行. Not 新兴产业 (no body),
    领导干部 (no ending), nor across another body's name (国家粮食局|会同|财政部); not from
    the middle of an ordinary phrase (外国死人部, 中苏两国政府, 辽及二期工程: see
    :func:`_begins_a_name`), nor a government described rather than named (印度反动政府)."""
    import jieba.posseg

    pairs = [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]
    offsets, at = [], 0
    for word, _ in pairs:
        offsets.append(at)
        at += len(word)
    names = []
    for end, (word, _) in enumerate(pairs):
        if not all(HAN.match(ch) for ch in word) or not _ends_a_name(word):
            continue
        stop = offsets[end] + len(word)
        first = None  # the earliest word a name may begin with
        for start in range(end, -1, -1):
            part, flag = pairs[start]
            if stop - offsets[start] > NAME_LONGEST or not all(HAN.match(ch) for ch in part):
                break
            if (
                start < end
                and part not in JURISDICTIONS
                and (flag not in NAME_PARTS or len(part) == 1 or part in JOINING_WORDS or _ends_a_name(part))
            ):
                break  # a verb, a particle, or the end of another name (粮食局|会同)
            if start == end - 1 and word == "政府" and not (_begins_a_name(part, flag) or part.endswith("共和国")):
                break  # a government is named by its place: 印度|反动|政府 and 法治|政府 describe one
            if _begins_a_name(part, flag):
                first = start
        if first is not None and stop - offsets[first] >= NAME_SHORTEST:
            names.append((offsets[first], text[offsets[first] : stop]))
    return names


def dropped_name_character(text: str, rng: random.Random) -> Injection | None:
    """A character dropped from inside the name of a body the document writes
    (国家统计局 → 国统计局, 中国人民银行 → 中国民银行); see :func:`official_names`.

    The first and last characters stay. The drop must leave no dictionary word, no
    string the document writes elsewhere (then it would be another name or a short form
    in use) and no ending that is a word (省府), and must not drop a level or a joining
    word (省, 总, 和 …)."""
    names = official_names(text)
    rng.shuffle(names)
    dictionary = _dictionary()
    for at, name in names[:200]:
        places = [index for index in range(1, len(name) - 1) if name[index] not in NOT_DROPPED]
        rng.shuffle(places)
        for index in places:
            written = name[:index] + name[index + 1 :]
            if written in dictionary or written in text:
                continue  # a word, or a form the document writes itself
            if written[-2:] != name[-2:] and written[-2:] in dictionary:
                continue  # a shorter ending in use (湖南省政府 → 湖南省府)
            slipped = text[: at + index] + text[at + index + 1 :]
            # an empty span cannot be overlapped: the defect is the name as now written
            return Injection("dropped_name_character", slipped, at, at + len(written), name, written)
    return None


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
_REPEALED = (
    ("国家行政机关公文处理办法", 2012),
    ("中国共产党机关公文处理条例", 2012),
    ("中华人民共和国合同法", 2021),
    ("中华人民共和国物权法", 2021),
)


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


# -- wording against the direction of the document --------------------------------------------
# A petitioner's words, as a drafter might carry them over from a 请示 into a downward
# document (the generator's own list, not the profiles').
_PETITIONS = ("以上意见妥否，请批示。", "恳请各地各部门予以大力支持。", "以上安排当否，请指示。")
_DOWNWARD_TITLE = re.compile(r"的(?:通知|批复|决定|通报|公告)\s*$", re.MULTILINE)


_DATE_LINE = re.compile(
    r"^[ \u3000]*[0-9〇零一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,2}月"
    r"[0-9一二三四五六七八九十]{1,3}日[ \u3000]*$",
    re.MULTILINE,
)
_RECIPIENT_LINE = re.compile(r"^[^\n。]{2,80}：[ \u3000]*\n", re.MULTILINE)


def petition_in_downward(text: str, rng: random.Random) -> Injection | None:
    """A petitioner's phrase (妥否, 恳请, 当否) in the document's own text of a downward
    document (通知, 批复, 决定 …): after its recipients, before its date of signature. A 通知
    that 印发 or 转发 another text ends at that date; what follows is the text it carries,
    whose wording is that text's own (a forwarded 请示 may well say 妥否)."""
    if not _DOWNWARD_TITLE.search(text[:300]):
        return None
    recipients = _RECIPIENT_LINE.search(text, 0, 800)
    signed = _DATE_LINE.search(text)
    if recipients is None or signed is None or signed.start() <= recipients.end():
        return None
    places = [recipients.end()] + [at for at in _sentence_starts(text) if recipients.end() < at < signed.start()]
    clause = rng.choice(_PETITIONS)
    word = next(w for w in ("妥否", "恳请", "当否") if w in clause)
    at = rng.choice(places)
    injection = _replace("petition_in_downward", text, at, at, clause)
    start = at + clause.index(word)
    return Injection("petition_in_downward", injection.text, start, start + len(word), "", word)


# -- numbers that cannot be right -------------------------------------------------------------
# A total and one of its parts, as 公文 state them (the generator's own list, not the rules'):
# what is counted, what part of it, the unit.
_TOTALS = (
    ("全省农机总动力", "灌排机械动力", "千瓦", "万亿"),
    ("全年粮食总产量", "秋粮产量", "吨", "万"),
    ("全市常住人口", "城镇常住人口", "人", "万"),
    ("全年完成固定资产投资", "工业投资", "元", "万亿"),
    ("新建改建农村公路", "四级公路", "公里", "_"),
    ("全县森林面积", "公益林面积", "亩", "万"),
    ("全年发放各类贷款", "普惠小微贷款", "元", "亿"),
    ("年末登记市场主体", "个体工商户", "户", "万"),
    ("全年接待游客", "过夜游客", "人次", "万"),
    ("全年用电量", "工业用电量", "千瓦时", "亿"),
)
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
    return _insert(
        "part_above_qualified_total", text, rng, f"{total_label}{written}{joiner}{part_label}{verb}{number}。", number
    )


_SHARES = (
    "非化石能源消费占比",
    "清洁能源装机占比",
    "高新技术产业增加值占规模以上工业增加值比重",
    "绿色建筑占新建建筑的比重",
    "县域内就诊人次占比",
    "优良天数占比",
    "民生支出占一般公共预算支出的比重",
)
_SHARE_QUALIFIERS = ("不得低于", "不低于", "达到", "达", "不少于", "提高到")


def share_above_100(text: str, rng: random.Random) -> Injection | None:
    """A share above 100% after 占比 … 不低于/不得低于/达到 (a typo for 10.x% or for 9x%)."""
    percent = (
        f"{rng.randrange(101, 190)}"
        + (f".{rng.randrange(10)}" if rng.random() < 0.3 else "")
        + rng.choice(("%", "%", "％"))
    )
    year = rng.randrange(2025, 2031)
    clause = f"到{year}年，{rng.choice(_SHARES)}{rng.choice(_SHARE_QUALIFIERS)}{percent}。"
    return _insert("share_above_100", text, rng, clause, percent)


# -- a table whose total is wrong ------------------------------------------------------------
_PLACES = (
    "城关区",
    "开发区",
    "东城街道",
    "西城街道",
    "南山镇",
    "北湖乡",
    "河口镇",
    "高新区",
    "东湖乡",
    "临港新区",
    "青石镇",
    "白沙乡",
)
# (what is measured, unit, decimals written)
_MEASURES = (
    ("项目数", "个", 0),
    ("投资额", "万元", 0),
    ("面积", "万亩", 1),
    ("从业人数", "人", 0),
    ("资金", "亿元", 2),
    ("企业数", "家", 0),
    ("产量", "万吨", 1),
    ("里程", "公里", 1),
)
# a whole and its parts, for a table with a 合计 column: (what, unit, decimals, parts)
_SPLITS = (
    ("投资额", "万元", 0, ("中央资金", "省级资金", "市县资金")),
    ("从业人数", "人", 0, ("男", "女")),
    ("项目数", "个", 0, ("新建", "改扩建")),
    ("学校数", "所", 0, ("公办", "民办")),
    ("常住人口", "万人", 1, ("城镇", "农村")),
    ("获奖数", "项", 0, ("一等奖", "二等奖", "三等奖")),
)


def _cell(value: int, decimals: int, rng: random.Random) -> str:
    """``value`` (in units of the last digit) as a table writes it: 1,250 or 1250, 12.5, 3.05."""
    if decimals:
        return f"{value / 10**decimals:.{decimals}f}"
    return f"{value:,}" if value >= 1000 and rng.random() < 0.5 else str(value)


def _slipped(value: int, slack: int, rng: random.Random) -> int:
    """``value`` with a slip a writer makes (a digit changed or two swapped, an amount off),
    further from it than the rounding of the parts allows."""
    for _ in range(50):
        digits = list(str(value))
        way = rng.randrange(3)
        if way == 0 and len(digits) >= 2:
            index = rng.randrange(len(digits) - 1)
            digits[index], digits[index + 1] = digits[index + 1], digits[index]
        elif way == 1:
            index = rng.randrange(len(digits))
            digits[index] = rng.choice([d for d in "0123456789" if d != digits[index]])
        else:
            step = max(1, round(value * rng.uniform(0.02, 0.15)))
            digits = list(str(value + rng.choice((-1, 1)) * step))
        slipped = int("".join(digits))
        if slipped > 0 and not str(slipped).startswith("0") and abs(slipped - value) > slack:
            return slipped
    return value + slack + 1


def _table(rng: random.Random) -> tuple[list[list[str]], list[tuple[int, int, int, int, int]]]:
    """A table (rows of cell texts, the header first) whose totals add up, and the total
    cells that may be slipped: (row, column, value in units of its last digit, decimals,
    how many parts it adds)."""
    places = rng.sample(_PLACES, rng.randrange(3, 7))
    shape = rng.choice(("row", "column", "subtotals"))
    totals: list[tuple[int, int, int, int, int]] = []
    if shape == "column":
        measure, unit, decimals, split = rng.choice(_SPLITS)
        total = rng.choice(("合计", f"{measure}合计", "总计"))
        rows = [["地区", f"{total}（{unit}）", *(f"{name}（{unit}）" for name in split)]]
        for index, place in enumerate(places, start=1):
            parts = [rng.randrange(1, 900 * 10**decimals) for _ in split]
            rows.append([place, _cell(sum(parts), decimals, rng), *(_cell(v, decimals, rng) for v in parts)])
            totals.append((index, 1, sum(parts), decimals, len(parts)))
        return rows, totals
    measures = rng.sample(_MEASURES, rng.randrange(1, 4))
    rows = [["地区", *(f"{name}（{unit}）" for name, unit, _ in measures)]]
    groups = [places] if shape == "row" else [places[: len(places) // 2], places[len(places) // 2 :]]
    grand = [0] * len(measures)
    for group in groups:
        sums = [0] * len(measures)
        for place in group:
            values = [rng.randrange(1, 900 * 10**decimals) for _, _, decimals in measures]
            rows.append([place, *(_cell(v, d, rng) for v, (_, _, d) in zip(values, measures, strict=True))])
            sums = [a + b for a, b in zip(sums, values, strict=True)]
        if shape == "subtotals":
            rows.append(["小计", *(_cell(v, d, rng) for v, (_, _, d) in zip(sums, measures, strict=True))])
            totals.extend(
                (len(rows) - 1, column, v, d, len(group))
                for column, (v, (_, _, d)) in enumerate(zip(sums, measures, strict=True), start=1)
            )
        grand = [a + b for a, b in zip(grand, sums, strict=True)]
    rows.append(
        [
            "总计" if shape == "subtotals" else "合计",
            *(_cell(v, d, rng) for v, (_, _, d) in zip(grand, measures, strict=True)),
        ]
    )
    totals.extend(
        (len(rows) - 1, column, v, d, len(places))
        for column, (v, (_, _, d)) in enumerate(zip(grand, measures, strict=True), start=1)
    )
    return rows, totals


def _markdown_table(rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(rows[0]) + " |", "| --- |" + " ---: |" * (len(rows[0]) - 1)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows[1:]]


def _as_markdown(text: str) -> list[str]:
    """The document's lines as Markdown paragraphs (a blank line between each two), each
    escaped where Markdown would read it as markup."""
    lines = []
    for line in text.split("\n"):
        if line.strip():
            lines.extend([re.sub(r"^(\s*)([#>*+|-]|\d+[.)])", r"\1\\\2", line), ""])
    return lines


def _in_a_table(
    kind: str, text: str, rng: random.Random, rows: list[list[str]], row: int, column: int, wrong: str
) -> Injection | None:
    """The document as Markdown with the table ``rows`` after one of its paragraphs, and its
    cell (``row``, ``column``) written ``wrong``; the control holds the table as given."""
    paragraphs = _as_markdown(text)
    if len(paragraphs) < 4:
        return None
    written = rows[row][column]
    at = rng.randrange(2, len(paragraphs) - 1, 2)  # after a paragraph and its blank line
    document = [*paragraphs[:at], "表1　各地区情况统计表", "", *_markdown_table(rows), "", *paragraphs[at:]]
    control = "\n".join(document) + "\n"
    line_index = at + 2 + 2 + (row - 1)  # the caption and its blank line, the header and the rule
    rows = [list(cells) for cells in rows]
    rows[row][column] = wrong
    document[line_index] = _markdown_table(rows)[row + 1]
    cell_column = len("| " + " | ".join(rows[row][:column]) + " | ") + 1
    start = sum(len(line) + 1 for line in document[:line_index]) + cell_column - 1
    return Injection(
        kind,
        "\n".join(document) + "\n",
        start,
        start + len(wrong),
        written,
        wrong,
        suffix=".md",
        control=control,
        line=line_index + 1,
        column=cell_column,
    )


def table_total(text: str, rng: random.Random) -> Injection | None:
    """A table (Markdown) with a 合计/小计/总计 cell that is not the sum of its parts."""
    rows, totals = _table(rng)
    row, column, value, decimals, parts = rng.choice(totals)
    # written with decimals, each part and the total may be half a last digit off the true
    # value: a slip is a defect only beyond what that rounding allows
    slack = (parts + 1) // 2 if decimals else 0
    wrong = _cell(_slipped(value, slack, rng), decimals, rng)
    return _in_a_table("table_total", text, rng, rows, row, column, wrong)


def _percent(numerator: int, denominator: int) -> str:
    """numerator/denominator in %, half-up to one decimal, as exact arithmetic gives it."""
    tenths = (numerator * 1000 * 2 + denominator) // (denominator * 2)
    return f"{tenths // 10}.{tenths % 10}" if tenths >= 0 else f"-{-tenths // 10}.{-tenths % 10}"


def _slipped_percent(written: str, rng: random.Random) -> str:
    """A percentage one decimal long, slipped by at least 0.2 (beyond its rounding)."""
    tenths = round(float(written) * 10)
    for _ in range(50):
        slipped = _slipped(abs(tenths), 1, rng) * (1 if tenths >= 0 else -1) if tenths else rng.randrange(2, 50)
        if abs(slipped - tenths) >= 2:
            return f"{slipped / 10:.1f}"
    return f"{(tenths + 5) / 10:.1f}"


def table_share(text: str, rng: random.Random) -> Injection | None:
    """A table with a 占比（%） column in which one share is not its count over the total."""
    measure, unit, _ = rng.choice([m for m in _MEASURES if m[2] == 0])
    places = rng.sample(_PLACES, rng.randrange(3, 7))
    counts = [rng.randrange(5, 2000) for _ in places]
    total = sum(counts)
    rows = [["地区", f"{measure}（{unit}）", "占比（%）"]]
    rows += [[place, _cell(count, 0, rng), _percent(count, total)] for place, count in zip(places, counts, strict=True)]
    rows.append(["合计", _cell(total, 0, rng), "100.0"])
    row = rng.randrange(1, len(places) + 1)
    return _in_a_table("table_share", text, rng, rows, row, 2, _slipped_percent(rows[row][2], rng))


def table_growth(text: str, rng: random.Random) -> Injection | None:
    """A table of two years and their growth in %, one growth not what the two years give."""
    measure, unit, _ = rng.choice([m for m in _MEASURES if m[2] == 0])
    year = rng.randrange(2019, 2026)
    places = rng.sample(_PLACES, rng.randrange(3, 7))
    before = [rng.randrange(50, 3000) for _ in places]
    after = [max(1, round(value * rng.uniform(0.7, 1.4))) for value in before]
    rows = [["地区", f"{year}年{measure}（{unit}）", f"{year + 1}年{measure}（{unit}）", "增长（%）"]]
    rows += [
        [place, _cell(a, 0, rng), _cell(b, 0, rng), _percent(b - a, a)]
        for place, a, b in zip(places, before, after, strict=True)
    ]
    row = rng.randrange(1, len(places) + 1)
    return _in_a_table("table_growth", text, rng, rows, row, 3, _slipped_percent(rows[row][3], rng))


INJECTORS: dict[str, Callable[[str, random.Random], Injection | None]] = {
    "same_sound": same_sound,
    "shape": shape,
    "swap": swap,
    "dropped_name_character": dropped_name_character,
    "stray_space": stray_space,
    "known_usage": known_usage,
    "personal_id": personal_id,
    "mobile_number": mobile_number,
    "bank_card": bank_card,
    "superseded_citation": superseded_citation,
    "hao_for_ri": hao_for_ri,
    "petition_in_downward": petition_in_downward,
    "part_above_qualified_total": part_above_qualified_total,
    "share_above_100": share_above_100,
    "table_total": table_total,
    "table_share": table_share,
    "table_growth": table_growth,
}
