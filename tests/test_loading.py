"""Reading text files: encodings, line endings, and inputs that are not text."""

import codecs

import pytest

from checker.load.readers import LoadError, read_source

TEXT = "关于做好安全生产工作的通知\n（一）加强领导。\n"


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_encodings_are_detected(tmp_path, encoding, bom):
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    source = read_source(str(path))
    assert source.text == TEXT
    assert source.bom == bool(bom)


def test_gb18030_is_reported_as_such(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(("本文件为国标编码。" * 5 + "\n").encode("gb18030"))
    assert read_source(str(path)).encoding == "gb18030"


def test_utf16_without_bom(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(("Report 2016\n" + TEXT).encode("utf-16-le"))
    assert read_source(str(path)).text == "Report 2016\n" + TEXT


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_normalised_and_remembered(tmp_path, newline):
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    source = read_source(str(path))
    assert source.text == TEXT
    assert source.newline == newline


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(LoadError, match="不是文本文件"):
        read_source(str(path))


def test_size_limit(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(LoadError, match="文件过大"):
        read_source(str(path), max_bytes=1024)


def test_empty_file_is_fine(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"")
    assert read_source(str(path)).text == ""


def test_positions_count_code_points(tmp_path):
    from checker.model.document import Document

    doc = Document("第一行\n第二行文字\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(6) == (2, 3)
    assert doc.position(len(doc.text)) == (3, 1)
