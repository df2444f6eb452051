"""Fuzzing doccheck: whatever the file, a clean run; whatever the fix, only what it reports.

For plain text, Markdown, HTML, .docx and configuration files drawn by
``tests/fuzz/strategies.py``, through the command line:

- ``check`` exits 0, 1 or 2, with no traceback, no internal error and no rule that
  crashed, and a file it cannot read is refused with a message (exit 2);
- a reader raises nothing but its documented error;
- ``fix`` is idempotent: a second run changes nothing;
- ``fix`` changes only what its reported fixes cover: on text exactly the reported
  safe fixes applied pass by pass; on Markdown, each change at the place of the file
  a reported fix's characters come from;
- the Markdown reader's source map sends each character it copied to that very
  character of the file.

Budgets come from ``tests/fuzz/profiles.py`` (``HYPOTHESIS_PROFILE=ci`` or
``bench``). An input that fails only by a known open bug is counted, not failed
(``tests/fuzz/known_bugs.py``); the bug itself is pinned in ``test_regressions.py``.
``tests/test_fuzz.py`` holds the in-process invariants of findings (positions,
excerpts, formats) over random text; this folder adds the command line, the other
file kinds, configuration and ``fix``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import properties
from tests.fuzz.known_bugs import tolerating
from tests.fuzz.profiles import FUZZ, weighted
from tests.fuzz.strategies import config_file, docx_document, html_page, markdown, plain_text


def _folder():
    return tempfile.TemporaryDirectory(prefix="doccheck-fuzz-")


@FUZZ
@given(plain_text(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_check_of_any_text_file_is_clean(text, encoding):
    data = text.encode(encoding, errors="replace")
    with tolerating("check-text", text), _folder() as folder:
        properties.check_is_clean(Path(folder), "doc.txt", data)


@FUZZ
@given(markdown())
def test_check_of_any_markdown_file_is_clean(text):
    with tolerating("check-markdown", text), _folder() as folder:
        properties.check_is_clean(Path(folder), "doc.md", text)


@weighted(0.5)
@given(html_page())
def test_check_of_any_html_page_is_clean(data):
    with tolerating("check-html", data.decode("utf-8", "replace")), _folder() as folder:
        properties.check_is_clean(Path(folder), "page.html", data)


@weighted(0.25)
@given(docx_document())
def test_check_of_any_docx_is_clean(data):
    with tolerating("check-docx", ""), _folder() as folder:
        properties.check_is_clean(Path(folder), "doc.docx", data)


@FUZZ
@given(
    st.sampled_from(["x.txt", "x.md", "x.html", "x.docx", "x.pdf"]),
    st.one_of(st.binary(max_size=300), plain_text().map(lambda t: t.encode("utf-8", "replace"))),
)
def test_readers_raise_only_their_error_on_any_bytes(name, data):
    with tolerating("reader-errors", name):
        properties.reader_raises_only_its_error(name, data)


@weighted(0.5)
@given(config_file())
def test_any_configuration_starts_the_run_or_is_refused(config):
    name, content = config
    with tolerating("config", content), _folder() as folder:
        properties.config_is_clean(Path(folder), name, content)


@FUZZ
@given(st.one_of(plain_text().map(lambda t: ("doc.txt", t)), markdown().map(lambda t: ("doc.md", t))))
def test_fix_is_idempotent(document):
    name, text = document
    with tolerating("fix-idempotent", text), _folder() as folder:
        properties.fix_is_idempotent(Path(folder), name, text)


@FUZZ
@given(plain_text())
def test_fix_of_text_is_its_reported_fixes_applied(text):
    with tolerating("fix-only-its-spans", text), _folder() as folder:
        properties.fix_changes_only_its_spans_in_text(Path(folder), "doc.txt", text)


@FUZZ
@given(markdown())
def test_fix_of_markdown_changes_only_where_its_fixes_lie(text):
    with tolerating("fix-only-its-spans", text), _folder() as folder:
        properties.fix_changes_only_its_spans_in_markdown(Path(folder), "doc.md", text)


@FUZZ
@given(markdown())
def test_markdown_source_map_sends_each_character_to_itself(text):
    with tolerating("markdown-source-map", text):
        properties.markdown_maps_back(text)
