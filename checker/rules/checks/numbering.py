"""Numbering (ST1xx): the sequence and the form of heading and enumeration numbers.

Reads the outline tree only. A *series* is the numbers that count on together:
the headings of one level under one parent (一、 / （一） / 1. / （1）, 第X章 and
第X节), the articles (第X条) of a whole document — they run on across chapters —
and the in-paragraph enumerations (一是…二是…, 第一，…第二，…) under one heading.
Within a series the rules look for gaps, repeats, steps backwards and restarts;
across a level they look for mixed forms and for forms GB/T 9704-2012 does not use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from checker.core.models import Fix
from checker.model.document import Document
from checker.model.numerals import to_chinese
from checker.model.outline import Node
from checker.rules.registry import Hit, rule

# Series where a restart at 1 under the same parent is suspicious; lists of 1. and
# （1） and enumerations restart at will (a new list under the same heading).
_STRICT_KINDS = ("level-1", "level-2", "chapter", "section", "article")
_LEVEL_NAME = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
# GB/T 9704-2012 §7.3.3: 一、 （一） 1. （1）
STANDARD_STYLE = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def numeral_like(style: str, number: int) -> str:
    """The marker for ``number`` in the form ``style``: （一） with 5 → （五）."""
    if "一" in style:
        return style.replace("一", to_chinese(number), 1)
    return style.replace("1", str(number), 1)


def _series_kind(node: Node) -> str | None:
    if node.kind == "enumeration":
        return f"enumeration-{node.style}"
    if node.kind != "heading" or node.number is None:
        return None
    if node.level:
        return f"level-{node.level}"
    return {"第一章": "chapter", "第一节": "section", "第一条": "article"}.get(node.style or "")


def _number(node: Node) -> int:
    """The value of a node of a numbering series (a series holds numbered nodes only)."""
    if node.number is None:
        raise ValueError(f"an unnumbered {node.kind} in a numbering series")
    return node.number


def _style(node: Node) -> str:
    """The numbering form of a node of a numbering series."""
    if node.style is None:
        raise ValueError(f"a {node.kind} without a numbering form in a numbering series")
    return node.style


def _scope(node: Node) -> Node:
    """The document or attached part a node belongs to."""
    while node.parent is not None and node.kind not in ("document", "part"):
        node = node.parent
    return node


def _enumeration_series(doc: Document) -> list[tuple[str, list[Node]]]:
    """Enumerations count on within a paragraph and into the paragraphs right after it
    (一是… in one paragraph, 二是… in the next); a paragraph without them ends the series."""
    series: list[tuple[str, list[Node]]] = []
    for owner in doc.outline.walk():
        if owner.kind not in ("document", "part", "heading"):
            continue
        holders = ([owner] if owner.kind == "heading" else []) + [c for c in owner.children if c.kind == "paragraph"]
        open_series: dict[str, list[Node]] = {}
        for holder in holders:
            enumerations = [c for c in holder.children if c.kind == "enumeration"]
            styles = {_style(e) for e in enumerations}
            for style in list(open_series):
                if style not in styles:
                    del open_series[style]
            for style in sorted(styles):
                nodes = [e for e in enumerations if _style(e) == style]
                current = open_series.get(style)
                if current is None or _number(nodes[0]) == 1:
                    current = []
                    series.append((f"enumeration-{style}", current))
                    open_series[style] = current
                current.extend(nodes)
    return series


def numbering_series(doc: Document) -> list[tuple[str, list[Node]]]:
    """(kind, numbered nodes in document order) of every series in the document."""
    return doc.view(_numbering_series)


def _numbering_series(doc: Document) -> list[tuple[str, list[Node]]]:
    groups: dict[tuple[int, str], list[Node]] = {}
    for node in doc.outline.walk():
        kind = _series_kind(node)
        if kind is None or kind.startswith("enumeration"):
            continue
        owner = _scope(node) if kind == "article" else node.parent
        groups.setdefault((id(owner), kind), []).append(node)
    series = [(kind, sorted(nodes, key=lambda n: n.start)) for (_, kind), nodes in groups.items()]
    series.extend(item for item in _enumeration_series(doc) if item[1])
    series.sort(key=lambda item: item[1][0].start)
    return series


def _nested_lists(nodes: list[Node]) -> list[list[Node]]:
    """A strict series as runs: the series itself, and the lists nested in it.

    Older reports number a list inside a section with the section's own form
    (二、今后的任务 … 一、发展农业 二、调整工业 … 三、下一节). A restart at the first
    number opens such a nested list only when the series later goes on from where
    it was before the restart (三、 after 二、) and the list has two items or more:
    that proves the restart was a list inside the section. A restart the series
    never comes back from, or a lone first number, stays in the series, where ST104
    judges it.
    """
    outer: list[Node] = []
    runs = [outer]
    pending: list[list[Node]] = []  # lists opened since the last node of the series, not yet proved nested
    for node in nodes:
        number = _number(node)
        inner = pending[-1] if pending else None
        if inner is not None and number == _number(inner[-1]) + 1:
            inner.append(node)
        elif outer and number == 1:
            pending.append([node])
        elif inner is not None and number == _number(outer[-1]) + 1:
            if all(len(nested) >= 2 for nested in pending):
                runs.extend(pending)  # the series went on: what was opened in between was nested lists
            else:
                outer.extend(node for nested in pending for node in nested)  # a lone 一、 is no list
            pending = []
            outer.append(node)
        elif inner is not None:
            inner.append(node)
        else:
            outer.append(node)
    for inner in pending:  # never came back: one series, as written
        outer.extend(inner)
    return runs


def _runs(doc: Document) -> Iterator[tuple[str, list[Node]]]:
    """Series cut where a loose list (1. （1） 一是) starts again at its first number, and
    strict series cut into the lists nested in them (:func:`_nested_lists`)."""
    for kind, nodes in numbering_series(doc):
        if kind in _STRICT_KINDS:
            yield from ((kind, nested) for nested in _nested_lists(nodes) if nested)
            continue
        run: list[Node] = []
        for node in nodes:
            # a loose list that starts again, or (in an enumeration) steps back: a new list
            number = _number(node)
            if run and (number == 1 or (kind.startswith("enumeration") and number < _number(run[-1]))):
                yield kind, run
                run = []
            run.append(node)
        if run:
            yield kind, run


def _pairs(doc: Document) -> Iterator[tuple[str, Node, Node]]:
    for kind, run in _runs(doc):
        for previous, current in pairwise(run):
            yield kind, previous, current


def _marker(doc: Document, node: Node) -> str:
    return doc.text[node.marker_start : node.marker_end]


def _heading_lines(doc: Document) -> set[int]:
    """Offsets of the starts of the lines that hold a numbered heading."""
    return {
        doc.line_starts[doc.position(node.start)[0] - 1]
        for node in doc.outline.walk()
        if node.kind == "heading" and node.number is not None
    }


_LEAD_IN = ("以下", "如下", "下列", "几点", "几条", "几项", "方面")


def _is_restart(doc: Document, kind: str, previous: Node, current: Node) -> bool:
    """A strict series back at 1, with no lead-in (……如下：, a short title) opening a new list."""
    if kind not in _STRICT_KINDS or _number(current) != 1 or _number(previous) <= 1:
        return False
    line = doc.position(current.start)[0]
    while line > 1:
        line -= 1
        before = doc.line_text(line).strip(" \t\u3000\xa0")
        if before:
            break
    else:
        return False
    if before.endswith(("：", ":")) or any(word in before for word in _LEAD_IN):
        return False
    if doc.line_starts[line - 1] in doc.view(_heading_lines):
        return True  # a numbered heading (第二章) is no title of a new list
    # a short line that ends no sentence is a title (of an embedded document or a list),
    # which opens the new list
    return len(before) > 40 or before.endswith(("。", "；", "！", "？"))


@rule(
    "ST101",
    "numbering-gap",
    category="structure",
    severity="error",
    message="序号跳号：“{previous}”之后是“{current}”，缺少{missing}",
)
def numbering_gap(doc: Document) -> Iterator[Hit]:
    """A number skips one or more values after the previous number of its series.

    What it checks:
        Headings of each level under one parent (一、 （一） 1. （1）, 第X章, 第X节),
        articles (第X条, counted across chapters) and enumerations (一是…二是…,
        第一，…第二，…) count up by one: （三） is followed by （四）, not （五）.
    Why it matters:
        A skipped number makes readers look for a missing part, and usually means
        a part was deleted or moved without renumbering.
    Example:
        （三）加快项目建设。… （五）完善服务体系。…
    Fix:
        Renumber, or restore the missing part.
    """
    for kind, previous, current in _pairs(doc):
        number, previous_number, style = _number(current), _number(previous), _style(current)
        if number > previous_number + 1:
            missing = [numeral_like(style, n) for n in range(previous_number + 1, number)]
            prev_marker = _marker(doc, previous)
            marker = _marker(doc, current)
            expected = numeral_like(style, previous_number + 1)
            prev_line, _ = doc.position(previous.start)
            shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
            yield Hit(
                current.marker_start,
                current.marker_end,
                args={"previous": prev_marker, "current": marker, "missing": shown},
                suggestion=f"将“{marker}”改为“{expected}”并顺延后续序号，或补上缺少的部分",
                evidence={
                    "series": kind,
                    "level": current.level,
                    "previous": previous_number,
                    "current": number,
                    "previous_line": prev_line,
                    "missing": list(range(previous_number + 1, number)),
                },
            )


@rule(
    "ST102",
    "numbering-repeat",
    category="structure",
    severity="error",
    message="序号重复：“{current}”与上一个同级序号相同",
)
def numbering_repeat(doc: Document) -> Iterator[Hit]:
    """A number repeats the previous number of its series.

    What it checks:
        Two consecutive numbers of one series (headings of a level under one
        parent, articles, enumerations) are the same.
    Why it matters:
        A repeated number is a renumbering slip; references such as “第（二）项”
        become ambiguous.
    Example:
        （二）加快项目建设。… （二）完善服务体系。…
    Fix:
        Renumber the second one and those after it.
    """
    for kind, previous, current in _pairs(doc):
        if _number(current) == _number(previous):
            marker = _marker(doc, current)
            prev_line, _ = doc.position(previous.start)
            yield Hit(
                current.marker_start,
                current.marker_end,
                args={"current": marker},
                suggestion=f"改为“{numeral_like(_style(current), _number(previous) + 1)}”并顺延后续序号",
                evidence={
                    "series": kind,
                    "level": current.level,
                    "number": _number(current),
                    "previous_line": prev_line,
                },
            )


@rule(
    "ST103",
    "numbering-backwards",
    category="structure",
    severity="error",
    message="序号倒序：“{current}”排在“{previous}”之后",
)
def numbering_backwards(doc: Document) -> Iterator[Hit]:
    """A number is smaller than the previous number of its series (not a restart at 1).

    What it checks:
        Within one series, a number goes down by one or more without starting
        again at the first number: （四） after （五）, 三是 after 四是.
    Why it matters:
        Parts moved around without renumbering; cross-references no longer point
        to the right place.
    Example:
        （三）…（五）…（四）…
    Fix:
        Put the parts back in order or renumber them.
    """
    for kind, previous, current in _pairs(doc):
        if 1 < _number(current) < _number(previous):
            prev_line, _ = doc.position(previous.start)
            yield Hit(
                current.marker_start,
                current.marker_end,
                args={"current": _marker(doc, current), "previous": _marker(doc, previous)},
                suggestion=f"按顺序编号：应为“{numeral_like(_style(current), _number(previous) + 1)}”，或调整段落顺序",
                evidence={
                    "series": kind,
                    "previous": _number(previous),
                    "current": _number(current),
                    "previous_line": prev_line,
                },
            )


@rule(
    "ST104",
    "numbering-restart",
    category="structure",
    severity="warning",
    message="序号重新从“{current}”开始，但仍在同一上级之下（上一个是“{previous}”）",
)
def numbering_restart(doc: Document) -> Iterator[Hit]:
    """A heading series starts again at its first number under the same parent.

    What it checks:
        一、 （一） 第X章 第X节 第X条 headings: a series that returns to its first
        number without a new parent heading (a new 一、 for （一）) and without a new
        part of the document (an attachment after a signature). Lists of 1. and
        （1） and enumerations may restart freely.
    Why it matters:
        A restart inside one parent means a level was skipped (the parent heading
        is missing) or two drafts were pasted together.
    Example:
        一、总体要求 （一）… （二）… （一）…
    Fix:
        Add the missing parent heading or continue the numbering.
    """
    for kind, previous, current in _pairs(doc):
        if _is_restart(doc, kind, previous, current):
            yield Hit(
                current.marker_start,
                current.marker_end,
                args={"current": _marker(doc, current), "previous": _marker(doc, previous)},
                suggestion="续编序号，或补上缺少的上级标题",
                evidence={
                    "series": kind,
                    "previous": _number(previous),
                    "previous_line": doc.position(previous.start)[0],
                },
            )


@rule(
    "ST105",
    "heading-level-skipped",
    category="structure",
    severity="warning",
    message="层级跳越：{child}“{marker}”直接用在{parent}“{parent_marker}”之下",
)
def heading_level_skipped(doc: Document) -> Iterator[Hit]:
    """A fourth-level heading (（1）) sits directly under a first-level heading (一、).

    What it checks:
        The numbered heading levels of GB/T 9704-2012 go 一、 → （一） → 1. → （1）.
        A （1） directly under 一、 skips two levels. (（一） directly under the title
        is allowed, as is a level skipped by one, which many documents do.)
    Why it matters:
        A skipped level usually means an intermediate heading was deleted, or the
        numbering form was picked by mistake.
    Example:
        一、工作任务 （1）加强领导。
    Fix:
        Use the level below the parent (（一）), or restore the missing headings.
    """
    reported: set[int] = set()
    for node in doc.outline.walk():
        parent = node.parent
        if (
            node.kind != "heading"
            or not node.level
            or parent is None
            or parent.kind != "heading"
            or not parent.level
            or node.level - parent.level < 3
            or id(parent) in reported
        ):
            continue
        reported.add(id(parent))  # once per parent: the first heading that skips
        yield Hit(
            node.marker_start,
            node.marker_end,
            args={
                "child": _LEVEL_NAME[node.level],
                "marker": _marker(doc, node),
                "parent": _LEVEL_NAME[parent.level],
                "parent_marker": _marker(doc, parent),
            },
            suggestion=f"改用{_LEVEL_NAME[parent.level + 1]}（{STANDARD_STYLE[parent.level + 1]}）",
            evidence={"level": node.level, "parent_level": parent.level, "parent_line": doc.position(parent.start)[0]},
        )


def _standard_replacement(style: str, level: int, styles_used: set[str]) -> str | None:
    """The GB/T 9704 form for a non-standard ``style``, when the rule is sure of it."""
    if level == 1 and style in ("一.", "一．"):
        return "一、"
    if level == 2 and style.endswith("、"):
        return style[:-1]
    if level == 3 and style in ("1、", "1．") and "1." in styles_used:
        return "1."
    return None


def _level_headings(doc: Document) -> list[tuple[int, list[Node]]]:
    return doc.view(level_headings)


def level_headings(doc: Document) -> list[tuple[int, list[Node]]]:
    """(level, numbered headings) for each level of the main text and of each attached
    document separately: an attachment may come from another hand. (Found once per
    document for the two rules that read it; read only: the view is shared.)"""
    found: dict[tuple[int, int], list[Node]] = {}
    for node in doc.outline.walk():
        if node.kind == "heading" and node.level and node.number is not None:
            found.setdefault((id(_scope(node)), node.level), []).append(node)
    return [(level, nodes) for (_, level), nodes in found.items()]


def _fix_marker(node: Node, style: str) -> Fix:
    return Fix.at(
        start=node.marker_start, end=node.marker_end, replacement=numeral_like(style, _number(node)), safety="safe"
    )


@rule(
    "ST106",
    "numbering-form-mixed",
    category="structure",
    severity="warning",
    fix="safe",
    message="同级序号形式不统一：“{marker}”，本文同级多用“{usual}”",
)
def numbering_form_mixed(doc: Document) -> Iterator[Hit]:
    """One heading level is numbered in two forms.

    What it checks:
        All headings of one level in the document use one form: not 1. beside 1、,
        not （一） beside (一) or （一). The form used less often is reported (forms
        ST107 reports as non-standard are left to it).
    Why it matters:
        Mixed forms look careless and make the level of a heading uncertain.
    Example:
        （一）加强领导。… (二)完善制度。
    Fix:
        Safe: write the marker in the form the document uses most.
    """
    for level, nodes in _level_headings(doc):
        used = {_style(node) for node in nodes}
        effective = Counter(_standard_replacement(_style(node), level, used) or _style(node) for node in nodes)
        if len(effective) < 2:
            continue
        usual, _ = max(effective.items(), key=lambda item: (item[1], item[0] == STANDARD_STYLE[level]))
        for node in nodes:
            if _standard_replacement(_style(node), level, used) or _style(node) == usual:
                continue
            yield Hit(
                node.marker_start,
                node.marker_end,
                args={"marker": _marker(doc, node), "usual": usual},
                suggestion=f"改为“{numeral_like(usual, _number(node))}”",
                fix=_fix_marker(node, usual),
                evidence={"level": level, "forms": dict(effective)},
            )


@rule(
    "ST107",
    "numbering-form-nonstandard",
    category="structure",
    severity="info",
    fix="safe",
    message="序号形式不规范：“{marker}”，GB/T 9704—2012用“{standard}”",
)
def numbering_form_nonstandard(doc: Document) -> Iterator[Hit]:
    """A heading number is written in a form GB/T 9704-2012 does not use.

    What it checks:
        一. or 一． for 一、; （一）、 with a 、 after the bracket; 1、 or 1． where the
        document otherwise numbers that level 1.
    Why it matters:
        GB/T 9704-2012 §7.3.3 fixes the forms 一、 （一） 1. （1）; a uniform form
        is what readers of 公文 expect.
    Example:
        一.总体要求    （一）、工作目标
    Fix:
        Safe: rewrite the marker in the standard form.
    """
    for level, nodes in _level_headings(doc):
        used = {_style(node) for node in nodes}
        for node in nodes:
            standard = _standard_replacement(_style(node), level, used)
            if standard is None:
                continue
            yield Hit(
                node.marker_start,
                node.marker_end,
                args={"marker": _marker(doc, node), "standard": numeral_like(standard, _number(node))},
                suggestion=f"改为“{numeral_like(standard, _number(node))}”",
                fix=_fix_marker(node, standard),
                evidence={"level": level, "form": _style(node)},
            )
