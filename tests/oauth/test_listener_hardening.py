"""The loopback listener cannot be disrupted, and redirect addresses are read as browsers
read them (issue 8, item 15): answers without this sign-in's state are ignored while the
real one is awaited, an empty code is refused, and a URL whose host a browser would read
differently is refused before anything listens."""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from wlmail.runtime.errors import Err

from .helpers import make_params


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPEN = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)


def _get(url: str) -> int:
    try:
        with _OPEN.open(url, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


def _authorization_url(r, deadline: float = 20.0) -> str:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        for line in r.stderr.getvalue().splitlines():
            if "/authorize?" in line:
                return line.strip()
        time.sleep(0.02)
    raise AssertionError("wlmail never printed the authorization address")


def _redirect_for(auth_url: str) -> str:
    """What the authorization server sends the browser back to after approval."""
    try:
        _OPEN.open(auth_url, timeout=10)
    except urllib.error.HTTPError as e:
        assert e.code in (301, 302, 303, 307), e.code
        return e.headers["Location"]
    raise AssertionError("the authorization server did not redirect")


def _with(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _person(r, act) -> threading.Thread:
    """Plays the browser in a thread while AuthIdentify waits in the test's thread."""
    box: dict = {}

    def target() -> None:
        try:
            act(_authorization_url(r), box)
        except BaseException as e:  # noqa: BLE001  (reported by the test below)
            box["error"] = e

    t = threading.Thread(target=target, daemon=True)
    t.box = box  # type: ignore[attr-defined]
    t.start()
    return t


def test_forged_answers_are_ignored_and_the_real_one_still_signs_in(server, browser, run):
    browser.mode("nothing")
    r = run(token_cache=False)

    def act(auth_url: str, box: dict) -> None:
        location = _redirect_for(auth_url)
        base = location.split("?", 1)[0]
        # What any local program or web page can send: no state, a forged state, an
        # error without state, the right code with a wrong state.
        box["statuses"] = [
            _get(base + "?error=access_denied"),
            _get(base + "?error=x&state=forged"),
            _get(base + "?code=stolen-code&state=forged"),
            _get(_with(location, state="forged-state-value")),
            _get(base + "?code=abc"),
        ]
        box["real"] = _get(location)

    t = _person(r, act)
    tok = r.call("AuthIdentify", make_params(server))
    t.join(20)
    assert "error" not in t.box, t.box.get("error")
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    assert t.box["statuses"] == [400] * 5 and t.box["real"] == 200
    assert len(server.token_requests) == 1         # only the real code was exchanged
    assert "was ignored" in r.stderr.getvalue()


def test_an_empty_code_with_the_right_state_is_refused(server, browser, run):
    browser.mode("nothing")
    r = run(token_cache=False)

    def act(auth_url: str, box: dict) -> None:
        box["status"] = _get(_with(_redirect_for(auth_url), code=""))

    t = _person(r, act)
    tok = r.call("AuthIdentify", make_params(server))
    t.join(20)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_DENIED
    assert "empty code" in r.rt.error.message
    assert server.token_requests == []
    assert t.box["status"] == 400


def test_only_forged_answers_end_in_a_state_error_when_the_time_is_up(server, browser, run):
    browser.mode("tamper-state")
    # The wait must outlast the fake browser's answer, also on a loaded machine.
    r = run(token_cache=False, oauth_timeout=5)
    tok = r.call("AuthIdentify", make_params(server))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_STATE
    assert "1 answer received on the redirection address did not carry the state" \
        in r.rt.error.message
    assert server.token_requests == []


@pytest.mark.parametrize("url, words", [
    ("http://evil.example\\@127.0.0.1:9000", "backslash"),
    ("http://127.0.0.1:9000\\@evil.example/", "backslash"),
    ("http://evil.example@127.0.0.1:9000", "user name before the host"),
    ("http://user:pw@localhost:9000/cb", "user name before the host"),
    ("http://local host:9000", "space or a control character"),
    ("http://127.0.0.1:9000/c\tb", "space or a control character"),
])
def test_redirect_urls_a_browser_reads_differently_are_refused(run, url, words):
    r = run(token_cache=False)
    tok = r.call("AuthIdentify", make_params(redirect=url))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_REDIRECT
    assert words in r.rt.error.message


def test_an_authurl_a_browser_reads_differently_is_refused(run):
    p = make_params()
    p.auth_url = "http://evil.example\\@127.0.0.1/authorize"
    r = run(token_cache=False)
    tok = r.call("AuthIdentify", p)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_PARAMETERS
    assert "AuthURL" in r.rt.error.message and "backslash" in r.rt.error.message


def test_control_characters_in_the_providers_error_are_shown_escaped(server, browser, run):
    browser.mode("nothing")
    r = run(token_cache=False)

    def act(auth_url: str, box: dict) -> None:
        location = _redirect_for(auth_url)
        state = dict(parse_qsl(urlsplit(location).query))["state"]
        box["status"] = _get(location.split("?", 1)[0] + "?" + urlencode(
            {"state": state, "error": "server_error",
             "error_description": "down\x1b]0;pwned\x07\x1b[2J\u009b now"}))

    t = _person(r, act)
    tok = r.call("AuthIdentify", make_params(server))
    t.join(20)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_DENIED
    msg = r.rt.error.message
    assert "down\\x1b]0;pwned\\x07\\x1b[2J\\x9b now" in msg
    assert not any(c in msg for c in "\x1b\x07\u009b")
