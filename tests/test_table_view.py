"""The tables view: cells of .md, .html and .docx tables with their row and column labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.load.readers import read_source
from checker.model.document import Document
from checker.model.tables import tables
from tests.docx_packages import package, with_paragraphs, word_parts

HEAD = "# 关于各县粮食生产情况的通报\n\n各县农业农村局：现将粮食生产情况通报如下。\n\n"
GRAIN = (
    "| 县别 | 2023年（万吨） | 2024年（万吨） | 增长（%） | 占比（%） |\n"
    "| --- | ---: | ---: | ---: | ---: |\n"
    "| 甲县 | 40 | 44 | 10.0 | 40.0 |\n"
    "| 乙县 | 60 | 66 | 10.0 | 60.0 |\n"
    "| 合计 | 100 | 110 | 10.0 | 100.0 |\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def docx_with_table(rows: list[list[str]]) -> bytes:
    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    table = "<w:tbl>" + "".join("<w:tr>" + "".join(cell(text) for text in row) + "</w:tr>" for row in rows) + "</w:tbl>"
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for text in ("关于各县粮食生产情况的通报", "各县农业农村局：现将粮食生产情况通报如下。")
    )
    return package(with_paragraphs(word_parts("特此通报。"), paragraphs + table))


def the_table(path):
    (table,) = tables(Document(read_source(str(path))))
    return table


def test_a_markdown_table_reads_as_cells_with_row_and_column_labels(tmp_path):
    table = the_table(write(tmp_path, "a.md", HEAD + GRAIN))
    assert (table.header_rows, table.label_column) == (1, 0)
    assert [table.row_label(row) for row in table.body_rows()] == ["甲县", "乙县", "合计"]
    assert table.column_label(2) == "2024年（万吨）"
    cell = table.cell(3, 2)
    assert (cell.text, cell.value, cell.decimals) == ("110", 110, 0)


def test_an_html_table_reads_as_the_same_cells(tmp_path):
    rows = [line.strip("|").split("|") for line in GRAIN.splitlines() if "---" not in line]
    html = "".join("<tr>" + "".join(f"<td>{cell.strip()}</td>" for cell in row) + "</tr>" for row in rows)
    page = (
        "<html><head><meta charset='utf-8'><title>关于各县粮食生产情况的通报</title></head><body>"
        "<h1>关于各县粮食生产情况的通报</h1><p>各县农业农村局：现将各县粮食生产情况通报如下，请认真对照检查。</p>"
        f"<table>{html}</table><p>特此通报。</p></body></html>"
    )
    table = the_table(write(tmp_path, "a.html", page))
    assert [table.row_label(row) for row in table.body_rows()] == ["甲县", "乙县", "合计"]
    assert table.cell(2, 4).value == 60


def test_numbers_with_separators_signs_and_full_width_digits(tmp_path):
    table = the_table(
        write(
            tmp_path,
            "a.md",
            "| 项目 | 数值 |\n| --- | --- |\n| 甲 | 1,234.5 |\n| 乙 | －４.０ |\n| 丙 | 12% |\n| 丁 | 约5 |\n",
        )
    )
    values = [
        (cell.value, cell.decimals, cell.percent)
        for row in table.body_rows()
        if (cell := table.cell(row, 1)) is not None
    ]
    assert values == [(pytest.approx(1234.5), 1, False), (-4, 1, False), (12, 0, True), (None, 0, False)]


def test_a_docx_table_reads_as_cells(tmp_path):
    path = write(tmp_path, "a.docx", docx_with_table([["县别", "产量（万吨）"], ["甲县", "40"], ["合计", "40"]]))
    table = the_table(path)
    assert [table.row_label(row) for row in table.body_rows()] == ["甲县", "合计"]
    assert (table.column_label(1), table.cell(2, 1).value) == ("产量（万吨）", 40)


def test_plain_text_has_no_tables():
    assert tables(Document("甲县 40 44\n合计 100 110\n")) == []


def test_a_header_of_bare_years_is_a_header(tmp_path):
    table = the_table(write(tmp_path, "a.md", "| 指标 | 2023 | 2024 |\n| --- | --- | --- |\n| 产量 | 40 | 44 |\n"))
    assert (table.header_rows, table.column_label(2)) == (1, "2024")


def test_a_table_of_more_cells_than_a_reviewer_adds_up_is_left_out(tmp_path):
    from checker.load.source import TABLE_CELLS_READ

    rows = TABLE_CELLS_READ // 2 + 1
    body = "".join(f"| 第{n}项 | {n} |\n" for n in range(rows))
    source = read_source(str(write(tmp_path, "a.md", "| 项目 | 数量 |\n| --- | --- |\n" + body)))
    assert source.tables == [] and "第1项" in source.text
