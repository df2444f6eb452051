"""Where the project's data lives: grammar/, rules/ and schemas/.

In a source checkout they sit at the top of the repository; in an installed wheel
they are shipped as ``checker/data/…``. Everything that reads a .lark, rule pack or
schema asks this module for the path, so the two layouts behave the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent.parent  # checker/: data/ sits there in a wheel


@cache
def data_dir(name: str) -> Path:
    """The directory ``name`` (``grammar``, ``rules`` or ``schemas``)."""
    installed = _PACKAGE / "data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


@cache  # rules ask for their data file once per document: keep the Path
def grammar_path(filename: str) -> Path:
    return data_dir("grammar") / filename


@cache
def rules_path(filename: str) -> Path:
    return data_dir("rules") / filename


@cache
def schema_path(filename: str) -> Path:
    return data_dir("schemas") / filename


@cache
def load_schema(filename: str) -> dict:
    with open(schema_path(filename), encoding="utf-8") as handle:
        return json.load(handle)


# -- a disk cache for validated data files ----------------------------------------------
# Parsing a YAML rule pack and validating it against its model costs more than
# checking a short document, and the answer only changes when the file, its schema
# (generated from the model, so it changes with it) or the parser does. So the
# validated data is kept on disk, keyed by all three; a miss parses as before.
# ``DOCCHECK_CACHE_DIR`` moves the cache; set it to an empty string to turn it off.

_CACHE_VERSION = "2"  # the layout of an entry: a new one makes every old entry a miss
CACHE_LIMIT = 200  # entries kept; beyond that, the half used longest ago is dropped


def cache_dir() -> Path | None:
    """The user's cache folder for doccheck (``~/.cache/doccheck`` on Linux), or the one
    ``DOCCHECK_CACHE_DIR`` names; None when that is set to an empty string."""
    configured = os.environ.get("DOCCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("doccheck", appauthor=False))


def _stamp(path: Path) -> tuple:
    try:
        status = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), status.st_mtime_ns, status.st_size)


def cached_load(path: str | Path, parse: Callable[[str], T]) -> T:
    """``parse(path)``, remembered on disk until the file, a schema or ``parse``'s module changes.

    ``parse`` reads and validates the file and raises on a bad one; errors are never
    cached. Its result must be picklable (YAML data is).
    """
    folder = cache_dir()
    source = Path(path).resolve()
    if folder is None or not source.is_file():
        return parse(str(path))
    return _remembered(folder, _stamp(source), parse, lambda: parse(str(path)))


def cached_load_all(paths: Sequence[str | Path], parse: Callable[[str], T]) -> list[T]:
    """``[parse(path) for path in paths]`` remembered as one entry, until any of the files,
    a schema or ``parse``'s module changes: a folder of small files (the eighteen
    profiles) costs one open and one unpickling instead of one each."""
    folder = cache_dir()
    sources = [Path(path).resolve() for path in paths]
    if folder is None or not all(source.is_file() for source in sources):
        return [cached_load(path, parse) for path in paths]
    stamps = ("all", [_stamp(source) for source in sources])
    return _remembered(folder, stamps, parse, lambda: [parse(str(path)) for path in paths])


def cached_file(
    path: str | Path,
    build: Callable[[str], T],
    write: Callable[[T], bytes],
    *,
    suffix: str,
    packages: Sequence[str] = (),
) -> Path | None:
    """A file in the cache folder holding ``write(build(path))``, made once and kept until
    the file, a schema, ``build``'s module or one of the ``packages`` it also reads from
    changes (is installed, upgraded or removed); None when there is no cache folder or the
    file cannot be written there. The caller reads it and checks what it finds."""
    folder = cache_dir()
    source = Path(path).resolve()
    if folder is None or not source.is_file():
        return None
    stamps = (_stamp(source), [_package_stamp(name) for name in packages])
    entry = folder / (hashlib.sha1(_key(stamps, build).encode("utf-8")).hexdigest() + suffix)
    if entry.is_file():
        _touch(entry)
        return entry
    if not store_atomically(entry, write(build(str(path)))):
        return None
    _prune(folder)
    return entry


def _package_stamp(name: str) -> tuple:
    """Where package ``name`` is installed and when, or that it is not: a build that reads
    a package's data is stale once the package is installed, upgraded or removed."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return (name, None)
    return (name, _stamp(Path(spec.origin)))


def _key(stamps: Any, parse: Callable) -> str:
    """What an entry depends on: the files read, the function that read them and the
    file it is written in, and the schemas."""
    code = getattr(parse, "__code__", None)  # a function's or a bound method's
    return repr(
        (
            _CACHE_VERSION,
            sys.version_info[:2],
            stamps,
            parse.__module__,
            parse.__qualname__,
            _stamp(Path(code.co_filename)) if code is not None else None,
            _schema_stamps(),
        )
    )


def _remembered(folder: Path, stamps: Any, parse: Callable, compute: Callable[[], T]) -> T:
    key = _key(stamps, parse)
    entry = folder / (hashlib.sha1(key.encode("utf-8")).hexdigest() + ".pickle")
    try:
        with open(entry, "rb") as handle:
            stored_key, value = pickle.load(handle)
        if stored_key == key:
            _touch(entry)
            return value
    except (OSError, EOFError, pickle.PickleError, ValueError, TypeError, AttributeError, ImportError):
        pass  # absent, unreadable or from another version: parse again
    value = compute()
    _store(folder, entry, key, value)
    return value


@lru_cache(maxsize=1)
def _schema_stamps() -> list | None:
    """The schemas' stamps, taken once per process (a run reads some twenty cached
    files: listing the schemas again for each would slow the start)."""
    schemas = data_dir("schemas")
    return sorted(_stamp(schema) for schema in schemas.glob("*.json")) if schemas.is_dir() else None


def _touch(entry: Path) -> None:
    """Mark an entry as used, so that pruning drops the least recently used ones."""
    try:
        os.utime(entry)
    except OSError:
        pass


def _store(folder: Path, entry: Path, key: str, value: Any) -> None:
    try:
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PickleError, TypeError, AttributeError):
        return  # an unpicklable value: no cache, same result
    if store_atomically(entry, data):
        _prune(folder)


def _prune(folder: Path) -> None:
    """Beyond CACHE_LIMIT entries, drop the half that was used longest ago."""
    try:
        entries = sorted(
            (item for item in folder.iterdir() if item.suffix in (".pickle", ".tables")),
            key=lambda item: item.stat().st_mtime,
        )
        for old in entries[: len(entries) - CACHE_LIMIT // 2] if len(entries) > CACHE_LIMIT else []:
            old.unlink()
    except OSError:
        pass


def store_atomically(path: Path, data: bytes) -> bool:
    """Write a cache file whole or not at all (a reader never sees half of one);
    False when it cannot be written (a read-only home: no cache, same results)."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return False
