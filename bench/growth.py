"""Time and memory of a whole check against input size, for hostile shapes of input.

    python bench/growth.py                  # every shape at 256 KB, 512 KB and 1 MB
    python bench/growth.py --max-mb 16      # bench mode: 4, 8 and 16 MB
    python bench/growth.py --max-mb 64 --runs 1 --only "typical document,impossible dates (JSON)"
    python bench/growth.py --only "one-character lines,docx table"

Each shape is an input that once cost more than linear time or memory: one long
line, deep or crossed brackets, many short lines or headings, a long .docx table,
an HTML page whose lines the extractor rewrites, many findings written as JSON, text
or SARIF; and, to compare them with, a typical document (the shared corpus's
documents one after another, or the project's samples where the corpus is not).
It is checked at three sizes, each double the last (the size is the file's size in
bytes; for a .docx, the size of its ``document.xml``), every size in a fresh process
that reads the file, checks it and writes the report to /dev/null in the shape's
output format. The file-size limit is lifted (a size over the default 20 MB would
otherwise be refused unread), so that any size up to 64 MB and beyond is measured; a
.docx part over the reader's own limit is still refused. Time is the CPU time of the
better of two runs (``--runs``; other users of a shared machine disturb it far less
than wall time); memory is the process's peak
resident set, and what the check added to it after the warm-up. Linear growth
doubles time and added memory at each step. One JSON row per size, then
one per shape with the growth exponents (log of the time ratio over log of the size
ratio, smallest to largest): ``bench/run.py`` reads the rows, a person the summary.
``--scale S`` multiplies the sizes (``bench/run.py --growth-scale``).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

_DIGITS = "一二三四五六七八九"
_SENTENCE = "各单位要认真落实（2024年）工作要求，完成投资12.5亿元，同比增长3.4%；"
MEGABYTE = 1 << 20


def chinese_number(value: int) -> str:
    """1‥99 as 一 … 九十九."""
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return head + (_DIGITS[ones - 1] if ones else "")


# -- the shapes: each builds about ``size`` bytes -------------------------------------------------
def repeat_to(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """``head``, then ``unit`` as many times as fit in ``size`` bytes of UTF-8, then ``tail``."""
    count = max(1, (size - len(head.encode()) - len(tail.encode())) // len(unit.encode()))
    return head + unit * count + tail


def single_line(size: int) -> str:
    """One line: sentences with numbers and brackets, no line break."""
    return repeat_to(_SENTENCE, size, tail="\n")


def nested_brackets(size: int) -> str:
    """Opening brackets of mixed kinds, a word, and the closings in reverse."""
    pairs = ["（）", "【】", "《》", "“”", "()", "[]"]
    depth = max(1, size // 9)  # about 4.5 bytes a mark
    opening = "".join(pairs[i % len(pairs)][0] for i in range(depth))
    closing = "".join(pairs[i % len(pairs)][1] for i in reversed(range(depth)))
    return "关于" + opening + "事项" + closing + "的通知。\n"


def unclosed_brackets(size: int) -> str:
    """Brackets and quotes that never close, on one line."""
    return repeat_to("（“甲【乙《丙", size, tail="。\n")


def crossed_brackets(size: int) -> str:
    """Title marks opened under round brackets and closed before them, on one line: every
    closing mark closes a pair from under the others."""
    count = max(1, size // 9)
    return "《" * count + "（" * count + "》" * count + "。\n"


def mixed_headings(size: int) -> str:
    """Numbered heading lines of all four levels, numbering that keeps skipping."""
    styles = ("{}、工作任务", "（{}）具体要求", "{n}.主要措施", "（{n}）落实分工")
    lines, total, index = [], 0, 0
    while total < size:
        number = index // 4 % 99 + 1
        line = styles[index % 4].format(chinese_number(number), n=number) + "。\n"
        lines.append(line)
        total += len(line.encode())
        index += 1
    return "".join(lines)


def numbered_headings(size: int) -> str:
    """Headings ``1.第1项工作要求`` … numbered on and on."""
    lines, total, index = [], 0, 1
    while total < size:
        line = f"{index}.第{index}项工作要求\n"
        lines.append(line)
        total += len(line.encode())
        index += 1
    return "".join(lines)


def one_character_lines(size: int) -> str:
    return repeat_to("甲\n", size)


def long_numbers(size: int) -> str:
    """Lines with 500-digit numbers, grouped and ungrouped, as amounts and percentages."""
    digits = "1234567890" * 50
    grouped = ",".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    return repeat_to(f"合计{digits}元，其中{grouped}万元，占{digits[:40]}.{digits}%，增长{digits}倍。\n", size)


def html_rewritten_lines(size: int) -> str:
    """Short paragraphs with a soft hyphen, which the extractor drops: no extracted line is
    in the page as it is."""
    head = (
        '<html><head><meta charset="utf-8"><title>关于报送统计数据的通知</title></head><body>'
        "<h1>关于报送统计数据的通知</h1><div>\n"
    )
    lines, total, index = [head], len(head), 0
    while total < size:
        line = f"<p>第{index}项\u00ad要求。</p>\n"
        lines.append(line)
        total += len(line.encode())
        index += 1
    return "".join(lines) + "</div></body></html>\n"


def repeated_typo(size: int) -> str:
    """A Markdown list whose every item has three typos (TY101)."""
    return repeat_to("- 各单位要认真布署，安照要求贯澈落实。\n", size, head="# 关于部署工作的通知\n\n")


def impossible_dates(size: int) -> str:
    """Dates that do not exist, two to a unit, on one line (DT101)."""
    return repeat_to("2024年2月30日，2023年13月1日；", size, tail="\n")


_HERE = Path(__file__).resolve().parent
_CORPUS = _HERE.parent.parent / "shared" / "corpus"  # read, never copied into the repository
_SAMPLES = _HERE.parent / "samples"


def typical_document(size: int) -> str:
    """Documents as they are written: the shared corpus's (the project's text samples
    where the corpus is not), one after another and again, up to ``size`` bytes."""
    folder, pattern = (_CORPUS, "*.txt") if _CORPUS.is_dir() else (_SAMPLES, "*.txt")
    documents = [path.read_text(encoding="utf-8").rstrip("\n") + "\n" for path in sorted(folder.glob(pattern))]
    if not documents:
        raise SystemExit(f"no documents in {folder}")
    parts, total, index = [], 0, 0
    while total < size:
        document = documents[index % len(documents)]
        parts.append(document)
        total += len(document.encode())
        index += 1
    return "".join(parts)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_table(size: int) -> bytes:
    """A .docx holding one table of 30 columns, rows numbered cell by cell, ``size`` bytes of XML."""
    row = (
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>{column}</w:t></w:r></w:p></w:tc>" for column in range(1, 31))
        + "</w:tr>"
    )
    grid = "<w:tblGrid>" + '<w:gridCol w:w="300"/>' * 30 + "</w:tblGrid>"
    title = "<w:p><w:r><w:t>关于报送统计数据的通知</w:t></w:r></w:p>"
    table = "<w:tbl>" + grid + row * max(1, size // len(row)) + "</w:tbl>"
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'
        + title
        + table
        + "<w:sectPr/></w:body></w:document>"
    )
    return package_docx(document)


def package_docx(document_xml: str) -> bytes:
    """The smallest package Word and python-docx open, around ``document_xml``."""
    relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    members = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{relationship}" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document_xml,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


class Shape(NamedTuple):
    build: Callable[[int], str | bytes]
    suffix: str
    output: str  # the report format written to /dev/null


SHAPES: dict[str, Shape] = {
    "typical document": Shape(typical_document, ".txt", "text"),
    "single line": Shape(single_line, ".txt", "text"),
    "nested brackets": Shape(nested_brackets, ".txt", "text"),
    "unclosed brackets": Shape(unclosed_brackets, ".txt", "text"),
    "crossed brackets": Shape(crossed_brackets, ".txt", "text"),
    "mixed headings": Shape(mixed_headings, ".txt", "text"),
    "numbered headings": Shape(numbered_headings, ".txt", "text"),
    "one-character lines": Shape(one_character_lines, ".txt", "text"),
    "long digit runs": Shape(long_numbers, ".txt", "text"),
    "docx table": Shape(docx_table, ".docx", "text"),
    "html rewritten lines": Shape(html_rewritten_lines, ".html", "text"),
    "repeated typo (JSON)": Shape(repeated_typo, ".md", "json"),
    "impossible dates (JSON)": Shape(impossible_dates, ".txt", "json"),
    # the text and SARIF reports once asked the file for its text for every finding
    "impossible dates (text)": Shape(impossible_dates, ".txt", "text"),
    "impossible dates (SARIF)": Shape(impossible_dates, ".txt", "sarif"),
}


# -- one measurement, in a fresh process -------------------------------------------------------------
def measure(shape_name: str, size: int, runs: int = 2) -> dict:
    """Build the shape's file, check it ``runs`` times, write each report to /dev/null: one row."""
    import resource

    from checker.core.config import Settings
    from checker.core.models import Report
    from checker.report.formatters import write_report
    from checker.run.engine import check_path, check_text

    shape = SHAPES[shape_name]
    content = shape.build(size)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    check_text(mixed_headings(200) + single_line(200))  # warm-up: imports, rules, dictionaries
    resting = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "input" + shape.suffix)
        with open(path, "wb") as stream:
            stream.write(data)
        del content, data
        # no file-size limit: the bench measures what a size costs, not where it is refused
        settings = Settings.defaults().model_copy(update={"max_file_size": 0})
        timings = []
        for _ in range(runs):  # the best of them: CPU time, which other users' load disturbs least
            start = time.process_time()
            report = check_path(path, settings)
            with open(os.devnull, "w", encoding="utf-8") as sink:
                write_report(Report.build([report]), shape.output, sink)
            timings.append(time.process_time() - start)
            findings, error = len(report.findings), report.error
            del report  # before the second run: its peak is one report's
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "shape": shape_name,
        "size": size,
        "unit": "bytes",
        "chars": size,
        "seconds": round(min(timings), 3),
        "peak_mb": round(peak, 1),
        "added_mb": round(max(0.1, peak - resting), 1),
        "findings": findings,
        "error": error,
    }


def exponent(small: dict, large: dict, key: str) -> float:
    ratio = large[key] / small[key] if small[key] > 0 else 0.0
    sizes = large["size"] / small["size"]
    return math.log(ratio) / math.log(sizes) if ratio > 0 and sizes > 1 else float("nan")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=1.0, help="the largest size, in MB (default 1)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--only", help="comma-separated shape names")
    parser.add_argument("--runs", type=int, default=2, help="checks of each size, the best kept (default 2)")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)  # a child's job
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    if options.one:
        row = measure(options.one[0], int(options.one[1]), options.runs)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        return 0
    names = [name.strip() for name in options.only.split(",")] if options.only else list(SHAPES)
    unknown = [name for name in names if name not in SHAPES]
    if unknown:
        parser.error(f"no shape {', '.join(unknown)}; the shapes: {', '.join(SHAPES)}")
    top = max(1024, int(options.max_mb * options.scale * MEGABYTE))
    summary = []
    for name in names:
        rows = []
        for size in (top // 4, top // 2, top):
            done = subprocess.run(
                [sys.executable, __file__, "--runs", str(options.runs), "--one", name, str(size)],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                print(f"{name} at {size} bytes failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
                return 1
            row = json.loads(done.stdout)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        checked = [row for row in rows if not row["error"]] or rows  # a size refused (over a limit) costs nothing
        summary.append(
            (
                name,
                exponent(checked[0], checked[-1], "seconds"),
                exponent(checked[0], checked[-1], "added_mb"),
                checked[-1],
            )
        )
    print("", file=sys.stderr)
    print(
        f"{'shape':<28} {'time exponent':>13} {'memory exponent':>15} {'largest: cpu s':>14} {'peak MB':>8}",
        file=sys.stderr,
    )
    for name, time_exponent, memory_exponent, largest in summary:
        print(
            f"{name:<28} {time_exponent:>13.2f} {memory_exponent:>15.2f} {largest['seconds']:>14.2f} "
            f"{largest['peak_mb']:>8.0f}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main(sys.argv[1:]))
