"""The PDF reader: the text layer page by page, page and line of each finding, scans refused.

The PDFs are drawn in the test with reportlab, in the Chinese CID font STSong-Light
that reportlab ships (no font file needed on the machine).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pypdf", reason="pypdf is not installed (pip install doccheck[pdf])")
canvas_module = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab is not installed (test extra)")

from checker.core.config import Settings  # noqa: E402
from checker.load.readers import LoadError, read_source  # noqa: E402
from checker.run.engine import check_path  # noqa: E402
from tests.conftest import run  # noqa: E402


def make_pdf(path, pages: list[list[str]]) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = canvas_module.Canvas(str(path))
    for number, lines in enumerate(pages, 1):
        canvas.setFont("STSong-Light", 14)
        for index, line in enumerate(lines):
            canvas.drawString(72, 760 - 30 * index, line)
        canvas.drawString(290, 40, f"— {number} —")  # the page number in the footer
        canvas.showPage()
    canvas.save()
    return str(path)


def test_text_layer_page_by_page_without_page_numbers(tmp_path):
    path = make_pdf(tmp_path / "a.pdf", [["关于开展安全检查的通知", "各单位要认真落实本通知要求。"], ["特此通知。"]])
    source = read_source(path)
    assert source.kind == "pdf"
    assert source.text == "关于开展安全检查的通知\n各单位要认真落实本通知要求。\n特此通知。\n"
    assert source.locate(source.text.index("特此")) == {"page": 2, "page_line": 1, "page_column": 1}


def test_findings_name_page_and_line(tmp_path):
    path = make_pdf(
        tmp_path / "b.pdf",
        [
            ["关于开展安全检查的通知", "各单位要（认真落实本通知要求。"],
            ["今年以来共受理举报86件，其中电话举报52件，网络举报41件。"],
        ],
    )
    report = check_path(path, Settings(select=["PN101", "NC102"]))
    assert [(f.code, f.line, f.column, f.location) for f in report.findings] == [
        ("PN101", 2, 5, {"page": 1, "page_line": 2, "page_column": 5}),
        ("NC102", 3, 10, {"page": 2, "page_line": 1, "page_column": 10}),
    ]


def test_a_scanned_pdf_without_text_is_refused_with_exit_2(tmp_path):
    canvas = canvas_module.Canvas(str(tmp_path / "scan.pdf"))
    canvas.rect(50, 50, 400, 600, fill=1)  # a page that is only a picture
    canvas.showPage()
    canvas.save()
    result = run("check", str(tmp_path / "scan.pdf"))
    assert result.exit_code == 2
    assert "PDF 没有文字层" in result.output and "OCR" in result.output


def test_a_damaged_pdf_is_refused_with_exit_2(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    result = run("check", str(path))
    assert result.exit_code == 2
    # what pypdf logs while it tries the file is the message's reason, not a line of its own
    assert "无法读取 PDF" in result.stdout and "EOF marker not found" in result.stdout
    assert result.stderr == ""


def test_missing_pypdf_names_the_extra(tmp_path, monkeypatch):
    path = make_pdf(tmp_path / "c.pdf", [["特此通知。"]])
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(LoadError, match=r"doccheck\[pdf\]"):
        read_source(path)


def encrypted(path, open_password: str, algorithm: str = "AES-256") -> str:
    """A copy of a small PDF, encrypted with ``algorithm``; an empty ``open_password``
    lets anyone open it (only the owner's rights are protected)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=make_pdf(path.with_suffix(".plain.pdf"), [["各单位要（认真落实本通知要求。"]]))
    writer.encrypt(user_password=open_password, owner_password="owner", algorithm=algorithm)
    writer.write(str(path))
    return str(path)


def page_number_only(path) -> str:
    canvas = canvas_module.Canvas(str(path))
    canvas.drawString(290, 40, "3")
    canvas.showPage()
    canvas.save()
    return str(path)


def test_a_pdf_holding_only_a_page_number_is_refused_with_exit_2(tmp_path):
    result = run("check", page_number_only(tmp_path / "p.pdf"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'p.pdf'}: error: PDF 中只有页码，没有可检查的正文（共 1 页）" in result.output


def test_a_pdf_holding_only_a_page_number_on_standard_input_is_refused_with_exit_2(tmp_path):
    data = Path(page_number_only(tmp_path / "p.pdf")).read_bytes()
    result = run("check", "--stdin-filename", "x.pdf", "-", input=data)
    assert result.exit_code == 2
    assert "x.pdf: error: PDF 中只有页码，没有可检查的正文（共 1 页）" in result.output


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_an_encrypted_pdf_that_opens_without_a_password_is_read(tmp_path, algorithm):
    report = check_path(encrypted(tmp_path / "e.pdf", "", algorithm), Settings(select=["PN101"]))
    assert [(f.code, f.line, f.column) for f in report.findings] == [("PN101", 1, 5)]


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_a_pdf_with_an_open_password_is_refused_as_encrypted(tmp_path, algorithm):
    result = run("check", encrypted(tmp_path / "e.pdf", "secret", algorithm))
    assert result.exit_code == 2
    assert "error: PDF 已加密（设有打开密码），无法读取文字：请去掉密码后再检查" in result.output


def test_an_aes_pdf_without_the_cryptography_package_names_the_extra(tmp_path, monkeypatch):
    import pypdf
    from pypdf.errors import DependencyError

    def needs_cryptography(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    path = encrypted(tmp_path / "e.pdf", "")
    monkeypatch.setattr(pypdf, "PdfReader", needs_cryptography)
    with pytest.raises(LoadError, match=r"PDF 已加密（AES），解密需要 cryptography：pip install 'doccheck\[pdf\]'"):
        read_source(path)


WRAPPED = [
    "关于开展安全检查的通知",
    "各单位要切实加强组织领导，落实安全生产责任（包括主要负",  # 27 characters, as wide as the page: runs on
    "责同志的第一责任），确保各项措施落实到位（见附件。",
    "今年以来共开展检查四十次，发现并整改各类隐患一百余处，",  # the last line of page 1 runs on
]


def test_a_paragraph_wrapped_over_lines_and_pages_is_one_line(tmp_path):
    path = make_pdf(tmp_path / "w.pdf", [WRAPPED, ["取得明显成效。", "特此通知。"]])
    source = read_source(path)
    assert source.text.split("\n") == [
        "关于开展安全检查的通知",
        "各单位要切实加强组织领导，落实安全生产责任（包括主要负责同志的第一责任），确保各项措施落实到位（见附件。",
        "今年以来共开展检查四十次，发现并整改各类隐患一百余处，取得明显成效。",
        "特此通知。",
        "",
    ]
    report = check_path(path, Settings(select=["PN1"]))
    assert [(f.code, f.line, f.column, f.location) for f in report.findings] == [
        ("PN101", 2, 48, {"page": 1, "page_line": 3, "page_column": 21}),
    ]
    at = source.text.index("取得")
    assert source.locate(at) == {"page": 2, "page_line": 1, "page_column": 1}
