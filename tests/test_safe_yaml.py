"""User data files are read as plain, bounded YAML (checker/core/safeyaml.py, datafiles.py).

A rule pack, glossary or profile may be careless or hostile: a tag that builds an
object, an alias bomb, a repeated key, a file the size of a disk. Each is refused
with exit 2 and a message naming the file, the line and the reason.
"""

import time

import pytest

from checker.core import safeyaml
from checker.core.datafiles import YAML_LIMIT
from checker.rules.rulepacks import RulePackError, parse_pack
from tests.conftest import SAMPLES, run

GAP = "一、总体要求\n三、工作措施\n"


def alias_bomb(anchor: str, indent: int, levels: int = 9, fan: int = 9) -> str:
    """A list of ``levels`` lists, each repeating the one before ``fan`` times through an
    alias: a few hundred bytes that stand for ``fan ** levels`` strings."""
    pad = " " * indent
    lines = [f"{pad}- &{anchor}0 [" + ", ".join(["国家统计局"] * fan) + "]"]
    for level in range(1, levels):
        lines.append(f"{pad}- &{anchor}{level} [" + ", ".join([f"*{anchor}{level - 1}"] * fan) + "]")
    return "\n".join(lines) + "\n"


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the loader -------------------------------------------------------------------------
def test_plain_data_is_read_as_before():
    assert safeyaml.load("a: [1, 2.5, true, null, 词]\nb: {c: d}\n") == {
        "a": [1, 2.5, True, None, "词"],
        "b": {"c": "d"},
    }


def test_a_date_stays_the_string_it_was_written_as():
    assert safeyaml.load("issued: 2024-01-15\n") == {"issued": "2024-01-15"}


def test_shared_aliases_within_the_limit_are_followed():
    assert safeyaml.load("a: &x [甲, 乙]\nb: *x\n") == {"a": ["甲", "乙"], "b": ["甲", "乙"]}


def test_an_alias_bomb_is_refused_before_anything_is_built():
    started = time.perf_counter()
    with pytest.raises(safeyaml.YamlRefused, match="展开别名后超过 500,000 个节点") as refused:
        safeyaml.load("words:\n" + alias_bomb("w", 2))
    assert time.perf_counter() - started < 1.0
    assert refused.value.line is not None


@pytest.mark.parametrize(
    "text, shown",
    [
        ("run: !!python/object/apply:os.system [echo hi]\n", "!!python/object/apply:os.system"),
        ("word: !custom 词\n", "!custom"),
        ("data: !!binary aGVsbG8=\n", "!!binary"),
        ("forms: !!set {甲: null}\n", "!!set"),
    ],
)
def test_a_tag_is_refused_naming_it(text, shown):
    with pytest.raises(safeyaml.YamlRefused, match=f"不允许使用 YAML 标签 {shown}"):
        safeyaml.load(text)


def test_a_key_given_twice_in_one_mapping_is_refused_with_its_line():
    with pytest.raises(safeyaml.YamlRefused, match="键“布署”在同一映射中出现了两次") as refused:
        safeyaml.load("swap:\n  布署: 部署\n  布署: 部属\n")
    assert refused.value.line == 3


def test_an_alias_to_its_own_container_is_refused():
    with pytest.raises(safeyaml.YamlRefused, match="递归别名"):
        safeyaml.load("a: &loop [*loop]\n")


def test_nesting_deeper_than_the_limit_is_refused():
    text = "a:\n" + "".join("  " * level + "- \n" for level in range(1, safeyaml.MAX_DEPTH + 5))
    with pytest.raises(safeyaml.YamlRefused, match="嵌套超过"):
        safeyaml.load(text)


# -- through the data files -------------------------------------------------------------
def test_a_rule_pack_larger_than_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * YAML_LIMIT + b"\n")
    with pytest.raises(RulePackError, match=r"规则包文件有 4 MB，超过 4 MB 的上限，不予读取"):
        parse_pack(str(path))


def test_a_rule_pack_that_is_a_device_is_refused(tmp_path):
    with pytest.raises(RulePackError, match="/dev/zero: 不是普通文件"):
        parse_pack("/dev/zero")


def test_the_cli_refuses_an_alias_bomb_in_a_rule_pack(tmp_path):
    pack = write(
        tmp_path,
        "bomb.yaml",
        "version: 1\nrules:\n  - id: bomb\n    type: existence\n    message: 重复\n    tokens:\n" + alias_bomb("t", 6),
    )
    write(tmp_path, "doccheck.toml", 'rule-packs = ["bomb.yaml"]\n')
    result = run("check", str(write(tmp_path, "doc.txt", GAP)))
    assert result.exit_code == 2
    assert f"{pack}: 规则包无法读取（第 11 行）：展开别名后超过 500,000 个节点" in result.output


def test_the_cli_refuses_an_alias_bomb_in_a_glossary(tmp_path):
    glossary = write(
        tmp_path, "names.yaml", "version: 1\nterms:\n  - canonical: 国家统计局\n    variants:\n" + alias_bomb("v", 6)
    )
    write(tmp_path, "doccheck.toml", 'glossaries = ["names.yaml"]\n')
    result = run("check", str(write(tmp_path, "doc.txt", GAP)))
    assert result.exit_code == 2
    assert f"{glossary}: 术语表无法读取（第 9 行）：展开别名后超过 500,000 个节点" in result.output


def test_the_cli_refuses_an_alias_bomb_in_a_profile(tmp_path):
    profile = write(
        tmp_path,
        "bomb.yaml",
        "name: bomb\ntype: 通知\ndescription: 通知\nparts:\n  - id: tasks\n"
        "    name: 工作任务\n    match:\n" + alias_bomb("m", 6),
    )
    result = run("check", "--profile", str(profile), str(SAMPLES / "notice-defects.txt"))
    assert result.exit_code == 2
    assert f"{profile}: 文种规范（profile）无法读取（第 12 行）：展开别名后超过 500,000 个节点" in result.output


def test_the_cli_refuses_a_tag_in_a_rule_pack(tmp_path):
    pack = write(tmp_path, "pack.yaml", "version: 1\nrules: !!python/object/apply:os.system [echo hi]\n")
    write(tmp_path, "doccheck.toml", 'rule-packs = ["pack.yaml"]\n')
    result = run("check", str(write(tmp_path, "doc.txt", GAP)))
    assert result.exit_code == 2
    assert f"{pack}: 规则包无法读取（第 2 行）：不允许使用 YAML 标签 !!python/object/apply:os.system" in result.output
