"""Tables that add up: the tables view of .md, .html and .docx files, and NC201–NC203 on it."""

from __future__ import annotations

from pathlib import Path

from checker.core.config import Settings
from checker.run.engine import check_path
from tests.test_table_view import GRAIN, HEAD, docx_with_table, write


def table_findings(path: Path):
    file = check_path(str(path), Settings(select=["NC2"]))
    assert file.error is None
    return file.findings


def test_a_finding_in_a_docx_table_names_the_total_cell(tmp_path):
    path = write(
        tmp_path, "a.docx", docx_with_table([["县别", "产量（万吨）"], ["甲县", "40"], ["乙县", "60"], ["合计", "110"]])
    )
    (finding,) = table_findings(path)
    assert (finding.code, finding.excerpt) == ("NC201", "110")
    assert finding.message == "表格合计不符：“合计”行“产量（万吨）”列为110，各行之和40+60=100，相差10"
    assert (finding.location["table"], finding.location["row"], finding.location["column"]) == (1, 4, 2)


# -- NC201: totals -------------------------------------------------------------------------


def test_a_consistent_table_gives_no_finding(tmp_path):
    assert table_findings(write(tmp_path, "a.md", HEAD + GRAIN)) == []


def test_a_wrong_total_row_is_reported_at_its_cell_with_the_arithmetic(tmp_path):
    path = write(tmp_path, "a.md", HEAD + GRAIN.replace("| 合计 | 100 |", "| 合计 | 101 |"))
    (finding,) = table_findings(path)
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("NC201", 9, 8, "101")
    assert finding.evidence["cell"] == {"row": "合计", "column": "2023年（万吨）", "row_number": 4, "column_number": 2}
    assert finding.evidence["arithmetic"] == "各行之和40+60=100，表中为101"


def test_a_wrong_total_column_is_reported_row_by_row(tmp_path):
    table = (
        "| 乡镇 | 新建（公里） | 改建（公里） | 合计（公里） |\n| --- | --- | --- | --- |\n"
        "| 东山镇 | 12.5 | 8.0 | 20.5 |\n| 西河乡 | 9.0 | 6.5 | 16.5 |\n"
    )
    (finding,) = table_findings(write(tmp_path, "a.md", HEAD + table))
    assert finding.message == "表格合计不符：“西河乡”行“合计（公里）”列为16.5，各列之和9.0+6.5=15.5，相差1.0"


def test_rounded_parts_may_miss_the_total_by_their_rounding(tmp_path):
    table = "| 项目 | 金额（亿元） |\n| --- | --- |\n| 甲 | 1.4 |\n| 乙 | 1.4 |\n| 合计 | 2.9 |\n"
    assert table_findings(write(tmp_path, "a.md", HEAD + table)) == []
    assert len(table_findings(write(tmp_path, "b.md", HEAD + table.replace("2.9", "3.0")))) == 1


def test_a_grand_total_under_subtotals_adds_the_subtotals(tmp_path):
    table = (
        "| 类别 | 投资（万元） |\n| --- | --- |\n| 道路 | 3,600 |\n| 桥梁 | 1,800 |\n| 小计 | 5,400 |\n"
        "| 安防 | 900 |\n| 小计 | 900 |\n| 总计 | 6,300 |\n"
    )
    assert table_findings(write(tmp_path, "a.md", HEAD + table)) == []


def test_rates_averages_ranks_and_breakdown_rows_are_not_added(tmp_path):
    table = (
        "| 县别 | 序号 | 人口（万人） | 人均收入（元） | 城镇化率（%） |\n| --- | --- | --- | --- | --- |\n"
        "| 甲县 | 1 | 30 | 30000 | 50.0 |\n| 乙县 | 2 | 20 | 25000 | 40.0 |\n| 合计 | 3 | 50 | 28000 | 46.0 |\n"
    )
    assert table_findings(write(tmp_path, "a.md", HEAD + table)) == []
    breakdown = (
        "| 项目 | 户数 |\n| --- | --- |\n| 全部农户 | 120 |\n| 其中：脱贫户 | 30 |\n| 监测户 | 8 |\n| 合计 | 120 |\n"
    )
    assert table_findings(write(tmp_path, "b.md", HEAD + breakdown)) == []


# -- NC202: shares ---------------------------------------------------------------------------


def test_a_share_that_its_count_and_the_column_total_do_not_give(tmp_path):
    path = write(
        tmp_path, "a.md", HEAD + GRAIN.replace("| 甲县 | 40 | 44 | 10.0 | 40.0 |", "| 甲县 | 40 | 44 | 10.0 | 45.0 |")
    )
    (finding,) = table_findings(path)
    assert (finding.code, finding.excerpt) == ("NC202", "45.0")
    assert (
        finding.message
        == "表格占比不符：“甲县”行“占比（%）”列为45.0，按“甲县”行“2024年（万吨）”列计算应为44÷110×100%=40.0%"
    )


def test_shares_rounded_to_the_decimals_written_are_right(tmp_path):
    table = (
        "| 类型 | 人数 | 构成（%） |\n| --- | --- | --- |\n| 甲 | 1 | 33.3 |\n| 乙 | 1 | 33.3 |\n| 丙 | 1 | 33.3 |\n"
    )
    assert table_findings(write(tmp_path, "a.md", HEAD + table)) == []


def test_a_wrong_total_is_reported_once_not_again_in_every_share(tmp_path):
    path = write(tmp_path, "a.md", HEAD + GRAIN.replace("| 合计 | 100 | 110 |", "| 合计 | 100 | 120 |"))
    assert [(f.code, f.excerpt) for f in table_findings(path)] == [("NC201", "120")]


# -- NC203: growth ---------------------------------------------------------------------------


def test_a_growth_rate_that_the_two_years_do_not_give(tmp_path):
    path = write(tmp_path, "a.md", HEAD + GRAIN.replace("| 乙县 | 60 | 66 | 10.0 |", "| 乙县 | 60 | 66 | 11.0 |"))
    (finding,) = table_findings(path)
    assert (finding.code, finding.excerpt) == ("NC203", "11.0")
    assert finding.evidence["arithmetic"] == "(66−60)÷60×100%=10.0%，表中为11.0"


def test_a_rate_row_is_not_grown_by_a_percentage(tmp_path):
    table = (
        "| 指标 | 2023年 | 2024年 | 增长（%） |\n| --- | --- | --- | --- |\n| 出口（亿元） | 150.0 | 168.0 | 12.0 |\n"
        "| 一般贸易占比（%） | 60.0 | 62.5 | 2.5 |\n"
    )
    assert table_findings(write(tmp_path, "a.md", HEAD + table)) == []


def test_a_wrong_subtotal_is_reported_once_and_not_again_at_the_grand_total(tmp_path):
    table = (
        "| 类别 | 投资（万元） |\n| --- | --- |\n| 道路 | 462 |\n| 小计 | 442 |\n"
        "| 桥梁 | 861 |\n| 涵洞 | 217 |\n| 小计 | 1078 |\n| 全县合计 | 1540 |\n"
    )
    (finding,) = table_findings(write(tmp_path, "a.md", HEAD + table))
    assert finding.message == "表格合计不符：“小计”行“投资（万元）”列为442，所计的“道路”为462，相差20"


def test_a_column_headed_with_its_measure_and_he_ji_is_a_total_column(tmp_path):
    table = (
        "| 地区 | 项目数合计（个） | 新建（个） | 改扩建（个） |\n| --- | --- | --- | --- |\n| 甲 | 30 | 12 | 17 |\n"
    )
    (finding,) = table_findings(write(tmp_path, "a.md", HEAD + table))
    assert (finding.code, finding.excerpt) == ("NC201", "30")


def test_shares_of_a_whole_the_table_does_not_hold_are_not_checked(tmp_path):
    table = "| 县别 | 人口（万人） | 占全省比重（%） |\n| --- | --- | --- |\n| 甲县 | 30 | 0.6 |\n| 乙县 | 20 | 0.4 |\n"
    assert table_findings(write(tmp_path, "a.md", HEAD + table)) == []
    with_total = table + "| 合计 | 50 | 1.0 |\n"
    assert table_findings(write(tmp_path, "b.md", HEAD + with_total)) == []


def test_a_planned_total_is_not_a_total_column(tmp_path):
    table = (
        "| 项目 | 总计划投资（万元） | 中央资金（万元） | 地方资金（万元） |\n| --- | --- | --- | --- |\n"
        "| 甲项目 | 900 | 300 | 200 |\n"
    )
    assert table_findings(write(tmp_path, "a.md", HEAD + table)) == []
