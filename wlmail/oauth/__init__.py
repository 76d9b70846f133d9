"""OAuth 2.0 for wlmail: OAuth2Parameters, AuthToken, AuthIdentify, AuthRefreshToken.

`register(registry)` adds the declarations (wlmail.domains.load_all calls it); importing
the package loads only them, the network code (authlib over httpx2) loads when a
function runs.  The per-run state is `wlmail.oauth.state.OAuthState`.

For the SMTP layer: `refresh_for_smtp(rt, token) -> bool` (or the coroutine
`arefresh_for_smtp`) refreshes a token in place after an XOAUTH2 refusal.
"""
from __future__ import annotations

from typing import Any

from ..registry import Registry
from . import functions, lint, types
from .types import AuthToken, OAuth2Parameters


def register(registry: Registry) -> None:
    registry.add_domain("oauth", types.DECLARE, functions.DECLARE, lint.DECLARE)


def refresh_for_smtp(rt: Any, token: AuthToken) -> bool:
    from .identify import refresh_for_smtp as impl  # lazily: asyncio, start-up speed
    return impl(rt, token)


async def arefresh_for_smtp(rt: Any, token: AuthToken) -> bool:
    from .identify import arefresh_for_smtp as impl  # lazily: asyncio, start-up speed
    return await impl(rt, token)


__all__ = [
    "AuthToken",
    "OAuth2Parameters",
    "arefresh_for_smtp",
    "refresh_for_smtp",
    "register",
]
