"""Regular expressions from profiles run on RE2, in linear time (checker/core/userpatterns.py).

What RE2 cannot run (backreferences, look-arounds) is refused when the profile is
loaded, naming the file and the key; Python's escapes keep their meaning.
"""

import time

import pytest

from checker.core.config import Settings
from checker.core.userpatterns import PatternError, compile
from checker.rules.profiles import ProfileError, load_profile_file
from checker.run.engine import check_text
from tests.conftest import run

TITLE_40_COMMAS = "关于" + "，".join(f"第{index}项" for index in range(41)) + "工作的通知"
NOTICE = "{title}\n各单位：\n一、工作任务\n{body}\n二、工作要求\n请按时报送。\n"


def profile(tmp_path, expected: str):
    path = tmp_path / "mine.yaml"
    path.write_text(f"name: mine\ntype: 通知\ndescription: 通知\nexpected:\n{expected}", encoding="utf-8")
    return path


# -- linear time ------------------------------------------------------------------------
def test_a_nested_quantifier_finishes_at_once():
    started = time.perf_counter()
    assert compile("(甲+)+乙").search("甲" * 100_000) is None
    assert time.perf_counter() - started < 0.5


def test_a_counted_lazy_group_against_forty_commas_finishes_at_once():
    started = time.perf_counter()
    assert compile("^(.*?，){38}P").search(TITLE_40_COMMAS) is None
    assert time.perf_counter() - started < 0.5


def test_a_profile_title_pattern_that_backtracks_in_re_is_checked_at_once(tmp_path):
    path = profile(tmp_path, '  - name: 编号\n    reason: 应有编号\n    title: "^(.*?，){38}P"\n    match: [编号]\n')
    started = time.perf_counter()
    found = check_text(
        NOTICE.format(title=TITLE_40_COMMAS, body="请认真落实。"), Settings(select=["ST209"], profile=str(path))
    )
    assert time.perf_counter() - started < 5  # the whole check, most of it start-up
    assert found == []


def test_a_profile_pattern_with_a_nested_quantifier_finds_nothing_at_once(tmp_path):
    path = profile(tmp_path, '  - name: 乙\n    reason: 应有乙\n    patterns: ["(甲+)+乙"]\n')
    found = check_text(
        NOTICE.format(title="关于做好安全检查工作的通知", body="甲" * 40 + "。"),
        Settings(select=["ST209"], profile=str(path)),
    )
    assert [(f.code, f.line) for f in found] == [("ST209", 1)]


# -- refused constructs -----------------------------------------------------------------
@pytest.mark.parametrize(
    "pattern, reason",
    [
        (r"(函)\1", r"不支持反向引用 \1"),
        ("(?P<x>函)(?P=x)", "不支持反向引用 (?P=…)"),
        ("(?=函)", "不支持前瞻断言 (?=…)"),
        ("(?!复)函", "不支持否定前瞻断言 (?!…)"),
        ("(?<=复)函", "不支持后顾断言 (?<=…)"),
        ("(?<!复)函", "不支持否定后顾断言 (?<!…)"),
        (r"\b函", r"不支持 \b（单词边界）"),
        ("函(复", "不是有效的正则表达式（RE2 无法解析：missing )"),
        ("函{1001}", "重复次数超过 1000"),
    ],
)
def test_a_construct_re2_cannot_run_is_refused_with_the_reason(pattern, reason):
    with pytest.raises(PatternError) as refused:
        compile(pattern)
    assert reason in str(refused.value)


def test_a_profile_with_a_lookaround_is_refused_naming_file_and_key(tmp_path):
    path = profile(tmp_path, '  - name: 结语\n    reason: 应有结语\n    patterns: [请予函复, "(?<!不)盼复"]\n')
    with pytest.raises(ProfileError) as refused:
        load_profile_file(path)
    assert str(refused.value).startswith(f"{path}: 条目 expected/0/patterns/1 无效：不支持否定后顾断言")


def test_the_cli_refuses_a_profile_with_a_backreference_with_exit_2(tmp_path):
    path = profile(tmp_path, '  - name: 结语\n    reason: 应有结语\n    title: "(通知)\\\\1"\n    match: [特此通知]\n')
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE.format(title="关于做好安全检查工作的通知", body="请认真落实。"), encoding="utf-8")
    result = run("check", "--profile", str(path), str(document))
    assert result.exit_code == 2
    assert f"{path}: 条目 expected/0/title 无效：不支持反向引用" in result.output


# -- Python's meaning of the escapes ------------------------------------------------------
@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"第\d+号", "第３号"),  # \d: any decimal digit, full-width too
        (r"第\s*3号", "第\u30003号"),  # \s: the full-width space too
        (r"\w+局", "统计局"),  # \w: letters of any script
        (r"\u590d函", "复函"),  # \uXXXX: a code point
        (r"[\d，]+号", "１，２号"),  # inside a class as well
        (r"复函\Z", "关于某事的复函"),  # \Z: the end
    ],
)
def test_python_escapes_keep_their_meaning(pattern, text):
    assert compile(pattern).search(text) is not None


def test_a_negated_class_escape_inside_brackets_is_refused():
    with pytest.raises(PatternError, match=r"方括号内不支持 \\S"):
        compile(r"[\S，]")
