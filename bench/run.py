"""doccheck's bench: start-up, throughput, the corpus, and growth — beside its peers.

    python bench/run.py                  # the whole table (installs the peers on first use)
    python bench/run.py --runs 3 --only cold,corpus --no-peers

Every figure is a fresh process (or a fresh process per run for in-process figures),
run several times: the table shows the median and the min–max, and each peer's time
as a ratio to doccheck's median measured in the same run, because the machine is shared
and absolute times drift. The peers (autocorrect-py from PyPI; zhlint and @lint-md/cli
from npm) are installed into ``bench/.peers/`` by this script; see ``bench/peers.py``.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import math
import os
import platform
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inputs
import measure
import peers

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

TARGET_COLD = 0.5  # s, doccheck check of the seed, fresh process
TARGET_THROUGHPUT = 1.5  # MB/s, full check in one process
TARGET_MEMORY = 200  # MB, largest process while checking the corpus


def python_with_checker() -> str:
    """This interpreter if it can import doccheck, else the checkout's venv."""
    probe = subprocess.run([sys.executable, "-c", "import checker.run.engine"], capture_output=True)
    if probe.returncode == 0:
        return sys.executable
    venv = ROOT / ".venv" / "bin" / "python"
    if venv.exists():
        return str(venv)
    raise SystemExit("doccheck is not importable: install it (pip install -e .) or create .venv")


def doccheck_command(python: str) -> list[str]:
    script = Path(python).parent / "doccheck"
    return [str(script)] if script.exists() else [python, "-m", "checker.cli"]


def supports_jobs(command: list[str]) -> bool:
    done = subprocess.run([*command, "check", "--help"], capture_output=True, text=True)
    return "--jobs" in done.stdout or " -j" in done.stdout


@functools.cache
def _check_options(command: tuple[str, ...]) -> tuple[str, ...]:
    done = subprocess.run([*command, "check", "--help"], capture_output=True, text=True)
    return ("--no-cache",) if "--no-cache" in done.stdout else ()


def check_command(command: list[str]) -> list[str]:
    """``doccheck check`` that checks every file again, where doccheck keeps a cache of
    earlier runs' reports (it would answer every timed run after the first)."""
    return [*command, "check", *_check_options(tuple(command))]


# -- printing -------------------------------------------------------------------
def line(text: str = "") -> None:
    print(text, flush=True)


def seconds(value: float) -> str:
    return f"{value:.3f}"


def spread(one: measure.Series) -> str:
    return f"{one.low:.3f}–{one.high:.3f}"


def ratio(one: measure.Series, base: measure.Series | None) -> str:
    if base is None or base.failed or not base.runs or one is base:
        return "1.00×" if one is base else "–"
    return f"{one.median / base.median:.2f}×"


def row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        cell.ljust(width) if i == 0 else cell.rjust(width)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


_NOTES: list[str] = []  # why a row failed, printed in full under its table


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(cells[i]) for cells in [header, *rows]) for i in range(len(header))]
    line(title)
    line("  " + row(header, widths))
    for cells in rows:
        line("  " + row(cells, widths))
    for note in _NOTES:
        line("  " + note)
    _NOTES.clear()
    line()


def series_rows(all_series: list[measure.Series], base: measure.Series | None, extra=None) -> list[list[str]]:
    rows = []
    for one in all_series:
        if one.failed:
            rows.append([one.label, "failed", "", "", "", "", ""][: 7 if extra else 6])
            _NOTES.append(f"{one.label} failed: {one.failed}")
            continue
        cpu = seconds(one.cpu_median)
        cells = [one.label, seconds(one.median), spread(one), cpu, f"{one.peak_mb:.0f}", ratio(one, base)]
        if extra:
            cells.append(extra(one))
        rows.append(cells)
    return rows


# -- sections ---------------------------------------------------------------------
def cold(sets, doccheck, python, runs, peer_ok) -> measure.Series:
    empty = inputs.OUT / "empty.txt"
    empty.write_text("", encoding="utf-8")
    seed = [str(path) for path in sets["seed"].texts]
    seed_md = [str(path) for path in sets["seed"].markdown]
    measured = [
        measure.series("doccheck --version (import only)", [*doccheck, "--version"], runs, warmup=1),
        measure.series("doccheck check (empty file)", [*check_command(doccheck), str(empty)], runs, warmup=1),
    ]
    main = measure.series("doccheck check seed", [*check_command(doccheck), *seed], runs, warmup=1)
    measured.append(main)
    measured += peer_series(seed_md, runs, peer_ok, suffix=" seed")
    table(
        f"1. Cold start: one fresh process per run, {runs} runs after one untimed run that fills the "
        f"caches on disk (bytecode, rule data, grammar tables, lexicon) "
        f"(seed: {sets['seed'].chars:,} chars, {sets['seed'].size / 1e6:.3f} MB)",
        ["what", "median s", "min–max s", "cpu s", "peak MB", "÷ doccheck"],
        series_rows(measured, main),
    )
    if not main.failed:
        line(
            f"  target: doccheck check seed ≤ {TARGET_COLD} s median → {main.median:.3f} s, "
            f"{verdict(main.median <= TARGET_COLD)}"
        )
        line()
    return main


def peer_series(files: list[str], runs: int, peer_ok, suffix: str = "") -> list[measure.Series]:
    env = peers.environment()
    found = []
    commands = {
        "autocorrect-py": peers.autocorrect_command(files),
        "zhlint": peers.zhlint_command(files),
        "lint-md": peers.lint_md_command(files),
    }
    for name, argv in commands.items():
        if peer_ok.get(name) == "--no-peers":
            continue
        if peer_ok.get(name, "not installed") is not None:
            one = measure.Series(name + suffix, failed=peer_ok.get(name) or "not installed")
        else:
            one = measure.series(name + suffix, argv, runs, ok=(0, 1), env=env, warmup=1)
        found.append(one)
    return found


def in_process(label: str, argv: list[str], runs: int, env=None) -> measure.Series:
    """Runs of a child that prints {"seconds": …}: the series holds those seconds."""
    result = measure.Series(label)
    for _ in range(runs):
        one = measure.run(argv, env=env)
        if one.returncode != 0:
            result.failed = f"exit {one.returncode}: " + (one.stderr.strip().splitlines() or [""])[-1][:150]
            return result
        timed = json.loads(one.stdout.strip().splitlines()[-1])
        one.seconds, one.cpu = timed["seconds"], timed["cpu"]
        result.runs.append(one)
    return result


def throughput(sets, doccheck, python, runs, peer_ok) -> measure.Series | None:
    mb = sets["megabyte"]
    texts = [str(path) for path in mb.texts]
    markdown = [str(path) for path in mb.markdown]
    megabytes = mb.size / 1e6

    def rate(one: measure.Series) -> str:
        return f"{megabytes / one.median:.2f}"

    script = str(HERE / "throughput.py")
    main = in_process("doccheck full check, in process", [python, script, "doccheck", *texts], runs)
    measured = [main, in_process("jieba.lcut alone, in process", [python, script, "jieba", *texts], runs)]
    if peer_ok.get("autocorrect-py") is None:
        measured.append(
            in_process(
                "autocorrect-py lint_for, in process",
                peers.autocorrect_command(["--throughput", *markdown]),
                runs,
                env=peers.environment(),
            )
        )
    measured.append(measure.series("doccheck check, whole process", [*check_command(doccheck), *texts], runs))
    for one in peer_series(markdown, runs, peer_ok):
        if one.label != "autocorrect-py":
            one.label += ", whole process"
            measured.append(one)
    table(
        f"2. Throughput on {megabytes:.2f} MB ({mb.chars:,} chars, {len(texts)} documents: the seed and "
        f"corpus documents), {runs} runs",
        ["what", "median s", "min–max s", "cpu s", "peak MB", "÷ doccheck", "MB/s"],
        series_rows(measured, main, extra=rate),
    )
    if not main.failed:
        jieba = measured[1]
        line(
            f"  target: full check ≥ {TARGET_THROUGHPUT} MB/s → {megabytes / main.median:.2f} MB/s, "
            f"{verdict(megabytes / main.median >= TARGET_THROUGHPUT)}"
            + (
                ""
                if jieba.failed
                else f"; jieba.lcut alone {megabytes / jieba.median:.2f} MB/s "
                f"(check ÷ jieba time {main.median / jieba.median:.2f})"
            )
        )
        line()
    return main


def corpus(sets, doccheck, python, runs, peer_ok, jobs: int) -> measure.Series | None:
    files = sets["corpus"]
    texts = [str(path) for path in files.texts]
    markdown = [str(path) for path in files.markdown]
    parallel = supports_jobs(doccheck)
    options = ["-j", str(jobs)] if parallel else []
    label = f"doccheck check -j {jobs}" if parallel else "doccheck check (no -j yet)"
    main = measure.series(label, [*check_command(doccheck), *options, *texts], runs)
    measured = [main]
    if parallel and jobs != 1:
        measured.append(measure.series("doccheck check -j 1", [*check_command(doccheck), "-j", "1", *texts], runs))
    measured += peer_series(markdown, runs, peer_ok)
    table(
        f"3. The corpus: {len(texts)} files, {files.chars:,} chars, {files.size / 1e6:.2f} MB; "
        f"one fresh process per run, {runs} runs; peak MB = largest process of the tree",
        ["what", "median s", "min–max s", "cpu s", "peak MB", "÷ doccheck", "MB/s"],
        series_rows(measured, main, extra=lambda one: f"{files.size / 1e6 / one.median:.2f}"),
    )
    if not main.failed:
        line(
            f"  target: peak memory ≤ {TARGET_MEMORY} MB → {main.peak_mb:.0f} MB, "
            f"{verdict(main.peak_mb <= TARGET_MEMORY)}"
        )
        line()
    return main


def growth(python: str, scale: float) -> None:
    argv = [python, str(HERE / "growth.py"), "--scale", str(scale)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        line("4. Growth: did not finish in 900 s — something grows faster than linearly")
        return
    if done.returncode != 0:
        line("4. Growth: failed: " + (done.stderr.strip().splitlines() or [""])[-1])
        return

    def exponent(small: dict, large: dict) -> float:
        factor = large["seconds"] / small["seconds"] if small["seconds"] > 0 else 0
        size_factor = large["chars"] / small["chars"]
        return math.log(factor) / math.log(size_factor) if factor > 0 and size_factor > 1 else float("nan")

    rows, previous, first = [], {}, {}
    for text in done.stdout.splitlines():
        item = json.loads(text)
        before = previous.get(item["shape"])
        if before:
            factor = item["seconds"] / before["seconds"] if before["seconds"] > 0 else float("nan")
            growth_cells = [
                f"{factor:.2f}×",
                f"{exponent(before, item):.2f}",
                f"{exponent(first[item['shape']], item):.2f}",
            ]
        else:
            growth_cells = ["", "", ""]
            first[item["shape"]] = item
        previous[item["shape"]] = item
        rows.append(
            [
                item["shape"],
                f"{item['size']:,} {item['unit']}",
                f"{item['chars']:,}",
                seconds(item["seconds"]),
                *growth_cells,
                str(item["findings"]),
            ]
        )
    table(
        "4. Growth: full check in one process, each size double the last; CPU seconds, better of two "
        "(linear: time ×2, exponent ≈ 1; quadratic: ×4, exponent ≈ 2; 'overall' is from the smallest size)",
        ["shape", "size", "chars", "cpu s", "× previous", "exponent", "overall", "findings"],
        rows,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each timed command (default 5)")
    parser.add_argument(
        "--only",
        default="cold,throughput,corpus,growth",
        help="comma-separated sections: cold, throughput, corpus, growth",
    )
    parser.add_argument("--no-peers", action="store_true", help="measure doccheck alone")
    parser.add_argument("--jobs", type=int, default=2, help="-j for the corpus run (default 2)")
    parser.add_argument(
        "--growth-scale",
        type=float,
        default=1.0,
        help="scale of the growth inputs (1 = the hostile sizes of the tests)",
    )
    options = parser.parse_args(argv)
    sections = {item.strip() for item in options.only.split(",") if item.strip()}

    # A user's Python writes and reuses its bytecode cache; some sandboxes turn that
    # off, which would make every start compile doccheck's modules from source.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    python = python_with_checker()
    peers.PYTHON = python
    doccheck = doccheck_command(python)
    version = subprocess.run([python, "--version"], capture_output=True, text=True).stdout.strip()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    line(
        f"doccheck bench — {now} · {os.cpu_count()} cores · {version} · {platform.machine()} · "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    line(
        "  median s / min–max s: wall time of the runs; cpu s: median user+system CPU of the process tree "
        "(steadier than wall time on a shared machine); peak MB: largest resident set of any process; "
        "÷ doccheck: median wall time over doccheck's in the same section"
    )
    line()
    peer_ok = (
        {name: "--no-peers" for name in ("autocorrect-py", "zhlint", "lint-md")}
        if options.no_peers
        else peers.install(lambda message: line("  " + message))
    )
    for name, problem in peer_ok.items():
        if problem and not options.no_peers:
            line(f"  peer {name} left out: {problem}")
    sets = inputs.build()
    if "cold" in sections:
        cold(sets, doccheck, python, options.runs, peer_ok)
    if "throughput" in sections:
        throughput(sets, doccheck, python, max(1, min(options.runs, 3)), peer_ok)
    if "corpus" in sections:
        corpus(sets, doccheck, python, max(1, min(options.runs, 3)), peer_ok, options.jobs)
    if "growth" in sections:
        growth(python, options.growth_scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
