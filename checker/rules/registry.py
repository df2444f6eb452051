"""The one registry of rules.

A rule is a function of the Document that yields :class:`Hit` objects, declared
with :func:`rule`, which records its code, name, category, default severity,
message template(s) and documentation (the function's docstring, written in the
fixed sections *What it checks / Why it matters / Example / Fix*). Check modules
live in ``checker/rules/checks/`` and are discovered automatically; adding a rule never
touches this file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from checker.core import patterns
from checker.core.models import CATEGORY_PREFIX, Category, Fix, Severity

if TYPE_CHECKING:
    from checker.model.document import Document
    from checker.rules.ruledocs import RuleDoc

DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "Fix")


@dataclass
class Hit:
    """What a check reports; the engine turns it into a Finding."""

    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)  # values for the message template
    variant: str = "default"  # which of the rule's messages
    suggestion: str | None = None
    fix: Fix | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # a rule may lower its own severity for a weak case
    masked: bool = False  # the span is personal data: every output shows it masked


def fix_safety(level: str) -> Literal["safe", "unsafe"]:
    """The safety of a fix a rule pack or glossary offers: its level, other than "none"
    (their schemas allow no other value)."""
    return "unsafe" if level == "unsafe" else "safe"


# A rule's check: a function of the Document that yields what it found.
Check = Callable[["Document"], Iterable[Hit]]
CheckT = TypeVar("CheckT", bound=Check)


@dataclass
class Rule:
    code: str
    name: str
    category: Category
    severity: Severity
    messages: dict[str, str]
    check: Check
    doc: str = ""
    fix_safety: str | None = None  # "safe" / "unsafe" when the rule offers fixes
    # "document": one finding about the whole document, shown at a place that stands
    # for it (PN202 at the first of hundreds of marks); "span": about the text it points at.
    scope: Literal["span", "document"] = "span"

    def documented(self) -> RuleDoc | None:
        """The rule's entry in ``rules/rule_docs.yaml`` (read when documentation is first asked for)."""
        from checker.rules.ruledocs import rule_docs

        return rule_docs().get(self.code)

    @property
    def title(self) -> str:
        """The rule's name in words, in the interface's language (the kebab-case name without its entry)."""
        documented = self.documented()
        return documented.name.get() if documented else self.name

    @property
    def summary(self) -> str:
        """One line saying what the rule reports, in the interface's language."""
        documented = self.documented()
        if documented:
            return documented.summary.get()
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def sections(self) -> dict[str, str]:
        """The documentation in its fixed sections (keys: :data:`DOC_SECTIONS`), in the
        interface's language; from the docstring for a rule without an entry in
        ``rules/rule_docs.yaml`` (which a test forbids for doccheck's own rules)."""
        from checker.rules.ruledocs import SECTIONS

        documented = self.documented()
        if documented:
            return {heading: documented.section(key) for heading, key in zip(DOC_SECTIONS, SECTIONS, strict=True)}
        result: dict[str, str] = {}
        current = None
        for line in self.doc.splitlines():
            stripped = line.strip()
            heading = stripped.rstrip(":").strip()
            if heading in DOC_SECTIONS:
                current = heading
                result[current] = ""
            elif current:
                result[current] += line.strip() + "\n"
        return {key: value.strip() for key, value in result.items()}

    def message(self, hit: Hit) -> str:
        template = self.messages.get(hit.variant) or self.messages["default"]
        return template.format(**hit.args)


_RULES: dict[str, Rule] = {}
_CODE = patterns.lazy(r"^(ST|NC|DT|TY|PN|NU|TM|LY|CT|PD|IN)\d{3}$")
_NAME = patterns.lazy(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def rule(
    code: str,
    name: str,
    *,
    category: Category,
    severity: str,
    message: str | dict[str, str],
    fix: str | None = None,
    scope: Literal["span", "document"] = "span",
) -> Callable[[CheckT], CheckT]:
    """Register the decorated function as a rule."""
    if not _CODE.match(code) or CATEGORY_PREFIX[category] != code[:2]:
        raise ValueError(f"rule code {code!r} does not fit category {category!r}")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} is not kebab-case")
    messages = {"default": message} if isinstance(message, str) else dict(message)
    if "default" not in messages:
        raise ValueError(f"rule {code} has no default message")

    def register(function: CheckT) -> CheckT:
        if code in _RULES and _RULES[code].check is not function:
            raise ValueError(f"rule code {code} registered twice")
        _RULES[code] = Rule(
            code,
            name,
            category,
            Severity(severity),
            messages,
            function,
            doc=function.__doc__ or "",
            fix_safety=fix,
            scope=scope,
        )
        return function

    return register


_INTERNAL = Rule(
    "IN001",
    "internal-error",
    "internal",
    Severity.error,
    {"default": "检查规则 {code}（{name}）运行出错：{error}"},
    check=lambda doc: (),
    doc="""A rule raised an exception while checking this file.

What it checks:
    Nothing: it reports that another rule failed, so the failure is visible
    instead of silently dropping that rule's findings.
Why it matters:
    A crash in one rule must not stop the others, and must not pass unnoticed.
Example:
    IN001 检查规则 NC101（breakdown-sum-mismatch）运行出错：ZeroDivisionError: …
Fix:
    Report the file and the message to the doccheck maintainers.
""",
)


def internal_rule() -> Rule:
    return _INTERNAL


_TIMED_OUT = Rule(
    "IN003",
    "check-timed-out",
    "internal",
    Severity.error,
    {"default": "检查此文件超过了 {seconds} 秒的时限，已停止：此文件未检查（可用 --timeout 调整时限）"},
    check=lambda doc: (),
    doc="""The check of this file did not end within the time budget, and was stopped.

What it checks:
    Nothing: it reports that the file was not checked. Each file is checked within
    a time budget (`--timeout`, 60 seconds unless set; 0 for none); a check still
    running when it is spent is stopped, the file is reported with IN003 and the
    run goes on with the other files. The run exits with status 2.
Why it matters:
    One pathological file must not hold up, or silently drop, the check of all the
    others; and a file that was not checked must not pass for a clean one.
Example:
    IN003 检查此文件超过了 60 秒的时限，已停止：此文件未检查（可用 --timeout 调整时限）
Fix:
    Check the file alone with a larger `--timeout`, or split it; if an ordinary
    document takes this long, report it to the doccheck maintainers.
""",
)


def timed_out_rule() -> Rule:
    """IN003: the file whose check was stopped at its time budget (reported by the run, not a check)."""
    return _TIMED_OUT


_loaded = False
_sorted: dict[str, Rule] = {}  # _RULES in code order, sorted again only when a rule is added


def load_rules() -> dict[str, Rule]:
    """Every rule, importing all check modules on first use."""
    global _loaded, _sorted
    if not _loaded:
        import checker.rules.checks as package

        for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if not module.name.startswith("_"):
                importlib.import_module(f"checker.rules.checks.{module.name}")
        _RULES.setdefault(_INTERNAL.code, _INTERNAL)
        _RULES.setdefault(_TIMED_OUT.code, _TIMED_OUT)
        _loaded = True
    if len(_sorted) != len(_RULES):  # sorted once, not for every document checked
        _sorted = dict(sorted(_RULES.items()))
    return dict(_sorted)


@contextmanager
def temporary_rules() -> Iterator[None]:
    """Rules registered inside the ``with`` block are removed when it ends.

    For tests and experiments that need a rule the package does not ship::

        with temporary_rules():
            rule("TY990", "test-rule", category="typo", severity="warning", message="…")(check)
            ...  # every lookup (the engine, `doccheck rules`) sees TY990 here

    Afterwards the registry is exactly as before, whatever the block registered
    (or replaced) and whether it raised.
    """
    global _sorted
    load_rules()
    before = dict(_RULES)
    try:
        yield
    finally:
        _RULES.clear()
        _RULES.update(before)
        _sorted = {}  # sorted again on the next lookup


def get_rule(code_or_name: str) -> Rule | None:
    rules = load_rules()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for candidate in rules.values():
        if candidate.name == key:
            return candidate
    return None


def matches(rule_: Rule, selector: str) -> bool:
    """Does a --select/--ignore entry (code, code prefix, category, name or ALL) cover the rule?"""
    selector = selector.strip()
    if not selector:
        return False
    if selector.upper() == "ALL":
        return True
    if selector == rule_.category or selector == rule_.name:
        return True
    return rule_.code.startswith(selector.upper())


def selector_known(selector: str) -> bool:
    """Does ``selector`` (a code, prefix, category, name or ALL) select any rule?

    The one check of a selector wherever one is written: --select/--ignore, the
    configuration file, a suppression comment."""
    if selector in CATEGORY_PREFIX or selector.strip().upper() in ("ALL", *CATEGORY_PREFIX.values()):
        return True  # a whole family, even before it has rules
    return any(matches(rule_, selector) for rule_ in load_rules().values())
