"""A rule lists at most ``max-findings-per-rule`` findings in one file: the last one
listed counts the rest, which are never built (a document that repeats one mistake a
million times would otherwise need gigabytes); ``fix`` still applies every fix."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from checker.api import fix_text
from checker.core.config import MAX_FINDINGS_PER_RULE, Settings
from checker.run.engine import check_text

TYPO = "各单位要认真布署。"  # TY101 at column 7 of each sentence


def typo_findings(count: int, limit: int) -> list:
    findings = check_text(TYPO * count + "\n", Settings(max_findings_per_rule=limit))
    return [finding for finding in findings if finding.code == "TY101"]


def test_a_rule_over_the_limit_lists_the_first_findings_and_counts_the_rest():
    findings = typo_findings(5, limit=2)
    assert [(f.line, f.column) for f in findings] == [(1, 7), (1, 16)]
    assert findings[0].message == "“布署”是错别字，应为“部署”"
    assert findings[1].message == "“布署”是错别字，应为“部署”（此规则在本文件中另有 3 处，未逐一列出）"
    assert findings[1].evidence["omitted"] == 3
    assert "omitted" not in findings[0].evidence


def test_a_rule_at_the_limit_lists_every_finding_without_a_note():
    findings = typo_findings(2, limit=2)
    assert [f.message for f in findings] == ["“布署”是错别字，应为“部署”"] * 2


def test_a_limit_of_zero_lists_every_finding():
    findings = typo_findings(5, limit=0)
    assert len(findings) == 5
    assert all("另有" not in f.message for f in findings)


def test_the_default_limit_is_a_thousand():
    assert Settings.defaults().max_findings_per_rule == MAX_FINDINGS_PER_RULE == 1000


def test_fix_applies_every_fix_whatever_the_limit():
    result = fix_text(TYPO * 5 + "\n", settings=Settings(max_findings_per_rule=2))
    assert result.text == "各单位要认真部署。" * 5 + "\n"


def test_a_negative_limit_is_refused():
    with pytest.raises(ValidationError):
        Settings(max_findings_per_rule=-1)


def test_the_limit_is_read_from_the_configuration_file(tmp_path):
    from checker.api import load_settings

    config = tmp_path / "doccheck.toml"
    config.write_text("max-findings-per-rule = 2\n", encoding="utf-8")
    assert load_settings(str(config)).max_findings_per_rule == 2
