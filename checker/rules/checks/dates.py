"""Dates (DT family): impossible dates, wrong weekdays, dates after the document's
own date in a part that reports what was done, the GB/T 9704 form of the
signature date, and a publication date earlier than the signature date.

Reads the shared date view (:mod:`checker.model.dates`) and the outline; never
extracts dates itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from checker.core import patterns
from checker.core.models import Fix
from checker.model.dates import WEEKDAY_NAMES, dates, document_date, extract_dates, signature_date
from checker.model.document import Document
from checker.model.sentences import units
from checker.rules.registry import Hit, rule

# A clause that looks forward: a later date in it is a plan, not a report.
_FORWARD = patterns.lazy(
    r"将|计划|预计|拟|力争|争取|确保|要在|前完成|之前|以前|前将|截至目前|目标|安排|"
    r"部署|届时|起施行|起实施|起执行|开始实施|有效期|期限|至今|以来|为止"
)


@rule(
    "DT101",
    "impossible-date",
    category="date",
    severity="error",
    message={"default": "日期不存在：{month}月没有{day}日", "month": "日期不存在：没有{month}月"},
)
def impossible_date(doc: Document) -> Iterator[Hit]:
    """A date names a month or a day that no calendar has.

    What it checks:
        Every date in the text (2016年2月30日, 二〇一六年十三月, 2016-02-30, 2016.2.30):
        the month is 1–12 and the day exists in that month (29 February only in a
        leap year; without a year, 2月29日 is accepted).
    Why it matters:
        An impossible date is a typing slip that makes a deadline or a record
        unusable.
    Example:
        于2023年2月30日前完成。
    Fix:
        Correct the day or the month from the source of the date.
    """
    for mention in dates(doc):
        if not mention.impossible:
            continue
        evidence = {"year": mention.year, "month": mention.month, "day": mention.day}
        if not 1 <= mention.month <= 12:
            yield Hit(
                mention.start,
                mention.end,
                args={"month": mention.month},
                variant="month",
                suggestion="核对月份",
                evidence=evidence,
            )
        else:
            yield Hit(
                mention.start,
                mention.end,
                args={"month": mention.month, "day": mention.day},
                suggestion="核对日期",
                evidence=evidence,
            )


@rule(
    "DT102",
    "weekday-mismatch",
    category="date",
    severity="error",
    message="星期与日期不符：{date}是星期{real}，不是星期{given}",
)
def weekday_mismatch(doc: Document) -> Iterator[Hit]:
    """The weekday written beside a date is not the weekday of that date.

    What it checks:
        A date with a full year and a weekday right after it (2024年3月8日（星期五）):
        the weekday is computed from the date and compared.
    Why it matters:
        Meeting notices are read for the weekday; a mismatch sends people on the
        wrong day, and shows the date itself may be wrong.
    Example:
        定于2024年3月8日（星期四）召开。
    Fix:
        Check which of the two is right; the suggestion gives the real weekday.
    """
    for mention in dates(doc):
        real = mention.as_date()
        if real is None or mention.weekday is None or real.weekday() == mention.weekday:
            continue
        yield Hit(
            mention.weekday_start,
            mention.weekday_end,
            args={"date": mention.text, "real": WEEKDAY_NAMES[real.weekday()], "given": WEEKDAY_NAMES[mention.weekday]},
            suggestion=f"核对日期；{mention.text}是星期{WEEKDAY_NAMES[real.weekday()]}",
            evidence={
                "date": real.isoformat(),
                "real_weekday": real.weekday() + 1,
                "given_weekday": mention.weekday + 1,
            },
        )


@rule(
    "DT103",
    "date-after-document",
    category="date",
    severity="warning",
    message="日期晚于成文日期：“{date}”写在回顾已完成工作的部分，但文件落款日期是{issued}",
)
def date_after_document(doc: Document) -> Iterator[Hit]:
    """A part that reports what was done mentions a date after the document's own date.

    What it checks:
        In the parts of a summary or report that say what was achieved (matched by
        the document's profile: 完成情况, 主要成效, 工作回顾 …), a date later than the
        signature date, unless its clause looks forward (将, 计划, 预计, 力争 …).
        A date without a day is compared by month.
    Why it matters:
        A finished piece of work cannot have happened after the report was signed:
        either the date or the signature date is wrong.
    Example:
        一、2023年工作完成情况 … 于2024年3月投入使用。 … 落款 2024年1月15日
    Fix:
        Correct the date, or move the sentence to the plan part.
    """
    from checker.rules.profiles import parts_of_kind

    issued = document_date(doc)
    if issued is None:
        return
    spans = [(node.start, node.end) for node in parts_of_kind(doc, "done")]
    if not spans:
        return
    for mention in dates(doc):
        if not any(start <= mention.start < end for start, end in spans) or mention.year is None:
            continue
        if mention.impossible:
            continue
        if mention.day is None:
            later = (mention.year, mention.month) > (issued.year, issued.month)
        else:
            later = datetime.date(mention.year, mention.month, mention.day) > issued
        if not later:
            continue
        clause = units(doc).clause_at(mention.start)
        if _FORWARD.search(doc.text, clause.start, clause.end):
            continue
        yield Hit(
            mention.start,
            mention.end,
            args={"date": mention.text, "issued": _arabic(issued)},
            suggestion="核对该日期或落款日期；若为计划事项，移入工作计划部分",
            evidence={"date": mention.text, "issued": issued.isoformat()},
        )


def _arabic(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@rule(
    "DT104",
    "signature-date-form",
    category="date",
    severity="info",
    fix="safe",
    message="落款日期格式不规范：“{date}”，GB/T 9704—2012要求用阿拉伯数字标全年、月、日，月、日不编虚位",
)
def signature_date_form(doc: Document) -> Iterator[Hit]:
    """The signature date is not written as GB/T 9704-2012 asks.

    What it checks:
        The date under the issuing organ (成文日期): Arabic numerals, the full
        four-digit year, month and day without a leading zero — 2016年1月9日, not
        二〇一六年一月九日, 2016年01月09日 or ２０１６年１月９日.
    Why it matters:
        GB/T 9704-2012 §7.3.5.1 fixes the form of the 成文日期; documents of one
        organ should look alike.
    Example:
        二〇一六年一月十九日
    Fix:
        Safe: rewrite the date as 2016年1月19日.
    """
    found = signature_date(doc)
    if found is None:
        return
    _, mention = found
    date = mention.as_date()
    if date is None:
        return
    if date < _GBT_9704_2012:
        return  # GB/T 9704-1999 wrote the 成文日期 in Chinese numerals: right for its time
    wanted = _arabic(date)
    written = doc.text[mention.start : mention.end]
    if written == wanted:
        return
    yield Hit(
        mention.start,
        mention.end,
        args={"date": written},
        suggestion=f"改为“{wanted}”",
        fix=Fix.at(start=mention.start, end=mention.end, replacement=wanted, safety="safe"),
        evidence={"written": written, "expected": wanted},
    )


_GBT_9704_2012 = datetime.date(2012, 7, 1)  # the day GB/T 9704-2012 took effect
_PUBLISHED_KEYS = ("发布日期", "公开日期", "发文日期")


@rule(
    "DT105",
    "published-before-signed",
    category="date",
    severity="warning",
    message="发布日期早于成文日期：{key}为{published}，落款日期为{signed}",
)
def published_before_signed(doc: Document) -> Iterator[Hit]:
    """The page's publication date is earlier than the document's signature date.

    What it checks:
        The metadata field 发布日期 (or 公开日期, 发文日期) of a published page against
        the date in the signature block.
    Why it matters:
        A document cannot be published before it is signed: one of the two dates
        is wrong.
    Example:
        发布日期:2016-01-10 … 落款 2016年1月19日
    Fix:
        Correct whichever date is wrong.
    """
    found = signature_date(doc)
    signed = found[1].as_date() if found is not None else None
    if signed is None:
        return
    for node in doc.outline.children:
        if node.kind != "header":
            continue
        for field in node.children:
            if field.title not in _PUBLISHED_KEYS or not field.value:
                continue
            mentions = extract_dates(field.value)
            published = mentions[0].as_date() if mentions else None
            if published is None or published >= signed:
                continue
            yield Hit(
                field.start,
                field.end,
                args={"key": field.title, "published": published.isoformat(), "signed": _arabic(signed)},
                suggestion="核对发布日期与落款日期",
                evidence={"published": published.isoformat(), "signed": signed.isoformat()},
            )
