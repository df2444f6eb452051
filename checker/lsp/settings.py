"""What the server checks a document with: the editor's settings and the workspace's files.

The editor's settings (section ``doccheck``, pulled with ``workspace/configuration`` or
pushed with ``workspace/didChangeConfiguration``) are few: rules to select or ignore,
a profile and a configuration file, as the command line's options, plus how eagerly to
check. Everything else comes from the configuration file that applies to the document
— doccheck.toml, or pyproject.toml with [tool.doccheck], found from its folder upwards,
exactly as ``doccheck check`` finds it — read again for every check (a few
milliseconds), so an edited configuration, rule pack or glossary applies at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from checker.api import find_files, load_settings

if TYPE_CHECKING:  # the types only: the library imports them when it is called
    from checker.core.config import Settings


# Text the editor holds; .docx and .pdf never reach a language server.
ALWAYS_CHECKED = (".md", ".markdown", ".txt", ".text")
TEXT_SUFFIXES = (*ALWAYS_CHECKED, ".html", ".htm")
LANGUAGE_SUFFIXES = {"markdown": ".md", "html": ".html"}  # of a document without a file name
DEFAULT_DEBOUNCE_MS = 250


@dataclass(frozen=True)
class EditorSettings:
    """The ``doccheck`` section of the editor's settings."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    profile: str | None = None
    config_file: str | None = None
    run: str = "onType"  # or "onSave": check on open and save only
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    docs_url: str | None = None  # a template for the rules' documentation links
    problems: list[str] = field(default_factory=list, compare=False)  # values that were ignored, and why

    @classmethod
    def from_client(cls, value: Any) -> EditorSettings:
        """Settings from what the client sent; a value of the wrong type is ignored
        (and said in ``problems``), never fatal."""
        if not isinstance(value, dict):
            return cls()
        problems: list[str] = []

        def names(key: str) -> tuple[str, ...]:
            items = value.get(key) or []
            if isinstance(items, str):
                items = [part for part in items.split(",")]
            if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
                problems.append(f"{key} 应为规则名称的列表，已忽略")
                return ()
            return tuple(item.strip() for item in items if item.strip())

        def text(key: str) -> str | None:
            item = value.get(key)
            if item is None or item == "":
                return None
            if not isinstance(item, str):
                problems.append(f"{key} 应为字符串，已忽略")
                return None
            return item

        run = value.get("run", "onType")
        if run not in ("onType", "onSave"):
            problems.append(f"run 应为 onType 或 onSave，而不是 {run!r}，按 onType 处理")
            run = "onType"
        debounce = value.get("debounce", DEFAULT_DEBOUNCE_MS)
        if isinstance(debounce, bool) or not isinstance(debounce, int) or not 0 <= debounce <= 10_000:
            problems.append(
                f"debounce 应为 0 到 10000 之间的毫秒数，而不是 {debounce!r}，按 {DEFAULT_DEBOUNCE_MS} 处理"
            )
            debounce = DEFAULT_DEBOUNCE_MS
        return cls(
            select=names("select"),
            ignore=names("ignore"),
            profile=text("profile"),
            config_file=text("configFile"),
            run=run,
            debounce_ms=debounce,
            docs_url=text("docsUrl"),
            problems=problems,
        )


def uri_to_path(uri: str) -> str | None:
    """The file system path of a ``file:`` URI (None for another scheme: untitled:, …)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
        path = path[1:]  # file:///C:/x → C:/x
    return path


def document_name(uri: str, language_id: str | None) -> str:
    """The path a document is checked under: its file, or for an unsaved one a name
    whose suffix says which reader to use (Markdown by its language)."""
    path = uri_to_path(uri)
    if path is not None:
        return path
    return "untitled" + LANGUAGE_SUFFIXES.get(language_id or "", ".txt")


def load(name: str, editor: EditorSettings, workspace_root: str | None) -> Settings:
    """The settings of one document; raises :class:`checker.SettingsError`."""
    near = name if os.path.isabs(name) else (workspace_root or os.getcwd())
    config = editor.config_file
    if config and not os.path.isabs(config) and workspace_root:
        config = os.path.join(workspace_root, config)
    return load_settings(
        config,
        near=near,
        select=list(editor.select) or None,
        ignore=list(editor.ignore) or None,
        profile=editor.profile,
    )


def is_checked(name: str, settings: Settings) -> bool:
    """Does the server check this document? Markdown and plain text always, and the
    other text types the configuration's ``file-types`` lists (.html); never a file its
    ``exclude`` globs leave out (a file opened in the editor is one named on the
    command line: ``include`` globs, which filter folder walks, do not apply)."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALWAYS_CHECKED and suffix not in [item for item in settings.file_types if item in TEXT_SUFFIXES]:
        return False
    if os.path.isabs(name) and settings.exclude:
        return bool(find_files([name], settings=settings))
    return True
