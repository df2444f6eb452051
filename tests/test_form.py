"""Form elements (ST3xx): 发文字号, 附件说明, 主送机关, signature block."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.rules.checks.form import doc_numbers
from tests.conftest import SAMPLES, codes, findings

SIGNED = "\n青山区人民政府办公室\n2024年3月8日\n"


# -- ST301 发文字号 -----------------------------------------------------------------------


def test_doc_number_with_square_brackets_di_and_leading_zero():
    (f,) = findings("青政办[2024]第05号\n关于某事的通知\n各单位：\n现通知如下。\n", "ST301")
    assert (f.code, f.line, f.column) == ("ST301", 1, 1)
    assert f.fix.replacement == "青政办〔2024〕5号" and f.fix.safety == "safe"
    assert len(f.evidence["problems"]) == 3


def test_doc_number_with_two_digit_year_has_no_safe_fix():
    (f,) = findings("青政办〔24〕5号\n关于某事的通知\n", "ST301")
    assert f.fix is None and "四位" in f.message


def test_cited_doc_number_in_the_body():
    (f,) = findings("关于某事的批复\n你们《关于某事的请示》（青发[2016]3号）收悉。\n", "ST301")
    assert (f.line, f.excerpt) == (2, "青发[2016]3号")


def test_well_formed_doc_numbers_and_bracketed_years_are_fine():
    assert codes("青政办〔2024〕5号\n关于某事的通知\n根据《方案》（2016）和国发〔2016〕3号文件。\n", "ST301") == []


# -- ST302 附件说明 -------------------------------------------------------------------------


def test_half_width_colon_and_punctuation_after_name():
    text = "关于某事的通知\n各单位：\n请按要求报送。\n附件:统计表。\n" + SIGNED
    found = findings(text, "ST302")
    assert [(f.line, f.column, f.fix.replacement) for f in found] == [(4, 3, "："), (4, 7, "")]


def test_several_attachments_must_be_numbered():
    text = "关于某事的通知\n各单位：\n请按要求报送。\n附件：\n统计表\n名单\n" + SIGNED
    (f,) = findings(text, "ST302")
    assert (f.line, f.severity.value) == (5, "warning")


def test_well_formed_attachment_note_is_fine():
    assert codes("关于某事的通知\n各单位：\n请按要求报送。\n附件：1.统计表\n2.名单\n" + SIGNED, "ST302") == []


# -- ST303 attachments present ---------------------------------------------------------------

ATTACHED = (
    "关于某事的通知\n各单位：\n请按要求报送。\n附件：1.统计表\n2.人员名单\n"
    + SIGNED
    + "附件1\n统计表\n单位名称、联系人。\n{second}"
)


def test_listed_attachment_missing_from_the_text():
    (f,) = findings(ATTACHED.format(second=""), "ST303")
    assert (f.code, f.line) == ("ST303", 5) and "人员名单" in f.message


def test_every_listed_attachment_present():
    assert codes(ATTACHED.format(second="附件2\n人员名单\n张三。\n"), "ST303") == []


# -- ST304 主送机关 ----------------------------------------------------------------------------


def test_recipient_with_half_width_colon():
    (f,) = findings("关于某事的通知\n各街道办事处:\n现通知如下。\n", "ST304")
    assert (f.line, f.column, f.fix.replacement) == (2, 7, "：")


def test_recipient_with_full_width_colon_is_fine():
    assert codes("关于某事的通知\n各街道办事处：\n现通知如下。\n", "ST304") == []


# -- ST305 / ST306 signature ----------------------------------------------------------------


def test_report_without_signature():
    (f,) = findings("关于某事的报告\n区人民政府：\n现将有关情况报告如下。\n特此报告。\n", "ST305")
    assert (f.code, f.line) == ("ST305", 4)


def test_signature_present_or_not_required():
    assert codes("关于某事的报告\n区人民政府：\n特此报告。" + SIGNED, "ST305") == []
    assert codes("关于某事的通知\n各单位：\n现通知如下。\n", "ST305") == []


def test_body_text_after_the_signature():
    text = "关于某事的通知\n各单位：\n现通知如下。" + SIGNED + "四、其他事项\n本通知自印发之日起施行。\n"
    (f,) = findings(text, "ST306")
    assert (f.code, f.line) == ("ST306", 6)


def test_attachments_and_copy_lines_after_the_signature_are_fine():
    assert codes(ATTACHED.format(second=""), "ST306") == []
    assert codes("关于某事的通知\n各单位：\n现通知如下。" + SIGNED + "抄送：区委办公室。\n", "ST306") == []


# -- the samples: every structure and date finding, by code and line ------------------------

SAMPLE_FINDINGS = {
    "request-defects.txt": [
        ("ST301", 1),
        ("ST204", 5),
        ("ST304", 5),
        ("ST105", 13),
        ("DT101", 14),
        ("DT102", 14),
        ("ST203", 15),
        ("DT104", 18),
    ],
    "summary-plan-defects.txt": [
        ("DT105", 1),
        ("ST201", 3),
        ("DT103", 8),
        ("ST101", 9),
        ("ST207", 10),
        ("ST208", 11),
        ("ST107", 14),
        ("ST106", 17),
    ],
    "attachments-defects.txt": [
        ("ST304", 3),
        ("ST107", 5),
        ("ST107", 8),
        ("ST302", 13),
        ("ST302", 13),
        ("ST303", 14),
        ("ST306", 18),
    ],
    "work-summary-clean.txt": [],
}


@pytest.mark.parametrize("name", sorted(SAMPLE_FINDINGS))
def test_sample_structure_and_date_findings(name):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert [(f.code, f.line) for f in findings(text, ["ST", "DT"])] == SAMPLE_FINDINGS[name]


_PIECES = st.one_of(
    st.text(alphabet="国发财税粤府办的年和号第局", max_size=14),
    st.builds(
        lambda o, y, c: o + y + c,
        st.sampled_from("〔[［(（【"),
        st.text(alphabet="20１６", min_size=1, max_size=5),
        st.sampled_from("〕]］)）】"),
    ),
    st.builds(
        lambda d, n, h: d + n + h,
        st.sampled_from(["", "第"]),
        st.text(alphabet="0１3", max_size=6),
        st.sampled_from(["号", "", "号号"]),
    ),
    st.sampled_from(["，", "a", " ", "\n", "号", "〔", "）"]),
)


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_a_doc_number_takes_as_its_organ_every_han_character_before_its_bracket_up_to_ten(text):
    end = 0
    for match in doc_numbers(text):
        organ = match.group("organ")
        assert match.start() >= end and 1 <= len(organ) <= 10 and all(map(is_han, organ))
        reaches_back = len(organ) == 10 or match.start() == end or not is_han(text[match.start() - 1])
        assert reaches_back, (text, match.span())
        assert 2 <= len(match.group("year")) <= 4 and 1 <= len(match.group("number")) <= 5
        assert match.group().endswith("号")
        end = match.end()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_PIECES, max_size=8).map("".join),
    st.sampled_from(["国发", "青政办", "财税"]),
    st.sampled_from(["〔2016〕", "[2016]", "（16）", "【２０１６】"]),
    st.sampled_from(["3", "第05", "１２"]),
)
def test_a_doc_number_after_any_text_is_found_whole(before, organ, year, number):
    text = before + "，" + organ + year + number + "号"
    found = list(doc_numbers(text))
    assert found and found[-1].group() == organ + year + number + "号"
    assert found[-1].span() == (len(before) + 1, len(text))
