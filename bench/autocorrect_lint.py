"""Lint files with autocorrect-py, as a command would: ``autocorrect_lint.py FILE…``.

Also ``--throughput FILE…``: lint them in this process after a warm-up and print the
seconds taken, for the in-process throughput row of the bench.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import autocorrect_py


def main(argv: list[str]) -> int:
    throughput = argv[:1] == ["--throughput"]
    paths = argv[1:] if throughput else argv
    texts = [(path, Path(path).read_text(encoding="utf-8")) for path in paths]
    if throughput:
        autocorrect_py.lint_for(texts[0][1], texts[0][0])
        start, cpu = time.perf_counter(), time.process_time()
    problems = sum(len(autocorrect_py.lint_for(text, path).lines) for path, text in texts)
    if throughput:
        print(
            json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "findings": problems})
        )
    else:
        print(f"{problems} problems")
    return 0 if throughput else (1 if problems else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
