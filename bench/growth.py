"""Time of a full check against input size for hostile shapes of text.

``growth.py [--scale S]`` prints one JSON row per (shape, size): the CPU seconds of
the better of two checks (CPU time, because other users of a shared machine disturb
it far less than wall time). Each shape is
checked at three sizes, each double the last; the largest is the hostile input the
robustness tests use (a 1-million-character line, 10,000 nested brackets, 10,000
headings …) times ``scale``. Linear growth doubles the time at each step; quadratic
growth quadruples it. Run by ``bench/run.py`` in a fresh process, after a warm-up.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

_DIGITS = "一二三四五六七八九"
_SENTENCE = "各单位要认真落实（2024年）工作要求，完成投资12.5亿元，同比增长3.4%；"


def chinese_number(value: int) -> str:
    """1‥99 as 一 … 九十九."""
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return head + (_DIGITS[ones - 1] if ones else "")


def single_line(size: int) -> str:
    """One line of ``size`` characters: sentences with numbers and brackets, no line break."""
    return (_SENTENCE * (size // len(_SENTENCE) + 1))[:size]


def nested_brackets(depth: int) -> str:
    """``depth`` opening brackets of mixed kinds, a word, and the closings in reverse."""
    pairs = ["（）", "【】", "《》", "“”", "()", "[]"]
    opening = "".join(pairs[i % len(pairs)][0] for i in range(depth))
    closing = "".join(pairs[i % len(pairs)][1] for i in reversed(range(depth)))
    return "关于" + opening + "事项" + closing + "的通知。\n"


def unclosed_brackets(count: int) -> str:
    """``count`` brackets and quotes that never close, on one line."""
    return "（“甲【乙《丙" * (count // 5) + "。\n"


def headings(count: int) -> str:
    """``count`` numbered heading lines of all four levels, numbering that keeps skipping."""
    styles = ("{}、工作任务", "（{}）具体要求", "{n}.主要措施", "（{n}）落实分工")
    lines = []
    for index in range(count):
        number = index // 4 % 99 + 1
        style = styles[index % 4]
        lines.append(style.format(chinese_number(number), n=number) + "。")
    return "\n".join(lines) + "\n"


def long_numbers(size: int) -> str:
    """Lines with 500-digit numbers, grouped and ungrouped, as amounts and percentages."""
    digits = "1234567890" * 50
    grouped = ",".join(digits[i:i + 3] for i in range(0, len(digits), 3))
    line = f"合计{digits}元，其中{grouped}万元，占{digits[:40]}.{digits}%，增长{digits}倍。\n"
    return line * max(1, size // len(line))


SHAPES: dict[str, tuple[Callable[[int], str], int, str]] = {
    # name: (builder, largest size, unit of the size)
    "single line": (single_line, 1_000_000, "chars"),
    "nested brackets": (nested_brackets, 10_000, "depth"),
    "unclosed brackets": (unclosed_brackets, 100_000, "marks"),
    "headings": (headings, 10_000, "lines"),
    "long digit runs": (long_numbers, 1_000_000, "chars"),
}


def main(argv: list[str]) -> int:
    scale = float(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1.0
    from checker.run.engine import check_text

    check_text(headings(8) + single_line(200))  # warm-up: imports, rules, dictionaries
    for name, (build, largest, unit) in SHAPES.items():
        top = max(8, int(largest * scale))
        for size in (top // 4, top // 2, top):
            text = build(size)
            timings = []
            for _ in range(2):  # the better of two: CPU time, which other users' load disturbs least
                start = time.process_time()
                findings = check_text(text)
                timings.append(time.process_time() - start)
            seconds = min(timings)
            print(json.dumps({"shape": name, "size": size, "unit": unit, "chars": len(text),
                              "seconds": seconds, "findings": len(findings)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
