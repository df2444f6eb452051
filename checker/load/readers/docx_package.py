"""The .docx zip package, checked before python-docx is given a byte of it.

The size limit on the file (``--max-file-size``) is a limit on the *compressed*
package: a small .docx can inflate to gigabytes, and its XML parts can declare
entities that expand without end. :func:`check_package` inflates every member of the
zip, in chunks and with the limits below counted on the bytes actually produced
(the sizes the zip's directory declares are only used to refuse early), and looks
at the prolog of every XML part for a DTD. Only a package that passes is handed to
python-docx. python-docx then reads the same members through the same ``zipfile``
module, so it can never see more bytes than were counted here: ``zipfile`` stops a
member at its declared size and fails on a checksum that does not match.

A package is refused, with a message saying which limit and which member, when:

- it has more than ``MAX_MEMBERS`` members;
- an XML part inflates to more than ``MAX_XML_PART`` bytes (python-docx builds a
  tree of every XML part; a tree takes about ten times the part's size), any other
  member to more than ``MAX_MEMBER``, all members together to more than ``MAX_TOTAL``;
- a member past its first ``RATIO_GRACE`` bytes inflates more than ``MAX_RATIO``
  times the compressed bytes read for it (ordinary Word XML stays below 100:1, a
  zip bomb's members are near DEFLATE's 1032:1);
- an XML part has a document type declaration (``<!DOCTYPE``): Word never writes
  one, and it is where entity bombs and external entities live.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import cast

from checker.load.readers import LoadError

MAX_MEMBERS = 10_000
MAX_XML_PART = 16 * 1024 * 1024
MAX_MEMBER = 64 * 1024 * 1024
MAX_TOTAL = 128 * 1024 * 1024
MAX_RATIO = 500
RATIO_GRACE = 1024 * 1024
CHUNK = 256 * 1024
PROLOG_SLICE = 4096

_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # the container of .doc files and of encrypted .docx
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .docx keeps
_XML_TYPES = ("application/xml", "text/xml")


def check_package(data: bytes, label: str = ".docx") -> None:
    """Raise :class:`LoadError` unless ``data`` is a zip package python-docx may read safely.
    ``label`` names the format in the messages: the same limits hold for OFD packages
    (``"OFD"``), which are zip packages of XML parts too."""
    counted = _CountingReader(data)
    try:
        archive = zipfile.ZipFile(counted)
    except zipfile.BadZipFile:
        raise LoadError(_not_a_zip(data, label)) from None
    except (OSError, EOFError, ValueError, NotImplementedError) as error:
        raise LoadError(
            f"不是有效的 {label} 文件：zip 目录无法读取（{type(error).__name__}），文件可能已损坏"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise LoadError(
                f"{label} 中的部件过多（{len(members)} 个，上限 {MAX_MEMBERS} 个），不像正常的文档，已拒绝读取"
            )
        xml_names = _xml_part_names(archive, counted)
        total = 0
        for member in members:
            total += _inflate(archive, counted, member, member.filename in xml_names, MAX_TOTAL - total, label=label)


def _not_a_zip(data: bytes, label: str) -> str:
    if label != ".docx":
        if data.startswith(_OLE_SIGNATURE):
            return f"这不是 {label} 文件，而是 Word/WPS 文档（.doc/.wps），可能改了扩展名：请按实际格式命名后再检查"
        return f"不是有效的 {label} 文件（不是 zip 压缩包，或文件已损坏），可能改了扩展名"
    if data.startswith(_OLE_SIGNATURE):
        if _ENCRYPTED_PACKAGE in data:
            return "这个 Word 文件设有打开密码（已加密），无法读取：请在 Word/WPS 中去掉密码后再检查"
        return "这是旧版 Word 文档（.doc），不是 .docx：请用 Word/WPS 另存为 .docx 后再检查"
    return "不是有效的 .docx 文件（不是 zip 压缩包，或文件已损坏）：请用 Word/WPS 另存为 .docx 后再检查"


def _xml_part_names(archive: zipfile.ZipFile, counted: _CountingReader) -> set[str]:
    """Members python-docx parses as XML: the content-type list, the relationship parts,
    every ``.xml`` member and every member whose declared content type is XML (pictures
    such as SVG are kept as bytes, never parsed, and are left out)."""
    names = {
        m.filename
        for m in archive.infolist()
        if m.filename == "[Content_Types].xml" or m.filename.endswith((".rels", ".xml"))
    }
    try:
        types = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return names  # python-docx refuses a package without it
    content = _read_member(archive, counted, types, is_xml=True)
    from lxml import etree

    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError:
        return names  # python-docx gives its own error for it
    by_extension, by_name = {}, {}
    for element in root:
        tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
        content_type = (element.get("ContentType") or "").lower()
        if tag == "Default":
            by_extension[(element.get("Extension") or "").lower()] = content_type
        elif tag == "Override":
            by_name[(element.get("PartName") or "").lstrip("/")] = content_type
    for member in archive.infolist():
        extension = posixpath.splitext(member.filename)[1].lstrip(".").lower()
        content_type = by_name.get(member.filename, by_extension.get(extension, ""))
        if _is_xml_type(content_type):
            names.add(member.filename)
    return names


def _is_xml_type(content_type: str) -> bool:
    return not content_type.startswith("image/") and (content_type.endswith("+xml") or content_type in _XML_TYPES)


def _read_member(archive: zipfile.ZipFile, counted: _CountingReader, member: zipfile.ZipInfo, is_xml: bool) -> bytes:
    chunks: list[bytes] = []
    _inflate(archive, counted, member, is_xml, MAX_TOTAL, chunks)
    return b"".join(chunks)


def _inflate(
    archive: zipfile.ZipFile,
    counted: _CountingReader,
    member: zipfile.ZipInfo,
    is_xml: bool,
    room: int,
    keep: list[bytes] | None = None,
    label: str = ".docx",
) -> int:
    """Inflate ``member`` chunk by chunk under the limits; its inflated size."""
    name = _shown(member.filename)
    limit = MAX_XML_PART if is_xml else MAX_MEMBER
    if member.file_size > limit:
        raise LoadError(
            f"{label} 中的部件 {name} 声明解压后有 {_mb(member.file_size)}，超过上限 {_mb(limit)}，"
            f"已拒绝读取（可能是压缩炸弹）"
        )
    if member.file_size > room:
        raise LoadError(f"{label} 解压后的总大小超过上限 {_mb(MAX_TOTAL)}，已拒绝读取（可能是压缩炸弹）")
    prolog = _Prolog(name, label) if is_xml else None
    size = 0
    try:
        with archive.open(member) as stream:
            counted.count = 0  # from here on: this member's compressed bytes
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise LoadError(
                        f"{label} 中的部件 {name} 解压后超过上限 {_mb(limit)}，已拒绝读取（可能是压缩炸弹）"
                    )
                if size > room:
                    raise LoadError(f"{label} 解压后的总大小超过上限 {_mb(MAX_TOTAL)}，已拒绝读取（可能是压缩炸弹）")
                if size > RATIO_GRACE and size > MAX_RATIO * max(counted.count, 1):
                    raise LoadError(f"{label} 中的部件 {name} 的压缩比超过 {MAX_RATIO}:1，已拒绝读取（可能是压缩炸弹）")
                if prolog is not None and prolog.parser is not None:
                    prolog.feed(chunk)
                if keep is not None:
                    keep.append(chunk)
    except LoadError:
        raise
    except RuntimeError:  # zipfile: "File is encrypted, password required"
        raise LoadError(f"{label} 中的部件 {name} 已加密，无法读取") from None
    except NotImplementedError:
        raise LoadError(f"{label} 中的部件 {name} 用了不支持的压缩方式，无法读取") from None
    except Exception as error:  # BadZipFile (checksum), zlib.error, EOFError: a damaged member
        raise LoadError(f"{label} 已损坏：部件 {name} 无法解压（{type(error).__name__}）") from None
    return size


class _Prolog:
    """An XML part fed chunk by chunk up to its root element, to see if it declares a DTD
    (which can only come before the root)."""

    def __init__(self, name: str, label: str) -> None:
        from lxml import etree

        self.name, self.label = name, label
        self.parser: etree.XMLPullParser | None = etree.XMLPullParser(
            events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        )

    def feed(self, chunk: bytes) -> None:
        # in small slices: the parser builds a tree of all it is fed, and only the part
        # up to the root's start tag is wanted (a whole chunk would parse the body too)
        for at in range(0, len(chunk), PROLOG_SLICE):
            if self.parser is None:
                return
            self._feed(chunk[at : at + PROLOG_SLICE])

    def _feed(self, chunk: bytes) -> None:
        if self.parser is None:
            return
        from lxml import etree

        try:
            self.parser.feed(chunk)
            failed = False
        except etree.XMLSyntaxError:
            failed = True  # libxml2 stops at an entity bomb too, after the root's start event
        events = list(self.parser.read_events())
        if not events:
            if failed:
                self.parser = None  # not well-formed before its root: python-docx cannot read it either
            return
        root = cast("etree._Element", events[0][1])  # a "start" event's element
        self.parser = None
        # libxml2 gives every <!DOCTYPE> an internal DTD object, even one with no internal subset
        if root.getroottree().docinfo.internalDTD is not None:
            raise LoadError(
                f"{self.label} 中的 XML 部件 {self.name} 含有文档类型声明（<!DOCTYPE>），"
                f"{'Word ' if self.label == '.docx' else '正常的文件'}不会写入它，"
                "已拒绝读取（可能是恶意文件：实体膨胀或外部实体）"
            )


class _CountingReader(io.BytesIO):
    """The package's bytes, counting what ``zipfile`` reads: the compressed bytes of the
    member being inflated, for its compression ratio."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.count = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.count += len(data)
        return data


def _mb(size: int) -> str:
    return f"{size / 1048576:.0f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"


def _shown(name: str) -> str:
    return name if len(name) <= 80 else name[:77] + "…"
