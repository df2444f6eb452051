"""The workspace's accept list: names and words the user says are right.

"Ignore this name" on a finding of TM101 (a name taken for a variant of another), TM103
(a name taken for an official one misspelt) or TY201–TY203 (a pair of characters taken
for a typo) adds the written form to the
``accept`` list of the rule pack ``doccheck-accept.yaml``, beside the configuration
file that applies to the document (or at the top of the workspace when there is
none), and makes sure that configuration lists the pack in ``rule-packs`` (creating a
doccheck.toml that says only that when there is no configuration). Both are ordinary
files of the repository, reviewed and committed like the rest.

Nothing is half-written or lost: each file is edited as text — one line added to the
pack, the configuration through tomlkit, which keeps its comments and layout — the
result is read back and must hold exactly the old data plus the word, and it is
written atomically, only if the file still holds what was read.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.core.files import FileChanged, write_atomically
from checker.core.i18n import os_reason

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACK_NAME = "doccheck-accept.yaml"
# code → evidence key
ACCEPTING_CODES = {
    "TM101": "variant",
    "TM103": "written",
    "TY201": "written",
    "TY202": "written",
    "TY203": "written",
}
_FORM = re.compile(r"^[^\s<>]{2,40}$")  # an accepted form, as schemas/rulepack.schema.json says
_ACCEPT_KEY = re.compile(r"^accept[ \t]*:[ \t]*(#.*)?$")
_ITEM = re.compile(r"^([ \t]+)-[ \t]")
PACK_HEADER = """\
# Names and words doccheck takes as right in this workspace: the accept list of a rule
# pack (schemas/rulepack.schema.json). TM101 does not report them as variants of another
# name, TM103 not as official names misspelt, TY201–TY203 not as typos. The editor's
# "ignore this name" adds to it.
version: 1
name: workspace-accept
accept:
"""
CONFIG_HEADER = """\
# doccheck configuration (`doccheck init` writes one with every key explained).
"""


class AcceptError(Exception):
    """The word cannot be added: the message says why and what to do by hand."""


@dataclass(frozen=True)
class Change:
    """A file to write: its new bytes, and the bytes it must still hold (None: it must not exist)."""

    path: str
    data: bytes
    expected: bytes | None


def accepted_form(code: str, evidence: dict[str, Any]) -> str | None:
    """The form "ignore this name" would accept for a finding, if it offers that."""
    key = ACCEPTING_CODES.get(code)
    form = evidence.get(key) if key else None
    return form if isinstance(form, str) and _FORM.match(form) else None


def plan(word: str, config_file: str | None, folder: str) -> list[Change]:
    """The files to write to accept ``word``: the pack beside ``config_file`` (or in
    ``folder`` when there is no configuration), and the configuration. Empty when the
    word is accepted there already. Raises :class:`AcceptError`."""
    if not _FORM.match(word):
        raise AcceptError(f"“{word}”不能加入接受词表：应为 2 到 40 个字符，不含空白和尖括号")
    home = Path(config_file).parent if config_file else Path(folder)
    pack = home / PACK_NAME
    changes = []
    pack_change = _pack_change(pack, word)
    if pack_change is not None:
        changes.append(pack_change)
    config_change = _config_change(Path(config_file) if config_file else home / "doccheck.toml", pack)
    if config_change is not None:
        changes.append(config_change)
    return changes


def apply(changes: list[Change]) -> None:
    """Write the changes (each atomically, only over the bytes it was planned from)."""
    for change in changes:
        try:
            if change.expected is None and os.path.exists(change.path):
                raise FileChanged(change.path)
            write_atomically(change.path, change.data, expected=change.expected)
        except FileChanged:
            raise AcceptError(f"{change.path} 在此期间被修改过，未写入；请重试") from None
        except OSError as error:
            raise AcceptError(f"无法写入 {change.path}：{os_reason(error)}") from None


# -- the pack ---------------------------------------------------------------------------
def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise AcceptError(f"无法读取 {path}：{os_reason(error)}") from None


def _pack_change(pack: Path, word: str) -> Change | None:
    raw = _read(pack)
    item = _yaml_item(word)
    if raw is None:
        return Change(str(pack), (PACK_HEADER + f"  - {item}\n").encode("utf-8"), None)
    text = _decoded(pack, raw)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise AcceptError(f"{pack} 不是有效的 YAML，请先改正：{error}") from None
    if not isinstance(data, dict):
        raise AcceptError(f"{pack} 不是规则包（应为键值表），请手动加入“{word}”")
    accepted = data.get("accept") or []
    if not isinstance(accepted, list):
        raise AcceptError(f"{pack} 的 accept 不是列表，请手动加入“{word}”")
    if word in accepted:
        return None
    new_text = _with_item(text, item)
    try:
        new_data = yaml.safe_load(new_text)
    except yaml.YAMLError:
        new_data = None
    if new_data != {**data, "accept": [*accepted, word]}:
        raise AcceptError(f"无法自动修改 {pack}（accept 的写法不是每行一项的列表），请手动加入“{word}”")
    return Change(str(pack), new_text.encode("utf-8"), raw)


def _yaml_item(word: str) -> str:
    """The word as a YAML list item: plain when YAML reads it back as that string."""
    try:
        plain = yaml.safe_load(word) == word
    except yaml.YAMLError:
        plain = False
    return word if plain else json.dumps(word, ensure_ascii=False)


def _with_item(text: str, item: str) -> str:
    """The pack's text with one more item under ``accept:`` (added at the end when it has none)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    at = next((number for number, line in enumerate(lines) if _ACCEPT_KEY.match(line.rstrip("\r\n"))), None)
    if at is None:
        body = text if not text or text.endswith(("\n", "\r")) else text + newline
        return f"{body}accept:{newline}  - {item}{newline}"
    indent, last = "  ", at
    for number in range(at + 1, len(lines)):
        content = lines[number].rstrip("\r\n")
        match = _ITEM.match(content)
        if match:
            indent, last = match.group(1), number
        elif content.strip() and not content.lstrip().startswith("#"):
            break  # the next key
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    lines.insert(last + 1, f"{indent}- {item}{newline}")
    return "".join(lines)


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AcceptError(f"{path} 不是 UTF-8 文本，请手动修改") from None


# -- the configuration --------------------------------------------------------------------
def _config_change(config: Path, pack: Path) -> Change | None:
    import tomlkit

    raw = _read(config)
    entry = os.path.relpath(pack, config.parent).replace(os.sep, "/")
    if raw is None:
        text = CONFIG_HEADER + f"rule-packs = [{json.dumps(entry, ensure_ascii=False)}]\n"
        return Change(str(config), text.encode("utf-8"), None)
    text = _decoded(config, raw)
    try:
        document = tomlkit.parse(text)
        data = tomllib.loads(text)
    except Exception as error:  # tomlkit's and tomllib's parse errors
        raise AcceptError(f"{config} 不是有效的 TOML，请先改正：{error}") from None
    table: Any = document
    old_table: Any = data
    if config.name == "pyproject.toml":
        table = document.get("tool", {}).get("doccheck")
        old_table = data.get("tool", {}).get("doccheck")
        if table is None:
            raise AcceptError(f"{config} 没有 [tool.doccheck] 表")
    packs = old_table.get("rule-packs", [])
    if not isinstance(packs, list):
        raise AcceptError(f"{config} 的 rule-packs 不是列表，请手动加入 {entry}")
    if any(os.path.normpath(config.parent / item) == os.path.normpath(pack) for item in packs if isinstance(item, str)):
        return None
    if "rule-packs" in table:
        table["rule-packs"].append(entry)
    else:
        table["rule-packs"] = [entry]
    new_text = tomlkit.dumps(document)
    expected = data
    if config.name == "pyproject.toml":
        expected["tool"]["doccheck"]["rule-packs"] = [*packs, entry]
    else:
        expected["rule-packs"] = [*packs, entry]
    if tomllib.loads(new_text) != expected:
        raise AcceptError(f"无法自动修改 {config}，请手动在 rule-packs 中加入 {entry}")
    return Change(str(config), new_text.encode("utf-8"), raw)
