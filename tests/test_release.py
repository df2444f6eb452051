"""Releases: one version everywhere, and the pre-commit hook and the Action as users get them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker.core.version import __version__

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
TAG = f"v{__version__}"


# -- one version ------------------------------------------------------------------------------


def test_the_newest_changelog_release_is_the_package_version():
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", CHANGELOG, re.MULTILINE)
    assert releases and releases[0] == __version__


def test_the_changelog_keeps_an_unreleased_section_above_the_releases():
    headings = re.findall(r"^## \[([^\]]+)\]", CHANGELOG, re.MULTILINE)
    assert headings[0] == "Unreleased"


def test_the_readme_examples_name_the_release_tag():
    revs = re.findall(r"^\s*rev: (\S+)", README, re.MULTILINE)
    uses = re.findall(r"uses: \S*/doccheck@(\S+)", README)
    assert revs and uses
    assert set(revs) | set(uses) == {TAG}


def test_doccheck_version_is_the_package_version():
    from click.testing import CliRunner

    from checker.cli import main

    assert CliRunner().invoke(main, ["--version"]).output.strip().endswith(__version__)


# -- what the hook and the Action install -----------------------------------------------------


def test_the_pre_commit_hook_installs_every_reader():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["language"] == "python"
    assert hook["additional_dependencies"] == [".[all]"]


def test_the_action_installs_every_reader_unless_told_otherwise():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["extras"]["default"] == "all"
    install = next(step for step in action["runs"]["steps"] if step.get("name") == "Install doccheck")
    assert install["env"] == {"DOCCHECK_EXTRAS": "${{ inputs.extras }}"}
    assert '"${target}[${DOCCHECK_EXTRAS}]"' in install["run"]


def test_the_action_steps_runner_reads_action_yml():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / ".ci" / "action-steps"),
            "--dry-run",
            "--input",
            "paths=docs/",
            "--input",
            "extras=docx",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f'    target="{ROOT}"' in result.stdout  # ${{ github.action_path }}, as on a runner
    assert "doccheck check --format sarif" in result.stdout


# -- the hook, run by pre-commit --------------------------------------------------------------


def _index_reachable() -> bool:
    """Can pip reach a package index (pre-commit installs the hook's environment with it)?"""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", "python-docx"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return result.returncode == 0


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_try_repo_reports_the_defect_of_a_docx(tmp_path):
    docx = pytest.importorskip("docx")
    if not _index_reachable():
        pytest.skip("offline: pip reaches no package index, so pre-commit cannot install the hook")
    project = tmp_path / "project"
    project.mkdir()
    document = docx.Document()
    for text in ("关于开展安全检查的通知", "各单位：", "（一）检查范围。", "（三）检查要求。"):
        document.add_paragraph(text)
    document.save(project / "notice.docx")
    _git("init", "-q", cwd=project)
    _git("add", "notice.docx", cwd=project)
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="doccheck tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="doccheck tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "doccheck", "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"notice\.docx:4:1: ST101 \[error\] 序号跳号：“（一）”之后是“（三）”", output), output
    assert "pip install" not in output  # every reader was installed: no "需要 python-docx" hint
