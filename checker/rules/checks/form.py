"""Form elements of a 公文 on plain text (ST3xx), after GB/T 9704-2012: 发文字号,
附件说明, 主送机关, and the signature block.

Reads the outline (doc_number, attachment_note/attachment_item, attachment_label,
recipient and signature nodes); only a 发文字号 cited inside a sentence is found
here, since the outline classifies lines, not the words in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from checker.core import patterns
from checker.core.models import Fix, Severity
from checker.model.document import Document
from checker.model.numerals import ARABIC_DIGITS, to_int
from checker.model.outline import Node
from checker.model.tokens import grammar_terminals
from checker.rules.registry import Hit, rule

_ORGAN_LONGEST = 10


class _DocNumberPatterns(NamedTuple):
    whole: re.Pattern[str]  # organ code, bracketed year, 第, serial number, 号: in named groups
    # what follows the organ code: the pattern above begins with a lazy run of Han
    # characters, which the engine tries at every Han character; this is found quickly
    core: re.Pattern[str]
    organ_code: re.Pattern[str]  # one character of an organ's code


@lru_cache(maxsize=1)
def _doc_number_patterns() -> _DocNumberPatterns:
    """The patterns of a 发文字号, built from the terminals of grammar/doc_number.lark."""
    piece = grammar_terminals("doc_number.lark")
    core = f"{piece['YEAR_OPEN']}{piece['DOC_YEAR']}{piece['YEAR_CLOSE']}第?{piece['SERIAL']}号"
    return _DocNumberPatterns(
        whole=re.compile(
            rf"(?P<organ>{piece['ORGAN_CODE']}{{1,{_ORGAN_LONGEST}}}?)(?P<open>{piece['YEAR_OPEN']})"
            rf"(?P<year>{piece['DOC_YEAR']})(?P<close>{piece['YEAR_CLOSE']})(?P<di>第?)(?P<number>{piece['SERIAL']})号"
        ),
        core=re.compile(core),
        organ_code=re.compile(piece["ORGAN_CODE"]),
    )


def doc_numbers(text: str) -> Iterator[re.Match[str]]:
    """The matches of the 发文字号 pattern's ``finditer(text)``, found from their bracketed
    years: a match begins at the first of the (at most ten) characters of an organ's code
    before its bracket that follow the previous match."""
    found_patterns = _doc_number_patterns()
    organ_code = found_patterns.organ_code
    end = 0
    for core in found_patterns.core.finditer(text):
        bracket = core.start()
        if bracket < end:
            continue
        start = bracket
        while start > max(end, bracket - _ORGAN_LONGEST) and organ_code.match(text, start - 1):
            start -= 1
        if start == bracket:
            continue  # no organ before the bracket
        found = found_patterns.whole.match(text, start)
        if found is not None:
            yield found
            end = found.end()


# A 发文字号 cited in a sentence follows its organ code (国发, 财税, 粤府办); a bracketed year
# after a function word (按照（2016）3号 …) is not taken for one.
_NOT_ORGAN_END = "的在于年和与及是为对按据照见第共约或并把将从由向经"


def _doc_number_problems(match: re.Match[str], offset: int) -> tuple[list[str], Fix | None, str]:
    """(problems, fix, corrected text) of one 发文字号."""
    problems = []
    year, number = match.group("year"), match.group("number")
    if match.group("open") != "〔" or match.group("close") != "〕":
        problems.append("年份应用六角括号〔〕")
    if len(year) != 4:
        problems.append("年份应写全四位")
    if match.group("di"):
        problems.append("序号前不加“第”")
    if len(number) > 1 and number.startswith(("0", "０")):
        problems.append("序号不编虚位（不加0）")
    corrected = f"{match.group('organ')}〔{year}〕{number.lstrip('0０') or number}号"
    fix = None
    if problems and len(year) == 4:
        fix = Fix.at(start=offset + match.start(), end=offset + match.end(), replacement=corrected, safety="safe")
    return problems, fix, corrected


@rule(
    "ST301",
    "doc-number-form",
    category="structure",
    severity="warning",
    fix="safe",
    message="发文字号格式不规范：“{number}”，{problems}",
)
def doc_number_form(doc: Document) -> Iterator[Hit]:
    """A 发文字号 is not written as GB/T 9704-2012 asks.

    What it checks:
        The 发文字号 under the title, and those cited in the body (国发〔2016〕3号):
        the year in six-sided brackets 〔〕, all four digits of it, no 第 before the
        serial number, no leading zero (GB/T 9704-2012 §7.2.4).
    Why it matters:
        The 发文字号 identifies the document; a wrong form makes it hard to find
        and shows the document was not checked.
    Example:
        粤府[2016]第03号
    Fix:
        Safe (when the year has four digits): rewrite it as 粤府〔2016〕3号.
    """
    seen: set[int] = set()
    for node in doc.outline.walk():
        if node.kind != "doc_number":
            continue
        match = _doc_number_patterns().whole.search(doc.text, node.start, node.end)
        if match is None:
            continue
        seen.add(match.start())
        yield from _doc_number_hit(doc, match)
    for paragraph in doc.body_paragraphs:
        if "号" not in paragraph.text:
            continue  # every 发文字号 ends in 号; the pattern would try each character first
        for match in doc_numbers(paragraph.text):
            start = paragraph.start + match.start()
            if start in seen or match.group("organ")[-1] in _NOT_ORGAN_END:
                continue
            if len(match.group("year")) != 4:
                continue  # （16）3号 in running text is more likely something else
            shifted = _doc_number_patterns().whole.match(doc.text, start)
            if shifted is not None:
                yield from _doc_number_hit(doc, shifted)


def _doc_number_hit(doc: Document, match: re.Match[str]) -> Iterator[Hit]:
    problems, fix, corrected = _doc_number_problems(match, 0)
    if not problems:
        return
    yield Hit(
        match.start(),
        match.end(),
        args={"number": match.group(), "problems": "；".join(problems)},
        suggestion=f"改为“{corrected}”",
        fix=fix,
        evidence={"problems": problems},
    )


def _attachment_notes(doc: Document) -> list[Node]:
    """附件说明 nodes of the main document (not the labels of attached documents)."""
    return [node for node in doc.outline.walk() if node.kind == "attachment_note"]


_NAME_END_PUNCTUATION = "。；;，,.、：:"
_NUMBER_WITH_COMMA = patterns.lazy(r"[0-9０-９]{1,2}、")


@rule(
    "ST302",
    "attachment-note-form",
    category="structure",
    severity="info",
    fix="safe",
    message={
        "default": "附件说明格式不规范：{problem}",
        "unnumbered": "附件说明格式不规范：有{count}个附件，应标注序号“1.”“2.”……",
    },
)
def attachment_note_form(doc: Document) -> Iterator[Hit]:
    """The 附件说明 under the body is not in the GB/T 9704-2012 form.

    What it checks:
        附件： with a full-width colon; several attachments numbered 1. 2. …;
        no punctuation after an attachment's name (GB/T 9704-2012 §7.3.4).
    Why it matters:
        The note is how a reader checks that every attachment is there; a
        uniform form is what makes it readable.
    Example:
        附件:统计表。
    Fix:
        Safe: full-width colon, drop the punctuation after the name. Numbering
        several attachments is left to the writer.
    """
    for note in _attachment_notes(doc):
        marker = doc.text[note.marker_start : note.marker_end]
        colon = marker.find(":")
        if colon >= 0:
            at = note.marker_start + colon
            yield Hit(
                at,
                at + 1,
                args={"problem": "“附件”后应用全角冒号“：”"},
                suggestion="改为“附件：”",
                fix=Fix.at(start=at, end=at + 1, replacement="：", safety="safe"),
                evidence={"problem": "half-width-colon"},
            )
        items = [child for child in note.children if child.kind == "attachment_item"]
        if not items and note.end > note.marker_end:  # 附件：名称 on the note's own line
            items_spans = [(note.marker_end, note.head_end)]
        else:
            items_spans = [(item.start, item.end) for item in items]
        if len(items) > 1 and any(item.number is None for item in items):
            first = next(item for item in items if item.number is None)
            yield Hit(
                first.start,
                first.end,
                args={"count": len(items)},
                variant="unnumbered",
                suggestion="按“1.名称”“2.名称”标注附件序号",
                severity=Severity.warning,
                evidence={"items": len(items)},
            )
        for start, end in items_spans:
            name = doc.text[start:end].rstrip(" \t\u3000")
            comma = _NUMBER_WITH_COMMA.match(name)
            if comma:  # 1、名称: GB/T 9704-2012 §7.3.4 numbers attachments 1. 2.
                at = start + comma.end() - 1
                yield Hit(
                    at,
                    at + 1,
                    args={"problem": "附件序号应写作“1.”，不用顿号“、”"},
                    suggestion="将序号后的“、”改为“.”",
                    fix=Fix.at(start=at, end=at + 1, replacement=".", safety="safe"),
                    evidence={"problem": "comma-after-number"},
                )
            if name and name[-1] in _NAME_END_PUNCTUATION:
                at = start + len(name) - 1
                yield Hit(
                    at,
                    at + 1,
                    args={"problem": f"附件名称后不加标点“{name[-1]}”"},
                    suggestion="删去附件名称后的标点",
                    fix=Fix.at(start=at, end=at + 1, replacement="", safety="safe"),
                    evidence={"problem": "punctuation-after-name", "mark": name[-1]},
                )


def _label_numbers(doc: Document) -> set[int] | None:
    """Numbers of the attached documents present in the text (附件 alone counts as 1)."""
    labels = [node for node in doc.outline.walk() if node.kind == "attachment_label"]
    if not labels:
        return None
    numbers = set()
    for label in labels:
        digits = "".join(ch for ch in label.title or "" if ch in ARABIC_DIGITS)
        number = to_int(digits) if digits else None
        numbers.add(1 if number is None else number)
    return numbers


@rule(
    "ST303",
    "attachment-not-included",
    category="structure",
    severity="warning",
    message="附件说明列出的“{name}”未见随文附上（正文后只有{present}）",
)
def attachment_not_included(doc: Document) -> Iterator[Hit]:
    """An attachment named in the 附件说明 is missing from the attachments that follow.

    What it checks:
        When the attached documents are in the text (labelled 附件1, 附件2 … after
        the signature), each numbered item of the 附件说明 has its labelled document.
    Why it matters:
        A missing attachment is the commonest reason a 通知 is re-issued.
    Example:
        附件：1.统计表 2.名单 … 落款 … 附件1 统计表 …（no 附件2）
    Fix:
        Attach the missing document, or remove it from the note.
    """
    present = _label_numbers(doc)
    if not present:
        return
    for note in _attachment_notes(doc):
        items = [child for child in note.children if child.kind == "attachment_item"]
        if len(items) < 2:
            continue
        for position, item in enumerate(items, start=1):
            number = item.number or position
            if number not in present:
                shown = "、".join(f"附件{n}" for n in sorted(present))
                yield Hit(
                    item.start,
                    item.end,
                    args={"name": item.title or f"附件{number}", "present": shown},
                    suggestion="补上该附件，或从附件说明中删去",
                    evidence={"item": number, "present": sorted(present)},
                )


@rule(
    "ST304", "recipient-colon", category="structure", severity="info", fix="safe", message="主送机关后应用全角冒号“：”"
)
def recipient_colon(doc: Document) -> Iterator[Hit]:
    """The 主送机关 line ends with a half-width colon.

    What it checks:
        The recipient line under the title (各区人民政府，市政府各部门:) ends with the
        full-width colon “：” (GB/T 9704-2012 §7.3.2).
    Why it matters:
        Chinese text takes full-width punctuation; the recipient line is the first
        line a reader sees after the title.
    Example:
        各街道办事处:
    Fix:
        Safe: replace “:” with “：”.
    """
    for node in doc.outline.children:
        if node.kind == "recipient" and doc.text[node.end - 1] == ":":
            yield Hit(
                node.end - 1,
                node.end,
                suggestion="改为“：”",
                fix=Fix.at(start=node.end - 1, end=node.end, replacement="：", safety="safe"),
            )


def _has_body(doc: Document) -> bool:
    return any(node.kind in ("heading", "paragraph") for node in doc.outline.children)


@rule(
    "ST305",
    "signature-missing",
    category="structure",
    severity="warning",
    message="缺少落款：{type}应在正文之后署发文机关名称和成文日期",
)
def signature_missing(doc: Document) -> Iterator[Hit]:
    """A document whose profile requires a signature has none.

    What it checks:
        For profiles with ``signature: required`` (工作总结, 请示, 报告 …): a block of
        one to three short organ lines followed by a date line closes the body.
    Why it matters:
        Without the organ and the date the document has no author and no date of
        effect (GB/T 9704-2012 §7.3.5).
    Example:
        …… 特此报告。 (end of text)
    Fix:
        Add the issuing organ and the date, such as 青山区科学技术局 / 2024年2月20日.
    """
    from checker.rules.profiles import document_profile

    profile = document_profile(doc)
    if profile is None or profile.signature != "required" or not _has_body(doc):
        return
    if any(node.kind == "signature" for node in doc.outline.children):
        return
    last = [p for p in doc.body_paragraphs if doc.in_body(p.start)]
    if not last:
        return
    end_paragraph = last[-1]
    yield Hit(
        end_paragraph.start,
        end_paragraph.end,
        args={"type": profile.type},
        suggestion="在正文之后另起一行署发文机关名称，下一行写成文日期",
        evidence={"profile": profile.name},
    )


_AFTER_SIGNATURE_OK = patterns.lazy(
    r"(?:抄送|抄报|主送|印发|（此件|\(此件|此页无正文|附件|联系人|联系电话|（联系|\(联系)"
)


@rule(
    "ST306",
    "signature-not-last",
    category="structure",
    severity="warning",
    message="落款之后仍有正文：落款应在正文之后",
)
def signature_not_last(doc: Document) -> Iterator[Hit]:
    """Body text follows the signature block.

    What it checks:
        After the signature (organ and date), only attached documents (附件1 …,
        or a new title), the 版记 (抄送, 印发) and page chrome may follow — not a
        numbered heading or a sentence of the body.
    Why it matters:
        A paragraph after the signature was pasted in the wrong place, or the
        signature was put in before the body was finished.
    Example:
        …… 青山区人民政府 / 2024年3月8日 / 四、其他事项。本通知自印发之日起施行。
    Fix:
        Move the text above the signature.
    """
    children = doc.outline.children
    for index, node in enumerate(children):
        if node.kind != "signature":
            continue
        following = children[index + 1] if index + 1 < len(children) else None
        if following is None or following.kind != "part" or not following.children:
            continue
        first = following.children[0]
        text = doc.text[first.start : first.head_end]
        if _AFTER_SIGNATURE_OK.match(text):
            continue
        if first.kind == "heading" or (
            first.kind == "paragraph" and len(text) > 40 and text.endswith(("。", "；", "！", "？"))
        ):
            yield Hit(
                first.head_start,
                first.head_end,
                suggestion="将该段移到落款之前",
                evidence={"signature_line": doc.position(node.start)[0]},
            )
        return
