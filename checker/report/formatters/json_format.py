"""The JSON report: one document on stdout, as ``schemas/report.schema.json`` says."""
from __future__ import annotations

import json
from typing import Any

from checker.core.models import Report


def report_dict(report: Report) -> dict:
    data = report.model_dump(mode="json")
    for file in data["files"]:
        if file.get("error") is None:
            file.pop("error", None)
        for finding in file["findings"]:
            if finding.get("location") is None:
                finding.pop("location", None)
            if not finding.get("masked"):
                finding.pop("masked", None)
    return data


def render(report: Report, **options: Any) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
