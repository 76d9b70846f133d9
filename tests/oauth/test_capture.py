"""Capture mode: AuthIdentify returns a clearly marked synthetic token without touching
the network, so the seed's example runs on a machine with no Internet."""
from __future__ import annotations

import json

from wlmail.oauth import refresh_for_smtp
from wlmail.oauth.state import OAuthState
from wlmail.runtime.errors import Err

from .helpers import free_port, make_params, token_files


def test_synthetic_token_without_network(run, browser, tmp_path):
    params = make_params()   # https://accounts.example.test: would not even resolve
    params.auth_url = f"http://127.0.0.1:{free_port()}/auth"      # nothing listens there
    params.token_url = f"http://127.0.0.1:{free_port()}/token"
    r = run(capture_dir=str(tmp_path / "capture"))
    tok = r.call("AuthIdentify", params)
    assert not r.rt.error.occurred
    assert not tok.is_null() and tok.valid and tok.synthetic
    assert tok.value.startswith("wlmail-capture-synthetic-")
    assert json.loads(tok.server_response)["wlmail_synthetic"] is True
    assert OAuthState.of(r.rt).synthetic_token is True
    assert browser.calls() == [] and token_files(tmp_path) == []
    assert r.output == ""
    # The SMTP layer's refresh-and-retry works on it too, still offline.
    before = tok.value
    assert refresh_for_smtp(r.rt, tok) and tok.value != before and tok.synthetic


def test_seed_parameters_in_capture_mode(run, tmp_path):
    """The seed's own values (Google's endpoints, http://localhost:9000)."""
    from wlmail.oauth.types import OAuth2Parameters

    p = OAuth2Parameters()
    p.client_id = "Application ID"
    p.client_secret = "Secret application ID"
    p.auth_url = "https://accounts.google.com/o/oauth2/auth"
    p.token_url = "https://accounts.google.com/o/oauth2/token"
    p.scope = "https://mail.google.com/"
    p.redirection_url = "http://localhost:9000"
    r = run(capture_dir=str(tmp_path / "capture"))
    tok = r.call("AuthIdentify", p)
    assert tok.synthetic and not tok.is_null()


def test_capture_mode_still_refuses_what_would_fail_for_real(run, tmp_path):
    r = run(capture_dir=str(tmp_path / "capture"))
    tok = r.call("AuthIdentify", make_params(redirect="http://example.com:9000"))
    assert tok.is_null() and r.rt.error.code == Err.OAUTH_REDIRECT
    assert OAuthState.of(r.rt).synthetic_token is False
