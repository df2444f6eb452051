"""A finding as an LSP diagnostic: range, severity, code and its link, message, related places.

The finding's line and column (1-based, in code points, in the file as written: for
Markdown the reader has mapped them back) become a range in the editor's code units.
Its evidence becomes related information where it names places: every use of the
usual form of a name (TM101), the parts of a total in its paragraph (NC1xx), and the
lines it cites (the previous number of a series, the parent heading …) — those only
where the checked text is the file's text (plain text), since for Markdown they count
the lines of the extracted text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from checker.lsp.docs import docs_href
from checker.lsp.positions import LineIndex

if TYPE_CHECKING:  # the types only: the library imports them when it is called
    from checker.core.models import Finding

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SOURCE = "doccheck"
RELATED_LIMIT = 20  # places listed for one finding
# evidence keys that cite a line of the checked text, and what the line is to the finding
LINE_KEYS = {
    "previous_line": "上一个序号所在行",
    "parent_line": "上级标题所在行",
    "paragraph_line": "所在段落",
    "signature_line": "落款所在行",
    "other_form_lines": "另一种写法所在行",
    "lines": "相关行",
}


def finding_key(finding: Finding) -> str:
    """What a diagnostic's ``data`` carries to find its finding again."""
    return f"{finding.code}:{finding.start}:{finding.end}"


def finding_range(finding: Finding, index: LineIndex) -> types.Range:
    start = index.position(finding.line - 1, finding.column - 1)
    end = index.position(finding.end_line - 1, finding.end_column - 1)
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return types.Range(start=start, end=end)


def to_diagnostic(
    finding: Finding, index: LineIndex, uri: str, plain_text: bool, docs_url: str | None = None
) -> types.Diagnostic:
    message = finding.message + (f"\n建议：{finding.suggestion}" if finding.suggestion else "")
    href = docs_href(finding.code, docs_url)
    range_ = finding_range(finding, index)
    related = list(related_places(finding, index, uri, range_, plain_text))
    return types.Diagnostic(
        range=range_,
        severity=SEVERITIES.get(finding.severity.value, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        message=message,
        tags=[types.DiagnosticTag.Unnecessary] if finding.code == "IN002" else None,
        related_information=related or None,
        data={"key": finding_key(finding)},
    )


def problem_diagnostic(message: str) -> types.Diagnostic:
    """A document that cannot be checked (bad settings, unreadable text): one error at its top."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
        message=message,
    )


# -- related places ---------------------------------------------------------------------
def related_places(
    finding: Finding, index: LineIndex, uri: str, range_: types.Range, plain_text: bool
) -> Iterator[types.DiagnosticRelatedInformation]:
    evidence = finding.evidence or {}
    places: list[tuple[types.Range, str]] = []
    usual = evidence.get("usual")
    if finding.code == "TM101" and isinstance(usual, str) and usual:
        places += [
            (index.range_of(at, at + len(usual)), f"通常写法“{usual}”") for at in _occurrences(index.text, usual)
        ]
    parts = _parts(evidence)
    if parts:
        places += _in_paragraph(index, range_, parts)
    if plain_text:
        places += _cited_lines(evidence, index)
    seen = set()
    for place, message in places[:RELATED_LIMIT]:
        key = (place.start.line, place.start.character, place.end.line, place.end.character)
        if key in seen or (place.start == range_.start and place.end == range_.end):
            continue
        seen.add(key)
        yield types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=place), message=message)


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _parts(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value as written) of the quantities a numeric finding compares."""
    found: list[tuple[str, str]] = []
    if isinstance(evidence.get("total"), str):
        found.append(("合计", evidence["total"]))
    for part in evidence.get("parts") or ():
        if isinstance(part, dict) and isinstance(part.get("value"), str):
            found.append((str(part.get("label") or ""), part["value"]))
    if isinstance(evidence.get("part"), str):
        found.append((str(evidence.get("part_label") or ""), evidence["part"]))
    return [(label, value) for label, value in found if value]


def _in_paragraph(index: LineIndex, range_: types.Range, parts: list[tuple[str, str]]) -> list[tuple[types.Range, str]]:
    """Each value in the paragraph of the finding (its run of non-blank lines), in
    order, after its label when the label is there: the numbers are quoted as written."""
    first = range_.start.line
    while first > 0 and index.line(first - 1).strip():
        first -= 1
    last = range_.end.line
    while last + 1 < index.line_count and index.line(last + 1).strip():
        last += 1
    start, end = index.starts[first], index.ends[min(last, index.line_count - 1)]
    text = index.text
    places = []
    cursor = start
    for label, value in parts:
        at = text.find(label, cursor, end) if label and label != "合计" else -1
        search_from = at + len(label) if at >= 0 else start
        found = text.find(value, search_from, end)
        if found < 0:
            continue
        if label != "合计":
            cursor = found + len(value)
        places.append((index.range_of(found, found + len(value)), f"{label}：{value}" if label else value))
    return places


def _cited_lines(evidence: dict[str, Any], index: LineIndex) -> list[tuple[types.Range, str]]:
    places = []
    for key, label in LINE_KEYS.items():
        value = evidence.get(key)
        numbers = value if isinstance(value, list) else [value]
        for number in numbers:
            if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= index.line_count:
                places.append((index.line_range(number - 1), label))
    for key, label in (("first", "第一次出现"), ("second", "第二次出现")):
        item = evidence.get(key)
        if isinstance(item, dict) and isinstance(item.get("line"), int) and 1 <= item["line"] <= index.line_count:
            line = item["line"] - 1
            value = item.get("value")
            value = value if isinstance(value, str) else ""
            at = index.line(line).find(value) if value else -1
            place = (
                index.range_of(index.starts[line] + at, index.starts[line] + at + len(value))
                if at >= 0
                else index.line_range(line)
            )
            places.append((place, f"{label}：{value}" if value else label))
    inner = evidence.get("inner_open_at")
    if isinstance(inner, dict) and isinstance(inner.get("line"), int) and isinstance(inner.get("column"), int):
        line, column = inner["line"] - 1, inner["column"] - 1
        if 0 <= line < index.line_count:
            start = index.position(line, column)
            places.append((types.Range(start=start, end=index.position(line, column + 1)), "内层括号"))
    return places
