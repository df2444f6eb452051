"""The documentation of every rule, in Chinese and English, read from ``rules/rule_docs.yaml``.

One entry per rule code holds both languages side by side — the name, a one-line
summary, what the rule checks, why it matters, an example and the fix — so a
reviewer reads and corrects them together, and a rule missing either language fails
``tests/test_rule_docs.py``. The registry asks this module for a rule's texts in the
interface's language (:mod:`checker.core.i18n`); the rule's code and kebab-case name
stay the identifiers in both.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from checker.core import safeyaml
from checker.core.i18n import Language, language
from checker.core.resources import rules_path

SECTIONS = ("what", "why", "example", "fix")


class Bilingual(BaseModel):
    """One text in both languages of the interface."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Language | None = None) -> str:
        return self.en if (lang or language()) == "en" else self.zh


class RuleDoc(BaseModel):
    """A rule's documentation. ``example`` is one text when it reads the same in both languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Bilingual
    summary: Bilingual
    what: Bilingual
    why: Bilingual
    example: str | Bilingual
    fix: Bilingual

    def section(self, key: str, lang: Language | None = None) -> str:
        value = getattr(self, key)
        return value if isinstance(value, str) else value.get(lang)


@cache
def rule_docs() -> dict[str, RuleDoc]:
    """Every documented rule by code (read once)."""
    data = safeyaml.load(rules_path("rule_docs.yaml").read_text(encoding="utf-8")) or {}
    return {code: RuleDoc.model_validate(entry) for code, entry in data.items()}
