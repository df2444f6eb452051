"""Suppression comments that suppress nothing (IN002).

The directives themselves are parsed by :mod:`checker.suppressions`. This rule
reports a directive naming something that is no rule at all; the engine, which
alone knows which findings a directive silenced, reports through the same rule
the directives that silenced nothing although the rules they name ran.
"""
from __future__ import annotations

from typing import Iterator

from checker.registry import Hit, rule
from checker.suppressions import directives, known

MESSAGES = {
    "default": "抑制注释“{selector}”没有抑制任何提示，可以删除",
    "unknown": "抑制注释中的“{selector}”不是规则编号、前缀、类别或名称",
}
SUGGESTION = "删除这条抑制注释（或其中不再需要的规则编号）"


@rule("IN002", "unused-suppression", category="internal", severity="info", message=MESSAGES)
def unused_suppression(doc) -> Iterator[Hit]:
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
        Delete the comment, or the names in it that are no longer needed.
    """
    for directive in directives(doc.text):
        for selector in directive.selectors:
            if not known(selector.text):
                yield Hit(selector.start, selector.end, args={"selector": selector.text}, variant="unknown",
                          suggestion=SUGGESTION, evidence={"directive": directive.kind})


def unused_hit(directive, selector) -> Hit:
    """The IN002 hit for a directive (or one name in it) that silenced nothing."""
    if selector is None:
        return Hit(directive.start, directive.end, args={"selector": f"doccheck-{directive.kind}"},
                   suggestion=SUGGESTION, evidence={"directive": directive.kind, "rules": "ALL"})
    return Hit(selector.start, selector.end, args={"selector": selector.text}, suggestion=SUGGESTION,
               evidence={"directive": directive.kind, "rules": selector.text})
