"""The outline of a 公文: its numbered-section tree and page furniture.

``grammar/outline.lark`` classifies every line (heading with its marker, metadata
field, site chrome, attachment note, 发文字号, date line, plain text); this module
nests the classified lines into a tree of :class:`Node` objects and scans
paragraphs for in-paragraph enumerations (``grammar/enumeration.lark``). Rules read
the tree; none of them re-parses headings.

The tree never fails to build: a document with skipped levels, odd brackets or no
line breaks at all gets a best-effort outline.
"""
from __future__ import annotations

import bisect
import importlib
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from checker import patterns
from checker.numerals import to_int
from checker.resources import grammar_path
from checker.scan import finditer

# Nesting rank of each kind of numbered heading: a heading nests under the nearest
# open heading of smaller rank. 章 > 节 > 条 > 一、 > （一） > 1. > （1）.
_RANK = {"chapter": 10, "section": 20, "article": 30, 1: 40, 2: 50, 3: 60, 4: 70}
ENUMERATION_RANK = 80

_TERMINAL_LEVEL = {"H1": 1, "H2": 2, "H3": 3, "H4": 4}
_TERMINAL_KIND = {"CHAPTER": "chapter", "SECTION": "section", "ARTICLE": "article"}

_SENTENCE_END = "。！？；"
_ATTACHMENT_ITEM = patterns.compile(r"[ \t\u3000]*([0-9０-９]{1,3}[.．、])")
_SHORT_LINE = 40  # a signature or chrome line is short
_TITLE_LINE = 80


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
    level: Optional[int] = None  # 1 一、 / 2 （一） / 3 1. / 4 （1） for numbered headings
    style: Optional[str] = None  # the numbering form: "一、" "（一）" "(一)" "1." "1、" "一是" "第一" "第一条" …
    number: Optional[int] = None  # the numbering value: （十二） → 12
    marker_start: int = -1
    marker_end: int = -1
    title: Optional[str] = None  # heading text up to its first 。; meta key; title text
    value: Optional[str] = None  # meta value
    rank: int = 0
    children: list["Node"] = field(default_factory=list)
    parent: Optional["Node"] = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.head_start < 0:
            self.head_start, self.head_end = self.start, self.end

    def add(self, child: "Node") -> "Node":
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator["Node"]:
        """This node and every node below it, in document order (without a generator
        per level: a deep outline is walked by many rules)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def find(self, kind: str) -> list["Node"]:
        return [node for node in self.walk() if node.kind == kind]

    @property
    def marker(self) -> tuple[int, int]:
        return self.marker_start, self.marker_end

    def numbered_children(self) -> list["Node"]:
        return [child for child in self.children if child.number is not None]

    def __repr__(self) -> str:  # compact, for tests and debugging
        bits = [self.kind]
        if self.style:
            bits.append(f"{self.style}={self.number}")
        if self.title:
            bits.append(repr(self.title[:20]))
        return f"<Node {' '.join(bits)} {self.start}:{self.end}>"


@dataclass
class Line:
    """One classified line from the grammar."""

    kind: str  # heading, meta_field, chrome, attachment_note, doc_number, date_line, text, blank
    start: int  # first non-space character
    end: int  # end of line (before the newline), trailing spaces excluded
    terminal: Optional[str] = None  # the marker terminal for headings
    marker_end: int = -1
    line_start: int = 0  # start of the line including indentation


def _lark():
    """The lark module. Lark imports the third-party ``regex`` module when it is
    installed (a reader's library brings it), only to measure grammar terminals that
    use Unicode categories, which doccheck's grammars do not; importing it costs
    about 15 ms of start-up, so a first import of Lark is made without it."""
    if "lark" not in sys.modules and "regex" not in sys.modules:
        sys.modules["regex"] = None  # type: ignore[assignment]  # `import regex` raises ImportError
        try:
            return importlib.import_module("lark")
        finally:
            del sys.modules["regex"]
    return importlib.import_module("lark")


@lru_cache(maxsize=1)
def _line_parser():
    Lark = _lark().Lark

    parser = Lark.open(
        str(grammar_path("outline.lark")),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=False,
        cache=True,
    )
    _lexers_use_stored_patterns(parser)
    return parser


class _ReForLark:
    """What Lark's lexer asks of the ``re`` module, with ``compile`` taken from
    checker.patterns: the lexer joins the terminals of each parser state into one
    pattern, and compiling those costs about 25 ms at every start."""

    compile = staticmethod(patterns.compile)
    match = staticmethod(re.match)
    error = re.error


def _lexers_use_stored_patterns(parser) -> None:
    # Lark builds a lexer per parser state, each with the regular expression module
    # in its ``re`` and its scanner compiled on first use. Where the layout is not
    # that (another Lark version), nothing changes but the speed.
    lexer = getattr(getattr(parser, "parser", None), "lexer", None)
    for basic in [*getattr(lexer, "lexers", {}).values(), getattr(lexer, "root_lexer", None)]:
        if getattr(basic, "re", None) is re and getattr(basic, "_scanner", False) is None:
            basic.re = _ReForLark


_ENUMERATION_STARTS = patterns.compile("[一二三四五六七八九十第]")  # first characters of ENUM_SHI, ENUM_DI


@lru_cache(maxsize=1)
def _enumeration_pattern() -> re.Pattern:
    """The enumeration markers, compiled from the grammar's own terminals."""
    grammar = _lark().Lark.open(str(grammar_path("enumeration.lark")), parser="lalr", cache=True)
    alternatives = [
        f"(?P<{name}>{grammar.get_terminal(name).pattern.to_regexp()})" for name in ("ENUM_SHI", "ENUM_DI")
    ]
    return patterns.compile("|".join(alternatives))


def classify_lines(text: str) -> list[Line]:
    """Every line of ``text`` with the kind the grammar gives it.

    Lark's parser costs about 10 µs a token and most lines are plain text, so lines
    where no marker terminal of the grammar can match (at the line start or after its
    indent) are classified here the way the grammar would: INDENT? REST? — everything
    after the indent is text. Only the stretches of lines where a marker can match
    go through the parser; each line is lexed from the same state, so a stretch parses
    as it would inside the whole text. A stretch runs on to the line where the
    longest marker match ends, as a marker such as 索 引 号 may span a line break.
    """
    global _lines_seen
    if _lines_seen < _FAST_AFTER:
        # compiling the markers for the test costs ~20 ms, more than a whole parse of a
        # document or two: a process that checks one document does not pay it
        _lines_seen += text.count("\n") + 1
        return _classify_lines_whole(text)
    ends_open = not text.endswith("\n")
    if ends_open:
        text += "\n"
    markers = _marker_patterns()
    any_marker = _any_marker()
    blocks: list[tuple[int, int]] = []
    lines: list[Line] = []
    block_start = block_end = -1  # the stretch of lines the parser must see
    offset = 0
    length = len(text)
    while offset < length:
        newline = text.index("\n", offset)
        indent = _INDENT.match(text, offset).end()
        reach = -1
        starts = (offset, indent) if indent > offset else (offset,)
        if any_marker.match(text, offset) or (indent > offset and any_marker.match(text, indent)):
            for at in starts:
                for marker in markers:
                    found = marker.match(text, at)
                    if found is not None and found.end() > reach:
                        reach = found.end()
        if reach >= 0 or offset < block_end:
            if block_start < 0:
                block_start = offset
            block_end = max(block_end, text.index("\n", max(reach - 1, newline)) + 1)
            lines.append(None)
        else:
            if block_start >= 0:
                blocks.append((block_start, block_end))
                block_start = block_end = -1
            if indent == newline:
                lines.append(Line(kind="blank", start=offset, end=offset, line_start=offset))
            else:
                end = newline
                while end > indent and text[end - 1] in " \t\u3000\xa0":
                    end -= 1
                lines.append(Line(kind="text", start=indent, end=end, line_start=offset))
        offset = newline + 1
    if block_start >= 0:
        blocks.append((block_start, block_end))
    classified = _parse_lines(text, blocks)
    if not ends_open:  # a text that ends with a line break has an empty last line
        lines.append(Line(kind="blank", start=length, end=length, line_start=length))
    offset = 0
    for index, line in enumerate(lines):
        if line is None:
            lines[index] = classified.get(offset) or Line(kind="blank", start=offset, end=offset,
                                                           line_start=offset)
        offset = text.index("\n", offset) + 1 if offset < length else length
    return lines


_INDENT = patterns.compile("[ \t\u3000\xa0]*")


@lru_cache(maxsize=1)
def _marker_patterns() -> tuple[re.Pattern, ...]:
    """The grammar's line markers: every terminal that is not the indent, the rest of
    a line or the line break, compiled from the grammar's own definitions."""
    return tuple(patterns.compile(terminal.pattern.to_regexp()) for terminal in _line_parser().terminals
                 if terminal.name not in ("INDENT", "REST", "_NL"))


_FAST_AFTER = 300  # lines classified by whole parses before the marker test is built
_lines_seen = 0


@lru_cache(maxsize=1)
def _any_marker() -> re.Pattern:
    """Matches where any of the grammar's line markers does."""
    return patterns.compile("|".join(f"(?:{marker.pattern})" for marker in _marker_patterns()))


def _parse_lines(text: str, blocks: list[tuple[int, int]]) -> dict[int, Line]:
    """The lines of the stretches ``text[start:end]`` (whole lines) as the grammar
    classifies them, keyed by line start; lines the parse leaves out (blank) are
    missing. The stretches are parsed as one text (each parse call costs about
    0.1 ms), which gives the same lines: each begins where a line is lexed afresh."""
    Token = _lark().Token
    if not blocks:
        return {}
    chunk = "".join(text[start:end] for start, end in blocks)
    joined_starts, shifts, joined = [], [], 0
    for start, end in blocks:
        joined_starts.append(joined)
        shifts.append(start - joined)
        joined += end - start
    tree = _line_parser().parse(chunk)
    classified: dict[int, Line] = {}
    for subtree in tree.children:
        if isinstance(subtree, Token):  # INDENT of a whitespace-only line
            continue
        tokens = [tok for tok in subtree.children if isinstance(tok, Token)]
        first, last = tokens[0], tokens[-1]
        end_pos = last.end_pos
        while end_pos > first.start_pos and chunk[end_pos - 1] in " \t\u3000\xa0":
            end_pos -= 1
        shift = shifts[bisect.bisect_right(joined_starts, first.start_pos) - 1]
        line = Line(kind=subtree.data, start=shift + first.start_pos, end=shift + end_pos)
        if subtree.data != "text":  # the marker: heading number, meta key, 附件：…
            line.terminal = first.type
            line.marker_end = shift + first.end_pos
        line.line_start = shift + chunk.rfind("\n", 0, first.start_pos) + 1
        classified[line.line_start] = line
    return classified


def _classify_lines_whole(text: str) -> list[Line]:
    """The whole text through the parser: what ``classify_lines`` must give (tested)."""
    whole = text if text.endswith("\n") else text + "\n"
    parsed = _parse_lines(whole, [(0, len(whole))])
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(parsed.get(offset) or Line(kind="blank", start=offset, end=offset, line_start=offset))
        offset += len(raw) + 1
    return lines


class OutlineBuilder:
    """Nests classified lines into the outline tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = classify_lines(text)
        self.root = Node("document", 0, len(text))
        self._signed = False  # a signature block has been seen
        self._last_signature: Optional[int] = None

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
        header: Optional[Node] = None
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
        raw = self.text[line.start:line.end]
        colon = min((i for i in (raw.find(":"), raw.find("：")) if i >= 0), default=len(raw))
        key = re.sub(r"[\s\u3000]+", "", raw[:colon])
        value = raw[colon + 1:].strip(" \t\u3000")
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
        content = self.text[line.start:line.end]
        return len(content) <= _SHORT_LINE and not any(mark in content for mark in "。，；")

    def _title_block(self, lines: list[Line], index: int, stop: int) -> int:
        """Title lines, 发文字号 and the recipient line at the top of the body."""
        title_lines: list[Line] = []
        while index < stop:
            line = lines[index]
            content = self.text[line.start:line.end]
            if line.kind == "doc_number":
                self.root.add(Node("doc_number", line.start, line.end, title=content))
            elif line.kind == "text" and self._is_recipient(content) and (title_lines or index == 0):
                self.root.add(Node("recipient", line.start, line.end, title=content))
                index += 1
                break
            elif line.kind == "text" and self._is_title_like(content) and len(title_lines) < 6:
                title_lines.append(line)
            else:
                break
            index += 1
        if title_lines:
            pieces = [self.text[line.start:line.end].strip() for line in title_lines]
            joined = "".join(pieces)
            half = len(joined) // 2
            if len(joined) % 2 == 0 and joined[:half] == joined[half:]:
                joined = joined[:half]  # web pages print the title twice
            title = Node("title", title_lines[0].start, title_lines[-1].end, title=joined)
            self.root.children.insert(self._title_position(), title)
            title.parent = self.root
        return index

    def _title_position(self) -> int:
        for position, child in enumerate(self.root.children):
            if child.kind not in ("header", "chrome"):
                return position
        return len(self.root.children)

    @staticmethod
    def _is_title_like(content: str) -> bool:
        return len(content) <= _TITLE_LINE and content[-1] not in "。；;，,：:！？"

    @staticmethod
    def _is_recipient(content: str) -> bool:
        return len(content) <= _TITLE_LINE and content[-1] in "：:" and "。" not in content

    # -- the body ----------------------------------------------------------------
    def _body(self, lines: list[Line], start: int, stop: int) -> None:
        scope = self.root  # where numbering restarts: the document, or a part after a signature
        open_nodes: list[Node] = []  # open headings, outermost first
        attachment: Optional[Node] = None
        index = start
        while index < stop:
            line = self._continued_list_item(lines[index], open_nodes)
            signature_end = self._signature_at(lines, index, stop)
            if (signature_end is not None and attachment is not None
                    and self._signature_at(lines, index + 1, stop) == signature_end):
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
                scope.add(Node("attachment_label", line.start, line.end, title=self.text[line.start:line.end],
                               marker_start=line.start, marker_end=line.marker_end))
                open_nodes = []
                attachment = None
            elif line.kind == "attachment_note":
                attachment = (open_nodes[-1] if open_nodes else scope).add(
                    Node("attachment_note", line.start, line.end, title=self.text[line.start:line.end],
                         marker_start=line.start, marker_end=line.marker_end)
                )
                first_item = _ATTACHMENT_ITEM.match(self.text, line.marker_end, line.end)
                if first_item:  # 附件：1.统计表 — the first item shares the line
                    attachment.add(Node("attachment_item", first_item.start(), line.end,
                                        style=_style(first_item.group(1), "H3"), number=to_int(first_item.group(1)[:-1]),
                                        marker_start=first_item.start(1), marker_end=first_item.end(1),
                                        title=self.text[first_item.end(1):line.end].strip(), rank=_RANK[3]))
            elif attachment is not None and line.kind == "heading" and _TERMINAL_LEVEL.get(line.terminal) == 3:
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
                    attachment.add(Node("attachment_item", line.start, line.end,
                                        title=self.text[line.start:line.end]))
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
            self._last_signature = max((i for i in range(stop) if self._signature_at(lines, i, stop) is not None),
                                       default=-1)
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
        content = self.text[line.start:line.end]
        if (content.startswith(expected) and content[len(expected):len(expected) + 1] in (".", "．")
                and content[len(expected) + 1:len(expected) + 2].isdigit()):
            return Line(kind="heading", start=line.start, end=line.end, terminal="H3",
                        marker_end=line.start + len(expected) + 1, line_start=line.line_start)
        return line

    def _is_attachment_label(self, lines: list[Line], index: int, stop: int) -> bool:
        """附件1 alone on its line after the signature, or 附件 / 附件1 (no colon) with no
        signature after it: the label of an attached document, not an 附件说明."""
        line = lines[index]
        marker = self.text[line.start:line.marker_end]
        if line.end > line.marker_end or index == 0:
            return False
        if self._signed:
            return True  # after the signature, 附件： alone too labels what follows
        if "：" in marker or ":" in marker:
            return False
        return index > self._last_signature_line(lines, stop)

    def _heading(self, line: Line, kind: str = "heading") -> Node:
        marker = self.text[line.start:line.marker_end]
        level = _TERMINAL_LEVEL.get(line.terminal)
        rank = _RANK[level] if level else _RANK[_TERMINAL_KIND[line.terminal]]
        digits = re.sub(r"[（()）、.．第章节条\s]", "", marker)
        rest = self.text[line.marker_end:line.end]
        stop = min((i for i in (rest.find("。"), rest.find("；")) if i >= 0), default=len(rest))
        return Node(
            kind,
            line.start,
            line.end,
            level=level,
            style=_style(marker, line.terminal),
            number=to_int(digits),
            marker_start=line.start,
            marker_end=line.marker_end,
            title=rest[:stop].strip(),
            rank=rank,
        )

    def _enumerations(self, node: Node, start: int, end: int) -> None:
        """一是…二是… / 第一，…第二，… inside the text of ``node``."""
        text = self.text
        if text.find("是", start, end) < 0 and text.find("第", start, end) < 0:
            return  # every marker has one of them: 一是 / 第一
        for match in finditer(_enumeration_pattern(), _ENUMERATION_STARTS, text, start, end):
            at = match.start()
            if at > start:
                before = text[at - 1]
                if before not in "。；;：:，,！？!?、 \t\u3000）)":
                    continue
            marker = match.group()
            style = "一是" if match.lastgroup == "ENUM_SHI" else "第一"
            digits = marker.replace("是", "").replace("第", "")
            node.add(Node("enumeration", at, at + len(marker), style=style, number=to_int(digits),
                          marker_start=at, marker_end=at + len(marker), rank=ENUMERATION_RANK))

    def _signature_at(self, lines: list[Line], index: int, stop: int) -> Optional[int]:
        """If ``lines[index]`` opens a signature block (organ lines + date), its end index."""
        line = lines[index]
        if line.kind != "text" or not self._is_signature_organ(line):
            return None
        probe = index
        while probe < stop and probe - index < 3 and lines[probe].kind == "text" and self._is_signature_organ(lines[probe]):
            probe += 1
        if probe < stop and lines[probe].kind == "date_line":
            return probe + 1
        return None

    def _is_signature_organ(self, line: Line) -> bool:
        content = self.text[line.start:line.end]
        return (len(content) <= _SHORT_LINE and not any(mark in content for mark in "。，；：:“”《》")
                and not content.startswith(("（", "(")))

    def _add_signature(self, lines: list[Line], first: int, end: int, scope: Node) -> None:
        date = lines[end - 1]
        self._signed = True
        signature = scope.add(Node("signature", lines[first].start, date.end))
        for line in lines[first:end - 1]:
            signature.add(Node("organ", line.start, line.end, title=self.text[line.start:line.end]))
        signature.add(Node("date", date.start, date.end, title=self.text[date.start:date.end]))

    # -- spans ---------------------------------------------------------------------
    def _close_spans(self, node: Node) -> int:
        """Extend every node's ``end`` over its children."""
        for child in node.children:
            node.end = max(node.end, self._close_spans(child))
        return node.end


def _style(marker: str, terminal: str) -> str:
    """The numbering form, with the number replaced by 一 or 1: （一） (一) 一、 1. 1、 …"""
    if terminal in _TERMINAL_KIND:
        return "第一" + marker[-1]
    style = re.sub(r"[一二三四五六七八九十百零〇]+", "一", marker)
    style = re.sub(r"[0-9０-９]+", "1", style)
    return style


def build_outline(text: str) -> Node:
    return OutlineBuilder(text).build()
