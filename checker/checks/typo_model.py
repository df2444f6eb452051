"""Statistical typo detection (TY201-TY202), offline, from jieba's dictionary and pinyin.

A mistyped character usually leaves two characters that belong to no word: in
认真布署， neither 真布 nor 布署 nor 署， can be part of a word, so 布 and 署 stand
alone. The detector looks only at such spans — two adjacent characters, each cut
off from its neighbours (found at C speed: the text's adjacent pairs are tested
against the lexicon's set of pair codes in one ``map``) — and asks whether one
character replaced by another of the same reading (布 → 部), or the two swapped,
gives a frequent word. Only then is it reported, with the evidence: the pair, the
correction, its frequency in the dictionary, the reading.

Precision comes first: a pair the document uses twice or more is its vocabulary,
not a slip; a pair with a character that is a common word on its own (的, 是, 新)
is two words; words the dictionary lacks are accepted through the rule packs'
``accept`` lists; and the correction must be at least ``CANDIDATE_MIN`` frequent.
"""
from __future__ import annotations

import array
import operator
import re
from dataclasses import dataclass
from itertools import repeat
from typing import Iterator, Optional

from checker.checks.typos import pack_matches
from checker.registry import Hit, rule
from checker.rulepacks import matcher
from checker.segmentation import Lexicon, lexicon

COMMON_SINGLE = 20000  # a character this frequent as a word of its own may stand alone
CLEARLY_MORE = 1000  # the correction's frequency must be this many times the pair's (+1)
_ISOLATED = re.compile(rb"(?=\x00\x00)")
_HAN = re.compile(r"[\u4e00-\u9fff]{2}")


@dataclass(frozen=True)
class Suspect:
    start: int
    written: str
    correction: str
    frequency: int
    kind: str  # homophone / swap
    reading: str = ""


def suspicious_pairs(text: str, start: int, end: int, lex: Lexicon) -> dict[int, set[int]]:
    """Pairs of Chinese characters in [start, end) that form no word, with the side(s)
    whose character is cut off from its other neighbour too: {offset: {0, 1}}. Only
    a cut-off character is taken for a slip (in 认真洛实主体, 洛 stands alone while 实
    leans on 主体); the pair itself and the other character may be anything."""
    found: dict[int, set[int]] = {}
    if end - start < 2:
        return found
    codes = array.array("I")
    codes.frombytes(text[start:end].encode("utf-32-le"))
    pairs = map(operator.or_, map(operator.lshift, codes, repeat(21)), codes[1:])
    # flags[k] tells whether the pair (k-1, k) can be part of a word; the two ends
    # count as “no word”, so flags has one more entry than there are characters
    flags = b"\x00" + bytes(map(lex.known.__contains__, pairs)) + b"\x00"
    for match in _ISOLATED.finditer(flags):
        k = match.start()  # the character k is cut off on both sides
        at = start + k
        # the other character must not belong to a word of its own on its far side
        # (化 of 深化 in 深化实施 is not the partner of a slip)
        if at - 1 >= start and _HAN.fullmatch(text, at - 1, at + 1) \
                and not (at - 2 >= start and lex.is_word(text[at - 2:at])):
            found.setdefault(at - 1, set()).add(1)
        if at + 2 <= end and _HAN.fullmatch(text, at, at + 2) \
                and not (at + 3 <= end and lex.is_word(text[at + 1:at + 3])):
            found.setdefault(at, set()).add(0)
    return found


def suspects(doc) -> list[Suspect]:
    lex = lexicon()
    if lex is None:
        return []
    text = doc.text
    accepted = matcher(doc.settings).accepted
    covered = {at for found in doc.view(pack_matches) for at in range(found.start, found.end)}
    candidates: list[tuple[int, str, set[int]]] = []
    for span_start, span_end in doc.body_spans:
        for at, sides in suspicious_pairs(text, span_start, span_end, lex).items():
            pair = text[at:at + 2]
            if lex.singles.get(pair[0], 0) >= COMMON_SINGLE or lex.singles.get(pair[1], 0) >= COMMON_SINGLE:
                continue
            if at in covered or at + 1 in covered:
                continue  # a known wrong form: the rule pack reports it (TY101 …)
            candidates.append((at, pair, sides))
    if not candidates:
        return []
    found = []
    for at, pair, sides in candidates:
        if pair in accepted or any(pair in word for word in _accepted_near(text, at, accepted)):
            continue
        if text.count(pair) >= 2:
            continue  # the document's own vocabulary (提质, 赋能 …), not a slip
        if _name_like(text, at):
            continue
        best = _correction(pair, sides, lex)
        if best is not None:
            found.append(Suspect(at, pair, *best))
    return found


_NAME_AFTER = frozenset("路街巷村镇乡县市区省州港站桥湖山河江园厂矿局委社")
_DELIMITERS = frozenset("、（）()〔〕[]【】/·")
_QUOTES = (("“", "”"), ("《", "》"), ("‘", "’"), ("「", "」"))


def _name_like(text: str, at: int) -> bool:
    """Is the pair a name, an abbreviation or a slogan rather than running text?
    Quoted (“理响重庆”, 《…》), an item of a 、 list or bracketed (城投、津融等),
    standing between punctuation (a person's name in a list of members), before
    the 〔 of a document number (公部请〔2004〕), or before a place word (复康路)."""
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + 2] if at + 2 < len(text) else "\n"
    if before in _DELIMITERS or after in _DELIMITERS or after in _NAME_AFTER:
        return True
    if not ("\u4e00" <= before <= "\u9fff" or "\u4e00" <= after <= "\u9fff"):
        return True
    if "〔" in text[at + 2:at + 5]:
        return True
    line_start = text.rfind("\n", 0, at) + 1
    head = text[line_start:at]
    return any(head.count(open_) > head.count(close) for open_, close in _QUOTES)


def _accepted_near(text: str, at: int, accepted: frozenset) -> list[str]:
    """Accepted words that cover the pair at ``at`` (words of up to six characters)."""
    if not accepted:
        return []
    window = text[max(0, at - 4):at + 6]
    return [word for word in accepted if len(word) > 2 and word in window]


def _correction(pair: str, sides: set[int], lex: Lexicon) -> Optional[tuple[str, int, str, str]]:
    best: Optional[tuple[str, int, str, str]] = None
    for position in sorted(sides):
        replaced, other = pair[position], pair[1 - position]
        for reading in lex.syllables.get(replaced, ()):
            for char, frequency in lex.homophones.get((other, position, reading), ()):
                if char == replaced:
                    continue
                word = char + other if position == 0 else other + char
                if best is None or frequency > best[1]:
                    best = (word, frequency, "homophone", reading)
    swapped = pair[1] + pair[0]
    frequency = lex.frequency(swapped) if len(sides) == 2 else 0  # both characters cut off
    if frequency and (best is None or frequency > best[1]):
        best = (swapped, frequency, "swap", "")
    if best is None or best[1] < CLEARLY_MORE:
        return None
    return best


def _suspects(doc) -> list[Suspect]:
    return doc.view(suspects)


@rule("TY201", "likely-homophone-typo", category="typo", severity="warning", fix="unsafe",
      message="“{written}”不成词，疑为同音字误用，可能应为“{correction}”（词频{frequency}）")
def likely_homophone_typo(doc) -> Iterator[Hit]:
    """Two characters that form no word, where one same-sounding character gives a frequent word.

    What it checks:
        Spans of two characters each cut off from its neighbours (no adjacent
        pair can be part of a dictionary word), used once in the document,
        where replacing one character by another of the same reading gives a
        two-character word of jieba's dictionary with frequency of at least
        1000. The evidence names the pair, the correction, its frequency and
        the reading.
    Why it matters:
        Pinyin input makes same-sounding slips (布署 for 部署) that no word list
        can foresee; a spelling checker of fixed lists misses them.
    Example:
        认真布署，狠抓落实 → 部署 (bu, 词频 3333)
    Fix:
        Unsafe: the correction is the most frequent word of that sound, which
        the author must confirm.
    """
    from checker.models import Fix

    for suspect in _suspects(doc):
        if suspect.kind != "homophone":
            continue
        yield Hit(suspect.start, suspect.start + 2,
                  args={"written": suspect.written, "correction": suspect.correction,
                        "frequency": suspect.frequency},
                  suggestion=f"如确为笔误，改为“{suspect.correction}”",
                  fix=Fix(start=suspect.start, end=suspect.start + 2, replacement=suspect.correction,
                          safety="unsafe"),
                  evidence={"written": suspect.written, "correction": suspect.correction,
                            "correction_frequency": suspect.frequency, "reading": suspect.reading,
                            "written_in_dictionary": False, "uses_in_document": 1})


@rule("TY202", "likely-swapped-characters", category="typo", severity="warning", fix="unsafe",
      message="“{written}”不成词，疑为两字颠倒，可能应为“{correction}”（词频{frequency}）")
def likely_swapped_characters(doc) -> Iterator[Hit]:
    """Two characters that form no word, and form a frequent word when swapped.

    What it checks:
        The same isolated spans as TY201, where the two characters in the
        other order are a two-character word of frequency at least 1000.
    Why it matters:
        Typing two characters in the wrong order is the commonest slip after a
        wrong homophone, and a reader may not notice it.
    Example:
        加强管理监督，完善制体机制 → 体制
    Fix:
        Unsafe: swap the two characters after checking the sentence.
    """
    from checker.models import Fix

    for suspect in _suspects(doc):
        if suspect.kind != "swap":
            continue
        yield Hit(suspect.start, suspect.start + 2,
                  args={"written": suspect.written, "correction": suspect.correction,
                        "frequency": suspect.frequency},
                  suggestion=f"如确为笔误，改为“{suspect.correction}”",
                  fix=Fix(start=suspect.start, end=suspect.start + 2, replacement=suspect.correction,
                          safety="unsafe"),
                  evidence={"written": suspect.written, "correction": suspect.correction,
                            "correction_frequency": suspect.frequency, "written_in_dictionary": False,
                            "uses_in_document": 1})
