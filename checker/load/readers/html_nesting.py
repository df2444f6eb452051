"""Web pages nested deeper than libxml2 builds, made shallow enough to read.

libxml2 builds at most 256 levels of elements (2048 with its "huge" option) and
drops what lies deeper, so the article of a page nested 20,000 deep is lost and the
extractor finds nothing. :func:`flatten` takes the tags off a band of levels in the
middle of the deepest nesting — their text stays where it is — so that the outer
levels (html, body, the page's layout) and the inner ones (the article's paragraphs
and tables) keep their structure. Every other character of the page is kept, and a
removed tag leaves its line breaks behind, so the source lines of what is read stay
right.

The tags are found by one regular expression, in one pass (comments, scripts and
styles are skipped whole). An end tag closes the nearest open element of its name
and every element opened inside it, as a browser does. The scan stops where the
page stops being well formed for good (a comment, script or tag that is never
closed runs to the end of the page, as in a browser), so that no search is repeated
over the same text: the cost is linear in the page.
"""

from __future__ import annotations

import re
from array import array

from checker.core import patterns

# elements with no end tag: they never nest anything
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
        "keygen",
    }
)
KEPT_LEVELS = 200  # the depth a flattened page has at most: below libxml2's usual 256

# a comment, a script or style with its content, a declaration, or a start or end tag
# (a tag's attributes begin with a space or a slash, so no two parts can match the same text)
_TOKEN = patterns.lazy(
    r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|<[!?][^>]*>"
    r"|<(/?)([A-Za-z][^\s/<>]*)((?:[\s/][^>]*)?)>",
    re.S | re.I,
)
_OPENERS = (("<!--", "-->"), ("<script", "</script"), ("<style", "</style"))


def flatten(page: str, kept: int = KEPT_LEVELS) -> str:
    """``page`` with at most ``kept`` levels of elements (the same page when it has no more)."""
    low = kept // 2
    starts, ends, depths = array("q"), array("q"), array("i")  # the tags deeper than ``low``
    open_tags: list[str] = []  # names of the open elements, outermost first
    open_count: dict[str, int] = {}
    deepest = 0
    for token in _TOKEN.finditer(page, 0, _scan_end(page)):
        name = token.group(3)
        if name is None:
            continue  # a comment, declaration, script or style: no element nests in it
        name = name.lower()
        if token.group(2):  # an end tag: closes the nearest open element of its name, and all inside it
            if not open_count.get(name):
                continue
            depth = len(open_tags)
            while open_tags[depth - 1] != name:
                depth -= 1
            for closed in open_tags[depth - 1 :]:
                open_count[closed] -= 1
            del open_tags[depth - 1 :]
        elif name in VOID or token.group(4).endswith("/"):
            continue
        else:
            open_tags.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            depth = len(open_tags)
            deepest = max(deepest, depth)
        if depth > low:
            starts.append(token.start())
            ends.append(token.end())
            depths.append(depth)
    if deepest <= kept:
        return page
    high = low + deepest - kept  # the levels whose tags go: low < depth <= high
    pieces, at = [], 0
    for start, end, depth in zip(starts, ends, depths, strict=True):
        if depth <= high:
            pieces.append(page[at:start])
            pieces.append("\n" * page.count("\n", start, end))
            at = end
    pieces.append(page[at:])
    return "".join(piece for piece in pieces if piece)


def _scan_end(page: str) -> int:
    """Where the scan stops: the first comment, script or style opened after the last
    one closes, or the last ``>``; past it nothing is closed again."""
    lowered = page.lower()
    end = page.rfind(">") + 1
    for opener, closer in _OPENERS:
        unclosed = lowered.find(opener, lowered.rfind(closer) + 1)
        if unclosed >= 0:
            end = min(end, unclosed)
    return end
