"""The shape of ``rules/superseded.yaml``: regulations, laws and standards that no longer
apply, each with what replaced it, the day it ceased and where that is written.

The list is maintained by hand, one entry per superseded text, and only with a
source a reader can check (the article of the replacing text that repeals it, or
the standard's own foreword). These models validate the file
(:class:`checker.core.datafiles.RuleData`), are what rule CT101 reads, and generate
``schemas/superseded.schema.json`` (:mod:`checker.core.schemas`).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from typing_extensions import TypeAliasType

from checker.core.datafiles import Version, unique

Name = TypeAliasType("Name", Annotated[str, Field(min_length=2, max_length=80, pattern=r"^[^《》〈〉\n]+$")])
StandardCode = TypeAliasType(
    "StandardCode",
    Annotated[
        str,
        Field(
            pattern=r"^[A-Z]{2,4}(?:/[A-Z])? [0-9]+(?:\.[0-9]+)?-(?:19|20)[0-9]{2}$",
            description="A standard's code as printed on it: GB/T 9704-1999.",
        ),
    ],
)


class Superseded(BaseModel):
    """One text that no longer applies."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    kind: Literal["regulation", "law", "standard"]
    titles: Annotated[list[Name], AfterValidator(unique)] = Field(
        [],
        description="The titles it is cited by, without title marks (国家行政机关公文处理办法; a law also by its "
        "short title 合同法). A title the replacing text keeps (标点符号用法) must not be listed: "
        "give the code instead.",
    )
    code: StandardCode | None = Field(None, description="A standard's code with its year (GB/T 9704-1999).")
    replaced_by: str = Field(min_length=2, description="What replaced it, as it is cited.")
    # (YAML gives the day as text: 2012-07-01)
    ceased: datetime.date = Field(
        strict=False, description="The day it ceased to apply (the replacement's first day), as YYYY-MM-DD."
    )
    source: str = Field(min_length=4, description="Where that is written: the article or foreword.")

    @model_validator(mode="after")
    def _cited_somehow(self) -> Superseded:
        if not self.titles and not self.code:
            raise ValueError("titles 和 code 至少要给出一项")
        return self


class SupersededFile(BaseModel):
    """doccheck list of superseded regulations and standards (rules/superseded.yaml)."""

    model_config = ConfigDict(
        extra="forbid", strict=True, defer_build=True, title="doccheck superseded regulations and standards"
    )

    version: Version
    superseded: list[Superseded] = Field(min_length=1)
