"""Starting a real ``doccheck serve`` (uvicorn, worker processes) on a free loopback
port for the tests that talk to it over HTTP."""

from __future__ import annotations

import http.cookiejar
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    token: str | None = None
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def call(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Answer:
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        try:
            with opener.open(request, timeout=timeout) as response:
                return Answer(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())

    def post_json(self, path: str, data: Any, headers: dict[str, str] | None = None) -> Answer:
        return self.call(
            "POST",
            path,
            json.dumps(data, ensure_ascii=False).encode("utf-8"),
            {"Content-Type": "application/json", **(headers or {})},
        )

    def post_files(
        self,
        path: str,
        files: list[tuple[str, bytes]],
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Answer:
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in (fields or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'.encode()
                + value.encode("utf-8")
                + b"\r\n"
            )
        for name, data in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.call(
            "POST",
            path,
            body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})},
            timeout,
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def start(tmp_path: Any, *options: str, host: str = "127.0.0.1", token: str | None = None) -> Server:
    port = free_port(host)
    command = [
        sys.executable,
        "-m",
        "checker.cli",
        "serve",
        "--host",
        host,
        "--port",
        str(port),
        "--database",
        f"sqlite:///{tmp_path / 'review.sqlite3'}",
        "--workers",
        "1",
        *options,
    ]
    if token:
        command += ["--token", token]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    server = Server(process, f"http://{host}:{port}", token)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"doccheck serve exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if server.call("GET", "/api/v1/health", headers=headers, timeout=2).json().get("ready"):
                return server
        except (OSError, ValueError):
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError("doccheck serve did not become ready in 120 s")
