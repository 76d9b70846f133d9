"""No client secret, code, PKCE verifier or token appears in anything wlmail prints,
reports or logs, whatever happens in the flow."""
from __future__ import annotations

import logging

import pytest

from wlmail.oauth.state import OAuthState

from .helpers import make_params


def _wlmail_side_logs(caplog) -> str:
    # The test authorization server runs in this process too (in werkzeug's threads) and
    # authlib's server side logs the tokens it issues; only wlmail's side is checked.
    return "\n".join(r.getMessage() for r in caplog.records if r.threadName == "MainThread")


@pytest.mark.parametrize("scenario", ["happy", "cached", "refresh", "refresh-refused",
                                      "state", "pkce", "deny", "bad-secret", "http-500",
                                      "smtp-refresh"])
def test_no_secret_in_any_output(auth_server, browser, run, caplog, scenario, oauth_clock):
    caplog.set_level(logging.DEBUG)
    server = auth_server(expires_in=1 if "refresh" in scenario else 3600)
    params = make_params(server)
    reports = []

    def call(r, name, *args):
        got = r.call(name, *args)
        reports.append(r.rt.error.message + "\n" + r.rt.error.details)
        return got

    # A forged state is ignored and the sign-in waits for the real answer until it times
    # out: a short wait keeps that scenario quick.
    r = run(oauth_timeout=1.5) if scenario == "state" else run()
    if scenario == "state":
        browser.mode("tamper-state")
    elif scenario == "pkce":
        browser.mode("tamper-pkce")
    elif scenario == "deny":
        browser.mode("deny")
    elif scenario == "bad-secret":
        params.client_secret = "wrong-secret-3b9f1c"
    elif scenario == "http-500":
        server.fail_token_endpoint = 1
    tok = call(r, "AuthIdentify", params)
    if scenario == "cached":
        call(run(), "AuthIdentify", params)
    if scenario in ("refresh", "refresh-refused"):
        oauth_clock.advance(1.1)
        if scenario == "refresh-refused":
            server.refresh.clear()
        r2 = run()
        call(r2, "AuthIdentify", params)
        call(r2, "AuthRefreshToken", tok)
        r = r2
    if scenario == "smtp-refresh":
        from wlmail.oauth import refresh_for_smtp
        refresh_for_smtp(r.rt, tok)
        server.refresh.clear()
        refresh_for_smtp(r.rt, tok)
        reports.append(OAuthState.of(r.rt).last_refresh_error)
    browser.calls(1)
    everything = "\n".join([r.output, *reports, _wlmail_side_logs(caplog), repr(tok)])
    for secret in server.secrets_seen:
        assert secret not in everything, f"a secret reached the output in {scenario}"
    if scenario != "deny":   # a refusal exchanges no code and no token
        assert server.secrets_seen - {params.client_secret}, "the scenario exchanged nothing"
