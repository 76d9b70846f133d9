"""Odd answers from a token endpoint, and odd values in the token store: each is the
server's (or an old file's) fault, so each ends in a token or a plain error, never in an
exception out of wlmail."""
from __future__ import annotations

import io
import json
import math
import time

import pytest

from wlmail.oauth.cli import auth_command
from wlmail.oauth.flow import MAX_LIFETIME, TokenData, bounded_expiry, lifetime
from wlmail.oauth.store import Key, TokenStore
from wlmail.oauth.types import format_datetime, local_datetime, parse_datetime
from wlmail.runtime.errors import Err

from .helpers import make_params, token_files

YEAR = 365.25 * 86400


def _expires_in(value):
    def edit(answer: dict):
        answer["expires_in"] = value
        return answer
    return edit


def _raw_expires_in(text: str):
    """For what json.dumps cannot write: a 400-digit number, a bare NaN..."""
    def edit(answer: dict):
        answer.pop("expires_in", None)
        body = json.dumps(answer)
        return (body[:-1] + f', "expires_in": {text}}}').encode()
    return edit


def _stored(tmp_path) -> dict:
    (f,) = token_files(tmp_path)
    return json.loads(f.read_text())


@pytest.mark.parametrize("edit", [_expires_in(1e300), _raw_expires_in("1e400"),
                                  _raw_expires_in("Infinity"), _raw_expires_in("1" * 400),
                                  _expires_in("1e300")],
                         ids=["1e300", "1e400", "Infinity", "400 digits", "string 1e300"])
def test_far_expiry_is_cut_to_ten_years(server, browser, run, tmp_path, edit):
    server.edit_token_answer = edit
    r = run()
    t0 = time.time()
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    assert tok.valid is True
    expires = parse_datetime(tok.expiration_date)
    assert t0 + 10 * YEAR - 5 <= expires <= time.time() + 10 * YEAR + 5
    assert _stored(tmp_path)["expires_at"] <= time.time() + MAX_LIFETIME
    # ServerResponse keeps what the server really said.
    assert b"expires_in" in tok.server_response
    out, err = io.StringIO(), io.StringIO()
    assert auth_command(["list"], out, err) == 0, err.getvalue()
    assert f"valid until {time.localtime(expires).tm_year}-" in out.getvalue()


@pytest.mark.parametrize("value", [-5, "soon", [3600], {"s": 1}, True, None, "", "NaN"])
def test_unusable_expires_in_means_no_expiry_given(server, browser, run, tmp_path, value):
    server.edit_token_answer = _expires_in(value)
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    assert tok.expiration_date == "" and tok.valid is True
    assert _stored(tmp_path)["expires_at"] is None


def test_bare_nan_expires_in_means_no_expiry_given(server, browser, run):
    server.edit_token_answer = _raw_expires_in("NaN")
    r = run(token_cache=False)
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert tok.expiration_date == "" and tok.valid is True


def test_expires_in_as_a_string_is_read(server, browser, run):
    server.edit_token_answer = _expires_in(" 3599.5 ")
    r = run(token_cache=False)
    t0 = time.time()
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert t0 + 3598 <= parse_datetime(tok.expiration_date) <= time.time() + 3601


@pytest.mark.parametrize("value", ["Infinity", "[1]", '"tomorrow"', "1e400"])
def test_a_non_standard_expires_at_is_ignored(server, browser, run, value):
    def edit(answer: dict):
        return (json.dumps(answer)[:-1] + f', "expires_at": {value}}}').encode()
    server.edit_token_answer = edit
    r = run(token_cache=False)
    t0 = time.time()
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert t0 + 3595 <= parse_datetime(tok.expiration_date) <= time.time() + 3601


def test_odd_expiry_on_a_refresh(server, browser, run):
    r = run(token_cache=False)
    params = make_params(server)
    tok = r.call("AuthIdentify", params)
    server.edit_token_answer = _raw_expires_in("Infinity")
    new = r.call("AuthRefreshToken", tok, params)
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(new.value)
    assert parse_datetime(new.expiration_date) <= time.time() + MAX_LIFETIME + 5


@pytest.mark.parametrize("access", [None, "", 12345, ["tok"]])
def test_answer_without_a_usable_access_token(server, browser, run, access):
    def edit(answer: dict):
        if access is None:
            answer.pop("access_token")
        else:
            answer["access_token"] = access
        return answer
    server.edit_token_answer = edit
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "no access_token" in r.rt.error.message


@pytest.mark.parametrize("body", [b"[1, 2]", b'"token"', b"", b"{not json"])
def test_answer_that_is_not_a_json_object(server, browser, run, body):
    server.edit_token_answer = lambda answer: body
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "did not answer with a JSON token" in r.rt.error.message


def test_odd_refresh_and_token_type_fall_back(server, browser, run):
    def edit(answer: dict):
        answer["refresh_token"] = {"x": 1}
        answer["token_type"] = 7
        return answer
    server.edit_token_answer = edit
    r = run(token_cache=False)
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert tok.refresh_token == "" and tok.token_type == "Bearer"


# -- the pieces, on values no server sent today but a file may hold --------------------

def test_lifetime_bounds():
    assert lifetime(3600) == 3600.0
    assert lifetime("3600") == 3600.0
    assert lifetime(0) == 0.0
    assert lifetime(10 ** 400) == MAX_LIFETIME
    assert lifetime(float("inf")) == MAX_LIFETIME
    for bad in (None, "", "x", -1, -1e300, float("nan"), True, [1], {}):
        assert lifetime(bad) is None, bad


def test_bounded_expiry():
    now = time.time()
    assert bounded_expiry(None, now) is None
    assert bounded_expiry(now + 60, now) == now + 60
    assert bounded_expiry(now + 1e300, now) == now + MAX_LIFETIME
    assert bounded_expiry(float("inf"), now) == now + MAX_LIFETIME
    assert bounded_expiry(float("nan"), now) == 0.0
    assert bounded_expiry(-1e300, now) == 0.0
    assert bounded_expiry(1e300, float("nan")) == MAX_LIFETIME


@pytest.mark.parametrize("epoch", [1e300, -1e300, float("inf"), float("-inf"), float("nan"),
                                   1e12, -1e12])
def test_dates_beyond_the_calendar_are_shown(epoch):
    text = format_datetime(epoch)
    assert len(text) == 16 and text.isdigit()
    far = epoch > 0
    assert text.startswith("9999" if far else "0001")
    assert local_datetime(epoch).year == (9999 if far else 1)
    # The past end reads back as unreadable (so a token with it is not valid), the far
    # end as a date after today.
    back = parse_datetime(text)
    assert (back is not None and back > time.time()) if far else back is None


def _store_raw(tmp_path, **fields) -> Key:
    store = TokenStore(tmp_path / "state" / "wlmail" / "tokens")
    key = Key("https://oauth.example.test/token", "cid", "s", "")
    path = store.save(key, TokenData("ya29.tok-9d1e", "", "Bearer", None, time.time()))
    data = json.loads(path.read_text())
    data.update(fields)
    # json.dumps writes NaN and Infinity, as an older wlmail's file would hold them.
    path.write_text(json.dumps(data))
    return key


@pytest.mark.parametrize("expires_at,issued_at,shown", [
    (1e300, None, "valid until"), (float("inf"), None, "valid until"),
    (float("nan"), None, "expired"), (-1e300, None, "expired"),
    (1e300, float("nan"), "expired"), (1e300, float("inf"), "expired")])
def test_list_and_load_with_odd_stored_dates(tmp_path, expires_at, issued_at, shown):
    extra = {"expires_at": expires_at}
    if issued_at is not None:
        extra["issued_at"] = issued_at
    key = _store_raw(tmp_path, **extra)
    entry = TokenStore(tmp_path / "state" / "wlmail" / "tokens").load(key)
    assert entry is not None
    assert math.isfinite(entry.token.expires_at) and math.isfinite(entry.token.issued_at)
    assert entry.token.expires_at <= entry.token.issued_at + MAX_LIFETIME
    out, err = io.StringIO(), io.StringIO()
    assert auth_command(["list"], out, err) == 0, err.getvalue()
    assert f"access token    {shown}" in out.getvalue()
    assert "ya29.tok-9d1e" not in out.getvalue()
