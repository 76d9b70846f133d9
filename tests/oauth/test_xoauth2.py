"""The whole chain in one process: AuthIdentify against the test authorization server, then
EmailStartSession over STARTTLS with XOAUTH2 on an aiosmtpd server that accepts only the
tokens that authorization server issued (and not expired), then the message delivered."""
from __future__ import annotations

import json

from wlmail.email.types import OPTION_STARTTLS, Email, EmailSMTPSession

from .helpers import MAILBOX, make_params, token_files


def _smtp(smtp_server, auth):
    return smtp_server(tls="starttls", auth_mechanisms=("XOAUTH2",),
                       xoauth2_validator=lambda user, token: user == MAILBOX
                       and auth.check_access_token(token))


def _session(srv, token) -> EmailSMTPSession:
    s = EmailSMTPSession()
    s.server_address, s.port, s.name = srv.host, srv.port, MAILBOX
    s.set_option(OPTION_STARTTLS)
    s.auth_token = token.copy()          # what `MySession.AuthToken = AuthIdentify(...)` does
    return s


def _mail() -> Email:
    m = Email()
    m.sender = MAILBOX
    m.set_recipient("bob@example.test")
    m.subject = "OAuth end to end"
    m.message = "Sent with a token from the test authorization server."
    return m


def _send(r, session) -> None:
    assert r.call("EmailStartSession", session), r.rt.error.message
    assert r.call("EmailSendMessage", session, _mail()), r.rt.error.message
    assert r.call("EmailCloseSession", session)


def test_xoauth2_one_step_with_an_issued_token(server, browser, run, smtp_xoauth2):
    srv = smtp_xoauth2            # STARTTLS + XOAUTH2, validator from our conftest
    r = run()
    token = r.call("AuthIdentify", make_params(server))
    _send(r, _session(srv, token))
    (attempt,) = srv.connections[-1].auth_attempts
    assert (attempt.mechanism, attempt.user, attempt.form, attempt.success) == \
        ("XOAUTH2", MAILBOX, "inline", True)
    (msg,) = srv.messages
    assert msg.tls == "starttls" and msg.auth_user == MAILBOX
    assert msg.rcpt_tos == ["bob@example.test"]


def test_xoauth2_two_step_with_a_microsoft_sized_token(auth_server, browser, run, smtp_server):
    server = auth_server(token_length=2000)
    srv = _smtp(smtp_server, server)
    r = run()
    token = r.call("AuthIdentify", make_params(server))
    assert len(token.value) == 2000
    _send(r, _session(srv, token))
    (attempt,) = srv.connections[-1].auth_attempts
    assert (attempt.form, attempt.success) == ("two-step", True)
    assert len(srv.messages) == 1


def test_a_token_not_issued_by_the_server_is_refused(server, browser, run, smtp_server):
    from wlmail.oauth.types import AuthToken
    from wlmail.runtime.errors import Err

    srv = _smtp(smtp_server, server)
    r = run()
    forged = AuthToken()
    forged.value = "ya29.not-issued-by-anyone"
    session = _session(srv, forged)
    assert r.call("EmailStartSession", session) is False
    assert r.rt.error.code == Err.AUTH_REFUSED
    assert srv.messages == []


def test_refresh_and_retry_after_an_xoauth2_refusal(auth_server, browser, run, smtp_server,
                                                    tmp_path, oauth_clock):
    server = auth_server(expires_in=1)
    srv = _smtp(smtp_server, server)
    r = run()
    token = r.call("AuthIdentify", make_params(server))
    session = _session(srv, token)
    oauth_clock.advance(1.1)               # the token the session holds really expires
    assert not server.check_access_token(session.auth_token.value)
    _send(r, session)
    attempts = [(a.form, a.success) for c in srv.connections for a in c.auth_attempts]
    assert attempts == [("inline", False), ("inline", True)]
    assert server.token_requests == ["authorization_code", "refresh_token"]
    assert server.check_access_token(session.auth_token.value)
    assert len(srv.messages) == 1
    assert browser.calls(1) == ["follow 200"]   # no second sign-in
    # The refreshed token went to the store, for the next run.
    (stored,) = token_files(tmp_path)
    assert json.loads(stored.read_text())["access_token"] == session.auth_token.value


def test_refresh_refused_reports_the_smtp_refusal(auth_server, browser, run, smtp_server,
                                                 oauth_clock):
    from wlmail.runtime.errors import Err

    server = auth_server(expires_in=1)
    srv = _smtp(smtp_server, server)
    r = run()
    token = r.call("AuthIdentify", make_params(server))
    session = _session(srv, token)
    oauth_clock.advance(1.1)
    server.refresh.clear()
    assert r.call("EmailStartSession", session) is False
    assert r.rt.error.code == Err.AUTH_REFUSED
    assert "could not be refreshed" in r.rt.error.message
    assert srv.messages == []
