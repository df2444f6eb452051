"""The text of a Word document as Word shows it, and the XML element of every character.

:func:`story_paragraphs` walks a story (the body, a header or a footer; :func:`note_paragraphs`
the footnotes or the endnotes) and yields its paragraphs in reading order: body
paragraphs, those inside content controls
(``w:sdt``) and custom XML, table cells row by row (tables nested in cells too), and
the paragraphs of a text box right after the paragraph that anchors it (the
``mc:Choice`` drawing only: its VML ``mc:Fallback`` copy holds the same text again).

A paragraph's text is the document as it reads with every tracked change accepted
(``view="accepted"``: ``w:ins`` and ``w:moveTo`` counted, ``w:del`` and ``w:moveFrom``
not) or as it was before them (``view="original"``: the other way round, the deleted
characters read from ``w:delText``). Each stretch of text is a :class:`Span` naming
the element that holds it, so that the .docx reader, the annotator and the writer of
tracked changes all find the same characters from the same offsets: they build the
checked text from these paragraphs in the same way (:func:`checked_text`).

Only ``w:t`` (and, in the original view, ``w:delText``) is *editable*: a fix may
replace its characters. A tab is a character of the text that a fix leaves alone; a
manual line break ends no paragraph and adds no character (the paragraph stays one
line of the checked text, as before).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

View = Literal["accepted", "original"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@functools.cache
def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Span(NamedTuple):
    """A stretch of one paragraph's text and where it is held."""

    start: int  # offset in the paragraph's text (where a manual line break counts one)
    text: str
    element: Element | None  # the w:t (or w:delText) holding it; None: a tab, not editable
    run: Element | None  # its w:r


@dataclass
class WordParagraph:
    element: Element  # the w:p
    place: dict[str, Any]  # where it is, as findings report it
    spans: list[Span] = field(default_factory=list)
    label: str = ""  # the list number Word shows before it (not in the file's text)
    style: str | None = None  # its paragraph style's id
    length: int = 0  # of its text, manual line breaks counted (the offsets ``Span.start`` counts in)

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


# Inline containers whose runs are read as they are
_TRANSPARENT = {
    w("hyperlink"),
    w("smartTag"),
    w("customXml"),
    w("fldSimple"),
    w("sdtContent"),
    w("sdt"),
    w("dir"),
    w("bdo"),
}
_BLOCK_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml")}
_ACCEPTED_ONLY = {w("ins"), w("moveTo")}
_ORIGINAL_ONLY = {w("del"), w("moveFrom")}
_R, _T, _DELETED_TEXT, _NO_BREAK_HYPHEN, _CR, _BR, _TYPE = (
    w(tag) for tag in ("r", "t", "delText", "noBreakHyphen", "cr", "br", "type")
)
_TABS = {w("tab"), w("ptab")}
_DRAWINGS = {w("drawing"), w("pict"), f"{{{MC}}}AlternateContent", w("object")}


def story_paragraphs(
    story: Element, view: View = "accepted", place: dict[str, Any] | None = None
) -> Iterator[WordParagraph]:
    """The paragraphs of ``story`` (w:body, w:ftr, w:footnote …) in reading order.

    Body paragraphs are numbered ``{"paragraph": n}`` among the story's own paragraphs
    (content controls included), table cells ``{"table", "row", "column", "paragraph"}``
    (a table nested in a cell adds ``inner_table``, ``inner_row``, ``inner_column``),
    text boxes ``{"textbox": n, "paragraph": k}``; ``place`` is added to each."""
    counters = {"paragraph": 0, "table": 0, "textbox": 0}
    yield from _blocks(story, view, dict(place or {}), counters, top=True)


# Notes Word keeps in the notes part for itself: the rule above the notes, not a note
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}


def note_paragraphs(notes: Element, view: View, place: dict[str, Any]) -> Iterator[WordParagraph]:
    """The paragraphs of the footnotes or endnotes part ``notes`` (w:footnotes, w:endnotes),
    note after note: ``{**place, "note": k, "paragraph": n}``, where ``k`` counts the
    notes as Word numbers them (its own separators left out) and ``n`` the paragraphs
    of the whole part, so that a paragraph number names one paragraph of the part."""
    counters = {"paragraph": 0, "table": 0, "textbox": 0}
    number = 0
    for note in notes:
        if note.tag not in (w("footnote"), w("endnote")) or note.get(w("type")) in _NOT_NOTES:
            continue
        number += 1
        yield from _blocks(note, view, {**place, "note": number}, counters, top=True)


def _blocks(
    container: Element, view: View, base: dict[str, Any], counters: dict[str, int], top: bool
) -> Iterator[WordParagraph]:
    for child in container:
        tag = child.tag
        if tag == w("p"):
            counters["paragraph"] += 1
            paragraph = WordParagraph(child, {**base, "paragraph": counters["paragraph"]})
            boxes: list[Element] = []
            _inline(child, view, paragraph, boxes, inside=None)
            yield paragraph
            for box in boxes:
                counters["textbox"] += 1
                box_place = {key: value for key, value in base.items() if key != "paragraph"}
                box_place["textbox"] = counters["textbox"]
                yield from _blocks(box, view, box_place, {"paragraph": 0, "table": 0, "textbox": 0}, top=False)
        elif tag == w("tbl"):
            counters["table"] += 1
            yield from _table(child, view, base, counters["table"], top, counters)
        elif tag in _BLOCK_CONTAINERS or tag in (_ACCEPTED_ONLY if view == "accepted" else _ORIGINAL_ONLY):
            yield from _blocks(child, view, base, counters, top)


def _table(
    table: Element, view: View, base: dict[str, Any], number: int, top: bool, counters: dict[str, int]
) -> Iterator[WordParagraph]:
    keys = ("table", "row", "column") if top else ("inner_table", "inner_row", "inner_column")
    for row, column, cell in table_cells(table):
        cell_place = {key: value for key, value in base.items() if key != "paragraph"}
        cell_place.update(zip(keys, (number, row, column), strict=True))
        yield from _blocks(
            cell, view, cell_place, {"paragraph": 0, "table": 0, "textbox": counters["textbox"]}, top=False
        )


def table_cells(table: Element) -> Iterator[tuple[int, int, Element]]:
    """(row, column, w:tc), 1-based; a merged cell once, at its first position.

    The column counts grid columns (a cell spanning three columns takes three). A
    vertical merge continued below is the cell above; a horizontal span is counted
    from ``w:gridSpan`` without repeating the cell (a span can claim a billion columns)."""
    above: dict[int, Element] = {}  # grid column → the cell element holding the content there
    rows = [child for child in table if child.tag == w("tr")]
    for row_index, row in enumerate(rows, 1):
        grid = _count(row.find(f"{w('trPr')}/{w('gridBefore')}"), default=0)
        column, here = 1, {}
        for tc in _cells_of_row(row):
            properties = tc.find(w("tcPr"))
            span = max(1, _count(properties.find(w("gridSpan")), default=1)) if properties is not None else 1
            merge = properties.find(w("vMerge")) if properties is not None else None
            continued = merge is not None and merge.get(w("val"), "continue") == "continue"
            owner = above.get(grid, tc) if continued else tc  # a merge with nothing above stands alone
            here[grid] = owner
            if owner is tc:
                yield row_index, column, tc
            column += span
            grid += span
        above = here


def _cells_of_row(row: Element) -> Iterator[Element]:
    for child in row:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from _cells_of_row(child)


def _count(element: Element | None, default: int) -> int:
    """A small count from a ``w:val`` (a span, columns skipped); ``default`` when absent or unreadable."""
    value = element.get(w("val")) if element is not None else None
    return int(value) if value is not None and value.isascii() and value.isdigit() and len(value) <= 6 else default


def _inline(container: Element, view: View, paragraph: WordParagraph, boxes: list[Element], inside: str | None) -> None:
    for child in container:
        tag = child.tag
        if tag == _R:
            _run(child, view, paragraph, boxes, inside)
        elif tag in _TRANSPARENT or (tag in _ACCEPTED_ONLY and view == "accepted"):
            _inline(child, view, paragraph, boxes, inside)
        elif tag in _ORIGINAL_ONLY and view == "original":
            _inline(child, view, paragraph, boxes, "deleted")


def _run(run: Element, view: View, paragraph: WordParagraph, boxes: list[Element], inside: str | None) -> None:
    for child in run:
        tag = child.tag
        if tag == _T or (tag == _DELETED_TEXT and inside == "deleted"):
            _append(paragraph, child.text or "", child, run)
        elif tag in _TABS:
            _append(paragraph, "\t", None, run)
        elif tag == _NO_BREAK_HYPHEN:
            _append(paragraph, "-", None, run)
        elif tag == _CR or (tag == _BR and child.get(_TYPE, "textWrapping") == "textWrapping"):
            paragraph.length += 1  # a character of the paragraph's offsets, none of the checked text
        elif tag in _DRAWINGS:
            boxes.extend(_text_boxes(child))


def _append(paragraph: WordParagraph, text: str, element: Element | None, run: Element) -> None:
    if text:
        paragraph.spans.append(Span(paragraph.length, text, element, run))
        paragraph.length += len(text)


def _text_boxes(element: Element) -> list[Element]:
    """The outermost text boxes under ``element``, without the VML fallback copies."""
    found: list[Element] = []
    for child in element:
        if child.tag == f"{{{MC}}}Fallback":
            continue
        if child.tag == w("txbxContent"):
            found.append(child)
        elif isinstance(child.tag, str):
            found.extend(_text_boxes(child))
    return found


def reread(paragraph: WordParagraph, view: View = "accepted") -> WordParagraph:
    """``paragraph`` walked again after its runs were edited (same place and label)."""
    again = WordParagraph(paragraph.element, paragraph.place, label=paragraph.label, style=paragraph.style)
    _inline(paragraph.element, view, again, [], inside=None)
    return again


def checked_text(paragraphs: list[WordParagraph]) -> tuple[str, list[int]]:
    """The checked text of ``paragraphs`` (label and text, one line each) and where each
    paragraph's own text (after its label) starts in it."""
    pieces, starts, length = [], [], 0
    for paragraph in paragraphs:
        pieces.append(paragraph.label)
        length += len(paragraph.label)
        starts.append(length)
        text = paragraph.text
        pieces.append(text)
        pieces.append("\n")
        length += len(text) + 1
    return "".join(pieces), starts
