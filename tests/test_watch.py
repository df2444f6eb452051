"""``doccheck check --watch``: what changed is printed, and only that."""

from __future__ import annotations

import threading
import time

import pytest

import checker
from checker.watch import Watcher, watch
from tests.conftest import run

GAP = "（一）甲项工作。\n（三）乙项工作。\n"


def watcher(folder, lines: list[str]) -> Watcher:
    found = Watcher([str(folder)], lambda: checker.load_settings(near=str(folder)), lines.append)
    found.start()
    return found


def test_a_changed_file_prints_its_new_findings_and_the_gone_ones(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text(GAP, encoding="utf-8")
    lines: list[str] = []
    watching = watcher(tmp_path, lines)
    document.write_text("（一）甲项工作。\n（二）乙项工作。\n认真布署。\n", encoding="utf-8")
    watching.changed([str(document)])
    assert lines[0].endswith(f"{document}: 新增 1 条，消除 1 条（现有 1 条）")
    assert lines[1].startswith(f"+ {document}:3:3: TY101 [error] “布署”是错别字，应为“部署”")
    assert lines[2] == f"- {document}:2:1: ST101 序号跳号：“（一）”之后是“（三）”，缺少（二）"


def test_a_finding_moved_by_lines_added_above_it_is_not_new(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text(GAP, encoding="utf-8")
    lines: list[str] = []
    watching = watcher(tmp_path, lines)
    document.write_text("前言。\n\n" + GAP, encoding="utf-8")
    watching.changed([str(document)])
    assert lines == []


def test_a_file_of_another_type_or_a_deleted_one_is_not_checked(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text(GAP, encoding="utf-8")
    lines: list[str] = []
    watching = watcher(tmp_path, lines)
    (tmp_path / "notes.py").write_text("（三）\n", encoding="utf-8")
    watching.changed([str(tmp_path / "notes.py")])
    document.unlink()
    watching.changed([str(document)])
    assert lines == [f"{document}: 已删除或不再检查（原有 1 条提示）"]


def test_a_changed_configuration_checks_every_file_again(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text(GAP, encoding="utf-8")
    lines: list[str] = []
    watching = watcher(tmp_path, lines)
    (tmp_path / "doccheck.toml").write_text('ignore = ["ST101"]\n', encoding="utf-8")
    watching.changed([str(tmp_path / "doccheck.toml")])
    assert lines[0].endswith("新增 0 条，消除 1 条（现有 0 条）")


def test_a_configuration_that_cannot_be_used_keeps_the_old_settings(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text(GAP, encoding="utf-8")
    lines: list[str] = []
    watching = watcher(tmp_path, lines)
    (tmp_path / "doccheck.toml").write_text('select = ["NO999"]\n', encoding="utf-8")
    watching.changed([str(tmp_path / "doccheck.toml")])
    assert len(lines) == 1 and lines[0].startswith("配置无法使用，仍按原配置检查：") and "NO999" in lines[0]


def test_watching_reports_a_change_written_to_disk(tmp_path):
    pytest.importorskip("watchfiles")
    document = tmp_path / "a.txt"
    document.write_text(GAP, encoding="utf-8")
    lines: list[str] = []
    watching = watcher(tmp_path, lines)
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(watching, stop, 50))
    thread.start()
    try:
        time.sleep(0.5)  # the watch is set up
        document.write_text("（一）甲项工作。\n（二）乙项工作。\n", encoding="utf-8")
        deadline = time.monotonic() + 20
        while not lines and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=20)
    assert lines and lines[0].endswith("新增 0 条，消除 1 条（现有 0 条）")


@pytest.mark.parametrize("option", [["--format", "json"], ["-o", "report.txt"], ["--write-baseline", "b.json"]])
def test_watch_refuses_what_is_not_a_text_report(tmp_path, option):
    result = run("check", "--watch", str(tmp_path), *option)
    assert result.exit_code == 2 and "--watch 只能与文本报告一起使用" in result.output
