"""`--smtp-server HOST:PORT`: a failure names the server really tried, and says that
--smtp-server chose it instead of the script's ServerAddress (a real closed port, a real
aiosmtpd server that refuses)."""
from __future__ import annotations

import socket
from pathlib import Path

from wltest import run_wl

SCRIPT = """s is emailSMTPSession
s.ServerAddress = "smtp.script.example"
s.Port = 587
s.Option = emailOptionDefault
IF NOT EmailStartSession(s) THEN
    Trace("start: " + ErrorInfo())
    RETURN
END
m is Email
m.Sender = "ann@example.com"
m.Recipient.Add("bob@example.org")
m.Subject = "Hello"
m.Message = "Hi"
IF NOT EmailSendMessage(s, m) THEN
    Trace("send: " + ErrorInfo())
END
EmailCloseSession(s)
"""


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_refused_connection_names_the_server_given_by_smtp_server(tmp_path: Path) -> None:
    script = tmp_path / "send.wl"
    script.write_text(SCRIPT, encoding="utf-8")
    port = _closed_port()
    status, out, err = run_wl(script, "--smtp-server", f"127.0.0.1:{port}")
    assert status == 0, err
    assert (f"start: 127.0.0.1 port {port} (given by --smtp-server instead of "
            f"smtp.script.example port 587) refused the connection") in out, out


def test_a_refusal_by_the_redirected_server_names_it(smtp_server, tmp_path: Path) -> None:
    srv = smtp_server(on_rcpt=lambda address: f"550 5.1.1 <{address}>: User unknown")
    script = tmp_path / "send.wl"
    script.write_text(SCRIPT, encoding="utf-8")
    status, out, err = run_wl(script, "--smtp-server", f"{srv.host}:{srv.port}")
    assert status == 0, err
    assert srv.messages == []
    assert (f"send: {srv.host} port {srv.port} (given by --smtp-server instead of "
            f"smtp.script.example port 587) refused every recipient") in out, out


def test_without_smtp_server_the_scripts_server_is_named(tmp_path: Path) -> None:
    port = _closed_port()
    script = tmp_path / "send.wl"
    script.write_text(SCRIPT.replace("smtp.script.example", "127.0.0.1").replace(
        "587", str(port)), encoding="utf-8")
    status, out, err = run_wl(script)
    assert status == 0, err
    assert f"start: 127.0.0.1 port {port} refused the connection (is the server" in out, out
    assert "--smtp-server" not in out
