"""Annotated .docx: a copy of a Word file with one comment per finding.

Each finding's ``location`` (from the .docx reader) names the paragraph or table
cell and the character offsets in that paragraph's text; the runs there are split
so the comment covers exactly the offending characters, and the comment (author
"doccheck") says the rule code, the message and the suggestion. The input file is
read once and never written; the copy goes to another path.
"""
from __future__ import annotations

import copy
import io
import os
from typing import TYPE_CHECKING, Any

from checker.core.config import Settings
from checker.core.models import Finding

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from lxml.etree import _Element as Element

    from checker.load.readers.docx import QualifiedName
    from checker.load.source import Source

AUTHOR = "doccheck"


class AnnotateError(Exception):
    """The document cannot be annotated: the message says why, for the user."""


def annotate(path: str, output: str, settings: Settings | None = None) -> list[Finding]:
    """Check the .docx at ``path`` and write a commented copy to ``output``; the findings."""
    from checker.core.files import write_atomically
    from checker.load.readers import LoadError, read_bytes
    from checker.load.readers import docx as docx_reader
    from checker.run.engine import check_source

    if not path.lower().endswith(".docx"):
        raise AnnotateError("只能给 .docx 文件加批注 (annotate reads .docx only)")
    if os.path.exists(output) and os.path.samefile(path, output):
        raise AnnotateError("输出文件不能是原文件：原文件不会被修改，请另选 -o 路径")
    settings = (settings or Settings.defaults()).for_path(path)
    try:
        data = read_bytes(path, settings.max_file_size)
        source = docx_reader.read(path, data)
    except LoadError as error:
        raise AnnotateError(str(error)) from None
    findings = check_source(source, settings).findings
    document = docx_reader.open_document(data)  # a second, separate copy to write comments into
    for finding in findings:
        add_comment(document, finding, source)
    buffer = io.BytesIO()
    document.save(buffer)
    try:
        write_atomically(output, buffer.getvalue())
    except OSError as error:
        raise AnnotateError(f"无法写入 {output}：{error.strerror}") from None
    return findings


def comment_text(finding: Finding) -> str:
    text = f"[{finding.code} {finding.severity.value}] {finding.message}"
    if finding.suggestion:
        text += f"\n建议：{finding.suggestion}"
    return text


def _paragraph(document: DocxDocument, location: dict[str, Any]) -> Paragraph:
    """The python-docx paragraph a location names (body paragraph or table-cell paragraph)."""
    from checker.load.readers.docx import table_cells

    if "table" in location:
        table = document.tables[location["table"] - 1]
        for row, column, cell in table_cells(table):
            if (row, column) == (location["row"], location["column"]):
                return cell.paragraphs[location["paragraph"] - 1]
        raise LookupError(location)
    return document.paragraphs[location["paragraph"] - 1]


def add_comment(document: DocxDocument, finding: Finding, source: Source) -> None:
    start_place = finding.location or {}
    if "paragraph" not in start_place:
        start_place = source.locate(0) if source.locate else {"paragraph": 1, "offset": 0}
    paragraph = _paragraph(document, start_place)
    first = 0 if start_place.get("numbering") else start_place.get("offset", 0)
    last = first + 1
    if finding.end > finding.start and source.locate:
        end_place = source.locate(finding.end - 1)
        if not _same_paragraph(start_place, end_place):
            last = len(paragraph.text)  # a finding over several paragraphs: its first paragraph
        elif not end_place.get("numbering"):
            last = end_place.get("offset", first) + 1
    runs = _runs_covering(paragraph, first, max(last, first + 1))
    if not runs:
        runs = [paragraph.add_run("")] if not paragraph.runs else paragraph.runs[:1]
    document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials="DC")


def _same_paragraph(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("table", "row", "column", "paragraph")
    return all(a.get(key) == b.get(key) for key in keys)


def _runs_covering(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    """The runs that hold exactly paragraph-text characters [start, end), splitting runs
    at ``start`` and ``end`` where needed."""
    from docx.text.run import Run

    _split_at(paragraph, end)
    _split_at(paragraph, start)
    covered: list[Run] = []
    offset = 0
    for element in paragraph._p.xpath("w:r | w:hyperlink/w:r"):
        length = len(element.text)
        if length and offset < end and offset + length > start:
            covered.append(Run(element, paragraph))
        offset += length
    return covered


def _split_at(paragraph: Paragraph, at: int) -> None:
    """Split the run containing paragraph-text offset ``at`` so that a run starts there."""
    from docx.oxml.ns import qn

    offset = 0
    for element in paragraph._p.xpath("w:r | w:hyperlink/w:r"):
        length = len(element.text)
        if offset < at < offset + length:
            _split_run(element, at - offset, qn)
            return
        offset += length


def _split_run(run: Element, at: int, qn: QualifiedName) -> None:
    """Split run element ``run`` after ``at`` characters of its text; the second part is a
    copy of the run (same formatting) inserted right after it."""
    second = copy.deepcopy(run)
    run.addnext(second)
    _keep(run, 0, at, qn)
    _keep(second, at, None, qn)


def _keep(run: Element, start: int, end: int | None, qn: QualifiedName) -> None:
    """Keep only the run content that makes characters [start, end) of its text."""
    offset = 0
    for child in list(run):
        if child.tag == qn("w:rPr"):
            continue
        text = str(child) if child.tag != qn("w:t") else (child.text or "")
        length = len(text) if child.tag in _text_tags(qn) else 0
        child_start, child_end = offset, offset + length
        offset = child_end
        if child.tag == qn("w:t"):
            lo = max(start, child_start) - child_start
            hi = (min(end, child_end) if end is not None else child_end) - child_start
            if hi <= lo:
                run.remove(child)
            else:
                child.text = text[lo:hi]
                if child.text != child.text.strip():
                    child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif length:
            inside = child_start >= start and (end is None or child_end <= end)
            if not inside:
                run.remove(child)
        elif (end is not None and child_start >= end) or child_start < start:
            run.remove(child)  # a drawing or field mark stays with one of the two halves


def _text_tags(qn: QualifiedName) -> set[str]:
    return {qn(f"w:{tag}") for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}
