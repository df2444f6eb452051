"""Numeric claims a sentence makes, read from the quantities view.

A claim is a statement whose numbers must agree with each other:

* :class:`Breakdown` — a total and its parts (共78项，其中国家级4项，省级54项，市级20项),
  with whether the parts are meant to be all of the total and why (an enumeration
  written with the total, a standard partition from ``rules/numeric.yaml``, or
  分别为) — or only some of it;
* :class:`Share` — a percentage of a whole (17家，占全市总数的37.7%), with the part
  and the whole when they are written;
* :class:`Change` — a change and its rate (达到M，比上年增加N，增长p%; 由A提高到B，提高p;
  减少N倍);
* :class:`ShareSet` — several shares of one whole listed together (三次产业结构);
* :class:`Figure` — a figure with its subject, unit and year, to find one measure
  stated twice with different values.

Claims are extracted once per document (``claims(doc)``) with character spans; the
NC checks in ``checker/rules/checks/numeric.py`` only do the arithmetic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from checker.core import patterns
from checker.core.marks import BRACKETS, CLAUSE_ENDS, ITEM_ENDS, PHRASE_ENDS
from checker.core.numericdata import ChangeWords, NumericRules, Partition, ShareWords
from checker.model.document import Document
from checker.model.quantities import Quantity, QuantitySentence, load_numeric_rules, sentences_with_quantities
from checker.model.sentences import Ends, Units, units

_OPEN = "".join(BRACKETS)
_BRACKETS = patterns.lazy("[" + re.escape(_OPEN + "".join(BRACKETS.values())) + "]")
# A phrase longer than this is text without punctuation: looking further back finds nothing useful.
_PHRASE_REACH = 200
# What may follow a part of a breakdown: the end of its phrase or list item, a bracket, 和 or 及.
_PART_END = frozenset(ITEM_ENDS + "（(）)和及")
# After parts listed with 、, one of these ends the list: what follows is another statement.
_LIST_ENDS = frozenset("，,；;")
# 由A降到B: a one-character verb and its 到/至
_SHORT_TO_VERBS = ("增至", "升至", "降至", "减至", "增到", "升到", "降到", "减到")
# ，比上年同期增加 : the longest gap between a value and its increment
_LONGEST_COMPARISON = 14


def _any_word(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern that finds whether a text holds any of ``words``: re skips to their first
    characters by itself, where testing the words one by one with ``in`` scans the text once each."""
    return re.compile("|".join(re.escape(word) for word in words) or "(?!)")


class _WordTests:
    """The yes/no word-list tests of the claims, each one pattern (see :func:`_any_word`)."""

    def __init__(self, rules: NumericRules) -> None:
        change, breakdown = rules.change, rules.breakdown
        change_words = change.up + change.down + change.comparisons
        self.overlap = _any_word(breakdown.overlap_words)
        self.not_additive = _any_word(breakdown.not_additive_words)
        self.change = _any_word(change_words)
        self.new_statement = _any_word(breakdown.new_statement_words)
        self.first_part_stop = _any_word(change_words + change.from_words + breakdown.first_part_stop_words)
        # the words a breakdown's parts follow, and whether the parts are all of the total
        self.markers = tuple(
            [(word, False) for word in breakdown.introducers] + [(word, True) for word in breakdown.exhaustive_markers]
        )
        self.marker = _any_word([word for word, _ in self.markers])
        # every share and every set of shares is read after a share word (占, 比重 …) or a set hint
        self.share = _any_word(rules.shares.words)
        self.share_or_hint = _any_word(rules.shares.words + rules.shares.set_hints)
        self.reached = _any_word(("增至", "增加到", "增长到", "提高到", "达到"))  # a level, not a change
        self.from_or_comparison = _any_word(change.from_words + change.comparisons)
        self.real_growth = _any_word(change.real_growth_words)
        self.skip = _any_word(rules.restatement.skip_words)
        self.unwanted = _any_word(change_words + breakdown.not_additive_words)


# id(rules) -> (rules, its tests); the rules are kept so that the id stays theirs
_word_tests_cache: dict[int, tuple[NumericRules, _WordTests]] = {}


def _word_tests(rules: NumericRules) -> _WordTests:
    cached = _word_tests_cache.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = _word_tests_cache[id(rules)] = (rules, _WordTests(rules))
    return cached[1]


@dataclass
class Part:
    quantity: Quantity
    label: str


@dataclass
class Breakdown:
    total: Quantity
    total_label: str
    parts: list[Part]
    exhaustive: bool
    reason: str  # why the parts are all of the total, or "subset"
    start: int
    end: int
    kind: str = "breakdown"
    overlap_noted: bool = False  # the sentence says the parts overlap (有交叉)


@dataclass
class Share:
    percent: Quantity
    word: str  # the share word: 占, 占比, 比重 …
    part: Quantity | None = None
    whole: Quantity | None = None
    whole_source: str = ""  # "stated" (占全市120家的…) or "breakdown" (the total of 其中)
    level: bool = True  # a level (占比45%), not a change of one (占比提高5%)
    whole_words: str = ""  # what 占 … names as the whole: 全市总数的
    start: int = 0
    end: int = 0
    kind: str = "share"


@dataclass
class Change:
    form: str  # "from_to" (由A到B，增长p) or "increment" (M，比上年增加N，增长p) or "times_down"
    direction: str  # up / down
    verb: str
    rate: Quantity | None = None
    rate_verb: str = ""  # the verb before the rate: 增长 in 由A增加到B，增长p%
    real_growth: bool = False  # GDP-like measure: growth at comparable prices, values at current prices
    start_value: Quantity | None = None  # A of 由A到B
    end_value: Quantity | None = None  # B of 由A到B, M of the increment form
    amount: Quantity | None = None  # N of 比上年增加N
    start: int = 0
    end: int = 0
    kind: str = "change"


@dataclass
class ShareSet:
    shares: list[Quantity]
    labels: list[str]
    whole: str  # what they are shares of: the partition or the hint word
    start: int = 0
    end: int = 0
    kind: str = "share_set"


@dataclass
class Figure:
    quantity: Quantity
    subject: str
    year: int
    kind: str = "figure"

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.subject, self.quantity.unit, self.year)


@dataclass
class Claims:
    breakdowns: list[Breakdown] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    share_sets: list[ShareSet] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "breakdown": len(self.breakdowns),
            "share": len(self.shares),
            "change": len(self.changes),
            "share_set": len(self.share_sets),
            "figure": len(self.figures),
        }


def claims(doc: Document) -> Claims:
    """The claims view of ``doc``, computed once per document."""
    return doc.view(extract_claims)


def extract_claims(doc: Document) -> Claims:
    rules = load_numeric_rules()
    words = _word_tests(rules)
    result = Claims()
    text = doc.text
    sentence_units = units(doc)
    for sentence in sentences_with_quantities(doc):
        kinds = sentence.kinds
        if not _may_claim(sentence, kinds):
            continue
        # each reader method returns at once when the sentence lacks the kinds of quantity
        # or the words its claims need (most sentences make no claim of most kinds)
        reader = _SentenceReader(text, sentence, rules, kinds, words, sentence_units)
        breakdowns = reader.breakdowns()
        result.breakdowns.extend(breakdowns)
        result.shares.extend(reader.shares(breakdowns))
        result.changes.extend(reader.changes())
        result.share_sets.extend(reader.share_sets())
        result.figures.extend(reader.figures())
    return result


_NO_CLAIM_KINDS = frozenset(("time", "bare"))


def _may_claim(sentence: QuantitySentence, kinds: set[str]) -> bool:
    """Can a sentence with these quantities (of these kinds) make any claim?

    Every claim needs a count, a measure or a rate (a quantity whose kind is neither a
    time nor a bare number), except a ratio of bare numbers (5.1:38.2:56.7), which needs
    two. Many sentences with numbers hold only dates: they are not read at all.
    """
    if not kinds <= _NO_CLAIM_KINDS:
        return True
    return sentence.count_kind("bare") >= 2


def _no_brackets(offset: int) -> int:
    """The bracket depth everywhere in a sentence without brackets."""
    return 0


class _SentenceReader:
    """Reads the claims of one sentence.

    The positional indexes (cached properties) are built on first use: most sentences
    hold no candidate for the claims that need them.
    """

    def __init__(
        self,
        text: str,
        sentence: QuantitySentence,
        rules: NumericRules,
        kinds: set[str],
        words: _WordTests,
        units: Units,
    ) -> None:
        self.text = text
        self.units = units
        self.sentence = sentence
        self.rules = rules
        self.words = words  # _word_tests(rules)
        self.all = sentence.quantities
        # The kinds of the quantities: a claim that needs a kind the sentence lacks is not looked for.
        self.kinds = kinds
        self.depth = self._depths()
        if self.depth is _no_brackets:  # most sentences
            self.outside = list(self.all)
        else:
            self.outside = [q for q in self.all if self.depth(q.start) == 0]

    @cached_property
    def ends(self) -> list[int]:
        return sorted(q.end for q in self.all)

    @cached_property
    def outside_starts(self) -> list[int]:
        return [q.start for q in self.outside]

    @cached_property
    def outside_ends(self) -> list[int]:
        return [q.end for q in self.outside]

    @cached_property
    def starts_all(self) -> set[int]:
        return {q.start for q in self.all}

    @cached_property
    def ends_all(self) -> set[int]:
        return set(self.ends)

    @cached_property
    def overlap_noted(self) -> bool:
        return self.words.overlap.search(self.text, self.sentence.start, self.sentence.end) is not None

    def outside_between(self, start: int, end: int) -> Iterator[Quantity]:
        """Quantities outside brackets that start in [start, end), lazily (callers stop early)."""
        outside = self.outside
        for index in range(bisect.bisect_left(self.outside_starts, start), len(outside)):
            if outside[index].start >= end:
                return
            yield outside[index]

    def _depths(self) -> Callable[[int], int]:
        """A function giving the bracket depth at an offset of this sentence."""
        # One search first: most sentences hold no bracket, and a search that finds none costs
        # far less than a finditer loop that finds none.
        first = _BRACKETS.search(self.text, self.sentence.start, self.sentence.end)
        if first is None:
            return _no_brackets
        positions: list[int] = []
        levels: list[int] = []
        level = 0
        for match in _BRACKETS.finditer(self.text, first.start(), self.sentence.end):
            level = level + 1 if match.group() in _OPEN else max(0, level - 1)
            positions.append(match.start())
            levels.append(level)
        if not positions:
            return _no_brackets

        def depth(offset: int) -> int:
            index = bisect.bisect_left(positions, offset)
            return levels[index - 1] if index else 0

        return depth

    # -- helpers -------------------------------------------------------------
    def phrase_start(self, offset: int, ends: Ends | None = None) -> int:
        """Where the phrase (or the unit ``ends`` ends) holding ``offset`` starts, in this
        sentence; looks back at most _PHRASE_REACH characters."""
        ends = self.units.phrase_ends if ends is None else ends
        return ends.start_of(offset, max(self.sentence.start, offset - _PHRASE_REACH))

    def label(self, quantity: Quantity, floor: int = 0) -> str:
        """The words right before a quantity, back to the clause start or the previous number."""
        start = max(self.phrase_start(quantity.start, self.units.item_ends), floor)
        index = bisect.bisect_right(self.ends, quantity.start)
        if index and self.ends[index - 1] > start:
            start = self.ends[index - 1]
        return self.text[start : quantity.start].strip(" \u3000")

    def has_any(self, text: str, words: Iterable[str]) -> str | None:
        for word in words:
            if word in text:
                return word
        return None

    # -- breakdowns ------------------------------------------------------------
    def breakdowns(self) -> list[Breakdown]:
        text, sentence = self.text, self.sentence
        if (
            ("count" not in self.kinds and "measure" not in self.kinds)
            or self.words.marker.search(text, sentence.start, sentence.end) is None
            or sum(1 for q in self.all if q.usable and not q.is_rate) < 2
        ):
            return []  # a marker, a total and at least one part are needed (usable quantities, not rates)
        found: list[Breakdown] = []
        for word, says_all in self.words.markers:
            at = text.find(word, sentence.start, sentence.end)
            while at >= 0:
                breakdown = None if self.depth(at) else self._breakdown_at(at, at + len(word), says_all)
                if breakdown is not None:
                    found.append(breakdown)
                at = text.find(word, at + len(word), sentence.end)
        found.sort(key=lambda b: b.start)
        unique, seen = [], set()
        for breakdown in found:
            key = (breakdown.total.start, tuple(p.quantity.start for p in breakdown.parts))
            if key not in seen:
                seen.add(key)
                unique.append(breakdown)
        return unique

    def plain_words(self, label: str) -> str:
        """The label with nouns that contain a change verb (增加值) blanked out."""
        for noun in self.rules.change.not_change_words:
            if noun in label:
                label = label.replace(noun, "□" * len(noun))
        return label

    def ends_clause(self, quantity: Quantity) -> bool:
        """Is the quantity followed by the end of its clause (allowing 以上/左右 …)?"""
        tail = self.text[quantity.end : quantity.end + 3]
        if quantity.qualifier_word and tail.startswith(quantity.qualifier_word):
            tail = tail[len(quantity.qualifier_word) :]
        return not tail or tail[0] in _PART_END

    def same_noun_follows(self, total: Quantity, part: Quantity) -> bool:
        """26个指标…其中15个指标…: a part written number-first, with the total's noun after it."""
        noun = self.text[total.end : total.end + 2]
        return (
            len(noun) == 2
            and noun[0] not in _PART_END
            and noun[1] not in _PART_END
            and self.text.startswith(noun, part.end)
        )

    def _joiner_after(self, quantity: Quantity) -> str:
        """The mark that ends a part of a breakdown (、 or ，), after its qualifier (3万亩以上、)."""
        at = quantity.end
        if quantity.qualifier_word and self.text.startswith(quantity.qualifier_word, at):
            at += len(quantity.qualifier_word)
        return self.text[at : at + 1]

    def _breakdown_at(self, marker_start: int, marker_end: int, says_all: bool) -> Breakdown | None:
        rules = self.rules.breakdown
        text = self.text
        total = None
        for index in range(bisect.bisect_right(self.outside_ends, marker_start) - 1, -1, -1):
            candidate = self.outside[index]
            if candidate.end <= marker_start and candidate.usable and not candidate.is_rate:
                total = candidate
                break
            if marker_start - candidate.end > 40:
                break
        if total is None:
            return None
        gap = text[total.end : marker_start]
        if any(mark in gap for mark in CLAUSE_ENDS) or len(gap) > 40:
            return None
        if says_all and gap.strip("，,：: 其中") != "":
            return None  # 分别为 must follow the total (共78项，分别为…); else it lists something else
        total_label = self.label(total)
        clause = text[self.phrase_start(total.start) : total.start]
        if self.words.not_additive.search(total_label):
            return None  # 每千人6.6批次, 人均39545元: a rate, not a total
        if self.words.change.search(total_label) and not self.words.reached.search(total_label):
            return None  # 比上年增加1500亿元，其中… : the parts are not parts of the increment
        parts: list[Part] = []
        floor = marker_end
        joiners: set[str] = set()  # the marks between the parts so far: 、 or ，
        for quantity in self.outside_between(marker_end, self.sentence.end):
            between = text[floor : quantity.start]
            if any(mark in between for mark in CLAUSE_ENDS):
                break
            joiner = self._joiner_after(parts[-1].quantity) if parts and floor == parts[-1].quantity.end else None
            if joiner is not None and joiners == {"、"} and joiner in _LIST_ENDS:
                break  # 其中A 3万亩、B 2万亩，修复C 517万亩: the list of parts ended at the ，
            if any(word in between for word in rules.introducers) and parts:
                break
            if quantity.is_rate and not parts:
                break  # 其中出口增长10%…: the sentence goes on about rates, not parts
            if not quantity.usable or quantity.is_rate:
                floor = quantity.end
                continue
            if quantity.unit != total.unit:
                break
            label = self.label(quantity, marker_end)
            words = self.plain_words(label)
            if parts and self.words.new_statement.search(words):
                break
            if self.words.first_part_stop.search(words):
                break
            if self.words.not_additive.search(words):
                break
            scope = self.has_any(label, rules.scope_words)
            if (scope and scope not in total_label) or (quantity.cumulative and not total.cumulative):
                floor = quantity.end
                continue  # a stock inside a flow (贷款余额 in 发放贷款): another measure
            if not self.ends_clause(quantity) and not self.same_noun_follows(total, quantity):
                floor = quantity.end
                continue  # 超10亿元项目8个: a threshold inside a noun phrase, not a part
            if joiner is not None:
                joiners.add(joiner)
            parts.append(Part(quantity, label))
            floor = quantity.end
        if not parts:
            return None
        exhaustive, reason = self._exhaustive(clause, total, parts, says_all)
        noted = self.overlap_noted
        return Breakdown(
            total, total_label, parts, exhaustive, reason, total.start, parts[-1].quantity.end, overlap_noted=noted
        )

    def _exhaustive(self, clause: str, total: Quantity, parts: list[Part], says_all: bool) -> tuple[bool, str]:
        if says_all and len(parts) >= 2:
            return True, "分别为"
        if len(parts) < 2:
            return False, "subset"
        labels = [part.label for part in parts]
        partition = match_partition(labels, self.rules.partitions)
        if partition:
            return True, f"标准分类：{partition}"
        enumeration = self._enumeration_match(clause, labels)
        if enumeration:
            return True, enumeration
        return False, "subset"

    def _enumeration_match(self, clause: str, labels: list[str]) -> str | None:
        rules = self.rules.breakdown
        for separator in rules.enumeration_separators:
            items = clause.split(separator)
            if len(items) != len(labels):
                continue
            cores = [strip_suffixes(label, rules.enumeration_part_suffixes) for label in labels]
            if all(core and core in item for core, item in zip(cores, items, strict=True)):
                listed = separator.join(
                    _shorten(item, core, first=i == 0) for i, (item, core) in enumerate(zip(items, cores, strict=True))
                )
                return f"列举“{listed}”与分项“{'、'.join(labels)}”一一对应"
        return None

    # -- shares --------------------------------------------------------------
    def shares(self, breakdowns: list[Breakdown]) -> list[Share]:
        if (
            "percent" not in self.kinds
            or self.words.share.search(self.text, self.sentence.start, self.sentence.end) is None
        ):
            return []  # a share is read after a share word in the clause of its percentage
        rules = self.rules.shares
        change = self.rules.change
        text = self.text
        found: list[Share] = []
        part_of = {part.quantity.start: b.total for b in breakdowns for part in b.parts}
        for percent in self.outside:
            if percent.kind != "percent" or percent.ordinal or percent.ranged:
                continue
            start = self.phrase_start(percent.start)
            clause = text[start : percent.start]
            word, at = _share_word(clause, rules)
            if word is None:
                continue
            after_word = clause[at + len(word) :]
            verb = self.has_any(self.plain_words(after_word), change.up + change.down)  # (not 增加 of 增加值)
            level = verb is None or any(
                after_word.endswith(verb + to) or after_word.endswith(to) for to in change.to_words
            )
            share = Share(
                percent, word, level=level, start=start + at, end=percent.end, whole_words=clause[at + len(word) :]
            )
            if word == "占" and level:
                zhan = start + at
                share.part = self._part_before(zhan)
                if share.part is not None:
                    share.start = share.part.start
                    stated = [
                        q
                        for q in self.outside_between(zhan + 1, percent.start)
                        if q.usable and q.unit == share.part.unit and not q.is_rate
                    ]
                    described = text[zhan + 1 : percent.start]
                    share.whole_words = described
                    if stated:
                        share.whole, share.whole_source = stated[-1], "stated"
                    elif share.part.start in part_of and described in rules.generic_whole_phrases:
                        share.whole, share.whole_source = part_of[share.part.start], "breakdown"
            found.append(share)
        return found

    def _part_before(self, zhan: int) -> Quantity | None:
        index = bisect.bisect_right(self.outside_ends, zhan) - 1
        while index >= 0 and self.outside[index].end > zhan:
            index -= 1  # ends are sorted as starts are; a quantity straddling 占 does not count
        if index < 0:
            return None
        quantity = self.outside[index]
        gap = self.text[quantity.end : zhan]
        if gap in ("", "，", ",", "、") and quantity.usable and not quantity.is_rate:
            return quantity
        return None

    # -- changes -------------------------------------------------------------
    def changes(self) -> list[Change]:
        rules = self.rules.change
        text = self.text
        found: list[Change] = []
        if self.words.from_or_comparison.search(text, self.sentence.start, self.sentence.end) is None:
            return self._times_down(found)  # 由A到B and 比上年增加N are the only forms read below
        quantities = [q for q in self.outside if q.usable]
        if len(quantities) < 2:
            return self._times_down(found)
        real = self.words.real_growth.search(text, self.sentence.start, self.sentence.end) is not None
        used: set[int] = set()
        for index, first in enumerate(quantities):
            if index + 1 >= len(quantities):
                break
            second = quantities[index + 1]
            third = quantities[index + 2] if index + 2 < len(quantities) else None
            gap = text[first.end : second.start]
            # 由A增加到B(，增长p)
            if (
                ((not first.is_rate and first.unit == second.unit) or first.kind == second.kind == "percent")
                and len(gap) <= 8
                and not any(mark in gap for mark in PHRASE_ENDS)
            ):
                head = text[self.phrase_start(first.start) : first.start]
                paired = (
                    "分别" in head
                    or (text[first.start - 1 : first.start] == "、" and first.start - 1 in self.ends_all)
                    or (text[second.end : second.end + 1] == "、" and second.end + 1 in self.starts_all)
                )
                from_to = not paired and any(word in head for word in rules.from_words)
            else:
                from_to = False
            if from_to:
                verb, direction = _change_verb(gap, rules)
                if (verb and any(gap.endswith(to) for to in rules.to_words)) or gap in _SHORT_TO_VERBS:
                    if verb is None:
                        verb, direction = gap, ("down" if gap[0] in "降减" else "up")
                    change = Change(
                        "from_to",
                        direction,
                        verb,
                        start_value=first,
                        end_value=second,
                        start=first.start,
                        end=second.end,
                        real_growth=real,
                    )
                    if third is not None and third.is_rate:
                        rate_gap = text[second.end : third.start]
                        rate_verb, rate_direction, _ = _rate_gap(rate_gap, rules)
                        if rate_verb and rate_direction == direction:
                            change.rate, change.end = third, third.end
                            change.rate_verb = rate_verb
                    found.append(change)
                    used.add(second.start)
                    continue
            # M，比上年增加N，增长p%
            if (
                not first.is_rate
                and second.unit == first.unit
                and not second.is_rate
                and first.start not in used
                and 2 <= len(gap) <= _LONGEST_COMPARISON
            ):
                comparison = self.has_any(gap, _longest_first(tuple(rules.comparisons)))
                if comparison is None:
                    continue  # no 比上年, 同比 …: not an increment
                verb, direction = _change_verb(gap, rules)
                stripped = gap.strip("，,、 ")
                if (
                    comparison
                    and verb
                    and stripped.startswith(comparison)
                    and len(stripped) <= len(comparison) + 3
                    and stripped.endswith(verb.rstrip("了"))
                ) or (comparison and stripped in (comparison + "多", comparison + "少")):
                    if verb is None:
                        direction, verb = ("up", "多") if stripped.endswith("多") else ("down", "少")
                    change = Change(
                        "increment",
                        direction,
                        verb,
                        end_value=first,
                        amount=second,
                        start=first.start,
                        end=second.end,
                        real_growth=real,
                    )
                    if third is not None and third.kind == "percent":
                        rate_verb, rate_direction, said = _rate_gap(text[second.end : third.start], rules)
                        start_of_year = rules.start_of_year_comparisons
                        other_base = said and (said in start_of_year) != (comparison in start_of_year)
                        if rate_verb and rate_direction == direction and not other_base:
                            change.rate, change.end = third, third.end
                            change.rate_verb = rate_verb
                            found.append(change)
        return self._times_down(found)

    def _times_down(self, found: list[Change]) -> list[Change]:
        """``found`` and the 减少N倍 of the sentence after it."""
        if "times" not in self.kinds:
            return found
        rules = self.rules.change
        text = self.text
        for quantity in self.outside:
            if quantity.kind == "times":
                before = text[max(self.sentence.start, quantity.start - 4) : quantity.start]
                head = before.rstrip("了")  # 降低了3倍: the change begins at 降, not at 低
                for verb in rules.down:
                    if head.endswith(verb):
                        start = quantity.start - (len(before) - len(head)) - len(verb)
                        found.append(Change("times_down", "down", verb, rate=quantity, start=start, end=quantity.end))
                        break
        return found

    # -- several shares of one whole ----------------------------------------
    def share_sets(self) -> list[ShareSet]:
        if ("bare" not in self.kinds and "percent" not in self.kinds) or self.words.share_or_hint.search(
            self.text, self.sentence.start, self.sentence.end
        ) is None:
            return []  # both kinds of set are made of bare numbers or percentages, after a share word or hint
        rules = self.rules.shares
        text = self.text
        found: list[ShareSet] = []
        # 5.1:38.2:56.7 after a hint (三次产业结构)
        run: list[Quantity] = []
        for quantity in [*self.outside, None]:
            if (
                quantity is not None
                and quantity.kind in ("bare", "percent")
                and not quantity.ordinal
                and (not run or text[run[-1].end : quantity.start].strip() in (":", "：", "∶"))
            ):
                run.append(quantity)
                continue
            if len(run) >= 2:
                head = text[self.phrase_start(run[0].start, self.units.clause_ends) : run[0].start]
                hint = next((h for h in rules.set_hints if h in head[-30:]), None)
                if hint:
                    found.append(ShareSet(list(run), [], hint, run[0].start, run[-1].end))
            run = [quantity] if quantity is not None and quantity.kind in ("bare", "percent") else []
        # 第一产业占4.6%，第二产业占36.5%，第三产业占58.9%; or …占比分别为a%、b%、c%
        percents = [q for q in self.outside if q.kind == "percent" and not q.ranged]
        if not percents:
            return found
        labelled = (
            [
                (q, label)
                for q, label in ((q, self.label(q)) for q in percents)
                if _share_word(label, rules)[0] is not None
            ]
            if len(percents) >= 2
            else []
        )
        for partition in self.rules.partitions if len(labelled) >= 2 else ():
            chosen, chosen_labels = [], []
            for member in partition.members:
                for quantity, label in labelled:
                    if _member_in(label, member):
                        chosen.append(quantity)
                        chosen_labels.append(label)
                        break
            if len(chosen) == len(partition.members) and len(set(q.start for q in chosen)) == len(chosen):
                found.append(
                    ShareSet(
                        chosen, chosen_labels, partition.name, min(q.start for q in chosen), max(q.end for q in chosen)
                    )
                )
        has_each = text.find("分别", self.sentence.start, self.sentence.end) >= 0
        for at_word in ("分别为", "分别是", "分别占") if has_each else ():
            at = text.find(at_word, self.sentence.start, self.sentence.end)
            if at < 0:
                continue
            head = text[self.phrase_start(at, self.units.clause_ends) : at]
            listed = [q for q in percents if q.start > at]
            listed = _consecutive(text, listed, at + len(at_word))
            hint = next((h for h in rules.set_hints if h in head), None)
            size = 3 if hint else 0
            if (
                hint
                and len(listed) == size
                and _share_word(head, rules)[0] is not None
                and not any(s.shares[0].start == listed[0].start for s in found)
            ):
                found.append(ShareSet(listed, [], hint, listed[0].start, listed[-1].end))
        return found

    # -- figures -------------------------------------------------------------
    def figures(self) -> list[Figure]:
        if "time" not in self.kinds or not any(q.unit == "年" and q.kind == "time" for q in self.all):
            return []  # a figure is compared only within one year
        rules = self.rules.restatement
        text = self.text
        if self.words.skip.search(text, self.sentence.start, self.sentence.end):
            return []
        found = []
        years: set[int] = set()
        unwanted = self.words.unwanted
        for quantity in self.outside:
            if quantity.kind == "time" and quantity.unit == "年" and quantity.decimals == 0:
                # a whole value is compared as an int: a Fraction compares in Python code
                value = quantity.value
                whole = value.numerator if value.denominator == 1 else value
                if 1949 <= whole <= 2100:
                    years.add(int(value))
                    continue
            if quantity.kind == "time" and quantity.unit in ("月", "日", "季度", "个月"):
                break  # 2023年1-6月…: a period shorter than the year, not comparable
            if len(years) != 1 or not quantity.usable or quantity.is_rate or not quantity.exact:
                continue  # no year, or several: the time of the figure is not certain
            if quantity.chinese and quantity.value == 1:
                continue  # 一个, 一批: idiom, not a figure
            if self._one_of_several_subjects(quantity):
                continue
            subject = _subject(self.label(quantity))
            if len(subject) >= rules.min_subject_chars and not unwanted.search(subject):
                found.append(Figure(quantity, subject, next(iter(years))))
        return found

    def _one_of_several_subjects(self, quantity: Quantity) -> bool:
        """铁路、沿海、公路旅客周转量分别为…: the words before the figure name several measures
        (the last item of a list joined by 、, or 分别), so its own subject is not known."""
        start = self.phrase_start(quantity.start, self.units.item_ends)
        return self.text[start - 1 : start] == "、" or "分别" in self.text[start : quantity.start]


# -- small helpers ---------------------------------------------------------------


def strip_suffixes(label: str, suffixes: Iterable[str]) -> str:
    label = label.strip("，,、：: ")
    for suffix in sorted(suffixes, key=len, reverse=True):
        if label.endswith(suffix) and len(label) > len(suffix):
            return label[: -len(suffix)]
    return label


def _shorten(item: str, core: str, first: bool) -> str:
    at = item.find(core)
    return item[at:] if first else item[: at + len(core)]


def _member_in(label: str, spellings: Iterable[str]) -> str | None:
    for spelling in _longest_first(tuple(spellings)):
        if spelling in label:
            return spelling
    return None


def match_partition(labels: list[str], partitions: list[Partition]) -> str | None:
    """The name of the partition whose members the labels are, one each, if any."""
    for partition in partitions:
        members = partition.members
        if len(members) != len(labels):
            continue
        taken: set[int] = set()
        rests: set[str] = set()
        for label in labels:
            hits = [(len(_member_in(label, m) or ""), i) for i, m in enumerate(members) if _member_in(label, m)]
            if not hits:
                break
            hits.sort(reverse=True)
            if len(hits) > 1 and hits[0][0] == hits[1][0]:
                break  # 进出口 names both members
            if hits[0][1] in taken:
                break
            taken.add(hits[0][1])
            spelling = _member_in(label, members[hits[0][1]])
            if spelling is None:  # (it was found above)
                break
            rests.add(label[label.find(spelling) + len(spelling) :])
        else:
            # 城镇人口/农村人口 split one whole; 城镇新增就业/农村劳动力转移就业 are two measures
            if len(taken) == len(members) and len(rests) == 1:
                name: str = partition.name
                return name
    return None


@lru_cache(maxsize=32)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _share_word(clause: str, rules: ShareWords) -> tuple[str | None, int]:
    """The share word nearest the end of the clause (the percentage follows it), and where."""
    zhan = clause.rfind("占")
    while zhan >= 0 and clause[zhan + 1 : zhan + 2] in rules.not_after_zhan:
        zhan = clause.rfind("占", 0, zhan)
    if zhan >= 0 and "占" in rules.words:
        return "占", zhan  # 占 names the part before it and the whole after it
    best: tuple[str | None, int] = (None, -1)
    for word in _longest_first(tuple(rules.words)):
        at = clause.rfind(word)
        if word != "占" and at > best[1]:
            best = (word, at)
    return best


def _change_verb(gap: str, rules: ChangeWords) -> tuple[str | None, str]:
    best: tuple[str | None, str, int] = (None, "", -1)
    for direction in ("up", "down"):
        for verb in rules.verbs(direction):
            at = gap.rfind(verb)
            if at > best[2] or (at == best[2] and at >= 0 and len(verb) > len(best[0] or "")):
                best = (verb, direction, at)
    return best[0], best[1]


def _rate_gap(gap: str, rules: ChangeWords) -> tuple[str | None, str, str]:
    """(verb, direction, comparison) of ``，增长`` / ``、提高了`` / ``，同比下降`` before a rate."""
    stripped = gap.strip("，,、 ").rstrip("了")
    said = ""
    for comparison in _longest_first(tuple(rules.comparisons)):
        if stripped.startswith(comparison):
            stripped, said = stripped[len(comparison) :], comparison
            break
    for direction in ("up", "down"):
        for verb in rules.verbs(direction):
            if stripped == verb:
                return verb, direction, said
    return None, "", said


def _consecutive(text: str, listed: list[Quantity], start: int) -> list[Quantity]:
    result = []
    cursor = start
    for quantity in listed:
        if text[cursor : quantity.start].strip() not in ("", "、", "，", ",", "和", "及"):
            break
        result.append(quantity)
        cursor = quantity.end
    return result


_SUBJECT_TRIM_END = "达到为是共计有约近超逾了达至突破完成实现"
_SUBJECT_TRIM_START = ("其中", "全年", "同时", "并", "和", "及", "共", "已")


def _subject(label: str) -> str:
    subject = label.strip("，,、：: \u3000")
    while subject and subject[-1] in _SUBJECT_TRIM_END:
        subject = subject[:-1]
    changed = True
    while changed:
        changed = False
        for word in _SUBJECT_TRIM_START:
            if subject.startswith(word):
                subject = subject[len(word) :]
                changed = True
    return subject
