"""Hypothesis strategies for what doccheck reads: plain text, Markdown, HTML, .docx, TOML.

The texts are made of the pieces 公文 are made of — Chinese text and punctuation,
numbers, percentages, ranges, dates, list numbering, brackets — and of what breaks
readers: control characters, odd white space (U+3000, U+00A0, tabs, CR, lines of
nothing else), zero-width characters. A share of the pieces are things doccheck
fixes (a range that drops its unit, a hyphen between years, a known misspelling),
so that the fix properties have work to do.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from hypothesis import strategies as st

# Common characters of official writing (no text of any real document)
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方"
    "后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它"
    "合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条"
    "只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资"
    "边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北"
    "造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车"
    "例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫"
    "且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克"
    "何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调"
    "满县局照参红细引听该铁价严"
)
PUNCTUATION = "，。；：、？！“”‘’（）《》【】〔〕()[]{}…—·%％.,:;-/～~|*#>_`"
ODD_SPACE = ["\u3000", "\u3000\u3000", "\u00a0", "\t", " ", "  ", "\u2002", "\u200b", "\ufeff", "\u2028"]
CONTROL = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1b[31m",
    "\x1b]0;TITLE\x07",
    "\x7f",
    "\x85",
    "\x9b",
]
FIXABLE = [
    "10～15%",
    "10-15%",
    "（2014-2016）",
    "2014-2016年",
    "布署",
    "安照",
    "贯澈",
    "截止2024年5月",
    "其它",
    "2024年2月30日",
    "1,000.5万元",
    "１２３",
    "（一）",
    "(一)",
    "一.",
    "1、",
    "。。",
    "，，",
    "“引号”",
    '"引号"',
    "（括号）",
    "(括号)",
    "《方案》",
    "<方案>",
]
NUMBERING = [
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "（三）",
    "（五）",
    "1.",
    "2.",
    "3．",
    "（1）",
    "(2)",
    "①",
    "第一章",
    "第三条",
    "一是",
    "二是",
    "附件：",
    "附件1：",
    "发布日期：",
    "索引号：",
]

han_text = st.text(alphabet=HAN, min_size=1, max_size=12)
number = st.one_of(
    st.integers(0, 10**9).map(str),
    st.tuples(st.integers(0, 10**5), st.integers(0, 99)).map(lambda p: f"{p[0]}.{p[1]}"),
    st.integers(1000, 10**10).map(lambda n: f"{n:,}"),
    st.integers(0, 999).map(lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
    st.text(alphabet="一二三四五六七八九十百千万亿零〇两", min_size=1, max_size=5),
)
quantity = st.tuples(
    st.sampled_from(["", "共", "合计", "其中", "增长", "下降", "占", "约"]),
    number,
    st.sampled_from(["", "%", "％", "个百分点", "万元", "亿元", "人", "项", "倍", "年", "月", "日"]),
).map("".join)
date = st.one_of(
    st.tuples(st.integers(1949, 2100), st.integers(0, 13), st.integers(0, 32)).map(
        lambda d: f"{d[0]}年{d[1]}月{d[2]}日"
    ),
    st.tuples(st.integers(1990, 2050), st.integers(1, 12), st.integers(1, 31)).map(
        lambda d: f"{d[0]}-{d[1]:02d}-{d[2]:02d}"
    ),
    st.sampled_from(["二〇二四年三月", "今年", "去年底", "2024年", "2023—2025年"]),
)
piece = st.one_of(
    han_text,
    han_text,
    han_text,
    quantity,
    date,
    st.sampled_from(PUNCTUATION),
    st.sampled_from(FIXABLE),
    st.sampled_from(ODD_SPACE),
)
rare = st.one_of(st.sampled_from(CONTROL), st.characters(codec="utf-8", exclude_categories=["Cs"]))
inline = st.lists(st.one_of(piece, piece, piece, piece, piece, piece, rare), min_size=1, max_size=12).map("".join)
line = st.tuples(st.one_of(st.just(""), st.sampled_from(NUMBERING), st.sampled_from(ODD_SPACE)), inline).map("".join)
# a line of nothing but white space of the kind Markdown does not take for a blank line
odd_blank_line = st.lists(st.sampled_from(["\u3000", "\u00a0", "\t", " ", "\u2002"]), min_size=1, max_size=4).map(
    "".join
)


@st.composite
def plain_text(draw) -> str:
    """A text file's content: lines of 公文 pieces, some blank or only white space,
    joined by LF, CRLF or a mixture."""
    lines = draw(st.lists(st.one_of(line, line, line, st.just(""), odd_blank_line), min_size=1, max_size=15))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = newline.join(lines)
    return text + (newline if draw(st.booleans()) else "")


# -- Markdown ----------------------------------------------------------------------------------------
md_inline = st.one_of(
    inline,
    inline,
    inline,
    st.tuples(inline, st.sampled_from(["**", "*", "`", "~~"]), han_text).map(lambda p: f"{p[0]}{p[1]}{p[2]}{p[1]}"),
    st.tuples(han_text, han_text).map(lambda p: f"[{p[0]}](http://example.invalid/{len(p[1])})"),
    st.tuples(
        inline, st.sampled_from(["&amp;", "&nbsp;", "&lt;", "\\*", "\\_", "<br>", "<span>甲</span>"]), inline
    ).map("".join),
)
suppression = st.sampled_from(
    [
        "<!-- doccheck-disable-next-line -->",
        "<!-- doccheck-disable-next-line ST101 -->",
        "<!-- doccheck-disable PN -->",
        "<!-- doccheck-enable PN -->",
        "<!-- doccheck-disable-line TY101 -->",
    ]
)


@st.composite
def paragraph_lines(draw, lead: str = "") -> list[str]:
    """A paragraph wrapped over one to three lines, perhaps after lines of only white space."""
    lines = [draw(odd_blank_line) for _ in range(draw(st.sampled_from([0, 0, 0, 0, 0, 1, 2])))]
    lines += [
        draw(st.one_of(st.just(""), st.sampled_from(["\u3000\u3000", "\u00a0\u00a0", "  "]))) + draw(md_inline)
        for _ in range(draw(st.integers(1, 3)))
    ]
    return [lead + text for text in lines]


@st.composite
def markdown_block(draw) -> str:
    kind = draw(
        st.sampled_from(["paragraph", "paragraph", "heading", "list", "quote", "table", "code", "comment", "blank"])
    )
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(md_inline)
    if kind == "list":
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "2) "]))
        items = []
        for _ in range(draw(st.integers(1, 3))):
            first, *rest = draw(paragraph_lines())
            items.append("\n".join([marker + first] + [" " * len(marker) + more for more in rest]))
        return "\n".join(items)
    if kind == "quote":
        return "\n".join(draw(paragraph_lines(lead=draw(st.sampled_from(["> ", ">", "> > "])))))
    if kind == "table":
        columns = draw(st.integers(1, 3))
        rows = [[draw(han_text) for _ in range(columns)] for _ in range(draw(st.integers(1, 3)))]
        header = "| " + " | ".join(draw(han_text) for _ in range(columns)) + " |"
        return "\n".join([header, "|" + "---|" * columns] + ["| " + " | ".join(row) + " |" for row in rows])
    if kind == "code":
        if draw(st.booleans()):
            return "```\n" + draw(inline) + "\n```"
        return "    " + draw(han_text)
    if kind == "comment":
        return draw(suppression)
    if kind == "blank":
        return draw(odd_blank_line)
    return "\n".join(draw(paragraph_lines()))


@st.composite
def markdown(draw) -> str:
    blocks = draw(st.lists(markdown_block(), min_size=1, max_size=8))
    separators = [draw(st.sampled_from(["\n\n", "\n", "\n\n\n"])) for _ in blocks]
    text = "".join(block + separator for block, separator in zip(blocks, separators, strict=True))
    if draw(st.integers(0, 9)) == 0:
        text = "---\ntitle: " + draw(han_text) + "\n---\n" + text
    return text


# -- HTML --------------------------------------------------------------------------------------------
@st.composite
def html_page(draw) -> bytes:
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(["p", "p", "div", "span", "li", "td", "h2", "strong", "section"]))
        inner = draw(inline).replace("<", "&lt;")
        if depth < 3 and draw(st.booleans()):
            inner += "".join(element(depth + 1) for _ in range(draw(st.integers(1, 3))))
        entity = draw(st.sampled_from(["", "&nbsp;", "&amp;", "&shy;", "&#12288;", "&#x1b;", "&bogus;"]))
        attributes = draw(st.sampled_from(["", ' class="content"', ' style="display:none"', " id=x"]))
        return f"<{tag}{attributes}>{inner}{entity}</{tag}>"

    charset = draw(st.sampled_from(["utf-8", "UTF-8", "gbk", "gb2312", "big5", "latin-1", "", "x-unknown"]))
    title = draw(han_text) + "的通知"
    body = "".join(element(0) for _ in range(draw(st.integers(1, 6))))
    extra = draw(st.sampled_from(["", "<script>var a = '（一）';</script>", "<!-- 注释 -->", "<style>p{}</style>"]))
    head = f'<meta charset="{charset}">' if charset else ""
    page = f"<html><head>{head}<title>{title}</title></head><body><h1>{title}</h1>{extra}{body}</body></html>"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "gb18030", "utf-16"]))
    return page.encode(encoding, errors="replace")


# -- .docx -------------------------------------------------------------------------------------------
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (a .docx cannot contain them)."""
    return _NOT_XML.sub("", text)


NUMBER_FORMATS = [
    "decimal",
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "decimalEnclosedCircle",
    "decimalFullWidth",
    "upperRoman",
    "lowerLetter",
    "bullet",
    "none",
    "japaneseCounting",
]


@st.composite
def docx_document(draw) -> bytes:
    """A .docx built with python-docx: paragraphs of runs (with line breaks), tables,
    list paragraphs, and a numbering definition with drawn formats, starts and levels."""
    import docx

    document = docx.Document()
    numbered_style = draw(st.sampled_from(["List Number", "List Bullet", "List Number 2"]))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["paragraph", "paragraph", "list", "table", "break"]))
        if kind == "table":
            rows, columns = draw(st.integers(1, 3)), draw(st.integers(1, 3))
            table = document.add_table(rows=rows, cols=columns)
            for row in table.rows:
                for cell in row.cells:
                    cell.text = xml_text(draw(inline))
            if rows > 1 and columns > 1 and draw(st.booleans()):
                table.cell(0, 0).merge(table.cell(0, 1))
            continue
        paragraph = document.add_paragraph(style=numbered_style if kind == "list" else None)
        for _ in range(draw(st.integers(1, 3))):
            run = paragraph.add_run(xml_text(draw(inline)))
            run.bold = draw(st.booleans())
            if kind == "break":
                run.add_break()
    numbering = document.part.numbering_part.element
    for level in numbering.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lvl"):
        if draw(st.integers(0, 3)) == 0:
            w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
            start = level.find(f"{w}start")
            if start is not None:
                start.set(f"{w}val", str(draw(st.integers(0, 2000))))
            fmt = level.find(f"{w}numFmt")
            if fmt is not None:
                fmt.set(f"{w}val", draw(st.sampled_from(NUMBER_FORMATS)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- configuration (TOML) ----------------------------------------------------------------------------
CONFIG_KEYS = [
    "select",
    "ignore",
    "extend-select",
    "fail-on",
    "profile",
    "severity",
    "rule-packs",
    "glossaries",
    "per-path-profiles",
    "per-path-ignores",
    "file-types",
    "include",
    "exclude",
    "max-file-size",
    "unknown-key",
]
SELECTORS = ["ALL", "ST", "ST101", "PN", "TY101", "numeric", "typo", "numbering-gap", "XX999", "", "st1"]
toml_scalar = st.one_of(
    st.sampled_from(SELECTORS),
    st.text(max_size=8),
    st.integers(-10, 10**20),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["error", "warning", "info", "never", "fatal"]),
    st.sampled_from(["*.md", "docs/**", "*a*a*b", "[", "!x", "**/*.txt", "notice", "work-plan", "missing.yaml"]),
)
toml_value = st.recursive(
    toml_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from([*SELECTORS, "*.md", "a b"]), inner, max_size=3)
    ),
    max_leaves=8,
)


def toml_literal(value: Any) -> str:
    """``value`` written as TOML (an inline table or array when nested)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string (or, rarely, not valid TOML)
    if isinstance(value, list):
        return "[" + ", ".join(toml_literal(item) for item in value) + "]"
    return "{" + ", ".join(f"{toml_literal(key)} = {toml_literal(item)}" for key, item in value.items()) + "}"


@st.composite
def config_file(draw) -> tuple[str, str]:
    """(file name, content): a doccheck.toml, or a pyproject.toml with [tool.doccheck]."""
    values = draw(st.dictionaries(st.sampled_from(CONFIG_KEYS), toml_value, max_size=5))
    body = "".join(f"{toml_literal(key)} = {toml_literal(value)}\n" for key, value in values.items())
    if draw(st.booleans()):
        return "doccheck.toml", body
    return "pyproject.toml", '[project]\nname = "x"\n\n[tool.doccheck]\n' + body
