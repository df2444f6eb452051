"""Inputs the fuzz tests once failed on, kept in ``tests/fuzz/regressions`` and held to
the property they broke, with no tolerance.

A fixture of an open bug (``tests/fuzz/known_bugs.py``) is a strict expected
failure: the fix that makes it pass must remove the mark and the known bug. The
others hold a fixed bug fixed (issue 21's Markdown corrupted by ``fix``), or were
failures of the properties themselves, fixed in this folder (what ``doccheck``
does there is right), and stay to keep the properties honest.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.fuzz import properties
from tests.fuzz.known_bugs import KNOWN_BUGS

FIXTURES = Path(__file__).parent / "regressions"
_BUGS = {fixture: bug for bug in KNOWN_BUGS for fixture in bug.regressions}


class Regression(NamedTuple):
    fixture: str
    property: str
    check: Callable[[Path, str], None]  # (scratch folder, the fixture's text)
    note: str  # what went wrong on it


def _md(check):
    return lambda folder, text: check(folder, "doc.md", text)


REGRESSIONS = [
    Regression(
        "odd-white-space-line.md",
        "markdown-source-map",
        lambda folder, text: properties.markdown_maps_back(text),
        "issue 21's corrupted file: its paragraph's characters were mapped one line too high",
    ),
    Regression(
        "odd-white-space-line.md",
        "fix-idempotent",
        _md(properties.fix_is_idempotent),
        "every fix inserted ten more '%'",
    ),
    Regression(
        "odd-white-space-line.md",
        "fix-only-its-spans",
        _md(properties.fix_changes_only_its_spans_in_markdown),
        "the '%' of 10%～15% was inserted inside 企业研发投入",
    ),
    Regression(
        "nul-in-utf8.md",
        "markdown-source-map",
        lambda folder, text: properties.markdown_maps_back(text),
        "a NUL makes the UTF-8 file read as UTF-16",
    ),
    Regression(
        "nul-in-ascii.txt",
        "fix-only-its-spans",
        lambda folder, text: properties.fix_changes_only_its_spans_in_text(folder, "doc.txt", text),
        "ASCII text with a NUL is read as UTF-16 (布署 among the mojibake) and fix writes 部署 in UTF-16",
    ),
    Regression(
        "unused-suppression.md",
        "fix-only-its-spans",
        _md(properties.fix_changes_only_its_spans_in_markdown),
        "the fix removing an unused suppression takes its line break: the break belongs to the piece",
    ),
    Regression(
        "bom-before-a-range.txt",
        "fix-only-its-spans",
        lambda folder, text: properties.fix_changes_only_its_spans_in_text(folder, "doc.txt", text),
        "offsets of fixes do not count the byte-order mark",
    ),
    Regression(
        "bom-nul-range.txt",
        "fix-only-its-spans",
        lambda folder, text: properties.fix_changes_only_its_spans_in_text(folder, "doc.txt", text),
        "the property re-checked each pass without the byte-order mark, which made the file binary",
    ),
    Regression(
        "bom-nul-link-heading.md",
        "fix-only-its-spans",
        _md(properties.fix_changes_only_its_spans_in_markdown),
        "the property re-read each pass without the byte-order mark: LoadError (binary file)",
    ),
    Regression(
        "date-chain-before-percent.md",
        "fix-only-its-spans",
        _md(properties.fix_changes_only_its_spans_in_markdown),
        "NU102 took 01-010％ of the chain 1990-01-010％ for a range, and then 1990-01％: 1990％-01％-010％",
    ),
    Regression(
        "tiny-nul-text.txt",
        "fix-only-its-spans",
        lambda folder, text: properties.fix_changes_only_its_spans_in_text(folder, "doc.txt", text),
        "four bytes with one NUL were read as UTF-16: check offered a fix that fix could not write",
    ),
    Regression(
        "trailing-space-line.md",
        "fix-only-its-spans",
        _md(properties.fix_changes_only_its_spans_in_markdown),
        "fix left out every fix of a line ending in white space (the reader drops it before the break)",
    ),
    Regression(
        "unknown-profile.pyproject.toml",
        "config",
        lambda folder, text: properties.config_is_clean(folder, "pyproject.toml", text),
        "an unknown profile in the configuration is a usage error (exit 2, '错误：')",
    ),
]


def _param(regression: Regression):
    bug = _BUGS.get(regression.fixture)
    marks = [pytest.mark.xfail(strict=True, reason=bug.reason)] if bug and regression.property in bug.properties else []
    return pytest.param(regression, marks=marks, id=f"{regression.fixture}-{regression.property}")


def test_every_known_bug_has_its_fixture():
    for bug in KNOWN_BUGS:
        for fixture in bug.regressions:
            assert (FIXTURES / fixture).is_file(), bug.name
            assert any(r.fixture == fixture and r.property in bug.properties for r in REGRESSIONS), bug.name


def test_every_fixture_is_held_to_a_property():
    assert {path.name for path in FIXTURES.iterdir()} == {r.fixture for r in REGRESSIONS}


@pytest.mark.parametrize("regression", [_param(regression) for regression in REGRESSIONS])
def test_regression(regression, tmp_path):
    text = (FIXTURES / regression.fixture).read_bytes().decode("utf-8")
    regression.check(tmp_path, text)
