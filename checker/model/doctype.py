"""The kind of document (文种), told from its title.

A 公文's title ends with its kind: 关于……的通知, ……的批复, ……工作总结和……工作计划.
:func:`document_type` returns one of the 15 kinds of 《党政机关公文处理工作条例》
(第八条) or one of the working kinds (工作总结, 工作计划, 工作总结和工作计划, 工作要点,
政府工作报告), or ``None`` when the title says neither.
"""

from __future__ import annotations

from checker.core import patterns
from checker.model.document import Document
from checker.model.numerals import ARABIC, CHINESE_ONE_TO_NINE, CHINESE_ZEROS

# The 15 kinds of the 条例; 令 is the usual title ending of a 命令.
STATUTORY_TYPES = (
    "决议",
    "决定",
    "命令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
)
WORKING_TYPES = ("工作总结和工作计划", "工作总结", "工作计划", "工作要点", "政府工作报告")
ALL_TYPES = WORKING_TYPES + STATUTORY_TYPES

# Title endings, longest and most specific first: the first that fits wins.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("政府工作报告", "政府工作报告"),
    ("工作要点", "工作要点"),
    ("复函", "函"),
    ("会议纪要", "纪要"),
    ("纪要", "纪要"),
    ("命令", "命令"),
    ("令", "命令"),
    *((kind, kind) for kind in STATUTORY_TYPES if kind not in ("命令", "纪要")),
)

# 2015年工作总结和2016年工作计划, 工作总结及工作打算, 上半年工作总结和下半年工作安排
_SUMMARY_AND_PLAN = patterns.lazy(r"总结[和及与暨、].{0,16}(?:计划|安排|打算|思路|要点)$")
_SUMMARY = patterns.lazy(r"(?:工作总结|工作情况总结)$")
_PLAN = patterns.lazy(r"(?:工作计划|工作安排|工作打算)$")
_SPEECH = patterns.lazy(r"^在.{2,60}上的.{0,6}(?:报告|讲话|发言|致辞)$")
# A subtitle run into the title: ——2026年1月26日在……会议上; the number of a 令: 国务院令第706号.
_SUBTITLE = patterns.lazy(r"(?:——|－－).*$")
_ORDER_NUMBER = patterns.lazy(rf"(令)[\s\u3000]*第[{ARABIC}{CHINESE_ZEROS}{CHINESE_ONE_TO_NINE}十百]{{1,6}}号$")
_TRAILING = patterns.lazy(r"[\s\u3000（(]*(?:[(（][^()（）]{0,12}[)）][\s\u3000]*)?$")


def type_of_title(title: str | None) -> str | None:
    """The document type a title names, or None."""
    if not title:
        return None
    text = _SUBTITLE.sub("", title.strip())
    text = _ORDER_NUMBER.sub(r"\1", _TRAILING.sub("", text))  # （征求意见稿）, （2016年）
    text = text.rstrip("。.　 ")
    if not text:
        return None
    if _SPEECH.search(text):
        return None  # 在……大会上的报告 is a speech, not a 报告 to a higher organ
    if _SUMMARY_AND_PLAN.search(text):
        return "工作总结和工作计划"
    if _SUMMARY.search(text):
        return "工作总结"
    if _PLAN.search(text):
        return "工作计划"
    for ending, kind in _ENDINGS:
        if text.endswith(ending):
            return kind
    return None


def document_type(doc: Document) -> str | None:
    """The type of a Document, from its title (or the page's 标题 field)."""
    return doc.view(_document_type)


def _document_type(doc: Document) -> str | None:
    found = type_of_title(doc.title)
    if found is None:
        found = _type_of_title_lines(doc)
    if found is None:
        meta = doc.metadata
        found = type_of_title(meta.get("信息名称") or meta.get("标题") or meta.get("名称"))
    return found


def _type_of_title_lines(doc: Document) -> str | None:
    """The type named by the first lines of a title that ran on into the line under it
    (统计公报 / 某市统计局): the longest run of lines that names a type."""
    for node in doc.outline.children:
        if node.kind == "title":
            lines = [line.strip() for line in doc.text[node.start : node.end].split("\n") if line.strip()]
            for count in range(len(lines) - 1, 0, -1):
                found = type_of_title("".join(lines[:count]))
                if found is not None:
                    return found
            return None
    return None
