"""The held-out generator's official names (bench/quality/inject.py, dropped_name_character).

A name begins at a place that is one place, an organisation or a jurisdiction — not in the
middle of an ordinary phrase — and a government is named by its place. What the generator
calls a name decides what the held-out figure for dropped characters measures.
"""

import importlib.util
import random
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "quality" / "inject.py"


@pytest.fixture(scope="module")
def inject():
    spec = importlib.util.spec_from_file_location("quality_inject", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.mark.parametrize(
    "text",
    [
        "就改名帝王将相部，才子佳人部，或者外国死人部。",  # 外国: foreign countries, no one country
        "由我与外国石油公司合作开发。",
        "卫生部也应改名“城市老爷卫生部”。",  # 城市: cities in general
        "在莫斯科同苏联签订了中苏两国政府关于共同进行的协定。",  # two countries
        "建成引绰济辽及二期工程，开工建设河套灌区。",  # 辽及: a guess across the conjunction 及
        "由于印度反动政府继承英帝国主义的侵略政策。",  # a government described, not named
    ],
)
def test_a_name_does_not_begin_in_the_middle_of_an_ordinary_phrase(inject, text):
    assert inject.official_names(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("（9）国家统计局负责统计监测。", [(3, "国家统计局")]),  # a jurisdiction
        ("中国政府同英国政府和葡萄牙政府经过友好谈判。", [(10, "葡萄牙政府")]),  # a country
        ("请肥城县政府会同肥城矿务局等有关方面。", [(1, "肥城县政府"), (8, "肥城矿务局")]),  # divisions
        # places jieba knows that are no division stay: the checker may well miss their names
        ("实施新时代湖湘工匠培育工程，深化产业工人队伍建设。", [(5, "湖湘工匠培育工程")]),
        ("见《俄罗斯苏维埃联邦社会主义共和国政府对中国政府的宣言》", [(5, "苏维埃联邦社会主义共和国政府")]),
    ],
)
def test_names_that_begin_at_a_place_a_body_or_a_jurisdiction_stay(inject, text, names):
    assert inject.official_names(text) == names


def test_a_dropped_character_is_taken_from_inside_a_real_name(inject):
    # the jibe is no name; in 肥城县政府 the level 县 is never dropped and 肥城县府 ends in a word
    text = "或者外国死人部。在此，请肥城县政府会同有关方面办理。"
    for seed in range(5):
        injection = inject.dropped_name_character(text, random.Random(seed))
        assert injection is not None
        assert (injection.before, injection.after, injection.start) == ("肥城县政府", "肥县政府", 12)
        assert injection.text == text.replace("肥城县政府", "肥县政府")
