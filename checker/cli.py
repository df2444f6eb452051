"""The ``doccheck`` command line: parse options, call the library, set the exit status.

Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
2 a usage error or a file that could not be checked.
"""
from __future__ import annotations

import os
import sys
import tempfile
from typing import Optional

import click

from checker import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    """--select A,B --select C → [A, B, C]"""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _check_selectors(selectors: list[str], option: str) -> None:
    from checker.models import CATEGORY_PREFIX
    from checker.registry import load_rules, matches

    rules = list(load_rules().values())
    for selector in selectors:
        if selector in CATEGORY_PREFIX or selector.upper() == "ALL":
            continue
        if not any(matches(rule_, selector) for rule_ in rules):
            raise click.BadParameter(f"no rule, prefix or category matches {selector!r}", param_hint=option)


def write_output(path: str, content: str | bytes) -> None:
    """Write atomically: a reader never sees half a report, a failure leaves the old file."""
    folder = os.path.dirname(os.path.abspath(path))
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".doccheck-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def emit(content: str | bytes, output: Optional[str]) -> None:
    if output and output != "-":
        try:
            write_output(output, content)
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        click.echo(content, nl=False)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException as error:
            error.exit_code = EXIT_ERROR
            raise
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="doccheck")
def main() -> None:
    """doccheck — consistency and compliance checker for Chinese official documents (公文)."""


def _format_names() -> list[str]:
    from checker.formatters import FORMATS

    return list(FORMATS)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(_format_names()), help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes, categories or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes, categories or names.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="warning",
              show_default=True, help="Exit 1 when a finding of this severity or higher is reported.")
@click.option("--profile", help="Document profile to check against (overrides detection).")
@click.option("--max-file-size", type=click.FloatRange(min=0), default=20.0, show_default=True,
              help="Largest file to read, in MB (0: no limit).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
def check(paths, fmt, output, select, ignore, fail_on, profile, max_file_size, color) -> None:
    """Check documents (files, or directories walked for .txt and .md)."""
    from checker.config import Settings
    from checker.engine import check_paths
    from checker.formatters import render

    selected, ignored = _split(select), _split(ignore)
    _check_selectors(selected, "--select")
    _check_selectors(ignored, "--ignore")
    settings = Settings(
        select=selected or ["ALL"],
        ignore=ignored,
        fail_on=fail_on,
        profile=profile,
        max_file_size=int(max_file_size * 1024 * 1024),
    )
    report = check_paths(paths, settings)
    if color is None:
        color = fmt == "text" and not output and sys.stdout.isatty()
    emit(render(report, fmt, color=color), output)
    if any(file.error for file in report.files):
        if fmt != "text":  # the text report already says it on stdout
            for file in report.files:
                if file.error:
                    click.echo(f"{file.path}: error: {file.error}", err=True)
        sys.exit(EXIT_ERROR)
    failing = any(settings.fails(f.severity) for file in report.files for f in file.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt) -> None:
    """List every rule: code, name, category, severity and what it checks."""
    import json

    from checker.registry import load_rules

    rules = load_rules().values()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                                "severity": r.severity.value, "summary": r.summary} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    for r in rules:
        click.echo(f"{r.code:<6} {r.name:<32} {r.category:<12} {r.severity.value:<8} {r.summary}")


@main.command()
@click.argument("code")
def explain(code) -> None:
    """Print the documentation of a rule (by code or name)."""
    from checker.registry import get_rule

    found = get_rule(code)
    if found is None:
        raise click.ClickException(f"no rule {code!r}; `doccheck rules` lists them")
    click.echo(f"{found.code} {found.name}  [{found.category}, default severity: {found.severity.value}]")
    click.echo("")
    click.echo(found.summary)
    for heading, body in found.sections().items():
        click.echo("")
        click.echo(f"## {heading}")
        click.echo(body)
    if found.fix_safety:
        click.echo("")
        click.echo(f"Fix safety: {found.fix_safety}")
    click.echo("")
    click.echo("Message: " + " / ".join(found.messages.values()))


if __name__ == "__main__":  # pragma: no cover
    main()
