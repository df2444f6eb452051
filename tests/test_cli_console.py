"""The console: any encoding shows the report (what it cannot hold is escaped, never a
crash), colour follows --color, NO_COLOR and FORCE_COLOR, files stay UTF-8."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from checker.report.terminal import wants_color
from tests.conftest import ROOT, run

# U+2212 (minus) and an emoji: neither is in GBK or cp1252
DOCUMENT = "一、总体情况\n全年增长−5%，😀很好,是的。\n"


def doccheck(*args: str, encoding: str, cwd) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    for name in ("NO_COLOR", "FORCE_COLOR", "LC_ALL", "LC_MESSAGES", "LANG"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True, env=env, cwd=cwd)


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
def test_characters_the_console_encoding_lacks_are_escaped_and_the_exit_status_kept(document, encoding):
    done = doccheck("check", "--select", "PN201", str(document), encoding=encoding, cwd=document.parent)
    assert done.returncode == 1, done.stderr
    shown = done.stdout.decode(encoding)  # nothing the console cannot decode
    assert "PN201" in shown and "\\u2212" in shown and "\\U0001f600" in shown
    assert b"Traceback" not in done.stderr


def test_an_ascii_console_gets_the_whole_report(document):
    # click takes an ASCII stdout for a misconfigured one and writes UTF-8 to it
    done = doccheck("check", "--select", "PN201", str(document), encoding="ascii", cwd=document.parent)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert "全年增长−5%，😀很好,是的。" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("encoding", ["gbk", "cp1252", "ascii"])
def test_a_clean_document_still_exits_0_on_any_console(tmp_path, encoding):
    path = tmp_path / "clean.txt"
    path.write_text("一、总体情况\n全年增长−5%。\n", encoding="utf-8")
    done = doccheck("check", "--select", "ST101", str(path), encoding=encoding, cwd=tmp_path)
    assert done.returncode == 0 and done.stderr.decode(encoding, "replace").count("Traceback") == 0


@pytest.mark.parametrize("encoding", ["gbk", "cp1252", "ascii"])
def test_the_help_shows_on_any_console(tmp_path, encoding):
    done = doccheck("check", "--help", encoding=encoding, cwd=tmp_path)
    assert done.returncode == 0 and b"--select" in done.stdout and done.stderr == b""


def test_a_report_written_with_output_is_utf8_whatever_the_console(document, tmp_path):
    target = tmp_path / "report.txt"
    done = doccheck("check", "--select", "PN201", "-o", str(target), str(document), encoding="gbk", cwd=tmp_path)
    assert done.returncode == 1
    assert "全年增长−5%，😀很好,是的。" in target.read_text(encoding="utf-8")


def test_a_json_report_on_a_gbk_console_is_escaped_not_lost(document):
    done = doccheck(
        "check", "--format", "json", "--select", "PN201", str(document), encoding="gbk", cwd=document.parent
    )
    assert done.returncode == 1 and '"code": "PN201"' in done.stdout.decode("gbk")


def coloured(*args: str, env: dict[str, str] | None = None) -> bool:
    result = run_env(env or {}, "check", "--select", "PN201", *args)
    assert result.exit_code == 1
    return "\x1b[" in result.stdout


def run_env(env: dict[str, str], *args: str):
    from click.testing import CliRunner

    from checker.cli import main

    base: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": None}
    return CliRunner().invoke(main, list(args), env={**base, **env}, catch_exceptions=False)


def test_no_colour_into_a_pipe_by_default(document):
    assert not coloured(str(document))


def test_force_color_colours_a_pipe(document):
    assert coloured(str(document), env={"FORCE_COLOR": "1"})


def test_no_color_wins_over_force_color(document):
    assert not coloured(str(document), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})


def test_an_empty_no_color_is_not_set(document):
    assert coloured(str(document), env={"FORCE_COLOR": "1", "NO_COLOR": ""})


def test_color_always_wins_over_no_color(document):
    assert coloured("--color", "always", str(document), env={"NO_COLOR": "1"})


def test_color_alone_means_always(document):
    assert coloured("--color", "--select", "PN201", str(document))


@pytest.mark.parametrize("option", [["--color", "never"], ["--no-color"]])
def test_color_never_wins_over_force_color(document, option):
    assert not coloured(*option, str(document), env={"FORCE_COLOR": "1"})


def test_a_bad_color_choice_is_a_usage_error(document):
    result = run("check", "--color", "sometimes", str(document))
    assert result.exit_code == 2 and "sometimes" in result.output


class Terminal:
    def isatty(self) -> bool:
        return True


class Pipe:
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(
    "environ, stream, expected",
    [
        ({}, Terminal(), True),
        ({}, Pipe(), False),
        ({"NO_COLOR": "1"}, Terminal(), False),
        ({"NO_COLOR": "0"}, Terminal(), False),  # any non-empty value
        ({"FORCE_COLOR": "1"}, Pipe(), True),
        ({"FORCE_COLOR": "0"}, Pipe(), False),
        ({"FORCE_COLOR": ""}, Pipe(), False),
    ],
)
def test_auto_colour_follows_the_environment_then_the_terminal(environ, stream, expected):
    assert wants_color("auto", stream, environ) is expected


def test_the_colours_come_from_click_style(document):
    result = run_env({}, "check", "--color", "always", "--select", "PN201", str(document))
    import click

    assert click.style("PN201", bold=True) in result.stdout
    assert click.style("[warning]", fg="yellow") in result.stdout
