"""OAuth 2.0 for wlmail: OAuth2Parameters, AuthToken, AuthIdentify, AuthRefreshToken.

Imported by wlmail.registry.Registry.load(): only the declarations load here; the
network code (authlib over httpx2) loads when a function runs.

For the SMTP layer: `refresh_for_smtp(rt, token) -> bool` (or the coroutine
`arefresh_for_smtp`) refreshes a token in place after an XOAUTH2 refusal.
"""
from __future__ import annotations

from typing import Any

from . import lint  # noqa: F401  (declares the `wlmail check` warnings)
from .types import AuthToken, OAuth2Parameters  # noqa: F401  (declares the names)


def refresh_for_smtp(rt: Any, token: AuthToken) -> bool:
    from .identify import refresh_for_smtp as impl
    return impl(rt, token)


async def arefresh_for_smtp(rt: Any, token: AuthToken) -> bool:
    from .identify import arefresh_for_smtp as impl
    return await impl(rt, token)


__all__ = ["AuthToken", "OAuth2Parameters", "refresh_for_smtp", "arefresh_for_smtp"]
