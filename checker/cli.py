"""The ``doccheck`` command line: parse options, call the library, set the exit status.

Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
2 a usage error or a file that could not be checked.
"""
from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

import click

import checker
from checker.core.version import __version__

if TYPE_CHECKING:  # the commands import what they use when they run: a quick --version
    from collections.abc import Callable

    from checker.core.config import Settings
    from checker.core.models import Report

Options = tuple[str, ...]  # a repeatable option's values

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    """--select A,B --select C → [A, B, C]"""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def write_output(path: str, content: str | bytes | Callable[[BinaryIO], None]) -> None:
    """Write atomically: a reader never sees half a report, a failure leaves the old file.
    ``content``: text, bytes, or a function that writes into the binary stream it is given."""
    from checker.core.files import write_atomically  # also keeps an existing file's permissions

    write_atomically(path, content.encode("utf-8") if isinstance(content, str) else content)


def emit(content: str | bytes, output: str | None) -> None:
    if output and output != "-":
        try:
            write_output(output, content)
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        click.echo(content, nl=False)


def emit_report(report: Report, fmt: str, output: str | None, color: bool, **options: Any) -> None:
    """The report on stdout or in ``output`` (UTF-8); a format that writes piece by piece
    (text, JSON) never holds the whole report as one string."""
    from checker.report.formatters import render, writer

    write = writer(fmt)
    if write is None:
        emit(render(report, fmt, color=color, **options), output)
        return
    if not output or output == "-":
        echo = _Echo(color)
        write(report, echo, color=color, **options)
        echo.flush()
        return

    def fill(binary: BinaryIO) -> None:
        import io

        text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        write(report, text, color=color, **options)
        text.flush()
        text.detach()  # the stream stays open: it is its owner's to close

    try:
        write_output(output, fill)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None


class _Echo:
    """Text for stdout, passed to ``click.echo`` (which encodes it for the terminal and
    drops colours where they cannot show) some 64 KB at a time, never splitting a piece."""

    def __init__(self, color: bool) -> None:
        self.color = color or None  # None: click strips what a pipe cannot show; True: kept as asked
        self.pieces: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.pieces.append(text)
        self.size += len(text)
        if self.size >= 65536:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.pieces:
            click.echo("".join(self.pieces), nl=False, color=self.color)
            self.pieces, self.size = [], 0


class _Group(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        from checker.report.terminal import make_console_safe

        make_console_safe()  # before any output, the help included
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException as error:
            # click declares exit_code on the class; one instance may carry its own
            error.exit_code = EXIT_ERROR  # type: ignore[misc]
            raise
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="doccheck")
def main() -> None:
    """doccheck — consistency and compliance checker for Chinese official documents (公文)."""


def _format_names() -> list[str]:
    from checker.report.formatters import FORMATS

    return list(FORMATS)


def _settings(paths: Options, config: str | None, select: Options, ignore: Options, fail_on: str | None = None,
              profile: str | None = None, max_file_size: str | None = None,
              docx_view: str | None = None) -> Settings:
    """Settings from the configuration file (named, or found above the paths), then the options."""
    from checker.core.config import ConfigError, max_file_size_bytes

    try:
        size = None if max_file_size is None else max_file_size_bytes(max_file_size)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    try:
        return checker.load_settings(config, near=list(paths), select=_split(select), ignore=_split(ignore),
                                     fail_on=fail_on, profile=profile, max_file_size=size, docx_view=docx_view)
    except checker.SettingsError as error:
        if error.option in ("select", "ignore", "profile"):
            raise click.BadParameter(str(error), param_hint=f"--{error.option}") from None
        raise click.ClickException(str(error)) from None


def _absent_profiles(settings: Settings) -> list[str]:
    """Messages for user profile files that do not exist (the other rules still run)."""
    from checker.rules.profiles import check_profile_option

    messages = [check_profile_option(v) for v in [settings.profile, *settings.per_path_profiles.values()]]
    return [message for message in messages if message]


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value):
        raise click.BadParameter("给出秒数（0 表示不限时）", ctx=ctx, param=param)
    return value


_config_option = click.option("--config", type=click.Path(dir_okay=False),
                              help="Configuration file (default: doccheck.toml or pyproject.toml [tool.doccheck] "
                                   "found from the checked path upwards).")


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(_format_names()), help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes, categories or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes, categories or names.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding of this severity or higher is reported.  [default: warning]")
@click.option("--profile", help="Document profile to check against (overrides detection).")
@click.option("--max-file-size", metavar="MB", default=None,
              help="Largest file to read, in MB (0: no limit).  [default: 20]")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              is_flag=False, flag_value="always",
              help="Colour the text output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces "
                   "it), always or never. --color alone means always.")
@click.option("--no-color", is_flag=True, help="Same as --color never.")
@click.option("--docx-view", type=click.Choice(["accepted", "original"]), default=None,
              help="Which text of a Word file to check: with every tracked change accepted, or the original "
                   "(deletions counted, insertions not).  [default: accepted]")
@_config_option
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record every current finding in this baseline file, print no report, exit 0.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Check files on N processes (0: chosen from the number and size of the files: one for a "
                   "small run, up to one per CPU; never more than the CPUs or the files).  [default: 0]")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, callback=_seconds,
              help="Seconds the check of one file may take; a file over it is reported as not checked (IN003, "
                   "exit 2) and the others go on (0: no limit).  [default: 60]")
@click.option("--stdin-filename", help="Check the text on standard input as if it were this file.")
@click.option("--unsafe-fixes", is_flag=True, help="Count unsafe fixes as available in the fix hint.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: long runs on a terminal).")
@click.option("--watch", is_flag=True, help="After the report, check again the files that change and print only "
                                            "what changed (Ctrl-C stops).")
@click.option("--statistics", is_flag=True,
              help="Print how many findings each rule made (most first) instead of the findings.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print the findings only: no line of counts, no notes or hints on stderr, no progress bar.")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default=None,
              help="Report only findings of this severity or above (the exit status follows what is reported).")
@click.option("--no-cache", is_flag=True,
              help="Check every file again, without reading or writing the cache of earlier runs' reports.")
@click.option("--cross-document/--no-cross-document", "cross_document", default=None,
              help="Also compare the files with each other: a figure, a name or a document number stated "
                   "differently in two documents (NC120, TM120, CT120).  [default: on when the configuration "
                   "says repository = true]")
@click.option("--executor", metavar="local|dask[=ADDRESS]", default=None,
              help="Where files are checked: on this machine's processes (local), or on a Dask cluster — the "
                   "scheduler at ADDRESS (tcp://host:8786), or a local cluster of -j workers when no address is "
                   "given (pip install 'doccheck[dask]').  [default: local]")
def check(paths: Options, fmt: str, output: str | None, select: Options, ignore: Options, fail_on: str | None,
          profile: str | None, max_file_size: str | None, color: str, no_color: bool, docx_view: str | None,
          config: str | None, baseline: str | None, write_baseline: str | None, jobs: int, timeout: float,
          stdin_filename: str | None, unsafe_fixes: bool, progress: bool | None, watch: bool, statistics: bool,
          quiet: bool, min_severity: str | None, no_cache: bool, cross_document: bool | None,
          executor: str | None) -> None:
    """Check documents (files, or directories walked for the types doccheck reads)."""
    from checker.report.terminal import wants_color
    from checker.run.baseline import Baseline, BaselineError
    from checker.run.baseline import write_baseline as record

    if stdin_filename is not None and not paths:
        paths = ("-",)
    if not paths:
        raise click.UsageError("give at least one PATH (or - with --stdin-filename to read standard input)")
    if "-" in paths and stdin_filename is None:
        raise click.UsageError("reading standard input (-) needs --stdin-filename NAME")
    if watch:
        _refuse_with_watch({"--stdin-filename": stdin_filename, "-o/--output": output,
                            "--write-baseline": write_baseline, "--baseline": baseline,
                            f"--format {fmt}": fmt if fmt != "text" else None,
                            "--statistics": "on" if statistics else None})
    settings = _settings(paths if stdin_filename is None else (stdin_filename,), config, select, ignore,
                         fail_on, profile, max_file_size, docx_view)
    if cross_document is not None:
        settings = settings.model_copy(update={"repository": cross_document})
    _refuse_writing_over_inputs(paths, settings, {"-o/--output": output, "--write-baseline": write_baseline})
    known = None
    if baseline:
        try:
            known = Baseline.load(baseline)
        except BaselineError as error:
            raise click.ClickException(str(error)) from None
    if quiet:
        progress = False
    _check_executor(executor, watch)
    try:
        if fmt == "jsonl" and not (statistics or watch or write_baseline or stdin_filename is not None):
            _stream_jsonl(paths, settings, jobs, progress, not no_cache, timeout, known, min_severity, output, quiet,
                          executor)
        report = _check_report(paths, settings, jobs, stdin_filename, progress, not no_cache, timeout, executor)
    except _ExecutorError as error:
        raise click.ClickException(str(error)) from None
    if not report.files:  # a mistyped folder or filter must not pass for a clean check unnoticed
        from checker.load.readers import supported_suffixes

        click.echo(f"warning: no file to check under {', '.join(paths)} (doccheck reads "
                   f"{', '.join(settings.file_types or supported_suffixes())}; see also include/exclude "
                   f"in the configuration)", err=True)
    if write_baseline:
        try:
            count = record(report, write_baseline)
        except BaselineError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"wrote {count} findings of {len(report.files)} files to the baseline {write_baseline}", err=True)
        _report_file_errors(report, always=True)
        sys.exit(EXIT_ERROR if any(file.error for file in report.files) else EXIT_OK)
    if known is not None:
        before = report.summary.findings
        report = known.filter(report)
        if before > report.summary.findings and not quiet:
            click.echo(f"{before - report.summary.findings} findings recorded in the baseline are not shown",
                       err=True)
    if min_severity:  # after the baseline is written: it records every finding
        report = checker.filter_severity(report, min_severity)
    choice = "never" if no_color else color
    to_file = bool(output and output != "-")
    colored = fmt == "text" and (choice == "always" or (not to_file and wants_color(choice, sys.stdout)))
    if statistics:
        from checker.report.statistics import render as render_statistics

        emit(render_statistics(report, as_json=fmt in ("json", "jsonl")), output)
    else:
        emit_report(report, fmt, output, colored, quiet=quiet)
    if fmt == "text" and not quiet:
        _fix_hint(report, unsafe_fixes)
    if watch:
        size = None if max_file_size is None else int(max_file_size * 1024 * 1024)
        _watch(paths, lambda: checker.load_settings(config, near=list(paths), select=_split(select),
                                                     ignore=_split(ignore), fail_on=fail_on, profile=profile,
                                                     max_file_size=size), colored)
        sys.exit(EXIT_OK)
    if any(file.error for file in report.files):
        _report_file_errors(report, always=statistics or fmt != "text")  # the text report says it on stdout
        sys.exit(EXIT_ERROR)
    absent = _absent_profiles(settings)
    for message in absent:
        click.echo(f"error: {message}", err=True)
    if absent:
        sys.exit(EXIT_ERROR)
    failing = any(settings.fails(f.severity) for file in report.files for f in file.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


class _ExecutorError(Exception):
    """An executor that cannot be used, found while the run starts (its message is for the user)."""


def _check_executor(executor: str | None, watch: bool) -> None:
    from checker.run.executors import ExecutorError, parse_executor

    try:
        kind, _ = parse_executor(executor)
    except ExecutorError as error:
        raise click.BadParameter(str(error), param_hint="--executor") from None
    if kind != "local" and watch:
        raise click.UsageError("--watch 只能在本机检查，不能与 --executor dask 同用")


def _executor_errors(run: Callable[[], Any]) -> Any:
    """``run()``, with an executor that fails to start (not installed, unreachable) as a usage error."""
    from checker.run.executors import ExecutorError

    try:
        return run()
    except ExecutorError as error:
        raise _ExecutorError(str(error)) from None


def _stream_jsonl(paths: Options, settings: Settings, jobs: int, progress: bool | None, cache: bool,
                  timeout: float, known: Any, min_severity: str | None, output: str | None, quiet: bool,
                  executor: str | None) -> None:
    """``--format jsonl``: each file's line written as its check ends, nothing kept but the
    counts the exit status needs; then exit."""
    from checker.core.models import Report
    from checker.report.formatters.jsonl import file_line

    counts = {"files": 0, "hidden": 0, "errors": 0, "failing": 0}

    def lines(write: Callable[[str], Any]) -> None:
        for file in checker.iter_paths(paths, settings=settings, jobs=jobs or None, progress=progress,
                                       cache=cache, timeout=timeout, skipped=_skipped, executor=executor):
            counts["files"] += 1
            if known is not None:
                before = len(file.findings)
                file = known.filter(Report.build([file])).files[0]
                counts["hidden"] += before - len(file.findings)
            if min_severity:
                file = checker.filter_severity(Report.build([file]), min_severity).files[0]
            counts["errors"] += file.error is not None
            counts["failing"] += any(settings.fails(f.severity) for f in file.findings)
            write(file_line(file))

    if output and output != "-":
        def fill(binary: BinaryIO) -> None:
            lines(lambda line: binary.write(line.encode("utf-8")))

        try:
            _executor_errors(lambda: write_output(output, fill))
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    else:
        def echo(line: str) -> None:
            click.echo(line, nl=False)
            sys.stdout.flush()  # a reader of the pipe gets each file as it is checked

        _executor_errors(lambda: lines(echo))
    if not counts["files"]:
        click.echo(f"warning: no file to check under {', '.join(paths)}", err=True)
    if counts["hidden"] and not quiet:
        click.echo(f"{counts['hidden']} findings recorded in the baseline are not shown", err=True)
    if counts["errors"]:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if counts["failing"] else EXIT_OK)


def _skipped(path: str, reason: str) -> None:
    click.echo(f"note: {path}: {reason}", err=True)


def _refuse_with_watch(options: dict[str, str | None]) -> None:
    given = [option for option, value in options.items() if value]
    if given:
        raise click.UsageError(f"--watch 只能与文本报告一起使用，不能与 {', '.join(given)} 同用")


def _watch(paths: Options, load: Callable[[], Settings], color: bool) -> None:
    """Check again what changes until Ctrl-C (see checker/watch.py)."""
    try:
        from checker.watch import Watcher, watch
    except ImportError as error:
        raise click.ClickException(f"--watch 需要 watchfiles：pip install 'doccheck[watch]'（{error}）") from None
    watcher = Watcher(list(paths), load, click.echo, color=color)
    watcher.start()
    click.echo("正在监视文件变化（Ctrl-C 结束）…", err=True)
    watch(watcher)


def _refuse_writing_over_inputs(paths: Options, settings: Settings, outputs: dict[str, str | None]) -> None:
    """A report or baseline written over a checked document would destroy it: refuse
    (exit 2) when an output names a file among those the run reads."""
    existing = {option: target for option, target in outputs.items()
                if target and target != "-" and os.path.exists(target)}
    if not existing:
        return
    checked = checker.find_files([path for path in paths if path != "-"], settings=settings)
    for option, target in existing.items():
        for path in checked:
            if os.path.samefile(path, target):
                raise click.UsageError(f"{option} {target} 是被检查的文件之一，写入会覆盖原文；请换一个输出路径"
                                       f"（或用 exclude 把它排除在检查之外）")


def _check_report(paths: Options, settings: Settings, jobs: int, stdin_filename: str | None,
                  progress: bool | None, cache: bool, timeout: float, executor: str | None = None) -> Report:
    def skipped(path: str, reason: str) -> None:
        click.echo(f"note: {path}: {reason}", err=True)

    if stdin_filename is None:
        return _executor_errors(lambda: checker.check_paths(
            paths, settings=settings, jobs=jobs or None, progress=progress, cache=cache, timeout=timeout,
            skipped=skipped, executor=executor))
    files = []
    others = [path for path in paths if path != "-"]
    if others:
        files.extend(_executor_errors(lambda: checker.check_paths(
            others, settings=settings, jobs=jobs or None, progress=progress, cache=cache, timeout=timeout,
            skipped=skipped, executor=executor)).files)
    # never more than the size limit (and one byte to tell) in memory: a pipe can be endless
    limit = settings.max_file_size + 1 if settings.max_file_size else -1
    data = sys.stdin.buffer.read(limit) if hasattr(sys.stdin, "buffer") else sys.stdin.read(limit).encode("utf-8")
    files[:0] = checker.check_bytes(data, path=stdin_filename, settings=settings, timeout=timeout).files
    return checker.Report.build(files)


def _report_file_errors(report: Report, always: bool) -> None:
    from checker.report.escapes import visible

    if always:
        for file in report.files:
            if file.error:
                click.echo(f"{visible(file.path)}: error: {visible(file.error)}", err=True)


def _fix_hint(report: Report, unsafe: bool) -> None:
    """One line on stderr saying how many findings `doccheck fix` would fix."""
    fixes = [f.fix for file in report.files for f in file.findings if f.fix is not None]
    safe = sum(1 for fix in fixes if fix.safety == "safe")
    unsafe_count = len(fixes) - safe
    if unsafe:
        if fixes:
            click.echo(f"{len(fixes)} fixable with `doccheck fix --unsafe-fixes`", err=True)
    elif safe or unsafe_count:
        hidden = f" ({unsafe_count} more with --unsafe-fixes)" if unsafe_count else ""
        click.echo(f"{safe} fixable with `doccheck fix`{hidden}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes; write nothing "
                                                        "(exit 1 if there is something to fix).")
@click.option("--unsafe-fixes", is_flag=True, help="Apply unsafe fixes too.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the fixed copy to FILE (one input only); the input is not touched. A .docx gets "
                   "the fixes as tracked changes and the other findings as comments.")
@click.option("--in-place", is_flag=True, help="Fix a .docx in place (a backup NAME.bak.docx is kept); "
                                               "text and Markdown files are always fixed in place.")
@click.option("--select", multiple=True, help="Only these rules' fixes: codes, prefixes, categories or names.")
@click.option("--ignore", multiple=True, help="Not these rules' fixes.")
@_config_option
def fix(paths: Options, show_diff: bool, unsafe_fixes: bool, output: str | None, in_place: bool,
        select: Options, ignore: Options, config: str | None) -> None:
    """Apply the fixes findings offer (safe ones unless --unsafe-fixes), in place or to -o."""
    from checker.report.escapes import visible, visible_lines

    settings = _settings(paths, config, select, ignore)
    files = checker.find_files(paths, settings=settings,
                               skipped=lambda path, reason: click.echo(f"note: {path}: {reason}", err=True))
    if output and (len(files) != 1 or show_diff):
        raise click.UsageError("-o/--output takes exactly one input file, without --diff")
    fixed_files = applied = errors = 0
    for path in files:
        try:
            if path.lower().endswith(".docx") and not (output or in_place or show_diff):
                click.echo(f"{visible(path)}: skipped: a .docx is fixed into a copy (-o OUT.docx) "
                           "or in place with a backup (--in-place)", err=True)
                continue
            result = checker.fix_file(path, settings=settings, unsafe=unsafe_fixes, write=not show_diff,
                                      output=output)
            if result.output:
                click.echo(f"{visible(path)}: {len(result.applied)} fixed, {len(result.remaining)} left; "
                           f"wrote {visible(result.output)}", err=True)
            if not result.changed:
                continue
            if show_diff:
                # document text and a file name, for a terminal: no control character goes raw
                click.echo(visible_lines(result.diff(name=visible(result.path))), nl=False)
            elif not result.output:
                kept = f" (backup: {visible(result.backup)})" if result.backup else ""
                click.echo(f"{visible(path)}: {len(result.applied)} fixed{kept}", err=True)
        except checker.NotWritable as error:
            click.echo(f"{visible(path)}: skipped: {error}", err=True)
            continue
        except checker.FixError as error:
            errors += 1
            click.echo(f"{visible(path)}: error: {error}", err=True)
            continue
        except OSError as error:
            errors += 1
            click.echo(f"{visible(path)}: error: cannot write: {error.strerror}", err=True)
            continue
        fixed_files += 1
        applied += len(result.applied)
    verb = "would fix" if show_diff else "fixed"
    if applied:
        click.echo(f"{verb} {applied} problems in {fixed_files} of {len(files)} files", err=True)
    else:
        click.echo(f"nothing to fix in {len(files)} files", err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if show_diff and applied else EXIT_OK)


@main.command()
@click.argument("path")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Write the commented copy to FILE (never the input itself).")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes, categories or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes, categories or names.")
@_config_option
def annotate(path: str, output: str, select: Options, ignore: Options, config: str | None) -> None:
    """Write a copy of a .docx with one Word comment per finding (author "doccheck")."""
    from checker.report.annotate import AnnotateError
    from checker.report.annotate import annotate as write_annotated
    from checker.report.escapes import visible

    settings = _settings((path,), config, select, ignore)
    try:
        findings = write_annotated(path, output, settings)
    except AnnotateError as error:
        raise click.ClickException(f"{visible(path)}: {visible(str(error))}") from None
    click.echo(f"wrote {visible(output)} with {len(findings)} comments", err=True)


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing doccheck.toml.")
def init(folder: str, force: bool) -> None:
    """Write a commented starting doccheck.toml in FOLDER (default: here)."""
    from checker.core.config import STARTER

    target = os.path.join(folder, "doccheck.toml")
    if os.path.exists(target) and not force:
        raise click.ClickException(f"{target} already exists (use --force to replace it)")
    if not os.path.isdir(folder):
        raise click.ClickException(f"{folder} is not a folder")
    emit(STARTER, target)
    click.echo(f"wrote {target}", err=True)


@main.command()
def clean() -> None:
    """Delete the reports kept between runs (the cache `doccheck check` reads; see --no-cache)."""
    try:
        count = checker.clean_cache()
    except OSError as error:
        raise click.ClickException(f"无法删除缓存：{error.strerror or error}") from None
    click.echo(f"removed {count} cached reports", err=True)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule: code, name, category, severity and what it checks."""
    import json

    rules = checker.list_rules()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                                "severity": r.severity, "summary": r.summary} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    for r in rules:
        click.echo(f"{r.code:<6} {r.name:<32} {r.category:<12} {r.severity:<8} {r.summary}")


@main.command("profiles")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_profiles(fmt: str) -> None:
    """List the built-in document profiles: name, document type, required parts."""
    import json

    from checker.rules.profiles import builtin_profiles

    profiles = builtin_profiles().values()
    if fmt == "json":
        click.echo(json.dumps([p.model_dump(exclude={"source"}) for p in profiles], ensure_ascii=False, indent=2))
        return
    for p in profiles:
        required = "、".join(part.name for part in p.parts if part.required) or "-"
        click.echo(f"{p.name:<20} {p.type:<12} {p.description}")
        signed = ("必备" if p.signature == "required"
                  else "必备（或以题注代替）" if p.issued == "signature-or-note" else "可选")
        expected = "".join(f"；应有：{item.name}" for item in p.expected)
        click.echo(f"{'':<20} 必备部分：{required}；落款：{signed}{expected}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule (by code or name)."""
    wanted = code.strip()
    found = next((r for r in checker.list_rules() if r.code == wanted.upper() or r.name == wanted), None)
    if found is None:
        raise click.ClickException(f"no rule {code!r}; `doccheck rules` lists them")
    click.echo(f"{found.code} {found.name}  [{found.category}, default severity: {found.severity}]")
    click.echo("")
    click.echo(found.summary)
    for heading, body in found.docs.items():
        click.echo("")
        click.echo(f"## {heading}")
        click.echo(body)
    if found.fix_safety:
        click.echo("")
        click.echo(f"Fix safety: {found.fix_safety}")
    click.echo("")
    click.echo("Message: " + " / ".join(found.messages))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than the loopback one requires a token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", help="Token every request must carry (made up and printed when --host needs one).")
@click.option("--database", help="SQLAlchemy URL of the decisions and accept list (default: SQLite in the user "
                                 "data folder).")
@_config_option
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Checks that run at once (processes).")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds one check may take before the request gets 408.")
@click.option("--max-upload", type=click.FloatRange(min=0.01), default=20.0, show_default=True,
              help="Largest upload, in MB.")
def serve(host: str, port: int, token: str | None, database: str | None, config: str | None,
          workers: int | None, timeout: float, max_upload: float) -> None:
    """Run the review workbench (browser) and the HTTP API."""
    try:
        from checker.serve.config import ServeConfig
        from checker.serve.server import run
    except ImportError as error:
        raise click.ClickException(
            f"doccheck serve 需要可选依赖：pip install 'doccheck[serve]'（缺少 {error.name}）") from None
    if config is not None and not os.path.isfile(config):
        raise click.BadParameter(f"配置文件 {config} 不存在", param_hint="--config")
    options = {"workers": workers} if workers else {}
    run(ServeConfig(host=host, port=port, token=token, database=database, config_file=config, timeout=timeout,
                    max_upload_bytes=int(max_upload * 1024 * 1024), **options))


@main.command()
def lsp() -> None:
    """Run the language server on standard input and output (for editors)."""
    try:
        from checker.lsp import server
    except ImportError as error:
        raise click.ClickException(f"语言服务器需要 pygls 和 lsprotocol：pip install 'doccheck[lsp]'"
                                   f"（{error}）") from None
    server.serve()


if __name__ == "__main__":  # pragma: no cover
    main()
