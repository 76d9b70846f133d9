"""XOAUTH2 for IMAP and POP3 against the real private Dovecot, whose `oauth2` passdb asks
the tests' OAuth authorization server (tests/oauth/authserver.py) about every token by
RFC 7662 introspection: a valid token reads the mailbox, an expired one is refreshed at
that server and tried once more, a revoked one fails with False and ErrorInfo."""
from __future__ import annotations

import io
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dovecot_server import USER, DovecotMissing, DovecotServer
from oauth import authserver
from oauth.authserver import CLIENT_ID, CLIENT_SECRET, SCOPE, Token
from wlmail.domains import load_all
from wlmail.email import functions as EF
from wlmail.email.types import OPTION_SSL, OPTION_STARTTLS, Email
from wlmail.oauth import clock
from wlmail.oauth.types import AuthToken, Origin
from wlmail.reading import auth as reading_auth
from wlmail.reading import functions as RF
from wlmail.reading.types import EmailIMAPSession, EmailPOP3Session
from wlmail.runtime.context import Context, RunOptions
from wlmail.runtime.errors import Err
from wltest import run_wl

load_all()

WL = Path(__file__).resolve().parent / "wl"
MESSAGE = (b"From: orders@example.com\r\nTo: reader@example.org\r\nSubject: Order 7\r\n"
           b"Message-ID: <order-7@example.com>\r\n\r\nOne order.\r\n")


@pytest.fixture(scope="module")
def oauth_dovecot(smtp_ca: Any) -> Iterator[tuple[authserver.TestAuthServer, DovecotServer]]:
    """The authorization server (signing in USER) and a Dovecot introspecting at it."""
    auth = authserver.TestAuthServer(user=USER).start()
    server = DovecotServer(ca=smtp_ca, introspection_url=auth.introspection_url)
    try:
        server.start()
    except DovecotMissing as exc:
        auth.stop()
        pytest.fail(f"the tests against a real Dovecot cannot run: {exc}", pytrace=False)
    yield auth, server
    server.stop()
    auth.stop()


class SteppedClock(clock.Clock):
    """Real time plus the seconds a test skipped: tokens expire without sleeping (the
    authorization server runs in this process and reads the same clock)."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def now(self) -> float:
        return time.time() + self.skipped


@pytest.fixture
def stepped() -> Iterator[SteppedClock]:
    c = SteppedClock()
    previous = clock.use(c)
    yield c
    clock.use(previous)


@pytest.fixture
def mail(oauth_dovecot: Any, smtp_tls_env: dict[str, str]) -> tuple[authserver.TestAuthServer, Any]:
    auth, server = oauth_dovecot
    server.clear()
    server.deliver(MESSAGE)
    with auth.lock:
        auth.introspections.clear()
        auth.token_requests.clear()
    return auth, server


def issue(auth: authserver.TestAuthServer, *, expires_in: int = 3600, length: int = 40) -> AuthToken:
    """A token as AuthIdentify returns it, issued by `auth` (without the browser step,
    which tests/oauth covers): the access token, its refresh token, where it came from."""
    access = secrets.token_urlsafe(length)[:length]
    refresh = secrets.token_urlsafe(30)
    with auth.lock:
        tok = Token(access, refresh, CLIENT_ID, SCOPE, USER, expires_in)
        auth.tokens[access] = tok
        auth.refresh[refresh] = tok
    t = AuthToken()
    t.value, t.refresh_token = access, refresh
    t.origin = Origin(auth.token_url, CLIENT_ID, CLIENT_SECRET, SCOPE, "")
    return t


class _Run:
    def __init__(self, folder: Path) -> None:
        self.out = io.StringIO()
        self.rt = Context(folder / "script.wl", RunOptions(), stdout=self.out, stderr=self.out)


def _session(kind: type, server: Any, token: AuthToken) -> Any:
    s = kind()
    s.server_address, s.name = server.host, USER
    if kind is EmailIMAPSession:
        s.port, s.option = server.imaps_port, OPTION_SSL
    else:
        s.port, s.option = server.pop3_port, OPTION_STARTTLS
    s.auth_token = token.copy()      # what `MySession.AuthToken = MyToken` does
    return s


def _read_one(run: _Run, s: Any) -> str:
    assert EF.email_start_session(run.rt, s), run.rt.error.message
    m = Email()
    assert RF.email_read_first(run.rt, s, m), run.rt.error.message
    assert EF.email_close_session(run.rt, s)
    return m.subject


KINDS = [EmailIMAPSession, EmailPOP3Session]


@pytest.mark.parametrize("kind", KINDS, ids=["imap", "pop3"])
def test_a_valid_token_reads_the_mailbox(tmp_path, mail, kind):
    auth, server = mail
    run = _Run(tmp_path)
    assert _read_one(run, _session(kind, server, issue(auth))) == "Order 7"
    assert auth.introspections == [True]
    assert "method=XOAUTH2" in server.log()


def test_imap_two_step_form_when_the_line_would_be_too_long(tmp_path, mail, monkeypatch):
    # Without SASL-IR room: AUTHENTICATE XOAUTH2, then the response after the "+".
    auth, server = mail
    monkeypatch.setattr(reading_auth, "IMAP_INITIAL_LIMIT", 10)
    run = _Run(tmp_path)
    assert _read_one(run, _session(EmailIMAPSession, server, issue(auth))) == "Order 7"
    assert auth.introspections == [True]


def test_pop3_two_step_form_with_a_microsoft_sized_token(tmp_path, mail):
    # 2,000 characters: far beyond the 255 octets of an AUTH line with its response.
    auth, server = mail
    run = _Run(tmp_path)
    token = issue(auth, length=2000)
    assert len(token.value) == 2000
    assert _read_one(run, _session(EmailPOP3Session, server, token)) == "Order 7"


@pytest.mark.parametrize("kind", KINDS, ids=["imap", "pop3"])
def test_an_expired_token_is_refreshed_and_tried_once_more(tmp_path, mail, stepped, kind):
    auth, server = mail
    run = _Run(tmp_path)
    token = issue(auth, expires_in=60)
    s = _session(kind, server, token)
    stepped.skipped += 61                      # the token really expires
    assert _read_one(run, s) == "Order 7"
    assert auth.introspections == [False, True]
    assert auth.token_requests == ["refresh_token"]
    # Refreshed in place: the session holds the new token, which the server accepts.
    assert s.auth_token.value != token.value
    assert auth.check_access_token(s.auth_token.value)
    assert token.value not in run.out.getvalue()


@pytest.mark.parametrize("kind", KINDS, ids=["imap", "pop3"])
def test_a_revoked_token_fails_with_error_info(tmp_path, mail, kind):
    auth, server = mail
    run = _Run(tmp_path)
    token = issue(auth)
    auth.revoke_all()                          # access and refresh tokens alike
    s = _session(kind, server, token)
    assert EF.email_start_session(run.rt, s) is False
    err = run.rt.error
    assert err.code == Err.AUTH_REFUSED
    assert f'the access token for "{USER}" was refused' in err.message
    assert "Authentication failed" in err.message            # the server's own words
    assert "status=401, schemes=bearer" in err.message       # its JSON answer, decoded
    assert "could not be refreshed" in err.message
    assert token.value not in err.message and token.refresh_token not in err.message
    # The script goes on: reading says the session is not started.
    assert RF.email_read_first(run.rt, s, Email()) is False
    assert run.rt.error.code == Err.SESSION_NOT_STARTED


def test_a_refused_token_without_refresh_token_is_not_refreshed(tmp_path, mail):
    auth, server = mail
    run = _Run(tmp_path)
    token = AuthToken()
    token.value = "never-issued"
    s = _session(EmailIMAPSession, server, token)
    assert EF.email_start_session(run.rt, s) is False
    assert run.rt.error.code == Err.AUTH_REFUSED
    assert "could not be refreshed" not in run.rt.error.message
    assert auth.token_requests == []


@pytest.mark.parametrize("name", ["xoauth2_imap_en.wl", "xoauth2_pop3_fr.wl"])
def test_scripts_sign_in_with_a_token(tmp_path, mail, monkeypatch, name):
    auth, server = mail
    token = issue(auth)
    for var, value in (("READ_HOST", server.host), ("READ_USER", USER),
                       ("READ_TOKEN", token.value),
                       ("READ_IMAPS_PORT", str(server.imaps_port)),
                       ("READ_POP3_PORT", str(server.pop3_port))):
        monkeypatch.setenv(var, value)
    script = tmp_path / name
    shutil.copy(WL / name, script)
    status, out, err = run_wl(script)
    assert token.value not in out + err
    assert (status, err) == (0, "")
    assert out == (WL / name).with_suffix(".out").read_text(encoding="utf-8")
