"""The loopback SMTP servers of tests/smtp_servers.py behave as documented (aiosmtplib clients)."""
from __future__ import annotations

import asyncio
import base64
import json
import ssl
import time
from email.message import EmailMessage

import aiosmtplib
import pytest

from smtp_servers import PASSWORD, USER, XOAUTH2_TOKEN


def _message(to: str = "bob@example.org", subject: str = "Hello") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = USER
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content("line 1\n.line starting with a dot\n" + "x" * 60 + "\n")
    return msg


def _client(srv, **kw) -> aiosmtplib.SMTP:
    kw.setdefault("start_tls", False)
    kw.setdefault("timeout", 5)
    return aiosmtplib.SMTP(hostname=srv.host, port=srv.port, **kw)


def run(coro):
    return asyncio.run(coro)


def _xoauth2_blob(user: str, token: str) -> str:
    return base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode()


def test_plain_server_records_envelope_and_raw_bytes(smtp_plain):
    async def go():
        async with _client(smtp_plain) as c:
            return await c.sendmail(USER, ["bob@example.org", "eve@example.org"],
                                    _message().as_bytes())
    refused, _ = run(go())
    assert refused == {}
    (got,) = smtp_plain.messages
    assert got.mail_from == USER
    assert got.rcpt_tos == ["bob@example.org", "eve@example.org"]
    assert got.tls == "none" and got.auth == "none"
    assert b"\r\n.line starting with a dot\r\n" in got.data      # dot unstuffed, CRLF kept
    assert got.message["Subject"] == "Hello"
    conn = smtp_plain.connections[-1]
    assert conn.commands == ["EHLO", "MAIL", "RCPT", "RCPT", "DATA", "QUIT"] and conn.quit


def test_starttls_server_hides_auth_until_tls_and_is_trusted_through_ssl_cert_file(smtp_starttls_auth):
    async def go():
        c = _client(smtp_starttls_auth, start_tls=None)   # default context: SSL_CERT_FILE
        await c.connect()
        assert c.get_transport_info("sslcontext") is not None   # upgraded by default
        await c.ehlo()
        assert c.supports_extension("auth")
        await c.login(USER, PASSWORD)
        await c.send_message(_message())
        await c.quit()
    run(go())
    (got,) = smtp_starttls_auth.messages
    assert (got.tls, got.auth_mechanism, got.auth_user) == ("starttls", "PLAIN", USER)
    conn = smtp_starttls_auth.connections[-1]
    assert conn.commands[:3] == ["EHLO", "STARTTLS", "EHLO"]

    async def plain_view():
        c = _client(smtp_starttls_auth)
        await c.connect()
        await c.ehlo()
        offers = (c.supports_extension("starttls"), c.supports_extension("auth"))
        await c.quit()
        return offers
    assert run(plain_view()) == (True, False)


def test_implicit_tls_and_login_mechanism(smtp_implicit_auth):
    async def go():
        c = _client(smtp_implicit_auth, use_tls=True)
        await c.connect()
        await c.ehlo()
        await c.auth_login(USER, PASSWORD)
        await c.send_message(_message())
        await c.quit()
    run(go())
    (got,) = smtp_implicit_auth.messages
    assert (got.tls, got.auth) == ("implicit", f"LOGIN {USER}")


def test_wrong_password_refused_and_never_recorded(smtp_auth):
    async def go():
        c = _client(smtp_auth)
        await c.connect()
        await c.ehlo()
        with pytest.raises(aiosmtplib.SMTPAuthenticationError) as err:
            await c.auth_plain(USER, "wrong-" + PASSWORD)
        await c.quit()
        return err.value.code
    assert run(go()) == 535
    attempt = smtp_auth.connections[-1].auth_attempts[-1]
    assert (attempt.mechanism, attempt.user, attempt.success) == ("PLAIN", USER, False)
    assert PASSWORD not in repr(smtp_auth.connections)


def test_xoauth2_inline_and_two_step_with_a_long_token(smtp_server):
    long_token = "t" * 2500       # Microsoft-sized: the inline form would exceed 512 bytes
    srv = smtp_server(tls="starttls", auth_mechanisms=("XOAUTH2",),
                      xoauth2_validator=lambda user, token: token in (XOAUTH2_TOKEN, long_token))

    async def go():
        c = _client(srv, start_tls=True)
        await c.connect()
        await c.ehlo()
        reply = await c.execute_command(b"AUTH", b"XOAUTH2", _xoauth2_blob(USER, long_token).encode())
        assert reply.code == 235
        await c.quit()
        c = _client(srv, start_tls=True)
        await c.connect()
        await c.ehlo()
        first = await c.execute_command(b"AUTH", b"XOAUTH2")
        assert first.code == 334 and first.message == ""
        second = await c.execute_command(_xoauth2_blob(USER, XOAUTH2_TOKEN).encode())
        assert second.code == 235
        await c.send_message(_message())
        await c.quit()
    run(go())
    forms = [(a.form, a.success) for c in srv.connections for a in c.auth_attempts]
    assert forms == [("inline", True), ("two-step", True)]
    assert srv.messages[0].auth == f"XOAUTH2 {USER}"
    assert XOAUTH2_TOKEN not in repr(srv.connections) + repr(srv.messages)


def test_xoauth2_refusal_uses_googles_error_continuation(smtp_xoauth2):
    async def go():
        c = _client(smtp_xoauth2, start_tls=True)
        await c.connect()
        await c.ehlo()
        reply = await c.execute_command(b"AUTH", b"XOAUTH2", _xoauth2_blob(USER, "forged").encode())
        assert reply.code == 334
        assert json.loads(base64.b64decode(reply.message))["status"] == "401"
        final = await c.execute_command(b"")
        await c.quit()
        return final.code
    assert run(go()) == 535
    assert smtp_xoauth2.connections[-1].auth_attempts[-1].success is False


def test_aiosmtplib_builtin_xoauth2_against_the_default_validator(smtp_xoauth2):
    async def token() -> str:
        return XOAUTH2_TOKEN

    async def go():
        async with _client(smtp_xoauth2, start_tls=True, username=USER,
                           oauth_token_generator=token) as c:
            await c.send_message(_message())
    run(go())
    assert smtp_xoauth2.messages[0].auth_mechanism == "XOAUTH2"


def test_refuse_some_recipients(smtp_refuse_some):
    async def go():
        async with _client(smtp_refuse_some) as c:
            return await c.sendmail(USER, ["bob@example.org", "nobody@example.org"],
                                    _message().as_bytes())
    refused, _ = run(go())
    assert list(refused) == ["nobody@example.org"] and refused["nobody@example.org"].code == 550
    assert smtp_refuse_some.messages[0].rcpt_tos == ["bob@example.org"]


def test_refuse_all_recipients(smtp_refuse_all):
    async def go():
        async with _client(smtp_refuse_all) as c:
            await c.sendmail(USER, ["bob@example.org"], _message().as_bytes())
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused):
        run(go())
    assert smtp_refuse_all.messages == []


def test_too_big_is_refused_after_the_data(smtp_too_big):
    async def go():
        async with _client(smtp_too_big) as c:
            await c.send_message(_message())
    with pytest.raises(aiosmtplib.SMTPDataError) as err:
        run(go())
    assert err.value.code == 552
    assert smtp_too_big.messages == [] and len(smtp_too_big.rejected) == 1


def test_421_closes_the_connection(smtp_421):
    async def go():
        c = _client(smtp_421)
        await c.connect()
        with pytest.raises(aiosmtplib.SMTPDataError) as err:
            await c.send_message(_message())
        assert err.value.code == 421
        with pytest.raises(aiosmtplib.SMTPServerDisconnected):
            await c.noop()
    run(go())


def test_421_greeting(smtp_421_greeting):
    async def go():
        await _client(smtp_421_greeting).connect()
    with pytest.raises(aiosmtplib.SMTPConnectResponseError) as err:
        run(go())
    assert err.value.code == 421


def test_slow_server_times_out_the_client(smtp_slow):
    async def go():
        c = _client(smtp_slow, timeout=0.5)
        await c.connect()
        await c.send_message(_message())
    started = time.monotonic()
    with pytest.raises(aiosmtplib.SMTPTimeoutError):
        run(go())
    assert time.monotonic() - started < 5


def test_drop_before_the_final_dot(smtp_drop_before_dot):
    async def go():
        c = aiosmtplib.SMTP(hostname=smtp_drop_before_dot.host, port=smtp_drop_before_dot.port,
                            timeout=5, start_tls=False)
        await c.connect()
        await c.send_message(_message())
    with pytest.raises(aiosmtplib.SMTPServerDisconnected):
        run(go())
    assert smtp_drop_before_dot.commands[-1] == "DATA"
    assert smtp_drop_before_dot.data_received.startswith(b"From: ")


def test_no_starttls_and_no_auth_servers(smtp_no_starttls, smtp_no_auth):
    async def go():
        with pytest.raises(aiosmtplib.SMTPException):
            await _client(smtp_no_starttls, start_tls=True).connect()
        c = _client(smtp_no_auth)
        await c.connect()
        offers = c.supports_extension("auth")
        await c.quit()
        return offers
    assert run(go()) is False


def test_a_client_that_trusts_only_the_system_store_rejects_the_test_ca(smtp_server, monkeypatch):
    srv = smtp_server(tls="implicit")
    monkeypatch.delenv("SSL_CERT_FILE")
    empty = ssl.create_default_context(cafile=None)
    empty.load_verify_locations(cadata=_unrelated_ca_pem())

    async def go():
        await _client(srv, use_tls=True, tls_context=empty).connect()
    with pytest.raises(aiosmtplib.SMTPConnectError):
        run(go())


def _unrelated_ca_pem() -> str:
    import trustme
    return trustme.CA().cert_pem.bytes().decode()
