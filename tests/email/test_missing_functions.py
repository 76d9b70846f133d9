"""EmailSend(session, file) with the Email structure's envelope, and STARTTLS (or plain)
aimed at an implicit-TLS port, against the loopback servers."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mails import simple_mail
from wlmail.email.state import EmailState
from wlmail.runtime.errors import Err
from wltest import run_wl

WL = Path(__file__).resolve().parent / "wl"


@pytest.mark.parametrize("name, rcpts, bcc", [
    ("send_file_en.wl", ["bob@example.org", "archive@example.net"], b"archive@example.net"),
    ("send_file_fr.wl", ["bruno@exemple.fr", "archives@exemple.fr"], b"archives@exemple.fr"),
])
def test_email_send_takes_the_envelope_from_the_structure(tmp_path, monkeypatch, smtp_plain,
                                                          name, rcpts, bcc):
    script = tmp_path / name
    shutil.copy(WL / name, script)
    monkeypatch.setenv("SMTP_HOST", smtp_plain.host)
    monkeypatch.setenv("SMTP_PORT", str(smtp_plain.port))
    status, out, err = run_wl(script)
    assert (status, out, err) == (0, "1\n", "")
    (got,) = smtp_plain.messages
    assert got.rcpt_tos == rcpts              # the Bcc is in the envelope...
    assert bcc not in got.data                # ...and not in what the recipients read
    assert got.mail_from in ("ann@example.com", "anne@exemple.fr")


@pytest.mark.parametrize("option", ["starttls", "none"])
def test_a_plain_session_on_an_implicit_tls_port_says_optionssl(run, smtp_implicit, option):
    r = run()
    EmailState.of(r.rt).timeout = 0.5
    s = r.session(smtp_implicit, option=option)
    assert r.start(s) is False
    assert r.code == Err.TLS_FAILURE, r.error
    assert "optionSSL" in r.error and "implicit TLS" in r.error
    assert "firewall" not in r.error


def test_a_silent_port_that_is_not_tls_still_times_out(run, smtp_server):
    srv = smtp_server(delays={"GREETING": 3})
    r = run()
    EmailState.of(r.rt).timeout = 0.5
    assert r.start(r.session(srv, option="none")) is False
    assert r.code == Err.TIMEOUT


def test_email_send_without_structure_recipients_reads_the_headers(run, smtp_plain, tmp_path):
    from wlmail.email import functions as F
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    m = simple_mail(to="carol@example.org")
    assert F.email_build_source(r.rt, m)
    assert F.email_send(r.rt, s, m.source), r.error
    assert smtp_plain.messages[-1].rcpt_tos == ["carol@example.org"]


@pytest.mark.parametrize("name", ["wrong_option_en.wl", "wrong_option_fr.wl"])
def test_wl_scripts_told_to_use_optionssl(tmp_path, monkeypatch, smtp_implicit, name):
    script = tmp_path / name
    shutil.copy(WL / name, script)
    monkeypatch.setenv("SMTP_HOST", smtp_implicit.host)
    monkeypatch.setenv("SMTP_PORT", str(smtp_implicit.port))
    status, out, err = run_wl(script)
    assert (status, out, err) == (0, f"{int(Err.TLS_FAILURE)}\n1\n1\n", "")
