"""Statistical typo detection: TY201 same-sounding slips, TY202 swapped characters,
TY203 look-alikes (checker/rules/checks/typo_model.py), over the lexicon of checker/model/segmentation.py.

The loose tier (info findings of moderate evidence) is reported with ``spelling = "thorough"``
only; the tests of that tier and of what the model leaves alone check in that mode."""

import math
import os
import random
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from checker.core.config import Settings
from checker.model.document import Document
from checker.model.segmentation import (
    PAIRS_AT_ONCE,
    TRIPLE_MIN,
    dictionary_path,
    lexicon,
    pair_code,
    pair_codes,
    segments,
    triple_place,
)
from checker.rules.checks import typo_model
from checker.rules.checks.typo_model import THREE_MIN, cut_off_characters
from checker.run.engine import check_path
from tests.conftest import SAMPLES, findings

pytestmark = pytest.mark.skipif(lexicon() is None, reason="jieba's dictionary is not installed")


def test_a_same_sounding_slip_is_reported_with_its_evidence():
    (finding,) = findings("各部门要认真洛实主体责任。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY201", 1, 7, "洛实")
    assert finding.suggestion == "如确为笔误，改为“落实”"
    assert finding.evidence["correction"] == "落实"
    assert finding.evidence["reading"] == "luo4"
    assert finding.evidence["kind"] == "same_sound" and finding.evidence["score"] >= 9
    assert finding.evidence["words_corrected"] == ["门", "要", "认真落实", "主体", "责"]
    assert finding.severity.value == "warning" and finding.message == "错别字：“洛实”疑为“落实”（同音字）"
    assert finding.fix.safety == "unsafe"


def test_a_correction_with_a_close_rival_is_an_info_finding():
    # 债拳: 债权 (quan2) scores 9.66 and 债券 (quan4) 8.72, within CLEAR_LEAD: the character
    # is wrong, but which word is meant the model cannot tell
    (finding,) = findings("公司发行的债拳到期后应当兑付。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "债拳", "债权")
    assert finding.severity.value == "info" and finding.message == "可能的错别字：“债拳”疑为“债权”（同音字）"


def test_a_correction_clearly_ahead_of_its_rival_is_a_warning():
    # 神精 → 神经 (11.36) beside 系统; the swap 精神 reads far worse there (6.35)
    (finding,) = findings("注意保护神精系统。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "神精", "神经")
    assert finding.severity.value == "warning"


def test_a_slip_of_a_less_common_word_is_found():
    # 屠宰 is used 178 times in jieba's dictionary: a correction a same-sound slip may hide
    (finding,) = findings("推动生猪涂宰行业转型升级。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "涂宰", "屠宰")
    assert finding.severity.value == "warning" and finding.evidence["reading"] == "tu2"


def test_a_character_the_scored_stretch_cuts_from_its_word_is_no_orphan():
    # the stretch scored around 制渡 ends at 建 of 建设: 建 standing alone there does not
    # make 制度 a correction that breaks the next word
    (finding,) = findings("完善民主监督制渡建设。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "制渡", "制度")
    assert finding.severity.value == "warning"


def test_a_slip_the_dictionary_lists_as_a_rare_word_is_found():
    # 关健 is a word of jieba's dictionary, used 5 times there: a slip of 关键 it keeps
    (finding,) = findings("这是问题的关健所在。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "关健", "关键")
    assert finding.severity.value == "warning"


def test_a_rare_word_of_the_dictionary_needs_precise_evidence_in_thorough_mode_too():
    # 市际 (between cities) is listed 5 times; 实际 reads better (6.79), but not by enough
    assert findings("推动市际合作交流。\n", "TY2", spelling="thorough") == []


def test_a_rare_word_of_the_dictionary_with_a_strong_score_is_an_info_finding_in_thorough_mode():
    # 建义 is listed twice in jieba's dictionary; 建议 reads far better (8.45 ≥ RARE_WORD_THOROUGH)
    (finding,) = findings("请各位代表提出建义。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "建义", "建议")
    assert finding.severity.value == "info"
    assert findings("请各位代表提出建义。\n", "TY2") == []


def test_a_rare_word_of_the_dictionary_read_like_the_corrected_one_takes_its_kinds_bar_in_thorough_mode():
    # 关健 is listed in jieba's dictionary, rarely; it reads exactly like 关键 (7.04: over the
    # same-sound bar of 6.5, under RARE_WORD_THOROUGH)
    (finding,) = findings("负责人和关健岗位人员要到位。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.line, finding.column) == ("TY201", 1, 5)
    assert (finding.excerpt, finding.evidence["correction"]) == ("关健", "关键")
    assert finding.severity.value == "info"
    assert findings("负责人和关健岗位人员要到位。\n", "TY2") == []


def test_a_slip_in_a_quoted_title_with_an_overwhelming_score_is_an_info_finding_in_thorough_mode():
    # inside 《》 the pair may be a name; 民法典 reads so much better (12.32 ≥ NAME_THOROUGH)
    # that thorough mode reports it without the corrected word elsewhere; precise mode never
    (finding,) = findings("认真学习《中华人民共和国民发典》。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "民发", "民法")
    assert finding.severity.value == "info"
    assert findings("认真学习《中华人民共和国民发典》。\n", "TY2") == []


def test_a_slip_in_a_quoted_title_under_the_bar_for_names_is_not_reported():
    # 生铲 → 生产 scores 11.43 inside 《》: a name may read as well as a slip
    assert findings("认真贯彻《安全生铲法》。\n", "TY2", spelling="thorough") == []


def test_a_character_of_the_word_before_makes_no_frame():
    (finding,) = findings("流通全面负责的原责，本预案规定的事项。\n", "TY2")
    assert (finding.excerpt, finding.evidence["correction"]) == ("原责", "原则")


def test_a_candidate_over_the_earlier_bar_is_an_info_finding_by_default():
    # 题系 → 体系 scores 7.51, under CONFIRMED but over the bar of an other-tone slip whose
    # word the document uses (7.5): precise mode reports what the model reported before
    (finding,) = findings("健全公共服务体系。进一步完善社会保障题系建设。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "题系", "体系")
    assert finding.severity.value == "info" and finding.evidence["score"] == 7.51


def test_a_candidate_as_strong_as_a_real_slip_is_reported_by_default():
    # 帮肋 → 帮助 scores 10.72 with 帮助 elsewhere in the document: over CONFIRMED (8), and
    # a warning (STRAY_STRONG), as 肋 is written nowhere else
    (finding,) = findings("感谢大家的帮助。感谢大家的帮肋和支持。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "帮肋", "帮助")
    assert finding.severity.value == "warning" and finding.message == "错别字：“帮肋”疑为“帮助”（字形相近）"
    # with 肋 used elsewhere (肋骨), under a look-alike's 12: an info finding
    (finding,) = findings("感谢大家的帮助。感谢大家的帮肋和支持。肋骨骨折。\n", "TY2")
    assert (finding.excerpt, finding.severity.value) == ("帮肋", "info")


def test_the_corrected_word_written_elsewhere_with_the_same_neighbour_is_reported_by_default():
    # 就夜 → 就业 scores 5.77, under every earlier bar; the document writes 就业见习
    (finding,) = findings("做好高校毕业生就业见习工作。按规定给予就夜见习补贴。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY201", 1, 20, "就夜")
    assert finding.evidence["correction"] == "就业" and finding.evidence["score"] == 5.77
    assert finding.severity.value == "info"


def test_the_corrected_word_with_another_neighbour_is_not_enough():
    # 就业 elsewhere, but never beside 见: the weak candidate stays in thorough mode
    assert findings("全面推进就业工作。按规定给予就夜见习补贴。\n", "TY2") == []


def test_the_corrected_word_with_its_neighbour_far_away_is_not_enough():
    # the same 就业见习, but pages away (a long compilation): a match by chance, not the
    # passage's own wording
    filler = "推进各项工作落实。\n" * 400
    assert findings("做好高校毕业生就业见习工作。\n" + filler + "按规定给予就夜见习补贴。\n", "TY2") == []


def test_a_neighbour_across_punctuation_is_no_context():
    # 前列， is written elsewhere, but a comma is no neighbour: 突破千列 (6.63, reported in
    # thorough mode) is not reported by default
    text = "主要指标位居全国前列，稳中有进。中欧班列全年发运突破千列，顺利首发。\n"
    assert findings(text, "TY2") == []


def test_a_form_seen_elsewhere_only_as_the_halves_of_two_words_is_still_a_slip():
    # 业企 stands in 工业企业 and 农业企业 too, but as the end of 工业 and the start of 企业
    (finding,) = findings("推进工业企业和农业企业发展。鼓励业企兼并重组。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY202", 1, 17, "业企")
    assert finding.evidence["correction"] == "企业" and finding.severity.value == "warning"


def test_two_common_characters_swapped_are_tried():
    # 们 and 我 stand alone as words often enough not to be tried as slips of their own
    (finding,) = findings("我们终于完成了任务。经过努力，们我终于克服了这种困难。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY202", 1, 16, "们我")
    assert finding.evidence["correction"] == "我们" and finding.severity.value == "info"


def test_a_reversed_pair_inside_words_is_no_swap():
    # 新一 and 和中 read 一新 and 中和 the other way round, but belong to 新一代 and 中央
    assert findings("推动新一代信息技术发展，和中央保持一致。\n", "TY2", spelling="thorough") == []


def test_a_swap_into_a_word_used_three_times_is_reported_from_six():
    # 格严 → 严格 scores 6.89, under the earlier bar of a swap (7.7); 严格 is used three times
    (finding,) = findings("要严格执行制度，严格管理，严格要求。有的执行又不够格严，管理监督也没有跟上。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY202", 1, 26, "格严")
    assert finding.evidence["correction"] == "严格" and finding.severity.value == "info"


def test_a_swap_into_a_word_used_once_needs_the_earlier_bar():
    assert findings("要严格执行制度。有的执行又不够格严，管理监督也没有跟上。\n", "TY2") == []


def test_a_look_alike_needs_more_than_its_context():
    # 只提 → 只是 (4.14) with 只是一 elsewhere: a look-alike takes 5.5 in context
    assert findings("这只是一个开始。不要只提一项，放过另一项。\n", "TY2", spelling="thorough") == []


def test_a_numeral_is_never_corrected_into_another():
    # 七方面 → 一方面 (5.25 with 一方面 elsewhere) would change a number
    assert findings("一方面要稳增长。今年要着力抓好以下七方面工作：\n", "TY2", spelling="thorough") == []


def test_the_corrected_word_used_only_far_away_is_no_support():
    # 开敌 → 开放 (6.54) is over its bar with 开放 in use nearby (see below), not with 开放
    # written once more than 10,000 characters before it (a long compilation)
    slip = "认真贯彻落实党的路线方针政策，坚定不移地推进改革开敌。\n"
    filler = "推进各项工作落实。\n" * 1200
    assert findings("扩大对外开放。\n" + filler + slip, "TY2", spelling="thorough") == []


def test_a_look_alike_foreign_to_the_text_is_reported_by_default():
    # the same look-alike alone: 帮助 nowhere else in the document, and 肋 nowhere else either
    (finding,) = findings("感谢大家的帮肋和支持。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 6, "帮肋")
    assert finding.evidence["correction"] == "帮助" and finding.severity.value == "info"
    assert findings("感谢大家的帮肋和支持。肋骨骨折的伤员已经康复。\n", "TY2") == []


def test_a_look_alike_foreign_to_the_text_is_reported_without_its_word():
    # 腮想 → 思想 scores 8.78 with 思想 nowhere else; 腮 is written nowhere else either
    (finding,) = findings("全体干部要统一腮想，提高认识。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 8, "腮想")
    assert finding.evidence["correction"] == "思想" and finding.evidence["score"] == 8.78
    assert finding.severity.value == "info" and finding.message == "可能的错别字：“腮想”疑为“思想”（字形相近）"


def test_a_look_alike_whose_character_the_text_uses_elsewhere_needs_its_word():
    # the document writes 腮 in 腮腺炎: the character is its own, and 8.78 is under the bar
    # of a look-alike whose corrected word the document lacks
    assert findings("全体干部要统一腮想，提高认识。\n做好腮腺炎防治工作。\n", "TY2") == []


def test_a_stray_look_alike_needs_a_score_of_seven():
    # 借船 → 借口 (6.33): 船 stands nowhere else, but the score is under STRAY_SHAPE
    assert findings("要善于借船出海，开拓国际市场。\n", "TY2") == []


def test_a_same_sounding_look_alike_foreign_to_the_text_is_a_warning_from_eight():
    # 遇倒 → 遇到 (8.31, under the 9 of a same-sounding slip without its word elsewhere):
    # 倒 also looks like 到 and is written nowhere else, as a stray look-alike would be
    (finding,) = findings("对在工作中遇倒的实际困难，要及时研究解决。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "遇倒", "遇到")
    assert finding.severity.value == "warning" and finding.evidence["score"] == 8.31
    assert finding.message == "错别字：“遇倒”疑为“遇到”（同音字）"


def test_a_same_sounding_look_alike_foreign_to_the_text_is_reported_from_seven():
    # 一搬 → 一般 (7.98): 搬 looks like 般 and is written nowhere else, but scores under
    # STRAY_STRONG
    (finding,) = findings("这种情况一搬不会发生。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "一搬", "一般")
    assert finding.severity.value == "info" and finding.evidence["score"] == 7.98
    assert finding.message == "可能的错别字：“一搬”疑为“一般”（同音字）"


def test_a_same_sounding_look_alike_the_text_writes_elsewhere_needs_the_usual_bar():
    # 倒 stands in 倒闭 too: the character is the text's own, and 8.31 is under the bar
    assert findings("对在工作中遇倒的实际困难，要及时研究解决。\n防止企业倒闭。\n", "TY2") == []


def test_a_look_alike_neighbour_of_a_cut_off_character_is_tried_by_default():
    # 盛 is cut off (组盛, 盛阳 make no word), and its neighbour 组 is part of 组成; the slip
    # is 盛 for 成 beside it: found from 盛's side as a look-alike (9.82, 盛 stray)
    (finding,) = findings("由三家公司共同出资，组盛阳城电厂，统一经营。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "组盛", "组成")
    assert finding.severity.value == "info" and finding.evidence["score"] == 9.82


def test_a_look_alike_that_ends_a_word_of_three_is_found():
    # 闹 makes no word with 辖 (辖市 is only part of 直辖市): its look-alike 市 ends a word of
    # three with the two before it, 直辖, a word of their own (10.55, 闹 stray)
    (finding,) = findings("各省、自治区、直辖闹人民政府要抓紧落实。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 9, "辖闹")
    assert finding.evidence["correction"] == "辖市" and finding.evidence["score"] == 10.55
    assert finding.severity.value == "info" and finding.message == "可能的错别字：“辖闹”疑为“辖市”（字形相近）"


def test_a_look_alike_that_ends_a_word_of_three_the_text_uses_is_a_warning():
    (finding,) = findings("本市幼儿园建设加快。制定完善小区配套幼儿玩建设管理办法。\n", "TY2")
    assert (finding.code, finding.column, finding.excerpt, finding.evidence["correction"]) == (
        "TY203",
        20,
        "儿玩",
        "儿园",
    )
    assert finding.severity.value == "warning" and finding.evidence["score"] == 8.5


def test_by_default_the_neighbour_is_not_tried_in_another_tone():
    # 股分 (fen1) → 股份 (fen4): an older spelling a document keeps (试行股分制) as often as a
    # slip; thorough mode tries it
    text = "试行股分制，发展股份经济。推进股份公司改革，股份合作制企业要规范。\n"
    assert findings(text, "TY2") == []
    (finding,) = findings(text, "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "股分", "股份")


def test_without_the_corrected_word_elsewhere_an_other_tone_from_8_5_is_an_info_finding():
    # 依昭 (zhao1) → 依照 (zhao4) scores 9.27, 依照 nowhere else in the document
    (finding,) = findings("加强党员队伍建设，依昭有关规定执行。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "依昭", "依照")
    assert finding.severity.value == "info" and finding.evidence["kind"] == "other_tone"


def test_a_same_sounding_slip_whose_word_the_document_uses_is_a_warning_from_8():
    # 依昭 → 依照 (another tone, 9.27: under its 11), with 依照 used elsewhere in the document
    (finding,) = findings("加强党员队伍建设，依昭有关规定执行。依照规定办理。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "依昭", "依照")
    assert finding.severity.value == "warning" and finding.message == "错别字：“依昭”疑为“依照”（音同调不同）"


def test_a_same_sounding_slip_whose_word_the_document_uses_is_an_info_finding_under_8():
    # 一搬 → 一般 (7.98) with 一般 used elsewhere: reported, but under BACKED_STRONG
    (finding,) = findings("这种情况一般不会发生。这种情况一搬不会发生。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "一搬", "一般")
    assert finding.severity.value == "info" and finding.evidence["score"] == 7.98


def test_an_other_tone_that_also_looks_alike_and_is_foreign_to_the_text_is_a_warning():
    # 赠强 (zeng4) → 增强 (zeng1) scores 8.58: 赠 also looks like 增 and stands nowhere else
    (finding,) = findings("不断赠强党组织的凝聚力。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "赠强", "增强")
    assert finding.severity.value == "warning" and finding.evidence["kind"] == "other_tone"
    # … and with 赠 used elsewhere in the text, an info finding
    (finding,) = findings("不断赠强党组织的凝聚力。向学校赠送图书。\n", "TY2", spelling="thorough")
    assert (finding.excerpt, finding.severity.value) == ("赠强", "info")


def test_a_moderate_candidate_whose_word_the_document_uses_is_an_info_finding():
    (finding,) = findings("健全公共服务体系。进一步完善社会保障题系建设。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "题系", "体系")
    assert finding.evidence["kind"] == "other_tone" and finding.evidence["score"] == 7.51
    assert finding.severity.value == "info" and finding.message == "可能的错别字：“题系”疑为“体系”（音同调不同）"


def test_a_moderate_candidate_whose_word_the_document_lacks_is_not_reported():
    # a term the dictionary lacks (避峰用电, 纠治) reads as a slip of some word just as well
    assert findings("要加强廉政建设，保持清正廉洁的做风。\n", "TY2", spelling="thorough") == []


def test_the_bar_falls_with_the_uses_of_the_corrected_word():
    # 做风 → 作风 scores 5.09: below the bar with 作风 once in the document, above it at three uses
    slip = "要加强廉政建设，保持清正廉洁的做风。\n"
    assert findings("转变作风。" + slip, "TY2", spelling="thorough") == []
    (finding,) = findings("转变作风。改进作风。锤炼作风。" + slip, "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "做风", "作风")
    assert finding.severity.value == "info" and finding.evidence["score"] == 5.09


def test_a_slip_of_the_neighbour_of_a_cut_off_character_is_corrected():
    # 议经 is part of a word (会议经费), so only 神 is cut off: the slip is 经, not the order
    (finding,) = findings("要认真贯彻落实会议经神。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "经神", "精神")
    assert finding.evidence["kind"] == "same_sound"


@pytest.mark.parametrize(
    "text",
    [
        "实现量产，期现一体化，视情处置。\n",  # words of the dictionary, however rare
        "开展边巡边改边治，越擦越亮。\n",
        "发挥先行先试作用，严惩涉黑涉恶犯罪。\n",  # frames that repeat a character
        "依法依规开展工作。\n",  # a swap would break the word the text repeats
        "地产市场预期，因城施策控增量。\n",  # a row of characters the dictionary lacks is a phrase
        "推进紧密型县域医共体建设。\n",  # 一共 would leave 体 alone
        "全面负责的原则，本预案规定的事项。\n",
        "打造湘潭半导体智造基地。\n",  # 智造 is accepted (rules/typos.yaml): 体智 is not 体制
    ],
)
def test_words_frames_and_new_phrases_are_not_slips(text):
    assert findings(text, "TY2", spelling="thorough") == []


def test_a_look_alike_of_the_same_four_corner_code_is_an_info_finding():
    (finding,) = findings("坚持需耍与可能相结合。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "需耍", "需要")
    assert finding.evidence["kind"] == "shape" and "reading" not in finding.evidence
    assert finding.severity.value == "info" and finding.message == "可能的错别字：“需耍”疑为“需要”（字形相近）"


def test_a_look_alike_that_differs_in_its_first_component_is_an_info_finding():
    # 肋 (肉 力) and 助 (且 力): no common four-corner code, one component apart
    (finding,) = findings("感谢大家的帮肋和支持。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "帮肋", "帮助")
    assert finding.severity.value == "info" and finding.evidence["score"] == 10.72


def test_a_look_alike_with_the_corrected_word_elsewhere_takes_a_lower_bar():
    # 敌 (舌 攵) and 放 (方 攵): 开敌 → 开放 scores 6.54, under the bar alone, over it with 开放 in use
    slip = "认真贯彻落实党的路线方针政策，坚定不移地推进改革开敌。\n"
    assert findings(slip, "TY2", spelling="thorough") == []
    (finding,) = findings("扩大对外开放。" + slip, "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "开敌", "开放")
    assert finding.severity.value == "info"


def test_an_item_of_a_list_is_a_slip_only_when_the_document_uses_the_corrected_word_often():
    # an item of a 、 list may be a short name (城投、津融), so its bar is the document's use
    item = "要统筹源资、环境、人口等因素。\n"
    assert findings(item, "TY2", spelling="thorough") == []
    assert findings("节约资源。用好资源。" + item, "TY2", spelling="thorough") == []
    (finding,) = findings("节约资源。用好资源。保护资源。" + item, "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY202", "源资", "资源")
    assert finding.severity.value == "info"  # score 11.5, but a name is never a warning


def test_a_place_word_that_begins_a_word_does_not_make_a_name():
    # 矿 after 办埋 begins 矿业, not a place's name (复康路 is one)
    (finding,) = findings("一律不得办埋矿业权的设置手续。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "办埋", "办理")


def test_a_look_alike_that_shares_its_sounding_part_is_found():
    # 职 (耳 只) and 积 (禾 只): the slip left in a corpus document
    (finding,) = findings("分别做出森林复盖面职的具体规划。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "面职", "面积")


def test_a_strong_look_alike_without_the_corrected_word_elsewhere_is_an_info_finding():
    # 需耍 → 需要 scores 10.42; a look-alike is a warning only with 需要 in the document
    (finding,) = findings("坚持需耍与可能相结合。\n", "TY2", spelling="thorough")
    assert finding.severity.value == "info"


def test_a_look_alike_foreign_to_the_text_with_its_word_used_is_a_warning_from_eight():
    # 需耍 → 需要 (10.42, under a look-alike's 12): 需要 is used elsewhere and 耍 is not
    (finding,) = findings("坚持需耍与可能相结合。满足群众需要。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "需耍", "需要")
    assert finding.severity.value == "warning" and finding.message == "错别字：“需耍”疑为“需要”（字形相近）"


def test_a_look_alike_with_its_word_used_whose_character_the_text_uses_needs_the_full_bar():
    # the same with 耍 written elsewhere (玩耍): 10.42 is under 12, an info finding
    (finding,) = findings("坚持需耍与可能相结合。满足群众需要。孩子们在玩耍。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.severity.value) == ("TY203", "需耍", "info")


def test_a_rare_character_is_written_on_purpose():
    # 勠力 → 努力 scores about 15 with 努力 twice in the document, but 勠 is chosen, not slipped into
    assert findings("全省上下要勠力同心，努力奋斗，努力拼搏。\n", "TY2", spelling="thorough") == []


def test_a_character_rare_alone_but_part_of_a_common_word_is_no_rare_character():
    # 垃 is rare as a word of its own (14 in jieba's dictionary) but everyday in 垃圾: a slip
    # into it (成垃 → 成立, 12.61, 垃 written nowhere else) is a slip
    (finding,) = findings("经研究，同意成垃由多个部门组成的领导小组。\n", "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "成垃", "成立")
    assert finding.severity.value == "warning"  # a strong look-alike, 垃 foreign to the text


def test_a_strong_look_alike_foreign_to_the_text_is_a_warning_without_its_word():
    # 成垃 → 成立 (12.61): 成立 is written nowhere else, but neither is 垃: a slip of the eye
    (finding,) = findings("经研究，同意成垃由多个部门组成的领导小组。\n", "TY2")
    assert (finding.code, finding.evidence["score"] >= 12) == ("TY203", True)
    assert finding.severity.value == "warning" and finding.message == "错别字：“成垃”疑为“成立”（字形相近）"


def test_a_strong_look_alike_whose_character_the_text_uses_is_an_info_finding():
    # the same slip in a text that writes 垃圾: 垃 may be the text's own (a term repeats its
    # characters), and 成立 is used nowhere else (precise mode does not report it at all)
    assert findings("经研究，同意成垃由多个部门组成的领导小组。做好垃圾分类。\n", "TY2") == []
    (finding,) = findings("经研究，同意成垃由多个部门组成的领导小组。做好垃圾分类。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "成垃", "成立")
    assert finding.severity.value == "info" and finding.message == "可能的错别字：“成垃”疑为“成立”（字形相近）"


def test_characters_that_differ_inside_one_enclosure_look_alike():
    # 国 (囗 玉) and 固 (囗 古)
    assert "国" in lexicon().look_alikes("固")
    (finding,) = findings("坚决维护固家安全和社会稳定。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY203", "固家", "国家")


def test_a_component_added_or_dropped_makes_a_look_alike():
    lex = lexicon()
    assert "十" in lex.look_alikes("汁") and "贷" in lex.look_alikes("代") and "代" in lex.look_alikes("贷")
    assert "助" in lex.look_alikes("肋") and "积" in lex.look_alikes("职")
    assert "统" not in lex.look_alikes("纠")  # the radical alone is not enough


def test_the_lexicon_knows_four_corner_codes():
    lex = lexicon()
    assert lex.shape("耍") == lex.shape("要") == "10404"
    assert lex.shape("部") == "07627"  # a leading zero is kept
    assert lex.shape("a") is None
    assert "要" in lex.look_alikes("耍") and "耍" not in lex.look_alikes("耍")


@pytest.mark.parametrize(
    "text, written, right",
    [
        ("要进一步规范管理，完善度制建设。\n", "度制", "制度"),
        ("认真做好信访稳定工作，及时化解盾矛纠纷。\n", "盾矛", "矛盾"),
        ("切实加强组织导领，明确责任分工。\n", "导领", "领导"),
    ],
)
def test_two_swapped_characters_are_reported(text, written, right):
    (finding,) = findings(text, "TY2")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY202", written, right)


@pytest.mark.parametrize(
    "text",
    [
        "各部门要认真落实主体责任。\n",
        "进一步提高工作效率和服务水平。\n",
        "深化实施创新驱动发展战略。\n",
        "推进“理响重庆”宣传活动。\n",  # a quoted slogan plays on a word on purpose
        "城投、津融等企业重组优化。\n",  # short names in a list
        "基础教育扩优提质，推进扩优提质行动。\n",  # used twice: the document's own word
    ],
)
def test_correct_text_names_and_slogans_are_not_reported(text):
    assert findings(text, "TY2", spelling="thorough") == []


def test_a_form_the_pack_already_reports_is_not_reported_again():
    result = findings("各单位要认真布署，狠抓落实。\n", "TY")
    assert [f.code for f in result] == ["TY101"]


def test_a_user_pack_can_accept_a_word(tmp_path):
    pack = tmp_path / "words.yaml"
    pack.write_text(
        "version: 1\naccept: [洛实]\nrules:\n  - {type: existence, id: none, tokens: [无此词], message: x}\n",
        encoding="utf-8",
    )
    assert findings("各部门要认真洛实主体责任。\n", "TY2", rule_packs=[str(pack)]) == []


def test_the_samples_and_the_seed_have_no_statistical_findings(seed_path):
    for path in (seed_path, SAMPLES / "work-summary-clean.txt", SAMPLES / "report-defects.txt"):
        assert check_path(str(path), Settings(select=["TY2"])).findings == []


# -- the lexicon and the C-speed scan -------------------------------------------------------


def test_the_lexicon_knows_words_and_readings():
    lex = lexicon()
    assert lex.is_word("部署") and not lex.is_word("布署")
    assert lex.frequency("部署") >= 1000
    assert lex.syllables["布"] == lex.syllables["部"] == "bu4"
    assert "部" in lex.homophones("署", 0, "bu4") and "布" not in lex.homophones("署", 0, "bu4")


def test_the_lexicon_gives_the_characters_of_a_syllable_in_every_tone_at_once():
    lex = lexicon()
    alike = lex.sounding_like("署", 0, "bu")
    assert ("部", "bu4") in alike and all(reading.startswith("bu") for _, reading in alike)
    assert sorted(alike) == sorted(
        (char, reading) for reading in ("bu1", "bu2", "bu3", "bu4", "bu5") for char in lex.homophones("署", 0, reading)
    )
    assert lex.sounding_like("署", 0, "qqq") == []
    # asked again, from the stretch of readings kept for the syllable: the same answer
    assert lex.sounding_like("署", 0, "bu") == alike and lex.sounding_like("署", 0, "qqq") == []


def naive_cut_off(text, lex):
    """The definition cut_off_characters implements, one character at a time: a rare
    Chinese character that can be part of a word with neither neighbour (a text of
    fewer than two characters has none)."""

    def known(i):  # the pair (i, i+1)
        return 0 <= i < len(text) - 1 and pair_code(text[i], text[i + 1]) in lex.known

    return [
        k
        for k, ch in enumerate(text)
        if len(text) >= 2 and "\u4e00" <= ch <= "\u9fff" and ch not in lex.common and not known(k - 1) and not known(k)
    ]


@hsettings(max_examples=80, deadline=None)
@given(st.text(alphabet="部署布落洛实主体责任认真的是，。a1制度", max_size=30))
def test_the_scan_finds_exactly_the_cut_off_characters(text):
    lex = lexicon()
    assert cut_off_characters(text, 0, len(text), lex) == naive_cut_off(text, lex)


def test_the_scan_is_linear_on_a_long_text():
    random.seed(5)
    text = "".join(random.choice("部署布落洛实主体责任认真的是，。") for _ in range(200_000))
    lex = lexicon()
    assert cut_off_characters(text, 0, len(text), lex) == naive_cut_off(text, lex)


def test_the_segmentation_score_prefers_words():
    lex = lexicon()
    written, written_words = lex.best_segmentation("认真洛实主体责任")
    corrected, corrected_words = lex.best_segmentation("认真落实主体责任")
    assert corrected > written and written_words == ["认真", "洛", "实", "主体", "责任"]
    assert corrected_words == ["认真落实", "主体", "责任"]
    assert lex.word_frequency("部署") == lex.frequency("部署") and lex.word_frequency("洛实") == 0


def every_segmentation_score(stretch, lex):
    """The best score over all segmentations of ``stretch``, by brute force: words of one to
    four characters of the dictionary, and any single character (one it lacks, or beyond
    the BMP, at the score of a character the dictionary lacks)."""
    unknown = lex.best_segmentation("\U00020000")[0]
    best = [0.0] + [-math.inf] * len(stretch)
    for end in range(1, len(stretch) + 1):
        for start in range(max(0, end - 4), end):
            word = stretch[start:end]
            frequency = lex.word_frequency(word) if all(ord(ch) <= 0xFFFF for ch in word) else 0
            if frequency:
                best[end] = max(best[end], best[start] + math.log(frequency) + unknown)
            elif end - start == 1:
                best[end] = max(best[end], best[start] + unknown)
    return best[-1]


@pytest.mark.parametrize(
    "stretch", ["认真洛实主体责任", "各剖门要统筹推进", "区聘用工穷人员", "\U00020000中国人民", "ab中文cd", "", "的"]
)
def test_the_segmentation_is_the_best_one_and_covers_the_stretch(stretch):
    lex = lexicon()
    score, words = lex.best_segmentation(stretch)
    assert "".join(words) == stretch
    assert score == pytest.approx(every_segmentation_score(stretch, lex), abs=1e-9)


def test_segments_cover_the_body_once():
    doc = Document("各单位要认真部署。\n\n狠抓落实。\n")
    words = segments(doc)
    assert "".join(word for _, word in words) == "各单位要认真部署。狠抓落实。"
    assert all(doc.text[offset : offset + len(word)] == word for offset, word in words)
    assert segments(doc) is words  # computed once per document


def test_a_stretch_that_is_not_prose_is_left_alone():
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
    lex = lexicon()
    assert len(cut_off_characters(text, 0, len(text), lex)) > 1000  # nearly every character is cut off
    assert cut_off_characters(text, 0, len(text), lex, most=0.2) == []
    assert findings(text + "\n", "TY2", spelling="thorough") == []


def test_a_character_sharing_a_distinctive_component_is_found_in_the_documents_own_wording():
    # 剖 and 部 share 咅 and no four-corner code: a faint look-alike, reported because the
    # document writes 各部 (各部门) elsewhere
    (finding,) = findings("各部门要统一部署。各剖门要认真落实。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 10, "各剖")
    assert finding.evidence["correction"] == "各部" and finding.evidence["kind"] == "faint_shape"
    assert finding.severity.value == "info" and finding.message == "可能的错别字：“各剖”疑为“各部”（字形相近）"


def test_a_look_alike_of_a_rarer_word_is_found_in_the_documents_own_wording():
    # 统筹 is used 470 times in jieba's dictionary, under CANDIDATE_MIN: the document's
    # 统筹推进 makes 统寿推进 a slip
    (finding,) = findings("要统筹推进各项工作。统寿推进改革。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 11, "统寿")
    assert finding.evidence["correction"] == "统筹" and finding.evidence["kind"] == "faint_shape"


def test_a_faint_look_alike_needs_the_documents_own_wording():
    assert findings("统寿推进改革。\n", "TY2", spelling="thorough") == []


def test_a_faint_look_alike_in_the_documents_own_wording_needs_a_score_of_six():
    # 内倍 → 内部 scores 6.07 with 内部管 written before it: over 6
    (finding,) = findings("内部管理。加强内倍管理。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 8, "内倍")
    assert finding.evidence["correction"] == "内部" and finding.evidence["kind"] == "faint_shape"
    # 时穷 → 时空 scores 3.16 with 时空关 written before it
    assert findings("研究时空关系。分析时穷关系。\n", "TY2", spelling="thorough") == []


def test_the_lexicon_knows_characters_that_share_a_distinctive_component():
    lex = lexicon()
    assert "部" in lex.kin("剖") and "部" in lex.kin("倍")  # 咅
    assert "部" not in lex.look_alikes("剖")  # a fainter likeness than a look-alike's
    assert "统" not in lex.kin("纠")  # 纟 is a radical's reduced form


def test_a_look_alike_foreign_to_the_text_is_found_in_a_title():
    # a title in 《》 may be a name, but 碾 is written nowhere else and 发展 is used nearby
    (finding,) = findings("各地要加快发展。认真学习《关于加快发碾现代农业的意见》。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 18, "发碾")
    assert finding.evidence["correction"] == "发展" and finding.severity.value == "info"


def test_a_look_alike_in_a_title_needs_a_foreign_character_and_its_word():
    assert findings("各地要加快发展。认真学习《关于加快发碾现代农业的意见》。做好碾米厂改造。\n", "TY2") == []
    assert findings("认真学习《关于加快发碾现代农业的意见》。\n", "TY2") == []


def test_a_faint_look_alike_foreign_to_the_text_takes_a_higher_bar():
    # 堤 and 题 share 是; 问题 is used nearby but not beside 个 or 要, and 堤 stands nowhere
    # else: 9.45 is over FAINT_STRAY (9)
    (finding,) = findings("要解决好群众反映的问题。这个问堤要认真核实。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 15, "问堤")
    assert finding.evidence["correction"] == "问题" and finding.evidence["kind"] == "faint_shape"
    assert finding.severity.value == "info"
    assert findings("要解决好群众反映的问题。这个问堤要认真核实。加固河堤。\n", "TY2") == []


def test_a_component_inside_a_component_makes_a_faint_look_alike():
    # 落 is 草 洛 and 洛 is 水 各: 格 (木 各) shares 各 with it; the document writes 落实治
    assert "落" in lexicon().kin("格")
    (finding,) = findings("要落实治理责任。各地要格实治理责任。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 12, "格实")
    assert finding.evidence["correction"] == "落实" and finding.evidence["kind"] == "faint_shape"


def test_a_phrase_beside_the_documents_word_is_no_faint_slip():
    # 可供出口 read as 进出口 (供 and 进 share 井) scores 5.26 with 进出口 written after it
    assert findings("我国可供出口的物资十分丰富。扩大进出口贸易。\n", "TY2", spelling="thorough") == []


def test_a_same_sounding_look_alike_is_found_in_a_list_as_a_look_alike():
    # 馆 and 管 share their reading and their 官; an item of a 、 list may be a name, but 馆
    # stands nowhere else and 管理 is used nearby
    (finding,) = findings("各部门要加强指导和管理。有关部门负责业务指导、馆理。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY203", 1, 24, "馆理")
    assert finding.evidence["correction"] == "管理" and finding.evidence["kind"] == "shape"
    assert findings("各部门要加强指导和管理。有关部门负责业务指导、馆理。新建图书馆。\n", "TY2") == []


def test_a_foreign_look_alike_in_a_list_needs_a_score_of_eight_and_a_half():
    # 凤凰单丛 (a tea) read as 单一 scores 7.86 with 单一 used nearby and 丛 nowhere else
    assert findings("推动产业向单一品种集中。打造凤凰单丛、英德红茶等品牌。\n", "TY2") == []


_LOOK_ALIKE_TABLES = """
from checker.model import segmentation as s
chars = set("部剖陪倍筹铸寿落格洛各助肋且职积耳只国固囗玉古汁十贷代要耍统纠湛泛精经成盛到倒召沼")
targets = set(chars)
alikes = s._look_alikes(s._four_corner_codes(chars), s._components(chars), targets)
kin = s._kin(s._marks(s._components(chars, most=4)), targets, dict(alikes))
print(alikes, kin)
"""


def _printed_under_hash_seeds(script: str) -> set[str]:
    """What ``script`` prints, run by processes with three hash seeds: a table built from
    sets in another order would make one process's cache file order a place's candidates
    otherwise than another's."""
    printed = set()
    for seed in ("1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True
        )
        printed.add(done.stdout)
    return printed


def test_the_look_alike_tables_are_the_same_whatever_the_hash_seed():
    built = _printed_under_hash_seeds(_LOOK_ALIKE_TABLES)
    assert len(built) == 1 and "剖" in built.pop()


# -- a whole word typed as another of the same syllables (发冠 for 法官) ------------------------
def test_the_lexicon_gives_the_most_frequent_words_read_with_two_syllables_in_any_tone():
    assert lexicon().words_read_as("fa", "guan") == [("法官", "fa3", "guan1")]
    found = lexicon().words_read_as("yi", "shi")
    frequencies = [lexicon().word_frequency(word) for word, _, _ in found]
    assert len(found) == 4 and frequencies == sorted(frequencies, reverse=True)
    assert ("意识", "yi4", "shi2") in found
    assert lexicon().words_read_as("fa", "xyz") == []


def test_a_word_typed_as_another_of_the_same_sounds_is_reported_whole():
    # 袁泽 (yuan2 ze2) is no word; 原则, read the same, reads far better (11.64): both
    # characters change, and the finding, its evidence and its fix cover the whole word
    (finding,) = findings("必须坚持依法行政的基本袁泽。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.severity.value) == ("TY201", "袁泽", "info")
    assert finding.message == "可能的错别字：“袁泽”疑为“原则”（词语同音）"
    assert finding.evidence["kind"] == "word_sound" and finding.evidence["reading"] == "yuan2 ze2"
    assert finding.evidence["words_corrected"][-2:] == ["基本", "原则"]
    assert (finding.fix.replacement, finding.fix.end - finding.fix.start, finding.fix.safety) == ("原则", 2, "unsafe")


def test_a_word_typed_as_another_in_other_tones_needs_a_stronger_score():
    # 郭嘉 (guo1 jia1) for 国家 (guo2 jia1) scores 11.22: over the bar for a word in another
    # tone (11), which a word in the same tones (袁泽, 11.64) clears from 8.5
    (finding,) = findings("任何组织不得危害郭嘉安全。\n", "TY2", spelling="thorough")
    assert (finding.excerpt, finding.evidence["correction"], finding.evidence["kind"]) == ("郭嘉", "国家", "word_tone")
    assert finding.severity.value == "info" and finding.message.endswith("（词语音同调不同）")


def test_precise_mode_does_not_try_whole_words():
    # its cost is the whole check's, for no injected slip more on the tuning part
    assert findings("必须坚持依法行政的基本袁泽。\n", "TY2") == []
    assert findings("要加强预警信息发布，提升御景信息发布的覆盖面。\n", "TY2") == []


def test_a_common_word_used_elsewhere_is_no_support_for_a_word_typed_as_it():
    # 医养 (医疗 and 养老) read as 一样 scores 10.88; 一样 written elsewhere, as a document
    # writes its common words anywhere, does not lower the bar
    text = "各地要积极推进医养结合，让老年人一样享有优质服务。\n"
    assert findings(text, "TY2", spelling="thorough") == []


def test_a_pair_of_a_rare_character_is_not_tried_as_a_word_typed_as_another():
    # 膈 is used under WORD_SLIP_CHARACTER times alone: 膈肌 is a term, not a slip of 各级
    # (which would score 14.31)
    assert findings("深呼吸时应当有意识地刺激膈肌收缩，以改善通气。\n", "TY2", spelling="thorough") == []


def test_a_word_typed_as_another_is_reported_in_the_document_s_own_wording():
    # 御景 → 预警 scores 7.44, under the bar without support, but the text writes 预警信息
    text = "要加强预警信息发布，提升御景信息发布的覆盖面。\n"
    (finding,) = findings(text, "TY2", spelling="thorough")
    assert (finding.excerpt, finding.evidence["correction"], finding.severity.value) == ("御景", "预警", "info")
    assert findings("提升御景信息发布的覆盖面。\n", "TY2", spelling="thorough") == []


def test_a_one_character_correction_over_its_bar_wins_over_a_whole_word():
    # 治俞: 治愈 (another tone of 俞) rather than 至于, which changes both characters
    (finding,) = findings("这种病完全可以治俞，请放心。\n", "TY2", spelling="thorough")
    assert (finding.excerpt, finding.evidence["correction"], finding.evidence["kind"]) == ("治俞", "治愈", "other_tone")


def test_a_whole_word_is_no_rival_of_a_clear_one_character_correction():
    # 衣院: 医院 (9.87) is a warning; 意愿, a word of the same syllables, does not make it unsure
    (finding,) = findings("患者应当去正规衣院就诊，不要自行用药。\n", "TY2", spelling="thorough")
    assert (finding.excerpt, finding.evidence["correction"], finding.severity.value) == ("衣院", "医院", "warning")


_HOMOPHONE_WORDS = """
from checker.model import segmentation as s
words = {("法官", "fa3", "guan1", 2312), ("发冠", "fa1", "guan1", 5), ("法冠", "fa3", "guan1", 5), ("人流", "ren2", "liu2", 300)}
print(s._words_by_readings(words, sorted({r for _, a, b, _ in words for r in (a, b)})))
"""


def test_the_table_of_words_by_their_readings_is_the_same_whatever_the_hash_seed():
    built = _printed_under_hash_seeds(_HOMOPHONE_WORDS)
    # fa guan: the most frequent first, then by code point (发冠 before 法冠), with their tones
    assert len(built) == 1 and "'法官发冠法冠', '311131'" in built.pop()


def test_a_slip_in_a_three_character_word_is_corrected_into_it():
    # 牛皮选: 选 (xuan3) makes no word with 皮, but 牛皮癣 (xuan3) is a word of three
    (finding,) = findings("她因患有牛皮选而长期服药，效果一直不好。\n", "TY2", spelling="thorough")
    assert (finding.code, finding.excerpt, finding.evidence["correction"]) == ("TY201", "牛皮选", "牛皮癣")
    assert finding.evidence["kind"] == "same_sound" and "牛皮癣" in finding.evidence["words_corrected"]
    assert (finding.fix.start, finding.fix.end, finding.fix.replacement) == (4, 7, "牛皮癣")
    # precise mode (the default) does not try three-character words: its cost is the whole check's
    assert findings("她因患有牛皮选而长期服药，效果一直不好。\n", "TY2") == []


def test_the_lexicon_gives_the_characters_that_make_a_three_character_word():
    assert lexicon().triple_sounding("甲状", 2, "xian") == [("腺", "xian4")]
    assert lexicon().triple_sounding("状腺", 0, "jia") == [("甲", "jia3")]
    assert lexicon().triple_sounding("甲腺", 1, "zhuang") == [("状", "zhuang4")]
    assert lexicon().triple_sounding("甲状", 2, "xyz") == []


def test_the_lexicon_tells_which_pairs_begin_a_three_character_word():
    assert lexicon().has_triple_place(triple_place("直辖", 2))  # 直辖市
    assert lexicon().has_triple_place(triple_place("状腺", 0))  # 甲状腺
    assert not lexicon().has_triple_place(triple_place("我们", 2))


def test_the_lexicon_gives_the_characters_that_end_a_three_character_word():
    assert "市" in lexicon().third_characters("直辖")  # 直辖市
    assert lexicon().third_characters("我们") == ""
    assert lexicon().third_characters("直") == ""


def test_every_word_of_three_a_look_alike_may_complete_is_in_the_triple_table():
    # _completing_look_alikes rules look-alikes out with the table's third characters
    # before it asks for a word's frequency: the table must hold every such word
    lex = lexicon()
    assert THREE_MIN >= TRIPLE_MIN
    with open(dictionary_path(), encoding="utf-8") as handle:
        words = {line.split(" ")[0] for line in handle}
    for word in words:
        chinese = len(word) == 3 and all("\u4e00" <= ch <= "\u9fff" for ch in word)
        if chinese and lex.word_frequency(word) >= THREE_MIN:
            assert word[2] in lex.third_characters(word[:2]), word


def test_a_pair_no_word_can_hold_is_known_not_to_be_one():
    lex = lexicon()
    assert lex.known  # the set of every code, after which may_be_known asks it
    assert lex.may_be_known("部", "署") and not lex.may_be_known("布", "署")


def test_the_lexicon_holds_the_reversed_words_of_common_characters():
    reversed_words = lexicon().reversed_words
    assert "们我" in reversed_words  # 我们 read the other way round
    assert "我们" not in reversed_words and all(len(pair) == 2 for pair in reversed_words)


def test_a_text_s_pairs_read_from_its_bytes_have_the_codes_of_the_pairs():
    text = "认真布署的工作\U00020000a\n中国"
    encoded = text.encode("utf-32-le")
    evens, odds = pair_codes(encoded)
    assert list(evens) == [pair_code(text[i], text[i + 1]) for i in range(0, len(text) - 1, 2)]
    assert list(odds) == [pair_code(text[i], text[i + 1]) for i in range(1, len(text) - 1, 2)]
    for short in ("", "认", "认真", "认真布"):
        evens, odds = pair_codes(short.encode("utf-32-le"))
        assert list(evens) + list(odds) == [pair_code(short[i], short[i + 1]) for i in (0, 1) if i + 1 < len(short)]


@pytest.mark.parametrize("window", [1, 2, 3, 4, 7])
def test_a_long_stretch_read_in_windows_has_the_same_cut_off_characters(window):
    # windows of a few characters stand in for CHARACTERS_AT_ONCE: every way a cut-off or
    # common character can stand at the edge of a window, in a stretch inside the text
    text = "。" + "认真布署的工作，们我终于中国\U00020000a" * 3 + "布"
    lex = lexicon()
    common_whole: list[int] = []
    whole = cut_off_characters(text, 1, len(text) - 1, lex, common_too=common_whole)
    common: list[int] = []
    assert cut_off_characters(text, 1, len(text) - 1, lex, common_too=common, window=window) == whole
    assert common == common_whole
    assert whole == [1 + at for at in naive_cut_off(text[1:-1], lex)] and whole and common


def test_a_long_stretch_that_is_not_prose_is_left_alone_from_its_first_windows():
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
    common: list[int] = []
    assert cut_off_characters(text, 0, len(text), lexicon(), most=0.2, common_too=common, window=100) == []
    assert common == []


def test_reversed_words_paired_one_character_at_a_time_are_found_as_when_paired_at_once(monkeypatch):
    text = "我们终于完成了任务。经过努力，们我终于克服了这种困难。\n"
    (finding,) = findings(text, "TY2")
    monkeypatch.setattr(typo_model, "PAIRED_AT_ONCE", 1)
    assert findings(text, "TY2") == [finding]
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY202", 1, 16, "们我")


def test_pair_codes_refuses_more_pairs_than_it_converts_at_once():
    with pytest.raises(ValueError):
        pair_codes(bytes(8 * (PAIRS_AT_ONCE + 1) + 4))
