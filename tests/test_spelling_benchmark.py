"""The spelling benchmark's reader (bench/quality/spelling_benchmark.py)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "quality" / "spelling_benchmark.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("spelling_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_pair_of_different_lengths_is_left_out_and_named(tmp_path):
    data = tmp_path / "set.train"
    data.write_text("1\t认真洛实\t认真落实\n1\t认真实\t认真落实\n0\t加强管理\t加强管理\n", encoding="utf-8")
    pairs, left_out = _benchmark().read_pairs(data, "ecspell")
    assert pairs == [("认真洛实", "认真落实"), ("加强管理", "加强管理")]
    assert left_out == [2]


class _Fix:
    def __init__(self, start, end, replacement):
        self.start, self.end, self.replacement = start, end, replacement


class _Severity:
    def __init__(self, value):
        self.value = value


class _Finding:
    def __init__(self, code, severity, start, end, replacement):
        self.code, self.severity = code, _Severity(severity)
        self.start, self.end = start, end
        self.fix = _Fix(start, end, replacement) if replacement is not None else None


def test_each_changed_character_is_counted_for_the_rule_whose_character_stands():
    benchmark = _benchmark()
    offset = len(benchmark.TITLE)
    findings = [
        _Finding("TY201", "warning", offset + 2, offset + 4, "落实"),  # 洛 → 落; 实 unchanged
        _Finding("TY201", "info", offset + 6, offset + 8, "责任"),
        _Finding("TY101", "warning", offset + 2, offset + 3, "络"),  # later, at a changed place
    ]
    output, codes = benchmark.corrected("认真洛实主体则任", findings, {"warning", "error"})
    assert output == "认真络实主体则任"
    assert codes == {2: "TY101"}
    output, codes = benchmark.corrected("认真洛实主体则任", findings, {"warning", "error", "info"})
    assert output == "认真络实主体责任"
    assert codes == {2: "TY101", 6: "TY201"}


def test_show_wrong_names_each_wrongly_changed_character_and_counts_by_rule(tmp_path, monkeypatch, capsys):
    # the reference keeps 洛 (a made-up pair): the warning's 落 counts as a wrong character
    data = tmp_path / "set.train"
    data.write_text("0\t各部门要认真洛实主体责任。\t各部门要认真洛实主体责任。\n", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["spelling_benchmark.py", str(data), "--select", "TY2", "--show-wrong"])
    _benchmark().main()
    out, err = capsys.readouterr()
    assert err == "pair 1: TY201 洛 → 落 (reference 洛): 各部门要认真洛实主体责任。\n"
    assert '"TY201": {\n        "characters": 1,\n        "right": 0\n      }' in out
