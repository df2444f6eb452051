"""Fast scans give exactly what the plain formulation they replace gives.

Several views find their matches by a shortcut (from an anchor character, over the
whole body instead of paragraph by paragraph, with a cheap pre-test); each test here
holds a shortcut to the plain formulation on random text made of the characters the
patterns care about.
"""
import bisect
import re

from hypothesis import example, given, settings, strategies as st

from checker import dates

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
    for pattern, form in ((dates._NUMERIC, "numeric"), (dates._ARABIC, "arabic"),
                          (dates._CHINESE, "chinese")):
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
    from checker.checks import number_usage as nu
    from checker.document import Document

    doc = Document(text)
    assert _spans(nu.chinese_years(doc)) == _spans(
        m for m in _plain_paragraph_matches(doc, nu._CHINESE_YEAR)
        if any(ch in "一二三四五六七八九" for ch in m.group(1)) and any(ch in "零OＯ0０○" for ch in m.group(1)))
    assert _spans(m for m, _ in nu.short_years(doc)) == _spans(_plain_paragraph_matches(doc, nu._SHORT_YEAR))
    assert nu.padded_dates(doc) == [m.start() for m in _plain_paragraph_matches(doc, nu._PADDED)]
    assert _spans(nu.dropped_range_marks(doc)) == _spans(
        m for m in _plain_paragraph_matches(doc, nu._RANGE)
        if not (m.group(2) in "-－" and m.group(4) not in ("%", "％", "‰")))
    data = nu.load_number_usage_rules()
    spec = tuple((q["name"], tuple(q["before"]), tuple(q["after"]), tuple(q.get("unless_followed_by", ())))
                 for q in data["double_qualifiers"])
    plain = []
    for p in doc.body_paragraphs:
        for name, pattern, unless, _ in nu._qualifier_patterns(spec):
            for m in pattern.finditer(doc.text, p.start, p.end):
                if m.start() > p.start and doc.text[m.start() - 1] in data["qualifier_word_prefixes"]:
                    continue
                if unless and doc.text.startswith(unless, m.end()):
                    continue
                plain.append((m, name))
    plain.sort(key=lambda pair: pair[0].start())
    assert [(m.span(), name) for m, name in nu.double_qualifiers(doc)] == [(m.span(), n) for m, n in plain]


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

    from checker.checks import punctuation as pn
    from checker.document import Document

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
    from checker.checks import names

    for end in range(len(text) + 1):
        for start in range(end + 1):
            before = names._RUN_BREAK.search(text, start, end)
            plain = _PLAIN_RUN_END.search(text, start, end).start()
            assert (before.start() + 1 if before else start) == plain


# -- rule packs -----------------------------------------------------------------------------

def _pack_pieces():
    from checker.rulepacks import matcher

    forms = sorted(matcher().by_form)
    return forms[::7] + [form[:2] for form in forms[::11]] + [form[1:] for form in forms[::13]] + [
        "国家", "和", "部门", "的", "2015年", "，", "\n", "于"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_pack_pieces()), max_size=30).map("".join))
def test_pack_forms_found_from_grouped_pairs_are_those_found_from_one_class_of_each(text):
    from checker.rulepacks import Matcher, load_pack, pack_paths

    fast = Matcher([load_pack(path) for path in pack_paths()])
    plain = Matcher([load_pack(path) for path in pack_paths()])
    firsts = "".join(sorted({pair[0] for pair in plain.by_pair}))
    seconds = "".join(sorted({pair[1] for pair in plain.by_pair}))
    plain.pattern = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")  # as first written
    spans = [(0, len(text) // 2), (len(text) // 2 + 1, len(text))]
    assert list(fast.matches(text, spans)) == list(plain.matches(text, spans))


def _plain_name_variants(doc):
    """name_variants as first written: the forms filed by their two ends at once, every
    candidate looked up, the runs' starts searched for from every position."""
    from collections import Counter

    from checker.checks import names as nm

    uses = []
    for span_start, span_end in doc.body_spans:
        for found in nm._ENDING.finditer(doc.text, span_start, span_end):
            end = found.end()
            start = _PLAIN_RUN_END.search(doc.text, max(span_start, end - nm._LONGEST), end).start()
            if end - start >= nm._SHORTEST:
                uses.append((start, end, doc.text[start:end]))
    runs = Counter(run for _, _, run in uses)
    candidates = {run: nm._candidates(run) for run in runs}
    counts = Counter()
    for run, used in runs.items():
        for candidate in set(candidates[run]):
            counts[candidate] += used
    abbreviations = {m.group(1) for m in nm._ABBREVIATION.finditer(doc.text)}
    usual = {name for name, count in counts.items() if count >= 3 and len(name) >= 6}
    long_names = {name for name in counts
                  if len(name) >= 12 and nm._BODY_ENDING.search(name, 0, len(name) - 2)}
    forms_by_ends = {}
    for name in sorted(usual | long_names):
        forms_by_ends.setdefault(name[:2] + name[-2:], []).append(name)
    variant_of = {}
    for run, names in candidates.items():
        variant_of[run] = None
        for candidate in names:
            forms = forms_by_ends.get(candidate[:2] + candidate[-2:])
            variant = forms and nm._compare(candidate, forms, counts, usual, abbreviations)
            if variant:
                variant_of[run] = (candidate, variant)
                break
    return [nm.Variant(end - len(variant_of[run][0]), end, variant_of[run][0], *variant_of[run][1])
            for _, end, run in uses if variant_of[run]]


_NAME_PIECES = ["黄花岗科技园", "黄花科技园", "黄花岗", "科技园", "区科学技术局", "区科技局", "以下简称", "“", "”",
                "中国版权保护中心华南版权登记大厅", "中国版权保护中心版权登记大厅", "和", "的", "，", "。", "\n",
                "东区管委会", "西区管委会", "示范区", "人民政府", "市政府", "1", "黄花岗科技园，" * 3,
                "区科学技术局、" * 3]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=40).map("".join))
def test_name_variants_found_by_filed_ends_are_those_of_the_plain_formulation(text):
    from checker.checks import names
    from checker.document import Document

    doc = Document(text)
    assert names.name_variants(doc) == _plain_name_variants(doc)
