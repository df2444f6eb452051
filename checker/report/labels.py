"""The Chinese a reviewer reads for doccheck's English vocabulary: categories,
severities and each rule's name (read from the rule's documentation).

Rule codes and names stay English in machine-readable reports (JSON, SARIF); the
reports people read (HTML, the workbench, the .xlsx table) show these. Every rule's
name is in ``rules/rule_docs.yaml``, which a test keeps complete.
"""

from __future__ import annotations

CATEGORY_NAMES = {
    "structure": "结构",
    "numeric": "数字计算",
    "date": "日期",
    "typo": "错别字",
    "punctuation": "标点",
    "numeral": "数字用法",
    "terminology": "术语",
    "layout": "版式",
    "citation": "引用",
    "privacy": "个人信息",
    "internal": "内部",
}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def rule_title(code: str, name: str) -> str:
    """The Chinese name of a rule, from its documentation (``rules/rule_docs.yaml``, where
    each rule is named in both languages); a rule without an entry keeps its name."""
    from checker.rules.ruledocs import rule_docs

    documented = rule_docs().get(code)
    return documented.name.zh if documented else name
