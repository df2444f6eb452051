"""Which files a run checks: the paths given, and the files found below folders.

A file named on the command line is checked whatever its suffix (unless an
``exclude`` glob matches it, so a pre-commit hook honours the configuration). A
folder is walked in a stable order for the file types doccheck can read (or the
configured ``file-types``), skipping hidden folders, ``exclude`` globs, files
outside ``include`` globs when those are given, and — inside a git repository —
whatever ``.gitignore`` files (and ``.git/info/exclude``) ignore. Globs use
.gitignore syntax and are relative to the configuration file's folder. A file found
in a folder that is no regular file — a named pipe, a device, a socket — is skipped
(reading a pipe could wait for ever), and ``skipped`` is told why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from checker.core.config import Settings, path_spec

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


def find_repository(folder: str) -> Path | None:
    """The root of the git work tree containing ``folder``, if any."""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class GitIgnore:
    """The .gitignore rules of one repository, read lazily folder by folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._specs: dict[Path, GitIgnoreSpec | None] = {}

    def _spec(self, folder: Path, name: str = ".gitignore") -> GitIgnoreSpec | None:
        key = folder / name
        if key not in self._specs:
            try:
                lines = key.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            self._specs[key] = _lenient_spec(lines) if lines else None
        return self._specs[key]

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return False
        if not relative.parts:
            return False
        if relative.parts[0] == ".git":
            return True
        # Outer rules first; a deeper .gitignore (and a later line) has the last word.
        levels = [(self.root / ".git" / "info", "exclude", relative)]
        folder = self.root
        for index in range(len(relative.parts)):
            levels.append((folder, ".gitignore", Path(*relative.parts[index:])))
            folder = folder / relative.parts[index]
        verdict = False
        for level_folder, name, below in levels:
            spec = self._spec(level_folder, name)
            if spec is None:
                continue
            target = below.as_posix() + ("/" if is_dir else "")
            result = spec.check_file(target)
            if result.include is not None:
                verdict = bool(result.include)
        return verdict


def _lenient_spec(lines: list[str]) -> GitIgnoreSpec | None:
    """A spec of a .gitignore's lines; a line git would not understand is skipped, as git does."""
    try:
        return path_spec(lines)
    except Exception:
        valid = []
        for line in lines:
            try:
                path_spec([line])
            except Exception:
                continue
            valid.append(line)
        return path_spec(valid) if valid else None


def suffixes(settings: Settings) -> set[str]:
    from checker.load.readers import supported_suffixes

    return set(settings.file_types or supported_suffixes())


def discover(
    paths: Iterable[str], settings: Settings | None = None, skipped: Callable[[str, str], None] | None = None
) -> list[str]:
    """The files to check, in the order given, each folder's files sorted;
    ``skipped(path, reason)`` for each file of a folder that is left out as no regular file."""
    settings = settings or Settings.defaults()
    wanted = suffixes(settings)
    exclude = path_spec(settings.exclude) if settings.exclude else None
    include = path_spec(settings.include) if settings.include else None
    found: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            if exclude is None or not exclude.match_file(settings.relative(path)):
                found.append(path)
            continue
        repository = find_repository(path)
        gitignore = GitIgnore(repository) if repository else None
        below = []
        for folder, dirs, files in os.walk(path):
            kept = []
            for name in sorted(dirs):
                full = os.path.join(folder, name)
                if name.startswith("."):
                    continue
                if exclude is not None and exclude.match_file(settings.relative(full) + "/"):
                    continue
                if gitignore is not None and gitignore.ignored(full, is_dir=True):
                    continue
                kept.append(name)
            dirs[:] = kept
            for name in files:
                if Path(name).suffix.lower() not in wanted:
                    continue
                full = os.path.join(folder, name)
                relative = settings.relative(full)
                if exclude is not None and exclude.match_file(relative):
                    continue
                if include is not None and not include.match_file(relative):
                    continue
                if gitignore is not None and gitignore.ignored(full):
                    continue
                kind = _special(full)
                if kind is not None:
                    if skipped is not None:
                        skipped(full, f"不是普通文件（{kind}），已跳过")
                    continue
                below.append(full)
        found.extend(sorted(below))
    return found


def _special(path: str) -> str | None:
    """What ``path`` is when it is no regular file (a link is followed; a broken one is
    left for the reader to report)."""
    from checker.load.readers import special_kind

    try:
        return special_kind(os.stat(path).st_mode)
    except OSError:
        return None
