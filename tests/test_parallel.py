"""Scale: -j N gives the same report as -j 1, in the order given; progress; standard input."""

from __future__ import annotations

import io
import json

from checker.core.config import Settings
from checker.core.models import FileReport
from checker.run.parallel import Progress, check_files, default_jobs
from tests.conftest import SAMPLES, run


def report_json(*args: str) -> dict:
    result = run("check", "--format", "json", "--no-progress", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_two_jobs_give_the_same_json_as_one_on_corpus_files(corpus_path):
    files = sorted(str(path) for path in corpus_path.glob("*.txt"))[:8]
    one = report_json("-j", "1", *files)
    two = report_json("-j", "2", *files)
    assert one == two
    assert [file["path"] for file in two["files"]] == files
    assert one["summary"]["findings"] > 0


def test_results_keep_the_order_the_files_were_given_in():
    files = [str(path) for path in sorted(SAMPLES.glob("*.txt"), reverse=True)]
    assert [file["path"] for file in report_json("-j", "2", *files)["files"]] == files


def test_a_directory_walk_gives_the_same_report_whatever_the_number_of_jobs():
    assert report_json("-j", "1", str(SAMPLES)) == report_json("-j", "3", str(SAMPLES))


def test_default_jobs_is_the_number_of_cpus_available():
    import os

    assert default_jobs() == len(os.sched_getaffinity(0))


def test_a_handful_of_small_files_is_checked_without_a_pool(monkeypatch):
    import checker.run.parallel as parallel

    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    assert parallel.worker_count(None, 3, 3 * 900_000) == 1  # too few files
    assert parallel.worker_count(0, 100, parallel.POOL_MIN_BYTES - 1) == 1  # too little text
    assert parallel.worker_count(None, 100, 100 * 30_000) == 2
    assert parallel.worker_count(2, 3, 3_000) == 2  # a number asked for is kept


def test_the_default_gives_each_worker_a_share_worth_a_process(monkeypatch):
    import checker.run.parallel as parallel

    monkeypatch.setattr(parallel, "default_jobs", lambda: 8)
    assert parallel.worker_count(None, 50, 3 * parallel.BYTES_PER_WORKER) == 3
    assert parallel.worker_count(None, 5, 100 * parallel.BYTES_PER_WORKER) == 5


def test_a_crash_outside_the_rules_becomes_a_file_error_in_a_worker(monkeypatch):
    import checker.run.engine

    real = checker.run.engine.check_path

    def crash_on_notice(path, settings=None):
        if "notice" in path:
            raise MemoryError("simulated")
        return real(path, settings)

    monkeypatch.setattr(checker.run.engine, "check_path", crash_on_notice)
    files = [str(path) for path in sorted(SAMPLES.glob("*.txt"))]
    reports = check_files(files, Settings(), jobs=2, progress=False)
    assert [r.path for r in reports] == files
    crashed = [r for r in reports if r.error]
    assert len(crashed) == 1 and "notice" in crashed[0].path and "MemoryError" in crashed[0].error


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_counts_files_and_ends_its_line():
    stream = Terminal()
    bar = Progress(3, stream)
    for _ in range(3):
        bar.advance()
    bar.close()
    written = stream.getvalue()
    assert "检查文件" in written and "3/3" in written and written.endswith("\n")


def test_progress_is_drawn_on_a_terminal_only(capsys):
    files = [str(path) for path in sorted(SAMPLES.glob("*.txt"))]
    check_files(files, Settings(select=["ST"]), jobs=1, progress=True)  # stderr is no terminal here
    check_files(files, Settings(select=["ST"]), jobs=1, progress=None)
    assert capsys.readouterr() == ("", "")


def test_stdin_is_checked_as_the_named_file():
    result = run(
        "check",
        "--format",
        "json",
        "--select",
        "ST101",
        "--stdin-filename",
        "docs/通知.txt",
        "-",
        input="（一）甲项工作。\r\n（三）乙项工作。\r\n".encode("gb18030"),
    )
    assert result.exit_code == 1, result.output
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == "docs/通知.txt" and file["encoding"] == "gb18030"
    assert [(f["code"], f["line"]) for f in file["findings"]] == [("ST101", 2)]


def test_stdin_filename_picks_up_per_path_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doccheck.toml").write_text('[per-path-ignores]\n"archive/**" = ["ST101"]\n', encoding="utf-8")
    result = run("check", "--select", "ST101", "--stdin-filename", "archive/old.txt", input="（一）甲。\n（三）乙。\n")
    assert result.exit_code == 0, result.output


def test_reading_stdin_without_a_name_is_a_usage_error():
    result = run("check", "-", input="x")
    assert result.exit_code == 2 and "--stdin-filename" in result.output


def test_file_report_keeps_its_text_through_a_worker():
    reports = check_files([str(p) for p in sorted(SAMPLES.glob("*.txt"))], Settings(select=["ST"]), jobs=2)
    assert all(isinstance(r, FileReport) and r.text for r in reports)


def test_workers_import_nothing_the_parent_has_not_already_imported(monkeypatch, corpus_path):
    import sys

    import checker.run.parallel

    real = checker.run.parallel.check_one

    def report_modules(path, settings):
        real(path, settings)
        return FileReport(path=path, error=json.dumps(sorted(sys.modules)))

    monkeypatch.setattr(checker.run.parallel, "check_one", report_modules)
    files = [str(path) for path in sorted(corpus_path.glob("*.txt"))[:4]] + [
        str(path) for path in sorted(SAMPLES.glob("*.txt"))[:2]
    ]
    reports = check_files(files, Settings(), jobs=2, progress=False)
    imported_in_workers = {name for report in reports for name in json.loads(report.error)}
    assert imported_in_workers - set(sys.modules) == set()
