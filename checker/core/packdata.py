"""The shape of rule packs and glossaries: pydantic models, the one definition.

A rule pack (``rules/typos.yaml``, or a user's file named by ``rule-packs``) holds rules
of three types in the spirit of Vale — ``substitution`` (wrong → right, with optional
context conditions), ``existence`` (a form that should not appear) and ``consistency``
(one of several forms in one document). A glossary (named by ``glossaries``) maps
canonical names to the variants that must not stand for them.

These models validate the files (:func:`checker.core.datafiles.read_model`) and
generate ``schemas/rulepack.schema.json`` and ``schemas/glossary.schema.json``
(:mod:`checker.core.schemas`). What a type cannot say — a form given twice, a
replacement equal to its wrong form — is checked where the pack is built
(:mod:`checker.rules.rulepacks`).
"""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag
from typing_extensions import TypeAliasType

from checker.core.datafiles import Version, unique

# Named types become one definition each in the generated schema ($defs).
Level = TypeAliasType("Level", Literal["error", "warning", "info"])
FixSafety = TypeAliasType("FixSafety", Literal["safe", "unsafe", "none"])
RuleId = TypeAliasType(
    "RuleId",
    Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Lower-case words joined by hyphens.")],
)
Form = TypeAliasType(
    "Form",
    Annotated[
        str,
        Field(
            min_length=2,
            max_length=40,
            pattern=r"^[^\s<>]+$",
            description="At least two characters: a form is found by its first two.",
        ),
    ],
)
NAMED_CONTEXTS = ("<date>", "<deadline>", "<time>", "<number>", "<han>")


def _context_kind(value: Any) -> str | None:
    """Which kind of context item ``value`` is meant to be: a name in angle brackets or
    literal text (so that a misspelt name is reported as one, not as bad text)."""
    if not isinstance(value, str):
        return None
    return "named" if value.startswith("<") else "literal"


ContextItem = Annotated[
    Annotated[Literal["<date>", "<deadline>", "<time>", "<number>", "<han>"], Tag("named")]
    | Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[^<>]+$"), Tag("literal")],
    Discriminator(_context_kind, custom_error_type="context_type", custom_error_message="应为字符串"),
]
Context = TypeAliasType(
    "Context",
    Annotated[
        list[ContextItem],
        Field(
            min_length=1,
            json_schema_extra={"uniqueItems": True},
            description="Literal strings, or a named context: <date> (a year, month or day, 今年, 目前 …), "
            "<deadline> (a date or time then 前, 以前 or 之前: 5月31日前), <time> (9时), "
            "<number> (a digit), <han> (a Chinese character).",
        ),
        AfterValidator(unique),
    ],
)


def message_template(value: str) -> str:
    """An existence rule's message: text with ``{match}`` where the matched form goes.

    The template is checked here, once, because formatting it runs on every match:
    a field other than ``match`` (``{0}``, ``{match.__class__}``) would fail or leak,
    and a format spec (``{match:>999999999}``) would build a string of any size."""
    try:
        pieces = list(string.Formatter().parse(value))
    except ValueError:
        raise ValueError("消息中的花括号不成对（要显示花括号本身，请写 {{ 或 }}）") from None
    for _, field, spec, conversion in pieces:
        if field is None:
            continue
        if field != "match":
            raise ValueError(f"消息只能用 {{match}} 代表匹配到的文字，不能用 {{{field}}}")
        if spec or conversion:
            raise ValueError("消息中的 {match} 不能带格式说明或转换（如 {match:>10}、{match!r}）")
    return value


class Conditions(BaseModel):
    """When a form is wrong: the context around it (a rule's conditions apply to all its forms)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    preceded_by: Context | None = Field(None, description="Wrong only right after one of these.")
    not_preceded_by: Context | None = Field(None, description="Never wrong right after one of these.")
    followed_by: Context | None = Field(None, description="Wrong only right before one of these.")
    not_followed_by: Context | None = Field(None, description="Never wrong right before one of these.")
    not_in_sentence_with: Context | None = Field(
        None, description="Never wrong in a sentence that also contains one of these (after the form)."
    )

    def condition_lists(self) -> dict[str, list[str]]:
        """The conditions that are set, by key."""
        return {key: value for key, value in self.__dict__.items() if key in CONDITION_KEYS and value}


CONDITION_KEYS = tuple(Conditions.model_fields)


class Replacement(Conditions):
    """A wrong form's right form, with settings of its own."""

    right: Form
    level: Level | None = None
    fix: FixSafety | None = None
    note: str | None = None


def _replacement_kind(value: Any) -> str | None:
    return "text" if isinstance(value, str) else "replacement" if isinstance(value, dict) else None


ReplacementOrForm = Annotated[
    Annotated[Form, Tag("text")] | Annotated[Replacement, Tag("replacement")],
    Discriminator(
        _replacement_kind,
        custom_error_type="replacement_type",
        custom_error_message="应为正确写法（字符串），或带 right 键的映射",
    ),
]


class Substitution(Conditions):
    """Wrong forms and the right form of each."""

    type: Literal["substitution"]
    id: RuleId
    kind: Literal["misspelling", "usage", "idiom", "variant", "transposition"] = Field(
        description="misspelling → TY101, usage (right only in some contexts) → TY102, idiom → TY103, "
        "variant (非推荐异形词) → TY104, transposition → TY105."
    )
    level: Level | None = None
    fix: FixSafety | None = None
    note: str | None = None
    swap: dict[Form, ReplacementOrForm] = Field(min_length=1, description="Wrong form → right form.")


class Existence(Conditions):
    """Forms that should not appear at all."""

    type: Literal["existence"]
    id: RuleId
    tokens: Annotated[list[Form], Field(min_length=1, json_schema_extra={"uniqueItems": True}), AfterValidator(unique)]
    message: Annotated[
        str,
        Field(
            min_length=1,
            description="Shown for each match; {match} is the matched text (no other field, no format spec).",
        ),
        AfterValidator(message_template),
    ]
    suggestion: str | None = None
    level: Level | None = None


class Consistency(BaseModel):
    """Forms of which one document should use only one."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    type: Literal["consistency"]
    id: RuleId
    either: Annotated[
        list[Form],
        Field(
            min_length=2,
            json_schema_extra={"uniqueItems": True},
            description="Forms of which a document should use one; on a tie the first is preferred.",
        ),
        AfterValidator(unique),
    ]
    level: Level | None = None
    fix: FixSafety | None = None
    note: str | None = None
    not_preceded_by: Context | None = None
    not_followed_by: Context | None = None


Rule = Annotated[Substitution | Existence | Consistency, Field(discriminator="type")]


class RulePackFile(BaseModel):
    """doccheck rule pack (rules/typos.yaml and user packs named by rule-packs)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        defer_build=True,
        title="doccheck rule pack (rules/typos.yaml and user packs named by rule-packs)",
    )

    version: Version
    name: str | None = Field(None, min_length=1)
    description: str | None = None
    rules: list[Rule] = Field([], description="The pack's rules (a pack may have only an accept list).")
    accept: Annotated[
        list[Form],
        Field(
            [],
            json_schema_extra={"uniqueItems": True},
            description="Words the statistical typo detection (TY2xx) must take as words — current vocabulary "
            "its dictionary lacks (赋能, 提质), names — and names the name check (TM101) must take as "
            "names of their own, not variants of another.",
        ),
        AfterValidator(unique),
    ]


# -- glossaries ---------------------------------------------------------------------------
Name = Annotated[str, Field(min_length=2, max_length=60, pattern=r"^\S+$")]


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    canonical: Name
    variants: Annotated[
        list[Name], Field(min_length=1, json_schema_extra={"uniqueItems": True}), AfterValidator(unique)
    ]
    level: Level | None = None
    fix: FixSafety | None = None
    note: str | None = None


class GlossaryFile(BaseModel):
    """Canonical names and the variants that must not be used for them; TM102 reports a
    variant with the canonical name as its fix."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        defer_build=True,
        title="doccheck glossary of names and terms (glossaries in the configuration)",
    )

    version: Version
    name: str | None = Field(None, min_length=1)
    terms: list[Term] = Field(min_length=1)
