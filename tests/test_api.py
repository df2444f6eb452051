"""The library API (``import checker``): what it checks, fixes and lists, and what importing it costs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import checker
from checker.core.models import Fix
from checker.report.formatters import render
from checker.rules.registry import Hit, load_rules, rule, temporary_rules
from tests.conftest import ROOT, run

GAP = "（一）甲项工作。\n（三）乙项工作。\n"  # ST101 at 2:1
DOC = "Test-only rule.\n\nWhat it checks:\n x\nWhy it matters:\n x\nExample:\n x\nFix:\n x\n"


def located(report, index: int = 0) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in report.files[index].findings]


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- what importing costs -----------------------------------------------------------------
HEAVY = (
    "pydantic",
    "jieba",
    "lark",
    "pypinyin",
    "cn2an",
    "yaml",
    "click",
    "checker.model",
    "checker.rules",
    "checker.run",
    "checker.load",
    "checker.report",
)


def modules_after(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("statement", ["import checker", "from checker import check_text, fix_text, list_rules"])
def test_importing_the_library_loads_no_rule_reader_or_heavy_library(statement):
    loaded = modules_after(statement)
    assert sorted(name for name in loaded if name.split(".")[0] in HEAVY or name.startswith(HEAVY)) == []


def test_every_public_name_is_importable_and_listed():
    assert "check_text" in dir(checker)
    for name in checker.__all__:
        assert getattr(checker, name) is not None, name
    with pytest.raises(AttributeError, match="no_such_name"):
        checker.no_such_name  # noqa: B018


# -- checking -----------------------------------------------------------------------------
def test_check_text_returns_a_report_of_one_file_with_the_exact_findings():
    report = checker.check_text(GAP)
    assert isinstance(report, checker.Report)
    assert [file.path for file in report.files] == ["<string>"]
    assert located(report) == [("ST101", 2, 1)]
    assert report.summary.findings == 1 and report.files[0].text == GAP


def test_check_text_reads_a_markdown_path_as_markdown_with_positions_in_the_markdown():
    report = checker.check_text(
        "# 通知\n\n（一）甲项工作。\n\n（三）乙项工作。\n", path="a.md", settings=checker.Settings(select=["ST101"])
    )
    assert located(report) == [("ST101", 5, 1)]


def test_check_text_gives_what_checking_a_file_of_that_name_gives(tmp_path):
    text = "（一）甲项工作，增长5％。\r\n（三）乙项工作 ,计 543亿元。\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    from_file = checker.check_path(path).files[0].findings
    assert checker.check_text(text, path=str(path)).files[0].findings == from_file
    assert {f.code for f in from_file} >= {"ST101", "PN201", "PN211"}


def test_check_text_applies_the_per_path_settings_of_its_path(tmp_path):
    write(tmp_path / "doccheck.toml", '[per-path-ignores]\n"archive/**" = ["ST101"]\n')
    settings = checker.load_settings(near=tmp_path)
    assert located(checker.check_text(GAP, path=str(tmp_path / "archive" / "a.txt"), settings=settings)) == []
    assert located(checker.check_text(GAP, path=str(tmp_path / "a.txt"), settings=settings)) == [("ST101", 2, 1)]


def test_check_text_of_a_string_utf8_cannot_hold_reports_an_error_and_raises_nothing():
    (file,) = checker.check_text("甲\ud800乙").files
    assert file.findings == [] and "UTF-8" in file.error


def test_check_bytes_decodes_as_a_file_would():
    report = checker.check_bytes(GAP.encode("gb18030"), path="a.txt")
    assert report.files[0].encoding == "gb18030" and located(report) == [("ST101", 2, 1)]


def test_check_path_walks_a_folder_and_reports_an_unreadable_file_without_raising(tmp_path):
    write(tmp_path / "b.txt", GAP)
    write(tmp_path / "a.md", "正文。\n")
    (tmp_path / "c.bin").write_bytes(b"\x00")  # not a type doccheck reads: not walked
    report = checker.check_path(tmp_path)
    assert [file.path for file in report.files] == [str(tmp_path / "a.md"), str(tmp_path / "b.txt")]
    assert located(report, 1) == [("ST101", 2, 1)]
    (missing,) = checker.check_path(tmp_path / "missing.txt").files
    assert missing.findings == [] and "文件不存在" in missing.error


def test_the_command_line_report_is_the_library_report(tmp_path):
    write(tmp_path / "a.txt", GAP)
    write(tmp_path / "b.txt", "截止2023年底，共完成项目12个。\n")
    from_library = render(checker.check_paths([tmp_path], jobs=2), "json")
    assert run("check", "--format", "json", str(tmp_path)).stdout == from_library


def test_find_files_lists_what_a_check_reads(tmp_path):
    write(tmp_path / "doccheck.toml", 'exclude = ["drafts/"]\n')
    write(tmp_path / "drafts" / "x.txt", GAP)
    write(tmp_path / "a.txt", GAP)
    settings = checker.load_settings(near=tmp_path)
    assert checker.find_files([tmp_path], settings=settings) == [str(tmp_path / "a.txt")]


# -- settings -----------------------------------------------------------------------------
def test_load_settings_finds_the_configuration_above_a_path_and_options_win(tmp_path):
    write(tmp_path / "doccheck.toml", 'select = ["PN"]\nignore = ["PN102"]\nfail-on = "error"\n')
    settings = checker.load_settings(near=tmp_path / "sub" / "a.txt", ignore=["PN101"], fail_on="never")
    assert (settings.select, settings.ignore, settings.fail_on) == (["PN"], ["PN102", "PN101"], "never")
    assert settings.config_file == str(tmp_path / "doccheck.toml")
    assert checker.load_settings(tmp_path / "doccheck.toml", select=["ST"]).select == ["ST"]


def test_load_settings_without_a_configuration_gives_the_defaults(tmp_path):
    assert checker.load_settings(near=tmp_path) == checker.Settings()


@pytest.mark.parametrize(
    ("options", "option", "message"),
    [
        ({"select": ["XX999"]}, "select", "'XX999'"),
        ({"ignore": ["no-such-rule"]}, "ignore", "'no-such-rule'"),
        ({"profile": "no-such-profile"}, "profile", "no-such-profile"),
        ({"fail_on": "sometimes"}, "fail-on", "'sometimes'"),
    ],
)
def test_load_settings_refuses_a_name_that_means_nothing_naming_the_option(tmp_path, options, option, message):
    with pytest.raises(checker.SettingsError, match=re.escape(message)) as raised:
        checker.load_settings(near=tmp_path, **options)
    assert raised.value.option == option


def test_load_settings_refuses_a_malformed_configuration_naming_file_and_key(tmp_path):
    config = write(tmp_path / "doccheck.toml", 'selct = ["ST"]\n')
    with pytest.raises(checker.SettingsError, match=re.escape(f"{config}: 不认识的键 'selct'")) as raised:
        checker.load_settings(near=tmp_path)
    assert raised.value.option is None


def test_a_selector_is_judged_the_same_on_the_command_line_and_in_a_configuration(tmp_path):
    write(tmp_path / "doccheck.toml", 'select = ["ST9"]\n')
    from_file = run("check", str(write(tmp_path / "a.txt", GAP)))
    from_option = run("check", "--config", str(tmp_path / "none.toml"), "--select", "ST9", str(tmp_path / "a.txt"))
    assert from_file.exit_code == from_option.exit_code == 2
    assert "没有规则、前缀或类别与 'ST9' 相符" in from_file.output
    assert "没有规则、前缀或类别与 'ST9' 相符" in from_option.output
    assert (
        run(
            "check",
            "--select",
            "LY,IN,terminology,ALL",
            str(tmp_path / "a.txt"),
            "--config",
            str(write(tmp_path / "empty.toml", "")),
        ).exit_code
        == 1
    )


# -- fixing -------------------------------------------------------------------------------
def test_fix_text_applies_safe_fixes_keeps_line_endings_and_lists_what_it_did():
    result = checker.fix_text("请布署工作。\r\n截止2023年底完成。\r\n")
    assert result.text == "请部署工作。\r\n截至2023年底完成。\r\n"
    assert sorted(f.code for f in result.applied) == ["TY101", "TY102"]
    assert result.changed and result.remaining == ()
    assert result.diff().splitlines()[3:] == [
        "-请布署工作。",
        "-截止2023年底完成。",
        "+请部署工作。",
        "+截至2023年底完成。",
    ]


def test_fix_text_leaves_unsafe_fixes_unless_asked():
    with temporary_rules():
        replacer("TY991", "test-unsafe-fix", "登陆", "登录", "unsafe")
        settings = checker.Settings(select=["TY991"])
        safe_only = checker.fix_text("请登陆系统。\n", settings=settings)
        assert (safe_only.text, [f.code for f in safe_only.remaining]) == ("请登陆系统。\n", ["TY991"])
        assert checker.fix_text("请登陆系统。\n", settings=settings, unsafe=True).text == "请登录系统。\n"


def test_fix_text_refuses_fixes_that_never_settle():
    with temporary_rules():
        replacer("TY992", "test-growing-fix", "甲", "甲甲", "safe")
        with pytest.raises(checker.FixError, match="未收敛"):
            checker.fix_text("甲。\n", settings=checker.Settings(select=["TY992"]))


def test_fix_text_of_a_kind_that_is_not_written_back_is_refused():
    with pytest.raises(checker.NotWritable):
        checker.fix_text("<html><body><p>请布署工作。</p></body></html>", path="a.html")


def test_fix_file_writes_in_the_files_encoding_or_only_says_what_it_would_do(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("请布署工作。\r\n".encode("gb18030"))
    preview = checker.fix_file(path, write=False)
    assert path.read_bytes() == "请布署工作。\r\n".encode("gb18030")
    assert preview.diff() == run("fix", "--diff", str(path)).stdout
    done = checker.fix_file(path)
    assert (done.original, done.text) == ("请布署工作。\r\n", "请部署工作。\r\n")
    assert path.read_bytes() == "请部署工作。\r\n".encode("gb18030")


def replacer(code: str, name: str, wrong: str, right: str, safety: str) -> None:
    def check(doc):
        for match in re.finditer(re.escape(wrong), doc.text):
            yield Hit(match.start(), match.end(), fix=Fix.at(match.start(), match.end(), right, safety))

    check.__doc__ = DOC
    rule(code, name, category="typo", severity="warning", message="有误", fix=safety)(check)


# -- rules --------------------------------------------------------------------------------
def test_list_rules_gives_every_rule_with_its_documentation_and_fix_safety():
    listed = {info.code: info for info in checker.list_rules()}
    assert list(listed) == sorted(load_rules())
    gap = listed["ST101"]
    assert (gap.name, gap.category, gap.severity, gap.fix_safety) == ("numbering-gap", "structure", "error", None)
    assert list(gap.docs) == ["What it checks", "Why it matters", "Example", "Fix"]
    assert listed["TY101"].fix_safety == "safe"


def test_a_temporary_rule_is_listed_inside_its_block_only_even_when_the_block_raises():
    with pytest.raises(RuntimeError), temporary_rules():
        replacer("TY990", "test-safe-fix", "帐号", "账号", "safe")
        assert "TY990" in {info.code for info in checker.list_rules()}
        assert [
            f.code for f in checker.check_text("帐号\n", settings=checker.Settings(select=["TY990"])).files[0].findings
        ] == ["TY990"]
        raise RuntimeError("the block fails")
    assert "TY990" not in {info.code for info in checker.list_rules()}
    with pytest.raises(checker.SettingsError):
        checker.load_settings(select=["TY990"])
