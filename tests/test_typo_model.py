"""Statistical typo detection: TY201 same-sounding slips, TY202 swapped characters
(checker/rules/checks/typo_model.py), over the lexicon of checker/model/segmentation.py."""

import random

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from checker.core.config import Settings
from checker.model.document import Document
from checker.model.segmentation import lexicon, pair_code, segments
from checker.rules.checks.typo_model import suspicious_pairs
from checker.run.engine import check_path
from tests.conftest import SAMPLES, findings

pytestmark = pytest.mark.skipif(lexicon() is None, reason="jieba's dictionary is not installed")


def test_a_same_sounding_slip_is_reported_with_its_evidence():
    (finding,) = findings("各部门要认真洛实主体责任。\n", "TY2")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TY201", 1, 7, "洛实")
    assert finding.suggestion == "如确为笔误，改为“落实”"
    assert finding.message == "“洛实”不成词，疑为同音字误用，可能应为“落实”"  # the frequency is evidence only
    assert finding.evidence["correction"] == "落实"
    assert finding.evidence["reading"] == "luo4"
    assert finding.evidence["correction_frequency"] >= 1000
    assert finding.fix.safety == "unsafe"


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
    assert findings(text, "TY2") == []


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
    assert ("部", lex.frequency("部署")) in lex.homophones("署", 0, "bu4")


def naive_pairs(text, lex):
    """The definition suspicious_pairs implements, one character at a time."""
    rare = {ch for ch in text if "\u4e00" <= ch <= "\u9fff" and ch not in lex.common}

    def known(i):  # the pair (i, i+1)
        return 0 <= i < len(text) - 1 and pair_code(text[i], text[i + 1]) in lex.known

    found = {}
    for k, ch in enumerate(text):
        if ch not in rare or known(k - 1) or known(k):
            continue
        if k >= 1 and text[k - 1] in rare and not (k >= 2 and lex.is_word(text[k - 2 : k])):
            found.setdefault(k - 1, set()).add(1)
        if k + 1 < len(text) and text[k + 1] in rare and not (k + 2 < len(text) and lex.is_word(text[k + 1 : k + 3])):
            found.setdefault(k, set()).add(0)
    return found


@hsettings(max_examples=80, deadline=None)
@given(st.text(alphabet="部署布落洛实主体责任认真的是，。a1制度", max_size=30))
def test_the_scan_finds_exactly_the_cut_off_pairs(text):
    lex = lexicon()
    assert suspicious_pairs(text, 0, len(text), lex) == naive_pairs(text, lex)


def test_the_scan_is_linear_on_a_long_text():
    random.seed(5)
    text = "".join(random.choice("部署布落洛实主体责任认真的是，。") for _ in range(200_000))
    lex = lexicon()
    assert suspicious_pairs(text, 0, len(text), lex) == naive_pairs(text, lex)


def test_segments_cover_the_body_once():
    doc = Document("各单位要认真部署。\n\n狠抓落实。\n")
    words = segments(doc)
    assert "".join(word for _, word in words) == "各单位要认真部署。狠抓落实。"
    assert all(doc.text[offset : offset + len(word)] == word for offset, word in words)
    assert segments(doc) is words  # computed once per document


def test_a_stretch_that_is_not_prose_is_left_alone():
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
    lex = lexicon()
    assert len(suspicious_pairs(text, 0, len(text), lex)) > 1000  # nearly every character is cut off
    assert suspicious_pairs(text, 0, len(text), lex, most=0.2) == {}
    assert findings(text + "\n", "TY2") == []
