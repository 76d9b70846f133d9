"""The class-based email sample (samples/email_class.wl): an account class holding an
emailSMTPSession, a method that sends through it, a CASE ERROR: label.  It runs in
capture mode, against the loopback SMTP server (what the server received is checked),
and takes its CASE ERROR: path when the server refuses the message."""
from __future__ import annotations

import mailbox
from pathlib import Path

from wltest import check_wl, run_wl

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "email_class.wl"


def test_class_sample_in_capture_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("SMTP_PASSWORD", "sample-pw-123")
    outbox = tmp_path / "outbox"
    status, out, err = run_wl(SAMPLE, "--capture", str(outbox))
    assert status == 0, err
    assert "sample-pw-123" not in out + err
    (msg,) = list(mailbox.Maildir(str(outbox), create=False).values())
    assert msg["Subject"] == "Hello from a class"
    assert msg["X-Wlmail-Envelope-To"] == "bob@example.org"
    assert "Messages sent from ann@example.com: 1" in out


def test_class_sample_against_the_test_server(smtp_starttls, monkeypatch):
    monkeypatch.setenv("SMTP_PASSWORD", "sample-pw-123")
    status, out, err = run_wl(SAMPLE, "--smtp-server", f"{smtp_starttls.host}:{smtp_starttls.port}")
    assert status == 0, err
    (got,) = smtp_starttls.messages
    assert got.mail_from == "ann@example.com"
    assert got.rcpt_tos == ["bob@example.org"]
    assert got.tls == "starttls"
    assert got.auth_user == "ann@example.com"
    assert got.message["Subject"] == "Hello from a class"
    assert "sent by a method of the class cMailAccount" in got.message.get_content()
    assert "Messages sent from ann@example.com: 1" in out


def test_class_sample_takes_its_error_label_when_the_server_refuses(smtp_server, monkeypatch):
    srv = smtp_server(tls="starttls",
                      on_rcpt=lambda address: f"550 5.1.1 <{address}>: User unknown")
    monkeypatch.setenv("SMTP_PASSWORD", "sample-pw-123")
    status, out, err = run_wl(SAMPLE, "--smtp-server", f"{srv.host}:{srv.port}")
    assert status == 0, err
    assert srv.messages == []
    assert [c.auth_user for c in srv.connections] == ["ann@example.com"]
    assert "The message was not sent." in out + err
    assert "bob@example.org" in out + err
    assert "Messages sent" not in out


def test_class_sample_is_clean_for_check():
    status, out = check_wl(SAMPLE)
    assert status == 0 and "warning" not in out, out
