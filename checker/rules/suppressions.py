"""Suppression comments written in a document, and the findings they silence.

Markdown (and any text) may carry HTML comments that switch rules off::

    <!-- doccheck-disable TY101, PN -->   … from here …
    <!-- doccheck-enable -->              … to here (or to the end of the file)
    <!-- doccheck-disable-next-line ST101 -->

A plain-text file, where an HTML comment looks out of place, may use a line of its
own that starts with ``#`` (no line of a 公文 does) instead::

    # doccheck-disable TY101, PN
    # doccheck-enable
    # doccheck-disable-next-line ST101

A directive names rules as ``--select`` does (codes, prefixes, categories, names;
none = every rule). ``disable-next-line`` covers the next non-blank line, so a
comment may stand in its own Markdown paragraph. ``enable`` with names closes
only the regions that named them; without names it closes all. The engine drops
the findings inside a region; a selector that silenced nothing although its
rules ran is reported as IN002 (``checker/rules/checks/suppressions.py``), so stale
suppressions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from checker.core import patterns
from checker.core.models import Finding

# The names are bounded (a comment of a few rule codes) so that an unclosed comment
# repeated along a long line costs linear time, not quadratic.
DIRECTIVE = patterns.lazy(
    r"<!--[ \t]*doccheck-(disable-next-line|disable|enable)\b([^>\n]{0,300}?)[ \t]*-->"
    r"|^[ \t]*#[ \t]*doccheck-(disable-next-line|disable|enable)\b([^\n]{0,300}?)[ \t\r]*$",
    re.MULTILINE,
)
_NAME = patterns.lazy(r"[^\s,，、]+")


@dataclass
class Selector:
    text: str
    start: int  # offsets of the name inside the comment (the whole comment when empty)
    end: int
    used: bool = False


@dataclass
class Directive:
    kind: str  # disable, disable-next-line, enable
    start: int  # the comment
    end: int
    selectors: list[Selector] = field(default_factory=list)  # empty: every rule
    region: tuple[int, int] = (0, 0)  # the text it covers (disable, disable-next-line)
    used: bool = False  # for a directive without selectors
    closed: bool = False  # a disable region that an enable has ended
    in_text: bool = True  # False: stated outside the text (a Word comment), so no text fix removes it


def directives(text: str) -> list[Directive]:
    """Every directive in ``text``, with the region each one covers."""
    if "doccheck-" not in text:
        return []
    found: list[Directive] = []
    # Open regions, all of them and by name; a closed one is skipped where it is met,
    # so each region is closed once and the whole walk stays linear.
    open_all: list[Directive] = []
    open_by_name: dict[str, list[Directive]] = {}
    for match in DIRECTIVE.finditer(text):
        names_group = 2 if match.group(1) else 4  # the HTML comment, or the line that starts with #
        kind = match.group(names_group - 1)
        selectors = []
        names_at = match.start(names_group)
        for piece in _NAME.finditer(match.group(names_group)):
            selectors.append(Selector(piece.group(), names_at + piece.start(), names_at + piece.end()))
        directive = Directive(kind, match.start(), match.end(), selectors)
        if kind == "disable-next-line":
            directive.region = _next_line(text, match.end())
            found.append(directive)
        elif kind == "disable":
            directive.region = (match.end(), len(text))
            open_all.append(directive)
            for name in {s.text.upper() for s in selectors}:
                open_by_name.setdefault(name, []).append(directive)
            found.append(directive)
        else:
            names = {s.text.upper() for s in selectors}
            closing = open_all if not names else [d for name in names for d in open_by_name.pop(name, [])]
            for opened in closing:
                if opened.region[1] == len(text) and not opened.closed:
                    opened.region = (opened.region[0], match.start())
                    opened.closed = True
            if not names:
                open_all, open_by_name = [], {}
    return found


def _next_line(text: str, after: int) -> tuple[int, int]:
    """The next non-blank line after the line holding offset ``after``."""
    position = text.find("\n", after)
    while position >= 0:
        start = position + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip(" \t\u3000\xa0\r"):
            return start, end
        if end >= len(text):
            break
        position = end
    return len(text), len(text)


class _Names:
    """Which rules a name in a directive covers, worked out once per name and code."""

    def __init__(self) -> None:
        from checker.rules.registry import load_rules

        self.rules = load_rules()
        self._covers: dict[tuple[str, str], bool] = {}
        self._known: dict[str, bool] = {}

    def covers(self, selector: str, code: str) -> bool:
        key = (selector, code)
        if key not in self._covers:
            from checker.rules.registry import matches

            rule_ = self.rules.get(code)
            self._covers[key] = matches(rule_, selector) if rule_ else selector.upper() == code
        return self._covers[key]

    def known(self, selector: str) -> bool:
        if selector not in self._known:
            self._known[selector] = known(selector)
        return self._known[selector]


def known(selector: str) -> bool:
    from checker.rules.registry import selector_known

    return selector_known(selector)


def stated_outside(suppressions: Sequence[tuple[int, int, str]]) -> list[Directive]:
    """Directives a file states outside its text — (start, end, names) for each stretch a
    Word comment ``doccheck-disable CODE`` covers — as disable regions of that stretch."""
    found = []
    for start, end, names in suppressions:
        selectors = [Selector(piece.group(), start, start) for piece in _NAME.finditer(names)]
        found.append(Directive("disable", start, start, selectors, region=(start, end), in_text=False))
    return found


def apply(
    text: str, findings: list[Finding], ran: set[str], stated: Sequence[tuple[int, int, str]] = ()
) -> tuple[list[Finding], list[tuple[Directive, Selector | None]]]:
    """(the findings no directive silences, the (directive, selector) pairs that
    silenced nothing although a rule they name ran on this text). ``stated``: the
    suppressions the file states outside its text (see :func:`stated_outside`)."""
    found = [d for d in directives(text) if d.kind != "enable"] + stated_outside(stated)
    if not found:
        return findings, []
    names = _Names()
    # Sweep along the text: the directives whose region has begun and not yet ended.
    regions = sorted(found, key=lambda d: d.region)
    active: list[Directive] = []
    upcoming = 0
    kept = []
    for finding in sorted(findings, key=lambda f: f.start):
        while upcoming < len(regions) and regions[upcoming].region[0] <= finding.start:
            active.append(regions[upcoming])
            upcoming += 1
        active = [d for d in active if d.region[1] > finding.start]
        silenced = False
        for directive in active:
            if not directive.selectors:
                directive.used = silenced = True
            for selector in directive.selectors:
                if names.covers(selector.text, finding.code):
                    selector.used = silenced = True
        if not silenced:
            kept.append(finding)
    unused: list[tuple[Directive, Selector | None]] = []
    for directive in found:
        if not directive.selectors:
            if not directive.used:
                unused.append((directive, None))
            continue
        for selector in directive.selectors:
            if selector.used or not names.known(selector.text):
                continue
            if any(names.covers(selector.text, code) for code in ran):
                unused.append((directive, selector))
    return kept, unused
