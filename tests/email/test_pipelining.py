"""PIPELINING (RFC 2920): with a server that offers it, MAIL FROM, the RCPT TOs and DATA
go in one write and their replies are read in order; the message waits for DATA's 354.
The same faults as the standing matrix (tests/email/test_fault_matrix.py), at the stages
a pipelined exchange covers, end the same way: False, a plain ErrorInfo, nothing of the
message sent, never a hang. (Postfix offers PIPELINING too: tests/email/test_postfix*.py
run this path against it.)"""
from __future__ import annotations

import pytest

from mails import simple_mail
from smtp_fault_matrix import FAULTS, FaultSMTP, run_with_watchdog
from wlmail.email import functions as F
from wlmail.runtime.errors import Err

TIMEOUT = 0.4
EXPECTED = {
    "silence": {Err.TIMEOUT},
    "slow": {Err.TIMEOUT},
    "close": {Err.DISCONNECTED},
    "reset": {Err.DISCONNECTED, Err.NETWORK},
    "421": {Err.DISCONNECTED},
    "451": {Err.SMTP_ERROR, Err.SENDER_REFUSED, Err.RECIPIENTS_REFUSED},
    "554": {Err.SMTP_ERROR, Err.SENDER_REFUSED, Err.RECIPIENTS_REFUSED},
    "garbage": {Err.SMTP_ERROR, Err.TIMEOUT},
}
CASES = [(stage, fault) for stage in ("mail", "rcpt", "data", "dot") for fault in FAULTS]


def _dialogue(r, srv):
    s = r.session(srv, option="none")
    started = r.start(s)
    sent = started and r.send(s, simple_mail())
    closed = F.email_close_session(r.rt, s)
    return started, sent, closed


@pytest.mark.parametrize("stage, fault", CASES, ids=[f"{s}-{f}" for s, f in CASES])
def test_fault_in_a_pipelined_exchange(run, stage, fault):
    with FaultSMTP(stage, fault, auth=False, pipelining=True) as srv:
        r = run(trace_smtp=True)
        F.email_set_timeout(r.rt, TIMEOUT)
        started, sent, closed = run_with_watchdog(lambda: _dialogue(r, srv))
    assert "Traceback" not in r.all_output()
    assert started and closed is True
    assert sent is False
    assert r.code in EXPECTED[fault], (r.code, r.error)
    assert r.error and r.error == r.error.strip()
    assert "SMTP dialogue with" in r.details
    if stage != "dot":
        assert srv.messages == []
    # The exchange really was pipelined: the three commands went before any reply.
    trace = r.stderr.getvalue().splitlines()
    mail = next(i for i, ln in enumerate(trace) if "C: MAIL FROM" in ln)
    assert "C: RCPT TO" in trace[mail + 1] and trace[mail + 2].endswith("C: DATA")


def test_replies_in_separate_segments_several_recipients_and_messages(run):
    # This server answers each line after a pause: the replies come one by one, and the
    # reader must put them together whatever the segments.
    with FaultSMTP(auth=False, pipelining=True, reply_delay=0.02) as srv:
        r = run()
        s = r.session(srv, option="none")
        assert r.start(s), r.error
        for i in range(3):
            m = simple_mail(["bob@example.org", "carl@example.net"],
                            subject=f"pipelined {i}")
            assert run_with_watchdog(lambda m=m: r.send(s, m)), r.error
        assert F.email_close_session(r.rt, s)
    assert len(srv.messages) == 3
    assert all(b"Subject: pipelined" in m for m in srv.messages)
    verbs = [c.split(b" ", 1)[0].split(b":")[0] for c in srv.commands]
    assert verbs == [b"EHLO"] + [b"MAIL", b"RCPT", b"RCPT", b"DATA"] * 3 + [b"QUIT"]


def test_a_server_that_opens_data_after_refusing_the_sender_gets_nothing(run):
    # A 554 to MAIL FROM, then (wrongly) 354 to the DATA pipelined after it: ending the
    # data would send an empty message, so the connection is closed instead.
    with FaultSMTP("mail", "554", auth=False, pipelining=True) as srv:
        r = run()
        F.email_set_timeout(r.rt, TIMEOUT)
        s = r.session(srv, option="none")
        assert r.start(s), r.error
        assert run_with_watchdog(lambda: r.send(s, simple_mail())) is False
        assert r.code == Err.SENDER_REFUSED and "554" in r.error, r.error
        F.email_close_session(r.rt, s)
    assert srv.messages == []
    assert not any(c == b"." for c in srv.commands)


def test_every_recipient_refused_sends_nothing(run):
    with FaultSMTP("rcpt", "554", auth=False, pipelining=True) as srv:
        r = run()
        s = r.session(srv, option="none")
        assert r.start(s), r.error
        m = simple_mail(["bob@example.org", "carl@example.net"])
        assert run_with_watchdog(lambda: r.send(s, m)) is False
        assert r.code == Err.RECIPIENTS_REFUSED, r.error
        assert "bob@example.org" in r.error and "carl@example.net" in r.error
        F.email_close_session(r.rt, s)
    assert srv.messages == []
