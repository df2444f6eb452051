"""The records that cross a boundary: findings, fixes and reports.

A check produces :class:`Finding` objects through the engine; formatters, the
baseline and the fixer consume them. They are pydantic models so that the JSON
report is exactly what ``schemas/report.schema.json`` describes.

Every model is built lazily (``defer_build``): pydantic builds a model's validator
and serialiser the first time one is needed, which a plain ``doccheck check`` with
text output never does. The engine and the rules make these records from values
they have already typed, so they use ``model_construct``; data from outside (a
baseline, a report read back) is validated as usual.

A run can hold hundreds of thousands of findings, so a finding and its fix are
dataclasses with slots, which pydantic validates and serialises as part of a report
like its own models: a pydantic model keeps its values in a dictionary of its own,
which weighed more than the values themselves (a finding and its fix took 690 bytes
as models, 240 as slotted records). ``Finding`` keeps the few methods of a pydantic
model its callers use (``model_copy``, ``model_dump``, ``model_dump_json``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, TypeAdapter, field_serializer

from checker.core.masking import mask_spans


class Severity(str, Enum):
    error = "error"  # almost certainly wrong
    warning = "warning"  # likely wrong
    info = "info"  # style

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]


_SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}

# The fixed vocabulary of categories, with the code prefix of each family.
CATEGORY_PREFIX: dict[str, str] = {
    "structure": "ST",
    "numeric": "NC",
    "date": "DT",
    "typo": "TY",
    "punctuation": "PN",
    "numeral": "NU",
    "terminology": "TM",
    "layout": "LY",
    "citation": "CT",
    "privacy": "PD",
    "internal": "IN",
}
Category = Literal[
    "structure",
    "numeric",
    "date",
    "typo",
    "punctuation",
    "numeral",
    "terminology",
    "layout",
    "citation",
    "privacy",
    "internal",
]


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    safety: Literal["safe", "unsafe"] = "safe"

    @classmethod
    def at(cls, start: int, end: int, replacement: str, safety: Literal["safe", "unsafe"] = "safe") -> Fix:
        """A fix made by a rule from values it has typed."""
        return cls(start, end, replacement, safety)


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    excerpt: str
    suggestion: str | None = None
    fix: Fix | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    # Where the extracted text came from in a non-text source (docx paragraph,
    # table cell, PDF page …). Not part of the JSON report's required keys.
    location: dict[str, Any] | None = None
    # The finding is about personal data, or shows some: its excerpt, message,
    # suggestion and evidence are masked (checker.core.masking), and so is the
    # checked text a report shows around it. Not in the JSON report when false.
    masked: bool = False
    # Other places the finding is about, in this file or another one (a figure another
    # document states differently): each has ``path``, ``line``, ``column``,
    # ``end_line``, ``end_column`` and ``excerpt``. Not in the JSON report when None.
    related: list[dict[str, Any]] | None = None

    @classmethod
    def of(cls, **values: Any) -> Finding:
        """A finding made by the engine from values it has typed (not validated)."""
        return cls(**values)

    def sort_key(self) -> tuple:
        return (self.start, self.end, self.code)

    @field_serializer("fix")
    def _shown_fix(self, fix: Fix | None) -> Any:
        """A masked finding's fix is applied as it is, but never shown with the digits it
        would write (the fixer reads ``fix``, reports serialise it)."""
        if fix is None:
            return None
        shown = {"start": fix.start, "end": fix.end, "replacement": fix.replacement, "safety": fix.safety}
        if self.masked:
            shown["replacement"] = (
                mask_spans(fix.replacement, [(0, len(fix.replacement))])
                if any(ch.isdigit() for ch in fix.replacement)
                else fix.replacement
            )
        return shown

    # The methods of a pydantic model that callers of the library and the formatters use.
    model_fields: ClassVar[tuple[str, ...]]

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Finding:
        return replace(self, **(update or {}))

    def model_dump(self, **options: Any) -> dict[str, Any]:
        dumped: dict[str, Any] = _finding_adapter().dump_python(self, **options)
        return dumped

    def model_dump_json(self, **options: Any) -> str:
        return _finding_adapter().dump_json(self, **options).decode("utf-8")

    @classmethod
    def model_validate(cls, data: Any) -> Finding:
        finding: Finding = _finding_adapter().validate_python(data)
        return finding


Finding.model_fields = tuple(item.name for item in fields(Finding))


@functools.lru_cache(maxsize=1)
def _finding_adapter() -> TypeAdapter[Finding]:
    return TypeAdapter(Finding)


class FileReport(BaseModel):
    model_config = ConfigDict(defer_build=True)

    path: str
    encoding: str | None = None
    profile: str | None = None
    findings: list[Finding] = Field([])
    # Set when the file could not be read or checked at all (exit status 2).
    error: str | None = None
    # The checked text, for formatters that show context; never serialised.
    _text: str | None = PrivateAttr(default=None)
    _shown: tuple[tuple, str] | None = PrivateAttr(default=None)
    # The file's own text when the findings' lines and columns count its lines rather
    # than the checked text's (Markdown, whose markup the checked text leaves out).
    _file_text: str | None = PrivateAttr(default=None)
    # What the cross-document checks compare, extracted from the document where it was
    # checked (checker.rules.checks.cross_document); never serialised.
    _facts: Any = PrivateAttr(default=None)

    @property
    def facts(self) -> Any:
        return self._facts

    def with_facts(self, facts: Any) -> FileReport:
        self._facts = facts
        return self

    @property
    def text(self) -> str | None:
        """The checked text as reports show it: the personal data that the privacy
        findings are about (their spans) is masked here too, so a formatter that prints the
        lines around a finding, or the whole document, cannot show it."""
        if self._text is None:
            return None
        spans = tuple((f.start, f.end) for f in self.findings if f.masked and f.category == "privacy")
        if not spans:
            return self._text
        if self._shown is None or self._shown[0] != spans:
            self._shown = (spans, mask_spans(self._text, spans))
        return self._shown[1]

    @property
    def file_text(self) -> str | None:
        """The file's own text, newlines as ``\\n``, when the findings' line and column
        count its lines (a Markdown file), else None; the personal data that privacy
        findings are about is masked here as in :attr:`text`."""
        if self._file_text is None:
            return None
        starts = [0] + [at + 1 for at, ch in enumerate(self._file_text) if ch == "\n"]

        def offset(line: int, column: int) -> int:
            return starts[min(max(line, 1), len(starts)) - 1] + column - 1

        spans = [
            (offset(f.line, f.column), offset(f.end_line, f.end_column))
            for f in self.findings
            if f.masked and f.category == "privacy"
        ]
        return mask_spans(self._file_text, spans) if spans else self._file_text


class Summary(BaseModel):
    model_config = ConfigDict(defer_build=True)

    files: int
    findings: int
    by_severity: dict[str, int]


class ToolInfo(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str = "doccheck"
    version: str


class Report(BaseModel):
    model_config = ConfigDict(defer_build=True)

    schema_version: Literal["1"] = "1"
    tool: ToolInfo
    files: list[FileReport]
    summary: Summary

    @classmethod
    def build(cls, files: list[FileReport]) -> Report:
        from checker.core.version import __version__

        by_severity = {"error": 0, "warning": 0, "info": 0}
        for file in files:
            for finding in file.findings:
                by_severity[finding.severity.value] += 1
        return cls.model_construct(
            tool=ToolInfo.model_construct(version=__version__),
            files=files,
            summary=Summary.model_construct(
                files=len(files), findings=sum(by_severity.values()), by_severity=by_severity
            ),
        )
