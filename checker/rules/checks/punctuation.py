"""Punctuation by GB/T 15834-2011 (PN201-PN299): width, stacked marks, nested titles,
顿号 between marked items, ellipsis, dash, range connectors and stray spaces.

Only the document body is checked (``doc.body_paragraphs``): the metadata header of a
published page uses half-width colons legitimately. Everything a rule needs is computed
once per document through ``doc.view``. Every pattern here is a character class, a fixed
string or a short fixed-width lookaround, so matching is linear in the text; tests run
each one over pathological input. Each begins with its first character (a class, or
alternatives that each begin with a literal), never with a lookaround: Python's ``re``
skips through the text to such a start, but tries a lookaround at every position.
The paired marks (PN101-PN103) live in ``pairs.py``.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, overload

from checker.core import marks, patterns
from checker.core.models import Fix
from checker.model.dates import dates
from checker.model.document import Document
from checker.model.numerals import CHINESE_ONE_TO_NINE, CHINESE_ZEROS
from checker.model.scan import ranges_holding
from checker.rules.registry import Hit, rule

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width marks that make their neighbourhood Chinese text.
CHINESE_MARKS = frozenset("，。、；：？！“”‘’《》〈〉（）【】〔〕…—")
CLOSING_MARKS = frozenset(mark for mark in marks.CLOSING_MARKS if not mark.isascii())  # full-width: ”’》〉）】〕
SPACES = frozenset(" \u3000\xa0\t")

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def is_han(ch: str) -> bool:
    """Is the first character of ``ch`` in HAN? (Compared, not matched: a regular
    expression of these three ranges is slow to compile, at every start.)"""
    if not ch:
        return False
    first = ch[0]
    return "\u4e00" <= first <= "\u9fff" or "\u3400" <= first <= "\u4dbf" or "\uf900" <= first <= "\ufaff"


def is_chinese(ch: str) -> bool:
    """A Han character or a full-width Chinese mark."""
    return bool(ch) and (ch in CHINESE_MARKS or is_han(ch))


def _char(text: str, at: int, start: int, end: int) -> str:
    return text[at] if start <= at < end else ""


# -- half-width marks in Chinese text (PN201, PN202) -------------------------------

_HALF_RUN = patterns.lazy(r"[,;:?!()][,;:?!()]*")  # a class first: `[…]+` is tried at every position
# A URL keeps its own ASCII marks. Anchored on a literal prefix, then one character
# class: linear.
_URL = patterns.lazy(r"https?://[!-~]+|ftp://[!-~]+|www\.[!-~]+")
_FULL_COUNTED = patterns.lazy("[，；：？！（）]")
# More half-width marks than this in one document are reported once, not one by one.
MAX_SEPARATE = 10


class HalfMark(NamedTuple):
    offset: int
    mark: str

    @property
    def replacement(self) -> str:
        return FULL_WIDTH[self.mark]


class HalfMarks(Sequence[HalfMark]):
    """The half-width marks of a document, in text order, kept as a column of offsets (a
    text can hold millions of them): a :class:`HalfMark` is built when read."""

    __slots__ = ("_offsets", "_text")

    def __init__(self, text: str, offsets: Iterable[int]) -> None:
        self._text = text
        self._offsets = array("q", offsets)

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> HalfMark: ...

    @overload
    def __getitem__(self, index: slice) -> list[HalfMark]: ...

    def __getitem__(self, index: int | slice) -> HalfMark | list[HalfMark]:
        if isinstance(index, slice):
            return [HalfMark(at, self._text[at]) for at in self._offsets[index]]
        at = self._offsets[index]
        return HalfMark(at, self._text[at])

    def __iter__(self) -> Iterator[HalfMark]:
        text = self._text
        return (HalfMark(at, text[at]) for at in self._offsets)

    @property
    def offsets(self) -> Sequence[int]:
        """Where each mark is, in order."""
        return self._offsets


def halfwidth_marks(doc: Document) -> HalfMarks:
    """Every half-width , ; : ? ! ( ) that stands in Chinese text, in text order.

    Marks are judged by run: a run of adjacent half-width marks (“(达标);”, “工作,,”)
    is judged by the characters on either side of the whole run, and a run with
    one mark in Chinese text is in Chinese text as a whole, as is the partner of
    a bracket that is. Then fixing the marks found never puts another half-width
    mark next to a full-width one: a second check finds nothing new.

    The runs, the bracket pairs and the marks found are kept as columns of offsets and
    maps of offsets to offsets, not as a tuple each: a paragraph can hold millions of
    marks, and the tuples the cyclic garbage collector walked made the cost grow faster
    than the text.
    """
    text = doc.text
    found: list[int] = []
    # a paragraph without a half-width mark has nothing to report
    for paragraph in ranges_holding(text, doc.body_paragraphs, FULL_WIDTH):
        start, end = paragraph.start, paragraph.end
        urls = [(m.start(), m.end()) for m in _URL.finditer(text, start, end)]
        url_index = 0
        run_starts: list[int] = []
        run_ends: list[int] = []
        run_of: dict[int, int] = {}  # offset → the index of its run
        partner: dict[int, int] = {}
        open_parens: list[int] = []
        affected: set[int] = set()
        openers: list[int] = []  # the bracket pairs, -1 where a side is missing
        closers: list[int] = []
        for run in _HALF_RUN.finditer(text, start, end):
            run_start, run_end = run.span()
            while url_index < len(urls) and urls[url_index][1] <= run_start:
                url_index += 1
            if url_index < len(urls) and urls[url_index][0] <= run_start:
                continue  # a URL keeps its marks
            left, right = _char(text, run_start - 1, start, end), _char(text, run_end, start, end)
            index = len(run_starts)
            run_starts.append(run_start)
            run_ends.append(run_end)
            for at in range(run_start, run_end):
                mark = text[at]
                run_of[at] = index
                if mark == "(":
                    open_parens.append(at)
                elif mark == ")":
                    openers.append(open_parens.pop() if open_parens else -1)
                    closers.append(at)
                elif mark in ",;:":
                    if run_end - run_start == 1 and left.isdigit() and right.isdigit():
                        continue  # 1,000 and 10:30 are numbers
                    if is_chinese(left) or is_chinese(right):
                        affected.add(at)
                elif is_han(left) or left in CLOSING_MARKS:
                    # ? ! after a mark or a space is usually a lost character, not a question
                    affected.add(at)
        openers.extend(open_parens)
        closers.extend([-1] * len(open_parens))
        for opener, closer in zip(openers, closers, strict=True):
            if opener >= 0 and closer >= 0:
                partner[opener], partner[closer] = closer, opener
                if _latin_on_both_sides(text, opener, closer, start, end):
                    continue  # an English sentence's brackets, around a Chinese example or not
            for at in (opener, closer):
                if at < 0:
                    continue
                index = run_of[at]
                if is_chinese(_char(text, run_starts[index] - 1, start, end)) or is_chinese(
                    _char(text, run_ends[index], start, end)
                ):
                    affected.update(side for side in (opener, closer) if side >= 0)
                    break
        # A run in Chinese text is so as a whole, and so is a bracket's partner.
        work, runs_done = list(affected), set()
        while work:
            at = work.pop()
            other = partner.get(at)
            if other is not None and other not in affected:
                affected.add(other)
                work.append(other)
            index = run_of[at]
            if index not in runs_done:  # each run is spread once: linear
                runs_done.add(index)
                for other in range(run_starts[index], run_ends[index]):
                    if other not in affected:
                        affected.add(other)
                        work.append(other)
        found.extend(affected)
    found.sort()
    return HalfMarks(text, found)


def _latin_on_both_sides(text: str, opener: int, closer: int, start: int, end: int) -> bool:
    """Does the bracket pair stand in an English sentence: a Latin letter before it and
    a Latin letter or an ASCII sentence mark after it (spaces skipped)?"""
    before = opener - 1
    while before >= start and text[before] in " \t":
        before -= 1
    after = closer + 1
    while after < end and text[after] in " \t":
        after += 1
    first = text[before] if before >= start else ""
    last = text[after] if after < end else ""
    return first.isascii() and first.isalpha() and last.isascii() and (last.isalpha() or last in ".,;:!?")


def _fullwidth_count(doc: Document) -> int:
    text = doc.text
    return sum(len(_FULL_COUNTED.findall(text, p.start, p.end)) for p in doc.body_paragraphs)


def _marks(doc: Document) -> HalfMarks:
    return doc.view(halfwidth_marks)


@rule(
    "PN201",
    "halfwidth-punctuation",
    category="punctuation",
    severity="warning",
    message="中文文本中使用了半角标点“{mark}”，应使用全角“{full}”",
    fix="safe",
)
def halfwidth_punctuation(doc: Document) -> Iterator[Hit]:
    """A half-width comma, semicolon, colon, bracket, question or exclamation mark in Chinese text.

    What it checks:
        A , ; : ? ! ( ) next to Chinese characters or full-width marks, in a
        document that has only a few of them (at most 10; more are reported once
        for the whole document by PN202). Numbers (1,000  10:30) and URLs are left
        alone; a bracket pair is judged as a whole.
    Why it matters:
        GB/T 15834-2011 uses full-width marks in Chinese text; a half-width mark
        among full-width ones is a typing slip that shows in print.
    Example:
        工作已经完成,效果良好。  — “,” should be “，”.
    Fix:
        Safe: replace the mark by its full-width form.
    """
    marks = _marks(doc)
    if len(marks) > MAX_SEPARATE:
        return
    for mark in marks:
        yield Hit(
            mark.offset,
            mark.offset + 1,
            args={"mark": mark.mark, "full": mark.replacement},
            suggestion=f"将“{mark.mark}”改为“{mark.replacement}”",
            fix=Fix.at(start=mark.offset, end=mark.offset + 1, replacement=mark.replacement),
        )


@rule(
    "PN202",
    "halfwidth-punctuation-document",
    category="punctuation",
    severity="warning",
    message={
        "default": "全文有{count}处中文文本使用了半角标点（{kinds}），应统一改为全角",
        "whole": "全文中文标点基本都是半角（{count}处：{kinds}），应统一改为全角",
    },
    fix="safe",
    scope="document",
)
def halfwidth_punctuation_document(doc: Document) -> Iterator[Hit]:
    """A document whose Chinese text uses half-width punctuation throughout (or very often).

    What it checks:
        More than 10 half-width , ; : ? ! ( ) in Chinese text (the same test as
        PN201). Reported once, at the first such mark, with the count and the
        lines in the evidence, instead of once per mark: a page normalised to
        half-width would otherwise produce hundreds of findings.
    Why it matters:
        GB/T 15834-2011 uses full-width marks in Chinese text. A document where all
        of them were turned half-width (as web pages often are) needs one bulk fix.
    Example:
        2015年以来,区科技局在区委的领导下,着力强化创新驱动;……(共300处)
    Fix:
        Safe, one fix for all: it replaces the span from the first to the last
        affected mark with that span's text, every affected mark made full-width
        and nothing else changed. The other fixes inside that span overlap it:
        ``doccheck fix`` applies this one in one pass and those in the next.
    """
    marks = _marks(doc)
    if len(marks) <= MAX_SEPARATE:
        return
    text = doc.text
    offsets = marks.offsets
    first, last = offsets[0], offsets[-1] + 1
    pieces, cursor = [], first
    for at in offsets:
        pieces.append(text[cursor:at])
        pieces.append(FULL_WIDTH[text[at]])
        cursor = at + 1
    pieces.append(text[cursor:last])
    kinds = Counter(map(text.__getitem__, offsets))
    full = _fullwidth_count(doc)
    whole = full == 0 or len(marks) >= 4 * full
    lines = sorted({doc.position(at)[0] for at in offsets})
    yield Hit(
        first,
        first + 1,
        args={"count": len(marks), "kinds": "、".join(f"“{k}”{n}处" for k, n in kinds.most_common())},
        variant="whole" if whole else "default",
        suggestion="将中文文本中的半角“, ; : ? ! ( )”统一改为全角“，；：？！（）”",
        fix=Fix.at(start=first, end=last, replacement="".join(pieces)),
        evidence={
            "count": len(marks),
            "by_mark": dict(kinds),
            "fullwidth_count": full,
            "lines": lines[:50],
            "line_count": len(lines),
        },
    )


# -- doubled or stacked marks (PN203) ----------------------------------------------

_STACKED = patterns.lazy("[，、；：。？！,;:?!][，、；：。,;:]")
_FULL_POINT_MARKS = frozenset("，、；：。？！")


def stacked_marks(doc: Document) -> list[tuple[int, str]]:
    text = doc.text
    found = []
    for paragraph in doc.body_paragraphs:
        p_start, p_end = paragraph.start, paragraph.end
        for match in _STACKED.finditer(text, p_start, p_end):
            at, pair = match.start(), match.group()
            before, after = _char(text, at - 1, p_start, p_end), _char(text, at + 2, p_start, p_end)
            if pair == "。。" and "。" in (before, after):
                continue  # 。。。 is a misused ellipsis: PN207
            if not (_FULL_POINT_MARKS.intersection(pair) or is_chinese(before) or is_chinese(after)):
                continue  # a::b, x,;y — not Chinese text
            if pair[0] in "?!" and not (is_han(before) or before in CLOSING_MARKS):
                continue  # 前1?。: the ? stands for a character that was lost
            found.append((at, pair))
    # A run such as ，，， would match twice; keep the first of overlapping pairs.
    result, last_end = [], -1
    for at, pair in found:
        if at >= last_end:
            result.append((at, pair))
            last_end = at + 2
    return result


@rule(
    "PN203",
    "stacked-punctuation",
    category="punctuation",
    severity="warning",
    message={"default": "标点“{pair}”连用，只应保留一个", "doubled": "标点“{mark}”重复"},
    fix="safe",
)
def stacked_punctuation(doc: Document) -> Iterator[Hit]:
    """Two point marks in a row: a doubled “，，” “。。” or a stacked “，。” “；。”.

    What it checks:
        A comma, 顿号, semicolon, colon, full stop, question or exclamation mark
        directly followed by a comma, 顿号, semicolon, colon or full stop — in
        full or half width (工作,,完成) when in Chinese text. “。。。” is left to
        PN207 (ellipsis); “？！” and “！！” are allowed.
    Why it matters:
        GB/T 15834-2011 puts one point mark at one pause; two in a row are an
        editing leftover.
    Example:
        项目已经完工，，投入使用。   工作取得进展，。
    Fix:
        A doubled mark: safe, delete one. Two different marks: unsafe, keep the
        second (the one that ends the pause) — the author should confirm.
    """
    for at, pair in doc.view(stacked_marks):
        if pair[0] == pair[1]:
            yield Hit(
                at,
                at + 2,
                args={"mark": pair[0]},
                variant="doubled",
                suggestion=f"删去一个“{pair[0]}”",
                fix=Fix.at(start=at, end=at + 2, replacement=pair[0]),
            )
        else:
            yield Hit(
                at,
                at + 2,
                args={"pair": pair},
                suggestion=f"删去“{pair[0]}”，只保留“{pair[1]}”（或按语义保留其一）",
                fix=Fix.at(start=at, end=at + 2, replacement=pair[1], safety="unsafe"),
            )


# -- nested title marks (PN204) ----------------------------------------------------

_TITLE_MARKS = patterns.lazy("[《》<>＜＞]")
_ANGLE_OPEN = {"<": ">", "＜": "＞"}
_LONGEST_TITLE = 300


def nested_titles(doc: Document) -> list[tuple[int, int, str, str]]:
    """(open, close, inner opener, inner closer) of a title nested inside 《…》 with 《》 or <>."""
    text = doc.text
    found = []
    for paragraph in ranges_holding(text, doc.body_paragraphs, "《"):  # a title nests only inside 《
        stack: list[tuple[str, int]] = []
        titles_open = 0  # 《 on the stack: counted, so that no mark rescans the stack
        for match in _TITLE_MARKS.finditer(text, paragraph.start, paragraph.end):
            mark, at = match.group(), match.start()
            if mark == "《":
                stack.append((mark, at))
                titles_open += 1
            elif mark in _ANGLE_OPEN:
                if titles_open:
                    stack.append((mark, at))
            elif mark == "》":
                if not titles_open:
                    continue
                # Drop the unclosed < above the innermost 《 (each is dropped once).
                while stack[-1][0] != "《":
                    stack.pop()
                _, opener = stack.pop()
                titles_open -= 1
                if stack and stack[-1][0] == "《":
                    found.append((opener, at, "《", "》"))
            else:  # > or ＞
                if stack and stack[-1][0] in _ANGLE_OPEN and _ANGLE_OPEN[stack[-1][0]] == mark:
                    opener_mark, opener = stack.pop()
                    found.append((opener, at, opener_mark, mark))
    return found


@rule(
    "PN204",
    "nested-title-marks",
    category="punctuation",
    severity="warning",
    message="书名号内又用“{inner_open}…{inner_close}”，书名号套书名号时内层应用单书名号“〈…〉”",
    fix="safe",
)
def nested_title_marks(doc: Document) -> Iterator[Hit]:
    """A title inside a title marked with 《》 again, or with ASCII < >, instead of 〈〉.

    What it checks:
        Inside 《…》, a title marked 《…》 or <…> / ＜…＞.
    Why it matters:
        GB/T 15834-2011 (4.15.3.2): a title inside a title takes the single title
        marks 〈〉; < > are mathematical signs and 《《 》》 cannot show where
        each title ends.
    Example:
        《关于印发<某市宽带普及工程实施方案>的通知》
    Fix:
        Safe: replace the inner marks by 〈 and 〉 (offered for an inner title
        of up to 300 characters; a longer span is surely not one title).
    """
    text = doc.text
    for opener, closer, inner_open, inner_close in doc.view(nested_titles):
        # The one fix spans the inner title; past a title's length it would copy
        # most of the text for each finding, so a longer span gets a suggestion only.
        fix = None
        if closer - opener <= _LONGEST_TITLE:
            fix = Fix.at(start=opener, end=closer + 1, replacement="〈" + text[opener + 1 : closer] + "〉")
        yield Hit(
            opener,
            closer + 1,
            args={"inner_open": inner_open, "inner_close": inner_close},
            suggestion=f"将内层的“{inner_open}”“{inner_close}”改为“〈”“〉”",
            fix=fix,
            evidence={"inner_open": inner_open, "inner_close": inner_close},
        )


# -- 顿号 between quoted or titled items (PN205, PN206) -------------------------------

_MARKED_JOIN = patterns.lazy("》、?《|”、?“")
_MARKED_JOIN_WORDS = ("》《", "》、《", "”“", "”、“")  # its matches
_SENTENCE_LAST = marks.SENTENCE_END_MARKS + marks.ELLIPSIS  # what a quoted sentence ends with


class Join(NamedTuple):
    offset: int  # of the closing mark
    kind: str  # "title" or "quote"
    with_dunhao: bool

    @property
    def end(self) -> int:
        return self.offset + (3 if self.with_dunhao else 2)


def marked_item_joins(doc: Document) -> list[Join]:
    """Where two adjacent titled or quoted items meet, with or without a 顿号 — leaving out
    one quoted sentence after another, a term and a quotation about it, and a 顿号 that
    separates items of a list holding unmarked items too (see ``_in_mixed_lists``)."""
    text = doc.text
    found = []
    for paragraph in ranges_holding(text, doc.body_paragraphs, _MARKED_JOIN_WORDS):
        joins = []
        for match in _MARKED_JOIN.finditer(text, paragraph.start, paragraph.end):
            at = match.start()
            kind = "title" if match.group()[0] == "》" else "quote"
            with_dunhao = len(match.group()) == 3
            before = _char(text, at - 1, paragraph.start, paragraph.end)
            if kind == "quote" and not with_dunhao and before in _SENTENCE_LAST:
                continue  # one quoted sentence after another, not a list of items
            if kind == "quote" and not with_dunhao and not _coordinate_quotes(text, at, paragraph.start, paragraph.end):
                continue  # 批评“某工作组”“形式主义严重”: a name, then what it is charged with
            joins.append(Join(at, kind, with_dunhao))
        in_mixed = _in_mixed_lists(text, joins, paragraph.start, paragraph.end)
        found += [join for join in joins if not (join.with_dunhao and join.offset in in_mixed)]
    return found


_OPENING = {"quote": "“", "title": "《"}
_CLOSING = {"quote": "”", "title": "》"}
_ITEM_GOES_ON = 8  # how far an item that goes on after its closing mark (“上海之夏”国际消费季) is followed
_ITEM_ENDS = frozenset("，。；：！？…（）()\n“”《》等")  # 等 closes the list of marked items


def _in_mixed_lists(text: str, joins: list[Join], start: int, end: int) -> set[int]:
    """The offsets of the joins whose items belong to a 顿号 list that also holds unmarked
    items: 运动会、“甲杯”、“乙赛”、环湖赛, or “甲节”、“乙杯”美食赛、“丙周”. There the
    顿号 between the marked items is the list's own separator, and dropping it would
    write one list two ways. A run of joins (each item's closing mark is the next join)
    is mixed when a 顿号 stands before its first item, after a mark of another kind or
    a word, or when its last item is followed, within its clause, by a 顿号 and a word."""
    mixed: set[int] = set()
    run: list[Join] = []
    for index, join in enumerate(joins):
        run.append(join)
        closing = text.find(_CLOSING[join.kind], join.end, end)
        following = joins[index + 1] if index + 1 < len(joins) else None
        if following is not None and following.kind == join.kind and following.offset == closing:
            continue
        if _list_goes_on_before(text, run[0], start) or _list_goes_on_after(text, join.kind, closing, end):
            mixed.update(item.offset for item in run)
        run = []
    return mixed


def _list_goes_on_before(text: str, first: Join, start: int) -> bool:
    opening = text.rfind(_OPENING[first.kind], start, first.offset)
    if opening - 1 < start or text[opening - 1] != "、":
        return False
    return opening - 2 < start or text[opening - 2] != _CLOSING[first.kind]


def _list_goes_on_after(text: str, kind: str, closing: int, end: int) -> bool:
    if closing < 0:
        return False
    for at in range(closing + 1, min(end, closing + 1 + _ITEM_GOES_ON)):
        if text[at] == "、":  # right after the mark: another unmarked item; later: this item went on
            return at > closing + 1 or (at + 1 < end and text[at + 1] != _OPENING[kind])
        if text[at] in _ITEM_ENDS:
            return False
    return False


def _coordinate_quotes(text: str, at: int, start: int, end: int) -> bool:
    """Are the two quoted items meeting at ``at`` (”“, no 顿号) a series of like items?

    A 顿号 between them would say so; without one, quoted items side by side may also be
    a term and a quotation about it (批评“某工作组”“形式主义严重”). They count as a series
    when a third item joins them (“甲”“乙”“丙”), when they share a character (“两重”
    “两新”, “保交楼”“保交房”), or when a word goes on right after the second one, as
    after a list (“躺平”“侧卧”等, “拨改投”“补转股”改革) — not a mark, not 的.
    Each search stops at the nearest quotation mark, so the cost over a paragraph stays
    linear however many items it holds."""
    opening = text.rfind("“", start, at)
    closing = text.find("”", at + 2, end)
    if opening < 0 or closing < 0:
        return False
    first, second = text[opening + 1 : at], text[at + 2 : closing]
    before = text[max(start, opening - 2) : opening]
    after = text[closing + 1 : min(end, closing + 3)]
    if before.endswith(("”", "”、")) or after.startswith(("“", "、“")):
        return True
    if any(is_han(ch) for ch in set(first) & set(second)):
        return True
    return is_han(after[:1]) and after[:1] not in "的之"


def _join_verdicts(doc: Document) -> tuple[list[Join], dict[str, dict[str, int]]]:
    """(the joins with a 顿号, the counts of joins with and without one per kind of mark)."""
    joins = doc.view(marked_item_joins)
    counts: dict[str, dict[str, int]] = {}
    for kind in ("title", "quote"):
        of_kind = [j for j in joins if j.kind == kind]
        with_ = sum(j.with_dunhao for j in of_kind)
        counts[kind] = {"with_dunhao": with_, "without_dunhao": len(of_kind) - with_}
    return [j for j in joins if j.with_dunhao], counts


_KIND_NAME = {"title": "书名号", "quote": "引号"}


@rule(
    "PN205",
    "dunhao-between-marked-items",
    category="punctuation",
    severity="info",
    message="并列的{kind}之间通常不用顿号",
    fix="safe",
)
def dunhao_between_marked_items(doc: Document) -> Iterator[Hit]:
    """A 顿号 between two adjacent items in title marks or quotation marks.

    What it checks:
        Every 》、《 and ”、“. A 顿号 that separates a list holding unmarked items
        too (运动会、“甲杯”、“乙赛”、环湖赛) is that list's separator and is left
        alone. A document that also writes such items without 顿号 gets one PN206
        warning besides.
    Why it matters:
        GB/T 15834-2011 (4.5.3.5): items each in title marks or quotation marks
        are usually not separated by 顿号; the marks already separate them. A 顿号
        is right only when something stands between the items, such as a note in
        brackets after a title.
    Example:
        出台《甲办法》、《乙办法》  → 《甲办法》《乙办法》
    Fix:
        Safe: delete the 顿号.
    """
    text = doc.text
    with_dunhao, counts = _join_verdicts(doc)
    for join in with_dunhao:
        pair = text[join.offset : join.end]
        yield Hit(
            join.offset,
            join.end,
            args={"kind": _KIND_NAME[join.kind]},
            suggestion=f"删去两个{_KIND_NAME[join.kind]}之间的顿号",
            fix=Fix.at(start=join.offset, end=join.end, replacement=pair.replace("、", "")),
            evidence=counts[join.kind],
        )


@rule(
    "PN206",
    "inconsistent-dunhao",
    category="punctuation",
    severity="warning",
    message="并列的{kind}之间有的用顿号、有的不用（{with_}处用，{without}处不用）",
    scope="document",
)
def inconsistent_dunhao(doc: Document) -> Iterator[Hit]:
    """Adjacent titled or quoted items joined with 顿号 in one place and without it in another.

    What it checks:
        Within one document, 》、《 and 》《 both occur (or ”、“ and ”“ both).
        Reported once per kind of mark, at the first 顿号, with the lines of all
        of them in the evidence: a long report that writes its series one way ten
        times and the other way once needs one decision, not ten warnings. Each
        顿号 is also a PN205 finding, with its own fix. “。”“” (one quoted sentence
        after another) is not a list and is ignored, and so are two quoted items
        that are not a series (a name and a quotation about it:
        批评“某工作组”“形式主义严重”) and a 顿号 that is the separator of a list
        holding unmarked items too (运动会、“甲杯”、“乙赛”、环湖赛).
    Why it matters:
        GB/T 15834-2011 (4.5.3.5): items each in title marks or quotation marks
        are usually not separated by 顿号; a document should write its series one
        way, and the way the standard gives is without.
    Example:
        落实“甲政策”“乙政策”、“丙政策”等 → “甲政策”“乙政策”“丙政策”等
    Fix:
        None of its own: PN205 offers a safe fix at each 顿号, one small revision
        each (a single fix over the span from the first to the last would become a
        comment, not a revision, in a .docx). Adding 顿号 where they are missing is
        never offered: it would go against the standard.
    """
    with_dunhao, counts = _join_verdicts(doc)
    for kind_key in ("title", "quote"):
        joins = [join for join in with_dunhao if join.kind == kind_key]
        if not joins or not counts[kind_key]["without_dunhao"]:
            continue
        lines = sorted({doc.position(join.offset)[0] for join in joins})
        kind = _KIND_NAME[kind_key]
        yield Hit(
            joins[0].offset,
            joins[0].end,
            args={"kind": kind, "with_": len(joins), "without": counts[kind_key]["without_dunhao"]},
            suggestion=f"按GB/T 15834全文统一不用顿号：删去并列的{kind}之间的这{len(joins)}个顿号（见各处PN205提示）",
            evidence={**counts[kind_key], "lines": lines[:50], "line_count": len(lines)},
        )


# -- ellipsis (PN207) and dash (PN208) -----------------------------------------------

_ELLIPSIS = patterns.lazy(r"\.\.\.+|。。。+|．．．+|···+|…+")
_DASH = patterns.lazy(r"--+|－－+|──+|━━+|———+|—[ \u3000]—")
# What every match of each holds: the patterns run only in paragraphs that hold one.
_ELLIPSIS_WORDS = ("...", "。。。", "．．．", "···", "…")
_DASH_WORDS = ("--", "－－", "──", "━━", "———", "— —", "—\u3000—")


def _in_chinese(text: str, start: int, end: int, p_start: int, p_end: int) -> bool:
    return is_chinese(_char(text, start - 1, p_start, p_end)) or is_chinese(_char(text, end, p_start, p_end))


def _spans(doc: Document, pattern: re.Pattern[str], words: tuple[str, ...]) -> list[tuple[int, int]]:
    text = doc.text
    found = []
    for paragraph in ranges_holding(text, doc.body_paragraphs, words):
        for match in pattern.finditer(text, paragraph.start, paragraph.end):
            if _in_chinese(text, match.start(), match.end(), paragraph.start, paragraph.end):
                found.append((match.start(), match.end()))
    return found


# 第一章　总则…………1: dot leaders before a page number in a table of contents.
_PAGE_NUMBER_TO_END = patterns.lazy(r"[ \u3000]*[0-9]{1,4}[ \u3000]*$")


def ellipsis_spans(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    found = []
    for paragraph in ranges_holding(text, doc.body_paragraphs, _ELLIPSIS_WORDS):
        for match in _ELLIPSIS.finditer(text, paragraph.start, paragraph.end):
            start, end = match.span()
            if text[start:end] == "……" or not _in_chinese(text, start, end, paragraph.start, paragraph.end):
                continue
            if end - start >= 3 and _PAGE_NUMBER_TO_END.match(text, end, paragraph.end):
                continue
            found.append((start, end))
    return found


@rule(
    "PN207",
    "malformed-ellipsis",
    category="punctuation",
    severity="warning",
    message="省略号写作“{found}”，应为“……”",
    fix="safe",
)
def malformed_ellipsis(doc: Document) -> Iterator[Hit]:
    """An ellipsis written with dots or full stops, or with other than two “…”.

    What it checks:
        In Chinese text: “...”, “。。。”, “．．．”, “···”, a single “…” or three
        and more “…” — not the dot leaders before a page number in a table of
        contents (总则…………1).
    Why it matters:
        GB/T 15834-2011 (4.11): the Chinese ellipsis is six dots in two “…”
        (“……”); full stops and Latin dots are another mark.
    Example:
        加强科技、金融、人才...等方面合作
    Fix:
        Safe: replace by “……”.
    """
    text = doc.text
    for start, end in doc.view(ellipsis_spans):
        found = text[start:end]
        yield Hit(
            start, end, args={"found": found}, suggestion="改为“……”", fix=Fix.at(start=start, end=end, replacement="……")
        )


def dash_spans(doc: Document) -> list[tuple[int, int]]:
    return _spans(doc, _DASH, _DASH_WORDS)


@rule(
    "PN208",
    "malformed-dash",
    category="punctuation",
    severity="warning",
    message="破折号写作“{found}”，应为“——”",
    fix="safe",
)
def malformed_dash(doc: Document) -> Iterator[Hit]:
    """A dash in Chinese text made of hyphens, box-drawing lines or three em dashes.

    What it checks:
        “--”, “－－”, “──” (box drawing), “━━”, “———” or “— —” next to Chinese
        text. A single “—” is left alone: it is also the 一字线 connector
        (北京—上海, 2015—2017).
    Why it matters:
        GB/T 15834-2011 (4.9): the 破折号 is two em dashes “——”; hyphens and
        line-drawing characters look different in print and break searches.
    Example:
        主要任务--推进产业升级
    Fix:
        Safe: replace by “——”.
    """
    text = doc.text
    for start, end in doc.view(dash_spans):
        yield Hit(
            start,
            end,
            args={"found": text[start:end]},
            suggestion="改为“——”",
            fix=Fix.at(start=start, end=end, replacement="——"),
        )


# -- year ranges (PN209, PN210) ------------------------------------------------------

# 2015-2017, 2015—2017年, 2015～2017: two four-digit years joined by one connector.
# The look-behind on the character before the year comes after its first two digits.
_YEAR_RANGE = patterns.lazy(
    r"((?:19|20)(?<![0-9A-Za-z/.\-－—–]..)\d\d)([-－–—～~])((?:19|20)\d\d)(?![0-9A-Za-z\-－—–/.])"
)
# (every match holds one of the connectors)
_CONNECTOR_KIND = {"-": "-", "－": "-", "–": "-", "—": "—", "～": "～", "~": "～"}
_CONNECTOR_NAME = {"-": "短横线“-”", "—": "一字线“—”", "～": "浪纹线“～”"}


class YearRange(NamedTuple):
    start: int
    end: int
    connector_at: int
    kind: str  # "-", "—" or "～"


def year_ranges(doc: Document) -> list[YearRange]:
    text = doc.text
    found = []
    for paragraph in ranges_holding(text, doc.body_paragraphs, _CONNECTOR_KIND):
        for match in _YEAR_RANGE.finditer(text, paragraph.start, paragraph.end):
            if int(match.group(3)) <= int(match.group(1)):
                continue  # not a range of years (a code, a number)
            found.append(YearRange(match.start(), match.end(), match.start(2), _CONNECTOR_KIND[match.group(2)]))
    return found


@rule(
    "PN209",
    "inconsistent-range-connector",
    category="punctuation",
    severity="warning",
    message="年份起止的连接号前后不一致：此处用{found}，本文多数用{majority}",
)
def inconsistent_range_connector(doc: Document) -> Iterator[Hit]:
    """Year ranges written with different connectors in one document.

    What it checks:
        Ranges of two four-digit years (2015-2017, 2015—2017, 2015～2017); when
        more than one connector is used, each use of a less frequent one.
    Why it matters:
        GB/T 15834-2011 (4.13) lets the connector vary with the kind of range,
        but one kind of range should look the same throughout a document.
    Example:
        《三年行动计划（2015—2017）》……《实施方案（2013-2015）》
    Fix:
        Use the document's usual connector (for year ranges GB/T 15834 prefers
        the 一字线 “—”). No automatic fix: the author picks the convention.
    """
    ranges = doc.view(year_ranges)
    counts = Counter(r.kind for r in ranges)
    if len(counts) < 2:
        return
    majority = max(counts, key=lambda k: (counts[k], k == "—"))
    for found in ranges:
        if found.kind != majority:
            yield Hit(
                found.connector_at,
                found.connector_at + 1,
                args={"found": _CONNECTOR_NAME[found.kind], "majority": _CONNECTOR_NAME[majority]},
                suggestion=f"统一使用{_CONNECTOR_NAME[majority]}",
                evidence={"counts": dict(counts)},
            )


@rule(
    "PN210",
    "hyphen-in-year-range",
    category="punctuation",
    severity="info",
    message="年份起止用了短横线“{found}”，GB/T 15834 规定时间起止用一字线“—”",
    fix="safe",
)
def hyphen_in_year_range(doc: Document) -> Iterator[Hit]:
    """A range of years joined with a hyphen (2015-2017) instead of the 一字线 (2015—2017).

    What it checks:
        Two four-digit years, the second later, joined by “-”, “－” or “–”,
        in a document whose year ranges all use that hyphen (a mixed document is
        reported by PN209).
    Why it matters:
        GB/T 15834-2011 (4.13.3): the 一字线 “—” marks the start and end of a
        period (沈括（1031—1095））; the short hyphen is for codes and dates
        written with numbers only (2011-02-15).
    Example:
        《三年行动计划（2015-2017）》  → （2015—2017）
    Fix:
        Safe: replace the hyphen by “—”.
    """
    ranges = doc.view(year_ranges)
    if len({r.kind for r in ranges}) != 1:
        return
    text = doc.text
    for found in ranges:
        if found.kind == "-":
            at = found.connector_at
            yield Hit(
                at,
                at + 1,
                args={"found": text[at]},
                suggestion=f"将“{text[found.start : found.end]}”中的“{text[at]}”改为“—”",
                fix=Fix.at(start=at, end=at + 1, replacement="—"),
            )


# -- spaces inside Chinese text (PN211) ----------------------------------------------

# One ASCII or no-break space between a Chinese character and a digit. A full-width
# space is left alone: 公文 use it on purpose (国务院总理　李克强, 公安部　发展改革委).
# A space between two Chinese characters is PN212's, below.
# A space beside a digit; which side is Chinese is compared in Python (is_han):
# HAN twice in a pattern is slow to compile, at every start.
_SPACE_BY_DIGIT = patterns.lazy("[ \xa0](?:(?<=[0-9][ \xa0])|(?=[0-9]))")
# A heading number or a label before the space: 第一章 1, 1.1 目的, 附件 1, 表 2
_LABEL = patterns.lazy(
    rf"(?:第[0-9{CHINESE_ZEROS}{CHINESE_ONE_TO_NINE}十百]+[章节条款编篇部]|[0-9.]+|附件|附表|表|图|目录|索引|序号)$"
)
_LONG_NUMBER = patterns.lazy(r"[0-9][0-9-]{5}")


def inner_spaces(doc: Document) -> list[int]:
    text = doc.text
    found = []
    # a full date that ends its paragraph: a signature and its date on one line
    dates_to_end = {
        mention.start: mention.end
        for mention in dates(doc)
        if mention.form == "arabic" and mention.year is not None and mention.day is not None
    }
    for paragraph in ranges_holding(text, doc.body_paragraphs, " \xa0"):  # every match is one of them
        p_start, p_end = paragraph.start, paragraph.end
        for match in _SPACE_BY_DIGIT.finditer(text, p_start, p_end):
            at = match.start()
            before = text[at - 1] if at > 0 else ""  # (a lookbehind sees before p_start too)
            after = text[at + 1] if at + 1 < p_end else ""
            if not ((is_han(before) and "0" <= after <= "9") or ("0" <= before <= "9" and is_han(after))):
                continue
            if _char(text, at - 2, p_start, p_end) in SPACES or _char(text, at + 2, p_start, p_end) in SPACES:
                continue  # 第 1 2 3: letter-spaced text
            if _LABEL.match(text, p_start, at):
                continue
            if dates_to_end.get(at + 1) == p_end:
                continue  # signature and date on one line
            if _LONG_NUMBER.match(text, at + 1, p_end):
                continue  # 电话 12345678, 邮编 100032: a code laid out after its label
            found.append(at)
    return found


@rule(
    "PN211",
    "space-beside-number",
    category="punctuation",
    severity="warning",
    message="中文与数字之间有多余的空格",
    fix="safe",
)
def space_in_chinese_text(doc: Document) -> Iterator[Hit]:
    """A space between a Chinese character and a number: 达 543亿元, 1980 年.

    What it checks:
        One ASCII or no-break space with a Chinese character on one side and a
        digit on the other, inside a paragraph. Not reported: the space after a
        heading number or label (1.1 目的, 附件 1), a date after a signature on
        the same line, a code of six digits or more after its label (电话
        12345678), letter-spaced text. A full-width space and a space between
        two Chinese characters are left alone: 公文 use them on purpose
        (国务院总理　李克强, 中共中央 国务院). A space between Chinese and Latin
        letters is never reported, and no rule asks for one: 公文 do not put
        spaces around digits or Latin words.
    Why it matters:
        Chinese text has no spaces between words; a stray space splits a word or
        a number from its unit and is left over from editing.
    Example:
        税收收入达 543亿元  → 达543亿元
    Fix:
        Safe: delete the space.
    """
    for at in doc.view(inner_spaces):
        yield Hit(at, at + 1, suggestion="删去空格", fix=Fix.at(start=at, end=at + 1, replacement=""))


# -- a stray space between two Chinese characters (PN212) ----------------------------

# Spaces between Chinese characters that 公文 write on purpose, and how each is told
# from a slip: letter-spaced words (国 务 院, 组 长：) have a single character between
# two spaces; issuing organs and slogans (《中共中央 国务院关于…》, “才聚江西 智荟赣鄱”)
# stand inside title marks or quotation marks, where only a space that splits a word
# (“多 国多园”) is a slip; bylines, photo credits and name lists (省长 王清宪, 本报记者
# 韩卿立 摄) are short lines, end in 摄, or put several spaces in one clause. What is
# left is a space inside a clause of running text.
RUNNING_TEXT = 30  # characters a paragraph has at least to count as running text
_CLAUSE_ENDS = frozenset("，。；：？！、\n")
_ENCLOSING = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』"}


def _clause(text: str, at: int, start: int, end: int) -> tuple[int, int]:
    """The clause around offset ``at`` within the paragraph [start, end)."""
    left = at
    while left > start and text[left - 1] not in _CLAUSE_ENDS:
        left -= 1
    right = at
    while right < end and text[right] not in _CLAUSE_ENDS:
        right += 1
    return left, right


def _enclosed(text: str, at: int, start: int) -> bool:
    """Is offset ``at`` inside quotation or title marks opened in its paragraph?"""
    open_marks: list[str] = []
    for ch in text[start:at]:
        if ch in _ENCLOSING:
            open_marks.append(_ENCLOSING[ch])
        elif open_marks and ch == open_marks[-1]:
            open_marks.pop()
    return bool(open_marks)


def _han_run(text: str, at: int, step: int, start: int, end: int) -> int:
    """How many Han characters follow (step 1) or precede (step -1) offset ``at``."""
    count = 0
    while start <= at < end and is_han(text[at]):
        count += 1
        at += step
    return count


def stray_spaces(doc: Document) -> list[int]:
    text = doc.text
    found = []
    for paragraph in ranges_holding(text, doc.body_paragraphs, " \xa0"):
        p_start, p_end = paragraph.start, paragraph.end
        if p_end - p_start < RUNNING_TEXT:
            continue
        at = p_start
        while True:
            at = min((i for i in (text.find(" ", at, p_end), text.find("\xa0", at, p_end)) if i >= 0), default=-1)
            if at < 0:
                break
            space = at
            at += 1
            if not (space > p_start and is_han(text[space - 1]) and is_han(_char(text, space + 1, p_start, p_end))):
                continue
            if _letter_spaced(text, space, p_start, p_end):
                continue
            left, right = _clause(text, space, p_start, p_end)
            clause = text[left:right]
            if clause.count(" ") + clause.count("\xa0") + clause.count("\u3000") > 1:
                continue  # a list of names or organs laid out with spaces
            if clause.rstrip("）)").endswith("摄") or "记者" in clause:
                continue  # a photo credit
            if _enclosed(text, space, p_start) and not _splits_word(text[space - 1] + text[space + 1]):
                continue  # a slogan or a title naming several organs
            found.append(space)
    return found


def _letter_spaced(text: str, space: int, start: int, end: int) -> bool:
    """国 务 院, 组 长：: a single character beside the space, with a space beyond it or
    a single character on the other side too."""
    before = _han_run(text, space - 1, -1, start, end)
    after = _han_run(text, space + 1, 1, start, end)
    return (
        (before == 1 and after == 1)
        or (before == 1 and _char(text, space - 2, start, end) in SPACES)
        or (after == 1 and _char(text, space + 2, start, end) in SPACES)
    )


def _splits_word(pair: str) -> bool:
    from checker.model.segmentation import lexicon

    words = lexicon()
    return words is not None and words.is_word(pair)


@rule(
    "PN212",
    "space-between-chinese",
    category="punctuation",
    severity="warning",
    message="句中两个汉字之间有多余的空格",
    fix="unsafe",
)
def space_between_chinese(doc: Document) -> Iterator[Hit]:
    """A space between two Chinese characters inside a sentence: 各单位要认真 落实.

    What it checks:
        One ASCII or no-break space with a Chinese character on each side, inside
        a clause of a paragraph of running text (at least 30 characters). Not
        reported: letter-spaced words (国 务 院, 组 长：), spaces inside quotation
        or title marks (“才聚江西 智荟赣鄱”, 《中共中央 国务院关于……》), a clause
        with several spaces (name lists, organs laid out in a row), photo credits
        (本报记者 某某 摄), short lines such as bylines (省长 某某), and full-width
        spaces, which 公文 use on purpose.
    Why it matters:
        Chinese text has no spaces between words; a space inside a sentence is left
        over from editing or from copying out of a PDF, and splits a word in print.
    Example:
        各单位要认真 落实工作要求。 → 各单位要认真落实工作要求。
    Fix:
        Unsafe: delete the space (check that it does not separate two names).
    """
    for at in doc.view(stray_spaces):
        yield Hit(at, at + 1, suggestion="删去空格", fix=Fix.at(start=at, end=at + 1, replacement="", safety="unsafe"))
