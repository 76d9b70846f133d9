"""Synchronous sending loses nothing: a connection found closed, or answering 421, at
MAIL FROM is reopened and the message sent once more; never after DATA."""
from __future__ import annotations

from mails import simple_mail
from wlmail.runtime.errors import Err


def test_a_leftover_421_at_mail_from_reopens_and_sends_once(run, smtp_server):
    answers = ["421 4.4.2 wlmail-test Error: timeout exceeded"]

    def on_mail(address: str) -> str | None:
        # The first MAIL FROM meets what an idle-dropped session leaves: a 421 (after
        # which the test server closes, as Postfix does).
        return answers.pop() if answers else None

    srv = smtp_server(on_mail=on_mail)
    r = run()
    s = r.session(srv)
    assert r.start(s)
    assert r.send(s, simple_mail(subject="not lost")), r.error
    assert [str(m.message["Subject"]) for m in srv.messages] == ["not lost"]
    assert len(srv.connections) == 2


def test_a_421_at_mail_from_twice_is_reported_as_a_disconnection(run, smtp_server):
    srv = smtp_server(on_mail=lambda address: "421 4.3.2 shutting down")
    r = run()
    s = r.session(srv)
    assert r.start(s)
    assert r.send(s, simple_mail()) is False
    assert r.code == Err.DISCONNECTED and "421 4.3.2" in r.error
    assert "refused the sender" not in r.error
    assert srv.messages == [] and len(srv.connections) == 2    # one retry, not more


def test_a_421_after_data_is_not_sent_again(run, smtp_421):
    r = run()
    s = r.session(smtp_421)
    assert r.start(s)
    assert r.send(s, simple_mail()) is False
    assert r.code == Err.DISCONNECTED
    assert len(smtp_421.connections) == 1       # the server may have it: no retry


def test_no_answer_to_the_final_dot_says_it_may_have_been_delivered(run):
    from smtp_servers import DropBeforeDotServer
    # Reads the whole message, dot included, then hangs up without a reply.
    srv = DropBeforeDotServer(keep_lines=10_000).start()
    try:
        r = run()
        s = r.session(srv, option="none")
        assert r.start(s)
        assert r.send(s, simple_mail(message="short")) is False
        assert srv.data_received.endswith(b"\r\n.\r\n")
        assert r.code == Err.DISCONNECTED
        assert "after its final dot" in r.error and "perhaps delivered" in r.error
        assert srv.connections == 1             # not sent again by itself
    finally:
        srv.stop()
