"""Code actions on findings: fix one, fix all of a kind, suppress on a line, accept a name.

Every edit is computed from the text the findings were reported for, through the
library: one finding's fix with :func:`checker.apply_fix`, the safe fixes of one rule
(or of all, for ``source.fixAll.doccheck``) with :func:`checker.fix_text`, which checks
again after each pass as ``doccheck fix`` does. The new text is turned into the
smallest edits of the changed lines, so the editor keeps the cursor and the marks
elsewhere. "Disable for this line" writes the suppression comment doccheck reads in
Markdown and plain text (``<!-- doccheck-disable-next-line CODE -->``) on a line of its
own above the finding's line — or adds the code to the comment already there.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from lsprotocol import types

from checker.api import apply_fix, fix_text
from checker.lsp.positions import LineIndex
from checker.run.fixer import FixError

if TYPE_CHECKING:  # the types only: the library imports them when it is called
    from checker.core.config import Settings
    from checker.core.models import Finding

FIX_ALL_KIND = "source.fixAll.doccheck"
_DIRECTIVE_LINE = re.compile(
    r"^(?P<prefix>[ \t]*(?:>[ \t]?)*)<!--[ \t]*doccheck-disable-next-line\b"
    r"(?P<names>[^>\n]*?)(?P<close>[ \t]*-->)[ \t]*$"
)
_CONTAINER = re.compile(r"^[ \t]*(?:>[ \t]?)*")  # indentation and block-quote marks a comment must repeat


def text_edits(old: str, new: str, index: LineIndex) -> list[types.TextEdit]:
    """The smallest edits of whole runs of changed lines that turn ``old`` into ``new``,
    each trimmed to what changed in it (never splitting a "\\r\\n", one break to the editor)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_starts = [0]
    for line in old_lines:
        old_starts.append(old_starts[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = old_starts[i1], old_starts[i2]
        before, after = old[start:end], "".join(new_lines[j1:j2])
        prefix = _common_prefix(before, after)
        suffix = _common_prefix(before[prefix:][::-1], after[prefix:][::-1])
        if old[start + prefix - 1 : start + prefix + 1] == "\r\n":
            prefix -= 1
        if old[end - suffix - 1 : end - suffix + 1] == "\r\n":
            suffix -= 1
        edits.append(
            types.TextEdit(
                range=index.range_of(start + prefix, end - suffix), new_text=after[prefix : len(after) - suffix]
            )
        )
    return edits


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits
            )
        ]
    )


def fix_one(text: str, finding: Finding, name: str) -> str | None:
    try:
        return apply_fix(text, finding, path=name)
    except FixError:
        return None


def fix_kind(text: str, name: str, settings: Settings, code: str | None) -> str | None:
    """The text with every safe fix of rule ``code`` (every rule when None) applied."""
    if code is not None:
        settings = settings.model_copy(update={"select": [code], "extend_select": []})
    try:
        result = fix_text(text, path=name, settings=settings)
    except FixError:
        return None
    return result.text if result.changed else None


def suppression_edit(index: LineIndex, line: int, code: str) -> types.TextEdit:
    """The comment that silences ``code`` on a 0-based line: a new line above it, or
    the code added to the disable-next-line comment already there."""
    if line > 0:
        above = _DIRECTIVE_LINE.match(index.line(line - 1))
        if above is not None:
            names = above.group("names")
            at = above.start("close")
            separator = ", " if names.strip() else " "
            position = index.position(line - 1, at)
            return types.TextEdit(range=types.Range(start=position, end=position), new_text=f"{separator}{code}")
    content = index.line(line)
    prefix = _CONTAINER.match(content).group(0)  # type: ignore[union-attr]  # matches the empty string at least
    text = index.text
    if line + 1 < index.line_count:
        newline = text[index.ends[line] : index.starts[line + 1]]  # the line's own break
    else:
        newline = "\r\n" if "\r\n" in text else "\n"
    start = index.position(line, 0)
    return types.TextEdit(
        range=types.Range(start=start, end=start),
        new_text=f"{prefix}<!-- doccheck-disable-next-line {code} -->{newline}",
    )
