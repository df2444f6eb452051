"""The accept lists of rule packs: a pack may hold only one, TM101 honours it as TY2xx
do, and an edited pack or glossary is read again by a process that keeps running."""

from __future__ import annotations

import os

import pytest

from checker.core.config import Settings
from tests.conftest import ROOT, findings

SUMMARY = (ROOT / "tests" / "fixtures" / "rules" / "TM101.txt").read_text(encoding="utf-8")


def pack(tmp_path, body: str, name: str = "accept.yaml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def names(**settings) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings(SUMMARY, "TM101", **settings)]


def test_a_pack_with_only_an_accept_list_is_valid_and_silences_the_accepted_name(tmp_path):
    accepting = pack(tmp_path, "version: 1\naccept:\n  - 青溪科技园\n")
    assert names() == [("TM101", 7, 7)]
    assert names(rule_packs=[accepting]) == []


def test_a_longer_accepted_name_ending_with_the_variant_silences_it_where_it_is_written(tmp_path):
    accepting = pack(tmp_path, "version: 1\naccept: [打造青溪科技园]\n")
    assert names(rule_packs=[accepting]) == []


def test_an_accepted_word_elsewhere_in_the_name_does_not_silence_it(tmp_path):
    accepting = pack(tmp_path, "version: 1\naccept: [青溪科技]\n")
    assert names(rule_packs=[accepting]) == [("TM101", 7, 7)]


def test_a_pack_with_neither_rules_nor_accept_list_is_refused(tmp_path):
    from checker.rules.rulepacks import RulePackError, parse_pack

    empty = pack(tmp_path, "version: 1\nname: nothing\n")
    with pytest.raises(RulePackError, match=r"accept\.yaml"):
        parse_pack(empty)


def test_an_edited_pack_is_read_again_by_a_running_process(tmp_path):
    accepting = pack(tmp_path, "version: 1\naccept: [别的名称]\n")
    settings = Settings(select=["TM101"], rule_packs=[accepting])
    assert len(findings(SUMMARY, "TM101", rule_packs=settings.rule_packs)) == 1
    pack(tmp_path, "version: 1\naccept: [别的名称, 青溪科技园]\n")
    os.utime(accepting, ns=(1, 1))  # a new stamp even on a file system with coarse times
    assert findings(SUMMARY, "TM101", rule_packs=settings.rule_packs) == []


def test_an_edited_glossary_is_read_again_by_a_running_process(tmp_path):
    glossary = pack(tmp_path, "version: 1\nterms:\n  - {canonical: 青溪岭科技园, variants: [青溪科技园]}\n", "g.yaml")
    assert [f.code for f in findings(SUMMARY, "TM102", glossaries=[glossary])] == ["TM102"]
    pack(tmp_path, "version: 1\nterms:\n  - {canonical: 东区产业园, variants: [东区园]}\n", "g.yaml")
    os.utime(glossary, ns=(1, 1))
    assert findings(SUMMARY, "TM102", glossaries=[glossary]) == []
