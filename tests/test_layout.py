"""LY rules: GB/T 9704 page setup, sizes and fonts, judged only where the .docx states them."""

from __future__ import annotations

import pytest

pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")
import docx
from docx.shared import Mm

from checker.core.config import Settings
from checker.run.engine import check_path
from tests.conftest import findings
from tests.test_readers_docx import add, chinese_list, gbt_document, number, save


def layout(path: str):
    return check_path(path, Settings(select=["LY"])).findings


def conforming(document=None):
    document = document or gbt_document()
    add(document, "关于开展安全检查的通知", "方正小标宋简体", 22)
    lists = chinese_list(document)
    number(add(document, "总体要求", "黑体"), lists, 0)
    add(document, "各单位要认真落实本通知要求，切实做好安全检查工作。")
    number(add(document, "加强领导。", "楷体_GB2312"), lists, 1)
    add(document, "各单位主要负责同志要亲自抓。")
    return document


def test_a_document_laid_out_as_gbt_9704_asks_has_no_layout_findings(tmp_path):
    assert layout(save(conforming(), tmp_path)) == []


def test_page_size_margins_and_text_block_with_measured_values(tmp_path):
    document = conforming()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)  # US Letter
    section.top_margin, section.left_margin = Mm(25.4), Mm(31.8)
    found = {f.code: f for f in layout(save(document, tmp_path))}
    assert sorted(found) == ["LY101", "LY102", "LY103", "LY104"]
    assert found["LY101"].evidence["width_mm"] == 215.9 and found["LY101"].evidence["height_mm"] == 279.4
    assert found["LY102"].evidence["top_mm"] == 25.4
    assert found["LY103"].evidence["left_mm"] == 31.8
    assert found["LY104"].evidence["text_block_mm"] == [158.1, 219.0]
    assert found["LY104"].evidence["arithmetic"] == "215.9−31.8−26=158.1；279.4−25.4−35=219"
    assert all((f.line, f.location) == (1, {"paragraph": 1, "offset": 0}) for f in found.values())


def test_margins_within_one_millimetre_are_fine(tmp_path):
    document = conforming()
    section = document.sections[0]
    section.top_margin, section.bottom_margin = Mm(37.8), Mm(34.2)
    section.left_margin, section.right_margin = Mm(27.3), Mm(26.7)
    assert layout(save(document, tmp_path)) == []


def test_landscape_a4_is_reported(tmp_path):
    document = conforming()
    section = document.sections[0]
    section.orientation = 1
    section.page_width, section.page_height = Mm(297), Mm(210)
    (finding,) = [f for f in layout(save(document, tmp_path)) if f.code.startswith("LY10")]
    assert finding.code == "LY101"
    assert finding.evidence["orientation"] == "landscape"


def test_body_and_title_sizes_are_reported_once_per_wrong_size(tmp_path):
    document = gbt_document()
    add(document, "关于开展安全检查的通知", "方正小标宋简体", 16)
    add(document, "各单位要认真落实本通知要求。", size=12)
    add(document, "各单位主要负责同志要亲自抓。", size=12)
    add(document, "请于月底前报送检查情况。")
    found = layout(save(document, tmp_path))
    assert [(f.code, f.line, f.evidence.get("measured_pt")) for f in found] == [("LY112", 1, 16.0), ("LY111", 2, 12.0)]
    assert found[1].evidence["paragraphs"] == [2, 3]
    assert found[1].message == "正文字号为12 pt（小四）（共2段），GB/T 9704 规定正文用三号字（16 pt）"


def test_fonts_by_role(tmp_path):
    document = gbt_document()
    add(document, "关于开展安全检查的通知", "方正小标宋简体", 22)
    lists = chinese_list(document)
    number(add(document, "总体要求", "仿宋_GB2312"), lists, 0)
    add(document, "各单位要认真落实本通知要求。", "宋体")
    number(add(document, "加强领导。", "黑体"), lists, 1)
    found = layout(save(document, tmp_path))
    assert [(f.code, f.line, f.evidence["measured_font"]) for f in found] == [
        ("LY122", 2, "仿宋_GB2312"),
        ("LY121", 3, "宋体"),
        ("LY123", 4, "黑体"),
    ]
    assert found[0].evidence["expected_family"] == "黑体"


def test_a_bold_phrase_in_another_font_does_not_change_the_paragraph_font(tmp_path):
    document = conforming()
    paragraph = add(document, "各单位要认真落实本通知要求，切实做好安全检查工作。")
    from tests.test_readers_docx import set_run

    set_run(paragraph.add_run("重点"), "黑体")
    assert layout(save(document, tmp_path)) == []


def test_fonts_and_sizes_the_file_does_not_state_are_not_judged(tmp_path):
    document = docx.Document()  # python-docx's template: Letter page, theme fonts
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.add_paragraph("关于开展安全检查的通知")
    document.add_paragraph("各单位要认真落实本通知要求。")
    codes = [f.code for f in layout(save(document, tmp_path))]
    assert not any(code in codes for code in ("LY121", "LY122", "LY123"))


def test_layout_rules_say_nothing_about_plain_text():
    assert findings("关于开展安全检查的通知\n一、总体要求\n各单位要认真落实本通知要求。\n", "LY") == []


def test_sample_notice_layout_defects():
    from tests.conftest import SAMPLES

    found = check_path(str(SAMPLES / "notice-layout-defects.docx"), Settings(select=["LY", "PN101"])).findings
    assert [(f.code, f.line, f.column) for f in found] == [
        ("LY102", 1, 1),
        ("LY103", 1, 1),
        ("LY104", 1, 1),
        ("LY111", 3, 1),
        ("LY121", 3, 1),
        ("LY122", 4, 1),
        ("PN101", 5, 15),
        ("PN101", 14, 4),
    ]
    assert found[3].evidence["paragraphs"] == [3, 5]
    assert found[7].location == {"table": 1, "row": 2, "column": 2, "paragraph": 1, "offset": 3}
