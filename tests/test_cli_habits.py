"""Habits users bring from ruff: --show-fixes, --extend-select, --extend-ignore."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run

# PN201 (safe fix), PN203 (safe fix), PN212 (unsafe fix), TY101 (布署 → 部署)
DOCUMENT = (
    "工作已经完成,效果良好。\n项目已经完工，，投入使用。\n"
    "各单位要认真 落实工作要求，确保各项任务按期完成并取得实效，切实把工作做好。\n各单位要认真布署。\n"
)


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def codes(*args: str) -> list[str]:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return sorted(f["code"] for file in json.loads(result.stdout)["files"] for f in file["findings"])


def test_show_fixes_lists_the_safe_fixes_after_the_report(document):
    result = run("check", "--select", "PN", "--show-fixes", str(document))
    assert result.exit_code == 1
    listing = result.stdout.split("检查了 1 个文件\n", 1)[1]
    assert listing == (
        f"`doccheck fix` 会应用 2 处修改：\n- {document}:\n"
        "    1:7 PN201 “,” → “，”\n    2:7 PN203 “，，” → “，”\n"
        "另有 1 处不安全的修改未列出（加 --unsafe-fixes 列出）\n"
    )
    assert document.read_text(encoding="utf-8") == DOCUMENT  # nothing is fixed


def test_show_fixes_with_unsafe_fixes_lists_the_unsafe_ones_marked(document):
    result = run("check", "--select", "PN212", "--show-fixes", "--unsafe-fixes", "-q", str(document))
    assert result.stdout.endswith(
        f"`doccheck fix --unsafe-fixes` 会应用 1 处修改：\n- {document}:\n    3:7 PN212 删除 “ ”（不安全）\n"
    )


def test_show_fixes_says_when_there_is_none(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("工作已经完成。\n", encoding="utf-8")
    result = run("check", "--show-fixes", "--select", "PN", str(path))
    assert result.exit_code == 0 and result.stdout.endswith("没有可应用的修改\n")


def test_show_fixes_leaves_a_json_report_alone_and_lists_on_stderr(document):
    result = run("check", "--format", "json", "--select", "PN201", "--show-fixes", str(document))
    assert json.loads(result.stdout)["summary"]["findings"] == 1
    assert result.stderr.startswith("`doccheck fix` 会应用 1 处修改：")


def test_extend_select_adds_to_the_configured_selection(document, tmp_path):
    (tmp_path / "doccheck.toml").write_text('select = ["PN201"]\n', encoding="utf-8")
    assert codes(str(document)) == ["PN201"]
    assert codes("--extend-select", "TY101", str(document)) == ["PN201", "TY101"]


def test_extend_select_adds_to_select_given_on_the_command_line(document):
    assert codes("--select", "PN203", "--extend-select", "PN201,TY101", str(document)) == ["PN201", "PN203", "TY101"]


def test_extend_ignore_adds_to_the_configured_ignore(document, tmp_path):
    (tmp_path / "doccheck.toml").write_text('select = ["PN", "TY101"]\nignore = ["PN203"]\n', encoding="utf-8")
    assert codes(str(document)) == ["PN201", "PN212", "TY101"]
    assert codes("--extend-ignore", "TY", str(document)) == ["PN201", "PN212"]


def test_an_unknown_rule_in_extend_select_is_a_usage_error(document):
    result = run("check", "--extend-select", "XX9", str(document))
    assert result.exit_code == 2 and "--extend-select" in result.output and "XX9" in result.output


def test_fix_takes_extend_select_too(document):
    result = run("fix", "--select", "PN201", "--extend-select", "TY101", str(document))
    assert result.exit_code == 0
    assert document.read_text(encoding="utf-8").splitlines()[::3] == ["工作已经完成，效果良好。", "各单位要认真部署。"]
