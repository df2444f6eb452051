"""checker.core.tables: sections written once into the cache folder and read back mapped."""

import array
import bisect

import pytest

from checker.core import tables

SECTIONS = {"key": array.array("Q", [3, 7, 2**40]), "value": array.array("I", [30, 70, 9]), "names": "甲乙\n丙"}


def build(path: str) -> dict:
    build.calls += 1
    return SECTIONS


@pytest.fixture
def source(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", str(tmp_path / "cache"))
    build.calls = 0
    path = tmp_path / "source.txt"
    path.write_text("数据\n", encoding="utf-8")
    return path


def test_sections_read_back_as_they_were_written(source):
    data = tables.load(str(source), build)
    assert list(data.column("key")) == [3, 7, 2**40]
    assert list(data.column("value")) == [30, 70, 9]
    assert data.text("names") == "甲乙\n丙"


def test_the_file_is_built_once_and_again_when_its_source_changes(source):
    tables.load(str(source), build)
    tables.load(str(source), build)
    assert build.calls == 1
    source.write_text("新的数据\n", encoding="utf-8")
    tables.load(str(source), build)
    assert build.calls == 2


def test_the_file_is_built_again_when_a_package_it_reads_is_installed(source, tmp_path, monkeypatch):
    tables.load(str(source), build, packages=("doccheck_test_data_package",))
    assert build.calls == 1
    package = tmp_path / "site" / "doccheck_test_data_package"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    tables.load(str(source), build, packages=("doccheck_test_data_package",))
    tables.load(str(source), build, packages=("doccheck_test_data_package",))
    assert build.calls == 2


def test_a_damaged_file_is_built_again(source, tmp_path):
    tables.load(str(source), build)
    for entry in (tmp_path / "cache").glob("*.tables"):
        entry.write_bytes(b"doccheck-tables/1" + b"\xff" * 30)
    assert list(tables.load(str(source), build).column("key")) == [3, 7, 2**40]
    assert build.calls == 2


def test_without_a_cache_folder_the_tables_are_built_in_memory(source, monkeypatch):
    monkeypatch.setenv("DOCCHECK_CACHE_DIR", "")
    assert tables.load(str(source), build).text("names") == "甲乙\n丙"


def test_a_sorted_column_gives_the_index_of_a_key_or_minus_one():
    sections = {**SECTIONS, "key.buckets": tables.buckets(SECTIONS["key"])}
    for data in (tables.Tables(tables.pack(SECTIONS)), tables.Tables(tables.pack(sections))):
        column = data.sorted_column("key")
        assert [column.find(key) for key in (3, 7, 2**40, 0, 5, 2**41)] == [0, 1, 2, -1, -1, -1]


def test_a_key_is_placed_in_its_bucket_where_a_search_of_every_key_places_it():
    keys = array.array("Q", sorted({n * 7919 % 100_003 * 3 for n in range(1000)} | {2**20, 2**20 + 1}))
    for size in (0, 1, 2, 500, len(keys)):
        some = keys[:size]
        column = tables.Tables(tables.pack({"k": some, "k.buckets": tables.buckets(some)})).sorted_column("k")
        for key in [-1, *range(0, 300_020, 7), 2**20, 2**20 + 1, 2**21, 2**64 - 1]:
            assert column.bisect_left(key) == bisect.bisect_left(some, key)
            assert column.find(key) == (some.index(key) if key in some else -1)


def test_bytes_that_are_not_a_table_file_are_refused():
    with pytest.raises(ValueError):
        tables.Tables(b"not a table file at all, just text")
