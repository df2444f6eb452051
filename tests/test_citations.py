"""Citations (CT1xx), 号 for 日 (DT106) and a title's closing mark (PN213)."""

from __future__ import annotations

import pytest

import checker
from checker.core.citationdata import SupersededFile
from checker.core.datafiles import RuleData
from checker.rules.checks.citations import SupersededListError

SIGNED_2024 = "\n某某局\n2024年3月5日\n"


def codes(text: str, select: str) -> list[tuple[str, int, int]]:
    findings = checker.check_text(text, settings=checker.Settings(select=[select])).files[0].findings
    return [(f.code, f.line, f.column) for f in findings]


def test_a_repealed_regulation_cited_as_in_force_is_reported():
    text = "关于公文处理的通知\n各科室：\n请按《国家行政机关公文处理办法》办理。\n" + SIGNED_2024
    assert codes(text, "CT101") == [("CT101", 3, 3)]


def test_a_citation_that_says_the_text_was_repealed_is_not():
    text = "关于公文处理的通知\n各科室：\n《国家行政机关公文处理办法》已停止执行。\n" + SIGNED_2024
    assert codes(text, "CT101") == []


def test_a_document_written_before_the_repeal_may_cite_it():
    text = "关于公文处理的通知\n各科室：\n请按《国家行政机关公文处理办法》办理。\n\n某某局\n2010年3月5日\n"
    assert codes(text, "CT101") == []


def test_a_document_of_unknown_date_is_not_judged():
    assert codes("请按《国家行政机关公文处理办法》办理。\n", "CT101") == []


def test_a_standard_is_recognised_however_its_code_is_spaced():
    text = "关于公文格式的通知\n各科室：\n格式执行GB\uff0fT9704—1999。\n" + SIGNED_2024
    assert codes(text, "CT101") == [("CT101", 3, 5)]


def test_every_entry_of_the_list_names_its_source_and_replacement():
    entries = RuleData("superseded.yaml", SupersededFile, noun="废止文件清单", error=SupersededListError)()
    assert all(entry.source and entry.replaced_by and (entry.titles or entry.code) for entry in entries.superseded)


def test_a_list_entry_without_a_date_is_refused_in_chinese(tmp_path):
    path = tmp_path / "superseded.yaml"
    path.write_text(
        "version: 1\nsuperseded:\n  - kind: law\n    titles: [某法]\n    replaced_by: 新法\n    source: 某条\n",
        encoding="utf-8",
    )
    with pytest.raises(SupersededListError, match="ceased"):
        RuleData("superseded.yaml", SupersededFile, noun="废止文件清单", error=SupersededListError)(str(path))


def test_a_number_before_its_title_is_moved_after_it_by_the_unsafe_fix():
    text = "根据国发〔2000〕23号《国家行政机关公文处理办法》办理。\n"
    fixed = checker.fix_text(text, settings=checker.Settings(select=["CT102"]), unsafe=True).text
    assert fixed == "根据《国家行政机关公文处理办法》（国发〔2000〕23号）办理。\n"


def test_a_citation_in_the_right_order_is_not_reported():
    assert codes("按照《党政机关公文处理工作条例》（中办发〔2012〕14号）办理。\n", "CT102") == []


def test_hao_closing_a_date_is_fixed_to_ri():
    fixed = checker.fix_text("定于2024年3月5号召开。\n", settings=checker.Settings(select=["DT106"])).text
    assert fixed == "定于2024年3月5日召开。\n"


def test_hao_numbering_a_building_is_not_a_date():
    assert codes("会议在3月5号楼召开。\n", "DT106") == []


def test_a_title_closed_with_a_full_stop_is_still_the_title():
    doc = checker.check_text("关于增设服务中心的请示。\n区人民政府：\n拟增设服务中心。\n妥否，请批示。\n")
    assert doc.files[0].profile == "request"
    assert [(f.code, f.line, f.column) for f in doc.files[0].findings if f.code == "PN213"] == [("PN213", 1, 12)]
