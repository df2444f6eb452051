"""Settings from a configuration file, with every name in it checked.

:func:`checker.core.config.load_config` reads and types the file in the bottom layer,
which knows no rule and no reader. This module hands it what the rules and readers
know, so that a selector that matches no rule, a severity for a code that is no rule
or a file type doccheck cannot read is refused with the key and the file.
"""

from __future__ import annotations

from pathlib import Path

from checker.core.config import KnownNames, Settings, load_config
from checker.load.readers import supported_suffixes
from checker.rules.registry import load_rules, selector_known


def known_names() -> KnownNames:
    """The selectors, rule codes and file suffixes this installation knows."""
    return KnownNames(
        selector_known=selector_known, rule_codes=lambda: load_rules().keys(), suffixes=supported_suffixes
    )


def settings_from_file(path: str | Path) -> Settings:
    """Settings from a configuration file (doccheck.toml or a pyproject.toml)."""
    return load_config(path, known_names())
