"""The email samples run unchanged in capture mode, and `wlmail check` finds them clean."""
from __future__ import annotations

import mailbox
from pathlib import Path

import pytest

from wltest import check_wl, run_wl

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _captured(folder: Path) -> list:
    box = mailbox.Maildir(str(folder), create=False)
    return list(box.values())


@pytest.mark.parametrize("name,recipients,subject", [
    ("send_email.wl", ["bob@example.org"], "Hello from a WLanguage script"),
    ("send_email_fr.wl", ["jules@example.fr"], "Compte rendu de la réunion"),
    ("email_legacy.wl", ["bob@example.org", "carol@example.org"], "Weekly figures"),
    ("email_attachment.wl", ["bob@example.org"], "Sales report"),
])
def test_sample_in_capture_mode(tmp_path, monkeypatch, name, recipients, subject):
    monkeypatch.setenv("SMTP_PASSWORD", "sample-pw-123")
    outbox = tmp_path / "outbox"
    status, out, err = run_wl(SAMPLES / name, "--capture", str(outbox))
    assert status == 0, err
    assert "sample-pw-123" not in out + err
    (msg,) = _captured(outbox)
    from email.header import decode_header, make_header
    assert str(make_header(decode_header(msg["Subject"]))) == subject
    assert msg["X-Wlmail-Envelope-To"].replace(" ", "").split(",") == recipients
    assert "captured:" in out
    if name == "email_attachment.wl":
        parts = [p for p in msg.walk() if p.get_filename()]
        assert [p.get_filename() for p in parts] == ["email_attachment_report.csv"]
        assert parts[0].get_payload(decode=True) == \
            (SAMPLES / "email_attachment_report.csv").read_bytes()
        assert msg["X-Wlmail-TLS"].lower().startswith("implicit")
    else:
        assert "starttls" in msg["X-Wlmail-TLS"].lower()


@pytest.mark.parametrize("name", ["send_email.wl", "send_email_fr.wl", "email_legacy.wl",
                                  "email_attachment.wl"])
def test_sample_is_clean_for_check(name):
    status, out = check_wl(SAMPLES / name)
    assert status == 0 and "warning" not in out, out
