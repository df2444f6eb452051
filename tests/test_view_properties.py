"""Properties every text view of the model keeps, on random mixtures of the pieces it reads.

Each view is tested through its public function only: what it returns must be well formed
(in order, inside the text, not overlapping), and each item must read back the same when its
own text is read alone. The pieces are chosen so that random mixtures make many dates,
numbers and headings, with the separators and look-alikes that make reading them hard.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.model.dates import extract_dates, extract_years
from checker.model.outline import build_outline
from checker.model.quantities import extract_quantities

PROPERTY = settings(
    max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def mixtures(pieces: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# -- dates ----------------------------------------------------------------------------------

DATE_PIECES = [
    "2016",
    "１９９８",
    "16",
    "3",
    "03",
    "12",
    "19",
    "二〇一六",
    "二○一五",
    "十二",
    "三十一",
    "一",
    "年",
    "月",
    "日",
    "号",
    "-",
    "－",
    ".",
    "/",
    "．",
    " ",
    "\u3000",
    "（星期五）",
    "周三",
    "甲",
    "\n",
    "2016-01-19",
    "2016.1.2",
    "2016年1月",
    "3月",
    "12月3日",
    "于",
    "至",
]


@PROPERTY
@given(mixtures(DATE_PIECES))
@example(
    "于2016年1月19日、二〇一六年一月十九日、2016-01-19、2016.1.2、2016/1/2、2016．1．2和 2016 年 3 月"
    "（星期五）、12月3日、三月"
)
def test_dates_are_in_order_do_not_overlap_and_read_back_alone(text):
    found = extract_dates(text)
    ends = [0]
    for mention in found:
        assert ends[-1] <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        ends.append(mention.end)
        alone = extract_dates(mention.text)
        assert [(d.year, d.month, d.day) for d in alone] == [(mention.year, mention.month, mention.day)]


def test_each_written_form_of_a_date_is_one_mention():
    text = "于2016年1月19日、二〇一六年一月十九日、2016-01-19、2016.1.2、2016/1/2、2016．1．2和 2016 年 3 月、12月3日、三月"
    assert [(d.text, d.form, d.year, d.month, d.day) for d in extract_dates(text)] == [
        ("2016年1月19日", "arabic", 2016, 1, 19),
        ("二〇一六年一月十九日", "chinese", 2016, 1, 19),
        ("2016-01-19", "numeric", 2016, 1, 19),
        ("2016.1.2", "numeric", 2016, 1, 2),
        ("2016/1/2", "numeric", 2016, 1, 2),
        ("2016．1．2", "numeric", 2016, 1, 2),
        ("2016 年 3 月", "arabic", 2016, 3, None),
        ("12月3日", "arabic", None, 12, 3),
    ]


@PROPERTY
@given(mixtures(DATE_PIECES))
def test_years_are_in_order_inside_the_text_and_plausible(text):
    found = extract_years(text)
    assert [y.start for y in found] == sorted(y.start for y in found)
    for year in found:
        assert 0 <= year.start < year.end <= len(text)
        assert text[year.end - 1] == "年"


# -- quantities ------------------------------------------------------------------------------

QUANTITY_PIECES = [
    "一",
    "二",
    "两",
    "三",
    "五",
    "九",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "点",
    "零",
    "〇",
    "百分之",
    "0",
    "1",
    "3",
    "7",
    "12",
    "100",
    "2023",
    "1,234",
    "10,400",
    "1,2345",
    "1，753",
    "2，0000",
    "3.5",
    "０",
    "３．５",
    ",",
    ".",
    "．",
    "万元",
    "亿元",
    "万亿元",
    "%",
    "％",
    "个百分点",
    "项",
    "人",
    "个",
    "年",
    "倍",
    "‰",
    "多",
    "余",
    "共",
    "其中",
    "增长",
    "占",
    "约",
    "近",
    "超",
    "以上",
    "左右",
    "第",
    "，",
    "。",
    "、",
    "-",
    "至",
    "\n",
    " ",
    "企业",
]


@PROPERTY
@given(mixtures(QUANTITY_PIECES))
def test_quantities_are_in_order_do_not_overlap_and_read_back_alone(text):
    found = extract_quantities(text)
    end = 0
    for quantity in found:
        assert end <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start : quantity.end] == quantity.text
        end = quantity.end
        if not quantity.ranged and not quantity.ordinal:
            alone = extract_quantities(quantity.text)
            assert [(q.value, q.unit) for q in alone] == [(quantity.value, quantity.unit)]


@given(st.integers(1, 999), st.lists(st.integers(0, 999), min_size=1, max_size=3), st.sampled_from([",", "，"]))
def test_digits_grouped_in_threes_are_read_as_one_number(head, groups, separator):
    written = str(head) + "".join(separator + f"{group:03d}" for group in groups)
    [quantity] = extract_quantities(f"投入{written}亿元。")
    assert quantity.value == Fraction(int(written.replace(separator, ""))) * 10**8


# -- outline ---------------------------------------------------------------------------------

OUTLINE_PIECES = [
    "一、",
    "二、",
    "十二、",
    "三．",
    "（一）",
    "（二）",
    "(三)",
    "（4）",
    "1.",
    "2．",
    "12、",
    "第一章",
    "第二节",
    "第五条",
    "索 引 号：",
    "发布机构：",
    "附件：",
    "附件1",
    "某办函〔2020〕8号",
    "2019年3月8日",
    "二〇一九年三月八日",
    "国务院办公厅",
    "关于做好某某工作的通知",
    "一是",
    "二是加强",
    "第一，",
    "统一是",
    " ",
    "\u3000",
    "\r\n",
    "\n",
    "\n",
    "\n\n",
    "正文内容",
    "。",
    "；",
    "，",
    "：",
    "2.5万元",
]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(mixtures(OUTLINE_PIECES, max_size=60))
def test_outline_nodes_nest_inside_their_parent_in_text_order(text):
    root = build_outline(text)
    for node in root.walk():
        assert 0 <= node.start <= node.head_start <= node.head_end <= node.end <= len(text)
        previous_end = node.head_start
        for child in node.children:
            assert child.parent is node
            assert node.start <= child.start and child.end <= node.end
            assert child.start >= previous_end
            previous_end = child.end
