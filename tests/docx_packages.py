"""Hand-made .docx packages for the tests of hostile input: a zip written byte by byte,
so that a member can declare any size and hold any compressed stream.

:func:`word_parts` gives the parts of a small real Word document (python-docx's own
template) as ``{name: bytes}``; :func:`package` zips parts back, each either bytes
(deflated here) or a :class:`Raw` member whose compressed stream, checksum and
declared size are given as they are to be written.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass


@dataclass
class Raw:
    compressed: bytes  # a raw DEFLATE stream
    size: int  # the uncompressed size the zip's directory declares
    crc: int = 0


def word_parts(*paragraphs: str) -> dict[str, bytes]:
    """The parts of a Word document holding ``paragraphs``, by member name."""
    import zipfile

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package(parts: dict[str, bytes | Raw]) -> bytes:
    """A zip of ``parts`` in the order given (DEFLATE, no zip64, no data descriptors)."""
    out, directory = io.BytesIO(), []
    for name, part in parts.items():
        if isinstance(part, bytes):
            part = Raw(deflate(part), len(part), zlib.crc32(part))
        encoded = name.encode("utf-8")
        offset = out.tell()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0x800,
                8,
                0,
                0x21,
                part.crc,
                len(part.compressed),
                part.size,
                len(encoded),
                0,
            )
        )
        out.write(encoded)
        out.write(part.compressed)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0x800,
                8,
                0,
                0x21,
                part.crc,
                len(part.compressed),
                part.size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in directory:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), out.tell() - start, start, 0))
    return out.getvalue()


def deflate(data: bytes, level: int = 6) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def repeated(block: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> Raw:
    """``head``, ``block`` ``times`` over and ``tail``, as a DEFLATE stream made without
    compressing it all: after a full flush the compressor starts afresh, so the output
    for one block, repeated, is the stream of the repetition (checksum not computed)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    return Raw(start + segment * times + end, len(head) + len(block) * times + len(tail))


def zeros(size: int, piece: int = 1 << 24) -> Raw:
    """``size`` zero bytes (a multiple of ``piece``) as a DEFLATE stream."""
    return repeated(bytes(piece), size // piece)


def with_paragraphs(parts: dict[str, bytes], xml: str, count: int = 1) -> dict[str, bytes]:
    """``parts`` with ``xml`` (paragraph elements) put ``count`` times at the start of the body."""
    document = parts["word/document.xml"]
    head, tail = document.split(b"<w:body>", 1)
    return {**parts, "word/document.xml": head + b"<w:body>" + xml.encode("utf-8") * count + tail}


def with_list(
    parts: dict[str, bytes], level: str, override: str = "", paragraph_level: str = "0", items: int = 3
) -> dict[str, bytes]:
    """``parts`` with list 77 defined by ``level`` (``<w:lvl>`` elements) and ``override``
    (``<w:lvlOverride>`` elements), and ``items`` paragraphs numbered at ``paragraph_level``."""
    numbering = parts["word/numbering.xml"]
    definition = (
        f'<w:abstractNum w:abstractNumId="77">{level}</w:abstractNum>'
        f'<w:num w:numId="77"><w:abstractNumId w:val="77"/>{override}</w:num>'
    ).encode()
    numbering = numbering.replace(b"</w:numbering>", definition + b"</w:numbering>")
    paragraph = (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{paragraph_level}"/><w:numId w:val="77"/></w:numPr></w:pPr>'
        f"<w:r><w:t>做好工作。</w:t></w:r></w:p>"
    )
    return with_paragraphs({**parts, "word/numbering.xml": numbering}, paragraph, items)


def level(number_format: str = "decimal", start: str | None = "1", text: str = "%1.", ilvl: str = "0") -> str:
    start_element = f'<w:start w:val="{start}"/>' if start is not None else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}">{start_element}<w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
    )
