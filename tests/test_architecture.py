"""The package's shape: layers imported only downwards, and no module using another's private names.

The layers (core → load → model → rules → run → report → api → cli) are a contract of
import-linter in pyproject.toml, run here as CI runs it. That a module keeps its
private names (``_name``) to itself import-linter cannot say, so the tests below
read every module of checker/ for the imports that break it, and every test module
for the private names of checker it imports, reads or patches (a test that needs a
rule of its own registers it with ``registry.temporary_rules``).
"""

from __future__ import annotations

import ast
import importlib
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
        if (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and (node.module == "checker" or node.module.startswith("checker."))
        ):
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
        "checker.example:1 imports _RULES from checker.rules.registry"
    ]


def test_no_module_imports_a_private_name_of_another_module():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        offenders += private_imports(path.read_text(encoding="utf-8"), module_name(path))
    assert offenders == []


def private_uses(source: str, module: str) -> list[str]:
    """In a test module: private names of checker imported, read or patched
    (``from checker.x import _y``, ``x._y`` or ``setattr(x, "_y", …)`` where x is a
    module of checker), as "module: line"."""
    found = private_imports(source, module)
    tree = ast.parse(source)
    modules = {"checker"}  # local names bound to modules of checker
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.asname for alias in node.names if alias.asname and alias.name.startswith("checker"))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("checker"):
            for alias in node.names:
                if isinstance(getattr(importlib.import_module(node.module), alias.name, None), type(ast)):
                    modules.add(alias.asname or alias.name)

    def is_checker_module(value: ast.expr) -> bool:
        while isinstance(value, ast.Attribute):
            value = value.value
        return isinstance(value, ast.Name) and value.id in modules

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr) and is_checker_module(node.value):
            found.append(f"{module}:{node.lineno} uses {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setattr"
            and len(node.args) >= 2
            and is_checker_module(node.args[0])
            and isinstance(node.args[1], ast.Constant)
            and is_private(str(node.args[1].value))
        ):
            found.append(f"{module}:{node.lineno} patches {ast.unparse(node.args[0])}.{node.args[1].value}")
    return sorted(found, key=lambda use: int(use.split(":")[1].split()[0]))  # in line order


def test_the_private_use_finder_flags_reads_and_patches_of_checker_modules_only():
    source = (
        "from checker.rules import registry\nimport checker.core.patterns as patterns\n"
        "registry._RULES.pop('X')\nmonkeypatch.setattr(patterns, '_FAST', 0)\nparagraph._p\n"
    )
    assert private_uses(source, "tests.example") == [
        "tests.example:3 uses registry._RULES",
        "tests.example:4 patches patterns._FAST",
    ]


# Rewritten or deleted on the branch speedlayer (which removes the pattern store and the
# outline's fast path these tests look into). A module here that exists must still need
# its exception: once it is clean, the test below asks for its name to be removed.
def test_no_test_imports_reads_or_patches_a_private_name_of_checker():
    offenders = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        offenders += private_uses(path.read_text(encoding="utf-8"), module_name(path))
    assert offenders == []


def lint_imports() -> str | None:
    beside_python = Path(sys.executable).with_name("lint-imports")
    return str(beside_python) if beside_python.exists() else shutil.which("lint-imports")


def test_the_import_contracts_of_pyproject_are_kept():
    executable = lint_imports()
    if executable is None:
        pytest.skip("lint-imports is not installed (pip install -e '.[test]' installs it)")
    done = subprocess.run(
        [executable, "--no-cache"], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT))
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
