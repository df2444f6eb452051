"""NC rules: the arithmetic of totals, shares and changes, with its evidence."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.config import Settings
from checker.model.quantities import format_number
from checker.run.engine import check_path
from tests.conftest import SAMPLES, findings

FILLER = "　　加强组织领导，压实工作责任。\n"


def nc(text: str, select: str = "NC"):
    return findings(text if text.endswith("\n") else text + "\n", select)


def at_line(sentence: str, line: int) -> str:
    """A document whose ``line``-th line is ``sentence``."""
    return "关于工作情况的报告\n" + FILLER * (line - 2) + "　　" + sentence + "\n" + FILLER


# -- NC101 breakdown-sum-mismatch ------------------------------------------------


def test_enumerated_breakdown_that_does_not_add_up_is_an_error_with_the_sum():
    (f,) = nc("　　今年共获得国家、省、市各类荣誉36项，其中国家级3项，省级12项，市级22项。")
    assert (f.code, f.line, f.column, f.severity.value) == ("NC101", 1, 18, "error")
    assert f.message == "合计36项，分项之和3+12+22=37项，不一致（相差1项）"
    assert f.evidence["sum"] == "3+12+22=37项"
    assert "国家、省、市" in f.evidence["exhaustive_because"]


def test_enumerated_breakdown_that_adds_up_is_fine():
    assert nc("今年共获得国家、省、市各类荣誉36项，其中国家级3项，省级12项，市级21项。") == []


def test_partition_breakdown_in_mixed_wan_and_yi_units():
    (f,) = nc("安排资金共1.2亿元，其中新建项目5000万元，续建项目8000万元。")
    assert f.code == "NC101"
    assert "5000万元+8000万元=1.3亿元" in f.message
    assert nc("安排资金共1.2亿元，其中新建项目5000万元，续建项目7000万元。") == []


def test_rounded_parts_may_differ_from_the_total_within_rounding_and_the_evidence_says_so():
    assert nc("安排资金共3.1亿元，其中新建项目1.04亿元，续建项目2.07亿元。") == []
    (f,) = nc("安排资金共3.1亿元，其中新建项目1.04亿元，续建项目2.17亿元。")
    assert f.code == "NC101" and any("四舍五入" in note for note in f.evidence["rounding"])


def test_approximate_total_relaxes_the_sum_to_the_stated_tolerance():
    assert nc("共评出成果约80项，其中一等奖10项、二等奖30项、三等奖45项。") == []
    (f,) = nc("共评出成果80项，其中一等奖10项、二等奖30项、三等奖45项。")
    assert f.code == "NC101" and f.evidence["rounding"] == ["各数均为精确整数"]
    (f,) = nc("共评出成果约60项，其中一等奖10项、二等奖30项、三等奖45项。")
    assert "±10%" in f.evidence["rounding"][0]


def test_parts_of_an_open_list_only_have_to_stay_below_the_total():
    assert nc("安排重点项目105个，其中，工业类30个、城市建设类28个、社会事业类12个。") == []


# -- NC102 part-exceeds-total ----------------------------------------------------------


def test_a_part_larger_than_its_total_is_an_error():
    (f,) = nc("全年新增企业120家，其中高新技术企业150家。")
    assert (f.code, f.severity.value, f.excerpt) == ("NC102", "error", "150家")
    assert f.evidence["comparison"] == "150家 > 120家"


def test_open_parts_whose_sum_exceeds_the_total_are_a_warning_because_they_may_overlap():
    (f,) = nc("全年新增企业120家，其中高新技术企业70家、科技型中小企业60家。")
    assert (f.code, f.severity.value) == ("NC102", "warning")
    assert f.evidence["sum"] == "70+60=130家"


def test_a_lower_bound_part_is_compared_by_its_bound():
    assert nc("累计建成基站超2万个，其中新建5000多个。") == []


# -- NC103–NC105 shares -------------------------------------------------------------


def test_share_against_the_total_of_its_breakdown():
    (f,) = nc("全区共有高新技术企业200家，其中新认定50家，占28.0%。")
    assert f.code == "NC103"
    assert f.evidence["computed"] == "50/200 = 25.0000%"
    assert "half-up" in f.evidence["rounding"]


def test_share_against_a_whole_stated_after_zhan():
    assert nc("认定示范企业12家，占全市120家的10%。") == []
    (f,) = nc("认定示范企业12家，占全市120家的12%。")
    assert f.code == "NC103"


def test_share_of_a_count_no_whole_number_gives_warns_with_the_nearest_totals():
    (f,) = nc("　　累计认定技术先进型服务企业17家，占全市总数的37.7%。")
    assert (f.code, f.severity.value, f.line) == ("NC104", "warning", 1)
    assert f.evidence["nearest_totals"] == ["17/45 = 37.8%", "17/46 = 37.0%"]


def test_share_of_a_count_that_some_whole_number_gives_is_fine():
    assert nc("累计认定技术先进型服务企业17家，占全市总数的37.8%。") == []
    assert nc("认定示范企业3家，占60%。") == []


def test_approximate_counts_are_not_tested_for_a_whole_number_total():
    assert nc("培训学员近300位，占全市的37.7%。") == []


def test_share_above_one_hundred_percent_is_an_error():
    (f,) = nc("民生支出占一般公共预算支出的比重达108%。")
    assert (f.code, f.excerpt) == ("NC105", "108%")


def test_change_of_a_share_may_exceed_one_hundred():
    assert nc("新能源汽车占比提高120%。") == []


# -- NC106–NC109 changes -------------------------------------------------------------


def test_increment_and_rate_that_disagree():
    (f,) = nc("新增市场主体3200户，比上年增加400户，增长12.5%。")
    assert f.code == "NC106"
    assert "400/(3200−400) = 14.3%" in f.message
    assert nc("新增市场主体3200户，比上年增加400户，增长14.3%。") == []


def test_increment_with_a_rate_written_as_a_lower_bound_that_it_misses():
    (f,) = nc("新增市场主体3200户，比上年增加400户，增长20%以上。")
    assert (f.code, f.message) == ("NC106", "3200户比上期增加400户，增长率应为400/(3200−400) = 14%，与所写20%不符")
    assert f.evidence["rounding"] == "“20%”带“以上”，只作下限（≥19.5%）"


def test_decrease_increment_uses_the_larger_base():
    assert nc("库存商品860吨，比上年减少140吨，下降14.0%。") == []
    (f,) = nc("库存商品860吨，比上年减少140吨，下降16.3%。")
    assert f.code == "NC106" and f.evidence["base"] == "1000吨"


def test_from_to_rate_mismatch():
    (f,) = nc("筹资标准由每人50元提高到100元，提高50%。")
    assert f.code == "NC107" and "(100−50)/50 = 100%" in f.message


def test_from_to_rate_written_as_a_lower_bound_that_the_values_miss():
    (f,) = nc("全市企业数量由50家增加到60家，增长50%以上。")
    assert (f.code, f.message) == ("NC107", "由50家增加到60家，增长(60−50)/50 = 20%，与所写50%不符")
    assert f.evidence["rounding"] == "“50%”带“以上”，只作下限（≥49.5%）"


def test_from_to_points_mismatch():
    (f,) = nc("城镇化率由61.5%提高到63.0%，提高1.7个百分点。")
    assert f.code == "NC107" and "63−61.5 = 1.5个百分点" in f.message
    assert nc("城镇化率由61.5%提高到63.0%，提高1.5个百分点。") == []


def test_from_to_direction_mismatch():
    (f,) = nc("办理时限由15天……由20个工作环节增加到12个。")
    assert f.code == "NC107" and "方向不符" in f.message


def test_rank_going_up_gets_smaller_and_is_fine():
    assert nc("创新能力排名由第12位上升到9位。") == []


def test_times_growth_mismatch_explains_growth_by_times():
    (f,) = nc("产值由20亿元增长到60亿元，增长3倍。")
    assert f.code == "NC107" and f.evidence["ratio_to_start"] == "3.00"
    assert "增长到" in f.suggestion
    assert nc("产值由20亿元增长到60亿元，增长2倍。") == []


def test_percentage_point_change_written_as_percent_is_an_error_with_an_unsafe_fix():
    text = "研发投入强度由2.1%提高到2.4%，提高0.3%。"
    (f,) = nc(text)
    assert (f.code, f.excerpt) == ("NC108", "0.3%")
    assert f.fix.replacement == "个百分点" and f.fix.safety == "unsafe"
    assert text[f.fix.start : f.fix.end] == "%"
    assert f.evidence["difference"] == "2.4−2.1 = 0.3个百分点"


def test_relative_change_of_a_percentage_written_as_percent_is_fine():
    assert nc("不良率由2.0%下降到1.5%，下降25%。") == []


def test_decrease_by_times_warns():
    (f,) = nc("单位产值能耗降低了2倍。")
    assert (f.code, f.severity.value) == ("NC109", "warning")


def test_same_rate_for_several_values_is_no_claim():
    assert nc("全年营业收入达600亿元、利税达15.5亿元，同比增长均为12%。") == []


# -- NC110 several shares -------------------------------------------------------------


def test_structure_ratio_that_does_not_make_one_hundred():
    (f,) = nc("三次产业结构调整为4.6:36.5:59.9。")
    assert f.code == "NC110" and f.evidence["sum"] == "4.6+36.5+59.9 = 101.0"
    assert nc("三次产业结构调整为4.6:36.5:58.9。") == []


def test_partition_shares_listed_in_clauses():
    (f,) = nc("第一产业占4.6%，第二产业占36.5%，第三产业占57.0%。")
    assert f.code == "NC110"
    assert nc("第一产业占4.6%，第二产业占36.5%，第三产业占58.9%。") == []


def test_a_plain_ratio_is_not_shares():
    assert nc("三次产业结构比例约为1:4:5。") == []


# -- NC111 restated figures -------------------------------------------------------------


def test_same_figure_stated_twice_with_different_values():
    text = "　　2023年全区专利授权总量5458件。\n　　加强保护。\n　　2023年全区专利授权总量5485件。\n"
    (f,) = nc(text)
    assert (f.code, f.line, f.severity.value) == ("NC111", 3, "warning")
    assert f.evidence["first"] == {"value": "5458件", "line": 1}


def test_same_figure_in_different_years_is_fine():
    assert nc("2022年全区专利授权总量5120件。\n2023年全区专利授权总量5458件。\n") == []


# -- the seed and the samples ----------------------------------------------------------


def test_seed_share_warns_and_nothing_else_fires(seed_path):
    report = check_path(str(seed_path), Settings(select=["NC"]))
    (f,) = report.findings
    assert (f.code, f.line) == ("NC104", 25)
    assert "17/45 = 37.8%" in f.evidence["nearest_totals"] and "17/46 = 37.0%" in f.evidence["nearest_totals"]


def test_report_defects_sample_has_its_three_planted_numeric_defects():
    report = check_path(str(SAMPLES / "report-defects.txt"), Settings(select=["NC"]))
    assert [(f.code, f.line) for f in report.findings] == [("NC101", 6), ("NC104", 7), ("NC108", 10)]
    assert "4+54+21=79项" in report.findings[0].message


def test_clean_work_summary_has_no_numeric_finding():
    assert check_path(str(SAMPLES / "work-summary-clean.txt"), Settings(select=["NC"])).findings == []


def test_numeric_defects_sample_fires_every_nc_rule_once_on_its_line():
    report = check_path(str(SAMPLES / "numeric-defects.txt"), Settings(select=["NC"]))
    assert [(f.line, f.code) for f in report.findings] == [
        (6, "NC106"),
        (6, "NC110"),
        (7, "NC101"),
        (7, "NC102"),
        (8, "NC108"),
        (8, "NC104"),
        (10, "NC103"),
        (11, "NC107"),
        (13, "NC105"),
        (13, "NC109"),
        (13, "NC111"),
    ]


def test_numeric_clean_sample_with_tricky_but_correct_figures_has_no_finding():
    assert check_path(str(SAMPLES / "numeric-clean.txt"), Settings(select=["NC"])).findings == []


def test_published_corpus_has_no_numeric_error(corpus_path):
    from checker.run.parallel import check_paths

    report = check_paths([str(corpus_path)], Settings(select=["NC"]))
    errors = [
        (file.path, f.line, f.code) for file in report.files for f in file.findings if f.severity.value == "error"
    ]
    assert errors == []


# -- properties ------------------------------------------------------------------------


def _perturbed(value: Fraction, error: Fraction) -> Fraction:
    """value moved by |error|, staying non-negative (a written figure has no sign)."""
    return value + error if value + error >= 0 else value - error


LINES = st.integers(min_value=2, max_value=30)
COUNTS = st.integers(min_value=0, max_value=5000)


@settings(max_examples=60, deadline=None)
@given(st.tuples(COUNTS, COUNTS, COUNTS), LINES, st.integers(min_value=-50, max_value=50))
def test_partition_breakdown_fires_exactly_when_a_number_is_off(parts, line, error):
    a, b, c = parts
    total = abs(a + b + c + error)
    error = total - (a + b + c)
    sentence = f"全年共评出成果{total}项，其中一等奖{a}项、二等奖{b}项、三等奖{c}项。"
    found = [(f.code, f.line) for f in nc(at_line(sentence, line)) if f.code in ("NC101", "NC102")]
    if error == 0:
        assert found == []
    else:
        assert ("NC101", line) in found


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=99_999), min_size=2, max_size=2),
    LINES,
    st.sampled_from([0, 0, 3, -3, 7]),
)
def test_partition_breakdown_in_wan_yuan_with_one_decimal(tenths, line, error_tenths):
    a, b = tenths
    total = _perturbed(Fraction(a + b, 10), Fraction(error_tenths, 10))
    sentence = (
        f"安排资金共{format_number(total, 1)}万元，其中新建项目{format_number(Fraction(a, 10), 1)}万元，"
        f"续建项目{format_number(Fraction(b, 10), 1)}万元。"
    )
    found = [(f.code, f.line) for f in nc(at_line(sentence, line)) if f.code == "NC101"]
    assert found == ([] if error_tenths == 0 else [("NC101", line)])


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=900),
    st.integers(min_value=1, max_value=900),
    LINES,
    st.sampled_from([0, 0, 2, -2, 15]),
)
def test_share_of_a_stated_whole_fires_exactly_when_the_percentage_is_off(part, extra, line, error_tenths):
    whole = part + extra
    percent = Fraction(part * 100, whole)
    written = format_number(percent, 1)
    if error_tenths:
        written = format_number(_perturbed(Fraction(written), Fraction(error_tenths, 10)), 1)
    sentence = f"全区共有企业{whole}家，其中新认定{part}家，占{written}%。"
    found = [(f.code, f.line) for f in nc(at_line(sentence, line)) if f.code in ("NC103", "NC104")]
    assert found == ([] if error_tenths == 0 else [("NC103", line)])


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=1000), st.integers(min_value=0, max_value=5000), LINES)
def test_share_of_a_count_from_a_real_whole_never_warns(part, extra, line):
    whole = part + extra
    written = format_number(Fraction(part * 100, whole), 1)
    sentence = f"累计认定示范企业{part}家，占全市总数的{written}%。"
    assert nc(at_line(sentence, line)) == []


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=100_000),
    st.integers(min_value=1, max_value=100_000),
    LINES,
    st.sampled_from([0, 0, 2, -2, 11]),
)
def test_increment_change_fires_exactly_when_the_rate_is_off(base, increase, line, error_tenths):
    value = base + increase
    rate = format_number(Fraction(increase * 100, base), 1)
    if error_tenths:
        rate = format_number(_perturbed(Fraction(rate), Fraction(error_tenths, 10)), 1)
    sentence = f"新增市场主体{value}户，比上年增加{increase}户，增长{rate}%。"
    found = [(f.code, f.line) for f in nc(at_line(sentence, line))]
    assert found == ([] if error_tenths == 0 else [("NC106", line)])


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=500), st.integers(min_value=1, max_value=300), LINES, st.booleans())
def test_points_change_of_two_percentages(start_tenths, rise_tenths, line, written_as_percent):
    start = Fraction(start_tenths, 10)
    end = start + Fraction(rise_tenths, 10)
    unit = "%" if written_as_percent else "个百分点"
    sentence = (
        f"研发投入强度由{format_number(start, 1)}%提高到{format_number(end, 1)}%，"
        f"提高{format_number(end - start, 1)}{unit}。"
    )
    found = [(f.code, f.line) for f in nc(at_line(sentence, line))]
    assert found == ([("NC108", line)] if written_as_percent else [])


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=100_000),
    st.integers(min_value=1, max_value=100_000),
    LINES,
    st.sampled_from([0, 0, 3, -3]),
)
def test_from_to_relative_change_fires_exactly_when_the_rate_is_off(start, rise, line, error_tenths):
    end = start + rise
    rate = format_number(Fraction(rise * 100, start), 1)
    if error_tenths:
        rate = format_number(_perturbed(Fraction(rate), Fraction(error_tenths, 10)), 1)
    sentence = f"新登记企业由{start}户增加到{end}户，增长{rate}%。"
    found = [(f.code, f.line) for f in nc(at_line(sentence, line))]
    assert found == ([] if error_tenths == 0 else [("NC107", line)])


def test_share_of_an_amount_says_nothing_about_the_count():
    assert nc("新引进企业17家，占全市引进投资总额的37.7%。") == []


def test_open_parts_said_to_overlap_do_not_warn():
    assert nc("全区共有规上企业156家，其中高新技术企业98家、专精特新企业72家（两类企业有交叉）。") == []


def test_a_figure_for_part_of_the_year_is_not_compared_with_the_whole_year():
    text = "2023年1-6月全区地区生产总值580亿元。\n2023年全区地区生产总值1250亿元。\n"
    assert nc(text) == []


def test_gdp_growth_at_comparable_prices_is_not_checked_against_its_nominal_increase():
    assert nc("地区生产总值达到1250亿元，比上年增加75亿元，按可比价格计算增长5.5%。") == []
    assert nc("地区生产总值达到1250亿元，比上年增加75亿元，增长5.5%。") == []


def test_a_stock_is_not_a_part_of_a_flow():
    assert nc("全年发放贷款120亿元，其中普惠小微贷款余额360亿元。") == []


def _written(value: int, form: str) -> str:
    """An integer as a drafter may write it: Arabic, full-width or Chinese numerals."""
    if form == "arabic":
        return str(value)
    if form == "full":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    import cn2an

    return cn2an.an2cn(value)


FORMS = st.sampled_from(["arabic", "full", "chinese"])


@settings(max_examples=60, deadline=None)
@given(
    st.tuples(st.integers(1, 999), st.integers(1, 999), st.integers(1, 999)),
    FORMS,
    LINES,
    st.sampled_from([0, 0, 1, -1, 20]),
)
def test_breakdown_in_any_numeral_form_fires_exactly_when_a_number_is_off(parts, form, line, error):
    a, b, c = parts
    total = a + b + c + error
    sentence = (
        f"共获得国家、省、市奖励{_written(total, form)}项，其中国家级{_written(a, form)}项，"
        f"省级{_written(b, form)}项，市级{_written(c, form)}项。"
    )
    found = [(f.code, f.line) for f in nc(at_line(sentence, line))]
    assert found == ([] if error == 0 else [("NC101", line)])


def test_tax_and_non_tax_revenue_make_up_the_revenue():
    assert nc("一般公共预算收入86.5亿元，其中税收收入68.2亿元、非税收入18.3亿元。") == []
    (f,) = nc("一般公共预算收入86.5亿元，其中税收收入68.2亿元、非税收入19.3亿元。")
    assert f.code == "NC101" and f.evidence["exhaustive_because"] == "标准分类：税收非税收入"


FRAGMENTS = st.sampled_from(
    [
        *list("0123456789１２３.．,，、。；：:%％‰（）()-—～"),
        "万",
        "亿",
        "万亿",
        "元",
        "项",
        "个",
        "家",
        "人次",
        "年",
        "月",
        "倍",
        "个百分点",
        "百分之",
        "成",
        "其中",
        "分别为",
        "共",
        "占",
        "占比",
        "比重",
        "由",
        "从",
        "增加到",
        "提高到",
        "下降到",
        "增长",
        "提高",
        "减少",
        "降低",
        "比上年增加",
        "同比",
        "近",
        "约",
        "超",
        "余",
        "多",
        "以上",
        "不足",
        "累计",
        "第",
        "一",
        "二",
        "两",
        "十",
        "百",
        "千",
        "点",
        "三次产业",
        "一等奖",
        "二等奖",
        "三等奖",
        "国家",
        "省",
        "市",
        "级",
        "\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(FRAGMENTS, max_size=60))
def test_no_text_makes_a_numeric_rule_fail(fragments):
    found = findings("".join(fragments) + "\n", ["NC", "IN001"])
    assert [f.message for f in found if f.code == "IN001"] == []
    assert all(f.evidence for f in found)


def test_seed_claims_are_read_and_checked_not_missed(seed_path):
    from checker.load.source import Source
    from checker.model.claims import claims
    from checker.model.document import Document
    from checker.model.quantities import quantities

    doc = Document(Source(path=str(seed_path), text=seed_path.read_text(encoding="utf-8")))
    by_total = {b.total.text: b for b in claims(doc).breakdowns}
    assert by_total["78项"].exhaustive and [p.quantity.text for p in by_total["78项"].parts] == ["4项", "54项", "20项"]
    assert [p.quantity.text for p in by_total["8756件"].parts] == ["2136件"]
    assert [p.quantity.text for p in by_total["5458件"].parts] == ["671件"]
    (near,) = [q for q in quantities(doc) if q.text == "300位"]
    assert (near.qualifier, near.qualifier_word) == ("approximate", "近")


def test_share_of_a_count_in_chinese_numerals():
    (f,) = nc("累计认定示范企业十七家，占全市总数的百分之三十七点七。")
    assert f.code == "NC104" and f.evidence["nearest_totals"] == ["17/45 = 37.8%", "17/46 = 37.0%"]


def test_share_of_a_plan_may_exceed_one_hundred():
    assert nc("完成固定资产投资120亿元，占年度计划的115%。") == []


def test_increase_since_the_start_of_the_year_and_growth_year_on_year_have_different_bases():
    assert nc("存款余额5000亿元，比年初增加300亿元，同比增长12.0%。") == []
    (f,) = nc("存款余额5000亿元，比年初增加300亿元，增长12.0%。")
    assert f.code == "NC106"


def test_increment_compared_with_the_same_period_of_last_year():
    (f,) = nc("接待游客860万人次，比上年同期增加60万人次，增长9.5%。")
    assert f.code == "NC106" and "60/(860−60) = 7.5%" in f.message


def test_shares_listed_after_fen_bie_wei():
    assert nc("第一、二、三产业增加值占比分别为11.6%、39.9%、48.5%。") == []
    (f,) = nc("第一、二、三产业增加值占比分别为11.6%、39.9%、49.5%。")
    assert f.code == "NC110" and f.evidence["sum"] == "11.6+39.9+49.5 = 101.0"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 400), st.integers(1, 400), LINES, st.sampled_from([0, 0, 2, -2, 9]))
def test_structure_ratio_fires_exactly_when_a_share_is_off(first, second, line, error_tenths):
    third = 1000 - first - second
    shares = [Fraction(first, 10), Fraction(second, 10), _perturbed(Fraction(third, 10), Fraction(error_tenths, 10))]
    sentence = "三次产业结构调整为" + ":".join(format_number(share, 1) for share in shares) + "。"
    found = [(f.code, f.line) for f in nc(at_line(sentence, line))]
    assert found == ([] if error_tenths == 0 else [("NC110", line)])


def test_a_malformed_rules_file_is_reported_by_name_not_as_a_traceback(tmp_path, monkeypatch):
    import checker.core.datafiles

    bad = tmp_path / "numeric.yaml"
    bad.write_text("version: 2\n", encoding="utf-8")
    monkeypatch.setattr(checker.core.datafiles, "rules_path", lambda name: bad)
    found = findings("共78项，其中国家级4项。\n", ["NC101"])
    assert [f.code for f in found] == ["IN001"]
    assert str(bad) in found[0].message and "无效" in found[0].message


# -- numerals read right (wrong results seen on unseen documents) --------------------


def test_a_chinese_amount_with_qian_and_bai_before_wan_is_read_as_thousands_of_wan():
    # 三千七百万 is 3700万, not 3007 × 百万: the rise to 四千六百六十六万 is a rise
    assert nc("全省粮食产量由三千七百万吨增加到四千六百六十六万吨，增长百分之二十六。") == []


def test_a_chinese_amount_with_yi_and_wan_sections_gives_the_right_rate():
    assert nc("全国货运量由四亿八千三百万吨增加到六亿一千八百万吨，增长百分之二十八。") == []


def test_a_wrong_rate_between_chinese_amounts_is_still_found_with_their_values():
    (f,) = nc("全国货运量由四亿八千三百万吨增加到六亿一千八百万吨，增长百分之三十八。")
    assert (f.code, f.line, f.column) == ("NC107", 1, 7)
    assert f.message == (
        "由四亿八千三百万吨增加到六亿一千八百万吨，增长(618000000−483000000)/483000000 = 28%，与所写百分之三十八不符"
    )


def test_a_full_width_comma_between_thousands_is_a_thousands_separator():
    assert nc("全市财政收入1，753亿元，比上年增加253亿元，增长16.9%。") == []
    assert nc("全市财政收入由1，500亿元增加到1，753亿元，增长16.9%。") == []


def test_an_amount_with_a_full_width_thousands_separator_is_checked_whole():
    (f,) = nc("全市财政收入1，753亿元，比上年增加253亿元，增长18.9%。")
    assert (f.code, f.line, f.column) == ("NC106", 1, 7)
    assert f.message == "1，753亿元比上期增加253亿元，增长率应为253/(1753−253) = 16.9%，与所写18.9%不符"


def test_a_part_above_an_approximate_total_is_an_error():
    (f,) = nc("全县农机总动力近60万千瓦，其中排灌机械动力达到85万千瓦。")
    assert (f.code, f.severity.value, f.excerpt) == ("NC102", "error", "85万千瓦")


def test_a_part_above_a_lower_bound_total_is_reported_only_beyond_twice_the_bound():
    assert nc("全县农机总动力超过60万千瓦，其中排灌机械动力达到85万千瓦。") == []
    (f,) = nc("全县耕地面积超过40万亩，其中高标准农田达到95万亩。")
    assert (f.code, f.severity.value, f.excerpt) == ("NC102", "warning", "95万亩")
    assert f.evidence["comparison"] == "95万亩 > 2×39.5万亩 = 79万亩"


def test_a_share_floor_above_100_percent_is_out_of_range():
    (f,) = nc("到2027年，全市非化石能源消费占比不得低于115%。")
    assert (f.code, f.excerpt) == ("NC105", "115%")
