"""Held-out quality of doccheck: recall of injected slips, false alarms on clean text.

    python bench/quality/evaluate.py [--corpus DIR] [--copies N] [--seed S] [--json OUT] [--part tuning]
        [--kinds KIND ...] [--spelling precise|thorough]

Documents: the held-out part of the shared corpus (``held_out``: a fixed quarter
chosen by a hash of the file name, never looked at when tuning a rule). Each
document is checked as it is (its findings are false alarms until a person
confirms them) and in one-defect copies made by ``inject.py``. ``--part tuning``
runs the same measure on the other three quarters, the documents a rule may be
tuned on. A slip counts as
found when a finding overlaps it (one character of slack on each side) that the
clean document does not have at the same place. Recall is given at two levels:
warnings and errors only, and counting info findings ("可能的错别字") too.
The findings on the clean originals are listed by rule and one by one (file, line,
code, excerpt); those a person has checked and found to be real defects of the
original (``confirmed_defects.tsv``) are counted apart from the false alarms.
doccheck runs as a user runs it: one ``doccheck check --format json`` over a folder,
with the spelling model in its default mode (``precise``) unless ``--spelling thorough``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inject import INJECTORS, Injection

REPOSITORY = Path(__file__).resolve().parents[2]
HELD_OUT_SHARE = 4  # one document in four
CONFIRMED_DEFECTS = Path(__file__).resolve().parent / "confirmed_defects.tsv"


def held_out(corpus: Path) -> list[Path]:
    """The held-out documents: a fixed quarter of the corpus, by a hash of the name."""
    files = sorted(path for path in corpus.glob("*.txt"))
    return [path for path in files if _is_held_out(path)]


def tuning(corpus: Path) -> list[Path]:
    """The documents a rule may be tuned on: the three quarters not held out."""
    return [path for path in sorted(corpus.glob("*.txt")) if not _is_held_out(path)]


def _is_held_out(path: Path) -> bool:
    return hashlib.sha256(path.name.encode()).digest()[0] % HELD_OUT_SHARE == 0


def confirmed_defects(path: Path = CONFIRMED_DEFECTS) -> set[tuple[str, int, str]]:
    """(file name, line, code) of the findings on clean corpus documents that a person
    checked and found to be real defects of the document: not false alarms."""
    confirmed = set()
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        name, line, code, *_ = row.split("\t")
        confirmed.add((name, int(line), code))
    return confirmed


def run_doccheck(folder: Path, spelling: str = "precise") -> dict[str, list[dict]]:
    command = [
        sys.executable,
        "-c",
        "from checker.cli import main; main()",
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--spelling",
        spelling,
        str(folder),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY)
    if done.returncode not in (0, 1):
        raise SystemExit(f"doccheck failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    return {Path(file["path"]).name: file.get("findings", []) for file in report["files"]}


def found(injection: Injection, findings: list[dict], clean: set[tuple[str, int]], levels: set[str]) -> bool:
    if injection.line is not None:
        return found_in_file(injection, findings, clean, levels)
    for finding in findings:
        if finding["severity"] not in levels:
            continue
        if finding["end"] < injection.start - 1 or finding["start"] > injection.end + 1:
            continue
        original_start = finding["start"] if finding["start"] < injection.start else finding["start"] - injection.delta
        if (finding["code"], original_start) not in clean:
            return True
    return False


def found_in_file(injection: Injection, findings: list[dict], control: set[tuple[str, int]], levels: set[str]) -> bool:
    """For a copy in another format (Markdown), placed by line and column in the file: a finding
    on the defect's line, over its columns, that its control (the same file without the defect)
    does not have on that line."""
    assert injection.line is not None and injection.column is not None
    first, last = injection.column, injection.column + len(injection.after) - 1
    return any(
        finding["severity"] in levels
        and finding["line"] == injection.line
        and finding["column"] <= last + 1
        and finding["end_column"] >= first - 1
        and (finding["code"], finding["line"]) not in control
        for finding in findings
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPOSITORY.parent / "shared" / "corpus")
    parser.add_argument("--copies", type=int, default=3, help="one-defect copies per document and kind")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument(
        "--part",
        choices=("held-out", "tuning"),
        default="held-out",
        help="the held-out quarter (default) or the three quarters rules are tuned on",
    )
    parser.add_argument(
        "--show-misses", action="store_true", help="print each slip not found (for the tuning part only)"
    )
    parser.add_argument("--kinds", nargs="+", choices=sorted(INJECTORS), help="only these kinds of slip")
    parser.add_argument(
        "--spelling",
        choices=("precise", "thorough"),
        default="precise",
        help="the spelling model's mode (the setting spelling): precise, the default, or thorough",
    )
    options = parser.parse_args()
    injectors = {kind: INJECTORS[kind] for kind in options.kinds} if options.kinds else INJECTORS

    documents = held_out(options.corpus) if options.part == "held-out" else tuning(options.corpus)
    injections: dict[str, Injection] = {}
    original_names: dict[str, str] = {}  # the number a clean copy is written under → its file name
    characters = 0
    with tempfile.TemporaryDirectory(prefix="doccheck-quality-") as folder:
        root = Path(folder)
        for number, path in enumerate(documents):
            text = path.read_text(encoding="utf-8")
            characters += len(text)
            (root / f"{number:03d}-clean.txt").write_text(text, encoding="utf-8")
            original_names[f"{number:03d}"] = path.name
            for kind, inject in injectors.items():
                for copy in range(options.copies):
                    rng = random.Random(f"{options.seed}/{path.name}/{kind}/{copy}")
                    injection = inject(text, rng)
                    if injection is not None:
                        name = f"{number:03d}-{kind}-{copy}{injection.suffix}"
                        (root / name).write_text(injection.text, encoding="utf-8")
                        injections[name] = injection
                        if injection.control is not None:
                            control = f"{number:03d}-{kind}-{copy}-control{injection.suffix}"
                            (root / control).write_text(injection.control, encoding="utf-8")
        findings = run_doccheck(root, options.spelling)

    clean_sets = {}
    alarms: Counter[str] = Counter()
    alarm_rules: Counter[str] = Counter()
    info_rules: Counter[str] = Counter()
    defect_rules: Counter[str] = Counter()  # warnings/errors a person confirmed as real defects
    confirmed = confirmed_defects()
    clean_findings = []
    # on the controls (a correct table added to a document): what the clean text has not
    control_sets: dict[str, set[tuple[str, int]]] = {}
    control_alarms: Counter[str] = Counter()
    for name, items in findings.items():
        stem, _, suffix = name.rpartition(".")
        if stem.endswith("-control"):
            control_sets[stem[: -len("-control")] + "." + suffix] = {(f["code"], f["line"]) for f in items}
            control_alarms.update(f["code"] for f in items if f["code"].startswith("NC2"))
            continue
        if name.endswith("-clean.txt"):
            clean_sets[name[:3]] = {(f["code"], f["start"]) for f in items}
            original = original_names[name[:3]]
            for f in items:
                is_defect = (original, f["line"], f["code"]) in confirmed
                clean_findings.append(
                    {
                        "file": original,
                        "line": f["line"],
                        "code": f["code"],
                        "severity": f["severity"],
                        "excerpt": f.get("excerpt", ""),
                        "confirmed_defect": is_defect,
                    }
                )
                if f["severity"] == "info":
                    alarms["info"] += 1
                    info_rules[f["code"]] += 1
                elif is_defect:
                    alarms["confirmed_defect"] += 1
                    defect_rules[f["code"]] += 1
                else:
                    alarms[f["severity"]] += 1
                    alarm_rules[f["code"]] += 1
    strong, any_level = {"warning", "error"}, {"warning", "error", "info"}
    per_kind: dict[str, Counter[str]] = {kind: Counter() for kind in injectors}
    for name, injection in injections.items():
        items = findings.get(name, [])
        clean = control_sets.get(name, set()) if injection.control is not None else clean_sets[name[:3]]
        counts = per_kind[injection.kind]
        counts["injected"] += 1
        counts["found_warning"] += found(injection, items, clean, strong)
        counts["found_any"] += found(injection, items, clean, any_level)
        if options.show_misses and not found(injection, items, clean, any_level):
            context = injection.text[max(0, injection.start - 12) : injection.end + 12].replace("\n", " ")
            print(f"missed {name} {injection.before} → {injection.after}: …{context}…")

    per_10k = 10000 / characters
    figures = {
        "documents": len(documents),
        "characters": characters,
        "seed": options.seed,
        "copies": options.copies,
        "spelling": options.spelling,
        "recall": {
            kind: {
                "injected": c["injected"],
                "warning_or_error": round(c["found_warning"] / c["injected"], 3) if c["injected"] else None,
                "any_level": round(c["found_any"] / c["injected"], 3) if c["injected"] else None,
            }
            for kind, c in per_kind.items()
        },
        "clean_findings_per_10k_chars": {
            "warning_or_error": round((alarms["warning"] + alarms["error"] + alarms["confirmed_defect"]) * per_10k, 3),
            "info": round(alarms["info"] * per_10k, 3),
        },
        "false_alarms_per_10k_chars": {
            "warning_or_error": round((alarms["warning"] + alarms["error"]) * per_10k, 3),
            "info": round(alarms["info"] * per_10k, 3),
        },
        "warnings_and_errors_by_rule": dict(alarm_rules.most_common()),
        "confirmed_defects_by_rule": dict(defect_rules.most_common()),
        "info_by_rule": dict(info_rules.most_common()),
        "clean_findings": clean_findings,
        "table_rule_findings_on_correct_tables": dict(control_alarms.most_common()),
        "correct_tables": len(control_sets),
    }
    print(
        f"{options.part} documents: {len(documents)} ({characters:,} characters), seed {options.seed}, "
        f"{options.copies} copies per kind, spelling {options.spelling}"
    )
    print(f"{'kind':<24}{'injected':>9}{'found (warning+)':>18}{'found (any level)':>19}")
    for kind, row in figures["recall"].items():
        if row["injected"]:
            print(f"{kind:<24}{row['injected']:>9}{row['warning_or_error']:>18.1%}{row['any_level']:>19.1%}")
    seen, alarm = figures["clean_findings_per_10k_chars"], figures["false_alarms_per_10k_chars"]
    print(
        f"findings on the clean originals per 10,000 characters: {seen['warning_or_error']} warnings/errors, "
        f"{seen['info']} info"
    )
    print(
        f"false alarms on the clean originals per 10,000 characters: {alarm['warning_or_error']} warnings/errors "
        f"(not counting {alarms['confirmed_defect']} confirmed defects of the originals), {alarm['info']} info"
    )
    print("false-alarm warnings/errors by rule:", figures["warnings_and_errors_by_rule"])
    print("confirmed defects by rule:", figures["confirmed_defects_by_rule"])
    print("info findings by rule:", figures["info_by_rule"])
    for item in clean_findings:  # what a person has still to judge (all of them are in --json)
        if item["severity"] != "info" and not item["confirmed_defect"]:
            print(f"  not confirmed: {item['file']}:{item['line']} {item['code']} {item['severity']} {item['excerpt']}")
    if control_sets:
        print(
            f"table rules (NC2xx) on the {len(control_sets)} correct tables of the controls:",
            figures["table_rule_findings_on_correct_tables"] or "none",
        )
    if options.json:
        options.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
