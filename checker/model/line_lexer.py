"""Every line of a text with the kind grammar/outline.lark gives it: the outline's hot loop.

What this module guarantees: :func:`classify_lines` gives, for every text, exactly
the lines that Lark's parse of the whole text with grammar/outline.lark gives — one
:class:`Line` per line of the text, in order; a line that no rule matched, or that a
marker such as 索 引 号 ran over from the line before, is blank.
:func:`classify_lines_with_lark` is that parse, and tests/test_outline_lines.py holds
the two together on random mixtures of markers.

Why it does not simply run Lark: importing Lark and parsing with it costs more than
all the rest of classifying. The grammar reads a text line by line — each line is an
optional indent, then one rule that begins with its marker terminal, then the line
break ``_NL`` — so the kind of a line is settled by the terminals Lark's contextual
lexer matches from the line's start. What that lexer needs is read from the grammar
once, through Lark's public API, into :class:`LineTables`: for each parser state a
line can reach, the terminals that state accepts, in the order Lark's lexer tries
them (its documented precedence: priority, longest possible match, length of the
pattern, name), and the rule a line ending in that state makes. The tables are kept
in the cache folder with the other data built from project files
(:func:`checker.core.resources.cached_load`, which builds them again when the grammar
or this module changes), so a run compiles a few alternations and does not import
Lark at all. A grammar that is not read line by line this way is parsed whole by
Lark instead.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from checker.core.resources import cached_load, grammar_path

if TYPE_CHECKING:
    from lark import Lark

Matcher = Callable[[str, int], "re.Match[str] | None"]  # ``match(text, pos)`` of a compiled pattern

LINE_BREAK = "_NL"  # the grammar's terminal that ends a line
_GRAMMAR = "outline.lark"
_SPACE = " \t\u3000\xa0"  # what a line's end leaves out
_LONGEST_LINE = 8  # terminals a line of a line grammar reads before its line break, at most


@dataclass
class Line:
    """One classified line."""

    kind: str  # heading, meta_field, chrome, attachment_note, doc_number, date_line, text, blank
    start: int  # first non-space character
    end: int  # end of line (before the newline), trailing spaces excluded
    terminal: str | None = None  # the marker terminal for headings
    marker_end: int = -1
    line_start: int = 0  # start of the line including indentation


@dataclass
class LineTables:
    """Lark's contextual lexer for one line, as data. State 0 is a line's start; a state
    is reached by the terminals read since then."""

    scanners: list[str]  # alternations of named groups, one per distinct set of accepted terminals
    scanner_of: dict[int, int]  # state -> index in ``scanners``
    accepts: dict[int, frozenset[str]]  # state -> the terminals it accepts
    moves: dict[tuple[int, str], int]  # (state, terminal read) -> next state
    # state in which the line break is read -> (rule, index of the rule's first token,
    # index of its last token among those read), or None: the line makes no rule (blank)
    rules: dict[int, tuple[str, int, int] | None]


class _NotALineGrammar(Exception):
    """The grammar does not read a text as independent lines of one rule each."""


def build_tables(path: str) -> LineTables | None:
    """The tables of the grammar at ``path``, read through Lark's public API (None: the
    grammar is not a line grammar, and Lark must parse the whole text)."""
    from lark import Lark, Token, Tree
    from lark.exceptions import LarkError

    parser = Lark.open(path, parser="lalr", lexer="contextual", maybe_placeholders=False)
    if parser.ignore_tokens:
        return None
    order = sorted(parser.terminals, key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    rank = {terminal.name: index for index, terminal in enumerate(order)}
    regexps = {terminal.name: terminal.pattern.to_regexp() for terminal in order}
    tables = LineTables([], {}, {}, {}, {})
    scanner_index: dict[str, int] = {}

    # Lark's InteractiveParser and parse trees are not annotated: they are handled as Any.
    def accepted(interactive: Any) -> list[str]:
        return sorted((name for name in interactive.accepts() if name in rank), key=rank.__getitem__)

    def rule_of(tree: Any) -> tuple[str, int, int] | None:
        subtrees = [child for child in tree.children if isinstance(child, Tree)]
        if not subtrees:
            return None
        tokens: list[Any] = subtrees[0].children
        if len(subtrees) > 1 or not tokens or not all(isinstance(token, Token) for token in tokens):
            raise _NotALineGrammar
        return str(subtrees[0].data), tokens[0].start_pos, tokens[-1].start_pos

    start: Any = parser.parse_interactive("")
    line_start = accepted(start)
    numbers = itertools.count(1)
    pending = [(0, start, 0)]  # state, interactive parser in it, terminals read since the line start
    try:
        while pending:
            state, interactive, depth = pending.pop()
            names = accepted(interactive)
            if depth > _LONGEST_LINE or not names:
                raise _NotALineGrammar
            alternation = "|".join(f"(?P<{name}>{regexps[name]})" for name in names)
            tables.scanner_of[state] = scanner_index.setdefault(alternation, len(scanner_index))
            tables.accepts[state] = frozenset(names)
            for name in names:
                after = copy.copy(interactive)
                after.feed_token(Token(name, "", depth))  # its position: its index in the line
                if name == LINE_BREAK:
                    if accepted(after) != line_start:
                        raise _NotALineGrammar  # what follows depends on the lines before
                    tables.rules[state] = rule_of(after.feed_eof())
                else:
                    tables.moves[state, name] = next_state = next(numbers)
                    pending.append((next_state, after, depth + 1))
    except (_NotALineGrammar, LarkError):
        return None
    tables.scanners = list(scanner_index)
    return tables


class LineLexer:
    """Runs :class:`LineTables` over a text.

    Every state tries the alternation of a line's start first, when it accepts no
    terminal that one does not: the first terminal that alternation matches is the
    first this state's own alternation would match whenever this state accepts it
    (the terminals before it, in the same order, did not match). Only when it is not
    is the state's own alternation compiled and tried. So the states after an indent
    or a marker, which accept most of the line start's terminals, cost no compiling
    of their own in most runs.
    """

    def __init__(self, tables: LineTables) -> None:
        self.tables = tables
        self._matchers: dict[int, Matcher] = {}
        every = tables.accepts[0]
        self.checked_against_start = {state: names for state, names in tables.accepts.items() if names <= every}

    def matcher(self, state: int) -> Matcher:
        """``match(text, pos)`` of the terminals ``state`` accepts, compiled on first use."""
        found = self._matchers.get(state)
        if found is None:
            found = self._matchers[state] = re.compile(self.tables.scanners[self.tables.scanner_of[state]]).match
        return found

    def lines(self, whole: str) -> Iterator[Line]:
        """The lines of ``whole`` (which ends with a line break) that make a rule, in order."""
        moves, rules, matcher = self.tables.moves, self.tables.rules, self.matcher
        via_start, start_match = self.checked_against_start, self.matcher(0)
        offset, length = 0, len(whole)
        while offset < length:
            state, tokens, at = 0, [], offset
            while True:
                accepted = via_start.get(state)
                if accepted is None:
                    found = matcher(state)(whole, at)
                else:
                    found = start_match(whole, at)
                    if found is not None and found.lastgroup not in accepted:
                        found = matcher(state)(whole, at)
                if found is None:  # where Lark raises UnexpectedCharacters: no line grammar of ours does
                    raise ValueError(f"grammar/{_GRAMMAR}: no terminal matches at offset {at}")
                name = found.lastgroup or ""  # every alternative is a named group
                if name == LINE_BREAK:
                    break
                tokens.append(found)
                state = moves[state, name]
                at = found.end()
            rule = rules[state]
            if rule is not None:
                yield _line(whole, rule[0], tokens[rule[1]], tokens[rule[2]])
            offset = found.end()


def _line(whole: str, kind: str, first: re.Match[str], last: re.Match[str]) -> Line:
    start, end = first.start(), last.end()
    while end > start and whole[end - 1] in _SPACE:
        end -= 1
    line = Line(kind, start, end, line_start=whole.rfind("\n", 0, start) + 1)
    if kind != "text":  # the marker: heading number, meta key, 附件：…
        line.terminal = first.lastgroup
        line.marker_end = first.end()
    return line


@lru_cache(maxsize=1)
def _lexer() -> LineLexer | None:
    tables = cached_load(grammar_path(_GRAMMAR), build_tables)
    return LineLexer(tables) if tables is not None else None


def classify_lines(text: str) -> list[Line]:
    """Every line of ``text`` with the kind the grammar gives it."""
    whole = text if text.endswith("\n") else text + "\n"
    lexer = _lexer()
    return _every_line(text, lexer.lines(whole) if lexer is not None else _lark_lines(whole))


def classify_lines_with_lark(text: str) -> list[Line]:
    """What :func:`classify_lines` gives, from Lark's parse of the whole text."""
    return _every_line(text, _lark_lines(text if text.endswith("\n") else text + "\n"))


def _every_line(text: str, found: Iterator[Line]) -> list[Line]:
    """One line per line of ``text``: the one found there, else a blank one."""
    by_start = {line.line_start: line for line in found}
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(by_start.get(offset) or Line(kind="blank", start=offset, end=offset, line_start=offset))
        offset += len(raw) + 1
    return lines


@lru_cache(maxsize=1)
def _lark_parser() -> Lark:
    from lark import Lark

    return Lark.open(
        str(grammar_path(_GRAMMAR)),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=False,
        cache=True,
    )


def _lark_lines(whole: str) -> Iterator[Line]:
    from lark import Token

    tree: Any = _lark_parser().parse(whole)
    for subtree in tree.children:
        if isinstance(subtree, Token):  # the indent of a whitespace-only line
            continue
        tokens = [token for token in subtree.children if isinstance(token, Token)]
        first, last = tokens[0], tokens[-1]
        start, end = _position(first.start_pos), _position(last.end_pos)
        while end > start and whole[end - 1] in _SPACE:
            end -= 1
        line = Line(str(subtree.data), start, end, line_start=whole.rfind("\n", 0, start) + 1)
        if line.kind != "text":
            line.terminal = first.type
            line.marker_end = _position(first.end_pos)
        yield line


def _position(value: int | None) -> int:
    if value is None:  # Lark's lexer sets the positions of every token it makes
        raise ValueError("a token without a position")
    return value
