"""Sessions over plain TCP, STARTTLS and implicit TLS, with AUTH PLAIN, LOGIN and XOAUTH2,
against real aiosmtpd servers on 127.0.0.1 (TLS certificates from trustme)."""
from __future__ import annotations

import base64

import pytest

from mails import simple_mail
from smtp_servers import PASSWORD, USER, XOAUTH2_TOKEN
from wlmail.email import functions as F
from wlmail.email.state import EmailState
from wlmail.oauth.types import AuthToken


def _token(value: str = XOAUTH2_TOKEN, refresh: str = "") -> AuthToken:
    t = AuthToken()
    t.value = value
    t.refresh_token = refresh
    return t


@pytest.mark.parametrize("fixture", ["smtp_plain", "smtp_starttls", "smtp_implicit"])
def test_send_over_each_transport(request, run, fixture):
    srv = request.getfixturevalue(fixture)
    r = run()
    s = r.session(srv)
    assert r.start(s), r.error
    assert r.send(s, simple_mail()), r.error
    F.email_close_session(r.rt, s)
    (msg,) = srv.messages
    assert msg.tls == srv.tls
    assert msg.mail_from == "ann@example.com"
    assert msg.rcpt_tos == ["bob@example.org"]
    assert msg.message["Subject"] == "Hello"
    assert srv.connections[-1].quit


def test_plain_session_never_upgrades_even_when_starttls_is_offered(run, smtp_starttls):
    r = run()
    s = r.session(smtp_starttls, option="none")
    assert r.start(s), r.error
    assert r.send(s, simple_mail()), r.error
    assert smtp_starttls.messages[0].tls == "none"
    assert "STARTTLS" not in smtp_starttls.connections[-1].commands


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_auth_with_password_over_starttls(run, smtp_server, mechanism):
    srv = smtp_server(tls="starttls", auth_mechanisms=(mechanism,),
                      authenticator=lambda mech, user, pw: (user, pw) == (USER, PASSWORD))
    r = run()
    s = r.session(srv, name=USER, password=PASSWORD)
    assert r.start(s), r.error
    assert r.send(s, simple_mail(sender=USER)), r.error
    (msg,) = srv.messages
    assert (msg.auth_mechanism, msg.auth_user, msg.tls) == (mechanism, USER, "starttls")


def test_auth_over_implicit_tls(run, smtp_implicit_auth):
    r = run()
    s = r.session(smtp_implicit_auth, name=USER, password=PASSWORD)
    assert r.start(s), r.error
    assert r.send(s, simple_mail()), r.error
    assert smtp_implicit_auth.messages[0].auth_user == USER


def test_plain_auth_over_plain_session_is_allowed(run, smtp_auth):
    r = run()
    s = r.session(smtp_auth, name=USER, password=PASSWORD)
    assert r.start(s), r.error
    assert smtp_auth.connections[-1].auth_mechanism in ("PLAIN", "LOGIN")


def test_empty_name_sends_no_auth(run, smtp_auth):
    r = run()
    s = r.session(smtp_auth)
    assert r.start(s), r.error
    assert r.send(s, simple_mail()), r.error
    assert smtp_auth.connections[-1].auth_attempts == []
    assert "AUTH" not in smtp_auth.connections[-1].commands


def test_xoauth2_inline(run, smtp_xoauth2):
    r = run()
    s = r.session(smtp_xoauth2, name=USER, password="ignored", token=_token())
    assert r.start(s), r.error
    assert r.send(s, simple_mail(sender=USER)), r.error
    (attempt,) = smtp_xoauth2.connections[-1].auth_attempts
    assert (attempt.mechanism, attempt.user, attempt.form, attempt.success) == \
        ("XOAUTH2", USER, "inline", True)


def test_xoauth2_two_step_when_the_line_would_be_too_long(run, smtp_server):
    long_token = "ya29." + "x" * 2000   # Microsoft-sized
    srv = smtp_server(tls="starttls", auth_mechanisms=("XOAUTH2",),
                      xoauth2_validator=lambda user, token: token == long_token)
    r = run()
    s = r.session(srv, name=USER, token=_token(long_token))
    assert r.start(s), r.error
    (attempt,) = srv.connections[-1].auth_attempts
    assert (attempt.form, attempt.success) == ("two-step", True)


def test_xoauth2_refused_answers_the_error_continuation(run, smtp_xoauth2):
    r = run()
    s = r.session(smtp_xoauth2, name=USER, token=_token("ya29.expired"))
    assert r.start(s) is False
    assert r.code == 2007
    assert "refused the access token" in r.error and "535" in r.error
    assert "ya29.expired" not in r.all_output()
    # the client sent an empty line after the 334 error challenge, then got the 535
    assert "C: ***" in r.details and "S: 535" in r.details


def test_xoauth2_refused_then_refreshed_and_retried(run, smtp_xoauth2, monkeypatch):
    calls = []

    def refresh(rt, token):
        calls.append(token.refresh_token)
        token.value = XOAUTH2_TOKEN
        return True

    import wlmail.oauth
    monkeypatch.setattr(wlmail.oauth, "refresh_for_smtp", refresh)
    r = run()
    s = r.session(smtp_xoauth2, name=USER, token=_token("ya29.expired", refresh="rt-1"))
    assert r.start(s), r.error
    assert calls == ["rt-1"]
    attempts = [a.success for c in smtp_xoauth2.connections for a in c.auth_attempts]
    assert attempts == [False, True]


def test_xoauth2_refresh_impossible_fails_with_the_server_words(run, smtp_xoauth2, monkeypatch):
    import wlmail.oauth
    monkeypatch.setattr(wlmail.oauth, "refresh_for_smtp", lambda rt, token: False)
    r = run()
    s = r.session(smtp_xoauth2, name=USER, token=_token("ya29.expired", refresh="rt-1"))
    assert r.start(s) is False
    assert "could not be refreshed" in r.error and "535" in r.error
    assert "rt-1" not in r.all_output() and "ya29.expired" not in r.all_output()


def test_xoauth2_blob_is_the_sasl_format(run, smtp_server):
    seen = []

    def validator(user, token):
        seen.append((user, token))
        return True
    srv = smtp_server(tls="starttls", auth_mechanisms=("XOAUTH2",), xoauth2_validator=validator)
    r = run()
    assert r.start(r.session(srv, name=USER, token=_token())), r.error
    assert seen == [(USER, XOAUTH2_TOKEN)]
    # and the line the client built is the documented one
    blob = base64.b64encode(f"user={USER}\x01auth=Bearer {XOAUTH2_TOKEN}\x01\x01".encode())
    assert len(b"AUTH XOAUTH2 " + blob) < 512


def test_restarting_a_started_session_closes_the_first_connection(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s) and r.start(s)
    assert smtp_plain.connections[0].quit
    assert r.send(s, simple_mail()), r.error


def test_session_reopens_after_the_server_dropped_it(run, smtp_421):
    r = run()
    s = r.session(smtp_421)
    assert r.start(s)
    assert r.send(s, simple_mail()) is False        # 421 closes the connection
    assert r.send(s, simple_mail()) is False        # reopened, refused again (not "not started")
    assert r.code == 2012
    assert len(smtp_421.connections) == 2


def test_close_twice_and_close_unknown_name_are_harmless(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    assert F.email_close_session(r.rt, s) is True
    assert F.email_close_session(r.rt, s) is True
    assert F.email_close_session(r.rt, "nobody-started-this") is True
    assert r.rt.error.occurred is False


def test_sessions_left_open_are_closed_with_quit_at_the_end(run, smtp_plain):
    r = run()
    assert r.start(r.session(smtp_plain))
    r.close()
    assert smtp_plain.connections[-1].quit


def test_smtp_server_option_redirects_with_the_script_security(run, smtp_starttls):
    r = run(smtp_server=f"{smtp_starttls.host}:{smtp_starttls.port}")
    s = r.session(smtp_starttls, host="smtp.invalid", option="starttls")
    s.port = 587
    assert r.start(s), r.error
    assert r.send(s, simple_mail()), r.error
    assert smtp_starttls.messages[0].tls == "starttls"
    assert "instead of smtp.invalid:587" in r.details or "smtp.invalid:587" in \
        EmailState.of(r.rt).open_connections[0].details()


def test_timeout_setting_applies_to_sessions_started_after(run, smtp_server):
    srv = smtp_server(delays={"EHLO": 3})
    r = run()
    F.email_set_timeout(r.rt, 1)
    assert r.start(r.session(srv)) is False
    assert r.code == 2003 and "within 1 s" in r.error
