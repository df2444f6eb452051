"""What the console can show: its encoding and whether it takes colour.

A Chinese Windows console encodes in GBK, a European one in cp1252, a bare container in
ASCII; a report holds whatever the documents hold (U+2212, emoji, rare characters). The
console streams are set to write what their encoding cannot hold as a backslash escape
(``\\u2212``) instead of failing half-way through a report: a reader still sees which
character it was, and the run keeps its exit status. Files written with ``-o`` do not
pass through here; they are always UTF-8.

Colour follows the user, then the conventions of https://no-color.org and
https://force-color.org, then the terminal: ``--color always|never`` first; else a
non-empty ``NO_COLOR`` turns it off and a non-empty ``FORCE_COLOR`` (other than ``0``)
on; else colour only where the stream is a terminal.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")


def make_console_safe(*streams: TextIO) -> None:
    """Let ``streams`` (default: stdout and stderr) escape the characters their encoding lacks."""
    for stream in streams or (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, io.UnsupportedOperation):  # closed, or already written in a way that forbids it
                pass


def wants_color(choice: str, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what goes to ``stream``, for ``--color`` ``choice``."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
