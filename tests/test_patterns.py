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


# -- finditer_anchored ---------------------------------------------------------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from checker.rules.checks import citations, personal_data, typos  # noqa: E402

# (pattern, anchor, reach) as the rules use them: the anchored search must find what finditer finds
ANCHORED = [
    (personal_data.ID_CANDIDATE, personal_data.ID_DIGITS, 0, personal_data.DIGITS),
    (personal_data.MOBILE, personal_data.MOBILE_DIGITS, personal_data.MOBILE_REACH, personal_data.DIGITS),
    (personal_data.LANDLINE, personal_data.LANDLINE_DIGITS, personal_data.LANDLINE_REACH, personal_data.DIGITS),
    (personal_data.CARD, personal_data.CARD_DIGITS, 0, personal_data.DIGITS),
    (citations.NUMBER_BEFORE_TITLE, citations.NUMBER_YEAR, citations.YEAR_REACH, None),
]
NUMBERS_AND_NAMES = st.text(alphabet="0123456789Xx +-86（）()〔〕[]《》国发办号第文件甲a.．\n", max_size=80)


def spans(matches) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


def test_an_anchored_search_finds_a_mobile_number_behind_its_country_code():
    pattern = re.compile(r"(?<![0-9])(?:\+?86 ?)?1[3-9][0-9]{9}(?![0-9])")
    anchor = re.compile(r"1[3-9][0-9]{9}")
    text = "电话+86 13812345678，或13912345678；213812345678不是"
    found = spans(patterns.finditer_anchored(pattern, anchor, text, 0, len(text), reach=4))
    assert found == [(2, 17), (19, 30)]


def test_an_anchored_search_skips_a_run_where_no_match_starts():
    pattern = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
    anchor = re.compile(r"[0-9]{4}")
    text = "1234567890" * 50 + "年2024年"
    found = patterns.finditer_anchored(pattern, anchor, text, 0, len(text), reach=0, inside=re.compile("[0-9]*"))
    assert spans(found) == [(501, 505)]


def test_an_anchored_search_keeps_to_its_start_and_end():
    pattern = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
    text = "2024年与2025年与2026年"
    assert spans(patterns.finditer_anchored(pattern, pattern, text, 1, 15, reach=0)) == [(6, 10)]


@given(NUMBERS_AND_NAMES, st.integers(0, 80), st.integers(0, 80))
def test_an_anchored_search_finds_what_finditer_finds(text, start, end):
    start, end = min(start, len(text)), min(max(start, end), len(text))
    for pattern, anchor, reach, inside in ANCHORED:
        expected = spans(pattern.finditer(text, start, end))
        found = patterns.finditer_anchored(pattern, anchor, text, start, end, reach=reach, inside=inside)
        assert spans(found) == expected


PERSON_COUNTS = st.lists(
    st.sampled_from(["位", "3", "12", "三", "十", "两", "余", "多", "第", "学院", "企业", "的", "院士", "甲"]),
    max_size=14,
).map("".join)


@given(PERSON_COUNTS, st.integers(0, 40), st.integers(0, 40))
def test_counts_found_from_wei_are_what_finditer_finds(text, start, end):
    start, end = min(start, len(text)), min(max(start, end), len(text))
    expected = spans(typos.PERSON_COUNT_WITH_INSTITUTION.finditer(text, start, end))
    assert spans(typos.person_counts(text, start, end)) == expected


def test_literals_find_the_first_word_listed_at_the_leftmost_place():
    words = patterns.literals(["管委员会", "委员会", "员会", "局"])
    text = "某某管委员会、规划委员会和统计局"
    assert words.spans(text, 0, len(text)) == [(2, 6), (9, 12), (15, 16)]


def test_literals_look_only_inside_the_span_given():
    words = patterns.literals(["委员会", "局"])
    text = "统计局和规划委员会"
    assert words.spans(text, 3, 8) == []
    assert words.spans(text, 1, 9) == [(2, 3), (6, 9)]


@given(
    st.lists(st.text(alphabet="管理委员会局中心", min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet="管理委员会局中心和的", max_size=40),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_literals_find_what_re_finds_in_their_alternation(words, text, start, end):
    pattern = re.compile("|".join(map(re.escape, words)))
    assert patterns.literals(words).spans(text, start, end) == [
        found.span() for found in pattern.finditer(text, start, end)
    ]
