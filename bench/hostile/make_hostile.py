"""The hostile-input corpus of issue 21: every input of its "Measured" list, and how to run it.

Usage::

    python bench/hostile/make_hostile.py OUTDIR [--scale full|ci] [--only NAME ...]

writes one folder per case under OUTDIR (the files the case needs, nothing else)
and ``OUTDIR/cases.json``, which says for each case how to run it and what must
come out. ``bench/hostile/run_hostile.py`` runs them with their limits;
``tests/test_hostile_inputs.py`` does the same in CI.

A case is data (:class:`Case`): a name, the item of the issue it comes from, the
command (``doccheck …`` run in the case's folder, or ``python helper.py …`` for the
two cases that need to kill a process at a chosen moment), what is piped to standard
input, the outcome it must have, the files the command is asked to change, and its
limits: 10 s and 300 MB of resident memory for every process (see
``judge.py`` for how time is counted, and for the smaller limits of the ci scale). The
outcome classes:

``findings``
    the file is read and checked: exit 0 or 1, no file error, no internal error
    (IN001), and the codes listed in ``codes`` are among the findings;
``file-error``
    the file is not checked, with a message in Chinese naming it, and exit 2 (the
    other files of the run are still checked);
``refused``
    the run refuses to start (a usage or configuration error): exit 2 and a message
    in Chinese on standard error, nothing written.

A few cases accept two classes where the issue leaves the choice to the fix (a
``numbering.xml`` with a start of 10^10 may be checked with the value capped, or
refused). Sizes come in two scales: ``full`` is the issue's (up to 2 GB
uncompressed), ``ci`` is smaller but still far beyond what a quadratic path or an
unbounded read gets through within the limits. Files are written streaming, and
the big ones are highly compressible, so the corpus is small on disk (about 5 MB
at ``full``) however large it is once inflated.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

FINDINGS, FILE_ERROR, REFUSED = "findings", "file-error", "refused"
SECONDS, MEGABYTES = 10.0, 300

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GAP = "（一）各单位要认真落实工作要求。\n（三）加强监督检查。\n"  # ST101: a numbering gap on line 2


@dataclass(frozen=True)
class Scale:
    """Sizes of the inputs: ``full`` as measured in the issue, ``ci`` for the test suite."""

    name: str

    def pick(self, size: tuple[int, int]) -> int:
        full, ci = size
        return full if self.name == "full" else ci


# (full, ci) sizes of the inputs whose cost must grow linearly with their size
LINES = (250_000, 60_000)  # one-character lines
HEADINGS = (100_000, 20_000)
TABLE_ROWS = (4_000, 2_000)  # of 30 columns
HTML_LINES = (36_000, 13_000)  # short paragraphs whose soft hyphen the extractor drops: 1.15 MB, 0.4 MB
TYPO_BYTES = (700_000, 300_000)
DATE_BYTES = (5 << 20, 1 << 20)
# (full, ci) sizes of inputs that must be refused or read without inflating them
THUMBNAIL_BYTES = (2 << 30, 400 << 20)
DOCUMENT_XML_BYTES = (200 << 20, 60 << 20)
FILES_BESIDE_FIFO = (2_000, 100)


def fraction(size: tuple[int, int]) -> float:
    """The share of the full input the ci scale uses: its limits shrink in proportion."""
    return size[1] / size[0]


@dataclass
class Case:
    name: str
    item: int  # the item of issue 21's "Measured" list
    summary: str
    argv: list[str]  # "doccheck …" or "python HELPER.py …", run in the case's folder
    expect: list[str]  # acceptable outcome classes (usually one)
    stdin: str | None = None  # a file of the case's folder piped to standard input
    may_change: list[str] = field(default_factory=list)  # files the command is asked to change
    outputs: list[str] = field(default_factory=list)  # files the command may create
    codes: list[str] = field(default_factory=list)  # finding codes a "findings" outcome must have
    prelude: list[list[str]] = field(default_factory=list)  # commands run first, not judged
    checks: list[str] = field(default_factory=list)  # extra properties, see bench/hostile/judge.py
    fixed: dict[str, str] = field(default_factory=dict)  # file → its only acceptable fixed content
    seconds: float = SECONDS
    megabytes: int = MEGABYTES
    # for an input whose cost must grow linearly: the share of the full size used at
    # the ci scale (the limits shrink with it); None for inputs that must be refused,
    # or read without inflating them, whatever their size
    ci_fraction: float | None = None


# -- writing files --------------------------------------------------------------------------------
def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def write_repeated(path: Path, head: bytes, unit: bytes, count: int, tail: bytes = b"") -> None:
    """``head + unit * count + tail`` without holding it all in memory."""
    with open(path, "wb") as stream:
        stream.write(head)
        _stream_units(stream, unit, count)
        stream.write(tail)


def _stream_units(stream, unit: bytes, count: int) -> None:
    per_chunk = max(1, (1 << 20) // max(1, len(unit)))
    block = unit * per_chunk
    while count >= per_chunk:
        stream.write(block)
        count -= per_chunk
    stream.write(unit * count)


# -- .docx ----------------------------------------------------------------------------------------
def _template() -> dict[str, bytes]:
    """The members of the .docx python-docx writes for one paragraph (Word's own default
    package: styles, numbering, thumbnail …), to build realistic hostile variants from."""
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好安全检查工作的通知")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def paragraph_xml(text: str, num_id: str | None = None, ilvl: str = "0") -> str:
    numbering = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    )
    return f'<w:p>{numbering}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document_xml(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )


def numbering_xml(level: str, override: str = "") -> str:
    """One list (numId 1) whose abstract definition has ``level`` (``<w:lvl>…``)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="0">{level}</w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num></w:numbering>'
    )


def level_xml(ilvl: str = "0", start: str = "1", fmt: str = "decimal", text: str = "%1.") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def write_docx(
    path: Path, members: dict[str, bytes | str], streamed: dict[str, tuple[bytes, bytes, int, bytes]] | None = None
) -> None:
    """A .docx: the template's members, replaced or added by ``members``; each of
    ``streamed`` (name → head, unit, count, tail) is deflated as it is written."""
    parts = dict(_template())
    for name, content in members.items():
        parts[name] = content.encode("utf-8") if isinstance(content, str) else content
    streamed = streamed or {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, content in parts.items():
            if name not in streamed:
                package.writestr(name, content)
        for name, (head, unit, count, tail) in streamed.items():
            with package.open(name, "w", force_zip64=True) as stream:
                stream.write(head)
                _stream_units(stream, unit, count)
                stream.write(tail)


def numbered_docx(path: Path, level: str, override: str = "", ilvl: str = "0", paragraphs: int = 3) -> None:
    body = paragraph_xml("关于做好安全检查工作的通知") + "".join(
        paragraph_xml(f"各单位要认真落实第{index}项工作要求。", num_id="1", ilvl=ilvl) for index in range(paragraphs)
    )
    write_docx(path, {"word/document.xml": document_xml(body), "word/numbering.xml": numbering_xml(level, override)})


# -- PDF ------------------------------------------------------------------------------------------
def write_pdf(path: Path, lines: list[str], encrypt=None) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas as canvas_module

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = canvas_module.Canvas(str(path), encrypt=encrypt)
    canvas.setFont("STSong-Light", 14)
    for index, line in enumerate(lines):
        canvas.drawString(72, 760 - 30 * index, line)
    canvas.showPage()
    canvas.save()


# -- YAML alias bombs ------------------------------------------------------------------------------
def alias_bomb(anchor: str, indent: int, levels: int = 9, fan: int = 9) -> str:
    """A YAML block list of ``levels`` lists, each repeating the one before ``fan`` times
    through an alias: a few hundred bytes that stand for ``fan ** levels`` strings once
    the aliases are followed (the "billion laughs")."""
    pad = " " * indent
    lines = [f"{pad}- &{anchor}0 [" + ", ".join(["国家统计局"] * fan) + "]"]
    for level in range(1, levels):
        lines.append(f"{pad}- &{anchor}{level} [" + ", ".join([f"*{anchor}{level - 1}"] * fan) + "]")
    return "\n".join(lines) + "\n"


# -- the cases -------------------------------------------------------------------------------------
FIX_MD = "　　\n　　企业研发投入增长10～15%，完成（2014-2016）收尾工作。\n"


def fixed_md(text: str) -> str:
    """What ``doccheck fix`` makes of the corrupted paragraph when it fixes it right."""
    return text.replace("10～15%", "10%～15%").replace("2014-2016", "2014—2016")


MARKDOWN_VARIANTS = {
    # the file of the issue: a paragraph whose first line is only full-width spaces
    "fix-md-fullwidth-space-line": FIX_MD,
    "fix-md-nbsp-line": "\u00a0\u00a0\n\u00a0\u00a0企业研发投入增长10～15%，完成（2014-2016）收尾工作。\n",
    "fix-md-tab-line": "\t\n\t企业研发投入增长10～15%，完成（2014-2016）收尾工作。\n",
    "fix-md-two-fullwidth-lines": "　　\n　　\n　　企业研发投入增长10～15%，\n完成（2014-2016）收尾工作。\n",
    "fix-md-blockquote": "> 　　\n> 　　企业研发投入增长10～15%，完成（2014-2016）收尾工作。\n",
    "fix-md-list-item": "- 　　\n  　　企业研发投入增长10～15%，完成（2014-2016）收尾工作。\n",
    "fix-md-after-heading": "# 关于研发投入的报告\n\n　　\n　　企业研发投入增长10～15%，完成（2014-2016）收尾工作。\n",
}


def _markdown_cases() -> list[tuple[Case, Callable]]:
    made = []
    for name, text in MARKDOWN_VARIANTS.items():
        case = Case(
            name,
            1,
            "fix on Markdown whose paragraph starts with a line of only white space",
            ["doccheck", "fix", "doc.md"],
            [FINDINGS],
            may_change=["doc.md"],
            fixed={"doc.md": fixed_md(text)},
            checks=["fix-idempotent"],
        )
        made.append((case, lambda folder, scale, text=text: write_text(folder / "doc.md", text)))
    return made


def _gap(folder: Path, scale: Scale) -> None:
    write_text(folder / "doc.txt", GAP)


def _thumbnail_docx(folder: Path, scale: Scale) -> None:
    size = scale.pick(THUMBNAIL_BYTES)
    write_docx(
        folder / "thumb.docx",
        {},
        streamed={"docProps/thumbnail.jpeg": (b"\xff\xd8\xff\xe0", b"\0" * 4096, size // 4096, b"\xff\xd9")},
    )


def _paragraphs_docx(folder: Path, scale: Scale) -> None:
    unit = paragraph_xml("各单位要认真落实工作要求，加强监督检查，确保各项任务按时完成。").encode("utf-8")
    count = scale.pick(DOCUMENT_XML_BYTES) // len(unit)
    head, tail = document_xml("\0").encode("utf-8").split(b"\0")
    write_docx(folder / "long.docx", {}, streamed={"word/document.xml": (head, unit, count, tail)})


# Issue 16's hostile Word files: refused with exit 2 within 5 s and 300 MB
HOSTILE_DOCX_SECONDS = 5.0
LAUGHS_DOCTYPE = (
    '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


def _with_doctype(xml: bytes, doctype: str) -> bytes:
    declaration, rest = xml.split(b"?>", 1)
    return declaration + b"?>" + doctype.encode("utf-8") + rest


def _laughs_docx(folder: Path, scale: Scale) -> None:
    """document.xml declares the billion laughs (10⁹ 哈 once expanded) and uses it."""
    document = _with_doctype(_template()["word/document.xml"], LAUGHS_DOCTYPE).replace(b"<w:t>", b"<w:t>&j;", 1)
    write_docx(folder / "laughs.docx", {"word/document.xml": document})


def _external_entity_docx(folder: Path, scale: Scale) -> None:
    """The package's relationships declare /etc/passwd as an external entity."""
    rels = _with_doctype(_template()["_rels/.rels"], '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    write_docx(folder / "xxe.docx", {"_rels/.rels": rels})


def _truncated_docx(folder: Path, scale: Scale) -> None:
    """A .docx cut in half (a download that stopped): its zip directory is gone."""
    write_docx(folder / "whole.docx", {})
    whole = (folder / "whole.docx").read_bytes()
    (folder / "whole.docx").unlink()
    (folder / "cut.docx").write_bytes(whole[: len(whole) // 2])


def _doc_renamed_docx(folder: Path, scale: Scale) -> None:
    """An old Word file (OLE compound document) saved with a .docx name."""
    (folder / "old.docx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4088))


def _table_docx(folder: Path, scale: Scale) -> None:
    rows, columns = scale.pick(TABLE_ROWS), 30
    row = (
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>{column + 1}</w:t></w:r></w:p></w:tc>" for column in range(columns))
        + "</w:tr>"
    )
    grid = "<w:tblGrid>" + '<w:gridCol w:w="300"/>' * columns + "</w:tblGrid>"
    body = paragraph_xml("关于报送统计数据的通知") + f"<w:tbl>{grid}{row * rows}</w:tbl>"
    write_docx(folder / "table.docx", {"word/document.xml": document_xml(body)})


def _lines(folder: Path, scale: Scale) -> None:
    write_repeated(folder / "lines.txt", b"", "甲\n".encode(), scale.pick(LINES))


def _headings(folder: Path, scale: Scale) -> None:
    count = scale.pick(HEADINGS)
    with open(folder / "headings.txt", "w", encoding="utf-8") as stream:
        for index in range(1, count + 1):
            stream.write(f"{index}.第{index}项工作要求\n")


def _slow_html(folder: Path, scale: Scale) -> None:
    """Short paragraphs with a soft hyphen, which the extractor drops: each extracted
    line is then in the page's text neither as it is nor with its white space
    collapsed, and every way of looking for it reads the whole page."""
    with open(folder / "page.html", "w", encoding="utf-8") as stream:
        stream.write(
            '<html><head><meta charset="utf-8"><title>关于报送统计数据的通知</title></head><body>'
            "<h1>关于报送统计数据的通知</h1><div>\n"
        )
        for index in range(scale.pick(HTML_LINES)):
            stream.write(f"<p>第{index}项\u00ad要求。</p>\n")
        stream.write("</div></body></html>\n")


def _typo_markdown(folder: Path, scale: Scale) -> None:
    unit = "- 各单位要认真布署，安照要求贯澈落实。\n".encode()  # three TY101 per line
    write_repeated(folder / "typos.md", "# 关于部署工作的通知\n\n".encode(), unit, scale.pick(TYPO_BYTES) // len(unit))


def _dates(folder: Path, scale: Scale) -> None:
    unit = "2024年2月30日，2023年13月1日；".encode()  # two impossible dates
    write_repeated(folder / "dates.txt", b"", unit, scale.pick(DATE_BYTES) // len(unit), b"\n")


def _page_number_pdf(folder: Path, scale: Scale) -> None:
    write_pdf(folder / "x.pdf", ["3"])


def _aes_pdf(folder: Path, scale: Scale) -> None:
    """AES-128 with an empty user password (any reader opens it), encrypted by pypdf
    (which needs the cryptography package for AES, as the reader does)."""
    import pypdf

    write_pdf(folder / "plain.pdf", GAP.splitlines())
    writer = pypdf.PdfWriter(clone_from=str(folder / "plain.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    with open(folder / "aes.pdf", "wb") as stream:
        writer.write(stream)
    (folder / "plain.pdf").unlink()


def _html(folder: Path, name: str, body: str, head: str = '<meta charset="utf-8">') -> None:
    write_text(
        folder / name,
        f"<html><head>{head}<title>关于做好安全检查工作的通知</title></head><body>"
        f"<h1>关于做好安全检查工作的通知</h1>{body}</body></html>\n",
    )


def _gap_html(folder: Path, scale: Scale) -> None:
    _html(
        folder, "page.html", "".join(f"<p>{line}</p>" for line in GAP.splitlines()), head='<meta charset="undefined">'
    )


def _deep_html(folder: Path, scale: Scale) -> None:
    depth = 20_000
    write_text(
        folder / "deep.html",
        "<html><body>"
        + "<div>" * depth
        + "".join(f"<p>{line}</p>" for line in GAP.splitlines())
        + "</div>" * depth
        + "</body></html>\n",
    )


def _docx_cases() -> list[tuple[Case, Callable]]:
    def level(**attributes):
        return lambda folder, scale: numbered_docx(folder / "x.docx", level_xml(**attributes))

    return [
        (
            Case(
                "docx-huge-thumbnail",
                3,
                ".docx with a 2 GB thumbnail (2 MB compressed)",
                ["doccheck", "check", "thumb.docx"],
                [FILE_ERROR],
            ),
            _thumbnail_docx,
        ),
        (
            Case(
                "docx-200mb-of-paragraphs",
                3,
                ".docx with 200 MB of paragraphs in document.xml (compressed small)",
                ["doccheck", "check", "long.docx"],
                [FILE_ERROR],
            ),
            _paragraphs_docx,
        ),
        (
            Case(
                "docx-lower-letter-start-1e10",
                3,
                "numbering.xml: lowerLetter list starting at 10000000000",
                ["doccheck", "check", "x.docx"],
                [FINDINGS, FILE_ERROR],
            ),
            level(start="10000000000", fmt="lowerLetter"),
        ),
        (
            Case(
                "docx-start-override-1e11",
                3,
                "numbering.xml: startOverride 99999999999 on a lowerLetter list",
                ["doccheck", "check", "x.docx"],
                [FINDINGS, FILE_ERROR],
            ),
            lambda folder, scale: numbered_docx(
                folder / "x.docx",
                level_xml(fmt="lowerLetter"),
                override='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="99999999999"/></w:lvlOverride>',
            ),
        ),
        (
            Case(
                "docx-ilvl-50000000",
                3,
                'numbering: a level and a paragraph at w:ilvl="50000000"',
                ["doccheck", "check", "x.docx"],
                [FINDINGS, FILE_ERROR],
            ),
            lambda folder, scale: numbered_docx(
                folder / "x.docx", level_xml(ilvl="50000000", text="%1."), ilvl="50000000"
            ),
        ),
        (
            Case(
                "docx-ilvl-abc", 6, 'numbering: w:ilvl="abc"', ["doccheck", "check", "x.docx"], [FINDINGS, FILE_ERROR]
            ),
            level(ilvl="abc"),
        ),
        (
            Case(
                "docx-ilvl-abc-stdin",
                6,
                'numbering: w:ilvl="abc", on standard input',
                ["doccheck", "check", "--stdin-filename", "x.docx", "-"],
                [FINDINGS, FILE_ERROR],
                stdin="x.docx",
            ),
            level(ilvl="abc"),
        ),
        (
            Case(
                "annotate-ilvl-abc",
                6,
                'annotate a .docx whose numbering has w:ilvl="abc"',
                ["doccheck", "annotate", "x.docx", "-o", "out.docx"],
                [FINDINGS, FILE_ERROR, REFUSED],
                outputs=["out.docx"],
            ),
            level(ilvl="abc"),
        ),
        (
            Case(
                "docx-start-5000-digits",
                6,
                "numbering: a w:start of 5,000 digits",
                ["doccheck", "check", "x.docx"],
                [FINDINGS, FILE_ERROR],
            ),
            level(start="1" * 5000),
        ),
        (
            Case(
                "docx-table-4000x30",
                4,
                "a .docx with a 4000×30 table (69 KB)",
                ["doccheck", "check", "table.docx"],
                [FINDINGS],
                ci_fraction=fraction(TABLE_ROWS),
            ),
            _table_docx,
        ),
        *(
            (
                Case(
                    name,
                    3,
                    summary,
                    ["doccheck", *command, file, *(["-o", "out.docx"] if command == ["fix"] else [])],
                    [FILE_ERROR],
                    seconds=HOSTILE_DOCX_SECONDS,
                ),
                build,
            )
            for name, summary, command, file, build in (
                (
                    "docx-billion-laughs",
                    "document.xml declares the billion laughs",
                    ["check"],
                    "laughs.docx",
                    _laughs_docx,
                ),
                (
                    "docx-external-entity",
                    "_rels/.rels reads /etc/passwd as an entity",
                    ["check"],
                    "xxe.docx",
                    _external_entity_docx,
                ),
                ("docx-truncated-zip", "a .docx cut in half", ["check"], "cut.docx", _truncated_docx),
                ("doc-renamed-docx", "an OLE .doc named .docx", ["check"], "old.docx", _doc_renamed_docx),
                (
                    "fix-docx-huge-thumbnail",
                    "fix -o of a .docx with a 2 GB thumbnail",
                    ["fix"],
                    "thumb.docx",
                    _thumbnail_docx,
                ),
                ("fix-docx-billion-laughs", "fix -o of the billion laughs", ["fix"], "laughs.docx", _laughs_docx),
            )
        ),
    ]


def _config(folder: Path, toml: str, name: str = "doccheck.toml") -> None:
    write_text(folder / name, toml)
    write_text(folder / "doc.txt", GAP)


def _bomb_pack(folder: Path, scale: Scale) -> None:
    write_text(
        folder / "bomb.yaml",
        "version: 1\nname: bomb\nrules:\n  - id: bomb\n    type: existence\n"
        "    message: 重复\n    tokens:\n" + alias_bomb("t", 6),
    )
    _config(folder, 'rule-packs = ["bomb.yaml"]\n')


def _bomb_glossary(folder: Path, scale: Scale) -> None:
    write_text(
        folder / "names.yaml", "version: 1\nterms:\n  - canonical: 国家统计局\n    variants:\n" + alias_bomb("v", 6)
    )
    _config(folder, 'glossaries = ["names.yaml"]\n')


def _bomb_profile(folder: Path, scale: Scale) -> None:
    write_text(
        folder / "bomb.yaml",
        "name: bomb\ntype: 通知\ndescription: 通知\nparts:\n  - id: tasks\n"
        "    name: 工作任务\n    match:\n" + alias_bomb("m", 6),
    )
    _gap(folder, scale)


def _message_pack(message: str):
    def build(folder: Path, scale: Scale) -> None:
        write_text(
            folder / "pack.yaml",
            f"version: 1\nname: mine\nrules:\n  - id: checks\n    type: existence\n"
            f'    message: "{message}"\n    tokens: [监督检查]\n',
        )
        _config(folder, 'rule-packs = ["pack.yaml"]\n')

    return build


def _profile_with(expected: str, document: str):
    def build(folder: Path, scale: Scale) -> None:
        write_text(folder / "mine.yaml", f"name: mine\ntype: 通知\ndescription: 通知\nexpected:\n{expected}")
        write_text(folder / "doc.txt", document)

    return build


# a title of four lines (a title line has at most 80 characters), with 40 commas in all
TITLE_40_COMMAS = (
    "\n".join("，".join(f"第{line * 11 + item}项" for item in range(11)) for line in range(4)) + "工作的通知"
)
_NESTED = "甲" * 40


def _glob_config(key: str):
    glob = "*a" * 14 + "*b"

    def build(folder: Path, scale: Scale) -> None:
        table = f'exclude = ["{glob}"]\n' if key == "exclude" else f'[per-path-profiles]\n"{glob}" = "notice"\n'
        write_text(folder / "doccheck.toml", table)
        write_text(folder / ("a" * 116 + ".txt"), GAP)

    return build


def _fifo_folder(folder: Path, scale: Scale) -> None:
    files = folder / "docs"
    files.mkdir()
    for index in range(scale.pick(FILES_BESIDE_FIFO)):
        write_text(files / f"{index:04d}.txt", f"（一）第{index}项工作。\n（二）加强监督检查。\n")
    os.mkfifo(files / "0500-pipe.txt")


def _many_files(folder: Path, scale: Scale) -> None:
    files = folder / "docs"
    files.mkdir()
    for index in range(100):
        write_text(files / f"{index:04d}.txt", GAP)


KILL_WORKER = '''\
"""Run doccheck; a worker that opens kill-me.txt is killed, as the kernel kills one out of memory."""
import os, signal, sys

from checker.cli import main

parent = os.getpid()


def hook(event, args):
    if event == "open" and str(args[0]).endswith("kill-me.txt") and os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)


sys.addaudithook(hook)
sys.argv = ["doccheck", *sys.argv[1:]]
main()
'''

KILL_AT_RENAME = '''\
"""Run doccheck and kill it at the moment it renames its temporary file over the target:
the state a power cut or an OOM kill during a write leaves behind."""
import os, signal, sys

from checker.cli import main


def hook(event, args):
    if event == "os.rename":
        os.kill(os.getpid(), signal.SIGKILL)


sys.addaudithook(hook)
sys.argv = ["doccheck", *sys.argv[1:]]
main()
'''


def _killed_worker(folder: Path, scale: Scale) -> None:
    files = folder / "docs"
    files.mkdir()
    write_text(folder / "kill_worker.py", KILL_WORKER)
    write_text(files / "kill-me.txt", GAP * 50)  # the largest: handed to a worker first
    for index in range(4):
        write_text(files / f"{index}.txt", GAP)


def _killed_write(folder: Path, scale: Scale) -> None:
    write_text(folder / "kill_at_rename.py", KILL_AT_RENAME)
    write_text(folder / "doc.txt", "（2014-2016）年度工作。\n")


# ASCII text with one NUL: read as UTF-16, whose mojibake here holds 布署 (a misspelling
# with a safe fix); found by the fuzz suite (tests/fuzz/regressions/nul-in-ascii.txt)
ASCII_WITH_NUL = b"ab" * 40 + b"\x03^r\x7f" + b"cd" * 40 + b"\x00a\n\x00"


def _ascii_with_nul(folder: Path, scale: Scale) -> None:
    (folder / "notes.txt").write_bytes(ASCII_WITH_NUL)


def _hard_link(folder: Path, scale: Scale) -> None:
    write_text(folder / "doc.txt", "（2014-2016）年度工作。\n")
    os.link(folder / "doc.txt", folder / "link.txt")


def _newline_name(folder: Path, scale: Scale) -> None:
    write_text(folder / "doc\nforged.txt:1:1: ST999 [error] 伪造的问题.txt", GAP)


def _escape_text(folder: Path, scale: Scale) -> None:
    write_text(folder / "doc.txt", "（一）各单位要认真落实工作要求。\n（三）\x1b]0;TITLE\x07加强监督检查。\n")


def _deep_baseline(folder: Path, scale: Scale) -> None:
    _gap(folder, scale)
    write_text(folder / "baseline.json", "[" * 100_000 + "]" * 100_000)


def _pyproject(value: str):
    def build(folder: Path, scale: Scale) -> None:
        _config(folder, f"tool = {value}\n", name="pyproject.toml")

    return build


def _other_cases() -> list[tuple[Case, Callable]]:
    check_gap = ["doccheck", "check", "doc.txt"]
    return [
        (
            Case(
                "check-output-onto-input",
                2,
                "check doc.txt -o doc.txt",
                ["doccheck", "check", "doc.txt", "-o", "doc.txt"],
                [REFUSED],
            ),
            _gap,
        ),
        (
            Case(
                "write-baseline-onto-input",
                2,
                "check doc.txt --write-baseline doc.txt",
                ["doccheck", "check", "doc.txt", "--write-baseline", "doc.txt"],
                [REFUSED],
            ),
            _gap,
        ),
        (
            Case(
                "lines-250000-of-one-character",
                4,
                "250,000 one-character lines (1 MB)",
                ["doccheck", "check", "lines.txt"],
                [FINDINGS],
                ci_fraction=fraction(LINES),
            ),
            _lines,
        ),
        (
            Case(
                "headings-100000",
                4,
                "100,000 numbered headings",
                ["doccheck", "check", "headings.txt"],
                [FINDINGS],
                ci_fraction=fraction(HEADINGS),
            ),
            _headings,
        ),
        (
            Case(
                "html-lines-rewritten",
                4,
                "a 1.15 MB page of short lines the extractor rewrites",
                ["doccheck", "check", "page.html"],
                [FINDINGS],
                ci_fraction=fraction(HTML_LINES),
            ),
            _slow_html,
        ),
        (
            Case(
                "markdown-repeated-typo-json",
                4,
                "700 KB of Markdown with a repeated typo, JSON output",
                ["doccheck", "check", "--format", "json", "typos.md"],
                [FINDINGS],
                codes=["TY101"],
                ci_fraction=fraction(TYPO_BYTES),
            ),
            _typo_markdown,
        ),
        (
            Case(
                "dates-5mb-json",
                4,
                "5 MB of impossible dates, JSON output",
                ["doccheck", "check", "--format", "json", "dates.txt"],
                [FINDINGS],
                codes=["DT101"],
                ci_fraction=fraction(DATE_BYTES),
            ),
            _dates,
        ),
        (Case("dev-zero", 5, "check /dev/zero", ["doccheck", "check", "/dev/zero"], [FILE_ERROR]), None),
        (
            Case(
                "fifo-among-files",
                5,
                "a FIFO among 2,000 files of a checked folder",
                ["doccheck", "check", "--format", "json", "docs"],
                [FILE_ERROR, FINDINGS],
                checks=["every-regular-file-reported"],
            ),
            _fifo_folder,
        ),
        (
            Case(
                "worker-killed",
                3,
                "a worker of -j 2 killed (as out of memory) while checking a file",
                ["python", "kill_worker.py", "check", "-j", "2", "docs"],
                [FILE_ERROR],
            ),
            _killed_worker,
        ),
        (
            Case(
                "jobs-200",
                9,
                "-j 200 over 100 files",
                ["doccheck", "check", "-j", "200", "docs"],
                [FINDINGS],
                checks=["processes-at-most-cpus"],
            ),
            _many_files,
        ),
        (
            Case(
                "stdin-pdf-only-page-number",
                6,
                "a PDF holding only a page number, on standard input",
                ["doccheck", "check", "--stdin-filename", "x.pdf", "-"],
                [FILE_ERROR],
                stdin="x.pdf",
            ),
            _page_number_pdf,
        ),
        (
            Case(
                "pdf-only-page-number",
                6,
                "a PDF holding only a page number",
                ["doccheck", "check", "x.pdf"],
                [FILE_ERROR],
            ),
            _page_number_pdf,
        ),
        (
            Case(
                "html-charset-undefined",
                6,
                '<meta charset="undefined">',
                ["doccheck", "check", "page.html"],
                [FINDINGS],
                codes=["ST101"],
            ),
            _gap_html,
        ),
        (
            Case(
                "html-charset-undefined-stdin",
                6,
                '<meta charset="undefined">, on standard input',
                ["doccheck", "check", "--stdin-filename", "page.html", "-"],
                [FINDINGS],
                stdin="page.html",
                codes=["ST101"],
            ),
            _gap_html,
        ),
        (
            Case("pyproject-tool-string", 6, 'pyproject.toml: tool = "doccheck"', check_gap, [FINDINGS, REFUSED]),
            _pyproject('"doccheck"'),
        ),
        (
            Case("pyproject-tool-integer", 6, "pyproject.toml: tool = 5", check_gap, [FINDINGS, REFUSED]),
            _pyproject("5"),
        ),
        (
            Case("pyproject-tool-list", 6, 'pyproject.toml: tool = ["doccheck"]', check_gap, [FINDINGS, REFUSED]),
            _pyproject('["doccheck"]'),
        ),
        (
            Case(
                "pyproject-tool-string-named",
                6,
                'pyproject.toml with tool = "doccheck" given with --config',
                ["doccheck", "check", "--config", "pyproject.toml", "doc.txt"],
                [REFUSED],
            ),
            _pyproject('"doccheck"'),
        ),
        (
            Case("toml-array-5000-deep", 6, "doccheck.toml with an array nested 5,000 deep", check_gap, [REFUSED]),
            lambda folder, scale: _config(folder, "select = " + "[" * 5000 + "]" * 5000 + "\n"),
        ),
        (
            Case(
                "baseline-100000-deep",
                6,
                "a baseline JSON nested 100,000 deep",
                ["doccheck", "check", "--baseline", "baseline.json", "doc.txt"],
                [REFUSED],
            ),
            _deep_baseline,
        ),
        (
            Case(
                "max-file-size-nan",
                6,
                "--max-file-size nan",
                ["doccheck", "check", "--max-file-size", "nan", "doc.txt"],
                [REFUSED],
            ),
            _gap,
        ),
        (
            Case(
                "max-file-size-inf",
                6,
                "--max-file-size inf",
                ["doccheck", "check", "--max-file-size", "inf", "doc.txt"],
                [REFUSED],
            ),
            _gap,
        ),
        (
            Case(
                "max-file-size-tiny",
                9,
                "--max-file-size 0.0000001 (rounds to 0, which meant no limit)",
                ["doccheck", "check", "--max-file-size", "0.0000001", "doc.txt"],
                [FILE_ERROR, REFUSED],
            ),
            _gap,
        ),
        (
            Case(
                "config-dev-zero",
                6,
                "--config /dev/zero",
                ["doccheck", "check", "--config", "/dev/zero", "doc.txt"],
                [REFUSED],
            ),
            _gap,
        ),
        (Case("rule-pack-alias-bomb", 6, "a YAML alias bomb in a rule pack", check_gap, [REFUSED]), _bomb_pack),
        (Case("glossary-alias-bomb", 6, "a YAML alias bomb in a glossary", check_gap, [REFUSED]), _bomb_glossary),
        (
            Case(
                "profile-alias-bomb",
                6,
                "a YAML alias bomb in a profile",
                ["doccheck", "check", "--profile", "bomb.yaml", "doc.txt"],
                [REFUSED],
            ),
            _bomb_profile,
        ),
        (
            Case(
                "rule-pack-message-width", 6, 'a rule-pack message "{match:>999999999}"', check_gap, [REFUSED, FINDINGS]
            ),
            _message_pack("{match:>999999999}"),
        ),
        (
            Case("rule-pack-message-positional", 6, 'a rule-pack message "{0}"', check_gap, [REFUSED, FINDINGS]),
            _message_pack("{0}"),
        ),
        (
            Case(
                "profile-title-backtracking",
                7,
                "profile expected.title ^(.*?，){38}P, a title with 40 commas",
                ["doccheck", "check", "--profile", "mine.yaml", "doc.txt"],
                [FINDINGS, REFUSED],
            ),
            _profile_with(
                '  - name: 编号\n    reason: 应有编号\n    title: "^(.*?，){38}P"\n    match: [编号]\n',
                TITLE_40_COMMAS + "\n各单位：\n一、工作任务\n请认真落实。\n二、工作要求\n请按时报送。\n",
            ),
        ),
        (
            Case(
                "profile-pattern-nested-plus",
                7,
                "profile expected.patterns (甲+)+乙 against 40 甲",
                ["doccheck", "check", "--profile", "mine.yaml", "doc.txt"],
                [FINDINGS, REFUSED],
            ),
            _profile_with(
                '  - name: 乙\n    reason: 应有乙\n    patterns: ["(甲+)+乙"]\n',
                "关于做好安全检查工作的通知\n各单位：\n一、工作任务\n" + _NESTED + "。\n二、工作要求\n请按时报送。\n",
            ),
        ),
        (
            Case(
                "exclude-glob-backtracking",
                7,
                "exclude: fourteen *a then *b, a 120-character file name",
                ["doccheck", "check", "."],
                [FINDINGS, REFUSED],
            ),
            _glob_config("exclude"),
        ),
        (
            Case(
                "per-path-profile-glob-backtracking",
                7,
                "per-path-profiles: fourteen *a then *b, a 120-character name",
                ["doccheck", "check", "."],
                [FINDINGS, REFUSED],
            ),
            _glob_config("per-path-profiles"),
        ),
        (
            Case(
                "terminal-escape-in-text",
                8,
                r"document text with \x1b]0;TITLE\x07, text output",
                ["doccheck", "check", "doc.txt"],
                [FINDINGS],
                codes=["ST101"],
                checks=["no-control-characters"],
            ),
            _escape_text,
        ),
        (
            Case(
                "newline-in-file-name",
                8,
                "a file name with a newline that forges a finding line",
                ["doccheck", "check", "."],
                [FINDINGS],
                checks=["no-control-characters", "no-forged-line"],
            ),
            _newline_name,
        ),
        (
            Case(
                "aes-encrypted-pdf",
                9,
                "an AES-encrypted PDF (empty user password)",
                ["doccheck", "check", "aes.pdf"],
                [FINDINGS],
                codes=["ST101"],
            ),
            _aes_pdf,
        ),
        (
            Case(
                "html-nested-20000-deep",
                9,
                "HTML nested 20,000 deep",
                ["doccheck", "check", "deep.html"],
                [FINDINGS],
                codes=["ST101"],
            ),
            _deep_html,
        ),
        (
            Case(
                "fix-ascii-with-nul",
                1,
                "fix on ASCII text holding a NUL (found by tests/fuzz)",
                ["doccheck", "fix", "notes.txt"],
                [FINDINGS, FILE_ERROR],
            ),
            _ascii_with_nul,
        ),
        (
            Case(
                "fix-keeps-hard-link",
                9,
                "fix a file that has a second hard link",
                ["doccheck", "fix", "doc.txt"],
                [FINDINGS],
                may_change=["doc.txt", "link.txt"],
                checks=["hard-link-kept"],
            ),
            _hard_link,
        ),
        (
            Case(
                "fix-killed-during-write",
                9,
                "fix killed while it renames its temporary file, then fix again",
                ["doccheck", "fix", "doc.txt"],
                [FINDINGS],
                may_change=["doc.txt"],
                prelude=[["python", "kill_at_rename.py", "fix", "doc.txt"]],
                fixed={"doc.txt": "（2014—2016）年度工作。\n"},
            ),
            _killed_write,
        ),
    ]


def all_cases() -> list[tuple[Case, Callable | None]]:
    """Every case with the function that writes its files (None: it needs none)."""
    return _markdown_cases() + _docx_cases() + _other_cases()


CASES = {case.name: case for case, _ in all_cases()}


def build(outdir: Path, scale: Scale, only: list[str] | None = None) -> list[Case]:
    """Write the cases' files under ``outdir`` (one folder each) and ``cases.json``."""
    outdir.mkdir(parents=True, exist_ok=True)
    made = []
    for case, make in all_cases():
        if only and case.name not in only:
            continue
        folder = outdir / case.name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        if make is not None:
            make(folder, scale)
        made.append(case)
    (outdir / "cases.json").write_text(
        json.dumps({"scale": scale.name, "cases": [asdict(case) for case in made]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scale", choices=["full", "ci"], default="full")
    parser.add_argument("--only", nargs="*", help="names of the cases to write (default: all)")
    options = parser.parse_args(argv)
    unknown = set(options.only or ()) - set(CASES)
    if unknown:
        parser.error(f"no such case: {', '.join(sorted(unknown))}")
    made = build(options.outdir, Scale(options.scale), options.only)
    size = sum(path.stat().st_size for path in options.outdir.rglob("*") if path.is_file())
    print(f"wrote {len(made)} cases ({size / 1048576:.1f} MB on disk) to {options.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
