"""The grammar's tokens, for the views and rules that find them inside running text.

The outline's grammar classifies whole lines; a date or a 发文字号 inside a sentence is
found with a regular expression instead. Those expressions are built from the
terminals of the grammar files (grammar/dates.lark, grammar/doc_number.lark), which
outline.lark imports too, so that a token means the same to the outline and to every
rule. The terminals are read with Lark once and kept in the disk cache until the
grammar file changes: a run does not import Lark for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from checker.core.resources import cached_load, grammar_path


@lru_cache(maxsize=8)
def grammar_terminals(filename: str) -> Mapping[str, str]:
    """Terminal name → regular expression, for the grammar ``grammar/<filename>``."""
    return MappingProxyType(cached_load(grammar_path(filename), read_terminals))


def read_terminals(path: str) -> dict[str, str]:
    """The terminals of the Lark grammar at ``path`` (those its rules use)."""
    from lark import Lark

    grammar = Lark.open(path, parser="lalr", lexer="contextual")
    return {terminal.name: terminal.pattern.to_regexp() for terminal in grammar.terminals}
