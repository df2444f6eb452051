"""Apply the fixes that findings carry, and write the file back as it was written.

A fix replaces a span of the checked text. :func:`choose_fixes` keeps the safe
ones (and the unsafe ones when asked), and resolves overlaps deterministically:
fixes are taken in order of (start, end, replacement, code) and one that overlaps
a fix already taken (or inserts at the same point) waits for the next pass.
:func:`plan_fix` checks, fixes and checks again until nothing is left to fix (at
most ``MAX_PASSES`` times), so a second run has nothing to do.

Fixes are applied to the file's own text, not to the checked one: a reader that
extracts text (Markdown: markup removed, wrapped lines joined) maps each checked
character back to a line and column of the file, and a fix is carried over only
when its whole span maps one-to-one and the file holds the very same characters
there (otherwise it is left for the author): the whole run of text the fix lies in,
not only the characters under it, so that an insertion (which covers none) cannot
land in the wrong place. Each pass re-reads the fixed bytes through the same reader
and must get exactly the checked text with the fixes applied; a fix that gives
anything else is dropped, and a file whose fixes never settle (a pass that would
change it again after ``MAX_PASSES``) is not written at all. Every line keeps its original ending (CRLF, LF, even a
mixture), the encoding and byte-order mark are kept, and the text must encode back
to exactly the bytes read before a write is attempted. :func:`write_fix` writes
atomically (a temporary file in the same folder, then a rename; the permissions
kept) and refuses when the file no longer holds the bytes it was fixed from.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from checker.core import files
from checker.core.config import Settings
from checker.core.models import Finding, Fix
from checker.load.source import Source
from checker.run.fix_errors import FileChanged, FixError, NotWritable

MAX_PASSES = 10
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# -- choosing and applying fixes ------------------------------------------------------
def choose_fixes(
    findings: list[Finding], unsafe: bool = False, writable: Callable[[Fix], bool] | None = None
) -> list[Fix]:
    """The fixes to apply in one pass: allowed by safety, no two overlapping; with
    ``writable``, only fixes it accepts (one the file cannot take must not keep
    the fixes it overlaps waiting for ever)."""
    candidates = sorted(
        (
            (f.fix, f.code)
            for f in findings
            if f.fix is not None and (unsafe or f.fix.safety == "safe") and (writable is None or writable(f.fix))
        ),
        key=lambda item: (item[0].start, item[0].end, item[0].replacement, item[1]),
    )
    chosen: list[Fix] = []
    for fix, _code in candidates:
        if chosen and (fix.start < chosen[-1].end or fix.start == chosen[-1].start):
            continue
        chosen.append(fix)
    return chosen


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """``text`` with non-overlapping ``fixes`` (sorted by start) applied."""
    pieces, cursor = [], 0
    for fix in fixes:
        pieces.append(text[cursor : fix.start])
        pieces.append(fix.replacement)
        cursor = fix.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# -- the file's own text ----------------------------------------------------------------
# The kinds of file a fix is not written back to, as a drafter names them.
_KIND_NAMES = {
    "html": "网页（HTML）",
    "pdf": "PDF 文件",
    "doc": "旧版 Word（.doc）文件",
    "wps": "WPS（.wps）文件",
    "ofd": "OFD 文件",
    "docx": "Word 文件",
}


@dataclass
class FileText:
    """The decoded file as written (original line endings) and how to encode it back."""

    bom: bytes
    encoding: str
    text: str  # decoded, original line endings, without the BOM
    newline: str

    @classmethod
    def of(cls, source: Source) -> FileText:
        raw = source.raw
        if raw is None or source.kind not in ("text", "markdown"):
            kind = _KIND_NAMES.get(source.kind, source.kind)
            raise NotWritable(f"只有文本、Markdown 和 Word（.docx）文件能写回修改，{kind}不能")
        bom, encoding = b"", source.encoding or "utf-8"
        for mark, name in _BOMS:
            if source.bom and raw.startswith(mark):
                bom, encoding = mark, name
                break
        try:
            text = raw[len(bom) :].decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise FixError(f"cannot decode the file again as {encoding}") from None
        file_text = cls(bom, encoding, text, source.newline or "\n")
        # Only write what would give back exactly the bytes read.
        if file_text.encode(text) != raw or (source.locate is None and normalise(text) != source.text):
            raise FixError(f"the file does not encode back to the same bytes as {encoding}; not fixed")
        return file_text

    def carry_over(self, source: Source, fixes: list[Fix]) -> list[tuple[Fix, Fix]]:
        """``fixes`` (offsets in ``source.text``) paired with the same fixes in offsets
        of this file's normalised text; those that do not map one-to-one onto the very
        same characters, or would change nothing, are dropped. No two overlap."""
        text = normalise(self.text)
        line_starts = [0] + [at + 1 for at, ch in enumerate(text) if ch == "\n"]
        carried = []
        for fix in fixes:
            span = _file_span(source, fix, line_starts, text)
            if span is None or fix.replacement == source.text[fix.start : fix.end]:
                continue
            start, end = span
            carried.append((fix, Fix.at(start=start, end=end, replacement=fix.replacement, safety=fix.safety)))
        carried.sort(key=lambda pair: (pair[1].start, pair[1].end))
        kept: list[tuple[Fix, Fix]] = []
        for pair in carried:
            if kept and (pair[1].start < kept[-1][1].end or pair[1].start == kept[-1][1].start):
                continue
            kept.append(pair)
        return kept

    @property
    def data(self) -> bytes:
        return self.encode(self.text)

    def render(self, pairs: list[tuple[Fix, Fix]]) -> bytes:
        """The file's bytes with ``pairs`` applied."""
        return self.encode(self.applied([pair[1] for pair in pairs]))

    def accept(self, pairs: list[tuple[Fix, Fix]], data: bytes) -> None:
        self.text = self.applied([pair[1] for pair in pairs])

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as error:
            raise FixError(
                f"the fixed text has {error.object[error.start : error.end]!r}, "
                f"which {self.encoding} cannot encode; not fixed"
            ) from None

    def applied(self, fixes: list[Fix]) -> str:
        """The file's text with ``fixes`` (offsets of the normalised text) applied."""
        crlf = _crlf_offsets(self.text)
        pieces, cursor = [], 0
        for fix in fixes:
            start = fix.start + bisect.bisect_left(crlf, fix.start)
            end = fix.end + bisect.bisect_left(crlf, fix.end)
            pieces.append(self.text[cursor:start])
            pieces.append(fix.replacement.replace("\n", self.newline))
            cursor = end
        pieces.append(self.text[cursor:])
        return "".join(pieces)


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _file_span(source: Source, fix: Fix, line_starts: list[int], text: str) -> tuple[int, int] | None:
    """Where ``fix`` lies in the file's normalised ``text``, if its span maps one-to-one
    and the file holds, at the mapped place, every character of the piece it lies in."""
    if source.locate is None:  # the checked text is the file's text
        return fix.start, fix.end
    piece_at = getattr(source.locate, "piece_at", None)
    if piece_at is None:
        return None
    piece = piece_at(fix.start)
    if piece is None or "column" not in piece.advance or "line" not in piece.place:
        return None
    own_end = piece.start + piece.length
    piece_end = own_end
    if source.text[piece_end : piece_end + 1] == "\n":
        piece_end += 1  # the line break after a piece (a removed line takes it along)
    if not piece.start <= fix.start <= fix.end <= piece_end:
        return None  # the span crosses into another piece (joined lines, removed markup)
    place = source.locate(piece.start)
    line, column = place.get("line"), place.get("column")
    if not isinstance(line, int) or not isinstance(column, int) or not 1 <= line <= len(line_starts):
        return None
    piece_start_in_file = line_starts[line - 1] + column - 1
    # The file holds the piece's characters; its line break only where the fix takes
    # it, since a reader leaves out white space at the end of a line before the break.
    seen = source.text[piece.start : piece_end if fix.end > own_end else own_end]
    if text[piece_start_in_file : piece_start_in_file + len(seen)] != seen:
        return None  # the source map is off here: the fix could land anywhere
    start = piece_start_in_file + fix.start - piece.start
    return start, start + fix.end - fix.start


def _crlf_offsets(text: str) -> list[int]:
    """Offsets, in the normalised text, of the line breaks that are CRLF in the file."""
    offsets, removed = [], 0
    at = text.find("\r\n")
    while at >= 0:
        offsets.append(at - removed)
        removed += 1
        at = text.find("\r\n", at + 2)
    return offsets


# -- planning and writing ---------------------------------------------------------------
@dataclass
class FixPlan:
    path: str
    source: Source  # as read: its raw bytes are what the file must still hold
    fixed_text: str  # the file's text after the fixes, line endings normalised
    data: bytes  # what the file will be
    fixed: list[Finding]  # the findings whose fixes were applied, pass after pass
    remaining: list[Finding]  # the findings of the fixed text
    original_text: str = ""  # the file's text before, line endings normalised

    @property
    def applied(self) -> int:
        """Fixes applied over all passes."""
        return len(self.fixed)

    @property
    def changed(self) -> bool:
        return self.data != self.source.raw

    def texts(self) -> tuple[str, str]:
        """The file's text before and after the fixes, in its own line endings (no byte-order mark);
        a .docx's checked text (tracked changes accepted)."""
        if self.source.kind == "docx":
            return self.original_text, self.fixed_text
        before = FileText.of(self.source)
        return before.text, self.data[len(before.bom) :].decode(before.encoding)

    def diff(self) -> str:
        return unified_diff(self.path, self.original_text, self.fixed_text)


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as the checked text has them: ended by "\\n" only (``splitlines``
    would also end one at a form feed or a separator character the document holds)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def unified_diff(path: str, before: str, after: str) -> str:
    """The change from ``before`` to ``after`` (both with "\\n" line ends) as ``diff -u`` shows it."""
    lines = difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def plan_fix(path: str, settings: Settings | None = None, unsafe: bool = False) -> FixPlan:
    """Read ``path``, fix it in memory until no fix is left; nothing is written.

    Raises :class:`FixError` when the fixes do not settle within ``MAX_PASSES``.
    """
    from checker.load.readers import LoadError, read_source

    settings = (settings or Settings.defaults()).for_path(path)
    try:
        original = read_source(path, settings.max_file_size)
    except LoadError as error:
        raise FixError(str(error)) from None
    return plan_source_fix(original, settings, unsafe)


class FixTarget(Protocol):
    """The file being fixed, pass after pass: a text file's own text (:class:`FileText`)
    or a Word document taking fixes as tracked changes (``docx_revisions.WordTarget``)."""

    @property
    def data(self) -> bytes: ...

    def carry_over(self, source: Source, fixes: list[Fix]) -> list[tuple[Fix, Fix]]: ...

    def render(self, pairs: list[tuple[Fix, Fix]]) -> bytes: ...

    def accept(self, pairs: list[tuple[Fix, Fix]], data: bytes) -> None: ...


def plan_source_fix(original: Source, settings: Settings, unsafe: bool = False) -> FixPlan:
    """Fix the text a reader made of ``original.raw`` (read again by the reader of
    ``original.path`` after each pass) until no fix is left; nothing is written.
    ``settings`` are used as given (already those of the file), except the limit on the
    findings of one rule listed: every fix is applied, however many a rule offers. A .docx
    takes the fixes as tracked changes, and the findings left as comments."""
    from checker.run.engine import check_source

    if settings.max_findings_per_rule:
        settings = settings.model_copy(update={"max_findings_per_rule": 0})
    checked = original
    target: FixTarget
    if original.kind == "docx" and original.raw is not None:
        from checker.run.docx_revisions import WordTarget

        target = WordTarget(original.raw)
        before = original.text
    else:
        file_text = FileText.of(original)
        target, before = file_text, normalise(file_text.text)
    fixed: list[Finding] = []
    for _ in range(MAX_PASSES):
        findings = check_source(checked, settings).findings
        writable = getattr(target, "writable", None)
        pairs = target.carry_over(checked, choose_fixes(findings, unsafe, writable(checked) if writable else None))
        if not pairs:
            break
        step = _verified_step(original.path, target, checked, pairs)
        if step is None:
            break
        data, checked, kept = step
        target.accept(kept, data)
        by_fix = {id(finding.fix): finding for finding in findings if finding.fix is not None}
        fixed.extend(by_fix[id(pair[0])] for pair in kept)
    else:
        raise FixError(f"修复经过 {MAX_PASSES} 轮仍未收敛（每次修复后又出现新的修复），为安全起见未写入任何修改")
    if isinstance(target, FileText):
        return FixPlan(original.path, original, normalise(target.text), target.data, fixed, findings, before)
    from checker.run.docx_revisions import WordTarget

    assert isinstance(target, WordTarget)
    data = target.finish(original, findings, fixed=bool(fixed))
    return FixPlan(original.path, original, checked.text, data, fixed, findings, before)


def _verified_step(
    path: str, target: FixTarget, checked: Source, pairs: list[tuple[Fix, Fix]]
) -> tuple[bytes, Source, list[tuple[Fix, Fix]]] | None:
    """Apply ``pairs`` to the file and read it again: the reader must give exactly the
    checked text with the fixes applied. When it does not, each fix is tried alone and
    those that break it (a source map that is off, a replacement that changes the
    Markdown around it) are dropped. Returns (the new file's bytes, the new checked
    source, the pairs applied), or None when no fix survives."""
    step = _reread_matches(path, target, checked, pairs)
    if step is None:
        pairs = [pair for pair in pairs if _reread_matches(path, target, checked, [pair]) is not None]
        if not pairs:
            return None
        step = _reread_matches(path, target, checked, pairs)
        if step is None:
            raise FixError("修复之间相互影响，重新读取后的文本与预期不符，为安全起见未写入任何修改")
    return step[0], step[1], pairs


def _reread_matches(
    path: str, target: FixTarget, checked: Source, pairs: list[tuple[Fix, Fix]]
) -> tuple[bytes, Source] | None:
    """The fixed file and how the reader reads it, if it reads as expected; else None."""
    from checker.load.readers import LoadError, read_data

    expected = apply_fixes(checked.text, sorted((pair[0] for pair in pairs), key=lambda fix: fix.start))
    data = target.render(pairs)
    try:
        reread = read_data(path, data)
    except LoadError as error:
        raise FixError(f"the fixed text could not be read again: {error}") from None
    return (data, reread) if reread.text == expected else None


def fix_one(source: Source, fix: Fix) -> str | None:
    """The file's text (its own line endings, no byte-order mark) with ``fix`` — offsets
    in ``source.text`` — applied alone, as a pass of :func:`plan_source_fix` would apply
    it: carried onto the file's text and read back to exactly the expected text. None
    when it cannot be (its span crosses markup or joined lines, it changes nothing, or
    the reader would read something else); a quick fix in an editor, not a whole fix run."""
    file_text = FileText.of(source)
    pairs = file_text.carry_over(source, [fix])
    if not pairs or _reread_matches(source.path, file_text, source, pairs) is None:
        return None
    return file_text.applied([pairs[0][1]])


def write_fix(plan: FixPlan, output: str | None = None) -> bool:
    """Write the fixed file over the original if it changed (refused if the file changed
    since it was read), or to ``output`` (another file, written even if nothing changed)."""
    if output is not None:
        if os.path.exists(output) and os.path.samefile(output, plan.path):
            raise FixError("输出文件不能是原文件：要改写原文件请用 --in-place（会先保留一份备份）")
        files.write_atomically(output, plan.data)
        return True
    if not plan.changed:
        return False
    try:
        files.write_atomically(plan.path, plan.data, expected=plan.source.raw)
    except files.FileChanged as error:
        raise FileChanged(str(error)) from None
    return True


def write_backup(plan: FixPlan) -> str:
    """Keep the file as it was read beside it (``名.bak.docx``, ``名.bak-2.docx`` … the
    first name not taken: an earlier backup is never overwritten); its path."""
    stem, suffix = os.path.splitext(plan.path)
    for number in range(1, 1000):
        candidate = f"{stem}.bak{'' if number == 1 else f'-{number}'}{suffix}"
        if not os.path.lexists(candidate):
            assert plan.source.raw is not None
            files.write_atomically(candidate, plan.source.raw)
            return candidate
    raise FixError(f"{stem}.bak*{suffix} 已有 999 个备份，请先清理后再修复")
