"""Word 97–2003 (.doc) and WPS (.wps) files: converted to .docx by LibreOffice in headless
mode and checked as that .docx (locations in paragraphs); refused, with exit 2 and a
message saying why, when LibreOffice is missing or the file is not what its name says.
The documents are made from a .docx by LibreOffice in the test; those tests are skipped,
saying why, where LibreOffice is not installed (.ci/run installs it)."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")
pytest.importorskip("olefile", reason="olefile is not installed (pip install doccheck[office])")

from checker.core.config import Settings  # noqa: E402
from checker.load.readers import LoadError, office, read_source  # noqa: E402
from checker.run.engine import check_path  # noqa: E402
from tests.conftest import run  # noqa: E402

NO_OFFICE = "LibreOffice is not installed (Debian: apt-get install libreoffice-writer)"
needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason=NO_OFFICE)
FIXABLE = Settings(select=["TY104", "PN201"])


def word_97(tmp_path: Path, *paragraphs: str, name: str = "notice.doc") -> Path:
    """A .doc LibreOffice saves from a .docx holding ``paragraphs`` (its own profile, as
    the reader uses, so that tests running at once never share one)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    made = tmp_path / "made"
    made.mkdir(exist_ok=True)
    document.save(made / "source.docx")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(made),
            str(made / "source.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    target = tmp_path / name
    (made / "source.doc").rename(target)
    return target


@needs_office
def test_a_doc_is_checked_as_the_docx_libreoffice_makes_of_it(tmp_path):
    path = word_97(tmp_path, "关于开展安全检查的通知", "请各单位登录帐号,按时完成。")
    source = read_source(str(path))
    assert source.kind == "doc"
    assert source.text == "关于开展安全检查的通知\n请各单位登录帐号,按时完成。\n"
    assert source.raw == path.read_bytes()
    findings = check_path(str(path), FIXABLE).findings
    assert [(f.code, f.line, f.column, f.location) for f in findings] == [
        ("TY104", 2, 7, {"paragraph": 2, "offset": 6}),
        ("PN201", 2, 9, {"paragraph": 2, "offset": 8}),
    ]


@needs_office
def test_a_wps_file_is_read_the_same_way(tmp_path):
    # WPS 文字 saves .wps in the Word 97 binary format; LibreOffice tells the format by content
    path = word_97(tmp_path, "请各单位登录帐号。", name="notice.wps")
    result = run("check", str(path), "--select", "TY104")
    assert result.exit_code == 1
    assert f"{path}:1:7: TY104" in result.output


@needs_office
def test_fix_leaves_a_doc_alone_and_says_so(tmp_path):
    path = word_97(tmp_path, "请各单位登录帐号。")
    before = path.read_bytes()
    result = run("fix", str(path), "--select", "TY104")
    assert "已跳过" in result.stderr
    assert path.read_bytes() == before


def test_without_libreoffice_the_message_names_the_package_and_the_exit_is_2(tmp_path, monkeypatch):
    path = tmp_path / "notice.doc"
    path.write_bytes(_compound())
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("check", str(path))
    assert result.exit_code == 2
    assert "LibreOffice" in result.output and "libreoffice-writer" in result.output


def _compound() -> bytes:
    """The smallest file that passes the look inside before LibreOffice is asked: a compound
    file whose root holds one empty stream named WordDocument."""
    return _OLE_WITH_WORD_DOCUMENT


def _ole_with_word_document() -> bytes:
    """A minimal compound file (version 3, 512-byte sectors: header, FAT, directory)."""
    import struct

    sector = 512
    end_of_chain, fat_sector, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(sector)
    header[0:8] = office.COMPOUND_FILE
    struct.pack_into("<HHHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6, 0)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 0x1000, end_of_chain, 0, end_of_chain)
    struct.pack_into("<I", header, 68, 0)  # no DIFAT sectors
    struct.pack_into("<I", header, 72, 0)
    difat = [0] + [free] * 108  # the FAT is sector 0
    struct.pack_into("<109I", header, 76, *difat)
    fat = [fat_sector, end_of_chain] + [free] * (sector // 4 - 2)  # sector 0: FAT, sector 1: directory
    directory = bytearray(sector)

    def entry(index: int, name: str, kind: int, child: int, start: int) -> None:
        encoded = (name + "\0").encode("utf-16-le")
        at = index * 128
        directory[at : at + len(encoded)] = encoded
        struct.pack_into("<HBB", directory, at + 64, len(encoded), kind, 1)
        struct.pack_into("<III", directory, at + 68, free, free, child)
        struct.pack_into("<II", directory, at + 116, start, 0)

    entry(0, "Root Entry", 5, 1, end_of_chain)
    entry(1, "WordDocument", 2, free, end_of_chain)
    return bytes(header) + struct.pack(f"<{len(fat)}I", *fat) + bytes(directory)


_OLE_WITH_WORD_DOCUMENT = _ole_with_word_document()


def test_the_minimal_compound_file_passes_the_look_inside():
    office.refuse_other_formats(_compound(), ".doc")  # no error: only LibreOffice is left to ask


# -- hostile and mislabelled files: refused before LibreOffice starts -------------------------
def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (64 << 20))
    return buffer.getvalue()


def _entity_bomb() -> bytes:
    entities = "".join(f'<!ENTITY e{n} "&e{n - 1};&e{n - 1};&e{n - 1};&e{n - 1};">' for n in range(1, 30))
    return f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "笑">{entities}]><d>&e29;</d>'.encode()


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("请登录帐号。")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("suffix", "content", "said"),
    [
        (".doc", _zip_bomb, "zip 压缩包"),
        (".doc", _entity_bomb, "可能是改了扩展名的其他文件"),
        (".doc", lambda: _zip_bomb()[:5000], "zip 压缩包"),  # a zip cut short
        (".doc", _docx, "改了扩展名的 .docx"),
        (".wps", lambda: b"just some text renamed .wps", "不是WPS 文字文档"),
        (".doc", lambda: office.COMPOUND_FILE + b"\xff" * 4000, "复合文档的目录无法读取"),
        (".doc", lambda: b"", "文件是空的"),
    ],
    ids=["zip-bomb", "entity-bomb", "corrupt-zip", "renamed-docx", "renamed-text", "corrupt-compound", "empty"],
)
def test_a_file_that_is_not_a_doc_or_wps_is_refused_quickly_with_exit_2(tmp_path, suffix, content, said):
    path = tmp_path / f"hostile{suffix}"
    path.write_bytes(content())
    started = time.monotonic()
    result = run("check", str(path))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert said in result.output


def test_a_compound_file_without_a_word_document_is_not_a_doc():
    spreadsheet = _OLE_WITH_WORD_DOCUMENT.replace(
        "WordDocument".encode("utf-16-le"), "Workbook\0\0\0\0".encode("utf-16-le")
    )
    with pytest.raises(LoadError, match="没有 Word 文档的正文"):
        office.refuse_other_formats(spreadsheet, ".doc")


def test_a_conversion_that_outlives_its_time_is_stopped(tmp_path, monkeypatch):
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n/bin/sleep 30 &\nwait\n", encoding="utf-8")  # a child, as soffice.bin is
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    started = time.monotonic()
    with pytest.raises(LoadError, match=r"超过 0\.5 秒仍未完成"):
        office.convert_to_docx(_compound(), ".doc", seconds=0.5)
    assert time.monotonic() - started < 5
