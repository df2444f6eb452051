"""Genre and direction (ST212-ST215): the wording, recipients, copies and closing a
type of 公文 takes for the way it goes — upward (请示, 报告), downward (通知, 批复) or
between equals (函).

Each rule reads the document's profile (``direction``, ``wording``, ``lower_bodies``,
``closings``, ``recipients.organ`` in ``rules/profiles``) and the outline; a document
without a profile, or whose profile says nothing of these, gets no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.core import patterns
from checker.core.models import Severity
from checker.model.document import Document, Paragraph
from checker.model.pairs import paired_marks
from checker.model.sentences import units
from checker.rules.checks.profile import body_end
from checker.rules.profiles import builtin_profiles, document_profile
from checker.rules.registry import Hit, rule

_HEAD_KINDS = ("title", "doc_number", "recipient", "header", "chrome")
_CLOSING_PARAGRAPHS = 2
_COPY_LINE = patterns.lazy(r"^[ \t\u3000]*抄[ \t\u3000]*送[ \t\u3000]*[:：][ \t\u3000]*")
# One body of a 抄送 line: up to the next separator (a bracket's 、 stays inside: 各县（市、区）).
_COPY_ITEM = patterns.lazy(r"(?:[^，,、；;。（(\s]|[（(][^）)]*[）)])+")
# A recipient that is a person: an office held (市长, 局长 …) after a surname or an
# organ, or 尊敬的 before it; not an organ whose name ends in 局, 厅, 办公室 ….
_LEADER = patterns.lazy(
    r"(?:尊敬的.{1,12}|.{0,12}(?:省长|市长|县长|区长|镇长|乡长|局长|厅长|处长|科长|主任|书记"
    r"|部长|主席|院长|秘书长|总经理|董事长|同志|领导))[：:]?$"
)


def _main_paragraphs(doc: Document) -> list[Paragraph]:
    stop = body_end(doc)
    head = [(node.start, node.end) for node in doc.outline.children if node.kind in _HEAD_KINDS]
    return [p for p in doc.body_paragraphs if p.start < stop and not any(start <= p.start < end for start, end in head)]


def _phrase(doc: Document, at: int, paragraph: Paragraph) -> str:
    """The phrase of the text model (up to ，：。；) around ``at``, within its paragraph."""
    ends = units(doc).phrase_ends
    return doc.text[ends.start_of(at, paragraph.start) : ends.end_of(at, paragraph.end)]


def _cited_spans(doc: Document) -> list[tuple[int, int]]:
    """Titles in 《》 and quotations in “”: words there are cited, not the writer's own."""
    return [(opening, closing) for opening, closing in paired_marks(doc).pairs if doc.text[opening] in "《“"]


@rule(
    "ST212",
    "wording-against-direction",
    category="structure",
    severity="warning",
    message="{type}中使用了{what}“{phrase}”：{type}{reason}",
)
def wording_against_direction(doc: Document) -> Iterator[Hit]:
    """Wording the document's type must not use for the way it goes.

    What it checks:
        The body of a document whose profile lists ``wording`` (请示 and 报告: 你局,
        你单位, 责成, 务必 …, the words of a superior; 通知, 批复, 决定: 恳请, 妥否,
        请批示, the words of a petitioner, at info level) does not contain them,
        outside titles in 《》 and quotations.
    Why it matters:
        《党政机关公文处理工作条例》第十五条: 上行文 and 下行文 take different wording;
        an upward document that addresses its superior as 你局 or 责成 it reads as an
        order, and a downward one that 恳请 its subordinates gives up its authority.
    Example:
        关于追加经费的请示 / 市财政局： / 请你局务必于月底前拨付。 → 恳请予以支持
    Fix:
        None: rewrite the sentence in the wording of the direction.
    """
    profile = document_profile(doc)
    if profile is None or not profile.wording:
        return
    cited = _cited_spans(doc)
    for paragraph in _main_paragraphs(doc):
        for wording in profile.wording:
            pattern = re.compile("|".join(re.escape(w) for w in sorted(wording.match, key=len, reverse=True)))
            for match in pattern.finditer(doc.text, paragraph.start, paragraph.end):
                if any(start <= match.start() < end for start, end in cited):
                    continue
                phrase = _phrase(doc, match.start(), paragraph)
                if wording.in_clause_with and not any(word in phrase for word in wording.in_clause_with):
                    continue
                yield Hit(
                    match.start(),
                    match.end(),
                    args={
                        "type": profile.type,
                        "what": wording.name,
                        "phrase": match.group(),
                        "reason": wording.reason,
                    },
                    severity=Severity(wording.severity),
                    suggestion="改用与行文方向相符的用语",
                    evidence={"profile": profile.name, "direction": profile.direction, "phrase": match.group()},
                )


@rule(
    "ST213",
    "copied-to-lower-bodies",
    category="structure",
    severity="warning",
    message="{type}抄送下级机关（“{body}”）：上行文不应抄送下级机关",
)
def copied_to_lower_bodies(doc: Document) -> Iterator[Hit]:
    """An upward document copied (抄送) to lower bodies.

    What it checks:
        In a document whose profile lists ``lower_bodies`` (请示, 报告), the 抄送 line
        does not name them (各乡镇, 各科室, 下属单位 …).
    Why it matters:
        《党政机关公文处理工作条例》第十五条: 请示 and 报告 go to the higher organ,
        "不得抄送其下级机关"; a copy to subordinates announces a request before it is
        approved.
    Example:
        抄送：市财政局，各乡镇人民政府。 → 抄送：市财政局。
    Fix:
        None: take the lower bodies off the 抄送 line.
    """
    profile = document_profile(doc)
    if profile is None or not profile.lower_bodies:
        return
    for paragraph in doc.paragraphs:
        heading = _COPY_LINE.match(paragraph.text)
        if not heading:
            continue
        for item in _COPY_ITEM.finditer(paragraph.text, heading.end()):
            word = next((w for w in profile.lower_bodies if w in item.group()), None)
            if word is None:
                continue
            yield Hit(
                paragraph.start + item.start(),
                paragraph.start + item.end(),
                args={"type": profile.type, "body": item.group()},
                suggestion="从抄送中删去下级机关",
                evidence={"profile": profile.name, "word": word},
            )


@rule(
    "ST214",
    "addressed-to-leader",
    category="structure",
    severity="warning",
    message="{type}主送领导个人（“{recipient}”）：应主送机关",
)
def addressed_to_leader(doc: Document) -> Iterator[Hit]:
    """A document that must go to an organ is addressed to a leader.

    What it checks:
        For a profile whose recipients must be an organ (请示), the 主送 line does not
        name a person by office (张市长, 王局长, 尊敬的李书记).
    Why it matters:
        《党政机关公文处理工作条例》第十五条: 请示 "除上级机关负责人直接交办的事项外，
        不得以本机关名义向上级机关负责人报送"; a request to a person bypasses the
        organ that must decide it.
    Example:
        张市长： → 市人民政府：
    Fix:
        None: address the organ.
    """
    profile = document_profile(doc)
    if profile is None or profile.recipients is None or not profile.recipients.organ:
        return
    for node in doc.outline.children:
        if node.kind != "recipient":
            continue
        name = (node.title or "").strip()
        if _LEADER.match(name):
            yield Hit(
                node.start,
                node.end,
                args={"type": profile.type, "recipient": name.rstrip("：:")},
                suggestion="改为主送上级机关，如“市人民政府：”",
                evidence={"profile": profile.name, "recipient": name},
            )
        return


def _closings_elsewhere() -> dict[str, list[str]]:
    """Closing formula → the types whose profiles list it."""
    owners: dict[str, list[str]] = {}
    for profile in builtin_profiles().values():
        for closing in profile.closings:
            owners.setdefault(closing, []).append(profile.type)
    return owners


@rule(
    "ST215",
    "closing-of-another-genre",
    category="structure",
    severity="warning",
    message="{type}使用了{other}的结语“{phrase}”",
)
def closing_of_another_genre(doc: Document) -> Iterator[Hit]:
    """The document closes with the formula of another type (a 请示 ending 特此报告).

    What it checks:
        The last two paragraphs of the body do not hold a closing formula that the
        built-in profiles give to another type (特此报告 for 报告, 特此请示 for 请示,
        特此函复 for 函, 特此通知 for 通知 …) and the document's own profile does not
        list.
    Why it matters:
        The closing names what the document is; a 请示 that ends 特此报告 reads as a
        report, which the higher organ need not answer (《党政机关公文处理工作条例》
        第十五条).
    Example:
        关于增设服务中心的请示 … 特此报告。 → 妥否，请批示。
    Fix:
        None: use the type's own closing, or change the type if the closing is right.
    """
    profile = document_profile(doc)
    if profile is None or not profile.closings:
        return
    owners = _closings_elsewhere()
    foreign = sorted(
        (phrase for phrase, types in owners.items() if phrase not in profile.closings and profile.type not in types),
        key=len,
        reverse=True,
    )
    if not foreign:
        return
    pattern = re.compile("|".join(re.escape(phrase) for phrase in foreign))
    for paragraph in _main_paragraphs(doc)[-_CLOSING_PARAGRAPHS:]:
        for match in pattern.finditer(doc.text, paragraph.start, paragraph.end):
            yield Hit(
                match.start(),
                match.end(),
                args={"type": profile.type, "other": "、".join(owners[match.group()]), "phrase": match.group()},
                suggestion=f"改用{profile.type}的结语，如“{profile.closings[0]}”",
                evidence={"profile": profile.name, "belongs_to": owners[match.group()]},
            )
