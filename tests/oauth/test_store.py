"""The token store: a stored valid token is returned at once, an expired one is refreshed
without the browser, a failed refresh falls back to the browser.  Expiry is real: the
test server issues tokens that live a few seconds, on the OAuth clock the tests move
forward (the `oauth_clock` fixture) instead of sleeping."""
from __future__ import annotations

import json
import os
import stat

from wlmail.oauth.store import TokenStore, default_dir, state_home
from wlmail.runtime.errors import Err

from .authserver import CLIENT_SECRET
from .helpers import make_params, token_files


def test_token_kept_with_mode_0600_and_never_the_secret(server, browser, run, tmp_path):
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    assert not tok.is_null(), r.rt.error.message
    files = token_files(tmp_path)
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    text = files[0].read_text()
    assert CLIENT_SECRET not in text
    data = json.loads(text)
    assert data["access_token"] == tok.value and data["refresh_token"] == tok.refresh_token
    assert "client_secret" not in data
    # Nothing else was left in the folder (the temporary file was renamed).
    assert [p.name for p in files[0].parent.iterdir()] == [files[0].name]


def test_valid_stored_token_returned_without_browser(server, browser, run):
    params = make_params(server)
    first = run().call("AuthIdentify", params)
    assert browser.calls(1) == ["follow 200"]
    r = run()
    again = r.call("AuthIdentify", params)
    assert not r.rt.error.occurred
    assert again.value == first.value
    assert browser.calls(1) == ["follow 200"]          # no second sign-in
    assert server.token_requests == ["authorization_code"]
    assert r.stderr.getvalue() == ""


def test_expired_token_refreshed_from_the_store(auth_server, browser, run, oauth_clock):
    server = auth_server(expires_in=2)
    params = make_params(server)
    first = run().call("AuthIdentify", params)
    assert first.valid
    oauth_clock.advance(2.2)                           # the token really expires
    assert not first.valid
    assert not server.check_access_token(first.value)
    r = run()
    fresh = r.call("AuthIdentify", params)
    assert not r.rt.error.occurred, r.rt.error.message
    assert fresh.value != first.value and fresh.valid
    assert server.check_access_token(fresh.value)
    assert server.token_requests == ["authorization_code", "refresh_token"]
    assert browser.calls(1) == ["follow 200"]
    # The rotated refresh token was stored: a third run after expiry refreshes again.
    oauth_clock.advance(2.2)
    third = run().call("AuthIdentify", params)
    assert server.check_access_token(third.value)
    assert server.token_requests == ["authorization_code", "refresh_token", "refresh_token"]
    assert browser.calls(1) == ["follow 200"]


def test_failed_refresh_falls_back_to_the_browser(auth_server, browser, run, oauth_clock):
    server = auth_server(expires_in=1)
    params = make_params(server)
    run().call("AuthIdentify", params)
    oauth_clock.advance(1.2)
    server.refresh.clear()                             # the provider revoked the grant
    r = run()
    tok = r.call("AuthIdentify", params)
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    assert server.token_requests == ["authorization_code", "refresh_token", "authorization_code"]
    assert browser.calls(2) == ["follow 200", "follow 200"]
    assert "could not be refreshed" in r.stderr.getvalue()
    assert "invalid_grant" in r.stderr.getvalue()


def test_no_token_cache(server, browser, run, tmp_path):
    params = make_params(server)
    run(token_cache=False).call("AuthIdentify", params)
    run(token_cache=False).call("AuthIdentify", params)
    assert token_files(tmp_path) == []
    assert browser.calls(2) == ["follow 200", "follow 200"]


def test_one_entry_per_mailbox(server, browser, run, tmp_path):
    params_a = make_params(server, additional="login_hint=ann@example.test")
    params_b = make_params(server, additional="login_hint=bob@example.test")
    a = run().call("AuthIdentify", params_a)
    b = run().call("AuthIdentify", params_b)
    assert a.value != b.value
    assert len(token_files(tmp_path)) == 2
    assert run().call("AuthIdentify", params_a).value == a.value
    assert run().call("AuthIdentify", params_b).value == b.value
    assert len(browser.calls(2)) == 2


def test_damaged_store_file_is_ignored(server, browser, run, tmp_path):
    params = make_params(server)
    run().call("AuthIdentify", params)
    (f,) = token_files(tmp_path)
    f.write_text("{not json")
    r = run()
    tok = r.call("AuthIdentify", params)
    assert not r.rt.error.occurred and server.check_access_token(tok.value)
    assert len(browser.calls(2)) == 2
    json.loads(f.read_text())                          # rewritten whole


def test_unwritable_store_warns_and_still_returns_the_token(server, browser, run, tmp_path,
                                                           monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the state folder should be")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred and server.check_access_token(tok.value)
    assert "could not be kept" in r.stderr.getvalue()


def test_state_directory_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    assert default_dir() == tmp_path / "s" / "wlmail" / "tokens"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/ignored")
    assert state_home() == __import__("pathlib").Path(os.path.expanduser("~")) / ".local" / "state"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert str(default_dir()).endswith(os.path.join(".local", "state", "wlmail", "tokens"))
    assert TokenStore().dir == default_dir()


def test_refresh_failure_is_reported_when_the_browser_also_fails(auth_server, browser, run,
                                                              oauth_clock):
    server = auth_server(expires_in=1)
    params = make_params(server)
    run().call("AuthIdentify", params)
    oauth_clock.advance(1.2)
    server.refresh.clear()
    browser.mode("deny")
    r = run()
    tok = r.call("AuthIdentify", params)
    assert tok.is_null() and r.rt.error.code == Err.OAUTH_DENIED
