"""No regular expression that runs over user text backtracks catastrophically.

The patterns are collected, not listed, so that a pattern a new rule adds is tested
without anyone remembering to: every ``re.Pattern`` (or ``patterns.lazy``) held at module level in
``checker/`` (directly or in a dict, list or tuple there), every pattern compiled while
the full rule set checks the samples (``re``'s own cache, emptied first, catches
``re.sub(r"…", …)`` inside functions and the patterns built from rule packs;
``checker.core.patterns`` lists what was stated with it), and every
terminal of the grammars in ``grammar/``, which the Lark lexer runs over each line.

Each pattern then meets adversarial strings built from its own literal characters
and from the characters 公文 are made of: long runs of one character, of a pair, and
random mixtures, each followed by a character that makes the match fail late — the
shape that makes a nested quantifier explore exponentially many ways. A run is cut
off by a timer; the cap is generous (a safe pattern needs milliseconds), so a
failure means a pattern that does not finish, not a slow machine. How the time
grows with the input is shown by ``bench/run.py``, not asserted here.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
import signal
import sys
import time
import zlib
from pathlib import Path

import pytest

import checker
from tests.conftest import ROOT, SAMPLES

LENGTH = 1000  # characters in each adversarial string
CAP = 5.0  # seconds for all the strings of one pattern
COMMON = list("1１一十〇。，、；：.,%％（）()《》“”【】 \u3000\ta年月日第是元万亿条章节的和-/\n")
_META = set("\\^$.|?*+()[]{}")


class Timeout(Exception):
    pass


# -- collecting the patterns ----------------------------------------------------------
def _modules():
    found = []
    for info in pkgutil.walk_packages(checker.__path__, "checker."):
        try:
            found.append(importlib.import_module(info.name))
        except ImportError:  # an optional reader whose library is not installed
            continue
    return found


def _patterns_in(value, depth=0):
    from checker.core.patterns import LazyPattern

    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, LazyPattern):
        yield value.compiled()
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _patterns_in(item, depth + 1)


def _grammar_terminals():
    from lark import Lark

    for path in sorted((ROOT / "grammar").glob("*.lark")):
        try:
            grammar = Lark.open(str(path), parser="lalr", lexer="contextual", cache=True)
        except Exception:  # a fragment meant to be imported by another grammar
            continue
        for terminal in grammar.terminals:
            yield f"grammar/{path.name}:{terminal.name}", re.compile(terminal.pattern.to_regexp(), re.M)


def _compiled_by_checker(run) -> list[re.Pattern]:
    """Patterns that code in ``checker/`` compiles (or fetches from ``re``'s cache) while
    ``run()`` runs. Patterns a library compiles for its own data (pypinyin's tone
    rules run over pinyin syllables, not over the document) are not ours to judge,
    and whether they are compiled at all depends on what is cached on disk."""
    package = str(Path(checker.__file__).resolve().parent)
    re_package = str(Path(re.__file__).resolve().parent)
    original = re._compile
    compiled: list[re.Pattern] = []

    def recording(pattern, flags, *args, **kwargs):
        result = original(pattern, flags, *args, **kwargs)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.startswith(re_package):
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename.startswith(package):
            compiled.append(result)
        return result

    re.purge()
    re._compile = recording
    try:
        run()
    finally:
        re._compile = original
    return compiled


def collect() -> dict[str, re.Pattern]:
    found: dict[tuple, tuple[str, re.Pattern]] = {}

    def add(label, pattern):
        source = pattern.pattern
        if not isinstance(source, str):
            return
        if source.startswith("(?s:") and source.endswith(")\\Z"):
            return  # fnmatch's translation of a file glob: it runs over paths, not over the text
        found.setdefault((source, pattern.flags), (label, pattern))

    for module in _modules():
        if module.__name__ == "checker.core.patterns":
            continue  # its cache holds every module's patterns: they are labelled below
        for name, value in vars(module).items():
            for pattern in _patterns_in(value):
                add(f"{module.__name__}.{name}", pattern)
    from checker.run.engine import check_text

    def check_everything():
        for path in sorted(SAMPLES.glob("*.txt")):
            check_text(path.read_text(encoding="utf-8"))
        check_text(
            "一、总体要求\n（一）截止2024年12月31日，共计1,234.5万元，其中甲1万元、乙2万元，增长3.4%。\n"
            "一是加强领导；二是完善制度。第一，……\n附件：1.方案\n2024年2月30日\n"
        )

    for value in _compiled_by_checker(check_everything):
        add(f"compiled while checking: {value.pattern[:50]!r}", value)
    from checker.core import patterns

    for value in patterns.compiled():  # stated with checker.core.patterns.lazy
        add(f"compiled by checker.core.patterns: {value.pattern[:50]!r}", value)
    for label, pattern in _grammar_terminals():
        add(label, pattern)
    labelled: dict[str, re.Pattern] = {}
    for (source, flags), (label, pattern) in found.items():
        if label in labelled:  # two patterns whose labels read alike: tell them apart
            label = f"{label} #{zlib.crc32(f'{flags}:{source}'.encode()):08x}"
        labelled[label] = pattern
    return labelled


PATTERNS = collect()


# -- the adversarial strings ------------------------------------------------------------
def literal_characters(source: str) -> list[str]:
    """Characters a pattern matches literally (roughly: what is not regex syntax)."""
    chars, escaped = [], False
    for ch in source:
        if escaped:
            escaped = False
            if not ch.isalpha():
                chars.append(ch)
            continue
        if ch == "\\":
            escaped = True
        elif ch not in _META:
            chars.append(ch)
    return list(dict.fromkeys(chars))


def adversarial(pattern: re.Pattern) -> list[str]:
    own = literal_characters(pattern.pattern)
    alphabet = list(dict.fromkeys(own + COMMON))
    strings = []
    for ch in alphabet:
        strings += [ch * LENGTH, ch * LENGTH + "\x00"]
    for first in [*own[:10], "1", "一", "，"]:
        for second in [*own[:10], "1", "一", "，", " "]:
            if first != second:
                strings.append((first + second) * (LENGTH // 2) + "\x00")
    generator = random.Random(pattern.pattern)
    for pool in (own or COMMON, alphabet, [*own, "1", "\x00"]):
        for _ in range(4):
            strings.append("".join(generator.choice(pool) for _ in range(LENGTH)) + "\x00")
    return strings


def _alarm(signum, frame):
    raise Timeout


def test_patterns_were_collected_from_modules_grammar_and_checks():
    labels = " ".join(PATTERNS)
    assert len(PATTERNS) >= 20
    assert "grammar/outline.lark:" in labels
    assert "checker.model.outline." in labels
    assert "compiled while checking" in labels


@pytest.mark.parametrize("label", sorted(PATTERNS))
def test_pattern_finishes_on_adversarial_input(label):
    pattern = PATTERNS[label]
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CAP)
    start = time.perf_counter()
    current = ""
    try:
        for current in adversarial(pattern):
            for _ in pattern.finditer(current):
                pass
            pattern.fullmatch(current)
    except Timeout:
        shape = current[:12] + "…" if current else ""
        pytest.fail(
            f"{label}: /{pattern.pattern}/ did not finish within {CAP} s on {len(current)} characters "
            f"starting {shape!r}: it backtracks catastrophically"
        )
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - start < CAP
