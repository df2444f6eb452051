"""Fixes written into a .docx as Word revisions, and findings as Word comments.

A :class:`WordEdit` is one parsed copy of a .docx whose paragraphs are walked as the
reader walks them (:func:`checker.load.readers.docx.word_paragraphs`), so an offset of
the checked text names the same character here. :meth:`WordEdit.replace` writes a
fix as a tracked change by ``AUTHOR``: the characters it replaces are cut out of
their runs (a run split at the fix's edges keeps its formatting on every piece) and
wrapped in ``w:del``, one per run piece, and the replacement follows in one ``w:ins``
whose run copies the formatting of the first replaced (or the preceding) character.
Accepting every change gives the fixed text, rejecting every change gives the file
as it was. :meth:`WordEdit.comment` anchors a comment on exactly a finding's
characters. Only characters of ``w:t`` are replaced: a fix over a list number, a
tab, or two paragraphs is refused (``replace`` returns False) and left to the author.
"""

from __future__ import annotations

import bisect
import copy
import datetime
import difflib
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from checker.core.models import Finding, Fix
from checker.load.readers.docx import open_document, story_parts, word_paragraphs
from checker.load.readers.docx_text import Span, W, checked_text, reread, w
from checker.load.source import Source
from checker.run.fix_errors import FixError

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

AUTHOR = "doccheck"


def _ids(story: Element) -> list[str]:
    """Every ``w:id`` under ``story`` (revisions, comments, bookmarks share one numbering)."""
    from lxml import etree

    found = etree.XPath(".//@w:id", namespaces={"w": W})(story)
    return [str(value) for value in found] if isinstance(found, list) else []


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class WordEdit:
    """A .docx being edited, addressed by offsets of its checked text (tracked changes accepted)."""

    def __init__(self, data: bytes, date: datetime.datetime | None = None, first_id: int | None = None) -> None:
        self.document = open_document(data)
        moment = date or datetime.datetime.now(datetime.timezone.utc)
        self.date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        # the stories a change or a comment can be written into: the body, notes, headers, footers
        self.stories = [self.document.element.body] + [root for _, root in story_parts(self.document)]
        # the id the next revision takes; found (a walk of every attribute) only when one is written
        self.next_id = first_id
        self.rewalk()

    def rewalk(self) -> None:
        """Walk the document's paragraphs again (after its runs were edited and saved: the
        next pass addresses the text as it now reads)."""
        self.paragraphs = word_paragraphs(self.document)
        self.text, self.starts = checked_text(self.paragraphs)

    def original_text(self) -> str:
        """The document's checked text as it reads with every tracked change rejected."""
        return checked_text(word_paragraphs(self.document, "original"))[0]

    def has_revisions(self) -> bool:
        """Whether any story holds a tracked insertion, deletion or move (without them
        the document reads the same with its changes accepted and rejected)."""
        tags = (w("ins"), w("del"), w("moveFrom"), w("moveTo"))
        return any(next(story.iter(*tags), None) is not None for story in self.stories)

    def _first_free_id(self) -> int:
        return 1 + max(
            (
                int(value)
                for story in self.stories
                for value in _ids(story)
                if value.isascii() and value.isdigit() and len(value) < 10
            ),
            default=0,
        )

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # -- where an offset is ------------------------------------------------------------
    def _pieces(self, start: int, end: int) -> tuple[int, list[tuple[Span, int, int]]] | None:
        """The paragraph holding checked-text [start, end) and, for each span it
        touches, the part of the span's text inside it; None across paragraphs or labels."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index < 0:
            return None
        paragraph = self.paragraphs[index]
        low, high = start - self.starts[index], end - self.starts[index]
        if low < 0 or high > len(paragraph.text):
            return None
        pieces, cursor = [], 0
        for span in paragraph.spans:
            span_end = cursor + len(span.text)
            if cursor < high and span_end > low:
                pieces.append((span, max(low, cursor) - cursor, min(high, span_end) - cursor))
            cursor = span_end
        return index, pieces

    def _insertion_point(self, at: int) -> tuple[Span, int] | None:
        """The span an insertion at ``at`` goes into (the one before it by preference:
        the inserted text takes the formatting of what it follows) and the offset in it."""
        index = bisect.bisect_right(self.starts, at) - 1
        if index < 0:
            return None
        paragraph, local = self.paragraphs[index], at - self.starts[index]
        if local < 0 or local > len(paragraph.text):
            return None
        cursor, chosen = 0, None
        for span in paragraph.spans:
            span_end = cursor + len(span.text)
            if cursor < local <= span_end or (cursor == local == 0):
                chosen = (span, local - cursor)
                if span.element is not None and span.element.tag == w("t"):
                    return chosen
            cursor = span_end
        return None

    # -- tracked changes ---------------------------------------------------------------
    def can_replace(self, start: int, end: int, replacement: str) -> bool:
        """Whether :meth:`replace` would write this fix (nothing is changed)."""
        return self._revisions(start, end, replacement) is not None

    def replace(self, start: int, end: int, replacement: str) -> bool:
        """Write checked-text [start, end) → ``replacement`` as tracked changes; False
        when it cannot be written as such (and nothing was changed)."""
        revisions = self._revisions(start, end, replacement)
        if revisions is None:
            return False
        for low, high, text in reversed(revisions):  # the last first: earlier offsets stay valid
            self._replace_one(low, high, text)
        return True

    def _revisions(self, start: int, end: int, replacement: str) -> list[tuple[int, int, str]] | None:
        """The tracked changes that write a fix, each (start, end, replacement) in checked-text
        offsets: the fix itself when it changes one stretch of characters; one per changed
        stretch when it changes several apart (PN202 makes every half-width mark of the text
        full-width: each mark becomes a change of its own that the drafter accepts or rejects,
        and no character between them is deleted and typed again). None when one of them
        cannot be written, so that a fix is written whole or not at all."""
        if start > end:
            return None
        stretches = changed_stretches(self.text[start:end], replacement)
        if len(stretches) <= 1 and self._can_replace_one(start, end, replacement):
            return [(start, end, replacement)]
        revisions = [(start + low, start + high, text) for low, high, text in stretches]
        if revisions and all(self._can_replace_one(*revision) for revision in revisions):
            return revisions
        return None

    def _can_replace_one(self, start: int, end: int, replacement: str) -> bool:
        if "\n" in replacement or start > end:
            return False
        if start == end:
            return bool(replacement) and self._insertion_point(start) is not None
        found = self._pieces(start, end)
        return (
            found is not None
            and bool(found[1])
            and all(span.element is not None and span.element.tag == w("t") for span, _, _ in found[1])
        )

    def _replace_one(self, start: int, end: int, replacement: str) -> None:
        """Write one change that :meth:`_can_replace_one` accepted."""
        if start == end:
            point = self._insertion_point(start)
            assert point is not None
            span, offset = point
            assert span.element is not None
            inserted = self._inserted_run(_parent(span.element), replacement)
            before, _, after = _isolate(span.element, offset, offset)
            if before is not None:
                before.addnext(inserted)
            else:
                after.addprevious(inserted)  # type: ignore[union-attr]
            return
        found = self._pieces(start, end)
        assert found is not None
        pieces = found[1]
        # the last piece first: splitting a w:t keeps the offsets of its earlier characters
        first = pieces[0][0].element
        assert first is not None
        template = copy.deepcopy(_parent(first))
        deletions = []
        for span, low, high in reversed(pieces):
            assert span.element is not None
            _, middle, _ = _isolate(span.element, low, high)
            assert middle is not None
            deletions.append(self._delete(middle))
        if replacement:
            deletions[0].addnext(self._inserted_run(template, replacement))  # after the last deletion

    def _revision(self, tag: str) -> Element:
        from docx.oxml import OxmlElement

        element = OxmlElement(tag)
        if self.next_id is None:
            self.next_id = self._first_free_id()
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), AUTHOR)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element

    def _delete(self, run: Element) -> Element:
        deletion = self._revision("w:del")
        run.addprevious(deletion)
        deletion.append(run)
        for text in run.findall(w("t")):
            text.tag = w("delText")
        return deletion

    def _inserted_run(self, template: Element, text: str) -> Element:
        insertion = self._revision("w:ins")
        insertion.append(_run_like(template, text))
        return insertion

    # -- comments ----------------------------------------------------------------------
    def comment(self, start: int, end: int, text: str) -> None:
        """A comment by ``AUTHOR`` on checked-text [start, end) (clipped to the paragraph
        it starts in; on the paragraph's first run when it covers no character of a run).
        Word takes no comment in a header or a footer: one on their text is anchored at
        the start of the body and names the part and paragraph it is about."""
        from docx.text.run import Run

        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        paragraph = self.paragraphs[index]
        part = str(paragraph.place.get("part", ""))
        if part.startswith(("header", "footer")):
            where = "页眉" if part.startswith("header") else "页脚"
            text = f"（{where} {part} 第 {paragraph.place.get('paragraph')} 段）{text}"
            start = end = 0
            index, paragraph = 0, self.paragraphs[0]
        low = max(0, start - self.starts[index])
        high = min(len(paragraph.text), max(end - self.starts[index], low + 1))
        found = self._pieces(self.starts[index] + low, self.starts[index] + high) if high > low else None
        pieces = [piece for piece in (found[1] if found else []) if piece[0].element is not None]
        runs: list[Element] = []
        if pieces:
            first, last = pieces[0], pieces[-1]
            assert first[0].element is not None and last[0].element is not None
            if first[0].element is last[0].element:
                runs = [_middle(first[0].element, first[1], last[2])]
            else:
                runs = [_middle(last[0].element, last[1], last[2]), _middle(first[0].element, first[1], first[2])]
                runs.reverse()
        else:
            existing = [
                run
                for run in paragraph.element.iter(w("r"))
                if not any(a.tag in (w("del"), w("txbxContent")) for a in run.iterancestors())
            ]
            if existing:
                runs = [existing[0]]
            else:
                from docx.oxml import OxmlElement

                empty = OxmlElement("w:r")
                paragraph.element.append(empty)
                runs = [empty]
        self.document.add_comment(
            [Run(run, None) for run in runs],  # type: ignore[arg-type]
            text=text,
            author=AUTHOR,
            initials="DC",
        )
        self.paragraphs[index] = reread(paragraph)  # its runs were split: the spans name other elements

    def own_comments(self) -> list[str]:
        """The texts of the comments ``AUTHOR`` left before, a paragraph a line."""
        part = _comments_part(self.document)
        if part is None:
            return []
        return [
            "\n".join("".join(text.text or "" for text in paragraph.iter(w("t"))) for paragraph in comment.iter(w("p")))
            for comment in part.element.findall(w("comment"))
            if comment.get(w("author")) == AUTHOR
        ]

    def remove_own_comments(self) -> int:
        """Delete the comments ``AUTHOR`` left before (and their anchors); others' stay. How many."""
        part = _comments_part(self.document)
        if part is None:
            return 0
        ids = {
            comment.get(w("id")) for comment in part.element.findall(w("comment")) if comment.get(w("author")) == AUTHOR
        }
        for comment in part.element.findall(w("comment")):
            if comment.get(w("id")) in ids:
                part.element.remove(comment)
        for story in self.stories:
            for element in list(story.iter(w("commentRangeStart"), w("commentRangeEnd"))):
                if element.get(w("id")) in ids:
                    element.getparent().remove(element)
            for reference in list(story.iter(w("commentReference"))):
                if reference.get(w("id")) in ids:
                    run = reference.getparent()
                    run.remove(reference)
                    if not [child for child in run if child.tag != w("rPr")]:
                        run.getparent().remove(run)
        return len(ids)


# Above this many characters a fix that changes the length of the text is not diffed
# (difflib's matcher grows with the product of the lengths): it is written as one change.
_DIFF_LIMIT = 20_000


def changed_stretches(old: str, new: str) -> list[tuple[int, int, str]]:
    """The stretches of ``old`` that ``new`` changes, in order, as (start, end, replacement)
    with offsets in ``old``; stretches that touch are one. A fix that keeps the length (a
    mark for a mark) is compared character by character."""
    if old == new:
        return []
    if len(old) == len(new):
        stretches: list[tuple[int, int, str]] = []
        at = -1
        for index, (was, now) in enumerate(zip(old, new, strict=True)):
            if was == now:
                continue
            if stretches and at == index:
                low, _, text = stretches[-1]
                stretches[-1] = (low, index + 1, text + now)
            else:
                stretches.append((index, index + 1, now))
            at = index + 1
        return stretches
    if len(old) + len(new) > _DIFF_LIMIT:
        return [(0, len(old), new)]
    merged: list[tuple[int, int, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, low, high, new_low, new_high in matcher.get_opcodes():
        if tag == "equal":
            continue
        if merged and merged[-1][1] == low:
            merged[-1] = (merged[-1][0], high, merged[-1][2] + new[new_low:new_high])
        else:
            merged.append((low, high, new[new_low:new_high]))
    return merged


def _comments_part(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE

    for relationship in document.part.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.COMMENTS and not relationship.is_external:
            return relationship.target_part
    return None


def _run_like(template: Element, text: str) -> Element:
    """A run with ``template``'s formatting holding ``text``."""
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    properties = template.find(w("rPr")) if template is not None else None
    if properties is not None:
        properties = copy.deepcopy(properties)
        for change in properties.findall(w("rPrChange")):
            properties.remove(change)
        run.append(properties)
    run.append(_text_element("w:t", text))
    return run


def _text_element(tag: str, text: str) -> Element:
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    element.text = text
    if text != text.strip():
        element.set(_XML_SPACE, "preserve")
    return element


def _parent(element: Element) -> Element:
    parent = element.getparent()
    if parent is None:
        raise ValueError("an element of the document body without a parent")
    return parent


def _middle(text: Element, low: int, high: int) -> Element:
    middle = _isolate(text, low, high)[1]
    if middle is None:
        raise ValueError("an empty stretch of a run")
    return middle


def _isolate(text: Element, low: int, high: int) -> tuple[Element | None, Element | None, Element | None]:
    """Split the run holding w:t ``text`` so that ``text``'s characters [low, high)
    make a run of their own; (the run before, that run, the run after), each with the
    original formatting, None where empty. The content of the run before ``text``
    stays in the original element, what follows it moves to the run after."""
    run = _parent(text)
    content = text.text or ""
    children = [child for child in run if child.tag != w("rPr")]
    position = children.index(text)
    following = children[position + 1 :]

    def shell() -> Element:
        new = copy.deepcopy(run)
        for child in list(new):
            if child.tag != w("rPr"):
                new.remove(child)
        return new

    middle = after = None
    if high > low:
        middle = shell()
        middle.append(_text_element("w:t", content[low:high]))
    if content[high:] or following:
        after = shell()
        if content[high:]:
            after.append(_text_element("w:t", content[high:]))
        for child in following:
            after.append(child)  # moves it
    anchor = run
    for new in (middle, after):
        if new is not None:
            anchor.addnext(new)
            anchor = new
    if content[:low]:
        text.text = content[:low]
        if text.text != text.text.strip():
            text.set(_XML_SPACE, "preserve")
        return run, middle, after
    run.remove(text)
    if children[:position]:
        return run, middle, after
    _parent(run).remove(run)
    return None, middle, after


class WordTarget:
    """A .docx taking fixes as tracked changes, pass after pass (see ``fixer.FixTarget``).
    Every pass writes into the document the pass before left, with the same date.

    The document is parsed once: the copy that says which fixes are writable takes them
    in :meth:`carry_over`, :meth:`render` saves that same copy, and once the fixer accepts
    those bytes that copy, walked again, is the next pass's (and :meth:`finish`'s). A copy
    is parsed afresh only when the fixer asks for another set of fixes, fix by fix."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.date = datetime.datetime.now(datetime.timezone.utc)
        self._current: WordEdit | None = None  # a copy of ``data``, walked, no fix written into it yet
        self._stale: WordEdit | None = None  # a copy of ``data`` whose walk predates its last edits
        self._written: tuple[list[int], WordEdit] | None = None  # the fixes carried over, and their copy
        self._saved: tuple[list[int], bytes, WordEdit] | None = None  # what render gave, from which copy
        self._free_id: int | None = None  # no revision of any copy so far has this id or a higher one
        self._original_text: str | None = None  # the original's checked text, every change rejected

    def _edit(self) -> WordEdit:
        if self._current is None:
            if self._stale is not None:
                self._current, self._stale = self._stale, None
                self._current.rewalk()
            else:
                self._current = WordEdit(self.data, self.date, self._free_id)
            if self._original_text is None:  # the first copy is of the original, just walked
                edit = self._current
                self._original_text = edit.original_text() if edit.has_revisions() else edit.text
        return self._current

    def _note_ids(self, edit: WordEdit) -> None:
        if edit.next_id is not None:
            self._free_id = max(self._free_id or 0, edit.next_id)

    def writable(self, source: Source) -> Callable[[Fix], bool]:
        """Whether a fix lies where a tracked change can be written (one paragraph's w:t)."""

        def can_write(fix: Fix) -> bool:
            edit = self._edit()
            return edit.text == source.text and edit.can_replace(fix.start, fix.end, fix.replacement)

        return can_write

    def carry_over(self, source: Source, fixes: list[Fix]) -> list[tuple[Fix, Fix]]:
        """The fixes that can be written as tracked changes (paired with themselves:
        a .docx is addressed by offsets of the checked text)."""
        if not fixes:
            return []
        edit = self._edit()
        if edit.text != source.text:
            return []  # the walk does not give the text that was checked: no offset can be trusted
        self._current = None  # written into below
        kept = []
        for fix in sorted(fixes, key=lambda fix: (fix.start, fix.end), reverse=True):
            if fix.replacement != source.text[fix.start : fix.end] and edit.replace(
                fix.start, fix.end, fix.replacement
            ):
                kept.append((fix, fix))
        kept.reverse()
        self._note_ids(edit)
        self._written = ([id(fix) for fix, _ in kept], edit)
        return kept

    def render(self, pairs: list[tuple[Fix, Fix]]) -> bytes:
        wanted = [id(fix) for fix, _ in pairs]
        if self._saved is not None and self._saved[0] == wanted:
            return self._saved[1]
        if self._written is not None and self._written[0] == wanted:
            edit = self._written[1]
            self._written = None
        else:
            edit = WordEdit(self.data, self.date, self._free_id)
            for fix, _ in sorted(pairs, key=lambda pair: (pair[0].start, pair[0].end), reverse=True):
                if not edit.replace(fix.start, fix.end, fix.replacement):
                    raise FixError("修复无法写成 Word 修订，为安全起见未写入任何修改")
            self._note_ids(edit)
        data = edit.save()
        self._saved = (wanted, data, edit)
        return data

    def accept(self, pairs: list[tuple[Fix, Fix]], data: bytes) -> None:
        saved = self._saved
        self.data = data
        self._current = self._written = self._saved = None
        self._stale = saved[2] if saved is not None and saved[1] is data else None

    def finish(self, original: Source, remaining: list[Finding], *, fixed: bool) -> bytes:
        """The fixed .docx with doccheck's earlier comments replaced by one per finding in
        ``remaining``; refused unless rejecting every change gives back the original's
        text (rejected, as the original had its own changes rejected). With nothing
        ``fixed`` and the same comments as before, the original bytes: saving the package
        again would change its bytes (times, ids) and make a backup for nothing."""
        edit = self._edit()
        before = self._original_text
        self._current = None  # comments are written into it below
        if (
            not fixed
            and original.raw is not None
            and sorted(edit.own_comments()) == sorted(comment_text(finding) for finding in remaining)
        ):
            return original.raw
        edit.remove_own_comments()
        for finding in remaining:
            edit.comment(finding.start, finding.end, comment_text(finding))
        result = edit.save()
        if edit.original_text() != before:
            raise FixError("写入修订后，拒绝全部修订所得的文本与原文不同，为安全起见未写入任何修改")
        return result


def comment_text(finding: Finding) -> str:
    text = f"[{finding.code} {finding.severity.value}] {finding.message}"
    if finding.suggestion:
        text += f"\n建议：{finding.suggestion}"
    return text
