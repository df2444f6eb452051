"""The parts of a Word file beside its body: footnotes, endnotes, headers and footers are
read after the body, each a part of its own with its own locations; their findings are
reported (the part named in every output format), their fixes written as tracked changes
in the part, and a comment on a header or footer lands in the body (Word takes none
there). And ``docx-view``: the original text (tracked deletions, not insertions) checked
instead of the accepted one."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

import checker  # noqa: E402
from checker.core.config import Settings  # noqa: E402
from checker.load.readers import docx as docx_reader  # noqa: E402
from checker.load.readers import read_source  # noqa: E402
from tests.conftest import run  # noqa: E402

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
NOTES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"
COMMA = Settings(select=["PN201"])  # a half-width comma in Chinese text: a safe fix


def with_notes(data: bytes, kind: str, *notes: str) -> bytes:
    """``data`` (a .docx) with a footnotes or endnotes part holding ``notes``, each referred
    to from the end of the body's first paragraph; Word's separator notes come first."""
    note = kind[:-1]  # footnote, endnote
    items = "".join(
        f'<w:{note} w:id="{number}"><w:p><w:r><w:{note}Ref/></w:r><w:r><w:t>{text}</w:t></w:r></w:p></w:{note}>'
        for number, text in enumerate(notes, 1)
    )
    part = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} {W_NS}>'
        f'<w:{note} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{note}>'
        f'<w:{note} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:{note}>{items}</w:{kind}>"
    )
    references = "".join(f'<w:r><w:{note}Reference w:id="{number}"/></w:r>' for number in range(1, len(notes) + 1))
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    f'<Override PartName="/word/{kind}.xml" ContentType="'
                    f'{NOTES_TYPE.format(kind=kind)}"/></Types>'.encode(),
                )
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdNotes" Type="'
                    f'{NOTES_RELATIONSHIP.format(kind=kind)}" Target="{kind}.xml"/>'
                    f"</Relationships>".encode(),
                )
            elif item.filename == "word/document.xml":
                content = content.replace(b"</w:p>", references.encode() + b"</w:p>", 1)
            target.writestr(item, content)
        target.writestr(f"word/{kind}.xml", part)
    return out.getvalue()


def save(document, tmp_path: Path, name: str = "in.docx") -> Path:
    path = tmp_path / name
    document.save(path)
    return path


def noted(tmp_path: Path, kind: str = "footnotes", *notes: str) -> Path:
    document = docx.Document()
    document.add_paragraph("各单位要认真落实本通知要求。")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "noted.docx"
    path.write_bytes(with_notes(buffer.getvalue(), kind, *notes))
    return path


def test_a_footnote_is_read_after_the_body_and_located_in_its_part(tmp_path):
    source = read_source(str(noted(tmp_path, "footnotes", "见通知,下同。", "另见附件。")))
    assert source.text == "各单位要认真落实本通知要求。\n见通知,下同。\n另见附件。\n"
    assert source.locate(source.text.index(",")) == {"part": "footnotes", "note": 1, "paragraph": 1, "offset": 3}
    assert source.locate(source.text.index("另")) == {"part": "footnotes", "note": 2, "paragraph": 2, "offset": 0}


def test_an_endnote_is_located_in_the_endnotes_part(tmp_path):
    findings = (
        checker.check_paths([str(noted(tmp_path, "endnotes", "见通知,下同。"))], settings=COMMA).files[0].findings
    )
    assert [(f.code, f.line, f.column, f.location) for f in findings] == [
        ("PN201", 2, 4, {"part": "endnotes", "note": 1, "paragraph": 1, "offset": 3})
    ]


def test_headers_and_footers_are_parts_of_their_own_after_the_notes(tmp_path):
    document = docx.Document()
    document.add_paragraph("各单位要认真落实本通知要求。")
    document.sections[0].header.paragraphs[0].text = "内部资料（注意保存"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    source = read_source(str(save(document, tmp_path)))
    assert source.text == "各单位要认真落实本通知要求。\n内部资料（注意保存\n— 1 —\n"
    assert source.locate(source.text.index("（")) == {"part": "header1", "paragraph": 1, "offset": 4}
    assert source.locate(source.text.index("—")) == {"part": "footer1", "paragraph": 1, "offset": 0}
    assert source.layout is not None and source.layout.paragraph_spans[-1].number == 1  # the body's only


def test_the_part_is_named_in_text_github_sarif_and_json_output(tmp_path):
    path = str(noted(tmp_path, "footnotes", "见通知,下同。"))
    text = run("check", path, "--select", "PN201")
    assert f"{path}:2:4: PN201 [warning]" in text.output
    assert "    位置：脚注 footnotes 第 1 个注 第 1 段\n" in text.output
    github = run("check", path, "--select", "PN201", "--format", "github")
    assert "（脚注 footnotes 第 1 个注 第 1 段）" in github.output
    sarif = json.loads(run("check", path, "--select", "PN201", "--format", "sarif").output)
    assert sarif["runs"][0]["results"][0]["properties"]["location"]["part"] == "footnotes"
    report = json.loads(run("check", path, "--select", "PN201", "--format", "json").output)
    assert report["files"][0]["findings"][0]["location"] == {
        "part": "footnotes",
        "note": 1,
        "paragraph": 1,
        "offset": 3,
    }


def test_a_fix_in_a_footnote_is_a_tracked_change_in_the_footnotes_part(tmp_path):
    path = noted(tmp_path, "footnotes", "见通知,下同。")
    output = tmp_path / "out.docx"
    result = checker.fix_file(str(path), settings=COMMA, output=str(output))
    assert [f.code for f in result.applied] == ["PN201"]
    notes = parse_xml(zipfile.ZipFile(output).read("word/footnotes.xml"))
    assert ["".join(t.text for t in d.iter(qn("w:delText"))) for d in notes.iter(qn("w:del"))] == [","]
    assert ["".join(t.text for t in i.iter(qn("w:t"))) for i in notes.iter(qn("w:ins"))] == ["，"]
    data = output.read_bytes()
    assert docx_reader.read(str(output), data).text == "各单位要认真落实本通知要求。\n见通知，下同。\n"
    assert docx_reader.read(str(output), data, view="original").text == "各单位要认真落实本通知要求。\n见通知,下同。\n"


def test_a_fix_in_a_header_is_a_tracked_change_in_the_header(tmp_path):
    document = docx.Document()
    document.add_paragraph("各单位要认真落实本通知要求。")
    document.sections[0].header.paragraphs[0].text = "内部资料,注意保存"
    output = tmp_path / "out.docx"
    checker.fix_file(str(save(document, tmp_path)), settings=COMMA, output=str(output))
    header = docx.Document(str(output)).sections[0].header._element
    assert ["".join(t.text for t in i.iter(qn("w:t"))) for i in header.iter(qn("w:ins"))] == ["，"]


def test_a_comment_on_a_header_is_anchored_in_the_body_and_names_the_part(tmp_path):
    document = docx.Document()
    document.add_paragraph("各单位要认真落实本通知要求。")
    document.sections[0].header.paragraphs[0].text = "内部资料（注意保存"
    output = tmp_path / "out.docx"
    checker.fix_file(str(save(document, tmp_path)), settings=Settings(select=["PN101"]), output=str(output))
    fixed = docx.Document(str(output))
    assert [c.text.split("）")[0] for c in fixed.comments] == ["（页眉 header1 第 1 段"]
    assert fixed.sections[0].header._element.find(f".//{qn('w:commentReference')}") is None
    assert fixed.element.body.find(f".//{qn('w:commentReference')}") is not None


# -- the original instead of the accepted text ------------------------------------------------
def tracked(tmp_path: Path) -> Path:
    """帐号 deleted and 账户 inserted by a reviewer, in a tracked change."""
    document = docx.Document()
    document.add_paragraph()
    paragraph = document.element.body.find(qn("w:p"))
    for xml in (
        "<w:r><w:t>请登录</w:t></w:r>",
        '<w:del w:id="1" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>帐号</w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:t>账户</w:t></w:r></w:ins>',
        "<w:r><w:t>。</w:t></w:r>",
    ):
        paragraph.append(
            parse_xml(
                xml.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)
                .replace("<w:del ", f"<w:del {nsdecls('w')} ", 1)
                .replace("<w:ins ", f"<w:ins {nsdecls('w')} ", 1)
            )
        )
    return save(document, tmp_path)


def test_the_original_view_counts_deletions_and_not_insertions(tmp_path):
    path = str(tracked(tmp_path))
    assert read_source(path).text == "请登录账户。\n"
    assert read_source(path, docx_view="original").text == "请登录帐号。\n"


def test_docx_view_original_on_the_command_line_checks_the_deleted_text(tmp_path):
    path = str(tracked(tmp_path))
    assert "TY104" not in run("check", path, "--select", "TY104").output
    original = run("check", path, "--select", "TY104", "--docx-view", "original")
    assert original.exit_code == 1
    assert f"{path}:1:4: TY104" in original.output


def test_docx_view_in_the_configuration_file(tmp_path):
    path = str(tracked(tmp_path))
    (tmp_path / "doccheck.toml").write_text('docx-view = "original"\n', encoding="utf-8")
    result = run("check", path, "--select", "TY104")
    assert f"{path}:1:4: TY104" in result.output
    (tmp_path / "doccheck.toml").write_text('docx-view = "rejected"\n', encoding="utf-8")
    refused = run("check", path)
    assert refused.exit_code == 2
    assert "docx-view" in refused.output
