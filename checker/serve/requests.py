"""Reading what a request sends: documents (multipart files or JSON text) and the
options of ``doccheck check``, within the server's limits. Nothing is written to
disk: the body is read into memory up to the upload limit, and multipart files are
kept in memory (no spooling to a temporary file)."""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from checker.serve.config import ServeConfig
from checker.serve.errors import ApiError

OPTION_NAMES = ("select", "ignore", "profile", "fail_on", "unsafe", "accept_list")


@dataclass
class Upload:
    documents: list[tuple[str, bytes]]
    options: dict[str, Any]
    fields: dict[str, Any] = field(default_factory=dict)


def safe_name(name: str | None, fallback: str = "粘贴的文本.txt") -> str:
    """The file name without folders or control characters (it is only a label and the
    suffix that chooses the reader)."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:200] or fallback


# An oversized upload is read to its end (and dropped) before the 413 is sent, up to
# this many times the limit: a client still sending when the server answers and closes
# sees a broken pipe instead of the answer. Beyond it the connection is simply closed.
DRAIN_FACTOR = 8


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit * DRAIN_FACTOR:
        raise _too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit * DRAIN_FACTOR:
            break
        if size <= limit:
            chunks.append(chunk)
    if size > limit:
        raise _too_large(limit)
    return b"".join(chunks)


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"上传内容过大：超过 {limit / 1048576:.1f} MB 的上限")


def _too_long(characters: int, limit: int) -> ApiError:
    return ApiError(413, "too_many_characters", f"文本过长：{characters} 个字符，超过每次请求 {limit} 个字符的上限")


def _listed(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(400, "bad_option", "选项 select/ignore/findings 应为字符串或字符串列表")
    return [item.strip() for item in value if item.strip()]


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def options_from(raw: dict[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {
        "select": _listed(raw.get("select")),
        "ignore": _listed(raw.get("ignore")),
        "unsafe": _flag(raw.get("unsafe", False)),
        "accept_list": _flag(raw.get("accept_list", True)),
    }
    for name in ("profile", "fail_on"):
        value = raw.get(name)
        if value not in (None, ""):
            if not isinstance(value, str):
                raise ApiError(400, "bad_option", f"选项 {name} 应为字符串")
            options[name] = value
    return options


async def read_upload(request: Request, config: ServeConfig) -> Upload:
    body = await read_body(request, config.max_upload_bytes + 64 * 1024)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return _from_json(body, config)
    if kind == "multipart/form-data":
        return await _from_form(request, body, config)
    raise ApiError(415, "unsupported_media_type", "请以 multipart/form-data 上传文件，或以 application/json 提交文本")


def _from_json(body: bytes, config: ServeConfig) -> Upload:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "bad_json", "请求体不是有效的 JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ApiError(400, "bad_request", "JSON 请求须有字符串字段 text（文档文本）")
    text = data["text"]
    if len(text) > config.max_chars:
        raise _too_long(len(text), config.max_chars)
    raw_options = data.get("options", {})
    if not isinstance(raw_options, dict):
        raise ApiError(400, "bad_option", "options 应为对象")
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "bad_text", "文本含有无法编码为 UTF-8 的字符（如孤立的代理项）") from None
    name = safe_name(data.get("name") if isinstance(data.get("name"), str) else None)
    return Upload(
        [(name, encoded)],
        options_from(raw_options),
        {"findings": data.get("findings"), "download": data.get("download")},
    )


async def _from_form(request: Request, body: bytes, config: ServeConfig) -> Upload:
    try:
        parser = MultiPartParser(
            request.headers,
            _chunks(body),
            max_files=config.max_files,
            max_fields=100,
            max_part_size=config.max_upload_bytes,
        )
        parser.spool_max_size = config.max_upload_bytes + 1  # an upload stays in memory, never on disk
        form = await parser.parse()
    except MultiPartException as error:
        raise ApiError(400, "bad_form", f"无法解析上传的表单：{error.message}") from None
    documents: list[tuple[str, bytes]] = []
    for upload in form.getlist("file"):
        if isinstance(upload, str):
            raise ApiError(400, "bad_form", "字段 file 应为上传的文件")
        documents.append((safe_name(upload.filename, "未命名.txt"), await upload.read()))
        await upload.close()
    text = form.get("text")
    if isinstance(text, str) and text:
        if len(text) > config.max_chars:
            raise _too_long(len(text), config.max_chars)
        name = form.get("name")
        documents.append((safe_name(name if isinstance(name, str) else None), text.encode("utf-8", "replace")))
    if not documents:
        raise ApiError(400, "no_document", "请求中没有文档：请上传字段 file 的文件，或提交字段 text 的文本")
    raw = {key: form.get(key) for key in OPTION_NAMES if isinstance(form.get(key), str)}
    extra = {key: form.get(key) for key in ("findings", "download") if isinstance(form.get(key), str)}
    return Upload(documents, options_from(raw), extra)


async def _chunks(body: bytes) -> Any:
    yield body


def finding_ids(value: Any) -> list[str] | None:
    if value is None:
        return None
    return _listed(value)
