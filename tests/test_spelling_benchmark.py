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
