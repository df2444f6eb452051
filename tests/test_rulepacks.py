"""Rule packs and glossaries (checker/rules/rulepacks.py): loading, validation, matching, the CLI."""

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from checker.core.config import Settings
from checker.core.resources import rules_path, schema_path
from checker.rules.rulepacks import (
    Matcher,
    RulePackError,
    load_glossary,
    load_pack,
    parse_glossary,
    parse_pack,
    trie_pattern,
)
from checker.run.engine import check_text
from tests.conftest import run


def write(tmp_path, data, name="pack.yaml"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def shipped() -> dict:
    return yaml.safe_load(rules_path("typos.yaml").read_text(encoding="utf-8"))


# -- the shipped pack -------------------------------------------------------------------


def test_the_shipped_pack_validates_against_its_schema():
    import jsonschema

    schema = yaml.safe_load(schema_path("rulepack.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(shipped())
    parse_pack(str(rules_path("typos.yaml")))  # and passes the checks the schema cannot make


def test_the_shipped_pack_has_several_hundred_known_wrong_forms_of_every_kind():
    pack = load_pack(str(rules_path("typos.yaml")))
    kinds = {entry.kind for entry in pack.entries if entry.type == "substitution"}
    assert len(pack.entries) >= 400
    assert kinds == {"misspelling", "usage", "idiom", "variant", "transposition"}
    assert {"其他", "其它"} <= {form for rule in pack.consistencies for form in rule.forms}


def test_every_replacement_differs_from_its_wrong_form():
    pack = load_pack(str(rules_path("typos.yaml")))
    assert all(entry.right != entry.form for entry in pack.entries)


# -- malformed packs ---------------------------------------------------------------------

SUBSTITUTION = {"type": "substitution", "id": "mine", "kind": "misspelling", "swap": {"布署": "部署"}}


@pytest.mark.parametrize(
    "rule, entry, reason",
    [
        ({"type": "substitution", "id": "mine", "swap": {"布署": "部署"}}, "rules/0", "缺少必填的键 'kind'"),
        (
            {**SUBSTITUTION, "kind": "typo"},
            "rules/0/kind",
            "应为 'misspelling'、'usage'、'idiom'、'variant'、'transposition' 之一",
        ),
        ({**SUBSTITUTION, "swap": {}}, "rules/0/swap", "不能为空"),
        (
            {**SUBSTITUTION, "swap": {"布署": {"right": "部署", "followed_by": ["<dat>"]}}},
            "rules/0/swap/布署/followed_by/0",
            "应为 '<date>'、'<deadline>'、'<time>'、'<number>'、'<han>' 之一，而不是 “<dat>”",
        ),
        ({**SUBSTITUTION, "colour": "red"}, "rules/0", "不认识的键 'colour'"),
        ({**SUBSTITUTION, "id": "Mine Rule"}, "rules/0/id", "“Mine Rule” 不符合格式"),
        ({"type": "spelling", "id": "mine"}, "rules/0/type", "应为 'substitution'、'existence'、'consistency' 之一"),
        ({"type": "consistency", "id": "mine", "either": ["其他"]}, "rules/0/either", "至少要有 2 项"),
        ({**SUBSTITUTION, "swap": {"部署": "部署"}}, "rules/0（id: mine）/swap/部署", "正确写法与错误写法相同"),
    ],
)
def test_a_malformed_pack_is_refused_naming_file_entry_and_reason(tmp_path, rule, entry, reason):
    path = write(tmp_path, {"version": 1, "rules": [rule]})
    with pytest.raises(RulePackError) as error:
        parse_pack(path)
    message = str(error.value)
    assert message.startswith(path + ": 条目 " + entry)
    assert reason in message


EXISTENCE = {"type": "existence", "id": "checks", "tokens": ["监督检查"], "message": "“{match}”不宜使用"}


SPEC = "消息中的 {match} 不能带格式说明或转换（如 {match:>10}、{match!r}）"


@pytest.mark.parametrize(
    "message, reason",
    [
        ("{match:>999999999}", SPEC),
        ("{match!r}", SPEC),
        ("{0}", "消息只能用 {match} 代表匹配到的文字，不能用 {0}"),
        ("{}", "消息只能用 {match} 代表匹配到的文字，不能用 {}"),
        ("{match.__class__}", "消息只能用 {match} 代表匹配到的文字，不能用 {match.__class__}"),
        ("“{match}”不宜使用{", "消息中的花括号不成对（要显示花括号本身，请写 {{ 或 }}）"),
    ],
)
def test_an_existence_message_is_checked_when_the_pack_is_loaded(tmp_path, message, reason):
    path = write(tmp_path, {"version": 1, "rules": [{**EXISTENCE, "message": message}]})
    with pytest.raises(RulePackError) as error:
        parse_pack(path)
    assert str(error.value) == f"{path}: 条目 rules/0/message（id: checks） 无效：{reason}"


def test_an_existence_message_may_show_braces_themselves(tmp_path):
    pack = write(tmp_path, {"version": 1, "rules": [{**EXISTENCE, "message": "{{内部}}“{match}”不宜使用"}]})
    (finding,) = check_text("加强监督检查。\n", Settings(select=["TY106"], rule_packs=[pack]))
    assert finding.message == "{内部}“监督检查”不宜使用"


def test_the_cli_refuses_a_message_with_a_format_spec_with_exit_2(tmp_path):
    pack = write(tmp_path, {"version": 1, "rules": [{**EXISTENCE, "message": "{match:>999999999}"}]}, "bad.yaml")
    (tmp_path / "doccheck.toml").write_text('rule-packs = ["bad.yaml"]\n', encoding="utf-8")
    document = tmp_path / "a.txt"
    document.write_text("加强监督检查。\n", encoding="utf-8")
    result = run("check", str(document))
    assert result.exit_code == 2
    assert f"{pack}: 条目 rules/0/message（id: checks） 无效：消息中的 {{match}} 不能带格式说明" in result.stderr


def test_a_form_given_twice_is_refused(tmp_path):
    second = {**SUBSTITUTION, "id": "again", "swap": {"布署": "部属"}}
    path = write(tmp_path, {"version": 1, "rules": [SUBSTITUTION, second]})
    with pytest.raises(RulePackError, match=r"rules/1（id: again） 无效：“布署”已在 rules/0（id: mine） 中定义"):
        parse_pack(path)


def test_a_pack_that_is_not_yaml_or_absent_is_refused(tmp_path):
    with pytest.raises(RulePackError, match="不是有效的 YAML"):
        parse_pack(write(tmp_path, "rules: [\n"))
    with pytest.raises(RulePackError, match="规则包文件不存在"):
        parse_pack(str(tmp_path / "absent.yaml"))


def test_the_cli_refuses_a_malformed_user_pack_with_exit_2(tmp_path):
    pack = write(tmp_path, {"version": 1, "rules": [{**SUBSTITUTION, "kind": "typo"}]}, "bad.yaml")
    (tmp_path / "doccheck.toml").write_text('rule-packs = ["bad.yaml"]\n', encoding="utf-8")
    document = tmp_path / "a.txt"
    document.write_text("认真部署。\n", encoding="utf-8")
    result = run("check", str(document))
    assert result.exit_code == 2
    assert pack in result.output and "rules/0/kind" in result.output


# -- user packs in a run -----------------------------------------------------------------


def test_a_user_pack_adds_a_wrong_form_with_its_context(tmp_path):
    pack = write(
        tmp_path,
        {
            "version": 1,
            "rules": [
                {
                    "type": "substitution",
                    "id": "ours",
                    "kind": "usage",
                    "swap": {"启用": {"right": "起用", "followed_by": ["干部", "人才"]}},
                }
            ],
        },
    )
    found = check_text("要大胆启用干部。\n新系统正式启用。\n", Settings(select=["TY102"], rule_packs=[pack]))
    assert [(f.code, f.line, f.column, f.suggestion) for f in found] == [("TY102", 1, 4, "改为“起用”")]


def test_a_user_pack_overrides_a_shipped_entry(tmp_path):
    pack = write(
        tmp_path,
        {
            "version": 1,
            "rules": [
                {"type": "substitution", "id": "ours", "kind": "variant", "level": "info", "swap": {"布署": "部署"}}
            ],
        },
    )
    (finding,) = check_text("认真布署。\n", Settings(select=["TY1"], rule_packs=[pack]))
    assert (finding.code, finding.severity.value) == ("TY104", "info")


def test_existence_rules_report_their_message(tmp_path):
    pack = write(
        tmp_path,
        {
            "version": 1,
            "rules": [
                {
                    "type": "existence",
                    "id": "internal",
                    "tokens": ["内部代号"],
                    "message": "“{match}”不得公开",
                    "suggestion": "删去",
                }
            ],
        },
    )
    (finding,) = check_text("本项目内部代号为甲。\n", Settings(select=["TY106"], rule_packs=[pack]))
    assert (finding.message, finding.suggestion, finding.column) == ("“内部代号”不得公开", "删去", 4)


# -- matching ----------------------------------------------------------------------------


def test_a_longer_form_wins_over_its_prefix():
    assert re.compile(trie_pattern(["一", "一如继往", "布署", "布署会"])).findall("一如继往布署会一") == [
        "一如继往",
        "布署会",
        "一",
    ]


@hsettings(max_examples=60, deadline=None)
@given(
    forms=st.lists(st.text(alphabet="甲乙丙丁", min_size=1, max_size=4), min_size=1, max_size=12, unique=True),
    text=st.text(alphabet="甲乙丙丁，", max_size=40),
)
def test_the_trie_pattern_finds_what_a_longest_first_alternation_finds(forms, text):
    plain = re.compile("|".join(map(re.escape, sorted(forms, key=lambda f: (-len(f), f)))))
    assert re.compile(trie_pattern(forms)).findall(text) == plain.findall(text)


def test_a_matcher_without_forms_finds_nothing():
    assert list(Matcher([]).matches("任何文字", [(0, 4)])) == []


# -- glossaries ----------------------------------------------------------------------------


def test_a_glossary_loads_its_terms(tmp_path):
    path = write(tmp_path, {"version": 1, "terms": [{"canonical": "黄花岗科技园", "variants": ["黄花科技园"]}]})
    (term,) = load_glossary(path)
    assert (term.canonical, term.variants, term.fix) == ("黄花岗科技园", ("黄花科技园",), "safe")


@pytest.mark.parametrize(
    "data, entry",
    [
        ({"version": 1, "terms": [{"canonical": "甲园", "variants": []}]}, "terms/0/variants"),
        ({"version": 1, "terms": [{"canonical": "甲园"}]}, "terms/0"),
        ({"version": 2, "terms": [{"canonical": "甲园", "variants": ["乙园"]}]}, "version"),
        ({"version": 1, "terms": [{"canonical": "甲园", "variants": ["甲园"]}]}, "terms/0"),
    ],
)
def test_a_malformed_glossary_is_refused_naming_file_and_entry(tmp_path, data, entry):
    path = write(tmp_path, data)
    with pytest.raises(RulePackError) as error:
        parse_glossary(path)
    assert str(error.value).startswith(f"{path}: 条目 {entry} 无效：")


@hsettings(max_examples=60, deadline=None)
@given(
    forms=st.lists(st.text(alphabet="甲乙丙丁", min_size=2, max_size=4), min_size=1, max_size=12, unique=True),
    text=st.text(alphabet="甲乙丙丁，", max_size=40),
)
def test_the_matcher_finds_leftmost_longest_forms_like_one_alternation(forms, text):
    from checker.rules.rulepacks import Conditions, Entry, RulePack

    pack = RulePack(
        "test",
        "test",
        entries=[Entry("test", "t", "substitution", "TY101", form, "对", None, "safe", Conditions()) for form in forms],
    )
    matcher = Matcher([pack])
    matcher.is_word = lambda pair: False  # no form straddles two words here (see test_typos.py)
    found = [(m.start, m.end) for m in matcher.matches(text, [(0, len(text))])]
    assert found == [m.span() for m in re.compile(trie_pattern(forms)).finditer(text)]
