"""Heading numbering: ST101 gaps and ST102 repeats among siblings."""

from tests.conftest import codes, findings


def test_gap_at_level_two():
    (f,) = findings("一、任务\n（一）甲。\n（二）乙。\n（三）丙。\n（五）丁。\n", "ST")
    assert (f.code, f.line, f.column, f.excerpt) == ("ST101", 5, 1, "（五）")
    assert "（四）" in f.message and f.evidence["missing"] == [4]


def test_gap_at_level_one():
    (f,) = findings("一、甲\n三、乙\n", "ST")
    assert (f.code, f.line) == ("ST101", 2)


def test_repeat():
    (f,) = findings("（一）甲。\n（二）乙。\n（二）丙。\n", "ST")
    assert (f.code, f.line) == ("ST102", 3)
    assert "（三）" in f.suggestion


def test_restart_under_a_new_parent_is_fine():
    assert codes("一、甲\n（一）a\n（二）b\n二、乙\n（一）c\n（二）d\n", "ST") == []


def test_numbers_above_ten_count_on():
    text = "".join(
        f"（{n}）第{n}项。\n" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    )
    assert codes(text, "ST") == []


def test_seed_numbering_is_clean(seed_path):
    from checker.core.config import Settings
    from checker.run.engine import check_path

    assert check_path(str(seed_path), Settings(select=["ST101", "ST102"])).findings == []


# -- every level and series ---------------------------------------------------------------


def test_gap_at_level_three_and_four():
    text = "一、任务\n（一）甲。\n1.子项。\n2.子项。\n4.子项。\n（1）细目。\n（3）细目。\n"
    assert [(f.code, f.line) for f in findings(text, "ST101")] == [("ST101", 5), ("ST101", 7)]


def test_enumeration_gap_within_a_paragraph():
    (f,) = findings("（一）加强领导。一是建立机制；二是明确责任；四是加强考核。\n", "ST101")
    assert (f.line, f.excerpt) == (1, "四是")


def test_enumeration_continues_into_the_next_paragraph():
    text = "一、措施\n一是建立机制。\n二是明确责任。\n四是加强考核。\n"
    (f,) = findings(text, "ST101")
    assert (f.line, f.excerpt) == (4, "四是")


def test_enumeration_in_separate_paragraphs_starts_again():
    text = "一、措施\n一是建立机制，二是明确责任。\n另有说明。\n一是加强考核，二是严格奖惩。\n"
    assert codes(text, "ST") == []


def test_di_yi_enumeration_repeat():
    (f,) = findings("主要做法：第一，统一思想；第二，明确任务；第二，抓好落实。\n", "ST102")
    assert f.excerpt == "第二"


def test_articles_number_on_across_chapters():
    text = "第一章 总则\n第一条 为了规范管理。\n第二条 适用范围。\n第二章 管理\n第三条 职责。\n第五条 监督。\n"
    (f,) = findings(text, "ST101")
    assert (f.line, f.excerpt) == (6, "第五条")


def test_articles_restarting_in_a_new_chapter_are_a_restart():
    text = "第一章 总则\n第一条 为了规范管理。\n第二条 适用范围。\n第二章 管理\n第一条 职责。\n"
    (f,) = findings(text, "ST104")
    assert (f.line, f.excerpt) == (5, "第一条")


def test_chapters_gap():
    (f,) = findings("第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。\n", "ST101")
    assert f.excerpt == "第三章"


# -- ST103 backwards ----------------------------------------------------------------------


def test_backwards_number_is_reported():
    (f,) = findings("（一）甲。\n（二）乙。\n（四）丙。\n（三）丁。\n", "ST103")
    assert (f.code, f.line, f.excerpt) == ("ST103", 4, "（三）")


def test_in_order_numbers_are_not_backwards():
    assert codes("（一）甲。\n（二）乙。\n（三）丙。\n", "ST103") == []


# -- ST104 restarts -------------------------------------------------------------------------


def test_restart_under_the_same_parent_is_reported():
    text = "一、总体要求\n（一）目标。\n（二）原则。\n（一）任务。\n二、保障措施\n"
    (f,) = findings(text, "ST104")
    assert (f.code, f.line, f.excerpt) == ("ST104", 4, "（一）")


def test_restart_after_a_lead_in_is_a_new_list():
    text = "一、甲。\n二、乙。\n三、丙。\n为此，国务院作出以下规定：\n一、第一项规定。\n二、第二项规定。\n"
    assert codes(text, "ST") == []


def test_restart_after_an_attachment_label_is_a_new_document():
    text = "关于某事的通知\n一、甲。\n二、乙。\n附件1\n实施细则\n一、总则。\n二、分则。\n"
    assert codes(text, "ST1") == []


def test_list_restarts_at_level_three_are_fine():
    text = "一、甲\n1.子项。\n2.子项。\n说明如下。\n1.另一子项。\n2.另一子项。\n"
    assert codes(text, "ST1") == []


def test_list_item_that_starts_with_a_number_continues_its_list():
    text = "一、名词解释\n19.第十九项。\n20.2026年十件实事：就业等。\n21.5+2之家：覆盖五级。\n"
    assert codes(text, "ST1") == []


# -- ST105 level skipped -----------------------------------------------------------------------


def test_level_four_directly_under_level_one_is_reported():
    (f,) = findings("一、工作任务\n（1）加强领导。\n（2）完善制度。\n", "ST105")
    assert (f.code, f.line, f.excerpt) == ("ST105", 2, "（1）")
    assert "（一）" in f.suggestion


def test_level_two_under_title_and_level_three_under_one_are_allowed():
    assert codes("关于某事的通知\n（一）甲。\n（二）乙。\n", "ST105") == []
    assert codes("一、甲\n1.子项。\n2.子项。\n", "ST105") == []


# -- ST106 mixed forms, ST107 non-standard forms ------------------------------------------------


def test_mixed_brackets_at_one_level_report_the_minority_with_a_safe_fix():
    (f,) = findings("（一）甲。\n（二）乙。\n(三)丙。\n", "ST106")
    assert (f.code, f.line, f.excerpt) == ("ST106", 3, "(三)")
    assert (f.fix.replacement, f.fix.safety) == ("（三）", "safe")


def test_one_form_per_level_is_not_mixed(seed_path):
    assert codes("(一)甲。\n(二)乙。\n", "ST106") == []
    assert codes(seed_path.read_text(encoding="utf-8"), "ST106") == []


def test_dot_after_chinese_numeral_is_nonstandard():
    (f,) = findings("一.总体要求\n二、工作任务\n", "ST107")
    assert (f.code, f.line, f.severity.value, f.fix.replacement) == ("ST107", 1, "info", "一、")


def test_comma_after_bracketed_number_is_nonstandard():
    (f,) = findings("（一）、工作目标\n（二）工作任务\n", "ST107")
    assert (f.excerpt, f.fix.replacement) == ("（一）、", "（一）")


def test_arabic_with_dun_is_nonstandard_only_where_the_document_uses_the_dot():
    (f,) = findings("一、甲\n1.子项。\n2、子项。\n3.子项。\n", "ST107")
    assert (f.line, f.fix.replacement) == (3, "2.")
    assert codes("一、甲\n1、子项。\n2、子项。\n", "ST10") == []


def test_line_structured_corpus_has_no_structure_or_date_warning(corpus_path):
    """Precision: every ST/DT error or warning on these published documents was read and
    found to be a false positive, then fixed; a new one is a regression to look at."""
    from checker.core.config import Settings
    from checker.run.engine import check_path

    settings = Settings(select=["ST", "DT"])
    found = []
    for path in sorted(corpus_path.glob("*.txt")):
        if path.name.startswith("govprc-"):  # line breaks lost upstream: no structure to check
            continue
        found += [
            (path.name, f.code, f.line)
            for f in check_path(str(path), settings).findings
            if f.severity.value in ("error", "warning")
        ]
    assert found == []


def test_an_attached_document_may_use_its_own_form():
    text = (
        "关于印发细则的通知\n（一）甲。\n（二）乙。\n某办公室\n2024年3月8日\n附件\n实施细则\n(一)总则。\n(二)分则。\n"
    )
    assert codes(text, ["ST106", "ST107"]) == []


def test_a_lone_restart_between_two_numbers_of_a_series_is_still_a_restart():
    text = (
        "关于做好安全生产工作的通知\n一、总体要求\n做好工作。\n（一）明确目标。\n完成任务。\n（二）压实责任。\n"
        "落实到人。\n（一）加强检查。\n开展排查。\n（三）强化保障。\n加大投入。\n"
    )
    assert [(f.code, f.line) for f in findings(text, ["ST101", "ST103", "ST104"])] == [("ST104", 8), ("ST101", 10)]
