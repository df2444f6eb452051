"""A real language client for the tests: the server started as ``doccheck lsp`` over stdio.

The helpers apply edits and read positions with their own arithmetic (UTF-16 code
units, lines split at \\n, \\r\\n and \\r), independent of the server's, so a test fails
when the server's positions are off.
"""

from __future__ import annotations

import asyncio
import re
import sys

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "checker.cli", "lsp"]
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
FIRST_CHECK_TIMEOUT = 120  # the first check of a server loads the rules and the lexicon


async def start(
    workspace, settings: dict | None = None, capabilities: str = "visual-studio-code", env: dict | None = None
) -> LanguageClient:
    client = await ClientServerConfig(server_command=SERVER, server_env=env).start()
    assert isinstance(client, LanguageClient)
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # as an editor does: the server may watch files
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    client.set_configuration({"debounce": 50, **(settings or {})}, section="doccheck")
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(capabilities),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="workspace")],
        )
    )
    return client


async def published(
    client: LanguageClient, uri: str, version: int | None = None, timeout: float = FIRST_CHECK_TIMEOUT
) -> types.PublishDiagnosticsParams:
    """The next diagnostics published for ``uri`` (for ``version`` when given). Call it
    right after the request that causes them, before awaiting anything else."""

    async def wait() -> types.PublishDiagnosticsParams:
        while True:
            params = await client.wait_for_notification(PUBLISH)
            if params.uri == uri and (version is None or params.version == version):
                return params

    return await asyncio.wait_for(wait(), timeout)


async def open_document(
    client: LanguageClient, path, text: str, language: str = "markdown", version: int = 1
) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(published(client, path.as_uri(), version))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=version, text=text)
        )
    )
    return list((await waiting).diagnostics)


async def change_document(client: LanguageClient, path, text: str, version: int) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(published(client, path.as_uri(), version))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return list((await waiting).diagnostics)


# -- positions, counted independently of the server ------------------------------------------
def line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]


def offset(text: str, position: types.Position) -> int:
    """The code-point offset of a position counted in UTF-16 code units."""
    start = line_starts(text)[position.line]
    units = 0
    at = start
    while units < position.character:
        units += 2 if ord(text[at]) > 0xFFFF else 1
        at += 1
    return at


def covered(text: str, range_: types.Range) -> str:
    return text[offset(text, range_.start) : offset(text, range_.end)]


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    spans = sorted(((offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def document_edits(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    found: list[types.TextEdit] = []
    for change in edit.document_changes or ():
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri:
            found += [item for item in change.edits if isinstance(item, types.TextEdit)]
    for item in (edit.changes or {}).get(uri, ()):
        found.append(item)
    return found
