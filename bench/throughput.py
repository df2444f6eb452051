"""In-process throughput: ``throughput.py doccheck|jieba FILE…`` prints JSON seconds.

Run by ``bench/run.py`` in a fresh process. A warm-up on the first file pays the
one-time costs (imports, rule loading, the segmenter's dictionary) so that the time
measured is the per-text cost of a full check (every rule) or of ``jieba.lcut`` alone.
Each file is checked as its own document, as ``doccheck check`` would.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    tool, paths = argv[0], argv[1:]
    texts = [Path(path).read_text(encoding="utf-8") for path in paths]
    if tool == "doccheck":
        from checker.run.engine import check_text

        def one(text: str) -> int:
            return len(check_text(text))
    elif tool == "jieba":
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)

        def one(text: str) -> int:
            return len(jieba.lcut(text))
    else:
        raise SystemExit(f"unknown tool {tool!r}")
    one(texts[0])
    start, cpu = time.perf_counter(), time.process_time()
    count = sum(one(text) for text in texts)
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "count": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
