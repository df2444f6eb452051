"""Known wrong forms from the rule packs: TY101-TY107 (checker/rules/checks/typos.py)."""

import pytest

from checker.core.config import Settings
from checker.run.engine import check_path
from checker.run.fixer import apply_fixes, choose_fixes
from tests.conftest import SAMPLES, findings


def where(result):
    return [(f.code, f.line, f.column, f.excerpt) for f in result]


# -- one finding per kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, code, excerpt, right",
    [
        ("各单位要认真布署。\n", "TY101", "布署", "部署"),
        ("截止2024年5月31日，共完成12项。\n", "TY102", "截止", "截至"),
        ("希望大家再接再励。\n", "TY103", "再接再励", "再接再厉"),
        ("开立个人帐户。\n", "TY104", "帐户", "账户"),
        ("辖区企业获认为定示范企业。\n", "TY105", "获认为定", "获认定为"),
    ],
)
def test_each_kind_of_wrong_form_has_its_rule_and_suggestion(text, code, excerpt, right):
    (finding,) = findings(text, "TY1")
    assert (finding.code, finding.line, finding.excerpt, finding.category) == (code, 1, excerpt, "typo")
    assert finding.suggestion == f"改为“{right}”"
    assert finding.fix.replacement == right
    assert finding.evidence["pack"] == "doccheck-typos"


def test_the_position_is_that_of_the_wrong_form():
    (finding,) = findings("第一段。\n　　各单位要认真布署，狠抓落实。\n", "TY101")
    assert (finding.line, finding.column, finding.end_column) == (2, 9, 11)


def test_a_safe_fix_replaces_the_wrong_form():
    text = "各单位要认真布署，截止2024年底完成。\n"
    assert apply_fixes(text, choose_fixes(findings(text, "TY1"))) == "各单位要认真部署，截至2024年底完成。\n"


# -- context conditions ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "报名截止日期为5月31日。\n",
        "申报于2024年5月31日截止。\n",
        "截止到2024年5月，共完成12项。\n",
    ],
)
def test_jiezhi_not_before_a_date_is_right(text):
    assert findings(text, "TY102") == []


@pytest.mark.parametrize("text", ["截止目前，已完成。\n", "截止 2024年5月，已完成。\n", "截止今年底，已完成。\n"])
def test_jiezhi_before_any_form_of_date_is_wrong(text):
    assert [f.excerpt for f in findings(text, "TY102")] == ["截止"]


@pytest.mark.parametrize(
    "text",
    [
        "请于截止2024年5月31日前报送。\n",
        "请于截止5月31日17时前报送。\n",
        "截止2024年5月31日以前报送。\n",
        "截止2024-05-31之前报送。\n",
        "截止2024年底前完成。\n",
    ],
)
def test_jiezhi_before_a_deadline_is_not_turned_into_jiezhi_up_to(text):
    result = findings(text, "TY1")
    assert [f.code for f in result if f.code != "TY106"] == []
    assert apply_fixes(text, choose_fixes(result)) == text


@pytest.mark.parametrize(
    "text, found", [("请于截止2024年5月31日前报送。\n", "于截止"), ("在截止5月底之前完成。\n", "在截止")]
)
def test_yu_jiezhi_before_a_deadline_is_a_mixed_construction_without_a_fix(text, found):
    (finding,) = findings(text, "TY1")
    assert (finding.code, finding.excerpt, finding.fix) == ("TY106", found, None)
    assert finding.message == f"“{found}……前”句式杂糅：“截止”与“……前”重复表达期限"


def test_jiezhi_before_a_date_that_no_qian_follows_is_still_wrong():
    (finding,) = findings("截止2024年5月31日，前期工作已完成。\n", "TY102")
    assert (finding.excerpt, finding.message) == ("截止", "“截止”在此处用法不当，应为“截至”")


@pytest.mark.parametrize(
    "text, wrong, right", [("双方签定合同。\n", "签定", "签订"), ("请按排好人员。\n", "按排", "安排")]
)
def test_a_plain_misspelling_is_reported_as_one(text, wrong, right):
    (finding,) = findings(text, "TY1")
    assert (finding.code, finding.message) == ("TY101", f"“{wrong}”是错别字，应为“{right}”")
    assert (finding.severity.value, finding.fix.safety) == ("warning", "unsafe")


def test_a_misspelling_kept_quiet_across_a_word_boundary():
    assert findings("要按排名先后落实。\n", "TY1") == []


def test_jishi_followed_by_you_in_the_sentence_is_two_words():
    assert findings("既使企业受益，又使群众满意。\n", "TY102") == []
    assert [f.excerpt for f in findings("既使困难再大，也要完成。既使有困难。\n", "TY102")] == ["既使"]


def test_a_wrong_form_across_a_word_boundary_is_not_reported():
    assert findings("电站按装机容量计算补贴。\n", "TY101") == []
    assert [f.excerpt for f in findings("按装空调。\n", "TY101")] == ["按装"]


def test_only_the_body_is_checked():
    header = "信息名称：关于认真布署工作的通知\n\n关于做好工作的通知\n\n"
    assert findings(header + "各单位要认真部署。\n", "TY101") == []
    assert [f.line for f in findings(header + "各单位要认真布署。\n", "TY101")] == [5]


# -- either-or forms ---------------------------------------------------------------------


def test_the_less_used_form_is_reported_with_the_counts():
    (finding,) = findings("其他单位。其他部门。其它地区。\n", "TY107")
    assert (finding.excerpt, finding.column, finding.suggestion) == ("其它", 11, "统一写作“其他”")
    assert finding.evidence["counts"] == {"其他": 2, "其它": 1}
    assert "（“其他”2次）" in finding.message


def test_on_a_tie_the_packs_first_form_is_kept():
    (finding,) = findings("其它单位。其他部门。\n", "TY107")
    assert finding.excerpt == "其它"


def test_one_form_throughout_is_fine():
    assert findings("其它单位。其它部门。\n", "TY107") == []


# -- the seed and the samples --------------------------------------------------------------


def test_seed_transposed_phrase_and_jiezhi(seed_path):
    report = check_path(str(seed_path), Settings(select=["TY1"]))
    assert where(report.findings) == [
        ("TY105", 24, 319, "获认为定"),
        ("TY102", 25, 306, "截止"),
        ("TY110", 30, 144, "位国家学院"),
        ("TY102", 31, 158, "截止"),
    ]
    assert all(f.suggestion for f in report.findings)


def test_samples_plant_the_wrong_forms():
    notice = check_path(str(SAMPLES / "notice-defects.txt"), Settings(select=["TY1"]))
    # 于截止2024年5月31日前: a mixed construction (TY106), not 截止 for 截至 (TY102)
    assert [(f.code, f.line, f.excerpt) for f in notice.findings] == [
        ("TY101", 13, "布署"),
        ("TY106", 13, "于截止"),
        ("TY104", 13, "台帐"),
    ]
    report = check_path(str(SAMPLES / "report-defects.txt"), Settings(select=["TY1"]))
    assert [(f.code, f.line, f.excerpt) for f in report.findings] == [("TY105", 8, "获认为定")]


def test_the_clean_sample_has_no_wording_findings():
    report = check_path(str(SAMPLES / "work-summary-clean.txt"), Settings(select=["TY", "TM"]))
    assert report.findings == []


@pytest.mark.parametrize(
    "text",
    [
        "电站按装机容量计算补贴。",  # 按|装机
        "推动交通迅速发展，投资迅速增长。",  # 交通|迅速
        "如实记录相关信息。",  # 记录|相关
        "该教授于2010年退休。",  # 教授|于
        "获取销售收入，研究竞争政策。",  # 获取|销售, 研究|竞争
        "持续关注消费者权益。",  # 关注|消费
        "机关连续三年获评先进。",  # 机关|连续
        "毕竟技术问题较多，他竟相信了。",  # 毕竟|技术, 竟|相信
        "鼓励行业协会参与，充分发扬广大群众的积极性。",  # 鼓励|行业, 发扬|广大群众
        "形势严峻工作艰巨，经协商确定方案。",  # 严峻|工作, 协商|确定
        "规范筹备工作，完成份额分配。",  # 规范|筹备, 完成|份额
        "报名截止日期为本月底。",  # 截止 not before a date
        "既使企业受益，也使群众满意。",  # 既…也…
        "全市上下倍受鼓舞、倍感振奋。",  # parallel 倍
    ],
)
def test_wrong_forms_made_by_two_right_words_are_not_reported(text):
    assert findings(text + "\n", "TY") == []


# -- word boundaries (issue 14) -------------------------------------------------------------


def test_a_form_made_of_the_halves_of_two_words_is_not_matched():
    assert findings("祝全市人民新春愉快、平安祥和。", "TY104") == []


def test_the_same_form_standing_as_a_word_is_matched():
    (finding,) = findings("他神态安祥地说。", "TY104")
    assert (finding.code, finding.column, finding.excerpt, finding.fix.replacement) == ("TY104", 4, "安祥", "安详")


# -- 位 with an institution (TY110) ------------------------------------------------------------


def test_the_measure_word_for_people_counting_institutions_is_reported():
    (finding,) = findings("遴选300位国家学院进行评估。", "TY110")
    assert (finding.code, finding.column, finding.excerpt) == ("TY110", 6, "位国家学院")
    assert finding.message == "“位”是人的量词，不能用于“学院”，应为“所”"
    assert (finding.fix.start, finding.fix.end, finding.fix.replacement, finding.fix.safety) == (5, 6, "所", "unsafe")


@pytest.mark.parametrize(
    "text",
    [
        "300位国家学院院士出席。",  # people of the institution
        "5位企业家发言。",
        "邀请10位医院负责人座谈。",
        "排在第一位的部门为牵头部门。",  # an ordinal
    ],
)
def test_people_of_an_institution_and_ordinals_are_not_reported(text):
    assert findings(text, "TY110") == []
