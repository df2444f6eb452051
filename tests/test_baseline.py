"""Baseline: record today's findings, report only new ones — surviving edits elsewhere."""

from __future__ import annotations

import json

from checker.core.config import Settings
from checker.run.baseline import Baseline, fingerprint
from checker.run.engine import check_text
from tests.conftest import run

DOCUMENT = "关于开展检查的通知\n\n（一）甲项工作。\n（三）乙项工作。\n"  # ST101 at 4:1
SELECT = ("--select", "ST101")


def codes_and_lines(result) -> list[tuple[str, int]]:
    report = json.loads(result.stdout)
    return [(f["code"], f["line"]) for file in report["files"] for f in file["findings"]]


def setup(tmp_path, text: str = DOCUMENT):
    document = tmp_path / "docs" / "a.txt"
    document.parent.mkdir(exist_ok=True)
    document.write_text(text, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = run("check", *SELECT, "--write-baseline", str(baseline), str(tmp_path / "docs"))
    assert result.exit_code == 0, result.output
    return document, baseline


def check_with(baseline, *paths) -> object:
    return run("check", "--format", "json", *SELECT, "--baseline", str(baseline), *map(str, paths))


def test_writing_a_baseline_records_the_findings_and_exits_0(tmp_path):
    _, baseline = setup(tmp_path)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["format"] == "doccheck-baseline" and data["findings"] == 1
    (entry,) = data["files"]["docs/a.txt"]
    assert entry["code"] == "ST101" and entry["excerpt"] == "（三）" and len(entry["fingerprint"]) == 32


def test_with_the_baseline_the_known_finding_is_not_reported(tmp_path):
    document, baseline = setup(tmp_path)
    result = check_with(baseline, document.parent)
    assert result.exit_code == 0 and codes_and_lines(result) == []


def test_the_baseline_survives_lines_inserted_above_the_finding(tmp_path):
    document, baseline = setup(tmp_path)
    document.write_text(
        "关于开展检查的通知\n\n新增一段说明文字。\n再增一段。\n\n" + DOCUMENT.split("\n\n", 1)[1], encoding="utf-8"
    )
    assert codes_and_lines(run("check", "--format", "json", *SELECT, str(document))) == [("ST101", 7)]
    assert codes_and_lines(check_with(baseline, document.parent)) == []


def test_a_new_finding_is_reported_and_the_old_one_is_not(tmp_path):
    document, baseline = setup(tmp_path)
    document.write_text(DOCUMENT + "（四）丙项工作。\n（六）丁项工作。\n", encoding="utf-8")
    result = check_with(baseline, document.parent)
    assert result.exit_code == 1 and codes_and_lines(result) == [("ST101", 6)]


def test_a_second_identical_problem_is_still_new(tmp_path):
    document, baseline = setup(tmp_path)
    document.write_text(DOCUMENT + "\n" + DOCUMENT, encoding="utf-8")
    assert len(codes_and_lines(check_with(baseline, document))) == 1


def test_editing_the_phrase_of_a_finding_makes_it_new():
    before = check_text("（一）甲项工作。\n（三）乙项工作。\n")
    after = check_text("（一）甲项工作。\n（三）乙项工作要点。\n")
    gap = next(f for f in before if f.code == "ST101")
    edited = next(f for f in after if f.code == "ST101")
    assert fingerprint(gap, "（一）甲项工作。\n（三）乙项工作。\n") != fingerprint(
        edited, "（一）甲项工作。\n（三）乙项工作要点。\n"
    )


def test_paths_are_matched_relative_to_the_baseline_whatever_the_current_folder(tmp_path, monkeypatch):
    _document, baseline = setup(tmp_path)
    monkeypatch.chdir(tmp_path / "docs")
    assert codes_and_lines(check_with(baseline, "a.txt")) == []
    assert Baseline.load(str(baseline)).files.keys() == {"docs/a.txt"}


def test_an_unreadable_baseline_exits_2_with_a_message(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    cases = {
        "missing.json": None,
        "broken.json": "{not json",
        "other.json": '{"files": {}}',
        "future.json": '{"format": "doccheck-baseline", "version": 99, "files": {}}',
        "shape.json": '{"format": "doccheck-baseline", "version": 1, "files": {"a.txt": [1]}}',
    }
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_text(content, encoding="utf-8")
        result = run("check", "--baseline", str(path), str(document))
        assert result.exit_code == 2, name
        assert "baseline" in result.output and "Traceback" not in result.output, result.output


def test_an_unwritable_baseline_exits_2_and_leaves_nothing_behind(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    result = run("check", "--write-baseline", str(tmp_path / "no" / "such" / "dir" / "b.json"), str(document))
    assert result.exit_code == 2 and "无法写入基线文件" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_the_number_of_findings_hidden_by_the_baseline_is_said_on_stderr(tmp_path):
    document, baseline = setup(tmp_path)
    result = run("check", *SELECT, "--baseline", str(baseline), str(document))
    assert result.exit_code == 0
    assert "基线中已记录的 1 条问题未显示" in result.stderr


# -- hostile or careless baselines: exit 2, a Chinese message naming the file ---------------
def refused(tmp_path, baseline) -> str:
    document = tmp_path / "a.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    result = run("check", "--baseline", str(baseline), str(document))
    assert result.exit_code == 2, result.output
    return result.stderr


def test_a_baseline_nested_a_hundred_thousand_deep_is_refused(tmp_path):
    baseline = tmp_path / "deep.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert f"--baseline {baseline}：JSON 嵌套过深，不是 doccheck 基线文件" in refused(tmp_path, baseline)


def test_a_device_given_as_the_baseline_is_refused_unread(tmp_path):
    assert "/dev/zero: 不是普通文件（设备或套接字），不能作为基线（baseline）读取" in refused(tmp_path, "/dev/zero")


def test_a_missing_baseline_says_how_to_write_one(tmp_path):
    baseline = tmp_path / "none.json"
    assert f"--baseline {baseline}：基线文件不存在（可用 --write-baseline 生成）" in refused(tmp_path, baseline)


def test_a_baseline_entry_of_the_wrong_shape_is_refused_naming_it(tmp_path):
    baseline = tmp_path / "b.json"
    baseline.write_text(
        '{"format": "doccheck-baseline", "version": 1, "files": {"a.txt": [{"fingerprint": 7}]}}', encoding="utf-8"
    )
    assert f"--baseline {baseline}: 条目 files/a.txt/0/fingerprint 无效：应为字符串，而不是 7" in refused(
        tmp_path, baseline
    )


def test_a_baseline_of_another_version_is_refused_naming_it(tmp_path):
    baseline = tmp_path / "b.json"
    baseline.write_text('{"format": "doccheck-baseline", "version": 99, "files": {}}', encoding="utf-8")
    assert f"--baseline {baseline}：版本为 99，本程序只能读取版本 1、2" in refused(tmp_path, baseline)


# -- findings about the whole document -----------------------------------------------------

HALF_WIDTH = "关于开展检查的通知\n\n" + "".join(f"第{n}项工作,已经完成;效果良好,继续推进.\n" for n in range(1, 7))


def whole_document_setup(tmp_path):
    document = tmp_path / "docs" / "a.txt"
    document.parent.mkdir()
    document.write_text(HALF_WIDTH, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert run("check", "--select", "PN202", "--write-baseline", str(baseline), str(document)).exit_code == 0
    return document, baseline


def test_a_whole_document_finding_survives_a_line_with_its_defect_inserted_above(tmp_path):
    document, baseline = whole_document_setup(tmp_path)
    document.write_text(HALF_WIDTH.replace("\n\n", "\n\n新增一段,也用半角标点;\n", 1), encoding="utf-8")
    plain = run("check", "--format", "json", "--select", "PN202", str(document))
    assert codes_and_lines(plain) == [("PN202", 3)]  # it is now shown at the inserted line
    result = run("check", "--format", "json", "--select", "PN202", "--baseline", str(baseline), str(document))
    assert result.exit_code == 0 and codes_and_lines(result) == []


def test_a_version_1_baseline_still_hides_a_whole_document_finding_where_it_was(tmp_path):
    from checker.run.baseline import version_1_fingerprint  # what version 1 wrote

    document, baseline = whole_document_setup(tmp_path)
    (finding,) = check_text(HALF_WIDTH, Settings(select=["PN202"]))
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["version"] = 1
    data["files"]["docs/a.txt"][0]["fingerprint"] = version_1_fingerprint(finding, HALF_WIDTH)
    baseline.write_text(json.dumps(data), encoding="utf-8")
    result = run("check", "--format", "json", "--select", "PN202", "--baseline", str(baseline), str(document))
    assert result.exit_code == 0 and codes_and_lines(result) == []


def test_a_whole_document_finding_is_known_by_its_code_a_located_one_by_its_place():
    (whole,) = check_text(HALF_WIDTH, Settings(select=["PN202"]))
    moved = HALF_WIDTH.replace("第1项", "新增,第1项")
    (whole_moved,) = check_text(moved, Settings(select=["PN202"]))
    assert whole_moved.start != whole.start
    assert fingerprint(whole, HALF_WIDTH) == fingerprint(whole_moved, moved)
    gap = next(f for f in check_text(DOCUMENT) if f.code == "ST101")
    assert fingerprint(gap, DOCUMENT) != fingerprint(gap, DOCUMENT.replace("乙项", "丙项"))
