"""The instruction-count benchmark (bench/instructions.py): valgrind is optional tooling."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "instructions.py"


def test_without_valgrind_it_says_so_and_exits_2(tmp_path):
    # a PATH with neither valgrind nor callgrind_annotate on it
    env = dict(os.environ, PATH=str(tmp_path))
    done = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert "valgrind is not installed" in done.stderr
    assert "Traceback" not in done.stderr


def test_own_instructions_are_read_per_function_without_the_build_folders(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import instructions
    finally:
        sys.path.remove(str(SCRIPT.parent))
    annotate = tmp_path / "callgrind_annotate"
    annotate.write_text(
        "#!/bin/sh\n"
        "echo '7,000 (100.0%)  PROGRAM TOTALS'\n"
        "echo '1,200 (17.14%)  /tmp/build/Python/ceval.c:_PyEval_EvalFrameDefault [/usr/lib/libpython3.11.so]'\n"
        "echo '   30 ( 0.43%)  ???:aho_corasick::automaton::find [/x/ahocorasick_rs.so]'\n",
        encoding="utf-8",
    )
    annotate.chmod(0o755)
    assert instructions.own_instructions(str(annotate), tmp_path / "unused.out") == {
        "ceval.c:_PyEval_EvalFrameDefault": 1200,
        "???:aho_corasick::automaton::find": 30,
    }
