"""Word files as drafters use them: fixes written as tracked changes, the text Word shows
(tracked changes, content controls, text boxes, nested tables), annotate run twice."""

from __future__ import annotations

from pathlib import Path

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

import checker  # noqa: E402
from checker.core.config import Settings  # noqa: E402
from checker.load.readers import docx as docx_reader  # noqa: E402
from checker.report.annotate import annotate  # noqa: E402
from checker.run.docx_revisions import changed_stretches  # noqa: E402
from tests.conftest import run  # noqa: E402

TYPO = Settings(select=["TY104", "PN201"])  # 帐号 → 账号 and a half-width comma: both safe fixes


def two_run_document(tmp_path, name="in.docx") -> str:
    """帐 and 号 in runs of different formatting, so the fix spans two runs."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("请登录帐").bold = True
    paragraph.add_run("号,按时完成。").italic = True
    path = tmp_path / name
    document.save(path)
    return str(path)


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"), qn("w:delText")))


def body(path: str):
    return docx.Document(path).element.body


def test_a_fix_over_two_runs_is_one_deletion_per_run_and_one_insertion(tmp_path):
    source = two_run_document(tmp_path)
    original = Path(source).read_bytes()
    result = checker.fix_file(source, settings=TYPO, output=str(tmp_path / "out.docx"))
    assert Path(source).read_bytes() == original
    assert result.text == "请登录账号，按时完成。\n"
    element = body(str(tmp_path / "out.docx"))
    deletions = element.findall(f".//{qn('w:del')}")
    insertions = element.findall(f".//{qn('w:ins')}")
    assert [text_of(d) for d in deletions] == ["帐", "号", ","]
    assert [text_of(i) for i in insertions] == ["账号", "，"]
    assert {d.get(qn("w:author")) for d in deletions + insertions} == {"doccheck"}
    assert all(d.get(qn("w:date")) for d in deletions + insertions)
    bold = deletions[0].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:b')}")
    italic = deletions[1].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:i')}")
    inserted_bold = insertions[0].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:b')}")
    assert bold is not None and italic is not None and inserted_bold is not None


def test_accepting_gives_the_fixed_text_and_rejecting_the_original(tmp_path):
    source = two_run_document(tmp_path)
    output = tmp_path / "out.docx"
    checker.fix_file(source, settings=TYPO, output=str(output))
    data = output.read_bytes()
    assert docx_reader.read(str(output), data).text == "请登录账号，按时完成。\n"
    assert docx_reader.read(str(output), data, view="original").text == "请登录帐号,按时完成。\n"


def test_a_finding_without_a_fix_becomes_a_comment_on_its_characters(tmp_path):
    document = docx.Document()
    document.add_paragraph("请登录帐号,按时完成。")
    source = tmp_path / "in.docx"
    document.save(source)
    output = tmp_path / "out.docx"
    result = checker.fix_file(str(source), settings=Settings(select=["TY104", "PN201", "LY101"]), output=str(output))
    assert [f.code for f in result.applied] == ["PN201", "TY104"] or [f.code for f in result.applied] == [
        "TY104",
        "PN201",
    ]
    assert [f.code for f in result.remaining] == ["LY101"]
    comments = list(docx.Document(str(output)).comments)
    assert [c.author for c in comments] == ["doccheck"]
    assert comments[0].text.startswith("[LY101 warning]")


def test_fix_of_a_docx_without_output_or_in_place_is_skipped_and_leaves_it(tmp_path):
    source = two_run_document(tmp_path)
    original = Path(source).read_bytes()
    result = run("fix", source, "--select", "TY104,PN201")
    assert result.exit_code == 0
    assert "-o OUT.docx" in result.stderr
    assert Path(source).read_bytes() == original


def test_fix_in_place_keeps_a_backup_of_the_original(tmp_path):
    source = two_run_document(tmp_path)
    original = Path(source).read_bytes()
    result = run("fix", source, "--in-place", "--select", "TY104,PN201")
    assert result.exit_code == 0, result.stderr
    assert Path(tmp_path / "in.bak.docx").read_bytes() == original
    assert docx_reader.read(source, Path(source).read_bytes()).text == "请登录账号，按时完成。\n"
    again = run("fix", source, "--in-place", "--select", "TY104,PN201")
    assert again.exit_code == 0
    assert not (tmp_path / "in.bak-2.docx").exists()  # nothing left to fix: nothing written


def test_fix_output_cannot_be_the_input(tmp_path):
    source = two_run_document(tmp_path)
    result = run("fix", source, "-o", source, "--select", "TY104")
    assert result.exit_code == 2
    assert "--in-place" in result.stderr


def half_width_document(tmp_path) -> str:
    """Eleven half-width marks in Chinese text over two paragraphs (PN202's case: more than
    ten), the third comma in a bold run of its own."""
    document = docx.Document()
    first = document.add_paragraph()
    first.add_run("一是提高认识,二是加强领导,")
    first.add_run("三是").bold = True
    first.add_run(",").bold = True
    first.add_run("落实责任;四是严格考核:五是总结经验!")
    document.add_paragraph("各单位要(认真)落实,确保安全;按时上报?")
    path = tmp_path / "marks.docx"
    document.save(path)
    return str(path)


def test_a_fix_of_marks_across_the_text_is_one_revision_per_mark(tmp_path):
    source = half_width_document(tmp_path)
    output = tmp_path / "out.docx"
    result = checker.fix_file(source, settings=Settings(select=["PN202"]), output=str(output))
    assert [f.code for f in result.applied] == ["PN202"]
    assert result.remaining == ()
    element = body(str(output))
    deletions = element.findall(f".//{qn('w:del')}")
    insertions = element.findall(f".//{qn('w:ins')}")
    assert [text_of(d) for d in deletions] == [",", ",", ",", ";", ":", "!", "(", ")", ",", ";", "?"]
    assert [text_of(i) for i in insertions] == ["，", "，", "，", "；", "：", "！", "（", "）", "，", "；", "？"]
    assert deletions[2].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:b')}") is not None
    assert insertions[2].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:b')}") is not None
    assert insertions[3].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:b')}") is None
    data = output.read_bytes()
    assert docx_reader.read(str(output), data).text == (
        "一是提高认识，二是加强领导，三是，落实责任；四是严格考核：五是总结经验！\n各单位要（认真）落实，确保安全；按时上报？\n"
    )
    assert docx_reader.read(str(output), data, view="original").text == (
        "一是提高认识,二是加强领导,三是,落实责任;四是严格考核:五是总结经验!\n各单位要(认真)落实,确保安全;按时上报?\n"
    )


def test_revisions_written_in_a_second_pass_take_ids_of_their_own(tmp_path):
    """帐号 lies inside PN202's span, so its fix waits for a second pass over the document
    the first pass wrote: its revisions must not reuse the first pass's ids."""
    document = docx.Document()
    document.add_paragraph("一是提高认识,二是加强领导,三是落实责任;四是严格考核:五是总结经验,六是接受监督!")
    document.add_paragraph("请登录帐号(认真)落实,确保安全;按时上报?")
    source = tmp_path / "in.docx"
    document.save(source)
    output = tmp_path / "out.docx"
    result = checker.fix_file(str(source), settings=Settings(select=["PN202", "TY104"]), output=str(output))
    assert sorted(f.code for f in result.applied) == ["PN202", "TY104"]
    element = body(str(output))
    ids = [change.get(qn("w:id")) for change in element.iter(qn("w:ins"), qn("w:del"))]
    assert len(ids) == 2 * 11 + 2
    assert len(set(ids)) == len(ids)
    assert docx_reader.read(str(output), output.read_bytes()).text == (
        "一是提高认识，二是加强领导，三是落实责任；四是严格考核：五是总结经验，六是接受监督！\n"
        "请登录账号（认真）落实，确保安全；按时上报？\n"
    )


def test_changed_stretches_are_the_characters_a_fix_changes_and_touching_ones_are_one():
    assert changed_stretches("甲,乙,丙", "甲，乙，丙") == [(1, 2, "，"), (3, 4, "，")]
    assert changed_stretches("甲,,乙", "甲，，乙") == [(1, 3, "，，")]
    assert changed_stretches("登录帐号", "登录账号") == [(2, 3, "账")]
    assert changed_stretches("（一）、内容", "（一）内容") == [(3, 4, "")]
    assert changed_stretches("同样", "同样") == []


def test_a_fix_that_changes_one_stretch_is_written_whole(tmp_path):
    """帐号 → 账号 changes one character, but the drafter sees the word replaced, as Word shows
    a word typed over: the deletion and the insertion hold the fix's whole span."""
    document = docx.Document()
    document.add_paragraph("请登录帐号。")
    source = tmp_path / "in.docx"
    document.save(source)
    output = tmp_path / "out.docx"
    checker.fix_file(str(source), settings=Settings(select=["TY104"]), output=str(output))
    element = body(str(output))
    assert [text_of(d) for d in element.findall(f".//{qn('w:del')}")] == ["帐号"]
    assert [text_of(i) for i in element.findall(f".//{qn('w:ins')}")] == ["账号"]


# -- what Word shows --------------------------------------------------------------------
def paragraph_xml(inner: str):
    return parse_xml(f"<w:p {nsdecls('w')}>{inner}</w:p>")


def document_with(tmp_path, *paragraphs) -> str:
    document = docx.Document()
    for paragraph in paragraphs:
        document.element.body.insert(len(document.element.body) - 1, paragraph)
    path = tmp_path / "word.docx"
    document.save(path)
    return str(path)


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path):
    path = document_with(
        tmp_path,
        paragraph_xml(
            "<w:r><w:t>请登录</w:t></w:r>"
            '<w:ins w:id="1" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:t>帐号</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>系统</w:delText></w:r></w:del>'
        ),
    )
    data = Path(path).read_bytes()
    assert docx_reader.read(path, data).text == "请登录帐号\n"
    assert docx_reader.read(path, data, view="original").text == "请登录系统\n"
    report = checker.check_path(path, settings=Settings(select=["TY104"]))
    assert [(f.code, f.location) for f in report.files[0].findings] == [("TY104", {"paragraph": 1, "offset": 3})]


def test_a_typo_inside_someone_elses_insertion_is_fixed_and_rejecting_restores_the_original(tmp_path):
    path = document_with(
        tmp_path,
        paragraph_xml(
            "<w:r><w:t>请登录</w:t></w:r>"
            '<w:ins w:id="1" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:t>帐号</w:t></w:r></w:ins>'
        ),
    )
    output = tmp_path / "out.docx"
    checker.fix_file(path, settings=Settings(select=["TY104"]), output=str(output))
    data = output.read_bytes()
    assert docx_reader.read(str(output), data).text == "请登录账号\n"
    assert docx_reader.read(str(output), data, view="original").text == "请登录\n"


def test_content_controls_text_boxes_and_nested_tables_are_read_in_order(tmp_path):
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    box = paragraph_xml(
        "<w:r><w:t>锚段落</w:t></w:r><w:r><mc:AlternateContent "
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">'
        "<w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    nested = parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tr><w:tc><w:p><w:r><w:t>外表</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p/></w:tc></w:tr></w:tbl>"
    )
    path = document_with(tmp_path, control, box, nested)
    source = docx_reader.read(path, Path(path).read_bytes())
    assert source.text == "控件中的段落\n锚段落\n文本框\n外表\n内表\n\n"
    assert source.locate(source.text.index("文本框")) == {"textbox": 1, "paragraph": 1, "offset": 0}
    assert source.locate(source.text.index("内表")) == {
        "table": 1,
        "row": 1,
        "column": 1,
        "inner_table": 1,
        "inner_row": 1,
        "inner_column": 1,
        "paragraph": 1,
        "offset": 0,
    }


def test_a_fix_inside_a_text_box_lands_there(tmp_path):
    box = paragraph_xml(
        "<w:r><w:t>锚段落</w:t></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>请登录帐号</w:t></w:r>"
        "</w:p></w:txbxContent></w:drawing></w:r>"
    )
    path = document_with(tmp_path, box)
    output = tmp_path / "out.docx"
    checker.fix_file(path, settings=Settings(select=["TY104"]), output=str(output))
    text_box = body(str(output)).find(f".//{qn('w:txbxContent')}")
    assert "".join(t.text for t in text_box.iter(qn("w:t"))) == "请登录账号"
    assert "".join(t.text for t in text_box.iter(qn("w:delText"))) == "帐号"


# -- annotate twice -------------------------------------------------------------------------
def test_annotating_again_replaces_doccheck_comments_and_keeps_others(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("请登录帐号,按时完成。")
    document.add_comment(paragraph.runs, text="请核对", author="李四")
    source = tmp_path / "in.docx"
    document.save(source)
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    annotate(str(source), str(first), TYPO)
    annotate(str(first), str(second), TYPO)
    comments = list(docx.Document(str(second)).comments)
    assert sorted(c.author for c in comments) == ["doccheck", "doccheck", "李四"]
    references = body(str(second)).findall(f".//{qn('w:commentReference')}")
    assert len(references) == 3
