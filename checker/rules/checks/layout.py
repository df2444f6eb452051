"""Layout of a Word file (LY family): GB/T 9704-2012 page, margins, font sizes and fonts.

Only what the .docx states is checked: the .docx reader puts the first section's
page setup and the East Asian font and size of every run of body text into
``Source.layout``; a value the file leaves to a theme or to Word's defaults is
``None`` and is not judged. The readers of .doc and .wps (through the .docx
LibreOffice converts them to) and of OFD (its page size) fill it too; sources with
no layout (text, Markdown, HTML, PDF) get nothing from these rules. Fonts and sizes
are judged per paragraph (or heading) by the value covering most of its characters,
so a bold phrase does not count, and each wrong value is reported once, at its first
paragraph, with every paragraph that has it in the evidence.

GB/T 9704-2012: A4 (210 × 297 mm) portrait; 天头 (top margin) 37 mm ± 1 mm;
订口 (left margin) 28 mm ± 1 mm; 版心 (text block) 156 mm × 225 mm; body in 3号
仿宋 (16 pt); title in 2号 (22 pt); 一级标题 in 黑体, 二级标题 in 楷体.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypeVar

from checker.load.layout import Layout, PageSetup, StyledRun
from checker.model.document import Document
from checker.rules.registry import Hit, rule

V = TypeVar("V")  # a measured value: a font's name or a size in points
A4 = (210.0, 297.0)
TOP_MARGIN, LEFT_MARGIN = 37.0, 28.0
TEXT_BLOCK = (156.0, 225.0)
TOLERANCE_MM = 1.0
BODY_SIZE, TITLE_SIZE = 16.0, 22.0  # 三号, 二号
_SIZE_NAMES = {
    42.0: "初号",
    26.0: "一号",
    22.0: "二号",
    16.0: "三号",
    14.0: "四号",
    10.5: "五号",
    36.0: "小初",
    24.0: "小一",
    18.0: "小二",
    15.0: "小三",
    12.0: "小四",
    9.0: "小五",
}
# Names a font of each family goes by in Word and WPS files.
FONT_FAMILIES = {
    "仿宋": ("仿宋", "fangsong", "fang song", "fzfangsong", "stfangsong"),
    "黑体": ("黑体", "simhei", "heiti", "fzhei", "stheiti", "黑体_gb2312"),
    "楷体": ("楷体", "kaiti", "kai ti", "simkai", "fzkai", "stkaiti"),
}


def _layout(doc: Document) -> Layout | None:
    layout = doc.source.layout
    if layout is None or (layout.page is None and not layout.runs):  # a file that states no layout
        return None
    return layout


def _page(doc: Document) -> PageSetup | None:
    layout = _layout(doc)
    return layout.page if layout else None


def _anchor(doc: Document) -> tuple[int, int]:
    """Where a page-setup finding is shown: the first paragraph."""
    paragraphs = doc.paragraphs
    return (paragraphs[0].start, paragraphs[0].end) if paragraphs else (0, 0)


def _off(value: float | None, expected: float) -> bool:
    return value is not None and abs(value - expected) > TOLERANCE_MM


def size_name(points: float) -> str:
    name = _SIZE_NAMES.get(points)
    return f"{points:g} pt（{name}）" if name else f"{points:g} pt"


def in_family(font: str, family: str) -> bool:
    lowered = font.lower()
    return any(name in lowered for name in FONT_FAMILIES[family])


@rule(
    "LY101",
    "page-not-a4-portrait",
    category="layout",
    severity="warning",
    message="页面不是A4纵向：实测{width}×{height} mm（{orientation}），GB/T 9704 规定A4纸（210×297 mm）纵向",
)
def page_not_a4_portrait(doc: Document) -> Iterator[Hit]:
    """The page is not A4 portrait.

    What it checks:
        The page size and orientation the .docx states for its first section.
    Why it matters:
        GB/T 9704-2012 (5.2) prints 公文 on A4 paper, portrait.
    Example:
        A document set up on Letter paper (216 × 279 mm), or A4 landscape.
    Fix:
        页面设置 → 纸张：A4，方向：纵向.
    """
    page = _page(doc)
    if page is None or page.width_mm is None or page.height_mm is None:
        return
    width, height = page.width_mm, page.height_mm
    portrait = page.orientation != "landscape" and width < height
    short, long_ = sorted((width, height))
    if abs(short - A4[0]) <= TOLERANCE_MM and abs(long_ - A4[1]) <= TOLERANCE_MM and portrait:
        return
    start, end = _anchor(doc)
    yield Hit(
        start,
        end,
        args={"width": f"{width:g}", "height": f"{height:g}", "orientation": "纵向" if portrait else "横向"},
        evidence={"width_mm": width, "height_mm": height, "orientation": page.orientation, "expected_mm": list(A4)},
    )


def _margin_hits(doc: Document, key: str, measured: float | None, expected: float) -> Iterator[Hit]:
    """A hit when the margin ``key`` (top_mm, left_mm) the file states is off ``expected``."""
    if measured is not None and _off(measured, expected):
        start, end = _anchor(doc)
        yield Hit(
            start,
            end,
            args={"measured": f"{measured:g}"},
            evidence={key: measured, "expected_mm": expected, "tolerance_mm": TOLERANCE_MM},
        )


@rule(
    "LY102",
    "top-margin",
    category="layout",
    severity="warning",
    message="上页边距（天头）为{measured} mm，GB/T 9704 规定37 mm±1 mm",
)
def top_margin(doc: Document) -> Iterator[Hit]:
    """The top margin (天头) is not 37 mm ± 1 mm.

    What it checks:
        The top margin the .docx states for its first section.
    Why it matters:
        GB/T 9704-2012 (5.2.1) fixes the 天头 at 37 mm ± 1 mm so that the 版头 sits where
        readers and filing systems expect it.
    Example:
        Word's default top margin of 25.4 mm.
    Fix:
        页面设置 → 页边距 → 上：3.7 厘米.
    """
    page = _page(doc)
    yield from _margin_hits(doc, "top_mm", page.top_mm if page else None, TOP_MARGIN)


@rule(
    "LY103",
    "left-margin",
    category="layout",
    severity="warning",
    message="左页边距（订口）为{measured} mm，GB/T 9704 规定28 mm±1 mm",
)
def left_margin(doc: Document) -> Iterator[Hit]:
    """The left margin (订口) is not 28 mm ± 1 mm.

    What it checks:
        The left margin the .docx states for its first section.
    Why it matters:
        GB/T 9704-2012 (5.2.1) fixes the 订口 at 28 mm ± 1 mm, leaving room for binding.
    Example:
        Word's default left margin of 31.8 mm.
    Fix:
        页面设置 → 页边距 → 左：2.8 厘米.
    """
    page = _page(doc)
    yield from _margin_hits(doc, "left_mm", page.left_mm if page else None, LEFT_MARGIN)


@rule(
    "LY104",
    "text-block-size",
    category="layout",
    severity="warning",
    message="版心为{width}×{height} mm，GB/T 9704 规定156×225 mm",
)
def text_block_size(doc: Document) -> Iterator[Hit]:
    """The text block (版心) is not 156 mm × 225 mm.

    What it checks:
        Page width less the left and right margins, page height less the top and bottom
        margins, as the .docx states them (± 1 mm).
    Why it matters:
        GB/T 9704-2012 (5.2.2) fixes the 版心 at 156 mm × 225 mm: 22 lines of 28 characters
        in 3号 type.
    Example:
        A4 with 28 mm left and right margins leaves a 154 mm wide block.
    Fix:
        页边距：上 3.7 厘米、下 3.5 厘米、左 2.8 厘米、右 2.6 厘米.
    """
    page = _page(doc)
    if page is None:
        return
    width_mm, height_mm, left, right, top, bottom = (
        page.width_mm,
        page.height_mm,
        page.left_mm,
        page.right_mm,
        page.top_mm,
        page.bottom_mm,
    )
    if width_mm is None or height_mm is None or left is None or right is None or top is None or bottom is None:
        return
    if page.orientation == "landscape" or width_mm > height_mm:
        return  # LY101 says it: the block of a landscape page is not comparable
    block = (round(width_mm - left - right, 1), round(height_mm - top - bottom, 1))
    if _off(block[0], TEXT_BLOCK[0]) or _off(block[1], TEXT_BLOCK[1]):
        start, end = _anchor(doc)
        yield Hit(
            start,
            end,
            args={"width": f"{block[0]:g}", "height": f"{block[1]:g}"},
            evidence={
                "text_block_mm": list(block),
                "expected_mm": list(TEXT_BLOCK),
                "page_mm": [width_mm, height_mm],
                "margins_mm": {"top": top, "bottom": bottom, "left": left, "right": right},
                "arithmetic": f"{width_mm:g}−{left:g}−{right:g}={block[0]:g}；"
                f"{height_mm:g}−{top:g}−{bottom:g}={block[1]:g}",
            },
        )


# -- fonts and sizes by role ---------------------------------------------------------


class _Runs:
    """The fonts and sizes of the body text, by character offset."""

    def __init__(self, layout: Layout) -> None:
        self.runs = sorted(layout.runs)
        self.starts = [run.start for run in self.runs]
        self.paragraphs = sorted(layout.paragraph_spans)
        self.paragraph_starts = [span.start for span in self.paragraphs]

    def dominant(self, start: int, end: int, measure: Callable[[StyledRun], V | None]) -> V | None:
        """The value ``measure`` reads off the runs (font or size) that covers most
        characters of [start, end); None counts like any value."""
        counts: Counter[V | None] = Counter()
        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        while index < len(self.runs) and self.runs[index].start < end:
            run = self.runs[index]
            overlap = min(end, run.end) - max(start, run.start)
            if overlap > 0:
                counts[measure(run)] += overlap
            index += 1
        if not counts:
            return None
        value, _ = counts.most_common(1)[0]
        return value

    def paragraph_number(self, offset: int) -> int | None:
        index = bisect.bisect_right(self.paragraph_starts, offset) - 1
        if index >= 0 and self.paragraphs[index].start <= offset <= self.paragraphs[index].end:
            return self.paragraphs[index].number
        return None


def _runs(doc: Document) -> _Runs | None:
    layout = _layout(doc)
    return doc.view(_build_runs) if layout else None


def _build_runs(doc: Document) -> _Runs:
    layout = doc.source.layout
    return _Runs(layout if layout is not None else Layout(page=None))


def _spans_by_role(doc: Document, role: str) -> list[tuple[int, int]]:
    """Spans of the title, level-1 and level-2 heading texts, or body paragraphs."""
    spans = []
    for node in doc.outline.walk():
        if role == "title" and node.kind == "title":
            spans.append((node.head_start, node.head_end))
        elif (
            role in ("heading1", "heading2")
            and node.kind == "heading"
            and node.level == int(role[-1])
            and node.marker_start >= 0
        ):
            title_end = node.marker_end + len(node.title or "")
            spans.append((node.marker_start, min(node.head_end, max(title_end, node.marker_end))))
        elif role == "body" and node.kind == "paragraph":
            spans.append((node.head_start, node.head_end))
    return spans


def _grouped(
    doc: Document, role: str, measure: Callable[[StyledRun], V | None], wrong: Callable[[V], bool]
) -> Iterator[tuple[V, list[tuple[int, int, int]]]]:
    """(measured value, [(start, end, paragraph number) …]) for each value ``wrong`` rejects,
    in order of first appearance; only spans in body paragraphs (not table cells)."""
    runs = _runs(doc)
    if runs is None:
        return
    groups: dict[V, list[tuple[int, int, int]]] = {}
    for start, end in _spans_by_role(doc, role):
        number = runs.paragraph_number(start)
        if number is None:
            continue
        value = runs.dominant(start, end, measure)
        if value is not None and wrong(value):
            groups.setdefault(value, []).append((start, end, number))
    yield from groups.items()


def _size(run: StyledRun) -> float | None:
    return run.size


def _font(run: StyledRun) -> str | None:
    return run.font


def _size_hits(doc: Document, role: str, expected: float) -> Iterator[Hit]:
    for measured, spans in _grouped(doc, role, _size, lambda size: abs(size - expected) > 0.25):
        start, end, _ = spans[0]
        yield Hit(
            start,
            end,
            args={"measured": size_name(measured), "count": len(spans)},
            evidence={
                "measured_pt": measured,
                "expected_pt": expected,
                "paragraphs": [number for _, _, number in spans][:50],
                "count": len(spans),
            },
        )


def _font_hits(doc: Document, role: str, family: str) -> Iterator[Hit]:
    for measured, spans in _grouped(doc, role, _font, lambda font: not in_family(font, family)):
        start, end, _ = spans[0]
        yield Hit(
            start,
            end,
            args={"measured": measured, "count": len(spans)},
            evidence={
                "measured_font": measured,
                "expected_family": family,
                "paragraphs": [number for _, _, number in spans][:50],
                "count": len(spans),
            },
        )


@rule(
    "LY111",
    "body-font-size",
    category="layout",
    severity="warning",
    message="正文字号为{measured}（共{count}段），GB/T 9704 规定正文用三号字（16 pt）",
)
def body_font_size(doc: Document) -> Iterator[Hit]:
    """Body text is not set in 3号 (16 pt).

    What it checks:
        The font size covering most of each body paragraph, where the .docx states it;
        each wrong size is reported once, with the paragraphs that have it.
    Why it matters:
        GB/T 9704-2012 (5.2.3) sets 公文 body text in 3号 仿宋 so that the 版心 holds
        22 lines of 28 characters.
    Example:
        Body paragraphs in 小四 (12 pt), Word's usual default.
    Fix:
        Select the body text and set 三号.
    """
    yield from _size_hits(doc, "body", BODY_SIZE)


@rule(
    "LY112",
    "title-font-size",
    category="layout",
    severity="warning",
    message="标题字号为{measured}，GB/T 9704 规定标题用二号字（22 pt）",
)
def title_font_size(doc: Document) -> Iterator[Hit]:
    """The title is not set in 2号 (22 pt).

    What it checks:
        The font size covering most of the title line, where the .docx states it.
    Why it matters:
        GB/T 9704-2012 (7.3.1) sets the title in 2号 小标宋.
    Example:
        A title in 三号, the same size as the body.
    Fix:
        Select the title and set 二号.
    """
    yield from _size_hits(doc, "title", TITLE_SIZE)


@rule(
    "LY121",
    "body-font",
    category="layout",
    severity="warning",
    message="正文字体为“{measured}”（共{count}段），GB/T 9704 规定正文用仿宋",
)
def body_font(doc: Document) -> Iterator[Hit]:
    """Body text is not in a 仿宋 font.

    What it checks:
        The East Asian font covering most of each body paragraph, where the .docx names it.
    Why it matters:
        GB/T 9704-2012 (5.2.3) sets 公文 body text in 仿宋 (仿宋_GB2312 on most systems).
    Example:
        Body paragraphs in 宋体 or 微软雅黑.
    Fix:
        Select the body text and set the 中文字体 to 仿宋_GB2312.
    """
    yield from _font_hits(doc, "body", "仿宋")


@rule(
    "LY122",
    "heading1-font",
    category="layout",
    severity="warning",
    message="一级标题字体为“{measured}”（共{count}处），一级标题应用黑体",
)
def heading1_font(doc: Document) -> Iterator[Hit]:
    """A level-1 heading (一、) is not in 黑体.

    What it checks:
        The East Asian font covering most of each level-1 heading's text, where the
        .docx names it.
    Why it matters:
        GB/T 9704-2012 (7.3.3) sets the first level of 结构层次序数 in 黑体, the second
        in 楷体, so the levels can be told apart at a glance.
    Example:
        “一、总体要求” in 仿宋.
    Fix:
        Set the heading's 中文字体 to 黑体.
    """
    yield from _font_hits(doc, "heading1", "黑体")


@rule(
    "LY123",
    "heading2-font",
    category="layout",
    severity="warning",
    message="二级标题字体为“{measured}”（共{count}处），二级标题应用楷体",
)
def heading2_font(doc: Document) -> Iterator[Hit]:
    """A level-2 heading (（一）) is not in 楷体.

    What it checks:
        The East Asian font covering most of each level-2 heading's text (the words before
        its first 。), where the .docx names it.
    Why it matters:
        GB/T 9704-2012 (7.3.3) sets the second level of 结构层次序数 in 楷体.
    Example:
        “（一）加强组织领导。” in 黑体.
    Fix:
        Set the heading's 中文字体 to 楷体_GB2312.
    """
    yield from _font_hits(doc, "heading2", "楷体")
