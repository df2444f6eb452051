"""The language of doccheck's interface: Chinese unless English is asked for.

The people who read doccheck's output draft Chinese documents, so its help, rule
documentation and messages are Chinese by default. English is chosen with the
command line's ``--lang en`` or, when that is not given, by the locale: the first
non-empty one of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (POSIX's order) starting
with ``en``. Rule codes and names (ST101, numbering-gap) are the same in both.
"""

from __future__ import annotations

import errno
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


# What the operating system says when a file cannot be read or written is in English (its
# C locale): the reasons a user meets, in Chinese, with the system's own words after them
# for a search or a bug report.
_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许",
    errno.EROFS: "只读的文件系统",
    errno.ENOSPC: "磁盘空间不足",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被占用",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "打开的文件过多",
    errno.EIO: "读写设备出错",
}


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, in the interface's language: 没有权限（Permission denied）.
    An error doccheck raises itself (no ``errno``) already says why in its own words."""
    system = error.strerror or str(error)
    reason = _OS_REASONS.get(error.errno) if error.errno is not None and language() == "zh" else None
    return f"{reason}（{system}）" if reason else system
