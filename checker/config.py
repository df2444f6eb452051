"""Settings of a check run: which rules, which severities, when to fail.

One pydantic model, filled from the command line (and, later, from a config
file). The engine reads nothing else.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from checker.models import Severity
from checker.readers import DEFAULT_MAX_BYTES

FailOn = Literal["error", "warning", "info", "never"]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    fail_on: FailOn = Field("warning", alias="fail-on")
    profile: Optional[str] = None
    severity: dict[str, Severity] = Field(default_factory=dict)  # code → severity override
    max_file_size: int = Field(DEFAULT_MAX_BYTES, alias="max-file-size")  # bytes; 0 = no limit
    # User data files: extra rule packs (typos, wording) and glossaries of names.
    rule_packs: list[str] = Field(default_factory=list, alias="rule-packs")
    glossaries: list[str] = Field(default_factory=list)

    def fails(self, severity: Severity) -> bool:
        if self.fail_on == "never":
            return False
        return severity.rank >= Severity(self.fail_on).rank
