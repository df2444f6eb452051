"""checker.core.patterns: a pattern stated with lazy() behaves as re.compile's, compiled on first use."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from checker.core import patterns

DATE = "(?P<year>[〇○零一二三四五六七八九]{4})年(?P<month>[一二三四五六七八九十]{1,2})月"


def test_a_lazy_pattern_finds_what_the_compiled_pattern_finds():
    lazy = patterns.lazy(DATE)
    text = "于二〇二四年十二月印发，二〇二五年一月施行"
    assert lazy.search(text).group("year", "month") == ("二〇二四", "十二")
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(DATE, text)]
    assert lazy.sub("某年某月", text) == re.sub(DATE, "某年某月", text)


def test_a_lazy_pattern_has_the_attributes_of_the_compiled_pattern():
    lazy = patterns.lazy(r"^\s*（[一二三四五六七八九十]+）", re.M)
    assert lazy.pattern == r"^\s*（[一二三四五六七八九十]+）"
    assert lazy.flags == re.compile(r"^\s*（[一二三四五六七八九十]+）", re.M).flags
    assert lazy.findall("（一）甲\n  （二）乙") == ["（一）", "  （二）"]
    assert patterns.lazy(DATE).groupindex == {"year": 1, "month": 2}


def test_stating_a_pattern_compiles_nothing_until_it_is_used():
    broken = patterns.LazyPattern("([一二三")  # an unclosed group
    with pytest.raises(re.error):
        broken.search("一二三")


def test_compiled_gives_the_re_pattern_itself():
    lazy = patterns.lazy("[，,]")
    assert isinstance(lazy.compiled(), re.Pattern)
    assert re.split(lazy.compiled(), "甲，乙,丙") == ["甲", "乙", "丙"]


def test_a_lazy_pattern_survives_pickling_and_copying():
    lazy = patterns.lazy(DATE, re.I)
    for twin in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
        assert twin.compiled() == re.compile(DATE, re.I)


def test_every_stated_pattern_is_listed_compiled():
    lazy = patterns.lazy("公开(?:属性|方式)")
    assert lazy.compiled() in patterns.compiled()
