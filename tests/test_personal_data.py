"""Personal data (PD1xx): what is recognised as an ID, a mobile number, a personal
landline or a bank card, and that no output shows the number."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import checker
from checker.core.masking import mask_number
from checker.core.models import Fix
from checker.rules.checks.personal_data import luhn_valid, resident_id_valid
from checker.rules.registry import Hit, rule, temporary_rules
from tests.conftest import run

ID = "110105199003071239"  # region 110105, born 1990-03-07, check character 9
MOBILE = "13812345678"
CARD = "6222021234567890128"  # UnionPay prefix 62, Luhn digit 8
DOCUMENT = (
    f"关于救助对象的公示\n张某某，身份证号{ID}，银行卡号{CARD}，手机{MOBILE}，"
    f"住址某区某路1号。\n联系电话：010-12345678。\n"
)
SECRETS = (ID, MOBILE, CARD)


def _with_check_character(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def codes(text: str, select: str = "PD") -> list[tuple[str, int, int]]:
    findings = checker.check_text(text, settings=checker.Settings(select=[select])).files[0].findings
    return [(f.code, f.line, f.column) for f in findings]


def test_an_id_with_its_check_character_is_valid():
    assert resident_id_valid(ID)


def test_an_id_with_a_wrong_check_character_is_not():
    assert not resident_id_valid(ID[:17] + "0")


def test_an_id_born_on_a_day_no_calendar_has_is_not():
    assert not resident_id_valid(_with_check_character("11010519900230123"))  # 30 February


def test_an_id_born_after_the_document_is_not():
    assert not resident_id_valid(_with_check_character("11010520300307123"), latest_year=2025)


def test_an_id_of_no_province_is_not():
    assert not resident_id_valid(_with_check_character("99010519900307123"))


def test_random_eighteen_digit_numbers_are_seldom_taken_for_ids():
    rng = random.Random(15)
    numbers = ["".join(rng.choice("0123456789") for _ in range(18)) for _ in range(20000)]
    assert sum(map(resident_id_valid, numbers)) / len(numbers) < 0.002


@given(st.text("0123456789", min_size=15, max_size=18))
def test_a_number_with_its_luhn_digit_appended_passes_luhn(digits):
    check = next(d for d in "0123456789" if luhn_valid(digits + d))
    assert luhn_valid(digits + check)
    assert sum(luhn_valid(digits + d) for d in "0123456789") == 1


def test_a_mobile_number_is_masked_keeping_three_and_four_digits():
    assert mask_number(MOBILE) == "138****5678"


def test_each_kind_of_personal_data_is_found():
    assert codes(DOCUMENT) == [("PD101", 2, 9), ("PD104", 2, 32), ("PD102", 2, 54)]


def test_an_office_telephone_on_a_contact_line_is_not_personal_data():
    assert codes("联系人：王某，联系电话：0571-12345678，传真：0571-22345678。\n") == []


def test_a_home_telephone_is_personal_data():
    assert codes("李某某，家庭电话：0571-87654321。\n") == [("PD103", 1, 10)]


def test_an_amount_of_eleven_digits_is_not_a_mobile_number():
    assert codes("全年完成投资13800000000元。\n") == []


def test_an_organs_account_to_be_paid_into_is_not_a_card_of_a_person():
    assert codes(f"户名：某市财政局，账号：{CARD}\n") == []


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_no_output_format_shows_the_numbers(tmp_path, fmt):
    path = tmp_path / "公示.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    result = run("check", "--format", fmt, "-o", str(out), str(path))
    assert result.exit_code == 1, result.output
    shown = out.read_text(encoding="utf-8")
    if fmt == "sarif":  # the rules' documentation, which SARIF carries, has examples of its own
        shown = json.dumps(json.loads(shown)["runs"][0]["results"], ensure_ascii=False)
    assert "138****5678" in shown
    assert not [secret for secret in SECRETS if secret in shown]


def test_another_rules_finding_that_shows_the_number_is_masked_too():
    def whole_line(doc):
        yield Hit(
            0, len(doc.text) - 1, args={"line": doc.text.strip()}, suggestion=doc.text.strip(), fix=Fix.at(0, 2, "张三")
        )

    text = f"张某某，手机{MOBILE}。\n"
    with temporary_rules():
        rule("TY990", "whole-line", category="typo", severity="info", message="整行：{line}")(whole_line)
        findings = checker.check_text(text, settings=checker.Settings(select=["TY990", "PD"])).files[0].findings
    line = next(f for f in findings if f.code == "TY990")
    assert line.masked and line.excerpt == "张某某，手机138****5678。"
    assert line.message == "整行：张某某，手机138****5678。"
    assert MOBILE not in json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False)


def test_a_finding_that_does_not_show_the_number_is_left_alone():
    findings = checker.check_text(f"请拨打 {MOBILE} 联系。\n").files[0].findings
    space = next(f for f in findings if f.code == "PN211")
    assert not space.masked and space.excerpt == " "


def test_the_review_workbench_gets_the_text_and_report_masked():
    pytest.importorskip("starlette", reason="doccheck serve needs the extra [serve]")
    from checker.serve.jobs import check

    answer = check("公示.txt", DOCUMENT.encode("utf-8"), {}, None, ".", 2_000_000)
    shown = json.dumps(answer, ensure_ascii=False)
    assert "138****5678" in answer["text"]
    assert not [secret for secret in SECRETS if secret in shown]


def test_the_fixer_still_sees_the_real_text():
    fixed = checker.fix_text(f"请拨打 {MOBILE} 联系。\n").text
    assert MOBILE in fixed and fixed.count(" ") == 1  # the space after the number removed
