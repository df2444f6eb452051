"""Declarative rule packs: wrong forms, forbidden forms and either-or forms as data.

A rule pack is a YAML file of rules of three types, in the spirit of Vale:
``substitution`` (wrong → right, with optional context conditions such as
“followed by a date” or “not preceded by 分”), ``existence`` (a form that should
not appear) and ``consistency`` (one of several forms within one document). Packs
are read into :class:`checker.core.packdata.RulePackFile` (which also generates
``schemas/rulepack.schema.json``); a malformed pack raises :class:`RulePackError`
naming the file, the entry and the reason. The shipped pack
is ``rules/typos.yaml``; users add packs with ``rule-packs`` in their configuration
(``Settings.rule_packs``), later packs overriding earlier entries for the same
wrong form. Loaded packs are cached per process (and validated data on disk, see
:func:`checker.core.resources.cached_load`); the matcher that finds every form in one
pass is compiled once per set of packs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, TypeAlias

from checker.core import patterns
from checker.core.datafiles import Problem, read_model, read_yaml, validate
from checker.core.marks import CLAUSE_ENDS
from checker.core.packdata import GlossaryFile, RulePackFile
from checker.core.resources import cached_load, rules_path
from checker.model.dates import date_pieces
from checker.model.numerals import ARABIC, CHINESE_ONE_TO_NINE, CHINESE_ZEROS
from checker.model.segmentation import lexicon

BUILTIN_PACKS = ("typos.yaml",)

# substitution kind → rule code (checker/rules/checks/typos.py)
KIND_CODES = {"misspelling": "TY101", "usage": "TY102", "idiom": "TY103", "variant": "TY104", "transposition": "TY105"}
EXISTENCE_CODE = "TY106"
CONSISTENCY_CODE = "TY107"


class RulePackError(ValueError):
    """A rule pack that cannot be used; the message names the file, the entry and the reason."""


# Named contexts a condition may use instead of literal strings. Each is matched
# right after (or right before) the form, spaces allowed in between. A date is a
# month, a day or the start of 2016-01-19 as grammar/dates.lark writes them, or a
# year, which may be written short here (16年, 30年代: the context says a time follows).
_DATE_WORDS_AFTER = (
    "今年|去年|前年|明年|本年|当年|上年|本月|上月|当月|本季度|年底|年末|年初|月底|月末|目前|当前"
    "|现在|今天|今日|昨日|本周|上周|日前"
)
_DATE_WORDS_BEFORE = "今年|去年|明年|本月|年底|年末|目前"
_HOUR_NUMERAL = f"[{ARABIC}{CHINESE_ONE_TO_NINE}十]"


@lru_cache(maxsize=1)
def _named_contexts() -> tuple[dict[str, str], dict[str, str]]:
    """(the named contexts after a form, those before it), as regular expressions."""
    pieces = date_pieces()
    year = rf"(?:[{ARABIC}]{{1,4}}|{pieces.chinese_year}|[{CHINESE_ZEROS}{CHINESE_ONE_TO_NINE}十]{{2,4}})年"
    date = rf"{year}|{pieces.arabic_month}月|{pieces.arabic_day}日|{pieces.chinese_month}月"
    clock = rf"{_HOUR_NUMERAL}{{1,3}}[时点:：](?:[{ARABIC}]{{1,2}}分?|半)?"
    after = {
        "<date>": (
            rf"[ \u3000]*(?:{date}|{pieces.arabic_year}{pieces.numeric_separator}[{ARABIC}]"
            rf"|{_DATE_WORDS_AFTER}|[{ARABIC}]{{1,2}}[时点:：])"
        ),
        # 截止5月31日前, 截止2024-05-31 17:00之前: a deadline. At most twelve pieces before the
        # last (a date and a time written out take five): unbounded, a long run of digits and
        # separators that ends in no 前 is tried again from every place, which is quadratic.
        "<deadline>": (
            rf"(?:[ \u3000]|(?:{date})[底末初]?|{_DATE_WORDS_AFTER}|{clock}|[{ARABIC}]{{1,4}}"
            rf"{pieces.numeric_separator}){{0,12}}(?:(?:{date})[底末初]?|{_DATE_WORDS_AFTER}|{clock}"
            rf"|[{ARABIC}]{{1,2}})[ \u3000]*[以之]?前"
        ),
        "<time>": rf"[ \u3000]*{_HOUR_NUMERAL}{{1,3}}[时点:：]",
        "<number>": rf"[ \u3000]*[{ARABIC}]",
        "<han>": r"[\u4e00-\u9fff]",
    }
    before = {
        "<date>": rf"(?:{date}|{_DATE_WORDS_BEFORE})[ \u3000]*$",
        "<deadline>": rf"(?:{date}|{_DATE_WORDS_BEFORE}|{clock})[ \u3000]*[以之]?前[ \u3000]*$",
        "<time>": rf"[{ARABIC}]{{1,2}}[时点][ \u3000]*$",
        "<number>": rf"[{ARABIC}][ \u3000]*$",
        "<han>": r"[\u4e00-\u9fff]$",
    }
    return after, before


# A pack's "sentence" (not_in_sentence_with) is a clause of the text model: it ends at a
# semicolon too, and is looked at from the form on, at most _SENTENCE_LIMIT characters.
_CLAUSE_END = patterns.lazy("[" + re.escape(CLAUSE_ENDS) + "]")
_LOOKBACK = 24
_SENTENCE_LIMIT = 120


class Context(NamedTuple):
    """Literal strings and named contexts on one side of a form."""

    literals: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None

    @classmethod
    def build(cls, items: list[str] | None, named: dict[str, str], after: bool) -> Context | None:
        if not items:
            return None
        literals = tuple(item for item in items if item not in named)
        names = [named[item] for item in items if item in named]
        pattern = re.compile("|".join(f"(?:{n})" for n in names)) if names else None
        return cls(literals, pattern)

    def after(self, text: str, at: int) -> bool:
        if self.literals and text.startswith(self.literals, at):
            return True
        return bool(self.pattern and self.pattern.match(text, at))

    def before(self, text: str, at: int) -> bool:
        if self.literals and text.endswith(self.literals, 0, at):
            return True
        return bool(self.pattern and self.pattern.search(text[max(0, at - _LOOKBACK) : at]))

    def in_sentence(self, text: str, at: int) -> bool:
        end = _CLAUSE_END.search(text, at, at + _SENTENCE_LIMIT)
        sentence = text[at : end.start() if end else min(len(text), at + _SENTENCE_LIMIT)]
        if any(item in sentence for item in self.literals):
            return True
        return bool(self.pattern and self.pattern.search(sentence))


class Conditions(NamedTuple):
    preceded_by: Context | None = None
    not_preceded_by: Context | None = None
    followed_by: Context | None = None
    not_followed_by: Context | None = None
    not_in_sentence_with: Context | None = None

    @classmethod
    def build(cls, data: dict[str, list[str]]) -> Conditions:
        named_after, named_before = _named_contexts()
        return cls(
            Context.build(data.get("preceded_by"), named_before, after=False),
            Context.build(data.get("not_preceded_by"), named_before, after=False),
            Context.build(data.get("followed_by"), named_after, after=True),
            Context.build(data.get("not_followed_by"), named_after, after=True),
            Context.build(data.get("not_in_sentence_with"), named_after, after=True),
        )

    @property
    def contextual(self) -> bool:
        """Does the form need a context to be wrong (rather than only exceptions)?"""
        return self.preceded_by is not None or self.followed_by is not None

    def hold(self, text: str, start: int, end: int) -> bool:
        if self.preceded_by and not self.preceded_by.before(text, start):
            return False
        if self.not_preceded_by and self.not_preceded_by.before(text, start):
            return False
        if self.followed_by and not self.followed_by.after(text, end):
            return False
        if self.not_followed_by and self.not_followed_by.after(text, end):
            return False
        return not (self.not_in_sentence_with and self.not_in_sentence_with.in_sentence(text, end))


class Entry(NamedTuple):
    """One form a pack looks for: a substitution's wrong form or an existence token."""

    pack: str
    rule_id: str
    type: str  # substitution / existence
    code: str
    form: str
    right: str | None
    level: str | None
    fix: str  # safe / unsafe / none
    conditions: Conditions
    note: str = ""
    message: str = ""
    suggestion: str = ""
    kind: str = ""


class Consistency(NamedTuple):
    pack: str
    rule_id: str
    forms: tuple[str, ...]
    level: str | None
    fix: str
    conditions: Conditions
    note: str = ""


@dataclass
class RulePack:
    path: str
    name: str
    entries: list[Entry] = field(default_factory=list)
    consistencies: list[Consistency] = field(default_factory=list)
    accept: tuple[str, ...] = ()


# -- loading ---------------------------------------------------------------------------
def load_pack(path: str) -> RulePack:
    """A validated rule pack (cached per process, and on disk between runs; read again
    when the file changes, so that a long-lived process — a language server — sees an
    edited pack)."""
    return _load(str(path), file_stamp(path))


def file_stamp(path: str) -> tuple[int, int] | None:
    """(modification time, size) of a file, None when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=32)
def _load(path: str, stamp: tuple[int, int] | None) -> RulePack:
    return _build(path, cached_load(path, parse_pack))


def parse_pack(path: str) -> RulePackFile:
    """A pack read and validated; raises :class:`RulePackError`."""
    data = read_yaml(path, noun="规则包", error=RulePackError)
    pack = validate(RulePackFile, data, path, error=RulePackError, name_entry=_entry_name)
    _check_meaning(path, pack)
    return pack


def _entry_name(data: Any, problem: Problem) -> str:
    """The entry's path, with the id of the rule it is in: rules/3/swap（id: 截止）"""
    parts = [str(part) for part in problem.parts]
    name = problem.entry
    if len(parts) >= 2 and parts[0] == "rules" and isinstance(data, dict):
        try:
            rule_id = data["rules"][int(parts[1])].get("id")
        except (IndexError, ValueError, AttributeError, KeyError, TypeError):
            rule_id = None
        if isinstance(rule_id, str) and rule_id:
            name += f"（id: {rule_id[:40]}）"
    return name


def _check_meaning(path: str, pack: RulePackFile) -> None:
    """What the model cannot say: a pack with neither rules nor accept list, a form that
    maps to itself or is given twice."""
    if not pack.rules and not pack.accept:
        raise RulePackError(f"{path}: 规则包既没有 rules 也没有 accept 列表，不起任何作用")
    seen: dict[str, str] = {}
    ids: set[str] = set()
    for index, item in enumerate(pack.rules):
        where = f"rules/{index}（id: {item.id}）"
        if item.id in ids:
            raise RulePackError(f"{path}: 条目 {where} 无效：id 与前面的规则重复")
        ids.add(item.id)
        forms: list[str] = []
        if item.type == "substitution":
            for wrong, right in item.swap.items():
                target = right if isinstance(right, str) else right.right
                if target == wrong:
                    raise RulePackError(f"{path}: 条目 {where}/swap/{wrong} 无效：正确写法与错误写法相同")
                forms.append(wrong)
        elif item.type == "existence":
            forms = list(item.tokens)
        for form in forms:
            if form in seen:
                raise RulePackError(f"{path}: 条目 {where} 无效：“{form}”已在 {seen[form]} 中定义")
            seen[form] = where


def _build(path: str, data: RulePackFile) -> RulePack:
    name = data.name or path
    pack = RulePack(path=path, name=name, accept=tuple(data.accept))
    for item in data.rules:
        level = item.level
        if item.type == "substitution":
            group = item.condition_lists()
            for wrong, right in item.swap.items():
                if isinstance(right, str):
                    own, target, own_level, own_fix, note = {}, right, None, None, None
                else:
                    own, target, own_level, own_fix, note = (
                        right.condition_lists(),
                        right.right,
                        right.level,
                        right.fix,
                        right.note,
                    )
                pack.entries.append(
                    Entry(
                        pack=name,
                        rule_id=item.id,
                        type="substitution",
                        code=KIND_CODES[item.kind],
                        form=wrong,
                        right=target,
                        level=own_level or level,
                        fix=own_fix or item.fix or "safe",
                        conditions=Conditions.build({**group, **own}),
                        note=note if note is not None else item.note or "",
                        kind=item.kind,
                    )
                )
        elif item.type == "existence":
            conditions = Conditions.build(item.condition_lists())
            for token in item.tokens:
                pack.entries.append(
                    Entry(
                        pack=name,
                        rule_id=item.id,
                        type="existence",
                        code=EXISTENCE_CODE,
                        form=token,
                        right=None,
                        level=level,
                        fix="none",
                        conditions=conditions,
                        message=item.message,
                        suggestion=item.suggestion or "",
                    )
                )
        else:
            group = {
                key: value
                for key, value in (("not_preceded_by", item.not_preceded_by), ("not_followed_by", item.not_followed_by))
                if value
            }
            pack.consistencies.append(
                Consistency(
                    pack=name,
                    rule_id=item.id,
                    forms=tuple(item.either),
                    level=level,
                    fix=item.fix or "unsafe",
                    conditions=Conditions.build(group),
                    note=item.note or "",
                )
            )
    return pack


def pack_paths(settings: Any = None) -> tuple[str, ...]:
    """The shipped packs, then the user's (``Settings.rule_packs``), in order."""
    builtin = tuple(str(rules_path(name)) for name in BUILTIN_PACKS)
    user = tuple(getattr(settings, "rule_packs", None) or ())
    return builtin + tuple(str(path) for path in user)


def validate_user_packs(settings: Any) -> None:
    """Load every pack the settings name; raises :class:`RulePackError` on the first bad one."""
    for path in pack_paths(settings):
        load_pack(path)


# -- matching --------------------------------------------------------------------------
class Match(NamedTuple):
    entry: Entry
    start: int
    end: int


class Matcher:
    """Every form of a set of packs, found in one pass of an automaton over the text."""

    def __init__(self, packs: list[RulePack]) -> None:
        by_form: dict[str, Entry] = {}
        for pack in packs:
            for entry in pack.entries:
                by_form[entry.form] = entry  # a later pack overrides an earlier one
        self.by_form = by_form
        # Forms are found by their first two characters (a form has at least two): an
        # Aho–Corasick automaton of those pairs finds, in one pass in compiled code, every
        # place a pair stands, and a dict gives the forms beginning with it, longest
        # first. Tried at each place, one alternation of every form is slower, and a
        # regular expression of the pairs tests a class of characters at every character
        # of the text, in CPython's engine, and lets through many places no pair begins.
        self.by_pair: dict[str, list[str]] = {}
        for form in sorted(by_form, key=lambda form: (-len(form), form)):
            self.by_pair.setdefault(form[:2], []).append(form)
        self.pairs = list(self.by_pair)
        self.automaton = patterns.automaton(self.pairs) if by_form else None
        consistencies: dict[tuple[str, ...], Consistency] = {}
        for pack in packs:
            for rule_ in pack.consistencies:
                consistencies[rule_.forms] = rule_
        self.consistencies = list(consistencies.values())
        every = sorted({form for rule_ in self.consistencies for form in rule_.forms}, key=lambda f: (-len(f), f))
        self.consistency_pattern = re.compile(trie_pattern(every)) if every else None
        self.accepted = frozenset(word for pack in packs for word in pack.accept)
        words = lexicon()
        self.is_word: Callable[[str], bool] = words.is_word if words is not None else _no_word

    def matches(self, text: str, spans: list[tuple[int, int]]) -> Iterator[Match]:
        """Every form whose conditions hold, leftmost-longest and not overlapping."""
        if self.automaton is None:
            return
        by_pair, by_form, pairs = self.by_pair, self.by_form, self.pairs
        for span_start, span_end in spans:
            free = span_start  # where the next match may begin
            # (every pair is two characters long: the places come in order)
            for index, start, _ in self.automaton.find_matches_as_indexes(text[span_start:span_end], overlapping=True):
                start += span_start
                if start < free:
                    continue
                for form in by_pair[pairs[index]]:
                    end = start + len(form)
                    if end <= span_end and text.startswith(form, start):
                        entry = by_form[form]
                        if entry.conditions.hold(text, start, end) and not self.straddles(text, start, end):
                            yield Match(entry, start, end)
                            free = end
                            break

    def straddles(self, text: str, start: int, end: int) -> bool:
        """Is the form two halves of two words (安祥 in 平安|祥和)? Its first character
        makes a word with the one before it and its last with the one after it: the
        text says something else."""
        if start == 0 or end >= len(text):
            return False
        is_word = self.is_word
        return is_word(text[start - 1 : start + 1]) and is_word(text[end - 1 : end + 1])

    def consistency_uses(self, text: str, spans: list[tuple[int, int]]) -> dict[str, list[int]]:
        """Offsets of each either-or form in the spans."""
        uses: dict[str, list[int]] = {}
        if self.consistency_pattern is None:
            return uses
        for span_start, span_end in spans:
            for found in self.consistency_pattern.finditer(text, span_start, span_end):
                uses.setdefault(found.group(), []).append(found.start())
        return uses


_Trie: TypeAlias = "dict[str, _Trie]"  # character → the forms' rest; "" marks an end


def trie_pattern(forms: list[str]) -> str:
    """One regular expression for many literal forms, their common beginnings merged
    (不(?:径而走|加思索)…): the engine tries one branch per first character instead
    of every form at every position, and a longer form still wins over its prefix."""
    trie: _Trie = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + "|".join(branches) + ")"
        if len(branches) == 1 and not ends:
            return branches[0]
        return body + "?" if ends else body

    return emit(trie)


def _no_word(pair: str) -> bool:
    return False


def matcher(settings: Any = None) -> Matcher:
    """The compiled matcher of the shipped packs and the user's (cached per set of packs)."""
    paths = pack_paths(settings)
    return _matcher(paths, tuple(map(file_stamp, paths)))


@lru_cache(maxsize=8)
def _matcher(paths: tuple[str, ...], stamps: tuple[tuple[int, int] | None, ...]) -> Matcher:
    return Matcher([load_pack(path) for path in paths])


# -- glossaries ------------------------------------------------------------------------
class Term(NamedTuple):
    """A canonical name and the variants that must not stand for it."""

    glossary: str
    canonical: str
    variants: tuple[str, ...]
    level: str | None
    fix: str
    note: str = ""


def load_glossary(path: str) -> list[Term]:
    """The terms of a glossary, validated (cached per process and on disk; read again
    when the file changes)."""
    return _glossary(str(path), file_stamp(path))


@lru_cache(maxsize=32)
def _glossary(path: str, stamp: tuple[int, int] | None) -> list[Term]:
    data = cached_load(path, parse_glossary)
    name = data.name or path
    return [
        Term(name, item.canonical, tuple(item.variants), item.level, item.fix or "safe", item.note or "")
        for item in data.terms
    ]


def parse_glossary(path: str) -> GlossaryFile:
    """A glossary read and validated; raises :class:`RulePackError`."""
    data = read_model(path, GlossaryFile, noun="术语表", error=RulePackError)
    seen: dict[str, int] = {}
    for index, item in enumerate(data.terms):
        if item.canonical in item.variants:
            raise RulePackError(f"{path}: 条目 terms/{index} 无效：规范名称“{item.canonical}”也列为变体")
        for variant in item.variants:
            if variant in seen:
                raise RulePackError(
                    f"{path}: 条目 terms/{index} 无效：变体“{variant}”已在 terms/{seen[variant]} 中列出"
                )
            seen[variant] = index
    return data


def glossary_terms(settings: Any = None) -> list[Term]:
    """Every term of the glossaries the settings name (``Settings.glossaries``)."""
    terms: list[Term] = []
    for path in getattr(settings, "glossaries", None) or ():
        terms.extend(load_glossary(str(path)))
    return terms


def validate_user_data(settings: Any) -> None:
    """Load every rule pack and glossary the settings name; the first bad one raises
    :class:`RulePackError` (the CLI turns it into a usage error, exit 2)."""
    validate_user_packs(settings)
    glossary_terms(settings)
