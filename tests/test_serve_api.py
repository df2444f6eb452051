"""``doccheck serve``'s HTTP API, against the real server: uvicorn on a free loopback
port, checks on worker processes, decisions in a SQLite file of the test."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest

pytest.importorskip("starlette", reason="doccheck serve needs the extra [serve]")

from tests.serve_support import start

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
# a small defective notice: a transposed phrase (safe fix), 截止 before a date (safe fix)
DOCUMENT = "关于做好科技工作的通知\n一、工作情况\n今年获认为定国家示范区。截止2015年11月，共有3家。\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("serve"), "--max-upload", "1")
    yield running
    running.stop()


def _csrf(server) -> dict[str, str]:
    server.call("GET", "/")
    token = next(cookie.value for cookie in server.cookies if cookie.name == "doccheck_csrf")
    return {"X-Doccheck-CSRF": token}


def _codes(report) -> list[str]:
    return [finding["code"] for finding in report["files"][0]["findings"]]


def test_check_of_an_uploaded_file_returns_the_json_report(server):
    answer = server.post_files("/api/v1/check", [("notice.txt", DOCUMENT.encode("utf-8"))])
    assert answer.status == 200
    report = answer.json()
    jsonschema.validate(report, json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8")))
    transposed = next(f for f in report["files"][0]["findings"] if f["code"] == "TY105")
    assert (transposed["line"], transposed["column"], transposed["excerpt"]) == (3, 3, "获认为定")


def test_check_of_json_text_takes_the_command_line_options(server):
    answer = server.post_json("/api/v1/check", {"text": DOCUMENT, "name": "notice.txt", "options": {"select": ["TY"]}})
    assert answer.status == 200
    assert sorted(_codes(answer.json())) == ["TY102", "TY105"]


def test_an_unknown_rule_selector_is_a_json_error_in_chinese(server):
    answer = server.post_json("/api/v1/check", {"text": DOCUMENT, "options": {"select": "XX9"}})
    assert answer.status == 400
    error = answer.json()["error"]
    assert error["code"] == "bad_option" and "选项 select" in error["message"]


def test_several_files_in_one_upload_give_one_report(server):
    answer = server.post_files(
        "/api/v1/check", [("a.txt", DOCUMENT.encode()), ("b.md", b"# t\n\n" + DOCUMENT.encode())]
    )
    report = answer.json()
    assert [file["path"] for file in report["files"]] == ["a.txt", "b.md"]
    assert report["summary"]["files"] == 2
    assert report["summary"]["findings"] == sum(len(file["findings"]) for file in report["files"])


def test_fix_applies_only_the_chosen_finding_and_keeps_the_encoding(server):
    data = DOCUMENT.encode("gb18030")
    checked = server.post_files("/api/v1/check", [("notice.txt", data)]).json()
    transposed = next(f for f in checked["files"][0]["findings"] if f["code"] == "TY105")
    answer = server.post_files(
        "/api/v1/fix",
        [("notice.txt", data)],
        {"findings": f"TY105:{transposed['start']}:{transposed['end']}", "download": "true"},
    )
    assert answer.status == 200
    assert "notice.corrected.txt" in answer.headers["content-disposition"]
    assert answer.body.decode("gb18030") == DOCUMENT.replace("获认为定", "获认定为")  # 截止 left as it was


def test_fix_of_a_docx_writes_the_chosen_fix_as_a_tracked_change(server):
    pytest.importorskip("docx", reason="python-docx is not installed")
    from checker.load.readers.docx import read
    from tests.docx_packages import package, word_parts

    data = package(word_parts(*DOCUMENT.split("\n")))
    checked = server.post_files("/api/v1/check", [("notice.docx", data)]).json()
    transposed = next(f for f in checked["files"][0]["findings"] if f["code"] == "TY105")
    answer = server.post_files(
        "/api/v1/fix",
        [("notice.docx", data)],
        {"findings": f"TY105:{transposed['start']}:{transposed['end']}", "download": "true"},
    )
    assert answer.status == 200 and answer.headers["x-doccheck-applied"] == "1"
    assert "notice.corrected.docx" in answer.headers["content-disposition"]
    assert read("notice.docx", answer.body).text == read("notice.docx", data).text.replace("获认为定", "获认定为")
    assert read("notice.docx", answer.body, view="original").text == read("notice.docx", data).text


def test_fix_without_a_choice_applies_every_safe_fix(server):
    answer = server.post_json("/api/v1/fix", {"text": DOCUMENT, "name": "notice.txt"})
    result = answer.json()
    assert "获认定为" in result["text"] and "截至2015年11月" in result["text"]
    assert {fix["code"] for fix in result["applied"]} >= {"TY102", "TY105"}


def test_rules_are_listed_and_explained(server):
    rules = server.call("GET", "/api/v1/rules").json()
    assert any(rule["code"] == "TY105" and rule["category_name"] == "错别字" for rule in rules)
    rule = server.call("GET", "/api/v1/rules/transposed-phrase").json()
    assert rule["code"] == "TY105" and rule["docs"]
    missing = server.call("GET", "/api/v1/rules/XX999")
    assert missing.status == 404 and missing.json()["error"]["code"] == "unknown_rule"


def test_an_upload_over_the_limit_is_refused_with_413(server):
    answer = server.post_files("/api/v1/check", [("big.txt", "甲。".encode() * 200_000)])
    assert answer.status == 413
    assert answer.json()["error"]["code"] == "too_large"


def test_a_zip_bomb_docx_is_refused_by_the_reader(server):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<w:document>" + b" " * 300_000_000 + b"</w:document>")
    answer = server.post_files("/api/v1/check", [("bomb.docx", buffer.getvalue())])
    assert answer.status == 200
    file = answer.json()["files"][0]
    assert file["findings"] == [] and file["error"]


def test_state_changing_requests_need_the_csrf_header(server):
    refused = server.post_json("/api/v1/accept-list", {"term": "示范区"})
    assert refused.status == 403 and refused.json()["error"]["code"] == "csrf"
    across = server.post_json(
        "/api/v1/accept-list", {"term": "示范区"}, {**_csrf(server), "Origin": "http://elsewhere.example"}
    )
    assert across.status == 403 and across.json()["error"]["code"] == "cross_origin"


def test_a_request_for_another_host_name_is_refused(server):
    answer = server.call("GET", "/api/v1/rules", headers={"Host": "attacker.example"})
    assert answer.status == 421


def test_a_term_on_the_accept_list_is_not_reported_again(server):
    text = "关于做好工作的通知\n一、情况\n截止2015年11月，共有3家。\n"
    assert "TY102" in _codes(server.post_json("/api/v1/check", {"text": text}).json())
    added = server.post_json("/api/v1/accept-list", {"term": "截止", "code": "TY102"}, _csrf(server))
    assert added.status == 201
    assert "TY102" not in _codes(server.post_json("/api/v1/check", {"text": text}).json())
    assert "TY102" in _codes(
        server.post_json("/api/v1/check", {"text": text, "options": {"accept_list": False}}).json()
    )
    forgotten = server.call("DELETE", f"/api/v1/accept-list/{added.json()['id']}", headers=_csrf(server))
    assert forgotten.status == 204
    assert "TY102" in _codes(server.post_json("/api/v1/check", {"text": text}).json())


def test_a_decision_is_stored_and_returned_with_the_next_review(server):
    review = server.post_json("/api/v1/review", {"text": DOCUMENT, "name": "notice.txt"}).json()
    document = review["documents"][0]
    finding = next(f for f in review["report"]["files"][0]["findings"] if f["code"] == "TY105")
    key = f"TY105:{finding['start']}:{finding['end']}"
    saved = server.post_json(
        "/api/v1/decisions",
        {
            "document": document["document"],
            "file_name": "notice.txt",
            "finding": key,
            "code": "TY105",
            "excerpt": "获认为定",
            "decision": "reject",
        },
        _csrf(server),
    )
    assert saved.status == 201
    again = server.post_json("/api/v1/review", {"text": DOCUMENT, "name": "notice.txt"}).json()
    assert again["documents"][0]["decisions"] == {key: "reject"}


def test_review_gives_the_evidence_in_chinese(server):
    text = "关于项目的通知\n一、情况\n全年共获得国家、省、市各类科技奖励42项，其中国家级2项，省级15项，市级26项。\n"
    review = server.post_json("/api/v1/review", {"text": text, "name": "a.txt"}).json()
    finding = next(f for f in review["report"]["files"][0]["findings"] if f["code"] == "NC101")
    view = review["documents"][0]["views"][f"NC101:{finding['start']}:{finding['end']}"]
    assert view["sentences"][0].startswith("文中合计为42项，分项相加为2+15+26=43项，相差1项")
    assert view["tables"][0]["rows"] == [["国家级", "2项"], ["省级", "15项"], ["市级", "26项"]]
    assert all(not label.isascii() for label, _ in view["rows"])


def test_the_report_exports_as_xlsx_with_the_decisions(server):
    from openpyxl import load_workbook

    report = server.post_json("/api/v1/check", {"text": DOCUMENT, "name": "notice.txt"}).json()
    finding = next(f for f in report["files"][0]["findings"] if f["code"] == "TY105")
    decisions = {f"TY105:{finding['start']}:{finding['end']}": "accept"}
    answer = server.post_json("/api/v1/export/xlsx", {"report": report, "decisions": decisions})
    sheet = load_workbook(io.BytesIO(answer.body))["审核意见"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("文件", "行", "列", "规则")
    accepted = next(row for row in rows[1:] if row[3] == "TY105 词序颠倒")
    assert accepted[:3] == ("notice.txt", 3, 3) and accepted[9] == "已接受修改"
    assert {row[9] for row in rows[1:] if row is not accepted} == {"待处理"}


def test_the_report_exports_as_sarif_and_printable_html(server):
    report = server.post_json("/api/v1/check", {"text": DOCUMENT, "name": "<img src=x onerror=alert(1)>.txt"}).json()
    sarif = server.post_json("/api/v1/export/sarif", {"report": report}).json()
    assert sarif["runs"][0]["results"]
    page = server.post_json("/api/v1/export/html", {"report": report}).body.decode()
    assert "@media print" in page
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page and "<img" not in page


def test_an_export_of_a_report_that_is_not_one_is_refused(server):
    answer = server.post_json("/api/v1/export/xlsx", {"report": {"files": "no"}})
    assert answer.status == 400 and answer.json()["error"]["code"] == "bad_report"


def test_the_served_openapi_description_is_the_committed_one(server):
    served = server.call("GET", "/api/v1/openapi.json").json()
    committed = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
    assert served == committed, "schemas/openapi.json is stale: regenerate it (see the README, doccheck serve)"


# -- a second server: beyond loopback with a token, and a short time limit -------------


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("guarded"), "--timeout", "1", host="127.0.0.2", token="s3cret")
    yield running
    running.stop()


def test_beyond_loopback_every_request_needs_the_token(guarded):
    assert guarded.call("GET", "/api/v1/rules").status == 401
    assert guarded.call("GET", "/api/v1/rules", headers={"Authorization": "Bearer wrong"}).status == 401
    assert guarded.call("GET", "/api/v1/rules", headers={"Authorization": "Bearer s3cret"}).status == 200


def test_a_check_over_its_time_gets_408_and_the_server_goes_on(guarded):
    auth = {"Authorization": "Bearer s3cret"}
    slow = guarded.post_json("/api/v1/check", {"text": DOCUMENT * 8000}, auth)
    assert slow.status == 408 and slow.json()["error"]["code"] == "timeout"
    quick = guarded.post_json("/api/v1/check", {"text": DOCUMENT}, auth)
    assert quick.status == 200 and "TY105" in _codes(quick.json())
