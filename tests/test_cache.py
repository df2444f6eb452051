"""The cache of reports: an unchanged file is not checked again; anything its findings
depend on changing means it is; --no-cache and `doccheck clean`."""

from __future__ import annotations

import json

import pytest

import checker
from checker.core.config import Settings
from checker.run import cache as cache_module
from checker.run import engine
from tests.conftest import run

REAL_DEFAULT_DIRECTORY = cache_module.default_directory  # before each test points it at its own folder
DOCUMENT = "一、总体情况\n\n（一）今年完成投资100万元，同比增长5%。\n\n三、下一步工作\n"


@pytest.fixture
def checks(monkeypatch):
    """The paths the engine actually checks, in order."""
    seen: list[str] = []
    real = engine.check_path

    def counting(path, settings=None):
        seen.append(path)
        return real(path, settings)

    monkeypatch.setattr(engine, "check_path", counting)
    return seen


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def report_json(*args: str, status: tuple[int, ...] = (0, 1)) -> dict:
    result = run("check", "--format", "json", "--no-progress", "-j", "1", *args)
    assert result.exit_code in status, result.output
    return json.loads(result.stdout)


def test_a_second_run_over_an_unchanged_file_checks_nothing_and_reports_the_same(document, checks):
    first = report_json(str(document))
    second = report_json(str(document))
    assert checks == [str(document)]
    assert second == first
    assert any(f["code"] == "ST101" for f in first["files"][0]["findings"])


def test_a_changed_file_is_checked_again(document, checks):
    report_json(str(document))
    document.write_text(DOCUMENT.replace("三、", "二、"), encoding="utf-8")
    second = report_json(str(document))
    assert checks == [str(document)] * 2
    assert not any(f["code"] == "ST101" for f in second["files"][0]["findings"])


def test_other_settings_check_the_file_again(document, checks):
    report_json(str(document))
    narrowed = report_json("--select", "NC", str(document))
    assert checks == [str(document)] * 2
    assert all(f["code"].startswith("NC") for f in narrowed["files"][0]["findings"])


def test_an_edited_glossary_checks_the_file_again(tmp_path, document, checks):
    glossary = tmp_path / "names.yaml"
    config = tmp_path / "doccheck.toml"
    config.write_text('glossaries = ["names.yaml"]\n', encoding="utf-8")
    glossary.write_text("version: 1\nterms:\n  - {canonical: 发展改革委, variants: [发改委]}\n", encoding="utf-8")
    report_json("--config", str(config), str(document))
    glossary.write_text("version: 1\nterms:\n  - {canonical: 财政局, variants: [财政部门]}\n", encoding="utf-8")
    report_json("--config", str(config), str(document))
    assert checks == [str(document)] * 2


def test_no_cache_checks_every_file_and_stores_nothing(document, checks):
    report_json("--no-cache", str(document))
    report_json("--no-cache", str(document))
    report_json(str(document))
    assert checks == [str(document)] * 3


def test_a_file_that_could_not_be_read_is_not_remembered(tmp_path, checks):
    broken = tmp_path / "空.docx"
    broken.write_bytes(b"not a zip")
    report_json(str(broken), status=(2,))
    second = report_json(str(broken), status=(2,))
    assert checks == [str(broken)] * 2
    assert second["files"][0]["error"]


def test_a_report_with_a_failing_rule_is_not_remembered(document, monkeypatch):
    from checker.rules.registry import load_rules

    rule = load_rules()["ST101"]
    monkeypatch.setattr(rule, "check", lambda doc: 1 / 0)
    assert any(f["code"] == "IN001" for f in report_json(str(document))["files"][0]["findings"])
    monkeypatch.undo()
    assert not any(f["code"] == "IN001" for f in report_json(str(document))["files"][0]["findings"])


def test_a_damaged_entry_is_a_miss_not_an_error(document, checks):
    report_json(str(document))
    for entry in cache_module.default_directory().rglob("*" + cache_module.ENTRY_SUFFIX):
        entry.write_bytes(b"\x00garbage")
    assert report_json(str(document))["files"][0]["findings"]
    assert checks == [str(document)] * 2


def test_the_text_report_of_a_cached_file_shows_the_same_context(document):
    first = run("check", "--no-progress", str(document))
    second = run("check", "--no-progress", str(document))
    assert second.stdout == first.stdout
    assert "三、下一步工作" in second.stdout


def test_clean_deletes_the_cached_reports(document, checks):
    report_json(str(document))
    result = run("clean")
    assert result.exit_code == 0
    assert "已删除 1 份缓存的报告" in result.stderr
    report_json(str(document))
    assert checks == [str(document)] * 2


def test_the_library_caches_only_when_asked(document, checks):
    checker.check_paths([document], settings=Settings())
    checker.check_paths([document], settings=Settings())
    assert len(checks) == 2
    checker.check_paths([document], settings=Settings(), cache=True)
    checker.check_paths([document], settings=Settings(), cache=True)
    assert len(checks) == 3


def test_the_cache_lives_in_results_of_the_doccheck_cache_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", str(tmp_path))
    assert REAL_DEFAULT_DIRECTORY() == tmp_path / "results"


def test_an_empty_cache_directory_setting_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", "")
    assert REAL_DEFAULT_DIRECTORY() is None


def test_a_per_path_setting_applies_to_the_cached_report_of_its_own_file(tmp_path, checks):
    (tmp_path / "doccheck.toml").write_text('[per-path-ignores]\n"draft/*" = ["ST101"]\n', encoding="utf-8")
    for folder in ("draft", "final"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "通知.txt").write_text(DOCUMENT, encoding="utf-8")
    config = str(tmp_path / "doccheck.toml")
    for _ in range(2):  # checked in this process, where the engine's calls are counted
        report = report_json("--config", config, "-j", "1", "--timeout", "0", str(tmp_path))
        codes = {file["path"].split("/")[-2]: {f["code"] for f in file["findings"]} for file in report["files"]}
        assert "ST101" not in codes["draft"] and "ST101" in codes["final"]
    assert len(checks) == 2
