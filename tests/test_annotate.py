"""doccheck annotate: a commented copy of a .docx, one comment per finding, on the right text."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")
import docx
from docx.oxml.ns import qn

from checker.core.config import Settings
from checker.report.annotate import annotate
from tests.conftest import run
from tests.test_readers_docx import add, gbt_document, save


def anchored(paragraph) -> dict[int, str]:
    """comment id → the text between its range start and end in this paragraph."""
    texts: dict[int, str] = {}
    open_ids: set[int] = set()
    for element in paragraph._p.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(int(element.get(qn("w:id"))))
            texts.setdefault(int(element.get(qn("w:id"))), "")
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(element.get(qn("w:id"))))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                texts[comment_id] += element.text or ""
    return texts


def all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def sample(tmp_path):
    document = gbt_document()
    add(document, "关于开展安全检查的通知", "方正小标宋简体", 22)
    paragraph = add(document, "各单位要（认真")
    add_run = paragraph.add_run("落实本通知要求。")  # the bracket and the rest sit in different runs
    add_run.font.size = paragraph.runs[0].font.size
    add(document, "请于月底前报送检查情况。", "宋体")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "完成2项（其中1项已验收"
    return save(document, tmp_path, "in.docx")


def test_one_comment_per_finding_on_the_offending_text(tmp_path):
    source = sample(tmp_path)
    original = Path(source).read_bytes()
    output = str(tmp_path / "out.docx")
    findings = annotate(source, output, Settings(select=["PN101", "LY"]))
    assert Path(source).read_bytes() == original  # never modified
    result = docx.Document(output)
    comments = list(result.comments)
    assert len(comments) == len(findings) == 3
    assert {c.author for c in comments} == {"doccheck"}
    by_id = {}
    for paragraph in all_paragraphs(result):
        for comment_id, text in anchored(paragraph).items():
            by_id[comment_id] = (paragraph.text, text)
    texts = {c.comment_id: c.text for c in comments}
    placed = sorted((texts[i].split("]")[0] + "]", where, text) for i, (where, text) in by_id.items())
    assert placed == [
        ("[LY121 warning]", "请于月底前报送检查情况。", "请于月底前报送检查情况。"),
        ("[PN101 error]", "各单位要（认真落实本通知要求。", "（"),
        ("[PN101 error]", "完成2项（其中1项已验收", "（"),
    ]


def test_comment_text_carries_message_and_suggestion(tmp_path):
    output = str(tmp_path / "out.docx")
    (finding,) = [
        f
        for f in annotate(sample(tmp_path), output, Settings(select=["PN101"]))
        if f.location.get("paragraph") == 2 and "table" not in f.location
    ]
    texts = [c.text for c in docx.Document(output).comments]
    assert f"[PN101 error] {finding.message}\n建议：{finding.suggestion}" in texts


def test_run_formatting_is_kept_when_runs_are_split(tmp_path):
    output = str(tmp_path / "out.docx")
    annotate(sample(tmp_path), output, Settings(select=["PN101"]))
    paragraph = docx.Document(output).paragraphs[1]
    assert paragraph.text == "各单位要（认真落实本通知要求。"
    texts = [run.text for run in paragraph.runs if run.text]
    assert texts == ["各单位要", "（", "认真", "落实本通知要求。"]
    assert paragraph.runs[1].font.size == paragraph.runs[0].font.size


def test_cli_annotate_and_refusals(tmp_path):
    source = sample(tmp_path)
    output = tmp_path / "reviewed.docx"
    result = run("annotate", source, "-o", str(output), "--select", "PN101")
    assert result.exit_code == 0, result.output
    assert "含 2 条批注" in result.stderr
    assert len(list(docx.Document(str(output)).comments)) == 2
    same = run("annotate", source, "-o", source)
    assert same.exit_code == 2 and "原文件不会被修改" in same.output
    text = tmp_path / "a.txt"
    text.write_text("各单位要认真落实。\n", encoding="utf-8")
    wrong = run("annotate", str(text), "-o", str(tmp_path / "x.docx"))
    assert wrong.exit_code == 2 and ".docx" in wrong.output


def test_sample_document_gets_a_comment_for_each_finding(tmp_path):
    from tests.conftest import SAMPLES

    output = str(tmp_path / "reviewed.docx")
    findings = annotate(str(SAMPLES / "notice-layout-defects.docx"), output, Settings())
    result = docx.Document(output)
    assert len(list(result.comments)) == len(findings) >= 8
    anchored_ids = [i for paragraph in all_paragraphs(result) for i in anchored(paragraph)]
    assert sorted(anchored_ids) == sorted(c.comment_id for c in result.comments)
