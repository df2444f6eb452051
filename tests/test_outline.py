"""The outline grammar and builder on real-looking and awkward documents."""

from checker.model.document import Document
from checker.model.outline import build_outline, classify_lines


def headings(text: str):
    return [(n.level, n.style, n.number) for n in build_outline(text).walk() if n.kind == "heading"]


def test_four_levels_nest_by_rank():
    text = "一、总体要求\n（一）目标。\n1.第一项\n（1）细目\n（2）细目\n2.第二项\n（二）原则。\n二、工作安排\n"
    root = build_outline(text)
    first = next(n for n in root.children if n.kind == "heading")
    assert [c.number for c in first.children if c.kind == "heading"] == [1, 2]
    sub = first.children[0]
    assert [(c.level, c.number) for c in sub.children if c.kind == "heading"] == [(3, 1), (3, 2)]
    assert [c.number for c in sub.children[0].children if c.kind == "heading"] == [1, 2]


def test_chinese_numbers_above_ten_get_their_value():
    assert headings("（十一）甲\n（十二）乙\n（二十一）丙\n") == [
        (2, "（一）", 11),
        (2, "（一）", 12),
        (2, "（一）", 21),
    ]


def test_mixed_and_half_width_brackets_are_level_two():
    assert headings("(一)甲\n（二)乙\n(三）丙\n") == [(2, "(一)", 1), (2, "（一)", 2), (2, "(一）", 3)]


def test_full_width_digits_are_level_three():
    assert headings("１．甲\n２、乙\n") == [(3, "1．", 1), (3, "1、", 2)]


def test_decimal_number_at_line_start_is_not_a_heading():
    assert headings("1.09亿元的资金已经到位。\n") == []


def test_text_without_headings_is_all_paragraphs():
    root = build_outline("这是一段话。\n这是第二段话。\n")
    assert [n.kind for n in root.children] == ["paragraph", "paragraph"]


def test_skipped_level_still_nests_under_nearest_higher():
    root = build_outline("一、总则\n1.第一项\n")
    top = root.children[0]
    assert top.children[0].level == 3


def test_million_character_single_line_parses():
    text = "正文内容，" * 200_000
    root = build_outline(text)
    assert len(text) == 1_000_000
    assert [n.kind for n in root.children] == ["paragraph"]


def test_enumerations_in_paragraph_are_found_after_boundaries_only():
    text = "（六）促进发展。一是完善政策；二是搭建平台，三是加快上市。统一是前提。\n"
    root = build_outline(text)
    enums = [n for n in root.walk() if n.kind == "enumeration"]
    assert [(n.style, n.number) for n in enums] == [("一是", 1), ("一是", 2), ("一是", 3)]


def test_di_enumerations():
    enums = [n for n in build_outline("第一，要统一思想。第二，要狠抓落实。\n").walk() if n.kind == "enumeration"]
    assert [(n.style, n.number) for n in enums] == [("第一", 1), ("第一", 2)]


def test_regulation_articles_and_chapters():
    kinds = [
        (n.kind, n.style, n.number)
        for n in build_outline("第一章 总则\n第一条 为了规范管理。\n第二条 本办法适用于全市。\n").walk()
        if n.kind == "heading"
    ]
    assert kinds == [("heading", "第一章", 1), ("heading", "第一条", 1), ("heading", "第一条", 2)]


def test_metadata_header_title_signature_and_chrome():
    text = (
        "索  引  号:000/2016-001\n\n发布机构:区科技局\n\n发布日期:2016-01-20\n\n"
        "某区科技局2015年工作总结\n\n　　2015年，我局认真履职。\n一、主要工作\n（一）抓项目。\n\n"
        "某区科技局\n2016年1月19日\n\n• 关闭页面\n• 打印页面\n网站地图\n版权所有:某区人民政府\n"
    )
    root = build_outline(text)
    kinds = [n.kind for n in root.children]
    assert kinds[0] == "header" and kinds[1] == "title"
    assert [f.title for f in root.children[0].children] == ["索引号", "发布机构", "发布日期"]
    assert root.children[1].title == "某区科技局2015年工作总结"
    assert kinds[-4:] == ["chrome"] * 4
    signature = root.find("signature")[0]
    assert [c.kind for c in signature.children] == ["organ", "date"]
    assert not any(n.kind == "heading" and "关闭" in (n.title or "") for n in root.walk())


def test_content_after_signature_is_a_new_part_with_its_own_numbering():
    text = (
        "关于印发方案的通知\n各单位：\n现将方案印发给你们。\n某办公厅\n2018年10月27日\n实施方案\n一、目标\n二、任务\n"
    )
    root = build_outline(text)
    part = root.find("part")[0]
    assert [n.number for n in part.children if n.kind == "heading"] == [1, 2]


def test_attachment_note_items_are_not_sections():
    root = build_outline("正文。\n附件：1.统计表\n2.名单\n")
    note = root.find("attachment_note")[0]
    assert [c.kind for c in note.children] == ["attachment_item", "attachment_item"]
    assert not root.find("heading")


def test_line_classification_keeps_positions():
    lines = classify_lines("  一、标题\n正文\n")
    assert (lines[0].kind, lines[0].start, lines[0].marker_end) == ("heading", 2, 4)
    assert lines[1].kind == "text"


def test_seed_outline(seed_path):
    doc = Document(seed_path.read_text(encoding="utf-8"))
    root = doc.outline
    top = [n for n in root.children if n.kind == "heading"]
    assert [n.number for n in top] == [1, 2, 3]
    assert [c.number for c in top[0].children if c.kind == "heading"] == list(range(1, 13))
    assert [c.number for c in top[2].children if c.kind == "heading"] == list(range(1, 12))
    assert root.children[0].kind == "header"
    assert {"索引号", "发布机构", "发布日期", "信息名称"} <= {f.title for f in root.children[0].children}
    assert root.children[-1].kind == "chrome"
    assert doc.position(root.find("signature")[0].start)[0] == 55


def test_attachment_label_after_the_body_opens_a_part():
    root = build_outline("关于某事的通知\n一、甲。\n二、乙。\n附件1\n实施细则\n一、总则。\n")
    part = root.find("part")[0]
    assert [c.kind for c in part.children][:1] == ["attachment_label"]
    assert [n.number for n in part.children if n.kind == "heading"] == [1]


def test_attachment_names_before_the_signature_are_items_not_organs():
    root = build_outline("正文。\n附件：\n统计表\n名单\n某办公室\n2024年3月8日\n")
    assert [c.title for c in root.find("attachment_item")] == ["统计表", "名单"]
    assert [c.title for c in root.find("organ")] == ["某办公室"]


def test_list_item_that_looks_like_a_decimal_continues_the_list():
    root = build_outline("一、名词\n19.甲。\n20.2026年实事。\n")
    assert [n.number for n in root.walk() if n.kind == "heading" and n.level == 3] == [19, 20]
