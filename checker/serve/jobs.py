"""What a worker process does for a request: check a document, fix it, through the
library API. Every function takes and returns plain values (they cross a pipe)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import checker
from checker.serve.errors import JobError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# a document the workers check once when they start, so that the first request does
# not pay for loading the rules, the word lists and the segmenter
_WARM_UP_TEXT = "关于做好防汛工作的通知\n一、总体要求\n全年收入760亿元，其中税收420亿元，非税收入350亿元。\n"


def warm_up() -> None:
    checker.check_text(_WARM_UP_TEXT, path="warm-up.txt")
    checker.list_rules()


def settings_for(options: dict[str, Any], config_file: str | None, near: str) -> checker.Settings:
    """Settings as ``doccheck check`` builds them from these options (names checked)."""
    try:
        return checker.load_settings(
            config_file,
            near=near,
            select=options.get("select") or None,
            ignore=options.get("ignore") or None,
            fail_on=options.get("fail_on"),
            profile=options.get("profile"),
            max_file_size=0,
        )
    except checker.SettingsError as error:
        option = f"选项 {error.option}：" if error.option else ""
        raise JobError(400, "bad_option", f"{option}{error}") from None


def check(
    name: str, data: bytes, options: dict[str, Any], config_file: str | None, near: str, max_chars: int
) -> dict[str, Any]:
    """The JSON report of one document, with the text its findings' offsets refer to."""
    from checker.report.formatters import render

    settings = settings_for(options, config_file, near)
    report = checker.check_bytes(data, path=name, settings=settings)
    file = report.files[0]
    if file.text is not None and len(file.text) > max_chars:
        raise JobError(
            413, "too_many_characters", f"文档过长：{len(file.text)} 个字符，超过每次请求 {max_chars} 个字符的上限"
        )
    return {"report": json.loads(render(report, "json")), "text": file.text, "encoding": file.encoding}


def fix(
    name: str,
    data: bytes,
    options: dict[str, Any],
    config_file: str | None,
    near: str,
    max_chars: int,
    chosen: list[str] | None,
) -> dict[str, Any]:
    """The document with fixes applied: every safe fix (and the unsafe ones with the
    option ``unsafe``) pass after pass as ``doccheck fix`` does, or, when ``chosen``
    lists finding ids (``CODE:start:end``), exactly those findings' fixes. Text and
    Markdown keep their encoding; other kinds give the corrected text as UTF-8."""
    from checker.serve.fixing import apply_chosen, fix_all

    settings = settings_for(options, config_file, near)
    if chosen is None:
        return fix_all(name, data, settings, bool(options.get("unsafe")), max_chars)
    return apply_chosen(name, data, settings, set(chosen), max_chars)


JOBS: dict[str, Callable[..., Any]] = {"check": check, "fix": fix}


def worker_main(connection: Connection) -> None:
    """A worker process: warm up, say so, then answer ``(job, arguments)`` messages
    with ``("ok", result)`` or ``("error", status, code, message)`` until the pipe closes."""
    warm_up()
    connection.send(("ready",))
    while True:
        try:
            name, args = connection.recv()
        except (EOFError, OSError):  # the server is gone
            return
        try:
            reply: tuple[Any, ...] = ("ok", JOBS[name](*args))
        except JobError as error:
            reply = ("error", error.status, error.code, error.message)
        except Exception as error:  # a bug in a check must not take the worker down
            reply = ("error", 500, "internal_error", f"检查时出现内部错误：{type(error).__name__}")
        connection.send(reply)
