"""OAuth2Parameters that cannot work are refused before any network traffic, with words
that say what to write instead."""
from __future__ import annotations

import pytest

from wlmail.oauth.types import RESPONSE_TYPE_TOKEN
from wlmail.runtime.errors import Err, WLFatal

from .helpers import make_params


def refused(run, params, code):
    r = run(token_cache=False)
    tok = r.call("AuthIdentify", params)
    assert tok.is_null()
    assert r.rt.error.occurred and r.rt.error.code == code, r.rt.error.message
    assert r.rt.failures == 1
    return r.rt.error.message, r


@pytest.mark.parametrize("url", ["http://example.com:9000", "http://192.168.1.10:9000/cb",
                                 "http://mail.example.test/", "http://0.0.0.0:9000"])
def test_non_loopback_redirect_refused(run, browser, url):
    msg, r = refused(run, make_params(redirect=url), Err.OAUTH_REDIRECT)
    assert "not on this computer" in msg and "localhost" in msg
    assert browser.calls() == []           # no browser, no listener, no request
    assert r.stderr.getvalue() == ""


def test_https_redirect_refused_with_the_http_spelling(run):
    msg, _ = refused(run, make_params(redirect="https://localhost:9000/cb"), Err.OAUTH_REDIRECT)
    assert '"http://localhost:9000/cb"' in msg


def test_empty_redirect(run):
    msg, _ = refused(run, make_params(redirect=""), Err.OAUTH_REDIRECT)
    assert "RedirectionURL is empty" in msg


def test_implicit_flow_refused_suggesting_the_code_flow(run):
    p = make_params()
    p.response_type = RESPONSE_TYPE_TOKEN
    msg, _ = refused(run, p, Err.OAUTH_PARAMETERS)
    assert "oauth2ResponseTypeCode" in msg and "implicit" in msg


@pytest.mark.parametrize("prop,value", [("auth_url", "http://accounts.example.test/auth"),
                                        ("token_url", "http://accounts.example.test/token")])
def test_plain_http_endpoint_refused_unless_loopback(run, prop, value):
    p = make_params()
    setattr(p, prop, value)
    msg, _ = refused(run, p, Err.OAUTH_PARAMETERS)
    assert "must use https" in msg


def test_missing_client_id(run):
    p = make_params()
    p.client_id = "  "
    msg, _ = refused(run, p, Err.OAUTH_PARAMETERS)
    assert "ClientID is empty" in msg


@pytest.mark.parametrize("extra", ["state=abc", "redirect_uri=http://evil.test/",
                                   "login_hint=a@b.c&code_challenge=x"])
def test_additional_parameters_cannot_override_the_flow(run, extra):
    msg, _ = refused(run, make_params(additional=extra), Err.OAUTH_PARAMETERS)
    assert "AdditionalParameters may not set" in msg


def test_additional_parameters_reach_the_authorization_request(server, browser, run):
    from urllib.parse import parse_qsl

    r = run(token_cache=False)
    tok = r.call("AuthIdentify", make_params(server, additional="login_hint=ann@example.test"
                                                                 "&prompt=consent"))
    assert not tok.is_null(), r.rt.error.message
    sent = dict(parse_qsl(server.authorize_requests[0]))
    assert sent["login_hint"] == "ann@example.test" and sent["prompt"] == "consent"


def test_wrong_argument_type_is_fatal(run):
    r = run()
    with pytest.raises(WLFatal) as e:
        r.call("AuthIdentify", "not parameters")
    assert e.value.code == Err.ARGUMENT_TYPE


def test_callback_form_is_a_clear_fatal_error(run):
    r = run()
    with pytest.raises(WLFatal) as e:
        r.call("AuthIdentify", make_params(), "MyProcedure")
    assert "callback" in e.value.message
