"""Run the rules over documents: selection, severity, isolation of failures.

The engine is the only place that turns a rule's :class:`~checker.rules.registry.Hit`
into a :class:`~checker.core.models.Finding` (positions, excerpt, message), so every
formatter sees findings of one shape. A rule that raises yields an IN001 finding
for that file and the other rules still run; a file whose check was stopped at its
time budget (by :mod:`checker.run.parallel`) is reported with IN003.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.core.config import Settings
from checker.core.masking import mask_in, mask_number
from checker.core.models import FileReport, Finding, Severity
from checker.load.readers import LoadError, read_data, read_source, supported_suffixes
from checker.load.source import Source
from checker.model.document import Document
from checker.rules.profiles import profile_name
from checker.rules.registry import Hit, Rule, internal_rule, load_rules, matches, timed_out_rule

_EXCERPT_LIMIT = 200


_SELECTIONS: dict[tuple, list[Rule]] = {}  # the selection is the same for every file of a run


def selected_rules(settings: Settings) -> list[Rule]:
    rules = load_rules()
    key = (
        tuple(map(id, rules.values())),
        tuple(settings.select),
        tuple(settings.extend_select),
        tuple(settings.ignore),
    )
    chosen = _SELECTIONS.get(key)
    if chosen is None:
        chosen = []
        reported_by_the_run = {internal_rule().code, timed_out_rule().code}
        for rule_ in rules.values():
            if rule_.code in reported_by_the_run:
                continue
            selected = any(matches(rule_, s) for s in settings.select + settings.extend_select)
            if selected and not any(matches(rule_, s) for s in settings.ignore):
                chosen.append(rule_)
        if len(_SELECTIONS) > 64:
            _SELECTIONS.clear()
        _SELECTIONS[key] = chosen
    return list(chosen)


def place(doc: Document, start: int, end: int) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of the span ``start``–``end`` as reports show
    it: in the file as written when the reader knows it (Markdown), else in the text."""
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    locate = doc.source.locate
    location = locate(start) if locate else None
    if locate and location and "line" in location and "column" in location:
        line, column = location["line"], location["column"]
        if end > start:
            last = locate(end - 1)
            end_line, end_column = last.get("line", line), last.get("column", column) + 1
        else:
            end_line, end_column = line, column
    return line, column, end_line, end_column


def make_finding(doc: Document, rule_: Rule, hit: Hit, severity: Severity) -> Finding:
    text = doc.text
    start = max(0, min(hit.start, len(text)))
    end = max(start, min(hit.end, len(text)))
    # a span may cover most of a long line: only the part shown is copied
    excerpt = text[start:end] if end - start <= _EXCERPT_LIMIT else text[start : start + _EXCERPT_LIMIT] + "…"
    locate = doc.source.locate
    location = locate(start) if locate else None
    line, column, end_line, end_column = place(doc, start, end)
    return Finding.of(
        code=rule_.code,
        name=rule_.name,
        category=rule_.category,
        severity=severity,
        message=sys.intern(rule_.message(hit)),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        excerpt=sys.intern(excerpt),
        suggestion=sys.intern(hit.suggestion) if hit.suggestion else hit.suggestion,
        fix=hit.fix,
        evidence=hit.evidence,
        location=location,
        masked=False,
    )


def check_document(doc: Document, settings: Settings | None = None) -> list[Finding]:
    settings = settings or Settings.defaults()
    findings: list[Finding] = []
    masked_hits: list[Hit] = []  # personal data: masked in every finding that shows it
    ran: set[str] = set()
    for rule_ in selected_rules(settings):
        ran.add(rule_.code)
        made: list[Finding] = []  # this rule's findings: kept only if the rule runs to its end
        made_masked: list[Hit] = []
        limit = settings.max_findings_per_rule
        omitted = 0  # hits past the limit: counted, never made into findings
        try:
            for hit in rule_.check(doc):  # one hit at a time: a rule's hits are never all held at once
                if hit.masked:  # (personal data is masked everywhere, listed or not)
                    made_masked.append(hit)
                if limit and len(made) >= limit:
                    omitted += 1
                    continue
                severity = settings.severity.get(rule_.code) or hit.severity or rule_.severity
                made.append(make_finding(doc, rule_, hit, severity))
        except Exception as error:  # isolate a failing rule: report it, run the others
            internal = internal_rule()
            documented = rule_.documented()  # findings are in Chinese, whatever the interface
            hit = Hit(
                0,
                0,
                args={
                    "code": rule_.code,
                    "name": documented.name.zh if documented else rule_.name,
                    "error": f"{type(error).__name__}: {error}"[:300],
                },
                evidence={"rule": rule_.code, "exception": type(error).__name__},
            )
            findings.append(make_finding(doc, internal, hit, internal.severity))
            continue
        if omitted:
            made[-1] = with_omitted(made[-1], omitted)
        findings.extend(made)
        masked_hits.extend(made_masked)
    if "doccheck-" in doc.text or doc.source.suppressions:  # suppression comments (checker/rules/suppressions.py)
        findings = _suppress(doc, findings, ran, settings)
    secrets = [(hit.start, hit.end) for hit in masked_hits]
    if secrets:
        findings = [_masked(finding, doc.text, secrets) for finding in findings]
    findings.sort(key=Finding.sort_key)
    return findings


def with_omitted(finding: Finding, omitted: int) -> Finding:
    """The last finding listed of a rule that found more than a file's limit
    (``max-findings-per-rule``), saying how many more there are."""
    return finding.model_copy(
        update={
            "message": f"{finding.message}（此规则在本文件中另有 {omitted} 处，未逐一列出）",
            "evidence": {**finding.evidence, "omitted": omitted},
        }
    )


def _masked(finding: Finding, text: str, secrets: list[tuple[int, int]]) -> Finding:
    """``finding`` with the personal data it is about, or shows, masked: the privacy
    finding itself, and any other whose span or quoted text holds one of the numbers."""
    numbers = {text[start:end]: mask_number(text[start:end]) for start, end in secrets}
    own = finding.category == "privacy" and (finding.start, finding.end) in secrets
    overlaps = any(start < finding.end and finding.start < end for start, end in secrets)
    shown = [finding.excerpt, finding.message, finding.suggestion or "", str(finding.evidence)]
    if not (own or overlaps or any(number in piece for number in numbers for piece in shown)):
        return finding
    excerpt = finding.excerpt
    for start, end in secrets:  # the digits of a number the excerpt only partly holds, too
        if start < finding.end and finding.start < end:
            excerpt = mask_in(
                excerpt,
                {
                    text[max(start, finding.start) : min(end, finding.end)]: mask_number(
                        text[max(start, finding.start) : min(end, finding.end)]
                    )
                },
            )
    return finding.model_copy(
        update={
            "excerpt": mask_in(excerpt, numbers),
            "message": mask_in(finding.message, numbers),
            "suggestion": mask_in(finding.suggestion, numbers),
            "evidence": mask_in(finding.evidence, numbers),
            "masked": True,
        }
    )


def _suppress(doc: Document, findings: list[Finding], ran: set[str], settings: Settings) -> list[Finding]:
    from checker.rules import suppressions
    from checker.rules.checks.suppressions import unused_hits
    from checker.rules.registry import get_rule

    kept, unused = suppressions.apply(doc.text, findings, ran, doc.source.suppressions)
    rule_ = get_rule("IN002") if "IN002" in ran else None
    if rule_ is not None:
        severity = settings.severity.get("IN002") or rule_.severity
        kept.extend(make_finding(doc, rule_, hit, severity) for hit in unused_hits(doc.text, unused))
    return kept


def check_source(source: Source, settings: Settings | None = None) -> FileReport:
    settings = settings or Settings.defaults()
    doc = Document(source, settings=settings)
    findings = check_document(doc, settings)
    profile = profile_name(doc)  # the profile asked for, or the one detected from the title
    report = FileReport.model_construct(path=source.path, encoding=source.encoding, profile=profile, findings=findings)
    report._text = source.text
    report._file_text = source.file_text
    if settings.repository:  # what the cross-document checks compare once every file is checked
        from checker.rules.checks.cross_document import document_facts

        report.with_facts(document_facts(doc, lambda start, end: place(doc, start, end)))
    return report


def check_path(path: str, settings: Settings | None = None) -> FileReport:
    settings = (settings or Settings.defaults()).for_path(path)  # per-path profile and ignores
    try:
        source = read_source(path, settings.max_file_size, settings.docx_view)
    except LoadError as error:
        return FileReport(path=path, error=str(error))
    return check_source(source, settings)


def timed_out(path: str, seconds: float) -> FileReport:
    """The report of a file whose check was stopped after ``seconds``: not checked (an
    error, so the run exits 2), with the IN003 finding that says why."""
    rule_ = timed_out_rule()
    budget = f"{seconds:g}"
    finding = Finding.of(
        code=rule_.code,
        name=rule_.name,
        category=rule_.category,
        severity=rule_.severity,
        message=rule_.message(Hit(0, 0, args={"seconds": budget})),
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        start=0,
        end=0,
        excerpt="",
        suggestion=None,
        fix=None,
        evidence={"seconds": seconds},
        location=None,
    )
    return FileReport(path=path, findings=[finding], error=f"超过 {budget} 秒的时限，未检查（IN003）")


def check_text(text: str, settings: Settings | None = None, path: str = "<string>") -> list[Finding]:
    """Check a string: the shortest way to use doccheck from Python."""
    return check_source(Source(path=path, text=text), settings).findings


def expand_paths(paths: Iterable[str], suffixes: Iterable[str] | None = None) -> Iterator[str]:
    """Files as given, and the checkable files below each directory, in a stable order."""
    wanted = set(suffixes or supported_suffixes())
    for path in paths:
        if os.path.isdir(path):
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if Path(name).suffix.lower() in wanted:
                        found.append(os.path.join(folder, name))
            yield from sorted(found)
        else:
            yield path


def check_data(path: str, data: bytes, settings: Settings | None = None) -> FileReport:
    """Check bytes that claim to be the file ``path`` (text piped on standard input)."""
    settings = (settings or Settings.defaults()).for_path(path)
    try:
        source = read_data(path, data, settings.max_file_size, settings.docx_view)
    except LoadError as error:
        return FileReport(path=path, error=str(error))
    return check_source(source, settings)
