"""Tables that add up (NC2xx): totals, shares and growth rates in the cells of a table.

Reads the tables view (:mod:`checker.model.tables`): a 合计/总计/小计 row or column
must be the sum of its parts (NC201), a percentage column the share of each count in
the column's total (NC202), a growth column the change between two years' columns
(NC203). A written number stands for the interval its last digit allows (half-up
rounding), so 33.3% of 100 is right for 1/3. Each finding points at the cell that
disagrees, names it by its row and column labels, and shows the arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from checker.model.document import Document
from checker.model.quantities import format_number, plain
from checker.model.tables import Cell, Table, is_serial_column, tables
from checker.rules.registry import Hit, rule

# The label of a row or column that is the total of the others: 合计, 全市合计, 投资额合计（万元）, 总计
_TOTAL = re.compile(r"(?:合\s*计|总\s*计|小\s*计)(?!划)|^(?:共\s*计|总\s*数|全\s*部)")  # (not 总计划投资)
_SUBTOTAL = re.compile(r"小\s*计")
# A row or column that is a part of the one before it, not of the total
_BREAKDOWN = re.compile(r"^(?:其中|内[：:]|含[：:])")
# Header words of a column that is no amount to add up: rates, shares, averages, ranks, indexes
_NOT_ADDITIVE = re.compile(
    r"%|％|增长|增幅|增速|增减|同比|环比|比上年|比重|占比|比例|构成|率|平均|人均|均价|单价|价格"
    r"|排名|排序|位次|名次|指数|序号|编号|倍|得分|分值|年份|年度$"
)
# A row of a rate among rows of amounts (一般贸易占比（%）): neither a part nor grown by a rate
_RATE_ROW = re.compile(r"%|％|占比|比重|比例|率|指数|平均|人均|百分点")
# A share column: the part of each row in the column's total
_SHARE = re.compile(r"占比|比重|构成|占.{0,8}(?:%|％|百分比)")
# A growth column
_GROWTH = re.compile(r"增长|增幅|增速|增减|同比|比上年")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def _cell_name(table: Table, cell: Cell) -> str:
    return f"“{table.row_label(cell.row)}”行“{table.column_label(cell.column)}”列"


def _where(table: Table, cell: Cell) -> dict[str, str | int]:
    return {
        "row": table.row_label(cell.row),
        "column": table.column_label(cell.column),
        "row_number": cell.row + 1,
        "column_number": cell.column + 1,
    }


def _additive_columns(table: Table) -> list[int]:
    """Columns of amounts: numbers in the body, not rates, shares, ranks or serial numbers."""
    columns = []
    for column in range(table.column_count):
        if column == table.label_column or is_serial_column(table, column):
            continue
        if _NOT_ADDITIVE.search(table.column_label(column)):
            continue
        cells = [table.cell(row, column) for row in table.body_rows()]
        numbers = [cell for cell in cells if cell is not None and cell.is_number]
        if numbers and not any(cell.percent for cell in numbers):
            columns.append(column)
    return columns


@dataclass
class _Sum:
    value: Fraction
    slack: Fraction  # the rounding the parts and the total allow together
    terms: list[str]
    parts: list[dict[str, str]]
    decimals: int  # the most decimals of the parts and the total


def _sum(cells: list[Cell | None], total: Cell, names: list[str]) -> _Sum | None:
    """The sum of the part cells (a dash or an empty cell is none), or None when one is not a number."""
    value, slack, decimals = Fraction(0), total.half_step, total.decimals
    terms, parts = [], []
    for cell, name in zip(cells, names, strict=True):
        if cell is None or cell.is_nothing:
            continue
        if cell.value is None or cell.percent:
            return None
        value += cell.value
        slack += cell.half_step
        decimals = max(decimals, cell.decimals)
        terms.append(cell.text)
        parts.append({"name": name, "value": cell.text})
    if not terms:
        return None
    return _Sum(value, slack, terms, parts, decimals)


# -- totals --------------------------------------------------------------------------


def _total_rows(table: Table) -> Iterator[tuple[int, list[int]]]:
    """(a total row, the rows that are its parts)."""
    body = list(table.body_rows())
    kinds = {
        row: (
            "subtotal"
            if _SUBTOTAL.search(label)
            else "total"
            if _TOTAL.search(label)
            else "breakdown"
            if _BREAKDOWN.match(label)
            else "rate"
            if _RATE_ROW.search(label)
            else "part"
        )
        for row in body
        for label in [table.row_label(row).replace(" ", "")]
    }
    if "breakdown" in kinds.values():
        return  # 其中 rows: which rows they belong to is not certain
    group: list[int] = []  # parts since the last total or subtotal
    details: list[int] = []  # parts since the last total
    for row in body:
        kind = kinds[row]
        if kind == "rate":
            continue
        if kind == "part":
            group.append(row)
            details.append(row)
        elif kind == "subtotal":
            if group:
                yield row, group
            group = []
        else:  # a total: of the rows under its subtotals too, so that a wrong subtotal is reported once
            if details:
                yield row, details
            elif row == body[0]:  # 合计 first, its parts below it
                below = [r for r in body[1:] if kinds[r] == "part"]
                if len(below) == len(body) - 1:
                    yield row, below
            group, details = [], []


def _total_columns(table: Table, additive: list[int]) -> Iterator[tuple[int, list[int]]]:
    """(a total column, the columns that are its parts): the amounts on one side of it."""
    for column in additive:
        if not _TOTAL.search(table.column_label(column).replace(" ", "").split("/")[-1]):
            continue
        labels = {c: table.column_label(c) for c in additive}
        if any(_YEAR.search(label) for label in labels.values()):
            continue  # columns of years are one measure at several times, not parts
        left = [c for c in additive if c < column and not _BREAKDOWN.match(labels[c].split("/")[-1])]
        right = [c for c in additive if c > column and not _BREAKDOWN.match(labels[c].split("/")[-1])]
        parts = right if right and (not left or all(c > table.label_column for c in right)) else left
        if len(parts) >= 2 and not any(_TOTAL.search(labels[c].split("/")[-1]) for c in parts):
            yield column, parts


@rule(
    "NC201",
    "table-total-mismatch",
    category="numeric",
    severity="error",
    message="表格合计不符：{cell}为{written}，{arithmetic}",
)
def table_total_mismatch(doc: Document) -> Iterator[Hit]:
    """A 合计, 总计 or 小计 row or column of a table that is not the sum of its parts.

    What it checks:
        In a table of a .docx, Markdown or web page: each amount column of a row
        labelled 合计/总计/小计 must be the sum of the rows it totals (the rows since
        the header or the last total; a 总计 under 小计 rows adds the rows under them), and a column
        headed 合计/总计 the sum of the amount columns beside it. Rates, shares,
        averages, ranks and serial numbers are not added; a table with 其中 rows is
        left alone. Decimals allow the rounding of their last digit.
    Why it matters:
        A total that its own rows contradict is the first thing a reader adds up.
    Example:
        | 县别 | 产量（万吨） | / | 甲县 | 40 | / | 乙县 | 60 | / | 合计 | 110 |  — 40+60=100.
    Fix:
        Correct the total or the part that is wrong; no automatic fix.
    """
    for table in tables(doc):
        reported: set[tuple[int, int]] = set()
        for total, found, parts_are in _totals(table):
            if _adds_up(total, found) or (total.row, total.column) in reported:
                continue  # (a grand total is the sum of its row and of its column: one finding)
            reported.add((total.row, total.column))
            yield _mismatch(table, total, found, parts_are)


def _totals(table: Table) -> Iterator[tuple[Cell, _Sum, str]]:
    """(a total cell, the sum of its parts, 各行 or 各列) of every total of ``table``."""
    additive = _additive_columns(table)
    for row, parts in _total_rows(table):
        for column in additive:
            total = table.cell(row, column)
            if total is None or total.value is None:
                continue
            found = _sum([table.cell(r, column) for r in parts], total, [table.row_label(r) for r in parts])
            if found is not None:
                yield total, found, "各行"
    for column, parts in _total_columns(table, additive):
        for row in table.body_rows():
            total = table.cell(row, column)
            if total is None or total.value is None:
                continue
            found = _sum([table.cell(row, c) for c in parts], total, [table.column_label(c) for c in parts])
            if found is not None:
                yield total, found, "各列"


def _adds_up(total: Cell, found: _Sum) -> bool:
    return total.value is not None and abs(found.value - total.value) <= found.slack


def _wrong_totals(table: Table) -> set[tuple[int, int]]:
    """The places of the total cells NC201 reports: shares and rates computed from them are
    not reported again."""
    return {(total.row, total.column) for total, found, _ in _totals(table) if not _adds_up(total, found)}


def _mismatch(table: Table, total: Cell, found: _Sum, parts_are: str) -> Hit:
    assert total.value is not None  # (a total is a number: see _totals)
    shown = format_number(found.value, found.decimals)
    if "," in total.text and not found.decimals:  # written with thousands separators: so is the sum
        shown = f"{int(found.value):,}"
    arithmetic = (
        f"{parts_are}之和{'+'.join(found.terms)}={shown}"
        if len(found.terms) > 1
        else f"所计的“{found.parts[0]['name']}”为{shown}"
    )
    difference = format_number(abs(found.value - total.value), found.decimals)
    return Hit(
        total.start,
        total.end,
        args={"cell": _cell_name(table, total), "written": total.text, "arithmetic": f"{arithmetic}，相差{difference}"},
        suggestion="核对合计数与各分项，改正有误的数字",
        evidence={
            "cell": _where(table, total),
            "written": total.text,
            "parts": found.parts,
            "arithmetic": f"{arithmetic}，表中为{total.text}",
            "rounding": f"各数按所写小数位四舍五入，容许相差{plain(found.slack)}" if found.slack else "各数均为精确值",
        },
    )


# -- shares -----------------------------------------------------------------------------


def _count_column(table: Table, share: int, additive: list[int]) -> int | None:
    """The amounts a share column is a share of: the nearest amount column on its left."""
    left = [column for column in additive if column < share]
    return left[-1] if left else None


def _whole(table: Table, column: int) -> tuple[Cell | None, Fraction | None, Fraction]:
    """The total of a column: its 合计/总计 cell, or (with no total row) the sum of its body."""
    for row in table.body_rows():
        label = table.row_label(row).replace(" ", "")
        if _TOTAL.search(label) and not _SUBTOTAL.search(label):
            cell = table.cell(row, column)
            return (cell, cell.value, cell.half_step) if cell is not None and cell.value else (None, None, Fraction(0))
    cells = [table.cell(row, column) for row in table.body_rows()]
    if any(cell is None or (cell.value is None and not cell.is_nothing) for cell in cells) or any(
        _BREAKDOWN.match(table.row_label(row)) or _SUBTOTAL.search(table.row_label(row)) for row in table.body_rows()
    ):
        return None, None, Fraction(0)
    numbers = [cell for cell in cells if cell is not None and cell.value is not None]
    return (
        None,
        sum((cell.value for cell in numbers if cell.value is not None), Fraction(0)),
        sum((cell.half_step for cell in numbers), Fraction(0)),
    )


def _shares_of_the_whole(table: Table, column: int, whole: Cell | None) -> bool:
    """Are the percentages of ``column`` shares of the table's own total? Its total row says
    100 (or nothing); with no total row, the percentages of the rows add up to 100."""
    if whole is not None:
        cell = table.cell(whole.row, column)
        return cell is None or cell.value is None or abs(cell.value - 100) <= cell.half_step
    cells = [
        cell for row in table.body_rows() if (cell := table.cell(row, column)) is not None and cell.value is not None
    ]
    total = sum((cell.value for cell in cells if cell.value is not None), Fraction(0))
    return len(cells) >= 2 and abs(total - 100) <= sum((cell.half_step for cell in cells), Fraction(0)) + 1


def _share_interval(part: Cell, whole: Fraction, whole_slack: Fraction) -> tuple[Fraction, Fraction] | None:
    assert part.value is not None
    low_whole, high_whole = whole - whole_slack, whole + whole_slack
    if low_whole <= 0:
        return None
    return (part.value - part.half_step) * 100 / high_whole, (part.value + part.half_step) * 100 / low_whole


@rule(
    "NC202",
    "table-share-mismatch",
    category="numeric",
    severity="error",
    message="表格占比不符：{cell}为{written}，{arithmetic}",
)
def table_share_mismatch(doc: Document) -> Iterator[Hit]:
    """A percentage column of a table that its counts and their total do not give.

    What it checks:
        A column headed 占比/比重/构成 (in %) beside an amount column: each row's
        percentage must be its amount ÷ the column's total (the 合计/总计 row, or the sum
        of the rows when there is none) × 100, rounded half-up to the decimals written.
        Only shares of the table's own total are checked: the total row's share is 100
        (or blank), or, with no total row, the shares add up to about 100 (占全省比重 of
        a few counties is a share of a whole the table does not hold).
    Why it matters:
        A share that does not follow from the figures next to it means one of them
        was not updated.
    Example:
        | 县别 | 产量（万吨） | 占比（%） | / | 甲县 | 40 | 45.0 | / | 乙县 | 60 | 60.0 | / | 合计 | 100 | 100.0 |
    Fix:
        Recompute the percentage, or correct the amount.
    """
    for table in tables(doc):
        additive = _additive_columns(table)
        wrong = _wrong_totals(table)
        for column in range(table.column_count):
            if (
                column in additive
                or not _SHARE.search(table.column_label(column))
                or _GROWTH.search(table.column_label(column))
            ):
                continue
            counts = _count_column(table, column, additive)
            if counts is None:
                continue
            whole_cell, whole, whole_slack = _whole(table, counts)
            if whole is None or whole <= 0 or (whole_cell is not None and (whole_cell.row, counts) in wrong):
                continue  # no total to divide by, or one NC201 reports
            if not _shares_of_the_whole(table, column, whole_cell):
                continue  # 占全省比重: the share of a whole the table does not hold
            whole_name = (
                _cell_name(table, whole_cell) if whole_cell is not None else f"“{table.column_label(counts)}”列各行之和"
            )
            for row in table.body_rows():
                percent, part = table.cell(row, column), table.cell(row, counts)
                if (
                    percent is None
                    or percent.value is None
                    or part is None
                    or part.value is None
                    or (row, counts) in wrong
                ):
                    continue
                interval = _share_interval(part, whole, whole_slack)
                if interval is None:
                    continue
                low, high = percent.value - percent.half_step, percent.value + percent.half_step
                if interval[0] <= high and low <= interval[1]:
                    continue
                exact = part.value * 100 / whole
                computed = f"{format_number(exact, percent.decimals)}%"
                arithmetic = f"{part.text}÷{plain(whole)}×100%={computed}"
                yield Hit(
                    percent.start,
                    percent.end,
                    args={
                        "cell": _cell_name(table, percent),
                        "written": percent.text,
                        "arithmetic": f"按{_cell_name(table, part)}计算应为{arithmetic}",
                    },
                    suggestion=f"核对占比，按表中数字应为{computed}",
                    evidence={
                        "cell": _where(table, percent),
                        "written": percent.text,
                        "part": _where(table, part) | {"value": part.text},
                        "whole": whole_name,
                        "whole_value": plain(whole),
                        "arithmetic": f"{arithmetic}，表中为{percent.text}",
                        "rounding": f"百分比按四舍五入保留{percent.decimals}位小数",
                    },
                )


# -- growth ------------------------------------------------------------------------------


def _year_columns(table: Table, additive: list[int]) -> tuple[int, int] | None:
    """The two amount columns of two years (2023年, 2024年), earlier first; None unless exactly two."""
    years = {}
    for column in additive:
        found = {int(y) for y in _YEAR.findall(table.column_label(column))}
        if len(found) == 1:
            years[column] = found.pop()
    if len(years) != 2 or len(set(years.values())) != 2:
        return None
    earlier, later = sorted(years, key=years.__getitem__)
    return earlier, later


@rule(
    "NC203",
    "table-growth-mismatch",
    category="numeric",
    severity="error",
    message="表格增幅不符：{cell}为{written}，{arithmetic}",
)
def table_growth_mismatch(doc: Document) -> Iterator[Hit]:
    """A growth column of a table that its two years' columns do not give.

    What it checks:
        A column headed 增长/增幅/同比 (in %) in a table with the amounts of exactly two
        years (2023年, 2024年): each row's rate must be (later − earlier) ÷ earlier × 100,
        rounded half-up to the decimals written.
    Why it matters:
        A growth rate that its own columns contradict was computed from other figures
        or not updated with them.
    Example:
        | 县别 | 2023年 | 2024年 | 增长（%） | / | 甲县 | 40 | 44 | 12.0 |  — (44−40)÷40 = 10.0%.
    Fix:
        Recompute the rate, or correct the amounts.
    """
    for table in tables(doc):
        additive = _additive_columns(table)
        years = _year_columns(table, additive)
        if years is None:
            continue
        earlier, later = years
        wrong = _wrong_totals(table)
        for column in range(table.column_count):
            label = table.column_label(column)
            if column in additive or not _GROWTH.search(label) or _SHARE.search(label) or "百分点" in label:
                continue
            for row in table.body_rows():
                if _RATE_ROW.search(table.row_label(row)):
                    continue  # a rate grows by points, not by a percentage of itself
                rate, before, after = table.cell(row, column), table.cell(row, earlier), table.cell(row, later)
                if (
                    rate is None
                    or rate.value is None
                    or before is None
                    or before.value is None
                    or after is None
                    or after.value is None
                    or {(row, earlier), (row, later)} & wrong
                ):
                    continue
                low_before, high_before = before.value - before.half_step, before.value + before.half_step
                if low_before <= 0:
                    continue
                low_after, high_after = after.value - after.half_step, after.value + after.half_step
                computed = ((low_after / high_before - 1) * 100, (high_after / low_before - 1) * 100)
                if computed[0] <= rate.value + rate.half_step and rate.value - rate.half_step <= computed[1]:
                    continue
                exact = (after.value - before.value) * 100 / before.value
                shown = f"{format_number(exact, rate.decimals)}"
                arithmetic = f"({after.text}−{before.text})÷{before.text}×100%={shown}%"
                yield Hit(
                    rate.start,
                    rate.end,
                    args={
                        "cell": _cell_name(table, rate),
                        "written": rate.text,
                        "arithmetic": f"按“{table.column_label(earlier)}”“{table.column_label(later)}”两列"
                        f"计算应为{arithmetic}",
                    },
                    suggestion=f"核对增幅，按表中数字应为{shown}",
                    evidence={
                        "cell": _where(table, rate),
                        "written": rate.text,
                        "earlier": _where(table, before) | {"value": before.text},
                        "later": _where(table, after) | {"value": after.text},
                        "arithmetic": f"{arithmetic}，表中为{rate.text}",
                        "rounding": f"增幅按四舍五入保留{rate.decimals}位小数",
                    },
                )
