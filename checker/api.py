"""The library: everything the ``doccheck`` command does, as functions of Python values.

The command line, and whatever embeds doccheck (a web page, a language server, a
worker), call these functions and nothing below them: check a string, bytes, files
or folders; fix a string or a file with the guarantees of ``doccheck fix``; list the
rules; build settings the way the command line does, every name in them checked.
They are re-exported by ``checker`` itself (``checker.check_text`` …), lazily, so
``import checker`` stays cheap; each function imports what it needs when called.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the types only: importing them costs what a call costs
    from checker.core.config import Settings
    from checker.core.models import FileReport, Finding, Report
    from checker.run.fixer import FixPlan

PathLike = str | os.PathLike[str]
TEXT_NAME = "<string>"  # the name a text without a path is reported under


class SettingsError(ValueError):
    """Settings that cannot be used: a malformed configuration file, a selector that
    selects no rule, an unknown profile, a malformed rule pack or glossary. The message
    names the file or the value and says why; ``option`` names the option at fault
    (``select``, ``ignore``, ``profile``, ``fail-on``) when an option is, else None."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


# -- settings --------------------------------------------------------------------------
def load_settings(
    config: PathLike | None = None,
    *,
    near: PathLike | Sequence[PathLike] = ".",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_on: str | None = None,
    profile: str | None = None,
    max_file_size: int | None = None,
    docx_view: str | None = None,
    extend_select: Iterable[str] | None = None,
    spelling: str | None = None,
) -> Settings:
    """Settings as ``doccheck check`` builds them, every name in them checked.

    First the configuration file: ``config`` if given, else the nearest doccheck.toml
    (or pyproject.toml with a ``[tool.doccheck]`` table) in the folder of ``near`` (a
    path, or the paths to be checked: their common folder) or any folder above it;
    the defaults when there is none. Then the options, which win as on the command
    line: ``select`` replaces the file's selection, ``extend_select`` adds to it (to
    ``select`` when both are given), ``ignore`` is added to its ignore list,
    ``fail_on`` is error/warning/info/never, ``profile`` (a built-in name or a
    profile file) applies to every file, ``max_file_size`` is in bytes (0: no
    limit), ``docx_view`` is which text of a Word file is checked ("accepted":
    every tracked change accepted; "original": every one rejected), ``spelling``
    what the spelling model reports ("precise": what holds on real documents;
    "thorough": also the loose candidates, as info findings). Raises
    :class:`SettingsError` for anything that cannot be used.
    """
    from checker.core.config import ConfigError, Settings, common_folder, find_config
    from checker.rules.registry import selector_known
    from checker.run.settings import settings_from_file

    selected, ignored, added = list(select or ()), list(ignore or ()), list(extend_select or ())
    for option, selectors in (("select", selected), ("ignore", ignored), ("extend-select", added)):
        for selector in selectors:
            if not selector_known(selector):
                raise SettingsError(f"没有规则、前缀或类别与 {selector!r} 相符", option)
    places = [near] if isinstance(near, (str, os.PathLike)) else list(near)
    try:
        found = os.fspath(config) if config else find_config(common_folder([os.fspath(place) for place in places]))
        settings = settings_from_file(found) if found else Settings.defaults()
    except ConfigError as error:
        raise SettingsError(str(error)) from None
    update: dict[str, Any] = {}
    if selected:
        update["select"], update["extend_select"] = selected, []
    if added:
        update["extend_select"] = update.get("extend_select", settings.extend_select) + added
    if ignored:
        update["ignore"] = settings.ignore + ignored
    if fail_on:
        if fail_on not in ("error", "warning", "info", "never"):
            raise SettingsError(f"fail_on must be error, warning, info or never, not {fail_on!r}", "fail-on")
        update["fail_on"] = fail_on
    if profile:
        update["profile"], update["per_path_profiles"] = profile, {}
    if max_file_size is not None:
        update["max_file_size"] = max_file_size
    if docx_view:
        if docx_view not in ("accepted", "original"):
            raise SettingsError(f"docx_view must be accepted or original, not {docx_view!r}", "docx-view")
        update["docx_view"] = docx_view
    if spelling:
        if spelling not in ("precise", "thorough"):
            raise SettingsError(f"spelling 应为 precise 或 thorough，而不是 {spelling!r}", "spelling")
        update["spelling"] = spelling
    settings = settings.model_copy(update=update) if update else settings
    _check_profiles(settings)
    _check_user_data(settings)
    return settings


def _check_profiles(settings: Settings) -> None:
    from checker.rules.profiles import ProfileError, check_profile_option

    for value in [settings.profile, *settings.per_path_profiles.values()]:
        try:
            check_profile_option(value)
        except ProfileError as error:
            raise SettingsError(str(error), "profile") from None


def _check_user_data(settings: Settings) -> None:
    if not settings.rule_packs and not settings.glossaries:
        return
    from checker.rules.rulepacks import RulePackError, validate_user_data

    try:
        validate_user_data(settings)
    except RulePackError as error:
        raise SettingsError(str(error)) from None


def _settings(settings: Settings | None) -> Settings:
    from checker.core.config import Settings

    return settings if settings is not None else Settings.defaults()


# -- checking --------------------------------------------------------------------------
def check_text(text: str, *, path: PathLike | None = None, settings: Settings | None = None) -> Report:
    """Check a document held in a string.

    ``path`` is the name it is reported under, and its suffix chooses the reader as
    for a file (.md is read as Markdown, .html as a web page; none: plain text); its
    per-path settings apply. The findings are those of a UTF-8 file of that name
    holding ``text``. Returns a :class:`Report` with one file.
    """
    name = os.fspath(path) if path is not None else TEXT_NAME
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        return _unreadable(name, f"文本含有无法编码为 UTF-8 的字符（位置 {error.start}，如孤立的代理项），无法检查")
    return check_bytes(data, path=name, settings=settings)


def check_bytes(data: bytes, *, path: PathLike, settings: Settings | None = None, timeout: float = 0) -> Report:
    """Check the bytes of a file named ``path`` (an upload, standard input) without
    reading the disk: decoded and read as the file would be. Returns a :class:`Report`
    with one file; bytes that cannot be read give that file an ``error``. ``timeout``:
    seconds the check may take (0: no limit), past which it is stopped and the file
    reported as not checked (IN003)."""
    from checker.core.models import Report
    from checker.run.parallel import check_piped

    return Report.build([check_piped(os.fspath(path), data, _settings(settings), timeout)])


def check_path(path: PathLike, *, settings: Settings | None = None, jobs: int | None = 1, timeout: float = 0) -> Report:
    """Check a file, or every file doccheck reads below a folder (see :func:`find_files`).

    ``settings`` default to the defaults, not to a configuration file near ``path``:
    pass ``settings=load_settings(near=path)`` for that. A file that cannot be read
    is a file of the report with an ``error``; nothing is raised for it. ``timeout``
    as for :func:`check_paths`.
    """
    return check_paths([path], settings=settings, jobs=jobs, timeout=timeout)


def check_paths(
    paths: Iterable[PathLike],
    *,
    settings: Settings | None = None,
    jobs: int | None = 1,
    progress: bool | None = False,
    cache: bool = False,
    timeout: float = 0,
    skipped: Callable[[str, str], None] | None = None,
    executor: str | None = None,
) -> Report:
    """Check files and folders, on ``jobs`` processes (None: as many as the size of the
    run is worth, never more than the CPUs or the files); the report is the same
    whatever ``jobs``. ``progress``: a progress bar on standard error (None: on a
    terminal, for runs of many files). ``cache``: take the report of a file unchanged
    since an earlier run (same bytes, settings, rules and doccheck) from doccheck's
    cache, and store the new ones (see :mod:`checker.run.cache`). ``timeout``: seconds
    each file may take (0: no limit); a file over it is stopped and reported as not
    checked (IN003), and the others are checked. ``skipped(path, reason)``: told of each
    file of a folder left out as no regular file (a named pipe, a device).
    ``executor``: ``local`` (None) or ``dask`` / ``dask=ADDRESS`` to check the files on
    a Dask cluster (see :mod:`checker.run.executors`; ``jobs`` is then the number of
    workers of the local cluster started when no address is given). With
    ``settings.repository`` the files are also compared with each other
    (:mod:`checker.run.crossdoc`). Raises :class:`ExecutorError` for an executor that
    cannot be used."""
    from checker.core.models import Report

    settings = _settings(settings)
    names = _run_files(paths, settings, skipped)
    reports: list[FileReport | None] = [None] * len(names)
    for index, file in _indexed_reports(names, settings, jobs, progress, cache, timeout, executor):
        reports[index] = file
    report = Report.build([file for file in reports if file is not None])
    if settings.repository:
        from checker.run.crossdoc import add_cross_document

        report = add_cross_document(report, settings)
    return report


def iter_paths(
    paths: Iterable[PathLike],
    *,
    settings: Settings | None = None,
    jobs: int | None = 1,
    progress: bool | None = False,
    cache: bool = False,
    timeout: float = 0,
    skipped: Callable[[str, str], None] | None = None,
    executor: str | None = None,
) -> Iterator[FileReport]:
    """The reports of :func:`check_paths`, one file at a time as each file's check ends
    (files answered from the cache first), for a caller that writes each out and keeps
    none: the memory of a run no longer grows with the number of files. The options
    are those of :func:`check_paths`; the order is the order the checks end. With
    ``settings.repository`` (cross-document checks), each file with cross-document
    findings is handed out once more at the end, with only those findings."""
    from checker.run.crossdoc import Facts, trailing_reports

    settings = _settings(settings)
    names = _run_files(paths, settings, skipped)
    facts = Facts(names)
    for index, report in _indexed_reports(names, settings, jobs, progress, cache, timeout, executor):
        if settings.repository:
            facts.add(index, report)
        yield report
    if settings.repository:
        yield from trailing_reports(facts, settings)


def _run_files(paths: Iterable[PathLike], settings: Settings, skipped: Callable[[str, str], None] | None) -> list[str]:
    from checker.load.discovery import discover
    from checker.load.readers import supported_suffixes
    from checker.run.executors import expand_urls

    names = discover([os.fspath(path) for path in paths], settings, skipped)
    return expand_urls(names, settings.file_types or supported_suffixes())


def _indexed_reports(
    names: list[str],
    settings: Settings,
    jobs: int | None,
    progress: bool | None,
    cache: bool,
    timeout: float,
    executor: str | None,
) -> Iterator[tuple[int, FileReport]]:
    """(index in names, report) of every file as each check ends, by the executor chosen."""
    from checker.run.executors import ExecutorError, check_anywhere, iter_dask, parse_executor
    from checker.run.parallel import iter_files

    try:
        kind, address = parse_executor(executor)
    except ExecutorError as error:
        raise SettingsError(str(error), "executor") from None

    def check(todo: list[str]) -> Iterator[tuple[int, FileReport]]:
        if kind == "dask":
            return iter_dask(todo, settings, address=address, jobs=jobs, progress=progress)
        return iter_files(todo, settings, jobs=jobs, progress=progress, timeout=timeout, check=check_anywhere)

    if cache:
        from checker.run.cache import Cache, default_directory, iter_cached

        directory = default_directory()
        if directory is not None:
            return iter_cached(names, settings, Cache(directory), check)
    return check(names)


def filter_severity(report: Report, minimum: str) -> Report:
    """The report with only the findings of severity ``minimum`` (info, warning or error)
    or above, as ``--min-severity`` shows it; the files, their errors and texts stay."""
    from checker.core.models import Report, Severity

    try:
        rank = Severity(minimum).rank
    except ValueError:
        raise SettingsError(f"最低严重级别应为 error、warning 或 info，而不是 {minimum!r}", "min-severity") from None
    files = []
    for file in report.files:
        kept = file.model_copy(update={"findings": [f for f in file.findings if f.severity.rank >= rank]})
        kept._text = file.text
        files.append(kept)
    return Report.build(files)


def clean_cache() -> int:
    """Delete the reports doccheck keeps between runs; the number deleted."""
    from checker.run.cache import Cache, default_directory

    directory = default_directory()
    return Cache(directory).clear() if directory is not None else 0


def find_files(
    paths: Iterable[PathLike], *, settings: Settings | None = None, skipped: Callable[[str, str], None] | None = None
) -> list[str]:
    """The files a check of ``paths`` reads: files as given (unless excluded), and
    below each folder the files of the types doccheck reads, in a stable order,
    without hidden folders, ``exclude``d or git-ignored files, nor files that are no
    regular files (``skipped(path, reason)`` is told of those)."""
    from checker.load.discovery import discover

    return discover([os.fspath(path) for path in paths], _settings(settings), skipped)


def _unreadable(path: str, error: str) -> Report:
    from checker.core.models import FileReport, Report

    return Report.build([FileReport(path=path, error=error)])


# -- fixing ----------------------------------------------------------------------------
@dataclass(frozen=True)
class FixResult:
    """What fixing a text or a file did.

    ``text`` is the fixed text, in the line endings of the original. ``applied`` are the
    findings whose fixes were applied, pass after pass (the positions of a later pass's
    findings are in the text as the earlier passes left it); ``remaining`` are the
    findings of the fixed text, those that have no fix or only an unsafe one.
    """

    path: str
    original: str
    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    output: str | None = None  # where the fixed file was written, when not over ``path``
    backup: str | None = None  # the copy of the original kept before it was overwritten

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self, name: str | None = None) -> str:
        """The change as a unified diff (``a/NAME`` → ``b/NAME``, NAME the path unless
        given); empty when nothing changed."""
        from checker.run.fixer import normalise, unified_diff

        return unified_diff(self.path if name is None else name, normalise(self.original), normalise(self.text))


def _result(plan: FixPlan, original: str, text: str) -> FixResult:
    return FixResult(plan.path, original, text, tuple(plan.fixed), tuple(plan.remaining))


def fix_text(
    text: str, *, path: PathLike | None = None, settings: Settings | None = None, unsafe: bool = False
) -> FixResult:
    """Apply the fixes the findings of ``text`` offer, as ``doccheck fix`` does a file.

    Safe fixes only unless ``unsafe``. The text is checked again after each pass until
    no fix is left; fixes that overlap wait for the next pass. ``path`` is read as in
    :func:`check_text` (only plain text and Markdown can be fixed). Raises
    :class:`FixError` when the fixes do not settle (a fix that keeps making new ones)
    or the text cannot be fixed; the caller's text is never half-fixed.
    """
    from checker.load.readers import LoadError, read_data
    from checker.run.fixer import FixError, plan_source_fix

    name = os.fspath(path) if path is not None else TEXT_NAME
    settings = _settings(settings).for_path(name)
    try:
        data = text.encode("utf-8")
        source = read_data(name, data, settings.max_file_size)
    except UnicodeEncodeError as error:
        raise FixError(f"文本含有无法编码为 UTF-8 的字符（位置 {error.start}，如孤立的代理项），无法修复") from None
    except LoadError as error:
        raise FixError(str(error)) from None
    plan = plan_source_fix(source, settings, unsafe)
    return _result(plan, text, plan.data.decode("utf-8"))


def fix_file(
    path: PathLike,
    *,
    settings: Settings | None = None,
    unsafe: bool = False,
    write: bool = True,
    output: PathLike | None = None,
) -> FixResult:
    """Fix a text, Markdown or Word file as ``doccheck fix`` does, and write it unless
    ``write`` is false (then only the result says what would change).

    A text or Markdown file keeps its encoding, byte-order mark, line endings and
    permissions. A .docx gets each fix as a Word tracked change (author "doccheck")
    and each finding left as a comment on its characters; written over ``path`` it is
    first copied beside it (``FixResult.backup``). With ``output`` the fixed file goes
    there and ``path`` is never touched. Files are written atomically, and never over
    a file that changed since it was read. Raises :class:`FixError`
    (:class:`NotWritable` for a kind of file that is not written back: .html, .pdf)
    and ``OSError`` when the file cannot be written.
    """
    from checker.run.fixer import plan_fix, write_backup, write_fix

    plan = plan_fix(os.fspath(path), _settings(settings), unsafe=unsafe)
    target = os.fspath(output) if output is not None else None
    backup = None
    if write:
        if target is None and plan.source.kind == "docx" and plan.changed:
            backup = write_backup(plan)
        write_fix(plan, target)
    result = _result(plan, *plan.texts())
    return FixResult(result.path, result.original, result.text, result.applied, result.remaining, target, backup)


def apply_fix(text: str, finding: Finding, *, path: PathLike | None = None) -> str | None:
    """``text`` with the fix of one of its findings applied, and nothing else changed.

    ``finding`` is one that :func:`check_text` reported for ``text`` and ``path`` (its
    fix's offsets are in the text the reader made of it: the Markdown without its
    markup). The fix is carried onto the text as written and read back, as ``doccheck
    fix`` does in each pass; None when the finding has no fix, or its fix cannot be
    carried onto the text as written (it crosses markup or joined lines). The text
    keeps its line endings. Raises :class:`FixError` for a kind of file that is not
    fixed (.docx, .html, .pdf).
    """
    from checker.load.readers import LoadError, read_data
    from checker.run.fixer import FixError, fix_one

    if finding.fix is None:
        return None
    name = os.fspath(path) if path is not None else TEXT_NAME
    try:
        source = read_data(name, text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise FixError(f"文本含有无法编码为 UTF-8 的字符（位置 {error.start}，如孤立的代理项），无法修复") from None
    except LoadError as error:
        raise FixError(str(error)) from None
    return fix_one(source, finding.fix)


# -- the rules -------------------------------------------------------------------------
class RuleInfo(NamedTuple):
    """A rule as ``doccheck rules`` and ``doccheck explain`` show it."""

    code: str  # ST101
    name: str  # numbering-gap
    category: str  # structure
    severity: str  # the default severity: error, warning or info
    summary: str  # the first line of its documentation
    fix_safety: str | None  # "safe" or "unsafe" when it offers fixes, else None
    docs: dict[str, str]  # What it checks / Why it matters / Example / Fix
    messages: tuple[str, ...]  # its message templates
    title: str = ""  # its name in words, in the interface's language (编号跳号)


def list_rules() -> list[RuleInfo]:
    """Every rule doccheck has, in code order (``checker.rules`` is the package of the rules),
    documented in the interface's language (:mod:`checker.core.i18n`)."""
    from checker.rules.registry import load_rules

    return [
        RuleInfo(
            rule.code,
            rule.name,
            rule.category,
            rule.severity.value,
            rule.summary,
            rule.fix_safety,
            rule.sections(),
            tuple(rule.messages.values()),
            rule.title,
        )
        for rule in load_rules().values()
    ]
