"""The README cannot drift: its runnable examples are run, its option table is the CLI's.

A runnable example is a ```console block. Each line that begins with ``$ `` is a command
(a line ending with ``\\`` goes on on the next one); the lines after it, up to the next
command, are what it prints: its standard output, then its standard error. A line
``[exit status N]`` at the end of an output says the status it exits with (none: 0). A
line ``...`` stands for any number of lines, and "…" in a line for any text in it. An output that is JSON is compared as JSON,
with standard output alone, and a value written ``"…"`` stands for any value.

The commands of one block run in order, with bash, in a fresh folder holding a copy of
samples/ (what they write stays there), with the doccheck of this interpreter first on
PATH, no colour, no cache, no terminal and a Chinese locale (LANG=zh_CN.UTF-8). Before comparing, the folder's path is written
``.`` and trailing spaces are dropped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import click
import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
_CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
_EXIT = re.compile(r"^\[exit status (\d+)\]$")
WILDCARD = "…"


class Example(NamedTuple):
    command: str
    expected: list[str]  # the output's lines, without the exit status line
    status: int


class Block(NamedTuple):
    line: int  # of the opening ``` in README.md
    examples: list[Example]


def console_blocks(text: str) -> list[Block]:
    blocks = []
    for match in _CONSOLE_BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        blocks.append(Block(line, parse_block(match.group(1))))
    return blocks


def parse_block(body: str) -> list[Example]:
    examples: list[Example] = []
    command: list[str] = []
    output: list[str] = []

    def close() -> None:
        if command:
            lines = list(output)
            status = 0
            if lines and _EXIT.match(lines[-1]):
                status = int(_EXIT.match(lines.pop()).group(1))
            examples.append(Example(" ".join(command), lines, status))

    continued = False
    for line in body.splitlines():
        if continued:
            command.append(line.rstrip("\\").strip())
            continued = line.endswith("\\")
        elif line.startswith("$ "):
            close()
            command, output = [line[2:].rstrip("\\").strip()], []
            continued = line.endswith("\\")
        else:
            output.append(line.rstrip())
    close()
    return examples


def lines_match(expected: list[str], actual: list[str]) -> bool:
    """Do the lines agree, each ``...`` line standing for any number of lines?"""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(lines_match(expected[1:], actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and line_matches(expected[0], actual[0]) and lines_match(expected[1:], actual[1:])


def line_matches(expected: str, actual: str) -> bool:
    """Is ``actual`` the line ``expected``, each "…" in it standing for any text?"""
    if WILDCARD not in expected:
        return expected == actual
    pattern = ".*".join(re.escape(part) for part in expected.split(WILDCARD))
    return re.fullmatch(pattern, actual) is not None


def json_matches(expected: Any, actual: Any) -> bool:
    """Does ``actual`` have the shape and values of ``expected``, "…" matching anything?"""
    if expected == WILDCARD:
        return True
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and expected.keys() == actual.keys()
            and all(json_matches(expected[key], actual[key]) for key in expected)
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(json_matches(e, a) for e, a in zip(expected, actual, strict=True))
        )
    return bool(expected == actual)


def _environment(home: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DOCCHECK_", "FORCE_COLOR", "CLICOLOR", "LC_", "LANG"))
    }
    # the locale a Chinese reader's machine has: the interface speaks Chinese
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        NO_COLOR="1",
        DOCCHECK_CACHE_DIR="",
        HOME=str(home),
        COLUMNS="100",
        TERM="dumb",
        LANG="zh_CN.UTF-8",
        PYTHONIOENCODING="utf-8",
    )
    return env


def run_example(example: Example, folder: Path) -> tuple[int, str, str]:
    result = subprocess.run(
        ["bash", "-c", example.command],
        cwd=folder,
        env=_environment(folder),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    here = str(folder)
    return result.returncode, result.stdout.replace(here, "."), result.stderr.replace(here, ".")


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


BLOCKS = console_blocks(README)


def test_the_readme_has_runnable_examples():
    commands = [example.command for block in BLOCKS for example in block.examples]
    assert len(BLOCKS) >= 4 and all(commands)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{block.line}" for block in BLOCKS])
def test_each_runnable_example_prints_and_exits_as_the_readme_says(block, tmp_path):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    for example in block.examples:
        status, stdout, stderr = run_example(example, tmp_path)
        expected_text = "\n".join(example.expected)
        where = f"README.md:{block.line}: $ {example.command}"
        if expected_text.lstrip().startswith(("{", "[")):
            assert json_matches(json.loads(expected_text), json.loads(stdout)), f"{where}\n{stdout}"
        else:
            actual = _lines(stdout) + _lines(stderr)
            assert lines_match(example.expected, actual), f"{where}\n" + "\n".join(actual)
        assert status == example.status, f"{where}: exit status {status}\n{stderr}"


# -- the runner itself ------------------------------------------------------------------------


def test_a_block_is_read_into_commands_outputs_and_statuses():
    body = "$ doccheck check a.txt \\\n    --select ST101\nline one\n\n[exit status 1]\n$ doccheck clean\n"
    assert parse_block(body) == [
        Example("doccheck check a.txt --select ST101", ["line one", ""], 1),
        Example("doccheck clean", [], 0),
    ]


def test_three_dots_stand_for_any_lines_and_json_ellipsis_for_any_value():
    assert lines_match(["a", "...", "d"], ["a", "b", "c", "d"]) and lines_match(["a", "..."], ["a"])
    assert lines_match(["wrote … findings"], ["wrote 12 findings"]) and not lines_match(["a…"], ["b"])
    assert not lines_match(["a", "...", "d"], ["a", "b"])
    assert json_matches({"k": "…", "n": [1]}, {"k": {"x": 2}, "n": [1]})
    assert not json_matches({"k": "…"}, {"k": 1, "extra": 2})


# -- the option table -------------------------------------------------------------------------


def readme_option_table() -> dict[str, set[str]]:
    """{command: the options the README's table lists under it}; "" for doccheck's own."""
    section = README.split("## Command line", 1)[1]
    table = section.split("```", 2)[1]
    options: dict[str, set[str]] = {}
    current = None
    for line in table.splitlines():
        heading = re.match(r"^doccheck (\w+|-)", line)
        if heading:
            current = "" if heading.group(1) == "-" else heading.group(1)  # "": doccheck's own options
            options.setdefault(current, set())
        if current is not None:
            options[current] |= set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", line))
    return options


def cli_options() -> dict[str, set[str]]:
    from checker.cli import main

    found = {}
    for name, command in [("", main), *main.commands.items()]:
        found[name] = {
            opt
            for param in command.params
            if isinstance(param, click.Option) and not param.hidden
            for opt in (*param.opts, *param.secondary_opts)
        }
    return found


def test_every_command_and_option_of_the_cli_is_in_the_readme_table():
    table, cli = readme_option_table(), cli_options()
    assert sorted(cli) == sorted(table)
    missing = {name: sorted(cli[name] - table[name]) for name in cli if cli[name] - table[name]}
    assert missing == {}


def test_the_readme_table_names_no_option_the_cli_lacks():
    table, cli = readme_option_table(), cli_options()
    unknown = {name: sorted(table[name] - cli[name]) for name in table if table[name] - cli.get(name, set())}
    assert unknown == {}


# -- the configuration keys -------------------------------------------------------------------


def test_every_configuration_key_is_documented():
    from checker.core import schemas

    keys = schemas.generated("config.schema.json")["properties"]
    undocumented = [
        key
        for key in keys
        if not re.search(rf"(?m)^{re.escape(key)} = |^\[{re.escape(key)}\]|`{re.escape(key)}[` ]", README)
    ]
    assert undocumented == []
