"""OFD (GB/T 33190-2016), the fixed-layout format many published 公文 are issued in, with ofdkit.

An OFD file is a zip package of XML parts (``OFD.xml`` → ``Doc_0/Document.xml`` →
``Doc_0/Pages/Page_N/Content.xml``, whose ``TextObject``/``TextCode`` elements place
the text on the page). The page's text is read in reading order by ofdkit, line by
line; as for a PDF, the printed lines are joined back into paragraphs
(:mod:`~checker.load.readers.visual_lines`), and ``locate(offset)`` gives the page,
the line on that page and the column in it (``page``, ``page_line``,
``page_column``). Templates (page furniture a producer draws on every page, such as
a 版记 rule or a page number) are read with the page, as they are printed.

The page size is what the format states: the first page's ``PhysicalBox`` (its own,
or the document's ``PageArea``), in millimetres, goes to ``Source.layout`` for the
LY rules' A4 check (LY101). OFD states no margins or type size as Word does, so the
margin and font rules have nothing to judge.

Why ofdkit. The candidates on PyPI, compared in December 2026:

- **ofdkit** 0.2.0 (2026-10; 0.1.0 before): Apache-2.0, no dependencies, typed
  Python ≥ 3.10; reads text in reading order with positions, page boxes, templates
  and composite objects; refuses DTDs and entity declarations, limits entries
  (50,000) and each part's inflated size (64 MB). Chosen.
- **easyofd** (renoyuan, 2026-04): Apache-2.0 but requires PyMuPDF (AGPL), reportlab,
  fontTools and loguru, for rendering to PDF and images we do not need.
- **ofdparser** 0.0.8 (2023-04, the same author's older parser): no releases since,
  licence metadata "UNKNOWN".
- **ofdreader** 0.1.0 (2026-06): its wheel holds no package, only metadata.

Before ofdkit sees the package, it passes the same checks as a .docx
(:func:`~checker.load.readers.docx_package.check_package`: members, inflated sizes
and compression ratio counted on the bytes produced, no DTD in any XML part), which
also bound the total size ofdkit's per-part limit leaves open.
"""

from __future__ import annotations

from types import ModuleType

from checker.load.layout import Layout, PageSetup
from checker.load.readers import LoadError
from checker.load.readers.docx_package import check_package
from checker.load.readers.sourcemap import TextBuilder
from checker.load.readers.visual_lines import PageLocator, add_lines
from checker.load.source import Source

EXTRA = "ofd"
MAX_PAGES = 5000


def _import_ofdkit() -> ModuleType:
    try:
        import ofdkit
    except ImportError:
        raise LoadError("读取 OFD 需要 ofdkit：pip install 'doccheck[ofd]' (missing extra: ofd)") from None
    return ofdkit


def read(path: str, data: bytes) -> Source:
    ofdkit = _import_ofdkit()
    check_package(data, label="OFD")
    try:
        with ofdkit.open(data) as document:
            if len(document.pages) > MAX_PAGES:
                raise LoadError(f"OFD 有 {len(document.pages)} 页，超过上限 {MAX_PAGES} 页，已拒绝读取")
            pages = [page.text() for page in document.pages]
            first = document.pages[0].box if document.pages else None
            title = document.info.title if document.info else None
    except LoadError:
        raise
    except ofdkit.OFDLimitError as error:
        raise LoadError(f"OFD 超出了安全限制，已拒绝读取（{error}）") from None
    except ofdkit.OFDFormatError as error:
        raise LoadError(f"不是有效的 OFD 文件（{error}）：可能已损坏，或是改了扩展名的其他 zip 文件") from None
    except Exception as error:  # a producer's XML that parses but holds what ofdkit does not expect
        raise LoadError(f"无法读取 OFD：{type(error).__name__}（文件可能已损坏）") from None
    lines = [
        ({"page": page_number, "page_line": line_number}, line)
        for page_number, text in enumerate(pages, 1)
        for line_number, line in enumerate((line for line in text.split("\n") if line.strip()), 1)
    ]
    if not lines:
        raise LoadError(f"OFD 中没有文字（共 {len(pages)} 页，可能是扫描件）：请先做文字识别（OCR）再检查")
    builder = TextBuilder()
    add_lines(builder, lines)
    text, locate = builder.build()
    layout = Layout(page=_page_setup(first)) if first is not None else None
    return Source(
        path=path,
        text=text,
        encoding=None,
        kind="ofd",
        metadata={"标题": title} if title else {},
        locate=PageLocator(locate),
        raw=data,
        layout=layout,
        pages=len(pages),
    )


def _page_setup(box: tuple[float, float, float, float]) -> PageSetup | None:
    """The page as its ``PhysicalBox`` (x, y, width, height in millimetres) states it."""
    _, _, width, height = box
    if not (width > 0 and height > 0):
        return None
    return PageSetup(
        width_mm=round(width, 1),
        height_mm=round(height, 1),
        top_mm=None,
        bottom_mm=None,
        left_mm=None,
        right_mm=None,
        orientation="landscape" if width > height else "portrait",
        sections=1,
    )
