"""Profiles of the remaining types (政府工作报告, 函, 批复, 议案, 纪要, 命令, 决定, 公告,
通告, 公报, 通报) and the rules ST209-ST211: per profile, a small document that
satisfies it and one that misses each required part."""

import pytest

from checker.core.models import Severity
from checker.model.doctype import type_of_title
from checker.model.document import Document
from checker.rules.profiles import ProfileError, document_profile, load_profile_file, part_matches
from tests.conftest import codes, findings

SIGNED = "\n某市人民政府\n2024年3月20日\n"


def profile_of(text):
    found = document_profile(Document(text))
    return found.name if found else None


# -- detection of the new types --------------------------------------------------------------


@pytest.mark.parametrize(
    "title, kind",
    [
        ("2026年某省政府工作报告——2026年1月20日在某省第十四届人民代表大会第四次会议上某省省长 某某", "政府工作报告"),
        ("政府工作报告——2026年1月20日在某市第六届人民代表大会第四次会议上", "政府工作报告"),
        ("中华人民共和国某部令第12号", "命令"),
        ("某市人民政府令　第３号", "命令"),
    ],
)
def test_subtitle_and_order_number_do_not_hide_the_type(title, kind):
    assert type_of_title(title) == kind


def test_em_dash_inside_a_title_subtitle_only_is_cut():
    assert type_of_title("关于某事项的通知") == "通知"
    assert type_of_title("——在某会议上") is None


# -- 政府工作报告 --------------------------------------------------------------------------------

REPORT = (
    "2026年某市政府工作报告\n——2026年1月20日在某市第六届人民代表大会第四次会议上\n各位代表：\n"
    "现在，我代表市人民政府，向大会报告工作，请予审议。\n"
    "一、2025年工作回顾\n过去一年，全市经济平稳增长。\n"
    "二、2026年主要任务\n今年重点做好以下工作。\n"
)


def test_government_work_report_in_good_order_is_fine():
    doc = Document(REPORT)
    assert document_profile(doc).name == "government-work-report"
    assert [m.part.id for m in part_matches(doc)] == ["review", "tasks"]
    assert codes(REPORT, "ST2") == []


def test_government_work_report_reviewing_the_wrong_year():
    (f,) = findings(REPORT.replace("一、2025年工作回顾", "一、2024年工作回顾"), "ST207")
    assert (f.code, f.line, f.excerpt) == ("ST207", 5, "2024")
    assert "2025" in f.message


def test_government_work_report_planning_the_wrong_year():
    (f,) = findings(REPORT.replace("二、2026年主要任务", "二、2025年主要任务"), "ST207")
    assert (f.code, f.line, f.excerpt) == ("ST207", 7, "2025")


def test_government_work_report_with_tasks_before_review():
    text = REPORT.replace(
        "一、2025年工作回顾\n过去一年，全市经济平稳增长。\n二、2026年主要任务\n今年重点做好以下工作。\n",
        "一、2026年主要任务\n今年重点做好以下工作。\n二、2025年工作回顾\n过去一年，全市经济平稳增长。\n",
    )
    (f,) = findings(text, "ST202")
    assert (f.code, f.line) == ("ST202", 5) and "本年度目标任务" in f.message


def test_government_work_report_not_put_to_the_congress_is_info():
    (f,) = findings(REPORT.replace("向大会报告工作，请予审议", "汇报一年来的工作"), "ST209")
    assert (f.code, f.line, f.severity) == ("ST209", 1, Severity.info)
    assert "提请审议" in f.message


def test_government_work_report_organised_by_subject_needs_no_review_heading():
    text = (
        "2026年某市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n"
        "一、关于经济建设\n经济平稳增长。\n二、关于社会事业\n民生持续改善。\n"
    )
    assert codes(text, "ST2") == []


# -- 函 ---------------------------------------------------------------------------------------------

LETTER = (
    "某市人民政府办公室关于同意举办某博览会的复函\n某办函〔2024〕12号\n{recipient}"
    "{opening}\n同意你局举办某博览会，所需经费自行解决。\n某市人民政府办公室\n2024年3月20日\n"
)


def test_reply_letter_citing_what_it_answers_is_fine():
    text = LETTER.format(recipient="市商务局：\n", opening="你局《关于举办某博览会的请示》（某商〔2024〕3号）收悉。")
    assert profile_of(text) == "letter"
    assert codes(text, "ST2") == []


def test_letter_without_recipient():
    text = LETTER.format(recipient="", opening="你局《关于举办某博览会的请示》收悉。")
    (f,) = findings(text, "ST204")
    assert (f.code, f.line) == ("ST204", 1) and "主送机关" in f.message


def test_reply_letter_not_citing_what_it_answers_is_info():
    text = LETTER.format(recipient="市商务局：\n", opening="经研究，现函复如下。")
    (f,) = findings(text, "ST209")
    assert (f.code, f.line, f.severity) == ("ST209", 1, Severity.info) and "引述来文" in f.message


def test_letter_that_is_not_a_reply_need_not_cite_a_letter():
    text = (
        "某市人民政府办公室关于商请支持某项工作的函\n市商务局：\n为做好某项工作，现商请你局给予支持。\n"
        "请予函复。\n某市人民政府办公室\n2024年3月20日\n"
    )
    assert codes(text, "ST2") == []


def test_reply_to_a_suggestion_cites_it_by_you_and_about():
    text = LETTER.format(recipient="某某委员：\n", opening="您关于发展某产业的建议收到后，我们认真作了研究。")
    assert codes(text, "ST209") == []


# -- 批复 ------------------------------------------------------------------------------------------

REPLY = (
    "某市人民政府关于同意设立某产业园的批复\n某府复〔2024〕8号\n{recipient}{opening}\n"
    "一、同意设立某产业园。\n二、产业园建设所需资金由你区统筹解决。\n" + SIGNED
)


def test_reply_citing_the_request_is_fine():
    text = REPLY.format(
        recipient="某区人民政府：\n", opening="你区《关于设立某产业园的请示》（某区政〔2024〕15号）收悉。现批复如下："
    )
    assert profile_of(text) == "reply"
    assert codes(text, "ST2") == []


def test_reply_not_citing_the_request():
    text = REPLY.format(recipient="某区人民政府：\n", opening="经研究，现批复如下：")
    (f,) = findings(text, "ST209")
    assert (f.code, f.line, f.severity) == ("ST209", 1, Severity.warning) and "引述请示" in f.message


def test_reply_without_recipient():
    text = REPLY.format(recipient="", opening="你区《关于设立某产业园的请示》收悉。")
    (f,) = findings(text, "ST204")
    assert (f.code, f.line) == ("ST204", 1)


def test_reply_without_signature():
    text = REPLY.format(recipient="某区人民政府：\n", opening="你区《关于设立某产业园的请示》收悉。").replace(
        SIGNED, "\n"
    )
    (f,) = findings(text, "ST305")
    assert (f.code, f.line) == ("ST305", 6)


def test_reply_on_one_line_is_not_judged():
    text = "某市人民政府关于同意设立某产业园的批复某区人民政府：经研究，同意设立某产业园。某市人民政府2024年3月20日"
    assert codes(text, ["ST209", "ST210"]) == []


# -- 议案 ------------------------------------------------------------------------------------------

PROPOSAL = (
    "某市人民政府关于提请审议《某市养犬管理条例（草案）》的议案\n{recipients}：\n"
    "为规范养犬行为，市人民政府起草了《某市养犬管理条例（草案）》，已经市人民政府常务会议讨论通过。\n"
    "{closing}\n市长　某某\n2024年3月20日\n"
)


def test_proposal_submitted_for_deliberation_is_fine():
    text = PROPOSAL.format(recipients="市人民代表大会常务委员会", closing="现提请审议。")
    assert profile_of(text) == "proposal"
    assert codes(text, "ST2") == []


def test_proposal_without_submission():
    text = PROPOSAL.format(recipients="市人民代表大会常务委员会", closing="以上草案，供参考。")
    (f,) = findings(text, "ST209")
    assert (f.code, f.line, f.severity) == ("ST209", 4, Severity.warning) and "提请审议" in f.message


def test_proposal_to_two_recipients():
    text = PROPOSAL.format(recipients="市人民代表大会常务委员会、市人民政府", closing="现提请审议。")
    (f,) = findings(text, "ST204")
    assert (f.code, f.line) == ("ST204", 2)


# -- 纪要 ------------------------------------------------------------------------------------------

MINUTES = (
    "某市人民政府常务会议纪要\n3月20日，市长某某主持召开市人民政府常务会议。\n"
    "会议议定：同意某产业园建设方案，由市发展改革委牵头组织实施。\n"
    "会议要求：各部门按照职责分工抓好落实。\n"
    "出席：某某、某某、某某\n"
)


def test_minutes_with_attendees_and_decisions_is_fine():
    assert profile_of(MINUTES) == "minutes"
    assert codes(MINUTES, "ST2") == []


def test_minutes_need_no_signature():
    assert codes(MINUTES, ["ST305", "ST210"]) == []


def test_minutes_without_attendees():
    text = MINUTES.replace("市长某某主持召开", "召开").replace("出席：某某、某某、某某\n", "")
    (f,) = findings(text, "ST209")
    assert (f.code, f.line, f.severity) == ("ST209", 1, Severity.warning) and "出席人员" in f.message


def test_minutes_without_decisions_is_info():
    text = MINUTES.replace("会议议定：", "").replace("会议要求：", "另外，")
    (f,) = findings(text, "ST209")
    assert (f.line, f.severity, f.evidence["expected"]) == (1, Severity.info, "议定事项")


# -- 命令（令） ------------------------------------------------------------------------------------

ORDER = (
    "某市人民政府令\n{number}《某市公共停车场管理办法》已经2024年3月1日市人民政府常务会议通过，现予公布，"
    "自2024年5月1日起施行。\n{signature}某市公共停车场管理办法\n第一条　为加强管理，制定本办法。\n"
    "第二条　本办法自2024年5月1日起施行。\n"
)


def test_order_with_number_and_signature_is_fine():
    text = ORDER.format(number="第15号\n", signature="市长　某某\n2024年3月20日\n")
    assert profile_of(text) == "order"
    assert codes(text, "ST2") == []


def test_order_without_number():
    (f,) = findings(ORDER.format(number="", signature="市长　某某\n2024年3月20日\n"), "ST209")
    assert (f.code, f.line) == ("ST209", 1) and "令号" in f.message


def test_order_without_signature_or_date():
    (f,) = findings(ORDER.format(number="第15号\n", signature=""), "ST210")
    assert (f.code, f.line) == ("ST210", 1)


# -- 决定, 公告, 通告, 公报 ----------------------------------------------------------------------------

DECISION = (
    "某市人民政府关于废止部分规范性文件的决定\n{note}各区人民政府，市政府各部门：\n"
    "经清理，市人民政府决定废止部分规范性文件。\n本决定自公布之日起施行。\n{signature}"
)


def test_decision_with_signature_is_fine():
    text = DECISION.format(note="", signature=SIGNED.lstrip("\n"))
    assert profile_of(text) == "decision"
    assert codes(text, "ST2") == []


def test_decision_adopted_by_a_meeting_has_its_note_instead_of_a_signature():
    note = "（2024年3月20日某市第十六届人民代表大会常务委员会第十次会议通过）\n"
    assert codes(DECISION.format(note=note, signature=""), "ST2") == []


def test_decision_without_issuer_and_date():
    (f,) = findings(DECISION.format(note="", signature=""), "ST210")
    assert (f.code, f.line, f.severity) == ("ST210", 1, Severity.warning)


@pytest.mark.parametrize(
    "title, profile",
    [
        ("某市公安局关于某路段实行交通管制的通告", "public-notice"),
        ("某市人民政府关于征收土地的公告", "announcement"),
    ],
)
def test_announcements_need_issuer_and_date(title, profile):
    text = f"{title}\n为保障安全，决定对某路段实行交通管制。\n管制期间，车辆绕行。\n特此通告。\n"
    assert profile_of(text) == profile
    (f,) = findings(text, "ST210")
    assert (f.code, f.line) == ("ST210", 1)
    assert codes(text + "某市公安局\n2024年3月20日\n", "ST210") == []


def test_communique_with_a_date_under_its_title_is_fine():
    text = (
        "某市2025年国民经济和社会发展统计公报\n某市统计局\n2026年3月10日\n"
        "2025年，全市经济平稳增长。\n全年地区生产总值增长5.2%。\n"
    )
    assert profile_of(text) == "communique"
    assert codes(text, "ST2") == []
    (f,) = findings(text.replace("2026年3月10日\n", ""), "ST210")
    assert f.line == 1


# -- 通报 ------------------------------------------------------------------------------------------


def test_bulletin_needs_a_signature():
    text = "某市人民政府办公室关于某项工作督查情况的通报\n各区人民政府：\n督查发现部分区进度滞后。\n请各区抓紧整改。\n"
    assert profile_of(text) == "bulletin"
    (f,) = findings(text, "ST305")
    assert (f.code, f.line) == ("ST305", 4)
    assert codes(text + SIGNED, "ST2") == []


# -- 请示: one matter ------------------------------------------------------------------------------

REQUEST = (
    "某区科学技术局关于增设科技服务中心的请示\n区人民政府：\n为加强科技服务，拟增设科技服务中心。\n"
    "妥否，请批示。\n{extra}某区科学技术局\n2024年1月15日\n"
)


def test_request_with_one_closing_is_one_matter():
    assert codes(REQUEST.format(extra=""), "ST2") == []


def test_request_with_two_closing_requests_is_several_matters():
    text = REQUEST.format(extra="另，拟追加科技服务经费50万元，当否，请审批。\n")
    (f,) = findings(text, "ST211")
    assert (f.code, f.line, f.excerpt) == ("ST211", 5, "当否，请审批")
    assert f.evidence["closings"] == ["妥否，请批示", "当否，请审批"]


def test_request_closing_quoted_in_the_signature_or_a_report_is_not_counted():
    text = (
        "关于某项工作情况的报告\n区人民政府：\n现将有关情况报告如下。\n妥否，请批示。\n另，妥否，请批示。\n"
        "某区科学技术局\n2024年1月15日\n"
    )
    assert codes(text, "ST211") == []


# -- schema -----------------------------------------------------------------------------------------


def test_expected_entry_without_words_is_rejected(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\ntype: 函\ndescription: 测试\nexpected:\n  - {name: 结语, reason: 应有结语}\n", encoding="utf-8"
    )
    with pytest.raises(ProfileError) as error:
        load_profile_file(path)
    assert str(path) in str(error.value) and "expected/0" in str(error.value)


def test_expected_entry_with_a_broken_pattern_is_rejected(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\ntype: 函\ndescription: 测试\nexpected:\n  - {name: 结语, reason: 应有结语, patterns: ['函(复']}\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=r"条目 expected/0/patterns/0 无效：不是有效的正则表达式"):
        load_profile_file(path)


def test_user_profile_with_expected_wording_is_applied(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\ntype: 函\ndescription: 去函须请对方函复\nexpected:\n"
        "  - {name: 结语, reason: 结尾应请对方函复, where: closing, match: [请予函复, 盼复], severity: info}\n",
        encoding="utf-8",
    )
    from checker.core.config import Settings
    from checker.run.engine import check_text

    text = "关于商请支持的函\n市商务局：\n现商请你局给予支持。\n感谢。\n某市人民政府办公室\n2024年3月20日\n"
    found = [f for f in check_text(text, Settings(select=["ST209"], profile=str(path)))]
    assert [(f.code, f.line, f.severity) for f in found] == [("ST209", 4, Severity.info)]
    assert check_text(text.replace("感谢。", "请予函复。"), Settings(select=["ST209"], profile=str(path))) == []


def test_government_work_report_review_since_a_year_is_not_a_year_mismatch():
    assert codes(REPORT.replace("一、2025年工作回顾", "一、2021年以来工作回顾"), "ST207") == []


def test_government_work_report_given_in_december_plans_the_next_year():
    text = REPORT.replace("2026年某市政府工作报告\n——2026年1月20日", "某市政府工作报告\n——2025年12月28日")
    assert codes(text, "ST207") == []
    assert codes(text.replace("一、2025年工作回顾", "一、2024年工作回顾"), "ST207") == ["ST207"]


def test_government_work_report_dated_only_by_its_subtitle():
    text = REPORT.replace("2026年某市政府工作报告\n——2026年1月20日", "某市政府工作报告\n——二〇二六年一月二十日")
    assert codes(text, "ST207") == []
    (f,) = findings(text.replace("一、2025年工作回顾", "一、2024年工作回顾"), "ST207")
    assert (f.line, f.excerpt) == (5, "2024")


def test_title_year_comes_from_the_title_not_its_subtitle():
    text = REPORT.replace("——2026年1月20日", "——2025年12月28日")
    assert codes(text, "ST207") == []
    (f,) = findings(text.replace("二、2026年主要任务", "二、2025年主要任务"), "ST207")
    assert (f.line, f.excerpt) == (7, "2025")


def test_government_work_report_reviewing_its_own_year():
    (f,) = findings(REPORT.replace("一、2025年工作回顾", "一、2026年工作回顾"), "ST207")
    assert (f.line, f.excerpt) == (5, "2026")


def test_request_closing_over_two_adjacent_paragraphs_is_one_matter():
    text = REQUEST.format(extra="特此请示。\n")
    assert codes(text, "ST211") == []


def test_proposal_submitted_to_a_named_committee_is_fine():
    text = PROPOSAL.format(
        recipients="市人民代表大会常务委员会",
        closing="现将《某市养犬管理条例（草案）》提请市人民代表大会常务委员会审议。",
    )
    assert codes(text, "ST209") == []


def test_order_without_signature_is_not_excused_by_the_note_of_the_text_it_issues():
    text = ORDER.format(number="第15号\n", signature="").replace(
        "某市公共停车场管理办法\n", "某市公共停车场管理办法\n（2024年3月20日某市人民政府令第15号公布）\n"
    )
    (f,) = findings(text, "ST210")
    assert (f.code, f.line) == ("ST210", 1)


# -- 工作要点 ---------------------------------------------------------------------------------------

POINTS = "某区科学技术局2024年工作要点\n一、总体要求\n坚持创新驱动。\n二、2024年重点任务\n（一）加强平台建设。\n"


def test_work_points_with_the_title_year_is_fine():
    assert profile_of(POINTS) == "work-points"
    assert codes(POINTS, "ST2") == []


def test_work_points_with_last_years_tasks():
    (f,) = findings(POINTS.replace("二、2024年重点任务", "二、2023年重点任务"), "ST207")
    assert (f.code, f.line, f.excerpt) == ("ST207", 4, "2023")


def test_reply_sample_reports_the_missing_citation_and_signature():
    from tests.conftest import SAMPLES, run_json

    report = run_json("--select", "ST2,ST305", str(SAMPLES / "reply-defects.txt"))["files"][0]
    assert report["profile"] == "reply"
    assert sorted((f["code"], f["line"]) for f in report["findings"]) == [("ST209", 1), ("ST305", 6)]


LETTER_ASKING = (
    "某市科学技术局关于征求《某市科技服务管理办法（征求意见稿）》意见的函\n市财政局：\n"
    "为规范科技服务管理，我局起草了《某市科技服务管理办法（征求意见稿）》。\n{closing}\n"
    "某市科学技术局\n2024年3月20日\n"
)


def test_letter_asking_for_views_that_asks_for_a_reply_is_fine():
    assert codes(LETTER_ASKING.format(closing="请于4月10日前将修改意见反馈我局。"), "ST2") == []


def test_letter_asking_for_views_without_asking_for_a_reply_is_info():
    (f,) = findings(LETTER_ASKING.format(closing="现将征求意见稿印送你局。"), "ST209")
    assert (f.code, f.line, f.severity) == ("ST209", 4, Severity.info) and "结尾应请对方答复" in f.message


def test_reply_letter_about_a_request_is_not_asked_to_request_a_reply():
    text = LETTER.format(recipient="市商务局：\n", opening="你局《关于请求支持举办某博览会的函》收悉。")
    text = text.replace("同意举办某博览会的复函", "请求支持举办某博览会的复函")
    assert codes(text, "ST209") == []


def test_government_work_report_reviewing_the_year_before_under_a_plan_word():
    text = REPORT.replace("一、2025年工作回顾", "一、2025年主要工作")
    assert codes(text, "ST207") == []
    (f,) = findings(text.replace("二、2026年主要任务", "二、2024年主要任务"), "ST207")
    assert (f.line, f.excerpt) == (7, "2024")
