"""Round trip through LibreOffice: a .docx LibreOffice made from a document with planted
defects is fixed with ``doccheck fix -o``; LibreOffice itself then accepts every change
(the text must be the corrected text) and rejects every change (the text must be the
original), byte for byte. Skipped, saying why, where LibreOffice or python3-uno is missing
(.ci/run installs both)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install doccheck[docx])")

import checker  # noqa: E402
from checker.core.config import Settings  # noqa: E402
from tests.conftest import run  # noqa: E402

CONVERT = Path(__file__).parent / "libreoffice" / "convert.py"
SYSTEM_PYTHON = "/usr/bin/python3"
# Defects every one of which has a safe fix: a non-standard word form, half-width
# punctuation in Chinese text (within one paragraph and across formatting runs)
PLANTED = "关于做好安全检查工作的通知\n各单位：\n请各单位登录帐号,于3月1日前完成检查。\n各部门要认真落实,确保安全。\n"
FIXABLE = Settings(select=["TY104", "PN201"])


def _office_missing() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
    probe = (
        subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
        if Path(SYSTEM_PYTHON).exists()
        else None
    )
    if probe is None or probe.returncode != 0:
        return "python3-uno is not installed (Debian: apt-get install python3-uno)"
    return None


pytestmark = pytest.mark.skipif(_office_missing() is not None, reason=str(_office_missing()))


def convert(source: Path, target: Path, export_filter: str, changes: str = "keep") -> None:
    subprocess.run(
        [SYSTEM_PYTHON, str(CONVERT), str(source), str(target), export_filter, changes], check=True, timeout=180
    )


def text_export(path: Path) -> bytes:
    """LibreOffice's UTF-8 export, without the byte-order mark it starts with."""
    return path.read_bytes().removeprefix("\ufeff".encode())


def test_accepting_every_change_gives_the_fixed_text_and_rejecting_gives_the_original(tmp_path):
    planted = tmp_path / "planted.txt"
    planted.write_text(PLANTED, encoding="utf-8")
    made = tmp_path / "planted.docx"
    convert(planted, made, "MS Word 2007 XML")
    result = run("fix", str(made), "-o", str(tmp_path / "fixed.docx"), "--select", "TY104,PN201")
    assert result.exit_code == 0, result.stderr
    assert "修改 3 处，余 0 处" in result.stderr
    convert(made, tmp_path / "original.txt", "Text (encoded)")
    convert(tmp_path / "fixed.docx", tmp_path / "accepted.txt", "Text (encoded)", "accept")
    convert(tmp_path / "fixed.docx", tmp_path / "rejected.txt", "Text (encoded)", "reject")
    corrected = checker.fix_text(PLANTED, settings=FIXABLE).text
    assert text_export(tmp_path / "accepted.txt") == corrected.encode("utf-8")
    assert text_export(tmp_path / "rejected.txt") == text_export(tmp_path / "original.txt")
    assert text_export(tmp_path / "original.txt") == PLANTED.encode("utf-8")


def test_a_fixed_document_with_comments_round_trips(tmp_path):
    """Findings without a fix (here the layout of LibreOffice's page, which is not GB/T
    9704's) become comments beside the revisions; LibreOffice opens the result and
    accepting or rejecting every change still gives the corrected or the original text."""
    planted = tmp_path / "planted.txt"
    planted.write_text(PLANTED, encoding="utf-8")
    made = tmp_path / "planted.docx"
    convert(planted, made, "MS Word 2007 XML")
    fixed = tmp_path / "fixed.docx"
    result = run("fix", str(made), "-o", str(fixed))
    assert result.exit_code == 0, result.stderr
    comments = [comment.text.split("]")[0] for comment in docx.Document(str(fixed)).comments]
    assert comments and all(code.startswith("[LY") for code in comments)
    convert(fixed, tmp_path / "accepted.txt", "Text (encoded)", "accept")
    convert(fixed, tmp_path / "rejected.txt", "Text (encoded)", "reject")
    assert text_export(tmp_path / "accepted.txt") == checker.fix_text(PLANTED).text.encode("utf-8")
    assert text_export(tmp_path / "rejected.txt") == PLANTED.encode("utf-8")


def test_the_seed_as_libreoffice_makes_it_has_the_findings_of_its_text_and_round_trips(tmp_path, seed_path):
    """Issue 16's target: the seed rendered as .docx by LibreOffice gives the .txt's findings
    (the .docx adds only layout findings: LibreOffice's page is not GB/T 9704's), every safe
    fix is written as revisions (PN202's, which makes the marks of the whole text
    full-width, as one per mark), every other finding as a comment, and accepting or
    rejecting all the changes gives the corrected or the original text."""
    text = seed_path.read_text(encoding="utf-8")
    plain = tmp_path / "seed.txt"
    plain.write_text(text, encoding="utf-8")
    made = tmp_path / "seed.docx"
    convert(plain, made, "MS Word 2007 XML")

    def findings(path: Path) -> list:
        return [f for file in checker.check_path(str(path)).files for f in file.findings]

    def shown(found: list) -> list[tuple[str, str]]:
        return sorted((f.code, f.excerpt) for f in found if not f.code.startswith("LY"))

    in_text = findings(plain)
    assert shown(findings(made)) == shown(in_text)

    fixed = tmp_path / "fixed.docx"
    result = run("fix", str(made), "-o", str(fixed))
    assert result.exit_code == 0, result.stderr
    text_fix = checker.fix_file(str(plain), output=str(tmp_path / "fixed.txt"))
    assert {f.code for f in text_fix.applied} >= {"PN202"}
    assert f"修改 {len(text_fix.applied)} 处" in result.stderr
    commented = sorted(comment.text.split("]")[0][1:].split()[0] for comment in docx.Document(str(fixed)).comments)
    assert [code for code in commented if not code.startswith("LY")] == sorted(f.code for f in text_fix.remaining)
    convert(made, tmp_path / "original.txt", "Text (encoded)")
    convert(fixed, tmp_path / "accepted.txt", "Text (encoded)", "accept")
    convert(fixed, tmp_path / "rejected.txt", "Text (encoded)", "reject")
    original = text_export(tmp_path / "original.txt").decode("utf-8")
    accepted = text_export(tmp_path / "accepted.txt").decode("utf-8")
    assert text_export(tmp_path / "rejected.txt") == text_export(tmp_path / "original.txt")
    assert accepted == checker.fix_text(original).text
    assert accepted != original
