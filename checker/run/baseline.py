"""A baseline: the findings a repository already had, so only new ones are reported.

``doccheck check --write-baseline FILE`` records every finding of the run by a
fingerprint that does not involve line numbers. A finding about the text it points
at is known by its rule code, its excerpt with white space removed, and a hash of the
text right around it (up to ``CONTEXT`` characters either side, on its own line):
lines inserted or deleted elsewhere, even just above the finding, leave it unchanged;
editing the finding's own phrase makes it a new finding. A finding about the whole
document (a rule of scope "document", such as PN202 for half-width punctuation
throughout, shown at the first of its marks) is known by its code alone: where it is
shown moves whenever a line with the same defect is added above. ``--baseline FILE``
then drops the findings whose fingerprint the baseline has, as many times as it has
it, so a second, identical problem added later is still reported.

The file is JSON; paths in it are relative to the baseline's own folder, so the
same baseline works whether the run said ``docs/`` or ``./docs``. It is read within a
size limit and validated by :class:`BaselineFile`; a file that is not a baseline is
refused with a message naming it and what is wrong, in Chinese. Version 1 files
(which knew document findings by where they were shown) are still read: such a
finding matches either its version 1 fingerprint or its present one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.core import patterns
from checker.core.datafiles import decode, read_bounded, validate
from checker.core.i18n import os_reason
from checker.core.models import FileReport, Finding, Report

FORMAT = "doccheck-baseline"
VERSION = 2
READABLE_VERSIONS = (1, 2)
CONTEXT = 16  # characters of context either side of a finding
SIZE_LIMIT = 64 << 20  # bytes of a baseline file (100,000 findings take about 15 MB)
_SPACE = patterns.lazy(r"[\s\u3000\xa0]+")


class BaselineError(Exception):
    """A baseline that cannot be read or written; the message says why."""


class BaselineEntry(BaseModel):
    """One recorded finding; only the fingerprint is compared, the rest helps a reader."""

    model_config = ConfigDict(extra="allow", strict=True, defer_build=True)

    fingerprint: str = Field(min_length=1, max_length=200)
    code: str | None = None
    line: int | None = None
    excerpt: str | None = None


class BaselineFile(BaseModel):
    """What ``--baseline`` reads (checked after ``format`` and ``version``)."""

    model_config = ConfigDict(extra="allow", strict=True, defer_build=True)

    format: Literal["doccheck-baseline"]
    version: Literal[1, 2]
    files: dict[str, list[BaselineEntry]]


def _normalised(text: str) -> str:
    return _SPACE.sub("", text)


def fingerprint(finding: Finding, text: str | None) -> str:
    """A stable identity of ``finding`` in ``text``: its code, and for a finding about a
    span of text the excerpt and a hash of the text around it."""
    if _about_the_whole_document(finding.code):
        return _hashed(finding.code, "\0whole document")
    return version_1_fingerprint(finding, text)


def version_1_fingerprint(finding: Finding, text: str | None) -> str:
    """code + excerpt + context hash: every finding's fingerprint in version 1."""
    context = ""
    if text is not None:
        # the context stays on the finding's line; look no further than it reaches
        left = max(0, finding.start - CONTEXT)
        left = text.rfind("\n", left, finding.start) + 1 or left
        right = text.find("\n", finding.end, finding.end + CONTEXT)
        right = min(len(text), finding.end + CONTEXT) if right < 0 else right
        context = _normalised(text[left : max(left, right)])
    else:  # no text to look at: the message is the best context there is
        context = finding.message
    context_hash = hashlib.sha256(context.encode("utf-8")).hexdigest()[:16]
    return _hashed(finding.code, _normalised(finding.excerpt), context_hash)


def _hashed(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _about_the_whole_document(code: str) -> bool:
    from checker.rules.registry import load_rules

    found = load_rules().get(code)
    return found is not None and found.scope == "document"


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
            entries.append(
                {
                    "code": finding.code,
                    "fingerprint": fingerprint(finding, file.text),
                    "line": finding.line,
                    "excerpt": finding.excerpt[:80],
                }
            )
    return {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "doccheck", "version": __version__},
        "findings": sum(len(entries) for entries in files.values()),
        "files": dict(sorted(files.items())),
    }


def write_baseline(report: Report, path: str) -> int:
    """Record the report's findings in ``path`` (atomically); returns how many."""
    from checker.core.files import write_atomically

    data = baseline_data(report, path)
    try:
        write_atomically(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError as error:
        raise BaselineError(f"无法写入基线文件 {path}：{os_reason(error)}") from None
    return data["findings"]


class Baseline:
    """The fingerprints of a baseline file, per file."""

    def __init__(self, path: str, files: dict[str, Counter], version: int = VERSION) -> None:
        self.path = path
        self.folder = os.path.dirname(os.path.abspath(path))
        self.files = files
        self.version = version  # of the file: version 1 knew document findings by place

    @classmethod
    def load(cls, path: str) -> Baseline:
        name = f"--baseline {path}"
        if not os.path.lexists(path):
            raise BaselineError(f"{name}：基线文件不存在（可用 --write-baseline 生成）")
        data = read_bounded(path, SIZE_LIMIT, noun="基线（baseline）", error=BaselineError)
        text = decode(data, path, noun="基线文件", error=BaselineError)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise BaselineError(f"{name}：不是有效的 JSON（{error}）") from None
        except RecursionError:  # json recurses once per level of nesting
            raise BaselineError(f"{name}：JSON 嵌套过深，不是 doccheck 基线文件") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BaselineError(f'{name}：不是 doccheck 基线文件（没有 "format": "{FORMAT}"）')
        if data.get("version") not in READABLE_VERSIONS or isinstance(data.get("version"), bool):
            shown = json.dumps(data.get("version"), ensure_ascii=False)[:40]
            readable = "、".join(str(version) for version in READABLE_VERSIONS)
            raise BaselineError(
                f"{name}：版本为 {shown}，本程序只能读取版本 {readable}（请用 --write-baseline 重新生成）"
            )
        baseline = validate(BaselineFile, data, name, error=BaselineError)
        counters = {file: Counter(entry.fingerprint for entry in entries) for file, entries in baseline.files.items()}
        return cls(path, counters, version=baseline.version)

    def new_findings(self, file: FileReport) -> list[Finding]:
        """The findings of ``file`` that the baseline does not have."""
        remaining = Counter(self.files.get(_key(file.path, self.folder), Counter()))
        new = []
        for finding in file.findings:
            prints = [fingerprint(finding, file.text)]
            if self.version == 1:
                prints.append(version_1_fingerprint(finding, file.text))
            known = next((print_ for print_ in prints if remaining[print_] > 0), None)
            if known is None:
                new.append(finding)
            else:
                remaining[known] -= 1
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
