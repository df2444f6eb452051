"""The language of doccheck's interface: Chinese unless English is asked for.

The people who read doccheck's output draft Chinese documents, so its help, rule
documentation and messages are Chinese by default. English is chosen with the
command line's ``--lang en`` or, when that is not given, by the locale: the first
non-empty one of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (POSIX's order) starting
with ``en``. Rule codes and names (ST101, numbering-gap) are the same in both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")

_chosen: Language | None = None


def set_language(language: str | None) -> None:
    """Use ``language`` ("zh" or "en") from now on; None: follow the locale again."""
    global _chosen
    if language is None:
        _chosen = None
    elif language == "zh":
        _chosen = "zh"
    elif language == "en":
        _chosen = "en"
    else:
        raise ValueError(f"界面语言应为 zh 或 en，而不是 {language!r}")


def from_locale(environ: Mapping[str, str] | None = None) -> Language:
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def language() -> Language:
    """The language of the interface now."""
    return _chosen or from_locale()


def text(zh: str, en: str) -> str:
    """``zh`` or ``en``, whichever the interface speaks."""
    return en if language() == "en" else zh
