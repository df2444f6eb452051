"""OFD (GB/T 33190): the text of each page in reading order, printed lines joined back into
paragraphs, located by page, line on the page and column; the page size the file states
judged against GB/T 9704's A4 (LY101); hostile or mislabelled packages refused with exit 2
within seconds. The OFD files are built here, part by part, as producers write them."""

from __future__ import annotations

import io
import sys
import time
import zipfile

import pytest

pytest.importorskip("ofdkit", reason="ofdkit is not installed (pip install doccheck[ofd])")

from checker.core.config import Settings
from checker.load.readers import LoadError, read_data, read_source
from checker.run.engine import check_path
from tests.conftest import run

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 5.6  # mm: 16 pt, 三号, as GB/T 9704 sets the body
A4_BOX = "0 0 210 297"


def content(lines: list[str]) -> str:
    """A page's Content.xml: one TextObject per printed line, 28 characters to a 156 mm line."""
    objects = "".join(
        f'<ofd:TextObject ID="{100 + number}" Boundary="28 {37 + number * 10} 160 10" Font="1" Size="{SIZE}">'
        f'<ofd:TextCode X="0" Y="{SIZE}" DeltaX="g {max(len(line) - 1, 0)} {SIZE}">{line}</ofd:TextCode>'
        f"</ofd:TextObject>"
        for number, line in enumerate(lines)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">{objects}'
        f"</ofd:Layer></ofd:Content></ofd:Page>"
    )


def build_ofd(*pages: list[str], box: str = A4_BOX, title: str = "关于开展安全检查的通知") -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData>'
        f"<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox>"
        "</ofd:PageArea></ofd:CommonData><ofd:Pages>"
        + "".join(
            f'<ofd:Page ID="{index + 10}" BaseLoc="Pages/Page_{index}/Content.xml"/>' for index in range(len(pages))
        )
        + "</ofd:Pages></ofd:Document>"
    )
    root = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
        f"<ofd:DocInfo><ofd:DocID>0001</ofd:DocID><ofd:Title>{title}</ofd:Title></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", root)
        archive.writestr("Doc_0/Document.xml", document)
        for index, lines in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{index}/Content.xml", content(lines))
    return buffer.getvalue()


def test_each_page_is_read_in_order_with_page_and_line_locations(tmp_path):
    path = tmp_path / "notice.ofd"
    body = "各单位要高度重视安全生产工作，切实加强组织领导。"
    path.write_bytes(build_ofd(["关于开展安全检查的通知", "各单位：", body], ["请登录帐号。"]))
    source = read_source(str(path))
    assert source.kind == "ofd"
    assert source.text == f"关于开展安全检查的通知\n各单位：\n{body}\n请登录帐号。\n"
    assert source.pages == 2
    assert source.metadata == {"标题": "关于开展安全检查的通知"}
    assert source.locate(source.text.index("帐")) == {"page": 2, "page_line": 1, "page_column": 4}


def test_a_full_printed_line_runs_on_into_the_next_as_one_paragraph(tmp_path):
    first = "各单位要高度重视安全生产工作，切实加强组织领导，认真研究"  # 28 characters, no sentence end
    path = tmp_path / "notice.ofd"
    path.write_bytes(build_ofd([first, "落实各项措施,确保安全。", "特此通知。"]))
    source = read_source(str(path))
    assert source.text == f"{first}落实各项措施,确保安全。\n特此通知。\n"
    findings = check_path(str(path), Settings(select=["PN201"])).findings
    assert [(f.code, f.line, f.column, f.location) for f in findings] == [
        ("PN201", 1, 35, {"page": 1, "page_line": 2, "page_column": 7})
    ]  # 28 + 7


def test_a_page_that_is_not_a4_is_reported_from_its_physical_box(tmp_path):
    letter = tmp_path / "letter.ofd"
    letter.write_bytes(build_ofd(["各单位要认真落实。"], box="0 0 215.9 279.4"))
    findings = check_path(str(letter), Settings(select=["LY"])).findings
    assert [(f.code, f.evidence["width_mm"], f.evidence["height_mm"]) for f in findings] == [("LY101", 215.9, 279.4)]
    a4 = tmp_path / "a4.ofd"
    a4.write_bytes(build_ofd(["各单位要认真落实。"]))
    assert check_path(str(a4), Settings(select=["LY"])).findings == []


def test_an_ofd_without_text_is_refused_as_a_scan(tmp_path):
    path = tmp_path / "scan.ofd"
    path.write_bytes(build_ofd([]))
    result = run("check", str(path))
    assert result.exit_code == 2
    assert "OFD 中没有文字" in result.output


def test_missing_ofdkit_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ofdkit", None)
    with pytest.raises(LoadError, match=r"doccheck\[ofd\]"):
        read_data("notice.ofd", build_ofd(["各单位："]))


# -- hostile and mislabelled packages ------------------------------------------------------------
def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", b"<a/>")
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", b" " * (32 << 20))
    return buffer.getvalue()


def _entity_bomb() -> bytes:
    entities = "".join(f'<!ENTITY e{n} "&e{n - 1};&e{n - 1};&e{n - 1};&e{n - 1};">' for n in range(1, 30))
    page = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "笑">{entities}]><d>&e29;</d>'
    data = io.BytesIO(build_ofd(["各单位："]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, page if item.filename.endswith("Content.xml") else source.read(item))
    return buffer.getvalue()


def _with_member(name: str, body: str) -> bytes:
    data = io.BytesIO(build_ofd(["各单位："]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, body if item.filename == name else source.read(item))
    return buffer.getvalue()


def _docx_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (_zip_bomb, "压缩炸弹"),
        (_entity_bomb, "文档类型声明"),
        (
            lambda: _with_member(
                "OFD.xml",
                '<?xml version="1.0"?><!DOCTYPE o [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f"<ofd:OFD {NS}>&x;</ofd:OFD>",
            ),
            "文档类型声明",
        ),
        (lambda: build_ofd(["各单位："])[:300], "不是有效的 OFD 文件"),
        (_docx_like, "不是有效的 OFD 文件"),
        (lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, "Word/WPS 文档"),
        (lambda: b"\xef\xbb\xbf just text renamed .ofd", "不是有效的 OFD 文件"),
    ],
    ids=["zip-bomb", "billion-laughs", "external-entity", "corrupt-zip", "renamed-docx", "renamed-doc", "renamed-text"],
)
def test_a_hostile_or_mislabelled_ofd_is_refused_quickly_with_exit_2(tmp_path, content, said):
    path = tmp_path / "hostile.ofd"
    path.write_bytes(content())
    started = time.monotonic()
    result = run("check", str(path))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert said in result.output
