"""Genre and direction (ST212-ST215): what the profiles say of the way a type goes."""

from __future__ import annotations

import checker

SIGNED = "\n某某局\n2024年3月20日\n"


def codes(text: str, select: str) -> list[tuple[str, int, int]]:
    findings = checker.check_text(text, settings=checker.Settings(select=[select])).files[0].findings
    return [(f.code, f.line, f.column) for f in findings]


def test_an_upward_document_addressing_its_superior_as_ni_ju_is_reported():
    text = "关于追加经费的请示\n市财政局：\n请你局予以支持。\n妥否，请批示。\n" + SIGNED
    assert codes(text, "ST212") == [("ST212", 3, 2)]


def test_a_command_word_for_the_writers_own_subordinates_is_not():
    text = "关于整改情况的报告\n区人民政府：\n我局已责成各科室整改。\n特此报告。\n" + SIGNED
    assert codes(text, "ST212") == []


def test_wording_inside_a_cited_title_is_not_the_writers_own():
    text = "关于整改情况的报告\n区人民政府：\n我局按照《关于务必做好整改的通知》整改。\n特此报告。\n" + SIGNED
    assert codes(text, "ST212") == []


def test_petitioning_wording_in_a_notice_is_info():
    findings = checker.check_text("关于放假的通知\n各科室：\n恳请各科室按时放假。\n" + SIGNED).files[0].findings
    assert [(f.code, f.severity.value) for f in findings if f.code == "ST212"] == [("ST212", "info")]


def test_each_lower_body_on_the_copy_line_of_a_report_is_reported():
    text = (
        "关于工作情况的报告\n区人民政府：\n完成检查。\n特此报告。\n"
        + SIGNED
        + "\n抄送：区财政局，各县（市、区）人民政府。\n"
    )
    findings = checker.check_text(text, settings=checker.Settings(select=["ST213"])).files[0].findings
    assert [f.excerpt for f in findings] == ["各县（市、区）人民政府"]


def test_a_request_to_a_leader_is_reported_and_one_to_an_organ_is_not():
    body = "\n拟增设服务中心。\n妥否，请批示。\n" + SIGNED
    assert codes("关于增设服务中心的请示\n王局长：" + body, "ST214") == [("ST214", 2, 1)]
    assert codes("关于增设服务中心的请示\n市人民政府办公室：" + body, "ST214") == []


def test_a_request_closing_like_a_report_is_reported():
    text = "关于增设服务中心的请示\n市人民政府：\n拟增设服务中心。\n特此报告。\n" + SIGNED
    assert codes(text, "ST215") == [("ST215", 4, 1)]


def test_a_report_closing_as_a_report_is_not():
    text = "关于工作情况的报告\n市人民政府：\n完成检查。\n特此报告。\n" + SIGNED
    assert codes(text, "ST215") == []


def test_a_request_sent_as_a_report_shows_each_of_its_ten_defects():
    """samples/request-as-report-defects.txt: the defects GONGWEN's example of a 请示 lists."""
    from tests.conftest import SAMPLES

    text = (SAMPLES / "request-as-report-defects.txt").read_text(encoding="utf-8")
    found = {(f.code, f.line) for f in checker.check_text(text).files[0].findings}
    assert found >= {
        ("ST205", 9),  # a 报告 asking for approval (妥否，请批示)
        ("ST204", 3),  # two recipients
        ("ST213", 16),  # copied to lower bodies
        ("ST212", 8),  # 你局
        ("CT101", 4),  # the repealed 2000 办法
        ("CT102", 4),  # the number before the title
        ("ST302", 11),  # 附件 numbered 1、
        ("TY102", 6),  # 日前 for 目前
        ("PN213", 1),  # the title's trailing 。
        ("NU104", 6),  # the year written 24年
    }
