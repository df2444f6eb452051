"""Statistical typo detection (TY201-TY202), offline, from jieba's dictionary and pinyin.

A mistyped character is usually cut off from its neighbours: in 认真布署， neither
真布 nor 布署 nor 署， can be part of a word. The detector looks only at such
characters (found at C speed: the text's adjacent pairs are tested against the
lexicon's set of pair codes in one ``map`` and combined as bits) and at the pair each
makes with a neighbour that is not itself part of a word on its far side, and asks
whether the cut-off character replaced by another of the same reading and tone
(布 → 部, 洛 → 落), or the two characters swapped (度制 → 制度), gives a word of at
least ``CANDIDATE_MIN`` frequency. Only then is it reported, with the evidence: the
pair, the correction, its frequency in jieba's dictionary, the reading.

Precision comes first: a pair the document uses twice or more is its vocabulary,
not a slip; a pair with a character that is a common word on its own (的, 是, 新)
is two words; a quoted slogan, an item of a 、 list, a bracketed name or one before
a place word (复康路) is a name; words the dictionary lacks (赋能, 智造 …) are
accepted through the rule packs' ``accept`` lists; forms a rule pack already
reports are left to it.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from checker.core import patterns
from checker.model.document import Document
from checker.model.segmentation import Lexicon, lexicon
from checker.rules.checks.typos import pack_matches
from checker.rules.registry import Hit, rule
from checker.rules.rulepacks import matcher

_CUT_OFF = patterns.lazy(rb"\x04")  # a rare character whose pairs on both sides are no word


class Suspect(NamedTuple):
    start: int
    written: str
    correction: str
    frequency: int
    kind: str  # homophone / swap
    reading: str = ""


def suspicious_pairs(text: str, start: int, end: int, lex: Lexicon, most: float | None = None) -> dict[int, set[int]]:
    """Pairs of Chinese characters in [start, end) that form no word, with the side(s)
    whose character is cut off from its other neighbour too: {offset: {0, 1}}. Only
    a cut-off character is taken for a slip (in 认真洛实主体, 洛 stands alone while 实
    leans on 主体); both must be characters that are not common words on their own.
    With ``most``, a stretch where more than that share of the characters is cut
    off is not prose and yields nothing.

    Everything per character runs in C: one byte per character says whether the
    pair on its left and on its right can be part of a word, and whether the
    character is a Chinese one; a regular expression finds the bytes of cut-off
    Chinese characters, and only those few are looked at in Python.
    """
    found: dict[int, set[int]] = {}
    if end - start < 2:
        return found
    encoded = text[start:end].encode("utf-32-le")
    size = len(encoded) // 4
    # The pairs (0,1), (2,3) … are the 64-bit words of the UTF-32 bytes; (1,2), (3,4) …
    # those of the bytes shifted by one character. Each half is tested in one map.
    view = memoryview(encoded)
    evens, odds = view[: len(encoded) // 8 * 8].cast("Q"), view[4 : 4 + (len(encoded) - 4) // 8 * 8].cast("Q")
    known_here = lex.known_among(evens, odds).__contains__
    even, odd = bytes(map(known_here, evens)), bytes(map(known_here, odds))
    pairs = bytearray(size - 1)
    pairs[0::2] = even
    pairs[1::2] = odd
    # known[k] tells whether the pair (k-1, k) can be part of a word; the ends count as no word
    known = b"\x00" + bytes(pairs) + b"\x00"
    # One byte per character — bit 0: its left pair is known, bit 1: its right pair,
    # bit 2: it is a Chinese character (U+4E00–U+9FFF: the middle byte of its UTF-32
    # code is 0x4E–0x9F and the high one 0). Every byte above is 0 or 1, so the bits
    # are combined by shifting and or-ing the bytes as big integers, all in C.
    chinese = int.from_bytes(encoded[1::4].translate(_CJK_MIDDLE_BYTE), "big") & int.from_bytes(
        encoded[2::4].translate(_ZERO_BYTE), "big"
    )
    combined = int.from_bytes(known[:-1], "big") | int.from_bytes(known[1:], "big") << 1 | chinese << 2
    marks = combined.to_bytes(size, "big")
    # The Chinese characters cut off on both sides (about a tenth of a text), without
    # the common ones (的, 是 …), tested in C maps rather than one by one.
    common = lex.common_characters
    positions = [match.start() for match in _CUT_OFF.finditer(marks)]
    is_common = map(common.__contains__, map(text.__getitem__, map(start.__add__, positions)))
    cut_off = [k for k, skip in zip(positions, is_common, strict=True) if not skip]
    if most is not None and len(cut_off) > most * size:
        return found  # not prose the lexicon can judge (random characters, a list of codes)

    def rare(k: int) -> bool:
        return bool(marks[k] & 4) and text[start + k] not in common

    for k in cut_off:
        at = start + k
        # the partner must be rare too, and must not belong to a word on its far side
        # (化 of 深化 in 深化实施 is not the partner of a slip)
        if k >= 1 and rare(k - 1) and not (k >= 2 and lex.is_word(text[at - 2 : at])):
            found.setdefault(at - 1, set()).add(1)
        if k + 1 < size and rare(k + 1) and not (k + 2 < size and lex.is_word(text[at + 1 : at + 3])):
            found.setdefault(at, set()).add(0)
    return found


# Bits 8-15 of a code point between U+4E00 and U+9FFF, and bits 16-23 of any BMP one.
_CJK_MIDDLE_BYTE = bytes(1 if 0x4E <= value <= 0x9F else 0 for value in range(256))
_ZERO_BYTE = bytes(1 if value == 0 else 0 for value in range(256))


def suspects(doc: Document) -> list[Suspect]:
    lex = lexicon()
    if lex is None:
        return []
    text = doc.text
    accepted = matcher(doc.settings).accepted
    covered = {at for found in doc.view(pack_matches) for at in range(found.start, found.end)}
    candidates: list[tuple[int, str, set[int]]] = []
    for span_start, span_end in doc.body_spans:
        for at, sides in suspicious_pairs(text, span_start, span_end, lex, most=_MOST_CUT_OFF).items():
            pair = text[at : at + 2]
            if at in covered or at + 1 in covered:
                continue  # a known wrong form: the rule pack reports it (TY101 …)
            candidates.append((at, pair, sides))
    if not candidates:
        return []
    accepted_pairs = _accepted_pairs(accepted)
    corrected = []
    for at, pair, sides in candidates:
        if pair in accepted_pairs or _name_like(text, at):
            continue
        best = _correction(pair, sides, lex)
        if best is not None:
            corrected.append(Suspect(at, pair, *best))
    uses = _uses(text, doc.body_spans, {suspect.written for suspect in corrected})
    # a pair used twice or more is the document's own vocabulary (提质, 赋能 …), not a slip
    found = [suspect for suspect in corrected if uses[suspect.written] < 2]
    return found


_NAME_AFTER = frozenset("路街巷村镇乡县市区省州港站桥湖山河江园厂矿局委社")
_DELIMITERS = frozenset("、（）()〔〕[]【】/·")
_QUOTES = (("“", "”"), ("《", "》"), ("‘", "’"), ("「", "」"))
_MOST_CUT_OFF = 0.2  # prose has about 1 % of its characters cut off, 6 % at most in the corpus
_QUOTE_REACH = 120  # characters looked back for an open quote (slogans and titles are short)


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
    if "〔" in text[at + 2 : at + 5]:
        return True
    # an opening mark not closed before the pair, within the sentence-sized stretch before it
    floor = max(0, at - _QUOTE_REACH)
    line_start = max(text.rfind("\n", floor, at) + 1, floor)
    head = text[line_start:at]
    return any(head.count(open_) > head.count(close) for open_, close in _QUOTES)


_FEW_PAIRS = 64  # up to this many pairs are counted with str.count, more in one pass


def _uses(text: str, spans: list[tuple[int, int]], pairs: set[str]) -> Counter[str]:
    """How often each pair occurs in the spans: a few pairs with ``str.count`` (a C
    scan each), many by counting every adjacent pair once (hostile text)."""
    uses: Counter[str] = Counter()
    if len(pairs) <= _FEW_PAIRS:
        for pair in pairs:
            uses[pair] = sum(text.count(pair, start, end) for start, end in spans)
    else:
        for start, end in spans:
            uses.update(map(operator.add, text[start:end], text[start + 1 : end]))
    return uses


_ACCEPTED: dict[frozenset[str], frozenset[str]] = {}


def _accepted_pairs(accepted: frozenset[str]) -> frozenset[str]:
    """Every pair of adjacent characters inside an accepted word (盾构机 → 盾构, 构机)."""
    if accepted not in _ACCEPTED:
        _ACCEPTED[accepted] = frozenset(word[i : i + 2] for word in accepted for i in range(len(word) - 1))
    return _ACCEPTED[accepted]


def _correction(pair: str, sides: set[int], lex: Lexicon) -> tuple[str, int, str, str] | None:
    best: tuple[str, int, str, str] | None = None
    for position in sorted(sides):
        replaced, other = pair[position], pair[1 - position]
        reading = lex.syllables.get(replaced)
        if reading:
            for char, frequency in lex.homophones(other, position, reading):
                if char == replaced:
                    continue
                word = char + other if position == 0 else other + char
                if best is None or frequency > best[1]:
                    best = (word, frequency, "homophone", reading)
    swapped = pair[1] + pair[0]
    frequency = lex.frequency(swapped) if len(sides) == 2 else 0  # both characters cut off
    if frequency and (best is None or frequency > best[1]):
        best = (swapped, frequency, "swap", "")
    return best  # every candidate is a word of at least CANDIDATE_MIN


def _suspects(doc: Document) -> list[Suspect]:
    return doc.view(suspects)


@rule(
    "TY201",
    "likely-homophone-typo",
    category="typo",
    severity="warning",
    fix="unsafe",
    message="“{written}”不成词，疑为同音字误用，可能应为“{correction}”",
)
def likely_homophone_typo(doc: Document) -> Iterator[Hit]:
    """Two characters that form no word, where one same-sounding character gives a frequent word.

    What it checks:
        A rare character cut off from both neighbours (neither adjacent pair
        can be part of a word of jieba's dictionary), in a pair used once in
        the document, where the character replaced by another of the same
        reading and tone gives a two-character word of frequency at least
        1000. Quoted slogans, list items and names are left alone. The
        evidence names the pair, the correction, its frequency and the reading.
    Why it matters:
        Pinyin input makes same-sounding slips (布署 for 部署) that no word list
        can foresee; a spelling checker of fixed lists misses them.
    Example:
        认真布署，狠抓落实 → 部署 (bu, 词频 3333)
    Fix:
        Unsafe: the correction is the most frequent word of that sound, which
        the author must confirm.
    """
    return _hits(doc, "homophone")


@rule(
    "TY202",
    "likely-swapped-characters",
    category="typo",
    severity="warning",
    fix="unsafe",
    message="“{written}”不成词，疑为两字颠倒，可能应为“{correction}”",
)
def likely_swapped_characters(doc: Document) -> Iterator[Hit]:
    """Two characters that form no word, and form a frequent word when swapped.

    What it checks:
        Two rare characters, each cut off from its other neighbour, that form no
        word, where the two in the other order are a two-character word of
        frequency at least 1000.
    Why it matters:
        Typing two characters in the wrong order is the commonest slip after a
        wrong homophone, and a reader may not notice it.
    Example:
        完善度制建设 → 制度建设
    Fix:
        Unsafe: swap the two characters after checking the sentence.
    """
    return _hits(doc, "swap")


def _hits(doc: Document, kind: str) -> Iterator[Hit]:
    """The suspects of one kind (homophone, swap) as hits with an unsafe fix."""
    from checker.core.models import Fix

    for suspect in _suspects(doc):
        if suspect.kind != kind:
            continue
        evidence = {
            "written": suspect.written,
            "correction": suspect.correction,
            "correction_frequency": suspect.frequency,
        }
        if kind == "homophone":
            evidence["reading"] = suspect.reading
        evidence.update(written_in_dictionary=False, uses_in_document=1)
        yield Hit(
            suspect.start,
            suspect.start + 2,
            args={"written": suspect.written, "correction": suspect.correction, "frequency": suspect.frequency},
            suggestion=f"如确为笔误，改为“{suspect.correction}”",
            fix=Fix.at(start=suspect.start, end=suspect.start + 2, replacement=suspect.correction, safety="unsafe"),
            evidence=evidence,
        )
