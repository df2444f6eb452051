"""Control characters made visible before text reaches a terminal.

Document text and file names are data a stranger wrote. Sent raw to a terminal, an
escape sequence (``\\x1b]0;TITLE\\x07``) retitles the window or rewrites the screen, a
carriage return or a newline in a file name prints a line that looks like a finding,
and the bidirectional overrides reorder what is shown (the "Trojan Source" trick). The
text and GitHub formats pass every piece of such text through :func:`visible`, as
ruff shows control characters in its snippets: a C0 control character becomes its
symbol from Unicode's Control Pictures block (``\\x1b`` → ``␛``, a newline → ``␊``),
DEL becomes ``␡`` (each one column wide, so a caret under the line still lines up),
and the C1 controls and the bidirectional controls, which have no picture, their
escape (``\\x9b``, ``\\u202e``). A tab is kept. The JSON and SARIF formats stay exact
(JSON escapes these characters itself) and the HTML report escapes its text. Output
made of lines (the diff ``doccheck fix --diff`` prints) goes through
:func:`visible_lines`, which keeps its line feeds.
"""

from __future__ import annotations

from checker.core import patterns

# C0 but the tab, DEL, C1, and the bidirectional embeddings, overrides and isolates
_CONTROL = patterns.lazy("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with each control character shown as a visible stand-in (one line, always)."""
    return _CONTROL.sub(_shown, text)


def visible_lines(text: str) -> str:
    """``text`` line by line through :func:`visible`: its line feeds stay line ends, and
    every other control character is shown."""
    return "\n".join(visible(line) for line in text.split("\n"))
