"""Consistency across documents (NC120, TM120, CT120): what one document of a
repository states that another one states otherwise.

No document alone shows these, so the checks work in two steps. Where each document
is checked (in a worker, on a Dask cluster), :func:`document_facts` takes from it the
few facts the comparison needs — figures with their place and year, the names it
uses often, the document numbers it cites with their titles — as small records of
plain values (picklable, and stored in the cache with the report). Once every
document is checked, :func:`compare` reads the facts of all of them, in the order the
files were given, and yields what disagrees, each with the place in the other
document (:mod:`checker.run.crossdoc` makes the findings). The rules are registered
here like every other (``--select``, severity, ``doccheck explain``); their check of
a single document finds nothing.

The comparisons are conservative: a figure is compared only with the same subject,
unit and year in a document about the same place (the division its title names, or
the whole country); a name only when each document uses its own form at least twice
and never the other's; a document number only when neither title holds the other
(a title cited without its organ, or the title of the document a 通知 印发, is the
same document).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from checker.core import patterns
from checker.model.claims import claims
from checker.model.document import Document
from checker.model.quantities import load_numeric_rules
from checker.rules.checks.form import doc_numbers
from checker.rules.checks.names import form_difference, name_forms
from checker.rules.gazetteer import divisions
from checker.rules.registry import Hit, rule

# (start, end) → (line, column, end_line, end_column), as the engine places a finding
Locate = Callable[[int, int], tuple[int, int, int, int]]


class Spot(NamedTuple):
    """A place in a document: its span, where a finding there is shown, and its text."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str


class FigureFact(NamedTuple):
    place: str  # the division the document is about, or 全国
    subject: str
    unit: str
    year: int
    text: str  # as written: 8510.13亿元
    low: str  # the interval the value lies in, as fractions ("851013000000"); high "" when unbounded
    high: str
    spot: Spot


class NameFact(NamedTuple):
    form: str
    uses: int
    spot: Spot  # its first use


class CitationFact(NamedTuple):
    number: str  # the 发文字号, normalised: 国发〔2005〕39号
    title: str  # as cited, without 《》
    spot: Spot


class DocumentFacts(NamedTuple):
    place: str | None = None  # see document_place
    figures: tuple[FigureFact, ...] = ()
    names: tuple[NameFact, ...] = ()
    citations: tuple[CitationFact, ...] = ()

    @classmethod
    def from_json(cls, data: Sequence[Any]) -> DocumentFacts:
        """Facts stored as JSON (lists for tuples) made records again."""
        place, figures, names, citations = data
        return cls(
            place,
            tuple(FigureFact(f[0], f[1], f[2], f[3], f[4], f[5], f[6], Spot(*f[7])) for f in figures),
            tuple(NameFact(n[0], n[1], Spot(*n[2])) for n in names),
            tuple(CitationFact(c[0], c[1], Spot(*c[2])) for c in citations),
        )


class CrossHit(NamedTuple):
    """A disagreement: ``code`` at ``spot`` in the document ``at`` (its place in the run),
    with ``other_spot`` in the document ``other``."""

    code: str
    at: int
    spot: Spot
    other: int
    other_spot: Spot
    args: dict[str, Any]
    evidence: dict[str, Any]


# -- the rules -----------------------------------------------------------------------
@rule(
    "NC120",
    "figure-differs-across-documents",
    category="numeric",
    severity="warning",
    message="“{subject}”（{year}年）在 {other} 第{other_line}行为{first}，此处为{second}，两份文件不一致",
)
def figure_differs_across_documents(doc: Document) -> Iterable[Hit]:
    """The same measure for the same place and year stated with different values in two documents.

    What it checks:
        With ``--cross-document`` (or ``repository = true`` in the configuration):
        a figure with the same subject, unit and year as one stated in another
        document of the run, whose title names the same place (a province, city or
        county, or the whole country), with a value that differs beyond rounding.
        Sentences of targets and plans are left out, as in NC111. The finding is at
        the later document (in the order the files were given) and names the place in
        the earlier one.
    Why it matters:
        A 2015 figure restated in the 2016 plan must be the figure of the 2015
        summary; a reader of both cannot tell which is right.
    Example:
        2015年统计公报：2015年全市地区生产总值8510.13亿元 … 2016年计划：2015年全市地区生产总值8150.13亿元
    Fix:
        Use the figure of the authoritative document in both (a revised figure says so).
    """
    return ()


@rule(
    "TM120",
    "name-differs-across-documents",
    category="terminology",
    severity="warning",
    message="“{variant}”在 {other} 中写作“{usual}”（{usual_count}次，第{other_line}行起），只差“{difference}”，"
    "疑为同一名称的不同写法",
)
def name_differs_across_documents(doc: Document) -> Iterable[Hit]:
    """A body, place or programme named one way here and another way in another document.

    What it checks:
        With ``--cross-document``: a name (ending in 局, 委员会, 中心, 科技园, 示范区,
        计划, 工程 …, as TM101 reads them) that this document uses at least twice and
        another document of the run never uses, while that document uses at least
        twice a form that differs from it by one character or word dropped, added or
        changed inside the name — and never this one. Differences of numbers,
        directions or levels are not variants (as in TM101). The finding is at the
        later document and names the first use in the earlier one.
    Why it matters:
        One body must have one name across a repository: a search for one form misses
        the documents written with the other.
    Example:
        黄花岗科技园 (one document) … 黄花科技园 (another)
    Fix:
        Use the body's official name in every document; a name that is really another
        body's goes in ``accept``.
    """
    return ()


@rule(
    "CT120",
    "doc-number-title-differs",
    category="citation",
    severity="warning",
    message="文号{number}在 {other} 第{other_line}行是《{first}》，此处是《{second}》，同一文号对应了两个不同的标题",
)
def doc_number_title_differs(doc: Document) -> Iterable[Hit]:
    """A document number (发文字号) given to one title here and to another title in another document.

    What it checks:
        With ``--cross-document``: a title cited with its document number
        (《标题》（国发〔2005〕39号）), or a document's own title with its own number,
        where another document of the run gives that number to a title that neither
        holds nor is held by this one (a title cited without its organ's name, or the
        title of the document a 通知 印发, is the same document). The finding is at
        the later document and names the place in the earlier one.
    Why it matters:
        A number identifies one document: a wrong number or a wrong title sends the
        reader to another document.
    Example:
        《关于加强节能工作的决定》（国发〔2006〕28号） … 《关于印发节能减排综合性工作方案的通知》（国发〔2006〕28号）
    Fix:
        Look the number up and correct the number or the title.
    """
    return ()


CODES = ("NC120", "TM120", "CT120")

# -- extraction ------------------------------------------------------------------------
_NATIONAL = patterns.lazy(r"国务院|全国|中华人民共和国|中共中央|中央")
# Words that end as the name of a body does (…局, …办, …署) and are no body: 格局, 部署
_NOT_A_BODY = patterns.lazy(
    r"(?:格|布|大|全|结|开|时|残|僵|骗|棋|饭|变|政)局$|(?:举|创|承|督|主|包|兴|开|代|协|筹|查"
    r"|交|领|帮|合|试|操|照|经|置)办$|(?:部|签)署$|原委$|(?:餐|客|舞|展)厅$"
)
_USUAL_COUNT = 2  # a form a document uses at least this often is one of its names
_SHORTEST_NAME = 5  # as TM101's variants; the longer of two forms compared has at least …
_SHORTEST_USUAL = 6  # … this many characters (黄花岗科技园)
# 《title》（number）: the number right after the title mark, in brackets
_CITED_NUMBER = patterns.lazy(r"\s*[（(]")


@lru_cache(maxsize=1)
def _division_pattern() -> re.Pattern[str] | None:
    names = sorted(set(divisions()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def document_place(doc: Document) -> str | None:
    """The place a document is about: the first division its title names, the whole
    country for a title of the State Council or the centre; None when the title says
    neither (its figures are then compared with no other document's)."""
    title = doc.title or ""
    found = _division_pattern()
    match = found.search(title) if found is not None else None
    if match:
        return match.group()
    return "全国" if _NATIONAL.search(title) else None


def document_facts(doc: Document, locate: Locate) -> DocumentFacts:
    """What the cross-document checks compare, from one document."""
    place = document_place(doc)
    return DocumentFacts(
        place, tuple(_figures(doc, place, locate)), tuple(_names(doc, locate)), tuple(_citations(doc, locate))
    )


def _spot(doc: Document, locate: Locate, start: int, end: int) -> Spot:
    return Spot(start, end, *locate(start, end), doc.text[start:end][:200])


def _figures(doc: Document, place: str | None, locate: Locate) -> Iterator[FigureFact]:
    if place is None:
        return
    rules = load_numeric_rules()
    seen: set[tuple[str, str, int]] = set()
    for figure in claims(doc).figures:
        if figure.key in seen:
            continue  # the document's own restatements are NC111's
        seen.add(figure.key)
        quantity = figure.quantity
        low, high = quantity.interval(rules)
        yield FigureFact(
            place,
            figure.subject,
            quantity.unit,
            figure.year,
            quantity.text,
            str(low),
            "" if high is None else str(high),
            _spot(doc, locate, quantity.start, quantity.end),
        )


def _names(doc: Document, locate: Locate) -> Iterator[NameFact]:
    forms = name_forms(doc)
    usual = {form: used for form, used in forms.items() if used[0] >= _USUAL_COUNT and len(form) >= _SHORTEST_NAME}
    for form, (count, first) in sorted(usual.items()):
        if _NOT_A_BODY.search(form):
            continue
        # a tail used only inside a longer name of the document is that name, not one of its own
        if any(longer != form and longer.endswith(form) and used[0] == count for longer, used in usual.items()):
            continue
        yield NameFact(form, count, _spot(doc, locate, first, first + len(form)))


def _citations(doc: Document, locate: Locate) -> Iterator[CitationFact]:
    text = doc.text
    for start, end in doc.body_spans:
        for at in _title_marks(text, start, end):
            opening, closing = at
            bracket = _CITED_NUMBER.match(text, closing + 1)
            if bracket is None:
                continue
            number = next(doc_numbers(text[bracket.end() : bracket.end() + 30]), None)
            if number is None or number.start() != 0:
                continue
            title = text[opening + 1 : closing]
            after = bracket.end() + number.end()
            closed = after + 1 if text[after : after + 1] in ("）", ")") else after
            yield CitationFact(_number_key(number), title, _spot(doc, locate, opening, closed))
    own = _own_number(doc, locate)
    if own is not None:
        yield own


def _title_marks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(《, 》) of the titles cited in text[start:end], the outer ones of nested marks."""
    depth, opening = 0, -1
    for index in range(start, end):
        char = text[index]
        if char == "《":
            if depth == 0:
                opening = index
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                yield opening, index
        elif char == "\n":
            depth = 0


def _own_number(doc: Document, locate: Locate) -> CitationFact | None:
    """The document's own number, with its own title."""
    for node in doc.outline.children:
        if node.kind == "doc_number":
            number = next(doc_numbers(doc.text[node.start : node.end]), None)
            if number is not None and doc.title:
                start = node.start + number.start()
                return CitationFact(
                    _number_key(number), doc.title, _spot(doc, locate, start, node.start + number.end())
                )
    return None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _number_key(match: re.Match[str]) -> str:
    year = match.group("year").translate(_FULL_WIDTH_DIGITS)
    if len(year) == 2:
        year = ("19" if year >= "50" else "20") + year
    serial = int(match.group("number").translate(_FULL_WIDTH_DIGITS))
    return f"{match.group('organ')}〔{year}〕{serial}号"


# -- the comparison ----------------------------------------------------------------------
def compare(facts: Sequence[DocumentFacts | None]) -> Iterator[CrossHit]:
    """The disagreements between the documents whose facts are given, in the order of the
    files: each at the later document, against the first earlier one that differs."""
    yield from _compare_figures(facts)
    yield from _compare_names(facts)
    yield from _compare_citations(facts)


def _interval(fact: FigureFact) -> tuple[Fraction, Fraction | None]:
    return Fraction(fact.low), (Fraction(fact.high) if fact.high else None)


def _overlap(a: tuple[Fraction, Fraction | None], b: tuple[Fraction, Fraction | None]) -> bool:
    return (a[1] is None or a[1] >= b[0]) and (b[1] is None or b[1] >= a[0])


def _compare_figures(facts: Sequence[DocumentFacts | None]) -> Iterator[CrossHit]:
    first: dict[tuple[str, str, str, int], tuple[int, FigureFact]] = {}
    for index, document in enumerate(facts):
        if document is None:
            continue
        for fact in document.figures:
            key = (fact.place, fact.subject, fact.unit, fact.year)
            earlier = first.get(key)
            if earlier is None:
                first[key] = (index, fact)
                continue
            other, reference = earlier
            if other == index or _overlap(_interval(reference), _interval(fact)):
                continue
            yield CrossHit(
                "NC120",
                index,
                fact.spot,
                other,
                reference.spot,
                {"subject": fact.subject, "year": fact.year, "first": reference.text, "second": fact.text},
                {
                    "subject": fact.subject,
                    "year": fact.year,
                    "unit": fact.unit,
                    "place": fact.place,
                    "first": reference.text,
                    "second": fact.text,
                },
            )


def _compare_names(facts: Sequence[DocumentFacts | None]) -> Iterator[CrossHit]:
    # forms filed by their first two and last two characters (a variant shares them)
    by_ends: dict[tuple[str, str], list[tuple[int, NameFact]]] = {}
    used_in: list[set[str]] = []
    places = [document.place if document is not None else None for document in facts]
    for index, document in enumerate(facts):
        names = document.names if document is not None else ()
        used_in.append({fact.form for fact in names})
        for fact in names:
            by_ends.setdefault((fact.form[:2], fact.form[-2:]), []).append((index, fact))
    found: list[CrossHit] = []
    for group in by_ends.values():
        for position, (index, fact) in enumerate(group):
            for other, reference in group[:position]:
                hit = _name_hit(index, fact, other, reference, used_in, places)
                if hit is not None:
                    found.append(hit)
                    break  # against the first earlier document that differs
    # One slip shows in every name that holds it (黄花科技园, 黄花科技园管委会): the longest is kept.
    found.sort(key=lambda hit: (hit.at, -(hit.spot.end - hit.spot.start), hit.spot.start))
    kept: list[CrossHit] = []
    for hit in found:
        if not any(k.at == hit.at and k.spot.start < hit.spot.end and hit.spot.start < k.spot.end for k in kept):
            kept.append(hit)
    yield from sorted(kept, key=lambda hit: (hit.at, hit.spot.start))


def _name_hit(
    index: int, fact: NameFact, other: int, reference: NameFact, used_in: list[set[str]], places: list[str | None]
) -> CrossHit | None:
    if other == index or reference.form in used_in[index] or fact.form in used_in[other]:
        return None
    if max(len(fact.form), len(reference.form)) < _SHORTEST_USUAL:
        return None
    if places[index] and places[other] and places[index] != places[other]:
        return None  # documents about two places: two bodies of the same kind
    difference = form_difference(fact.form, reference.form)
    if difference is None or len(difference[1] or difference[2]) > 1:
        return None  # a word of two characters names a part or a kind: 国家(生猪)技术创新中心
    change, chunk_here, chunk_there = difference
    shown = f"{chunk_here}/{chunk_there}" if change == "changed" else chunk_here or chunk_there
    return CrossHit(
        "TM120",
        index,
        fact.spot,
        other,
        reference.spot,
        {"variant": fact.form, "usual": reference.form, "usual_count": reference.uses, "difference": shown},
        {
            "variant": fact.form,
            "variant_count": fact.uses,
            "usual": reference.form,
            "usual_count": reference.uses,
            "change": change,
        },
    )


_TITLE_NOISE = patterns.lazy(r"[\s〈〉<>“”\"'‘’]")


def _same_title(a: str, b: str) -> bool:
    a, b = _TITLE_NOISE.sub("", a), _TITLE_NOISE.sub("", b)
    return a in b or b in a


def _compare_citations(facts: Sequence[DocumentFacts | None]) -> Iterator[CrossHit]:
    first: dict[str, list[tuple[int, CitationFact]]] = {}
    for index, document in enumerate(facts):
        if document is None:
            continue
        for fact in document.citations:
            titles = first.setdefault(fact.number, [])
            if any(_same_title(fact.title, known.title) for _, known in titles):
                continue
            earlier = next(((other, known) for other, known in titles if other != index), None)
            titles.append((index, fact))
            if earlier is None:
                continue
            other, reference = earlier
            yield CrossHit(
                "CT120",
                index,
                fact.spot,
                other,
                reference.spot,
                {"number": fact.number, "first": reference.title, "second": fact.title},
                {"number": fact.number, "first": reference.title, "second": fact.title},
            )
