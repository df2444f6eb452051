"""The OpenAPI description of the HTTP API, served at ``/api/v1/openapi.json`` and
committed as ``schemas/openapi.json`` (a test fails when the two differ). The JSON
report is described by ``report.schema.json``, included here as it is."""

from __future__ import annotations

from typing import Any

from checker.core.resources import load_schema

_ERROR = {"description": "错误", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_OPTIONS = {
    "select": {"type": "string", "description": "要运行的规则（代码、前缀、类别或名称，逗号分隔），同 --select"},
    "ignore": {"type": "string", "description": "跳过的规则，同 --ignore"},
    "profile": {"type": "string", "description": "文种规范，同 --profile"},
    "fail_on": {"type": "string", "enum": ["error", "warning", "info", "never"]},
    "unsafe": {"type": "boolean", "description": "修复时也应用不安全的修改，同 --unsafe-fixes"},
    "accept_list": {"type": "boolean", "default": True, "description": "按白名单略去已接受的用语"},
}


def _document_body(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    extra = extra or {}
    return {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": ".txt .md .docx .pdf .html 文件，可多个",
                        },
                        "text": {"type": "string", "description": "直接提交的文本"},
                        "name": {"type": "string", "description": "文本的文件名（其后缀决定读法）"},
                        **_OPTIONS,
                        **extra,
                    },
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {"type": "string"},
                        "name": {"type": "string"},
                        "options": {"type": "object", "properties": _OPTIONS},
                        **extra,
                    },
                }
            },
        },
    }


def _responses(ok: dict[str, Any], *errors: int) -> dict[str, Any]:
    return {"200": ok, **{str(status): _ERROR for status in errors}}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def description() -> dict[str, Any]:
    from checker.core.version import __version__

    limits = (400, 401, 403, 408, 413, 415, 422, 503)
    report = {"$ref": "#/components/schemas/Report"}
    rule = {
        "type": "object",
        "required": ["code", "name", "category", "severity", "summary"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "title": {"type": "string", "description": "规则的中文名称"},
            "category": {"type": "string"},
            "category_name": {"type": "string"},
            "severity": {"type": "string"},
            "summary": {"type": "string"},
            "fix_safety": {"type": ["string", "null"]},
            "docs": {"type": "object"},
            "messages": {"type": "array", "items": {"type": "string"}},
        },
    }
    findings_field = {
        "findings": {
            "type": "array",
            "items": {"type": "string"},
            "description": "只应用这些问题的修改（编号 CODE:start:end）；省略则应用全部安全修改",
        },
        "download": {"type": "boolean", "description": "以原编码返回修改后的文件本身"},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "doccheck",
            "version": __version__,
            "description": '公文检查的 HTTP 接口。错误均为 JSON：{"error": {"code", "message"}}。',
        },
        "paths": {
            "/api/v1/check": {
                "post": {
                    "summary": "检查文档，返回 JSON 报告（report.schema.json）",
                    "requestBody": _document_body(),
                    "responses": _responses(_json(report, "JSON 报告"), *limits),
                }
            },
            "/api/v1/review": {
                "post": {
                    "summary": "检查文档，返回报告及审核页面所需的文本、中文证据与已有处理",
                    "requestBody": _document_body(),
                    "responses": _responses(_json({"type": "object"}, "审核数据"), *limits),
                }
            },
            "/api/v1/fix": {
                "post": {
                    "summary": "修复文档：全部安全修改，或指定问题的修改",
                    "requestBody": _document_body(findings_field),
                    "responses": _responses(
                        _json(
                            {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "encoding": {"type": "string"},
                                    "text": {"type": "string"},
                                    "applied": {"type": "array", "items": {"type": "object"}},
                                },
                            },
                            "修复结果",
                        ),
                        *limits,
                    ),
                }
            },
            "/api/v1/export/{fmt}": {
                "post": {
                    "summary": "把报告（连同处理结果）导出为 json、sarif、html 或 xlsx 文件",
                    "parameters": [
                        {
                            "name": "fmt",
                            "in": "path",
                            "required": True,
                            "schema": {"enum": ["json", "sarif", "html", "xlsx"]},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["report"],
                                    "properties": {
                                        "report": report,
                                        "decisions": {
                                            "type": "object",
                                            "additionalProperties": {"enum": ["accept", "reject", "ignore"]},
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "responses": _responses({"description": "导出的文件"}, 400, 404, 413),
                }
            },
            "/api/v1/rules": {
                "get": {
                    "summary": "全部规则",
                    "responses": _responses(_json({"type": "array", "items": rule}, "规则列表")),
                }
            },
            "/api/v1/rules/{code}": {
                "get": {
                    "summary": "一条规则的说明（按代码或名称）",
                    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": _responses(_json(rule, "规则"), 404),
                }
            },
            "/api/v1/decisions": {
                "get": {
                    "summary": "某文档（SHA-256）的处理记录",
                    "parameters": [{"name": "document", "in": "query", "required": True, "schema": {"type": "string"}}],
                    "responses": _responses(_json({"type": "array", "items": {"type": "object"}}, "处理记录")),
                },
                "post": {
                    "summary": "记录对一处问题的处理（需 X-Doccheck-CSRF 或令牌）",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["document", "finding", "code", "decision"],
                                    "properties": {
                                        "document": {"type": "string"},
                                        "file_name": {"type": "string"},
                                        "finding": {"type": "string"},
                                        "code": {"type": "string"},
                                        "excerpt": {"type": "string"},
                                        "decision": {"enum": ["accept", "reject", "ignore"]},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {"201": {"description": "已记录"}, "400": _ERROR, "403": _ERROR},
                },
            },
            "/api/v1/accept-list": {
                "get": {"summary": "白名单", "responses": _responses(_json({"type": "array"}, "白名单"))},
                "post": {
                    "summary": "把用语加入白名单（需 X-Doccheck-CSRF 或令牌）",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["term"],
                                    "properties": {"term": {"type": "string"}, "code": {"type": ["string", "null"]}},
                                }
                            }
                        },
                    },
                    "responses": {"201": {"description": "已加入"}, "400": _ERROR, "403": _ERROR},
                },
            },
            "/api/v1/accept-list/{term_id}": {
                "delete": {
                    "summary": "从白名单删除",
                    "parameters": [{"name": "term_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                    "responses": {"204": {"description": "已删除"}, "403": _ERROR, "404": _ERROR},
                }
            },
            "/api/v1/health": {
                "get": {"summary": "服务状态", "responses": _responses(_json({"type": "object"}, "状态"))}
            },
        },
        "components": {
            "schemas": {
                "Report": _embedded(load_schema("report.schema.json")),
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                        }
                    },
                },
            },
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer", "description": "以 --host 启动时必需"}},
        },
    }


def _embedded(schema: dict[str, Any]) -> dict[str, Any]:
    """report.schema.json inside components: its own $defs references point into it."""
    import json

    text = json.dumps({k: v for k, v in schema.items() if k not in ("$schema", "$id")})
    return dict(json.loads(text.replace('"#/$defs/', '"#/components/schemas/Report/$defs/')))
