"""Every failure is non-fatal: False, ErrorOccurred, plain words with the server's reply,
error numbers from wlmail.runtime.errors, and never a secret or a traceback."""
from __future__ import annotations

import socket

import pytest
import trustme

from mails import simple_mail
from smtp_servers import PASSWORD, USER
from wlmail.email import functions as F
from wlmail.runtime.errors import Err


def _no_secret(r) -> None:
    out = r.all_output()
    assert PASSWORD not in out
    assert "Traceback" not in out


def test_connection_refused(run):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()                      # nothing listens there any more
    r = run()
    from wlmail.email.types import EmailSMTPSession
    sess = EmailSMTPSession()
    sess.server_address, sess.port = "127.0.0.1", port
    sess.name, sess.password = USER, PASSWORD
    assert r.start(sess) is False
    assert r.rt.error.occurred
    assert r.code == Err.CONNECTION_REFUSED
    assert "refused the connection" in r.error and str(port) in r.error
    _no_secret(r)


def test_dns_failure_without_a_real_query(run, monkeypatch):
    asked = []
    real = socket.getaddrinfo

    def fake_getaddrinfo(host, *args, **kwargs):
        if host == "smtp.does-not-exist.example":
            asked.append(host)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    from wlmail.email.types import EmailSMTPSession
    sess = EmailSMTPSession()
    sess.server_address, sess.port = "smtp.does-not-exist.example", 587
    r = run()
    assert r.start(sess) is False
    assert asked == ["smtp.does-not-exist.example"]
    assert r.code == Err.DNS_FAILURE
    assert 'server name "smtp.does-not-exist.example" cannot be resolved' in r.error


def test_timeout_waiting_for_the_greeting(run, smtp_server):
    srv = smtp_server(delays={"GREETING": 5})
    r = run()
    F.email_set_timeout(r.rt, 0.5)
    assert r.start(r.session(srv)) is False
    assert r.code == Err.TIMEOUT
    assert "did not answer within 0.5 s" in r.error


def test_timeout_waiting_for_the_final_reply(run, smtp_slow):
    r = run()
    F.email_set_timeout(r.rt, 0.5)
    s = r.session(smtp_slow)
    assert r.start(s)
    assert r.send(s, simple_mail()) is False
    assert r.code == Err.TIMEOUT
    assert "did not confirm the message" in r.error


def test_certificate_not_trusted(run, smtp_server):
    srv = smtp_server(tls="implicit", ca=trustme.CA())     # a CA nobody trusts
    r = run()
    assert r.start(r.session(srv, name=USER, password=PASSWORD)) is False
    assert r.code == Err.CERTIFICATE
    assert "certificate" in r.error and "not accepted" in r.error
    assert all(not c.auth_attempts for c in srv.connections)
    _no_secret(r)


def test_certificate_not_trusted_after_starttls(run, smtp_server):
    srv = smtp_server(tls="starttls", ca=trustme.CA())
    r = run()
    assert r.start(r.session(srv, name=USER, password=PASSWORD)) is False
    assert r.code == Err.CERTIFICATE
    assert all(not c.auth_attempts for c in srv.connections)


def test_tls_handshake_failure_on_a_plain_port(run, smtp_plain):
    r = run()
    F.email_set_timeout(r.rt, 2)
    s = r.session(smtp_plain, option="implicit")
    assert r.start(s) is False
    assert r.code == Err.TLS_FAILURE, r.error
    assert "TLS handshake" in r.error and "optionSSL is for port 465" in r.error


def test_starttls_required_but_not_offered_sends_nothing_in_clear(run, smtp_no_starttls):
    r = run()
    s = r.session(smtp_no_starttls, option="starttls", name=USER, password=PASSWORD)
    assert r.start(s) is False
    assert r.code == Err.STARTTLS_NOT_OFFERED
    assert "does not offer STARTTLS" in r.error and "emailOptionSecuredTLS" in r.error
    conn = smtp_no_starttls.connections[-1]
    assert conn.auth_attempts == [] and "AUTH" not in conn.commands and "MAIL" not in conn.commands
    _no_secret(r)


def test_auth_refused_shows_the_server_reply_not_the_password(run, smtp_starttls_auth):
    r = run()
    s = r.session(smtp_starttls_auth, name=USER, password="wrong-" + PASSWORD)
    assert r.start(s) is False
    assert r.code == Err.AUTH_REFUSED
    assert "535" in r.error and USER in r.error
    assert "AUTH PLAIN ***" in r.details or "AUTH LOGIN ***" in r.details
    assert "wrong-" not in r.all_output()
    # one attempt, not one per mechanism (no lock-out on the first typo)
    assert len(smtp_starttls_auth.connections[-1].auth_attempts) == 1


def test_name_set_but_no_auth_offered(run, smtp_no_auth):
    r = run()
    s = r.session(smtp_no_auth, name=USER, password=PASSWORD)
    assert r.start(s) is False
    assert r.code == Err.AUTH_NOT_OFFERED
    assert "offers no authentication" in r.error and "leave Name empty" in r.error
    _no_secret(r)


def test_some_recipients_refused_others_delivered(run, smtp_refuse_some):
    r = run()
    s = r.session(smtp_refuse_some)
    assert r.start(s)
    m = simple_mail(["bob@example.org", "nobody1@example.org", "carol@example.org"])
    assert r.send(s, m) is False
    assert r.code == Err.RECIPIENTS_REFUSED
    assert "refused 1 of 3 recipients" in r.error
    assert "nobody1@example.org (550 5.1.1" in r.error
    (msg,) = smtp_refuse_some.messages
    assert msg.rcpt_tos == ["bob@example.org", "carol@example.org"]


def test_all_recipients_refused_nothing_sent(run, smtp_refuse_all):
    r = run()
    s = r.session(smtp_refuse_all)
    assert r.start(s)
    assert r.send(s, simple_mail(["a@example.org", "b@example.org"])) is False
    assert r.code == Err.RECIPIENTS_REFUSED
    assert "refused every recipient" in r.error and "a@example.org" in r.error
    assert smtp_refuse_all.messages == []
    # the session is still usable after RSET
    assert "RSET" in smtp_refuse_all.connections[-1].commands


def test_message_too_big_by_the_server_reply(run, smtp_too_big):
    r = run()
    s = r.session(smtp_too_big)
    assert r.start(s)
    assert r.send(s, simple_mail()) is False
    assert r.code == Err.MESSAGE_TOO_BIG
    assert "552 5.3.4" in r.error


def test_message_too_big_by_the_advertised_size(run, smtp_server, tmp_path):
    srv = smtp_server(data_size_limit=10_000)
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * 20_000)
    r = run()
    s = r.session(srv)
    assert r.start(s)
    m = simple_mail()
    assert F.email_load_attachment(r.rt, m, str(big))
    assert r.send(s, m) is False
    assert r.code == Err.MESSAGE_TOO_BIG
    assert "at most 10000 bytes" in r.error
    assert "MAIL" not in srv.connections[-1].commands


def test_disconnect_before_the_final_dot(run, smtp_drop_before_dot):
    r = run()
    s = r.session(smtp_drop_before_dot, option="none")
    assert r.start(s)
    assert r.send(s, simple_mail(message="line\r\n" * 2000)) is False
    assert r.code == Err.DISCONNECTED
    assert "closed the connection while the message was being sent" in r.error
    assert "not delivered" in r.error
    assert "DATA" in smtp_drop_before_dot.commands


def test_421_on_the_final_dot(run, smtp_421):
    r = run()
    s = r.session(smtp_421)
    assert r.start(s)
    assert r.send(s, simple_mail()) is False
    assert r.code == Err.DISCONNECTED and "421 4.3.2" in r.error


def test_421_greeting(run, smtp_421_greeting):
    r = run()
    assert r.start(r.session(smtp_421_greeting)) is False
    assert "421" in r.error


def test_sending_on_a_session_not_started(run):
    from wlmail.email.types import EmailSMTPSession
    r = run()
    s = EmailSMTPSession()
    s.server_address = "smtp.example.com"
    assert r.send(s, simple_mail()) is False
    assert r.code == Err.SESSION_NOT_STARTED
    assert "not started" in r.error and "smtp.example.com" in r.error


def test_sending_on_an_unknown_session_name(run):
    r = run()
    assert r.send("somebody@example.com", simple_mail()) is False
    assert r.code == Err.SESSION_NOT_STARTED
    assert '"somebody@example.com" is not started' in r.error


def test_no_recipient(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    m = simple_mail()
    m.recipient.items.clear()
    assert r.send(s, m) is False
    assert r.code == Err.NO_RECIPIENT and "no recipient" in r.error
    assert "MAIL" not in smtp_plain.connections[-1].commands


def test_failure_after_success_resets_error_state_only_on_entry(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    assert r.send(s, simple_mail(sender="not an address")) is False
    assert r.code == Err.BAD_ADDRESS
    assert smtp_plain.messages == []


def test_bad_option_constant_is_fatal():
    from wlmail.email.types import EmailSMTPSession
    from wlmail.runtime.errors import WLFatal
    s = EmailSMTPSession()
    with pytest.raises(WLFatal):
        s.set_option(7)


def test_unknown_send_option_is_fatal(run, smtp_plain):
    from wlmail.runtime.errors import WLFatal
    r = run()
    s = r.session(smtp_plain)
    with pytest.raises(WLFatal) as e:
        r.send(s, simple_mail(), 4096)
    assert e.value.code == Err.BAD_OPTION


def test_empty_server_address(run):
    from wlmail.email.types import EmailSMTPSession
    r = run()
    assert r.start(EmailSMTPSession()) is False
    assert "no ServerAddress" in r.error
