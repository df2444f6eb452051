"""Plain text (.txt, and .md until the Markdown reader exists): decode and normalise.

The encoding is detected (UTF-8 with or without BOM, UTF-16/32 with BOM, then
GB18030/GBK, Big5 … by charset-normalizer). Line endings are normalised to "\\n";
the original ending and encoding are kept on the Source so a fix can write the
file back as it was. Offsets into the normalised text map to the same line and
column as in the original file, so no further source map is needed.
"""

from __future__ import annotations

import codecs
import re

from checker.load.readers import LoadError
from checker.load.source import Source

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, had_bom) or LoadError when the bytes are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, True
            except UnicodeDecodeError:
                raise LoadError(f"文件以 {encoding} 字节顺序标记开头，但内容无法按该编码解码") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = None
        damaged = _damaged_utf8(data, error)
        if damaged:
            raise LoadError(damaged) from None
    if text is not None:
        if "\x00" in text:
            return _without_bom_utf16(data, valid_utf8=True)
        return text, "utf-8", False
    if b"\x00" in data:
        return _without_bom_utf16(data)
    return _detected(data)


def _damaged_utf8(data: bytes, error: UnicodeDecodeError) -> str | None:
    """UTF-8 with a few bad bytes (a file cut short, a stray byte): say where, rather
    than guess another encoding and check the mojibake."""
    replaced = data[:200_000].decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    sites = len(re.findall("\ufffd+", replaced))  # a run of bad bytes is one damaged place
    multibyte = sum(1 for ch in replaced if ch > "\x7f") - bad
    if multibyte < 2 or sites > max(3, multibyte // 100):
        return None
    before = data[: error.start].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return (
        f"不是有效的 UTF-8：第 {line} 行第 {column} 列处有无效字节 0x{data[error.start]:02x}"
        f"（文件可能被截断或损坏，请另存为 UTF-8 后再检查） (invalid UTF-8)"
    )


# Below this many NULs, valid UTF-8 is not taken for UTF-16: four bytes such as "\n1.\0"
# fit either reading, and a file read as UTF-16 on so little evidence could not be
# fixed (the fixed bytes, read again, may no longer look like UTF-16).
_FEW_NULS = 8


def _without_bom_utf16(data: bytes, valid_utf8: bool = False) -> tuple[str, str, bool]:
    """NUL bytes: UTF-16 without a BOM, or a binary file.

    Bytes that are valid UTF-8 are taken for UTF-16 only when NULs fill a good part of
    one side, as ASCII-heavy UTF-16 does: a UTF-8 file with a few stray NULs read as
    UTF-16 would be checked as mojibake, and `fix` would write UTF-16 into it."""
    if len(data) % 2 == 0:
        even_nuls = data[0::2].count(0)
        odd_nuls = data[1::2].count(0)
        half = len(data) // 2
        # ASCII-heavy UTF-16 puts NULs on one side only; CJK UTF-16 has few NULs at all
        for encoding, nuls, other in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
            one_sided = nuls > half * 0.3 and other < half * 0.05
            if (other == 0 and not valid_utf8) or (one_sided and (nuls >= _FEW_NULS or not valid_utf8)):
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if _looks_like_text(text):
                    return text, encoding, False
        # CJK has NULs on both sides (一 is U+4E00, "\n" is 0A 00): take the byte
        # order whose characters read as Chinese text, if one clearly does.
        candidates = []
        for encoding in () if valid_utf8 else ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                candidates.append((_plausible_share(text), encoding, text))
        if candidates:
            share, encoding, text = max(candidates)
            if share > 0.9:
                return text, encoding, False
    raise LoadError("不是文本文件（含二进制内容），无法检查 (binary file)")


def _detected(data: bytes) -> tuple[str, str, bool]:
    # GB18030 is by far the most common non-UTF-8 encoding of 公文; try it strictly
    # before asking the detector, which can mistake short Chinese text for Big5.
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text) and _cjk_share(text) > 0.2:
            return text, "gb18030", False
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError("无法识别文件编码，文件可能不是文本 (undecodable)")
    text = str(best)
    if not _looks_like_text(text):
        raise LoadError("无法识别文件编码，文件可能不是文本 (undecodable)")
    return text, best.encoding, False


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f\v")
    return controls / len(text) < 0.01


def _plausible_share(text: str) -> float:
    """Share of characters a Chinese document is made of: ASCII, CJK, their punctuation."""
    sample = text[:20000]
    if not sample:
        return 0.0
    plausible = sum(
        1
        for ch in sample
        if " " <= ch <= "~"
        or ch in "\n\r\t"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u2030"
    )
    return plausible / len(sample)


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") / len(sample)


def newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf >= max(lf, lone_cr) and crlf:
        return "\r\n"
    if lone_cr > lf:
        return "\r"
    return "\n"


def read(path: str, data: bytes) -> Source:
    text, encoding, bom = decode(data)
    newline = newline_style(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = "markdown" if path.lower().endswith((".md", ".markdown")) else "text"
    return Source(path=path, text=text, encoding=encoding, newline=newline, bom=bom, kind=kind, raw=data)
