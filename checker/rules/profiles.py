"""Document profiles: what a type of 公文 must contain, as data.

A profile is a YAML file (built-in ones in ``rules/profiles/``, or a user file
given with ``--profile path.yaml``) read into :class:`checker.core.profiledata.Profile`,
the model that also generates ``schemas/profile.schema.json``. This module loads
profiles, picks the profile of a document (the one asked for, else the one of the
type detected from its title), and matches the profile's parts to the document's
headings. The rules that judge a document against its profile live in
``checker/rules/checks/profile.py``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from checker.core import patterns
from checker.core.datafiles import read_model
from checker.core.profiledata import Expected, Part, Phrases, Profile, Recipients
from checker.core.resources import cached_load_all, data_dir
from checker.model.document import Document
from checker.model.outline import Node

__all__ = [
    "Expected",
    "Part",
    "PartMatch",
    "Phrases",
    "Profile",
    "ProfileError",
    "Recipients",
    "builtin_profiles",
    "check_profile_option",
    "document_profile",
    "load_profile_file",
    "part_matches",
    "parts_of_kind",
    "profile_for_type",
    "profile_name",
    "resolve_profile",
    "top_headings",
]


class ProfileError(Exception):
    """A profile that cannot be used: unknown name, missing or malformed file."""


def load_profile_file(path: str | os.PathLike[str]) -> Profile:
    """Read and validate one profile file; ProfileError names the file, field and reason."""
    path = str(path)
    return read_model(path, Profile, noun="文种规范（profile）", error=ProfileError).read_from(path)


@lru_cache(maxsize=1)
def builtin_profiles() -> dict[str, Profile]:
    """The profiles shipped in rules/profiles/, by name."""
    folder = data_dir("rules") / "profiles"
    found: dict[str, Profile] = {}
    # kept on disk, all in one entry: no YAML or validation at start-up
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
            raise ProfileError(f"{value}: 文种规范（profile）文件不存在") from None
        return _user_profile(value, mtime)
    profiles = builtin_profiles()
    if value in profiles:
        return profiles[value]
    for profile in profiles.values():
        if profile.type == value:
            return profile
    raise ProfileError(f"没有名为 {value!r} 的文种规范（profile）；可用的有：{', '.join(profiles)}")


def profile_for_type(doc_type: str | None) -> Profile | None:
    if doc_type is None:
        return None
    for profile in builtin_profiles().values():
        if profile.type == doc_type:
            return profile
    return None


def document_profile(doc: Document) -> Profile | None:
    """The profile a document is checked against: the one asked for, else the detected one."""
    return doc.view(_document_profile)


def _document_profile(doc: Document) -> Profile | None:
    from checker.model.doctype import document_type

    if doc.settings.profile:
        try:
            return resolve_profile(doc.settings.profile)
        except ProfileError:
            # The command line reports an unusable profile once, before checking;
            # here the profile rules stay silent and every other rule still runs.
            return None
    return profile_for_type(document_type(doc))


def profile_name(doc: Document) -> str | None:
    """What the report records as the document's profile: the one used, or the one asked for."""
    profile = document_profile(doc)
    if profile is not None:
        return profile.name if not looks_like_path(doc.settings.profile or "") else doc.settings.profile
    return doc.settings.profile


def check_profile_option(value: str | None) -> str | None:
    """None if ``value`` names a usable profile, else why not. Raises ProfileError for an
    unknown name or a malformed file (usage errors); returns the message when the file
    is absent, which does not stop the other rules."""
    if not value:
        return None
    if looks_like_path(value) and not os.path.exists(value):
        return f"{value}: 文种规范（profile）文件不存在；需要文种规范的规则没有运行"
    resolve_profile(value)
    return None


# -- matching parts to headings -------------------------------------------------------

_JOINERS = patterns.lazy(r"[和及与暨、，,；;]|以及")


@dataclass
class PartMatch:
    part: Part
    node: Node  # the heading
    keyword: str


def top_headings(doc: Document) -> list[Node]:
    """The headings of the shallowest numbered level in the main document (before any
    attached part): the parts of a summary, a report, a plan."""
    headings = [node for node in doc.outline.children if node.kind == "heading" and node.number is not None]
    if not headings:
        return []
    top = min(node.rank for node in headings)
    return [node for node in headings if node.rank == top]


def part_matches(doc: Document) -> list[PartMatch]:
    """Which heading stands for which part of the document's profile, in document order."""
    return doc.view(_part_matches)


def _part_matches(doc: Document) -> list[PartMatch]:
    profile = document_profile(doc)
    if profile is None or not profile.parts:
        return []
    found: list[PartMatch] = []
    for node in top_headings(doc):
        title = node.title or ""
        for piece in _JOINERS.split(title):
            best: tuple[int, Part, str] | None = None
            for part in profile.parts:
                for keyword in part.match:
                    at = piece.rfind(keyword)
                    if at >= 0 and (best is None or at + len(keyword) > best[0]):
                        best = (at + len(keyword), part, keyword)
            if best is not None and not any(m.node is node and m.part.id == best[1].id for m in found):
                found.append(PartMatch(best[1], node, best[2]))
    return found


def parts_of_kind(doc: Document, role: str) -> list[Node]:
    """The heading nodes of the parts with ``role`` (done, problems, plan)."""
    return [match.node for match in part_matches(doc) if match.part.role == role]
