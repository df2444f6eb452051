"""Where a full check's time goes: by rule, by shared view of the document, by function.

    python bench/profile_check.py                 # the bench's megabyte (bench/inputs.py)
    python bench/profile_check.py --top 40 FILE…  # other files, more functions

Each file is checked as its own document, as ``bench/throughput.py`` does, after one
untimed check of the first (imports, rule data, dictionaries). Three passes, each in a
fresh process, since a pass over the same files again would find the caches that
last from one document to the next (the spelling model's, the numerals') filled:

- by rule and view: each rule's CPU time over all files, without the shared views it
  was the first to ask for (:meth:`Document.view` and the Document's own cached
  properties), which are listed apart under the function that computes them; the
  engine's making of findings is counted with the rule;
- by function: ``cProfile`` over a plain :func:`check_document` of every file, the
  functions with the most time of their own and the most time below them;
- the plain check timed alone (no profiler, no wrapping), as ``bench/compare.py``
  times it, for the MB/s the other two passes slow down.

The wrapping of :meth:`Document.view` is this script's own (an attribute of the class
replaced for the run): no part of doccheck is changed or needed for it.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import inputs

from checker.core.config import Settings
from checker.model.document import Document
from checker.run.engine import check_document, make_finding, selected_rules

CACHED_PROPERTIES = ("line_starts", "paragraphs", "outline", "body_spans", "body_paragraphs")


class ViewClock:
    """The CPU time of each view's first computation, and how much of it fell inside
    whatever is being timed now (so that a rule is charged without its views)."""

    def __init__(self) -> None:
        self.by_view: dict[str, float] = defaultdict(float)
        self.inside = 0.0  # view time spent since the last reset

    def wrap(self) -> None:
        original = Document.view
        clock = self

        def view(doc, compute):  # type: ignore[no-untyped-def]
            if compute in doc._views:
                return doc._views[compute]
            start = time.process_time()
            outer = clock.inside
            value = original(doc, compute)
            spent = time.process_time() - start
            nested = clock.inside - outer  # views this one asked for are their own lines
            clock.by_view[f"{compute.__module__}.{compute.__qualname__}"] += spent - nested
            clock.inside = outer + spent
            return value

        Document.view = view  # type: ignore[method-assign]


def by_rule(texts: list[str], settings: Settings) -> tuple[dict[str, float], dict[str, float], float]:
    clock = ViewClock()
    clock.wrap()
    rules = selected_rules(settings)
    per_rule: dict[str, float] = defaultdict(float)
    documents = 0.0
    for text in texts:
        start = time.process_time()
        doc = Document(text, settings=settings)
        for name in CACHED_PROPERTIES:
            begun = time.process_time()
            getattr(doc, name)
            clock.by_view[f"Document.{name}"] += time.process_time() - begun
        documents += time.process_time() - start
        for rule_ in rules:
            clock.inside = 0.0
            begun = time.process_time()
            severity = settings.severity.get(rule_.code) or rule_.severity
            for hit in rule_.check(doc):
                make_finding(doc, rule_, hit, hit.severity or severity)
            per_rule[rule_.code] += time.process_time() - begun - clock.inside
    return per_rule, dict(clock.by_view), documents


def plain(texts: list[str], settings: Settings) -> float:
    start = time.process_time()
    for text in texts:
        check_document(Document(text, settings=settings), settings)
    return time.process_time() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=25, help="functions listed (default 25)")
    parser.add_argument("--pass", dest="pass_", choices=("plain", "rules", "functions"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.pass_ is None:
        for pass_ in ("plain", "rules", "functions"):
            sys.stdout.flush()
            subprocess.run([sys.executable, __file__, *argv, "--pass", pass_], check=True)
        return 0
    paths = options.files or inputs.build()["megabyte"].texts
    texts = [path.read_text(encoding="utf-8") for path in paths]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    settings = Settings.defaults()
    check_document(Document(texts[0], settings=settings), settings)  # warm-up

    if options.pass_ == "plain":
        alone = plain(texts, settings)
        print(f"{len(texts)} files, {megabytes:.2f} MB; plain check {alone:.2f} s CPU, {megabytes / alone:.2f} MB/s")
    elif options.pass_ == "rules":
        per_rule, per_view, documents = by_rule(texts, settings)
        total = sum(per_rule.values()) + sum(per_view.values())
        print(f"\nby rule (without the views) and by view: {total:.2f} s CPU in all, Document() {documents:.3f} s")
        rows = [(seconds, "rule", code) for code, seconds in per_rule.items()]
        rows += [(seconds, "view", name) for name, seconds in per_view.items()]
        for seconds, kind, name in sorted(rows, reverse=True):
            if seconds >= 0.001:
                share = 100 * seconds / total
                print(f"  {seconds:7.3f} s  {seconds / megabytes:6.3f} s/MB  {share:5.1f} %  {kind}  {name}")
    else:
        profiler = cProfile.Profile()
        profiler.enable()
        plain(texts, settings)
        profiler.disable()
        for order in ("tottime", "cumulative"):
            print(f"\nby function, sorted by {order}:")
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(order).print_stats(options.top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
