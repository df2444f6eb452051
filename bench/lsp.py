"""The language server under load: diagnostics latency and memory (issue 18's targets).

    python bench/lsp.py [--edits 1000] [--rounds 20]

Starts ``doccheck lsp`` as an editor would (over stdio, pytest-lsp's client), opens a
Markdown work summary of about 30,000 characters written by this script (some twenty
pages: sections, numbered items, figures, names, a few slips), and measures:

- latency: the time from the end of the debounce after an edit (edit sent + debounce
  delay) to the diagnostics of that version, for ``--rounds`` edits of one line, each
  waited for; target ≤ 300 ms.
- memory: the server's resident set (VmRSS, and its peak VmHWM, from /proc) after
  ``--edits`` edits typed in bursts (ten edits 20 ms apart, then the diagnostics waited
  for: a hundred full checks and nine hundred cancelled or superseded ones); target
  ≤ 250 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "checker.cli", "lsp"]
DEBOUNCE_MS = 250
NUMERALS = "一二三四五六七八九十"
PARKS = ["青溪岭科技园", "东湖产业园", "南山软件园", "北岸物流园"]


def document(target: int = 30_000) -> str:
    """A work summary of about ``target`` characters (the bench's own text)."""
    lines = ["# 某区科技局2024年工作总结和2025年工作计划", ""]
    section = 0
    while sum(len(line) + 1 for line in lines) < target:
        heading = NUMERALS[section % 10]
        lines += [f"## {heading}、第{section + 1}部分工作情况", ""]
        for item in range(1, 8):
            park = PARKS[(section + item) % len(PARKS)]
            lines += [
                f"（{NUMERALS[item - 1]}）{park}建设。全年{park}新入驻企业{30 + item}家，其中高新技术企业"
                f"{10 + item}家、科技型中小企业{20}家，实现产值{15 + section}.{item}亿元，同比增长{item + 3}.5%。"
                f"我们要认真部署，狠抓落实，推动{park}高质量发展，确保各项任务按期完成。",
                "",
            ]
        lines += [f"下一步，我们将认真布署第{section + 1}部分的工作，进一步完善机制，加强协调，形成合力。", ""]
        section += 1
    lines += ["某区科技局", "", "2025年1月10日", ""]
    return "\n".join(lines)


def memory(pid: int) -> tuple[float, float]:
    """(resident, peak resident) of a process, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def published(client: LanguageClient, uri: str, version: int) -> float:
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri and params.version == version:
            return time.perf_counter()


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def edited(text: str, version: int) -> str:
    """The text with one figure of one line typed differently."""
    return text.replace("新入驻企业31家", f"新入驻企业{31 + version % 50}家", 1)


def library_check_times(text: str, name: str, rounds: int) -> list[float]:
    """Milliseconds of ``checker.check_text`` on the edited texts, in this process."""
    import checker

    settings = checker.load_settings(near=name)
    checker.check_text(text, path=name, settings=settings)  # the rules and lexicon loaded
    times = []
    for version in range(rounds):
        started = time.perf_counter()
        checker.check_text(edited(text, version), path=name, settings=settings)
        times.append((time.perf_counter() - started) * 1000)
    return times


async def main(edits: int, rounds: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="doccheck-lsp-bench-"))
    path = folder / "summary.md"
    text = document()
    uri = path.as_uri()
    client = await ClientServerConfig(server_command=SERVER).start()
    assert isinstance(client, LanguageClient) and client._server is not None
    pid = client._server.pid

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # the server asks to watch its configuration files
        return None

    client.set_configuration({"debounce": DEBOUNCE_MS}, section="doccheck")
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="bench")],
        )
    )
    version = 1
    started = time.perf_counter()
    waiting = asyncio.ensure_future(published(client, uri, version))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )
    await waiting
    print(
        f"document: {len(text)} characters, {text.count(chr(10))} lines; first diagnostics after "
        f"{(time.perf_counter() - started) * 1000:.0f} ms (server start-up included)"
    )
    print(f"server memory after opening: {memory(pid)[0]:.0f} MB")

    latencies = []
    for _ in range(rounds):
        version += 1
        waiting = asyncio.ensure_future(published(client, uri, version))
        sent = time.perf_counter()
        change(client, uri, version, edited(text, version))
        arrived = await waiting
        latencies.append((arrived - sent) * 1000 - DEBOUNCE_MS)
        await asyncio.sleep(0.1)
    print(
        f"latency after the debounce ({rounds} edits): median {statistics.median(latencies):.0f} ms, "
        f"max {max(latencies):.0f} ms (target ≤ 300 ms)"
    )
    checks = library_check_times(text, str(path), rounds)
    print(
        f"  the same check in-process through the library: median {statistics.median(checks):.0f} ms, "
        f"max {max(checks):.0f} ms (the server's share is the difference)"
    )

    done = 0
    while done < edits:
        burst = min(10, edits - done)
        for _ in range(burst):
            version += 1
            change(client, uri, version, edited(text, version))
            await asyncio.sleep(0.02)
        await published(client, uri, version)
        done += burst
    resident, peak = memory(pid)
    print(f"server memory after {edits} more edits: {resident:.0f} MB resident, peak {peak:.0f} MB (target ≤ 250 MB)")
    await client.shutdown_session()
    await client.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    asyncio.run(main(options.edits, options.rounds))
