"""Annotated .docx: a copy of a Word file with one comment per finding.

Each finding's characters are found again through the same walk of the document the
reader made the checked text from (``checker.run.docx_revisions.WordEdit``); the
runs there are split so the comment covers exactly the offending characters, and
the comment (author "doccheck") says the rule code, the message and the
suggestion. Comments doccheck left on an earlier run are replaced, so annotating
an annotated copy again gives one comment per finding; other authors' comments
stay. The input file is read once and never written; the copy goes to another path.
"""

from __future__ import annotations

import os

from checker.core.config import Settings
from checker.core.i18n import os_reason
from checker.core.models import Finding
from checker.run.docx_revisions import AUTHOR, WordEdit, comment_text

__all__ = ["AUTHOR", "AnnotateError", "annotate", "comment_text"]


class AnnotateError(Exception):
    """The document cannot be annotated: the message says why, for the user."""


def annotate(path: str, output: str, settings: Settings | None = None) -> list[Finding]:
    """Check the .docx at ``path`` and write a commented copy to ``output``; the findings."""
    from checker.core.files import write_atomically
    from checker.load.readers import LoadError, read_bytes
    from checker.load.readers import docx as docx_reader
    from checker.run.engine import check_source

    if not path.lower().endswith(".docx"):
        raise AnnotateError("只能给 .docx 文件加批注 (annotate reads .docx only)")
    if os.path.exists(output) and os.path.samefile(path, output):
        raise AnnotateError("输出文件不能是原文件：原文件不会被修改，请另选 -o 路径")
    settings = (settings or Settings.defaults()).for_path(path)
    try:
        data = read_bytes(path, settings.max_file_size)
        source = docx_reader.read(path, data)
    except LoadError as error:
        raise AnnotateError(str(error)) from None
    findings = check_source(source, settings).findings
    edit = WordEdit(data)  # a second, separate copy to write comments into
    edit.remove_own_comments()
    for finding in findings:
        edit.comment(finding.start, finding.end, comment_text(finding))
    try:
        write_atomically(output, edit.save())
    except OSError as error:
        raise AnnotateError(f"无法写入 {output}：{os_reason(error)}") from None
    return findings
