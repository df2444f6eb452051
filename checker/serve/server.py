"""Starting the server: the address it prints, the token it requires, uvicorn."""

from __future__ import annotations

import sys
from dataclasses import replace

import uvicorn

from checker.serve.config import ServeConfig
from checker.serve.security import new_token


def address(config: ServeConfig) -> str:
    host = f"[{config.host}]" if ":" in config.host else config.host
    shown = "127.0.0.1" if host in ("0.0.0.0", "[::]") else host
    url = f"http://{shown}:{config.port}/"
    return f"{url}?token={config.token}" if config.token else url


def prepared(config: ServeConfig) -> tuple[ServeConfig, bool]:
    """The configuration to run: a token made up when the server listens beyond the
    loopback interface and none was given. Returns it and whether the token is new."""
    if config.loopback_only or config.token:
        return config, False
    return replace(config, token=new_token()), True


def run(config: ServeConfig) -> None:
    from checker.serve.app import create_app

    config, generated = prepared(config)
    app = create_app(config)
    print(f"doccheck 审核工作台：{address(config)}", file=sys.stderr)
    if generated:
        print(f"访问令牌（每次启动重新生成）：{config.token}", file=sys.stderr)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", timeout_graceful_shutdown=5)
