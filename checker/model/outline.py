"""The outline of a 公文: its numbered-section tree and page furniture.

``grammar/outline.lark`` classifies every line (heading with its marker, metadata
field, site chrome, attachment note, 发文字号, date line, plain text;
:mod:`checker.model.line_lexer` applies it); this module
nests the classified lines into a tree of :class:`Node` objects and scans
paragraphs for in-paragraph enumerations (``grammar/enumeration.lark``). Rules read
the tree; none of them re-parses headings.

The tree never fails to build: a document with skipped levels, odd brackets or no
line breaks at all gets a best-effort outline.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from checker.core import patterns
from checker.core.marks import CLAUSE_ENDS, COLONS, PHRASE_ENDS
from checker.core.resources import cached_load, grammar_path
from checker.model.line_lexer import Line, classify_lines
from checker.model.numerals import ARABIC, CHINESE_ONE_TO_NINE, CHINESE_ZEROS, to_int

# Nesting rank of each kind of numbered heading: a heading nests under the nearest
# open heading of smaller rank. 章 > 节 > 条 > 一、 > （一） > 1. > （1）.
_RANK = {"chapter": 10, "section": 20, "article": 30, 1: 40, 2: 50, 3: 60, 4: 70}
ENUMERATION_RANK = 80

_TERMINAL_LEVEL = {"H1": 1, "H2": 2, "H3": 3, "H4": 4}
_TERMINAL_KIND = {"CHAPTER": "chapter", "SECTION": "section", "ARTICLE": "article"}

_ATTACHMENT_ITEM = patterns.lazy(rf"[ \t\u3000]*([{ARABIC}]{{1,3}}[.．、])")
_CHINESE_NUMBER = patterns.lazy(f"[{CHINESE_ZEROS}{CHINESE_ONE_TO_NINE}十百]+")
_ARABIC_NUMBER = patterns.lazy(f"[{ARABIC}]+")
_SHORT_LINE = 40  # a signature or chrome line is short
_NOT_ORGAN = patterns.lazy("[。，；：:“”《》]")  # marks an organ line of a signature never has
_TITLE_END = patterns.lazy("[" + re.escape(CLAUSE_ENDS) + "]")  # a heading's title ends with its first clause
_TITLE_LINE = 80
# A one-line title someone closed with a mark, as if it were a sentence.
_PUNCTUATED_TITLE = patterns.lazy(
    r"^关于[^。，；\n]{2,70}的(?:请示|报告|通知|函|复函|批复|意见|决定|通报|通告"
    r"|公告|议案|纪要|方案|办法|规定)[。，；]$"
)


@dataclass(eq=False)
class Node:
    """One node of the outline.

    ``kind`` is one of: document, part, header, meta_field, title, doc_number,
    recipient, heading, paragraph, enumeration, attachment_note, attachment_item,
    attachment_label (附件1 heading an attached document), signature, organ, date,
    chrome. Spans are character offsets into the document
    text: ``start``/``end`` cover the node and all it contains; ``head_start``/
    ``head_end`` cover its own line (for a heading, the heading line).
    """

    kind: str
    start: int
    end: int
    head_start: int = -1
    head_end: int = -1
    level: int | None = None  # 1 一、 / 2 （一） / 3 1. / 4 （1） for numbered headings
    style: str | None = None  # the numbering form: "一、" "（一）" "(一)" "1." "1、" "一是" "第一" "第一条" …
    number: int | None = None  # the numbering value: （十二） → 12
    marker_start: int = -1
    marker_end: int = -1
    title: str | None = None  # heading text up to its first 。; meta key; title text
    value: str | None = None  # meta value
    rank: int = 0
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.head_start < 0:
            self.head_start, self.head_end = self.start, self.end

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order (without a generator
        per level: a deep outline is walked by many rules)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:  # most nodes are leaves: no reversed() object to make and drop
                stack.extend(reversed(node.children))

    def find(self, kind: str) -> list[Node]:
        return [node for node in self.walk() if node.kind == kind]

    @property
    def marker(self) -> tuple[int, int]:
        return self.marker_start, self.marker_end

    def numbered_children(self) -> list[Node]:
        return [child for child in self.children if child.number is not None]

    def __repr__(self) -> str:  # compact, for tests and debugging
        bits = [self.kind]
        if self.style:
            bits.append(f"{self.style}={self.number}")
        if self.title:
            bits.append(repr(self.title[:20]))
        return f"<Node {' '.join(bits)} {self.start}:{self.end}>"


# Where the enumeration markers of grammar/enumeration.lark can be: ENUM_DI begins with
# a 第 before a numeral, ENUM_SHI ends with a 是 after a numeral and begins one to three
# characters before that 是. Each pattern begins with its character, which the regex
# engine scans for quickly (a pattern that begins with a class of numerals is tried
# character by character); the numerals are checked only there.
_ENUM_DI_AT = patterns.lazy("第(?=[一二三四五六七八九十])")
_ENUM_SHI_AT = patterns.lazy("是(?<=[一二三四五六七八九十]是)")


def enumeration_terminals(path: str) -> dict[str, str]:
    """The regular expressions of the terminals of the grammar at ``path``, read by Lark."""
    from lark import Lark

    return {terminal.name: terminal.pattern.to_regexp() for terminal in Lark.open(path, parser="lalr").terminals}


@lru_cache(maxsize=1)
def _enumeration_pattern() -> re.Pattern[str]:
    """The enumeration markers, compiled from the grammar's own terminals (kept in the
    cache folder, so a run does not import Lark for them)."""
    terminals = cached_load(grammar_path("enumeration.lark"), enumeration_terminals)
    return re.compile("|".join(f"(?P<{name}>{terminals[name]})" for name in ("ENUM_SHI", "ENUM_DI")))


class OutlineBuilder:
    """Nests classified lines into the outline tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = classify_lines(text)
        self.root = Node("document", 0, len(text))
        self._signed = False  # a signature block has been seen
        self._enumeration_starts: list[int] | None = None
        self._last_signature: int | None = None

    # -- the parts of the page ---------------------------------------------------
    def build(self) -> Node:
        lines = [line for line in self.lines if line.kind != "blank"]
        if not lines:
            return self.root
        body_from = self._header(lines)
        body_to = self._trailing_chrome(lines, body_from)
        body_from = self._title_block(lines, body_from, body_to)
        self._body(lines, body_from, body_to)
        for line in lines[body_to:]:
            self.root.add(Node("chrome", line.start, line.end))
        self._close_spans(self.root)
        return self.root

    def _header(self, lines: list[Line]) -> int:
        """Metadata fields and top-of-page chrome before the title."""
        index = 0
        header: Node | None = None
        while index < len(lines) and lines[index].kind in ("meta_field", "chrome"):
            line = lines[index]
            if line.kind == "chrome":
                self.root.add(Node("chrome", line.start, line.end))
            else:
                if header is None:
                    header = self.root.add(Node("header", line.start, line.end))
                header.add(self._meta_field(line))
            index += 1
        return index

    def _meta_field(self, line: Line) -> Node:
        raw = self.text[line.start : line.end]
        colon = min((i for i in (raw.find(":"), raw.find("：")) if i >= 0), default=len(raw))
        key = re.sub(r"[\s\u3000]+", "", raw[:colon])
        value = raw[colon + 1 :].strip(" \t\u3000")
        return Node("meta_field", line.start, line.end, title=key, value=value)

    def _trailing_chrome(self, lines: list[Line], body_from: int) -> int:
        """Index of the first line of the site chrome that closes a web page."""
        end = len(lines)
        first_chrome = end
        for index in range(end - 1, body_from - 1, -1):
            line = lines[index]
            if line.kind == "chrome":
                first_chrome = index
            elif not self._is_short_plain(line):
                break
        return first_chrome

    def _is_short_plain(self, line: Line) -> bool:
        if line.kind not in ("text", "meta_field"):
            return False
        content = self.text[line.start : line.end]
        return len(content) <= _SHORT_LINE and not any(mark in content for mark in "。，；")

    def _title_block(self, lines: list[Line], index: int, stop: int) -> int:
        """Title lines, 发文字号 and the recipient line at the top of the body."""
        title_lines: list[Line] = []
        closed = False  # the title ended with a mark: no line after it belongs to it
        while index < stop:
            line = lines[index]
            content = self.text[line.start : line.end]
            if line.kind == "doc_number":
                self.root.add(Node("doc_number", line.start, line.end, title=content))
            elif line.kind == "text" and self._is_recipient(content) and (title_lines or index == 0):
                self.root.add(Node("recipient", line.start, line.end, title=content))
                index += 1
                break
            elif line.kind == "text" and self._is_title_like(content) and len(title_lines) < 6 and not closed:
                title_lines.append(line)
            elif line.kind == "text" and not title_lines and _PUNCTUATED_TITLE.match(content.strip()):
                title_lines.append(line)  # 关于……的请示。: a title all the same (rule PN213 reports the mark)
                closed = True
            else:
                break
            index += 1
        if title_lines:
            pieces = [self.text[line.start : line.end].strip() for line in title_lines]
            joined = "".join(pieces)
            half = len(joined) // 2
            if len(joined) % 2 == 0 and joined[:half] == joined[half:]:
                joined = joined[:half]  # web pages print the title twice
            title = Node("title", title_lines[0].start, title_lines[-1].end, title=joined.rstrip("。，；"))
            self.root.children.insert(self._title_position(title.start), title)
            title.parent = self.root
        return index

    def _title_position(self, start: int) -> int:
        """Where the title goes among the document's children: in text order (a 发文字号
        printed above the title stays before it)."""
        for position, child in enumerate(self.root.children):
            if child.kind not in ("header", "chrome") and child.start >= start:
                return position
        return len(self.root.children)

    @staticmethod
    def _is_title_like(content: str) -> bool:
        return len(content) <= _TITLE_LINE and content[-1] not in PHRASE_ENDS  # a title is no sentence

    @staticmethod
    def _is_recipient(content: str) -> bool:
        return len(content) <= _TITLE_LINE and content[-1] in COLONS and "。" not in content

    # -- the body ----------------------------------------------------------------
    def _body(self, lines: list[Line], start: int, stop: int) -> None:
        scope = self.root  # where numbering restarts: the document, or a part after a signature
        open_nodes: list[Node] = []  # open headings, outermost first
        attachment: Node | None = None
        index = start
        while index < stop:
            line = self._continued_list_item(lines[index], open_nodes)
            signature_end = self._signature_at(lines, index, stop)
            if (
                signature_end is not None
                and attachment is not None
                and self._signature_at(lines, index + 1, stop) == signature_end
            ):
                signature_end = None  # under 附件：, the name lines come before the organ line
            if signature_end is not None:
                self._add_signature(lines, index, signature_end, scope)
                index = signature_end
                if index < stop:  # more content after a signature: an attached document
                    scope = self.root.add(Node("part", lines[index].start, lines[index].end))
                    open_nodes = []
                attachment = None
                continue
            if line.kind == "attachment_note" and self._is_attachment_label(lines, index, stop):
                # "附件1" alone on its line, with no signature after it: an attached
                # document follows, with its own title and its own numbering.
                if not (scope.kind == "part" and not scope.children and scope.start == line.start):
                    scope = self.root.add(Node("part", line.start, line.end))
                scope.add(
                    Node(
                        "attachment_label",
                        line.start,
                        line.end,
                        title=self.text[line.start : line.end],
                        marker_start=line.start,
                        marker_end=line.marker_end,
                    )
                )
                open_nodes = []
                attachment = None
            elif line.kind == "attachment_note":
                attachment = (open_nodes[-1] if open_nodes else scope).add(
                    Node(
                        "attachment_note",
                        line.start,
                        line.end,
                        title=self.text[line.start : line.end],
                        marker_start=line.start,
                        marker_end=line.marker_end,
                    )
                )
                first_item = _ATTACHMENT_ITEM.match(self.text, line.marker_end, line.end)
                if first_item:  # 附件：1.统计表 — the first item shares the line
                    attachment.add(
                        Node(
                            "attachment_item",
                            first_item.start(),
                            line.end,
                            style=_style(first_item.group(1), "H3"),
                            number=to_int(first_item.group(1)[:-1]),
                            marker_start=first_item.start(1),
                            marker_end=first_item.end(1),
                            title=self.text[first_item.end(1) : line.end].strip(),
                            rank=_RANK[3],
                        )
                    )
            elif (
                attachment is not None
                and line.kind == "heading"
                and line.terminal is not None
                and _TERMINAL_LEVEL.get(line.terminal) == 3
            ):
                attachment.add(self._heading(line, kind="attachment_item"))
            elif line.kind == "heading":
                attachment = None
                node = self._heading(line)
                while open_nodes and open_nodes[-1].rank >= node.rank:
                    open_nodes.pop()
                (open_nodes[-1] if open_nodes else scope).add(node)
                open_nodes.append(node)
                self._enumerations(node, node.marker_end, line.end)
            else:
                if attachment is not None and line.kind == "text" and self._is_short_plain(line):
                    # "附件：" followed by the attachment names on their own lines
                    attachment.add(
                        Node("attachment_item", line.start, line.end, title=self.text[line.start : line.end])
                    )
                else:
                    attachment = None
                    kind = "doc_number" if line.kind == "doc_number" else "paragraph"
                    node = (open_nodes[-1] if open_nodes else scope).add(Node(kind, line.start, line.end))
                    if kind == "paragraph":
                        self._enumerations(node, line.start, line.end)
            index += 1

    def _last_signature_line(self, lines: list[Line], stop: int) -> int:
        """Index of the last line that opens a signature block (-1: none), computed once."""
        if self._last_signature is None:
            self._last_signature = max(
                (i for i in range(stop) if self._signature_at(lines, i, stop) is not None), default=-1
            )
        return self._last_signature

    def _continued_list_item(self, line: Line, open_nodes: list[Node]) -> Line:
        """``20.2026年…`` after ``19.`` is item 20, not the decimal 20.2026: the grammar
        cannot tell them apart on one line, the previous item can."""
        if line.kind != "text" or not open_nodes:
            return line
        last = next((node for node in reversed(open_nodes) if node.level == 3), None)
        if last is None or last.number is None:
            return line
        expected = str(last.number + 1)
        content = self.text[line.start : line.end]
        if (
            content.startswith(expected)
            and content[len(expected) : len(expected) + 1] in (".", "．")
            and content[len(expected) + 1 : len(expected) + 2].isdigit()
        ):
            return Line(
                kind="heading",
                start=line.start,
                end=line.end,
                terminal="H3",
                marker_end=line.start + len(expected) + 1,
                line_start=line.line_start,
            )
        return line

    def _is_attachment_label(self, lines: list[Line], index: int, stop: int) -> bool:
        """附件1 alone on its line after the signature, or 附件 / 附件1 (no colon) with no
        signature after it: the label of an attached document, not an 附件说明."""
        line = lines[index]
        marker = self.text[line.start : line.marker_end]
        if line.end > line.marker_end or index == 0:
            return False
        if self._signed:
            return True  # after the signature, 附件： alone too labels what follows
        if "：" in marker or ":" in marker:
            return False
        return index > self._last_signature_line(lines, stop)

    def _heading(self, line: Line, kind: str = "heading") -> Node:
        level, style, number, rank = _marker_form(self.text[line.start : line.marker_end], line.terminal)
        title_end = _TITLE_END.search(self.text, line.marker_end, line.end)
        return Node(
            kind,
            line.start,
            line.end,
            level=level,
            style=style,
            number=number,
            marker_start=line.start,
            marker_end=line.marker_end,
            title=self.text[line.marker_end : title_end.start() if title_end else line.end].strip(),
            rank=rank,
        )

    def _enumerations(self, node: Node, start: int, end: int) -> None:
        """一是…二是… / 第一，…第二，… inside the text of ``node``."""
        text = self.text
        for match in self._enumeration_matches(start, end):
            at = match.start()
            if at > start:
                before = text[at - 1]
                if before not in "。；;：:，,！？!?、 \t\u3000）)":
                    continue
            marker = match.group()
            style = "一是" if match.lastgroup == "ENUM_SHI" else "第一"
            digits = marker.replace("是", "").replace("第", "")
            node.add(
                Node(
                    "enumeration",
                    at,
                    at + len(marker),
                    style=style,
                    number=to_int(digits),
                    marker_start=at,
                    marker_end=at + len(marker),
                    rank=ENUMERATION_RANK,
                )
            )

    def _enumeration_matches(self, start: int, end: int) -> list[re.Match[str]]:
        """The matches of the enumeration pattern that ``finditer(text, start, end)``
        gives, the pattern being tried only where a marker can begin."""
        starts = self._possible_enumeration_starts()
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        matches: list[re.Match[str]] = []
        if first == last:
            return matches  # most paragraphs
        text, pattern, cursor = self.text, _enumeration_pattern(), start
        for at in starts[first:last]:
            if at >= cursor:
                match = pattern.match(text, at, end)
                if match is not None:
                    matches.append(match)
                    cursor = match.end()
        return matches

    def _possible_enumeration_starts(self) -> list[int]:
        """Every offset of the text where an enumeration marker can begin, in order;
        found once per document, in two quick scans of the whole text."""
        if self._enumeration_starts is None:
            starts = {found.start() for found in _ENUM_DI_AT.finditer(self.text)}
            for found in _ENUM_SHI_AT.finditer(self.text):
                starts.update(range(max(0, found.start() - 3), found.start()))
            self._enumeration_starts = sorted(starts)
        return self._enumeration_starts

    def _signature_at(self, lines: list[Line], index: int, stop: int) -> int | None:
        """If ``lines[index]`` opens a signature block (organ lines + date), its end index."""
        line = lines[index]
        if line.kind != "text" or not self._is_signature_organ(line):
            return None
        probe = index
        while (
            probe < stop
            and probe - index < 3
            and lines[probe].kind == "text"
            and self._is_signature_organ(lines[probe])
        ):
            probe += 1
        if probe < stop and lines[probe].kind == "date_line":
            return probe + 1
        return None

    def _is_signature_organ(self, line: Line) -> bool:
        if line.end - line.start > _SHORT_LINE:  # most lines: asked of every line of the body
            return False
        return _NOT_ORGAN.search(self.text, line.start, line.end) is None and not self.text.startswith(
            ("（", "("), line.start, line.end
        )

    def _add_signature(self, lines: list[Line], first: int, end: int, scope: Node) -> None:
        date = lines[end - 1]
        self._signed = True
        signature = scope.add(Node("signature", lines[first].start, date.end))
        for line in lines[first : end - 1]:
            signature.add(Node("organ", line.start, line.end, title=self.text[line.start : line.end]))
        signature.add(Node("date", date.start, date.end, title=self.text[date.start : date.end]))

    # -- spans ---------------------------------------------------------------------
    def _close_spans(self, node: Node) -> int:
        """Extend every node's ``end`` over its children."""
        for child in node.children:
            node.end = max(node.end, self._close_spans(child))
        return node.end


@lru_cache(maxsize=1024)
def _marker_form(marker: str, terminal: str) -> tuple[int | None, str, int | None, int]:
    """Level, style, number and rank of a heading marker (a document repeats a few dozen)."""
    level = _TERMINAL_LEVEL.get(terminal)
    rank = _RANK[level] if level else _RANK[_TERMINAL_KIND[terminal]]
    digits = re.sub(r"[（()）、.．第章节条\s]", "", marker)
    return level, _style(marker, terminal), to_int(digits), rank


def _style(marker: str, terminal: str) -> str:
    """The numbering form, with the number replaced by 一 or 1: （一） (一) 一、 1. 1、 …"""
    if terminal in _TERMINAL_KIND:
        return "第一" + marker[-1]
    style = _CHINESE_NUMBER.sub("一", marker)
    style = _ARABIC_NUMBER.sub("1", style)
    return style


def build_outline(text: str) -> Node:
    return OutlineBuilder(text).build()
