"""The shape of a document profile: what a type of 公文 must contain, as pydantic models.

A profile is a YAML file (the shipped ones in ``rules/profiles/``, or a user's file
given with ``--profile path.yaml``). These models validate it
(:func:`checker.core.datafiles.read_model`), are what the profile rules read, and
generate ``schemas/profile.schema.json`` (:mod:`checker.core.schemas`). Regular
expressions in a profile are RE2 patterns (:mod:`checker.core.userpatterns`),
checked when the profile is loaded.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from typing_extensions import TypeAliasType

from checker.core import userpatterns
from checker.core.userpatterns import checked_pattern

# Named types become one definition each in the generated schema ($defs).
Slug = TypeAliasType("Slug", Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")])
Words = TypeAliasType("Words", Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)])
Pattern = TypeAliasType("Pattern", Annotated[str, Field(min_length=1), AfterValidator(checked_pattern)])


class Phrases(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    name: str = Field(min_length=1)
    match: Words


class Part(BaseModel):
    """A part of the body, recognised by the meaning of its heading."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    id: Slug
    name: str = Field(min_length=1, description="The part's name in messages.")
    match: Words = Field(description="Words of a heading that mean this part.")
    required: bool = True
    role: Literal["done", "problems", "plan", "other"] = Field(
        "other", description="done: reports what was achieved; plan: says what will be done; problems; other."
    )
    year: Literal["first", "last", "previous"] | None = Field(
        None,
        description="Which year this part is about: the title's first (summary), its last (plan), or the "
        "year before its last (previous: the review of a 政府工作报告).",
    )


class Expected(BaseModel):
    """Wording a type of document is expected to contain (rule ST209)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        defer_build=True,
        json_schema_extra={"anyOf": [{"required": ["match"]}, {"required": ["patterns"]}]},
    )

    name: str = Field(min_length=1, description="What is expected, in messages.")
    reason: str = Field(min_length=1, description="Why the type needs it, in messages.")
    match: list[Annotated[str, Field(min_length=1)]] = Field([], description="Words, any of which will do.")
    patterns: list[Pattern] = Field(
        [],
        description="Regular expressions, any of which will do, matched in each "
        "paragraph (^ and $ are its ends); RE2 syntax, in which Python's "
        "\\d \\s \\w \\uXXXX keep their meaning.",
    )
    where: Literal["opening", "closing", "anywhere"] = Field(
        "anywhere",
        description="opening: the title and the first body paragraphs; closing: the last body "
        "paragraphs before the signature; anywhere: the whole body.",
    )
    severity: Literal["warning", "info"] = "warning"
    title: Pattern | None = Field(
        None, description="Only for documents whose title matches this regular expression (复函$)."
    )
    not_title: Pattern | None = Field(
        None, description="Not for documents whose title matches this regular expression."
    )

    @model_validator(mode="after")
    def _needs_words(self) -> Expected:
        if not self.match and not self.patterns:
            raise ValueError("match 和 patterns 至少要给出一项")
        return self

    def applies_to(self, title: str) -> bool:
        """Is the entry for a document with this title (``title`` matches, ``not_title`` does not)?"""
        if self.title and not userpatterns.compile(self.title).search(title):
            return False
        return not (self.not_title and userpatterns.compile(self.not_title).search(title))

    def found_in(self, text: str, spans: list[tuple[int, int]]) -> bool:
        """Does one of the words or patterns occur in one of the spans of ``text``? A
        pattern is matched against each span alone (``^`` and ``$`` are its ends)."""
        searches = [userpatterns.compile(pattern) for pattern in self.patterns]
        for start, end in spans:
            if any(text.find(word, start, end) >= 0 for word in self.match):
                return True
            if searches and any(search.search(text[start:end]) for search in searches):
                return True
        return False


class Wording(BaseModel):
    """Words a type of document must not use, and why (rule ST212)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    name: str = Field(min_length=1, description="What the words are, in messages (对上级的命令口吻).")
    reason: str = Field(min_length=1, description="Why the type must not use them, in messages.")
    match: Words
    in_clause_with: list[Annotated[str, Field(min_length=1)]] = Field(
        [],
        description="Only when the clause (up to ，。；) also holds one of these (请你局务必…): words said to "
        "the recipient, not the writer's own order to its subordinates (我局已责成各科室整改).",
    )
    severity: Literal["warning", "info"] = "warning"


class Recipients(BaseModel):
    """How many recipients (主送机关) the document must name."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    min: int = Field(0, ge=0, le=1000)
    max: int | None = Field(None, ge=1, le=1000)
    organ: bool = Field(
        False,
        description="The recipient must be an organ, not a leader by name or office (张市长, 王局长) (rule ST214).",
    )


class Profile(BaseModel):
    """doccheck document profile: what a type of 公文 must contain and in which order.
    One profile per YAML file in rules/profiles/, or a user file given with --profile."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True, title="doccheck document profile")

    name: Slug = Field(description="The profile's name on the command line (--profile NAME).")
    type: str = Field(
        min_length=1,
        description="The document type (文种) this profile is for; detection from "
        "the title picks the profile of that type.",
    )
    description: str = Field(min_length=1)
    parts: list[Part] = Field([], description="Parts of the body, recognised by the meaning of their headings.")
    ordered: bool = Field(False, description="The parts must appear in the order listed.")
    signature: Literal["required", "optional"] = Field(
        "optional", description="Whether the document must end with a signature block (organ and date)."
    )
    recipients: Recipients | None = None
    closing: Phrases | None = Field(
        None, description="A closing request the document must end its body with (请示: 妥否，请批示)."
    )
    forbidden: list[Phrases] = Field(
        [], description="Wording the document must not contain (a 报告 must not ask for approval)."
    )
    attachment_note: Literal["when-referenced", "optional"] = Field(
        "optional", description="when-referenced: a body that refers to its attachments (见附件) needs an 附件 note."
    )
    title_years: bool = Field(
        False, description="The years in the title must match the years of the parts with a year role."
    )
    expected: list[Expected] = Field(
        [],
        description="Wording the document is expected to contain (批复: the "
        "请示 it answers …收悉; 纪要: who attended).",
    )
    issued: Literal["signature-or-note", "optional"] = Field(
        "optional",
        description="signature-or-note: the issuer and date must show, in a signature block or in a "
        "note under the title (（……会议通过）).",
    )
    direction: Literal["upward", "downward", "parallel"] | None = Field(
        None,
        description="To whom the type is written: upward to a higher organ (请示, 报告), downward to lower "
        "ones (通知, 批复), parallel to organs that do not lead one another (函).",
    )
    wording: list[Wording] = Field(
        [],
        description="Wording the type must not use for its direction (rule ST212: "
        "你局 or 责成 in an upward document, 恳请 in a downward one).",
    )
    lower_bodies: list[Annotated[str, Field(min_length=1)]] = Field(
        [],
        description="Words that name lower bodies in a 抄送 line: an upward document is not copied to them "
        "(rule ST213).",
    )
    closings: list[Annotated[str, Field(min_length=1)]] = Field(
        [],
        description="The closing formulas of this type (特此报告, 特此函复); one that belongs to another "
        "profile's type and not to this one is reported (rule ST215).",
    )
    one_matter: bool = Field(
        False,
        description="The document must deal with one matter (请示: 一文一事); several "
        "closing requests show several matters.",
    )
    _source: str = PrivateAttr("")

    @property
    def source(self) -> str:
        """The file the profile was read from."""
        return self._source

    def read_from(self, path: str) -> Profile:
        """This profile, recorded as read from ``path``."""
        self._source = path
        return self
