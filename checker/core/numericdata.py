"""The shape of the numeric word lists: ``rules/numeric.yaml`` (the NC rules' units,
qualifiers, tolerances, partitions, share and change words) and
``rules/number_usage.yaml`` (the NU rules' measure words and set phrases).

These pydantic models validate the files (:class:`checker.core.datafiles.RuleData`),
are what the text model and the rules read (``rules.tolerance.approximate_relative``),
and generate ``schemas/numeric.schema.json`` and ``schemas/number_usage.schema.json``
(:mod:`checker.core.schemas`). Adding a unit or a share word is a one-line change to
the YAML, no Python.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from typing_extensions import TypeAliasType

from checker.core.datafiles import Version, unique

# Named types become one definition each in the generated schema ($defs).
Word = TypeAliasType("Word", Annotated[str, Field(min_length=1)])
Words = TypeAliasType("Words", list[Word])


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


# -- rules/numeric.yaml -------------------------------------------------------------------
class Units(_Data):
    """Measure words that may follow a number."""

    count: Words = Field(description="Units that count whole things (an integer count is exact).")
    measure: Words = Field(description="Units that measure amounts, which writers round.")
    aliases: dict[str, Word] = Field(description="A written unit → the unit it is compared as.")
    time: Words = Field(description="A number followed by one of these is a date or a time.")


class Qualifier(_Data):
    """Words that make a number approximate or a bound, by where they stand."""

    before: Words = Field([], description="Right before the number (约, 超过).")
    after: Words = Field([], description="Right after its unit (左右, 以上).")
    inner: Words = Field([], description="Between the number and its unit (500多家).")


class Qualifiers(_Data):
    approximate: Qualifier
    lower: Qualifier
    upper: Qualifier
    cumulative: Qualifier

    def by_kind(self) -> dict[str, Qualifier]:
        """Each kind of qualifier (approximate, lower, upper, cumulative) and its words, in that order."""
        return {kind: getattr(self, kind) for kind in type(self).model_fields}


class Tolerance(_Data):
    approximate_relative: float = Field(
        ge=0, le=1, allow_inf_nan=False, description="How far an approximate number (约, 左右) may be off, relatively."
    )
    tenths_half_width: float = Field(
        ge=0, le=10, allow_inf_nan=False, description="Rounding allowed for a number written to tenths, in tenths."
    )


class BreakdownWords(_Data):
    """Words that introduce, end or interrupt a total's parts (其中 …)."""

    introducers: Words
    exhaustive_markers: Words
    new_statement_words: Words
    not_additive_words: Words
    first_part_stop_words: Words
    overlap_words: Words
    scope_words: Words
    enumeration_part_suffixes: Words
    enumeration_separators: Words


class Partition(_Data):
    """A standard division of a whole (男/女, 城镇/农村): each member by its names."""

    name: Word
    members: list[Annotated[Words, Field(min_length=1)]] = Field(min_length=2)


class ShareWords(_Data):
    words: Words
    not_after_zhan: Words
    generic_whole_phrases: list[str]
    non_count_whole_words: Words
    exceedable_whole_words: Words
    nearest_totals: int = Field(ge=1, le=10)
    max_part_for_count_test: int = Field(ge=1, le=10**9)
    set_hints: Words


class ChangeWords(_Data):
    up: Words
    down: Words
    comparisons: Words
    start_of_year_comparisons: Words
    not_change_words: Words
    real_growth_words: Words
    from_words: Words
    to_words: Words
    rank_units: Words

    def verbs(self, direction: str) -> Words:
        """The verbs of a rise (``up``) or a fall (``down``)."""
        return self.up if direction == "up" else self.down


class Restatement(_Data):
    min_subject_chars: int = Field(ge=1, le=1000)
    skip_words: Words


class NumericRules(_Data):
    """doccheck numeric rules (rules/numeric.yaml)."""

    model_config = ConfigDict(title="doccheck numeric rules (rules/numeric.yaml)")

    version: Version
    units: Units
    qualifiers: Qualifiers
    qualifier_exclusions: Words = Field(
        description="Words that end in a qualifier's characters but are not qualifiers (节约, 最近)."
    )
    tolerance: Tolerance
    breakdown: BreakdownWords
    partitions: list[Partition]
    shares: ShareWords
    change: ChangeWords
    restatement: Restatement


# -- rules/number_usage.yaml ----------------------------------------------------------------
Term = TypeAliasType("Term", Annotated[str, Field(min_length=1, pattern=r"^\S+$")])
Terms = TypeAliasType(
    "Terms", Annotated[list[Term], Field(min_length=1, json_schema_extra={"uniqueItems": True}), AfterValidator(unique)]
)


class DoubleQualifier(_Data):
    """A pair of qualifiers that say the same thing twice around one number (约…左右)."""

    before: Terms
    after: Terms
    name: Word
    unless_followed_by: Terms | None = Field(
        None, description="Words after the second qualifier that change its sense (近一百多年来)."
    )


class NumberUsageRules(_Data):
    """doccheck number-usage word lists (rules/number_usage.yaml)."""

    model_config = ConfigDict(title="doccheck number-usage word lists (rules/number_usage.yaml)")

    version: Version
    count_measure_words: Terms
    set_phrases: Terms
    not_a_count_before: Terms
    double_qualifiers: list[DoubleQualifier] = Field(min_length=1)
    qualifier_word_prefixes: list[Annotated[str, Field(min_length=1, max_length=1)]]
