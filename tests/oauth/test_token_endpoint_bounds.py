"""A token endpoint cannot hold AuthIdentify / AuthRefreshToken for ever, fill the
memory, or kill the script (issue 8, items 7 and 8): every answer is bounded in time
(HTTP_TOTAL_TIMEOUT for the whole exchange) and in size (MAX_ANSWER_BYTES), and is
parsed only when its JSON nests sanely. The bounds are module attributes, set small
here so that each test runs in about a second."""
from __future__ import annotations

import pytest

from wlmail.oauth import flow
from wlmail.oauth.types import AuthToken
from wlmail.runtime.errors import Err

from .helpers import make_params, token_files
from .token_endpoint_faults import FaultTokenEndpoint


def _refresh(run, endpoint: FaultTokenEndpoint, server=None):
    r = run()
    p = make_params(server)
    p.token_url = endpoint.url
    old = AuthToken()
    old.refresh_token = "a-refresh-token-5d1c"
    tok = r.call("AuthRefreshToken", old, p)
    return r, tok


def _no_leak(r) -> None:
    out = r.output + r.rt.error.message + r.rt.error.details
    assert "Traceback" not in out
    assert "a-refresh-token-5d1c" not in out


def test_a_dripping_answer_is_cut_off_by_the_total_time_limit(run, monkeypatch, tmp_path):
    monkeypatch.setattr(flow, "HTTP_TOTAL_TIMEOUT", 1.0)
    with FaultTokenEndpoint("drip", delay=0.3) as ep:
        r, tok = _refresh(run, ep)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_NETWORK
    assert "did not finish answering within 1 seconds" in r.rt.error.message
    assert token_files(tmp_path) == []
    _no_leak(r)


@pytest.mark.parametrize("mode", ["huge", "endless"])
def test_a_huge_answer_is_not_read_whole(run, monkeypatch, tmp_path, mode):
    monkeypatch.setattr(flow, "MAX_ANSWER_BYTES", 64 * 1024)
    with FaultTokenEndpoint(mode) as ep:
        r, tok = _refresh(run, ep)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_REFRESH
    assert "answered the refresh token with more than 64 KB" in r.rt.error.message
    assert token_files(tmp_path) == []
    _no_leak(r)


def test_the_default_bound_refuses_a_300_mb_answer_by_its_length(run, tmp_path):
    with FaultTokenEndpoint("huge", size=300 * 1024 * 1024) as ep:
        r, tok = _refresh(run, ep)
    assert tok.is_null()
    assert "more than 1024 KB" in r.rt.error.message
    assert token_files(tmp_path) == []


def test_deeply_nested_json_from_the_token_endpoint(run, tmp_path):
    with FaultTokenEndpoint("nested") as ep:
        r, tok = _refresh(run, ep)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_REFRESH
    assert "did not answer with a JSON token" in r.rt.error.message
    assert "nests more than 64 levels" in r.rt.error.message
    _no_leak(r)


def test_deeply_nested_json_during_authidentify(server, browser, run, tmp_path):
    # The case: the answer to the authorization code, through the whole flow.
    server.edit_token_answer = lambda answer: b"[" * 200_000
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    assert tok.is_null()
    assert r.rt.error.occurred
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "did not answer with a JSON token" in r.rt.error.message
    assert token_files(tmp_path) == []


def test_a_huge_answer_during_authidentify_is_not_stored(server, browser, run, tmp_path,
                                                         monkeypatch):
    monkeypatch.setattr(flow, "MAX_ANSWER_BYTES", 64 * 1024)
    with FaultTokenEndpoint("endless") as ep:
        r = run()
        p = make_params(server)
        p.token_url = ep.url
        tok = r.call("AuthIdentify", p)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "more than 64 KB" in r.rt.error.message
    assert token_files(tmp_path) == []


def test_a_compressed_answer_that_was_not_asked_for(run):
    with FaultTokenEndpoint("gzip") as ep:
        r, tok = _refresh(run, ep)
    assert tok.is_null()
    assert "compressed (gzip)" in r.rt.error.message


def test_nesting_scan_ignores_brackets_inside_strings():
    assert not flow._json_too_deep(b'{"a": "' + b"[" * 500 + b'\\" ["}', 64)
    assert flow._json_too_deep(b"[" * 65, 64)
    assert not flow._json_too_deep(b"[" * 64 + b"]" * 64, 64)
