"""What a server says reaches the person filtered (issue 8, items 17 and 18): control
characters are shown escaped in ErrorInfo, errFullDetails and --trace-smtp, and a
temporary answer to AUTH is not reported as a wrong password."""
from __future__ import annotations

import pytest

from mails import simple_mail
from smtp_fault_matrix import ESCAPES, FaultSMTP
from wlmail.email import functions as F
from wlmail.runtime.errors import Err
from wlmail.safetext import printable

# Every character that must never reach a terminal raw.
CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\t\n"] + \
    [chr(127)] + [chr(c) for c in range(128, 160)] + ["\u2028", "\u2029", "\u202e", "\udcff"]


def _raw_controls(text: str) -> list[str]:
    return [c for c in CONTROLS if c in text]


@pytest.mark.parametrize("stage", ["greeting", "ehlo", "auth", "mail", "rcpt", "data", "dot"])
def test_escape_sequences_from_the_server_are_shown_escaped(run, stage):
    with FaultSMTP(stage, "escape") as srv:
        r = run(trace_smtp=True)
        F.email_set_timeout(r.rt, 5)
        s = r.session(srv, name="ann" if stage == "auth" else "", password="pw-x1")
        ok = r.start(s) and r.send(s, simple_mail())
        assert ok is False
        assert "hostile" in r.error and "hostile" in r.details
        trace = r.stderr.getvalue()
        assert "hostile" in trace
        for channel in (r.error, r.details, trace):
            assert _raw_controls(channel) == [], repr(channel)
        # Shown, not hidden: the person can still tell what the server sent.
        assert "\\x1b]0;pwned\\x07\\x1b[2J" in r.error
        assert "\\x00" in r.details and "\\x9b" in trace


def test_a_reply_that_is_not_utf8_is_shown_as_its_bytes(run):
    with FaultSMTP("mail", "garbage") as srv:
        r = run(trace_smtp=True)
        F.email_set_timeout(r.rt, 2)
        s = r.session(srv)
        assert r.start(s)
        assert r.send(s, simple_mail()) is False
        everything = r.error + r.details + r.stderr.getvalue()
        assert _raw_controls(everything) == []


def test_printable_keeps_text_and_escapes_controls():
    assert printable("250 OK été 🙂\tfine") == "250 OK été 🙂\tfine"
    assert printable("a\nb") == "a\nb"
    assert printable("a\nb", keep_newlines=False) == "a\\x0ab"
    assert printable("\x1b[2J\x07\x00\x7f\x85\u2028\u202e\udcfe") == \
        "\\x1b[2J\\x07\\x00\\x7f\\x85\\u2028\\u202e\\xfe"
    assert _raw_controls(printable("".join(CONTROLS) + ESCAPES)) == []


@pytest.mark.parametrize("code, err", [("421", Err.DISCONNECTED), ("451", Err.SMTP_ERROR),
                                       ("454", Err.SMTP_ERROR)])
def test_a_temporary_answer_to_auth_is_not_a_wrong_password(run, code, err):
    with FaultSMTP("auth", code) as srv:
        r = run()
        F.email_set_timeout(r.rt, 5)
        s = r.session(srv, name="ann@example.com", password="pw-x2")
        assert r.start(s) is False
        assert r.code == err
        assert "refused the user name or password" not in r.error
        assert "temporary server error, not a wrong password" in r.error
        assert f"{code} 4.0.0 fault injected at auth" in r.error
        assert "try again later" in r.error
        assert "pw-x2" not in r.all_output()


def test_535_is_still_the_credentials_message(run):
    with FaultSMTP("auth", "535") as srv:
        r = run()
        s = r.session(srv, name="ann@example.com", password="pw-x3")
        assert r.start(s) is False
        assert r.code == Err.AUTH_REFUSED
        assert 'refused the user name or password for "ann@example.com"' in r.error
