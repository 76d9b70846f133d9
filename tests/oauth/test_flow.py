"""AuthIdentify's authorization-code flow against a real authorization server on loopback,
with a $BROWSER program playing the person.  Nothing here is mocked: the listener, the
state, PKCE and the code exchange are the real ones."""
from __future__ import annotations

import socket
import time
import urllib.request
from urllib.parse import parse_qsl

import pytest

from wlmail.runtime.errors import Err

from .authserver import PUBLIC_CLIENT_ID
from .helpers import free_port, make_params


def identify(r, params):
    return r.call("AuthIdentify", params)


def test_happy_path_returns_a_token_the_server_issued(server, browser, run):
    r = run(token_cache=False)
    tok = identify(r, make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert not tok.is_null()
    assert tok.valid is True
    assert tok.token_type == "Bearer"
    assert tok.refresh_token
    assert server.check_access_token(tok.value)
    assert len(tok.expiration_date) == 16 and tok.expiration_date.isdigit()
    assert b'"access_token"' in tok.server_response
    assert browser.calls(1) == ["follow 200"]
    # The address was printed for a person to open by hand.
    assert server.auth_url + "?" in r.stderr.getvalue()
    assert r.stdout.getvalue() == ""
    # PKCE S256 and a state were sent.
    sent = dict(parse_qsl(server.authorize_requests[0]))
    assert sent["code_challenge_method"] == "S256" and len(sent["code_challenge"]) == 43
    assert len(sent["state"]) >= 32
    assert server.token_requests == ["authorization_code"]


def test_public_client_without_secret(server, browser, run):
    r = run(token_cache=False)
    tok = identify(r, make_params(server, client_id=PUBLIC_CLIENT_ID, client_secret=""))
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]"])
def test_explicit_loopback_address(server, browser, run, host):
    port = free_port(host.strip("[]"))
    r = run(token_cache=False)
    tok = identify(r, make_params(server, redirect=f"http://{host}:{port}/callback"))
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    sent = dict(parse_qsl(server.authorize_requests[0]))
    assert sent["redirect_uri"] == f"http://{host}:{port}/callback"


def test_localhost_listens_on_both_families(server, run):
    """With no browser, the person (this test) opens the printed address; the redirect
    reaches the listener on 127.0.0.1 and on ::1 alike."""
    import threading

    port = free_port()
    params = make_params(server, redirect=f"http://localhost:{port}/cb")
    r = run(token_cache=False, oauth_timeout=10)
    seen = {}

    def person():
        # Wait for the listener, then check both addresses answer on the same port.
        for _ in range(200):
            try:
                for host in ("127.0.0.1", "::1"):
                    socket.create_connection((host, port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.02)
        seen["both"] = True
        # Then act as the browser through ::1.
        for _ in range(200):
            text = r.stderr.getvalue()
            if "/authorize?" in text:
                break
            time.sleep(0.02)
        url = [ln.strip() for ln in r.stderr.getvalue().splitlines() if "/authorize?" in ln][0]
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
        try:
            opener.open(url, timeout=5)
        except urllib.error.HTTPError as e:
            location = e.headers["Location"].replace("localhost", "[::1]")
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                location, timeout=5) as resp:
            seen["page"] = resp.read().decode()

    t = threading.Thread(target=person)
    t.start()
    tok = identify(r, params)
    t.join()
    assert seen.get("both")
    assert "You may close this window" in seen["page"]
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    assert "no browser can be started here" in r.stderr.getvalue()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def test_redirect_without_port_uses_a_free_one(server, browser, run):
    r = run(token_cache=False)
    tok = identify(r, make_params(server, redirect="http://127.0.0.1/"))
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    sent = dict(parse_qsl(server.authorize_requests[0]))["redirect_uri"]
    assert sent.startswith("http://127.0.0.1:") and sent.endswith("/")
    assert int(sent.split(":")[2].rstrip("/")) > 1024


def test_state_mismatch(server, browser, run):
    browser.mode("tamper-state")
    # A forged answer is ignored and the wait goes on (issue 8): a short wait ends it --
    # long enough for the fake browser's answer to arrive on a loaded machine.
    r = run(token_cache=False, oauth_timeout=5)
    tok = identify(r, make_params(server))
    assert tok.is_null()
    assert r.rt.error.occurred and r.rt.error.code == Err.OAUTH_STATE
    assert "state" in r.rt.error.message
    assert server.token_requests == []       # the code was never exchanged
    assert browser.calls(1) == ["tamper-state 400"]


def test_pkce_mismatch(server, browser, run):
    browser.mode("tamper-pkce")
    r = run(token_cache=False)
    tok = identify(r, make_params(server))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "invalid_grant" in r.rt.error.message and "Code challenge failed" in r.rt.error.message
    assert server.issued() == []


def test_access_denied(server, browser, run):
    browser.mode("deny")
    r = run(token_cache=False)
    tok = identify(r, make_params(server))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_DENIED
    assert "access_denied" in r.rt.error.message
    assert r.rt.failures == 1


def test_token_endpoint_rejects_the_client_secret(server, browser, run):
    r = run(token_cache=False)
    tok = identify(r, make_params(server, client_secret="not-the-secret-at-all"))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "invalid_client" in r.rt.error.message and "ClientSecret" in r.rt.error.message
    assert "not-the-secret-at-all" not in r.output + r.rt.error.message


def test_token_endpoint_server_error(server, browser, run):
    server.fail_token_endpoint = 1
    r = run(token_cache=False)
    tok = identify(r, make_params(server))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "HTTP 500" in r.rt.error.message


def test_token_endpoint_answers_a_web_page(server, browser, run):
    server.html_token_endpoint = 1
    r = run(token_cache=False)
    tok = identify(r, make_params(server))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TOKEN_ENDPOINT
    assert "did not answer with a JSON token" in r.rt.error.message


def test_token_endpoint_unreachable(server, browser, run):
    params = make_params(server)
    params.token_url = f"http://127.0.0.1:{free_port()}/token"
    r = run(token_cache=False)
    tok = identify(r, params)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_NETWORK
    assert "cannot reach the token endpoint" in r.rt.error.message


def test_timeout(server, browser, run):
    browser.mode("nothing")
    r = run(token_cache=False, oauth_timeout=0.7)
    t0 = time.monotonic()
    tok = identify(r, make_params(server))
    assert time.monotonic() - t0 < 5
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_TIMEOUT
    assert "--oauth-timeout" in r.rt.error.message


def test_listener_is_closed_after_the_flow(server, browser, run):
    port = free_port()
    r = run(token_cache=False)
    identify(r, make_params(server, redirect=f"http://127.0.0.1:{port}"))
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_busy_redirect_port_is_a_clear_error(server, browser, run):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = run(token_cache=False)
        tok = identify(r, make_params(server, redirect=f"http://127.0.0.1:{port}"))
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_REDIRECT
    assert "already used by another program" in r.rt.error.message
    assert browser.calls() == []


def test_other_paths_do_not_end_the_wait(server, run):
    """A favicon request or a stray visit gets a small page and the flow keeps waiting."""
    import threading

    port = free_port()
    r = run(token_cache=False, oauth_timeout=10)
    results = {}

    def visitor():
        for _ in range(300):
            if "/authorize?" in r.stderr.getvalue():
                break
            time.sleep(0.02)
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for path in ("/favicon.ico", "/cb"):
            try:
                direct.open(f"http://127.0.0.1:{port}{path}", timeout=5)
            except urllib.error.HTTPError as e:
                results[path] = e.code
        url = [ln.strip() for ln in r.stderr.getvalue().splitlines() if "/authorize?" in ln][0]
        try:
            urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect).open(url)
        except urllib.error.HTTPError as e:
            direct.open(e.headers["Location"], timeout=5).close()

    t = threading.Thread(target=visitor)
    t.start()
    tok = identify(r, make_params(server, redirect=f"http://127.0.0.1:{port}/cb"))
    t.join()
    assert results == {"/favicon.ico": 404, "/cb": 400}
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)


def test_https_endpoints_verified_against_ssl_cert_file(auth_server, browser, run, tmp_path,
                                                         monkeypatch):
    import ssl

    import trustme

    ca = trustme.CA()
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_ctx)
    srv = auth_server(ssl_context=server_ctx)
    params = make_params(srv)
    assert params.auth_url.startswith("https://127.0.0.1:")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("WLMAIL_TEST_BROWSER_CAFILE", str(ca_file))

    # The system store alone does not know the test CA: a clear certificate error.
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    r = run(token_cache=False)
    tok = identify(r, params)
    assert tok.is_null()
    assert r.rt.error.code == Err.OAUTH_NETWORK
    assert "certificate" in r.rt.error.message and "127.0.0.1" in r.rt.error.message

    # Trusted through SSL_CERT_FILE, as ssl.create_default_context() reads it: works.
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    r2 = run(token_cache=False)
    tok = identify(r2, params)
    assert not r2.rt.error.occurred, r2.rt.error.message
    assert srv.check_access_token(tok.value)
