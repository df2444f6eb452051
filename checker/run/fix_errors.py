"""Why a file cannot be fixed: the errors of the fixer and of its .docx back end."""

from __future__ import annotations


class FixError(Exception):
    """A file that cannot be fixed or written back; the message says why."""


class FileChanged(FixError):
    """The file on disk is no longer what was read: nothing is written."""


class NotWritable(FixError):
    """A kind of file doccheck reads but does not write back (.html, .pdf …)."""
