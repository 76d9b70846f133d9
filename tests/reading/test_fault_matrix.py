"""The fault matrix of reading: a server that is down, refuses the password or TLS, shows
an untrusted certificate, drops the connection in the middle of a message, stalls, or
answers garbage, ends in False with a plain ErrorInfo within the session's time-out —
never a traceback or a hang.  The private Dovecot for what a real server does
(tests/dovecot_server.py), the scripted tests/mailbox_faults.py for the rest.  Short
time-outs keep it fast; a watchdog far above them turns a hang into a failure."""
from __future__ import annotations

import io
import re
import socket
from pathlib import Path
from typing import Any

import pytest

from dovecot_server import PASSWORD, USER
from mailbox_faults import FAULTS, IMAP_STAGES, MESSAGE_FAULTS, POP3_STAGES, FaultMailbox
from smtp_fault_matrix import run_with_watchdog
from wlmail.domains import load_all
from wlmail.email import functions as EF
from wlmail.email.types import OPTION_DEFAULT, OPTION_SSL, OPTION_STARTTLS, Email
from wlmail.reading import functions as RF
from wlmail.reading.types import EmailIMAPSession, EmailPOP3Session
from wlmail.runtime.context import Context, RunOptions
from wlmail.runtime.errors import Err

load_all()

TIMEOUT = 0.5
KIND = {"imap": EmailIMAPSession, "pop3": EmailPOP3Session}
# What each fault may be reported as (the stage decides among them: a refusal at the
# log-in is the server's verdict on the credentials, whatever its words).
EXPECTED = {
    "silence": {Err.TIMEOUT},
    "close": {Err.DISCONNECTED},
    "reset": {Err.DISCONNECTED, Err.NETWORK},
    "garbage": {Err.NETWORK, Err.AUTH_REFUSED},
    "escape": {Err.NETWORK, Err.AUTH_REFUSED},
    "longline": {Err.NETWORK, Err.AUTH_REFUSED},
    "partial": {Err.DISCONNECTED},
    "partial-silence": {Err.TIMEOUT},
    "no-tls": {Err.STARTTLS_NOT_OFFERED},
}
_LAST = {"imap": "logout", "pop3": "quit"}
_MESSAGE_STAGE = {"imap": "fetch", "pop3": "retr"}
CASES = [(p, stage, fault) for p, stages in (("imap", IMAP_STAGES), ("pop3", POP3_STAGES))
         for stage in stages for fault in FAULTS] + \
    [(p, _MESSAGE_STAGE[p], fault) for p in ("imap", "pop3") for fault in MESSAGE_FAULTS] + \
    [("imap", "capability", "no-tls"), ("pop3", "capa", "no-tls")]
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _Run:
    def __init__(self, folder: Path, timeout: float = TIMEOUT) -> None:
        self.out = io.StringIO()
        self.rt = Context(folder / "script.wl", RunOptions(), stdout=self.out, stderr=self.out)
        EF.email_set_timeout(self.rt, timeout)

    @property
    def error(self) -> Any:
        return self.rt.error

    def close(self) -> None:
        self.rt.close()


def _session(kind: type, host: str, port: int, option: int = OPTION_DEFAULT,
             password: str = "pw-matrix-1") -> Any:
    s = kind()
    s.server_address, s.port, s.option = host, port, option
    s.name, s.password = USER, password
    return s


def _dialogue(run: _Run, s: Any) -> tuple[bool, bool, bool]:
    started = EF.email_start_session(run.rt, s)
    m = Email()
    read = started and RF.email_read_first(run.rt, s, m)
    closed = EF.email_close_session(run.rt, s)
    return started, read, closed


@pytest.mark.parametrize("protocol, stage, fault", CASES,
                         ids=[f"{p}-{s}-{f}" for p, s, f in CASES])
def test_fault(tmp_path, protocol, stage, fault):
    # CAPA is asked only when STLS is required; IMAP asks CAPABILITY whatever the option.
    option = OPTION_STARTTLS if fault == "no-tls" or stage == "capa" else OPTION_DEFAULT
    with FaultMailbox(protocol, stage, fault) as srv:
        run = _Run(tmp_path)
        s = _session(KIND[protocol], srv.host, srv.port, option)
        started, read, closed = run_with_watchdog(lambda: _dialogue(run, s))
        # The script goes on: the session says it is not started, without a traceback.
        after = run_with_watchdog(lambda: RF.email_read_next(run.rt, s, Email()))
        error_after = run.error.code
    output = run.out.getvalue()
    run.close()
    assert "Traceback" not in output and "pw-matrix-1" not in output
    assert closed is True and after is False
    if stage == _LAST[protocol]:
        # Everything was read; a bad goodbye changes nothing for the script.
        assert started and read
        return
    assert not (started and read)
    assert started is (stage == _MESSAGE_STAGE[protocol])
    assert error_after == Err.SESSION_NOT_STARTED
    # ErrorInfo as it was after the failing call (the later calls change it).
    run2 = _Run(tmp_path)
    with FaultMailbox(protocol, stage, fault) as srv:
        s = _session(KIND[protocol], srv.host, srv.port, option)
        run_with_watchdog(lambda: _dialogue_until_failure(run2, s))
    err = run2.error
    run2.close()
    assert err.occurred
    expected = EXPECTED[fault] | ({Err.STARTTLS_NOT_OFFERED} if stage == "capa" else set())
    assert err.code in expected, (err.code, err.message)
    assert err.message and not _CONTROLS.search(err.message), err.message
    assert "pw-matrix-1" not in err.message
    if fault == "escape" and stage in ("login", "user", "pass"):
        # The refusal's own words, their controls shown escaped.
        assert "hostile" in err.message and "\\x1b" in err.message


def _dialogue_until_failure(run: _Run, s: Any) -> None:
    if EF.email_start_session(run.rt, s):
        RF.email_read_first(run.rt, s, Email())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_server_down(tmp_path, protocol):
    run = _Run(tmp_path)
    s = _session(KIND[protocol], "127.0.0.1", _free_port())
    assert EF.email_start_session(run.rt, s) is False
    assert run.error.code == Err.CONNECTION_REFUSED
    assert "refused the connection" in run.error.message
    run.close()


@pytest.fixture
def trusted(dovecot: Any, smtp_tls_env: dict[str, str]) -> Any:
    dovecot.clear()
    dovecot.deliver(b"From: a@example.test\r\nSubject: one\r\n\r\nbody\r\n")
    return dovecot


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_wrong_password_on_the_real_server(tmp_path, trusted, protocol):
    run = _Run(tmp_path, timeout=10)
    port = trusted.imaps_port if protocol == "imap" else trusted.pop3s_port
    s = _session(KIND[protocol], trusted.host, port, OPTION_SSL, password="not-it")
    assert EF.email_start_session(run.rt, s) is False
    assert run.error.code == Err.AUTH_REFUSED
    assert "Authentication failed" in run.error.message
    assert "not-it" not in run.error.message
    run.close()


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_an_untrusted_certificate_is_refused(tmp_path, dovecot, protocol, monkeypatch):
    # No SSL_CERT_FILE: the system store does not know the tests' CA.
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    run = _Run(tmp_path, timeout=10)
    port = dovecot.imaps_port if protocol == "imap" else dovecot.pop3s_port
    s = _session(KIND[protocol], dovecot.host, port, OPTION_SSL, password=PASSWORD)
    assert EF.email_start_session(run.rt, s) is False
    assert run.error.code == Err.CERTIFICATE
    assert "not trusted" in run.error.message
    run.close()


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_implicit_tls_on_a_plain_port_fails_the_handshake(tmp_path, trusted, protocol):
    run = _Run(tmp_path, timeout=10)
    port = trusted.imap_port if protocol == "imap" else trusted.pop3_port
    s = _session(KIND[protocol], trusted.host, port, OPTION_SSL, password=PASSWORD)
    assert EF.email_start_session(run.rt, s) is False
    assert run.error.code == Err.TLS_FAILURE
    run.close()


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_a_server_that_accepts_and_never_speaks_times_out(tmp_path, protocol):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        run = _Run(tmp_path)
        s = _session(KIND[protocol], "127.0.0.1", listener.getsockname()[1])
        assert run_with_watchdog(lambda: EF.email_start_session(run.rt, s)) is False
        assert run.error.code == Err.TIMEOUT
        assert "EmailSetTimeOut" in run.error.message
        run.close()
