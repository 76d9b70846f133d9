"""wlmail against Postfix 3.7 authenticating through Dovecot SASL, the set-up issue 11
was found on: a private Dovecot (tests/dovecot_server.py, `sasl_for_postfix`) whose
auth-client socket a private Postfix (tests/postfix_server.py, `sasl_path`) uses.

The user HASHED_USER has only a SHA512-CRYPT hash: Dovecot offers CRAM-MD5 and cannot
check it for that user. Every check of a password here is Dovecot's own."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from dovecot_server import HASHED_PASSWORD, HASHED_USER, PASSWORD, USER
from mails import simple_mail
from wlmail.runtime.errors import Err


@pytest.fixture(scope="module")
def sasl_postfix(smtp_ca: Any) -> Iterator[Any]:
    """Dovecot as the SASL server of a private Postfix; a machine without them (or not
    root) fails the test with what to install, never skips it."""
    from dovecot_server import DovecotMissing, DovecotServer
    from postfix_server import PostfixMissing, PostfixServer
    dovecot = DovecotServer(ca=smtp_ca, sasl_for_postfix=True)
    try:
        dovecot.start()
    except DovecotMissing as exc:
        pytest.fail(f"the tests against Postfix with Dovecot SASL cannot run: {exc}",
                    pytrace=False)
    postfix = PostfixServer(ca=smtp_ca, sasl_path=dovecot.sasl_socket)
    try:
        postfix.start()
    except PostfixMissing as exc:
        dovecot.stop()
        pytest.fail(f"the tests against Postfix with Dovecot SASL cannot run: {exc}",
                    pytrace=False)
    yield postfix
    postfix.stop()
    dovecot.stop()


def _at(postfix: Any, port: int) -> SimpleNamespace:
    return SimpleNamespace(host=postfix.host, port=port, tls="none")


def _with_subject(postfix: Any, subject: str, count: int = 1) -> list[Any]:
    deadline = time.monotonic() + 10
    while True:
        found = [m for m in postfix.messages() if m["Subject"] == subject]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _log_lines(postfix: Any, pattern: str, at_least: int = 1) -> list[str]:
    """Postfix's log lines matching `pattern`, waiting a little: it logs a disconnect
    just after the client has gone."""
    deadline = time.monotonic() + 5
    while True:
        lines = [ln for ln in postfix.log().splitlines() if re.search(pattern, ln)]
        if len(lines) >= at_least or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def _auth_lines(details: str) -> list[str]:
    return [ln.strip() for ln in details.splitlines() if ln.strip().startswith("C: AUTH")]


@pytest.mark.parametrize("option,port", [("starttls", "tls_port"),
                                         ("implicit", "implicit_port")])
def test_plain_checked_by_dovecot_and_the_message_arrives(run, sasl_postfix, smtp_tls_env,
                                                          option, port):
    r = run(trace_smtp=True)
    s = r.session(_at(sasl_postfix, getattr(sasl_postfix, port)), option=option,
                  name=HASHED_USER, password=HASHED_PASSWORD)
    assert r.start(s), r.error
    subject = f"plain over {option}"
    assert r.send(s, simple_mail(subject=subject)), r.error
    r.close()
    trace = r.stderr.getvalue()
    # Offered, and not tried: over TLS PLAIN comes first and works whatever the hash.
    assert "CRAM-MD5" in trace
    assert [ln.split("] ", 1)[1] for ln in trace.splitlines() if "] C: AUTH" in ln] == \
        ["C: AUTH PLAIN ***"]
    assert HASHED_PASSWORD not in trace
    assert len(_with_subject(sasl_postfix, subject)) == 1
    assert _log_lines(sasl_postfix, rf"sasl_method=PLAIN, sasl_username={re.escape(HASHED_USER)}")


@pytest.mark.parametrize("option,port", [("starttls", "login_port"),
                                         ("implicit", "login_implicit_port")])
def test_login_when_postfix_offers_only_login(run, sasl_postfix, smtp_tls_env, option, port):
    r = run(trace_smtp=True)
    s = r.session(_at(sasl_postfix, getattr(sasl_postfix, port)), option=option,
                  name=USER, password=PASSWORD)
    assert r.start(s), r.error
    subject = f"login over {option}"
    assert r.send(s, simple_mail(subject=subject)), r.error
    r.close()
    trace = r.stderr.getvalue()
    assert [ln.split("] ", 1)[1] for ln in trace.splitlines() if "] C: AUTH" in ln] == \
        ["C: AUTH LOGIN ***"], trace
    assert PASSWORD not in trace
    assert len(_with_subject(sasl_postfix, subject)) == 1
    assert _log_lines(sasl_postfix, rf"sasl_method=LOGIN, sasl_username={re.escape(USER)}\b")


def test_a_wrong_password_is_2007_tried_once_and_the_session_says_quit(run, sasl_postfix,
                                                                       smtp_tls_env):
    before = len(_log_lines(sasl_postfix, "authentication failed", at_least=0))
    r = run()
    s = r.session(_at(sasl_postfix, sasl_postfix.tls_port), option="starttls",
                  name=HASHED_USER, password="not-the-password")
    assert r.start(s) is False
    assert r.code == Err.AUTH_REFUSED == 2007
    assert "refused the user name or password" in r.error and "AUTH PLAIN" in r.error
    assert "535" in r.error
    # One attempt: PLAIN's 535 is the verdict on the password; LOGIN and CRAM-MD5, also
    # offered, would only send the refused password again.
    assert _auth_lines(r.details) == ["C: AUTH PLAIN ***"], r.details
    assert "not-the-password" not in r.details + r.error
    failed = _log_lines(sasl_postfix, "authentication failed", at_least=before + 1)
    assert len(failed) == before + 1, failed
    # QUIT after the failed start: Postfix counts it and never logs a lost connection.
    lines = _log_lines(sasl_postfix, r"disconnect from .* auth=0/1")
    assert lines and all("quit=1" in ln for ln in lines), lines
    assert "lost connection after AUTH" not in sasl_postfix.log()


def test_in_clear_cram_md5_refused_for_a_hashed_password_says_what_to_do(run, sasl_postfix):
    # In clear CRAM-MD5 is preferred (it does not send the password). Dovecot cannot
    # check it for a user it keeps only a hash of, and Postfix answers 535, the same as
    # for a wrong password: wlmail does not send the password again in clear, and says
    # that TLS (where PLAIN is used) is the way out.
    r = run()
    s = r.session(_at(sasl_postfix, sasl_postfix.clear_auth_port), name=HASHED_USER,
                  password=HASHED_PASSWORD)
    assert r.start(s) is False
    assert r.code == Err.AUTH_REFUSED
    assert _auth_lines(r.details) == ["C: AUTH CRAM-MD5"], r.details
    assert "CRAM-MD5" in r.error and "emailOptionSecuredTLS" in r.error, r.error
    lines = _log_lines(sasl_postfix, r"disconnect from .* auth=0/1")
    assert lines and all("quit=1" in ln for ln in lines), lines


def test_the_idle_session_postfix_dropped_is_reopened_with_tls_and_auth(run, sasl_postfix,
                                                                        smtp_tls_env):
    r = run()
    s = r.session(_at(sasl_postfix, sasl_postfix.idle_tls_port), option="starttls",
                  name=HASHED_USER, password=HASHED_PASSWORD)
    counted = r"disconnect from .*starttls=1 auth=1 mail=1"
    connections = len(_log_lines(sasl_postfix, counted, at_least=0))
    assert r.start(s), r.error
    assert r.send(s, simple_mail(subject="sasl before the idle drop")), r.error
    before = len(_log_lines(sasl_postfix, "timeout after", at_least=0))
    # Postfix's smtpd_timeout passes: "421 4.4.2 ... Error: timeout exceeded", then close.
    assert _wait_timeout(sasl_postfix, before)
    assert r.send(s, simple_mail(subject="sasl after the idle drop")), r.error
    r.close()
    assert len(_with_subject(sasl_postfix, "sasl before the idle drop")) == 1
    assert len(_with_subject(sasl_postfix, "sasl after the idle drop")) == 1
    # The second connection started TLS and authenticated again.
    assert len(_log_lines(sasl_postfix, counted, at_least=connections + 2)) == connections + 2


def _wait_timeout(postfix: Any, before: int) -> bool:
    deadline = time.monotonic() + postfix.idle_timeout + 5
    while time.monotonic() < deadline:
        if len([ln for ln in postfix.log().splitlines() if "timeout after" in ln]) > before:
            return True
        time.sleep(0.1)
    return False
