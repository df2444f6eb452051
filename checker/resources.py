"""Where the project's data lives: grammar/, rules/ and schemas/.

In a source checkout they sit at the top of the repository; in an installed wheel
they are shipped as ``checker/data/…``. Everything that reads a .lark, rule pack or
schema asks this module for the path, so the two layouts behave the same.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """The directory ``name`` (``grammar``, ``rules`` or ``schemas``)."""
    installed = _PACKAGE / "data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def grammar_path(filename: str) -> Path:
    return data_dir("grammar") / filename


def rules_path(filename: str) -> Path:
    return data_dir("rules") / filename


def schema_path(filename: str) -> Path:
    return data_dir("schemas") / filename


@lru_cache(maxsize=None)
def load_schema(filename: str) -> dict:
    with open(schema_path(filename), encoding="utf-8") as handle:
        return json.load(handle)
