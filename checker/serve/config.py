"""What a running server is allowed to do: where it listens, who may call it, its limits."""

from __future__ import annotations

import os
from dataclasses import dataclass

LOCALHOST = "127.0.0.1"


@dataclass(frozen=True)
class ServeConfig:
    host: str = LOCALHOST
    port: int = 8000
    # Required whenever the server listens beyond the loopback interface.
    token: str | None = None
    # SQLAlchemy URL of the decisions and accept list; None: SQLite in the user data folder.
    database: str | None = None
    # A doccheck.toml whose settings every check starts from (None: the defaults).
    config_file: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024
    max_files: int = 20  # files in one upload
    max_chars: int = 2_000_000  # characters of text in one request
    timeout: float = 30.0  # seconds one check may take before the request gets 408
    workers: int = max(1, min(4, os.cpu_count() or 1))  # checks that run at once
    max_waiting: int = 200  # requests that may wait for a worker before 503

    @property
    def loopback_only(self) -> bool:
        return self.host in (LOCALHOST, "localhost", "::1")
