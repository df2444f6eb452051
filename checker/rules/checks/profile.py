"""Profiles (ST2xx): the parts a type of 公文 requires, their order, the rules of a
请示 and a 报告, attachments a 通知 refers to, and the years of the title.

Every rule here reads the document's profile (:mod:`checker.rules.profiles`: asked for
with ``--profile`` or detected from the title) and the outline; a document with
no profile gets no finding from this family.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.core import patterns
from checker.core.marks import CLAUSE_ENDS
from checker.model.dates import extract_dates, extract_years, years_in
from checker.model.document import Document
from checker.model.numerals import ARABIC, CHINESE_ONE_TO_NINE
from checker.model.outline import Node
from checker.model.sentences import units
from checker.rules.profiles import Part, PartMatch, Profile, document_profile, part_matches, top_headings
from checker.rules.registry import Hit, rule

_RECIPIENT_SPLIT = patterns.lazy(r"[、，,；;]")
_ITEM_NUMBER = f"[{ARABIC}{CHINESE_ONE_TO_NINE}十]"  # 附件3, 附件三
# Alternatives that each begin with a literal, so that re skips to their first characters.
_ATTACHMENT_REFERENCE = patterns.lazy(
    r"见附件|详见附件|如附件|按照附件|参照附件|填写附件|填报附件|报送附件"
    rf"|附件{_ITEM_NUMBER}*[）)]"
    rf"|（附件{_ITEM_NUMBER}*(?!略)|\(附件{_ITEM_NUMBER}*(?!略)"
)
_FORWARD = patterns.lazy(r"将|要|计划|力争|争取|预计|拟|确保")


def anchor(doc: Document) -> tuple[int, int]:
    """Where a finding about the whole document points: its title, else its first line."""
    for node in doc.outline.children:
        if node.kind == "title":
            return node.start, node.end
    for paragraph in doc.body_paragraphs[:1]:
        return paragraph.start, paragraph.end
    return 0, 0


def body_end(doc: Document) -> int:
    """End of the main document: its signature, an attached part, or the closing chrome."""
    seen_body = False
    for node in doc.outline.children:
        if node.kind in ("signature", "part") or (node.kind == "chrome" and seen_body):
            return node.start
        if node.kind not in ("header", "chrome"):
            seen_body = True
    return len(doc.text)


_FIRST_CLAUSE = patterns.lazy(r"[^，,。；;：:！？]{1,20}")


def _heading(match: PartMatch) -> Node:
    """The heading a part was found at."""
    return match.node


def _unnumbered_heading_matches(doc: Document, profile: Profile) -> list[tuple[Part, int]]:
    """Parts of a document without numbered headings: short lines that read as headings,
    or the opening words of a paragraph (存在的问题：… / 下一步，我们将…)."""
    found: list[tuple[Part, int]] = []
    skipped = [
        (node.start, node.end)
        for node in doc.outline.children
        if node.kind in ("title", "recipient", "signature", "doc_number")
    ]
    for paragraph in doc.body_paragraphs:
        if any(start <= paragraph.start < end for start, end in skipped):
            continue
        if len(paragraph.text) <= 30 and not any(mark in paragraph.text for mark in "。；，"):
            lead = paragraph.text
        else:
            opening = _FIRST_CLAUSE.match(paragraph.text)
            lead = opening.group() if opening else ""
        for part in profile.parts:
            if any(keyword in lead for keyword in part.match):
                found.append((part, paragraph.start))
    return found


def _part_positions(doc: Document, profile: Profile) -> dict[str, int]:
    positions: dict[str, int] = {}
    if top_headings(doc):
        for match in part_matches(doc):
            positions.setdefault(match.part.id, _heading(match).start)
    else:
        for part, start in _unnumbered_heading_matches(doc, profile):
            positions.setdefault(part.id, start)
    return positions


@rule(
    "ST201",
    "missing-required-part",
    category="structure",
    severity="warning",
    message="缺少必备部分“{part}”：{type}应包含{part}",
)
def missing_required_part(doc: Document) -> Iterator[Hit]:
    """The document lacks a part its profile requires.

    What it checks:
        Each required part of the profile (a 工作总结和工作计划 needs 工作完成情况,
        存在问题 and 工作计划) is looked for among the top-level headings by meaning
        (完成情况/主要成效/工作回顾; 存在问题/不足/困难; 工作计划/工作安排/下一步/打算).
        A document without numbered headings is matched on its short heading-like lines.
    Why it matters:
        A summary without its problems, or a plan without its plan, is sent back by
        any reviewer; the part is usually forgotten, not omitted on purpose.
    Example:
        ……2023年工作总结和2024年工作计划 / 一、2023年工作完成情况 / 二、2024年工作计划
        (no 存在问题 part)
    Fix:
        Add the part, or check with ``--profile`` against another profile.
    """
    profile = document_profile(doc)
    if profile is None or not profile.parts:
        return
    if not top_headings(doc) and not doc.body_paragraphs:
        return
    positions = _part_positions(doc, profile)
    start, end = anchor(doc)
    for part in profile.parts:
        if part.required and part.id not in positions:
            yield Hit(
                start,
                end,
                args={"part": part.name, "type": profile.type, "profile": profile.name},
                suggestion=f"补充“{part.name}”部分（标题可用：{'、'.join(part.match[:4])}等）",
                evidence={"profile": profile.name, "part": part.id, "keywords": part.match},
            )


@rule(
    "ST202",
    "parts-out-of-order",
    category="structure",
    severity="warning",
    message="部分顺序不当：“{later}”应在“{earlier}”之后",
)
def parts_out_of_order(doc: Document) -> Iterator[Hit]:
    """The parts of the document are not in the order its profile gives.

    What it checks:
        For an ordered profile (工作总结和工作计划: 完成情况 → 存在问题 → 工作计划), the
        headings standing for the parts appear in that order.
    Why it matters:
        Readers of a summary expect what was done before what went wrong before
        what comes next; a plan placed before the review reads as an error of
        assembly.
    Example:
        一、2024年工作计划 … 二、2023年工作完成情况
    Fix:
        Move the part to its place and renumber the headings.
    """
    profile = document_profile(doc)
    if profile is None or not profile.ordered:
        return
    positions = _part_positions(doc, profile)
    order = [part for part in profile.parts if part.id in positions]
    for index, part in enumerate(order):
        after = [earlier for earlier in order[:index] if positions[earlier.id] > positions[part.id]]
        if not after:
            continue
        earlier = max(after, key=lambda p: positions[p.id])
        start = positions[part.id]
        line_end = doc.text.find("\n", start)
        yield Hit(
            start,
            line_end if line_end >= 0 else len(doc.text),
            args={"later": part.name, "earlier": earlier.name, "profile": profile.name},
            suggestion=f"将“{part.name}”移到“{earlier.name}”之后",
            evidence={"profile": profile.name, "part": part.id, "should_follow": earlier.id},
        )


@rule(
    "ST203",
    "request-without-closing",
    category="structure",
    severity="warning",
    message="请示缺少结语：未见“{examples}”等请示事项",
)
def request_without_closing(doc: Document) -> Iterator[Hit]:
    """A 请示 does not end by asking for a reply.

    What it checks:
        The body of a document whose profile has a closing request (请示) contains
        one of its phrases: 妥否，请批示 / 请审批 / 请予批准 ….
    Why it matters:
        A 请示 must ask for a decision (《党政机关公文处理工作条例》); without the
        request the higher organ may file it as information.
    Example:
        关于增设科技服务中心的请示 … 特此报告。
    Fix:
        End the body with the request, such as “妥否，请批示。”
    """
    profile = document_profile(doc)
    if profile is None or profile.closing is None:
        return
    body = doc.text[: body_end(doc)]
    if any(phrase in body for phrase in profile.closing.match):
        return
    start, end = last_body_paragraph(doc)
    yield Hit(
        start,
        end,
        args={"examples": "”“".join(profile.closing.match[:3])},
        suggestion="在正文末尾写明请示事项，如“妥否，请批示。”",
        evidence={"profile": profile.name, "phrases": profile.closing.match},
    )


def last_body_paragraph(doc: Document) -> tuple[int, int]:
    """The last paragraph of the main document (before its signature or attachments)."""
    stop = body_end(doc)
    last = None
    for paragraph in doc.body_paragraphs:
        if paragraph.start < stop:
            last = paragraph
    return (last.start, last.end) if last else anchor(doc)


@rule(
    "ST204",
    "recipient-count",
    category="structure",
    severity="warning",
    message={
        "default": "主送机关过多：{type}只能主送一个机关，此处有{count}个",
        "missing": "缺少主送机关：{type}须写明主送机关",
    },
)
def recipient_count(doc: Document) -> Iterator[Hit]:
    """A document names more (or fewer) recipients than its type allows.

    What it checks:
        For a profile with a recipient count (请示: exactly one), the 主送机关 line
        under the title is split on 、 and ，.
    Why it matters:
        A 请示 goes to one higher organ; sending it to several leaves no one
        responsible for the answer (《党政机关公文处理工作条例》第十五条).
    Example:
        区人民政府、区财政局：
    Fix:
        Keep one recipient; send copies with 抄送.
    """
    profile = document_profile(doc)
    if profile is None or profile.recipients is None:
        return
    recipients = [node for node in doc.outline.children if node.kind == "recipient"]
    if not recipients:
        if profile.recipients.min > 0:
            start, end = anchor(doc)
            yield Hit(
                start,
                end,
                args={"type": profile.type},
                variant="missing",
                suggestion="在标题下一行写明主送机关，以全角冒号结尾",
                evidence={"profile": profile.name},
            )
        return
    node = recipients[0]
    names = [name for name in _RECIPIENT_SPLIT.split((node.title or "").rstrip("：:")) if name.strip()]
    if profile.recipients.max is not None and len(names) > profile.recipients.max:
        yield Hit(
            node.start,
            node.end,
            args={"type": profile.type, "count": len(names)},
            suggestion="只保留一个主送机关，其他机关列入抄送",
            evidence={"profile": profile.name, "recipients": names},
        )


@rule("ST205", "forbidden-request", category="structure", severity="warning", message="{type}中夹带{what}：“{phrase}”")
def forbidden_request(doc: Document) -> Iterator[Hit]:
    """A document contains wording its type must not contain: a 报告 asking for approval.

    What it checks:
        The body of a document whose profile forbids phrases (报告: 请批示, 请审批,
        请予批准 …) does not contain them.
    Why it matters:
        《党政机关公文处理工作条例》第十五条: 报告 must not carry a request; the higher
        organ does not reply to a 报告, so the request is never answered.
    Example:
        关于2023年科技创新工作情况的报告 … 妥否，请批示。
    Fix:
        Remove the request from the 报告 and send it as a separate 请示.
    """
    profile = document_profile(doc)
    if profile is None or not profile.forbidden:
        return
    stop = body_end(doc)
    for phrases in profile.forbidden:
        pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases.match, key=len, reverse=True)))
        for match in pattern.finditer(doc.text, 0, stop):
            if not doc.in_body(match.start()):
                continue
            yield Hit(
                match.start(),
                match.end(),
                args={"type": profile.type, "what": phrases.name, "phrase": match.group()},
                suggestion="删去请示内容，另行以请示行文",
                evidence={"profile": profile.name, "phrase": match.group()},
            )


@rule(
    "ST206",
    "missing-attachment-note",
    category="structure",
    severity="warning",
    message="正文提到附件（“{reference}”），但没有附件说明",
)
def missing_attachment_note(doc: Document) -> Iterator[Hit]:
    """The body refers to an attachment but the document has no 附件 note.

    What it checks:
        In a document whose profile asks for it (通知), a reference such as 见附件,
        （附件1） or 填写附件 in the body requires an 附件： note after the body.
    Why it matters:
        GB/T 9704-2012 §7.3.4: attachments are listed in an 附件说明 under the body;
        without it the reader cannot tell what should be attached.
    Example:
        请于5月31日前填写统计表（见附件）并报送。 … (no 附件：… line)
    Fix:
        Add 附件：统计表名称 under the body, before the signature.
    """
    profile = document_profile(doc)
    if profile is None or profile.attachment_note != "when-referenced":
        return
    if doc.outline.find("attachment_note") or doc.outline.find("attachment_label"):
        return  # a note, or the attachment itself under its 附件 label
    stop = body_end(doc)
    for paragraph in doc.body_paragraphs:
        if paragraph.start >= stop:
            break
        match = _ATTACHMENT_REFERENCE.search(paragraph.text)
        if match:
            yield Hit(
                paragraph.start + match.start(),
                paragraph.start + match.end(),
                args={"reference": match.group()},
                suggestion="在正文之后、落款之前加附件说明，如“附件：统计表名称”",
                evidence={"profile": profile.name},
            )
            return


# A heading's year that starts a span (2018年以来工作回顾) is not the year of the part.
_SINCE = ("以来", "来")


def _heading_years(title: str) -> list[int]:
    return [year.value for year in extract_years(title) if not year.decade and not title.startswith(_SINCE, year.end)]


def _title_years(doc: Document) -> list[int]:
    """The years of the title proper, not of a subtitle run into it (——2026年1月26日在……);
    when only the subtitle dates the document, the year it is given for."""
    title = doc.title or ""
    main, _, subtitle = title.partition("——")
    if years_in(main) or not subtitle:
        return years_in(main)
    for mention in extract_dates(subtitle):
        given = mention.as_date()
        if given is not None:  # a report given in the last months of a year is about the next
            return [given.year + 1] if given.month >= 11 else [given.year]
    return years_in(subtitle)


def _reviews_the_year_before(found: list[int], plan_year: int, title_years: list[int]) -> bool:
    """一、2025年主要工作 in a report for 2026 that reviews the year before (政府工作报告) and
    has no heading in the review's own words (工作回顾): a heading of the year before the
    document's, which the title does not name as a year of its own, is that review, even
    when its words (主要工作) are also a plan's."""
    return found == [plan_year - 1] and plan_year - 1 not in title_years


@rule(
    "ST207",
    "title-year-mismatch",
    category="structure",
    severity="error",
    message="年份与标题不符：标题是{expected}年的{part}，此处写作{found}年",
)
def title_year_mismatch(doc: Document) -> Iterator[Hit]:
    """The year in a part's heading is not the year the title gives that part.

    What it checks:
        For a profile with title years (工作总结和工作计划), the title's first year is
        the year of the summary parts and its last year the year of the plan part:
        2015年工作总结和2016年工作计划 → 一、2015年工作完成情况 … 三、2016年工作计划;
        a 政府工作报告 of 2026 reviews 2025 (一、2025年工作回顾) and plans 2026.
    Why it matters:
        A summary reused from the year before keeps its old headings; a heading
        year that disagrees with the title shows the text was not fully updated.
    Example:
        标题 2023年工作总结和2024年工作计划 / 三、2023年工作计划
    Fix:
        Correct the year in the heading (or in the title).
    """
    profile = document_profile(doc)
    if profile is None or not profile.title_years:
        return
    years = _title_years(doc)
    roles = {part.year for part in profile.parts if part.year}
    # a report that reviews the year before under no heading of the review's own words
    reviews_previous = any(part.role == "done" and part.year == "previous" for part in profile.parts) and not any(
        match.part.role == "done" for match in part_matches(doc)
    )
    if not years or (len(years) < 2 and {"first", "last"} <= roles):
        return  # 2023年工作总结和工作计划: one year for two parts says nothing about either
    for match in part_matches(doc):
        if match.part.year is None:
            continue
        expected = {"first": years[0], "last": years[-1], "previous": years[-1] - 1}[match.part.year]
        found = _heading_years(_heading(match).title or "")
        if match.part.role == "plan" and reviews_previous and _reviews_the_year_before(found, expected, years):
            continue
        if found and expected not in found:
            heading = doc.text[_heading(match).head_start : _heading(match).head_end]
            at = heading.find(str(found[0]))
            start = _heading(match).head_start + max(at, 0)
            yield Hit(
                start,
                start + (len(str(found[0])) if at >= 0 else len(heading)),
                args={"expected": expected, "part": match.part.name, "found": found[0]},
                suggestion=f"核对年份，应为“{expected}年”",
                evidence={"title_years": years, "heading_years": found, "part": match.part.id},
            )


@rule(
    "ST208",
    "year-tense-mismatch",
    category="structure",
    severity="warning",
    message={
        "default": "计划部分把已过去的{year}年写成将来：“{clause}”",
        "done": "总结部分把尚未到来的{year}年写成已完成：“{clause}”",
    },
)
def year_tense_mismatch(doc: Document) -> Iterator[Hit]:
    """A plan part treats the summary year as future, or a summary part the plan year as past.

    What it checks:
        In a document with a summary year and a plan year in its title
        (2015年工作总结和2016年工作计划): in the plan part, a clause that opens with the
        summary year and looks forward (2015年，我们将 … 2015年要 …); in the summary
        part, a clause that opens with the plan year and reports results (2016年，全区
        完成 … 实现 …) when the document was signed before the plan year began.
    Why it matters:
        Text copied from last year's document keeps the old year; the plan then
        promises work for a year that is over, or the summary reports results of a
        year that has not begun.
    Example:
        三、2024年工作计划 / 2023年，我们将重点做好以下工作：
    Fix:
        Replace the year with the right one.
    """
    from checker.model.dates import document_date

    profile = document_profile(doc)
    if profile is None or not profile.title_years:
        return
    years = _title_years(doc)
    if len(years) < 2 or years[0] >= years[-1]:
        return
    past, coming = years[0], years[-1]
    for node in (_heading(m) for m in part_matches(doc) if m.part.role == "plan"):
        for start, clause in _clauses_opening_with(doc, node, past, _FORWARD):
            yield Hit(
                start,
                start + len(f"{past}年"),
                args={"year": past, "clause": clause[:30]},
                suggestion=f"核对年份，计划部分应为“{coming}年”",
                evidence={"title_years": years},
            )
    issued = document_date(doc)
    if issued is None or issued.year >= coming:
        return
    for node in (_heading(m) for m in part_matches(doc) if m.part.role == "done"):
        for start, clause in _clauses_opening_with(doc, node, coming, _DONE):
            if _FORWARD.search(clause):
                continue
            yield Hit(
                start,
                start + len(f"{coming}年"),
                args={"year": coming, "clause": clause[:30]},
                variant="done",
                suggestion=f"核对年份，总结部分应为“{past}年”",
                evidence={"title_years": years, "issued": issued.isoformat()},
            )


_DONE = patterns.lazy(r"完成|实现|达到|取得|新增|累计|建成|增长")


def _clauses_opening_with(doc: Document, node: Node, year: int, verbs: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """(offset, clause) of the clauses in ``node`` that open with ``year``年 (a year on its
    own, not 2016年3月) and contain one of ``verbs`` within a few characters."""
    ends = re.escape(CLAUSE_ENDS)
    pattern = re.compile(
        rf"[ \t\u3000]*({year}年(?![{ARABIC}]|底前|前|以来)[，,]?"
        rf"[^{ends}]{{0,12}}?(?:{verbs.pattern}))"
    )
    text, clause_ends = doc.text, units(doc).clause_ends
    for end in clause_ends.between(node.head_end, node.end):
        match = pattern.match(text, end + 1, node.end)
        if match is not None:
            clause_end = clause_ends.end_of(match.start(1), len(text))
            yield match.start(1), text[match.start(1) : clause_end].rstrip(CLAUSE_ENDS)
