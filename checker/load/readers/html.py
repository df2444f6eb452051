"""Saved web pages (.html/.htm): the article's text, its metadata fields, no site chrome.

The main text is found by trafilatura (navigation, footers, share buttons and the
like are dropped); each extracted line is then found again in the page's own text
nodes, so ``locate(offset)`` gives the line of the HTML file the character came
from (``source_line``) and the tag that held it. Government pages put their
metadata (索引号, 发布机构, 发布日期, 信息名称 …) in a table or list above the
article: those fields, and the ``<meta>`` tags such sites use (ArticleTitle,
PubDate, ContentSource), become ``Source.metadata`` and stay out of the text.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from checker.core import patterns
from checker.load.readers import LoadError
from checker.load.readers.html_nesting import flatten
from checker.load.readers.sourcemap import TextBuilder
from checker.load.source import TABLE_CELLS_READ, Source, TableCell

if TYPE_CHECKING:
    from lxml.html import HtmlElement

EXTRA = "html"

# Field names of the 政府信息公开 metadata block, as sites write them.
METADATA_KEYS = (
    "索引号",
    "公开属性",
    "发布机构",
    "发文机关",
    "发布日期",
    "成文日期",
    "生成日期",
    "公开日期",
    "信息名称",
    "内容描述",
    "内容概述",
    "文号",
    "发文字号",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "主题词",
    "关键词",
    "公开方式",
    "公开范围",
    "公开时限",
    "有效性",
    "时效",
    "效力状况",
    "信息来源",
    "来源",
    "标题",
    "名称",
    "发布时间",
    "所属机构",
    "文件编号",
)
_META_TAGS = {
    "articletitle": "标题",
    "pubdate": "发布日期",
    "contentsource": "发布机构",
    "keywords": "关键词",
    "description": "内容描述",
    "columnname": "栏目",
}
_KEY_PATTERN = patterns.lazy(r"^\s*(?P<key>[^:：\s][^:：]{0,12}?)\s*[:：]\s*(?P<value>.*?)\s*$", re.S)
_CHARSET = patterns.lazy(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
_SPACES = patterns.lazy(r"\s+")


def _import_libraries() -> tuple[ModuleType, ModuleType]:
    try:
        import lxml.html
        import trafilatura
    except ImportError:
        raise LoadError(
            "读取网页需要 trafilatura 和 lxml：pip install 'doccheck[html]' (missing extra: html)"
        ) from None
    return lxml.html, trafilatura


# The encodings a page may declare: those of the web (WHATWG's list, by Python's names).
# A label naming anything else — Python's "undefined" (which fails on any input),
# "rot13", "unicode_escape" … — is ignored and the encoding detected instead.
WEB_ENCODINGS = frozenset(
    {
        "utf-8",
        "gbk",
        "gb2312",
        "gb18030",
        "hz",
        "big5",
        "big5hkscs",
        "cp950",
        "euc_jp",
        "iso2022_jp",
        "shift_jis",
        "cp932",
        "euc_kr",
        "cp949",
        "ascii",
        "koi8-r",
        "koi8-u",
        "mac-roman",
        "cp866",
        "tis-620",
        "cp874",
        *(f"iso8859-{n}" for n in range(1, 17)),
        *(f"cp{n}" for n in range(1250, 1259)),
    }
)
# A <meta> can only be read once the page is ASCII-compatible: one that says UTF-16 means UTF-8.
_UTF16 = ("utf-16", "utf-16-le", "utf-16-be")


def decode_page(data: bytes) -> str:
    from checker.load.readers.text import decode

    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            encoding = "utf-8" if encoding in _UTF16 else encoding
            if encoding in WEB_ENCODINGS:
                return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)[0]


def read(path: str, data: bytes) -> Source:
    lxml_html, trafilatura = _import_libraries()
    page = decode_page(data).replace("\r\n", "\n").replace("\r", "\n")
    page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)  # lxml refuses str input that declares an encoding
    if not page.strip():
        raise LoadError("网页是空的，没有可检查的文字")
    tree = parse_page(lxml_html, page)
    if tree is None:  # nested deeper than libxml2 builds: the extractor would lose the article too
        page = flatten(page)
        tree = parse_page(lxml_html, page)
        if tree is None:
            raise LoadError("网页的标签嵌套过深，压平之后仍无法完整解析，正文读不完整：这不像正常的网页，已拒绝检查")
    metadata = page_metadata(tree)
    extracted = trafilatura.extract(
        page,
        include_tables=True,
        include_comments=False,
        favor_recall=True,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
    )
    if not extracted or not extracted.strip():
        raise LoadError("网页中没有找到正文（可能只有导航或由脚本生成内容）")
    stream = TextStream(tree)
    builder = TextBuilder()
    lines = [line.strip() for line in extracted.split("\n")]
    title = _article_title(tree, metadata)
    if title and title not in lines[:5]:
        lines.insert(0, title)  # the extractor treats the heading as metadata; it is the 公文's title
    added: list[tuple[str, int, int]] = []  # each line of the text, with its span
    for line in lines:
        if not line or _is_metadata_line(line, metadata):
            continue
        start = builder.length
        stream.add_line(builder, line)
        added.append((line, start, builder.length))
        builder.newline()
    text, locate = builder.build()
    return Source(
        path=path,
        text=text,
        encoding=None,
        kind="html",
        metadata=metadata,
        locate=locate,
        raw=data,
        tables=page_tables(tree, added),
    )


def page_tables(tree: HtmlElement, lines: list[tuple[str, int, int]]) -> list[list[TableCell]]:
    """The page's tables whose cells the extractor kept, each cell a line of its own, in order.

    The extractor writes a table's non-empty cells one per line; a table is read when each
    of them is found as the next line of the text from where the previous one was (a table
    of metadata, dropped from the text, or one written another way is not)."""
    tables: list[list[TableCell]] = []
    cursor = 0
    for table in tree.iter("table"):
        if any(True for _ in table.iterancestors("table")) or any(True for _ in table.iterdescendants("table")):
            continue  # a layout table, or one holding tables: not a table of figures
        cells: list[TableCell] = []
        at = cursor
        taken: set[tuple[int, int]] = set()  # places covered by a cell of a row above (rowspan)
        for row, tr in enumerate(tr for tr in table.iter("tr")):
            column = 0
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                while (row, column) in taken:
                    column += 1
                taken.update(
                    (row + below, column + right)
                    for below in range(1, _span(td, "rowspan"))
                    for right in range(_span(td, "colspan"))
                )
                content = _SPACES.sub(" ", td.text_content()).strip()
                if content:
                    reach = range(at, len(lines) if not cells else min(at + 1, len(lines)))
                    found = next((index for index in reach if _SPACES.sub(" ", lines[index][0]) == content), None)
                    if found is None:
                        break
                    cells.append(TableCell(row, column, lines[found][1], lines[found][2]))
                    at = found + 1
                column += _span(td, "colspan")
            else:
                continue
            cells = []
            break
        if cells:
            if len(cells) <= TABLE_CELLS_READ:
                tables.append(cells)
            cursor = at
    return tables


def _span(cell: HtmlElement, attribute: str) -> int:
    """How many columns (colspan) or rows (rowspan) a cell takes, within reason."""
    try:
        return max(1, min(int(cell.get(attribute, "1")), 100))
    except ValueError:
        return 1


def parse_page(lxml_html: ModuleType, page: str) -> HtmlElement | None:
    """The page's element tree; None when it nests deeper than libxml2 builds (it then
    drops what lies deeper)."""
    from lxml import etree

    parser = lxml_html.HTMLParser()
    try:
        tree = lxml_html.fromstring(page, parser=parser)
    except Exception as error:  # lxml.etree.ParserError and friends
        raise LoadError(f"无法解析网页：{error}") from None
    if any(entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for entry in parser.error_log):
        return None
    return tree


def _article_title(tree: HtmlElement, metadata: dict[str, str]) -> str | None:
    """The article's heading: the first h1-h3 that the page's <title>, its ArticleTitle or
    its 信息名称 names (a site's logo heading does not match them)."""
    given = [metadata.get("标题"), metadata.get("信息名称")]
    page_title = tree.findtext(".//title")
    if page_title:
        given.append(page_title.strip())
    names = [_SPACES.sub("", name) for name in given if name]
    for element in tree.iter("h1", "h2", "h3"):
        text = _SPACES.sub(" ", element.text_content()).strip()
        squeezed = text.replace(" ", "")
        if len(squeezed) >= 4 and any(name.startswith(squeezed) or name == squeezed for name in names):
            return text
    return None


def _is_metadata_line(line: str, metadata: dict[str, str]) -> bool:
    """A metadata field the extractor kept in the text (it is in ``metadata`` already)."""
    match = _KEY_PATTERN.match(line)
    if match is None:
        return False
    name = _field_name(match.group("key"))
    return name is not None and name in metadata and len(line) < 200


def _field_name(key: str) -> str | None:
    name = _SPACES.sub("", key).replace("\u3000", "")
    return name if name in METADATA_KEYS else None


def page_metadata(tree: HtmlElement) -> dict[str, str]:
    """索引号, 发布机构, 发布日期 … from the page's metadata block and its <meta> tags."""
    fields: dict[str, str] = {}
    for element in tree.iter("td", "th", "li", "p", "span", "div", "dt", "dd", "label", "b", "strong", "em"):
        if len(element) > 3:  # a container of many fields; its leaves are visited one by one
            continue
        text = element.text_content()
        if len(text) > 300:
            continue
        match = _KEY_PATTERN.match(text)
        if not match:
            continue
        name = _field_name(match.group("key"))
        if not name or name in fields:
            continue
        value = _SPACES.sub(" ", match.group("value")).strip()
        if not value:
            sibling = element.getnext()
            value = _SPACES.sub(" ", sibling.text_content()).strip() if sibling is not None else ""
        if value:
            fields[name] = value
    for meta in tree.iter("meta"):
        name = (meta.get("name") or "").lower()
        content = (meta.get("content") or "").strip()
        if name in _META_TAGS and content:
            fields.setdefault(_META_TAGS[name], content)
    return fields


class TextStream:
    """The page's text nodes in document order, each with its element and source line,
    to find an extracted line again.

    Lines are looked for from where the last one was found. A line the extractor
    rewrote is in the page neither there nor anywhere else, and looking for it
    through the whole page for every such line would cost the page's length times
    the number of lines: the searches share a reading budget of a few times the
    page's length, and once it is spent a line is looked for only in a window after
    the cursor (a line not found has the place of the cursor, as before, and the
    cursor then moves past it).
    """

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "title"})
    # The searches together read at most eight times the page and a million characters
    # more; then only 4096 characters (and a few line lengths) past the cursor.
    _BUDGET_PAGES, _BUDGET_FLOOR, _WINDOW = 8, 1_000_000, 4096

    def __init__(self, tree: HtmlElement) -> None:
        chunks: list[str] = []
        self.places: list[tuple[int, int, str]] = []  # (start, source line, tag)
        length = 0
        for element in tree.iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            parent = element.getparent()
            if tag not in self._SKIP and element.text:
                self.places.append((length, element.sourceline or 0, tag))
                chunks.append(element.text)
                length += len(element.text)
            if element.tail and parent is not None and parent.tag not in self._SKIP:
                self.places.append((length, element.sourceline or 0, parent.tag if isinstance(parent.tag, str) else ""))
                chunks.append(element.tail)
                length += len(element.tail)
        self.text = "".join(chunks)
        self.starts = [start for start, _, _ in self.places]
        self.cursor = 0
        self._budget = self._BUDGET_PAGES * len(self.text) + self._BUDGET_FLOOR

    def place(self, offset: int) -> dict[str, Any]:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        if not self.places:
            return {}
        _, line, tag = self.places[index]
        return {"source_line": line, "tag": tag}

    def _look(self, line: str, search: Callable[[int, int], tuple[int, int] | None]) -> tuple[int, int] | None:
        """``search(start, end)`` — the (start, end) of a match in ``text[start:end]``, or None —
        from the cursor on, then from the start of the page; what each search reads is paid
        from the budget, and when it cannot pay for the whole page, only a window after the
        cursor is searched."""
        size = len(self.text)
        if self._budget < size:
            return search(self.cursor, min(size, self.cursor + self._WINDOW + 4 * len(line)))
        found = search(self.cursor, size)
        self._budget -= (found[1] if found else size) - self.cursor
        if found or self._budget < size:
            return found
        found = search(0, size)
        self._budget -= found[1] if found else size
        return found

    def find(self, line: str) -> list[int] | None:
        """Stream offsets of each character of ``line``, found from the cursor on (then from
        the start); None when the line is not in the page as such (the extractor rewrote it)."""
        text = self.text

        def exactly(start: int, end: int) -> tuple[int, int] | None:
            at = text.find(line, start, end)
            return (at, at + len(line)) if at >= 0 else None

        found = self._look(line, exactly)
        if found:
            self.cursor = found[1]
            return list(range(*found))
        # whitespace collapsed by the extractor: match token by token
        tokens = [re.escape(token) for token in line.split()]
        if not tokens:
            return None
        pattern = re.compile(r"\s+".join(tokens))

        def spaced(start: int, end: int) -> tuple[int, int] | None:
            match = pattern.search(text, start, end)
            return match.span() if match else None

        found = self._look(line, spaced)
        if not found:
            return None
        match_start, match_end = found
        offsets, source = [], match_start
        for ch in line:
            while source < match_end and text[source] != ch:
                source += 1
            offsets.append(min(source, match_end - 1))
            source += 1
        self.cursor = match_end
        return offsets

    def add_line(self, builder: TextBuilder, line: str) -> None:
        offsets = self.find(line)
        if offsets is None:
            builder.add(line, {**self.place(self.cursor), "extracted": True}, advance=())
            if self._budget < len(self.text):
                # Searching in a window now: the line not found most likely stands, rewritten,
                # right after the cursor, so the next lines are looked for past it.
                self.cursor = min(len(self.text), self.cursor + len(line) + 1)
            return
        # one piece per run of characters from the same text node
        run_start = 0
        for index in range(1, len(line) + 1):
            if index == len(line) or self._node(offsets[index]) != self._node(offsets[run_start]):
                builder.add(line[run_start:index], self.place(offsets[run_start]), advance=())
                run_start = index

    def _node(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)
