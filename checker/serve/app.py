"""The Starlette application of ``doccheck serve``: the API routes, the page, the
lifespan that starts the worker pool and migrates the database.

Routes (all answers JSON, errors as ``{"error": {"code", "message"}}``):
``POST /api/v1/check`` the JSON report; ``POST /api/v1/review`` the report with what
the page shows (text, evidence in Chinese, earlier decisions); ``POST /api/v1/fix``
the corrected document; ``POST /api/v1/export/{format}`` a report as a file;
``GET /api/v1/rules`` and ``/api/v1/rules/{code}``; decisions and the accept list.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import checker
from checker.report import evidence
from checker.report.labels import CATEGORY_NAMES, rule_title
from checker.serve import exports
from checker.serve.config import ServeConfig
from checker.serve.errors import ApiError, error_response
from checker.serve.jobs import worker_main
from checker.serve.requests import Upload, finding_ids, read_body, read_upload
from checker.serve.security import CSRF_COOKIE, Guard, new_token
from checker.serve.store import DECISIONS, Store, default_url, honour_accept_list, migrate
from checker.serve.workers import WorkerPool

STATIC = os.path.join(os.path.dirname(__file__), "static")
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)


class Server:
    """What the routes share: the limits, the pool, the store."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.pool = WorkerPool(worker_main, config.workers, config.timeout, config.max_waiting)
        self.store: Store | None = None
        self.near = ""  # an empty folder: settings come from --config or the defaults, never a stray file

    async def start(self) -> None:
        self.near = tempfile.mkdtemp(prefix="doccheck-serve-")
        url = self.config.database if self.config.database else await asyncio.to_thread(default_url)
        await asyncio.to_thread(migrate, url)
        self.store = Store(url)
        await self.pool.start()

    async def stop(self) -> None:
        await self.pool.stop()
        if self.store is not None:
            self.store.close()
        shutil.rmtree(self.near, ignore_errors=True)

    @property
    def db(self) -> Store:
        assert self.store is not None
        return self.store

    async def check(self, upload: Upload) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
        """The combined JSON report of the upload's documents, each document's result
        (text, encoding) and how many findings the accept list dropped."""
        args = (upload.options, self.config.config_file, self.near, self.config.max_chars)
        results = await asyncio.gather(*(self.pool.run("check", name, data, *args) for name, data in upload.documents))
        files = [file for result in results for file in result["report"]["files"]]
        report = {**results[0]["report"], "files": files, "summary": {"files": len(files)}}
        for result, (_name, data) in zip(results, upload.documents, strict=True):
            result["document"] = hashlib.sha256(data).hexdigest()
        terms = await asyncio.to_thread(self.db.accepted) if upload.options["accept_list"] else []
        dropped = honour_accept_list(report, terms)  # also counts the combined summary
        return report, results, dropped


def _server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


async def check(request: Request) -> Response:
    server = _server(request)
    report, _results, _dropped = await server.check(await read_upload(request, server.config))
    return JSONResponse(report)


async def review(request: Request) -> Response:
    server = _server(request)
    report, results, dropped = await server.check(await read_upload(request, server.config))
    documents = []
    for file, result in zip(report["files"], results, strict=True):
        decided = await asyncio.to_thread(server.db.decisions, result["document"])
        documents.append(
            {
                "path": file["path"],
                "document": result["document"],
                "text": result["text"],
                "encoding": result["encoding"],
                "views": {exports.finding_id(f): evidence.view(f["evidence"]) for f in file["findings"]},
                "titles": {f["code"]: rule_title(f["code"], f["name"]) for f in file["findings"]},
                "decisions": {d["finding"]: d["decision"] for d in decided},
            }
        )
    return JSONResponse({"report": report, "documents": documents, "accepted_by_list": dropped})


async def fix(request: Request) -> Response:
    server = _server(request)
    upload = await read_upload(request, server.config)
    if len(upload.documents) != 1:
        raise ApiError(400, "one_document", "修复每次只处理一个文档")
    name, data = upload.documents[0]
    chosen = finding_ids(upload.fields.get("findings"))
    result = await server.pool.run(
        "fix", name, data, upload.options, server.config.config_file, server.near, server.config.max_chars, chosen
    )
    download = upload.fields.get("download")
    if download is True or str(download).lower() in ("1", "true", "yes"):
        return Response(
            result["data"],
            media_type="application/octet-stream",
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(result['name'])}",
                "X-Doccheck-Applied": str(len(result["applied"])),
            },
        )
    return JSONResponse(
        {"name": result["name"], "encoding": result["encoding"], "text": result["text"], "applied": result["applied"]}
    )


async def export(request: Request) -> Response:
    import json

    fmt = request.path_params["fmt"]
    if fmt not in exports.FORMATS:
        raise ApiError(404, "unknown_format", f"没有“{fmt}”这种导出格式（可选：{'、'.join(exports.FORMATS)}）")
    body = await read_body(request, _server(request).config.max_upload_bytes)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "bad_json", "请求体不是有效的 JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "请求须为 JSON 对象：{report, decisions}")
    report = exports.validated_report(data.get("report"))
    decisions = data.get("decisions") or {}
    if not isinstance(decisions, dict) or not all(v in DECISIONS for v in decisions.values()):
        raise ApiError(400, "bad_request", "decisions 应为“问题编号 → accept/reject/ignore”的对象")
    content = await asyncio.to_thread(exports.export, fmt, report, decisions)
    media, suffix = exports.FORMATS[fmt]
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote('doccheck-审核报告' + suffix)}"},
    )


def _rule(info: checker.RuleInfo, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": info.code,
        "name": info.name,
        "title": rule_title(info.code, info.name),
        "category": info.category,
        "category_name": CATEGORY_NAMES.get(info.category, info.category),
        "severity": info.severity,
        "summary": info.summary,
        "fix_safety": info.fix_safety,
    }
    if full:
        data["docs"], data["messages"] = info.docs, list(info.messages)
    return data


async def rules(request: Request) -> Response:
    found = await asyncio.to_thread(checker.list_rules)
    return JSONResponse([_rule(info) for info in found])


async def rule(request: Request) -> Response:
    wanted = request.path_params["code"].strip()
    found = await asyncio.to_thread(checker.list_rules)
    match = next((r for r in found if r.code == wanted.upper() or r.name == wanted), None)
    if match is None:
        raise ApiError(404, "unknown_rule", f"没有规则“{wanted}”：GET /api/v1/rules 列出全部规则")
    return JSONResponse(_rule(match, full=True))


async def _json(request: Request) -> dict[str, Any]:
    import json

    try:
        data = json.loads(await read_body(request, 64 * 1024))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "bad_json", "请求体不是有效的 JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "请求须为 JSON 对象")
    return data


def _optional_field(data: dict[str, Any], name: str, limit: int) -> str | None:
    return None if data.get(name) is None else _text_field(data, name, limit)


def _text_field(data: dict[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ApiError(400, "bad_request", f"字段 {name} 应为不超过 {limit} 个字符的非空字符串")
    return value


async def record_decision(request: Request) -> Response:
    data = await _json(request)
    decision = data.get("decision")
    if decision not in DECISIONS:
        raise ApiError(400, "bad_request", "decision 应为 accept（接受修改）、reject（驳回）或 ignore（忽略）")
    document = _text_field(data, "document", 64)
    finding = _text_field(data, "finding", 64)
    code = _text_field(data, "code", 16)
    excerpt = str(data.get("excerpt") or "")
    name = str(data.get("file_name") or "")
    saved = await asyncio.to_thread(
        _server(request).db.record, document, name[:500], finding, code, excerpt[:1000], decision
    )
    return JSONResponse(saved, status_code=201)


async def list_decisions(request: Request) -> Response:
    document = request.query_params.get("document", "")
    return JSONResponse(await asyncio.to_thread(_server(request).db.decisions, document))


async def accept_list(request: Request) -> Response:
    return JSONResponse(await asyncio.to_thread(_server(request).db.accepted))


async def add_accepted(request: Request) -> Response:
    data = await _json(request)
    term = _text_field(data, "term", 200)
    code = _optional_field(data, "code", 16)
    return JSONResponse(await asyncio.to_thread(_server(request).db.accept, term, code), status_code=201)


async def remove_accepted(request: Request) -> Response:
    term_id = request.path_params["term_id"]
    if not await asyncio.to_thread(_server(request).db.forget, term_id):
        raise ApiError(404, "not_found", f"白名单中没有编号 {term_id}")
    return Response(status_code=204)


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok", "ready": _server(request).pool.ready.is_set(), "version": checker.__version__})


async def openapi(request: Request) -> Response:
    from checker.serve.openapi import description

    return JSONResponse(description())


async def page(request: Request) -> Response:
    response = FileResponse(os.path.join(STATIC, "index.html"), media_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(CSRF_COOKIE, new_token(), samesite="strict")
    return response


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return error.response()


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    messages = {404: "没有这个地址", 405: "不支持该请求方法"}
    return error_response(error.status_code, "http_error", messages.get(error.status_code, str(error.detail)))


async def _crash(request: Request, error: Exception) -> Response:
    return error_response(500, "internal_error", "服务器内部错误")


def create_app(config: ServeConfig) -> Starlette:
    server = Server(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await server.start()
        try:
            yield
        finally:
            await server.stop()

    routes = [
        Route("/", page),
        Route("/api/v1/health", health),
        Route("/api/v1/openapi.json", openapi),
        Route("/api/v1/check", check, methods=["POST"]),
        Route("/api/v1/review", review, methods=["POST"]),
        Route("/api/v1/fix", fix, methods=["POST"]),
        Route("/api/v1/export/{fmt}", export, methods=["POST"]),
        Route("/api/v1/rules", rules),
        Route("/api/v1/rules/{code}", rule),
        Route("/api/v1/decisions", list_decisions, methods=["GET"]),
        Route("/api/v1/decisions", record_decision, methods=["POST"]),
        Route("/api/v1/accept-list", accept_list, methods=["GET"]),
        Route("/api/v1/accept-list", add_accepted, methods=["POST"]),
        Route("/api/v1/accept-list/{term_id:int}", remove_accepted, methods=["DELETE"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _crash},
    )
    app.state.server = server
    app.add_middleware(Guard, config=config)
    return app
