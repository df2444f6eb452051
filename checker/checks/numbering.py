"""Heading numbering (ST family): gaps and repeats among sibling headings.

Reads the outline tree only. Siblings are the numbered headings of one level
under one parent (the document, an attached part, or a heading of a higher
level), so （一） restarting under a new 一、 is not a repeat.
"""
from __future__ import annotations

from typing import Iterator

from checker.outline import Node
from checker.registry import Hit, rule

CHECKED_LEVELS = (1, 2)
_CN = "零一二三四五六七八九十"


def numeral_like(style: str, number: int) -> str:
    """The marker for ``number`` in the form ``style``: （一） with 5 → （五）."""
    if "一" in style:
        return style.replace("一", chinese(number))
    return style.replace("1", str(number))


def chinese(number: int) -> str:
    if number < 10:
        return _CN[number]
    if number < 20:
        return "十" + (_CN[number % 10] if number % 10 else "")
    if number < 100:
        return _CN[number // 10] + "十" + (_CN[number % 10] if number % 10 else "")
    return str(number)


def sibling_runs(doc) -> list[list[Node]]:
    """Lists of sibling headings of one level, in document order."""
    runs = []
    for parent in doc.outline.walk():
        by_level: dict[int, list[Node]] = {}
        for child in parent.children:
            if child.kind == "heading" and child.level in CHECKED_LEVELS and child.number is not None:
                by_level.setdefault(child.level, []).append(child)
        runs.extend(by_level.values())
    return runs


def _pairs(doc) -> Iterator[tuple[Node, Node]]:
    for run in doc.view(sibling_runs):
        yield from zip(run, run[1:])


@rule("ST101", "numbering-gap", category="structure", severity="error",
      message="序号跳号：“{previous}”之后是“{current}”，缺少{missing}")
def numbering_gap(doc) -> Iterator[Hit]:
    """A heading number skips one or more values after its previous sibling.

    What it checks:
        Level-1 (一、) and level-2 (（一）) headings under one parent count up by
        one: （三） is followed by （四）, not （五）.
    Why it matters:
        A skipped number makes readers look for a missing part, and usually means
        a part was deleted or moved without renumbering.
    Example:
        （三）加快项目建设。… （五）完善服务体系。…
    Fix:
        Renumber the headings, or restore the missing part.
    """
    for previous, current in _pairs(doc):
        if current.number > previous.number + 1:
            missing = [numeral_like(current.style, n) for n in range(previous.number + 1, current.number)]
            prev_marker = doc.text[previous.marker_start:previous.marker_end]
            marker = doc.text[current.marker_start:current.marker_end]
            expected = numeral_like(current.style, previous.number + 1)
            prev_line, _ = doc.position(previous.start)
            yield Hit(current.marker_start, current.marker_end,
                      args={"previous": prev_marker, "current": marker, "missing": "、".join(missing[:5])},
                      suggestion=f"将“{marker}”改为“{expected}”并顺延后续序号，或补上缺少的部分",
                      evidence={"level": current.level, "previous": previous.number, "current": current.number,
                                "previous_line": prev_line, "missing": [previous.number + k + 1
                                                                        for k in range(len(missing))]})


@rule("ST102", "numbering-repeat", category="structure", severity="error",
      message="序号重复：“{current}”与上一个同级标题序号相同")
def numbering_repeat(doc) -> Iterator[Hit]:
    """A heading repeats the number of its previous sibling.

    What it checks:
        Two consecutive level-1 (一、) or level-2 (（一）) headings under one parent
        carry the same number.
    Why it matters:
        A repeated number is a renumbering slip; references such as “第（二）项”
        become ambiguous.
    Example:
        （二）加快项目建设。… （二）完善服务体系。…
    Fix:
        Renumber the second heading and those after it.
    """
    for previous, current in _pairs(doc):
        if current.number == previous.number:
            marker = doc.text[current.marker_start:current.marker_end]
            prev_line, _ = doc.position(previous.start)
            yield Hit(current.marker_start, current.marker_end, args={"current": marker},
                      suggestion=f"改为“{numeral_like(current.style, previous.number + 1)}”并顺延后续序号",
                      evidence={"level": current.level, "number": current.number, "previous_line": prev_line})
