"""Numeric consistency (NC family): the arithmetic behind a document's claims.

Each rule takes the claims of ``checker.model.claims`` and checks that their numbers agree:
totals and breakdowns (NC101, NC102), shares (NC103–NC105), changes and rates
(NC106–NC109), several shares of one whole (NC110) and a figure restated with
another value (NC111). Every finding carries the arithmetic, in the message and as
``evidence``, so a reviewer verifies it in seconds. Written numbers are taken as
rounded half-up to the precision written; approximate ones (近, 约, 左右) and bounds
(超, 以上, 不足) widen the comparison, and the evidence says by how much.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from checker.core.models import Fix, Severity
from checker.core.numericdata import NumericRules
from checker.model.claims import Breakdown, Change, claims
from checker.model.document import Document
from checker.model.quantities import Quantity, format_number, load_numeric_rules, plain
from checker.rules.registry import Hit, rule

Interval = tuple[Fraction, Fraction | None]  # (low, high); high None: no upper bound
Bounded = tuple[Fraction, Fraction]


# -- arithmetic helpers -------------------------------------------------------------


def _rules(doc: Document) -> NumericRules:
    return load_numeric_rules()


def _overlap(a: Interval, b: Interval) -> bool:
    return (a[1] is None or a[1] >= b[0]) and (b[1] is None or b[1] >= a[0])


def _sum(intervals: list[Interval]) -> Interval:
    low = sum((i[0] for i in intervals), Fraction(0))
    highs = [i[1] for i in intervals if i[1] is not None]
    high = None if len(highs) < len(intervals) else sum(highs, Fraction(0))
    return low, high


def _express(value: Fraction, like: Quantity) -> str:
    """``value`` written in the magnitude and unit of ``like``: 1.1亿元, 79项."""
    if like.is_rate:
        return plain(value) + ("%" if like.unit == "%" else like.unit)
    if like.chinese or like.magnitude == 1:
        return plain(value) + like.unit
    return plain(value / like.magnitude) + like.scale_word


def _how_read(quantities: list[Quantity], rules: NumericRules) -> list[str]:
    """How each non-exact number was read, for the evidence."""
    notes = []
    relative = rules.tolerance.approximate_relative
    for quantity in quantities:
        low, high = quantity.interval(rules)
        if quantity.qualifier == "approximate":
            notes.append(f"“{quantity.qualifier_word}{quantity.text}”为约数，按±{relative:.0%}容差计")
        elif quantity.qualifier == "lower" or high is None:  # (only a lower bound leaves high open)
            notes.append(f"“{quantity.text}”带“{quantity.qualifier_word}”，只作下限（≥{_express(low, quantity)}）")
        elif quantity.qualifier == "upper":
            notes.append(f"“{quantity.text}”带“{quantity.qualifier_word}”，只作上限（≤{_express(high, quantity)}）")
        elif quantity.half_width(rules):
            notes.append(f"“{quantity.text}”按四舍五入视为[{_express(low, quantity)}, {_express(high, quantity)})")
    return notes


def _interval_text(interval: Interval, like: Quantity) -> str:
    low, high = interval
    if high is None:
        return f"≥{_express(low, like)}"
    if low == high:
        return _express(low, like)
    return f"[{_express(low, like)}, {_express(high, like)}]"


# -- totals and breakdowns ----------------------------------------------------------


def _sum_expression(breakdown: Breakdown, total_of_parts: Fraction) -> str:
    total = breakdown.total
    same = (
        all(p.quantity.scale_word == total.scale_word and not p.quantity.chinese for p in breakdown.parts)
        and not total.chinese
    )
    if same:
        terms = "+".join(plain(p.quantity.number) for p in breakdown.parts)
    else:
        terms = "+".join(p.quantity.text for p in breakdown.parts)
    return f"{terms}={_express(total_of_parts, total)}"


@rule(
    "NC101",
    "breakdown-sum-mismatch",
    category="numeric",
    severity="error",
    message="合计{total}，分项之和{expression}，不一致（相差{difference}）",
)
def breakdown_sum_mismatch(doc: Document) -> Iterator[Hit]:
    """The parts of a total that are all of it do not add up to it.

    What it checks:
        A total followed by its parts (共78项，其中国家级4项，省级54项，市级20项) where
        the parts are meant to be all of the total: they match an enumeration
        written with the total (国家、省、市 ↔ 国家级/省级/市级), they are a standard
        partition from rules/numeric.yaml (一等奖/二等奖/三等奖, 男/女, 城镇/农村,
        第一/二/三产业, 新建/续建 …), or the text says 分别为. Their sum must equal
        the total. Numbers with decimals or 万/亿 are taken as rounded half-up to
        the precision written; 近/约/左右 allow the tolerance of rules/numeric.yaml.
    Why it matters:
        A total that its own breakdown contradicts is the first thing a reader
        checks, and one of the two figures is wrong.
    Example:
        共78项，其中国家级4项，省级54项，市级21项  — 4+54+21=79项.
    Fix:
        Correct the total or the part that is wrong; no automatic fix, since only
        the author knows which figure is right.
    """
    rules = _rules(doc)
    for breakdown in claims(doc).breakdowns:
        if not breakdown.exhaustive:
            continue
        total = breakdown.total
        quantities = [p.quantity for p in breakdown.parts]
        parts_interval = _sum([q.interval(rules) for q in quantities])
        total_interval = total.interval(rules)
        if _overlap(parts_interval, total_interval):
            continue
        parts_value = sum((q.value for q in quantities), Fraction(0))
        difference = abs(parts_value - total.value)
        expression = _sum_expression(breakdown, parts_value)
        yield Hit(
            breakdown.start,
            breakdown.end,
            args={"total": total.text, "expression": expression, "difference": _express(difference, total)},
            suggestion="核对合计数与各分项，改正有误的数字",
            evidence={
                "total": total.text,
                "parts": [{"label": p.label, "value": p.quantity.text} for p in breakdown.parts],
                "sum": expression,
                "difference": _express(difference, total),
                "exhaustive_because": breakdown.reason,
                "total_range": _interval_text(total_interval, total),
                "sum_range": _interval_text(parts_interval, total),
                "rounding": _how_read([total, *quantities], rules) or ["各数均为精确整数"],
            },
        )


# 超过10亿千瓦 bounds a total from below only; a writer rounds down to a figure near the
# total (with 25亿 they would write 超过20亿), so a part above this many times the bound
# is taken as impossible. A part between the bound and this is not reported: 超过10亿,
# 其中15亿 may be true.
LOWER_BOUND_TOTAL_REACH = 2


@rule(
    "NC102",
    "part-exceeds-total",
    category="numeric",
    severity="error",
    message={
        "default": "分项{part}大于合计{total}",
        "lower": "分项{part}超过合计“{total}”的{reach}倍，与合计不符",
        "sum": "分项之和{expression}大于合计{total}（如各分项互不重叠则有误）",
    },
)
def part_exceeds_total(doc: Document) -> Iterator[Hit]:
    """A part of a total is larger than the total.

    What it checks:
        A total followed by some of its parts (专利授权量5458件，其中发明专利授权671件):
        each part must not exceed the total (error); when the parts are not
        known to be all of the total, their sum exceeding it is a warning, since
        categories such as 高新技术企业 and 国有企业 may overlap.
    Why it matters:
        A part larger than its whole is impossible: a figure was mistyped or
        taken from another year or unit.
    Example:
        全年新增企业120家，其中高新技术企业150家
    Fix:
        Correct the figure that is wrong; no automatic fix.
    """
    rules = _rules(doc)
    for breakdown in claims(doc).breakdowns:
        total = breakdown.total
        total_interval = total.interval(rules)
        if total_interval[1] is None:
            yield from _parts_beyond_a_lower_bound(breakdown, total_interval[0], rules)
            continue
        reported = False
        for part in breakdown.parts:
            low = part.quantity.interval(rules)[0]
            if low > total_interval[1]:
                reported = True
                yield Hit(
                    part.quantity.start,
                    part.quantity.end,
                    args={"part": f"{part.label}{part.quantity.text}", "total": total.text},
                    suggestion="核对该分项与合计数",
                    evidence={
                        "total": total.text,
                        "part": part.quantity.text,
                        "part_label": part.label,
                        "comparison": f"{part.quantity.text} > {total.text}",
                        "rounding": _how_read([total, part.quantity], rules) or ["各数均为精确值"],
                    },
                )
        if reported or breakdown.exhaustive or breakdown.overlap_noted or len(breakdown.parts) < 2:
            continue
        quantities = [p.quantity for p in breakdown.parts]
        parts_interval = _sum([q.interval(rules) for q in quantities])
        if parts_interval[0] > total_interval[1]:
            parts_value = sum((q.value for q in quantities), Fraction(0))
            expression = _sum_expression(breakdown, parts_value)
            yield Hit(
                breakdown.start,
                breakdown.end,
                variant="sum",
                severity=Severity.warning,
                args={"expression": expression, "total": total.text},
                suggestion="核对各分项与合计数；如分项之间有交叉，可注明“有重叠”",
                evidence={
                    "total": total.text,
                    "parts": [{"label": p.label, "value": p.quantity.text} for p in breakdown.parts],
                    "sum": expression,
                    "exhaustive_because": breakdown.reason,
                    "rounding": _how_read([total, *quantities], rules) or ["各数均为精确值"],
                },
            )


def _parts_beyond_a_lower_bound(breakdown: Breakdown, bound: Fraction, rules: NumericRules) -> Iterator[Hit]:
    """Parts of a total written as a lower bound (超过10亿千瓦) that no plausible total holds."""
    total = breakdown.total
    ceiling = bound * LOWER_BOUND_TOTAL_REACH
    for part in breakdown.parts:
        low = part.quantity.interval(rules)[0]
        if bound > 0 and low > ceiling:
            yield Hit(
                part.quantity.start,
                part.quantity.end,
                variant="lower",
                severity=Severity.warning,
                args={
                    "part": f"{part.label}{part.quantity.text}",
                    "total": f"{total.qualifier_word}{total.text}",
                    "reach": LOWER_BOUND_TOTAL_REACH,
                },
                suggestion="核对该分项与合计数",
                evidence={
                    "total": total.text,
                    "part": part.quantity.text,
                    "part_label": part.label,
                    "comparison": f"{part.quantity.text} > {LOWER_BOUND_TOTAL_REACH}×"
                    f"{_express(bound, total)} = {_express(ceiling, total)}",
                    "rounding": [
                        *_how_read([total, part.quantity], rules),
                        f"合计只写了下限，按不超过下限的{LOWER_BOUND_TOTAL_REACH}倍计",
                    ],
                },
            )


# -- shares -------------------------------------------------------------------------


def _rounding_note(percent: Quantity, rules: NumericRules) -> str:
    low, high = percent.interval(rules)
    if percent.qualifier == "approximate":
        return f"{percent.text}为约数，按±{rules.tolerance.approximate_relative:.0%}容差计"
    if high is None:  # 增长50%以上: a lower bound only
        return f"“{percent.text}”带“{percent.qualifier_word}”，只作下限（≥{_express(low, percent)}）"
    return (
        f"百分比按四舍五入（half-up）保留{percent.decimals}位小数：{percent.text}表示"
        f"[{format_number(low, percent.decimals + 1)}%, {format_number(high, percent.decimals + 1)}%)"
    )


@rule(
    "NC103",
    "share-mismatch",
    category="numeric",
    severity="error",
    message="{part}占{whole}应为{actual}，与所写{written}不符",
)
def share_mismatch(doc: Document) -> Iterator[Hit]:
    """A percentage that its own part and whole do not give.

    What it checks:
        A share whose part and whole are both written (其中新认定35家，占24.6%; 占全市
        120家的14.2%): part ÷ whole, rounded half-up to the decimals written, must
        equal the percentage.
    Why it matters:
        The reader can divide; a share that does not match its figures undermines
        every other number in the document.
    Example:
        共有企业142家，其中新认定35家，占28.6%  — 35/142 = 24.6%.
    Fix:
        Recompute the percentage (or correct the part or the whole). No automatic
        fix: the wrong figure may be the part or the whole.
    """
    rules = _rules(doc)
    for share in claims(doc).shares:
        if share.part is None or share.whole is None or share.whole.value == 0:
            continue
        part, whole, percent = share.part, share.whole, share.percent
        part_low, part_high = part.interval(rules)
        whole_low, whole_high = whole.interval(rules)
        if part_high is None or whole_high is None or whole_low <= 0:
            continue
        actual = (part_low * 100 / whole_high, part_high * 100 / whole_low)
        if _overlap(actual, percent.interval(rules)):
            continue
        exact = part.value * 100 / whole.value
        shown = format_number(exact, percent.decimals) + "%"
        yield Hit(
            share.start,
            share.end,
            args={
                "part": part.text,
                "whole": whole.text,
                "actual": f"{plain(part.value)}/{plain(whole.value)} = {shown}",
                "written": percent.text,
            },
            suggestion=f"核对百分比，按所列数字应为{shown}",
            evidence={
                "part": part.text,
                "whole": whole.text,
                "whole_source": share.whole_source,
                "computed": f"{plain(part.value)}/{plain(whole.value)} = {format_number(exact, 4)}%",
                "written": percent.text,
                "rounding": _rounding_note(percent, rules),
            },
        )


@rule(
    "NC104",
    "share-without-whole-number-total",
    category="numeric",
    severity="warning",
    message="{part}，占{written}：没有整数总数能得出该百分比（{nearest}）",
)
def share_without_whole_number_total(doc: Document) -> Iterator[Hit]:
    """A percentage of a count that no whole-number total gives.

    What it checks:
        A share of a counted part whose whole is not written (累计认定17家，占全市
        总数的37.7%): some whole number W must give part ÷ W = the percentage,
        rounded half-up to the decimals written. When none does, the evidence
        shows the nearest totals and their percentages.
    Why it matters:
        Counts of firms, projects or people are whole numbers; a percentage that no
        whole total can produce means the part or the percentage was mistyped.
    Example:
        17家，占全市总数的37.7%  — 17/45 = 37.8%, 17/46 = 37.0%; no total gives 37.7%.
    Fix:
        Recompute the percentage from the real total, or correct the count.
    """
    rules = _rules(doc)
    limit = rules.shares.max_part_for_count_test
    shown = rules.shares.nearest_totals
    for share in claims(doc).shares:
        part, percent = share.part, share.percent
        if part is None or share.whole is not None or not share.level:
            continue
        if part.kind != "count" or not part.exact or part.magnitude != 1 or part.decimals:
            continue
        if not percent.exact or percent.tenths or part.value < 1 or part.value > limit:
            continue
        if any(word in share.whole_words for word in rules.shares.non_count_whole_words):
            continue  # the share is of an amount, not of the number of things counted
        low, high = percent.interval(rules)
        if low <= 0 or high is None or percent.value > 100:  # (an exact percentage has both bounds)
            continue
        count = part.value
        # half-up: the percentage p stands for [p - h, p + h); W must satisfy
        # count*100/(p+h) < W <= count*100/(p-h)
        least = math.floor(count * 100 / high) + 1
        most = math.floor(count * 100 / low)
        if least <= most:
            continue
        centre = count * 100 / percent.value
        around = range(math.floor(centre) - shown, math.ceil(centre) + shown + 1)
        candidates = sorted((w for w in around if w >= count and w > 0), key=lambda w: (abs(w - centre), w))[:shown]
        nearest = [
            f"{plain(count)}/{w} = {format_number(count * 100 / w, percent.decimals)}%" for w in sorted(candidates)
        ]
        yield Hit(
            share.start,
            share.end,
            args={"part": part.text, "written": percent.text, "nearest": "，".join(nearest)},
            suggestion="按实际总数重新计算百分比，或核对分子",
            evidence={
                "part": part.text,
                "written": percent.text,
                "nearest_totals": nearest,
                "totals_tried": f"需 {format_number(count * 100 / high, 2)} < 总数 ≤ "
                f"{format_number(count * 100 / low, 2)}，区间内无整数",
                "rounding": _rounding_note(percent, rules),
            },
        )


@rule(
    "NC105",
    "share-out-of-range",
    category="numeric",
    severity="error",
    message="“{word}”所示的比重不能超过100%，所写为{written}",
)
def share_out_of_range(doc: Document) -> Iterator[Hit]:
    """A share (占比, 比重, 覆盖率, 占…的) above 100%.

    What it checks:
        A percentage introduced by a share word from rules/numeric.yaml must lie
        between 0 and 100%. Changes of a share (占比提高5%) are not levels and are
        not checked.
    Why it matters:
        A part cannot be more than its whole; 120% is a typo or the wrong word
        (增长 rather than 占).
    Example:
        民生支出占一般公共预算支出的比重达108%
    Fix:
        Correct the percentage, or the word if a ratio rather than a share was meant.
    """
    rules = _rules(doc)
    for share in claims(doc).shares:
        if not share.level or share.percent.kind != "percent":
            continue
        if any(word in share.whole_words for word in rules.shares.exceedable_whole_words):
            continue  # 占年度计划的115%: a plan can be exceeded
        low, _ = share.percent.interval(rules)
        if low > 100:
            yield Hit(
                share.percent.start,
                share.percent.end,
                args={"word": share.word, "written": share.percent.text},
                suggestion="核对百分比；如表示倍数关系，不应使用“占”“比重”等字样",
                evidence={"share_word": share.word, "written": share.percent.text, "allowed": "[0%, 100%]"},
            )


# -- changes ------------------------------------------------------------------------


def _ratio_interval(numerator: Interval, denominator: Interval) -> Bounded | None:
    if numerator[1] is None or denominator[1] is None or denominator[0] <= 0:
        return None
    return numerator[0] / denominator[1], numerator[1] / denominator[0]


@rule(
    "NC106",
    "change-rate-mismatch",
    category="numeric",
    severity="error",
    message="{value}比上期{verb}{amount}，{verb_rate}率应为{expression}，与所写{written}不符",
)
def change_rate_mismatch(doc: Document) -> Iterator[Hit]:
    """A growth rate that the value and its increase do not give.

    What it checks:
        达到M，比上年增加N，增长p%: the base is M−N (M+N for a decrease), and
        N ÷ base, rounded half-up to the decimals written, must equal p.
    Why it matters:
        Three figures that contradict each other leave the reader unable to tell
        which one is right.
    Example:
        新增市场主体3200户，比上年增加400户，增长12.5%  — 400/2800 = 14.3%.
    Fix:
        Recompute the rate from the value and the increase, or correct them.
    """
    rules = _rules(doc)
    for change in claims(doc).changes:
        if change.form != "increment" or change.rate is None or change.real_growth:
            continue
        value, amount, rate = change.end_value, change.amount, change.rate
        if value is None or amount is None:  # (an increment always has both)
            continue
        v, n = value.interval(rules), amount.interval(rules)
        if v[1] is None or n[1] is None:
            continue
        up = change.direction == "up"
        base = (v[0] - n[1], v[1] - n[0]) if up else (v[0] + n[0], v[1] + n[1])
        ratio = _ratio_interval(n, base)
        if ratio is None:
            continue
        computed = (ratio[0] * 100, ratio[1] * 100)
        if _overlap(computed, rate.interval(rules)):
            continue
        exact_base = value.value - amount.value if change.direction == "up" else value.value + amount.value
        if exact_base <= 0:
            continue
        exact = amount.value * 100 / exact_base
        sign = "−" if change.direction == "up" else "+"
        expression = (
            f"{plain(amount.value / amount.magnitude)}/({plain(value.value / amount.magnitude)}{sign}"
            f"{plain(amount.value / amount.magnitude)}) = {format_number(exact, rate.decimals)}%"
        )
        if amount.magnitude != value.magnitude:
            expression = (
                f"{_express(amount.value, value)}/({value.text}{sign}{_express(amount.value, value)})"
                f" = {format_number(exact, rate.decimals)}%"
            )
        rate_word = "增长" if change.direction == "up" else "下降"
        yield Hit(
            change.start,
            change.end,
            args={
                "value": value.text,
                "verb": change.verb,
                "amount": amount.text,
                "verb_rate": rate_word,
                "expression": expression,
                "written": rate.text,
            },
            suggestion=f"核对数字；按所列数值{rate_word}率应为{format_number(exact, rate.decimals)}%",
            evidence={
                "value": value.text,
                "amount": amount.text,
                "base": _express(exact_base, value),
                "computed": expression,
                "written": rate.text,
                "rounding": _rounding_note(rate, rules),
                "inputs": _how_read([value, amount], rules) or ["数值按所写取值"],
            },
        )


FromToFacts = tuple[Bounded, Bounded | None, Fraction, Fraction | None]


def _from_to_facts(change: Change, rules: NumericRules) -> FromToFacts | None:
    """(the difference in points, the relative change in %, as intervals; the same of
    the values as written) of a change 由A到B."""
    a, b = change.start_value, change.end_value
    if a is None or b is None:
        return None
    ai, bi = a.interval(rules), b.interval(rules)
    if ai[1] is None or bi[1] is None:
        return None
    up = change.direction == "up"
    points = (bi[0] - ai[1], bi[1] - ai[0]) if up else (ai[0] - bi[1], ai[1] - bi[0])
    relative: Bounded | None = None
    if ai[0] > 0:
        relative = (
            ((bi[0] / ai[1] - 1) * 100, (bi[1] / ai[0] - 1) * 100)
            if up
            else ((1 - bi[1] / ai[0]) * 100, (1 - bi[0] / ai[1]) * 100)
        )
    exact_points = (b.value - a.value) if up else (a.value - b.value)
    exact_relative = exact_points * 100 / a.value if a.value else None
    return points, relative, exact_points, exact_relative


@rule(
    "NC107",
    "change-from-to-mismatch",
    category="numeric",
    severity="error",
    message={
        "default": "由{start}{verb}到{end}，{rate_verb}{expression}，与所写{written}不符",
        "direction": "由{start}“{verb}”到{end}，但{end}{relation}{start}，方向不符",
        "times": "由{start}{verb}到{end}，{rate_verb}{expression}倍，与所写{written}不符",
    },
)
def change_from_to_mismatch(doc: Document) -> Iterator[Hit]:
    """A change 由A到B whose stated rate or direction does not match A and B.

    What it checks:
        由A增加到B，增长p%: (B−A) ÷ A must equal p; 由A%提高到B%，提高p个百分点:
        B−A must equal p; 增长X倍: (B−A) ÷ A must equal X; and 增加/提高 must go up,
        减少/下降 down. Rounding half-up to the decimals written.
    Why it matters:
        A rate that its own start and end values contradict cannot be trusted.
    Example:
        由50元提高到100元，增长50%  — (100−50)/50 = 100%.
    Fix:
        Recompute the rate from the two values, or correct the values.
    """
    rules = _rules(doc)
    for change in claims(doc).changes:
        a, b, rate = change.start_value, change.end_value, change.rate
        if change.form != "from_to" or a is None or b is None:  # (由A到B always has both)
            continue
        ai, bi = a.interval(rules), b.interval(rules)
        if ai[1] is not None and bi[1] is not None and a.unit not in rules.change.rank_units:
            wrong_way = bi[1] < ai[0] if change.direction == "up" else bi[0] > ai[1]
            if wrong_way:
                yield Hit(
                    change.start,
                    change.end,
                    variant="direction",
                    args={
                        "start": a.text,
                        "end": b.text,
                        "verb": change.verb,
                        "relation": "小于" if change.direction == "up" else "大于",
                    },
                    suggestion="核对起止数值或改用表示相反方向的词",
                    evidence={"from": a.text, "to": b.text, "verb": change.verb, "direction": change.direction},
                )
                continue
        if rate is None:
            continue
        facts = _from_to_facts(change, rules)
        if facts is None:
            continue
        points, relative, exact_points, exact_relative = facts
        written = rate.interval(rules)
        if rate.kind == "points":
            if a.unit != "%" or _overlap(points, written):
                continue
            difference = (
                f"{plain(b.value)}−{plain(a.value)}"
                if change.direction == "up"
                else f"{plain(a.value)}−{plain(b.value)}"
            )
            expression = f"{difference} = {format_number(abs(exact_points), rate.decimals)}个百分点"
        elif rate.kind == "percent":
            if (
                relative is None
                or exact_relative is None
                or _overlap(relative, written)
                or (change.real_growth and a.unit != "%")
            ):
                continue
            if a.unit == "%" and _overlap(points, written):
                continue  # NC108: percentage points written as %
            expression = (
                f"({plain(b.value)}−{plain(a.value)})/{plain(a.value)} = "
                f"{format_number(abs(exact_relative), rate.decimals)}%"
                if change.direction == "up"
                else f"({plain(a.value)}−{plain(b.value)})/{plain(a.value)} = "
                f"{format_number(abs(exact_relative), rate.decimals)}%"
            )
        elif rate.kind == "times" and change.direction == "up":
            if relative is None or exact_relative is None or _overlap((relative[0] / 100, relative[1] / 100), written):
                continue
            ratio = b.value / a.value if a.value else None
            expression = (
                f"({plain(b.value)}−{plain(a.value)})/{plain(a.value)} = "
                f"{format_number(exact_relative / 100, max(rate.decimals, 1))}"
            )
            yield Hit(
                change.start,
                change.end,
                variant="times",
                args={
                    "start": a.text,
                    "end": b.text,
                    "verb": change.verb,
                    "expression": expression,
                    "written": rate.text,
                    "rate_verb": change.rate_verb,
                },
                suggestion=(
                    "“增长X倍”指增加后为原来的X+1倍；若指为原来的X倍，应写“增长到X倍”"
                    if ratio is not None and abs(ratio - rate.value) <= rate.half_width(rules) + Fraction(1, 20)
                    else "核对起止数值与倍数"
                ),
                evidence={
                    "from": a.text,
                    "to": b.text,
                    "computed": expression,
                    "written": rate.text,
                    "ratio_to_start": format_number(ratio, 2) if ratio is not None else None,
                    "rounding": _rounding_note(rate, rules),
                },
            )
            continue
        else:
            continue
        yield Hit(
            change.start,
            change.end,
            args={
                "start": a.text,
                "end": b.text,
                "verb": change.verb,
                "expression": expression,
                "written": rate.text,
                "rate_verb": change.rate_verb,
            },
            suggestion="核对起止数值与变化幅度",
            evidence={
                "from": a.text,
                "to": b.text,
                "computed": expression,
                "written": rate.text,
                "rounding": _rounding_note(rate, rules),
            },
        )


@rule(
    "NC108",
    "percent-for-percentage-points",
    category="numeric",
    severity="error",
    message="由{start}{verb}到{end}，差值{expression}是百分点，应写“{rate_verb}{points}个百分点”而不是“{written}”",
    fix="unsafe",
)
def percent_for_percentage_points(doc: Document) -> Iterator[Hit]:
    """The difference of two percentages written as % instead of 个百分点.

    What it checks:
        由A%提高到B%，提高p%: when p equals B−A (and not (B−A) ÷ A), the change is
        p percentage points (个百分点), not p percent.
    Why it matters:
        提高0.3% of 2.1% would be 2.1063%; the document means 0.3 个百分点. The
        two readings differ by a factor of the base rate.
    Example:
        研发投入强度由2.1%提高到2.4%，提高0.3%  → 提高0.3个百分点
    Fix:
        Replace “%” with “个百分点” (unsafe: check that an absolute difference was meant).
    """
    rules = _rules(doc)
    for change in claims(doc).changes:
        a, b, rate = change.start_value, change.end_value, change.rate
        if change.form != "from_to" or rate is None or rate.kind != "percent" or a is None or b is None:
            continue
        if a.unit != "%" or b.unit != "%":
            continue
        facts = _from_to_facts(change, rules)
        if facts is None:
            continue
        points, _, exact_points, exact_relative = facts
        written = rate.interval(rules)
        # Which did the author mean? The difference of the written values is p, and
        # the relative change of the written values is not (rounding of tiny rates
        # aside: 0.1%→0.2% may be anything from 0% to 400% relative).
        relative_as_written = exact_relative is not None and _overlap((exact_relative, exact_relative), written)
        if not _overlap(points, written) or relative_as_written:
            continue
        unit_start = rate.end - len(rate.suffix) if rate.suffix in ("%", "％") else None
        fix = (
            Fix.at(start=unit_start, end=rate.end, replacement="个百分点", safety="unsafe")
            if unit_start is not None
            else None
        )
        difference = format_number(abs(exact_points), rate.decimals)
        expression = (
            f"{plain(b.value)}−{plain(a.value)} = {difference}"
            if change.direction == "up"
            else f"{plain(a.value)}−{plain(b.value)} = {difference}"
        )
        relative_text = format_number(abs(exact_relative), 2) + "%" if exact_relative is not None else "—"
        yield Hit(
            rate.start,
            rate.end,
            args={
                "start": a.text,
                "end": b.text,
                "verb": change.verb,
                "expression": expression,
                "points": plain(rate.number),
                "written": f"{change.rate_verb}{rate.text}",
                "rate_verb": change.rate_verb,
            },
            suggestion=f"改为“{change.rate_verb}{plain(rate.number)}个百分点”",
            fix=fix,
            evidence={
                "from": a.text,
                "to": b.text,
                "difference": f"{expression}个百分点",
                "relative_change": f"({plain(b.value)}−{plain(a.value)})/{plain(a.value)} = {relative_text}",
                "written": rate.text,
                "rounding": _rounding_note(rate, rules),
            },
        )


@rule(
    "NC109",
    "decrease-by-times",
    category="numeric",
    severity="warning",
    message="“{verb}{times}”的说法不规范：减少不能用倍数表示",
)
def decrease_by_times(doc: Document) -> Iterator[Hit]:
    """A decrease expressed in times (减少N倍, 降低N倍).

    What it checks:
        A down verb (减少, 降低, 下降, 缩小 …) followed by a multiple (倍).
    Why it matters:
        Decreasing by one time leaves nothing; the phrase is ambiguous and the
        national rules on numbers in publications ask for a fraction or percentage.
    Example:
        成本降低3倍  → 成本降低到原来的四分之一 / 降低75%
    Fix:
        Rewrite as a fraction (降低到原来的…分之一) or a percentage.
    """
    for change in claims(doc).changes:
        if change.form == "times_down" and change.rate is not None:  # (it always has its rate)
            yield Hit(
                change.start,
                change.end,
                args={"verb": change.verb, "times": change.rate.text},
                suggestion="改用分数或百分比表示，如“降低到原来的几分之一”“降低百分之几”",
                evidence={"verb": change.verb, "written": change.rate.text},
            )


# -- several shares of one whole ---------------------------------------------------


@rule(
    "NC110",
    "shares-do-not-sum-to-whole",
    category="numeric",
    severity="error",
    message="{whole}的各部分占比{expression}，合计应为100%",
)
def shares_do_not_sum_to_whole(doc: Document) -> Iterator[Hit]:
    """Shares of one whole, listed together, that do not add up to 100%.

    What it checks:
        The shares of every member of a partition (第一产业占…，第二产业占…，第三产业
        占…) or a structure ratio after a hint word (三次产业结构为5.1:38.2:56.7) must
        add up to 100% within rounding (half of the last written digit per share).
        A ratio whose terms add up to far from 100 (1:2:3) is a ratio, not shares,
        and is not checked.
    Why it matters:
        Shares of one whole that do not make the whole mean one of them is wrong.
    Example:
        三次产业结构调整为4.6:36.5:59.9  — 4.6+36.5+59.9 = 101.0.
    Fix:
        Correct the share that is wrong.
    """
    for share_set in claims(doc).share_sets:
        shares = share_set.shares
        if any(not q.exact for q in shares):
            continue
        total = sum((q.value for q in shares), Fraction(0))
        tolerance = sum((Fraction(1, 10**q.decimals) / 2 for q in shares), Fraction(0))
        if abs(total - 100) <= tolerance or not (90 <= total <= 110):
            continue
        decimals = max(q.decimals for q in shares)
        expression = "+".join(plain(q.value) for q in shares) + f" = {format_number(total, decimals)}"
        yield Hit(
            share_set.start,
            share_set.end,
            args={"whole": share_set.whole, "expression": expression},
            suggestion="核对各部分占比",
            evidence={
                "whole": share_set.whole,
                "shares": [q.text for q in shares],
                "sum": expression,
                "tolerance": f"±{plain(tolerance)}（各数四舍五入误差之和）",
            },
        )


# -- a figure stated twice ------------------------------------------------------------


@rule(
    "NC111",
    "restated-figure-differs",
    category="numeric",
    severity="warning",
    message="“{subject}”（{year}年）在第{first_line}行为{first}，此处为{second}，前后不一致",
)
def restated_figure_differs(doc: Document) -> Iterator[Hit]:
    """The same measure stated twice in one document with different values.

    What it checks:
        A figure with the same subject (the words before it, at least the length
        set in rules/numeric.yaml), the same unit and the same year, stated twice
        with values that differ beyond rounding. Sentences stating targets or
        plans (目标, 力争, 预计 …) are left out.
    Why it matters:
        A reader who meets 专利授权量5458件 on page one and 5485件 on page three
        cannot tell which is right.
    Example:
        2023年专利授权量5458件。……2023年专利授权量5485件。
    Fix:
        Use one figure in both places.
    """
    rules = _rules(doc)
    first_seen: dict[tuple[str, str, int], Quantity] = {}
    for figure in claims(doc).figures:
        key = figure.key
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = figure.quantity
            continue
        if _overlap(earlier.interval(rules), figure.quantity.interval(rules)):
            continue
        line, _ = doc.position(earlier.start)
        yield Hit(
            figure.quantity.start,
            figure.quantity.end,
            args={
                "subject": figure.subject,
                "year": figure.year,
                "first_line": line,
                "first": earlier.text,
                "second": figure.quantity.text,
            },
            suggestion="核对两处数字，统一为正确的一个",
            evidence={
                "subject": figure.subject,
                "year": figure.year,
                "unit": figure.quantity.unit,
                "first": {"value": earlier.text, "line": line},
                "second": {"value": figure.quantity.text, "line": doc.position(figure.quantity.start)[0]},
            },
        )
