"""A .docx is checked before it is parsed: member sizes, their total and their compression
ratio counted while inflating, no DTD in any XML part, list numbers within Word's bounds.
Each hostile file gets a Chinese message saying what was refused, and exit 2."""

from __future__ import annotations

import struct
import time

import pytest

pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")

from checker.load.readers import (
    LoadError,
    docx_package,
    read_data,
)
from tests.conftest import run
from tests.docx_packages import Raw, level, package, repeated, with_list, with_paragraphs, word_parts, zeros

PARAGRAPH = "<w:p><w:r><w:t>各单位要认真开展自查，并按时报送结果。</w:t></w:r></w:p>"
LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


def refusal(data: bytes) -> str:
    """The message a .docx of ``data`` is refused with."""
    with pytest.raises(LoadError) as refused:
        read_data("hostile.docx", data)
    return str(refused.value)


def with_doctype(xml: bytes, doctype: str) -> bytes:
    declaration, rest = xml.split(b"?>", 1)
    return declaration + b"?>" + doctype.encode("utf-8") + rest


# --- sizes and ratio ----------------------------------------------------------------------------------


def test_a_2_gb_thumbnail_in_a_2_mb_file_is_refused_by_its_declared_size_without_inflating_it():
    data = package({**word_parts("通知"), "docProps/thumbnail.jpeg": zeros(2 << 30)})
    assert len(data) < 3 << 20
    started = time.monotonic()
    assert refusal(data) == (
        ".docx 中的部件 docProps/thumbnail.jpeg 声明解压后有 2048 MB，超过上限 64 MB，已拒绝读取（可能是压缩炸弹）"
    )
    assert time.monotonic() - started < 2


def test_a_member_that_declares_fewer_bytes_than_it_holds_is_refused_as_damaged():
    # zipfile stops a member at its declared size, and then its checksum does not match
    bomb = zeros(256 << 20)
    data = package({**word_parts("通知"), "docProps/thumbnail.jpeg": Raw(bomb.compressed, 1000)})
    assert refusal(data) == ".docx 已损坏：部件 docProps/thumbnail.jpeg 无法解压（BadZipFile）"


def test_200_mb_of_paragraphs_in_a_small_file_are_refused_at_the_xml_part_limit():
    parts = word_parts("通知")
    head, tail = parts["word/document.xml"].split(b"<w:body>")
    block = PARAGRAPH.encode("utf-8") * 1000
    document = repeated(block, 200_000_000 // len(block), head + b"<w:body>", tail)
    data = package({**parts, "word/document.xml": document})
    assert len(data) < 1 << 20
    assert refusal(data) == (
        ".docx 中的部件 word/document.xml 声明解压后有 191 MB，超过上限 16 MB，已拒绝读取（可能是压缩炸弹）"
    )


def test_a_member_that_inflates_more_than_500_times_its_compressed_bytes_is_refused():
    data = package({**word_parts("通知"), "word/media/image1.png": zeros(32 << 20)})
    assert refusal(data) == ".docx 中的部件 word/media/image1.png 的压缩比超过 500:1，已拒绝读取（可能是压缩炸弹）"


def test_all_members_together_are_limited(monkeypatch):
    monkeypatch.setattr(docx_package, "MAX_TOTAL", 200 * 1024)
    pictures = {f"word/media/image{n}.png": bytes(range(256)) * 400 for n in range(3)}  # 100 KB each
    data = package({**word_parts("通知"), **pictures})
    assert refusal(data) == ".docx 解压后的总大小超过上限 200 KB，已拒绝读取（可能是压缩炸弹）"


def test_a_package_of_more_than_10000_members_is_refused():
    parts = {**word_parts("通知"), **{f"customXml/x{n}.bin": b"" for n in range(10_000)}}
    assert refusal(package(parts)).startswith(".docx 中的部件过多（10017 个，上限 10000 个）")


def test_an_ordinary_document_with_a_picture_is_read():
    parts = {**word_parts("关于开展安全检查的通知"), "word/media/image1.png": bytes(range(256)) * 4000}
    assert read_data("ordinary.docx", package(parts)).text == "关于开展安全检查的通知\n"


# --- DTDs and entities --------------------------------------------------------------------------------


def test_a_billion_laughs_document_is_refused_for_its_doctype():
    parts = word_parts("通知")
    document = with_doctype(parts["word/document.xml"], LAUGHS).replace(b"<w:t>", b"<w:t>&j;", 1)
    assert refusal(package({**parts, "word/document.xml": document})) == (
        ".docx 中的 XML 部件 word/document.xml 含有文档类型声明（<!DOCTYPE>），Word 不会写入它，"
        "已拒绝读取（可能是恶意文件：实体膨胀或外部实体）"
    )


def test_an_external_entity_in_a_relationship_part_is_refused():
    parts = word_parts("通知")
    rels = with_doctype(parts["_rels/.rels"], '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    assert "XML 部件 _rels/.rels 含有文档类型声明" in refusal(package({**parts, "_rels/.rels": rels}))


def test_a_doctype_in_a_utf16_xml_part_is_refused():
    parts = word_parts("通知")
    core = parts["docProps/core.xml"].decode("utf-8").replace("UTF-8", "UTF-16")
    core = with_doctype(core.encode("utf-8"), "<!DOCTYPE cp:coreProperties>").decode("utf-8").encode("utf-16")
    assert "XML 部件 docProps/core.xml 含有文档类型声明" in refusal(package({**parts, "docProps/core.xml": core}))


def test_a_part_with_an_xml_content_type_is_checked_whatever_its_name():
    parts = word_parts("通知")
    types = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/extra.bin" ContentType="application/vnd.example+xml"/></Types>'
    )
    extra = with_doctype(b'<?xml version="1.0"?><x/>', "<!DOCTYPE x>")
    data = package({**parts, "[Content_Types].xml": types, "word/extra.bin": extra})
    assert "XML 部件 word/extra.bin 含有文档类型声明" in refusal(data)


def test_an_svg_picture_keeps_its_doctype_because_it_is_never_parsed():
    parts = word_parts("关于开展安全检查的通知")
    types = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="svg" ContentType="image/svg+xml"/></Types>'
    )
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    data = package({**parts, "[Content_Types].xml": types, "word/media/image1.svg": svg})
    assert read_data("picture.docx", data).text == "关于开展安全检查的通知\n"


# --- not a .docx at all -------------------------------------------------------------------------------


def test_a_truncated_docx_is_refused_as_not_a_valid_docx():
    data = package(word_parts("通知"))
    assert refusal(data[: len(data) // 2]) == (
        "不是有效的 .docx 文件（不是 zip 压缩包，或文件已损坏）：请用 Word/WPS 另存为 .docx 后再检查"
    )


def test_a_doc_renamed_docx_is_told_apart():
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4088)
    assert refusal(ole) == "这是旧版 Word 文档（.doc），不是 .docx：请用 Word/WPS 另存为 .docx 后再检查"


def test_a_password_protected_docx_is_told_to_be_encrypted():
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1000) + "EncryptedPackage".encode("utf-16-le") + bytes(1000)
    assert refusal(ole) == "这个 Word 文件设有打开密码（已加密），无法读取：请在 Word/WPS 中去掉密码后再检查"


def test_a_member_encrypted_by_zip_is_refused():
    data = bytearray(package(word_parts("通知")))
    at = data.rindex(b"word/document.xml", 0, data.index(b"PK\x01\x02"))  # its local header
    header = at - 30
    flags = struct.unpack_from("<H", data, header + 6)[0]
    struct.pack_into("<H", data, header + 6, flags | 1)
    central = data.index(b"word/document.xml", data.index(b"PK\x01\x02")) - 46
    struct.pack_into("<H", data, central + 8, flags | 1)
    assert refusal(bytes(data)) == ".docx 中的部件 word/document.xml 已加密，无法读取"


# --- list numbers -------------------------------------------------------------------------------------


def numbered(*args, **kwargs) -> bytes:
    return package(with_list(word_parts("通知"), *args, **kwargs))


def test_a_list_in_letters_starting_at_ten_billion_is_refused():
    data = numbered(level("lowerLetter", start="10000000000"))
    assert refusal(data) == (
        ".docx 的列表编号设置不合规范：word/numbering.xml 中 w:start 的值 10000000000 超出 Word 允许的范围（0–32767）"
    )


def test_a_start_override_of_99999999999_is_refused():
    data = numbered(
        level("lowerLetter"),
        override='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="99999999999"/></w:lvlOverride>',
    )
    assert refusal(data) == (
        ".docx 的列表编号设置不合规范：word/numbering.xml 中 w:startOverride 的值 99999999999 "
        "超出 Word 允许的范围（0–32767）"
    )


def test_a_list_level_of_fifty_million_is_refused():
    data = numbered(level(ilvl="50000000"), paragraph_level="50000000")
    assert refusal(data) == (
        ".docx 的列表编号设置不合规范：word/numbering.xml 中 w:ilvl 的值 50000000 超出 Word 允许的范围（0–8）"
    )


def test_a_list_level_that_is_not_a_number_is_refused():
    assert refusal(numbered(level(ilvl="abc"))) == (
        ".docx 的列表编号设置不合规范：word/numbering.xml 中 w:ilvl 的值“abc”不是整数"
    )


def test_a_paragraph_list_level_that_is_not_a_number_is_refused():
    assert refusal(numbered(level(), paragraph_level="²")) == (
        ".docx 的列表编号设置不合规范：word/document.xml 中 w:ilvl 的值“²”不是整数"
    )


def test_a_5000_digit_start_value_is_refused_and_shown_shortened():
    assert refusal(numbered(level(start="9" * 5000))) == (
        ".docx 的列表编号设置不合规范：word/numbering.xml 中 w:start 的值 99999999999999999999…（共 5000 个字符） "
        "超出 Word 允许的范围（0–32767）"
    )


def test_a_number_format_longer_than_255_characters_is_refused():
    assert refusal(numbered(level(text="%1" + "、" * 300))) == (
        ".docx 的列表编号设置不合规范：word/numbering.xml 中的编号格式 w:lvlText 有 302 个字符，上限 255 个"
    )


def test_letters_past_780_and_roman_numerals_past_3999_are_shown_as_numbers():
    letters = read_data("x.docx", numbered(level("lowerLetter", start="779"))).text
    roman = read_data("x.docx", numbered(level("upperRoman", start="3998"))).text
    assert letters.splitlines()[:3] == ["y" * 30 + ".做好工作。", "z" * 30 + ".做好工作。", "781.做好工作。"]
    assert roman.splitlines()[:3] == ["MMMCMXCVIII.做好工作。", "MMMCMXCIX.做好工作。", "4000.做好工作。"]


# --- tables -------------------------------------------------------------------------------------------


def table(*rows: str) -> str:
    return "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + "".join(rows) + "</w:tbl>"


def cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_a_cell_spanning_a_billion_columns_is_read_once_and_counts_as_one_column():
    wide = table("<w:tr>" + cell("合并", '<w:gridSpan w:val="1000000000"/>') + cell("右") + "</w:tr>")
    source = read_data("x.docx", package(with_paragraphs(word_parts(), wide)))
    assert source.text == "合并\n右\n"
    assert source.locate(source.text.index("右"))["column"] == 2


def test_a_cell_spanning_two_columns_moves_the_next_cell_two_columns_on():
    wide = table("<w:tr>" + cell("合并", '<w:gridSpan w:val="2"/>') + cell("右") + "</w:tr>")
    source = read_data("x.docx", package(with_paragraphs(word_parts(), wide)))
    assert source.locate(source.text.index("右"))["column"] == 3


def test_a_vertical_merge_with_no_cell_above_keeps_its_text():
    orphan = table("<w:tr>" + cell("左") + cell("续", "<w:vMerge/>") + "</w:tr>")
    assert read_data("x.docx", package(with_paragraphs(word_parts(), orphan))).text == "左\n续\n"


def test_a_vertical_merge_is_read_at_its_first_row():
    merged = table(
        "<w:tr>" + cell("甲") + cell("合并", '<w:vMerge w:val="restart"/>') + "</w:tr>",
        "<w:tr>" + cell("乙") + cell("", "<w:vMerge/>") + "</w:tr>",
    )
    source = read_data("x.docx", package(with_paragraphs(word_parts(), merged)))
    assert source.text == "甲\n合并\n乙\n"
    assert source.locate(source.text.index("乙")) == {"table": 1, "row": 2, "column": 1, "paragraph": 1, "offset": 0}


# --- values python-docx parses itself -----------------------------------------------------------------


def test_a_page_width_that_is_not_a_number_is_refused():
    parts = word_parts("通知")
    document = parts["word/document.xml"].replace(b'<w:pgSz w:w="12240"', b'<w:pgSz w:w="abc"')
    assert refusal(package({**parts, "word/document.xml": document})) == (
        ".docx 中有 Word 格式不允许的值，无法读取（ValueError: invalid literal for int() with base 10: 'abc'）"
    )


# --- from the command line ----------------------------------------------------------------------------

HOSTILE = {
    "thumbnail": lambda: package({**word_parts("通知"), "docProps/thumbnail.jpeg": zeros(2 << 30)}),
    "start": lambda: numbered(level("lowerLetter", start="10000000000")),
    "ilvl": lambda: numbered(level(ilvl="abc")),
    "laughs": lambda: package({**word_parts("通知"), "_rels/.rels": with_doctype(word_parts()["_rels/.rels"], LAUGHS)}),
    "doc": lambda: bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4088),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_check_reports_a_hostile_docx_as_unreadable_with_exit_2(tmp_path, case):
    path = tmp_path / f"{case}.docx"
    path.write_bytes(HOSTILE[case]())
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}: error: " in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_check_from_standard_input_reports_a_hostile_docx_with_exit_2(case):
    result = run("check", "--stdin-filename", "x.docx", "-", input=HOSTILE[case]())
    assert result.exit_code == 2
    assert "x.docx: error: " in result.output


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_annotate_refuses_a_hostile_docx_with_exit_2_and_writes_nothing(tmp_path, case):
    path, output = tmp_path / f"{case}.docx", tmp_path / "annotated.docx"
    path.write_bytes(HOSTILE[case]())
    result = run("annotate", str(path), "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误：{path}: ")
    assert not output.exists()
