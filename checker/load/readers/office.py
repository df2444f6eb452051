"""Word 97–2003 (.doc) and WPS (.wps) documents, converted to .docx by LibreOffice.

Neither format is read here: LibreOffice, when it is installed, converts the file in
headless mode (``soffice --headless --convert-to docx``), and the result is read by
the .docx reader (:mod:`~checker.load.readers.docx`): the same text, the same parts
(notes, headers, footers), the same locations in paragraphs, tracked changes
accepted or the original as asked, and the page setup and type LibreOffice carried
over, for the LY rules. Fixes are not written back into a .doc or a .wps (the
``kind`` of the source is "doc" or "wps"): they would have to be written by
LibreOffice too.

A conversion runs LibreOffice on a copy of the bytes in a private folder, with a
private profile (``-env:UserInstallation``) so that conversions running at the same
time (``-j``, several users, an open LibreOffice) never share one, as its own process
group, stopped after ``CONVERT_SECONDS``. Before LibreOffice sees a byte, the file
must look like what its suffix says: a compound file (the container of .doc and
.wps) or, for .doc, RTF (which Word saves under .doc too); anything else, such as a
zip package or a text renamed .doc, is refused with a message saying what it seems
to be. The converted .docx goes through the .docx reader's package limits, and is
refused beyond ``MAX_CONVERTED`` bytes.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from checker.core.i18n import os_reason
from checker.load.readers import LoadError
from checker.load.readers.docx_text import View
from checker.load.source import Source

TRACKED_CHANGES = True  # ``read`` takes a view, as the .docx reader does
CONVERT_SECONDS = 60.0
MAX_CONVERTED = 64 * 1024 * 1024
PACKAGE = "libreoffice-writer"
COMPOUND_FILE = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2: the container of .doc, .wps, .xls, .ppt …
RTF = b"{\\rtf"
_NAMES = {".doc": "Word 97–2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）"}


def office_program() -> str | None:
    """The LibreOffice program on ``PATH`` (``soffice``, or ``libreoffice`` as some
    distributions name it); None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(path: str, data: bytes, view: View = "accepted") -> Source:
    """The text of the .doc or .wps ``data`` as the .docx LibreOffice converts it to reads."""
    from checker.load.readers import docx

    suffix = Path(path).suffix.lower()
    suffix = suffix if suffix in _NAMES else ".doc"
    refuse_other_formats(data, suffix)
    converted = convert_to_docx(data, suffix)
    try:
        source = docx.read(path, converted, view)
    except LoadError as error:
        raise LoadError(f"LibreOffice 转换所得的 .docx 无法读取：{error}") from None
    return dataclasses.replace(source, kind=suffix.lstrip("."), raw=data)


def refuse_other_formats(data: bytes, suffix: str) -> None:
    """:class:`LoadError` unless ``data`` is what a ``suffix`` file can be: a compound
    file whose directory can be read (holding a Word document's ``WordDocument``
    stream, for .doc), or RTF for .doc."""
    name = _NAMES[suffix]
    if data.startswith(COMPOUND_FILE):
        streams = _compound_streams(data, name)
        if suffix == ".doc" and "worddocument" not in streams:
            raise LoadError(
                f"这个文件不是{name}：它是 Office 复合文档，但其中没有 Word 文档的正文"
                "（可能是改了扩展名的 Excel、PowerPoint 或其他文件），已拒绝读取"
            )
        return
    if suffix == ".doc" and data.lstrip()[:5].lower() == RTF:
        return
    if not data:
        raise LoadError(f"文件是空的，不是{name}")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        raise LoadError(
            f"这个文件不是{name}，而是 zip 压缩包（可能是改了扩展名的 .docx、.ofd 或压缩文件）："
            "请按它的实际格式命名后再检查"
        )
    if data.startswith(b"%PDF"):
        raise LoadError(f"这个文件不是{name}，而是 PDF：请把扩展名改为 .pdf 后再检查")
    raise LoadError(f"这个文件不是{name}（文件开头不是 Word/WPS 文档的格式），可能是改了扩展名的其他文件，已拒绝读取")


def _compound_streams(data: bytes, name: str) -> set[str]:
    """The names (lower case) of the streams at the top of the compound file ``data``."""
    try:
        import olefile
    except ImportError:
        raise LoadError("读取 .doc/.wps 需要 olefile：pip install 'doccheck[office]' (missing extra: office)") from None
    try:
        with olefile.OleFileIO(data) as container:
            return {entry[0].lower() for entry in container.listdir(streams=True, storages=False) if len(entry) == 1}
    except Exception as error:  # olefile raises OSError, its own errors, struct and index errors on damage
        raise LoadError(f"{name}已损坏：复合文档的目录无法读取（{type(error).__name__}），已拒绝读取") from None


def convert_to_docx(data: bytes, suffix: str, seconds: float = CONVERT_SECONDS) -> bytes:
    """``data`` converted to .docx by LibreOffice in headless mode."""
    program = office_program()
    if program is None:
        raise LoadError(
            f"读取{_NAMES.get(suffix, suffix)}需要 LibreOffice，但没有找到 soffice 命令："
            f"请安装软件包 {PACKAGE}（如 Debian/Ubuntu：sudo apt-get install {PACKAGE}），"
            "或用 Word/WPS 将文件另存为 .docx 后再检查"
        )
    with tempfile.TemporaryDirectory(prefix="doccheck-office-") as folder:
        work = Path(folder)
        source, out = work / f"document{suffix}", work / "out"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, seconds, work)
        converted = out / "document.docx"
        if not converted.is_file():
            raise LoadError(
                f"LibreOffice 无法转换这个{_NAMES.get(suffix, '文件')}（文件可能已损坏、设有密码，或不是文字处理文档）"
            )
        size = converted.stat().st_size
        if size > MAX_CONVERTED:
            raise LoadError(
                f"LibreOffice 转换所得的 .docx 有 {size / 1048576:.0f} MB，超过上限 "
                f"{MAX_CONVERTED / 1048576:.0f} MB，已拒绝读取"
            )
        return converted.read_bytes()


def _run(command: list[str], seconds: float, home: Path) -> None:
    """Run LibreOffice as its own process group; stop the whole group after ``seconds``."""
    # LibreOffice writes nothing outside its profile, but a first start may look for a
    # home folder: give it the private one
    environment = {**os.environ, "HOME": str(home)}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
        )
    except OSError as error:
        raise LoadError(f"无法启动 LibreOffice（{command[0]}）：{os_reason(error)}") from None
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise LoadError(f"LibreOffice 转换超过 {seconds:g} 秒仍未完成，已停止（文件可能已损坏或过于复杂）") from None
    except BaseException:  # interrupted (Ctrl-C, a worker stopped): leave no LibreOffice behind
        _stop(process)
        raise


def _stop(process: subprocess.Popen[bytes]) -> None:
    kill_group = getattr(os, "killpg", None)
    try:
        if kill_group is not None:
            kill_group(process.pid, signal.SIGKILL)  # soffice starts soffice.bin: the whole group
        else:
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()
