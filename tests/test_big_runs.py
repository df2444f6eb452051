"""Output for big runs: --statistics, --format jsonl, --quiet, --min-severity."""

from __future__ import annotations

import json
from pathlib import Path

import checker
from checker.core.config import Settings
from tests.conftest import ROOT, SAMPLES, run

NOTICE = str(SAMPLES / "notice-defects.txt")  # ST101, TY101, PN101 (errors), TY104, TY106 (warnings)
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
def test_jsonl_writes_one_line_per_file_in_the_order_their_checks_end():
    result = run("check", "--format", "jsonl", "--timeout", "0", "-j", "1", NOTICE, CLEAN)
    lines = result.stdout.splitlines()
    assert [json.loads(line)["path"] for line in lines] == [NOTICE, CLEAN]  # one process: the order given
    assert json.loads(lines[1])["findings"] == []


def test_jsonl_on_workers_has_every_file_once():
    result = run("check", "--format", "jsonl", "-j", "2", NOTICE, CLEAN)
    assert sorted(json.loads(line)["path"] for line in result.stdout.splitlines()) == sorted([NOTICE, CLEAN])
    assert result.exit_code == 1


def test_jsonl_lines_arrive_while_the_run_is_still_checking(tmp_path):
    import subprocess
    import sys

    for number in range(60):
        (tmp_path / f"{number:03d}.txt").write_text(Path(NOTICE).read_text(encoding="utf-8") * 6, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "checker.cli",
        "check",
        "--format",
        "jsonl",
        "--no-cache",
        "-j",
        "1",
        "--timeout",
        "0",
        str(tmp_path),
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        still_running = process.poll() is None
        rest = process.stdout.read().splitlines()
    assert json.loads(first)["path"].endswith("000.txt")
    assert still_running
    assert len(rest) == 59


def test_iter_paths_keeps_no_report_it_has_handed_out(tmp_path):
    import gc
    import weakref

    for number in range(20):
        (tmp_path / f"{number:02d}.txt").write_text(Path(NOTICE).read_text(encoding="utf-8"), encoding="utf-8")
    handed_out = []
    for report in checker.iter_paths([tmp_path], jobs=2, timeout=30):
        handed_out.append(weakref.ref(report))
        del report
    gc.collect()
    assert len(handed_out) == 20
    assert sum(ref() is not None for ref in handed_out) == 0


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
    assert quiet.stdout == loud.stdout.rsplit("共 5 条问题", 1)[0]
    assert "可用 `doccheck fix` 修复" in loud.stderr and quiet.stderr == ""


# -- --min-severity ----------------------------------------------------------------------
def test_min_severity_error_leaves_out_warnings():
    report = json.loads(run("check", "--format", "json", "--min-severity", "error", NOTICE).stdout)
    assert sorted(f["code"] for f in report["files"][0]["findings"]) == ["PN101", "ST101", "TY101"]
    assert report["summary"]["by_severity"] == {"error": 3, "warning": 0, "info": 0}


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
