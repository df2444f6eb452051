"""Dates: the shared extraction view and the DT rules."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from checker.model.dates import document_date, extract_dates, years_in
from checker.model.document import Document
from tests.conftest import codes, findings

SIGNED = "\n某区科学技术局\n2024年1月15日\n"


# -- extraction -----------------------------------------------------------------------


def test_every_written_form_is_parsed_with_its_span():
    text = "甲2016年1月19日乙二〇一六年一月十九日丙2016-01-19丁2016.1.19戊"
    found = extract_dates(text)
    assert [(m.year, m.month, m.day) for m in found] == [(2016, 1, 19)] * 4
    assert [m.form for m in found] == ["arabic", "chinese", "numeric", "numeric"]
    assert [text[m.start : m.end] for m in found] == [
        "2016年1月19日",
        "二〇一六年一月十九日",
        "2016-01-19",
        "2016.1.19",
    ]


def test_full_width_digits_and_month_day_without_year():
    (first, second) = extract_dates("２０１６年１２月３日，十二月三十一日")
    assert (first.year, first.month, first.day) == (2016, 12, 3)
    assert (second.year, second.month, second.day) == (None, 12, 31)


def test_decimals_ranges_and_bare_months_are_not_dates():
    assert extract_dates("增长1.09亿元，2013-2015年，1-11月，3个月，12月") == []


def test_weekday_beside_a_date_is_read():
    (mention,) = extract_dates("定于2024年3月8日（星期五）召开")
    assert mention.weekday == 4 and mention.as_date() == datetime.date(2024, 3, 8)


def test_years_in_text():
    assert years_in("2015年工作总结和二〇一六年工作计划，九十年代") == [2015, 2016]


def test_document_date_is_the_signature_date():
    doc = Document("关于某事的报告\n区人民政府：\n现报告如下。" + SIGNED)
    assert document_date(doc) == datetime.date(2024, 1, 15)


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_any_real_date_in_any_form_parses_back_and_is_possible(day):
    for text in (
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}-{day.month:02d}-{day.day:02d}",
        f"{day.year}.{day.month}.{day.day}",
    ):
        (mention,) = extract_dates(f"于{text}完成")
        assert mention.as_date() == day and not mention.impossible


# -- DT101 impossible dates ---------------------------------------------------------------


def test_thirtieth_of_february_is_impossible():
    (f,) = findings("通知\n请于2023年2月30日前报送。\n", "DT101")
    assert (f.code, f.line, f.column, f.excerpt) == ("DT101", 2, 3, "2023年2月30日")


def test_thirteenth_month_is_impossible():
    (f,) = findings("通知\n二〇二三年十三月完成。\n", "DT101")
    assert (f.line, f.evidence["month"]) == (2, 13)


def test_leap_day_only_in_a_leap_year():
    assert codes("甲\n2024年2月29日召开。\n", "DT101") == []
    assert codes("甲\n2023年2月29日召开。\n", "DT101") == ["DT101"]
    assert codes("甲\n2月29日召开。\n", "DT101") == []


# -- DT102 weekdays ---------------------------------------------------------------------------


def test_wrong_weekday_is_reported_with_the_real_one():
    (f,) = findings("会议通知\n定于2024年3月8日（星期四）上午召开。\n", "DT102")
    assert (f.code, f.line, f.excerpt) == ("DT102", 2, "星期四")
    assert "星期五" in f.message


def test_right_weekday_is_fine():
    assert codes("会议通知\n定于2024年3月8日（星期五）上午召开，2024年3月9日周六休息。\n", "DT102") == []


# -- DT103 dates after the document's date in a part that reports what was done -------------

SUMMARY = (
    "某区科学技术局2023年工作总结和2024年工作计划\n"
    "一、2023年工作完成情况\n（一）平台建设。科技服务中心于{done}投入使用。\n"
    "二、存在问题\n人才不足。\n三、2024年工作计划\n（一）加强服务。于2024年6月30日前完成改造。\n" + SIGNED
)


def test_done_part_with_a_date_after_the_signature_is_reported():
    (f,) = findings(SUMMARY.format(done="2024年3月1日"), "DT103")
    assert (f.code, f.line, f.excerpt) == ("DT103", 3, "2024年3月1日")


def test_done_part_with_earlier_dates_and_plan_part_with_later_ones_are_fine():
    assert codes(SUMMARY.format(done="2023年11月15日"), "DT103") == []


def test_forward_looking_clause_in_done_part_is_fine():
    assert codes(SUMMARY.format(done="2023年底基本建成，预计2024年3月"), "DT103") == []


# -- DT104 the signature date's form ---------------------------------------------------------


def test_chinese_numeral_signature_date_after_2012_gets_a_safe_fix():
    (f,) = findings("关于某事的报告\n区人民政府：\n现报告如下。\n某区科学技术局\n二〇一六年一月十九日\n", "DT104")
    assert (f.line, f.fix.replacement, f.fix.safety) == (5, "2016年1月19日", "safe")


def test_leading_zeros_in_signature_date_are_reported():
    (f,) = findings("关于某事的报告\n现报告如下。\n某区科学技术局\n2016年01月09日\n", "DT104")
    assert f.fix.replacement == "2016年1月9日"


def test_signature_dates_before_gbt_9704_2012_and_arabic_ones_are_fine():
    assert codes("关于某事的报告\n现报告如下。\n某区科学技术局\n二〇〇四年六月二十六日\n", "DT104") == []
    assert codes("关于某事的报告\n现报告如下。" + SIGNED, "DT104") == []


# -- DT105 published before signed -------------------------------------------------------------


def test_publication_date_before_signature_date_is_reported():
    text = "发布日期:2024-01-10\n关于某事的报告\n现报告如下。" + SIGNED
    (f,) = findings(text, "DT105")
    assert (f.code, f.line) == ("DT105", 1)


def test_publication_after_signature_is_fine(seed_path):
    assert codes("发布日期:2024-01-20\n关于某事的报告\n现报告如下。" + SIGNED, "DT105") == []
    assert codes(seed_path.read_text(encoding="utf-8"), "DT") == []


# -- years, and the one definition of a date ---------------------------------------------


def test_the_year_view_reads_arabic_chinese_and_look_alike_years_and_marks_decades():
    from checker.model.dates import extract_years

    text = "二〇一六年，2015 年底，一九九〇年代，二O一六年，十二零一六年"
    found = [(year.digits, year.value, year.chinese, year.decade) for year in extract_years(text)]
    assert found == [
        ("二〇一六", 2016, True, False),
        ("2015", 2015, False, False),
        ("一九九〇", 1990, True, True),
        ("二O一六", 2016, True, False),
    ]  # 十二零一六 is no year: a numeral runs on before it


def test_a_signature_date_with_a_look_alike_zero_is_a_date_line_of_the_outline():
    text = "关于开展检查的通知\n各单位：\n现将有关事项通知如下。\n\n某某市人民政府\n二O一六年一月五日\n"
    assert [f.code for f in findings(text, "DT104")] == ["DT104"]
    assert findings(text, "DT104")[0].fix.replacement == "2016年1月5日"


_YEARS = st.sampled_from(["2016", "２０１６", "二〇一六", "二○一六", "二O一六", "201", "二〇一"])
_MONTHS = st.sampled_from(["1", "01", "12", "十二", "一", "十三", "123", "二十一"])
_DAYS = st.sampled_from(["5", "05", "31", "三十一", "五", "四十五", "123"])
_GAPS = st.sampled_from(["", " ", "\u3000"])


@given(_YEARS, _GAPS, _MONTHS, _GAPS, _DAYS, st.sampled_from(["日", "号"]))
def test_the_outline_and_the_date_view_agree_on_what_a_date_line_is(year, gap, month, gap2, day, mark):
    from checker.model.outline import classify_lines

    line = f"{year}{gap}年{gap}{month}{gap2}月{gap2}{day}{gap}{mark}"
    mentions = extract_dates(line)
    whole_date = (
        len(mentions) == 1
        and (mentions[0].start, mentions[0].end) == (0, len(line))
        and mentions[0].year is not None
        and mentions[0].day is not None
        and mark == "日"
    )
    assert (classify_lines(line + "\n")[0].kind == "date_line") == whole_date
