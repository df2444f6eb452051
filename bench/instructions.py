"""Instructions a full check costs, for two revisions side by side, counted by callgrind.

    python bench/instructions.py                  # main against HEAD
    python bench/instructions.py c20ef6e HEAD --top 30 --keep /tmp/counts

Timings on a shared machine move more from one run to the next than between two
revisions; the number of instructions a process executes does not. Each revision is
checked out into a temporary ``git worktree`` (removed afterwards) and run with this
interpreter, ``PYTHONPATH`` pointing at that worktree and a cache folder of its own,
as ``bench/compare.py`` runs it. The measured process is ``compare.py``'s throughput
run: one warm-up document, then a full check of the bench's megabyte set (each file its
own document), in one process. Before it is counted, the same process runs once
without valgrind, so that bytecode and the cache folder (the lexicon's and the
gazetteer's tables) are built and the counted run only reads them.

Each revision is counted twice under ``valgrind --tool=callgrind``: the whole process,
and the same process stopping after its warm-up document (imports, the tables, the
first document). Their difference is what the megabyte set costs, reported per MB.
``PYTHONHASHSEED`` is fixed, so that the order of sets and dictionaries of strings,
and with it the count, is the same from run to run. The functions whose own
instructions differ most between the two revisions come from ``callgrind_annotate``
over the whole-process runs: they are the interpreter's C functions (the regular
expression engine, dictionary look-ups, ``bisect``…), which say what kind of work
grew; ``bench/profile_check.py`` says which Python functions do it.

valgrind is optional tooling, never a dependency of the tests: without it this
script says so and exits with status 2.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare_findings
import inputs

HASH_SEED = "0"

# The measured process, as compare.py's throughput run: a warm-up check of the first
# file, then a check of each file; with "warm-up" as its first argument, it stops after
# the warm-up.
CHECK = """\
import sys
try:
    from checker.run.engine import check_text
except ImportError:
    from checker.engine import check_text
texts = [open(path, encoding="utf-8").read() for path in sys.argv[2:]]
check_text(texts[0])
for text in texts if sys.argv[1] == "all" else []:
    check_text(text)
"""

# "1,234,567 (12.34%)  file:function [object]" in callgrind_annotate's table.
ANNOTATED = re.compile(r"^\s*([\d,]+)\s+(?:\([\s\d.]+%\)\s+)?(\S.*?)(?:\s+\[[^\]]*\])?\s*$")


class Unavailable(Exception):
    """valgrind or callgrind_annotate is not installed: the message says so."""


@dataclass
class Revision:
    name: str  # as given on the command line
    commit: str
    worktree: Path
    cache: Path
    workdir: Path  # where its processes run: no pyproject.toml or checker/ to pick up
    counts: dict[str, int] = field(default_factory=dict)  # run → instructions
    functions: dict[str, int] = field(default_factory=dict)  # whole run: own instructions per function

    @property
    def env(self) -> dict:
        return dict(
            os.environ,
            PYTHONPATH=str(self.worktree),
            DOCCHECK_CACHE_DIR=str(self.cache),
            PYTHONHASHSEED=HASH_SEED,
        )


def tools() -> tuple[str, str]:
    valgrind, annotate = shutil.which("valgrind"), shutil.which("callgrind_annotate")
    if not valgrind or not annotate:
        missing = "valgrind" if not valgrind else "callgrind_annotate"
        raise Unavailable(
            f"{missing} is not installed: this benchmark counts instructions with valgrind's callgrind "
            "(optional tooling, e.g. `apt-get install valgrind`); bench/compare.py measures time without it"
        )
    return valgrind, annotate


def run_checked(argv: list[str], revision: Revision) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, env=revision.env, cwd=revision.workdir, capture_output=True, text=True)
    if done.returncode != 0:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise compare_findings.Failure(f"{revision.name}: exit {done.returncode}: {tail[:400]}")
    return done


def count(valgrind: str, revision: Revision, run: str, files: list[str], output: Path) -> int:
    """Instructions of one process: the warm-up document, then ``files`` when ``run`` is "all"."""
    argv = [sys.executable, "-c", CHECK, run, *files]
    counted = [valgrind, "--tool=callgrind", f"--callgrind-out-file={output}", *argv]
    done = run_checked(counted, revision)
    collected = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if not collected:
        raise compare_findings.Failure(f"{revision.name}: callgrind printed no count: {done.stderr[-400:]}")
    return int(collected.group(1))


def own_instructions(annotate: str, output: Path) -> dict[str, int]:
    """Each function's own instructions (not those of the functions it calls)."""
    done = subprocess.run([annotate, "--inclusive=no", "--threshold=100", str(output)], capture_output=True, text=True)
    functions: dict[str, int] = {}
    for line in done.stdout.splitlines():
        match = ANNOTATED.match(line)
        if match and ":" in match.group(2) and "PROGRAM TOTALS" not in line:
            path, _, function = match.group(2).partition(":")
            name = f"{path.rsplit('/', 1)[-1]}:{function}"  # the build's folders say nothing
            functions[name] = functions.get(name, 0) + int(match.group(1).replace(",", ""))
    return functions


def measure(valgrind: str, annotate: str, revision: Revision, megabyte: list[str], keep: Path) -> None:
    run_checked([sys.executable, "-c", CHECK, "all", *megabyte], revision)  # bytecode and the cache folder
    stem = keep / f"{revision.name.replace('/', '_')}-{revision.commit[:7]}"
    revision.counts["warm-up"] = count(valgrind, revision, "warm-up", megabyte, Path(f"{stem}.warm-up.callgrind"))
    whole = Path(f"{stem}.whole.callgrind")
    revision.counts["whole"] = count(valgrind, revision, "all", megabyte, whole)
    revision.functions = own_instructions(annotate, whole)


def table(base: Revision, head: Revision, megabytes: float, top: int) -> list[str]:
    def millions(value: float) -> str:
        return f"{value / 1e6:,.0f}"

    def per_mb(revision: Revision) -> float:
        return (revision.counts["whole"] - revision.counts["warm-up"]) / megabytes

    rows = [
        ("whole process, million instructions", lambda r: r.counts["whole"]),
        ("start-up and the warm-up document, million", lambda r: r.counts["warm-up"]),
        (f"the megabyte set ({megabytes:.2f} MB), million per MB", per_mb),
    ]
    lines = [
        f"| what | {base.name} ({base.commit[:7]}) | {head.name} ({head.commit[:7]}) | {head.name} ÷ {base.name} |",
        "| --- | --- | --- | --- |",
    ]
    for label, value in rows:
        a, b = value(base), value(head)
        lines.append(f"| {label} | {millions(a)} | {millions(b)} | {b / a:.3f} |")
    names = set(base.functions) | set(head.functions)
    differing = sorted(names, key=lambda n: -abs(head.functions.get(n, 0) - base.functions.get(n, 0)))[:top]
    lines += [
        "",
        f"Functions whose own instructions differ most (whole process, million; {head.name} − {base.name}):",
        "",
        f"| {base.name} | {head.name} | difference | function |",
        "| ---: | ---: | ---: | --- |",
    ]
    for name in differing:
        a, b = base.functions.get(name, 0), head.functions.get(name, 0)
        lines.append(f"| {a / 1e6:,.1f} | {b / 1e6:,.1f} | {(b - a) / 1e6:+,.1f} | `{name}` |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    compare_findings.add_revision_arguments(parser)
    parser.add_argument("--top", type=int, default=20, help="functions listed that differ most (default 20)")
    parser.add_argument("--keep", type=Path, help="a folder to keep callgrind's output files in")
    options = parser.parse_args(argv)
    try:
        valgrind, annotate = tools()
    except Unavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the counted run reads the bytecode the first wrote
    repo = Path(compare_findings.git(Path.cwd(), "rev-parse", "--show-toplevel"))
    sets = inputs.build()
    megabyte = [str(path) for path in sets["megabyte"].texts]
    megabytes = sets["megabyte"].size / inputs.MEGABYTE
    with tempfile.TemporaryDirectory(prefix="doccheck-instructions-") as scratch:
        keep = options.keep or Path(scratch)
        keep.mkdir(parents=True, exist_ok=True)
        revisions: list[Revision] = []
        try:
            with compare_findings.checkouts(repo, (options.base, options.head), Path(scratch)) as checked_out:
                for name, commit, folder in checked_out:
                    revision = Revision(name, commit, folder / "tree", folder / "cache", folder / "run")
                    revision.workdir.mkdir()
                    revisions.append(revision)
                print(f"doccheck instructions: {options.base} against {options.head} (callgrind)", flush=True)
                for revision in revisions:
                    measure(valgrind, annotate, revision, megabyte, keep)
                    print(f"  {revision.name}: {revision.counts['whole'] / 1e6:,.0f} million instructions", flush=True)
        except compare_findings.Failure as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print()
    print(f"{now} · {platform.machine()} · Python {platform.python_version()} · PYTHONHASHSEED={HASH_SEED}")
    print(
        f"a warm-up check of {sets['megabyte'].texts[0].name}, then the megabyte set: "
        f"{len(megabyte)} documents, {megabytes:.2f} MB"
    )
    if options.keep:
        print(f"callgrind's files kept in {options.keep} (read them with callgrind_annotate)")
    print()
    print("\n".join(table(revisions[0], revisions[1], megabytes, options.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
