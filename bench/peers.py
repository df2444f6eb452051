"""The tools a user might pick instead of doccheck, installed into ``bench/.peers/``.

autocorrect-py comes from PyPI (``pip install --target``), zhlint and @lint-md/cli
from npm (``npm install --prefix``). Versions are pinned so that two runs of the
bench compare the same peers. Nothing is installed outside ``bench/.peers/``; a peer
that cannot be installed (no network, no node) is reported and left out of the table.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".peers"
PYTHON_TARGET = PEERS / "python"
NPM_PREFIX = PEERS / "npm"

AUTOCORRECT = "autocorrect-py==2.14.0"
# The interpreter that installs and runs autocorrect-py (its wheel is built for one
# Python): bench/run.py sets it to the one that runs doccheck.
PYTHON = sys.executable
NPM_PACKAGES = ["zhlint@0.8.2", "@lint-md/cli@2.2.4"]


def _install_python(log: Callable[[str], None]) -> str | None:
    if (PYTHON_TARGET / "autocorrect_py").is_dir():
        return None
    log(f"installing {AUTOCORRECT} into {PYTHON_TARGET.relative_to(HERE.parent)} …")
    done = subprocess.run(
        [
            PYTHON,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            str(PYTHON_TARGET),
            AUTOCORRECT,
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        return output.splitlines()[-1] if output else "pip failed"
    return None


def _install_npm(log: Callable[[str], None]) -> str | None:
    binaries = NPM_PREFIX / "node_modules" / ".bin"
    if (binaries / "zhlint").exists() and (binaries / "lint-md").exists():
        return None
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return "node/npm not found"
    log(f"installing {' '.join(NPM_PACKAGES)} into {NPM_PREFIX.relative_to(HERE.parent)} …")
    NPM_PREFIX.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(NPM_PREFIX), *NPM_PACKAGES],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return lines[-1] if lines else "npm install failed"
    return None


def install(log: Callable[[str], None]) -> dict[str, str | None]:
    """Install the peers; returns peer → None when usable, else the reason it is not."""
    python_problem = _install_python(log)
    npm_problem = _install_npm(log)
    return {"autocorrect-py": python_problem, "zhlint": npm_problem, "lint-md": npm_problem}


def autocorrect_command(files: list[str]) -> list[str]:
    """autocorrect-py has no command line of its own: a four-line driver lints the files."""
    return [PYTHON, str(HERE / "autocorrect_lint.py"), *files]


def zhlint_command(files: list[str]) -> list[str]:
    return [str(NPM_PREFIX / "node_modules" / ".bin" / "zhlint"), *files]


def lint_md_command(files: list[str]) -> list[str]:
    return [str(NPM_PREFIX / "node_modules" / ".bin" / "lint-md"), *files]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PYTHON_TARGET)
    return env
