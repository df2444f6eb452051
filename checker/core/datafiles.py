"""Reading the files a user hands doccheck — rule packs, glossaries, profiles, word
lists, configuration, baselines — within limits, into pydantic models.

Every such file goes through here, so a bad one is refused the same way everywhere:
the message names the file, the entry (a path into the data, ``rules/3/swap``) and
the reason, in Chinese. :func:`read_bounded` never reads more than a limit (``--config
/dev/zero`` is refused after a few megabytes, not after filling the memory);
YAML is read by :mod:`checker.core.safeyaml` (plain data, aliases counted); data is
validated by the file's model (:func:`validate`), whose pydantic errors are turned
into one readable sentence (:func:`problem_in`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import Annotated, Any, Generic, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic_core import ErrorDetails

from checker.core.i18n import os_reason
from checker.core.resources import cached_load, rules_path

M = TypeVar("M", bound=BaseModel)
YAML_LIMIT = 4 << 20  # bytes of one YAML data file (the shipped typo pack has 26 KB)


def _not_a_bool(value: Any) -> Any:
    if isinstance(value, bool):  # YAML's true is Python's 1: not a version
        raise ValueError("应为整数 1")
    return value


Version = Annotated[Literal[1], BeforeValidator(_not_a_bool)]


def unique(items: list) -> list:
    """A list validator: no item twice (JSON Schema's uniqueItems)."""
    seen = set()
    for item in items:
        if item in seen:
            raise ValueError(f"“{item}”重复出现")
        seen.add(item)
    return items


# -- reading, within limits -------------------------------------------------------------
def read_bounded(path: str, limit: int, *, noun: str, error: type[Exception]) -> bytes:
    """The bytes of the file at ``path``, refused (``error``) when it is absent, a
    folder or a device, unreadable, or larger than ``limit`` bytes. A pipe is read
    (``--config <(…)``), but never more than ``limit`` bytes of it."""
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise error(f"{path}: 是文件夹，不是{noun}文件")
        if not (stat.S_ISREG(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
            raise error(f"{path}: 不是普通文件（设备或套接字），不能作为{noun}读取")
        if status.st_size > limit:
            raise error(f"{path}: {noun}文件有 {_size(status.st_size)}，超过 {_size(limit)} 的上限，不予读取")
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{path}: {noun}文件不存在") from None
    except OSError as problem:
        raise error(f"{path}: 无法读取{noun}：{os_reason(problem)}") from None
    if len(data) > limit:
        raise error(f"{path}: {noun}超过 {_size(limit)} 的上限，不予读取")
    return data


def _size(count: int) -> str:
    return f"{count / (1 << 20):.0f} MB" if count >= 1 << 20 else f"{count:,} 字节"


def decode(data: bytes, path: str, *, noun: str, error: type[Exception]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path}: {noun}不是 UTF-8 编码") from None


def read_yaml(path: str, *, noun: str, error: type[Exception]) -> Any:
    """The data of the YAML file at ``path``; ``error`` (with a message naming the
    file) when it is missing, unreadable, too large, not UTF-8, not YAML or not plain
    data (:mod:`checker.core.safeyaml`). ``noun`` names the kind of file in the
    message (规则包, 术语表, 文种规范 …)."""
    import yaml

    from checker.core import safeyaml

    text = decode(read_bounded(path, YAML_LIMIT, noun=noun, error=error), path, noun=noun, error=error)
    try:
        return safeyaml.load(text)
    except safeyaml.YamlRefused as problem:
        where = f"（第 {problem.line} 行）" if problem.line else ""
        raise error(f"{path}: {noun}无法读取{where}：{problem}") from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark is not None else ""
        raise error(f"{path}: 不是有效的 YAML{where}：{getattr(problem, 'problem', None) or problem}") from None


# -- validating ---------------------------------------------------------------------------
class Problem(NamedTuple):
    entry: str  # "rules/3/swap" — where in the data; "(根)" for the top level
    parts: tuple  # the same path as a tuple of keys and indexes
    message: str  # the reason, in Chinese


def validate(
    model: type[M],
    data: Any,
    path: str,
    *,
    error: type[Exception],
    name_entry: Callable[[Any, Problem], str] | None = None,
) -> M:
    """``data`` as a ``model``; ``error`` naming the file, the entry and the reason when
    it does not fit. ``name_entry`` may name the entry better (with a rule's id)."""
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        problem = problem_in(invalid, data)
        entry = name_entry(data, problem) if name_entry else problem.entry
        raise error(f"{path}: 条目 {entry} 无效：{problem.message}") from None


def read_model(path: str, model: type[M], *, noun: str, error: type[Exception]) -> M:
    """:func:`read_yaml`, then :func:`validate`."""
    return validate(model, read_yaml(path, noun=noun, error=error), path, error=error)


class RuleData(Generic[M]):
    """One of the project's word-list files in ``rules/``, validated by its model:
    ``RuleData(...)()`` gives its data, ``RuleData(...)(path)`` that of a replacement.
    Parsed once per process and kept on disk (no YAML or validation at start-up)."""

    def __init__(self, file_name: str, model: type[M], *, noun: str, error: type[Exception]) -> None:
        self.file_name, self.model, self.noun, self.error = file_name, model, noun, error
        self._loaded: dict[str, M] = {}

    def __call__(self, path: str | None = None) -> M:
        key = str(path or rules_path(self.file_name))
        if key not in self._loaded:
            self._loaded[key] = cached_load(key, self.parse)
        return self._loaded[key]

    def parse(self, path: str) -> M:
        return read_model(path, self.model, noun=self.noun, error=self.error)


# -- pydantic's errors, in a sentence -------------------------------------------------------
_BOOL = "布尔值（true 或 false）"
_MAPPING = "映射（键: 值）"
_TYPE_NAMES = {
    "string_type": "字符串",
    "int_type": "整数",
    "int_parsing": "整数",
    "float_type": "数字",
    "float_parsing": "数字",
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "list_type": "列表",
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
}


def problem_in(invalid: ValidationError, data: Any) -> Problem:
    """The first of pydantic's errors as an entry (a path into ``data``, without the
    names pydantic gives to the alternatives of a union) and a Chinese reason."""
    item = invalid.errors(include_url=False)[0]
    parts, key_error = _path(item["loc"], data)
    kind = item["type"]
    if kind in ("missing", "extra_forbidden") and parts and parts[-1] == item["loc"][-1]:
        parts = parts[:-1]  # the entry is the mapping; the reason names the key
    if kind == "union_tag_invalid" and item.get("ctx"):
        parts = (*parts, item["ctx"]["discriminator"].strip("'"))
    message = reason(item)
    if key_error:
        message = f"键“{key_error}”无效：{message}"
    return Problem("/".join(str(part) for part in parts) or "(根)", parts, message)


def _path(loc: tuple, data: Any) -> tuple[tuple, str | None]:
    """The parts of ``loc`` that are keys and indexes of ``data``; and the dict key
    itself when the error is about a key (pydantic's ``[key]``)."""
    parts: list = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if part == "[key]":
            return tuple(parts[:-1]), str(parts[-1]) if parts else None
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            parts.append(part)
            node = node[part]
        elif last and isinstance(node, dict):
            parts.append(part)  # a missing key
        # else: the name of a union's alternative ('substitution', 'text'): not in the data
    return tuple(parts), None


def reason(item: ErrorDetails) -> str:
    """pydantic's error ``item`` in Chinese."""
    kind, ctx, value = item["type"], item.get("ctx") or {}, item.get("input")
    if kind == "missing":
        return f"缺少必填的键 '{item['loc'][-1]}'"
    if kind == "extra_forbidden":
        return f"不认识的键 '{item['loc'][-1]}'"
    if kind in ("literal_error", "enum"):
        return f"应为 {_choices(ctx.get('expected', ''))}，而不是 {_shown(value)}"
    if kind in _TYPE_NAMES:
        return f"应为{_TYPE_NAMES[kind]}，而不是 {_shown(value)}"
    if kind == "string_too_short":
        return f"至少要有 {ctx['min_length']} 个字符：{_shown(value)}"
    if kind == "string_too_long":
        return f"最多只能有 {ctx['max_length']} 个字符：{_shown(value)}"
    if kind == "string_pattern_mismatch":
        return f"{_shown(value)} 不符合格式 {ctx['pattern']}"
    if kind == "too_short":
        return "不能为空" if ctx.get("min_length") == 1 else f"至少要有 {ctx['min_length']} 项"
    if kind == "too_long":
        return f"最多只能有 {ctx['max_length']} 项"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"应 {sign} {bound}，而不是 {_shown(value)}"
    if kind == "finite_number":
        return f"应为有限的数字，而不是 {_shown(value)}"
    if kind == "union_tag_invalid":
        return f"应为 {_choices(ctx.get('expected_tags', ''))}，而不是 {_shown(ctx.get('tag'))}"
    if kind == "union_tag_not_found":
        return f"缺少必填的键 {ctx.get('discriminator', '')}"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    return item["msg"]


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "'a'、'b'、'c' 之一"."""
    listed = expected.replace("' or '", "'、'").replace("', '", "'、'")
    return f"{listed} 之一" if "、" in listed else listed


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value[:40]}{'…' if len(value) > 40 else ''}”"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "true" if value else "false"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:40] + "…"
