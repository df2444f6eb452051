"""Names used one way (TM101) and the user's glossaries (TM102), checker/rules/checks/names.py."""

import pytest
import yaml

from checker.core.config import Settings
from checker.run.engine import check_path
from tests.conftest import SAMPLES, findings, run

PARK = "推进黄花岗科技园建设。\n支持黄花岗科技园企业。\n黄花岗科技园管委会成立。\n"


def test_a_rare_variant_of_a_frequent_name_is_reported():
    (finding,) = findings(PARK + "打造黄花科技园品牌。\n", "TM")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TM101", 4, 3, "黄花科技园")
    assert finding.category == "terminology"
    assert finding.suggestion == "改为“黄花岗科技园”"
    assert finding.message == "“黄花科技园”与本文的“黄花岗科技园”（3次）只差“岗”，疑为同一名称的不同写法"
    assert finding.evidence["usual_lines"] == [1, 2, 3]
    assert finding.fix.safety == "unsafe"


def test_an_added_and_a_changed_character_are_variants_too():
    added = findings(PARK + "打造黄花岗山科技园品牌。\n", "TM")
    assert [(f.excerpt, f.evidence["change"]) for f in added] == [("黄花岗山科技园", "added")]
    changed = findings(PARK + "打造黄花港科技园品牌。\n", "TM")
    assert [(f.excerpt, f.evidence["change"]) for f in changed] == [("黄花港科技园", "changed")]


def test_a_name_used_as_often_as_its_variant_is_not_reported():
    assert findings("黄花岗科技园成立。\n黄花科技园成立。\n", "TM") == []


def test_a_long_name_of_a_unit_with_an_inner_word_dropped_is_reported_once_tied():
    text = "中国版权保护中心华南版权登记大厅进驻。\n发挥中国版权保护中心华南登记大厅作用。\n"
    (finding,) = findings(text, "TM")
    assert (finding.line, finding.excerpt) == (2, "中国版权保护中心华南登记大厅")


@pytest.mark.parametrize(
    "variant",
    [
        "黄花岗科技园",  # the same name
        "第二黄花岗科技园",  # not the point: a prefix
    ],
)
def test_the_usual_form_and_longer_forms_are_fine(variant):
    assert findings(PARK + f"打造{variant}品牌。\n", "TM") == []


@pytest.mark.parametrize(
    "text",
    [
        "第一中学扩建工程。\n第一中学扩建工程。\n第一中学扩建工程。\n第二中学扩建工程。\n",  # numbers name other bodies
        "东区产业园开工。\n东区产业园投产。\n东区产业园扩建。\n西区产业园开工。\n",  # directions too
        "广州市人民政府办公厅。\n广州市人民政府办公厅。\n广州市人民政府办公厅。\n广州市政府办公厅。\n",  # 人民 is dropped usually
    ],
)
def test_differences_that_name_another_body_are_not_variants(text):
    assert findings(text, "TM") == []


def test_an_abbreviation_the_document_introduces_is_not_a_variant():
    text = PARK + "黄花岗科技园管理委员会（以下简称“黄花科技园”）负责。\n推进黄花科技园工作。\n"
    assert findings(text, "TM101") == []


def test_names_are_not_compared_across_particles():
    text = "粉碎林彪反党集团。\n粉碎林彪反党集团。\n粉碎林彪反党集团。\n粉碎了林彪反党集团。\n"
    assert findings(text, "TM") == []


def test_seed_name_variants(seed_path):
    report = check_path(str(seed_path), Settings(select=["TM"]))
    assert [(f.code, f.line, f.excerpt, f.evidence["usual"]) for f in report.findings] == [
        ("TM101", 24, "国家知识产权强县示范区", "国家知识产权强县工程示范区"),
        ("TM101", 43, "黄花科技园", "黄花岗科技园"),
        ("TM101", 48, "中国版权保护中心华南登记大厅", "中国版权保护中心华南版权登记大厅"),
    ]
    assert all(f.suggestion and f.category == "terminology" for f in report.findings)


def test_the_samples_have_no_name_findings():
    for name in ("work-summary-clean.txt", "notice-defects.txt", "report-defects.txt"):
        assert check_path(str(SAMPLES / name), Settings(select=["TM"])).findings == []


# -- glossaries --------------------------------------------------------------------------


def glossary(tmp_path, terms):
    path = tmp_path / "names.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "terms": terms}, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_a_glossary_variant_is_reported_with_the_canonical_name(tmp_path):
    path = glossary(tmp_path, [{"canonical": "黄花岗科技园", "variants": ["黄花科技园", "黄花岗园区"]}])
    (finding,) = findings("推进黄花科技园建设。\n", "TM102", glossaries=[path])
    assert (finding.code, finding.column, finding.excerpt) == ("TM102", 3, "黄花科技园")
    assert finding.fix.replacement == "黄花岗科技园" and finding.fix.safety == "safe"
    assert finding.message == f"“黄花科技园”是“黄花岗科技园”的不规范写法（术语表 {path}）"


def test_a_variant_inside_its_canonical_name_is_not_reported(tmp_path):
    path = glossary(tmp_path, [{"canonical": "越秀区科技园", "variants": ["科技园"]}])
    result = findings("越秀区科技园成立。另设科技园。\n", "TM102", glossaries=[path])
    assert [f.column for f in result] == [12]


def test_a_term_may_lower_its_level_and_withhold_the_fix(tmp_path):
    path = glossary(tmp_path, [{"canonical": "管委会", "variants": ["管理委"], "level": "info", "fix": "none"}])
    (finding,) = findings("园区管理委成立。\n", "TM102", glossaries=[path])
    assert (finding.severity.value, finding.fix) == ("info", None)


def test_the_cli_refuses_a_malformed_glossary_with_exit_2(tmp_path):
    bad = tmp_path / "names.yaml"
    bad.write_text("version: 1\nterms:\n  - {canonical: 甲园}\n", encoding="utf-8")
    (tmp_path / "doccheck.toml").write_text('glossaries = ["names.yaml"]\n', encoding="utf-8")
    document = tmp_path / "a.txt"
    document.write_text("甲园成立。\n", encoding="utf-8")
    result = run("check", str(document))
    assert result.exit_code == 2
    assert str(bad) in result.output and "terms/0" in result.output


def test_a_long_repeated_run_is_compared_once_and_counted_every_time():
    assert findings("局" * 20_000 + "\n", "TM") == []
    (finding,) = findings("黄花岗科技园管委会。\n" * 2000 + "黄花科技园。\n", "TM101")
    assert (finding.line, finding.evidence["usual_count"]) == (2001, 2000)


def test_many_glossary_variants_beside_many_canonical_names(tmp_path):
    path = glossary(tmp_path, [{"canonical": "越秀区科技园", "variants": ["科技园"]}])
    text = "越秀区科技园。" * 3000 + "科技园。" * 3000 + "\n"
    assert len(findings(text, "TM102", glossaries=[path], max_findings_per_rule=0)) == 3000


# -- different bodies are not variants of one name (issue 14) ------------------------------


def test_two_names_each_introduced_with_an_abbreviation_are_two_bodies():
    text = (
        "中国石油集团公司（以下简称“中石油”）和中国石化集团公司（以下简称“中石化”）签署协议。\n"
        "中国石油集团公司负责上游。\n中国石油集团公司负责管道。\n"
    )
    assert findings(text, "TM101") == []


def test_a_changed_character_that_makes_another_word_names_another_body():
    text = "中国石油集团公司负责上游。\n中国石油集团公司负责管道。\n中国石油集团公司负责销售。\n中国石化集团公司负责炼化。\n"
    assert findings(text, "TM101") == []


def test_items_of_one_list_are_different_bodies():
    text = "河北石油集团有限责任公司、山西石油集团有限责任公司、山东石油集团有限责任公司、天津石油集团有限公司参加。\n"
    assert findings(text, "TM101") == []


def test_names_after_different_places_are_different_bodies():
    text = (
        "河北石油集团有限责任公司完成改制。\n山西石油集团有限责任公司完成改制。\n"
        "山东石油集团有限责任公司完成改制。\n天津石油集团有限公司完成改制。\n"
    )
    assert findings(text, "TM101") == []


def test_a_listed_kind_of_zone_is_not_a_variant_of_another_kind():
    text = "支持东湖高新技术产业开发区。\n建设东湖高新技术产业开发区。\n服务东湖高新技术产业开发区。\n推进临港经济技术开发区建设。\n"
    assert findings(text, "TM101") == []


@pytest.mark.parametrize(
    "text",
    [
        "国务院办公厅印发通知。\n国务院办公厅转发意见。\n国务院办公厅发布公告。\n国务院部门办公厅负责同志参加。\n",
        "国务院部门办公厅负责同志参加。\n国务院部门办公厅主任出席。\n国务院部门办公厅主任发言。\n国务院办公厅印发通知。\n",
    ],
)
def test_an_added_or_dropped_word_that_names_another_body_is_not_a_variant(text):
    assert findings(text, "TM101") == []


def test_ordinary_phrases_that_differ_in_a_word_are_not_variants():
    text = "实施美丽乡村工程。\n实施美丽乡村工程。\n实施美丽乡村工程。\n实施美好乡村工程。\n"
    assert findings(text, "TM101") == []


def test_a_slip_in_a_name_beside_other_bodies_is_still_reported():
    text = PARK + "推进临港经济技术开发区建设。\n加快塑造黄花科技园品牌。\n"
    (finding,) = findings(text, "TM101")
    assert (finding.line, finding.excerpt, finding.evidence["usual_lines"]) == (5, "黄花科技园", [1, 2, 3])


def test_a_dropped_character_tm103_reports_is_not_reported_again_by_tm101():
    text = "江苏煤矿安全监察局负责。江苏煤矿安全监察局部署。江苏煤矿安全监察局检查。各地接到江苏煤矿安监察局通知。\n"
    assert [(f.code, f.excerpt) for f in findings(text, ["TM101", "TM103"])] == [("TM103", "江苏煤矿安监察局")]
    assert [(f.code, f.excerpt) for f in findings(text, "TM101")] == [("TM101", "江苏煤矿安监察局")]


@pytest.mark.parametrize(
    "text",
    [
        # 署 of 部署 ends no body's name (审计署 does)
        "坚决贯彻党中央决策部署。落实党中央决策部署。执行党中央决策部署。根据党中央部署，开展工作。",
        # 委 of 常委会 ends none either: the names of two bodies, not one written two ways
        "提请全国人大常委会审议。提请全国人大常委会通过。提请全国人大常委会决定。提请全国人大常委会批准。"
        "自治区提请人大常委会修订条例。",
    ],
)
def test_an_ending_inside_a_word_ends_no_name(text):
    assert findings(text, "TM101") == []


def test_a_name_that_begins_inside_an_unknown_name_with_a_whole_word_less_is_another_name():
    # a park of its own (六松 is no word), not 现代农业产业园 less 农业
    text = "建设现代农业产业园。\n认定现代农业产业园。\n提升现代农业产业园。\n六松现代产业园率先建立。\n"
    assert findings(text, "TM101") == []


def test_a_whole_word_less_far_from_the_usual_form_is_another_name():
    usual = "建设区域科技创新中心。\n推进区域科技创新中心。\n用好区域科技创新中心。\n"
    far = usual + "各项工作稳步推进。\n" * 400 + "启动国际化区域创新中心建设。\n"
    assert findings(far, "TM101") == []


def test_a_whole_word_less_near_the_usual_form_is_a_variant():
    text = (
        "海洋地质局（广州海洋地质调查局海洋地质调查部分除外）划入。\n你部保留的广州海洋调查局海洋地质调查部分，"
        "可延用“广州海洋地质调查局”的名称。\n广州海洋地质调查局的资产除外。\n"
    )
    (finding,) = findings(text, "TM101")
    assert (finding.line, finding.excerpt, finding.evidence["usual"]) == (2, "广州海洋调查局", "广州海洋地质调查局")


def test_a_level_s_ji_is_not_a_variant():
    text = "建设国家区域医疗中心。\n推进国家区域医疗中心。\n用好国家区域医疗中心。\n4个国家级区域医疗中心建设顺利。\n"
    assert findings(text, "TM101") == []


def test_a_dropped_word_that_names_the_programme_of_a_unit_is_still_a_variant():
    text = "创建国家知识产权强县工程示范区。\n推进国家知识产权强县工程示范区。\n建好国家知识产权强县工程示范区。\n申报国家知识产权强县示范区。\n"
    (finding,) = findings(text, "TM101")
    assert (finding.line, finding.excerpt, finding.evidence["usual"]) == (
        4,
        "国家知识产权强县示范区",
        "国家知识产权强县工程示范区",
    )


FILLER = "各项工作稳步推进。\n" * 1100  # 11,000 characters: farther than a reader keeps a name in view


def test_a_variant_of_a_form_used_often_only_far_away_is_not_reported():
    # a long compilation: four reports each write 扩容提升工程 once, a fifth 扩容提质工程
    text = "".join(f"实施护理扩容提升工程。\n{FILLER}" for _ in range(4)) + "实施稳岗扩容提质工程。\n"
    assert findings(text, "TM101") == []


def test_a_variant_needs_the_usual_form_used_clearly_often_near_it():
    near = PARK + "打造黄花科技园品牌。\n"
    assert [f.excerpt for f in findings(near, "TM101")] == ["黄花科技园"]
    # the same uses, two of them far before the variant: one use in reach is not clearly more
    spread = (
        "推进黄花岗科技园建设。\n支持黄花岗科技园企业。\n" + FILLER + "黄花岗科技园管委会成立。\n打造黄花科技园品牌。\n"
    )
    assert findings(spread, "TM101") == []
