"""SARIF 2.1.0 (the format code-scanning services read): one run of doccheck.

The run lists every rule of the registry with its documentation (the docstring
sections: *What it checks* as the full description, all of them as help) and its
default level; each finding is a result with a physical location whose columns
count Unicode code points (``columnKind``), the fix it offers, and a partial
fingerprint (:func:`checker.run.baseline.fingerprint`) that does not move when lines
are added elsewhere. Paths under the current directory are relative to
``%SRCROOT%``; files that could not be read are tool notifications.
"""

from __future__ import annotations

import bisect
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.core.models import FileReport, Finding, Report
from checker.report.formatters import Sink
from checker.report.formatters.json_format import JsonWriter
from checker.rules.registry import Rule
from checker.run.baseline import fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://doccheck.invalid/"


def artifact_location(path: str) -> dict:
    """A URI reference for ``path``: relative to %SRCROOT% (the current folder) when below it."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(Path.cwd())
        return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}
    except ValueError:
        return {"uri": absolute.as_uri()}


def _rule_descriptor(rule_: Rule) -> dict[str, Any]:
    sections = rule_.sections()
    help_text = "\n\n".join(f"{heading}:\n{body}" for heading, body in sections.items())
    help_markdown = "\n\n".join(f"**{heading}**\n\n{body}" for heading, body in sections.items())
    properties: dict[str, Any] = {"category": rule_.category, "tags": [rule_.category]}
    if rule_.fix_safety:
        properties["fix"] = rule_.fix_safety
    return {
        "id": rule_.code,
        "name": rule_.name,
        "shortDescription": {"text": rule_.summary},
        "fullDescription": {"text": sections.get("What it checks") or rule_.summary},
        "help": {"text": help_text or rule_.summary, "markdown": help_markdown or rule_.summary},
        "defaultConfiguration": {"level": LEVELS[rule_.severity.value]},
        "properties": properties,
    }


def _line_starts(text: str) -> list[int]:
    return [0] + [at + 1 for at, ch in enumerate(text) if ch == "\n"]


def _region(line_starts: list[int], start: int, end: int) -> dict:
    start_line = bisect.bisect_right(line_starts, start)
    end_line = bisect.bisect_right(line_starts, end)
    return {
        "startLine": start_line,
        "startColumn": start - line_starts[start_line - 1] + 1,
        "endLine": end_line,
        "endColumn": end - line_starts[end_line - 1] + 1,
    }


def _result(file: FileReport, finding: Finding, rule_index: dict[str, int], lines: dict) -> dict:
    message = finding.message + (f"\n建议：{finding.suggestion}" if finding.suggestion else "")
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    result: dict = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity.value],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.path), "region": region}}],
        "partialFingerprints": {"doccheckFingerprint/v1": fingerprint(finding, _text(lines, file))},
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "message": {"text": other.get("message") or other["excerpt"]},
                "physicalLocation": {
                    "artifactLocation": artifact_location(other["path"]),
                    "region": {
                        "startLine": other["line"],
                        "startColumn": other["column"],
                        "endLine": other["end_line"],
                        "endColumn": other["end_column"],
                        "snippet": {"text": other["excerpt"]},
                    },
                },
            }
            for number, other in enumerate(finding.related)
        ]
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    # (a masked finding's fix would show the digits it writes: SARIF carries no fix for it)
    if finding.fix is not None and not finding.masked and finding.location is None and _text(lines, file) is not None:
        # (a fix's offsets are in the checked text; only where that is the file's own
        # text — not extracted from Markdown, .docx … — do they name a region of the file)
        fix = finding.fix
        result["fixes"] = [
            {
                "description": {"text": finding.suggestion or f"{fix.safety} fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(file.path),
                        "replacements": [
                            {
                                "deletedRegion": _region(_lines(lines, file), fix.start, fix.end),
                                "insertedContent": {"text": fix.replacement},
                            }
                        ],
                    }
                ],
                "properties": {"safety": fix.safety},
            }
        ]
    properties: dict[str, Any] = {"name": finding.name, "category": finding.category}
    if finding.evidence:
        properties["evidence"] = finding.evidence
    if finding.location:  # where in the file's structure (a .docx's part and paragraph, a page …)
        properties["location"] = finding.location
    result["properties"] = properties
    return result


def _lines(cache: dict, file: FileReport) -> list[int]:
    if "starts" not in cache:
        cache["starts"] = _line_starts(_text(cache, file) or "")
    return cache["starts"]


def _text(cache: dict, file: FileReport) -> str | None:
    """``file.text``, asked for once per file: it looks through every finding of the file."""
    if "text" not in cache:
        cache["text"] = file.text
    return cache["text"]


def _notifications(report: Report) -> list[dict]:
    return [
        {
            "level": "error",
            "message": {"text": f"{file.path}: {file.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.path)}}],
        }
        for file in report.files
        if file.error
    ]


def _results(report: Report, rule_index: dict[str, int]) -> Iterator[dict]:
    for file in report.files:
        lines: dict = {}
        for finding in file.findings:
            yield _result(file, finding, rule_index, lines)


def _log(report: Report, results: Any) -> dict:
    """The SARIF log with ``results`` (a list, or what writes them) as its run's results."""
    from checker.rules.registry import load_rules

    rules = list(load_rules().values())
    notifications = _notifications(report)
    run = {
        "tool": {
            "driver": {
                "name": "doccheck",
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rule_) for rule_ in rules],
            }
        },
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results(rules) if callable(results) else results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule_index(rules: list[Rule]) -> dict[str, int]:
    return {rule_.code: index for index, rule_ in enumerate(rules)}


def sarif_log(report: Report) -> dict:
    """The whole log as one dictionary (for a caller that wants the data; the report is
    written by :func:`write`, result by result)."""
    return _log(report, lambda rules: list(_results(report, _rule_index(rules))))


def write(report: Report, stream: Sink, **options: Any) -> None:
    """The log, one result at a time: a run with many findings never holds every result,
    laid out as ``json.dumps(sarif_log(report), indent=2)``."""
    out = JsonWriter(stream)

    def results(rules: list[Rule]) -> Any:
        index = _rule_index(rules)
        return lambda level: out.array(_results(report, index), level)

    log = _log(report, results)
    run = log["runs"][0]
    out.object(
        [
            ("$schema", log["$schema"]),
            ("version", log["version"]),
            ("runs", lambda level: out.array([lambda inner: out.object(list(run.items()), inner)], level)),
        ],
        0,
    )
    stream.write("\n")


def render(report: Report, **options: Any) -> str:
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()
