"""Compare the findings of two revisions of doccheck on the same documents.

    python bench/compare_findings.py REV_A REV_B

Each revision is checked out into a temporary ``git worktree`` (removed afterwards)
and its own ``doccheck check --format json --fail-on never`` — the console script
target named in that revision's ``pyproject.toml`` — runs with the current
interpreter over the shared corpus, the seed documents and samples/, with
``PYTHONPATH`` pointing at that worktree and a fresh data cache of its own. The
reports are normalised (no tool version; paths relative to the folders checked)
and compared file by file. Exit status: 0 identical, 1 different, 2 could not run.

A refactoring that must not change behaviour is done when this prints
``identical``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Runs inside the revision's worktree: the console script, as the installed command would.
RUNNER = """\
import importlib, os, sys
module_name, _, function = sys.argv[1].partition(":")
module = importlib.import_module(module_name)
top = importlib.import_module(module_name.split(".")[0])
if not os.path.abspath(top.__file__).startswith(os.path.abspath(sys.argv[2]) + os.sep):
    sys.exit(f"imported {top.__file__}, not the revision's own copy")
sys.argv = ["doccheck", *sys.argv[3:]]
getattr(module, function)()
"""


class Failure(Exception):
    """The comparison could not be made: the message says why."""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise Failure(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def add_revision_arguments(parser: argparse.ArgumentParser) -> None:
    """The two revisions a benchmark compares, ``base`` (main) and ``head`` (HEAD)."""
    parser.add_argument("base", nargs="?", default="main", help="the revision to compare against (default main)")
    parser.add_argument("head", nargs="?", default="HEAD", help="the revision measured (default HEAD)")


@contextlib.contextmanager
def checkouts(repo: Path, names: Sequence[str], scratch: Path) -> Iterator[list[tuple[str, str, Path]]]:
    """Each revision of ``names`` checked out, detached, into ``scratch/<index>-<commit>/tree``,
    as (name, commit, folder); the worktrees are removed on the way out, whatever happened
    inside (the benchmarks that compare two revisions run each from its folder)."""
    trees: list[Path] = []
    try:
        found = []
        for index, name in enumerate(names):
            commit = git(repo, "rev-parse", "--verify", name + "^{commit}")
            folder = scratch / f"{index}-{commit[:7]}"
            git(repo, "worktree", "add", "--detach", "--quiet", str(folder / "tree"), commit)
            trees.append(folder / "tree")
            found.append((name, commit, folder))
        yield found
    finally:
        for tree in trees:
            subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)], capture_output=True)


def shared_folder(repo: Path) -> Path:
    for candidate in (repo.parent / "shared", Path("/work/shared")):
        if (candidate / "corpus").is_dir():
            return candidate
    raise Failure(f"no shared folder with corpus/ beside {repo} or at /work/shared")


def inputs(repo: Path) -> dict[str, Path]:
    """The folders checked, by the name their files are reported under."""
    shared = shared_folder(repo)
    folders = {"corpus": shared / "corpus", "seeds": shared / "seeds", "samples": repo / "samples"}
    for name, folder in folders.items():
        if not folder.is_dir():
            raise Failure(f"{name}: {folder} is not a folder")
    return folders


def console_script(worktree: Path) -> str:
    with open(worktree / "pyproject.toml", "rb") as stream:
        project = tomllib.load(stream).get("project", {})
    target = project.get("scripts", {}).get("doccheck")
    if not target or ":" not in target:
        raise Failure(f"{worktree}/pyproject.toml names no [project.scripts] doccheck = 'module:function'")
    return target


def report_of(repo: Path, revision: str, folders: dict[str, Path]) -> dict:
    """The normalised report of ``revision`` over ``folders``."""
    with tempfile.TemporaryDirectory(prefix="doccheck-compare-") as scratch:
        worktree, cache = Path(scratch) / "tree", Path(scratch) / "cache"
        git(repo, "worktree", "add", "--detach", "--quiet", str(worktree), revision)
        try:
            env = dict(os.environ, PYTHONPATH=str(worktree), DOCCHECK_CACHE_DIR=str(cache))
            command = [
                sys.executable,
                "-c",
                RUNNER,
                console_script(worktree),
                str(worktree),
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                *map(str, folders.values()),
            ]
            done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=worktree)
        finally:
            git(repo, "worktree", "remove", "--force", str(worktree))
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise Failure(
            f"{revision}: doccheck exited {done.returncode} without a JSON report:\n{done.stderr.strip()[-2000:]}"
        ) from None
    return normalised(report, folders)


def normalised(report: dict, folders: dict[str, Path]) -> dict:
    """File path (relative, under the name of its folder) → what was reported for it."""
    files = {}
    for file in report["files"]:
        path = Path(file.pop("path"))
        for name, folder in folders.items():
            if path.is_relative_to(folder):
                path = Path(name) / path.relative_to(folder)
                break
        files[path.as_posix()] = file
    return files


def finding_key(finding: dict) -> str:
    return json.dumps(finding, ensure_ascii=False, sort_keys=True)


def describe(finding: dict) -> str:
    return f"{finding['code']} {finding['line']}:{finding['column']} {finding['message']}"


def differences(first: dict, second: dict, names: tuple[str, str]) -> list[str]:
    """Lines that say, file by file, what one revision reports and the other does not."""
    lines = []
    for path in sorted(set(first) | set(second)):
        a, b = first.get(path), second.get(path)
        if a == b:
            continue
        lines.append(f"{path}:")
        if a is None or b is None:
            lines.append(f"  checked only by {names[0] if b is None else names[1]}")
            continue
        for key in sorted((set(a) | set(b)) - {"findings"}):
            if a.get(key) != b.get(key):
                lines.append(f"  {key}: {a.get(key)!r} ({names[0]}) != {b.get(key)!r} ({names[1]})")
        found_a = Counter(map(finding_key, a.get("findings", [])))
        found_b = Counter(map(finding_key, b.get("findings", [])))
        for key in sorted((found_a - found_b).elements()):
            lines.append(f"  - {names[0]} only: {describe(json.loads(key))}")
        for key in sorted((found_b - found_a).elements()):
            lines.append(f"  + {names[1]} only: {describe(json.loads(key))}")
        if a.get("findings") != b.get("findings") and found_a == found_b:
            lines.append("  same findings in another order")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/compare_findings.py REV_A REV_B", file=sys.stderr)
        return 2
    try:
        repo = Path(git(Path.cwd(), "rev-parse", "--show-toplevel"))
        folders = inputs(repo)
        first, second = (report_of(repo, revision, folders) for revision in argv)
    except Failure as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    lines = differences(first, second, (argv[0], argv[1]))
    findings = sum(len(file.get("findings", [])) for file in first.values())
    if not lines:
        print(f"identical: {len(first)} files, {findings} findings ({argv[0]} and {argv[1]})")
        return 0
    print("\n".join(lines))
    changed = sum(1 for line in lines if not line.startswith(" "))
    print(f"different: {changed} of {len(set(first) | set(second))} files")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
