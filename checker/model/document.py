"""The Document every check reads: decoded text, lines, and shared views.

A Document is built once per file. Views that several checks need are computed
lazily on first use and cached on the document, so nothing is parsed twice: the
line map and paragraphs and the outline here; sentence, clause and phrase ends
(:func:`checker.model.sentences.units`), paired marks (:func:`checker.model.pairs.paired_marks`),
dates and years (:func:`checker.model.dates.dates`, :func:`~checker.model.dates.years`),
quantities, claims and segmentation in their modules. A module that owns a view
exposes it as a function and caches it with :meth:`Document.view`::

    def quantities(doc: Document) -> Quantities:
        return doc.view(document_quantities)
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from checker.load.source import Source
from checker.model.outline import Node, build_outline

if TYPE_CHECKING:
    from checker.core.config import Settings

T = TypeVar("T")


class Paragraph(NamedTuple):
    """A non-blank line of the text (公文 plain text puts one paragraph per line)."""

    start: int
    end: int
    text: str


class Document:
    def __init__(self, source: Source | str, *, settings: Settings | None = None) -> None:
        if isinstance(source, str):
            source = Source(path="<string>", text=source)
        if settings is None:
            from checker.core.config import Settings

            settings = Settings.defaults()
        self.source = source
        self.text = source.text
        self.path = source.path
        # The run's settings (checker.core.config.Settings): rules read user data from it
        # (glossaries, rule packs, thresholds), never from files of their own.
        self.settings = settings
        # compute → its value; each value is of its compute's return type (see view)
        self._views: dict[Callable[[Document], Any], Any] = {}

    @property
    def profile(self) -> str | None:
        """The profile asked for on the command line, if any."""
        return self.settings.profile

    # -- positions -------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    # -- shared views ------------------------------------------------------------
    def view(self, compute: Callable[[Document], T]) -> T:
        """``compute(self)``, computed once per document."""
        try:
            return cast(T, self._views[compute])
        except KeyError:
            value = self._views[compute] = compute(self)
            return value

    @cached_property
    def outline(self) -> Node:
        return build_outline(self.text)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        result = []
        offset = 0
        for raw in self.text.split("\n"):
            stripped = raw.strip(" \t\u3000\xa0")
            if stripped:
                start = offset + raw.index(stripped[0])
                result.append(Paragraph(start, start + len(stripped), stripped))
            offset += len(raw) + 1
        return result

    @cached_property
    def body_spans(self) -> list[tuple[int, int]]:
        """Spans of the text that belong to the document proper: not the metadata
        header, not the site chrome. Wording and number checks look only here."""
        excluded = sorted((node.start, node.end) for node in self.outline.children if node.kind in ("header", "chrome"))
        spans, cursor = [], 0
        for start, end in excluded:
            if start > cursor:
                spans.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < len(self.text):
            spans.append((cursor, len(self.text)))
        return spans

    @cached_property
    def body_paragraphs(self) -> list[Paragraph]:
        spans = self.body_spans
        return [p for p in self.paragraphs if any(s <= p.start < e for s, e in spans)]

    def in_body(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.body_spans)

    @property
    def metadata(self) -> dict[str, str]:
        """Metadata fields: from the reader (HTML meta) and from the header lines."""
        fields = dict(self.source.metadata)
        for node in self.outline.children:
            if node.kind == "header":
                for field_node in node.children:
                    fields.setdefault(field_node.title or "", field_node.value or "")
        return fields

    @property
    def title(self) -> str | None:
        for node in self.outline.children:
            if node.kind == "title":
                return node.title
        return self.source.metadata.get("信息名称") or self.source.metadata.get("标题")
