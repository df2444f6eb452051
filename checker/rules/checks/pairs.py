"""Paired punctuation (PN family): brackets, quotes and title marks that must close.

Pairs are matched within one paragraph, as GB/T 15834-2011 uses them in 公文:
（）()“”‘’《》〈〉【】〔〕. Full- and half-width round brackets are matched with
each other here; their mixing is a width question for another rule.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from checker.core import patterns
from checker.core.marks import LINE_END_MARKS, PAIRED_MARKS
from checker.model.document import Document
from checker.rules.registry import Hit, rule

OPENERS = PAIRED_MARKS
CLOSERS = {close: open_ for open_, close in OPENERS.items()}
# Round brackets of either width match each other.
_FAMILY = {"（": "(", "(": "(", "）": "(", ")": "(", "“": "“", "”": "“", "‘": "‘", "’": "‘",
           "《": "《", "》": "《", "〈": "〈", "〉": "〈", "【": "【", "】": "【", "〔": "〔", "〕": "〔"}
_MARKS = patterns.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")
# "1）…" "a)" "一）" at the start of a paragraph number a list item with only a closer.
_LIST_ITEM = patterns.compile(r"[0-9０-９a-zA-Z一二三四五六七八九十]{1,3}[)）]")


@cache
def _close_of(opener: str) -> str:
    return OPENERS[opener]


# A line this short that does not end as a sentence or clause ends (LINE_END_MARKS) was
# broken mid-sentence (a title split over lines, a wrapped Markdown paragraph): its pairs
# may close on the next line.
_BROKEN_LINE = 80
_LINE_END = tuple(LINE_END_MARKS)


def pairing_units(doc: Document) -> list[tuple[int, int, list[int]]]:
    """(start, end, starts of the lines in it) of each stretch within which marks pair."""
    units: list[tuple[int, int, list[int]]] = []
    previous_broken = False
    for paragraph in doc.body_paragraphs:
        if previous_broken and units:
            start, _, line_starts = units[-1]
            units[-1] = (start, paragraph.end, [*line_starts, paragraph.start])
        else:
            units.append((paragraph.start, paragraph.end, [paragraph.start]))
        previous_broken = len(paragraph.text) <= _BROKEN_LINE and not paragraph.text.endswith(_LINE_END)
    return units


# (kind, offset, facts): kind is unclosed, unmatched or crossed
PairProblem = tuple[str, int, dict[str, Any]]


def pair_problems(doc: Document) -> list[PairProblem]:
    """(kind, offset, facts) for every pairing problem, kind in unclosed/unmatched/crossed."""
    problems: list[PairProblem] = []
    text = doc.text
    for unit_start, unit_end, line_starts in pairing_units(doc):
        stack: list[tuple[str, int]] = []
        skips = set()
        for line_start in line_starts:
            item = _LIST_ITEM.match(text, line_start)
            if item:
                skips.add(item.end() - 1)
        for match in _MARKS.finditer(text, unit_start, unit_end):
            mark, at = match.group(), match.start()
            if mark in OPENERS:
                stack.append((mark, at))
                continue
            if at in skips:
                continue
            if mark == "’" and _between_latin(text, at):
                continue  # an apostrophe: China’s
            family = _FAMILY[mark]
            if stack and _FAMILY[stack[-1][0]] == family:
                stack.pop()
                continue
            depth = next((i for i in range(len(stack) - 1, -1, -1) if _FAMILY[stack[i][0]] == family), None)
            if depth is None:
                problems.append(("unmatched", at, {"close": mark, "expected_open": CLOSERS[mark]}))
                continue
            inner, inner_at = stack[-1]
            opener, opener_at = stack.pop(depth)
            problems.append(("crossed", at, {
                "open": opener, "open_offset": opener_at, "close": mark,
                "inner_open": inner, "inner_offset": inner_at, "inner_close": _close_of(inner),
            }))
        for opener, at in stack:
            problems.append(("unclosed", at, {"open": opener, "expected_close": _close_of(opener)}))
    return problems


def _between_latin(text: str, at: int) -> bool:
    return 0 < at < len(text) - 1 and text[at - 1].isascii() and text[at - 1].isalpha() and text[at + 1].isascii()


def _problems(doc: Document) -> list[PairProblem]:
    return doc.view(pair_problems)


@rule("PN101", "unclosed-pair", category="punctuation", severity="error",
      message="“{open}”在本段内没有对应的“{close}”")
def unclosed_pair(doc: Document) -> Iterator[Hit]:
    """An opening bracket, quote or title mark that is not closed in its paragraph.

    What it checks:
        Every （ ( “ ‘ 《 〈 【 〔 in a paragraph has its closing mark later in the
        same paragraph.
    Why it matters:
        An unclosed mark usually means text was cut or a stray key was pressed; a
        reader cannot tell where the aside or the title ends.
    Example:
        截止2015年11月(，全区规模以上工业企业…  — the “(” never closes.
    Fix:
        Add the closing mark where the aside ends, or delete the stray opener.
        No automatic fix: only the author knows where the aside ends.
    """
    for kind, at, facts in _problems(doc):
        if kind == "unclosed":
            line, _ = doc.position(at)
            yield Hit(at, at + 1, args={"open": facts["open"], "close": facts["expected_close"]},
                      suggestion=f"在适当位置补上“{facts['expected_close']}”，或删除多余的“{facts['open']}”",
                      evidence={"open": facts["open"], "expected_close": facts["expected_close"],
                                "paragraph_line": line})


@rule("PN102", "unmatched-closing-mark", category="punctuation", severity="error",
      message="“{close}”前面没有对应的“{open}”")
def unmatched_close(doc: Document) -> Iterator[Hit]:
    """A closing bracket, quote or title mark with no opening mark before it.

    What it checks:
        Every ） ) ” ’ 》 〉 】 〕 in a paragraph closes a mark opened earlier in
        the same paragraph. A list number such as “1）” at the start of a
        paragraph is not counted.
    Why it matters:
        A lone closing mark shows that the opening one was lost in editing.
    Example:
        发展目标)已经确定。  — no “(” before the “)”.
    Fix:
        Add the opening mark where the aside begins, or delete the stray closer.
    """
    for kind, at, facts in _problems(doc):
        if kind == "unmatched":
            yield Hit(at, at + 1, args={"close": facts["close"], "open": facts["expected_open"]},
                      suggestion=f"在适当位置补上“{facts['expected_open']}”，或删除多余的“{facts['close']}”",
                      evidence={"close": facts["close"], "expected_open": facts["expected_open"]})


@rule("PN103", "crossed-pairs", category="punctuation", severity="warning",
      message="“{close}”关闭了“{open}”，但其中的“{inner_open}”尚未关闭（配对交叉）")
def crossed_pairs(doc: Document) -> Iterator[Hit]:
    """Two pairs of marks that close in the wrong order.

    What it checks:
        Pairs nest: what opens last closes first. 《关于（试行）》 is right;
        《关于（试行》） is crossed.
    Why it matters:
        Crossed marks make the extent of a title or an aside ambiguous.
    Example:
        《广州市实施方案（2013-2015》）
    Fix:
        Swap the two closing marks so the inner pair closes first.
    """
    for kind, at, facts in _problems(doc):
        if kind == "crossed":
            inner_line, inner_col = doc.position(facts["inner_offset"])
            yield Hit(at, at + 1, args=facts,
                      suggestion=f"先用“{facts['inner_close']}”关闭“{facts['inner_open']}”，再用“{facts['close']}”",
                      evidence={"open": facts["open"], "close": facts["close"], "inner_open": facts["inner_open"],
                                "inner_open_at": {"line": inner_line, "column": inner_col}})
