"""Known wrong forms (TY101-TY107), driven by rule packs.

The forms are data: ``rules/typos.yaml`` and the user's packs (``rule-packs`` in
the configuration), loaded and compiled by :mod:`checker.rules.rulepacks`. This module
only turns their matches in the document body into findings: one rule per kind
of substitution (misspelt word, word misused in context, idiom, variant form,
transposed phrase), one for forms that should not appear at all, one for
either-or forms used both ways in one document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.core import patterns
from checker.core.models import Fix, Severity
from checker.model.document import Document
from checker.rules.registry import Hit, fix_safety, rule
from checker.rules.rulepacks import Entry, Match, matcher

_DEFAULT_LEVEL = {
    "TY101": "error",
    "TY102": "error",
    "TY103": "error",
    "TY104": "info",
    "TY105": "error",
    "TY106": "info",
    "TY107": "info",
}


def pack_matches(doc: Document) -> list[Match]:
    """Every pack form found in the document body (computed once per document)."""
    return list(matcher(doc.settings).matches(doc.text, doc.body_spans))


def _substitutions(doc: Document, code: str) -> Iterator[Hit]:
    for found in doc.view(pack_matches):
        entry = found.entry
        if entry.code != code:
            continue
        yield Hit(
            found.start,
            found.end,
            args={"wrong": entry.form, "right": entry.right},
            suggestion=f"改为“{entry.right}”",
            fix=_fix(entry, found.start, found.end),
            evidence=_evidence(entry),
            severity=_severity(entry, code),
        )


def _fix(entry: Entry, start: int, end: int) -> Fix | None:
    if entry.fix == "none" or entry.right is None:
        return None
    return Fix.at(start=start, end=end, replacement=entry.right, safety=fix_safety(entry.fix))


def _severity(entry: Entry, code: str) -> Severity | None:
    if entry.level and entry.level != _DEFAULT_LEVEL[code]:
        return Severity(entry.level)
    return None


def _evidence(entry: Entry) -> dict[str, Any]:
    evidence: dict[str, Any] = {"pack": entry.pack, "rule": entry.rule_id, "wrong": entry.form}
    if entry.right:
        evidence["right"] = entry.right
    if entry.note:
        evidence["note"] = entry.note
    return evidence


@rule(
    "TY101", "misspelt-word", category="typo", severity="error", fix="safe", message="“{wrong}”是错别字，应为“{right}”"
)
def misspelt_word(doc: Document) -> Iterator[Hit]:
    """A word written with a wrong character (布署, 按装, 幅度 as 辐度 …).

    What it checks:
        The misspellings listed in the rule packs (kind ``misspelling``): forms
        that are not words, found in the document body. Where a form can also
        arise across a word boundary (按装 in 按装机容量), the pack's context
        conditions keep it quiet.
    Why it matters:
        A wrong character in a published 公文 is an error a reader notices first
        and the issuing body answers for.
    Example:
        各单位要认真布署。 → 认真部署
    Fix:
        Safe: replace the form with the right one (the pack marks the few
        replacements that are not certain as unsafe).
    """
    return _substitutions(doc, "TY101")


@rule(
    "TY102",
    "misused-word",
    category="typo",
    severity="error",
    fix="safe",
    message="“{wrong}”在此处用法不当，应为“{right}”",
)
def misused_word(doc: Document) -> Iterator[Hit]:
    """A real word used where another is meant: 截止 before a date (→ 截至), 既使 (→ 即使).

    What it checks:
        The pack entries of kind ``usage``: words that are right in some
        contexts and wrong in the one found — 截止 directly before a date or a
        time (not before a deadline: 于5月31日前), 既使 without a following 又/也,
        日前 for 目前. A form that is no word in the sense used (签定, 按排) is a
        misspelling, reported by TY101.
    Why it matters:
        截止2015年11月 says the work *stopped* in November; 截至 says the figure
        runs *up to* November. The two read alike and mean different things.
    Example:
        截止2015年11月，全区… → 截至2015年11月
    Fix:
        Safe where the pack says the replacement is certain, else unsafe.
    """
    return _substitutions(doc, "TY102")


@rule(
    "TY103",
    "miswritten-idiom",
    category="typo",
    severity="error",
    fix="safe",
    message="成语“{wrong}”写法有误，应为“{right}”",
)
def miswritten_idiom(doc: Document) -> Iterator[Hit]:
    """An idiom (成语) with a wrong character: 再接再励, 按步就班, 迫不急待 …

    What it checks:
        The idioms listed in the rule packs (kind ``idiom``) in their common
        wrong forms.
    Why it matters:
        Idioms are fixed; a wrong character in one is read as carelessness.
    Example:
        我们要再接再励。 → 再接再厉
    Fix:
        Safe: the idiom has exactly one right form.
    """
    return _substitutions(doc, "TY103")


@rule(
    "TY104",
    "variant-form",
    category="typo",
    severity="info",
    fix="safe",
    message="“{wrong}”是非推荐词形，规范写法为“{right}”",
)
def variant_form(doc: Document) -> Iterator[Hit]:
    """A variant written form where a standard one is recommended (图象 → 图像, 帐户 → 账户).

    What it checks:
        The pack entries of kind ``variant``: the non-recommended forms of
        《第一批异形词整理表》 and of current dictionaries.
    Why it matters:
        公文 follow the standard written forms; mixing variants looks untidy.
    Example:
        个人帐户 → 个人账户
    Fix:
        Safe: replace with the recommended form.
    """
    return _substitutions(doc, "TY104")


@rule(
    "TY105",
    "transposed-phrase",
    category="typo",
    severity="error",
    fix="safe",
    message="“{wrong}”词序颠倒，应为“{right}”",
)
def transposed_phrase(doc: Document) -> Iterator[Hit]:
    """A set phrase with two parts swapped: 获认为定 (→ 获认定为).

    What it checks:
        The transposed set phrases listed in the rule packs (kind
        ``transposition``).
    Why it matters:
        A swapped phrase changes the meaning (认为 “think” for 认定 “certify”).
    Example:
        获认为定国家知识产权示范企业 → 获认定为国家知识产权示范企业
    Fix:
        Safe: restore the set order.
    """
    return _substitutions(doc, "TY105")


@rule("TY106", "discouraged-form", category="typo", severity="info", message="{text}")
def discouraged_form(doc: Document) -> Iterator[Hit]:
    """A form a rule pack says should not appear (existence rules): 凯旋而归, 亲眼目睹 …

    What it checks:
        The tokens of the packs' ``existence`` rules, in the document body.
    Why it matters:
        Each pack rule states why: redundant wording, a forbidden term, an
        internal name that must not be published.
    Example:
        代表团凯旋而归。 — 凯旋 already means returning in triumph.
    Fix:
        None automatic: the pack's suggestion says what to write instead.
    """
    for found in doc.view(pack_matches):
        entry = found.entry
        if entry.code != "TY106":
            continue
        yield Hit(
            found.start,
            found.end,
            args={"text": entry.message.format(match=entry.form)},
            suggestion=entry.suggestion or None,
            evidence=_evidence(entry),
            severity=_severity(entry, "TY106"),
        )


@rule(
    "TY107",
    "inconsistent-variants",
    category="typo",
    severity="info",
    fix="safe",
    message="本文“{used}”与“{other}”两种写法并用（“{other}”{other_count}次），宜统一为“{other}”",
)
def inconsistent_variants(doc: Document) -> Iterator[Hit]:
    """Two forms of one word in one document (其他 and 其它), by the document's own convention.

    What it checks:
        For each ``consistency`` rule of the packs, counts its forms in the
        document body; when more than one is used, each use of a less frequent
        form is reported (on a tie, the pack's first form is the one kept).
    Why it matters:
        A document should write one word one way; the reader should not wonder
        whether two forms mean two things.
    Example:
        其他单位……其它部门…… → 其他部门
    Fix:
        Replace with the form the document uses most (safe where the pack says so).
    """
    rules = matcher(doc.settings)
    text = doc.text
    # Only a rule two of whose forms the text holds can be broken: str's search for each
    # form is much faster than re's scan of the body for all of them, and in most
    # documents no rule has two forms in it.
    if not any(sum(form in text for form in consistency.forms) >= 2 for consistency in rules.consistencies):
        return
    uses = rules.consistency_uses(text, doc.body_spans)
    for consistency in rules.consistencies:
        present = {
            form: [at for at in uses.get(form, ()) if consistency.conditions.hold(text, at, at + len(form))]
            for form in consistency.forms
        }
        present = {form: offsets for form, offsets in present.items() if offsets}
        if len(present) < 2:
            continue
        kept = max(present, key=lambda form: (len(present[form]), -consistency.forms.index(form)))
        for form, offsets in present.items():
            if form == kept:
                continue
            for at in offsets:
                fix = None
                if consistency.fix != "none":
                    fix = Fix.at(start=at, end=at + len(form), replacement=kept, safety=fix_safety(consistency.fix))
                yield Hit(
                    at,
                    at + len(form),
                    args={"used": form, "other": kept, "other_count": len(present[kept])},
                    suggestion=f"统一写作“{kept}”",
                    fix=fix,
                    evidence={
                        "pack": consistency.pack,
                        "rule": consistency.rule_id,
                        "counts": {f: len(o) for f, o in present.items()},
                        **({"note": consistency.note} if consistency.note else {}),
                    },
                    severity=Severity(consistency.level) if consistency.level and consistency.level != "info" else None,
                )


# 位 counts people; an institution takes 所 (schools, hospitals), 家 (firms) or 个.
_INSTITUTION_MEASURES = {
    "学院": "所",
    "大学": "所",
    "学校": "所",
    "高校": "所",
    "中学": "所",
    "小学": "所",
    "幼儿园": "所",
    "医院": "家",
    "研究院": "家",
    "研究所": "家",
    "企业": "家",
    "公司": "家",
    "银行": "家",
    "机构": "家",
    "商户": "家",
    "门店": "家",
    "工厂": "家",
    "单位": "个",
    "部门": "个",
    "中心": "个",
    "协会": "个",
    "学会": "个",
    "园区": "个",
    "基地": "个",
}
# After the institution, a word for a person of it: 300位国家学院院士, 5位企业家.
_PERSON_AFTER = (
    "院士",
    "教授",
    "专家",
    "学者",
    "代表",
    "负责人",
    "校长",
    "院长",
    "主任",
    "领导",
    "老师",
    "教师",
    "医生",
    "医师",
    "护士",
    "员工",
    "职工",
    "工作人员",
    "人员",
    "同志",
    "嘉宾",
    "会员",
    "成员",
    "委员",
    "博士",
    "学生",
    "毕业生",
    "校友",
    "创始人",
    "董事长",
    "总经理",
    "经理",
    "干部",
    "党员",
    "家",
    "主",
    "人",
    "者",
    "的",
    "中的",
)
_ARABIC_DIGITS = "0-9０-９"
_NUMERALS = "〇一二三四五六七八九十百千万两几数"
PERSON_COUNT_WITH_INSTITUTION = patterns.lazy(
    # not an ordinal (排在第一位的部门), and the noun phrase has no particle of a clause
    rf"(?<![第{_ARABIC_DIGITS}{_NUMERALS}])(?:[{_ARABIC_DIGITS}]+|[{_NUMERALS}]+)[余多]?"
    r"(位)((?:(?![的者为是在和与及])[\u4e00-\u9fff]){0,8}?)("
    + "|".join(sorted(_INSTITUTION_MEASURES, key=len, reverse=True))
    + ")"
)


@rule(
    "TY110",
    "person-measure-for-institution",
    category="typo",
    severity="warning",
    fix="unsafe",
    message="“位”是人的量词，不能用于“{institution}”，应为“{measure}”",
)
def person_measure_for_institution(doc: Document) -> Iterator[Hit]:
    """The measure word for people (位) counting institutions.

    What it checks:
        A number, 位 and a noun phrase ending in an institution (学院, 大学,
        医院, 企业, 公司, 银行, 机构, 单位, 中心 …) that is not followed by a
        word for a person of it (院士, 教授, 负责人, 家 of 企业家 …).
    Why it matters:
        位 is the polite measure word for people; 300位国家学院 counts schools
        as if they were people, a slip of a sentence that first meant their
        members.
    Example:
        遴选300位国家学院 → 300所国家学院
    Fix:
        Unsafe: 位 becomes the institution's measure word (所 for schools, 家
        for firms and hospitals, 个 otherwise) — unless a person was meant and
        a word is missing after the institution.
    """
    text = doc.text
    for span_start, span_end in doc.body_spans:
        for found in person_counts(text, span_start, span_end):
            if text.startswith(_PERSON_AFTER, found.end()):
                continue
            institution = found.group(3)
            measure = _INSTITUTION_MEASURES[institution]
            at = found.start(1)
            yield Hit(
                at,
                found.end(),
                args={"institution": institution, "measure": measure},
                suggestion=f"改为“{measure}”，或补上所指的人",
                fix=Fix.at(start=at, end=at + 1, replacement=measure, safety="unsafe"),
                evidence={"measure_word": "位", "institution": institution, "usual_measure": measure},
            )


_NUMBER_CHARACTERS = frozenset("0123456789０１２３４５６７８９" + _NUMERALS)


def person_counts(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``PERSON_COUNT_WITH_INSTITUTION.finditer(text, start, end)``, found
    from each 位: the pattern starts with a look-behind, so ``re`` would try it at every
    character of the text. A match can only start where the run of number characters
    before 位 (and 余 or 多) starts: inside the run, the look-behind fails."""
    position = start
    at = text.find("位", start, end)
    while at >= 0:
        number_end = at - 1 if at >= 2 and text[at - 1] in "余多" else at
        first = number_end
        while first > 0 and text[first - 1] in _NUMBER_CHARACTERS:
            first -= 1
        if position <= first < number_end:
            found = PERSON_COUNT_WITH_INSTITUTION.match(text, first, end)
            if found is not None:
                yield found
                position = found.end()
        at = text.find("位", at + 1, end)
