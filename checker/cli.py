"""The ``doccheck`` command line: parse options, call the library, set the exit status.

Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
2 a usage error or a file that could not be checked.

The interface speaks Chinese unless English is asked for (``--lang en``, or a locale
starting with ``en``; see :mod:`checker.core.i18n`): every help text is written in
both languages where it is declared, and chosen when the help is shown.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

import click

import checker
from checker.core.i18n import language, os_reason, set_language
from checker.core.i18n import text as _t
from checker.core.version import __version__

if TYPE_CHECKING:  # the commands import what they use when they run: a quick --version
    from collections.abc import Callable

    from checker.core.config import Settings
    from checker.core.models import Report

Options = tuple[str, ...]  # a repeatable option's values


class Selection(NamedTuple):
    """The rule options of a command: --select, --ignore, --extend-select, --extend-ignore."""

    select: Options = ()
    ignore: Options = ()
    extend_select: Options = ()
    extend_ignore: Options = ()


EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    """--select A,B --select C → [A, B, C]"""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def write_output(path: str, content: str | bytes | Callable[[BinaryIO], None]) -> None:
    """Write atomically: a reader never sees half a report, a failure leaves the old file
    (and is a usage error that says why). ``content``: text, bytes, or a function that
    writes into the binary stream it is given."""
    from checker.core.files import write_atomically  # also keeps an existing file's permissions

    try:
        write_atomically(path, content.encode("utf-8") if isinstance(content, str) else content)
    except OSError as error:
        reason = os_reason(error)
        raise click.ClickException(_t(f"无法写入 {path}：{reason}", f"cannot write {path}: {reason}")) from None


def emit(content: str | bytes, output: str | None) -> None:
    if output and output != "-":
        write_output(output, content)
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

    write_output(output, fill)


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


_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}


class _Formatter(click.HelpFormatter):
    """click's help layout, with its headings in the interface's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=_t("用法：", "Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        if language() == "en":
            super().write_heading(heading)
        else:
            self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")


class _Context(click.Context):
    formatter_class = _Formatter


class _Option(click.Option):
    """An option whose help is given in Chinese (``help``) and English (``help_en``)."""

    def __init__(self, *args: Any, help_en: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_en = help_en

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        if language() == "en" and self.help_en is not None:
            chinese, self.help = self.help, self.help_en
            try:
                return super().get_help_record(ctx)
            finally:
                self.help = chinese
        record = super().get_help_record(ctx)
        if record is None:
            return None
        return record[0], record[1].replace("[default: ", "[默认：").replace("[required]", "[必填]")


def option(*decls: str, zh: str, en: str, **kwargs: Any) -> Callable[[Any], Any]:
    """``click.option`` with its help in both languages."""
    return click.option(*decls, cls=_Option, help=zh, help_en=en, **kwargs)


class _Bilingual:
    """What a command and the group share: English help beside the Chinese docstring,
    click's own help option in the interface's language."""

    help: str | None
    help_en: str | None = None

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with self._in_language():
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        with self._in_language():
            return super().get_short_help_str(limit)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        help_option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if help_option is not None:
            help_option.help = _t("显示此帮助并退出。", "Show this message and exit.")
        return help_option

    def _in_language(self) -> Any:
        import contextlib

        @contextlib.contextmanager
        def swapped() -> Any:
            if language() != "en" or not self.help_en:
                yield
                return
            chinese, self.help = self.help, self.help_en
            try:
                yield
            finally:
                self.help = chinese

        return swapped()


class _Command(_Bilingual, click.Command):
    context_class = _Context

    def __init__(self, *args: Any, help_en: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_en = help_en


class _Group(_Bilingual, click.Group):
    context_class = _Context
    command_class = _Command

    def __init__(self, *args: Any, help_en: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_en = help_en

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's ``main``, with its errors said in the interface's language."""
        from checker.report.terminal import make_console_safe

        make_console_safe()  # before any output, the help included
        try:
            try:
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.ClickException as error:
                if not standalone_mode:
                    raise
                _show_error(error)
                sys.exit(error.exit_code)
            except click.exceptions.Abort:
                if not standalone_mode:
                    raise
                click.echo(_t("已中止。", "Aborted!"), err=True)
                sys.exit(EXIT_ERROR)
            if not standalone_mode:
                return result
            # click's own main would exit here: with the status of --help, --version or
            # ctx.exit(), or 0 after a command that returned
            sys.exit(result if isinstance(result, int) else EXIT_OK)
        finally:
            set_language(None)  # a later caller in this process follows its own locale again

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx))
            zh = f"没有命令 {name!r}" + (f"，是不是要用 {'、'.join(close)}？" if close else "")
            en = f"No such command {name!r}." + (f" Did you mean {', '.join(close)}?" if close else "")
            raise click.UsageError(_t(zh, en), ctx)
        return super().resolve_command(ctx, args)

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


def _error_message(error: click.ClickException) -> str:
    """What went wrong, in the interface's language (click words its own errors in English)."""
    if language() == "en":
        return error.format_message()
    if isinstance(error, click.NoSuchOption):
        close = "、".join(error.possibilities or ())
        return f"没有选项 {error.option_name}" + (f"，是不是要用 {close}？" if close else "")
    if isinstance(error, click.MissingParameter) and error.param is not None:
        kind = "参数" if isinstance(error.param, click.Argument) else "选项"
        return f"缺少{kind} {error.param.get_error_hint(error.ctx) if error.ctx else error.param.name}"
    if isinstance(error, click.BadParameter) and error.param is not None and error.ctx is not None:
        hint = error.param_hint or error.param.get_error_hint(error.ctx)
        not_a_choice = re.match(r"(.*) is not one of ", error.message)
        if isinstance(error.param.type, click.Choice) and not_a_choice:
            choices = "、".join(str(choice) for choice in error.param.type.choices)
            return f"{hint} 的值 {not_a_choice[1]} 无效：应为 {choices} 之一"
        out_of_range = re.fullmatch(r"(.*) is not in the range (.*)\.", error.message)
        if out_of_range:
            return f"{hint} 的值无效：{out_of_range[1]} 不在范围 {out_of_range[2]} 内"
        return f"{hint} 的值无效：{error.message}"
    return error.format_message()


def _show_error(error: click.ClickException) -> None:
    """As click shows an error (the usage and a hint for a usage error), in the interface's language."""
    if isinstance(error, click.exceptions.NoArgsIsHelpError):  # `doccheck` alone: the help, as click shows it
        error.show()
        return
    ctx = error.ctx if isinstance(error, click.UsageError) else None
    if ctx is not None:
        usage = ctx.get_usage()
        option = ctx.help_option_names[0] if ctx.help_option_names else "--help"
        hint = _t(f"用 '{ctx.command_path} {option}' 查看帮助。", f"Try '{ctx.command_path} {option}' for help.")
        click.echo(f"{usage}\n{hint}\n", err=True, color=ctx.color)
    click.echo(_t(f"错误：{_error_message(error)}", f"Error: {_error_message(error)}"), err=True)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    set_language(value)  # None: the locale decides (LC_ALL, LC_MESSAGES, LANG)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help_en="doccheck — consistency and compliance checker for Chinese official documents (公文).",
)
@click.version_option(
    __version__, prog_name="doccheck", cls=_Option, help="显示版本并退出。", help_en="Show the version and exit."
)
@option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    is_eager=True,
    expose_value=False,
    callback=_choose_language,
    zh="界面语言：zh（中文）或 en（英文）。默认中文；未给出时，LC_ALL、LC_MESSAGES 或 LANG 以 en 开头则用英文。"
    "须写在命令名之前：doccheck --lang en check …",
    en="Language of the interface: zh (Chinese) or en (English). Default Chinese; when not given, English "
    "if LC_ALL, LC_MESSAGES or LANG starts with en. Goes before the command: doccheck --lang en check …",
)
def main() -> None:
    """doccheck —— 中文公文的一致性与规范性检查工具。"""


def _format_names() -> list[str]:
    from checker.report.formatters import FORMATS

    return list(FORMATS)


def _settings(
    paths: Options,
    config: str | None,
    selection: Selection,
    fail_on: str | None = None,
    profile: str | None = None,
    max_file_size: str | None = None,
    docx_view: str | None = None,
    spelling: str | None = None,
) -> Settings:
    """Settings from the configuration file (named, or found above the paths), then the options."""
    from checker.core.config import ConfigError, max_file_size_bytes

    try:
        size = None if max_file_size is None else max_file_size_bytes(max_file_size)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    try:
        return _load_settings(paths, config, selection, fail_on, profile, size, docx_view, spelling)
    except checker.SettingsError as error:
        if error.option in ("select", "ignore", "extend-select", "profile"):
            raise click.BadParameter(str(error), param_hint=f"--{error.option}") from None
        raise click.ClickException(str(error)) from None


def _load_settings(
    paths: Options,
    config: str | None,
    selection: Selection,
    fail_on: str | None,
    profile: str | None,
    max_file_size: int | None,
    docx_view: str | None = None,
    spelling: str | None = None,
) -> Settings:
    """:func:`checker.load_settings` for these options (raises :class:`checker.SettingsError`)."""
    return checker.load_settings(
        config,
        near=list(paths),
        select=_split(selection.select),
        ignore=_split(selection.ignore + selection.extend_ignore),
        extend_select=_split(selection.extend_select),
        fail_on=fail_on,
        profile=profile,
        max_file_size=max_file_size,
        docx_view=docx_view,
        spelling=spelling,
    )


def _absent_profiles(settings: Settings) -> list[str]:
    """Messages for user profile files that do not exist (the other rules still run)."""
    from checker.rules.profiles import check_profile_option

    messages = [check_profile_option(v) for v in [settings.profile, *settings.per_path_profiles.values()]]
    return [message for message in messages if message]


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value):
        raise click.BadParameter("给出秒数（0 表示不限时）", ctx=ctx, param=param)
    return value


_config_option = option(
    "--config",
    type=click.Path(dir_okay=False),
    zh="配置文件（默认：从被检查的路径向上查找 doccheck.toml 或 pyproject.toml 的 [tool.doccheck]）。",
    en="Configuration file (default: doccheck.toml or pyproject.toml [tool.doccheck] "
    "found from the checked path upwards).",
)
_SELECT_ZH = "要运行的规则：代码、前缀、类别或名称（逗号分隔，可重复）；代替配置中的 select。"
_SELECT_EN = (
    "Rules to run: codes, prefixes, categories or names (comma-separated); replaces the configuration's select."
)
_IGNORE_ZH = "要跳过的规则：代码、前缀、类别或名称；加到配置的 ignore 之上。"
_IGNORE_EN = "Rules to skip: codes, prefixes, categories or names; added to the configuration's ignore."


_extend_select_option = option(
    "--extend-select",
    multiple=True,
    zh="在配置（或 --select）选定的规则之外，再运行这些规则：代码、前缀、类别或名称（逗号分隔，可重复）。",
    en="Rules to run besides those the configuration (or --select) selects: codes, prefixes, categories or names "
    "(comma-separated).",
)
_extend_ignore_option = option(
    "--extend-ignore",
    multiple=True,
    zh="再跳过这些规则（与 --ignore 相同：两者都加到配置的 ignore 之上）。",
    en="Rules to skip as well (the same as --ignore: both add to the configuration's ignore).",
)


@main.command(
    help_en="""Check documents (files, or directories walked for the types doccheck reads).

Rules can be switched off inside a document (CODES: codes, prefixes, categories or names, comma-separated;
none: every rule):

\b
  .txt, on a line of its own:
    # doccheck-disable-next-line CODES    the next line only
    # doccheck-disable CODES              from here …
    # doccheck-enable                     … to here (or to the end of the file)
  Markdown and other text: <!-- doccheck-disable-next-line CODES --> and the like
  .docx: a Word comment on the paragraph whose text is "doccheck-disable CODES"
"""
)
@click.argument("paths", nargs=-1)
@option(
    "--format",
    "--output-format",
    "fmt",
    default="text",
    show_default=True,
    type=click.Choice(_format_names()),
    zh="报告格式。",
    en="Output format.",
)
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    zh="把报告写入 FILE（UTF-8），而不是标准输出。",
    en="Write the report to FILE (UTF-8) instead of stdout.",
)
@option("--select", multiple=True, zh=_SELECT_ZH, en=_SELECT_EN)
@option("--ignore", multiple=True, zh=_IGNORE_ZH, en=_IGNORE_EN)
@_extend_select_option
@_extend_ignore_option
@option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    zh="报告了此级别或更高级别的问题时以状态 1 退出。  [默认：warning]",
    en="Exit 1 when a finding of this severity or higher is reported.  [default: warning]",
)
@option(
    "--profile",
    zh="按此文种配置检查（代替自动识别）；`doccheck profiles` 列出内置配置。",
    en="Document profile to check against (overrides detection); `doccheck profiles` lists them.",
)
@option(
    "--max-file-size",
    metavar="MB",
    default=None,
    zh="读取文件的大小上限，单位 MB（0：不限）。  [默认：20]",
    en="Largest file to read, in MB (0: no limit).  [default: 20]",
)
@option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    is_flag=False,
    flag_value="always",
    zh="文本报告是否着色：auto（输出到终端时着色；设置了 NO_COLOR 则不着色，设置了 FORCE_COLOR 则着色）、"
    "always 或 never。只写 --color 等于 always。",
    en="Colour the text output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), "
    "always or never. --color alone means always.",
)
@option("--no-color", is_flag=True, zh="同 --color never。", en="Same as --color never.")
@option(
    "--docx-view",
    type=click.Choice(["accepted", "original"]),
    default=None,
    zh="检查 Word 文件的哪种文本：接受全部修订后的（accepted），或原文（original：计入删除，不计插入）。"
    "  [默认：accepted]",
    en="Which text of a Word file to check: with every tracked change accepted, or the original "
    "(deletions counted, insertions not).  [default: accepted]",
)
@option(
    "--spelling",
    type=click.Choice(["precise", "thorough"]),
    default=None,
    zh="错别字模型（TY201–TY203）报告什么：precise 只报告证据充分、在真实公文上可靠的；thorough 另把"
    "证据较弱的候选报告为提示（可能的错别字），供最后通读时逐条核对，其中多数并非错字。  [默认：precise]",
    en="What the spelling model (TY201–TY203) reports: precise, only candidates with strong evidence, which "
    "hold on real documents; thorough, also the loose ones as info findings (possible typos), for a final "
    "proofreading pass in which most of them are right text.  [default: precise]",
)
@_config_option
@option(
    "--baseline",
    type=click.Path(dir_okay=False),
    zh="只报告此基线文件中没有记录的问题。",
    en="Report only findings not recorded in this baseline.",
)
@option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    zh="把当前所有问题记录到此基线文件，不输出报告，以状态 0 退出。",
    en="Record every current finding in this baseline file, print no report, exit 0.",
)
@option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    zh="用 N 个进程检查文件（0：按文件的数量和大小决定：小的运行用一个，最多每个 CPU 一个；不会多于 CPU 数或"
    "文件数）。  [默认：0]",
    en="Check files on N processes (0: chosen from the number and size of the files: one for a small run, up "
    "to one per CPU; never more than the CPUs or the files).  [default: 0]",
)
@option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    callback=_seconds,
    zh="检查一个文件最多用的秒数；超时的文件报告为未检查（IN003，退出状态 2），其余文件继续检查（0：不限）。"
    "  [默认：60]",
    en="Seconds the check of one file may take; a file over it is reported as not checked (IN003, exit 2) "
    "and the others go on (0: no limit).  [default: 60]",
)
@option(
    "--stdin-filename",
    zh="把标准输入的文本当作这个文件来检查（路径写 -）。",
    en="Check the text on standard input as if it were this file (give - as the path).",
)
@option(
    "--unsafe-fixes",
    is_flag=True,
    zh="修复提示和 --show-fixes 中也计入不安全的修改。",
    en="Count unsafe fixes as available in the fix hint and in --show-fixes.",
)
@option(
    "--show-fixes",
    is_flag=True,
    zh="在报告之后列出 `doccheck fix` 会应用的每处修改（位置、规则、原文 → 改为）；不改动任何文件。",
    en="After the report, list each fix `doccheck fix` would apply (where, rule, text → replacement); changes no file.",
)
@option(
    "--progress/--no-progress",
    default=None,
    zh="在标准错误上显示进度条（含剩余时间），仅当它是终端时（默认：文件较多时显示）。",
    en="Progress bar with the time left on stderr, only when it is a terminal (default: for long runs).",
)
@option(
    "--watch",
    is_flag=True,
    zh="报告之后继续监视，文件变化时重新检查，只输出变化的部分（Ctrl-C 结束）。",
    en="After the report, check again the files that change and print only what changed (Ctrl-C stops).",
)
@option(
    "--statistics",
    is_flag=True,
    zh="不列出问题，改为输出每条规则的问题数（多的在前）。",
    en="Print how many findings each rule made (most first) instead of the findings.",
)
@option(
    "-q",
    "--quiet",
    is_flag=True,
    zh="只输出问题：不输出统计行，标准错误上不输出注意事项和提示，不显示进度条。",
    en="Print the findings only: no line of counts, no notes or hints on stderr, no progress bar.",
)
@option(
    "--min-severity",
    type=click.Choice(["info", "warning", "error"]),
    default=None,
    zh="只报告此级别或更高级别的问题（退出状态按报告的问题计算）。",
    en="Report only findings of this severity or above (the exit status follows what is reported).",
)
@option(
    "--no-cache",
    is_flag=True,
    zh="重新检查每个文件，不读也不写以前运行留下的报告缓存。",
    en="Check every file again, without reading or writing the cache of earlier runs' reports.",
)
@option(
    "--cross-document/--no-cross-document",
    "cross_document",
    default=None,
    zh="同时在文件之间互相比对：同一数字、名称或发文字号在两份文件中说法不同（NC120、TM120、CT120）。"
    "  [默认：配置中 repository = true 时开启]",
    en="Also compare the files with each other: a figure, a name or a document number stated differently in "
    "two documents (NC120, TM120, CT120).  [default: on when the configuration says repository = true]",
)
@option(
    "--executor",
    metavar="local|dask[=ADDRESS]",
    default=None,
    zh="在哪里检查文件：本机的进程（local），或 Dask 集群——ADDRESS 处的调度器（tcp://host:8786），"
    "不给地址时为 -j 个工作进程的本地集群（pip install 'doccheck[dask]'）。  [默认：local]",
    en="Where files are checked: on this machine's processes (local), or on a Dask cluster — the scheduler at "
    "ADDRESS (tcp://host:8786), or a local cluster of -j workers when no address is given "
    "(pip install 'doccheck[dask]').  [default: local]",
)
def check(
    paths: Options,
    fmt: str,
    output: str | None,
    select: Options,
    ignore: Options,
    extend_select: Options,
    extend_ignore: Options,
    fail_on: str | None,
    profile: str | None,
    max_file_size: str | None,
    color: str,
    no_color: bool,
    docx_view: str | None,
    spelling: str | None,
    config: str | None,
    baseline: str | None,
    write_baseline: str | None,
    jobs: int,
    timeout: float,
    stdin_filename: str | None,
    unsafe_fixes: bool,
    show_fixes: bool,
    progress: bool | None,
    watch: bool,
    statistics: bool,
    quiet: bool,
    min_severity: str | None,
    no_cache: bool,
    cross_document: bool | None,
    executor: str | None,
) -> None:
    """检查文件（文件，或遍历目录中 doccheck 能读的文件类型）。

    可以在文件中停用规则（代码：规则代码、前缀、类别或名称，用逗号分隔；不写则停用全部规则）：

    \b
      .txt：单独一行写
        # doccheck-disable-next-line 代码    只停用下一行
        # doccheck-disable 代码              从这里停用……
        # doccheck-enable                    ……到这里为止（没有则到文件末尾）
      Markdown 等文本：<!-- doccheck-disable-next-line 代码 -->，写法同上
      .docx：在段落上插入 Word 批注，批注内容为“doccheck-disable 代码”
    """
    from checker.report.terminal import wants_color
    from checker.run.baseline import Baseline, BaselineError
    from checker.run.baseline import write_baseline as record

    if stdin_filename is not None and not paths:
        paths = ("-",)
    if not paths:
        raise click.UsageError(
            _t(
                "至少给出一个路径（或用 - 加 --stdin-filename 读取标准输入）",
                "give at least one PATH (or - with --stdin-filename to read standard input)",
            )
        )
    if "-" in paths and stdin_filename is None:
        raise click.UsageError(
            _t("读取标准输入（-）需要 --stdin-filename 名称", "reading standard input (-) needs --stdin-filename NAME")
        )
    if watch:
        _refuse_with_watch(
            {
                "--stdin-filename": stdin_filename,
                "-o/--output": output,
                "--write-baseline": write_baseline,
                "--baseline": baseline,
                f"--format {fmt}": fmt if fmt != "text" else None,
                "--statistics": "on" if statistics else None,
            }
        )
    selection = Selection(select, ignore, extend_select, extend_ignore)
    settings = _settings(
        paths if stdin_filename is None else (stdin_filename,),
        config,
        selection,
        fail_on,
        profile,
        max_file_size,
        docx_view,
        spelling,
    )
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
            _stream_jsonl(
                paths, settings, jobs, progress, not no_cache, timeout, known, min_severity, output, quiet, executor
            )
        report = _check_report(paths, settings, jobs, stdin_filename, progress, not no_cache, timeout, executor)
    except _ExecutorError as error:
        raise click.ClickException(str(error)) from None
    if not report.files:  # a mistyped folder or filter must not pass for a clean check unnoticed
        from checker.load.readers import supported_suffixes

        where, kinds = ", ".join(paths), ", ".join(settings.file_types or supported_suffixes())
        click.echo(
            _t(
                f"警告：{where} 下没有可检查的文件（doccheck 读取 {kinds}；另见配置中的 include 和 exclude）",
                f"warning: no file to check under {where} (doccheck reads {kinds}; see also include/exclude "
                f"in the configuration)",
            ),
            err=True,
        )
    if write_baseline:
        try:
            count = record(report, write_baseline)
        except BaselineError as error:
            raise click.ClickException(str(error)) from None
        files = len(report.files)
        click.echo(
            _t(
                f"已把 {files} 个文件的 {count} 条问题写入基线 {write_baseline}",
                f"wrote {count} findings of {files} files to the baseline {write_baseline}",
            ),
            err=True,
        )
        _report_file_errors(report, always=True)
        sys.exit(EXIT_ERROR if any(file.error for file in report.files) else EXIT_OK)
    if known is not None:
        before = report.summary.findings
        report = known.filter(report)
        hidden = before - report.summary.findings
        if hidden and not quiet:
            click.echo(
                _t(
                    f"基线中已记录的 {hidden} 条问题未显示", f"{hidden} findings recorded in the baseline are not shown"
                ),
                err=True,
            )
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
    if show_fixes:
        from checker.report.fixes import render_fixes

        # after a text report on stdout, or on stderr where stdout holds JSON, SARIF …
        click.echo(render_fixes(report, unsafe_fixes), nl=False, err=fmt != "text" and not to_file)
    elif fmt == "text" and not quiet:
        _fix_hint(report, unsafe_fixes)
    if watch:
        size = settings.max_file_size  # as read above: the option, else the configuration's
        _watch(
            paths,
            lambda: _load_settings(
                paths,
                config,
                selection,
                fail_on,
                profile,
                size if max_file_size is not None else None,
                docx_view,
                spelling,
            ),
            colored,
        )
        sys.exit(EXIT_OK)
    if any(file.error for file in report.files):
        _report_file_errors(report, always=statistics or fmt != "text")  # the text report says it on stdout
        sys.exit(EXIT_ERROR)
    absent = _absent_profiles(settings)
    for message in absent:
        click.echo(_t(f"错误：{message}", f"error: {message}"), err=True)
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


def _stream_jsonl(
    paths: Options,
    settings: Settings,
    jobs: int,
    progress: bool | None,
    cache: bool,
    timeout: float,
    known: Any,
    min_severity: str | None,
    output: str | None,
    quiet: bool,
    executor: str | None,
) -> None:
    """``--format jsonl``: each file's line written as its check ends, nothing kept but the
    counts the exit status needs; then exit."""
    from checker.core.models import Report
    from checker.report.formatters.jsonl import write_file_line

    counts = {"files": 0, "hidden": 0, "errors": 0, "failing": 0}

    def lines(write: Callable[[str], Any]) -> None:
        for file in checker.iter_paths(
            paths,
            settings=settings,
            jobs=jobs or None,
            progress=progress,
            cache=cache,
            timeout=timeout,
            skipped=_note_skipped,
            executor=executor,
        ):
            counts["files"] += 1
            if known is not None:
                before = len(file.findings)
                file = known.filter(Report.build([file])).files[0]
                counts["hidden"] += before - len(file.findings)
            if min_severity:
                file = checker.filter_severity(Report.build([file]), min_severity).files[0]
            counts["errors"] += file.error is not None
            counts["failing"] += any(settings.fails(f.severity) for f in file.findings)
            write_file_line(file, write)  # finding by finding

    if output and output != "-":

        def fill(binary: BinaryIO) -> None:
            lines(lambda piece: binary.write(piece.encode("utf-8")))

        _executor_errors(lambda: write_output(output, fill))
    else:

        def echo(piece: str) -> None:
            click.echo(piece, nl=False)
            if piece.endswith("\n"):
                sys.stdout.flush()  # a reader of the pipe gets each file as it is checked

        _executor_errors(lambda: lines(echo))
    where, hidden = ", ".join(paths), counts["hidden"]
    if not counts["files"]:
        click.echo(_t(f"警告：{where} 下没有可检查的文件", f"warning: no file to check under {where}"), err=True)
    if hidden and not quiet:
        click.echo(
            _t(f"基线中已记录的 {hidden} 条问题未显示", f"{hidden} findings recorded in the baseline are not shown"),
            err=True,
        )
    if counts["errors"]:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if counts["failing"] else EXIT_OK)


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
    click.echo(_t("正在监视文件变化（Ctrl-C 结束）…", "watching for changes (Ctrl-C stops)…"), err=True)
    watch(watcher)


def _refuse_writing_over_inputs(paths: Options, settings: Settings, outputs: dict[str, str | None]) -> None:
    """A report or baseline written over a checked document would destroy it: refuse
    (exit 2) when an output names a file among those the run reads."""
    existing = {
        option: target for option, target in outputs.items() if target and target != "-" and os.path.exists(target)
    }
    if not existing:
        return
    checked = checker.find_files([path for path in paths if path != "-"], settings=settings)
    for option, target in existing.items():
        for path in checked:
            if os.path.samefile(path, target):
                raise click.UsageError(
                    f"{option} {target} 是被检查的文件之一，写入会覆盖原文；请换一个输出路径"
                    f"（或用 exclude 把它排除在检查之外）"
                )


def _note_skipped(path: str, reason: str) -> None:
    click.echo(_t(f"注意：{path}：{reason}", f"note: {path}: {reason}"), err=True)


def _check_report(
    paths: Options,
    settings: Settings,
    jobs: int,
    stdin_filename: str | None,
    progress: bool | None,
    cache: bool,
    timeout: float,
    executor: str | None = None,
) -> Report:
    if stdin_filename is None:
        return _executor_errors(
            lambda: checker.check_paths(
                paths,
                settings=settings,
                jobs=jobs or None,
                progress=progress,
                cache=cache,
                timeout=timeout,
                skipped=_note_skipped,
                executor=executor,
            )
        )
    files = []
    others = [path for path in paths if path != "-"]
    if others:
        files.extend(
            _executor_errors(
                lambda: checker.check_paths(
                    others,
                    settings=settings,
                    jobs=jobs or None,
                    progress=progress,
                    cache=cache,
                    timeout=timeout,
                    skipped=_note_skipped,
                    executor=executor,
                )
            ).files
        )
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
            click.echo(
                _t(
                    f"{len(fixes)} 条可用 `doccheck fix --unsafe-fixes` 修复",
                    f"{len(fixes)} fixable with `doccheck fix --unsafe-fixes`",
                ),
                err=True,
            )
    elif safe or unsafe_count:
        hidden = (
            _t(f"（另有 {unsafe_count} 条需加 --unsafe-fixes）", f" ({unsafe_count} more with --unsafe-fixes)")
            if unsafe_count
            else ""
        )
        click.echo(
            _t(f"{safe} 条可用 `doccheck fix` 修复{hidden}", f"{safe} fixable with `doccheck fix`{hidden}"), err=True
        )


@main.command(
    help_en="Apply the fixes findings offer (safe ones unless --unsafe-fixes), in place or to -o.\n\n"
    "A .docx is fixed only into a copy (-o) or with --in-place; .html and .pdf are never fixed."
)
@click.argument("paths", nargs=-1, required=True)
@option(
    "--diff",
    "show_diff",
    is_flag=True,
    zh="输出修改的统一差异格式（unified diff），不写入任何文件（有可修改之处时退出状态为 1）。",
    en="Print a unified diff of the fixes; write nothing (exit 1 if there is something to fix).",
)
@option("--unsafe-fixes", is_flag=True, zh="也应用不安全的修改。", en="Apply unsafe fixes too.")
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    zh="把修改后的副本写入 FILE（只能有一个输入），不改动输入文件。.docx 的修改写成修订，其余问题写成批注。",
    en="Write the fixed copy to FILE (one input only); the input is not touched. A .docx gets the fixes as "
    "tracked changes and the other findings as comments.",
)
@option(
    "--in-place",
    is_flag=True,
    zh="就地修改 .docx（保留备份 NAME.bak.docx）；文本和 Markdown 文件总是就地修改。",
    en="Fix a .docx in place (a backup NAME.bak.docx is kept); text and Markdown files are always fixed in place.",
)
@option(
    "--select",
    multiple=True,
    zh="只应用这些规则的修改：代码、前缀、类别或名称。",
    en="Only these rules' fixes: codes, prefixes, categories or names.",
)
@option("--ignore", multiple=True, zh="不应用这些规则的修改。", en="Not these rules' fixes.")
@_extend_select_option
@_extend_ignore_option
@_config_option
def fix(
    paths: Options,
    show_diff: bool,
    unsafe_fixes: bool,
    output: str | None,
    in_place: bool,
    select: Options,
    ignore: Options,
    extend_select: Options,
    extend_ignore: Options,
    config: str | None,
) -> None:
    """应用问题所附的修改（默认只应用安全的修改），就地修改或写到 -o。

    除非加 --unsafe-fixes，只应用安全的修改。.docx 只写成副本（-o）或加 --in-place 修改；.html 和 .pdf 不修改。
    """
    from checker.report.escapes import visible, visible_lines

    settings = _settings(paths, config, Selection(select, ignore, extend_select, extend_ignore))
    files = checker.find_files(paths, settings=settings, skipped=_note_skipped)
    if output and (len(files) != 1 or show_diff):
        raise click.UsageError(
            _t(
                "-o/--output 只能用于一个输入文件，且不能与 --diff 同用",
                "-o/--output takes exactly one input file, without --diff",
            )
        )
    fixed_files = applied = errors = 0
    for path in files:
        shown = visible(path)
        try:
            if path.lower().endswith(".docx") and not (output or in_place or show_diff):
                click.echo(
                    _t(
                        f"{shown}：已跳过：.docx 只修改为副本（-o OUT.docx），或加 --in-place 就地修改并保留备份",
                        f"{shown}: skipped: a .docx is fixed into a copy (-o OUT.docx) "
                        "or in place with a backup (--in-place)",
                    ),
                    err=True,
                )
                continue
            result = checker.fix_file(path, settings=settings, unsafe=unsafe_fixes, write=not show_diff, output=output)
            if result.output:
                done, left, target = len(result.applied), len(result.remaining), visible(result.output)
                click.echo(
                    _t(
                        f"{shown}：修改 {done} 处，余 {left} 处；已写入 {target}",
                        f"{shown}: {done} fixed, {left} left; wrote {target}",
                    ),
                    err=True,
                )
            if not result.changed:
                continue
            if show_diff:
                # document text and a file name, for a terminal: no control character goes raw
                click.echo(visible_lines(result.diff(name=visible(result.path))), nl=False)
            elif not result.output:
                kept = (
                    _t(f"（备份：{visible(result.backup)}）", f" (backup: {visible(result.backup)})")
                    if result.backup
                    else ""
                )
                click.echo(
                    _t(f"{shown}：修改 {len(result.applied)} 处{kept}", f"{shown}: {len(result.applied)} fixed{kept}"),
                    err=True,
                )
        except checker.NotWritable as error:
            click.echo(_t(f"{shown}：已跳过：{error}", f"{shown}: skipped: {error}"), err=True)
            continue
        except checker.FixError as error:
            errors += 1
            click.echo(f"{shown}: error: {error}", err=True)  # as `check` reports a file it cannot read
            continue
        except OSError as error:
            errors += 1
            click.echo(
                _t(
                    f"{shown}: error: 无法写入：{os_reason(error)}", f"{shown}: error: cannot write: {os_reason(error)}"
                ),
                err=True,
            )
            continue
        fixed_files += 1
        applied += len(result.applied)
    if applied:
        verb = "可修改" if show_diff else "已修改"
        click.echo(
            _t(
                f"{verb} {len(files)} 个文件中 {fixed_files} 个的 {applied} 处问题",
                f"{'would fix' if show_diff else 'fixed'} {applied} problems in {fixed_files} of {len(files)} files",
            ),
            err=True,
        )
    else:
        click.echo(_t(f"{len(files)} 个文件中没有可修改之处", f"nothing to fix in {len(files)} files"), err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if show_diff and applied else EXIT_OK)


@main.command(help_en='Write a copy of a .docx with one Word comment per finding (author "doccheck").')
@click.argument("path")
@option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    zh="把加了批注的副本写入 FILE（不能是输入文件本身）。",
    en="Write the commented copy to FILE (never the input itself).",
)
@option("--select", multiple=True, zh=_SELECT_ZH, en=_SELECT_EN)
@option("--ignore", multiple=True, zh=_IGNORE_ZH, en=_IGNORE_EN)
@_extend_select_option
@_extend_ignore_option
@_config_option
def annotate(
    path: str,
    output: str,
    select: Options,
    ignore: Options,
    extend_select: Options,
    extend_ignore: Options,
    config: str | None,
) -> None:
    """为 .docx 写一份副本，每个问题一条 Word 批注（作者为“doccheck”）。"""
    from checker.report.annotate import AnnotateError
    from checker.report.annotate import annotate as write_annotated
    from checker.report.escapes import visible

    settings = _settings((path,), config, Selection(select, ignore, extend_select, extend_ignore))
    try:
        findings = write_annotated(path, output, settings)
    except AnnotateError as error:
        raise click.ClickException(f"{visible(path)}: {visible(str(error))}") from None
    click.echo(
        _t(
            f"已写入 {visible(output)}，含 {len(findings)} 条批注",
            f"wrote {visible(output)} with {len(findings)} comments",
        ),
        err=True,
    )


@main.command(help_en="Write a commented starting doccheck.toml in FOLDER (default: here).")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@option("--force", is_flag=True, zh="覆盖已有的 doccheck.toml。", en="Replace an existing doccheck.toml.")
def init(folder: str, force: bool) -> None:
    """在 FOLDER（默认：当前目录）写一个带注释的初始 doccheck.toml（注释的语言随界面语言）。"""
    from checker.core.config import starter_config

    target = os.path.join(folder, "doccheck.toml")
    if os.path.exists(target) and not force:
        raise click.ClickException(
            _t(f"{target} 已存在（用 --force 覆盖）", f"{target} already exists (use --force to replace it)")
        )
    if not os.path.isdir(folder):
        raise click.ClickException(_t(f"{folder} 不是文件夹", f"{folder} is not a folder"))
    emit(starter_config(), target)
    click.echo(_t(f"已写入 {target}", f"wrote {target}"), err=True)


@main.command(help_en="Delete the reports kept between runs (the cache `doccheck check` reads; see --no-cache).")
def clean() -> None:
    """删除两次运行之间保留的报告（`doccheck check` 读取的缓存；另见 --no-cache）。"""
    try:
        count = checker.clean_cache()
    except OSError as error:
        raise click.ClickException(
            _t(f"无法删除缓存：{os_reason(error)}", f"cannot delete the cache: {os_reason(error)}")
        ) from None
    click.echo(_t(f"已删除 {count} 份缓存的报告", f"removed {count} cached reports"), err=True)


def _category_and_severity_names() -> tuple[dict[str, str], dict[str, str]]:
    from checker.report.labels import CATEGORY_NAMES, SEVERITY_NAMES

    return CATEGORY_NAMES, SEVERITY_NAMES


def _padded(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` terminal columns (a Chinese character takes two)."""
    from checker.report.formatters.text import width

    return text + " " * max(1, columns - width(text))


@main.command("rules", help_en="List every rule: code, name, category, severity and what it checks.")
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    zh="输出格式。",
    en="Output format.",
)
def list_rules(fmt: str) -> None:
    """列出全部规则：代码、名称、类别、默认级别和检查内容。"""
    import json

    rules = checker.list_rules()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "title": r.title,
                        "category": r.category,
                        "severity": r.severity,
                        "summary": r.summary,
                    }
                    for r in rules
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    english = language() == "en"
    categories, severities = _category_and_severity_names()
    for r in rules:
        if english:
            click.echo(f"{r.code:<6} {r.name:<32} {r.category:<12} {r.severity:<8} {r.summary}")
        else:
            click.echo(
                f"{r.code:<6} {_padded(r.title, 34)}{_padded(categories.get(r.category, r.category), 9)}"
                f"{_padded(severities[r.severity], 5)}{r.summary}"
            )


@main.command("profiles", help_en="List the built-in document profiles: name, document type, required parts.")
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    zh="输出格式。",
    en="Output format.",
)
def list_profiles(fmt: str) -> None:
    """列出内置的文种配置：名称、文种、必备部分。"""
    import json

    from checker.rules.profiles import builtin_profiles

    profiles = builtin_profiles().values()
    if fmt == "json":
        click.echo(json.dumps([p.model_dump(exclude={"source"}) for p in profiles], ensure_ascii=False, indent=2))
        return
    for p in profiles:
        required = "、".join(part.name for part in p.parts if part.required) or "-"
        click.echo(f"{p.name:<20} {_padded(p.type, 12)}{p.description}")
        if language() == "en":
            signed = (
                "required"
                if p.signature == "required"
                else "required (or a note under the title)"
                if p.issued == "signature-or-note"
                else "optional"
            )
            expected = "".join(f"; expected: {item.name}" for item in p.expected)
            click.echo(f"{'':<20} required parts: {required}; signature: {signed}{expected}")
        else:
            signed = (
                "必备"
                if p.signature == "required"
                else "必备（或以题注代替）"
                if p.issued == "signature-or-note"
                else "可选"
            )
            expected = "".join(f"；应有：{item.name}" for item in p.expected)
            click.echo(f"{'':<20} 必备部分：{required}；落款：{signed}{expected}")


_SECTION_TITLES = {"What it checks": "检查什么", "Why it matters": "为什么重要", "Example": "示例", "Fix": "怎样修改"}


@main.command(help_en="Print the documentation of a rule (by code or name).")
@click.argument("code")
def explain(code: str) -> None:
    """显示一条规则的说明（按代码或名称）。"""
    wanted = code.strip()
    found = next((r for r in checker.list_rules() if r.code == wanted.upper() or r.name == wanted), None)
    if found is None:
        raise click.ClickException(
            _t(f"没有规则 {code!r}；`doccheck rules` 列出全部规则", f"no rule {code!r}; `doccheck rules` lists them")
        )
    english = language() == "en"
    if english:
        click.echo(f"{found.code} {found.name}  [{found.category}, default severity: {found.severity}]")
    else:
        categories, severities = _category_and_severity_names()
        category, severity = categories.get(found.category, found.category), severities[found.severity]
        click.echo(f"{found.code} {found.title}（{found.name}）  [{category}，默认级别：{severity}]")
    click.echo("")
    click.echo(found.summary)
    for heading, body in found.docs.items():
        click.echo("")
        click.echo(f"## {heading if english else _SECTION_TITLES.get(heading, heading)}")
        click.echo(body)
    if found.fix_safety:
        click.echo("")
        safety = {"safe": "安全", "unsafe": "不安全"}.get(found.fix_safety, found.fix_safety)
        click.echo(f"Fix safety: {found.fix_safety}" if english else f"修改的安全性：{safety}")
    click.echo("")
    click.echo(("Message: " if english else "提示信息：") + " / ".join(found.messages))


@main.command(help_en="Run the review workbench (browser) and the HTTP API.")
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    zh="监听的地址；回环地址以外的地址必须使用令牌。",
    en="Address to listen on; any other than the loopback one requires a token.",
)
@option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, zh="监听的端口。", en="Port to listen on."
)
@option(
    "--token",
    zh="每个请求都必须携带的令牌（--host 需要令牌而未给出时，自动生成并打印）。",
    en="Token every request must carry (made up and printed when --host needs one).",
)
@option(
    "--database",
    zh="保存审核决定和接受列表的 SQLAlchemy URL（默认：用户数据目录中的 SQLite）。",
    en="SQLAlchemy URL of the decisions and accept list (default: SQLite in the user data folder).",
)
@_config_option
@option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    zh="同时运行的检查数（进程）。",
    en="Checks that run at once (processes).",
)
@option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    zh="一次检查最多用的秒数，超时的请求得到 408。",
    en="Seconds one check may take before the request gets 408.",
)
@option(
    "--max-upload",
    type=click.FloatRange(min=0.01),
    default=20.0,
    show_default=True,
    zh="上传文件的大小上限，单位 MB。",
    en="Largest upload, in MB.",
)
def serve(
    host: str,
    port: int,
    token: str | None,
    database: str | None,
    config: str | None,
    workers: int | None,
    timeout: float,
    max_upload: float,
) -> None:
    """运行审核工作台（浏览器）和 HTTP API。"""
    try:
        from checker.serve.config import ServeConfig
        from checker.serve.server import run
    except ImportError as error:
        raise click.ClickException(
            f"doccheck serve 需要可选依赖：pip install 'doccheck[serve]'（缺少 {error.name}）"
        ) from None
    if config is not None and not os.path.isfile(config):
        raise click.BadParameter(f"配置文件 {config} 不存在", param_hint="--config")
    options = {"workers": workers} if workers else {}
    run(
        ServeConfig(
            host=host,
            port=port,
            token=token,
            database=database,
            config_file=config,
            timeout=timeout,
            max_upload_bytes=int(max_upload * 1024 * 1024),
            **options,
        )
    )


@main.command(help_en="Run the language server on standard input and output (for editors).")
def lsp() -> None:
    """在标准输入输出上运行语言服务器（供编辑器使用）。"""
    try:
        from checker.lsp import server
    except ImportError as error:
        raise click.ClickException(
            f"语言服务器需要 pygls 和 lsprotocol：pip install 'doccheck[lsp]'（{error}）"
        ) from None
    server.serve()


if __name__ == "__main__":  # pragma: no cover
    main()
