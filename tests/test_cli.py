"""The command line: exit statuses, formats, rule listing and documentation."""

import json

import jsonschema
import pytest

from checker.core.resources import load_schema
from tests.conftest import SAMPLES, run

DEFECTS = str(SAMPLES / "notice-defects.txt")
CLEAN = str(SAMPLES / "work-summary-clean.txt")


def test_exit_0_when_nothing_at_the_fail_level():
    result = run("check", "--select", "ST,PN", CLEAN)
    assert result.exit_code == 0, result.output
    assert "共 0 条问题" in result.output


def test_exit_1_on_findings_with_text_lines_like_a_linter():
    result = run("check", "--select", "ST", DEFECTS)
    assert result.exit_code == 1
    assert f"{DEFECTS}:11:3: ST101 [error] " in result.output
    assert "^^^^^^" in result.output  # （五） is three wide characters


def test_fail_on_never_exits_0_even_with_errors():
    assert run("check", "--fail-on", "never", DEFECTS).exit_code == 0


def test_fail_on_error_ignores_warnings(tmp_path):
    doc = tmp_path / "w.txt"
    doc.write_text("《实施方案（2013-2015》）的通知。\n", encoding="utf-8")  # PN103 is a warning
    assert run("check", "--select", "PN", "--fail-on", "error", str(doc)).exit_code == 0
    assert run("check", "--select", "PN", "--fail-on", "warning", str(doc)).exit_code == 1


def test_exit_2_for_a_missing_file_but_other_files_are_still_checked(tmp_path):
    result = run("check", "--select", "ST", str(tmp_path / "nope.txt"), DEFECTS)
    assert result.exit_code == 2
    assert "nope.txt: error: 文件不存在" in result.output
    assert "ST101" in result.output


def test_a_folder_with_nothing_to_check_warns_on_stderr(tmp_path):
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    result = run("check", str(tmp_path))
    assert result.exit_code == 0
    assert "检查了 0 个文件" in result.stdout
    assert "下没有可检查的文件" in result.stderr and ".txt" in result.stderr


def test_exit_2_for_a_binary_file(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    result = run("check", str(binary))
    assert result.exit_code == 2
    assert "不是文本文件" in result.output
    assert "Traceback" not in result.output


def test_exit_2_for_an_unknown_selector():
    result = run("check", "--select", "XX999", CLEAN)
    assert result.exit_code == 2
    assert "XX999" in result.output


def test_exit_2_for_an_unknown_option():
    assert run("check", "--no-such-option", CLEAN).exit_code == 2


def test_select_by_category_and_ignore_by_code():
    result = run("check", "--select", "structure", "--ignore", "ST101", DEFECTS)
    assert "ST101" not in result.output


def test_json_report_validates_against_the_schema():
    result = run("check", "--format", "json", DEFECTS, CLEAN)
    report = json.loads(result.stdout)
    jsonschema.validate(report, load_schema("report.schema.json"))
    assert [f["path"] for f in report["files"]] == [DEFECTS, CLEAN]
    starts = [f["start"] for f in report["files"][0]["findings"]]
    assert starts == sorted(starts)
    assert report["summary"]["findings"] == sum(len(f["findings"]) for f in report["files"])


def test_json_report_with_an_unreadable_file_still_validates(tmp_path):
    result = run("check", "--format", "json", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    jsonschema.validate(report, load_schema("report.schema.json"))
    assert report["files"][0]["error"]


def test_directories_are_walked_for_text_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("（一）甲\n（三）乙\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("正文。\n", encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01")
    report = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in report["files"]) == ["a.txt", "b.md"]


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.json"
    result = run("check", "--format", "json", "-o", str(out), DEFECTS)
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["path"] == DEFECTS


def test_profile_is_recorded_in_the_report():
    report = json.loads(run("check", "--format", "json", "--profile", "notice", CLEAN).stdout)
    assert report["files"][0]["profile"] == "notice"


def test_rules_lists_every_rule_with_its_code_and_name():
    result = run("rules")
    assert result.exit_code == 0
    assert "PN101  成对标点未闭合" in result.output
    assert "ST101  序号跳号" in result.output


def test_explain_prints_the_fixed_sections():
    result = run("explain", "ST101")
    assert result.exit_code == 0
    for section in ("## 检查什么", "## 为什么重要", "## 示例", "## 怎样修改"):
        assert section in result.output
    assert run("explain", "numbering-gap").output == result.output


def test_explain_unknown_rule_exits_2():
    result = run("explain", "ZZ001")
    assert result.exit_code == 2
    assert "ZZ001" in result.output


def test_every_rule_is_documented_in_the_fixed_sections():
    from checker.rules.registry import DOC_SECTIONS, load_rules

    for rule_ in load_rules().values():
        assert list(rule_.sections()) == list(DOC_SECTIONS), rule_.code
        assert all(rule_.sections().values()), rule_.code


def test_a_failing_rule_becomes_an_internal_finding_and_others_still_run():
    from checker.core.config import Settings
    from checker.rules.registry import rule, temporary_rules
    from checker.run.engine import check_text

    def always_fails(doc):
        """Fails.

        What it checks:
            x
        Why it matters:
            x
        Example:
            x
        Fix:
            x
        """
        raise RuntimeError("boom")

    with temporary_rules():
        rule("ST999", "always-fails", category="structure", severity="info", message="never")(always_fails)
        result = check_text("（一）甲\n（三）乙\n", Settings(select=["ST"]))
    assert [f.code for f in result] == ["IN001", "ST101"]
    assert "ST999" in result[0].message and "boom" in result[0].message


def test_corpus_runs_without_internal_errors(corpus_path):
    result = run("check", "--format", "json", str(corpus_path))
    assert result.exit_code in (0, 1), result.output[-2000:]
    report = json.loads(result.stdout)
    assert not [f for file in report["files"] for f in file["findings"] if f["code"] == "IN001"]


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_report_or_baseline_written_over_a_checked_document_is_refused(tmp_path, option):
    document = tmp_path / "通知.txt"
    document.write_text("（一）甲。\n（三）乙。\n", encoding="utf-8")
    for target in (str(document), str(tmp_path)):  # named directly, or found in a checked folder
        result = run("check", target, option, str(document))
        assert result.exit_code == 2 and "覆盖原文" in result.stderr
        assert document.read_text(encoding="utf-8") == "（一）甲。\n（三）乙。\n"


def test_a_report_may_replace_a_file_the_run_does_not_read(tmp_path):
    document = tmp_path / "通知.txt"
    document.write_text("（一）甲。\n", encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    assert run("check", str(document), "--format", "json", "-o", str(report)).exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("{")
