"""The corrected document: the fixes a reviewer accepted, or every safe fix, applied
to the bytes that were uploaded, never to a file on disk.

Text and Markdown are written back in their own encoding, byte-order mark and line
endings by the fixer's :class:`~checker.run.fixer.FileText` (a fix is carried over to
the file only where the reader's text maps one-to-one onto it). A Word document gets
each fix as a tracked change (:class:`~checker.run.docx_revisions.WordTarget`), so the
author accepts or rejects them in Word. PDF and web pages are not rewritten: for them
the corrected document is the checked text with the fixes applied, as UTF-8.
"""

from __future__ import annotations

import os
from typing import Any

import checker
from checker.load.readers import LoadError, read_data
from checker.run.fixer import FileText, FixError, apply_fixes, plan_source_fix
from checker.serve.errors import JobError

TEXT_KINDS = ("text", "markdown")
WRITTEN_BACK = (*TEXT_KINDS, "docx")  # kinds whose corrected document is the same kind of file


def finding_id(finding: checker.Finding) -> str:
    return f"{finding.code}:{finding.start}:{finding.end}"


def corrected_name(name: str, kind: str) -> str:
    stem, suffix = os.path.splitext(os.path.basename(name) or "document.txt")
    return f"{stem}.corrected{suffix}" if kind in WRITTEN_BACK else f"{stem}.corrected.txt"


def _source(name: str, data: bytes, max_chars: int) -> Any:
    try:
        source = read_data(name, data, 0)
    except LoadError as error:
        raise JobError(422, "unreadable", f"无法读取该文件：{error}") from None
    if len(source.text) > max_chars:
        raise JobError(
            413, "too_many_characters", f"文档过长：{len(source.text)} 个字符，超过每次请求 {max_chars} 个字符的上限"
        )
    return source


def _applied(findings: list[checker.Finding]) -> list[dict[str, Any]]:
    return [
        {
            "id": finding_id(f),
            "code": f.code,
            "message": f.message,
            "excerpt": f.excerpt,
            "replacement": f.fix.replacement if f.fix else None,
        }
        for f in findings
    ]


def _result(
    name: str, kind: str, encoding: str, data: bytes, text: str, applied: list[checker.Finding]
) -> dict[str, Any]:
    return {
        "name": corrected_name(name, kind),
        "encoding": encoding,
        "data": data,
        "text": text,
        "applied": _applied(applied),
    }


def fix_all(name: str, data: bytes, settings: checker.Settings, unsafe: bool, max_chars: int) -> dict[str, Any]:
    source = _source(name, data, max_chars)
    if source.kind in WRITTEN_BACK:
        try:
            plan = plan_source_fix(source, settings.for_path(name), unsafe)
        except FixError as error:
            raise JobError(422, "not_fixable", f"无法修复：{error}") from None
        return _result(name, source.kind, source.encoding or "utf-8", plan.data, plan.fixed_text, plan.fixed)
    try:
        result = checker.fix_text(source.text, path=f"{name}.txt", settings=settings, unsafe=unsafe)
    except checker.FixError as error:
        raise JobError(422, "not_fixable", f"无法修复：{error}") from None
    return _result(name, source.kind, "utf-8", result.text.encode("utf-8"), result.text, list(result.applied))


def apply_chosen(
    name: str, data: bytes, settings: checker.Settings, chosen: set[str], max_chars: int
) -> dict[str, Any]:
    """One pass with exactly the fixes of the findings in ``chosen`` (ids as the check
    reported them); a finding that is no longer there, or whose fix overlaps one taken
    before it, is left out and not reported as applied."""
    source = _source(name, data, max_chars)
    findings = checker.check_bytes(data, path=name, settings=settings).files[0].findings
    taken: list[checker.Finding] = []
    for finding in sorted(
        (f for f in findings if f.fix is not None and finding_id(f) in chosen),
        key=lambda f: (f.fix.start, f.fix.end) if f.fix else (0, 0),
    ):
        assert finding.fix is not None
        if taken and taken[-1].fix is not None and finding.fix.start < taken[-1].fix.end:
            continue
        taken.append(finding)
    fixes = [f.fix for f in taken if f.fix is not None]
    if source.kind == "docx":
        return _tracked_changes(name, data, source, taken, fixes)
    if source.kind not in TEXT_KINDS:
        text = apply_fixes(source.text, fixes)
        return _result(name, source.kind, "utf-8", text.encode("utf-8"), text, taken)
    try:
        file_text = FileText.of(source)
        pairs = file_text.carry_over(source, fixes)
        text = file_text.applied([pair[1] for pair in pairs])
        encoded = file_text.encode(text)
    except FixError as error:
        raise JobError(422, "not_fixable", f"无法按原编码写回修改：{error}") from None
    carried = {id(pair[0]) for pair in pairs}
    applied = [f for f in taken if id(f.fix) in carried]
    return _result(name, source.kind, file_text.encoding, encoded, text, applied)


def _tracked_changes(
    name: str, data: bytes, source: Any, taken: list[checker.Finding], fixes: list[checker.Fix]
) -> dict[str, Any]:
    """The .docx with each chosen fix as a tracked change; a fix that cannot be written
    as one (over a list number, a tab, two paragraphs) is left out."""
    from checker.run.docx_revisions import WordTarget

    target = WordTarget(data)
    try:
        pairs = target.carry_over(source, fixes)
        written = target.render(pairs) if pairs else data
    except FixError as error:
        raise JobError(422, "not_fixable", f"无法写成 Word 修订：{error}") from None
    carried = {id(pair[0]) for pair in pairs}
    applied = [f for f in taken if id(f.fix) in carried]
    return _result(name, "docx", "utf-8", written, apply_fixes(source.text, [pair[0] for pair in pairs]), applied)
