"""Start-up stays cheap: what a run imports, and the disk cache of validated data files.

The start-up budget itself (≤ 0.5 s for ``doccheck check`` of the seed) is measured
by ``bench/run.py``, never by a timed test; these tests guard the structure that
keeps it: heavy libraries load only when something needs them, and validated rule
data is read from the cache instead of being parsed and validated again.
"""

import os
import subprocess
import sys

import pytest

from checker.core.resources import cached_load
from tests.conftest import ROOT, SAMPLES


def imported_modules(code: str, cache_dir) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    env = dict(os.environ, DOCCHECK_CACHE_DIR=str(cache_dir))
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_version_and_help_import_no_checking_machinery(tmp_path):
    loaded = imported_modules(
        "from checker.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass", tmp_path
    )
    for heavy in ("jieba", "lark", "jsonschema", "yaml", "pydantic", "checker.run.engine", "checker.rules.checks"):
        assert heavy not in loaded, f"--version imported {heavy}"


def test_a_second_run_reads_rule_data_from_the_cache_without_yaml_or_jsonschema(tmp_path):
    code = (
        f"from checker.run.engine import check_text\n"
        f"check_text(open({str(SAMPLES / 'report-defects.txt')!r}, encoding='utf-8').read())"
    )
    imported_modules(code, tmp_path)  # fills the cache
    assert list(tmp_path.glob("*.pickle"))
    loaded = imported_modules(code, tmp_path)
    assert "jsonschema" not in loaded
    assert "yaml" not in loaded


# -- cached_load ------------------------------------------------------------------------
class Parser:
    """A parse function that counts its calls (module-level so the cache can key it)."""

    calls = 0


def count_lines(path: str) -> list[str]:
    Parser.calls += 1
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    if "bad" in lines:
        raise ValueError(f"{path}: bad entry")
    return lines


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", str(folder))
    Parser.calls = 0
    return folder


def test_cached_load_parses_once_and_returns_the_same_data(tmp_path, cache):
    data = tmp_path / "words.txt"
    data.write_text("甲\n乙\n", encoding="utf-8")
    assert cached_load(data, count_lines) == ["甲", "乙"]
    assert cached_load(data, count_lines) == ["甲", "乙"]
    assert Parser.calls == 1


def test_cached_load_parses_again_when_the_file_changes(tmp_path, cache):
    data = tmp_path / "words.txt"
    data.write_text("甲\n", encoding="utf-8")
    cached_load(data, count_lines)
    data.write_text("甲\n丙丁\n", encoding="utf-8")
    assert cached_load(data, count_lines) == ["甲", "丙丁"]
    assert Parser.calls == 2


def test_cached_load_never_caches_an_error(tmp_path, cache):
    data = tmp_path / "words.txt"
    data.write_text("bad\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ValueError, match="bad entry"):
            cached_load(data, count_lines)
    assert Parser.calls == 2


def test_a_corrupt_cache_entry_is_parsed_again(tmp_path, cache):
    data = tmp_path / "words.txt"
    data.write_text("甲\n", encoding="utf-8")
    cached_load(data, count_lines)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cached_load(data, count_lines) == ["甲"]
    assert Parser.calls == 2


def test_an_empty_cache_dir_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", "")
    Parser.calls = 0
    data = tmp_path / "words.txt"
    data.write_text("甲\n", encoding="utf-8")
    cached_load(data, count_lines)
    cached_load(data, count_lines)
    assert Parser.calls == 2


def test_the_cache_keeps_the_entries_used_last_when_it_prunes(tmp_path, cache, monkeypatch):
    import checker.core.resources as resources

    monkeypatch.setattr(resources, "CACHE_LIMIT", 4)
    files = []
    for index in range(4):
        data = tmp_path / f"words{index}.txt"
        data.write_text(f"词{index}\n", encoding="utf-8")
        files.append(data)
        cached_load(data, count_lines)
    for entry in cache.glob("*.pickle"):
        os.utime(entry, (1000, 1000))  # all four written long ago …
    cached_load(files[0], count_lines)  # … and the first one used just now
    extra = tmp_path / "words-new.txt"
    extra.write_text("新\n", encoding="utf-8")
    cached_load(extra, count_lines)  # a fifth entry: the cache prunes the oldest
    assert len(list(cache.glob("*.pickle"))) <= 4
    calls = Parser.calls
    cached_load(files[0], count_lines)
    assert Parser.calls == calls  # kept: it was used last
    cached_load(files[1], count_lines)
    assert Parser.calls == calls + 1  # dropped: parsed again


def test_checking_one_text_file_loads_no_pool_and_builds_no_unused_model(tmp_path):
    # outside the project, so that no pyproject.toml is found and read
    document = tmp_path / "folder" / "report.txt"
    document.parent.mkdir()
    document.write_text((SAMPLES / "report-defects.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code = (
        f"import sys\nfrom checker.cli import main\n"
        f"try:\n    main(['check', {str(document)!r}])\nexcept SystemExit:\n    pass\n"
        f"from checker.core.config import ConfigFile, Settings\nfrom checker.rules.profiles import Part\n"
        f"from checker.core.models import FileReport, Report\n"
        f"for model in (ConfigFile, Settings, Part, FileReport, Report):\n"
        f"    assert not model.__pydantic_complete__, model.__name__ + ' built'\n"
    )
    imported_modules(code, tmp_path)  # fills the cache (the lexicon is built with pypinyin once)
    loaded = imported_modules(code, tmp_path)
    for heavy in (
        "multiprocessing",
        "tomllib",
        "jieba",
        "pypinyin",
        "trafilatura",
        "htmldate",
        "lxml",
        "docx",
        "pypdf",
        "markdown_it",
        "regex",
        "importlib.metadata",
        "lark",
    ):
        assert heavy not in loaded, f"checking one .txt file imported {heavy}"


def test_cached_load_all_parses_the_files_once_and_again_when_one_changes(tmp_path, cache):
    from checker.core.resources import cached_load_all

    files = [tmp_path / f"words{index}.txt" for index in range(3)]
    for index, data in enumerate(files):
        data.write_text(f"词{index}\n", encoding="utf-8")
    assert cached_load_all(files, count_lines) == [["词0"], ["词1"], ["词2"]]
    assert cached_load_all(files, count_lines) == [["词0"], ["词1"], ["词2"]]
    assert Parser.calls == 3
    files[1].write_text("词1\n新\n", encoding="utf-8")
    assert cached_load_all(files, count_lines)[1] == ["词1", "新"]
    assert Parser.calls == 6


def test_cached_load_all_never_caches_an_error(tmp_path, cache):
    from checker.core.resources import cached_load_all

    files = [tmp_path / "good.txt", tmp_path / "bad.txt"]
    files[0].write_text("甲\n", encoding="utf-8")
    files[1].write_text("bad\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ValueError, match="bad entry"):
            cached_load_all(files, count_lines)
    assert not list(cache.glob("*.pickle"))


def test_the_command_flushes_its_output_and_exits_with_its_status(tmp_path):
    """``python -m checker.cli`` runs the console script's entry: the report is whole
    and the exit status is the command's."""
    env = dict(os.environ, DOCCHECK_CACHE_DIR=str(tmp_path))
    clean = tmp_path / "clean.txt"
    clean.write_text("关于做好2024年度工作的通知\n", encoding="utf-8")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "checker.cli", *args], capture_output=True, text=True, env=env, cwd=tmp_path
        )

    defects = run("check", "--format", "json", str(SAMPLES / "report-defects.txt"))
    assert defects.returncode == 1
    assert defects.stdout.rstrip().endswith("}") and '"NC101"' in defects.stdout
    assert run("check", str(clean)).returncode == 0
    missing = run("check", str(tmp_path / "absent.txt"))
    assert missing.returncode == 2 and "absent.txt" in missing.stdout + missing.stderr
    assert run("check", "--format", "nonsense", str(clean)).returncode == 2
    assert run("--version").stdout.startswith("doccheck")


def test_a_reader_that_closes_the_pipe_early_gets_status_2_and_no_traceback(tmp_path):
    env = dict(os.environ, DOCCHECK_CACHE_DIR=str(tmp_path))
    command = [sys.executable, "-m", "checker.cli", "check", "--format", "json", str(SAMPLES / "report-defects.txt")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    process.stdout.close()  # the reader is gone before the report is written
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait() == 2
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
