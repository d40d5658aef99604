"""Running the application in a process of its own (granian), against the test database."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

from django.db import connection

# The checkout's root (where the Makefile and manage.py are).
ROOT = Path(__file__).resolve().parents[2]
PHONE_UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url() -> str:
    """The test database, as a `DATABASE_URL` for the server's own settings."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def post(url: str) -> int:
    """POSTs to `url` as a phone's browser; the status."""
    request = urllib.request.Request(url, method="POST", headers={"User-Agent": PHONE_UA})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 — loopback
        return int(response.status)
