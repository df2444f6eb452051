"""Load on ``doccheck serve``: 50 clients post a document at once, again and again.

Starts the real server (uvicorn and its worker processes) on a free loopback port,
measures a single request's latency (the median of sequential requests), then lets
CLIENTS threads each post the document ROUNDS times together, and prints the error
count and the latency percentiles beside the single request's.

    .venv/bin/python bench/serve_load.py [DOCUMENT] [--clients 50] [--rounds 4] [--workers N]

DOCUMENT defaults to the seed (shared/seeds beside the repository, when present).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.serve_support import start

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_7afa1ad67aa4f061.txt"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", nargs="?", default=str(SEED))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    path = Path(args.document)
    if not path.is_file():
        print(f"no document at {path}: give one as the first argument", file=sys.stderr)
        return 2
    data = path.read_bytes()
    options = ("--workers", str(args.workers)) if args.workers else ()
    with tempfile.TemporaryDirectory() as folder:
        server = start(Path(folder), *options)
        try:
            for _ in range(3):  # warm the connection path
                server.post_files("/api/v1/check", [(path.name, data)])
            single = []
            for _ in range(10):
                began = time.perf_counter()
                answer = server.post_files("/api/v1/check", [(path.name, data)])
                single.append(time.perf_counter() - began)
                assert answer.status == 200, answer.body[:200]
            latencies: list[float] = []
            errors: list[str] = []
            lock = threading.Lock()
            barrier = threading.Barrier(args.clients)

            def client() -> None:
                barrier.wait()
                for _ in range(args.rounds):
                    began = time.perf_counter()
                    try:
                        answer = server.post_files("/api/v1/check", [(path.name, data)], timeout=300)
                        failure = (
                            None
                            if answer.status == 200 and answer.json()["files"][0]["findings"]
                            else (f"{answer.status}: {answer.body[:120]!r}")
                        )
                    except OSError as error:  # refused, reset, timed out
                        failure = repr(error)
                    took = time.perf_counter() - began
                    with lock:
                        latencies.append(took)
                        if failure:
                            errors.append(failure)

            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
        finally:
            server.stop()
    total = args.clients * args.rounds
    print(f"document: {path.name}, {len(data)} bytes; workers: {args.workers or 1}")
    print(
        f"single request: median {statistics.median(single) * 1000:.0f} ms "
        f"(min {min(single) * 1000:.0f}, max {max(single) * 1000:.0f})"
    )
    print(
        f"{args.clients} concurrent clients x {args.rounds} requests = {total}: errors {len(errors)}, "
        f"p50 {percentile(latencies, 0.50) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms, {total / wall:.1f} requests/s"
    )
    for error in errors[:5]:
        print("  error", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
