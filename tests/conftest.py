"""Shared test helpers: check a string, run the CLI, find the shared material."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.core.config import Settings
from checker.run.engine import check_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_7afa1ad67aa4f061.txt"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def _chinese_interface(monkeypatch):
    """The interface's language follows the locale: tests start from none, so they see
    the default (Chinese) wherever they run; a test that wants English says so."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _own_results_cache(tmp_path_factory, monkeypatch):
    """Each test starts from an empty cache of reports: a test that swaps a rule for one
    that fails must see it run, not a report an earlier test left."""
    folder = tmp_path_factory.mktemp("results")
    monkeypatch.setattr("checker.run.cache.default_directory", lambda: folder)


def findings(text: str, select: str | list[str] = "ALL", **settings):
    selectors = [select] if isinstance(select, str) else list(select)
    return check_text(text, Settings(select=selectors, **settings))


def codes(text: str, select: str | list[str] = "ALL") -> list[str]:
    return [f.code for f in findings(text, select)]


def grows_at_most_linearly(check: Callable[[str], object], unit: str) -> bool:
    """Does ``check`` of ten times ``unit`` cost well under forty times its cost on one?
    A guard against quadratic code, not a speed target (those live in bench/): each size
    is timed in CPU seconds, the least of three runs, so that other work on a shared
    machine does not fail it."""

    def seconds(repeats: int) -> float:
        text = unit * repeats + "\n"
        best = math.inf
        for _ in range(3):
            started = time.process_time()
            check(text)
            best = min(best, time.process_time() - started)
        return best

    small, large = seconds(200), seconds(2000)
    return large < 40 * max(small, 0.01)


def run(*args: str, input: str | bytes | None = None):
    """Run the CLI in-process; returns the click Result (exit_code, output, stderr)."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def run_json(*args: str) -> dict:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEED


@pytest.fixture
def corpus_path() -> Path:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS
