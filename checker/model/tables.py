"""The tables view: the tables of a document as cells a reviewer can name.

Readers that see tables (.docx, .md, .html) hand their cells to the :class:`Source`
as spans of the checked text (:class:`checker.load.source.TableCell`); plain text has
none. This module reads, once per document, each table as a grid of :class:`Cell`
objects with the number each cell holds (1,234.5; 12.3%; －4.0; full-width digits),
the rows that are its header (the leading rows without a number), the column that
labels its rows (the first whose cells are words, not a 序号 column), and the labels
a reviewer names a cell by: its row's label and its column's label (the header rows'
text, joined). Rules on tables (NC201–NC203) read only this view.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction

from checker.model.document import Document

# A cell that is one number: digits with thousands separators or not, a decimal part,
# a sign, and a percent sign (read after NFKC: full-width digits and ％ are plain ones).
_NUMBER = re.compile(
    r"(?P<sign>[+\-−－]?)(?P<digits>\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(?P<decimals>\d+))?"
    r"[ ]?(?P<percent>%?)"
)
# What a table writes for "none": read as zero when summed
NOTHING = frozenset(("", "-", "—", "——", "－", "/", "0"))
_SPACES = re.compile(r"\s+")
# Header words of a column that numbers the rows rather than measuring anything
_SERIAL_HEADERS = ("序号", "编号", "排名", "排序", "位次", "名次")


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    start: int  # the cell's text is ``doc.text[start:end]``
    end: int
    text: str  # with white space squeezed: a cell of several paragraphs is one line
    value: Fraction | None = None  # the number the cell holds, if it holds one and nothing else
    decimals: int = 0  # digits written after the point
    percent: bool = False  # written with %

    @property
    def is_number(self) -> bool:
        return self.value is not None

    @property
    def is_nothing(self) -> bool:
        """Empty, or a dash that says "none"."""
        return self.text in NOTHING and self.value in (None, 0)

    @property
    def half_step(self) -> Fraction:
        """Half the last written digit: how far the written value may be from the true one."""
        return Fraction(1, 10**self.decimals) / 2 if self.decimals else Fraction(0)


@dataclass
class Table:
    cells: list[list[Cell | None]]  # rows of the grid; None where no cell is (a merged place)
    header_rows: int  # how many leading rows are the header
    label_column: int  # the column whose words label the rows
    start: int = 0
    end: int = 0
    _column_labels: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def row_count(self) -> int:
        return len(self.cells)

    @property
    def column_count(self) -> int:
        return max((len(row) for row in self.cells), default=0)

    def cell(self, row: int, column: int) -> Cell | None:
        cells = self.cells[row]
        return cells[column] if column < len(cells) else None

    def body_rows(self) -> range:
        return range(self.header_rows, self.row_count)

    def row_label(self, row: int) -> str:
        """The words that name a row: its cell in the label column (or the first words in it)."""
        cell = self.cell(row, self.label_column)
        if cell is not None and cell.text and not cell.is_number:
            return cell.text
        for other in self.cells[row]:
            if other is not None and other.text and not other.is_number:
                return other.text
        return f"第{row + 1}行"

    def column_label(self, column: int) -> str:
        """The words that name a column: the header rows' texts above it, joined (a cell
        spanning several columns names each of them)."""
        if column not in self._column_labels:
            words: list[str] = []
            for row in range(self.header_rows):
                text = self._header_text(row, column)
                if text and (not words or words[-1] != text):
                    words.append(text)
            self._column_labels[column] = "/".join(words) if words else f"第{column + 1}列"
        return self._column_labels[column]

    def _header_text(self, row: int, column: int) -> str:
        for left in range(column, -1, -1):  # a spanning header cell stands left of the places it covers
            cell = self.cell(row, left)
            if cell is not None:
                return cell.text if left == column or cell.text else ""
        return ""


def tables(doc: Document) -> list[Table]:
    """The tables view of ``doc``, computed once per document."""
    return doc.view(read_tables)


def read_tables(doc: Document) -> list[Table]:
    found = []
    for given in doc.source.tables:
        cells = [
            cell_of(doc.text, place.row, place.column, place.start, place.end)
            for place in given
            if place.row >= 0 and place.column >= 0
        ]
        if not cells:
            continue
        grid: list[list[Cell | None]] = [[] for _ in range(max(cell.row for cell in cells) + 1)]
        for cell in sorted(cells, key=lambda c: (c.row, c.column)):
            row = grid[cell.row]
            row.extend([None] * (cell.column + 1 - len(row)))
            row[cell.column] = cell
        header = _header_rows(grid)
        found.append(
            Table(grid, header, _label_column(grid, header), min(c.start for c in cells), max(c.end for c in cells))
        )
    return found


def cell_of(text: str, row: int, column: int, start: int, end: int) -> Cell:
    written = _SPACES.sub(" ", text[start:end]).strip()
    plain = unicodedata.normalize("NFKC", written)
    match = _NUMBER.fullmatch(plain)
    if match is None:
        return Cell(row, column, start, end, written)
    digits = match.group("digits").replace(",", "").replace("，", "")
    decimals = match.group("decimals") or ""
    value = Fraction(int(digits + decimals), 10 ** len(decimals))
    if match.group("sign") in ("-", "−", "－"):
        value = -value
    return Cell(row, column, start, end, written, value, len(decimals), bool(match.group("percent")))


def _header_rows(grid: list[list[Cell | None]]) -> int:
    """The leading rows with no number past their first cell but years (2023年, or 2023 alone)."""
    for index, row in enumerate(grid):
        if any(cell is not None and cell.is_number and not _is_year(cell) for cell in row[1:]):
            return index
    return len(grid)


def _is_year(cell: Cell) -> bool:
    return (
        cell.value is not None
        and cell.decimals == 0
        and not cell.percent
        and 1949 <= cell.value <= 2100
        and cell.text.isdigit()
    )


def _label_column(grid: list[list[Cell | None]], header: int) -> int:
    """The first column whose body cells are mostly words (a 序号 column of numbers is skipped)."""
    body = grid[header:]
    width = max((len(row) for row in grid), default=0)
    for column in range(width):
        cells = [row[column] for row in body if column < len(row) and row[column] is not None]
        worded = [cell for cell in cells if cell is not None and cell.text and not cell.is_number]
        if cells and len(worded) * 2 >= len(cells):
            return column
    return 0


def is_serial_column(table: Table, column: int) -> bool:
    """A column that numbers the rows (序号, or 1, 2, 3 … down the body)."""
    if any(word in table.column_label(column) for word in _SERIAL_HEADERS):
        return True
    values = [
        cell.value
        for row in table.body_rows()
        if (cell := table.cell(row, column)) is not None and cell.value is not None
    ]
    return len(values) >= 2 and values == list(range(1, len(values) + 1))
