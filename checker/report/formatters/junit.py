"""JUnit XML, for CI systems that show test results: one testsuite per file.

Each finding is a failing testcase (its type the rule code, its text the
``path:line:col`` line and the suggestion); a file without findings has one
passing testcase, so it still shows as checked; a file that could not be read has
one testcase with an ``<error>``. Characters XML 1.0 cannot carry (control
characters in a document) are replaced by U+FFFD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from checker.core import patterns
from checker.core.models import Report

_NOT_XML = patterns.lazy("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def render(report: Report, **options: Any) -> str:
    total = report.summary.findings
    errors = sum(1 for file in report.files if file.error)
    tests = sum(max(1, len(file.findings)) for file in report.files)
    root = ET.Element("testsuites", name="doccheck", tests=str(tests), failures=str(total), errors=str(errors))
    for file in report.files:
        path = _clean(file.path)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(max(1, len(file.findings))),
            failures=str(len(file.findings)),
            errors="1" if file.error else "0",
            skipped="0",
        )
        if file.error:
            case = ET.SubElement(suite, "testcase", name="read", classname=path, file=path)
            ET.SubElement(case, "error", message=_clean(file.error), type="unreadable").text = _clean(file.error)
            continue
        if not file.findings:
            ET.SubElement(suite, "testcase", name="doccheck", classname=path, file=path)
            continue
        for finding in file.findings:
            place = f"{finding.line}:{finding.column}"
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{finding.code} {finding.name} {place}",
                classname=path,
                file=path,
                line=str(finding.line),
            )
            body = f"{file.path}:{place}: {finding.code} [{finding.severity.value}] {finding.message}"
            if finding.excerpt:
                body += f"\n    {finding.excerpt}"
            if finding.suggestion:
                body += f"\n    建议：{finding.suggestion}"
            failure = ET.SubElement(case, "failure", message=_clean(finding.message), type=finding.code)
            failure.text = _clean(body)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
