"""Profiles, continued (ST209-ST211): wording a type of 公文 is expected to carry, the
issuer and date of types that may show them in a note under the title, and the one
matter of a 请示.

Like ``checker/rules/checks/profile.py`` every rule here reads the document's profile and
the outline. A text whose lines were lost (one paragraph for the whole document)
shows no opening, closing or signature, so these rules stay silent on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from checker.core import patterns
from checker.core.models import Severity
from checker.model.dates import date_pieces, extract_dates
from checker.model.document import Document, Paragraph
from checker.rules.checks.profile import anchor, body_end, last_body_paragraph
from checker.rules.profiles import document_profile
from checker.rules.registry import Hit, rule

_HEAD_KINDS = ("title", "doc_number", "recipient", "header", "chrome")
_OPENING_PARAGRAPHS = 3
_CLOSING_PARAGRAPHS = 2
_PLACE = {"opening": "正文开头", "closing": "正文结尾", "anywhere": "正文中"}


@lru_cache(maxsize=1)
def _adoption_note() -> re.Pattern[str]:
    """A note under the title giving who adopted or issued the document and when:
    （2024年3月11日第十四届全国人民代表大会第二次会议通过）, （国务院2024年5月1日发布）."""
    pieces = date_pieces()
    return re.compile(
        rf"[（(][^（）()]{{0,60}}(?:{pieces.arabic_year}|{pieces.chinese_year})\s*年"
        r"[^（）()]{0,60}(?:通过|发布|公布|批准|印发|签署)[^（）()]{0,10}[)）]"
    )


def _date_only(line: str) -> bool:
    """A date alone on a line near the title (统计公报: 国家统计局 / 2024年2月29日)."""
    mentions = extract_dates(line)
    return (
        len(mentions) == 1
        and mentions[0].form != "numeric"
        and (mentions[0].start, mentions[0].end) == (0, len(line))
        and mentions[0].year is not None
        and mentions[0].day is not None
    )


# The sentence that closes a request for a decision: 妥否，请批示 / 以上请示，请审批 / 特此请示.
_REQUEST_END = patterns.lazy(
    r"(?:妥否|当否|可否|是否妥当|是否可行|以上请示(?:事项)?|上述请示(?:事项)?)"
    r"[，,]?\s*(?:请|恳请|敬请|望)予?(?:批示|批复|审批|审示|核示|指示|审定|核准)"
    r"|特此请示"
)


def _structure_visible(doc: Document) -> bool:
    """A text with its lines: at least a title and two paragraphs of body."""
    return len(doc.body_paragraphs) >= 3


def _head_spans(doc: Document) -> list[tuple[int, int]]:
    return [(node.start, node.end) for node in doc.outline.children if node.kind in _HEAD_KINDS]


def _main_paragraphs(doc: Document) -> list[Paragraph]:
    """The paragraphs of the main document's body: not its title, number, recipient,
    signature, attached parts or page furniture."""
    stop = body_end(doc)
    head = _head_spans(doc)
    return [p for p in doc.body_paragraphs if p.start < stop and not any(start <= p.start < end for start, end in head)]


def _title_span(doc: Document) -> tuple[int, int] | None:
    for node in doc.outline.children:
        if node.kind == "title":
            return node.start, node.end
    return None


def _search_spans(doc: Document, where: str) -> list[tuple[int, int]]:
    paragraphs = _main_paragraphs(doc)
    if where == "opening":
        spans = [(p.start, p.end) for p in paragraphs[:_OPENING_PARAGRAPHS]]
        title = _title_span(doc)
        return ([title] if title else []) + spans
    if where == "closing":
        return [(p.start, p.end) for p in paragraphs[-_CLOSING_PARAGRAPHS:]]
    return [(p.start, p.end) for p in paragraphs]


@rule(
    "ST209", "missing-expected-wording", category="structure", severity="warning", message="缺少{name}：{type}{reason}"
)
def missing_expected_wording(doc: Document) -> Iterator[Hit]:
    """The document lacks wording its type is expected to carry.

    What it checks:
        Each ``expected`` entry of the profile is looked for where it belongs: in the
        opening (the title and the first three paragraphs), the closing (the last two
        paragraphs before the signature) or anywhere in the body. A 批复 cites the
        请示 it answers (你局《关于……的请示》收悉); a 议案 ends by submitting the matter
        (现提请审议); a 纪要 names who attended (出席); a 令 carries its number
        (第706号). An entry may apply only to some titles (复函) and may be info only.
    Why it matters:
        These are the parts by which a reader recognises what the document answers,
        asks or records (《党政机关公文处理工作条例》第八条, GB/T 9704-2012 第10章);
        without them the document cannot do its work.
    Example:
        国务院关于同意设立某新区的批复 / 某省人民政府： / 同意设立某新区。
        (the 请示 it answers is not cited)
    Fix:
        Add the wording in its place, such as “你省《关于设立某新区的请示》收悉。”
    """
    profile = document_profile(doc)
    if profile is None or not profile.expected or not _structure_visible(doc):
        return
    title = doc.title or ""
    for item in profile.expected:
        if not item.applies_to(title):
            continue
        spans = _search_spans(doc, item.where)
        if not spans or item.found_in(doc.text, spans):
            continue
        start, end = last_body_paragraph(doc) if item.where == "closing" else anchor(doc)
        yield Hit(
            start,
            end,
            args={"name": item.name, "type": profile.type, "reason": item.reason, "profile": profile.name},
            severity=Severity(item.severity),
            suggestion=f"在{_PLACE[item.where]}补充{item.name}",
            evidence={
                "profile": profile.name,
                "expected": item.name,
                "where": item.where,
                "looked_for": item.match + item.patterns,
            },
        )


def _issue_note(doc: Document) -> bool:
    """A note under the title saying who adopted or issued it and when, or a date line
    right under the title."""
    title = _title_span(doc)
    note = _adoption_note()
    if title and note.search(doc.text, *title):
        return True
    for paragraph in _main_paragraphs(doc)[:2]:  # right under the title, not an attached text's note
        if note.search(paragraph.text) or _date_only(paragraph.text):
            return True
    return any(node.kind == "date" for node in doc.outline.children)


@rule(
    "ST210",
    "missing-issuer-and-date",
    category="structure",
    severity="warning",
    message="未见发文机关和日期：{type}应有落款（发文机关署名和成文日期）或标题下的题注（如“（2024年3月11日……会议通过）”）",
)
def missing_issuer_and_date(doc: Document) -> Iterator[Hit]:
    """A 决定, 公告, 通告, 公报 or 令 shows neither a signature nor a note of its adoption.

    What it checks:
        For a profile with ``issued: signature-or-note``: the document has a signature
        block (organ and date, or the signer and date of a 令), or a note under the
        title (（2024年3月11日第十四届全国人民代表大会第二次会议通过）) or a date line
        right under the title.
    Why it matters:
        A decision or announcement takes effect from an issuer and a date
        (GB/T 9704-2012 §7.3.5); a meeting's decision gives them in the note under
        its title instead of a signature. Without either, no one can tell who
        decided it, or since when it applies.
    Example:
        某市人民政府关于某事项的决定 / …… / (no signature, no note)
    Fix:
        Add the signature (organ, date), or the note under the title.
    """
    profile = document_profile(doc)
    if profile is None or profile.issued != "signature-or-note" or not _structure_visible(doc):
        return
    if any(node.kind == "signature" for node in doc.outline.children) or _issue_note(doc):
        return
    start, end = anchor(doc)
    yield Hit(
        start,
        end,
        args={"type": profile.type},
        suggestion="在正文之后署发文机关名称和成文日期，或在标题下加题注",
        evidence={"profile": profile.name},
    )


@rule(
    "ST211",
    "request-several-matters",
    category="structure",
    severity="warning",
    message="一文多事：请示中有{count}处请示结语（“{first}”“{second}”），一件请示只应请示一件事",
)
def request_several_matters(doc: Document) -> Iterator[Hit]:
    """A 请示 asks for several decisions: it closes more than one request.

    What it checks:
        For a profile with ``one_matter`` (请示): the closing sentence of a request
        (妥否，请批示 / 以上请示，请审批 / 特此请示) occurs in paragraphs of the body
        with other text between them. Each closing ends one request; two mean two
        matters. A closing alone on the line after another (妥否，请批示。/ 特此请示。)
        counts once.
    Why it matters:
        《党政机关公文处理工作条例》第十五条: 请示应当一文一事. A 请示 with several
        matters cannot be approved in part, and is usually sent back.
    Example:
        关于增设服务中心的请示 … 妥否，请批示。 / 另，关于追加经费… 妥否，请批示。
    Fix:
        Split the document into one 请示 per matter.
    """
    profile = document_profile(doc)
    if profile is None or not profile.one_matter or not _structure_visible(doc):
        return
    closings, last_index = [], None
    for index, paragraph in enumerate(_main_paragraphs(doc)):
        match = _REQUEST_END.search(paragraph.text)
        if match is None:
            continue
        alone = len(paragraph.text) - len(match.group()) <= 4  # 特此请示。 on its own line
        if last_index is None or index > last_index + 1 or not alone:  # 妥否，请批示。/ 特此请示。: one
            closings.append((paragraph.start + match.start(), paragraph.start + match.end(), match.group()))
        last_index = index
    if len(closings) < 2:
        return
    start, end, second = closings[1]
    yield Hit(
        start,
        end,
        args={"count": len(closings), "first": closings[0][2], "second": second},
        suggestion="按“一文一事”拆分为多件请示，每件只请示一个事项",
        evidence={"profile": profile.name, "closings": [c[2] for c in closings]},
    )
