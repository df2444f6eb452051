"""Regular expressions compiled once per machine instead of once per run.

CPython compiles a pattern in Python code, and a character class of Chinese
characters is expensive there: the class is first spread over a 65,536-entry map.
``[一二三四五六七八九十]`` costs about 0.4 ms and the Han range ``[一-鿿]`` about 2 ms,
so doccheck's hundred-odd patterns cost about a tenth of a second at every start —
a quarter of a whole one-document check.

:func:`compile` gives exactly what ``re.compile`` gives. The first time a pattern is
compiled on a machine, it is compiled the usual way, and the engine's program for it
(the list of opcodes ``re`` hands to its C engine) is kept in the cache folder
(see :mod:`checker.core.resources`); later processes hand the stored program straight to
the C engine, which checks it before use. A program is stored only after it was
shown to rebuild a pattern equal to ``re.compile``'s (same text, flags and program),
and the store is keyed by the exact Python build, so a different Python never reads
it. Anything unexpected — another Python implementation, a change in ``re``'s
internals, an unreadable cache — falls back to plain ``re.compile``.
"""
from __future__ import annotations

import atexit
import pickle
import re
import sys
from pathlib import Path
from typing import Any, AnyStr

try:  # CPython's regular expression internals (3.11 and later)
    # no stubs describe these private modules: typeshed leaves them out on purpose
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another implementation or an older Python
    _sre = _compiler = _parser = None

_LIMIT = 4000  # stored programs; beyond that, the ones this process did not use are dropped

Key = tuple[Any, int]  # (the pattern, str or bytes; the flags)
_compiled: dict[Key, re.Pattern[Any]] = {}
_stored: dict[Key, tuple] | None = None  # loaded on the first compile
_used: set[Key] = set()
_changed = False


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, built from the stored program when there is one."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    found = _from_store(key)
    if found is None:
        found = re.compile(pattern, flags)
        _remember(key, found)
    _compiled[key] = found
    return found


def compiled() -> list[re.Pattern[Any]]:
    """Every pattern this process compiled through :func:`compile`."""
    return list(_compiled.values())


def _from_store(key: Key) -> re.Pattern[Any] | None:
    global _stored
    if _stored is None:
        _stored = _load()
    program = _stored.get(key)
    if program is None:
        return None
    try:
        found = _sre.compile(key[0], *program)
    except Exception:  # a damaged entry: the C engine refuses it; compile afresh
        return None
    _used.add(key)
    return found


def _program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` after the pattern text."""
    parsed = _parser.parse(pattern, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # plain ints: re's opcodes refuse pickling
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))


def _remember(key: Key, compiled: re.Pattern[Any]) -> None:
    global _changed
    if _stored is None or _sre is None or not isinstance(key[0], str):
        return
    try:
        program = _program(*key)
        if _sre.compile(key[0], *program) != compiled:  # re's internals are not what we expect
            return
    except Exception:
        return
    _stored[key] = program
    _used.add(key)
    if not _changed:
        _changed = True
        atexit.register(_save)


# -- the store on disk --------------------------------------------------------------
def _version() -> str:
    return repr(("patterns 1", sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None),
                 sys.maxunicode))


def _path() -> Path | None:
    from checker.core.resources import cache_dir

    folder = cache_dir()
    return None if folder is None or _sre is None else folder / "patterns.pickle"


def _load() -> dict[Key, tuple]:
    path = _path()
    if path is None:
        return {}
    try:
        with open(path, "rb") as stream:
            version, programs = pickle.load(stream)
    except Exception:  # absent, unreadable or damaged: start afresh
        return {}
    return programs if version == _version() and isinstance(programs, dict) else {}


def _save() -> None:
    path = _path()
    if path is None or not _stored:
        return
    programs: dict[Key, Any] = _stored
    if len(programs) > _LIMIT:  # patterns of rule packs no longer in use
        programs = {key: program for key, program in programs.items() if key in _used}
    from checker.core.resources import store_atomically

    store_atomically(path, pickle.dumps((_version(), programs), protocol=pickle.HIGHEST_PROTOCOL))
