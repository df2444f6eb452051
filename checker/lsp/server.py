"""The protocol: documents in, diagnostics, hovers and code actions out.

A document is checked when it opens, when it is saved, and — unless the editor's
``run`` setting is ``onSave`` — after each change once the typing has paused for the
debounce delay (250 ms by default). Checks run one at a time on a worker thread, so
the server keeps answering hovers and code actions meanwhile; a check always reads the
document's latest text when its turn comes, and a change that arrives while it runs
cancels its task: its result, for a text that is no longer the editor's, is dropped
and never published. Diagnostics carry the document version they were made for.

Hovers and code actions use the findings of the last published check, and only while
the document is still that version (the editor asks again when new diagnostics come).
Code actions are computed on the worker too (a fix is read back through the reader),
and a "fix all" edit only when the editor resolves the action it was shown.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from checker.api import SettingsError, check_text
from checker.core.version import __version__
from checker.lsp import accept, actions
from checker.lsp import settings as editor_settings
from checker.lsp.diagnostics import finding_key, problem_diagnostic, to_diagnostic
from checker.lsp.docs import explanation
from checker.lsp.positions import UTF16, LineIndex

if TYPE_CHECKING:  # the types only: the library imports them when it is called
    from checker.core.config import Settings
    from checker.core.models import Finding

ACCEPT_COMMAND = "doccheck.acceptWord"
WATCHED = ("**/{doccheck.toml,.doccheck.toml,pyproject.toml}", "**/*.{yaml,yml}")
PLAIN_TEXT_SUFFIXES = (".txt", ".text")


@dataclass
class Checked:
    """The findings of one version of a document, with what they were computed from."""

    version: int | None
    text: str
    name: str
    settings: Settings | None
    index: LineIndex
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[types.Diagnostic] = field(default_factory=list)  # one per finding, in order
    problems: list[types.Diagnostic] = field(default_factory=list)  # why it could not be checked

    @property
    def published(self) -> list[types.Diagnostic]:
        return [*self.problems, *self.diagnostics]


@dataclass
class OpenDocument:
    uri: str
    language_id: str | None
    pending: asyncio.Task[None] | None = None
    checked: Checked | None = None


class DoccheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("doccheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.editor = editor_settings.EditorSettings()
        self.documents: dict[str, OpenDocument] = {}
        self.checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="doccheck")
        self.turn: asyncio.Lock | None = None  # one check at a time (made on the server's loop)
        self.told: set[str] = set()  # problems already shown to the user, shown once
        self.settled = False  # the long-lived objects (rules, lexicon) are out of the collector's way

    # -- where things are -------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    def workspace_root(self, path: str | None = None) -> str | None:
        """The workspace folder holding ``path`` (the deepest), else the first one."""
        folders = [
            path
            for path in (editor_settings.uri_to_path(folder.uri) for folder in self.workspace.folders.values())
            if path
        ]
        if path:
            absolute = os.path.abspath(path)
            holding = [folder for folder in folders if absolute.startswith(os.path.abspath(folder) + os.sep)]
            if holding:
                return max(holding, key=len)
        if folders:
            return folders[0]
        return self.workspace.root_path or None

    def fresh(self, uri: str) -> Checked | None:
        """The last check of a document, if the document is still the text it checked."""
        state = self.documents.get(uri)
        if state is None or state.checked is None:
            return None
        document = self.workspace.get_text_document(uri)
        if state.checked.version != document.version or state.checked.text != document.source:
            return None
        return state.checked

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        if message not in self.told:
            self.told.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    # -- checking ---------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        state = self.documents.get(uri)
        if state is None:
            return
        if state.pending is not None:
            state.pending.cancel()  # an older run: cancelled, or its result dropped
        state.pending = asyncio.ensure_future(self._check_later(state, delay))

    def recheck_all(self) -> None:
        for uri in list(self.documents):
            self.schedule(uri, 0)

    async def _check_later(self, state: OpenDocument, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        if self.turn is None:
            self.turn = asyncio.Lock()
        async with self.turn:
            document = self.workspace.get_text_document(state.uri)
            version, text = document.version, document.source
            loop = asyncio.get_running_loop()
            checked = await loop.run_in_executor(self.checks, self.check, state.uri, state.language_id, version, text)
        if self.documents.get(state.uri) is not state:
            return  # closed meanwhile
        current = self.workspace.get_text_document(state.uri)
        if current.version != version or current.source != text:
            return  # the editor's text moved on: a newer check is on its way
        state.checked = checked
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=state.uri, version=version, diagnostics=checked.published)
        )
        if not self.settled:
            # After the first check the rules, patterns and lexicon are loaded for good: moved
            # out of the collector's generations, a full collection no longer walks them
            # (it added up to a hundred milliseconds to a check now and then).
            gc.collect()
            gc.freeze()
            self.settled = True

    def check(self, uri: str, language_id: str | None, version: int | None, text: str) -> Checked:
        """Check one text (on the worker thread): the findings and their diagnostics."""
        name = editor_settings.document_name(uri, language_id)
        index = LineIndex(text, self.encoding)
        try:
            settings = editor_settings.load(name, self.editor, self.workspace_root(name))
        except SettingsError as error:
            return Checked(
                version, text, name, None, index, problems=[problem_diagnostic(f"doccheck 的配置无法使用：{error}")]
            )
        if not editor_settings.is_checked(name, settings):
            return Checked(version, text, name, settings, index)
        report = check_text(text, path=name, settings=settings)
        file = report.files[0]
        if file.error:
            return Checked(
                version,
                text,
                name,
                settings,
                index,
                problems=[problem_diagnostic(f"doccheck 无法检查此文档：{file.error}")],
            )
        plain = name.lower().endswith(PLAIN_TEXT_SUFFIXES)
        diagnostics = [to_diagnostic(finding, index, uri, plain, self.editor.docs_url) for finding in file.findings]
        return Checked(version, text, name, settings, index, list(file.findings), diagnostics)

    # -- configuration ----------------------------------------------------------------
    async def pull_configuration(self) -> None:
        capable = self.client_capabilities.workspace and self.client_capabilities.workspace.configuration
        if not capable:
            return
        try:
            values = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="doccheck")])
            )
        except Exception as error:  # a client that answers with an error: keep the settings
            self.tell(f"doccheck 无法读取编辑器设置：{error}")
            return
        self.use_settings(values[0] if values else None)

    def use_settings(self, value: Any) -> None:
        self.editor = editor_settings.EditorSettings.from_client(value)
        for problem in self.editor.problems:
            self.tell(f"doccheck 设置：{problem}")

    # -- code actions -------------------------------------------------------------------
    def findings_at(
        self, checked: Checked, range_: types.Range, diagnostics: Sequence[types.Diagnostic]
    ) -> list[tuple[Finding, types.Diagnostic]]:
        keys = {diagnostic.data.get("key") for diagnostic in diagnostics if isinstance(diagnostic.data, dict)}
        wanted = []
        for finding, diagnostic in zip(checked.findings, checked.diagnostics, strict=True):
            if finding_key(finding) in keys or _overlaps(diagnostic.range, range_):
                wanted.append((finding, diagnostic))
        return wanted

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction | types.Command]:
        uri = params.text_document.uri
        checked = self.fresh(uri)
        if checked is None or checked.settings is None:
            return []
        only = params.context.only
        lazy = self.resolves_edits()
        found: list[types.CodeAction] = []
        safe_by_code: dict[str, int] = {}
        for finding in checked.findings:
            if finding.fix is not None and finding.fix.safety == "safe":
                safe_by_code[finding.code] = safe_by_code.get(finding.code, 0) + 1
        commands: list[types.Command] = []
        for finding, diagnostic in self.findings_at(checked, params.range, params.context.diagnostics):
            found += self.finding_actions(checked, uri, finding, diagnostic, safe_by_code, lazy)
            word = accept.accepted_form(finding.code, finding.evidence or {})
            if word is not None and _wanted(types.CodeActionKind.QuickFix, only):
                # a command, not a code action with one: it writes files of the workspace,
                # which the server does itself (atomically), then checks again
                commands.append(
                    types.Command(
                        title=f"忽略此名称：把“{word}”加入工作区接受词表（{accept.PACK_NAME}）",
                        command=ACCEPT_COMMAND,
                        arguments=[uri, word],
                    )
                )
        if safe_by_code:
            total = sum(safe_by_code.values())
            found.append(
                types.CodeAction(
                    title=f"doccheck：应用本文件全部安全修复（{total} 处）",
                    kind=actions.FIX_ALL_KIND,
                    data={"uri": uri, "version": checked.version, "code": None},
                )
            )
        found = [action for action in found if _wanted(action.kind, only)]
        if not lazy:
            found = [resolved for resolved in map(self.resolve, found) if resolved.edit is not None]
        return [*found, *commands]

    def finding_actions(
        self,
        checked: Checked,
        uri: str,
        finding: Finding,
        diagnostic: types.Diagnostic,
        safe_by_code: dict[str, int],
        lazy: bool,
    ) -> list[types.CodeAction]:
        found = []
        quick = types.CodeActionKind.QuickFix
        if finding.fix is not None:
            fixed = actions.fix_one(checked.text, finding, checked.name)
            if fixed is not None:
                unsafe = "（不安全修复，请确认）" if finding.fix.safety != "safe" else ""
                what = finding.suggestion or f"改为“{finding.fix.replacement}”"
                found.append(
                    types.CodeAction(
                        title=f"修复 {finding.code}：{what}{unsafe}",
                        kind=quick,
                        diagnostics=[diagnostic],
                        is_preferred=finding.fix.safety == "safe",
                        edit=actions.workspace_edit(
                            uri, checked.version, actions.text_edits(checked.text, fixed, checked.index)
                        ),
                    )
                )
        count = safe_by_code.get(finding.code, 0)
        if count > 1 and finding.fix is not None and finding.fix.safety == "safe":
            found.append(
                types.CodeAction(
                    title=f"修复本文件中全部 {finding.code} 问题（{count} 处安全修复）",
                    kind=quick,
                    diagnostics=[diagnostic],
                    data={"uri": uri, "version": checked.version, "code": finding.code},
                )
            )
        line = diagnostic.range.start.line
        found.append(
            types.CodeAction(
                title=f"在此行停用 {finding.code}（写入 doccheck-disable-next-line 注释）",
                kind=quick,
                diagnostics=[diagnostic],
                edit=actions.workspace_edit(
                    uri, checked.version, [actions.suppression_edit(checked.index, line, finding.code)]
                ),
            )
        )
        return found

    def resolves_edits(self) -> bool:
        text = self.client_capabilities.text_document
        support = text.code_action.resolve_support if text and text.code_action else None
        return bool(support and "edit" in support.properties)

    def resolve(self, action: types.CodeAction) -> types.CodeAction:
        """Fill in the edit of a "fix all" action (computed only when it is chosen)."""
        data = action.data if isinstance(action.data, dict) else None
        if action.edit is not None or data is None or "uri" not in data:
            return action
        checked = self.fresh(data["uri"])
        if checked is None or checked.settings is None or checked.version != data.get("version"):
            return action  # the document changed: the editor asks again with new diagnostics
        fixed = actions.fix_kind(checked.text, checked.name, checked.settings, data.get("code"))
        if fixed is not None:
            action.edit = actions.workspace_edit(
                data["uri"], checked.version, actions.text_edits(checked.text, fixed, checked.index)
            )
        return action

    def accept_word(self, uri: str, word: str) -> None:
        name = editor_settings.document_name(uri, None)
        folder = self.workspace_root(name) or (os.path.dirname(name) if os.path.isabs(name) else os.getcwd())
        state = self.documents.get(uri)
        checked = state.checked if state is not None else None
        config = checked.settings.config_file if checked is not None and checked.settings is not None else None
        try:
            changes = accept.plan(word, config, folder)
            accept.apply(changes)
        except accept.AcceptError as error:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=str(error)))
            return
        written = "、".join(os.path.basename(change.path) for change in changes) or "无需修改"
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Info, message=f"已把“{word}”加入接受词表（{written}）")
        )
        self.recheck_all()


def _overlaps(a: types.Range, b: types.Range) -> bool:
    start_a, end_a = (a.start.line, a.start.character), (a.end.line, a.end.character)
    start_b, end_b = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return start_a <= end_b and start_b <= end_a


def _wanted(kind: str | None, only: Sequence[str] | None) -> bool:
    if not only:
        return True
    return kind is not None and any(kind == prefix or kind.startswith(f"{prefix}.") for prefix in only)


def hover_text(checked: Checked, position: types.Position) -> tuple[str, types.Range] | None:
    """The findings under a position, the narrowest first, each with its rule explained;
    and the range of the narrowest."""
    here = types.Range(start=position, end=position)
    under = [
        (finding, diagnostic)
        for finding, diagnostic in zip(checked.findings, checked.diagnostics, strict=True)
        if _overlaps(diagnostic.range, here)
    ]
    if not under:
        return None
    under.sort(key=lambda pair: pair[0].end - pair[0].start)
    parts = [f"**{finding.code}** {finding.message}\n\n{explanation(finding.code) or ''}" for finding, _ in under]
    return "\n\n---\n\n".join(parts), under[0][1].range


def build_server() -> DoccheckServer:
    server = DoccheckServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: DoccheckServer, params: types.InitializedParams) -> None:
        await ls.pull_configuration()
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(
                        registrations=[
                            types.Registration(
                                id="doccheck-configuration",
                                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                register_options=options,
                            )
                        ]
                    )
                )
            except Exception:  # a client that refuses: configuration changes apply on the next edit
                pass
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DoccheckServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.documents[uri] = OpenDocument(uri, params.text_document.language_id)
        ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DoccheckServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = ls.documents.get(uri)
        if state is not None and state.pending is not None:
            state.pending.cancel()  # whatever runs is for an older text
        if ls.editor.run == "onType":
            ls.schedule(uri, ls.editor.debounce_ms / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DoccheckServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DoccheckServer, params: types.DidCloseTextDocumentParams) -> None:
        state = ls.documents.pop(params.text_document.uri, None)
        if state is not None and state.pending is not None:
            state.pending.cancel()
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: DoccheckServer, params: types.DidChangeConfigurationParams) -> None:
        pushed = params.settings
        if isinstance(pushed, dict) and "doccheck" in pushed:
            ls.use_settings(pushed["doccheck"])
        else:
            await ls.pull_configuration()
        ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: DoccheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DoccheckServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.fresh(params.text_document.uri)
        found = hover_text(checked, params.position) if checked is not None else None
        if found is None:
            return None
        text, range_ = found
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=range_)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND], resolve_provider=True
        ),
    )
    async def code_action(ls: DoccheckServer, params: types.CodeActionParams) -> list[types.CodeAction | types.Command]:
        # a fix is read back through the reader (a Markdown parse): on the worker, not the loop
        return await asyncio.get_running_loop().run_in_executor(ls.checks, ls.code_actions, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: DoccheckServer, action: types.CodeAction) -> types.CodeAction:
        return await asyncio.get_running_loop().run_in_executor(ls.checks, ls.resolve, action)

    @server.command(ACCEPT_COMMAND)
    def accept_word(ls: DoccheckServer, *arguments: Any) -> None:
        values = arguments[0] if len(arguments) == 1 and isinstance(arguments[0], list) else list(arguments)
        if len(values) != 2 or not all(isinstance(value, str) for value in values):
            ls.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error, message="doccheck.acceptWord 需要两个参数：文档 URI 和词语"
                )
            )
            return
        ls.accept_word(values[0], values[1])

    return server


def serve() -> None:
    """Run the server on standard input and output until the client says exit.

    The protocol gets its own handle on standard output, and ``sys.stdout`` becomes
    standard error meanwhile: a stray ``print`` in a library must not corrupt a message.
    """
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    try:
        build_server().start_io(sys.stdin.buffer, protocol_out)
    finally:
        sys.stdout = sys.__stdout__
