"""The one place the fuzz tests touch doccheck: its command line, and the two readers' internals they need.

Everything else in ``tests/fuzz`` goes through these functions, so a move of the
package's modules changes this file only. The command line is ``checker.cli:main``
run in process by click's ``CliRunner`` (a subprocess per example would cost more
than the example); exceptions are not caught, so any exception other than the
command's own exit is a failure of the property that ran it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from checker.cli import main

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def doccheck(*args: str, input: bytes | None = None, cwd: Path | None = None) -> Run:
    """Run ``doccheck ARGS`` in process; a command that ends in an exception fails here."""
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
    else:
        with _working_directory(cwd):
            result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


class _working_directory:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> None:
        import os

        self.previous = os.getcwd()
        os.chdir(self.folder)

    def __exit__(self, *exc: Any) -> None:
        import os

        os.chdir(self.previous)


def assert_ran_cleanly(run: Run, *, statuses: tuple[int, ...] = (0, 1, 2)) -> None:
    """Exit status 0, 1 or 2; no traceback, no internal error; an exit 2 says why in Chinese."""
    assert run.status in statuses, (run.status, run.output[-2000:])
    assert "Traceback" not in run.output, run.output[-2000:]
    assert "内部错误" not in run.output, run.output[-2000:]
    if run.status == 2:  # a file error (in Chinese), or a usage or configuration error
        assert (
            any(_CJK.search(line) and ("error" in line.lower() or "错误" in line) for line in run.output.splitlines())
            or "错误：" in run.stderr
        ), run.output[-2000:]


def check_report(path: Path, *options: str) -> tuple[Run, dict]:
    """``doccheck check --format json PATH``: the run and its report (exit 0, 1 or 2)."""
    run = doccheck("check", "--format", "json", *options, str(path))
    assert_ran_cleanly(run)
    report = json.loads(run.stdout)
    (file_report,) = report["files"]
    internal = [finding for finding in file_report["findings"] if finding["code"] == "IN001"]
    assert not internal, internal[0]["message"]
    return run, file_report


def safe_fixes(file_report: dict) -> list[dict]:
    """The fixes ``doccheck fix`` would apply in one pass, in the order it documents:
    by (start, end, replacement, code); one that overlaps a fix taken, or inserts at
    the same point, waits for the next pass."""
    candidates = sorted(
        ((f["fix"], f["code"]) for f in file_report["findings"] if f.get("fix") and f["fix"]["safety"] == "safe"),
        key=lambda item: (item[0]["start"], item[0]["end"], item[0]["replacement"], item[1]),
    )
    chosen: list[dict] = []
    for fix, _code in candidates:
        if chosen and (fix["start"] < chosen[-1]["end"] or fix["start"] == chosen[-1]["start"]):
            continue
        chosen.append(fix)
    return chosen


# -- internals: the Markdown reader's text and its way back to the file -----------------------
@dataclass
class Extracted:
    """What a reader made of a file: the checked text, and for each of its characters
    the (1-based line, column) of the file it came from, and whether the reader
    claims that character is the file's own (a piece copied one-to-one)."""

    text: str
    place: Callable[[int], tuple[int | None, int | None]]
    one_to_one: Callable[[int], bool]


def read_markdown(data: bytes, name: str = "fuzz.md") -> Extracted:
    """The Markdown reader's result; raises the reader's documented error (``LoadError``)."""
    from checker.load.readers import read_data

    source = read_data(name, data)
    locate = source.locate

    def place(offset: int) -> tuple[int | None, int | None]:
        where = locate(offset) if locate else {}
        return where.get("line"), where.get("column")

    def one_to_one(offset: int) -> bool:
        piece = locate.piece_at(offset) if locate is not None and hasattr(locate, "piece_at") else None
        if piece is None or "column" not in piece.advance:
            return False
        end = piece.start + piece.length  # the line break after a piece belongs to it
        return piece.start <= offset < end or (offset == end and source.text[offset : offset + 1] == "\n")

    return Extracted(source.text, place, one_to_one)


def reader_error_types() -> tuple[type[BaseException], ...]:
    """The exception a reader may raise on a bad file (every other one is a bug)."""
    from checker.load.readers import LoadError

    return (LoadError,)


def read_any(name: str, data: bytes) -> str:
    """The checked text of ``data`` read as the file ``name`` (by its suffix)."""
    from checker.load.readers import read_data

    return read_data(name, data).text
