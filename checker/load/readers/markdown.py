"""Markdown (.md): the prose a reader sees, one paragraph per line, mapped back to the file.

Markdown wraps a paragraph over several lines; the checks read one paragraph per
line (brackets pair within a paragraph, a sentence runs on), so this reader gives
each heading, paragraph, list-item paragraph, quoted paragraph and table cell one
line of the checked text, with the markup removed (``#``, ``**``, link targets).
Wrapped lines are joined with nothing between Chinese characters and with a
space between Latin words. Code blocks, HTML blocks and YAML/TOML front matter are
skipped, except doccheck's own suppression comments. ``locate(offset)`` gives the line
and column in the Markdown file, and the engine reports those as the finding's position.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from checker.core import patterns
from checker.load.readers import LoadError
from checker.load.readers.sourcemap import TextBuilder
from checker.load.readers.text import decode, newline_style
from checker.load.source import TABLE_CELLS_READ, Source, TableCell

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_FRONT_MATTER = patterns.lazy(r"\A(---|\+\+\+)[ \t]*\n.*?\n(\1|\.\.\.)[ \t]*(\n|\Z)", re.S)
_WORDY = patterns.lazy(r"[A-Za-z0-9,.;:!?)\]'\"%]")


def _parser() -> MarkdownIt:
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        raise LoadError("读取 Markdown 需要 markdown-it-py：pip install markdown-it-py") from None
    return MarkdownIt("commonmark").enable("table")


def without_front_matter(text: str) -> str:
    """The text with YAML/TOML front matter blanked (its lines kept, empty)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    return "\n" * match.group(0).count("\n") + text[match.end() :]


def read(path: str, data: bytes) -> Source:
    text, encoding, bom = decode(data)
    newline = newline_style(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tokens = _parser().parse(without_front_matter(text))
    builder = TextBuilder()
    row_map: list[int] | None = None  # the table row being read, if any
    row_cursor = 0  # where the row's next cell may start
    tables: list[list[TableCell]] = []
    row, cell = -1, 0  # the cell being read, in the last table
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
            row = -1
        elif token.type == "tr_open":
            row_map, row_cursor = token.map, 0
            row, cell = row + 1, 0
        elif token.type == "tr_close":
            row_map = None
        if token.type == "html_block" and "doccheck-" in token.content and token.map:
            _add_directives(builder, lines, token.map)
        if token.type != "inline":
            continue
        if row_map is not None and row_map[0] < len(lines):  # a cell: on the row's line, left to right
            block_map = row_map
            column = lines[row_map[0]].find(token.content, row_cursor) if token.content else -1
            places: list[tuple[int, int] | None] = [(row_map[0], column) if column >= 0 else None]
            row_cursor = column + len(token.content) if column >= 0 else row_cursor
        elif token.map is not None:
            block_map = token.map
            places = _content_places(token.content, lines, block_map)
        else:
            continue
        cell_start = builder.length
        _add_inline(builder, token, block_map[0], places)
        if row_map is not None and tables and len(tables[-1]) <= TABLE_CELLS_READ:
            tables[-1].append(TableCell(row, cell, cell_start, builder.length))
            cell += 1
        builder.newline()
    extracted, locate = builder.build()
    return Source(
        path=path,
        text=extracted,
        encoding=encoding,
        newline=newline,
        bom=bom,
        kind="markdown",
        locate=locate,
        raw=data,
        file_text=text,
        tables=[table for table in tables if 0 < len(table) <= TABLE_CELLS_READ],
    )


def _add_directives(builder: TextBuilder, lines: list[str], block_map: list[int]) -> None:
    """Suppression comments (``<!-- doccheck-disable-next-line … -->``) stay in the text,
    each on its own line, so that they apply to the paragraph after them."""
    for number in range(block_map[0], min(block_map[1], len(lines))):
        source = lines[number]
        if "doccheck-" in source:
            stripped = source.strip()
            builder.add(stripped, {"line": number + 1, "column": source.index(stripped) + 1}, advance=("column",))
            builder.newline()


def _content_places(content: str, lines: list[str], block_map: list[int]) -> list[tuple[int, int] | None]:
    """(0-based line in the file, column where it starts) of each line of an inline's
    content, or None for a line that cannot be found in the file.

    markdown-it strips the content's leading and trailing white space with Python's
    ``str.strip``, which also removes full-width spaces (U+3000), so a first line made
    only of them disappears and the content's line k is not always the block's line k.
    Each content line is the tail of one of the block's lines (after the markers ``>``,
    ``-``, indentation), in order: it is looked for from the line after the previous
    one, and must end its file line but for trailing white space.
    """
    places: list[tuple[int, int] | None] = []
    number, end = block_map[0], min(block_map[1], len(lines))
    for content_line in content.split("\n"):
        place = None
        for candidate in range(number, end):
            column = _tail_column(lines[candidate], content_line)
            if column is not None:
                place, number = (candidate, column), candidate + 1
                break
        places.append(place)
    return places


def _tail_column(source: str, content_line: str) -> int | None:
    """The column where ``content_line`` ends ``source`` (up to trailing white space)."""
    if not content_line:
        return None
    at = source.rfind(content_line)
    if at < 0 or source[at + len(content_line) :].strip():
        return None
    return at


def _add_inline(builder: TextBuilder, token: Token, first_line: int, places: list[tuple[int, int] | None]) -> None:
    content = token.content
    line_starts = [0]
    for line in content.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)

    def add(piece: str, offset: int, exact: bool) -> None:
        place, found = _place(places, line_starts, offset, first_line)
        # only a character whose place in the file is known may be fixed there
        builder.add(piece, place, advance=("column",) if exact and found else ())

    cursor = 0
    pending_break = False
    previous = ""
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            pending_break = True
            continue
        if child.type == "html_inline" and "doccheck-" in child.content:
            at = content.find(child.content, cursor)
            add(child.content, max(at, cursor), exact=at >= 0)
            continue
        if child.type not in ("text", "code_inline") or not child.content:
            continue  # markup, inline HTML, images
        piece = child.content
        at = content.find(piece, cursor)
        if pending_break and previous and _WORDY.match(previous[-1]) and _WORDY.match(piece[0]):
            builder.add(" ", _place(places, line_starts, max(0, at if at >= 0 else cursor), first_line)[0], advance=())
        pending_break = False
        if at < 0:  # an entity or escape the parser rewrote: keep it, placed at the cursor
            add(piece, cursor, exact=False)
        else:
            add(piece, at, exact=True)
            cursor = at + len(piece)
        previous = piece


def _place(
    places: list[tuple[int, int] | None], line_starts: list[int], offset: int, first_line: int
) -> tuple[dict[str, int], bool]:
    """Line and column in the file of the content's ``offset``, and whether they are
    known exactly (a content line not found in the file is placed at its block)."""
    index = max(0, bisect.bisect_right(line_starts, offset) - 1)
    index = min(index, len(places) - 1)
    found = places[index]
    if found is None:
        known = next((place for place in reversed(places[:index]) if place is not None), None)
        number = known[0] if known else first_line
        return {"line": number + 1, "column": 1}, False
    number, column = found
    return {"line": number + 1, "column": column + offset - line_starts[index] + 1}, True
