"""The interface speaks Chinese by default; English with --lang en or an English locale."""

from __future__ import annotations

import re
import sys

import click
import pytest
from click.testing import CliRunner

from checker.cli import main
from tests.conftest import run

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def parse_toml(text: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


def run_in(env: dict[str, str], *args: str):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_the_help_is_chinese_by_default():
    result = run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("用法：main [OPTIONS] COMMAND [ARGS]...")  # "main": CliRunner's name
    assert "中文公文的一致性与规范性检查工具" in result.output
    assert "选项：" in result.output and "命令：" in result.output and "显示此帮助并退出。" in result.output


def test_lang_en_gives_the_english_help():
    result = run("--lang", "en", "check", "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: main check [OPTIONS] [PATHS]...")
    assert "Check documents (files, or directories" in result.output
    assert "--fail-on [error|warning|info|never]" in result.output and "Exit 1 when a finding" in result.output


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_the_locale_chooses_the_language_when_lang_is_not_given(env, expected):
    result = run_in(env, "check", "--help")
    assert result.output.startswith("Usage:" if expected == "en" else "用法：")


def test_lang_zh_wins_over_an_english_locale():
    assert run_in({"LANG": "en_US.UTF-8"}, "--lang", "zh", "--help").output.startswith("用法：")


def test_an_unknown_language_is_a_usage_error():
    result = run("--lang", "fr", "--help")
    assert result.exit_code == 2 and "fr" in result.output


def options_of_every_command():
    for name, command in sorted(main.commands.items()):
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                yield name, param
    for param in main.params:
        if isinstance(param, click.Option):
            yield "(doccheck)", param


@pytest.mark.parametrize(
    "command, param",
    list(options_of_every_command()),
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_every_option_has_chinese_and_english_help(command, param):
    assert param.help and CHINESE.search(param.help), f"{command} {param.opts}: no Chinese help"
    english = getattr(param, "help_en", None)
    assert english and not CHINESE.search(english.replace("公文", "")), f"{command} {param.opts}: no English help"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_chinese_and_english_help(name):
    command = main.commands[name]
    assert command.help and CHINESE.search(command.help)
    assert getattr(command, "help_en", None)
    assert CHINESE.search(run(name, "--help").output)
    assert not CHINESE.search(run("--lang", "en", name, "--help").output.replace("公文", ""))


def test_rules_lists_chinese_names_by_default():
    lines = run("rules").output.splitlines()
    st101 = next(line for line in lines if line.startswith("ST101"))
    assert st101.split()[1:4] == ["序号跳号", "结构", "错误"]
    assert st101.endswith("序号比同一系列的上一个序号跳过了一个或几个数。")


def test_rules_in_english():
    lines = run("--lang", "en", "rules").output.splitlines()
    st101 = next(line for line in lines if line.startswith("ST101"))
    assert st101.split()[:4] == ["ST101", "numbering-gap", "structure", "error"]


def test_rules_as_json_carries_both_the_name_and_its_words():
    import json

    (st101,) = [rule for rule in json.loads(run("rules", "--format", "json").output) if rule["code"] == "ST101"]
    assert (st101["name"], st101["title"]) == ("numbering-gap", "序号跳号")


def test_explain_shows_the_chinese_documentation():
    result = run("explain", "PN201")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "PN201 半角标点（halfwidth-punctuation）  [标点，默认级别：警告]"
    assert "## 检查什么" in lines and "## 为什么重要" in lines and "## 示例" in lines and "## 怎样修改" in lines
    assert "修改的安全性：安全" in lines


def test_explain_in_english():
    lines = run("--lang", "en", "explain", "halfwidth-punctuation").output.splitlines()
    assert lines[0] == "PN201 halfwidth-punctuation  [punctuation, default severity: warning]"
    assert "## What it checks" in lines and "Fix safety: safe" in lines


def test_explain_of_an_unknown_rule_says_so_in_chinese():
    result = run("explain", "XX999")
    assert result.exit_code == 2 and "没有规则 'XX999'" in result.output


def test_profiles_label_their_parts_in_the_interface_language():
    assert "必备部分：" in run("profiles").output
    assert "required parts:" in run("--lang", "en", "profiles").output


def test_init_writes_chinese_comments_by_default(tmp_path):
    assert run("init", str(tmp_path)).exit_code == 0
    written = (tmp_path / "doccheck.toml").read_text(encoding="utf-8")
    comments = [line for line in written.splitlines() if line.startswith("#") and not line.startswith("# [")]
    assert comments and all(CHINESE.search(line) or "=" in line for line in comments)


def test_init_in_english_writes_the_same_settings(tmp_path):
    chinese, english = tmp_path / "zh", tmp_path / "en"
    chinese.mkdir(), english.mkdir()
    run("init", str(chinese))
    run("--lang", "en", "init", str(english))
    english_text = (english / "doccheck.toml").read_text(encoding="utf-8")
    assert english_text.startswith("# doccheck configuration")
    chinese_text = (chinese / "doccheck.toml").read_text(encoding="utf-8")
    assert (
        parse_toml(english_text)
        == parse_toml(chinese_text)
        == {"select": ["ALL"], "ignore": [], "fail-on": "warning", "exclude": []}
    )


def test_the_line_of_counts_is_chinese(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("工作已经完成,效果良好。\n", encoding="utf-8")
    result = run("check", "--select", "PN201", str(path))
    assert result.stdout.splitlines()[-1] == "共 1 条问题（错误 0，警告 1，提示 0），检查了 1 个文件"
    assert result.stderr == "1 条可用 `doccheck fix` 修复\n"


def test_the_line_of_counts_in_english(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("工作已经完成,效果良好。\n", encoding="utf-8")
    result = run("--lang", "en", "check", "--select", "PN201", str(path))
    assert result.stdout.splitlines()[-1] == "1 findings (error: 0, warning: 1, info: 0) in 1 file"
    assert result.stderr == "1 fixable with `doccheck fix`\n"


def test_the_language_does_not_outlive_the_command():
    from checker.core.i18n import language

    run("--lang", "en", "--help")
    assert language() == "zh"


def test_a_usage_error_is_said_in_chinese():
    result = run("check", "--format", "xml", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1:] == [
        "用 'main check -h' 查看帮助。",
        "",
        "错误：'--format' / '--output-format' 的值 'xml' 无效：应为 text、json、jsonl、sarif、github、junit、html 之一",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "--bogus"], "错误：没有选项 --bogus"),
        (["chek"], "错误：没有命令 'chek'，是不是要用 check？"),
        (["explain"], "错误：缺少参数 'CODE'"),
        (["check", "-j", "-1", "a.txt"], "错误：'-j' / '--jobs' 的值无效：-1 不在范围 x>=0 内"),
    ],
)
def test_click_errors_are_said_in_chinese(args, message):
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1].startswith(message)


def test_a_usage_error_in_english():
    result = run("--lang", "en", "chek")
    assert (
        result.exit_code == 2 and result.stderr.splitlines()[-1] == "Error: No such command 'chek'. Did you mean check?"
    )


def test_doccheck_alone_shows_the_help():
    result = run()
    assert result.exit_code == 2 and result.stderr.startswith("用法：") and "错误" not in result.stderr


def test_the_operating_system_s_reason_is_said_in_chinese_with_its_own_words(tmp_path):
    document = tmp_path / "通知.md"
    document.write_text("# 关于开展检查的通知\n\n请各单位认真落实。\n", encoding="utf-8")
    result = run("check", "--format", "json", "-o", str(tmp_path / "no" / "r.json"), str(document))
    assert result.exit_code == 2
    assert "无法写入" in result.output and "文件或文件夹不存在（No such file or directory）" in result.output


def test_the_operating_system_s_reason_in_english(tmp_path):
    document = tmp_path / "notice.md"
    document.write_text("# 关于开展检查的通知\n\n请各单位认真落实。\n", encoding="utf-8")
    result = run("--lang", "en", "check", "--format", "json", "-o", str(tmp_path / "no" / "r.json"), str(document))
    assert result.exit_code == 2
    assert "cannot write" in result.output and "No such file or directory" in result.output
    assert not CHINESE.search(result.output.split("cannot write", 1)[1])


def test_a_file_read_through_a_file_as_a_folder_is_refused_with_the_reason_in_chinese(tmp_path):
    document = tmp_path / "通知.md"
    document.write_text("请各单位认真落实。\n", encoding="utf-8")
    result = run("check", str(document / "附件.md"))
    assert result.exit_code == 2
    assert "路径中有一项不是文件夹（Not a directory）" in result.output
