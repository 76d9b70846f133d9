"""Ctrl-C at the worst moment of a send: in the very turn of the event loop where the
server made room for more of the message.  asyncio.wait_for (Python 3.11) then takes the
cancellation for the end of its wait and lets the send go on (CPython gh-86296): the rest
of the message left after the interrupt, and against a server that stopped reading the
run waited for the whole time-out (the intermittent hang of
test_network_bounds.py::test_ctrl_c_during_a_send_does_not_wait_for_quit_on_a_silent_server)."""
from __future__ import annotations

import signal

import pytest
from aiosmtplib.protocol import FlowControlMixin

from mails import big_mail
from smtp_fault_matrix import FaultSMTP
from wlmail.email import functions as F


@pytest.fixture
def ctrl_c_when_room_is_made(monkeypatch):
    """SIGINT, a real one, delivered by the protocol's callback that ends a wait for room
    in the socket's buffer, right after it ended it: the exact point of the race."""
    fired: list[bool] = []
    original = FlowControlMixin.resume_writing

    def resume_then_ctrl_c(self: FlowControlMixin) -> None:
        original(self)
        if not fired:
            fired.append(True)
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(FlowControlMixin, "resume_writing", resume_then_ctrl_c)
    # What Python installs for a program started from a terminal (pytest-xdist's
    # workers ignore SIGINT).
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield fired
    signal.signal(signal.SIGINT, old)


def test_ctrl_c_as_the_server_makes_room_sends_nothing_more(run, ctrl_c_when_room_is_made):
    # A server that reads all it is sent, slowly enough (its small buffer) that the
    # client waits for room again and again.
    with FaultSMTP(auth=False, rcvbuf=4096) as srv:
        r = run()
        F.email_set_timeout(r.rt, 3600)
        s = r.session(srv)
        assert r.start(s)
        with pytest.raises(KeyboardInterrupt):
            r.send(s, big_mail())
        assert ctrl_c_when_room_is_made == [True]
        r.close()
        # The interrupted message never reached its end: no final dot, nothing delivered.
        assert srv.messages == []
