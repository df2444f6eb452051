"""Property tests over the whole pipeline: whatever the text, no exception escapes and
every finding points inside it.

The invariants, for any text: the check finishes without an internal error (IN001 —
a rule that raised); every finding's ``start``/``end`` lie inside the text; its
line/column agree with its offsets (counted here independently of the Document);
its excerpt is the text at those offsets; the report renders in every format.

Inputs: random Unicode; random mixtures of the pieces 公文 are made of (heading
markers, numbers, dates, brackets, Chinese text, line breaks); and the project's own
samples (``samples/``) truncated, spliced and concatenated. Random bytes go through
the reader too.

The default budget keeps the suite fast and is derandomised so that CI is
reproducible; a longer run is ``DOCCHECK_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py``
(random seeds, examples per property).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.core.models import Report
from checker.load.source import Source
from checker.report.formatters import FORMATS, render
from checker.run.engine import check_path, check_source, check_text
from tests.conftest import SAMPLES

_BUDGET = os.environ.get("DOCCHECK_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_BUDGET) if _BUDGET else 25,
    derandomize=not _BUDGET,
    deadline=None,
    database=None if not _BUDGET else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]


# -- the invariant ---------------------------------------------------------------------
def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based, in code points, counted without the Document."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def assert_findings_well_formed(text: str, findings) -> None:
    for finding in findings:
        assert finding.code != "IN001", finding.message
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert (finding.line, finding.column) == line_and_column(text, finding.start), finding
        assert (finding.end_line, finding.end_column) == line_and_column(text, finding.end), finding
        excerpt = text[finding.start : finding.end]
        assert finding.excerpt == excerpt or (
            finding.excerpt.endswith("…") and excerpt.startswith(finding.excerpt[:-1])
        ), finding
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(text), finding


def check_and_render(text: str) -> None:
    file_report = check_source(Source(path="fuzz.txt", text=text))
    assert_findings_well_formed(text, file_report.findings)
    report = Report.build([file_report])
    for fmt in FORMATS:
        assert render(report, fmt, color=False) is not None


# -- strategies ---------------------------------------------------------------------------
CHINESE = "".join(sorted({ch for text in SAMPLE_TEXTS for ch in text if "\u4e00" <= ch <= "\u9fff"}))
MARKS = "，。；：、？！“”‘’（）《》【】〔〕()[]{}…—·%％.,:;-/～~"
NUMERALS = "一二三四五六七八九十百千万亿零〇两"

chinese_text = st.text(alphabet=CHINESE + MARKS, min_size=1, max_size=30)
arabic = st.integers(min_value=0, max_value=10**12).map(str)
decimal = st.tuples(st.integers(0, 10**6), st.integers(0, 999)).map(lambda p: f"{p[0]}.{p[1]}")
grouped = st.integers(min_value=1000, max_value=10**12).map(lambda n: f"{n:,}")
fullwidth = arabic.map(lambda s: s.translate(str.maketrans("0123456789", "０１２３４５６７８９")))
chinese_number = st.text(alphabet=NUMERALS, min_size=1, max_size=6)
number = st.one_of(arabic, decimal, grouped, fullwidth, chinese_number)
unit = st.sampled_from(
    ["", "%", "％", "个百分点", "万元", "亿元", "元", "人", "个", "项", "倍", "年", "月", "日", "号"]
)
quantity = st.tuples(st.sampled_from(["", "共", "合计", "其中", "增长", "下降", "占", "达到", "约"]), number, unit).map(
    "".join
)
date = st.tuples(st.integers(1900, 2100), st.integers(0, 13), st.integers(0, 32)).map(
    lambda d: f"{d[0]}年{d[1]}月{d[2]}日"
)
heading = st.tuples(
    st.sampled_from(
        [
            "{c}、",
            "（{c}）",
            "({c})",
            "{n}.",
            "{n}．",
            "{n}、",
            "（{n}）",
            "第{c}章",
            "第{c}节",
            "第{c}条",
            "{c}是",
            "第{c}，",
            "附件：",
            "附件{n}：",
            "发布日期：",
            "索引号：",
            "　　",
            "",
        ]
    ),
    st.text(alphabet="一二三四五六七八九十", min_size=1, max_size=3),
    st.integers(0, 120),
).map(lambda h: h[0].format(c=h[1], n=h[2]))
bracket = st.sampled_from(list("（）()【】《》“”‘’[]{}「」〔〕"))
piece = st.one_of(
    chinese_text, quantity, date, heading, bracket, st.just("\n"), st.just("\n\n"), st.just("。"), st.just("　　")
)
mixture = st.lists(piece, max_size=60).map("".join)
lines_of_headings = st.lists(st.tuples(heading, chinese_text), max_size=40).map(
    lambda pairs: "\n".join(h + t for h, t in pairs)
)


@st.composite
def spliced_samples(draw) -> str:
    """Pieces of the project's samples: cut anywhere, joined in any order, with noise."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        text = draw(st.sampled_from(SAMPLE_TEXTS))
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        parts.append(text[start:end])
        if draw(st.booleans()):
            parts.append(draw(st.one_of(piece, mixture)))
    return "".join(parts)


# -- properties ------------------------------------------------------------------------------
@FUZZ
@given(st.text(max_size=400))
def test_random_unicode_never_breaks_the_check(text):
    check_and_render(text)


@FUZZ
@given(mixture)
def test_mixtures_of_headings_numbers_brackets_and_chinese(text):
    check_and_render(text)


@FUZZ
@given(lines_of_headings)
def test_lines_of_random_headings(text):
    check_and_render(text)


@FUZZ
@given(spliced_samples())
def test_truncated_and_concatenated_documents(text):
    check_and_render(text)


@FUZZ
@given(st.sampled_from(SAMPLE_TEXTS), st.integers(0, 3000), st.text(max_size=20))
def test_a_sample_with_random_text_inserted(text, at, noise):
    at = min(at, len(text))
    check_and_render(text[:at] + noise + text[at:])


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=600),
        spliced_samples().map(lambda t: t.encode("utf-8")),
        st.tuples(spliced_samples(), st.sampled_from(["gb18030", "utf-16", "utf-16-le", "big5"])).map(
            lambda p: p[0].encode(p[1], errors="ignore")
        ),
        st.tuples(spliced_samples(), st.binary(max_size=8), st.integers(0, 2000)).map(
            lambda p: p[0].encode("utf-8")[: p[2]] + p[1] + p[0].encode("utf-8")[p[2] :]
        ),
    )
)
def test_random_bytes_are_read_or_refused_with_a_message(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.txt"
        path.write_bytes(data)
        report = check_path(str(path))
    if report.error:
        assert report.findings == []
        assert report.error.strip()
    else:
        text = report.text
        assert_findings_well_formed(text, report.findings)


def test_the_invariant_catches_a_finding_whose_line_does_not_match_its_offset():
    text = "（一）甲。\n（三）乙。\n"
    findings = check_text(text)
    assert findings, "the numbering gap must be found for this check to mean anything"
    assert_findings_well_formed(text, findings)
    moved = findings[0].model_copy(update={"line": findings[0].line + 1})
    try:
        assert_findings_well_formed(text, [moved])
    except AssertionError:
        return
    raise AssertionError("a finding on the wrong line passed the invariant")
