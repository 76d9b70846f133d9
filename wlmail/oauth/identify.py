"""What AuthIdentify and AuthRefreshToken do: the token store first, then a refresh, then
the browser; capture mode's synthetic token; and the refresh the SMTP layer asks for
after an XOAUTH2 refusal.
"""
from __future__ import annotations

import asyncio
import json
import secrets
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from ..runtime.errors import Err
from . import clock
from .state import OAuthState
from .types import AuthToken, OAuth2Parameters, Origin, format_datetime
from .validate import OAuthProblem, check

T = TypeVar("T")

SYNTHETIC_PREFIX = "wlmail-capture-synthetic-"


# flow.py and store.py (which needs flow.py) are imported when a token is really asked
# for: they pull in ssl, the loopback listener and the browser, which a run that never
# signs in (or runs in capture mode) should not pay for at start-up.


def _key(origin: Origin):
    from .store import Key
    return Key(origin.token_url, origin.client_id, origin.scope, origin.additional_parameters)


def _store(rt: Any):
    if not rt.options.token_cache:
        return None
    state = OAuthState.of(rt)
    if state.store is None:
        from .store import TokenStore
        state.store = TokenStore()
    return state.store


def make_token(data: Any, origin: Origin | None) -> AuthToken:
    tok = AuthToken()
    fill(tok, data)
    tok.origin = origin
    return tok


def fill(tok: AuthToken, data: Any) -> None:
    tok.value = data.access_token
    tok.refresh_token = data.refresh_token
    tok.token_type = data.token_type or "Bearer"
    tok.expiration_date = format_datetime(data.expires_at) if data.expires_at is not None \
        else ""
    tok.server_response = data.server_response
    tok.issued_at = data.issued_at


def _save(rt: Any, origin: Origin, data: Any) -> None:
    store = _store(rt)
    if store is None:
        return
    try:
        store.save(_key(origin), data)
    except OSError as e:
        rt.err(f"wlmail: the token could not be kept in {store.dir} ({e.strerror or e}); "
               "the next run will ask again")


def _fail(rt: Any, problem: OAuthProblem) -> AuthToken:
    return rt.fail(problem.code, problem.message, problem.details, result=AuthToken())


def _synthetic(rt: Any, origin: Origin | None) -> AuthToken:
    from .flow import TokenData
    now = clock.now()
    access = SYNTHETIC_PREFIX + "access-token-" + secrets.token_hex(8)
    refresh = SYNTHETIC_PREFIX + "refresh-token-" + secrets.token_hex(8)
    body = json.dumps({"access_token": access, "token_type": "Bearer", "expires_in": 3600,
                       "refresh_token": refresh, "wlmail_synthetic": True,
                       "note": "capture mode: no authorization server was contacted"})
    tok = make_token(TokenData(access, refresh, "Bearer", now + 3600, now, body.encode()),
                     origin)
    tok.synthetic = True
    OAuthState.of(rt).synthetic_token = True
    return tok


def identify(rt: Any, params: OAuth2Parameters) -> AuthToken:
    try:
        checked = check(params)
    except OAuthProblem as p:
        return _fail(rt, p)
    origin = Origin.from_params(params)
    if rt.options.capture_dir:
        return _synthetic(rt, origin)

    from .flow import AuthorizationFlow, refresh

    store = _store(rt)
    if store is not None:
        entry = store.load(_key(origin))
        if entry is not None and entry.usable():
            return make_token(entry.token, origin)
        if entry is not None and entry.token.refresh_token:
            try:
                data = rt.run_async(refresh(origin.client_id, origin.client_secret,
                                               origin.token_url, entry.token.refresh_token))
            except OAuthProblem as p:
                rt.err(f"wlmail: the stored token could not be refreshed ({p.message}); "
                       "signing in again")
            else:
                _save(rt, origin, data)
                return make_token(data, origin)

    flow = AuthorizationFlow(checked, float(rt.options.oauth_timeout), rt.err, rt.stdin)
    try:
        data = rt.run_async(flow.run())
    except OAuthProblem as p:
        return _fail(rt, p)
    _save(rt, origin, data)
    return make_token(data, origin)


def _origin_for(token: AuthToken, params: OAuth2Parameters | None) -> Origin | None:
    if params is not None:
        return Origin.from_params(params)
    return token.origin


async def _refresh_data(rt: Any, token: AuthToken, origin: Origin | None):
    """New TokenData for `token` (raises OAuthProblem)."""
    if token.synthetic:
        from .flow import TokenData
        now = clock.now()
        return TokenData(SYNTHETIC_PREFIX + "access-token-" + secrets.token_hex(8),
                         token.refresh_token, "Bearer", now + 3600, now,
                         token.server_response)
    if not token.refresh_token:
        raise OAuthProblem(Err.OAUTH_REFRESH,
                           "the token has no refresh token (Google gives one at the first "
                           "consent; Microsoft when Scope includes offline_access)")
    if origin is None or not origin.token_url or not origin.client_id:
        raise OAuthProblem(Err.OAUTH_REFRESH,
                           "wlmail does not know which server issued this token (it was not "
                           "returned by AuthIdentify in this run): pass the OAuth2Parameters "
                           "as second argument, AuthRefreshToken(MyToken, MyParameters)")
    if rt.options.capture_dir:
        raise OAuthProblem(Err.OAUTH_REFRESH,
                           "capture mode contacts no authorization server: only tokens "
                           "AuthIdentify returned in this run can be refreshed")
    from .flow import refresh
    return await refresh(origin.client_id, origin.client_secret, origin.token_url,
                         token.refresh_token)


def refresh_new(rt: Any, token: AuthToken, params: OAuth2Parameters | None) -> AuthToken:
    origin = _origin_for(token, params)
    try:
        data = rt.run_async(_refresh_data(rt, token, origin))
    except OAuthProblem as p:
        return _fail(rt, p)
    new = make_token(data, origin)
    new.synthetic = token.synthetic
    if origin is not None and not token.synthetic:
        _save(rt, origin, data)
    return new


async def arefresh_for_smtp(rt: Any, token: AuthToken) -> bool:
    """Refresh `token` in place after the SMTP server refused it; True when it was.

    Never reports an error itself: the SMTP layer reports the refusal, and may add
    `OAuthState.last_refresh_error` (why the refresh failed) to its message.
    """
    state = OAuthState.of(rt)
    state.last_refresh_error = ""
    if not isinstance(token, AuthToken) or token.is_null():
        return False
    try:
        data = await _refresh_data(rt, token, token.origin)
    except OAuthProblem as p:
        state.last_refresh_error = p.message
        return False
    fill(token, data)
    if token.origin is not None and not token.synthetic:
        _save(rt, token.origin, data)
    return True


def refresh_for_smtp(rt: Any, token: AuthToken) -> bool:
    """Blocking form of `arefresh_for_smtp`, usable whether or not the run's event loop
    is running (inside it, the refresh runs on a loop of its own in a thread)."""
    loop = rt.loop
    if not loop.is_running():
        return rt.run_async(arefresh_for_smtp(rt, token))
    return _run_in_thread(arefresh_for_smtp(rt, token))


def _run_in_thread(coro: Coroutine[Any, Any, T]) -> T:
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as e:  # handed back to the caller's thread below
            box["error"] = e

    t = threading.Thread(target=run, name="wlmail-oauth-refresh", daemon=True)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]
