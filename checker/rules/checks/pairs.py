"""Paired punctuation (PN family): brackets, quotes and title marks that must close.

Reads the paired-marks view (:mod:`checker.model.pairs`): pairs are matched within one
paragraph, as GB/T 15834-2011 uses them in 公文: （）()“”‘’《》〈〉【】〔〕.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from checker.core.marks import PAIRED_MARKS
from checker.core.models import Fix
from checker.model.document import Document
from checker.model.pairs import OPENER_OF, Unmatched, paired_marks, pairing_units
from checker.rules.registry import Hit, rule


@rule("PN101", "unclosed-pair", category="punctuation", severity="error", message="“{open}”在本段内没有对应的“{close}”")
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
    for unclosed in paired_marks(doc).unclosed:
        at, mark, close = unclosed.offset, unclosed.mark, unclosed.expected
        line, _ = doc.position(at)
        yield Hit(
            at,
            at + 1,
            args={"open": mark, "close": close},
            suggestion=f"在适当位置补上“{close}”，或删除多余的“{mark}”",
            evidence={"open": mark, "expected_close": close, "paragraph_line": line},
        )


_QUOTE_NAMES = {"”": ("右引号", "左引号"), "’": ("右单引号", "左单引号")}


@rule(
    "PN102",
    "unmatched-closing-mark",
    category="punctuation",
    severity="error",
    fix="safe",
    message={
        "default": "“{close}”前面没有对应的“{open}”",
        "quote": "{close_name}（{close}）前面没有对应的{open_name}（{open}）",
        "turn": "{close_name}（{close}）前面没有{open_name}，此处应为{open_name}（{open}）",
    },
)
def unmatched_close(doc: Document) -> Iterator[Hit]:
    """A closing bracket, quote or title mark with no opening mark before it.

    What it checks:
        Every ） ) ” ’ 》 〉 】 〕 in a paragraph closes a mark opened earlier in
        the same paragraph. A list number such as “1）” at the start of a
        paragraph is not counted.
    Why it matters:
        A lone closing mark shows that the opening one was lost in editing, or
        that the opening quotation mark was typed the wrong way round.
    Example:
        发展目标)已经确定。  — no “(” before the “)”.
        坚持”两手抓”的方针 → 坚持“两手抓”的方针
    Fix:
        A right quotation mark followed, with no other quotation mark between,
        by another unmatched one is an opening mark typed the wrong way round:
        safe, turn it into the left mark (the pair then closes, and the second
        is not reported). Otherwise add the opening mark where the aside begins,
        or delete the stray closer.
    """
    unmatched = paired_marks(doc).unmatched
    turned = _quotes_typed_the_wrong_way(doc, unmatched)
    closing_turned = set(turned.values())
    for mark in unmatched:
        at, close, opener = mark.offset, mark.mark, mark.expected
        evidence = {"close": close, "expected_open": opener}
        if at in closing_turned:
            continue  # the closer of a quotation whose opener is reported as turned
        if close not in _QUOTE_NAMES:
            yield Hit(
                at,
                at + 1,
                args={"close": close, "open": opener},
                suggestion=f"在适当位置补上“{opener}”，或删除多余的“{close}”",
                evidence=evidence,
            )
            continue
        close_name, open_name = _QUOTE_NAMES[close]
        args = {"close": close, "open": opener, "close_name": close_name, "open_name": open_name}
        if at in turned:
            yield Hit(
                at,
                at + 1,
                args=args,
                variant="turn",
                suggestion=f"把这个{close_name}（{close}）改为{open_name}（{opener}）",
                fix=Fix.at(start=at, end=at + 1, replacement=opener),
                evidence=evidence | {"pairs_with": turned[at]},
            )
        else:
            yield Hit(
                at,
                at + 1,
                args=args,
                variant="quote",
                suggestion=f"引文从这里开始时改为{open_name}（{opener}），否则在引文开头补上"
                f"{open_name}，或删去这个{close_name}",
                evidence=evidence,
            )


def _quotes_typed_the_wrong_way(doc: Document, unmatched: list[Unmatched]) -> dict[int, int]:
    """{offset of an unmatched right quotation mark: offset of the unmatched one it pairs with
    once turned}: the next quotation mark of its kind in its pairing unit is a right one
    that is unmatched too (”两手抓” for “两手抓”)."""
    text = doc.text
    lone = {mark.offset for mark in unmatched if mark.mark in _QUOTE_NAMES}
    units = pairing_units(doc)
    starts = [unit.start for unit in units]
    turned: dict[int, int] = {}
    for at in sorted(lone):
        if at in turned.values():
            continue
        unit = units[bisect.bisect_right(starts, at) - 1]
        close = text[at]
        opener = OPENER_OF[close]
        following = text.find(close, at + 1, unit.end)
        if following in lone and text.find(opener, at + 1, following) < 0:
            turned[at] = following
    return turned


@rule(
    "PN103",
    "crossed-pairs",
    category="punctuation",
    severity="warning",
    message="“{close}”关闭了“{open}”，但其中的“{inner_open}”尚未关闭（配对交叉）",
)
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
    text = doc.text
    for crossed in paired_marks(doc).crossed:
        at, opener, inner = crossed.offset, text[crossed.opening], text[crossed.inner]
        inner_close = PAIRED_MARKS[inner]
        inner_line, inner_col = doc.position(crossed.inner)
        facts = {
            "open": opener,
            "open_offset": crossed.opening,
            "close": crossed.mark,
            "inner_open": inner,
            "inner_offset": crossed.inner,
            "inner_close": inner_close,
        }
        yield Hit(
            at,
            at + 1,
            args=facts,
            suggestion=f"先用“{inner_close}”关闭“{inner}”，再用“{crossed.mark}”",
            evidence={
                "open": opener,
                "close": crossed.mark,
                "inner_open": inner,
                "inner_open_at": {"line": inner_line, "column": inner_col},
            },
        )
