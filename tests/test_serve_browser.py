"""The review workbench in a real browser (the Debian chromium through chromedriver,
as the HTML report test does): upload a defective document, see its findings, accept
one fix and reject another, download the corrected document and the .xlsx report."""
from __future__ import annotations

import shutil
import tempfile
import time

import pytest

pytest.importorskip("starlette", reason="doccheck serve needs the extra [serve]")

from tests.serve_support import start

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
LINES = ["关于做好科技工作的通知", "一、工作情况", "今年获认为定国家示范区。截止2015年11月，共有3家。"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("serve-browser"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("no chromium/chromedriver installed (Debian packages chromium and chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install doccheck[test])")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="doccheck-chromium-")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1400,1000", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


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
    return next(card for card in browser.find_elements("css selector", "#findings li")
                if card.find_element("css selector", ".code").text == code)


def _downloaded(downloads, suffix):
    return _wait(lambda: next((p for p in downloads.iterdir() if p.name.endswith(suffix)), None))


def test_review_of_a_docx_accept_one_reject_another_and_download(browser, server, downloads, tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx is not installed")
    from openpyxl import load_workbook

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    path = tmp_path / "通知.docx"
    document.save(path)

    cards = _upload(browser, server, path)
    codes = [card.find_element("css selector", ".code").text for card in cards]
    assert "TY105" in codes and "TY102" in codes
    marks = browser.find_elements("css selector", "#doc-text mark.hl")
    assert "获认为定" in [mark.text for mark in marks]

    _card(browser, "TY105").find_element("css selector", "button[data-action=accept]").click()
    _wait(lambda: "已接受修改" in _card(browser, "TY105").text)
    assert browser.find_element("css selector", "#doc-text ins.replacement").text == "获认定为"
    _card(browser, "TY102").find_element("css selector", "button[data-action=reject]").click()
    _wait(lambda: "已驳回" in _card(browser, "TY102").text)

    browser.find_element("id", "download-fixed").click()
    corrected = _downloaded(downloads, ".corrected.txt").read_text(encoding="utf-8")
    assert "获认定为" in corrected and "获认为定" not in corrected
    assert "截止2015年11月" in corrected  # rejected: left as written

    browser.find_element("css selector", "button[data-export=xlsx]").click()
    rows = list(load_workbook(_downloaded(downloads, ".xlsx"))["审核意见"].iter_rows(values_only=True))
    decided = {row[3].split()[0]: row[9] for row in rows[1:]}
    assert decided["TY105"] == "已接受修改" and decided["TY102"] == "已驳回"


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
    path.write_text("关于通知\n<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">截止2015年。\n",
                    encoding="utf-8")
    _upload(browser, server, path)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_elements("css selector", "main img") == []
    assert name in browser.find_element("id", "files").text
    assert "<script>window.pwned=1</script>" in browser.find_element("id", "doc-text").text
