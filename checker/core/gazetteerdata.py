"""The shape of the gazetteer of official names: a pydantic model, the one definition.

``rules/gazetteer.yaml`` lists names whose written form is fixed — the departments and
agencies of the State Council, the national bodies of the Party and the state, standard
political formulations and national programmes — in groups, each with the source its
names were checked against. The administrative divisions are not listed there: they are
read from a maintained package (see ``DATA.md``). The model validates the file
(:func:`checker.core.datafiles.read_model`) and generates
``schemas/gazetteer.schema.json`` (:mod:`checker.core.schemas`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from checker.core.datafiles import Version, unique

OfficialName = Annotated[
    str,
    Field(
        min_length=2,
        max_length=40,
        pattern=r"^[\u3007\u4e00-\u9fff“”]+$",
        description="Written as the source writes it, Chinese characters only.",
    ),
]


class NameGroup(BaseModel):
    """Names of one kind, checked against one source."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: str = Field(min_length=1, description="What the names are, as a finding's evidence shows it.")
    source: str = Field(min_length=1, description="Where the written forms were checked.")
    names: Annotated[
        list[OfficialName], Field(min_length=1, json_schema_extra={"uniqueItems": True}), AfterValidator(unique)
    ]
    places: bool = Field(
        default=False,
        description=(
            "The names are places (countries): a changed character makes another place and is not"
            " reported, and each name is also known with 政府 after it (葡萄牙政府)."
        ),
    )
    kinds: bool = Field(
        default=False,
        description=(
            "The names are kinds of bodies that end the names of many (市场监督管理局, 有限责任公司,"
            " 妇幼保健院): one is reported written with a character dropped, added or changed only where"
            " it begins a name (not inside a word: 审计委员会 is no 计划委员会 less 划), and not where three"
            " characters written begin with a word (农牧厅 is a short form in use, 乡卫院 a slip)."
        ),
    )


class GazetteerFile(BaseModel):
    """Official names whose written form is fixed (TM103 reports a name written with a
    character missing, added or changed)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        defer_build=True,
        title="doccheck gazetteer of official names (rules/gazetteer.yaml)",
    )

    version: Version
    groups: list[NameGroup] = Field(min_length=1)
