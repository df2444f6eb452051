"""The web page reader: article text without site chrome, metadata fields, source lines."""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from collections import Counter

import pytest

pytest.importorskip("trafilatura", reason="trafilatura is not installed (pip install doccheck[html])")

from checker.core.config import Settings
from checker.load.readers import LoadError, read_source
from checker.run.engine import check_path
from tests.conftest import SAMPLES, SEED, run

PAGE = SAMPLES / "notice-page.html"


def test_sample_page_metadata_is_recognised():
    source = read_source(str(PAGE))
    assert source.kind == "html"
    assert source.metadata == {
        "索引号": "11000000XY0001/2024-00123",
        "主题分类": "安全生产",
        "发布机构": "某某县应急管理局",
        "发布日期": "2024-11-05",
        "文号": "某应急〔2024〕15号",
        "公开方式": "主动公开",
        "标题": "关于做好今冬明春防火工作的通知",
    }


def test_sample_page_text_is_the_article_without_chrome():
    text = read_source(str(PAGE)).text
    lines = text.split("\n")
    assert lines[0] == "关于做好今冬明春防火工作的通知"
    assert lines[1] == "各乡镇人民政府，县直各有关单位："
    assert lines[-3:] == ["某某县应急管理局", "2024年11月4日", ""]
    for chrome in ("首页", "当前位置", "分享到", "打印本页", "主办", "网站标识码", "索引号", "访问量", "siteConfig"):
        assert chrome not in text


def test_sample_page_findings_and_their_source_lines():
    report = check_path(str(PAGE), Settings(select=["PN101", "NC102"]))
    assert [(f.code, f.line, f.column, f.location) for f in report.findings] == [
        ("PN101", 5, 17, {"source_line": 38, "tag": "p"}),
        ("NC102", 7, 14, {"source_line": 40, "tag": "p"}),
    ]
    page_lines = PAGE.read_text(encoding="utf-8").split("\n")
    for finding in report.findings:
        assert finding.excerpt[:2] in page_lines[finding.location["source_line"] - 1]


def build_page(text: str) -> str:
    """A saved 政府信息公开 page made from a plain-text document with a metadata header
    (``key:value`` lines) on top and the site's chrome (lines from a “•” item on) below."""
    lines = text.split("\n")
    index = 0
    meta = []
    while index < len(lines) and (
        not lines[index].strip() or re.match(r"^[^:：\s][^:：]{0,8}[:：]", lines[index].strip())
    ):
        if lines[index].strip():
            meta.append(re.split(r"[:：]", lines[index].strip(), maxsplit=1))
        index += 1
    rest = lines[index:]
    cut = next((k for k, line in enumerate(rest) if line.strip().startswith("•")), len(rest))
    out = [
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>',
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>',
        '<div class="main"><table class="xxgk">',
    ]
    out += [f"<tr><td>{html.escape(key)}:</td><td>{html.escape(value)}</td></tr>" for key, value in meta]
    out.append('</table><div class="content">')
    out += [f"<p>{html.escape(line)}</p>" for line in rest[:cut] if line.strip()]
    out.append('</div></div><div class="footer">')
    out += [f"<p>{html.escape(line.strip())}</p>" for line in rest[cut:] if line.strip()]
    out.append("</div></body></html>")
    return "\n".join(out)


def _comparable(findings) -> Counter:
    # the page drops the lines' indentation, so columns differ; the half-width forms are compared as NFKC
    return Counter(
        (f.code, unicodedata.normalize("NFKC", f.excerpt), unicodedata.normalize("NFKC", f.message)) for f in findings
    )


@pytest.mark.skipif(not SEED.exists(), reason="the seed document is not in ../shared/seeds")
def test_seed_as_a_web_page_gives_the_findings_of_the_text(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    page = tmp_path / "seed.html"
    page.write_text(build_page(text), encoding="utf-8")
    from_page = check_path(str(page), Settings())
    from_text = check_path(str(SEED), Settings())
    assert from_text.findings and from_page.error is None
    assert _comparable(from_page.findings) == _comparable(from_text.findings)
    metadata = read_source(str(page)).metadata
    assert {"索引号", "公开属性", "发布机构", "发布日期", "信息名称", "内容描述"} <= set(metadata)
    assert all(value and value in text for value in metadata.values())


def test_a_page_without_an_article_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><div></div></body></html>", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert "网页中没有找到正文" in result.output


def test_a_page_in_gbk_is_decoded_by_its_declared_charset(tmp_path):
    body = "".join(
        f"<p>第{n}段：各单位要认真落实本通知的各项要求，切实做好安全检查工作（见附件。</p>" for n in range(1, 4)
    )
    page = f'<html><head><meta charset="gbk"><title>通知</title></head><body><div>{body}</div></body></html>'
    path = tmp_path / "gbk.htm"
    path.write_bytes(page.encode("gbk"))
    source = read_source(str(path))
    assert "各单位要认真落实本通知的各项要求" in source.text
    assert len(check_path(str(path), Settings(select=["PN101"])).findings) == 3


def test_missing_trafilatura_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(LoadError, match=r"doccheck\[html\]"):
        read_source(str(PAGE))


ARTICLE = "".join(
    f"<p>第{n}段：各单位要认真落实本通知的各项要求，切实做好安全检查工作（见附件。</p>" for n in range(1, 4)
)


def page_file(tmp_path, page: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    return str(path)


@pytest.mark.parametrize("label", ["undefined", "rot13", "unicode_escape", "no-such-encoding"])
def test_a_charset_that_is_not_a_web_encoding_is_ignored_and_the_encoding_detected(tmp_path, label):
    page = f'<html><head><meta charset="{label}"><title>通知</title></head><body><div>{ARTICLE}</div></body></html>'
    path = page_file(tmp_path, page)
    assert "各单位要认真落实本通知的各项要求" in read_source(path).text
    assert len(check_path(path, Settings(select=["PN101"])).findings) == 3


def test_a_meta_declaring_utf16_in_a_page_read_as_ascii_means_utf8(tmp_path):
    page = f'<html><head><meta charset="utf-16"><title>通知</title></head><body><div>{ARTICLE}</div></body></html>'
    assert "各单位要认真落实本通知的各项要求" in read_source(page_file(tmp_path, page)).text


def nested(depth: int, inside: str) -> str:
    return "<html><body>\n" + "<div>\n" * depth + inside + "</div>\n" * depth + "</body></html>\n"


@pytest.mark.parametrize("depth", [300, 3_000, 20_000])
def test_a_page_nested_deeper_than_libxml2_builds_is_read(tmp_path, depth):
    path = page_file(tmp_path, nested(depth, ARTICLE))
    assert [(f.code, f.line) for f in check_path(path, Settings(select=["PN101"])).findings] == [
        ("PN101", 1),
        ("PN101", 2),
        ("PN101", 3),
    ]


def test_a_page_nested_20000_deep_keeps_its_source_lines(tmp_path):
    source = read_source(page_file(tmp_path, nested(20_000, "<p>（一）甲项工作。</p>\n<p>（三）乙项工作。</p>\n")))
    assert source.text == "（一）甲项工作。\n（三）乙项工作。\n"
    assert source.locate(source.text.index("（三）")) == {"source_line": 20_003, "tag": "p"}


def test_flattening_takes_the_tags_off_a_middle_band_and_keeps_the_rest_of_the_page():
    from checker.load.readers.html_nesting import flatten

    page = "<main>" + "<div>" * 6 + "<p>甲&amp;乙</p><script>if (a<b) {}</script>" + "</div>" * 6 + "</main>"
    assert (
        flatten(page, kept=4)
        == "<main><div>" + "<div>" + "<p>甲&amp;乙</p><script>if (a<b) {}</script>" + "</div></div>" + "</main>"
    )
    assert flatten("<div><br><div>甲</div></div>", kept=4) == "<div><br><div>甲</div></div>"


def test_a_removed_tag_leaves_its_line_breaks():
    from checker.load.readers.html_nesting import flatten

    assert flatten('<a><b\nclass="x"><c><d>甲</d></c></b></a>', kept=2) == "<a>\n<d>甲</d></a>"


def test_flattening_reads_nothing_past_a_comment_that_never_closes():
    from checker.load.readers.html_nesting import flatten

    page = "<main>" + "<div>" * 6 + "<!-- 未闭合的注释 <div><div><div>"
    # seven levels counted (the divs in the comment are not), levels 3 to 5 lose their tags
    assert flatten(page, kept=4) == "<main><div><div><div>" + "<!-- 未闭合的注释 <div><div><div>"
