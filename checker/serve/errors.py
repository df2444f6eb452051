"""Errors of the HTTP API: a status, a stable English code for programs and a Chinese
message for people, always sent as JSON ``{"error": {"code": …, "message": …}}``."""

from __future__ import annotations

from starlette.responses import JSONResponse


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> JSONResponse:
        return error_response(self.status, self.code, self.message)


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


class JobError(Exception):
    """A job that cannot be done for a reason the user should read (an unreadable file,
    an unknown option), raised in a worker process and answered as an :class:`ApiError`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
