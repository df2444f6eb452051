"""Regular expressions written by users, matched in time linear in the text (RE2).

A profile may give regular expressions (``expected.patterns``, ``expected.title``),
and they run over documents nobody has vetted. Python's ``re`` backtracks: ``(甲+)+乙``
against forty 甲 or ``^(.*?，){38}P`` against a title with forty commas runs for
minutes. RE2 (the ``google-re2`` package) never backtracks, so its time is linear in
the text whatever the pattern; in exchange it refuses what needs backtracking —
backreferences (``\\1``, ``(?P=name)``) and look-arounds (``(?=…)``, ``(?!…)``,
``(?<=…)``, ``(?<!…)``) — and a pattern using them is refused when the profile is
loaded, with a message saying which construct and what to do instead.

Profiles are written in Python's syntax, and a few escapes mean something narrower in
RE2; they are rewritten so that a pattern matches what ``re`` would match: ``\\d`` any
decimal digit (全角 ０-９ too), ``\\s`` any white space (the full-width space too),
``\\w`` a letter, digit or underscore of any script, ``\\uXXXX``/``\\UXXXXXXXX`` a code
point, ``\\Z`` the end. ``\\b`` and ``\\B`` (word boundaries, which RE2 knows only for
ASCII and which mean nothing between Chinese characters) are refused.

:func:`compile` gives a :class:`UserPattern`; :func:`checked_pattern` is the
validator the profile model uses; :class:`PatternError` carries the Chinese reason.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MAX_LENGTH = 2000  # characters in one pattern
_MAX_PROGRAM_BYTES = 8 << 20  # RE2's memory budget for one compiled pattern (its default)

# Python's \s in a str pattern, as RE2 class items (RE2's own \s is ASCII only).
_SPACE_ITEMS = (
    r"\t\n\x0b\f\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
    r"\x{202f}\x{205f}\x{3000}"
)
_WORD_ITEMS = r"\p{L}\p{N}_"  # Python's \w: str.isalnum() or "_"
_IN_CLASS = {"d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE_ITEMS, "w": _WORD_ITEMS}
_OUTSIDE = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": f"[{_SPACE_ITEMS}]",
    "S": f"[^{_SPACE_ITEMS}]",
    "w": f"[{_WORD_ITEMS}]",
    "W": f"[^{_WORD_ITEMS}]",
    "Z": r"\z",
}
_GROUP_REFUSALS = {
    "(?=": "前瞻断言 (?=…)",
    "(?!": "否定前瞻断言 (?!…)",
    "(?<=": "后顾断言 (?<=…)",
    "(?<!": "否定后顾断言 (?<!…)",
}
_LOOKAROUND_ADVICE = "RE2 为保证匹配时间与文本长度成正比，不支持环视；请改写（标题条件可用 not_title 排除）"


class PatternError(ValueError):
    """A pattern RE2 cannot run; the message is Chinese and says why."""


class UserPattern:
    """A compiled user pattern; ``search(text)`` as ``re.Pattern.search`` (RE2's match object)."""

    def __init__(self, pattern: str, compiled: Any) -> None:
        self.pattern = pattern
        self._compiled = compiled

    def search(self, text: str) -> Any:
        return self._compiled.search(text)

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"


def checked_pattern(pattern: str) -> str:
    """``pattern`` if RE2 can run it, else :class:`PatternError` (a ``ValueError``, so that
    a pydantic model reports it at the key it came from)."""
    compile(pattern)
    return pattern


@lru_cache(maxsize=256)
def compile(pattern: str) -> UserPattern:
    """``pattern`` (Python syntax) compiled by RE2; raises :class:`PatternError`."""
    import re2

    if len(pattern) > MAX_LENGTH:
        raise PatternError(f"正则表达式超过 {MAX_LENGTH} 个字符")
    translated = translate(pattern)
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own English line on standard error
    options.max_mem = _MAX_PROGRAM_BYTES
    try:
        return UserPattern(pattern, re2.compile(translated, options))
    except re2.error as error:
        raise PatternError(_reason(error)) from None


def translate(pattern: str) -> str:
    """``pattern`` in RE2's syntax with Python's meaning; :class:`PatternError` for what
    RE2 cannot do (see the module's docstring)."""
    out: list[str] = []
    at, in_class, class_start = 0, False, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            escape = pattern[at + 1 : at + 2]
            if not escape:
                raise PatternError("正则表达式以单独的反斜杠结尾")
            text, at = _escape(pattern, at, escape, in_class)
            out.append(text)
            continue
        if in_class:
            if char == "]" and at > class_start:
                in_class = False
            elif char == "[":
                char = r"\["  # literal in Python; RE2 would read [:alpha:]
            out.append(char)
            at += 1
            continue
        if char == "[":
            in_class = True
            class_start = at + 1
            if pattern.startswith("^", class_start):
                out.append("[^")
                at += 2
                class_start += 1
                continue
        elif char == "(" and pattern.startswith("(?", at):
            _refuse_group(pattern, at)
        out.append(char)
        at += 1
    return "".join(out)


def _escape(pattern: str, at: int, escape: str, in_class: bool) -> tuple[str, int]:
    """The RE2 text of the escape at ``pattern[at]`` and where the pattern goes on."""
    if escape in "123456789" and not in_class:
        raise PatternError(f"不支持反向引用 \\{escape}：RE2 不回溯，无法引用已匹配的分组")
    if escape in "bB" and not in_class:
        raise PatternError(f"不支持 \\{escape}（单词边界）：RE2 只认 ASCII 单词，对中文没有意义")
    if in_class:
        if escape in "SW":
            raise PatternError(f"方括号内不支持 \\{escape}，请改用 [^…] 写出要排除的字符")
        if escape == "b":
            return r"\x08", at + 2  # backspace, as in Python
        if escape in _IN_CLASS:
            return _IN_CLASS[escape], at + 2
    elif escape in _OUTSIDE:
        return _OUTSIDE[escape], at + 2
    if escape in "uU":
        width = 4 if escape == "u" else 8
        digits = pattern[at + 2 : at + 2 + width]
        if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
            raise PatternError(f"\\{escape} 后应有 {width} 位十六进制数字")
        return f"\\x{{{digits}}}", at + 2 + width
    if escape == "N":
        raise PatternError(r"不支持 \N{…}（按名称写字符），请直接写出字符或用 \uXXXX")
    return pattern[at : at + 2], at + 2


def _refuse_group(pattern: str, at: int) -> None:
    for opening, name in _GROUP_REFUSALS.items():
        if pattern.startswith(opening, at):
            raise PatternError(f"不支持{name}：{_LOOKAROUND_ADVICE}")
    if pattern.startswith("(?P=", at):
        raise PatternError("不支持反向引用 (?P=…)：RE2 不回溯，无法引用已匹配的分组")
    if pattern.startswith("(?(", at):
        raise PatternError("不支持条件分组 (?(…)…)")
    if pattern.startswith("(?>", at):
        raise PatternError("不支持原子分组 (?>…)")


def _reason(error: Exception) -> str:
    detail = error.args[0] if error.args else error
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    text = str(detail)
    if "pattern too large" in text:
        return "正则表达式展开后过大（如重复次数太多），RE2 无法编译"
    if "invalid repetition size" in text:
        return f"重复次数超过 1000：{text}"
    return f"不是有效的正则表达式（RE2 无法解析：{text}）"
