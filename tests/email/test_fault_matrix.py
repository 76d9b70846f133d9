"""The standing fault matrix (issue 8): a misbehaving SMTP server at every stage of the
dialogue — silence, a closed or reset connection, 421/451/554, garbage, bytes too slow,
a stalled DATA — ends in False with a plain ErrorInfo within the session's time-out,
never in an internal error, a traceback or a hang. Short time-outs keep it fast; a
watchdog far above them turns a hang into a failure."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mails import big_mail, simple_mail
from smtp_fault_matrix import FAULTS, STAGES, FaultSMTP, run_with_watchdog
from wlmail.email import functions as F
from wlmail.runtime.errors import Err

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 0.4

# What each fault may be reported as (the stage decides among them).
EXPECTED = {
    "silence": {Err.TIMEOUT},
    "slow": {Err.TIMEOUT},
    "close": {Err.DISCONNECTED},
    "reset": {Err.DISCONNECTED, Err.NETWORK},
    "421": {Err.DISCONNECTED, Err.RECIPIENTS_REFUSED, Err.SMTP_ERROR},   # greeting: 2016
    "451": {Err.SMTP_ERROR, Err.SENDER_REFUSED, Err.RECIPIENTS_REFUSED},
    "554": {Err.SMTP_ERROR, Err.SENDER_REFUSED, Err.RECIPIENTS_REFUSED, Err.AUTH_REFUSED},
    "garbage": {Err.SMTP_ERROR, Err.TIMEOUT},
    "stall": {Err.TIMEOUT},
    "tls-garbage": {Err.TLS_FAILURE, Err.TIMEOUT, Err.DISCONNECTED},
    "tls-silence": {Err.TIMEOUT},
}

CASES = [(stage, fault) for stage in STAGES for fault in FAULTS] + \
    [("data", "stall"), ("starttls", "tls-garbage"), ("starttls", "tls-silence")]


def _session(r, srv, stage):
    option = "starttls" if stage == "starttls" else "none"
    if stage == "auth":
        return r.session(srv, option=option, name="ann@example.com", password="pw-matrix-1")
    return r.session(srv, option=option)


def _dialogue(r, srv, stage):
    s = _session(r, srv, stage)
    mail = simple_mail()
    if stage == "data" and srv.fault == "stall":
        mail = big_mail()
    started = r.start(s)
    sent = started and r.send(s, mail)
    closed = F.email_close_session(r.rt, s)
    return started, sent, closed


@pytest.mark.parametrize("stage, fault", CASES, ids=[f"{s}-{f}" for s, f in CASES])
def test_fault(run, stage, fault):
    rcvbuf = 4096 if fault == "stall" else None
    with FaultSMTP(stage, fault, auth=stage == "auth", rcvbuf=rcvbuf) as srv:
        r = run(trace_smtp=True)
        F.email_set_timeout(r.rt, TIMEOUT)
        started, sent, closed = run_with_watchdog(lambda: _dialogue(r, srv, stage))
    everything = r.all_output()
    assert "Traceback" not in everything
    assert "pw-matrix-1" not in everything
    assert closed is True
    if stage == "quit":
        # The message was delivered; a bad goodbye is nobody's business but the log's.
        assert started and sent, r.error
        assert len(srv.messages) == 1
        return
    assert not (started and sent)
    assert r.rt.error.occurred
    assert r.code in EXPECTED[fault], (r.code, r.error)
    assert r.error and r.error == r.error.strip()
    if r.code == Err.TIMEOUT:
        assert f"{TIMEOUT:g} s" in r.error
    # The details carry the dialogue up to the fault.
    assert "SMTP dialogue with" in r.details
    if stage not in ("greeting",):
        assert srv.messages == [] or stage == "dot"


def test_implicit_tls_to_a_server_that_never_answers_the_handshake(run):
    with FaultSMTP("greeting", "silence") as srv:
        r = run()
        F.email_set_timeout(r.rt, TIMEOUT)
        s = r.session(srv, option="implicit")
        assert run_with_watchdog(lambda: r.start(s)) is False
    assert r.code == Err.TIMEOUT
    assert f"did not answer within {TIMEOUT:g} s while connecting" in r.error


def test_a_fault_never_exits_70_through_the_command_line(tmp_path):
    """The same faults through `wlmail run`: the script goes on after each failure."""
    script_lines = ["EmailSetTimeOut(0.5)"]
    servers = []
    try:
        for i, (stage, fault) in enumerate([("greeting", "garbage"), ("auth", "reset"),
                                            ("data", "451"), ("dot", "slow"),
                                            ("rcpt", "close"), ("quit", "silence")]):
            srv = FaultSMTP(stage, fault, auth=stage == "auth").start()
            servers.append(srv)
            script_lines += [
                f"s{i} is emailSMTPSession",
                f's{i}.ServerAddress = "127.0.0.1"', f"s{i}.Port = {srv.port}",
            ]
            if stage == "auth":
                script_lines += [f's{i}.Name = "ann"', f's{i}.Password = "pw-matrix-2"']
            script_lines += [
                f"m{i} is Email", f'm{i}.Sender = "ann@example.com"',
                f'm{i}.Recipient = "bob@example.org"', f'm{i}.Subject = "s"',
                f'm{i}.Message = "b"',
                f"IF EmailStartSession(s{i}) AND EmailSendMessage(s{i}, m{i}) THEN",
                f'  Trace("{stage}: sent")', "ELSE", f'  Trace("{stage}: " + ErrorInfo())',
                "END", f"EmailCloseSession(s{i})",
            ]
        script_lines.append('Trace("end")')
        script = tmp_path / "t.wl"
        script.write_text("\n".join(script_lines) + "\n", encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "c"),
                   XDG_STATE_HOME=str(tmp_path / "s"))
        p = subprocess.run([sys.executable, "-m", "wlmail", "run", str(script)], env=env,
                           capture_output=True, text=True, timeout=120, check=False)
    finally:
        for srv in servers:
            srv.stop()
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    assert "pw-matrix-2" not in p.stdout + p.stderr
    lines = p.stdout.splitlines()
    assert lines[-1] == "end"
    assert lines[-2] == "quit: sent"
    assert all(": " in ln and not ln.endswith(": sent") for ln in lines[:-2]), lines
