"""Sentence-level detection and correction on a public spelling benchmark.

    python bench/quality/spelling_benchmark.py FILE [--format ecspell|sighan] [--json OUT]
        [--select CODE ...] [--spelling precise|thorough] [--show-wrong]

FILE is read from where it lies and never copied into the repository:

- ``ecspell``: the domain sets of ECSpell (github.com/aopolin-lv/ECSpell, MIT licence,
  ``Data/domains_data/law.test`` and its ``med``/``odw`` siblings): one sentence a
  line, ``number of wrong characters<TAB>sentence as written<TAB>corrected sentence``;
- ``sighan``: two columns, ``sentence as written<TAB>corrected sentence``.

Each sentence is checked as the body of a document (under a neutral title line, so
that it is read as running text) with the rules that report wrong characters: the
rule packs (TY1xx), the spelling model (TY201, TY202) and official names (TM103).
A finding's fix is applied when it replaces characters one for one. A line whose two
sentences differ in length is no substitution pair: it is left out, named on standard
error and counted (``left_out``). Figures are the
usual sentence-level ones (as in SIGHAN 2015's scorer): a sentence counts for
*detection* when the set of positions the findings change equals the set of wrong
positions, and for *correction* when the corrected sentence equals the reference;
precision is over the sentences with a finding, recall over the sentences with an
error. A sentence with two wrong characters of which one is found counts against
both, so character-level figures are given too: of the characters the findings point
at, how many are wrong ones (and how many of those are corrected right), over the
wrong characters of the set. They are given for warnings and errors only, and
counting info findings (可能的错别字) too. Nothing is trained or tuned on these sets.
``--select`` measures other rules (``--select TY2``: the spelling model alone);
``--spelling`` chooses the model's mode (the setting ``spelling``; default ``precise``).
The characters are also counted by rule (``by_rule``: how many each rule's findings
change, and how many of those they correct right); ``--show-wrong`` names, on standard
error, each character a warning or error gets wrong (a train split's, never a test
split's: those are measured, not read).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY))

TITLE = "关于有关事项的通知\n\n"  # the sentence below it is the body
RULES = ["TY1", "TY201", "TY202", "TY203", "TM103"]


def read_pairs(path: Path, form: str) -> tuple[list[tuple[str, str]], list[int]]:
    """The (written, corrected) pairs of the file, and the numbers of the lines left out:
    those whose two sentences differ in length are no substitution pairs (a line of
    ECSpell's odw train split drops a character), and the figures are over the others."""
    pairs, left_out = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        columns = line.split("\t")
        written, right = (columns[1], columns[2]) if form == "ecspell" else (columns[0], columns[1])
        if len(written) != len(right):
            left_out.append(number)
            continue
        pairs.append((written, right))
    return pairs, left_out


def corrected(sentence: str, findings: list, levels: set[str]) -> tuple[str, dict[int, str]]:
    """The sentence with the one-for-one fixes of the findings at ``levels`` applied,
    and the positions the findings point at, each with the code of the last finding
    that changes it (the one whose character the output has)."""
    characters = list(sentence)
    flagged: dict[int, str] = {}
    offset = len(TITLE)
    for finding in findings:
        if finding.severity.value not in levels:
            continue
        fix = finding.fix
        start, end = (fix.start, fix.end) if fix is not None else (finding.start, finding.end)
        start, end = start - offset, end - offset
        if start < 0 or end > len(sentence):
            continue
        replacement = fix.replacement if fix is not None else None
        if replacement is not None and len(replacement) == end - start:
            for index, char in enumerate(replacement):
                if characters[start + index] != char:
                    characters[start + index] = char
                    flagged[start + index] = finding.code
        else:
            flagged.update(dict.fromkeys(range(start, end), finding.code))
    return "".join(characters), flagged


def scores(true_positive: int, predicted: int, actual: int) -> dict[str, float]:
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--format", choices=("ecspell", "sighan"), default="ecspell")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--select", nargs="+", default=RULES, help="the rules (codes or prefixes) to measure")
    parser.add_argument(
        "--spelling", choices=("precise", "thorough"), default="precise", help="the spelling model's mode"
    )
    parser.add_argument(
        "--show-wrong",
        action="store_true",
        help="name each character a warning or error gets wrong, on standard error (for train splits only)",
    )
    options = parser.parse_args()

    from checker.core.config import Settings
    from checker.run.engine import check_text

    pairs, left_out = read_pairs(options.file, options.format)
    for number in left_out:
        print(f"{options.file}:{number}: the two sentences differ in length; left out", file=sys.stderr)
    settings = Settings(select=options.select, spelling=options.spelling)
    results = [(written, right, check_text(TITLE + written + "\n", settings)) for written, right in pairs]
    figures: dict[str, object] = {
        "sentences": len(pairs),
        "left_out": len(left_out),
        "with_errors": sum(written != right for written, right in pairs),
        "spelling": options.spelling,
    }
    for name, levels in (("warning_or_error", {"warning", "error"}), ("any_level", {"warning", "error", "info"})):
        predicted = detected = fixed = 0
        pointed = pointed_right = mended = wrong_characters = 0
        by_rule: dict[str, Counter[str]] = {}
        for number, (written, right, findings) in enumerate(results):
            output, codes = corrected(written, findings, levels)
            flagged = set(codes)
            wrong = {index for index, (a, b) in enumerate(zip(written, right, strict=True)) if a != b}
            for index, code in codes.items():
                counts = by_rule.setdefault(code, Counter())
                counts["characters"] += 1
                counts["right"] += index in wrong and output[index] == right[index]
                if options.show_wrong and name == "warning_or_error" and output[index] != right[index]:
                    print(
                        f"pair {number + 1}: {code} {written[index]} → {output[index]} (reference {right[index]}): "
                        f"{written[max(0, index - 8) : index + 9]}",
                        file=sys.stderr,
                    )
            wrong_characters += len(wrong)
            pointed += len(flagged)
            pointed_right += len(flagged & wrong)
            mended += sum(output[index] == right[index] for index in flagged & wrong)
            if flagged:
                predicted += 1
                detected += bool(wrong) and flagged == wrong
                fixed += bool(wrong) and output == right
        actual = figures["with_errors"]
        assert isinstance(actual, int)
        figures[name] = {
            "flagged_sentences": predicted,
            "detection": scores(detected, predicted, actual),
            "correction": scores(fixed, predicted, actual),
            "characters": {
                "detection": scores(pointed_right, pointed, wrong_characters),
                "correction": scores(mended, pointed, wrong_characters),
            },
            # the characters each rule changes (or points at) and how many it corrects right
            "by_rule": {code: dict(counts) for code, counts in sorted(by_rule.items())},
        }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if options.json:
        options.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
