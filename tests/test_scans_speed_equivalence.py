"""Fast scans give exactly what the plain formulation they replace gives.

Several views find their matches by a shortcut (from an anchor character, over the
whole body instead of paragraph by paragraph, with a cheap pre-test); each test here
holds a shortcut to the plain formulation on random text made of the characters the
patterns care about.
"""
import bisect

from hypothesis import given, settings, strategies as st

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
