"""``doccheck check --watch``: check again the files that change, and say only what changed.

After the first report, every batch of changes under the watched paths (watchfiles:
inotify and its kin, changes within a short window taken together) is checked again
through the library — the files a check of the paths reads (:func:`checker.api.find_files`:
their types, ``exclude``, .gitignore), each of those that changed — and compared with
what was found in it before. A finding counts as the same while its rule, message and
text are (lines added above it move it without making it new). For each file that
changed, one line says how many findings are new and how many are gone, then the new
ones are shown as ``doccheck check`` shows them and the gone ones by their old place.
A changed configuration file, rule pack or glossary reloads the settings and checks
every file again; settings that cannot be used are reported and the old ones kept.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from checker.api import SettingsError, check_paths, find_files
from checker.report.formatters.text import render_finding

if TYPE_CHECKING:
    from checker.core.config import Settings
    from checker.core.models import FileReport, Finding

SETTINGS_FILES = ("doccheck.toml", ".doccheck.toml", "pyproject.toml")
SETTINGS_SUFFIXES = (".yaml", ".yml")  # rule packs, glossaries, profiles


def identity(finding: Finding) -> tuple[str, str, str]:
    """What makes a finding the same one after an edit elsewhere in its file."""
    return finding.code, finding.message, finding.excerpt


class Watcher:
    """The findings of every watched file, and how a change alters them."""

    def __init__(
        self, paths: list[str], load: Callable[[], Settings], emit: Callable[[str], None], color: bool = False
    ) -> None:
        self.paths = paths
        self.load = load
        self.emit = emit
        self.color = color
        self.settings = load()
        self.files: dict[str, FileReport] = {}

    def start(self) -> None:
        """Check everything once and remember it (the caller has printed the first report)."""
        for file in check_paths(self.paths, settings=self.settings).files:
            self.files[os.path.abspath(file.path)] = file

    def changed(self, paths: Iterable[str]) -> None:
        changed = {os.path.abspath(path) for path in paths}
        if any(_is_settings(path) for path in changed):
            try:
                self.settings = self.load()
            except SettingsError as error:
                self.emit(f"配置无法使用，仍按原配置检查：{error}")
            else:
                changed |= set(self.files)
        watched = {os.path.abspath(path): path for path in find_files(self.paths, settings=self.settings)}
        for path in sorted(changed):
            if path in watched and os.path.isfile(path):
                (file,) = check_paths([watched[path]], settings=self.settings).files
                self.compare(path, file)
            elif path in self.files:
                gone = self.files.pop(path)
                self.emit(f"{gone.path}: 已删除或不再检查（原有 {len(gone.findings)} 条提示）")

    def compare(self, path: str, file: FileReport) -> None:
        before = self.files.get(path)
        self.files[path] = file
        if file.error:
            if before is None or before.error != file.error:
                self.emit(f"{file.path}: error: {file.error}")
            return
        old = Counter(identity(finding) for finding in before.findings) if before and not before.error else Counter()
        new = Counter(identity(finding) for finding in file.findings)
        added, removed = new - old, old - new
        if not added and not removed:
            return
        stamp = time.strftime("%H:%M:%S")
        self.emit(
            f"[{stamp}] {file.path}: 新增 {sum(added.values())} 条，消除 {sum(removed.values())} 条"
            f"（现有 {len(file.findings)} 条）"
        )
        for finding in _taking(file.findings, added):
            self.emit("+ " + render_finding(file, finding, self.color))
        if before is not None:
            for finding in _taking(before.findings, removed):
                self.emit(f"- {before.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}")


def _taking(findings: list[Finding], wanted: Counter[tuple[str, str, str]]) -> list[Finding]:
    """The findings whose identities ``wanted`` counts, as many of each as it counts."""
    left = Counter(wanted)
    taken = []
    for finding in findings:
        key = identity(finding)
        if left[key] > 0:
            left[key] -= 1
            taken.append(finding)
    return taken


def _is_settings(path: str) -> bool:
    name = os.path.basename(path)
    return name in SETTINGS_FILES or name.endswith(SETTINGS_SUFFIXES)


def watch(watcher: Watcher, stop: threading.Event | None = None, debounce_ms: int = 300) -> None:
    """Check again on every batch of changes until ``stop`` is set (or Ctrl-C)."""
    from watchfiles import watch as changes

    roots = {path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)) for path in watcher.paths}
    if watcher.settings.config_file:  # above the paths, perhaps
        roots.add(os.path.dirname(os.path.abspath(watcher.settings.config_file)))
    for batch in changes(*roots, stop_event=stop, debounce=debounce_ms, raise_interrupt=False):
        watcher.changed(path for _, path in batch)
