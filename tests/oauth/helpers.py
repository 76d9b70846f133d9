"""Helpers for the OAuth tests (the fixtures are in conftest.py beside this file)."""
from __future__ import annotations

import socket
from pathlib import Path

from wlmail.oauth.types import OAuth2Parameters

from .authserver import CLIENT_ID, CLIENT_SECRET, SCOPE, TestAuthServer

MAILBOX = "ann@example.test"


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def make_params(server: TestAuthServer | None = None, *, redirect: str | None = None,
                client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET,
                scope: str = SCOPE, additional: str = "") -> OAuth2Parameters:
    p = OAuth2Parameters()
    p.client_id = client_id
    p.client_secret = client_secret
    p.auth_url = server.auth_url if server else "https://accounts.example.test/auth"
    p.token_url = server.token_url if server else "https://accounts.example.test/token"
    p.scope = scope
    p.redirection_url = redirect if redirect is not None else \
        f"http://localhost:{free_port()}"
    p.additional_parameters = additional
    return p


def token_files(tmp_path: Path) -> list[Path]:
    d = tmp_path / "state" / "wlmail" / "tokens"
    return sorted(d.glob("*.json")) if d.exists() else []
