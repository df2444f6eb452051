"""Document types, profiles (loading, schema, --profile) and the ST2xx profile rules."""

import json

import pytest

from checker.core.config import Settings
from checker.model.doctype import ALL_TYPES, type_of_title
from checker.model.document import Document
from checker.rules.profiles import ProfileError, builtin_profiles, document_profile, load_profile_file, part_matches
from checker.run.engine import check_text
from tests.conftest import SAMPLES, codes, findings, run

SIGNED = "\n某区科学技术局\n2024年1月15日\n"
SUMMARY = (
    "某区科学技术局2023年工作总结和2024年工作计划\n"
    "一、2023年工作完成情况\n（一）平台建设。科技服务中心投入使用。\n"
    "二、存在的问题\n人才储备不足。\n"
    "三、2024年工作计划\n（一）加强服务。完善服务体系。\n" + SIGNED
)


# -- type detection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, kind",
    [
        ("某区2015年工作总结和2016年工作计划", "工作总结和工作计划"),
        ("某局2023年上半年工作总结及下半年工作安排", "工作总结和工作计划"),
        ("某局2023年工作总结", "工作总结"),
        ("某局2024年工作计划", "工作计划"),
        ("某局2024年工作要点", "工作要点"),
        ("2026年某省政府工作报告", "政府工作报告"),
        ("关于2023年科技创新工作情况的报告", "报告"),
        ("关于增设科技服务中心的请示", "请示"),
        ("国务院关于同意设立某新区的批复", "批复"),
        ("国务院办公厅关于某问题的复函", "函"),
        ("关于印发实施方案的通知（征求意见稿）", "通知"),
        ("某会议关于政府工作报告的决议", "决议"),
        ("某专题会议纪要", "纪要"),
    ],
)
def test_type_from_title(title, kind):
    assert type_of_title(title) == kind and kind in ALL_TYPES


def test_speeches_and_regulations_have_no_type():
    assert type_of_title("在某某全国代表大会上的政治报告") is None
    assert type_of_title("电力监管条例") is None


def test_seed_is_a_summary_and_plan_satisfying_its_profile(seed_path):
    doc = Document(seed_path.read_text(encoding="utf-8"))
    assert document_profile(doc).name == "work-summary-plan"
    assert [m.part.id for m in part_matches(doc)] == ["achievements", "problems", "plan"]
    assert [f.code for f in check_text(doc.text, Settings(select=["ST2", "ST3"]))] == []


# -- loading and validation ----------------------------------------------------------------


def test_every_builtin_profile_is_valid_and_named_after_its_file():
    profiles = builtin_profiles()
    assert {"work-summary-plan", "request", "report", "notice"} <= set(profiles)
    for name, profile in profiles.items():
        assert profile.source.endswith(f"{name}.yaml")


def test_malformed_profile_names_file_field_and_reason(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\ntype: 通知\ndescription: 测试\nsignature: sometimes\n", encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile_file(path)
    assert str(path) in str(error.value) and "signature" in str(error.value) and "sometimes" in str(error.value)


def test_profile_that_is_not_yaml_is_rejected(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="不是有效的 YAML"):
        load_profile_file(path)


def test_cli_unknown_profile_lists_the_available_ones():
    result = run("check", "--profile", "no-such-profile", str(SAMPLES / "work-summary-clean.txt"))
    assert result.exit_code == 2
    assert "work-summary-plan" in result.output and "no-such-profile" in result.output


def test_cli_malformed_profile_file_exits_2_naming_the_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: Bad Name\ntype: 通知\ndescription: 测试\n", encoding="utf-8")
    result = run("check", "--profile", str(path), str(SAMPLES / "work-summary-clean.txt"))
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "name" in result.output


def test_cli_absent_profile_file_still_runs_the_other_rules(tmp_path):
    result = run(
        "check", "--format", "json", "--profile", str(tmp_path / "absent.yaml"), str(SAMPLES / "notice-defects.txt")
    )
    assert result.exit_code == 2
    assert "absent.yaml" in result.stderr
    assert "ST101" in {f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]}


def test_cli_user_profile_file_is_used(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\ntype: 通知\ndescription: 需要落款\nsignature: required\n"
        "parts:\n  - {id: goal, name: 工作目标, match: [目标]}\n",
        encoding="utf-8",
    )
    sample = tmp_path / "doc.txt"
    sample.write_text("关于某事的通知\n一、任务\n做好工作。\n", encoding="utf-8")
    report = json.loads(run("check", "--format", "json", "--profile", str(path), str(sample)).stdout)
    found = {f["code"] for f in report["files"][0]["findings"]}
    assert {"ST201", "ST305"} <= found and report["files"][0]["profile"] == str(path)


def test_cli_lists_profiles():
    result = run("profiles")
    assert result.exit_code == 0 and "work-summary-plan" in result.output and "工作总结和工作计划" in result.output


def test_detected_profile_is_recorded_in_the_report():
    result = run("check", "--format", "json", str(SAMPLES / "work-summary-clean.txt"))
    assert json.loads(result.stdout)["files"][0]["profile"] == "work-summary-plan"


# -- ST201 missing part, ST202 order -----------------------------------------------------------


def test_summary_without_problems_part_is_reported_once():
    text = SUMMARY.replace("二、存在的问题\n人才储备不足。\n", "").replace("三、2024", "二、2024")
    (f,) = findings(text, "ST201")
    assert (f.code, f.line) == ("ST201", 1) and "存在问题" in f.message


def test_complete_summary_has_no_missing_part():
    assert codes(SUMMARY, "ST2") == []


def test_combined_heading_satisfies_two_parts():
    text = SUMMARY.replace("二、存在的问题\n人才储备不足。\n三、2024年工作计划\n", "二、存在问题和2024年工作打算\n")
    assert codes(text, "ST201") == []


def test_parts_out_of_order():
    text = (
        "某局2023年工作总结和2024年工作计划\n一、2024年工作计划\n做好服务。\n二、2023年工作完成情况\n完成任务。\n"
        "三、存在问题\n人才不足。\n" + SIGNED
    )
    (f,) = findings(text, "ST202")
    assert (f.code, f.line) == ("ST202", 2) and "存在问题" in f.message


# -- 请示, 报告, 通知 ---------------------------------------------------------------------------

REQUEST = "关于增设科技服务中心的请示\n{recipients}：\n为加强服务，拟增设科技服务中心。{closing}\n" + SIGNED


def test_request_without_closing_request():
    (f,) = findings(REQUEST.format(recipients="区人民政府", closing="特此报告。"), "ST203")
    assert (f.code, f.line) == ("ST203", 3)


def test_request_with_closing_request_is_fine():
    assert codes(REQUEST.format(recipients="区人民政府", closing="妥否，请批示。"), "ST2") == []


def test_request_with_two_recipients():
    (f,) = findings(REQUEST.format(recipients="区人民政府、区财政局", closing="妥否，请批示。"), "ST204")
    assert (f.code, f.line, f.evidence["recipients"]) == ("ST204", 2, ["区人民政府", "区财政局"])


def test_report_asking_for_approval():
    text = "关于科技服务工作情况的报告\n区人民政府：\n现将有关情况报告如下。拟增设服务中心，妥否，请批示。\n" + SIGNED
    (f,) = findings(text, "ST205")
    assert (f.code, f.line, f.excerpt) == ("ST205", 3, "妥否，请批示")


def test_report_without_request_is_fine():
    assert codes("关于科技服务工作情况的报告\n区人民政府：\n现将有关情况报告如下。特此报告。\n" + SIGNED, "ST205") == []


def test_notice_referring_to_an_attachment_without_note():
    text = "关于做好统计工作的通知\n各单位：\n请填写统计表（见附件）并于5月31日前报送。\n" + SIGNED
    (f,) = findings(text, "ST206")
    assert (f.code, f.line, f.excerpt) == ("ST206", 3, "见附件")


def test_notice_with_its_attachment_note_is_fine():
    text = "关于做好统计工作的通知\n各单位：\n请填写统计表（见附件）并报送。\n附件：统计表\n" + SIGNED
    assert codes(text, "ST206") == []


# -- title years ---------------------------------------------------------------------------------


def test_plan_heading_with_the_summary_year():
    (f,) = findings(SUMMARY.replace("三、2024年工作计划", "三、2023年工作计划"), "ST207")
    assert (f.code, f.line, f.excerpt) == ("ST207", 6, "2023")
    assert "2024" in f.message


def test_plan_part_speaking_of_the_past_year_as_future():
    text = SUMMARY.replace("（一）加强服务。完善服务体系。", "2023年，我们将重点做好以下工作。")
    (f,) = findings(text, "ST208")
    assert (f.code, f.line, f.excerpt) == ("ST208", 7, "2023年")


def test_matching_years_are_fine(seed_path):
    assert codes(SUMMARY, ["ST207", "ST208"]) == []
    assert codes(seed_path.read_text(encoding="utf-8"), ["ST207", "ST208"]) == []


def test_summary_without_numbered_headings_is_matched_on_paragraph_openings():
    text = (
        "某局2023年工作总结\n今年以来，我局全面完成各项任务。\n主要工作开展情况：服务企业120家。\n"
        "存在的问题：人才储备不足，服务能力有待提升。\n" + SIGNED
    )
    assert codes(text, "ST201") == []
    (f,) = findings(text.replace("存在的问题：", "另外，"), "ST201")
    assert f.evidence["part"] == "problems"
    (f,) = findings(text.replace("主要工作开展情况：", "此外，"), "ST201")
    assert f.evidence["part"] == "achievements"


def test_one_title_year_for_summary_and_plan_checks_no_heading_year():
    text = SUMMARY.replace("2023年工作总结和2024年工作计划", "2023年工作总结和工作计划")
    assert codes(text, ["ST207", "ST208"]) == []


def test_one_title_year_of_a_plan_checks_the_plan_heading():
    text = "某局2024年工作计划\n一、2023年工作目标\n完成任务。\n" + SIGNED
    (f,) = findings(text, "ST207")
    assert (f.line, f.excerpt) == (2, "2023")


def test_summary_part_reporting_the_plan_year_as_done_before_it_began():
    text = SUMMARY.replace("科技服务中心投入使用。", "2024年，全区新增高新技术企业20家。").replace(
        "2024年1月15日", "2023年12月20日"
    )
    (f,) = findings(text, "ST208")
    assert (f.line, f.excerpt, f.evidence["issued"]) == (3, "2024年", "2023-12-20")


def test_summary_part_naming_the_plan_year_after_it_began_is_fine():
    text = SUMMARY.replace("科技服务中心投入使用。", "2024年，全区新增高新技术企业20家。")
    assert codes(text, "ST208") == []


def test_cli_lists_profiles_as_json_with_their_parts():
    listed = json.loads(run("profiles", "--format", "json").output)
    summary = next(p for p in listed if p["name"] == "work-summary-plan")
    assert [part["id"] for part in summary["parts"]] == ["achievements", "problems", "plan"]


def test_notice_with_the_attachment_itself_but_no_signature_is_fine():
    text = "关于做好统计工作的通知\n各单位：\n请填写统计表（见附件）并报送。\n附件\n统计表\n单位名称。\n"
    assert codes(text, "ST206") == []
