"""checker.core.patterns gives exactly what re.compile gives, from its store on disk or not."""
from __future__ import annotations

import importlib
import pickle
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SAMPLES = [
    ("(?P<year>[〇○零一二三四五六七八九]{4})年(?P<month>[一二三四五六七八九十]{1,2})月", 0),
    ("[\u4e00-\u9fff]{2,20}(?:局|厅|委员会)", 0),
    (r"^\s*（[一二三四五六七八九十]+）", re.M),
    ("(?<![0-9０-９])([0-9０-９]+(?:[.．][0-9０-９]+)?)(%|％)", re.I | re.X),
    ("(?=[大约])(大约|大概|约)为?", 0),
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """checker.core.patterns as a new process sees it, with its store in tmp_path."""
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", str(tmp_path))
    import checker.core.patterns as patterns

    def reload():
        return importlib.reload(patterns)

    yield reload
    importlib.reload(patterns)


def test_a_pattern_equals_re_compile_before_and_after_the_store(fresh, tmp_path):
    patterns = fresh()
    first = [patterns.compile(source, flags) for source, flags in SAMPLES]
    assert first == [re.compile(source, flags) for source, flags in SAMPLES]
    patterns._save()
    assert (tmp_path / "patterns.pickle").is_file()

    patterns = fresh()  # a new process: every pattern comes from the store
    again = [patterns.compile(source, flags) for source, flags in SAMPLES]
    assert again == first
    assert len(patterns._used) == len(SAMPLES)
    match = again[0].search("于二〇二四年十二月印发")
    assert match.group("year", "month") == ("二〇二四", "十二")
    assert again[2].findall("（一）甲\n  （二）乙") == ["（一）", "  （二）"]


def test_a_damaged_store_is_ignored(fresh, tmp_path):
    (tmp_path / "patterns.pickle").write_bytes(b"not a pickle")
    patterns = fresh()
    assert patterns.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_a_store_from_another_python_is_ignored(fresh, tmp_path):
    bad_program = (0, [1, 2, 3], 0, {}, ())
    data = (("patterns 1", "another python", 0, 0, 0), {SAMPLES[0]: bad_program})
    (tmp_path / "patterns.pickle").write_bytes(pickle.dumps(data))
    patterns = fresh()
    assert patterns.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_a_program_the_engine_refuses_is_compiled_afresh(fresh, tmp_path):
    patterns = fresh()
    data = (patterns._version(), {SAMPLES[0]: (0, [999999, 1], 0, {}, ())})
    (tmp_path / "patterns.pickle").write_bytes(pickle.dumps(data))
    patterns = fresh()
    assert patterns.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_no_cache_folder_means_plain_compiles(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", "")
    import checker.core.patterns as patterns

    patterns = importlib.reload(patterns)
    try:
        assert patterns.compile(*SAMPLES[1]) == re.compile(*SAMPLES[1])
        patterns._save()  # nothing to write to, and no error
    finally:
        monkeypatch.delenv("DOCCHECK_CACHE_DIR")
        importlib.reload(patterns)


def test_a_second_run_gives_the_same_report_from_the_store(tmp_path, seed_path):
    """Two fresh processes, the first filling the store: identical JSON reports."""
    env = {"DOCCHECK_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "checker.cli", "check", "--format", "json", str(seed_path)]
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert (tmp_path / "patterns.pickle").is_file()
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and '"code"' in first.stdout
