"""Who may call the server, and from where.

- Listening on the loopback interface, only requests addressed to a loopback host
  name are answered (a page elsewhere cannot reach the server by a DNS name that
  points to 127.0.0.1).
- Listening beyond it (``--host``), every request carries the token: as
  ``Authorization: Bearer …``, or as the cookie the browser gets by opening
  ``/?token=…`` once.
- A request that changes something (a decision, the accept list) must carry the
  header ``X-Doccheck-CSRF`` holding the value of the ``doccheck_csrf`` cookie (a page
  on another site can send neither), or a valid bearer token; any POST whose
  ``Origin`` is another site is refused.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from checker.serve.config import ServeConfig
from checker.serve.errors import error_response

CSRF_COOKIE = "doccheck_csrf"
CSRF_HEADER = "x-doccheck-csrf"
TOKEN_COOKIE = "doccheck_token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def _host_name(host: str) -> str:
    return urlsplit(f"//{host}").hostname or ""


def changes_state(request: Request) -> bool:
    return request.method not in SAFE_METHODS and request.url.path.startswith(
        ("/api/v1/decisions", "/api/v1/accept-list")
    )


class Guard(BaseHTTPMiddleware):
    def __init__(self, app: object, config: ServeConfig) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.config = config

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        refusal = self._refusal(request)
        if refusal is not None:
            response = refusal
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def _bearer(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        return header.lower().startswith("bearer ") and _same(header[7:].strip(), self.config.token)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if self.config.loopback_only and _host_name(host) not in ("127.0.0.1", "localhost", "::1"):
            return error_response(421, "wrong_host", "此服务只接受发往本机地址（127.0.0.1 或 localhost）的请求")
        bearer = self.config.token is not None and self._bearer(request)
        if self.config.token is not None and not bearer:
            offered = request.query_params.get("token")
            if request.method == "GET" and request.url.path == "/" and offered is not None:
                if not _same(offered, self.config.token):
                    return error_response(401, "bad_token", "令牌不正确")
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(TOKEN_COOKIE, offered, httponly=True, samesite="strict")
                return response
            if not _same(request.cookies.get(TOKEN_COOKIE), self.config.token):
                return error_response(
                    401,
                    "token_required",
                    "需要令牌：请求头 Authorization: Bearer <令牌>，或在浏览器打开启动时显示的地址",
                )
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc != host:
                return error_response(403, "cross_origin", "拒绝来自其他网站的请求")
            if origin == "null":
                return error_response(403, "cross_origin", "拒绝来源不明的请求")
            if (
                changes_state(request)
                and not bearer
                and not _same(request.headers.get(CSRF_HEADER), request.cookies.get(CSRF_COOKIE))
            ):
                return error_response(403, "csrf", "缺少或不匹配的防跨站请求令牌（X-Doccheck-CSRF）")
        return None
