"""A rule's explanation, as the editor shows it: in a hover, and at the link of its code.

The text is that of ``doccheck explain CODE`` (the rule's documentation sections, from
:func:`checker.list_rules`), written as Markdown. A diagnostic's ``codeDescription``
links to a page of it: by default a Markdown file per rule and version of doccheck,
written once into doccheck's cache folder (``$DOCCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/doccheck``, else ``~/.cache/doccheck``) as ``docs/VERSION/CODE.md`` and
linked as a ``file:`` URI — it works offline and always matches the installed rules.
An organisation that publishes the rules can set ``docsUrl`` to a template instead
(``https://example.org/doccheck/{code}``; ``{code}`` and ``{name}`` are filled in).
"""

from __future__ import annotations

import os
import tempfile
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from checker.api import list_rules
from checker.core.version import __version__

if TYPE_CHECKING:  # the types only: the library imports them when it is called
    from checker.api import RuleInfo


SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@lru_cache(maxsize=1)
def rules_by_code() -> dict[str, RuleInfo]:
    return {rule.code: rule for rule in list_rules()}


def explanation(code: str) -> str | None:
    """The rule's documentation as Markdown (None for a code that is no rule)."""
    rule = rules_by_code().get(code)
    if rule is None:
        return None
    parts = [
        f"### {rule.code} {rule.name}",
        f"类别 {rule.category} · 默认级别 {SEVERITY_LABELS.get(rule.severity, rule.severity)}"
        + (f" · 修复 {rule.fix_safety}" if rule.fix_safety else ""),
        rule.summary,
    ]
    for heading, body in rule.docs.items():
        # an example is document text: shown as written, never read as Markdown
        shown = f"```text\n{body}\n```" if heading == "Example" else body
        parts.append(f"**{heading}**\n\n{shown}")
    return "\n\n".join(parts) + "\n"


def docs_folder() -> Path:
    configured = os.environ.get("DOCCHECK_CACHE_DIR")
    if configured:
        base = Path(configured)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "doccheck"
    return base / "docs" / __version__


@cache
def page_uri(code: str) -> str | None:
    """The ``file:`` URI of the rule's page, written if absent; None when neither the
    cache folder nor the temporary folder can hold it."""
    text = explanation(code)
    if text is None:
        return None
    for folder in (docs_folder(), Path(tempfile.gettempdir()) / "doccheck-docs" / __version__):
        page = folder / f"{code}.md"
        try:
            if not page.is_file() or page.read_text(encoding="utf-8") != text:
                folder.mkdir(parents=True, exist_ok=True)
                temporary = page.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, page)  # whole or not at all: another server may read it
            return page.resolve().as_uri()
        except OSError:
            continue
    return None


def docs_href(code: str, template: str | None = None) -> str | None:
    """Where a diagnostic of ``code`` links to: the template filled in, or the local page."""
    rule = rules_by_code().get(code)
    if rule is None:
        return None
    if template:
        return template.replace("{code}", rule.code).replace("{name}", rule.name)
    return page_uri(code)
