"""doccheck: a consistency and compliance checker for Chinese official documents (公文).

The library (see "Library" in the README)::

    import checker

    report = checker.check_text("（一）甲。\\n（三）乙。\\n")
    for finding in report.files[0].findings:
        print(finding.code, finding.line, finding.column, finding.message)

The names below are imported on first use, so ``import checker`` loads none of the
rules, readers or libraries behind them (a command that only asks for the version
stays fast).
"""

from __future__ import annotations

import importlib

from checker.core.version import __version__

# typing.TYPE_CHECKING without importing typing: type checkers take any name so spelt as true
TYPE_CHECKING = False
if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports each on first use
    from checker.api import (
        FixResult,
        RuleInfo,
        SettingsError,
        apply_fix,
        check_bytes,
        check_path,
        check_paths,
        check_text,
        clean_cache,
        filter_severity,
        find_files,
        fix_file,
        fix_text,
        iter_paths,
        list_rules,
        load_settings,
    )
    from checker.core.config import Settings
    from checker.core.models import FileReport, Finding, Fix, Report, Severity
    from checker.run.fixer import FixError, NotWritable

# name → the module that defines it
_EXPORTS = {
    "check_text": "checker.api",
    "check_bytes": "checker.api",
    "check_path": "checker.api",
    "check_paths": "checker.api",
    "find_files": "checker.api",
    "iter_paths": "checker.api",
    "clean_cache": "checker.api",
    "filter_severity": "checker.api",
    "fix_text": "checker.api",
    "fix_file": "checker.api",
    "apply_fix": "checker.api",
    "list_rules": "checker.api",
    "load_settings": "checker.api",
    "FixResult": "checker.api",
    "RuleInfo": "checker.api",
    "SettingsError": "checker.api",
    "Settings": "checker.core.config",
    "Report": "checker.core.models",
    "FileReport": "checker.core.models",
    "Finding": "checker.core.models",
    "Fix": "checker.core.models",
    "Severity": "checker.core.models",
    "FixError": "checker.run.fixer",
    "NotWritable": "checker.run.fixer",
}

__all__ = [
    "FileReport",
    "Finding",
    "Fix",
    "FixError",
    "FixResult",
    "NotWritable",
    "Report",
    "RuleInfo",
    "Settings",
    "SettingsError",
    "Severity",
    "__version__",
    "apply_fix",
    "check_bytes",
    "check_path",
    "check_paths",
    "check_text",
    "clean_cache",
    "filter_severity",
    "find_files",
    "fix_file",
    "fix_text",
    "iter_paths",
    "list_rules",
    "load_settings",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None or name not in __all__:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
