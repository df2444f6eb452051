"""Consistency across documents (--cross-document): NC120, TM120, CT120 on a planted set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import checker
from tests.conftest import SEED, run

SUMMARY_2015 = """长沙市2015年国民经济和社会发展统计公报

一、综合

2015年全市地区生产总值8510.13亿元，比上年增长9.9%。

二、科技

黄花岗科技园新入驻企业120家。黄花岗科技园全年实现技术合同成交额12亿元。
根据《长沙市人民政府关于加快科技创新的若干意见》（长政发〔2014〕12号），全市新增高新技术企业300家。
"""
PLAN_2016 = """长沙市2016年国民经济和社会发展计划

一、2015年计划执行情况

2015年全市地区生产总值8150.13亿元，增长9.9%。

二、2016年主要任务

支持黄花科技园建设，推动黄花科技园与高校合作。
继续落实《长沙市人民政府关于促进旅游业发展的实施意见》（长政发〔2014〕12号）。
"""
CODES = ("NC120", "TM120", "CT120")


@pytest.fixture
def planted(tmp_path: Path) -> list[str]:
    (tmp_path / "a-2015-summary.txt").write_text(SUMMARY_2015, encoding="utf-8")
    (tmp_path / "b-2016-plan.txt").write_text(PLAN_2016, encoding="utf-8")
    return [str(tmp_path / "a-2015-summary.txt"), str(tmp_path / "b-2016-plan.txt")]


def cross_findings(*args: str) -> list[tuple[str, str, int, int, str, int]]:
    """(file name, code, line, column, related file name, related line) of each cross-document finding."""
    result = run("check", "--format", "json", "--no-cache", "--select", ",".join(CODES), *args)
    assert result.exit_code in (0, 1), result.output
    return [
        (
            Path(file["path"]).name,
            f["code"],
            f["line"],
            f["column"],
            Path(f["related"][0]["path"]).name,
            f["related"][0]["line"],
        )
        for file in json.loads(result.stdout)["files"]
        for f in file["findings"]
    ]


PLANTED = [
    ("b-2016-plan.txt", "NC120", 5, 14, "a-2015-summary.txt", 5),
    ("b-2016-plan.txt", "TM120", 9, 3, "a-2015-summary.txt", 9),
    ("b-2016-plan.txt", "CT120", 10, 5, "a-2015-summary.txt", 10),
]


def test_a_figure_a_name_and_a_document_number_restated_differently_are_found(planted):
    assert cross_findings("--cross-document", *planted) == PLANTED


def test_the_checks_are_off_unless_asked_for(planted):
    assert cross_findings(*planted) == []


def test_a_repository_configuration_turns_them_on_and_the_option_off(planted, tmp_path):
    (tmp_path / "doccheck.toml").write_text("repository = true\n", encoding="utf-8")
    assert cross_findings(*planted) == PLANTED
    assert cross_findings("--no-cross-document", *planted) == []


def test_the_finding_is_at_the_later_document_in_the_order_given(planted):
    found = cross_findings("--cross-document", planted[1], planted[0])
    assert [(name, code, related) for name, code, _, _, related, _ in found] == [
        ("a-2015-summary.txt", "NC120", "b-2016-plan.txt"),
        ("a-2015-summary.txt", "TM120", "b-2016-plan.txt"),
        ("a-2015-summary.txt", "CT120", "b-2016-plan.txt"),
    ]


def test_the_message_names_the_other_document_and_its_value(planted):
    report = checker.check_paths(planted, settings=checker.Settings(select=["NC120"], repository=True))
    (finding,) = report.files[1].findings
    assert finding.message == (
        f"“全市地区生产总值”（2015年）在 {planted[0]} 第5行为8510.13亿元，此处为8150.13亿元，两份文件不一致"
    )
    assert finding.related == [
        {"path": planted[0], "line": 5, "column": 14, "end_line": 5, "end_column": 23, "excerpt": "8510.13亿元"}
    ]


def test_a_figure_of_another_place_is_not_compared(tmp_path):
    (tmp_path / "a.txt").write_text(SUMMARY_2015, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PLAN_2016.replace("长沙市", "株洲市"), encoding="utf-8")
    found = cross_findings("--cross-document", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert [code for _, code, *_ in found] == ["CT120"]  # the number is the same organ's code: still compared


def test_a_figure_within_rounding_of_the_other_is_not_reported(tmp_path):
    (tmp_path / "a.txt").write_text(SUMMARY_2015, encoding="utf-8")
    (tmp_path / "b.txt").write_text("长沙市2016年计划\n\n2015年全市地区生产总值8510.1亿元。\n", encoding="utf-8")
    assert cross_findings("--cross-document", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")) == []


def test_a_title_cited_without_its_organ_is_the_same_document(tmp_path):
    (tmp_path / "a.txt").write_text(SUMMARY_2015, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "长沙市2016年计划\n\n落实《关于加快科技创新的若干意见》（长政发〔2014〕12号）。\n", encoding="utf-8"
    )
    assert cross_findings("--cross-document", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")) == []


def test_the_title_of_the_document_a_notice_issues_is_the_same_document(tmp_path):
    (tmp_path / "a.txt").write_text(
        "通知\n\n根据《国务院关于印发〈电力体制改革方案〉的通知》（国发〔2002〕5号）办理。\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("意见\n\n按照《电力体制改革方案》（国发〔2002〕5号）的要求。\n", encoding="utf-8")
    assert cross_findings("--cross-document", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")) == []


def test_a_name_in_the_accept_list_is_not_reported_as_a_variant(planted):
    settings = checker.Settings(select=["TM120"], repository=True, accept=["黄花科技园"])
    assert checker.check_paths(planted, settings=settings).summary.findings == 0


def test_sarif_carries_the_other_place_as_a_related_location(planted):
    result = run("check", "--format", "sarif", "--no-cache", "--select", "NC120", "--cross-document", *planted)
    (finding,) = json.loads(result.stdout)["runs"][0]["results"]
    (related,) = finding["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"].endswith("a-2015-summary.txt")
    assert related["physicalLocation"]["region"]["startLine"] == 5
    assert related["message"]["text"] == "8510.13亿元"


def test_the_text_report_shows_the_other_place(planted):
    result = run("check", "--no-cache", "--select", "TM120", "--cross-document", *planted)
    assert f"    另见 {planted[0]}:9:1：黄花岗科技园" in result.stdout.splitlines()


def test_jsonl_gives_the_cross_document_findings_on_a_line_of_their_own_at_the_end(planted):
    result = run("check", "--format", "jsonl", "--no-cache", "--select", ",".join(CODES), "--cross-document", *planted)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["path"] for line in lines[:2]) == planted
    assert all(line["findings"] == [] for line in lines[:2])
    assert lines[2]["path"] == planted[1]
    assert [f["code"] for f in lines[2]["findings"]] == ["NC120", "TM120", "CT120"]
    assert result.exit_code == 1


def test_files_answered_from_the_cache_still_take_part(planted):
    assert cross_findings_cached(planted) == ["NC120", "TM120", "CT120"]  # checked, and stored
    assert cross_findings_cached(planted) == ["NC120", "TM120", "CT120"]  # both from the cache


def cross_findings_cached(paths: list[str]) -> list[str]:
    settings = checker.Settings(select=list(CODES), repository=True)
    report = checker.check_paths(paths, settings=settings, cache=True)
    return [f.code for file in report.files for f in file.findings]


def test_two_workers_give_the_same_cross_document_findings_as_one(planted, tmp_path):
    for number in range(4):  # a few more files, so that two workers share them
        shutil.copy(planted[number % 2], tmp_path / f"c-copy-{number}.txt")
    one = cross_findings("--cross-document", "-j", "1", str(tmp_path))
    assert one == cross_findings("--cross-document", "-j", "2", str(tmp_path))
    assert len(one) == 9  # three in the plan and in each of its two copies, all against the summary


SEED_RESTATED = """越秀区科技工业和信息化局2016年工作总结

一、2016年工作完成情况

回顾上年工作，2015年专利申请受理量8576件，同比增长45.4%。
黄花科技园管委会加强服务，黄花科技园管委会全年走访企业300家。
"""


@pytest.mark.skipif(not SEED.exists(), reason="the seed document is not here")
def test_the_seed_and_a_planted_second_document_give_the_figure_and_the_name(tmp_path):
    (tmp_path / "z-2016.txt").write_text(SEED_RESTATED, encoding="utf-8")
    found = cross_findings("--cross-document", str(SEED), str(tmp_path / "z-2016.txt"))
    assert [(name, code) for name, code, *_ in found] == [("z-2016.txt", "NC120"), ("z-2016.txt", "TM120")]
