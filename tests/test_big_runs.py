"""Output for big runs: --statistics, --format jsonl, --quiet, --min-severity."""
from __future__ import annotations

import json

import checker
from checker.core.config import Settings
from tests.conftest import SAMPLES, run

NOTICE = str(SAMPLES / "notice-defects.txt")  # ST101, TY101, TY102, PN101 (errors), TY104 (warning)
CLEAN = str(SAMPLES / "numeric-clean.txt")


# -- --statistics ------------------------------------------------------------------------
def test_statistics_print_one_line_per_rule_with_its_count_instead_of_the_findings():
    result = run("check", "--statistics", NOTICE, NOTICE)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "2\tPN101\tunclosed-pair"
    assert "2\tTY101\t[*] misspelt-word" in lines
    assert len(lines) == 5
    assert "序号跳号" not in result.stdout


def test_statistics_as_json_are_rows_of_code_name_count_and_fixable():
    result = run("check", "--statistics", "--format", "json", NOTICE)
    rows = json.loads(result.stdout)
    assert {"code": "ST101", "name": "numbering-gap", "count": 1, "fixable": False} in rows
    assert {"code": "TY101", "name": "misspelt-word", "count": 1, "fixable": True} in rows


def test_statistics_of_a_clean_file_are_empty_and_exit_0():
    result = run("check", "--statistics", CLEAN)
    assert (result.exit_code, result.stdout) == (0, "")


# -- --format jsonl ----------------------------------------------------------------------
def test_jsonl_writes_one_line_per_file_in_the_order_given():
    result = run("check", "--format", "jsonl", NOTICE, CLEAN)
    lines = result.stdout.splitlines()
    assert [json.loads(line)["path"] for line in lines] == [NOTICE, CLEAN]
    assert json.loads(lines[1])["findings"] == []


def test_a_jsonl_line_holds_the_same_file_as_the_json_report():
    whole = json.loads(run("check", "--format", "json", NOTICE).stdout)
    line = json.loads(run("check", "--format", "jsonl", NOTICE).stdout)
    assert line == whole["files"][0]


def test_a_jsonl_line_of_an_unreadable_file_carries_its_error(tmp_path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    result = run("check", "--format", "jsonl", str(broken))
    assert result.exit_code == 2
    assert "docx" in json.loads(result.stdout)["error"]


# -- --quiet -----------------------------------------------------------------------------
def test_quiet_prints_the_findings_without_the_counts_or_the_fix_hint():
    loud = run("check", NOTICE)
    quiet = run("check", "--quiet", NOTICE)
    assert quiet.exit_code == 1
    assert quiet.stdout == loud.stdout.rsplit("5 findings", 1)[0]
    assert "fixable" in loud.stderr and quiet.stderr == ""


# -- --min-severity ----------------------------------------------------------------------
def test_min_severity_error_leaves_out_warnings():
    report = json.loads(run("check", "--format", "json", "--min-severity", "error", NOTICE).stdout)
    assert sorted(f["code"] for f in report["files"][0]["findings"]) == ["PN101", "ST101", "TY101", "TY102"]
    assert report["summary"]["by_severity"] == {"error": 4, "warning": 0, "info": 0}


def test_the_exit_status_follows_the_findings_min_severity_shows(tmp_path):
    warning_only = tmp_path / "通知.txt"
    warning_only.write_text("关于开展检查的通知\n\n各单位：\n　　请于本月底前报送帐目。\n", encoding="utf-8")
    shown = json.loads(run("check", "--format", "json", str(warning_only)).stdout)
    assert {f["severity"] for f in shown["files"][0]["findings"]} == {"warning"}
    assert run("check", "--min-severity", "error", str(warning_only)).exit_code == 0


def test_min_severity_does_not_narrow_a_baseline_being_written(tmp_path):
    baseline = tmp_path / "baseline.json"
    run("check", "--min-severity", "error", "--write-baseline", str(baseline), NOTICE)
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"] == 5


def test_min_severity_refuses_an_unknown_level():
    result = run("check", "--min-severity", "fatal", NOTICE)
    assert result.exit_code == 2


def test_filter_severity_keeps_the_text_for_the_formatters():
    report = checker.check_paths([NOTICE], settings=Settings())
    kept = checker.filter_severity(report, "warning")
    assert kept.files[0].text == report.files[0].text
    assert [f.code for f in kept.files[0].findings] == [f.code for f in report.files[0].findings]
