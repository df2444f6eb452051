"""The properties the fuzz tests hold doccheck to, as plain functions of one input.

The hypothesis tests draw inputs and call these; ``test_regressions.py`` calls them
on the fixtures kept from failures. Each function writes what it needs under the
folder it is given and asserts; none returns anything.
"""

from __future__ import annotations

import codecs
import hashlib
from itertools import combinations
from pathlib import Path

from tests.fuzz.harness import (
    assert_ran_cleanly,
    check_report,
    doccheck,
    read_any,
    read_markdown,
    reader_error_types,
    safe_fixes,
)

MAX_PASSES = 10  # as many passes as `doccheck fix` makes


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- checking ---------------------------------------------------------------------------------------
def check_is_clean(folder: Path, name: str, data: bytes | str) -> None:
    """``doccheck check`` on the file: exit 0, 1 or 2, no traceback, no internal error,
    no rule that crashed; a file it cannot read is an exit 2 with a message; the
    file is not changed."""
    path = write(folder, name, data)
    before = digest(path)
    run, file_report = check_report(path)
    if file_report.get("error"):
        assert run.status == 2 and file_report["findings"] == []
    assert digest(path) == before


def reader_raises_only_its_error(name: str, data: bytes) -> None:
    """Reading never raises anything but the reader's documented error (``LoadError``)."""
    try:
        read_any(name, data)
    except reader_error_types():
        pass


def config_is_clean(folder: Path, config_name: str, content: str) -> None:
    """Any configuration file: the run starts and checks (exit 0 or 1), or refuses with
    exit 2 and a message; never a traceback. Both when the file is named with
    ``--config`` and when it is found beside the document."""
    write(folder, config_name, content)
    document = write(folder, "doc.txt", "（一）各单位要认真落实工作要求。\n（三）加强监督检查。\n")
    assert_ran_cleanly(doccheck("check", "--config", str(folder / config_name), str(document)))
    assert_ran_cleanly(doccheck("check", "doc.txt", cwd=folder))


# -- fixing -----------------------------------------------------------------------------------------
def fix_is_idempotent(folder: Path, name: str, text: str) -> None:
    """After ``doccheck fix``, a second ``fix`` changes nothing; a fix that fails (exit
    2) leaves the file as it was."""
    path = write(folder, name, text)
    original = path.read_bytes()
    first = doccheck("fix", str(path))
    assert_ran_cleanly(first, statuses=(0, 2))
    if first.status == 2:
        assert path.read_bytes() == original, "a fix that failed changed the file"
    after_first = path.read_bytes()
    second = doccheck("fix", str(path))
    assert_ran_cleanly(second, statuses=(0, 2))
    assert path.read_bytes() == after_first, (
        f"a second fix changed the file again:\n{after_first.decode('utf-8', 'replace')!r}\n"
        f"→ {path.read_bytes().decode('utf-8', 'replace')!r}"
    )


def _normalised(data: bytes) -> str:
    """The file's text as the checks see it: a UTF-8 byte-order mark is not part of it,
    line breaks are LF."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def fix_changes_only_its_spans_in_text(folder: Path, name: str, text: str) -> None:
    """``doccheck fix`` on a text file gives exactly the reported fixes applied, pass by
    pass: the safe fixes of ``check --format json`` taken as ``fix`` documents it,
    applied to the text, then checked again, until none is left. ``fix --diff``
    shows the same change, and the line endings are kept."""
    path = write(folder, name, text)
    original = path.read_bytes()
    expected = _normalised(original)
    scratch = folder / ("scratch" + path.suffix)
    mark = _byte_order_mark(original)
    for _ in range(MAX_PASSES):
        scratch.write_bytes(mark + expected.encode("utf-8"))
        _, report = check_report(scratch)
        fixes = [fix for fix in safe_fixes(report) if expected[fix["start"] : fix["end"]] != fix["replacement"]]
        if not fixes:
            break
        expected = _apply(expected, [(fix["start"], fix["end"], fix["replacement"]) for fix in fixes])
    diff = doccheck("fix", "--diff", str(path))
    assert_ran_cleanly(diff, statuses=(0, 1, 2))
    run = doccheck("fix", str(path))
    assert_ran_cleanly(run, statuses=(0, 2))
    if run.status == 2:
        assert path.read_bytes() == original
        return
    fixed = path.read_bytes()
    try:
        fixed_text = _normalised(fixed)
    except UnicodeDecodeError as error:
        raise AssertionError(f"fix made the UTF-8 file invalid UTF-8: {fixed[:120]!r}") from error
    assert fixed_text == expected, "fix changed the text otherwise than its reported fixes"
    assert (diff.status == 1) == (fixed != original), "fix --diff and fix disagree on whether to change the file"
    assert fixed.count(b"\r\n") == original.count(b"\r\n") or b"\r" not in original, "line endings changed"
    assert _byte_order_mark(fixed) == mark, "byte-order mark changed"


def _byte_order_mark(original: bytes) -> bytes:
    """The UTF-8 byte-order mark the file starts with, if any: each pass is checked with
    it, as ``fix`` checks its result, since it decides how a file with a NUL is read
    (as UTF-8 text with the mark, as a binary file without it)."""
    return codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""


def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
    pieces, cursor = [], 0
    for start, end, replacement in sorted(spans):
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _file_offsets(text: str) -> list[int]:
    """Offset of the start of each line (0-based line index) in ``text``."""
    starts = [0]
    for at, ch in enumerate(text):
        if ch == "\n":
            starts.append(at + 1)
    return starts


def _source_image(source: str, starts: list[int], extracted, fix: dict):
    """Where a fix of the checked text lies in the Markdown file, when every character
    it touches maps to that very character, in a row — and, for an insertion, when
    the characters on both sides do; None otherwise."""

    def offset(at: int):
        line, column = extracted.place(at)
        if not isinstance(line, int) or not isinstance(column, int) or not 1 <= line <= len(starts):
            return None
        position = starts[line - 1] + column - 1
        ok = extracted.one_to_one(at) and position < len(source) and source[position] == extracted.text[at]
        return position if ok else None

    start, end = fix["start"], fix["end"]
    if end > start:
        positions = [offset(at) for at in range(start, end)]
        if None in positions or positions != list(range(positions[0], positions[0] + len(positions))):
            return None
        return positions[0], positions[-1] + 1, fix["replacement"]
    before = offset(start - 1) if start > 0 and extracted.text[start - 1] != "\n" else None
    after = offset(start) if start < len(extracted.text) and extracted.text[start] != "\n" else None
    if before is None and after is None:
        return None
    if before is not None and after is not None and after != before + 1:
        return None
    at = after if after is not None else before + 1
    return at, at, fix["replacement"]


def fix_changes_only_its_spans_in_markdown(folder: Path, name: str, text: str) -> None:
    """``doccheck fix`` on a Markdown file changes it only where its reported fixes lie:
    each pass of the fixed file is the previous one with some of the safe fixes of
    ``check --format json`` applied at the place of the file their characters come
    from (found through the reader's source map, and only where it maps the very
    characters the finding saw, insertions included)."""
    path = write(folder, name, text)
    original = path.read_bytes()
    run = doccheck("fix", str(path))
    assert_ran_cleanly(run, statuses=(0, 2))
    fixed = _normalised(path.read_bytes())
    if run.status == 2:
        assert path.read_bytes() == original
        return
    current = _normalised(original)
    scratch = folder / ("scratch" + path.suffix)
    mark = _byte_order_mark(original)
    for _ in range(MAX_PASSES):
        if current == fixed:
            return
        data = mark + current.encode("utf-8")
        scratch.write_bytes(data)
        _, report = check_report(scratch)
        extracted = read_markdown(data)
        starts = _file_offsets(current)
        images = [
            image
            for fix in safe_fixes(report)
            if (image := _source_image(current, starts, extracted, fix)) is not None
            and current[image[0] : image[1]] != image[2]
        ]
        if not images:
            break
        for size in range(len(images), max(0, len(images) - 2) - 1, -1):  # the fixer may leave one or two
            for subset in combinations(images, size):
                if _apply(current, list(subset)) == fixed:
                    return
        current = _apply(current, images)  # a further pass
    assert current == fixed, f"fix changed the file where no reported fix lies:\n{_normalised(original)!r}\n→ {fixed!r}"


# -- the Markdown source map -------------------------------------------------------------------------
def markdown_maps_back(text: str) -> None:
    """Every character of the checked text that the reader says it copied from the file
    (a one-to-one piece) is found at the line and column it gives; every other one
    (a space joining wrapped Latin words, an entity) points at a line of the file."""
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        extracted = read_markdown(text.encode("utf-8"))
    except reader_error_types():
        return
    lines = source.split("\n")
    for at, ch in enumerate(extracted.text):
        if ch == "\n":
            continue
        line, column = extracted.place(at)
        assert isinstance(line, int) and 1 <= line <= len(lines), (at, ch, line)
        if extracted.one_to_one(at):
            found = lines[line - 1][column - 1 : column] if isinstance(column, int) and column >= 1 else ""
            assert found == ch, (
                f"checked character {at} {ch!r} maps to line {line} column {column}, which holds {found!r}"
            )
