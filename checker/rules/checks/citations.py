"""Citations (CT1xx): what a document cites, and how.

CT101 reads ``rules/superseded.yaml`` (:mod:`checker.core.citationdata`): a
regulation, law or standard cited as in force after the day it ceased. CT102 checks
the form GB/T 9704-2012 and the 条例 use for citing a document with its number:
《标题》（文号）, title first.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from functools import lru_cache

from checker.core import patterns
from checker.core.citationdata import Superseded, SupersededFile
from checker.core.datafiles import RuleData
from checker.core.models import Fix
from checker.model.dates import document_date, years_in
from checker.model.document import Document
from checker.model.pairs import paired_marks
from checker.model.sentences import units
from checker.rules.registry import Hit, rule


class SupersededListError(ValueError):
    """rules/superseded.yaml is missing or malformed."""


load_superseded = RuleData("superseded.yaml", SupersededFile, noun="废止文件清单", error=SupersededListError)

# Words in the sentence of a citation that say the text is cited as repealed, replaced
# or as history, not as in force.
_NOT_IN_FORCE = patterns.lazy(
    r"废止|失效|停止执行|不再执行|不再适用|已被|取代|代替|替代|修订|修改|原《|原来|曾经"
    r"|此前|以前|过去|当时|时期|出台前|施行前|实施前|历史|沿革|颁布了|发布了|制定了"
)


@lru_cache(maxsize=64)
def _standard_pattern(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """GB/T 9704-1999 as it is written: GB/T9704-1999, with a full-width solidus or dash …;
    and the letters it starts with (GB), which the pattern is tried at."""
    prefix, rest = code.split(" ", 1)
    number, year = rest.rsplit("-", 1)
    parts = prefix.split("/")
    letters = r"\s*[/\uff0f]\s*".join(re.escape(part) for part in parts)
    pattern = re.compile(rf"(?<![A-Za-z]){letters}\s*{re.escape(number)}\s*[-—–－]\s*{year}(?![0-9])")
    return pattern, re.compile(re.escape(parts[0]))


def _statement(doc: Document, start: int) -> str:
    """The clause of the text model (up to 。！？；) that holds ``start``."""
    span = units(doc).clause_at(start)
    return doc.text[span.start : span.end]


def _written_on(doc: Document) -> tuple[datetime.date | None, int | None]:
    """The document's date, or failing that the last year its title names."""
    issued = document_date(doc)
    if issued is not None:
        return issued, issued.year
    years = years_in(doc.title or "")
    return None, (max(years) if years else None)


def _after_ceasing(entry: Superseded, issued: datetime.date | None, year: int | None) -> bool:
    if issued is not None:
        return issued >= entry.ceased
    return year is not None and year > entry.ceased.year


def _citations(doc: Document, entries: list[Superseded]) -> Iterator[tuple[int, int, Superseded]]:
    by_title = {title: entry for entry in entries for title in entry.titles}
    for opening, closing in paired_marks(doc).pairs:  # the title marks of the body
        if doc.text[opening] == "《":
            entry = by_title.get(doc.text[opening + 1 : closing].strip())
            if entry is not None:
                yield opening, closing + 1, entry
    for start, end in doc.body_spans:
        for entry in entries:
            if entry.code:
                pattern, letters = _standard_pattern(entry.code)
                for match in patterns.finditer_anchored(pattern, letters, doc.text, start, end, reach=0):
                    yield match.start(), match.end(), entry


@rule(
    "CT101",
    "superseded-citation",
    category="citation",
    severity="warning",
    message="引用已废止的{kind}“{cited}”：自{ceased}起已由{replaced_by}代替",
)
def superseded_citation(doc: Document) -> Iterator[Hit]:
    """A regulation, law or standard cited as in force after the day it ceased.

    What it checks:
        Titles in 《》 and standard codes (GB/T 9704-1999) listed in
        ``rules/superseded.yaml``, in a document dated on or after the day the text
        ceased (its signature date or 成文日期; else the year of its title). A
        citation whose sentence says the text was repealed, replaced or is history
        (废止, 代替, 原《, 此前 …), or that names its replacement, is not reported.
    Why it matters:
        A 公文 that rests on a repealed text has no basis; readers who follow the
        citation find a text that no longer applies (the 2000 《国家行政机关公文
        处理办法》 ceased on 2012-07-01, replaced by 《党政机关公文处理工作条例》).
    Example:
        根据《国家行政机关公文处理办法》的规定 → 根据《党政机关公文处理工作条例》的规定
    Fix:
        None: cite the replacement, and check that the provision relied on is still in it.
    """
    entries = load_superseded().superseded
    issued, year = _written_on(doc)
    if issued is None and year is None:
        return  # a text of unknown date may be older than the repeal
    kinds = {"regulation": "法规文件", "law": "法律", "standard": "标准"}
    seen: set[int] = set()
    for start, end, entry in _citations(doc, entries):
        if start in seen or not _after_ceasing(entry, issued, year):
            continue
        seen.add(start)
        sentence = _statement(doc, start)
        replacement = entry.replaced_by.split("》")[0].lstrip("《").split("《")[-1]
        if _NOT_IN_FORCE.search(sentence) or replacement in sentence:
            continue
        yield Hit(
            start,
            end,
            args={
                "kind": kinds[entry.kind],
                "cited": doc.text[start:end],
                "ceased": entry.ceased.isoformat(),
                "replaced_by": entry.replaced_by,
            },
            suggestion=f"改为引用{entry.replaced_by}，并核对所依据的条款",
            evidence={
                "ceased": entry.ceased.isoformat(),
                "replaced_by": entry.replaced_by,
                "source": entry.source,
                "document_date": issued.isoformat() if issued else None,
                "document_year": year,
            },
        )


# 国发〔2000〕23号《……》 or （国发〔2000〕23号）《……》: the number before the title it belongs to.
NUMBER_BEFORE_TITLE = patterns.lazy(
    r"(?P<open>[（(])?(?P<number>[\u4e00-\u9fff]{1,12}[〔\[［][0-9０-９]{4}[〕\]］]第?[0-9０-９]{1,5}号)(?(open)[）)])"
    r"(?:文件)?(?P<title>《[^《》\n]{2,80}》)(?![（(][^（）()\n]{0,20}号[）)])"
)
# What every such number holds, at most 13 characters after the match's start (a bracket
# and twelve characters of the issuer): the pattern is tried only near it.
NUMBER_YEAR = patterns.lazy(r"[〔\[［][0-9０-９]{4}[〕\]］]")
YEAR_REACH = 13
# Words that lead into a citation and run into the issuer's abbreviation in the match
# (我局根据国发〔2000〕23号, 现将国办发〔2023〕5号): the issuer starts after the last of them.
_LEAD_IN = patterns.lazy(
    r"根据|按照|依据|依照|参照|遵照|对照|贯彻|落实|执行|印发|转发|关于|通过|现将"
    r"|将|把|和|与|及|并|对"
)


def _issuer_start(number: str) -> int:
    """Where the issuer's abbreviation starts in ``number`` (国发〔2000〕23号 and what ran into it)."""
    bracket = number.find("〔") if "〔" in number else len(number)
    cut = 0
    for match in _LEAD_IN.finditer(number, 0, bracket):
        if bracket - match.end() >= 1:
            cut = match.end()
    return cut


@rule(
    "CT102",
    "number-before-title",
    category="citation",
    severity="warning",
    fix="unsafe",
    message="引用公文时文号写在标题之前：“{cited}”，应写作“{expected}”",
)
def number_before_title(doc: Document) -> Iterator[Hit]:
    """A document cited with its number before its title.

    What it checks:
        A 发文字号 (国发〔2000〕23号, in brackets or not) directly followed by the title
        it belongs to in 《》.
    Why it matters:
        《党政机关公文处理工作条例》第二十条 and GB/T 9704-2012: 引用公文应当先引标题，后引发文
        字号. A number first reads as a document of its own, and lists of citations
        become hard to follow.
    Example:
        根据国发〔2000〕23号《国家行政机关公文处理办法》 → 根据《……》（国发〔2000〕23号）
    Fix:
        Unsafe: move the number after the title, in full-width brackets.
    """
    for start, end in doc.body_spans:
        for match in patterns.finditer_anchored(
            NUMBER_BEFORE_TITLE, NUMBER_YEAR, doc.text, start, end, reach=YEAR_REACH
        ):
            number = match.group("number")
            begin = match.start() if match.group("open") else match.start() + _issuer_start(number)
            number = number[begin - match.start() :] if not match.group("open") else number
            cited = doc.text[begin : match.end()]
            expected = f"{match.group('title')}（{number}）"
            yield Hit(
                begin,
                match.end(),
                args={"cited": cited, "expected": expected},
                suggestion=f"改为“{expected}”",
                fix=Fix.at(begin, match.end(), expected, "unsafe"),
                evidence={"number": number, "title": match.group("title")},
            )
