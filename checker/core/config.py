"""Settings of a check run, and the configuration file they may come from.

:class:`Settings` is what the engine reads: which rules, which severities, when to
fail, which profile, which files. It is filled from a configuration file
(``doccheck.toml``, or the ``[tool.doccheck]`` table of ``pyproject.toml``, found
by walking up from the checked path; ``--config FILE`` names one) and then from the
command line, whose options win. :class:`ConfigFile` is the shape of that file; the
JSON Schema in ``schemas/config.schema.json`` is generated from it
(``python -m checker.core.schemas``) and a test keeps the two equal. A file that is
too large, nested too deep, has an unknown key or a value of the wrong type is
refused with a :class:`ConfigError` that names the file and the key, in Chinese.

Globs (``include``, ``exclude``, the per-path tables and .gitignore files) are
matched by pathspec on its RE2 backend, in time linear in the path whatever the glob;
a glob longer than :data:`GLOB_MAX_LENGTH` characters or with more than
:data:`GLOB_MAX_STARS` ``*`` is refused all the same.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Collection
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from checker.core.datafiles import decode, problem_in, read_bounded
from checker.core.files import DEFAULT_MAX_BYTES
from checker.core.models import Severity

FailOn = Literal["error", "warning", "info", "never"]
DocxView = Literal["accepted", "original"]  # a Word file read with its tracked changes accepted, or rejected
# What the spelling model (TY201–TY203) reports: the findings that hold on real documents
# (precise), or also the loose candidates of a final proofreading pass (thorough).
Spelling = Literal["precise", "thorough"]
CONFIG_NAMES = ("doccheck.toml", ".doccheck.toml")
Suffix = Annotated[str, StringConstraints(pattern=r"^\.[A-Za-z0-9]+$")]
AcceptedWord = Annotated[str, StringConstraints(min_length=2, max_length=60, pattern=r"^\S+$")]
TOML_LIMIT = 4 << 20  # bytes of a configuration file (a pyproject.toml of a large project has a few KB)
MAX_FILE_SIZE_MB = 1024  # the largest --max-file-size: a document is not a gigabyte
# Findings of one rule listed for one file; the rest are counted in a note on the last one
# listed. A document that repeats one mistake a million times needs the first few hundred
# places and the count, not a report of gigabytes.
MAX_FINDINGS_PER_RULE = 1000
GLOB_MAX_LENGTH = 512  # characters of one glob
GLOB_MAX_STARS = 32  # '*' in one glob


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


class KnownNames(NamedTuple):
    """What a configuration file may name, as the layers above this one know it.

    The file is read here, in the bottom layer, which knows no rule and no reader;
    whoever builds settings from a file passes these in
    (:func:`checker.run.settings.known_names`)."""

    selector_known: Callable[[str], bool]  # a code, prefix, category or name that selects rules
    rule_codes: Callable[[], Collection[str]]  # every rule's code
    suffixes: Callable[[], list[str]]  # the file suffixes doccheck reads


class Settings(BaseModel):
    # built on first validation: a run without a configuration file uses defaults().
    # Mutable defaults are literals, which pydantic copies for each instance: a
    # default_factory of ``list`` would make model_construct ask inspect.signature
    # about the builtin, slowly, at every start.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True, frozen=True)

    select: list[str] = Field(["ALL"])
    ignore: list[str] = Field([])
    extend_select: list[str] = Field([], alias="extend-select")
    fail_on: FailOn = Field("warning", alias="fail-on")
    profile: str | None = None
    severity: dict[str, Severity] = Field({})  # code → severity override
    max_file_size: int = Field(
        DEFAULT_MAX_BYTES, alias="max-file-size", ge=0, le=MAX_FILE_SIZE_MB << 20
    )  # bytes; 0 = no limit
    docx_view: DocxView = Field("accepted", alias="docx-view")
    # Findings of one rule listed per file (0: every one); `fix` applies every fix whatever it.
    max_findings_per_rule: int = Field(MAX_FINDINGS_PER_RULE, alias="max-findings-per-rule", ge=0)
    # User data files: extra rule packs (typos, wording) and glossaries of names.
    rule_packs: list[str] = Field([], alias="rule-packs")
    glossaries: list[str] = Field([])
    # Words and names the spelling and name checks take as written (the 白名单).
    accept: list[str] = Field([])
    spelling: Spelling = "precise"
    # The files checked together are one repository of documents: compare them with each
    # other too (figures, names, document numbers: the cross-document checks).
    repository: bool = False
    # Globs (gitignore syntax) relative to ``root``: glob → profile, glob → rules to skip.
    per_path_profiles: dict[str, str] = Field({}, alias="per-path-profiles")
    per_path_ignores: dict[str, list[str]] = Field({}, alias="per-path-ignores")
    # Which files a directory walk yields: suffixes, and include/exclude globs.
    file_types: list[str] = Field([], alias="file-types")  # empty: every readable type
    include: list[str] = Field([])
    exclude: list[str] = Field([])
    # The folder globs are relative to (the configuration file's; None: the current
    # directory) and the file the settings were read from.
    root: str | None = None
    config_file: str | None = Field(None, alias="config-file")

    @classmethod
    def defaults(cls) -> Settings:
        """The settings of a run without a configuration file (nothing to validate;
        one shared instance, which is why settings are frozen)."""
        global _DEFAULTS
        if _DEFAULTS is None:
            _DEFAULTS = cls.model_construct()
        return _DEFAULTS

    def fails(self, severity: Severity) -> bool:
        if self.fail_on == "never":
            return False
        return severity.rank >= Severity(self.fail_on).rank

    def relative(self, path: str) -> str:
        """``path`` relative to the settings' root, in the form globs are matched against."""
        root = os.path.abspath(self.root or os.getcwd())
        absolute = os.path.abspath(path)
        try:
            relative = os.path.relpath(absolute, root)
        except ValueError:  # another drive on Windows
            relative = absolute
        if relative.startswith(".."):
            relative = absolute
        return PurePosixPath(*Path(relative).parts).as_posix()

    def for_path(self, path: str) -> Settings:
        """The settings for one file: its per-path profile and ignores applied."""
        if not self.per_path_profiles and not self.per_path_ignores:
            return self
        relative = self.relative(path)
        update: dict[str, Any] = {}
        for pattern, profile in self.per_path_profiles.items():
            if glob_matches(pattern, relative):
                update["profile"] = profile
                break  # the first glob that matches, in the order written
        extra = [
            code
            for pattern, codes in self.per_path_ignores.items()
            if glob_matches(pattern, relative)
            for code in codes
        ]
        if extra:
            update["ignore"] = self.ignore + extra
        return self.model_copy(update=update) if update else self


_DEFAULTS: Settings | None = None


def glob_matches(pattern: str, relative: str) -> bool:
    """Does a gitignore-style glob match a root-relative posix path?"""
    return _spec((pattern,)).match_file(relative)


_SPECS: dict[tuple[str, ...], Any] = {}


def _spec(patterns: tuple[str, ...]):
    spec = _SPECS.get(patterns)
    if spec is None:
        import pathspec

        for pattern in patterns:
            problem = glob_problem(pattern)
            if problem:
                raise ValueError(problem)
        # pathspec turns each glob into a regular expression; its RE2 backend matches
        # them in linear time (re would backtrack on *a*a*a…*b for minutes)
        spec = _SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(patterns, backend="re2")
    return spec


def glob_problem(pattern: str) -> str | None:
    """Why ``pattern`` is refused as a glob (too long, too many ``*``), or None."""
    if len(pattern) > GLOB_MAX_LENGTH:
        return f"glob 超过 {GLOB_MAX_LENGTH} 个字符"
    if pattern.count("*") > GLOB_MAX_STARS:
        return f"glob 中的 * 超过 {GLOB_MAX_STARS} 个"
    return None


def path_spec(patterns: list[str]):
    """A compiled gitignore-style spec of several globs (cached); ``ValueError`` for a
    glob that is too long or has too many ``*``."""
    return _spec(tuple(patterns))


class ConfigFile(BaseModel):
    """doccheck configuration (``doccheck.toml`` or ``[tool.doccheck]`` in ``pyproject.toml``)."""

    model_config = ConfigDict(extra="forbid", title="doccheck configuration", defer_build=True)

    select: list[str] = Field(
        ["ALL"],
        description="Rules to run: codes (ST101), prefixes (ST, ST1), "
        "categories (structure) or names (numbering-gap); ALL for every rule.",
    )
    ignore: list[str] = Field([], description="Rules to skip (same forms as select).")
    extend_select: list[str] = Field([], alias="extend-select", description="Rules to run in addition to select.")
    fail_on: FailOn = Field(
        "warning", alias="fail-on", description="Exit 1 when a finding of this severity or higher is reported."
    )
    profile: str | None = Field(
        None, description="Document profile for every file (unless a per-path profile matches)."
    )
    severity: dict[str, Severity] = Field({}, description="Severity overrides: rule code → severity.")
    docx_view: DocxView = Field(
        "accepted",
        alias="docx-view",
        description="Which text of a Word file (.docx, .doc, .wps) is checked: as it reads "
        "with every tracked change accepted (insertions counted, deletions not), or the "
        "original (deletions counted, insertions not). Fixes and comments are written on "
        "the accepted text only.",
    )
    max_findings_per_rule: int = Field(
        MAX_FINDINGS_PER_RULE,
        alias="max-findings-per-rule",
        ge=0,
        description="Findings of one rule listed for one file; the last one listed says how many "
        "more there are (此规则在本文件中另有 N 处，未逐一列出). 0 lists every one. "
        "doccheck fix applies every fix, whatever this limit.",
    )
    rule_packs: list[str] = Field([], alias="rule-packs", description="Extra rule packs (YAML), relative to this file.")
    glossaries: list[str] = Field([], description="Glossaries of names and terms, relative to this file.")
    accept: list[AcceptedWord] = Field(
        [],
        description="Words and names taken as written (白名单): never reported "
        "as a misspelt official name (TM103) or a wrong character (TY2xx).",
    )
    spelling: Spelling = Field(
        "precise",
        description="What the spelling model (TY201-TY203) reports: precise (default) only "
        "candidates with strong evidence, which hold on real documents; thorough also the "
        "loose ones as info findings (可能的错别字), for a final proofreading pass in which "
        "most of them are right text.",
    )
    per_path_profiles: dict[str, str] = Field(
        {},
        alias="per-path-profiles",
        description="Glob (gitignore syntax, relative to this file) → profile; the first matching glob wins.",
    )
    per_path_ignores: dict[str, list[str]] = Field(
        {}, alias="per-path-ignores", description="Glob → rules to skip in matching files."
    )
    file_types: list[Suffix] = Field(
        [],
        alias="file-types",
        description="File suffixes a directory walk checks (default: every type doccheck can read).",
    )
    include: list[str] = Field([], description="Globs: when given, a directory walk checks only matching files.")
    exclude: list[str] = Field(
        [], description="Globs of files and folders never checked (in addition to .gitignore inside a git repository)."
    )
    repository: bool = Field(
        False,
        description="The files checked together are one repository of documents: "
        "also compare them with each other (a figure, a name or a document number stated "
        "differently in two documents; --cross-document/--no-cross-document overrides).",
    )


def max_file_size_bytes(megabytes: str | float) -> int:
    """``--max-file-size`` (megabytes) as the byte limit :class:`Settings` keep. 0 means no
    limit; any other size is at least one byte (0.0000001 must not round to "no limit").
    :class:`ConfigError` for what is not a finite number between 0 and
    :data:`MAX_FILE_SIZE_MB`."""
    try:
        value = float(megabytes)
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= MAX_FILE_SIZE_MB:
        raise ConfigError(
            f"--max-file-size {str(megabytes)[:40]}：应为 0 到 {MAX_FILE_SIZE_MB} 之间的有限数（单位 MB，0 表示不限）"
        )
    return 0 if value == 0 else max(1, int(value * (1 << 20)))


# -- finding and reading the file ---------------------------------------------------
def find_config(start: str) -> Path | None:
    """The configuration that applies to ``start``: the nearest doccheck.toml, or
    pyproject.toml with a [tool.doccheck] table, in its folder or any folder above."""
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "doccheck" in _tool_table(pyproject, _read_toml(pyproject)):
            return pyproject
    return None


def _tool_table(path: Path, data: dict) -> dict:
    """The ``[tool]`` table of a pyproject.toml (empty when there is none)."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 键 'tool' 应为表（[tool]），而不是{_toml_type(tool)}")
    return tool


def _toml_type(value: Any) -> str:
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, list):
        return "数组"
    return "日期或时间"


def common_folder(paths: list[str]) -> str:
    """The folder a run's configuration is looked for from: common to all paths."""
    absolute = [os.path.abspath(p) for p in paths if p != "-"] or [os.getcwd()]
    try:
        return os.path.commonpath(absolute)
    except ValueError:
        return absolute[0]


def _read_toml(path: Path) -> dict:
    # imported here: most runs find no configuration file
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data = read_bounded(str(path), TOML_LIMIT, noun="配置", error=ConfigError)
    text = decode(data, str(path), noun="配置文件", error=ConfigError)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: 不是有效的 TOML：{error}") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise ConfigError(f"{path}: 不是可用的 TOML：数组或表嵌套过深") from None


def load_config(path: str | Path, names: KnownNames) -> Settings:
    """Settings from a configuration file (doccheck.toml or a pyproject.toml); the rule
    selectors, rule codes and file types in it must be among ``names``."""
    path = Path(path)
    data: Any = _read_toml(path)
    prefix = ""
    if path.name == "pyproject.toml":
        data = _tool_table(path, data).get("doccheck")
        prefix = "tool.doccheck."
        if data is None:
            raise ConfigError(f"{path}: 没有 [tool.doccheck] 表")
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: 键 'tool.doccheck' 应为表，而不是{_toml_type(data)}")
    try:
        config = ConfigFile.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_explain(path, prefix, error, data)) from None
    values = config.model_dump(exclude_unset=True)
    _check_values(path, prefix, values, names)
    folder = path.resolve().parent
    for key in ("rule_packs", "glossaries"):
        if key in values:
            values[key] = [str(folder / item) for item in values[key]]
    return Settings(**values, root=str(folder), config_file=str(path))


def _explain(path: Path, prefix: str, error: ValidationError, data: dict) -> str:
    """The first problem pydantic found, as "FILE: 键 'KEY'：REASON"."""
    problem = problem_in(error, data)
    if error.errors()[0]["type"] == "extra_forbidden":
        key = ".".join(str(part) for part in (*problem.parts, error.errors()[0]["loc"][-1]))
        return f"{path}: 不认识的键 '{prefix}{key}'"
    return f"{path}: 键 '{prefix}{'.'.join(str(part) for part in problem.parts)}'：{problem.message}"


def _check_values(path: Path, prefix: str, values: dict, names: KnownNames) -> None:
    """What a type cannot say: selectors must name rules, codes must exist."""

    def fail(key: str, message: str) -> None:
        raise ConfigError(f"{path}: 键 '{prefix}{key}'：{message}")

    for field_name, alias in (("select", "select"), ("ignore", "ignore"), ("extend_select", "extend-select")):
        for selector in values.get(field_name, []):
            if not names.selector_known(selector):
                fail(alias, f"没有规则、前缀或类别与 {selector!r} 相符")
    for pattern, selectors in values.get("per_path_ignores", {}).items():
        for selector in selectors:
            if not names.selector_known(selector):
                fail(f"per-path-ignores.{pattern}", f"没有规则、前缀或类别与 {selector!r} 相符")
    for key, alias in (
        ("include", "include"),
        ("exclude", "exclude"),
        ("per_path_profiles", "per-path-profiles"),
        ("per_path_ignores", "per-path-ignores"),
    ):
        for pattern in values.get(key, []):
            if not pattern.strip():
                fail(alias, "空的 glob 什么也匹配不到")
            try:
                path_spec([pattern])
            except Exception as error:  # pathspec's own error types vary by version
                fail(alias, f"{pattern[:80]!r} 不是可用的 glob：{error}")
    for code in values.get("severity", {}):
        if code.upper() not in names.rule_codes():
            fail(f"severity.{code}", "不是规则代码")
    for suffix in values.get("file_types", []):
        if suffix.lower() not in names.suffixes():
            fail("file-types", f"doccheck 不能读取 {suffix!r} 文件（可读取 {', '.join(names.suffixes())}）")
    if "severity" in values:
        values["severity"] = {code.upper(): level for code, level in values["severity"].items()}
    if "file_types" in values:
        values["file_types"] = [suffix.lower() for suffix in values["file_types"]]


# -- `doccheck init` ----------------------------------------------------------------
STARTER = """\
# doccheck 配置文件（模式：https://doccheck.invalid/schemas/config.schema.json）。
# 路径和通配符相对于本文件；通配符按 .gitignore 的写法。
# `doccheck rules` 列出规则代码；`doccheck explain 代码` 显示一条规则的说明。

# 要运行的规则：代码（ST101）、前缀（ST、ST1）、类别（structure）或名称。
select = ["ALL"]
# 处处跳过的规则，如 ["PN2", "numeral"]。
ignore = []
# 出现此级别或更高级别的问题时以状态 1 退出：error、warning、info、never。
fail-on = "warning"

# 遍历目录时检查的文件（在 git 仓库中遵守 .gitignore）。
# file-types = [".txt", ".md"]
# include = ["docs/**"]
exclude = []

# 按目录指定文种配置：第一个匹配的通配符生效。
# [per-path-profiles]
# "notices/**" = "notice"

# 在部分文件中跳过的规则。
# [per-path-ignores]
# "archive/**" = ["TY"]

# 更改规则的严重级别。
# [severity]
# ST101 = "warning"

# 自己的规则包和名称术语表。
# rule-packs = ["rules/our-typos.yaml"]
# glossaries = ["rules/our-names.yaml"]
"""

STARTER_EN = """\
# doccheck configuration (https://doccheck.invalid/schemas/config.schema.json).
# Paths and globs are relative to this file; globs use .gitignore syntax.
# `doccheck rules` lists the rule codes; `doccheck explain CODE` documents one.

# Rules to run: codes (ST101), prefixes (ST, ST1), categories (structure) or names.
select = ["ALL"]
# Rules to skip everywhere, e.g. ["PN2", "numeral"].
ignore = []
# Exit 1 when a finding of this severity or higher is reported: error, warning, info, never.
fail-on = "warning"

# Files a directory walk checks (.gitignore is respected inside a git repository).
# file-types = [".txt", ".md"]
# include = ["docs/**"]
exclude = []

# A document profile per folder: the first matching glob wins.
# [per-path-profiles]
# "notices/**" = "notice"

# Rules to skip in some files.
# [per-path-ignores]
# "archive/**" = ["TY"]

# Change the severity of a rule.
# [severity]
# ST101 = "warning"

# Your own rule packs and glossaries of names.
# rule-packs = ["rules/our-typos.yaml"]
# glossaries = ["rules/our-names.yaml"]
"""


def starter_config() -> str:
    """The commented doccheck.toml `doccheck init` writes, in the interface's language."""
    from checker.core.i18n import text

    return text(STARTER, STARTER_EN)
