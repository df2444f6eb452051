"""The fixes a report offers, listed as ``doccheck check --show-fixes`` shows them.

One block per file, one line per fix, in the order of the text: where it is, the rule,
and what changes (the text replaced → its replacement). Like ruff's ``--show-fixes``
it lists what ``doccheck fix`` would apply: the safe fixes, and the unsafe ones too
when ``unsafe`` (``--unsafe-fixes``); the unsafe ones left out are counted.
"""

from __future__ import annotations

from checker.core.i18n import text as _t
from checker.core.models import Report
from checker.report.escapes import visible

_SHOWN = 40  # characters of a replaced or replacing text shown before an ellipsis


def _quoted(text: str) -> str:
    shown = visible(text[:_SHOWN]) + ("…" if len(text) > _SHOWN else "")
    return f"“{shown}”"


def render_fixes(report: Report, unsafe: bool = False) -> str:
    lines: list[str] = []
    withheld = 0
    for file in report.files:
        entries = []
        for finding in sorted(file.findings, key=lambda f: (f.fix.start, f.fix.end) if f.fix else (0, 0)):
            fix = finding.fix
            if fix is None:
                continue
            if fix.safety == "unsafe" and not unsafe:
                withheld += 1
                continue
            before = file.text[fix.start : fix.end] if file.text is not None else ""
            change = (
                f"{_quoted(before)} → {_quoted(fix.replacement)}"
                if before and fix.replacement
                else _t(f"删除 {_quoted(before)}", f"delete {_quoted(before)}")
                if before
                else _t(f"插入 {_quoted(fix.replacement)}", f"insert {_quoted(fix.replacement)}")
            )
            safety = "" if fix.safety == "safe" else _t("（不安全）", " (unsafe)")
            entries.append(f"    {finding.line}:{finding.column} {finding.code} {change}{safety}")
        if entries:
            lines.append(f"- {visible(file.path)}:")
            lines.extend(entries)
    count = sum(1 for line in lines if line.startswith("    "))
    command = "doccheck fix --unsafe-fixes" if unsafe else "doccheck fix"
    head = (
        _t(f"`{command}` 会应用 {count} 处修改：", f"`{command}` would apply {count} fixes:")
        if count
        else _t("没有可应用的修改", "no fix to apply")
    )
    tail = (
        [
            _t(
                f"另有 {withheld} 处不安全的修改未列出（加 --unsafe-fixes 列出）",
                f"{withheld} unsafe fixes not listed (add --unsafe-fixes to list them)",
            )
        ]
        if withheld
        else []
    )
    return "\n".join([head, *lines, *tail]) + "\n"
