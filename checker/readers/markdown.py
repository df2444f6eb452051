"""Markdown (.md): the prose a reader sees, one paragraph per line, mapped back to the file.

Markdown wraps a paragraph over several lines; the checks read one paragraph per
line (brackets pair within a paragraph, a sentence runs on), so this reader gives
each heading, paragraph, list-item paragraph, quoted paragraph and table cell one
line of the checked text, with the markup removed (``#``, ``**``, link targets).
Wrapped lines are joined with nothing between Chinese characters and with a
space between Latin words. Code blocks, HTML blocks and YAML/TOML front matter are
skipped, except doccheck's own suppression comments. ``locate(offset)`` gives the line and column in the Markdown file, and
the engine reports those as the finding's position.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from checker import patterns
from checker.document import Source
from checker.readers import LoadError
from checker.readers.sourcemap import TextBuilder
from checker.readers.text import decode, newline_style

_FRONT_MATTER = patterns.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n(\1|\.\.\.)[ \t]*(\n|\Z)", re.S)
_WORDY = patterns.compile(r"[A-Za-z0-9,.;:!?)\]'\"%]")


def _parser():
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
    return "\n" * match.group(0).count("\n") + text[match.end():]


def read(path: str, data: bytes) -> Source:
    text, encoding, bom = decode(data)
    newline = newline_style(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tokens = _parser().parse(without_front_matter(text))
    builder = TextBuilder()
    row_map: Optional[list[int]] = None
    for token in tokens:
        if token.type == "tr_open":
            row_map = token.map
        if token.type == "html_block" and "doccheck-" in token.content and token.map:
            _add_directives(builder, lines, token.map)
        if token.type != "inline":
            continue
        block_map = token.map or row_map
        if block_map is None:
            continue
        _add_inline(builder, token, lines, block_map[0])
        builder.newline()
    extracted, locate = builder.build()
    return Source(path=path, text=extracted, encoding=encoding, newline=newline, bom=bom, kind="markdown",
                  locate=locate, raw=data)


def _add_directives(builder: TextBuilder, lines: list[str], block_map: list[int]) -> None:
    """Suppression comments (``<!-- doccheck-disable-next-line … -->``) stay in the text,
    each on its own line, so that they apply to the paragraph after them."""
    for number in range(block_map[0], min(block_map[1], len(lines))):
        source = lines[number]
        if "doccheck-" in source:
            stripped = source.strip()
            builder.add(stripped, {"line": number + 1, "column": source.index(stripped) + 1}, advance=("column",))
            builder.newline()


def _content_columns(content: str, lines: list[str], first_line: int) -> list[tuple[int, int]]:
    """(0-based line in the file, column where it starts) of each line of an inline's content."""
    places = []
    for index, content_line in enumerate(content.split("\n")):
        number = min(first_line + index, len(lines) - 1)
        source = lines[number]
        column = source.find(content_line) if content_line else -1
        if column < 0:
            column = len(source) - len(source.lstrip(" \t>"))
        places.append((number, column))
    return places


def _add_inline(builder: TextBuilder, token, lines: list[str], first_line: int) -> None:
    content = token.content
    places = _content_columns(content, lines, first_line)
    line_starts = [0]
    for line in content.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    cursor = 0
    pending_break = False
    previous = ""
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            pending_break = True
            continue
        if child.type == "html_inline" and "doccheck-" in child.content:
            at = content.find(child.content, cursor)
            builder.add(child.content, _place(places, line_starts, max(at, cursor)), advance=("column",))
            continue
        if child.type not in ("text", "code_inline") or not child.content:
            continue  # markup, inline HTML, images
        piece = child.content
        at = content.find(piece, cursor)
        if pending_break and previous and _WORDY.match(previous[-1]) and _WORDY.match(piece[0]):
            builder.add(" ", _place(places, line_starts, max(0, at if at >= 0 else cursor)), advance=())
        pending_break = False
        if at < 0:  # an entity or escape the parser rewrote: keep it, placed at the cursor
            builder.add(piece, _place(places, line_starts, cursor), advance=())
        else:
            builder.add(piece, _place(places, line_starts, at), advance=("column",))
            cursor = at + len(piece)
        previous = piece


def _place(places: list[tuple[int, int]], line_starts: list[int], offset: int) -> dict[str, int]:
    index = max(0, bisect.bisect_right(line_starts, offset) - 1)
    number, column = places[min(index, len(places) - 1)]
    return {"line": number + 1, "column": column + offset - line_starts[index] + 1}
