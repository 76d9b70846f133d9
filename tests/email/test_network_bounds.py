"""Every network wait of a session is bounded by EmailSetTimeOut (issue 8, items 1 and 6):
a server that stops reading in the middle of DATA, and Ctrl-C during a send to a server
that has gone silent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from mails import big_mail, simple_mail
from smtp_fault_matrix import FaultSMTP, run_with_watchdog
from wlmail.email import functions as F
from wlmail.runtime.errors import Err

ROOT = Path(__file__).resolve().parents[2]


def test_a_server_that_stops_reading_during_data_does_not_hang_the_send(run):
    with FaultSMTP("data", "stall", auth=False, rcvbuf=4096) as srv:
        r = run()
        F.email_set_timeout(r.rt, 0.5)
        s = r.session(srv)
        assert r.start(s)
        # 12 MB: more than the client's socket buffer (4 MB at most on Linux) and
        # asyncio's, so the writes really stop.
        ok = run_with_watchdog(lambda: r.send(s, big_mail()))
        assert srv.reached_stall.is_set()
        assert ok is False
        assert r.code == Err.TIMEOUT
        assert "stopped reading the message" in r.error
        assert "within 0.5 s" in r.error and "was not delivered" in r.error
        assert "Traceback" not in r.all_output()
        # The session is usable again: the next send reconnects.
        srv.fault = ""
        assert run_with_watchdog(lambda: r.send(s, simple_mail())) is True


def _wl_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_ctrl_c_during_a_send_does_not_wait_for_quit_on_a_silent_server(tmp_path):
    # The server stalls the message, and would never answer QUIT either. With a time-out
    # of an hour, only an immediate close after the interrupt lets the run end.
    with FaultSMTP("data", "stall", auth=False, rcvbuf=4096) as srv:
        script = tmp_path / "t.wl"
        attachment = tmp_path / "big.bin"
        attachment.write_bytes(os.urandom(1024) * 12_000)
        script.write_text(
            "EmailSetTimeOut(3600)\n"
            "s is emailSMTPSession\n"
            f's.ServerAddress = "127.0.0.1"\ns.Port = {srv.port}\n'
            "IF NOT EmailStartSession(s) THEN\n  Trace(ErrorInfo())\n  RETURN\nEND\n"
            "m is Email\n"
            'm.Sender = "ann@example.com"\nm.Recipient = "bob@example.org"\n'
            'm.Subject = "big"\nm.Message = "see attached"\n'
            'EmailLoadAttachment(m, "big.bin")\n'
            'Trace("sending")\n'
            "EmailSendMessage(s, m)\n"
            'Trace("not reached")\n', encoding="utf-8")
        p = subprocess.Popen([sys.executable, "-m", "wlmail", "run", str(script)],
                             env=_wl_env(tmp_path), cwd=tmp_path, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             # SIGINT as a terminal sends it, even when pytest ignores it.
                             preexec_fn=lambda: signal.signal(signal.SIGINT,  # noqa: PLW1509
                                                              signal.SIG_DFL))
        try:
            assert p.stdout.readline() == "sending\n"
            assert srv.reached_stall.wait(60)
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
        assert p.returncode == 130, err
        assert "wlmail: interrupted" in err
        assert "Traceback" not in err, err
        assert "not reached" not in out
