"""How a date is worded (DT106): 号 written for 日.

Reads the dates view (:func:`checker.model.dates.dates`), which takes 2024年3月5号 for
a date as it takes 2024年3月5日, so the rule only asks which character closes it.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.models import Fix
from checker.model.dates import dates
from checker.model.document import Document
from checker.rules.registry import Hit, rule

# After these, 号 numbers a thing (5号楼, 3号线, 1号文件), not a day.
_NUMBERED_THINGS = "楼院房线台码室馆门口车位令文件公告"


@rule(
    "DT106",
    "hao-for-ri",
    category="date",
    severity="warning",
    fix="safe",
    message="日期中用“号”代替“日”：“{date}”，公文中应写作“{expected}”",
)
def hao_for_ri(doc: Document) -> Iterator[Hit]:
    """A date whose day is closed with 号 instead of 日.

    What it checks:
        A date with its day (2024年3月5号, 三月五号) whose last character is 号,
        unless a word follows that 号 numbers (5号楼, 3号线).
    Why it matters:
        号 for the day is spoken language; GB/T 9704-2012 and the 条例 write dates
        as 年月日, and a written 公文 uses 日 throughout.
    Example:
        定于2024年3月5号召开会议 → 2024年3月5日
    Fix:
        Safe: replace 号 with 日.
    """
    text = doc.text
    for mention in dates(doc):
        if mention.day is None or mention.impossible or not mention.text.endswith("号"):
            continue
        if text[mention.end : mention.end + 1] and text[mention.end] in _NUMBERED_THINGS:
            continue
        expected = mention.text[:-1] + "日"
        yield Hit(
            mention.start,
            mention.end,
            args={"date": mention.text, "expected": expected},
            suggestion=f"改为“{expected}”",
            fix=Fix.at(mention.end - 1, mention.end, "日"),
        )
