"""The package's shape: layers imported only downwards, and no module using another's private names.

The layers (core → load → model → rules → run → report → cli) are a contract of
import-linter in pyproject.toml, run here as CI runs it. That a module keeps its
private names (``_name``) to itself import-linter cannot say, so the test below
reads every module of checker/ and lists the imports that break it.
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "checker"


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(source: str, module: str) -> list[str]:
    """``from checker.x import _name`` in ``source`` (the module ``module``), as "module: line"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and (node.module == "checker" or node.module.startswith("checker.")):
            for alias in node.names:
                if is_private(alias.name) or any(is_private(part) for part in node.module.split(".")):
                    found.append(f"{module}:{node.lineno} imports {alias.name} from {node.module}")
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_private_import_finder_flags_a_private_name_and_passes_public_ones():
    source = "from checker.rules.registry import Hit, _RULES\nfrom checker.core.version import __version__\n"
    assert private_imports(source, "checker.example") == [
        "checker.example:1 imports _RULES from checker.rules.registry"]


def test_no_module_imports_a_private_name_of_another_module():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        offenders += private_imports(path.read_text(encoding="utf-8"), module_name(path))
    assert offenders == []


def lint_imports() -> str | None:
    beside_python = Path(sys.executable).with_name("lint-imports")
    return str(beside_python) if beside_python.exists() else shutil.which("lint-imports")


def test_the_import_contracts_of_pyproject_are_kept():
    executable = lint_imports()
    if executable is None:
        pytest.skip("lint-imports is not installed (pip install -e '.[test]' installs it)")
    done = subprocess.run([executable, "--no-cache"], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
