"""Every rule is documented in both languages, in one entry of rules/rule_docs.yaml."""

from __future__ import annotations

import re

import pytest
import yaml

from checker.core.resources import rules_path
from checker.rules.registry import load_rules
from checker.rules.ruledocs import RuleDoc, rule_docs

RAW = yaml.safe_load(rules_path("rule_docs.yaml").read_text(encoding="utf-8"))
CHINESE = re.compile(r"[\u4e00-\u9fff]")
FIELDS = ("name", "summary", "what", "why", "fix")


@pytest.mark.parametrize("code", sorted(load_rules()))
def test_each_rule_has_every_part_of_its_documentation_in_both_languages(code):
    entry = RAW.get(code)
    assert entry is not None, f"{code} has no entry in rules/rule_docs.yaml"
    for field in FIELDS:
        assert isinstance(entry.get(field), dict), f"{code}: {field} needs zh and en"
        assert entry[field].get("zh", "").strip(), f"{code}: {field} lacks Chinese"
        assert entry[field].get("en", "").strip(), f"{code}: {field} lacks English"
        assert CHINESE.search(entry[field]["zh"]), f"{code}: {field}.zh is not Chinese"
    example = entry.get("example")
    assert example, f"{code}: no example"
    if isinstance(example, dict):
        assert example.get("zh", "").strip() and example.get("en", "").strip(), f"{code}: example lacks a language"


def test_the_english_summary_is_english():
    for code, doc in rule_docs().items():
        assert re.search(r"[A-Za-z]{3}", doc.summary.en), code


def test_no_entry_documents_a_rule_that_does_not_exist():
    assert set(RAW) - set(load_rules()) == set()


def test_an_entry_without_english_is_refused_by_the_model():
    entry = {**RAW["ST101"], "summary": {"zh": "序号跳号。"}}
    with pytest.raises(ValueError, match="en"):
        RuleDoc.model_validate(entry)


def test_an_entry_with_an_unknown_part_is_refused():
    with pytest.raises(ValueError, match="extra"):
        RuleDoc.model_validate({**RAW["ST101"], "notes": {"zh": "备注", "en": "notes"}})


def test_the_registry_documents_a_rule_in_the_interface_language():
    from checker.core.i18n import set_language

    rule = load_rules()["ST101"]
    assert (rule.title, rule.summary) == ("序号跳号", "序号比同一系列的上一个序号跳过了一个或几个数。")
    set_language("en")
    try:
        assert rule.title == "numbering gap"
        assert rule.summary == "A number skips one or more values after the previous number of its series."
        assert rule.sections()["Fix"] == "Renumber, or restore the missing part."
    finally:
        set_language(None)
