"""``doccheck lsp`` end to end: a real client (pytest-lsp) talks to the server over stdio.

The document is written for these tests: a Markdown work summary with a numbering gap
(ST101), a name written once without one of its characters (TM101) and a known wrong
form twice (TY101), besides the parts a work summary lacks (ST201, ST305).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types

from tests.conftest import SEED
from tests.lsp_client import apply_edits, change_document, covered, document_edits, open_document, published, start

# One server serves the tests that only read (each opens a document of its own); a
# test that changes settings or files starts its own.
pytestmark = pytest.mark.asyncio(loop_scope="module")

DOC = """\
# 某区科技局2024年工作总结

## 一、主要成效

（一）青溪岭科技园新入驻企业40家，青溪岭科技园全年实现产值20亿元。

（三）青溪岭科技园获评省级示范园区，下一步打造青溪科技园品牌。

我们要认真布署工作，认真布署任务。
"""
# (code, line, character, end line, end character, the text under the range), positions 0-based in UTF-16
EXPECTED = [
    ("ST201", 0, 2, 0, 16, "某区科技局2024年工作总结"),
    ("ST101", 6, 0, 6, 3, "（三）"),
    ("TM101", 6, 23, 6, 28, "青溪科技园"),
    ("ST305", 8, 0, 8, 17, "我们要认真布署工作，认真布署任务。"),
    ("TY101", 8, 5, 8, 7, "布署"),
    ("TY101", 8, 12, 8, 14, "布署"),
]


def described(diagnostics, text):
    return [
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            covered(text, d.range),
        )
        for d in diagnostics
    ]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(tmp_path_factory):
    client = await start(tmp_path_factory.mktemp("workspace"))
    yield client
    await client.shutdown_session()
    await client.stop()


@pytest_asyncio.fixture(loop_scope="module")
async def own_client(tmp_path):
    client = await start(tmp_path)
    yield client
    await client.shutdown_session()
    await client.stop()


async def test_opening_a_markdown_document_publishes_its_findings_at_their_exact_ranges(client, tmp_path):
    diagnostics = await open_document(client, tmp_path / "summary.md", DOC)
    assert described(diagnostics, DOC) == EXPECTED


async def test_a_diagnostic_has_the_severity_source_chinese_message_and_a_link_to_its_rule(client, tmp_path):
    diagnostics = await open_document(client, tmp_path / "summary.md", DOC)
    typo = next(d for d in diagnostics if d.code == "TY101")
    assert typo.severity == types.DiagnosticSeverity.Error and typo.source == "doccheck"
    assert typo.message == "“布署”是错别字，应为“部署”\n建议：改为“部署”"
    page = Path(typo.code_description.href.removeprefix("file://"))
    assert page.name == "TY101.md" and page.read_text(encoding="utf-8").startswith("### TY101 ")


async def test_a_name_variant_lists_every_place_of_the_usual_name_as_related_information(client, tmp_path):
    diagnostics = await open_document(client, tmp_path / "summary.md", DOC)
    variant = next(d for d in diagnostics if d.code == "TM101")
    places = [
        (r.location.range.start.line, covered(DOC, r.location.range), r.message) for r in variant.related_information
    ]
    assert places == [
        (4, "青溪岭科技园", "通常写法“青溪岭科技园”"),
        (4, "青溪岭科技园", "通常写法“青溪岭科技园”"),
        (6, "青溪岭科技园", "通常写法“青溪岭科技园”"),
    ]


async def test_editing_a_line_publishes_the_diagnostics_of_the_new_text(client, tmp_path):
    path = tmp_path / "summary.md"
    await open_document(client, path, DOC)
    edited = DOC.replace("（三）", "（二）")
    diagnostics = await change_document(client, path, edited, version=2)
    assert [d[0] for d in described(diagnostics, edited)] == ["ST201", "TM101", "ST305", "TY101", "TY101"]


async def test_only_the_latest_of_quick_edits_is_published(client, tmp_path):
    path = tmp_path / "summary.md"
    await open_document(client, path, DOC)
    waiting = asyncio.ensure_future(published(client, path.as_uri()))
    for version, text in enumerate([DOC.replace("布署工作", "部署工作"), DOC.replace("布署", "部署")], start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    first = await waiting
    assert first.version == 3 and "TY101" not in [d.code for d in first.diagnostics]


async def test_astral_plane_characters_before_a_finding_count_two_utf16_units_each(client, tmp_path):
    text = DOC.replace("我们要认真", "😀𠀀我们要认真")
    diagnostics = await open_document(client, tmp_path / "summary.md", text)
    typos = [d for d in diagnostics if d.code == "TY101"]
    assert [(d.range.start.character, d.range.end.character, covered(text, d.range)) for d in typos] == [
        (9, 11, "布署"),
        (16, 18, "布署"),
    ]


async def test_a_plain_text_document_is_checked_as_plain_text(client, tmp_path):
    text = "（一）甲项工作。\n（三）乙项工作。\n"
    diagnostics = await open_document(client, tmp_path / "note.txt", text, language="plaintext")
    assert described(diagnostics, text) == [("ST101", 1, 0, 1, 3, "（三）")]
    assert [r.location.range.start.line for r in diagnostics[0].related_information] == [0]


async def test_the_quick_fix_of_one_finding_changes_only_its_text(client, tmp_path):
    path = tmp_path / "summary.md"
    diagnostics = await open_document(client, path, DOC)
    typo = next(d for d in diagnostics if d.code == "TY101")
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    fix = next(a for a in found if a.title == "修复 TY101：改为“部署”")
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert apply_edits(DOC, document_edits(fix.edit, path.as_uri())) == DOC.replace("认真布署工作", "认真部署工作")


async def test_fixing_all_of_a_kind_applies_every_safe_fix_of_that_rule(client, tmp_path):
    path = tmp_path / "summary.md"
    diagnostics = await open_document(client, path, DOC)
    typo = next(d for d in diagnostics if d.code == "TY101")
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    every = next(a for a in found if a.title == "修复本文件中全部 TY101 问题（2 处安全修复）")
    resolved = await client.code_action_resolve_async(every)
    assert apply_edits(DOC, document_edits(resolved.edit, path.as_uri())) == DOC.replace("布署", "部署")


async def test_disabling_a_rule_for_a_line_writes_the_comment_that_silences_it(client, tmp_path):
    path = tmp_path / "summary.md"
    diagnostics = await open_document(client, path, DOC)
    typo = next(d for d in diagnostics if d.code == "TY101")
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    disable = next(a for a in found if a.title.startswith("在此行停用 TY101"))
    edited = apply_edits(DOC, document_edits(disable.edit, path.as_uri()))
    assert edited == DOC.replace("我们要", "<!-- doccheck-disable-next-line TY101 -->\n我们要")
    after = await change_document(client, path, edited, version=2)
    assert [d.code for d in after] == ["ST201", "ST101", "TM101", "ST305"]


async def test_ignoring_a_name_adds_it_to_the_workspace_accept_list_and_the_finding_goes(own_client, tmp_path):
    client = own_client
    path = tmp_path / "summary.md"
    diagnostics = await open_document(client, path, DOC)
    variant = next(d for d in diagnostics if d.code == "TM101")
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=variant.range,
            context=types.CodeActionContext(diagnostics=[variant]),
        )
    )
    ignore = next(a for a in found if a.title.startswith("忽略此名称"))
    assert ignore.title == "忽略此名称：把“青溪科技园”加入工作区接受词表（doccheck-accept.yaml）"
    waiting = asyncio.ensure_future(published(client, path.as_uri()))
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=ignore.command, arguments=ignore.arguments)
    )
    after = await waiting
    assert "TM101" not in [d.code for d in after.diagnostics]
    assert (tmp_path / "doccheck-accept.yaml").read_text(encoding="utf-8").endswith("accept:\n  - 青溪科技园\n")
    assert 'rule-packs = ["doccheck-accept.yaml"]' in (tmp_path / "doccheck.toml").read_text(encoding="utf-8")


async def test_hovering_a_finding_shows_its_message_and_its_rule_explained(client, tmp_path):
    path = tmp_path / "summary.md"
    await open_document(client, path, DOC)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=types.Position(line=8, character=6)
        )
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    first, second = hover.contents.value.split("\n\n---\n\n")
    assert (
        first.startswith("**TY101** “布署”是错别字，应为“部署”\n\n### TY101 misspelt-word")
        and "**Why it matters**" in first
    )
    assert second.startswith("**ST305** 缺少落款")  # the whole line: the narrower finding comes first
    assert (hover.range.start.character, hover.range.end.character) == (5, 7)


async def test_the_workspace_configuration_file_applies(tmp_path):
    (tmp_path / "doccheck.toml").write_text('ignore = ["TY101", "ST2", "ST3"]\n', encoding="utf-8")
    client = await start(tmp_path)
    try:
        diagnostics = await open_document(client, tmp_path / "summary.md", DOC)
        assert [d.code for d in diagnostics] == ["ST101", "TM101"]
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_changed_editor_settings_check_the_open_documents_again(own_client, tmp_path):
    client = own_client
    path = tmp_path / "summary.md"
    await open_document(client, path, DOC)
    waiting = asyncio.ensure_future(published(client, path.as_uri()))
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"doccheck": {"select": ["TY"]}})
    )
    after = await waiting
    assert [d.code for d in after.diagnostics] == ["TY101", "TY101"]


async def test_a_configuration_that_cannot_be_used_is_reported_on_the_document(tmp_path):
    (tmp_path / "doccheck.toml").write_text('select = ["NO999"]\n', encoding="utf-8")
    client = await start(tmp_path)
    try:
        diagnostics = await open_document(client, tmp_path / "summary.md", DOC)
        assert [(d.severity, d.range.start.line) for d in diagnostics] == [(types.DiagnosticSeverity.Error, 0)]
        assert diagnostics[0].message.startswith("doccheck 的配置无法使用：") and "NO999" in diagnostics[0].message
    finally:
        await client.shutdown_session()
        await client.stop()


@pytest.mark.skipif(not SEED.is_file(), reason="the seed document is in ../shared")
async def test_the_seed_opened_as_markdown_gets_the_findings_of_the_library(client, tmp_path):
    import checker

    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed.md"
    diagnostics = await open_document(client, path, text)
    findings = checker.check_text(text, path=str(path)).files[0].findings
    assert [(d.code, d.range.start.line + 1) for d in diagnostics] == [(f.code, f.line) for f in findings]
    for diagnostic, finding in zip(diagnostics, findings, strict=True):
        if finding.line == finding.end_line and finding.excerpt and "…" not in finding.excerpt:
            assert covered(text, diagnostic.range) == finding.excerpt
