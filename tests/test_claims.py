"""Claims read from sentences: breakdowns, shares, changes, share sets, figures."""

from checker.model.claims import claims
from checker.model.document import Document


def read(text: str):
    return claims(Document(text + "\n"))


def test_breakdown_with_an_enumeration_of_the_total_is_exhaustive():
    (b,) = read("本年度共获得国家、省、市各类荣誉36项，其中国家级3项，省级12项，市级21项。").breakdowns
    assert b.total.text == "36项"
    assert [p.quantity.text for p in b.parts] == ["3项", "12项", "21项"]
    assert [p.label for p in b.parts] == ["国家级", "省级", "市级"]
    assert b.exhaustive and "国家、省、市" in b.reason


def test_breakdown_into_a_standard_partition_is_exhaustive():
    (b,) = read("共评出优秀成果30项，其中一等奖5项、二等奖10项、三等奖15项。").breakdowns
    assert b.exhaustive and b.reason == "标准分类：奖励等级"


def test_breakdown_after_fen_bie_wei_is_exhaustive():
    (b,) = read("全年共办理案件48件，分别为行政处罚30件、行政复议18件。").breakdowns
    assert b.exhaustive and b.reason == "分别为"


def test_breakdown_into_open_categories_is_a_subset():
    (b,) = read("安排重点项目105个，其中，工业类30个、城市建设类28个、社会事业类12个。").breakdowns
    assert not b.exhaustive and b.reason == "subset"
    assert len(b.parts) == 3


def test_breakdown_with_chinese_numerals_and_full_width_digits():
    (b,) = read("建成大中型项目２１５个，其中能源项目八十个。").breakdowns
    assert (b.total.value, b.parts[0].quantity.value) == (215, 80)


def test_breakdown_total_in_yi_and_parts_in_wan_compare_by_value():
    (b,) = read("落实扶持资金1.2亿元，其中省级资金8000万元、市级资金4000万元。").breakdowns
    assert b.total.value == 120_000_000 and sum(p.quantity.value for p in b.parts) == 120_000_000


def test_parts_in_another_unit_end_the_breakdown():
    assert read("建设水利项目300个，其中小型水库7座、蓄水池293个。").breakdowns == []


def test_an_increment_is_not_a_total():
    assert read("今年安排资金900亿元，比上年增加100亿元，其中省级资金500亿元。").breakdowns == []


def test_a_rate_per_person_is_not_a_total():
    assert read("抽检量达每千人5.5批次，其中重点抽检超3万批次。").breakdowns == []


def test_a_back_reference_is_not_another_part():
    (b,) = read("注册资本20亿元，其中国家投入15亿元和企业积累5亿元，这5亿元全部转为资本金。").breakdowns
    assert [p.quantity.text for p in b.parts] == ["15亿元", "5亿元"]


def test_share_with_its_part_and_the_total_of_the_breakdown_as_whole():
    c = read("全区共有高新技术企业200家，其中新认定50家，占25.0%。")
    (share,) = c.shares
    assert (share.part.text, share.whole.text, share.whole_source) == ("50家", "200家", "breakdown")


def test_share_with_the_whole_stated_after_zhan():
    (share,) = read("认定示范企业12家，占全市120家的10%。").shares
    assert (share.part.text, share.whole.text, share.whole_source) == ("12家", "120家", "stated")


def test_share_of_a_count_without_whole():
    (share,) = read("累计培育专精特新企业23家，占全省总数的15.3%。").shares
    assert share.part.text == "23家" and share.whole is None and share.level


def test_a_change_of_a_share_is_not_a_level():
    (share,) = read("民生支出占比提高5%。").shares
    assert not share.level


def test_zhan_di_is_not_a_share():
    assert read("新建厂房占地面积120%。").shares == []


def test_increment_change_with_rate():
    (change,) = read("新增市场主体5600户，比上年增加600户，增长12.0%。").changes
    assert (change.form, change.direction) == ("increment", "up")
    assert (change.end_value.text, change.amount.text, change.rate.text) == ("5600户", "600户", "12.0%")


def test_from_to_change_with_points():
    (change,) = read("城镇化率由61.5%提高到63.0%，提高1.5个百分点。").changes
    assert (change.form, change.start_value.text, change.end_value.text, change.rate.text) == (
        "from_to",
        "61.5%",
        "63.0%",
        "1.5个百分点",
    )


def test_paired_from_to_lists_are_not_read_as_one_change():
    assert read("补贴标准分别从每月200元、300元提高到220元、330元。").changes == []


def test_average_annual_growth_is_not_the_rate_of_the_whole_change():
    (change,) = read("人均收入由2.5万元增加到3.4万元、年均增长6.3%。").changes
    assert change.rate is None


def test_decrease_by_times_is_read():
    (change,) = read("单位能耗降低2倍。").changes
    assert change.form == "times_down" and change.rate.text == "2倍"


def test_growth_rates_shared_by_several_values_are_no_claim():
    c = read("全年营业收入达600亿元、利税达15.5亿元，同比增长均为12%。")
    assert c.changes == [] and c.breakdowns == []


def test_share_set_from_a_structure_ratio():
    (share_set,) = read("三次产业结构调整为4.6:36.5:58.9。").share_sets
    assert [q.value for q in share_set.shares] == [
        q for q in (share_set.shares[0].value, share_set.shares[1].value, share_set.shares[2].value)
    ]
    assert share_set.whole == "三次产业"


def test_share_set_from_partition_members():
    (share_set,) = read("第一产业占4.6%，第二产业占36.5%，第三产业占58.9%。").share_sets
    assert share_set.whole == "三次产业" and len(share_set.shares) == 3


def test_figures_carry_subject_unit_and_year():
    (figure,) = read("2023年全区专利授权总量5458件。").figures
    assert figure.key == ("全区专利授权总量", "件", 2023)


def test_figures_of_plans_and_targets_are_left_out():
    assert read("2024年力争全区专利授权总量6000件。").figures == []


def test_a_share_naming_another_whole_is_not_taken_against_the_breakdown_total():
    (share,) = read("全区共有高新技术企业200家，其中新认定50家，占全省新认定总数的10%。").shares
    assert share.whole is None and share.whole_words == "全省新认定总数的"


def test_bao_kuo_introduces_parts():
    (b,) = read("全年出口总额共500亿元，包括机电产品300亿元、农产品120亿元。").breakdowns
    assert [p.quantity.text for p in b.parts] == ["300亿元", "120亿元"]


def test_partition_members_naming_different_measures_are_not_a_partition():
    (b,) = read("全市新增就业5.2万人，其中城镇新增就业4.1万人，农村劳动力转移就业1.1万人。").breakdowns
    assert not b.exhaustive
    (b,) = read("常住人口52.6万人，其中城镇人口38.4万人、农村人口14.2万人。").breakdowns
    assert b.exhaustive


import time  # noqa: E402

import pytest  # noqa: E402


@pytest.mark.parametrize(
    "text",
    [
        "共100项，其中1项" + "，其中1项" * 20_000,
        "（1项" * 20_000,
        "1家占2%" * 20_000,
        "由1%提高到2%，提高1%，" * 5_000,
        "三次产业结构为" + "1:" * 20_000 + "1",
        "2023年全区专利授权总量5458件，" * 10_000,
    ],
)
def test_claim_extraction_stays_linear_on_pathological_sentences(text):
    started = time.perf_counter()
    read(text)
    assert time.perf_counter() - started < 10


def test_share_word_bi_zhong_after_zhan_still_finds_the_part():
    (share,) = read("累计培育专精特新企业23家，占全省总数的比重为15.3%。").shares
    assert share.word == "占" and share.part.text == "23家"


def test_value_added_is_a_noun_not_a_change():
    (b,) = read(
        "实现地区生产总值156.8亿元，同比增长5.9%，其中第一产业增加值18.2亿元、"
        "第二产业增加值62.5亿元、第三产业增加值76.1亿元。"
    ).breakdowns
    assert b.exhaustive and b.reason == "标准分类：三次产业"


def test_a_threshold_inside_a_noun_phrase_is_not_a_part():
    assert read("引进项目总投资8亿元，其中超10亿元项目2个。").breakdowns == []


def test_claims_are_computed_once_per_document():
    doc = Document("共评出成果30项，其中一等奖5项、二等奖10项、三等奖15项。\n")
    assert claims(doc) is claims(doc)


def test_parts_written_number_first_with_the_totals_noun():
    (b,) = read("本次评估共设28个指标，其中20个指标为预期性指标，8个指标为约束性指标。").breakdowns
    assert [p.quantity.text for p in b.parts] == ["20个", "8个"]


def test_an_extreme_is_not_a_part():
    assert read("全年钻探费用每米1250元，其中有个钻孔高达3175元。").breakdowns == []


def test_a_part_followed_by_an_aside_in_brackets_is_a_part():
    (b,) = read("注册资本31亿元，其中国家投入29亿元（不含划转资产），企业积累2亿元。").breakdowns
    assert [p.quantity.text for p in b.parts] == ["29亿元", "2亿元"]


def test_one_character_verbs_with_dao_and_zhi():
    (change,) = read("增值税税率由17%降到13%，下降4个百分点。").changes
    assert (change.direction, change.rate.text) == ("down", "4个百分点")


def test_a_sentence_of_dates_and_one_bare_number_makes_no_claim():
    assert read("2023年1月5日，召开第2024次会议。").counts() == {
        "breakdown": 0,
        "share": 0,
        "change": 0,
        "share_set": 0,
        "figure": 0,
    }


def test_a_statement_after_parts_listed_with_dun_hao_is_not_another_part():
    (b,) = read("完成草原修复8万亩，其中人工种草3万亩、围栏封育2万亩，治理退化草原517万亩。").breakdowns
    assert [p.quantity.text for p in b.parts] == ["3万亩", "2万亩"]


def test_parts_listed_with_commas_throughout_stay_one_list():
    (b,) = read("共获奖项36项，其中国家级3项，省级12项，市级21项。").breakdowns
    assert [p.quantity.text for p in b.parts] == ["3项", "12项", "21项"]


def test_figures_named_together_with_fen_bie_have_no_subject_of_their_own():
    text = "2023年，铁路、公路旅客周转量分别为150亿人公里、90亿人公里。\n2023年公路旅客周转量为90亿人公里。"
    assert [(f.subject, f.quantity.text) for f in read(text).figures] == [("公路旅客周转量", "90亿人公里")]


def test_a_share_of_an_added_value_is_a_level_not_a_change():
    (share,) = read("高新技术产业增加值占规模以上工业增加值比重达45%。").shares
    assert share.level
