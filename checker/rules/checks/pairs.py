"""Paired punctuation (PN family): brackets, quotes and title marks that must close.

Reads the paired-marks view (:mod:`checker.model.pairs`): pairs are matched within one
paragraph, as GB/T 15834-2011 uses them in 公文: （）()“”‘’《》〈〉【】〔〕.
"""
from __future__ import annotations

from collections.abc import Iterator

from checker.core.marks import PAIRED_MARKS
from checker.model.document import Document
from checker.model.pairs import paired_marks
from checker.rules.registry import Hit, rule


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
    for unclosed in paired_marks(doc).unclosed:
        at, mark, close = unclosed.offset, unclosed.mark, unclosed.expected
        line, _ = doc.position(at)
        yield Hit(at, at + 1, args={"open": mark, "close": close},
                  suggestion=f"在适当位置补上“{close}”，或删除多余的“{mark}”",
                  evidence={"open": mark, "expected_close": close, "paragraph_line": line})


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
    for unmatched in paired_marks(doc).unmatched:
        at, mark, opener = unmatched.offset, unmatched.mark, unmatched.expected
        yield Hit(at, at + 1, args={"close": mark, "open": opener},
                  suggestion=f"在适当位置补上“{opener}”，或删除多余的“{mark}”",
                  evidence={"close": mark, "expected_open": opener})


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
    text = doc.text
    for crossed in paired_marks(doc).crossed:
        at, opener, inner = crossed.offset, text[crossed.opening], text[crossed.inner]
        inner_close = PAIRED_MARKS[inner]
        inner_line, inner_col = doc.position(crossed.inner)
        facts = {"open": opener, "open_offset": crossed.opening, "close": crossed.mark, "inner_open": inner,
                 "inner_offset": crossed.inner, "inner_close": inner_close}
        yield Hit(at, at + 1, args=facts,
                  suggestion=f"先用“{inner_close}”关闭“{inner}”，再用“{crossed.mark}”",
                  evidence={"open": opener, "close": crossed.mark, "inner_open": inner,
                            "inner_open_at": {"line": inner_line, "column": inner_col}})
