"""The cache of reports: a run over an unchanged tree against the first run.

    python bench/cache.py                # 3 copies of ../shared/corpus (≈ 300 files)
    python bench/cache.py --copies 20    # ≈ 2,000 files, 50 MB

Copies the corpus into a temporary tree, then runs ``doccheck check -j 1`` three times
with a fresh cache directory: once with --no-cache (so the data caches every run
shares are built and the first timed run pays only for checking), once to fill the
cache of reports ("first"), and once over the unchanged tree ("unchanged"). Prints
both times, their ratio, and whether the two reports are byte for byte the same.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
DOCCHECK = [sys.executable, "-m", "checker.cli"]


def timed_run(tree: Path, output: Path, env: dict[str, str], *options: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [*DOCCHECK, "check", "-j", "1", "--no-progress", "-o", str(output), *options, str(tree)],
        env=env,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=3, help="copies of the corpus in the tree")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doccheck-cache-bench-") as folder:
        tree = Path(folder) / "tree"
        for copy in range(arguments.copies):
            shutil.copytree(CORPUS, tree / str(copy))
        files = sum(1 for path in tree.rglob("*") if path.is_file())
        env = dict(os.environ, DOCCHECK_CACHE_DIR=str(Path(folder) / "cache"))
        timed_run(tree, Path(folder) / "warm-up.txt", env, "--no-cache")
        first = timed_run(tree, Path(folder) / "first.txt", env)
        unchanged = timed_run(tree, Path(folder) / "unchanged.txt", env)
        same = (Path(folder) / "first.txt").read_bytes() == (Path(folder) / "unchanged.txt").read_bytes()
        print(
            f"{files} files: first run {first:.2f} s, unchanged tree {unchanged:.2f} s "
            f"({unchanged / first:.1%}); reports identical: {same}"
        )


if __name__ == "__main__":
    main()
