"""``--statistics``: how many findings each rule made, instead of the findings (as ruff's).

The table lists the rules that made a finding, most findings first (then by code): the
count, the code, the name, and ``[*]`` when every finding of the rule offers a fix.
With ``--format json`` the same rows are a JSON array of objects (``code``, ``name``,
``count``, ``fixable``)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from checker.core.models import Report


def rows(report: Report) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: Counter[str] = Counter()
    for file in report.files:
        for finding in file.findings:
            counts[finding.code] += 1
            names[finding.code] = finding.name
            if finding.fix is not None:
                fixable[finding.code] += 1
    ordered = sorted(counts, key=lambda code: (-counts[code], code))
    return [
        {"code": code, "name": names[code], "count": counts[code], "fixable": fixable[code] == counts[code]}
        for code in ordered
    ]


def render(report: Report, as_json: bool = False) -> str:
    table = rows(report)
    if as_json:
        return json.dumps(table, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(row["count"])) for row in table), default=1)
    return "".join(
        f"{row['count']:>{width}}\t{row['code']}\t{'[*] ' if row['fixable'] else ''}{row['name']}\n" for row in table
    )
