"""Fast scans give exactly what the plain formulation they replace gives.

Several views find their matches by a shortcut (from an anchor character, over the
whole body instead of paragraph by paragraph, with a cheap pre-test); each test here
holds a shortcut to the plain formulation on random text made of the characters the
patterns care about.
"""
import bisect
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.model import dates
from checker.model.numerals import ARABIC

# -- dates ------------------------------------------------------------------------------

_DATE_CHARS = "0123456789０１２３４５６７８９〇○零Ｏ一二三四五六七八九十年月日号-－./．/ \t\u3000星期周（(五天甲\n"
_DATE_PIECES = ["2016", "１２", "3", "19", "二〇一六", "二○一五", "十二", "三十一", "一", "年", "月", "日", "号",
                "-", ".", "/", "．", " ", "\u3000", "（星期五）", "周三", "甲", "\n"]
_SPACE = st.sampled_from(["", "", " ", "\u3000\t"])
_NUMBER = st.sampled_from(["2016", "１９９８", "16", "3", "03", "12", "二〇一六", "二○一五", "十二", "三", "三十一",
                          ""])
# Random characters seldom make a date; dates of random parts, between random pieces, do.
_DATE_LIKE = st.tuples(_NUMBER, _SPACE, st.sampled_from(["年", "-", ".", "/", "．", ""]), _SPACE, _NUMBER,
                       _SPACE, st.sampled_from(["月", "-", ".", ""]), _SPACE, _NUMBER,
                       st.sampled_from(["日", "号", ""])).map("".join)
_NUMERIC_LIKE = st.sampled_from("-./．/－").flatmap(lambda sep: st.tuples(
    st.sampled_from(["2016", "１９９８", "201", "12016"]), st.just(sep), _NUMBER,
    st.sampled_from([sep, sep, "-"]), _NUMBER).map("".join))
_DATE_TEXT = st.text(alphabet=_DATE_CHARS, max_size=60) | st.lists(
    st.sampled_from(_DATE_PIECES) | st.text(alphabet=_DATE_CHARS, max_size=2) | _DATE_LIKE | _NUMERIC_LIKE,
    max_size=12).map("".join)


def _plain_dates(text: str) -> list:
    """extract_dates as first written: each pattern's own finditer over the whole text."""
    found = []
    forms = dates._date_patterns()
    for pattern, form in ((forms.numeric, "numeric"), (forms.arabic, "arabic"), (forms.chinese, "chinese")):
        taken = sorted((m.start, m.end) for m in found)
        starts = [start for start, _ in taken]
        for match in pattern.finditer(text):
            at = bisect.bisect_left(starts, match.end())
            if at and taken[at - 1][1] > match.start():
                continue
            mention = dates._mention(text, match, form)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: m.start)
    return found


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT)
def test_dates_found_from_their_anchor_are_the_dates_of_the_plain_scan(text):
    assert dates.extract_dates(text) == _plain_dates(text)


def test_dates_found_from_their_anchor_in_a_sentence_of_each_form():
    text = ("于2016年1月19日、二〇一六年一月十九日、2016-01-19、2016.1.2、2016/1/2、2016．1．2和 2016 年 3 月"
            "（星期五）、12月3日、三月")
    assert dates.extract_dates(text) == _plain_dates(text)
    assert len(dates.extract_dates(text)) == 8


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT)
def test_years_found_from_their_year_sign_are_the_years_of_the_plain_scan(text):
    plain = [(m.start(), m.end()) for m in dates._date_patterns().year.finditer(text)
             if dates.year_value(m.group("digits")) is not None]
    assert [(year.start, year.end) for year in dates.extract_years(text)] == plain


# -- number usage ---------------------------------------------------------------------------

_NUMBER_PIECES = ["2016", "16", "0", "０", "1", "１２", "3.5", "二", "〇", "零", "O", "○", "一六", "二零一六", "九九",
                  "年", "月", "日", "号", "底", "度", "上半年", "约", "大约", "左右", "上下", "超过", "以上", "不足",
                  "以下", "近", "多", "余", "节", "万", "亿", "%", "～", "-", "至", "元", "家", "个", "，", "。",
                  "\n", "  ", "\u3000", "甲"]
_NUMBER_TEXT = st.lists(st.sampled_from(_NUMBER_PIECES), max_size=40).map("".join)


def _plain_paragraph_matches(doc, pattern):
    return [m for p in doc.body_paragraphs for m in pattern.finditer(doc.text, p.start, p.end)]


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=300, deadline=None)
@given(_NUMBER_TEXT)
def test_number_usage_views_found_from_their_anchor_are_those_of_the_plain_scan(text):
    from checker.model.document import Document
    from checker.rules.checks import number_usage as nu

    doc = Document(text)
    assert _spans(m for m, _ in nu.short_years(doc)) == _spans(_plain_paragraph_matches(doc, nu._SHORT_YEAR))
    assert _spans(nu.dropped_range_marks(doc)) == _spans(
        m for m in _plain_paragraph_matches(doc, nu._RANGE)
        if not (m.group(2) in "-－" and m.group(4) not in ("%", "％", "‰")))
    data = nu.load_number_usage_rules()
    spec = tuple((q.name, tuple(q.before), tuple(q.after), tuple(q.unless_followed_by or ()))
                 for q in data.double_qualifiers)
    plain = []
    for p in doc.body_paragraphs:
        for name, pattern, unless, _ in nu._qualifier_patterns(spec):
            for m in pattern.finditer(doc.text, p.start, p.end):
                if m.start() > p.start and doc.text[m.start() - 1] in data.qualifier_word_prefixes:
                    continue
                if unless and doc.text.startswith(unless, m.end()):
                    continue
                plain.append((m, name))
    plain.sort(key=lambda pair: pair[0].start())
    assert [(m.span(), name) for m, name in nu.double_qualifiers(doc)] == [(m.span(), n) for m, n in plain]


_COUNT_PIECES = ["4", "12", "１２", "3.5", "1234567890", "第", "前", "“", "一", "两", "三", "十二", "五十", "百", "千",
                 "零", "〇", "期", "届", "批", "次", "家", "部", "名", "三个代表", "会议", "、", "，", "。", "\n", "甲"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_COUNT_PIECES), max_size=40).map("".join))
@example("举办4期沙龙、五期培训，第3批12家、三四家、前五名；甲、乙、丙三家。\n第十二次全会，１２部")
def test_counts_found_in_one_scan_are_those_of_the_arabic_and_the_chinese_scan(text):
    from checker.model.document import Document
    from checker.rules.checks import number_usage as nu

    digit, numeral = ARABIC, nu._CHINESE_NUMERAL
    pattern = nu._count_pattern(tuple(nu.load_number_usage_rules().count_measure_words))
    words = pattern.pattern[pattern.pattern.rindex("("):]
    arabic = re.compile(f"([{digit}](?<![{digit}.．第].)[{digit}]{{0,8}}){words}")
    chinese = re.compile(f"([{numeral}](?<![{numeral}零〇第前后头首每这那几“].)[{numeral}]{{0,3}}){words}")
    doc = Document(text)
    assert _spans(m for m in pattern.finditer(text) if text[m.start()] not in numeral) == _spans(arabic.finditer(text))
    assert _spans(m for m in pattern.finditer(text) if text[m.start()] in numeral) == _spans(chinese.finditer(text))
    # each measure's counts of one kind come in text order, as from the two scans
    for items in nu.counts(doc).values():
        assert [c.start for c in items] == sorted(c.start for c in items)


# -- punctuation ----------------------------------------------------------------------------

_PUNCTUATION_PIECES = [",", ";", ":", "?", "!", "(", ")", "（", "）", "，", "。", "、", "；", "《", "》", "<", ">",
                       "＜", "＞", "“", "”", "...", "…", "。。。", "·", "．", "-", "--", "－", "—", "——", "— —",
                       "─", "━", "～", "~", "2015", "2017", "19", "20", "1", " ", "\xa0", "\u3000", "\n",
                       "http://a.b", "甲", "乙", "a", "第", "章", "附件", "年", "月", "日"]
_PUNCTUATION_TEXT = st.lists(st.sampled_from(_PUNCTUATION_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PUNCTUATION_TEXT)
@example("甲\xa01，乙。\n丙 2。\n《甲<乙>》”、“丙”“丁”…戊——己--庚(辛);\n2015-2017年，2016—2018年")
def test_punctuation_views_over_the_paragraphs_holding_a_mark_are_those_over_every_paragraph(text):
    from unittest import mock

    from checker.model.document import Document
    from checker.rules.checks import punctuation as pn

    views = (pn.halfwidth_marks, pn.nested_titles, pn.marked_item_joins, pn.ellipsis_spans, pn.dash_spans,
             pn.year_ranges, pn.inner_spaces)
    fast = [view(Document(text)) for view in views]
    with mock.patch.object(pn, "ranges_holding", lambda text, ranges, words: list(ranges)):
        plain = [view(Document(text)) for view in views]
    assert fast == plain


# -- names ----------------------------------------------------------------------------------

_PLAIN_RUN_END = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]*\Z")  # where name_uses's runs began before


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="科技局a1，。 \n、的", max_size=24))
def test_a_name_run_found_from_its_last_break_begins_where_the_plain_search_says(text):
    from checker.rules.checks import names

    for end in range(len(text) + 1):
        for start in range(end + 1):
            before = names._RUN_BREAK.search(text, start, end)
            plain = _PLAIN_RUN_END.search(text, start, end).start()
            assert (before.start() + 1 if before else start) == plain


# -- rule packs -----------------------------------------------------------------------------

def _pack_pieces():
    from checker.rules.rulepacks import matcher

    forms = sorted(matcher().by_form)
    return forms[::7] + [form[:2] for form in forms[::11]] + [form[1:] for form in forms[::13]] + [
        "国家", "和", "部门", "的", "2015年", "，", "\n", "于"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_pack_pieces()), max_size=30).map("".join))
def test_pack_forms_found_from_grouped_pairs_are_those_found_from_one_class_of_each(text):
    from checker.rules.rulepacks import Matcher, load_pack, pack_paths

    fast = Matcher([load_pack(path) for path in pack_paths()])
    plain = Matcher([load_pack(path) for path in pack_paths()])
    firsts = "".join(sorted({pair[0] for pair in plain.by_pair}))
    seconds = "".join(sorted({pair[1] for pair in plain.by_pair}))
    plain.pattern = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")  # as first written
    spans = [(0, len(text) // 2), (len(text) // 2 + 1, len(text))]
    assert list(fast.matches(text, spans)) == list(plain.matches(text, spans))


_EITHER_OR_PIECES = ["其他", "其它", "身份", "身分", "千米", "公里", "其", "他", "它", "身", "份", "公", "里",
                     "，", "。", "\n", "一、", "附件：", "甲"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EITHER_OR_PIECES), max_size=40).map("".join))
def test_either_or_forms_are_weighed_only_when_the_text_holds_two_forms_of_a_rule(text):
    from checker.model.document import Document
    from checker.rules.checks.typos import inconsistent_variants
    from checker.rules.rulepacks import matcher

    doc = Document(text)
    rules = matcher(doc.settings)
    uses = rules.consistency_uses(doc.text, doc.body_spans)
    broken = [c for c in rules.consistencies
              if sum(any(c.conditions.hold(text, at, at + len(form)) for at in uses.get(form, ()))
                     for form in c.forms) >= 2]
    hits = list(inconsistent_variants(doc))
    if not any(sum(form in text for form in c.forms) >= 2 for c in rules.consistencies):
        assert not broken and not hits  # the pre-test passes over no rule that is broken
    assert bool(hits) == bool(broken)
