"""Remember each file's report, so that a file that did not change is not checked again.

An entry is keyed by everything a file's findings depend on: the file's bytes and its
path (the suffix chooses the reader, per-path settings apply), the effective settings
for that path, the rule data and user data they name (rule packs, glossaries, profile
files), and the code of doccheck itself (its version and a digest of its package, so
an edited rule in a development tree is never answered from an old run). Change any
of them and the key changes; nothing is ever invalidated in place.

The entries live in ``results/`` of doccheck's cache directory
(:func:`checker.core.resources.cache_dir`: ``~/.cache/doccheck``, or
``DOCCHECK_CACHE_DIR``; an empty value turns every cache off), one small JSON
file per entry, written to a temporary file and renamed into place
(:func:`~checker.core.resources.store_atomically`), so a reader sees a whole entry or
none and several runs may share the cache.
An entry that cannot be read is a miss. The checked text is stored with the report,
since formatters and baselines need it. Reports that say the file could not be
checked (a read error, a failing rule, a time budget spent) are never stored: the
next run tries again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from checker.core import resources
from checker.core.config import Settings
from checker.core.models import FileReport, Finding, Fix, Report, Severity
from checker.core.version import __version__
from checker.load.discovery import discover

ENTRY_SUFFIX = ".entry"
FORMAT = "3"  # the layout of an entry; part of every key
_FIX_FIELDS = tuple(item.name for item in dataclasses.fields(Fix))
_NOT_STORED = frozenset({"IN001", "IN003"})  # a rule that failed, a time budget spent


def default_directory() -> Path | None:
    """Where the results are kept (None: caching is turned off)."""
    base = resources.cache_dir()
    return base / "results" if base is not None else None


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of doccheck's version, code and built-in data (rules, grammar, schemas)."""
    digest = hashlib.blake2b(f"{FORMAT}\0{__version__}".encode(), digest_size=16)
    package = Path(__file__).resolve().parent.parent
    roots = [package]
    roots.extend(resources.data_dir(name) for name in ("grammar", "rules", "schemas"))
    for root in roots:
        for file in sorted(root.rglob("*")):
            if file.suffix in (".py", ".lark", ".yaml", ".yml", ".json", ".txt") and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(root)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def _user_files(settings: Settings) -> list[str]:
    named = [*settings.rule_packs, *settings.glossaries]
    profiles = [settings.profile, *settings.per_path_profiles.values()]
    named.extend(profile for profile in profiles if profile)
    return sorted(set(named))


def settings_digest(settings: Settings) -> str:
    """A digest of the settings and of the content of every user data file they name."""
    digest = hashlib.blake2b(digest_size=16)
    # the fields' values, not model_dump: a run that needs no pydantic schema builds none
    values = [(name, getattr(settings, name)) for name in type(settings).model_fields]
    digest.update(repr(values).encode("utf-8", "surrogateescape"))
    for name in _user_files(settings):
        try:
            digest.update(name.encode() + b"\0" + Path(name).read_bytes())
        except OSError:  # a built-in profile's name, or a file the run will report missing
            digest.update(name.encode() + b"\0-")
    return digest.hexdigest()


class Cache:
    """The reports of earlier runs, in ``directory``."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self._settings_digests: dict[int, tuple[Settings, str]] = {}
        self.hits = self.misses = 0

    def key(self, path: str, data: bytes, settings: Settings) -> str:
        # Settings.for_path returns the very object for paths without per-path settings: one
        # digest per run. The object is kept with its digest, so that its id is not reused.
        remembered = self._settings_digests.get(id(settings))
        if remembered is None or remembered[0] is not settings:
            remembered = self._settings_digests[id(settings)] = (settings, settings_digest(settings))
        settings_key = remembered[1]
        digest = hashlib.blake2b(digest_size=20)
        for part in (code_digest(), settings_key, os.path.abspath(path)):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / (key[2:] + ENTRY_SUFFIX)

    def get(self, key: str, path: str) -> FileReport | None:
        try:
            report = _report_from(json.loads(self._entry(key).read_bytes()), path)
        except Exception:  # absent, unreadable, truncated, from another layout: a miss
            self.misses += 1
            return None
        self.hits += 1
        return report

    def put(self, key: str, report: FileReport) -> None:
        if report.error is not None or any(finding.code in _NOT_STORED for finding in report.findings):
            return
        entry = self._entry(key)
        try:
            data = json.dumps(_entry_of(report), ensure_ascii=False).encode("utf-8", "surrogateescape")
        except (TypeError, ValueError):  # evidence JSON cannot hold: the file is checked next time
            return
        resources.store_atomically(entry, data)  # False when it cannot: the next run is only slower

    def clear(self) -> int:
        """Delete every entry (the folder is doccheck's own: ``results/`` of its cache);
        the number of entries deleted."""
        if not self.directory.is_dir():
            return 0
        count = sum(1 for _ in self.directory.rglob("*" + ENTRY_SUFFIX))
        shutil.rmtree(self.directory)
        return count


# An entry is written and read without pydantic's serialiser or validator (building them
# costs a short run more than it saves): the engine made these records from typed values,
# and an entry that does not have their shape is a miss.
def _entry_of(report: FileReport) -> dict[str, Any]:
    findings = []
    for finding in report.findings:
        values = {name: getattr(finding, name) for name in Finding.model_fields}
        values["severity"] = finding.severity.value
        if finding.fix is not None:
            values["fix"] = {name: getattr(finding.fix, name) for name in _FIX_FIELDS}
        findings.append(values)
    return {
        "encoding": report.encoding,
        "profile": report.profile,
        "findings": findings,
        "text": report.text,
        "file_text": report.file_text,
        "facts": report.facts,
    }


def _report_from(entry: dict[str, Any], path: str) -> FileReport:
    findings = []
    for values in entry["findings"]:
        if set(values) != set(Finding.model_fields):
            raise ValueError("an entry of another shape")
        values["severity"] = Severity(values["severity"])
        if values["fix"] is not None:
            values["fix"] = Fix(**values["fix"])
        findings.append(Finding(**values))
    report = FileReport.model_construct(
        path=path, encoding=entry["encoding"], profile=entry["profile"], findings=findings, error=None
    )
    report._text = entry["text"]
    report._file_text = entry.get("file_text")
    if entry["facts"] is not None:
        from checker.rules.checks.cross_document import DocumentFacts

        report.with_facts(DocumentFacts.from_json(entry["facts"]))
    return report


def _read(path: str, limit: int) -> bytes | None:
    """The bytes of a regular file no larger than the limit (None: let the check report it)."""
    try:
        if not os.path.isfile(path) or (limit and os.path.getsize(path) > limit):
            return None
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        return None


def check_cached(
    paths: Sequence[str], settings: Settings, cache: Cache, check_files: Callable[[list[str]], list[FileReport]]
) -> list[FileReport]:
    """Reports for ``paths`` in order: from the cache where an entry exists, and from
    ``check_files`` (given the other paths, returning their reports in order) for the
    rest, which are then stored."""

    def iter_files(todo: list[str]) -> Iterator[tuple[int, FileReport]]:
        return enumerate(check_files(todo))

    reports: list[FileReport | None] = [None] * len(paths)
    for index, report in iter_cached(paths, settings, cache, iter_files):
        reports[index] = report
    return [report for report in reports if report is not None]


def iter_cached(
    paths: Sequence[str],
    settings: Settings,
    cache: Cache,
    iter_files: Callable[[list[str]], Iterable[tuple[int, FileReport]]],
) -> Iterator[tuple[int, FileReport]]:
    """``(index in paths, report)`` for every path: first those the cache answers, then
    the others as ``iter_files`` (given them, yielding ``(index in its list, report)`` as
    each ends) checks them, each stored as it comes."""
    missing: list[tuple[int, str, str | None]] = []
    for index, path in enumerate(paths):
        for_path = settings.for_path(path)
        data = _read(path, for_path.max_file_size)
        key = cache.key(path, data, for_path) if data is not None else None
        found = cache.get(key, path) if key is not None else None
        if found is None:
            missing.append((index, path, key))
        else:
            yield index, found
    for position, report in iter_files([path for _, path, _ in missing]):
        index, _path, key = missing[position]
        if key is not None:
            cache.put(key, report)
        yield index, report


def check_paths(
    paths: Sequence[str],
    settings: Settings,
    cache: Cache,
    jobs: int | None = 1,
    progress: bool | None = False,
    timeout: float = 0,
    skipped: Callable[[str, str], None] | None = None,
) -> Report:
    """:func:`checker.run.parallel.check_paths`, answering from ``cache`` what it can."""
    from checker.run import parallel

    def check_files(todo: list[str]) -> list[FileReport]:
        return parallel.check_files(todo, settings, jobs=jobs, progress=progress, timeout=timeout)

    return Report.build(check_cached(discover(paths, settings, skipped), settings, cache, check_files))
