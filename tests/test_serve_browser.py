"""The review workbench in real browsers (tests/browsers.py: the Debian chromium and
firefox-esr): upload the seed as a .docx and a Markdown document, see their findings,
accept one fix and reject another, download the corrected document and the .xlsx
report, and check what they hold."""

from __future__ import annotations

import re
import time
import zipfile

import pytest

pytest.importorskip("starlette", reason="doccheck serve needs the extra [serve]")

import checker
from tests import browsers
from tests.serve_support import start

LINES = ["关于做好科技工作的通知", "一、工作情况", "今年获认为定国家示范区。截止2015年11月，共有3家。"]

# The seed's known defects, as (code, the characters marked): the content defects a
# reviewer finds in it. Its half-width punctuation counts as one (PN202); the style
# notes the checker adds (PN210 year ranges, NU101 mixed numerals) are not among them.
# Which side of the 顿号 inconsistency PN206 marks is the rule's choice: any one will do.
SEED_DEFECTS = [
    ("PN202", ","),
    ("TY105", "获认为定"),
    ("TM101", "国家知识产权强县示范区"),
    ("PN211", " "),
    ("TY102", "截止"),
    ("NC104", "17家,占全市总数的37.7%"),
    ("PN205", "》、《"),
    ("TY110", "位国家学院"),
    ("TY102", "截止"),
    ("PN101", "("),
    ("PN204", "<广州市光纤宽带普及提速工程实施方案(2013-2015)>"),
    ("PN206", None),
    ("TM101", "黄花科技园"),
    ("TM101", "中国版权保护中心华南登记大厅"),
]
MARKDOWN = (
    "# 关于做好科技工作的通知\n\n各单位：\n\n## 一、工作情况\n\n"
    "> 今年**获认为定**国家示范区。\n\n- 截止2015年11月，共有3家。\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("serve-browser"))
    yield running
    running.stop()


@pytest.fixture(scope="module", params=browsers.BROWSERS)
def downloads(request, tmp_path_factory):
    return request.param, tmp_path_factory.mktemp(f"downloads-{request.param}")


@pytest.fixture(scope="module")
def browser(downloads):
    kind, folder = downloads
    with browsers.browser(kind, folder) as driver:
        yield driver


def _wait(condition, timeout=60):
    from selenium.common.exceptions import StaleElementReferenceException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except StaleElementReferenceException:  # the list was drawn again meanwhile
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("the page did not get there in time")


def _upload(browser, server, path):
    browser.get(server.base + "/")
    browser.find_element("id", "file-input").send_keys(str(path))
    _wait(lambda: browser.find_elements("css selector", "#findings li"))
    return browser.find_elements("css selector", "#findings li")


def _card(browser, code):
    return next(
        card
        for card in browser.find_elements("css selector", "#findings li")
        if card.find_element("css selector", ".code").text == code
    )


def _downloaded(downloads, suffix):
    """The file downloaded last whose name ends with ``suffix``, once it is complete."""
    folder = downloads[1]

    def done():
        found = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if not found:
            return None
        newest = max(found, key=lambda p: p.stat().st_mtime)
        size = newest.stat().st_size
        time.sleep(0.3)  # a browser may still be writing it
        return newest if size and newest.stat().st_size == size else None

    return _wait(done)


def _clear(downloads):
    for path in downloads[1].iterdir():
        path.unlink()


def _shown(browser):
    """(code, line) of each finding card on the page."""
    cards = browser.find_elements("css selector", "#findings li")
    return [
        (
            card.find_element("css selector", ".code").text,
            int(re.search(r"第 (\d+) 行", card.find_element("css selector", ".sev").text).group(1)),
        )
        for card in cards
    ]


def _decide_and_download(browser, downloads, corrected_suffix):
    """Accept the fix for 获认为定 (TY105), reject the first 截止 (TY102); the corrected
    document and the .xlsx report as downloaded, and the rows of its table."""
    from openpyxl import load_workbook

    _clear(downloads)
    _card(browser, "TY105").find_element("css selector", "button[data-action=accept]").click()
    _wait(lambda: "已接受修改" in _card(browser, "TY105").text)
    assert browser.find_element("css selector", "#doc-text ins.replacement").text == "获认定为"
    _card(browser, "TY102").find_element("css selector", "button[data-action=reject]").click()
    _wait(lambda: "已驳回" in _card(browser, "TY102").text)
    browser.find_element("id", "download-fixed").click()
    corrected = _downloaded(downloads, corrected_suffix)
    browser.find_element("css selector", "button[data-export=xlsx]").click()
    rows = list(load_workbook(_downloaded(downloads, ".xlsx"))["审核意见"].iter_rows(values_only=True))
    return corrected, rows


def test_the_seed_as_docx_shows_its_defects_and_gives_a_tracked_change(browser, server, downloads, tmp_path):
    pytest.importorskip("docx", reason="python-docx is not installed")
    from checker.load.readers.docx import read
    from tests.conftest import SEED
    from tests.docx_packages import package, word_parts

    if not SEED.is_file():
        pytest.skip("../shared/seeds is not beside this checkout")
    data = package(word_parts(*SEED.read_text(encoding="utf-8").split("\n")))
    path = tmp_path / "seed.docx"
    path.write_bytes(data)
    expected = checker.check_bytes(data, path="seed.docx").files[0].findings

    _upload(browser, server, path)
    assert _shown(browser) == [(f.code, f.line) for f in expected]
    marked = [(f.code, f.excerpt) for f in expected]
    for code, excerpt in SEED_DEFECTS:
        found = next((pair for pair in marked if pair[0] == code and excerpt in (None, pair[1])), None)
        assert found, (code, excerpt)
        marked.remove(found)
    marks = [mark.text for mark in browser.find_elements("css selector", "#doc-text mark.hl")]
    assert "获认为定" in marks and marks.count("截止") == 2

    corrected, rows = _decide_and_download(browser, downloads, ".corrected.docx")
    assert corrected.name == "seed.corrected.docx"
    fixed = corrected.read_bytes()
    accepted = read("seed.docx", fixed).text
    assert "获认定为国家知识产权强县示范区" in accepted and "获认为定" not in accepted
    assert accepted.count("截止2015年11月") == 2  # one rejected, one left undecided
    assert read("seed.docx", fixed, view="original").text == read("seed.docx", data).text
    with zipfile.ZipFile(corrected) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert body.count("<w:ins ") == 1 and 'w:author="doccheck"' in body

    assert len(rows) == 1 + len(expected)
    decided = {(row[1], row[3].split()[0]): row[9] for row in rows[1:]}
    first_jiezhi = next(f.line for f in expected if f.code == "TY102")
    assert decided.pop((24, "TY105")) == "已接受修改"
    assert decided.pop((first_jiezhi, "TY102")) == "已驳回"
    assert set(decided.values()) == {"待处理"}


def test_a_markdown_review_keeps_the_markup_in_the_corrected_file(browser, server, downloads, tmp_path):
    path = tmp_path / "通知.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    expected = checker.check_bytes(MARKDOWN.encode("utf-8"), path="通知.md").files[0].findings
    _upload(browser, server, path)
    assert _shown(browser) == [(f.code, f.line) for f in expected]
    assert ("TY105", 7) in _shown(browser) and ("TY102", 9) in _shown(browser)

    corrected, rows = _decide_and_download(browser, downloads, ".corrected.md")
    assert corrected.name == "通知.corrected.md"
    assert corrected.read_text(encoding="utf-8") == MARKDOWN.replace("获认为定", "获认定为")
    decided = {(row[1], row[3].split()[0]): row[9] for row in rows[1:]}
    assert decided.pop((7, "TY105")) == "已接受修改" and decided.pop((9, "TY102")) == "已驳回"
    assert set(decided.values()) <= {"待处理"}


def test_keyboard_moves_between_findings_and_filters_hide_them(browser, server, tmp_path):
    path = tmp_path / "notice.md"
    path.write_text("# " + LINES[0] + "\n\n" + "\n\n".join(LINES[1:]) + "\n", encoding="utf-8")
    cards = _upload(browser, server, path)
    body = browser.find_element("tag name", "body")
    body.send_keys("j")
    assert "current" in cards[0].get_attribute("class")
    body.send_keys("j")
    assert "current" in cards[1].get_attribute("class")
    body.send_keys("k")
    assert "current" in cards[0].get_attribute("class")
    typo = browser.find_element("css selector", "#filter-category input[value=typo]")
    typo.click()
    hidden = [card for card in cards if "hidden" in card.get_attribute("class")]
    assert hidden and all(card.get_attribute("data-category") == "typo" for card in hidden)


def test_a_hostile_file_name_and_text_are_shown_as_text(browser, server, tmp_path):
    name = "<img src=x onerror=alert(1)>.txt"
    path = tmp_path / name
    path.write_text(
        '关于通知\n<script>window.pwned=1</script><img src=x onerror="window.pwned=2">截止2015年。\n', encoding="utf-8"
    )
    _upload(browser, server, path)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_elements("css selector", "main img") == []
    assert name in browser.find_element("id", "files").text
    assert "<script>window.pwned=1</script>" in browser.find_element("id", "doc-text").text
