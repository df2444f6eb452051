"""How personal data is hidden wherever a report shows text.

A finding about personal data (a resident ID, a mobile number, a bank card) is
*masked*: the engine replaces, in everything the finding shows — its excerpt,
message, suggestion, evidence and the replacement of its fix when serialised —
and in the checked text a report carries for context, the middle digits of the
number with ``*``. So no output format (text, JSON, SARIF, GitHub, JUnit, HTML, the
review workbench) can print the number, whichever formatter runs: the finding and
the report text are already masked when a formatter sees them.

Plain functions of strings, in the bottom layer so that the models can use them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MASK = "*"
# Digits left visible at each end: enough for a reviewer to tell two numbers apart
# and find them in the file, too few to be the number (138****5678).
_KEEP_HEAD = 3
_KEEP_TAIL = 4


def mask_number(text: str) -> str:
    """``text`` with its digits (and an ID's final X) masked but the first three and the
    last four; separators (spaces, hyphens) stay where they are."""
    positions = [index for index, ch in enumerate(text) if ch.isdigit() or ch in "Xx"]
    if len(positions) <= _KEEP_HEAD + _KEEP_TAIL:
        keep = set(positions[:1])  # a short number: keep only its first digit
    else:
        keep = set(positions[:_KEEP_HEAD] + positions[-_KEEP_TAIL:])
    hidden = set(positions) - keep
    return "".join(MASK if index in hidden else ch for index, ch in enumerate(text))


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the number in each span ``[start, end)`` masked."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(mask_number(text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def mask_in(value: Any, secrets: dict[str, str]) -> Any:
    """``value`` (a string, or lists and dicts of them) with every secret replaced by its
    masked form; other values unchanged."""
    if not secrets:
        return value
    if isinstance(value, str):
        for secret, masked in secrets.items():
            if secret in value:
                value = value.replace(secret, masked)
        return value
    if isinstance(value, dict):
        return {key: mask_in(item, secrets) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(mask_in(item, secrets) for item in value)
    return value
