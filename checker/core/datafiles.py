"""Reading YAML data files — rule packs, glossaries, profiles, word lists — and
validating them against their JSON Schemas in ``schemas/``.

Every data file, the project's own or a user's, goes through :func:`read_yaml` and
:func:`schema_problem`, so a malformed one is refused the same way everywhere: the
message names the file, the entry (a path into the data) and the reason.
"""
from __future__ import annotations

from typing import Any, NamedTuple, Optional

from checker.core.resources import cached_load, load_schema, rules_path, yaml_loader


class SchemaProblem(NamedTuple):
    entry: str  # "rules/3/swap" — where in the data; "(根)" for the top level
    parts: tuple  # the same path as a tuple of keys and indexes
    message: str  # jsonschema's reason


def read_yaml(path: str, *, noun: str, error: type[Exception]) -> Any:
    """The data of the YAML file at ``path``; ``error`` (with a message naming the
    file) when it is missing, unreadable, not UTF-8 or not YAML. ``noun`` names the
    kind of file in the message (规则包, 术语表, 文种规范 …)."""
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=yaml_loader())
    except FileNotFoundError:
        raise error(f"{path}: {noun}文件不存在") from None
    except OSError as problem:
        raise error(f"{path}: 无法读取{noun}：{problem.strerror or problem}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: {noun}不是 UTF-8 编码") from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark is not None else ""
        raise error(f"{path}: 不是有效的 YAML{where}：{getattr(problem, 'problem', None) or problem}") from None


def read_validated(path: str, schema_file: str, *, noun: str, error: type[Exception]) -> Any:
    """:func:`read_yaml`, then refuse data that breaks ``schemas/<schema_file>``."""
    data = read_yaml(path, noun=noun, error=error)
    problem = schema_problem(data, schema_file)
    if problem:
        raise error(f"{path}: 条目 {problem.entry} 无效：{problem.message}")
    return data


class RuleData:
    """One of the project's word-list files in ``rules/``, validated by its schema:
    ``RuleData(...)()`` gives its data, ``RuleData(...)(path)`` that of a replacement.
    Parsed once per process and kept on disk (no YAML or jsonschema at start-up)."""

    def __init__(self, file_name: str, schema_file: str, *, noun: str, error: type[Exception]) -> None:
        self.file_name, self.schema_file, self.noun, self.error = file_name, schema_file, noun, error
        self._loaded: dict[str, Any] = {}

    def __call__(self, path: Optional[str] = None) -> Any:
        key = str(path or rules_path(self.file_name))
        if key not in self._loaded:
            self._loaded[key] = cached_load(key, self._parse)
        return self._loaded[key]

    def _parse(self, path: str) -> Any:
        return read_validated(path, self.schema_file, noun=self.noun, error=self.error)


def schema_problem(data: Any, schema_file: str) -> Optional[SchemaProblem]:
    """The most telling way ``data`` breaks ``schemas/<schema_file>``, or None.

    Among all errors, the deepest one wins, looking inside the alternatives of an
    ``anyOf``/``oneOf``: “entry 3 has an unknown key” says more than “entry 3
    matches no alternative”."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema(schema_file))
    errors = list(validator.iter_errors(data))
    if not errors:
        return None
    flat = []

    def walk(items):
        for item in items:
            flat.append(item)
            walk(item.context or ())

    walk(errors)
    deepest = max(flat, key=lambda e: (len(e.absolute_path), not e.context))
    parts = tuple(deepest.absolute_path)
    return SchemaProblem("/".join(str(part) for part in parts) or "(根)", parts, deepest.message)
