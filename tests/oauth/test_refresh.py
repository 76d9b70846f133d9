"""AuthRefreshToken and refresh_for_smtp (what the SMTP layer calls after an XOAUTH2
refusal), against the real test authorization server."""
from __future__ import annotations

import json

from wlmail.oauth import arefresh_for_smtp, refresh_for_smtp
from wlmail.oauth.state import OAuthState
from wlmail.oauth.types import AuthToken
from wlmail.runtime.errors import Err

from .helpers import make_params, token_files


def test_auth_refresh_token_returns_a_new_token(server, browser, run, tmp_path):
    r = run()
    params = make_params(server)
    tok = r.call("AuthIdentify", params)
    new = r.call("AuthRefreshToken", tok)
    assert not r.rt.error.occurred, r.rt.error.message
    assert isinstance(new, AuthToken) and new is not tok
    assert new.value != tok.value and server.check_access_token(new.value)
    assert server.check_access_token(tok.value)        # the old one is untouched
    assert new.refresh_token                            # rotated by the server
    (f,) = token_files(tmp_path)
    assert json.loads(f.read_text())["access_token"] == new.value


def test_french_name_and_explicit_parameters(server, browser, run):
    r = run(token_cache=False)
    params = make_params(server)
    tok = r.call("AuthIdentifie", params)
    bare = AuthToken()
    bare.value, bare.refresh_token = tok.value, tok.refresh_token   # built by the script
    failed = r.call("AuthRenouvelleToken", bare)
    assert failed.is_null() and r.rt.error.code == Err.OAUTH_REFRESH
    assert "AuthRefreshToken(MyToken, MyParameters)" in r.rt.error.message
    new = r.call("AuthRenouvelleToken", bare, params)
    assert not r.rt.error.occurred and server.check_access_token(new.value)


def test_refresh_without_refresh_token(run):
    r = run()
    t = AuthToken()
    t.value = "abc"
    new = r.call("AuthRefreshToken", t)
    assert new.is_null() and r.rt.error.code == Err.OAUTH_REFRESH
    assert "no refresh token" in r.rt.error.message


def test_refused_refresh_reports_the_server_words(server, browser, run):
    r = run(token_cache=False)
    tok = r.call("AuthIdentify", make_params(server))
    server.refresh.clear()
    new = r.call("AuthRefreshToken", tok)
    assert new.is_null() and r.rt.error.code == Err.OAUTH_REFRESH
    assert "invalid_grant" in r.rt.error.message


def test_refresh_for_smtp_in_place_and_cache_updated(auth_server, browser, run, tmp_path,
                                                     oauth_clock):
    server = auth_server(expires_in=1)
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    held = tok.copy()                                  # what a session's AuthToken holds
    oauth_clock.advance(1.1)
    assert not server.check_access_token(held.value)
    assert refresh_for_smtp(r.rt, held) is True
    assert server.check_access_token(held.value) and held.valid
    (f,) = token_files(tmp_path)
    assert json.loads(f.read_text())["access_token"] == held.value
    assert not r.rt.error.occurred


def test_refresh_for_smtp_from_inside_the_run_loop(server, browser, run):
    """The SMTP layer runs on rt's event loop: both the coroutine and the blocking form
    work from there."""
    r = run(token_cache=False)
    tok = r.call("AuthIdentify", make_params(server))
    first = tok.value

    async def in_loop():
        ok_async = await arefresh_for_smtp(r.rt, tok)
        second = tok.value
        ok_blocking = refresh_for_smtp(r.rt, tok)
        return ok_async, second, ok_blocking

    ok_async, second, ok_blocking = r.rt.run_async(in_loop())
    assert ok_async and ok_blocking
    assert len({first, second, tok.value}) == 3
    assert server.check_access_token(tok.value)


def test_refresh_for_smtp_false_when_impossible(server, browser, run):
    r = run(token_cache=False)
    assert refresh_for_smtp(r.rt, AuthToken()) is False
    t = AuthToken()
    t.value = "abc"
    assert refresh_for_smtp(r.rt, t) is False
    assert "no refresh token" in OAuthState.of(r.rt).last_refresh_error
    tok = r.call("AuthIdentify", make_params(server))
    server.refresh.clear()
    before = tok.value
    assert refresh_for_smtp(r.rt, tok) is False
    assert tok.value == before
    assert not r.rt.error.occurred                     # the SMTP layer reports, not us

