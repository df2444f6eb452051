"""Word documents (.docx) with python-docx: body text in order, a way back to each paragraph.

The checked text has one line per paragraph, in reading order as
:mod:`~checker.load.readers.docx_text` walks them (content controls, table cells
and nested tables, text boxes; tracked changes accepted unless the original is
asked for), each after the list number Word generates, as Word displays it
(一、 （一） 1. …). The footnotes, the endnotes, the headers and the footers follow
the body, each a part of its own: their paragraphs are located by the part's name and
their number within it (``{"part": "footnotes", "note": 2, "paragraph": 3, …}``,
``{"part": "header1", "paragraph": 1, …}``), and their type is not the body's (the
LY rules judge the body only). ``locate(offset)`` gives the paragraph (1-based),
table cell or text box and the character offset in that paragraph's text; the
annotator and the writer of tracked changes find the characters again through the
same walk.

What the file states about its layout goes to ``Source.layout`` for the LY rules:
the page setup of the first section and, for every run of body text, the East
Asian font and the font size in effect (resolved through the run, its character
style, the paragraph style chain and the document defaults; ``None`` when the file
leaves it to a theme or to Word's built-in default).
"""

from __future__ import annotations

import functools
import io
import posixpath
from collections.abc import Callable, Iterator
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from checker.core import patterns
from checker.load.layout import Layout, PageSetup, ParagraphSpan, StyledRun
from checker.load.readers import LoadError
from checker.load.readers.docx_package import check_package
from checker.load.readers.docx_text import View, WordParagraph, note_paragraphs, story_paragraphs, w
from checker.load.readers.sourcemap import TextBuilder
from checker.load.source import TABLE_CELLS_READ, Source, TableCell

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.shared import Length
    from lxml.etree import _Element as Element

QualifiedName = Callable[[str], str]  # docx's qn: "w:val" → "{namespace}val"

EXTRA = "docx"
TRACKED_CHANGES = True  # ``read`` takes a view: tracked changes accepted, or the original


def _import_docx() -> tuple[ModuleType, QualifiedName]:
    try:
        import docx
        from docx.opc.constants import CONTENT_TYPE
        from docx.opc.part import PartFactory, XmlPart
        from docx.oxml.ns import qn
    except ImportError:
        raise LoadError("读取 .docx 需要 python-docx：pip install 'doccheck[docx]' (missing extra: docx)") from None
    # python-docx keeps the notes as bytes; as XML parts their text can be read and
    # their revisions written (it serialises an XML part's tree when it saves)
    for content_type in (CONTENT_TYPE.WML_FOOTNOTES, CONTENT_TYPE.WML_ENDNOTES):
        PartFactory.part_type_for.setdefault(content_type, XmlPart)
    return docx, _cached(qn)


@functools.cache
def _cached(qn: QualifiedName) -> QualifiedName:
    # a dozen names asked for again for every paragraph and run: python-docx's qn
    # splits and looks each one up every time
    return functools.cache(qn)


def open_document(data: bytes) -> DocxDocument:
    """The python-docx document of ``data``, once the package has passed
    :func:`~checker.load.readers.docx_package.check_package` (sizes, ratio, no DTD)."""
    docx, _ = _import_docx()
    from docx.opc.exceptions import PackageNotFoundError

    check_package(data)
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise LoadError(
            f"不是有效的 .docx 文件（{type(error).__name__}），请用 Word/WPS 另存为 .docx 后再检查"
        ) from None
    except Exception as error:  # zipfile.BadZipFile, lxml errors …
        raise LoadError(f"无法打开 .docx 文件：{type(error).__name__}（文件可能损坏或不是 .docx）") from None


def read(path: str, data: bytes, view: View = "accepted") -> Source:
    """The text of the .docx as it reads with every tracked change accepted (``view``
    "original": as it read before them)."""
    import gc

    # What the last document read left (its tree, in cycles with the objects the checks
    # made of it) goes first: frozen below, it would outlive every collection of the
    # process, and one that reads .docx after .docx (the server, the language server) grew by
    # megabytes with each.
    gc.collect()
    # The collection that frees this document's tree (below) need look only at what
    # reading made: what the process held before is set aside from it (a fix reads the
    # document again after each pass, beside everything the checks hold). Not when
    # something else froze objects already: unfreezing would hand back its objects too.
    set_aside = gc.get_freeze_count() == 0
    if set_aside:
        gc.freeze()
    try:
        source = _read(path, data, view)
        _give_back_the_tree(trim=len(source.text) >= LARGE_TEXT)
    finally:
        if set_aside:
            gc.unfreeze()
    return source


def _read(path: str, data: bytes, view: View) -> Source:
    document = open_document(data)
    from docx.exceptions import InvalidXmlError as DocxValueError
    from docx.oxml.exceptions import InvalidXmlError as OxmlValueError

    try:
        return _read_document(path, data, document, view)
    except (ValueError, DocxValueError, OxmlValueError) as error:
        # python-docx parses an attribute when it is read (w:pgSz w:w="abc", w:br w:type="x")
        raise LoadError(
            f".docx 中有 Word 格式不允许的值，无法读取（{type(error).__name__}: {_shown_value(str(error), 120)}）"
        ) from None


# characters of checked text from which a document's XML tree is worth handing back
# to the system at once (a table of 120,000 cells: 325,000 characters, a 100 MB tree)
LARGE_TEXT = 100_000


def _give_back_the_tree(*, trim: bool) -> None:
    """Free the document's XML tree now, and with ``trim`` return its memory to the system.

    python-docx's package and its parts refer to each other, so the tree goes only
    with a collection, which the interpreter's own (counting objects, not the libxml2
    memory a few of them hold) runs seldom. This one looks only at what reading made
    (:func:`read` sets the rest aside), so it costs little. libxml2 frees its nodes into
    the C heap, where the Python objects the checks build next (in arenas of their own)
    never reuse them: after a large text, ``malloc_trim`` gives that memory back rather
    than have it counted again under everything the check builds after it."""
    import gc

    gc.collect()
    if not trim:
        return
    malloc_trim = _malloc_trim()
    if malloc_trim is not None:
        malloc_trim(0)


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``; None on a C library without it (musl, macOS, Windows)."""
    import ctypes

    try:
        program = ctypes.CDLL(None)  # the interpreter and the C library it is linked with
    except (OSError, TypeError):  # Windows loads no library by None
        return None
    return getattr(program, "malloc_trim", None)


def word_paragraphs(
    document: DocxDocument, view: View = "accepted", styles: StyleResolver | None = None
) -> list[WordParagraph]:
    """The body's paragraphs in reading order (see :mod:`docx_text`), then those of the
    footnotes, the endnotes, the headers and the footers (:func:`story_parts`), each
    with the list number Word shows before it."""
    return list(each_word_paragraph(document, view, styles))


def each_word_paragraph(
    document: DocxDocument, view: View = "accepted", styles: StyleResolver | None = None
) -> Iterator[WordParagraph]:
    """:func:`word_paragraphs` one at a time: the reader keeps none of them, and a
    paragraph's spans hold a Python object for each of its elements (a table of
    120,000 cells made them 120 MB beside the document's own tree)."""
    _, qn = _import_docx()
    styles = styles or StyleResolver(document, qn)
    numbers = Numbering(document, qn)
    for paragraph in _story_and_parts(document, view):
        paragraph.style = styles.paragraph_style_id(paragraph.element)
        paragraph.label = numbers.label(paragraph.element, paragraph.style)
        yield paragraph


def _story_and_parts(document: DocxDocument, view: View) -> Iterator[WordParagraph]:
    yield from story_paragraphs(document.element.body, view)
    for name, root in story_parts(document):
        place = {"part": name}
        if root.tag in (w("footnotes"), w("endnotes")):
            yield from note_paragraphs(root, view, place)
        else:
            yield from story_paragraphs(root, view, place)


def story_parts(document: DocxDocument) -> list[tuple[str, Element]]:
    """The parts of the document besides its body that hold text Word shows, as
    (name, root element): the footnotes, the endnotes, then every header and every
    footer in the order the sections name them. The name is the part's file name
    without ``.xml`` ("footnotes", "header1"), as findings in it are located."""
    parts: list[tuple[str, Element]] = []
    relationships = document.part.rels
    for relationship in relationships.values():
        if relationship.reltype in (_FOOTNOTES, _ENDNOTES) and not relationship.is_external:
            element = getattr(relationship.target_part, "element", None)
            if element is not None:
                parts.append((_part_name(relationship.target_part), element))
    parts.sort(key=lambda part: part[0] != "footnotes")
    seen: set[str] = set()
    for kind in ("headerReference", "footerReference"):
        for reference in document.element.body.iter(w(kind)):
            identifier = reference.get(_RELATIONSHIP_ID)
            relationship = relationships.get(identifier) if identifier else None
            if relationship is None or relationship.is_external or identifier in seen:
                continue
            seen.add(identifier)
            element = getattr(relationship.target_part, "element", None)
            if element is not None:
                parts.append((_part_name(relationship.target_part), element))
    return parts


def _part_name(part: Any) -> str:
    return posixpath.splitext(posixpath.basename(str(part.partname)))[0]


_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _read_document(path: str, data: bytes, document: DocxDocument, view: View) -> Source:
    _, qn = _import_docx()
    styles = StyleResolver(document, qn)
    builder = TextBuilder()
    runs: list[StyledRun] = []
    paragraph_spans: list[ParagraphSpan] = []
    tables: dict[int, dict[tuple[int, int], tuple[int, int]]] = {}  # table → (row, column) → span of its text
    commented = CommentedParagraphs(qn)
    for paragraph in each_word_paragraph(document, view, styles):
        place, start = paragraph.place, builder.length
        if paragraph.label:
            builder.add(paragraph.label, {**place, "offset": 0, "numbering": True}, advance=())
        for span in paragraph.spans:
            piece_start = builder.length
            builder.add(span.text, {**place, "offset": span.start})
            if span.run is not None and "part" not in place:  # the type of the body's text, for the LY rules
                font, size = styles.run_font(span.run, paragraph.style)
                runs.append(StyledRun(piece_start, builder.length, font, size))
        if place.keys() == {"paragraph"}:
            paragraph_spans.append(ParagraphSpan(start, builder.length, place["paragraph"]))
        elif place.keys() == {"table", "row", "column", "paragraph"}:  # a cell of a table of the body
            cells = tables.setdefault(place["table"], {})
            key = (place["row"] - 1, place["column"] - 1)
            if len(cells) <= TABLE_CELLS_READ:
                cells[key] = (cells[key][0] if key in cells else start, builder.length)
        commented.add(paragraph.element, start, builder.length)
        builder.newline()
    text, locate = builder.build()
    layout = Layout(
        page=_page_setup(document),
        runs=tuple(runs),
        paragraph_spans=tuple(paragraph_spans),
        headers=_furniture(document, "header"),
        footers=_furniture(document, "footer"),
    )
    metadata = {
        key: value
        for key, value in (("标题", document.core_properties.title), ("作者", document.core_properties.author))
        if value
    }
    return Source(
        path=path,
        text=text,
        encoding=None,
        kind="docx",
        metadata=metadata,
        locate=locate,
        raw=data,
        layout=layout,
        tables=[
            [TableCell(row, column, start, end) for (row, column), (start, end) in cells.items()]
            for _, cells in sorted(tables.items())
            if len(cells) <= TABLE_CELLS_READ
        ],
        suppressions=commented.suppressions(document),
    )


_DISABLE_COMMENT = patterns.lazy(r"\A\s*doccheck-disable\b([^\n]{0,300})\s*\Z")


class CommentedParagraphs:
    """The paragraphs each Word comment is anchored on, for comments that say
    ``doccheck-disable CODE …``: such a comment suppresses those rules in the paragraphs
    its range touches (from the one holding its start to the one holding its end, or
    the one holding its mark when it has no range)."""

    def __init__(self, qn: QualifiedName) -> None:
        self.marks = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))
        self.id_attribute = qn("w:id")
        self.open: set[str] = set()  # comments whose range began and has not yet ended
        self.spans: list[tuple[int, int, set[str]]] = []

    def add(self, element: Element, start: int, end: int) -> None:
        covered = set(self.open)
        for mark in element.iter(*self.marks):
            comment = mark.get(self.id_attribute)
            if comment is None:
                continue
            covered.add(comment)
            if mark.tag == self.marks[0]:
                self.open.add(comment)
            elif mark.tag == self.marks[1]:
                self.open.discard(comment)
        if covered:
            self.spans.append((start, end, covered))

    def suppressions(self, document: DocxDocument) -> tuple[tuple[int, int, str], ...]:
        if not self.spans:  # most documents: their comments part is never read
            return ()
        names = {}
        for comment in document.comments:
            said = _DISABLE_COMMENT.match(comment.text or "")
            if said:
                names[str(comment.comment_id)] = said.group(1).strip()
        return tuple(
            (start, end, names[comment])
            for start, end, covered in self.spans
            for comment in sorted(covered)
            if comment in names
        )


def _mm(length: Length | None) -> float | None:
    return round(length / 36000, 1) if length is not None else None


def _page_setup(document: DocxDocument) -> PageSetup | None:
    if not document.sections:
        return None
    section = document.sections[0]
    return PageSetup(
        width_mm=_mm(section.page_width),
        height_mm=_mm(section.page_height),
        top_mm=_mm(section.top_margin),
        bottom_mm=_mm(section.bottom_margin),
        left_mm=_mm(section.left_margin),
        right_mm=_mm(section.right_margin),
        orientation="landscape" if section.orientation == 1 else "portrait",
        sections=len(document.sections),
    )


def _furniture(document: DocxDocument, kind: Literal["header", "footer"]) -> tuple[str, ...]:
    texts = []
    for section in document.sections:
        part = section.header if kind == "header" else section.footer
        if part.is_linked_to_previous:
            continue
        text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
        if text:
            texts.append(text)
    return tuple(texts)


class StyleResolver:
    """The East Asian font and size in effect for a run, where the file states them."""

    def __init__(self, document: DocxDocument, qn: QualifiedName) -> None:
        self.qn = qn
        self.styles: dict[str, Any] = {}
        self.default_paragraph_style: str | None = None
        styles_element = document.styles.element
        for style in styles_element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            self.styles[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph_style = style_id
        self.defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        # (paragraph style, character style) → the font and size they give a run
        self._cache: dict[tuple[str | None, str | None], tuple[Font | Unstated, Size | Unstated]] = {}

    def paragraph_style_id(self, paragraph: Element) -> str | None:
        style = paragraph.find(_PARAGRAPH_STYLE)
        return style.get(_VAL) if style is not None else self.default_paragraph_style

    def _chain(self, style_id: str | None) -> list[Element | None]:
        chain: list[Element | None] = []
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style.find(self.qn("w:rPr")))
            based = style.find(self.qn("w:basedOn"))
            style_id = based.get(self.qn("w:val")) if based is not None else None
        return chain

    def run_font(self, run: Element, paragraph_style: str | None) -> tuple[str | None, float | None]:
        """The font and size of ``run`` in a paragraph of style ``paragraph_style``
        (:meth:`paragraph_style_id`)."""
        # the schema puts a run's w:rPr first, and its w:rStyle, w:rFonts and w:sz once
        # each: one look at the run's first child and one walk of its properties
        run_props = next(iter(run), None)
        character_style = own_fonts = own_size = None
        if run_props is not None and run_props.tag == _RUN_PROPERTIES:
            for child in run_props:
                tag = child.tag
                if tag == _RUN_STYLE:
                    character_style = child.get(_VAL)
                elif tag == _FONTS:
                    own_fonts = child
                elif tag == _SIZE:
                    own_size = child
        key = (paragraph_style, character_style)
        if key not in self._cache:
            inherited = self._chain(character_style) + self._chain(key[0]) + [self.defaults]
            self._cache[key] = (_first(inherited, self._font), _first(inherited, self._size))
        font, size = self._cache[key]
        if own_fonts is not None:
            stated = _east_asian_font(own_fonts)
            font = stated if stated is not _UNSTATED else font
        if own_size is not None:
            measured = _half_points(own_size)
            size = measured if measured is not _UNSTATED else size
        return (None if font is _UNSTATED else font), (None if size is _UNSTATED else size)

    def _font(self, properties: Element | None) -> Font | Unstated:
        fonts = properties.find(_FONTS) if properties is not None else None
        return _east_asian_font(fonts) if fonts is not None else _UNSTATED

    def _size(self, properties: Element | None) -> Size | Unstated:
        size = properties.find(_SIZE) if properties is not None else None
        return _half_points(size) if size is not None else _UNSTATED


def _east_asian_font(fonts: Element) -> Font | Unstated:
    """The East Asian font a w:rFonts names (None: a theme font, which the file does not name here)."""
    if fonts.get(_EAST_ASIA_THEME):
        return None
    name = fonts.get(_EAST_ASIA)
    return name if name else _UNSTATED


def _half_points(size: Element) -> Size | Unstated:
    """The size in points a w:sz gives in half-points."""
    value = size.get(_VAL, "")
    if not value.isdecimal() or len(value) > 6:  # isdigit() would let "²" through to int()
        return _UNSTATED
    return int(value) / 2


_VAL, _RUN_PROPERTIES, _RUN_STYLE, _FONTS, _SIZE = w("val"), w("rPr"), w("rStyle"), w("rFonts"), w("sz")
_EAST_ASIA, _EAST_ASIA_THEME = w("eastAsia"), w("eastAsiaTheme")
_PARAGRAPH_STYLE = f"{w('pPr')}/{w('pStyle')}"


class Unstated(Enum):
    """What a style leaves unsaid (unlike ``None``: said to come from a theme)."""

    UNSTATED = "unstated"


_UNSTATED = Unstated.UNSTATED
Font = str | None  # the East Asian font's name; None: a theme's
Size = float  # in points
T = TypeVar("T")


def _first(properties: list[Element | None], measure: Callable[[Element | None], T | Unstated]) -> T | Unstated:
    for item in properties:
        value = measure(item)
        if value is not _UNSTATED:
            return value
    return _UNSTATED


class Numbering:
    """The list numbers Word shows before numbered paragraphs (一、 （一） 1. ①).

    The numbers in a list definition are read within Word's own bounds before any is
    used: a value that is not an integer, or is outside them, makes the file unreadable
    with a message naming the attribute (a label is built for every numbered paragraph,
    so one absurd start value or level would otherwise cost minutes and gigabytes)."""

    def __init__(self, document: DocxDocument, qn: QualifiedName) -> None:
        self.qn = qn
        self.levels: dict[int, dict[int, dict[str, Any]]] = {}  # numId → ilvl → level facts
        self.counters: dict[int, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is None:
            return
        abstracts = {}
        for abstract in numbering.findall(qn("w:abstractNum")):
            abstracts[self._number(abstract, "abstractNumId", LIST_IDS, _NUMBERING_PART)] = abstract
        for num in numbering.findall(qn("w:num")):
            abstract_id = num.find(qn("w:abstractNumId"))
            abstract = (
                abstracts.get(self._number(abstract_id, "val", LIST_IDS, _NUMBERING_PART, "w:abstractNumId"))
                if abstract_id is not None
                else None
            )
            if abstract is None:
                continue
            levels: dict[int, dict[str, Any]] = {}
            for level in abstract.findall(qn("w:lvl")):
                levels[self._number(level, "ilvl", LIST_LEVELS, _NUMBERING_PART, default=0)] = self._level(level)
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = self._number(override, "ilvl", LIST_LEVELS, _NUMBERING_PART, default=0)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    value = self._number(start, "val", START_VALUES, _NUMBERING_PART, "w:startOverride", default=1)
                    levels[ilvl] = {**levels[ilvl], "start": value}
            num_id = self._number(num, "numId", LIST_IDS, _NUMBERING_PART)
            if num_id is not None:  # without an id no paragraph can name the list
                self.levels[num_id] = levels
        for style in document.styles.element.findall(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                style_list, style_level = self._num_pr(num_pr, "word/styles.xml")
                if style_list:
                    self.style_numbering[style.get(qn("w:styleId"))] = (style_list, style_level or 0)

    @overload
    def _value(self, element: Element, name: str) -> str | None: ...
    @overload
    def _value(self, element: Element, name: str, default: str) -> str: ...

    def _value(self, element: Element, name: str, default: str | None = None) -> str | None:
        child = element.find(self.qn(f"w:{name}"))
        return child.get(self.qn("w:val"), default) if child is not None else default

    @overload
    def _number(
        self, element: Element, attribute: str, allowed: range, where: str, shown_as: str = "", *, default: int
    ) -> int: ...
    @overload
    def _number(
        self, element: Element, attribute: str, allowed: range, where: str, shown_as: str = "", default: None = None
    ) -> int | None: ...

    def _number(
        self,
        element: Element,
        attribute: str,
        allowed: range,
        where: str,
        shown_as: str = "",
        default: int | None = None,
    ) -> int | None:
        """The integer in ``element``'s ``w:attribute``, which must lie in ``allowed``."""
        value = element.get(self.qn(f"w:{attribute}"))
        if value is None:
            return default
        name = shown_as or f"w:{attribute}"
        text = value.strip()
        if not _INTEGER.fullmatch(text):
            raise LoadError(f".docx 的列表编号设置不合规范：{where} 中 {name} 的值“{_shown_value(value)}”不是整数")
        # a long string of digits is out of range whatever it says: not worth converting
        number = int(text) if len(text) <= 12 else None
        if number not in allowed:
            raise LoadError(
                f".docx 的列表编号设置不合规范：{where} 中 {name} 的值 {_shown_value(text)} "
                f"超出 Word 允许的范围（{allowed.start}–{allowed.stop - 1}）"
            )
        return number

    def _level(self, level: Element) -> dict[str, Any]:
        start = level.find(self.qn("w:start"))
        text = self._value(level, "lvlText", "")
        if len(text) > MAX_LEVEL_TEXT:
            raise LoadError(
                f".docx 的列表编号设置不合规范：{_NUMBERING_PART} 中的编号格式 w:lvlText "
                f"有 {len(text)} 个字符，上限 {MAX_LEVEL_TEXT} 个"
            )
        return {
            "start": self._number(start, "val", START_VALUES, _NUMBERING_PART, "w:start", default=1)
            if start is not None
            else 1,
            "format": self._value(level, "numFmt", "decimal"),
            "text": text,
            "suffix": self._value(level, "suff", "tab"),
            "legal": level.find(self.qn("w:isLgl")) is not None,
        }

    def _num_pr(self, num_pr: Element, where: str = "word/document.xml") -> tuple[int | None, int | None]:
        num_id = num_pr.find(self.qn("w:numId"))
        ilvl = num_pr.find(self.qn("w:ilvl"))
        return (
            self._number(num_id, "val", LIST_IDS, where, "w:numId") if num_id is not None else None,
            self._number(ilvl, "val", LIST_LEVELS, where, "w:ilvl") if ilvl is not None else None,
        )

    def label(self, paragraph: Element, style_id: str | None) -> str:
        properties = paragraph.find(self.qn("w:pPr"))
        num_pr = properties.find(self.qn("w:numPr")) if properties is not None else None
        num_id, ilvl = self._num_pr(num_pr) if num_pr is not None else (None, None)
        if num_id is None and style_id in self.style_numbering:
            num_id, style_level = self.style_numbering[style_id]
            ilvl = style_level if ilvl is None else ilvl
        if not num_id or num_id not in self.levels:
            return ""
        ilvl = ilvl or 0
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl]["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level["format"] in ("bullet", "none"):
            return ""
        text = level["text"]
        for index in range(ilvl, -1, -1):
            if f"%{index + 1}" in text:
                facts = levels.get(index, level)
                value = counters.get(index, facts["start"])
                fmt = "decimal" if level["legal"] and index < ilvl else facts["format"]
                text = text.replace(f"%{index + 1}", format_number(value, fmt))
        if level["suffix"] != "nothing" and text and not text.endswith(_CLOSED):
            text += " "
        return text


# Word's own bounds for list numbers: nine levels (0–8); a start value up to 32767, the
# most its "set numbering value" accepts; list ids of a 32-bit integer. A level's number
# format is a few characters (“%1、”, “（%2）”); a long one would be repeated on every line.
LIST_LEVELS = range(0, 9)
START_VALUES = range(0, 32768)
LIST_IDS = range(0, 2**31)
MAX_LEVEL_TEXT = 255
_INTEGER = patterns.lazy(r"[+-]?[0-9]+")
_NUMBERING_PART = "word/numbering.xml"


def _shown_value(value: str, limit: int = 24) -> str:
    return value if len(value) <= limit else f"{value[: limit - 4]}…（共 {len(value)} 个字符）"


# A label ending in one of these needs no space before the text (一、 （一） 1. 第一章)
_CLOSED = ("、", "）", ")", ".", "．", "：", ":", "，", "章", "节", "条", "部分", "是")
_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def chinese_number(value: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    if value <= 0 or value >= 10000:
        return str(value)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = value // power % 10
        if digit:
            if zero:
                parts.append(digits[0])
            parts.append(digits[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    if digits == _DIGITS and 10 <= value < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(value: int) -> str:
    if not 0 < value < 4000:  # past MMMCMXCIX Roman numerals need a bar over the letters
        return str(value)
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for number, letters in numerals:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _letters(value: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …; past 780 (thirty z) a plain number,
    # so that no label grows with the count
    if not 0 < value <= 780:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_number(value)
    if fmt == "chineseLegalSimplified":
        return chinese_number(value, _LEGAL_DIGITS, "拾佰仟")
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _STEMS[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return _BRANCHES[value - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerLetter":
        return _letters(value)
    return str(value)
