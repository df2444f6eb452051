"""Document profiles: what a type of 公文 must contain, as data.

A profile is a YAML file (built-in ones in ``rules/profiles/``, or a user file
given with ``--profile path.yaml``) validated by ``schemas/profile.schema.json``.
This module loads and validates profiles, picks the profile of a document
(the one asked for, else the one of the type detected from its title), and
matches the profile's parts to the document's headings. The rules that judge a
document against its profile live in ``checker/rules/checks/profile.py``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from checker.core import patterns
from checker.core.datafiles import read_validated
from checker.core.resources import cached_load_all, data_dir


class ProfileError(Exception):
    """A profile that cannot be used: unknown name, missing or malformed file."""


class Phrases(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    match: list[str]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str
    name: str
    match: list[str]
    required: bool = True
    role: Literal["done", "problems", "plan", "other"] = "other"
    year: Optional[Literal["first", "last", "previous"]] = None


class Expected(BaseModel):
    """Wording a type of document is expected to contain (rule ST209)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    reason: str
    match: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    where: Literal["opening", "closing", "anywhere"] = "anywhere"
    severity: Literal["warning", "info"] = "warning"
    title: Optional[str] = None  # only for titles matching this pattern


class Recipients(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    min: int = 0
    max: Optional[int] = None


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    type: str
    description: str
    parts: list[Part] = Field(default_factory=list)
    ordered: bool = False
    signature: Literal["required", "optional"] = "optional"
    recipients: Optional[Recipients] = None
    closing: Optional[Phrases] = None
    forbidden: list[Phrases] = Field(default_factory=list)
    attachment_note: Literal["when-referenced", "optional"] = "optional"
    title_years: bool = False
    expected: list[Expected] = Field(default_factory=list)
    issued: Literal["signature-or-note", "optional"] = "optional"
    one_matter: bool = False
    source: str = ""  # the file it was read from


def load_profile_file(path: str | os.PathLike) -> Profile:
    """Read and validate one profile file; ProfileError names the file, field and reason."""
    path = str(path)
    data = read_validated(path, "profile.schema.json", noun="文种规范（profile）", error=ProfileError)
    for index, item in enumerate(data.get("expected") or []):
        for key, pattern in [("title", item.get("title"))] + [(f"patterns/{i}", p) for i, p in
                                                              enumerate(item.get("patterns") or [])]:
            try:
                patterns.compile(pattern or "")
            except re.error as error:
                raise ProfileError(f"{path}: 条目 expected/{index}/{key} 无效："
                                   f"不是有效的正则表达式：{error}") from None
    return Profile(**data, source=path)


@lru_cache(maxsize=1)
def builtin_profiles() -> dict[str, Profile]:
    """The profiles shipped in rules/profiles/, by name."""
    folder = data_dir("rules") / "profiles"
    found: dict[str, Profile] = {}
    # kept on disk, all in one entry: no YAML/jsonschema at start-up
    for profile in cached_load_all(sorted(folder.glob("*.yaml")), load_profile_file):
        found[profile.name] = profile
    return found


def looks_like_path(value: str) -> bool:
    return value.endswith((".yaml", ".yml")) or os.sep in value or "/" in value


@lru_cache(maxsize=32)
def _user_profile(path: str, mtime: float) -> Profile:
    return load_profile_file(path)


def resolve_profile(value: str) -> Profile:
    """A profile by name (work-summary-plan), by type (工作总结和工作计划) or by file path."""
    if looks_like_path(value):
        try:
            mtime = os.stat(value).st_mtime
        except OSError:
            raise ProfileError(f"{value}: profile file not found") from None
        return _user_profile(value, mtime)
    profiles = builtin_profiles()
    if value in profiles:
        return profiles[value]
    for profile in profiles.values():
        if profile.type == value:
            return profile
    raise ProfileError(f"unknown profile {value!r}; available: {', '.join(profiles)}")


def profile_for_type(doc_type: Optional[str]) -> Optional[Profile]:
    if doc_type is None:
        return None
    for profile in builtin_profiles().values():
        if profile.type == doc_type:
            return profile
    return None


def document_profile(doc) -> Optional[Profile]:
    """The profile a document is checked against: the one asked for, else the detected one."""
    return doc.view(_document_profile)


def _document_profile(doc) -> Optional[Profile]:
    from checker.model.doctype import document_type

    if doc.settings.profile:
        try:
            return resolve_profile(doc.settings.profile)
        except ProfileError:
            # The command line reports an unusable profile once, before checking;
            # here the profile rules stay silent and every other rule still runs.
            return None
    return profile_for_type(document_type(doc))


def profile_name(doc) -> Optional[str]:
    """What the report records as the document's profile: the one used, or the one asked for."""
    profile = document_profile(doc)
    if profile is not None:
        return profile.name if not looks_like_path(doc.settings.profile or "") else doc.settings.profile
    return doc.settings.profile


def check_profile_option(value: Optional[str]) -> Optional[str]:
    """None if ``value`` names a usable profile, else why not. Raises ProfileError for an
    unknown name or a malformed file (usage errors); returns the message when the file
    is absent, which does not stop the other rules."""
    if not value:
        return None
    if looks_like_path(value) and not os.path.exists(value):
        return f"{value}: profile file not found; the rules that need a profile were skipped"
    resolve_profile(value)
    return None


# -- matching parts to headings -------------------------------------------------------

_JOINERS = patterns.compile(r"[和及与暨、，,；;]|以及")


@dataclass
class PartMatch:
    part: Part
    node: object  # the heading (checker.model.outline.Node)
    keyword: str


def top_headings(doc) -> list:
    """The headings of the shallowest numbered level in the main document (before any
    attached part): the parts of a summary, a report, a plan."""
    headings = [node for node in doc.outline.children if node.kind == "heading" and node.number is not None]
    if not headings:
        return []
    top = min(node.rank for node in headings)
    return [node for node in headings if node.rank == top]


def part_matches(doc) -> list[PartMatch]:
    """Which heading stands for which part of the document's profile, in document order."""
    return doc.view(_part_matches)


def _part_matches(doc) -> list[PartMatch]:
    profile = document_profile(doc)
    if profile is None or not profile.parts:
        return []
    found: list[PartMatch] = []
    for node in top_headings(doc):
        title = node.title or ""
        for piece in _JOINERS.split(title):
            best: Optional[tuple[int, Part, str]] = None
            for part in profile.parts:
                for keyword in part.match:
                    at = piece.rfind(keyword)
                    if at >= 0 and (best is None or at + len(keyword) > best[0]):
                        best = (at + len(keyword), part, keyword)
            if best is not None and not any(m.node is node and m.part.id == best[1].id for m in found):
                found.append(PartMatch(best[1], node, best[2]))
    return found


def parts_of_kind(doc, role: str) -> list:
    """The heading nodes of the parts with ``role`` (done, problems, plan)."""
    return [match.node for match in part_matches(doc) if match.part.role == role]
