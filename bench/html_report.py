"""The HTML report of a large scan: its size, the time to write it, and the time a
browser takes to open it.

Checks the corpus (shared/corpus beside the repository) and the seed once, repeats
their reports under new names up to FILES files (a scan of that many documents, each
with its own findings and text), renders the HTML report, and opens it in headless
Chromium (and Firefox, when installed) through Selenium: the time until the page's
load event and the layout of what it shows, and until the last file has been drawn
after a click on its link.
With ``--main``, the report that main's formatter writes for the same scan is measured
too (read with ``git show``; nothing is checked out).

    nice -n 10 .venv/bin/python bench/html_report.py [--files 2000] [--main]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.core.config import Settings  # noqa: E402
from checker.core.models import FileReport, Report  # noqa: E402
from checker.report.formatters import render  # noqa: E402
from checker.run.parallel import check_paths  # noqa: E402
from tests import browsers  # noqa: E402

SHARED = ROOT.parent / "shared"


def scan(files: int) -> Report:
    paths = sorted(str(p) for p in (SHARED / "corpus").glob("*.txt")) + sorted(
        str(p) for p in (SHARED / "seeds").glob("*.txt")
    )
    checked = check_paths(paths, Settings(), jobs=2).files
    made: list[FileReport] = []
    while len(made) < files:
        for file in checked[: files - len(made)]:
            copy = file.model_copy(update={"path": f"批次{len(made) // len(checked):02d}/{file.path}"})
            copy._text = file._text
            made.append(copy)
    return Report.build(made)


def main_renderer() -> types.ModuleType:
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", "main:checker/report/formatters/html.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("main_html")
    exec(compile(source, "main:html.py", "exec"), module.__dict__)
    return module


def open_in(kind: str, page: Path, last_file: int | None) -> tuple[float, float | None] | None:
    try:
        context = browsers.browser(kind)
        driver = context.__enter__()
    except BaseException as skipped:  # pytest.skip: the browser is not installed
        print(f"  {kind}: not measured ({skipped})")
        return None
    try:
        driver.set_page_load_timeout(600)
        started = time.perf_counter()
        driver.get(page.as_uri())  # returns after the load event
        # asking for the page's height makes the browser lay out all it has drawn
        driver.execute_script("return document.documentElement.scrollHeight")
        loaded = time.perf_counter() - started
        if last_file is None:
            return loaded, None
        started = time.perf_counter()
        driver.execute_script(f"document.querySelector('a[href=\"#file-{last_file}\"]').click()")
        driver.find_element("css selector", f"#body-{last_file} table.doc")
        jumped = time.perf_counter() - started
        return loaded, jumped
    finally:
        context.__exit__(None, None, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--main", action="store_true", help="measure main's report of the same scan too")
    options = parser.parse_args()
    started = time.perf_counter()
    report = scan(options.files)
    print(
        f"{len(report.files)} files, {report.summary.findings} findings "
        f"(scan made in {time.perf_counter() - started:.1f} s)"
    )
    out = Path(tempfile.mkdtemp(prefix="doccheck-html-bench-"))
    started = time.perf_counter()
    page = render(report, "html")
    written = time.perf_counter() - started
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    print(f"this tree: {path.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s")
    for kind in browsers.BROWSERS:
        timed = open_in(kind, path, len(report.files) - 1)
        if timed:
            print(
                f"  {kind}: load event and layout after {timed[0]:.1f} s; "
                f"last file drawn {timed[1]:.2f} s after its link"
            )
    if options.main:
        started = time.perf_counter()
        old = main_renderer().render(report)
        written = time.perf_counter() - started
        old_path = out / "main.html"
        old_path.write_text(old, encoding="utf-8")
        print(f"main: {old_path.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s")
        for kind in browsers.BROWSERS:
            timed = open_in(kind, old_path, None)
            if timed:
                print(f"  {kind}: load event and layout after {timed[0]:.1f} s")
    print(f"pages kept in {out}")


if __name__ == "__main__":
    main()
