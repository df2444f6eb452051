"""Suppression comments that suppress nothing (IN002).

The directives themselves are parsed by :mod:`checker.rules.suppressions`. This rule
reports a directive naming something that is no rule at all; the engine, which
alone knows which findings a directive silenced, reports through the same rule
the directives that silenced nothing although the rules they name ran.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.models import Fix
from checker.model.document import Document
from checker.rules.registry import Hit, rule
from checker.rules.suppressions import Directive, Selector, directives, known, stated_outside

MESSAGES = {
    "default": "抑制注释“{selector}”没有抑制任何提示，可以删除",
    "unknown": "抑制注释中的“{selector}”不是规则编号、前缀、类别或名称",
}
SUGGESTION = "删除这条抑制注释（或其中不再需要的规则编号）"
COMMENT_SUGGESTION = "在 Word 中删除这条 doccheck-disable 批注（或其中不再需要的规则编号）"


@rule("IN002", "unused-suppression", category="internal", severity="info", message=MESSAGES, fix="safe")
def unused_suppression(doc: Document) -> Iterator[Hit]:
    """A doccheck-disable comment that suppresses nothing.

    What it checks:
        Suppression comments (``<!-- doccheck-disable CODE -->`` … ``<!-- doccheck-enable -->``
        and ``<!-- doccheck-disable-next-line CODE -->``) that silenced no finding although the
        rules they name ran, and names in them that are not a rule code, prefix, category or name.
    Why it matters:
        A suppression outlives the problem it was written for: once the text is corrected it
        only hides the next, unrelated problem of the same kind in that place.
    Example:
        <!-- doccheck-disable-next-line TY101 --> above a line that no longer has the typo:
        IN002 抑制注释“TY101”没有抑制任何提示，可以删除
    Fix:
        Delete the comment, or the names in it that are no longer needed. Safe fix (for
        suppressions that silenced nothing): the name, or the whole comment — its line
        when it stands alone — is removed.
    """
    for directive in directives(doc.text) + stated_outside(doc.source.suppressions):
        for selector in directive.selectors:
            if not known(selector.text):
                yield Hit(
                    selector.start,
                    selector.end,
                    args={"selector": selector.text},
                    variant="unknown",
                    suggestion=SUGGESTION,
                    evidence={"directive": directive.kind},
                )


def unused_hits(text: str, unused: list[tuple[Directive, Selector | None]]) -> list[Hit]:
    """The IN002 hits for (directive, selector) pairs that silenced nothing, each with
    a safe fix: drop the name from the comment, or the comment when nothing in it is
    used (its whole line when it stands alone)."""
    by_directive: dict[int, list[tuple[Directive, Selector | None]]] = {}
    for directive, selector in unused:
        by_directive.setdefault(id(directive), []).append((directive, selector))
    hits = []
    for pairs in by_directive.values():
        directive = pairs[0][0]
        unused_names = {id(selector) for _, selector in pairs if selector is not None}
        whole = not directive.selectors or unused_names == {id(s) for s in directive.selectors}
        for _, selector in pairs:
            name = selector.text if selector is not None else f"doccheck-{directive.kind}"
            if not directive.in_text:  # a Word comment: reported on the paragraph, removed in Word
                hits.append(
                    Hit(
                        directive.region[0],
                        max(directive.region[1], directive.region[0] + 1),
                        args={"selector": name},
                        suggestion=COMMENT_SUGGESTION,
                        evidence={"directive": "word-comment", "rules": name if selector else "ALL"},
                    )
                )
                continue
            if whole or selector is None:  # (a directive without names is unused whole)
                start, end = _comment_span(text, directive)
            else:
                start, end = _name_span(text, directive, selector)
            fix = Fix.at(start=start, end=end, replacement="")
            at = (selector.start, selector.end) if selector is not None else (directive.start, directive.end)
            hits.append(
                Hit(
                    at[0],
                    at[1],
                    args={"selector": name},
                    suggestion=SUGGESTION,
                    fix=fix,
                    evidence={"directive": directive.kind, "rules": name if selector else "ALL"},
                )
            )
    return hits


def _comment_span(text: str, directive: Directive) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, directive.start) + 1
    line_end = text.find("\n", directive.end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start : directive.start].strip() and not text[directive.end : line_end].strip():
        return line_start, min(line_end + 1, len(text))  # the comment's own line
    return directive.start, directive.end


def _name_span(text: str, directive: Directive, selector: Selector) -> tuple[int, int]:
    """The name and the separator that joins it to its neighbour."""
    names = directive.selectors
    index = names.index(selector)
    if index + 1 < len(names):
        return selector.start, names[index + 1].start
    return names[index - 1].end, selector.end
