"""Output formats for CI: SARIF 2.1.0, GitHub workflow commands, JUnit XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest

from checker.report.formatters.github import escape_data, escape_property, parse
from tests.conftest import SHARED, run

SARIF_SCHEMA = SHARED / "external" / "sarif-schema-2.1.0.json"
DOCUMENT = "关于开展检查的通知\n（一）甲项工作。\n（三）乙项工作，见附件（一。\n"


@pytest.fixture
def document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "通知.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return "docs/通知.txt"


def report(fmt: str, *paths: str) -> str:
    result = run("check", "--format", fmt, "--select", "ST101,PN101", *paths)
    assert result.exit_code == (2 if "missing.txt" in paths else 1), result.output
    return result.stdout


def test_sarif_validates_against_the_sarif_2_1_0_schema(document):
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA} (../shared/external is not beside this checkout)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(report("sarif", document, "missing.txt"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_sarif_result_has_code_point_columns_and_a_relative_location(document):
    (run_,) = json.loads(report("sarif", document))["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    gap = next(r for r in run_["results"] if r["ruleId"] == "ST101")
    location = gap["locations"][0]["physicalLocation"]
    assert unquote(location["artifactLocation"]["uri"]) == "docs/通知.txt"
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert location["region"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 4,
        "snippet": {"text": "（三）"},
    }
    assert gap["level"] == "error"
    unclosed = next(r for r in run_["results"] if r["ruleId"] == "PN101")
    assert unclosed["locations"][0]["physicalLocation"]["region"]["startColumn"] == 12


def test_sarif_lists_every_rule_with_its_documentation_and_default_level(document):
    from checker.rules.registry import load_rules

    (run_,) = json.loads(report("sarif", document))["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(load_rules())
    gap = next(r for r in rules if r["id"] == "ST101")
    assert gap["name"] == "numbering-gap"
    assert gap["defaultConfiguration"]["level"] == "error"
    assert gap["fullDescription"]["text"] == load_rules()["ST101"].sections()["What it checks"]
    assert "Why it matters" in gap["help"]["text"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_fingerprints_do_not_move_when_lines_are_added_above(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    before = json.loads(report("sarif", "a.txt"))["runs"][0]["results"]
    path.write_text("新增的第一行。\n\n新增的第二行。\n" + DOCUMENT, encoding="utf-8")
    after = json.loads(report("sarif", "a.txt"))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [6, 6]


def test_sarif_reports_an_unreadable_file_as_a_tool_notification(document):
    (run_,) = json.loads(report("sarif", document, "missing.txt"))["runs"]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and "missing.txt" in notification["message"]["text"]


def test_github_lines_parse_back_to_the_findings(document):
    lines = report("github", document).splitlines()
    assert len(lines) == 2
    first = parse(lines[0])
    assert first["kind"] == "error"
    assert (first["file"], first["line"], first["col"], first["endLine"], first["endColumn"], first["title"]) == (
        "docs/通知.txt",
        "3",
        "1",
        "3",
        "4",
        "ST101",
    )
    assert first["message"].startswith("序号跳号")
    assert "\n建议：" in first["message"]  # the suggestion on a second line, escaped as %0A
    assert "\n" not in lines[0]


def test_github_escapes_percent_newlines_colons_and_commas():
    assert escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = "::warning file=" + escape_property("d:/x,y.txt") + ",line=1::" + escape_data("一%0A二\n三")
    parsed = parse(line)
    assert parsed["file"] == "d:/x,y.txt" and parsed["message"] == "一%0A二\n三"


def test_github_uses_notice_for_info_and_warning_for_warnings(document, tmp_path):
    (tmp_path / "doccheck.toml").write_text('[severity]\nST101 = "info"\nPN101 = "warning"\n', encoding="utf-8")
    kinds = [parse(line)["kind"] for line in report("github", document).splitlines()]
    assert kinds == ["notice", "warning"]


def test_junit_has_one_testsuite_per_file_and_a_failure_per_finding(document, tmp_path):
    (tmp_path / "clean.txt").write_text("一、总体情况\n", encoding="utf-8")
    root = ET.fromstring(report("junit", document, "clean.txt", "missing.txt"))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == ["docs/通知.txt", "clean.txt", "missing.txt"]
    failures = suites["docs/通知.txt"].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["ST101", "PN101"]
    assert suites["docs/通知.txt"].get("failures") == "2"
    assert suites["clean.txt"].findall("testcase") and not suites["clean.txt"].findall("testcase/failure")
    assert suites["missing.txt"].find("testcase/error") is not None
    assert root.get("failures") == "2" and root.get("errors") == "1"


def test_junit_survives_control_characters_in_the_document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("（一）甲\x0b。\n（三）乙\x0b。\n", encoding="utf-8")
    root = ET.fromstring(report("junit", "a.txt"))
    assert root.find("testsuite/testcase/failure").get("type") == "ST101"


def test_pre_commit_hook_entry_runs_doccheck_on_the_files_it_is_given(tmp_path):
    import shlex

    import yaml

    from tests.conftest import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "doccheck" and hook["language"] == "python"
    program, command, *options = shlex.split(hook["entry"])
    assert (program, command) == ("doccheck", "check")
    clean = tmp_path / "clean.md"
    clean.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    assert run(command, *options, str(clean)).exit_code == 0
    assert run(command, *options, "--select", "ST101", str(tmp_path / "gap.txt")).exit_code == 2  # missing
    from checker.load.readers import supported_suffixes

    assert all(re.search(hook["files"], f"docs/通知{suffix}") for suffix in supported_suffixes())
    assert not re.search(hook["files"], "a.py")


def test_action_is_composite_and_uploads_the_sarif_it_writes():
    import yaml

    from tests.conftest import ROOT

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    script = next(step["run"] for step in steps if step.get("id") == "check")
    assert "doccheck check --format sarif -o" in script
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif }}"


def test_the_readme_config_example_is_a_valid_config(tmp_path):
    from checker.run.settings import settings_from_file
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## In CI and repositories") :]
    example = section[section.index("```toml\n") + 8 : section.index("```", section.index("```toml\n") + 8)]
    (tmp_path / "doccheck.toml").write_text(example, encoding="utf-8")
    settings = settings_from_file(tmp_path / "doccheck.toml")
    assert settings.per_path_profiles == {"notices/**": "notice"}


def test_github_paths_below_the_workspace_are_relative(document, tmp_path):
    (line,) = report("github", str(tmp_path / "docs" / "通知.txt")).splitlines()[:1]
    assert parse(line)["file"] == "docs/通知.txt"


def test_an_unwritable_output_exits_2_and_writes_nothing(document, tmp_path):
    result = run("check", "--format", "sarif", "-o", str(tmp_path / "no" / "dir" / "r.sarif"), document)
    assert result.exit_code == 2 and "无法写入" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "no").exists()


def test_sarif_fix_regions_are_in_the_file_and_omitted_for_extracted_text(tmp_path, monkeypatch):
    from checker.core.models import Fix
    from checker.rules.registry import Hit, rule, temporary_rules

    def halfwidth_comma(doc):
        for at, ch in enumerate(doc.text):
            if ch == ",":
                yield Hit(at, at + 1, fix=Fix(start=at, end=at + 1, replacement="，"))

    halfwidth_comma.__doc__ = "Test.\n\nWhat it checks:\n x\nWhy it matters:\n x\nExample:\n x\nFix:\n x\n"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("第一行\n甲,乙\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# 题\n\n甲,乙\n", encoding="utf-8")
    with temporary_rules():
        rule("PN990", "test-comma", category="punctuation", severity="warning", message="逗号", fix="safe")(
            halfwidth_comma
        )
        results = json.loads(run("check", "--format", "sarif", "--select", "PN990", "a.txt", "b.md").stdout)
    text_result, markdown_result = results["runs"][0]["results"]
    (replacement,) = text_result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement == {
        "deletedRegion": {"startLine": 2, "startColumn": 2, "endLine": 2, "endColumn": 3},
        "insertedContent": {"text": "，"},
    }
    assert "fixes" not in markdown_result
    assert markdown_result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
