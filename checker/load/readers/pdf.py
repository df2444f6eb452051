"""PDF (.pdf): the text layer, page by page, with pypdf.

Only text a PDF carries is read; a scanned PDF (pages that are pictures) has
none, and is refused with a message saying to run OCR first. A PDF breaks every
paragraph into visual lines; a line as wide as the page's text that does not end a
sentence runs on into the next (on the same page or the next one), so each
paragraph becomes one line of the checked text, as in the other readers.
``locate(offset)`` gives the page, the line on that page and the column in it. Page
numbers standing alone on a line (“— 3 —”, “3”) are page furniture and are left out.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from types import ModuleType

from checker.core import patterns
from checker.load.readers import LoadError
from checker.load.readers.sourcemap import TextBuilder
from checker.load.readers.visual_lines import PageLocator, add_lines
from checker.load.source import Source

EXTRA = "pdf"

_PAGE_NUMBER = patterns.lazy(r"^[\s\-—–－]*[0-9０-９]{1,4}[\s\-—–－]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")


_ENCRYPTED = "PDF 已加密（设有打开密码），无法读取文字：请去掉密码后再检查"


def _import_pypdf() -> ModuleType:
    try:
        import pypdf
    except ImportError:
        raise LoadError("读取 PDF 需要 pypdf：pip install 'doccheck[pdf]' (missing extra: pdf)") from None
    return pypdf


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _pypdf_warnings() -> Iterator[list[str]]:
    """What pypdf logs while a file is read, kept rather than printed.

    pypdf reports what it mends in a damaged file (“EOF marker not found”) through the
    ``logging`` module; with no handler of its own, Python prints such a record on
    standard error, an English line among the report's. A file that reads is checked
    and the repairs do not concern the user; for one that does not, they say why.
    """
    kept = _Kept()
    logger = logging.getLogger("pypdf")
    logger.addHandler(kept)
    try:
        yield kept.messages
    finally:
        logger.removeHandler(kept)


def read(path: str, data: bytes) -> Source:
    pypdf = _import_pypdf()
    from pypdf.errors import DependencyError, FileNotDecryptedError

    with _pypdf_warnings() as warnings:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            # a PDF encrypted with an empty password (only printing or copying restricted) opens as is
            if reader.is_encrypted and not reader.decrypt(""):
                raise LoadError(_ENCRYPTED)
            pages = [page.extract_text() or "" for page in reader.pages]
        except LoadError:
            raise
        except FileNotDecryptedError:
            raise LoadError(_ENCRYPTED) from None
        except DependencyError:  # AES needs the cryptography package, which the pdf extra installs
            raise LoadError(
                "PDF 已加密（AES），解密需要 cryptography：pip install 'doccheck[pdf]' (missing extra: pdf)"
            ) from None
        except Exception as error:  # pypdf.errors.PdfReadError and malformed streams
            reasons = "; ".join(dict.fromkeys([*warnings, str(error)]))
            raise LoadError(f"无法读取 PDF：{type(error).__name__}（文件可能损坏或不是 PDF：{reasons}）") from None
    if not any(page.strip() for page in pages):
        raise LoadError(
            f"PDF 没有文字层（共 {len(pages)} 页，可能是扫描件）：请先做文字识别（OCR）再检查 (no text layer)"
        )
    builder = TextBuilder()
    lines = [
        (page_number, line_number, line.rstrip())
        for page_number, page_text in enumerate(pages, 1)
        for line_number, line in enumerate(page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
        if line.strip() and not _PAGE_NUMBER.match(line.strip())
    ]
    if not lines:
        raise LoadError(f"PDF 中只有页码，没有可检查的正文（共 {len(pages)} 页）")
    add_lines(
        builder, (({"page": page_number, "page_line": line_number}, line) for page_number, line_number, line in lines)
    )
    text, locate = builder.build()
    metadata = {}
    info = reader.metadata
    if info is not None and info.title:
        metadata["标题"] = str(info.title)
    return Source(
        path=path,
        text=text,
        encoding=None,
        kind="pdf",
        metadata=metadata,
        locate=PageLocator(locate),
        raw=data,
        pages=len(pages),
    )
