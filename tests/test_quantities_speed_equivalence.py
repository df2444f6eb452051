"""The quantities view's fast forms give what their plain forms give.

The number pattern of ``checker.model.quantities`` is written for re's speed: it begins with
the class of first characters (so that re skips to them), reads which one it was with
look-behinds, and writes optional parts as alternatives with an empty one. The plain
pattern below is the one it replaced, run over the same text with ``finditer``; every
match must be the same, with the same parts. (Chinese numerals are read by
``checker.model.numerals``, tested against cn2an in test_numerals.py.) Inputs: random
mixtures of Chinese numerals, digits, units and claim wording.
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model.numerals import SCALE_WORDS
from checker.model.quantities import PERCENT_UNITS, _alternation, _lexicon, load_numeric_rules
from tests.conftest import SAMPLES

_DIGITS = "0-9０-９"
_PLAIN_ARABIC = (rf"(?:[{_DIGITS}]{{1,3}}(?:(?:,[{_DIGITS}]{{3}})+|(?:，[{_DIGITS}]{{3}})+)(?![{_DIGITS}])|[{_DIGITS}]+)"
                 rf"(?:[.．][{_DIGITS}]+)?")
_CN_START = "〇零一二两三四五六七八九十"
_CN_BODY = "〇零一二两三四五六七八九十百千万亿点"


def _plain_pattern() -> re.Pattern:
    units = load_numeric_rules().units
    words = list(PERCENT_UNITS) + list(units.count) + list(units.measure) + list(units.time)
    return re.compile(
        rf"(?P<pct>百分之(?P<pctnum>{_PLAIN_ARABIC}|[{_CN_BODY}]+))"
        rf"|(?P<num>{_PLAIN_ARABIC}|[{_CN_START}][{_CN_BODY}]*)(?P<inner>[多余])?"
        rf"(?P<mag>{_alternation(SCALE_WORDS)})?(?P<inner2>[多余])?"
        rf"(?P<unit>{_alternation(words)})?"
    )


PLAIN = _plain_pattern()

PIECES = ["一", "二", "两", "三", "五", "九", "十", "百", "千", "万", "亿", "点", "零", "〇", "百分之",
          "0", "1", "3", "7", "12", "100", "2023", "1,234", "10,400", "123,456", "1,2345", "1，753", "2，0000", "3.5", "０", "３．５", ",", ".", "．",
          "万元", "亿元", "万亿元", "千万", "%", "％", "个百分点", "百分点", "项", "人", "个", "年", "月", "分", "成", "倍",
          "‰", "多", "余", "共", "其中", "分别为", "增长", "下降", "比上年", "占", "约", "近", "超",
          "以上", "左右", "累计", "第", "几", "数", "，", "。", "、", "-", "至", "G", "O", "\n", " ", "企业"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
SETTINGS = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _plain_matches(text: str) -> list[tuple]:
    return [(m.start(), m.end(), m["pctnum"], m["num"], m["inner"] or "", m["mag"] or "", m["inner2"] or "",
             m["unit"] or "") for m in PLAIN.finditer(text)]


def _fast_matches(text: str) -> list[tuple]:
    found = []
    for m in _lexicon().pattern.finditer(text):
        rest = m["arabic"] if m["arabic"] is not None else m["chinese"]
        number = None if rest is None else text[m.start()] + rest
        found.append((m.start(), m.end(), m["pctnum"], number, m["inner"] or "", m["mag"] or "",
                      m["inner2"] or "", m["unit"] or ""))
    return found


@SETTINGS
@given(TEXTS)
def test_the_number_pattern_matches_what_the_plain_pattern_matches(text):
    assert _fast_matches(text) == _plain_matches(text)


def test_the_number_pattern_matches_what_the_plain_pattern_matches_in_the_samples():
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _fast_matches(text) == _plain_matches(text)


# The claims' yes/no word-list tests are each one pattern; the plain test asks each word in turn.
_WORD_PIECES = [*PIECES, "交叉", "人均", "每", "由", "从", "同比", "比上年同期", "增加值", "GDP", "目标", "力争", "控制在", "新增", "这", "上述", "最高", "提升", "回落", "可比价", "（", "）"]


@SETTINGS
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=20).map("".join))
def test_each_claims_word_pattern_answers_as_the_plain_word_by_word_test(text):
    from checker.model.claims import _word_tests

    rules = load_numeric_rules()
    change, breakdown = rules.change, rules.breakdown
    change_words = change.up + change.down + change.comparisons
    tests = _word_tests(rules)
    plain = {
        tests.overlap: breakdown.overlap_words,
        tests.not_additive: breakdown.not_additive_words,
        tests.change: change_words,
        tests.new_statement: breakdown.new_statement_words,
        tests.first_part_stop: change_words + change.from_words + breakdown.first_part_stop_words,
        tests.from_or_comparison: change.from_words + change.comparisons,
        tests.real_growth: change.real_growth_words,
        tests.skip: rules.restatement.skip_words,
        tests.reached: ("增至", "增加到", "增长到", "提高到", "达到"),
        tests.unwanted: change_words + breakdown.not_additive_words,
    }
    for pattern, words in plain.items():
        assert (pattern.search(text) is not None) == any(word in text for word in words)


_CLAIM_PIECES = ["国家级", "省级", "第一产业", "第二产业", "第三产业", "城镇", "农村", "企业", "78", "4", "54", "3.5",
                 "37.7", "五", "项", "个", "万元", "亿元", "%", "个百分点", "倍", "2023年", "共", "其中", "包括",
                 "分别为", "分别是", "，", "、", "。", "：", ":", "由", "增加到", "降至", "比上年", "增加", "同比",
                 "增长", "下降", "占", "占比", "比重", "三次产业结构", "全市", "（", "）"]


@SETTINGS
@given(st.lists(st.sampled_from(_CLAIM_PIECES), max_size=30).map("".join))
def test_the_claims_pre_tests_pass_over_only_sentences_without_claims(text):
    # Each kind of claim is looked for only when its sentence holds a word every such claim is
    # read after (a breakdown marker, a share word or set hint, a from-word or comparison):
    # with pre-tests that always pass, the claims are the same.
    from checker.core.config import Settings
    from checker.load.source import Source
    from checker.model import claims as claims_module
    from checker.model.document import Document

    tests = claims_module._word_tests(load_numeric_rules())
    doc = Document(Source(path="x", text=text), settings=Settings.defaults())
    fast = repr(claims_module.extract_claims(doc))
    saved = (tests.marker, tests.share, tests.share_or_hint, tests.from_or_comparison)
    always = re.compile("")
    try:
        tests.marker = tests.share = tests.share_or_hint = tests.from_or_comparison = always
        plain = repr(claims_module.extract_claims(doc))
    finally:
        tests.marker, tests.share, tests.share_or_hint, tests.from_or_comparison = saved
    assert fast == plain
