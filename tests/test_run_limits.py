"""Limits of a run: bytes read, files that are no regular files, time per file, dead workers, -j.

Whatever a file does — never end, hang a reader, exhaust a worker — it is reported
on its own (exit 2) and every other file of the run is still checked. Tests that
could hang if a limit failed run doccheck in a subprocess with a generous timeout,
only as a guard.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import checker.run.engine
import checker.run.parallel
from checker.core.config import Settings
from checker.core.models import FileReport
from checker.run.parallel import check_files, check_piped, default_jobs, worker_count
from tests.conftest import ROOT, run

GAP = "（一）各单位要认真落实工作要求。\n（三）加强监督检查。\n"  # ST101 on line 2
HANG_GUARD = 120  # seconds: only to end a test that would otherwise wait for ever
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")


def doccheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """doccheck in its own process, stopped (and the test failed) if it does not end."""
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def write_files(folder: Path, count: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{index:03d}.txt"
        path.write_text(GAP, encoding="utf-8")
        paths.append(str(path))
    return paths


# -- bytes read -----------------------------------------------------------------------------------
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_endless_device_is_read_only_up_to_the_size_limit(tmp_path):
    result = doccheck("check", "--max-file-size", "1", "/dev/zero", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "/dev/zero: error: 输入过大：超过上限 1.0 MB（可用 --max-file-size 调整）" in result.stdout


@needs_fifo
def test_a_named_pipe_given_by_name_that_no_program_writes_to_is_read_as_empty(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = doccheck("check", "pipe.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "共 0 条问题" in result.stdout and "检查了 1 个文件" in result.stdout


@needs_fifo
def test_a_named_pipe_given_by_name_is_read_up_to_the_size_limit(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with subprocess.Popen(["sh", "-c", "yes 甲 > pipe.txt"], cwd=tmp_path) as endless:  # writes for ever
        try:
            result = doccheck("check", "--max-file-size", "1", "pipe.txt", cwd=tmp_path)
        finally:
            endless.kill()
    assert result.returncode == 2, result.stderr
    assert "pipe.txt: error: 输入过大：超过上限 1.0 MB（可用 --max-file-size 调整）" in result.stdout


@needs_fifo
def test_a_named_pipe_in_a_folder_is_skipped_with_a_note_and_every_other_file_is_checked(tmp_path):
    paths = write_files(tmp_path / "docs", 40)
    os.mkfifo(tmp_path / "docs" / "020-pipe.txt")
    result = doccheck("check", "--format", "json", "docs", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "注意：docs/020-pipe.txt：不是普通文件（命名管道），已跳过" in result.stderr
    report = json.loads(result.stdout)
    assert [file["path"] for file in report["files"]] == [os.path.relpath(path, tmp_path) for path in paths]
    assert all([finding["code"] for finding in file["findings"]] == ["ST101"] for file in report["files"])


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this platform")
def test_a_socket_in_a_folder_is_skipped_with_a_note(tmp_path):
    write_files(tmp_path / "docs", 2)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "docs" / "socket.txt"))
        result = doccheck("check", "docs", cwd=tmp_path)
    finally:
        server.close()
    assert result.returncode == 1, result.stderr
    assert "注意：docs/socket.txt：不是普通文件（套接字），已跳过" in result.stderr
    assert "检查了 2 个文件" in result.stdout


# -- time per file --------------------------------------------------------------------------------
def _slow_on(name: str, seconds: float = 60):
    """check_one, but a file called ``name`` takes ``seconds`` (far past the budgets below)."""
    real = checker.run.parallel.check_one

    def check(path: str, settings: Settings) -> FileReport:
        if os.path.basename(path) == name:
            time.sleep(seconds)
        return real(path, settings)

    return check


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_its_time_budget_is_reported_with_in003_and_the_others_are_checked(tmp_path, monkeypatch, jobs):
    paths = write_files(tmp_path, 4)
    monkeypatch.setattr(checker.run.parallel, "check_one", _slow_on("001.txt"))
    reports = check_files(paths, Settings(select=["ST101"]), jobs=jobs, timeout=2)
    assert [report.path for report in reports] == paths
    slow = reports[1]
    assert slow.error == "超过 2 秒的时限，未检查（IN003）"
    assert [(f.code, f.line, f.column) for f in slow.findings] == [("IN003", 1, 1)]
    assert slow.findings[0].message == "检查此文件超过了 2 秒的时限，已停止：此文件未检查（可用 --timeout 调整时限）"
    assert all(
        [f.code for f in report.findings] == ["ST101"] and not report.error
        for index, report in enumerate(reports)
        if index != 1
    )


def test_a_run_with_a_file_over_its_time_budget_exits_2_and_says_so(tmp_path, monkeypatch):
    paths = write_files(tmp_path, 2)
    monkeypatch.setattr(checker.run.parallel, "check_one", _slow_on("000.txt"))
    result = run("check", "--select", "ST101", "--timeout", "2", *paths)
    assert result.exit_code == 2
    assert f"{paths[0]}: error: 超过 2 秒的时限，未检查（IN003）" in result.stdout
    assert f"{paths[0]}:1:1: IN003 [error] 检查此文件超过了 2 秒的时限" in result.stdout
    assert f"{paths[1]}:2:1: ST101" in result.stdout


def test_a_lone_file_over_its_budget_is_stopped_even_inside_a_rule_that_catches_every_exception(tmp_path):
    from checker.rules.registry import rule, temporary_rules

    def sleeps_through_its_errors(doc):
        """Sleeps.

        What it checks:
            x
        Why it matters:
            x
        Example:
            x
        Fix:
            x
        """
        try:
            time.sleep(60)
        except Exception:
            pass
        return iter(())

    (path,) = write_files(tmp_path, 1)
    with temporary_rules():
        rule("ST997", "sleeps-through-its-errors", category="structure", severity="info", message="x")(
            sleeps_through_its_errors
        )
        (report,) = check_files([path], Settings(select=["ST997", "ST101"]), jobs=1, timeout=2)
    assert report.error == "超过 2 秒的时限，未检查（IN003）"
    assert [f.code for f in report.findings] == ["IN003"]


def test_a_lone_file_checked_outside_the_main_thread_is_stopped_in_a_worker(tmp_path, monkeypatch):
    import threading

    (path,) = write_files(tmp_path, 1)
    monkeypatch.setattr(checker.run.parallel, "check_one", _slow_on("000.txt"))
    reports: list[FileReport] = []
    thread = threading.Thread(target=lambda: reports.extend(check_files([path], Settings(), jobs=1, timeout=2)))
    thread.start()
    thread.join(HANG_GUARD)
    assert [(report.path, [f.code for f in report.findings]) for report in reports] == [(path, ["IN003"])]


def test_standard_input_is_checked_within_the_time_budget(monkeypatch):
    def slow(path: str, data: bytes, settings: Settings | None = None) -> FileReport:
        time.sleep(60)
        raise AssertionError("the budget did not stop the check")

    monkeypatch.setattr(checker.run.engine, "check_data", slow)
    report = check_piped("piped.txt", GAP.encode("utf-8"), Settings(), timeout=2)
    assert (report.path, [f.code for f in report.findings]) == ("piped.txt", ["IN003"])


def test_standard_input_within_its_budget_is_checked_as_the_named_file():
    report = check_piped("piped.txt", GAP.encode("utf-8"), Settings(select=["ST101"]), timeout=60)
    assert (report.path, report.error, [(f.code, f.line) for f in report.findings]) == (
        "piped.txt",
        None,
        [("ST101", 2)],
    )


def test_a_check_within_its_budget_reports_what_a_check_in_this_process_reports(corpus_path):
    files = sorted(str(path) for path in corpus_path.glob("*.txt"))[:3]
    in_workers = check_files(files, Settings(), jobs=1, timeout=60)
    here = check_files(files, Settings(), jobs=1, timeout=0)
    assert [report.model_dump() for report in in_workers] == [report.model_dump() for report in here]
    assert [report.text for report in in_workers] == [report.text for report in here]


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(value, tmp_path):
    result = run("check", "--timeout", value, *write_files(tmp_path, 1))
    assert result.exit_code == 2 and "--timeout" in result.output


def test_in003_is_documented_in_the_fixed_sections():
    result = run("explain", "IN003")
    assert result.exit_code == 0
    assert result.output.startswith("IN003 检查超时（check-timed-out）  [内部，默认级别：错误]")
    for heading in ("## 检查什么", "## 为什么重要", "## 示例", "## 怎样修改"):
        assert heading in result.output


# -- dead workers ---------------------------------------------------------------------------------
def _killed_on(name: str):
    """check_one, but the process checking a file called ``name`` is killed, as the kernel
    kills a process out of memory."""
    real = checker.run.parallel.check_one

    def check(path: str, settings: Settings) -> FileReport:
        if os.path.basename(path) == name:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, settings)

    return check


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this platform")
@pytest.mark.parametrize("jobs, timeout", [(2, 0), (1, 60), (2, 60)])
def test_a_worker_killed_while_checking_has_its_file_reported_and_the_others_are_checked(
    tmp_path, monkeypatch, jobs, timeout
):
    paths = write_files(tmp_path, 5)
    monkeypatch.setattr(checker.run.parallel, "check_one", _killed_on("002.txt"))
    reports = check_files(paths, Settings(select=["ST101"]), jobs=jobs, timeout=timeout)
    assert [report.path for report in reports] == paths
    assert reports[2].error == "检查此文件的进程意外结束（被信号 SIGKILL 终止，可能是内存不足），此文件未检查"
    assert reports[2].findings == []
    assert all(
        [f.code for f in report.findings] == ["ST101"] and not report.error
        for index, report in enumerate(reports)
        if index != 2
    )


# -- how many processes ---------------------------------------------------------------------------
def test_jobs_are_never_more_than_the_cpus_or_the_files(monkeypatch):
    monkeypatch.setattr(checker.run.parallel, "default_jobs", lambda: 2)
    assert worker_count(200, 200) == 2
    assert worker_count(None, 200) == 2
    assert worker_count(0, 1) == 1
    assert worker_count(2, 1) == 1
    assert worker_count(1, 200) == 1


def test_two_hundred_jobs_over_many_files_start_no_more_processes_than_cpus(tmp_path, monkeypatch):
    paths = write_files(tmp_path, 12)

    def report_process(path: str, settings: Settings) -> FileReport:
        return FileReport(path=path, profile=str(os.getpid()))

    monkeypatch.setattr(checker.run.parallel, "check_one", report_process)
    reports = check_files(paths, Settings(), jobs=200)
    processes = {report.profile for report in reports}
    assert len(processes) <= default_jobs()
    assert str(os.getpid()) not in processes
