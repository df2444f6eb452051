"""The cross-document step of a run: compare the facts of every checked file, once.

Each file's report carries the facts its document gave where it was checked
(:func:`checker.rules.checks.cross_document.document_facts`, when
``Settings.repository`` is on). This module collects them — a small record per file,
never the findings or the texts — and turns what
:func:`~checker.rules.checks.cross_document.compare` finds into findings of the file
where the disagreement is, with the place in the other file as a related location.
The rules' selection, per-path ignores and severity apply as to any rule. The result
is the same whichever executor checked the files, and whatever order they ended in:
the facts are compared in the order the files were given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from checker.core.config import Settings
from checker.core.models import FileReport, Finding, Report
from checker.rules.checks.cross_document import CODES, CrossHit, DocumentFacts, compare
from checker.rules.registry import Hit, get_rule
from checker.run.engine import selected_rules


class Facts:
    """The facts of the files of one run, filed by the file's place in the run."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(paths)
        self.by_index: list[DocumentFacts | None] = [None] * len(self.paths)

    def add(self, index: int, report: FileReport) -> None:
        facts = report.facts
        if facts is not None and report.error is None:
            self.by_index[index] = facts

    def findings(self, settings: Settings) -> dict[int, list[Finding]]:
        """The cross-document findings of each file (by index), in the order of their spans."""
        found: dict[int, list[Finding]] = {}
        chosen: dict[int, set[str]] = {}
        for hit in compare(self.by_index):
            path = self.paths[hit.at]
            if hit.at not in chosen:
                for_path = settings.for_path(path)
                chosen[hit.at] = {rule_.code for rule_ in selected_rules(for_path) if rule_.code in CODES}
            if hit.code == "TM120" and {hit.args["variant"], hit.args["usual"]} & set(settings.accept):
                continue  # a name the user takes as written, as TM101 does
            if hit.code in chosen[hit.at]:
                found.setdefault(hit.at, []).append(self._finding(hit, settings.for_path(path)))
        for findings in found.values():
            findings.sort(key=Finding.sort_key)
        return found

    def _finding(self, hit: CrossHit, settings: Settings) -> Finding:
        rule_ = get_rule(hit.code)
        assert rule_ is not None
        other = self.paths[hit.other]
        spot, there = hit.spot, hit.other_spot
        message = rule_.message(Hit(spot.start, spot.end, args={**hit.args, "other": other, "other_line": there.line}))
        related = [
            {
                "path": other,
                "line": there.line,
                "column": there.column,
                "end_line": there.end_line,
                "end_column": there.end_column,
                "excerpt": there.excerpt,
            }
        ]
        return Finding.of(
            code=rule_.code,
            name=rule_.name,
            category=rule_.category,
            severity=settings.severity.get(rule_.code) or rule_.severity,
            message=message,
            line=spot.line,
            column=spot.column,
            end_line=spot.end_line,
            end_column=spot.end_column,
            start=spot.start,
            end=spot.end,
            excerpt=spot.excerpt,
            suggestion=None,
            fix=None,
            evidence={**hit.evidence, "other": {"path": other, "line": there.line}},
            location=None,
            masked=False,
            related=related,
        )


def with_findings(report: FileReport, findings: Iterable[Finding]) -> FileReport:
    """``report`` with ``findings`` added among its own, in the order of their spans."""
    # (model_copy keeps the private attributes: the text and the facts)
    return report.model_copy(update={"findings": sorted([*report.findings, *findings], key=Finding.sort_key)})


def add_cross_document(report: Report, settings: Settings) -> Report:
    """The report of a run with the cross-document findings added to its files."""
    facts = Facts([file.path for file in report.files])
    for index, file in enumerate(report.files):
        facts.add(index, file)
    found = facts.findings(settings)
    if not found:
        return report
    files = [with_findings(file, found[index]) if index in found else file for index, file in enumerate(report.files)]
    return Report.build(files)


def trailing_reports(facts: Facts, settings: Settings) -> Iterator[FileReport]:
    """For a run whose reports were handed out as they came: one more report for each file
    with cross-document findings, holding only those."""
    for index, findings in sorted(facts.findings(settings).items()):
        yield FileReport.model_construct(
            path=facts.paths[index], encoding=None, profile=None, findings=findings, error=None
        )
