"""Heading numbering: ST101 gaps and ST102 repeats among siblings."""
from tests.conftest import codes, findings


def test_gap_at_level_two():
    (f,) = findings("一、任务\n（一）甲。\n（二）乙。\n（三）丙。\n（五）丁。\n", "ST")
    assert (f.code, f.line, f.column, f.excerpt) == ("ST101", 5, 1, "（五）")
    assert "（四）" in f.message and f.evidence["missing"] == [4]


def test_gap_at_level_one():
    (f,) = findings("一、甲\n三、乙\n", "ST")
    assert (f.code, f.line) == ("ST101", 2)


def test_repeat():
    (f,) = findings("（一）甲。\n（二）乙。\n（二）丙。\n", "ST")
    assert (f.code, f.line) == ("ST102", 3)
    assert "（三）" in f.suggestion


def test_restart_under_a_new_parent_is_fine():
    assert codes("一、甲\n（一）a\n（二）b\n二、乙\n（一）c\n（二）d\n", "ST") == []


def test_numbers_above_ten_count_on():
    text = "".join(f"（{n}）第{n}项。\n" for n in "一 二 三 四 五 六 七 八 九 十 十一 十二".split())
    assert codes(text, "ST") == []


def test_seed_numbering_is_clean(seed_path):
    from checker.engine import check_path
    from checker.config import Settings

    assert check_path(str(seed_path), Settings(select=["ST101", "ST102"])).findings == []
