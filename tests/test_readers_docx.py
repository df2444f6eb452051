"""The .docx reader: body paragraphs in order, Word list numbers as shown, table cells,
headers and footers as parts of their own, and findings that name the paragraph or cell."""

from __future__ import annotations

import sys

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from checker.core.config import Settings  # noqa: E402
from checker.load.readers import LoadError, read_source  # noqa: E402
from checker.run.engine import check_path  # noqa: E402
from tests.conftest import run  # noqa: E402


def set_run(run, font: str | None = "仿宋_GB2312", size: float | None = 16) -> None:
    if size is not None:
        run.font.size = Pt(size)
    if font is not None:
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def gbt_document():
    """A document set up as GB/T 9704 asks: A4, 37/28/26/35 mm margins."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    return document


def add(document, text: str, font: str | None = "仿宋_GB2312", size: float | None = 16, style=None):
    paragraph = document.add_paragraph(style=style)
    set_run(paragraph.add_run(text), font, size)
    return paragraph


def chinese_list(document, num_id: int = 90) -> int:
    """A list definition numbering level 0 as 一、 and level 1 as （一）, as Word's Chinese lists do."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return num_id


def number(paragraph, num_id: int, level: int = 0) -> None:
    num_pr = OxmlElement("w:numPr")
    ilvl, num = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    ilvl.set(qn("w:val"), str(level))
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    paragraph._p.get_or_add_pPr().append(num_pr)


def save(document, tmp_path, name: str = "doc.docx") -> str:
    path = tmp_path / name
    document.save(path)
    return str(path)


def test_paragraphs_tables_and_list_numbers_in_document_order(tmp_path):
    document = gbt_document()
    add(document, "关于开展安全检查的通知")
    lists = chinese_list(document)
    number(add(document, "总体要求", "黑体"), lists, 0)
    number(add(document, "加强领导。", "楷体_GB2312"), lists, 1)
    number(add(document, "落实责任。", "楷体_GB2312"), lists, 1)
    number(add(document, "工作安排", "黑体"), lists, 0)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(1, 1).text = "共3项"
    add(document, "特此通知。")
    source = read_source(save(document, tmp_path))
    assert source.text == (
        "关于开展安全检查的通知\n一、总体要求\n（一）加强领导。\n（二）落实责任。\n二、工作安排\n"
        "项目\n\n\n共3项\n特此通知。\n"
    )
    assert source.kind == "docx"
    at = source.text.index("共3项")
    assert source.locate(at + 1) == {"table": 1, "row": 2, "column": 2, "paragraph": 1, "offset": 1}
    assert source.locate(source.text.index("特此")) == {"paragraph": 6, "offset": 0}
    assert source.locate(source.text.index("（二）"))["numbering"] is True


def test_findings_name_the_paragraph_and_the_table_cell(tmp_path):
    document = gbt_document()
    add(document, "关于开展安全检查的通知")
    add(document, "各单位要（认真落实本通知要求。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "完成2项（其中1项已验收"
    path = save(document, tmp_path)
    report = check_path(path, Settings(select=["PN101"]))
    assert [(f.code, f.line, f.column, f.location) for f in report.findings] == [
        ("PN101", 2, 5, {"paragraph": 2, "offset": 4}),
        ("PN101", 4, 5, {"table": 1, "row": 1, "column": 2, "paragraph": 1, "offset": 4}),
    ]


def test_a_manual_line_break_keeps_the_paragraph_on_one_line(tmp_path):
    document = gbt_document()
    paragraph = add(document, "各单位要（认真落实")
    run_ = paragraph.add_run()
    run_.add_break()
    set_run(paragraph.add_run("本通知要求）。"))
    source = read_source(save(document, tmp_path))
    assert source.text == "各单位要（认真落实本通知要求）。\n"
    assert source.locate(source.text.index("本")) == {"paragraph": 1, "offset": 10}
    assert check_path(save(document, tmp_path), Settings(select=["PN1"])).findings == []


def test_headers_and_footers_are_checked_as_parts_of_their_own(tmp_path):
    document = gbt_document()
    add(document, "各单位要认真落实本通知要求。")
    document.sections[0].header.paragraphs[0].text = "内部资料（注意保存"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    path = save(document, tmp_path)
    source = read_source(path)
    assert source.layout is not None
    assert source.layout.headers == ("内部资料（注意保存",)
    assert source.layout.footers == ("— 1 —",)
    findings = check_path(path, Settings(select=["PN101"])).findings
    assert [(f.code, f.line, f.column, f.location) for f in findings] == [
        ("PN101", 2, 5, {"part": "header1", "paragraph": 1, "offset": 4})
    ]


def test_a_file_that_is_not_a_docx_is_refused_with_exit_2(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a zip file")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert "不是有效的 .docx" in result.output or "无法打开 .docx" in result.output


def test_missing_python_docx_names_the_extra(tmp_path, monkeypatch):
    path = save(gbt_document(), tmp_path)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(LoadError, match=r"doccheck\[docx\]"):
        read_source(path)


def test_every_character_maps_back_to_its_paragraph_text(tmp_path):
    document = gbt_document()
    add(document, "关于开展安全检查的通知")
    lists = chinese_list(document)
    paragraph = add(document, "总体要求，", "黑体")
    number(paragraph, lists, 0)
    paragraph.add_run("分两段写。").add_break()
    paragraph.add_run("第二行。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "共3项"
    path = save(document, tmp_path)
    source = read_source(path)
    reopened = docx.Document(path)
    for offset, ch in enumerate(source.text):
        place = source.locate(offset)
        if ch == "\n" or place.get("numbering"):
            continue
        if "table" in place:
            cell = reopened.tables[place["table"] - 1].cell(place["row"] - 1, place["column"] - 1)
            text = cell.paragraphs[place["paragraph"] - 1].text
        else:
            text = reopened.paragraphs[place["paragraph"] - 1].text
        assert text[place["offset"]] == ch, (offset, ch, place)


def test_a_process_that_checks_one_docx_after_another_keeps_nothing_of_them(tmp_path):
    # the server, the language server and the workers of -j read file after file: what
    # one check left in cycles (the document's tree, the outline) must not outlive it
    import gc

    document = gbt_document()
    for index in range(40):
        add(document, f"第{index}段：各单位要认真落实工作要求。")
    path = str(save(document, tmp_path))
    check_path(path)
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(5):
        check_path(path)
    assert len(gc.get_objects()) - before < 100  # (each check left about 100 before)
