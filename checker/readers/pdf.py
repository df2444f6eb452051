"""PDF (.pdf): the text layer, page by page, with pypdf.

Only text a PDF carries is read; a scanned PDF (pages that are pictures) has
none, and is refused with a message saying to run OCR first. Each line of a page
becomes a line of the checked text; ``locate(offset)`` gives the page and the
line on that page. Page numbers standing alone on a line (“— 3 —”, “3”) are page
furniture and are left out.
"""
from __future__ import annotations

import io
import re

from checker.document import Source
from checker.readers import LoadError
from checker.readers.sourcemap import TextBuilder

EXTRA = "pdf"

_PAGE_NUMBER = re.compile(r"^[\s\-—–－]*[0-9０-９]{1,4}[\s\-—–－]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")


def _import_pypdf():
    try:
        import pypdf
    except ImportError:
        raise LoadError("读取 PDF 需要 pypdf：pip install 'doccheck[pdf]' (missing extra: pdf)") from None
    return pypdf


def read(path: str, data: bytes) -> Source:
    pypdf = _import_pypdf()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("PDF 已加密，无法读取文字")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LoadError:
        raise
    except Exception as error:  # pypdf.errors.PdfReadError and malformed streams
        raise LoadError(f"无法读取 PDF：{type(error).__name__}（文件可能损坏或不是 PDF）") from None
    if not any(page.strip() for page in pages):
        raise LoadError(f"PDF 没有文字层（共 {len(pages)} 页，可能是扫描件）：请先做文字识别（OCR）再检查 (no text layer)")
    builder = TextBuilder()
    for page_number, page_text in enumerate(pages, 1):
        for line_number, line in enumerate(page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
            stripped = line.strip()
            if not stripped or _PAGE_NUMBER.match(stripped):
                continue
            builder.add(line.rstrip(), {"page": page_number, "page_line": line_number, "column": 1},
                        advance=("column",))
            builder.newline()
    text, locate = builder.build()
    metadata = {}
    info = reader.metadata
    if info is not None and info.title:
        metadata["标题"] = str(info.title)
    return Source(path=path, text=text, encoding=None, kind="pdf", metadata=metadata, locate=_PageLocator(locate),
                  raw=data, extras={"pages": len(pages)})


class _PageLocator:
    """The page locator, reporting the column on the page line as ``page_column`` (so the
    engine keeps the position in the extracted text)."""

    def __init__(self, locate) -> None:
        self._locate = locate

    def __call__(self, offset: int) -> dict:
        place = self._locate(offset)
        if "column" in place:
            place["page_column"] = place.pop("column")
        return place
