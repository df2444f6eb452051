"""`doccheck fix`: safe/unsafe fixes, --diff, encodings and line endings kept, atomic and idempotent."""

from __future__ import annotations

import codecs
import os
import re
import stat

import pytest

from checker.core.config import Settings
from checker.core.models import Fix
from checker.load.source import Source
from checker.rules.registry import Hit, load_rules, rule, temporary_rules
from checker.run.fixer import FileChanged, FileText, FixError, choose_fixes, plan_fix, write_fix
from tests.conftest import run

DOC = """Test-only rule.

What it checks:
    x
Why it matters:
    x
Example:
    x
Fix:
    x
"""
TEST_RULES = ["TY990", "TY991", "TY992", "TY993"]
SELECT = ("--select", ",".join(TEST_RULES))


def _replacer(code: str, name: str, wrong: str, right: str, safety: str):
    pattern = re.compile(re.escape(wrong))

    def check(doc):
        for match in pattern.finditer(doc.text):
            yield Hit(
                match.start(),
                match.end(),
                args={"wrong": wrong},
                fix=Fix(start=match.start(), end=match.end(), replacement=right, safety=safety),
            )

    check.__doc__ = DOC
    rule(code, name, category="typo", severity="warning", message="“{wrong}”有误", fix=safety)(check)


@pytest.fixture(autouse=True)
def test_rules():
    with temporary_rules():
        _replacer("TY990", "test-safe-fix", "帐号", "账号", "safe")
        _replacer("TY991", "test-unsafe-fix", "登陆", "登录", "unsafe")
        # Two rules whose fixes overlap on "的的确": one removes the doubled 的, one rewrites the phrase.
        _replacer("TY992", "test-overlap-short", "的的", "的", "safe")
        _replacer("TY993", "test-overlap-long", "的的确确", "的确", "safe")
        yield


def settings(*codes: str) -> Settings:
    return Settings(select=list(codes or TEST_RULES))


def test_safe_fixes_are_applied_and_unsafe_ones_only_when_asked(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("请登陆帐号。\n", encoding="utf-8")
    result = run("fix", *SELECT, str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == "请登陆账号。\n"
    assert "修改 1 处" in result.stderr
    result = run("fix", *SELECT, "--unsafe-fixes", str(path))
    assert result.exit_code == 0 and path.read_text(encoding="utf-8") == "请登录账号。\n"


def test_diff_shows_a_unified_diff_and_writes_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一行。\n请输入帐号。\n", encoding="utf-8")
    result = run("fix", *SELECT, "--diff", str(path))
    assert result.exit_code == 1
    assert f"--- a/{path}" in result.stdout and f"+++ b/{path}" in result.stdout
    assert "-请输入帐号。\n+请输入账号。\n" in result.stdout
    assert path.read_text(encoding="utf-8") == "第一行。\n请输入帐号。\n"
    path.write_text("没有问题。\n", encoding="utf-8")
    assert run("fix", *SELECT, "--diff", str(path)).exit_code == 0


def test_gb18030_with_crlf_keeps_both_and_a_second_run_changes_nothing(tmp_path):
    path = tmp_path / "gb.txt"
    original = "关于帐号管理的通知\r\n各单位：\r\n请核对帐号。\r\n"
    path.write_bytes(original.encode("gb18030"))
    first = run("fix", *SELECT, str(path))
    assert first.exit_code == 0 and "修改 2 处" in first.stderr
    assert path.read_bytes() == original.replace("帐号", "账号").encode("gb18030")
    fixed = path.read_bytes()
    second = run("fix", *SELECT, str(path))
    assert second.exit_code == 0 and "没有可修改之处" in second.stderr
    assert path.read_bytes() == fixed


def test_mixed_line_endings_are_each_kept(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("帐号一\r\n帐号二\n帐号三\r\n".encode())
    assert run("fix", *SELECT, str(path)).exit_code == 0
    assert path.read_bytes() == "账号一\r\n账号二\n账号三\r\n".encode()


@pytest.mark.parametrize(
    "bom, encoding",
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_a_byte_order_mark_and_its_encoding_are_kept(tmp_path, bom, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + "请核对帐号。\r\n".encode(encoding))
    assert run("fix", *SELECT, str(path)).exit_code == 0
    assert path.read_bytes() == bom + "请核对账号。\r\n".encode(encoding)


def test_permissions_are_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("帐号\n", encoding="utf-8")
    os.chmod(path, 0o640)
    assert run("fix", *SELECT, str(path)).exit_code == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


def test_a_file_changed_after_it_was_read_is_not_touched(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("帐号\n", encoding="utf-8")
    plan = plan_fix(str(path), settings())
    path.write_text("帐号，由别人刚刚修改。\n", encoding="utf-8")
    with pytest.raises(FileChanged):
        write_fix(plan)
    assert path.read_text(encoding="utf-8") == "帐号，由别人刚刚修改。\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_the_cli_refuses_to_write_a_file_modified_in_between(tmp_path, monkeypatch):
    import checker.run.fixer

    path = tmp_path / "a.txt"
    path.write_text("帐号\n", encoding="utf-8")
    real_plan = checker.run.fixer.plan_fix

    def plan_then_edit(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        path.write_text("另一位起草人的修改。\n", encoding="utf-8")
        return plan

    monkeypatch.setattr(checker.run.fixer, "plan_fix", plan_then_edit)
    result = run("fix", *SELECT, str(path))
    assert result.exit_code == 2 and "被修改" in result.stderr
    assert path.read_text(encoding="utf-8") == "另一位起草人的修改。\n"


def test_overlapping_fixes_are_resolved_by_position_then_length_whatever_the_rule_order():
    fixes = [
        Fix(start=2, end=6, replacement="的确"),
        Fix(start=2, end=4, replacement="的"),
        Fix(start=3, end=5, replacement="x"),
        Fix(start=8, end=8, replacement="a"),
        Fix(start=8, end=8, replacement="b"),
    ]
    findings_ = [type("F", (), {"fix": fix, "code": "TY990"})() for fix in fixes]
    chosen = choose_fixes(findings_)
    assert chosen == [Fix(start=2, end=4, replacement="的"), Fix(start=8, end=8, replacement="a")]
    assert choose_fixes(list(reversed(findings_))) == chosen


def test_overlapping_fixes_settle_in_later_passes_and_the_result_is_idempotent(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("这的的确确是帐号。\n", encoding="utf-8")
    assert run("fix", *SELECT, str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text == "这的确确是账号。\n"  # "的的"→"的" came first; "的的确确" no longer exists
    assert run("fix", *SELECT, str(path)).stderr.startswith("1 个文件中没有可修改之处")
    assert path.read_text(encoding="utf-8") == text


def test_a_replacement_with_a_line_break_uses_the_files_line_ending(tmp_path):
    _replacer("TY994", "test-line-break", "。帐号", "。\n账号", "safe")
    path = tmp_path / "a.txt"
    path.write_bytes("第一句。帐号\r\n".encode())
    assert run("fix", "--select", "TY994", str(path)).exit_code == 0
    assert path.read_bytes() == "第一句。\r\n账号\r\n".encode()


def test_text_that_the_encoding_cannot_hold_is_refused():
    source = Source(path="a.txt", text="abc", encoding="ascii", raw=b"abc")
    with pytest.raises(FixError, match="cannot encode"):
        FileText.of(source).encode("账号")


def test_unreadable_and_missing_files_exit_2_and_others_are_still_fixed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("帐号\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 50)
    result = run("fix", *SELECT, str(binary), str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert good.read_text(encoding="utf-8") == "账号\n"
    assert binary.read_bytes() == b"\x00\x01\x02\xff" * 50


def test_a_real_rule_fix_halfwidth_comma(tmp_path):
    if "PN201" not in load_rules() or load_rules()["PN201"].fix_safety != "safe":
        pytest.skip("PN201 (halfwidth-punctuation) with a safe fix is not in this checkout")
    path = tmp_path / "a.txt"
    path.write_bytes("我们认为,这项工作很重要。\r\n".encode("gb18030"))
    assert run("fix", "--select", "PN201", str(path)).exit_code == 0
    assert path.read_bytes() == "我们认为，这项工作很重要。\r\n".encode("gb18030")
    assert run("fix", "--select", "PN201", str(path)).stderr.startswith("1 个文件中没有可修改之处")


def test_a_kind_of_file_that_cannot_be_written_back_is_skipped_not_mangled():
    from checker.run.fixer import NotWritable

    source = Source(path="a.docx", text="帐号", kind="docx", raw=b"PK\x03\x04")
    with pytest.raises(NotWritable):
        FileText.of(source)


def test_check_says_how_many_findings_fix_would_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("请登陆帐号。\n", encoding="utf-8")
    result = run("check", *SELECT, str(path))
    assert "1 条可用 `doccheck fix` 修复（另有 1 条需加 --unsafe-fixes）" in result.stderr
    result = run("check", *SELECT, "--unsafe-fixes", str(path))
    assert "2 条可用 `doccheck fix --unsafe-fixes` 修复" in result.stderr


def test_old_mac_line_endings_are_kept(tmp_path):
    path = tmp_path / "cr.txt"
    path.write_bytes("第一行帐号\r第二行帐号\r".encode("gb18030"))
    assert run("fix", *SELECT, str(path)).exit_code == 0
    assert path.read_bytes() == "第一行账号\r第二行账号\r".encode("gb18030")


def test_real_typo_fixes_on_a_gb18030_crlf_file_and_a_suppressed_one_is_left(tmp_path):
    rules = load_rules()
    if not all(code in rules and rules[code].fix_safety == "safe" for code in ("TY102", "TY105")):
        pytest.skip("TY102/TY105 with safe fixes are not in this checkout")
    path = tmp_path / "通知.md"
    original = (
        "截止2023年底，共完成项目12个。\r\n经研究获认为定为试点单位。\r\n\r\n"
        "<!-- doccheck-disable-next-line TY102 -->\r\n引文照录：截止2023年底。\r\n"
    )
    path.write_bytes(original.encode("gb18030"))
    assert run("fix", "--select", "TY102,TY105", str(path)).exit_code == 0
    expected = original.replace("截止2023年底，共", "截至2023年底，共").replace("获认为定", "获认定为")
    assert path.read_bytes() == expected.encode("gb18030")
    second = run("fix", "--select", "TY102,TY105", str(path))
    assert second.stderr.startswith("1 个文件中没有可修改之处") and path.read_bytes() == expected.encode("gb18030")


def test_markdown_fixes_land_in_the_file_with_its_wrapping_and_markup_kept(tmp_path):
    path = tmp_path / "a.md"
    original = "# 关于帐号的通知\n\n各单位的**帐号**须于月底前\n核对，并登记帐号信息。\n\n- 列表中的帐号\n"
    path.write_text(original, encoding="utf-8")
    assert run("fix", *SELECT, str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == original.replace("帐号", "账号")
    assert run("fix", *SELECT, str(path)).stderr.startswith("1 个文件中没有可修改之处")


def test_a_markdown_fix_across_a_wrapped_line_is_left_for_the_author(tmp_path):
    path = tmp_path / "a.md"
    original = "请核对帐\n号信息，另一个帐号在此。\n"
    path.write_text(original, encoding="utf-8")
    assert run("fix", *SELECT, str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == "请核对帐\n号信息，另一个账号在此。\n"
    result = run("check", *SELECT, str(path))
    assert result.exit_code == 1 and ":1:4: TY990" in result.output  # still reported, at the file's place


def test_a_read_only_file_is_not_replaced(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("帐号\n", encoding="utf-8")
    os.chmod(path, 0o444)
    result = run("fix", *SELECT, str(path))
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert path.read_text(encoding="utf-8") == "帐号\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# -- never corrupting a Markdown file ----------------------------------------------------


@pytest.mark.parametrize(
    "before, after",
    [
        # a paragraph that starts with a line of only full-width spaces (markdown-it strips them)
        (
            "　　\n　　企业研发投入增长10～15%，完成（2014-2016）收尾工作。\n",
            "　　\n　　企业研发投入增长10%～15%，完成（2014—2016）收尾工作。\n",
        ),
        ("> 　　\n> 研发投入增长10～15%。\n", "> 　　\n> 研发投入增长10%～15%。\n"),
        ("- 　\n  研发投入增长10～15%。\n", "- 　\n  研发投入增长10%～15%。\n"),
        ("\u00a0\u00a0\n研发投入增长10～15%。\n", "\u00a0\u00a0\n研发投入增长10%～15%。\n"),
        # white space at a line's end, which the reader leaves out, stays in the file
        ("研发投入增长10～15%。 \n第二行\n", "研发投入增长10%～15%。 \n第二行\n"),
        ("研发投入增长10～15%\u3000\n", "研发投入增长10%～15%\u3000\n"),
    ],
)
def test_markdown_fixes_land_on_their_characters_after_lines_markdown_strips(tmp_path, before, after):
    path = tmp_path / "a.md"
    path.write_text(before, encoding="utf-8")
    assert run("fix", "--select", "NU102,PN210", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == after
    assert run("fix", "--select", "NU102,PN210", str(path)).stderr.startswith("1 个文件中没有可修改之处")
    assert path.read_text(encoding="utf-8") == after


def test_fixes_that_never_settle_are_not_written(tmp_path):
    (tmp_path / "flip.yaml").write_text(
        'version: 1\nrules:\n  - {id: flip, type: substitution, kind: misspelling, swap: {"甲乙": "乙甲", "乙甲": "甲乙"}}\n',
        encoding="utf-8",
    )
    (tmp_path / "doccheck.toml").write_text('rule-packs = ["flip.yaml"]\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("这是甲乙的例子。\n", encoding="utf-8")
    result = run("fix", str(path))
    assert result.exit_code == 2 and "未收敛" in result.stderr
    assert path.read_text(encoding="utf-8") == "这是甲乙的例子。\n"


def test_a_fix_whose_place_in_the_file_is_not_what_the_check_saw_is_left_for_the_author():
    # A source map that is off by one line: the checked text says 帐号 where the
    # file has other characters. The fix must not be carried over, insertion or not.
    from checker.load.readers.sourcemap import TextBuilder

    file_bytes = "第一行没有问题。\n请核对帐号。\n".encode()
    builder = TextBuilder()
    builder.add("请核对帐号。", {"line": 1, "column": 1}, advance=("column",))  # really line 2
    builder.newline()
    text, locate = builder.build()
    source = Source(path="a.md", text=text, kind="markdown", locate=locate, raw=file_bytes)
    file_text = FileText.of(source)
    replace = Fix.at(start=3, end=5, replacement="账号", safety="safe")
    insert = Fix.at(start=5, end=5, replacement="信息", safety="safe")
    assert file_text.carry_over(source, [replace, insert]) == []
