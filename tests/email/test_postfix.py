"""wlmail against a real Postfix (tests/postfix_server.py): delivery to its Maildir, its
idle time-out, its size limit, a recipient it refuses, and QUIT as its log counts it."""
from __future__ import annotations

import re
import time
from types import SimpleNamespace
from typing import Any

from mails import simple_mail
from postfix_server import REFUSED, SIZE_LIMIT
from wlmail.runtime.errors import Err


def _endpoint(postfix: Any, idle: bool = False) -> SimpleNamespace:
    return SimpleNamespace(host=postfix.host, port=postfix.idle_port if idle else postfix.port,
                           tls="none")


def _with_subject(postfix: Any, subject: str, count: int = 1) -> list[Any]:
    deadline = time.monotonic() + 10
    while True:
        found = [m for m in postfix.messages() if m["Subject"] == subject]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _disconnect_lines(postfix: Any, port_hint: str = "") -> list[str]:
    return [line for line in postfix.log().splitlines() if "disconnect from" in line]


def test_a_message_reaches_the_maildir_and_the_session_says_quit(run, postfix):
    r = run()
    s = r.session(_endpoint(postfix))
    assert r.start(s), r.error
    mail = simple_mail(subject="to the maildir", message="Bonjour Bob,\r\nça va ?")
    assert r.send(s, mail), r.error
    r.close()
    got = _with_subject(postfix, "to the maildir")
    assert len(got) == 1
    assert "ça va" in got[0].get_content()
    assert got[0]["Message-ID"]           # ours: this Postfix adds none for the client
    # The connection ended with QUIT (Postfix counts it at disconnect).
    assert any("mail=1" in line and "quit=1" in line for line in _disconnect_lines(postfix))


def test_the_idle_session_postfix_dropped_is_reopened_and_nothing_is_lost(run, postfix):
    r = run()
    s = r.session(_endpoint(postfix, idle=True))
    assert r.start(s), r.error
    assert r.send(s, simple_mail(subject="before the idle drop")), r.error
    # Postfix's smtpd_timeout passes: it sends "421 4.4.2 ... timeout exceeded" and closes.
    deadline = time.monotonic() + postfix.idle_timeout + 5
    while "timeout after" not in postfix.log() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "timeout after" in postfix.log()
    assert r.send(s, simple_mail(subject="after the idle drop")), r.error
    assert len(_with_subject(postfix, "before the idle drop")) == 1
    assert len(_with_subject(postfix, "after the idle drop")) == 1     # once, not lost


def test_a_message_over_postfix_size_limit_is_refused_before_sending(run, postfix):
    r = run()
    s = r.session(_endpoint(postfix))
    assert r.start(s), r.error
    assert r.send(s, simple_mail(subject="too big", message="x" * (SIZE_LIMIT + 1000))) is False
    assert r.code == Err.MESSAGE_TOO_BIG
    assert "SIZE" in r.error and "nothing was sent" in r.error
    assert r.send(s, simple_mail(subject="small after big")), r.error
    assert len(_with_subject(postfix, "small after big")) == 1
    assert _with_subject(postfix, "too big", count=0) == []


def test_a_refused_recipient_and_the_others_get_it(run, postfix):
    r = run()
    s = r.session(_endpoint(postfix))
    assert r.start(s), r.error
    assert r.send(s, simple_mail(["carl@example.net", REFUSED], subject="one refused")) is False
    assert r.code == Err.RECIPIENTS_REFUSED
    assert re.search(r"refused 1 of 2 recipients.*550 5\.1\.1", r.error), r.error
    got = _with_subject(postfix, "one refused")
    assert len(got) == 1 and "carl@example.net" in got[0]["To"]


def test_a_session_that_fails_to_start_still_says_quit(run, postfix):
    r = run()
    # A Name on a server that offers no AUTH: the start fails after EHLO.
    s = r.session(_endpoint(postfix), name="ann@example.com", password="secret")
    assert r.start(s) is False
    assert r.code == Err.AUTH_NOT_OFFERED
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [ln for ln in _disconnect_lines(postfix) if "mail=" not in ln and "ehlo=1" in ln]
        if lines:
            break
        time.sleep(0.05)
    assert lines and all("quit=1" in ln for ln in lines), lines


def _tls(postfix: Any, port: int) -> SimpleNamespace:
    return SimpleNamespace(host=postfix.host, port=port, tls="none")


def test_starttls_with_postfix_and_the_message_arrives(run, postfix, smtp_tls_env):
    r = run()
    s = r.session(_tls(postfix, postfix.tls_port), option="starttls")
    assert r.start(s), r.error
    assert r.send(s, simple_mail(subject="over starttls")), r.error
    assert len(_with_subject(postfix, "over starttls")) == 1


def test_implicit_tls_with_postfix_and_the_message_arrives(run, postfix, smtp_tls_env):
    r = run()
    s = r.session(_tls(postfix, postfix.implicit_port), option="implicit")
    assert r.start(s), r.error
    assert r.send(s, simple_mail(subject="over implicit tls")), r.error
    assert len(_with_subject(postfix, "over implicit tls")) == 1


def test_starttls_on_postfix_implicit_tls_port_says_optionssl(run, postfix, smtp_tls_env):
    from wlmail.email.state import EmailState
    r = run()
    EmailState.of(r.rt).timeout = 1.0
    s = r.session(_tls(postfix, postfix.implicit_port), option="starttls")
    assert r.start(s) is False
    assert r.code == Err.TLS_FAILURE and "optionSSL" in r.error, r.error
