"""A baseline: the findings a repository already had, so only new ones are reported.

``doccheck check --write-baseline FILE`` records every finding of the run by a
fingerprint that does not involve line numbers: the rule code, the excerpt with
white space removed, and a hash of the text right around it (up to
``CONTEXT`` characters either side, on its own line). Lines inserted or deleted
elsewhere, even just above the finding, leave the fingerprint unchanged; editing
the finding's own phrase makes it a new finding. ``--baseline FILE`` then drops
the findings whose fingerprint the baseline has (as many times as it has it), so
a second, identical problem added later is still reported.

The file is JSON; paths in it are relative to the baseline's own folder, so the
same baseline works whether the run said ``docs/`` or ``./docs``.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path, PurePosixPath

from checker.core import patterns
from checker.core.models import FileReport, Finding, Report

FORMAT = "doccheck-baseline"
VERSION = 1
CONTEXT = 16  # characters of context either side of a finding
_SPACE = patterns.compile(r"[\s\u3000\xa0]+")


class BaselineError(Exception):
    """A baseline that cannot be read or written; the message says why."""


def _normalised(text: str) -> str:
    return _SPACE.sub("", text)


def fingerprint(finding: Finding, text: str | None) -> str:
    """A stable identity of ``finding`` in ``text``: code + excerpt + context hash."""
    context = ""
    if text is not None:
        # the context stays on the finding's line; look no further than it reaches
        left = max(0, finding.start - CONTEXT)
        left = text.rfind("\n", left, finding.start) + 1 or left
        right = text.find("\n", finding.end, finding.end + CONTEXT)
        right = min(len(text), finding.end + CONTEXT) if right < 0 else right
        context = _normalised(text[left:max(left, right)])
    else:  # no text to look at: the message is the best context there is
        context = finding.message
    context_hash = hashlib.sha256(context.encode("utf-8")).hexdigest()[:16]
    key = "\0".join((finding.code, _normalised(finding.excerpt), context_hash))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _key(path: str, folder: str) -> str:
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, folder) if not path.startswith("<") else path
    return PurePosixPath(*Path(relative).parts).as_posix()


def baseline_data(report: Report, baseline_path: str) -> dict:
    from checker.core.version import __version__

    folder = os.path.dirname(os.path.abspath(baseline_path))
    files: dict[str, list[dict]] = {}
    for file in report.files:
        if not file.findings:
            continue
        entries = files.setdefault(_key(file.path, folder), [])
        for finding in file.findings:
            entries.append({"code": finding.code, "fingerprint": fingerprint(finding, file.text),
                            "line": finding.line, "excerpt": finding.excerpt[:80]})
    return {"format": FORMAT, "version": VERSION, "tool": {"name": "doccheck", "version": __version__},
            "findings": sum(len(entries) for entries in files.values()), "files": dict(sorted(files.items()))}


def write_baseline(report: Report, path: str) -> int:
    """Record the report's findings in ``path`` (atomically); returns how many."""
    from checker.core.files import write_atomically

    data = baseline_data(report, path)
    try:
        write_atomically(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot write the baseline {path}: {error.strerror}") from None
    return data["findings"]


class Baseline:
    """The fingerprints of a baseline file, per file."""

    def __init__(self, path: str, files: dict[str, Counter]) -> None:
        self.path = path
        self.folder = os.path.dirname(os.path.abspath(path))
        self.files = files

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as stream:
                data = json.load(stream)
        except FileNotFoundError:
            raise BaselineError(f"baseline {path} not found (write one with --write-baseline)") from None
        except OSError as error:
            raise BaselineError(f"cannot read the baseline {path}: {error.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BaselineError(f"baseline {path} is not valid JSON: {error}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BaselineError(f"{path} is not a doccheck baseline (no \"format\": \"{FORMAT}\")")
        if data.get("version") != VERSION:
            raise BaselineError(f"baseline {path} has version {data.get('version')!r}; "
                                f"this doccheck reads version {VERSION}")
        files = data.get("files")
        if not isinstance(files, dict):
            raise BaselineError(f"baseline {path}: \"files\" must be an object")
        counters: dict[str, Counter] = {}
        for name, entries in files.items():
            if not isinstance(entries, list) or not all(
                    isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
                raise BaselineError(f"baseline {path}: the entries of {name!r} must be objects "
                                    f"with a \"fingerprint\"")
            counters[name] = Counter(entry["fingerprint"] for entry in entries)
        return cls(path, counters)

    def new_findings(self, file: FileReport) -> list[Finding]:
        """The findings of ``file`` that the baseline does not have."""
        remaining = Counter(self.files.get(_key(file.path, self.folder), Counter()))
        new = []
        for finding in file.findings:
            print_ = fingerprint(finding, file.text)
            if remaining[print_] > 0:
                remaining[print_] -= 1
            else:
                new.append(finding)
        return new

    def filter(self, report: Report) -> Report:
        """The report with only the findings that are not in the baseline."""
        files = []
        for file in report.files:
            kept = self.new_findings(file) if file.findings else file.findings
            copy = file.model_copy(update={"findings": kept})
            copy._text = file.text
            files.append(copy)
        return Report.build(files)
