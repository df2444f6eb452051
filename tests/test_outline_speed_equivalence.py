"""The outline is built the cheap way and must be exactly the outline built the plain way.

The cheap ways: enumeration markers are tried only where one can begin; a heading
marker's form is read once per marker. ``PlainBuilder`` below is the builder with the
plain formulations put back (``pattern.finditer`` over every paragraph, the marker read
at every heading), and the two trees are compared node by node, every field.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.load.readers import read_source
from checker.model.numerals import to_int
from checker.model.outline import (
    _RANK,
    _TERMINAL_KIND,
    _TERMINAL_LEVEL,
    Node,
    OutlineBuilder,
    _enumeration_pattern,
    _style,
    build_outline,
)
from tests.conftest import SAMPLES


class PlainBuilder(OutlineBuilder):
    """The outline builder with the plain formulations of what is made cheap."""

    def _enumeration_matches(self, start, end):
        return list(_enumeration_pattern().finditer(self.text, start, end))

    def _heading(self, line, kind="heading"):
        marker = self.text[line.start:line.marker_end]
        level = _TERMINAL_LEVEL.get(line.terminal)
        rank = _RANK[level] if level else _RANK[_TERMINAL_KIND[line.terminal]]
        digits = re.sub(r"[（()）、.．第章节条\s]", "", marker)
        rest = self.text[line.marker_end:line.end]
        stop = min((i for i in (rest.find("。"), rest.find("；")) if i >= 0), default=len(rest))
        return Node(kind, line.start, line.end, level=level, style=_style(marker, line.terminal),
                    number=to_int(digits), marker_start=line.start, marker_end=line.marker_end,
                    title=rest[:stop].strip(), rank=rank)

    def _is_signature_organ(self, line):
        content = self.text[line.start:line.end]
        return (len(content) <= 40 and not any(mark in content for mark in "。，；：:“”《》")
                and not content.startswith(("（", "(")))


def tree(node: Node) -> tuple:
    return (node.kind, node.start, node.end, node.head_start, node.head_end, node.level, node.style,
            node.number, node.marker_start, node.marker_end, node.title, node.value, node.rank,
            tuple(tree(child) for child in node.children))


def assert_same_outline(text: str) -> None:
    built = build_outline(text)
    assert tree(built) == tree(PlainBuilder(text).build())
    assert all(child.parent is node for node in built.walk() for child in node.children)


# Headings of every form, page furniture, signatures, enumerations, blank lines and prose.
PIECES = ["一、", "二、", "十二、", "一.", "三．", "（一）", "（二）", "(三)", "（十）、", "(3)", "（4）", "（１２）",
          "1.", "2．", "12、", "3、", "20.", "21.2026年", "1.09亿元", "第一章", "第二节", "第五条", "第十一条",
          "索 引 号：", "索\n引\n号：", "\n引号：甲", "发布机构：", "关闭窗口", "  关闭页面", "首页\n>", "【打印】",
          "附件：", "附件", "附 件 2", "附件1", "附件：1.统计表", "某办函〔2020〕8号", "2019年3月8日",
          "二〇一九年三月八日", "国务院办公厅", "各省、自治区、直辖市人民政府：", "关于做好某某工作的通知",
          "一是", "二是加强", "十二是否", "第一，", "第二、", "第三条", "统一是", "唯一是", "第一是", "三是非",
          " ", "\u3000", "\u3000\u3000", "\xa0", "\t", "\r\n", "\n", "\n", "\n\n",
          "文字", "正文内容", "。", "；", "，", "：", "（", "）", "x", "2.5万元"]


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_outline_of_random_mixtures_is_the_plain_outline(text):
    assert_same_outline(text)


def test_outline_of_the_samples_is_the_plain_outline():
    for path in sorted(SAMPLES.iterdir()):
        assert_same_outline(read_source(str(path)).text)


def test_outline_of_the_seed_and_corpus_is_the_plain_outline(seed_path, corpus_path):
    for path in [seed_path, *sorted(corpus_path.glob("*.txt"))]:
        assert_same_outline(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("length", [39, 40, 41])
def test_a_signature_line_at_the_length_limit_is_judged_as_the_plain_way(length):
    assert_same_outline("一、标题\n正文。\n" + "某" * length + "\n2024年1月2日\n")


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet="一二三四五六七八九十百第是是第否非，、：,:。 \n甲", max_size=40),
       st.integers(0, 40), st.integers(0, 40))
@example("一二三是，十二三四是；第十一、第二是", 0, 30)
@example("三是一二三是", 1, 6)
def test_enumeration_markers_are_those_finditer_finds(text, start, end):
    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    cheap = [(m.span(), m.lastgroup) for m in OutlineBuilder(text)._enumeration_matches(start, end)]
    plain = [(m.span(), m.lastgroup) for m in _enumeration_pattern().finditer(text, start, end)]
    assert cheap == plain
