"""The 300-page Word bench: ``doccheck fix big.docx -o out.docx``, its wall time and peak memory.

Builds ``bench/out/big.docx`` from the seed document, repeated until the body holds as
many characters as 300 pages of a GB/T 9704 page (22 lines of 28 characters: 184,800),
each paragraph split into runs of 12 characters, bold and plain in turn (a drafter's
document has many runs per paragraph, and the writer of tracked changes splits them again), then runs the
command as a fresh process and reports the seconds and the peak resident memory
(``bench/measure.py``). The target of issue 16 is ≤ 10 s and ≤ 300 MB.

    python bench/docx_fix.py [--runs 3] [--pages 300] [--profile]

``--profile`` runs the fix once more under cProfile and prints the 25 costliest calls.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from inputs import OUT, SEED  # noqa: E402
from measure import run as measure  # noqa: E402

PAGE_CHARS = 22 * 28  # GB/T 9704: 22 lines of 28 characters
PAGES = 300
RUN_CHARS = 12  # Word splits a drafter's paragraph into many runs (edits, spell checks, rsids)


def build_document(target: Path, pages: int = PAGES) -> int:
    """Write the bench document; how many paragraphs it has."""
    import docx
    from docx.shared import Pt

    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    document = docx.Document()
    total, count = 0, 0
    while total < pages * PAGE_CHARS:
        for line in lines:
            paragraph = document.add_paragraph()
            for index, at in enumerate(range(0, len(line), RUN_CHARS)):
                run = paragraph.add_run(line[at : at + RUN_CHARS])
                run.font.size = Pt(16)
                run.bold = index % 2 == 1
            total += len(line)
            count += 1
            if total >= pages * PAGE_CHARS:
                break
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--pages", type=int, default=PAGES)
    options = parser.parse_args()
    source, fixed = OUT / "big.docx", OUT / "big-fixed.docx"
    paragraphs = build_document(source, options.pages)
    print(f"{source}: {paragraphs} paragraphs, {source.stat().st_size / 1e6:.2f} MB")
    command = [str(Path(sys.executable).parent / "doccheck"), "fix", str(source), "-o", str(fixed)]
    runs = []
    for _ in range(options.runs):
        fixed.unlink(missing_ok=True)
        result = measure(command)
        if result.returncode not in (0, 1):
            raise SystemExit(f"fix failed ({result.returncode}): {result.stderr[-2000:]}")
        runs.append(result)
        print(
            f"  {result.seconds:.2f} s wall, {result.cpu:.2f} s CPU, peak {result.peak_kb / 1024:.0f} MB; "
            f"{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''}"
        )
    with zipfile.ZipFile(fixed) as package:
        body = package.read("word/document.xml")
        comments = package.read("word/comments.xml") if "word/comments.xml" in package.namelist() else b""
    print(
        f"  written: {body.count(b'<w:ins ')} w:ins, {body.count(b'<w:del ')} w:del, "
        f"{comments.count(b'<w:comment ')} comments"
    )
    print(
        f"median {statistics.median(r.seconds for r in runs):.2f} s, "
        f"peak {max(r.peak_kb for r in runs) / 1024:.0f} MB (target ≤ 10 s, ≤ 300 MB)"
    )
    if options.profile:
        profile = OUT / "big-fix.prof"
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(profile), command[0], *command[1:]],
            check=False,
            capture_output=True,
        )
        import pstats

        pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
