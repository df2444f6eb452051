"""Reports with many findings are written finding by finding: no piece handed to the
stream holds two findings, and what is written is exactly the whole report."""

from __future__ import annotations

import json

from checker.core.config import Settings
from checker.core.models import FileReport, Report
from checker.load.source import Source
from checker.report.formatters import jsonl, sarif
from checker.run.engine import check_source

TYPO = "各单位要认真布署。"


def report(count: int = 5) -> Report:
    checked = check_source(Source(path="notice.txt", text=TYPO * count + "\n"), Settings.defaults())
    return Report.build([checked, FileReport(path="gone.txt", error="无法读取")])


class Pieces(list):
    def write(self, text: str) -> int:
        self.append(text)
        return len(text)


def test_sarif_written_piece_by_piece_is_the_whole_log():
    written = Pieces()
    sarif.write(report(), written)
    assert "".join(written) == json.dumps(sarif.sarif_log(report()), ensure_ascii=False, indent=2) + "\n"


def test_sarif_hands_the_stream_one_result_at_a_time():
    written = Pieces()
    sarif.write(report(5), written)
    assert sum('"ruleId": "TY101"' in piece for piece in written) == 5
    assert max(piece.count('"ruleId"') for piece in written) == 1


def test_a_jsonl_line_is_written_one_finding_at_a_time():
    written = Pieces()
    jsonl.write(report(5), written)
    assert max(piece.count('"code"') for piece in written) == 1
    lines = "".join(written).splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["notice.txt", "gone.txt"]
    assert [f["column"] for f in json.loads(lines[0])["findings"] if f["code"] == "TY101"] == [7, 16, 25, 34, 43]
    assert json.loads(lines[1])["error"] == "无法读取"
