"""End to end: `.wl` scripts in tests/email/wl run with `wlmail run` against loopback
servers; the test checks what the server received and what the script printed."""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from smtp_servers import PASSWORD, USER, XOAUTH2_TOKEN
from wltest import check_wl, run_wl

WL = Path(__file__).resolve().parent / "wl"
PDF = os.urandom(70_001)
CSV = "nom;ville\r\nZoé;Sète\r\n".encode()


def _prepare(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, srv, **env: str) -> Path:
    script = tmp_path / name
    shutil.copy(WL / name, script)
    (tmp_path / "report.pdf").write_bytes(PDF)
    (tmp_path / "données.csv").write_bytes(CSV)
    monkeypatch.setenv("SMTP_HOST", srv.host if srv else "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(srv.port) if srv else "25")
    monkeypatch.setenv("SMTP_USER", USER)
    monkeypatch.setenv("SMTP_PASSWORD", PASSWORD)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return script


def _run(script: Path, *args: str) -> tuple[int, str, str]:
    status, out, err = run_wl(script, *args)
    assert PASSWORD not in out + err
    assert XOAUTH2_TOKEN not in out + err
    assert "Traceback" not in out + err
    return status, out, err


def test_english_session_variable(tmp_path, monkeypatch, smtp_starttls_auth):
    script = _prepare(tmp_path, "send_en.wl", monkeypatch, smtp_starttls_auth)
    status, out, err = _run(script)
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "done" and out.startswith("sent ")
    (got,) = smtp_starttls_auth.messages
    assert (got.tls, got.auth_user) == ("starttls", USER)
    assert got.rcpt_tos == ["bob@example.org", "carol@example.org", "dave@example.org",
                            "eve@example.net"]
    msg = got.message
    assert str(msg["Subject"]) == "Quarterly report — Q3 résumé"
    assert msg["X-Priority"].startswith("1") and msg["Reply-To"] == "reports@example.com"
    assert b"eve@example.net" not in got.data
    body = msg.get_body(("html",))
    assert "<b>attached</b>" in body.get_content()
    assert msg.get_body(("plain",)).get_content().replace("\r\n", "\n") == \
        "Hello Bob,\nthe report is attached.\n"
    files = {p.get_filename(): p.get_payload(decode=True) for p in msg.iter_attachments()}
    assert files == {"report.pdf": PDF, "données.csv": CSV}


def test_french_spellings(tmp_path, monkeypatch, smtp_starttls_auth):
    script = _prepare(tmp_path, "send_fr.wl", monkeypatch, smtp_starttls_auth)
    status, out, err = _run(script)
    assert (status, out, err) == (0, "envoyé\n", "")
    (got,) = smtp_starttls_auth.messages
    assert got.rcpt_tos == ["jules@example.fr", "archives@example.fr"]
    assert str(got.message["Subject"]) == "Réunion à 10 h"
    assert got.message["X-Priority"].startswith("5")
    assert smtp_starttls_auth.connections[-1].quit


def test_legacy_smtp_session_and_global_structure(tmp_path, monkeypatch, smtp_starttls_auth):
    script = _prepare(tmp_path, "legacy_smtp.wl", monkeypatch, smtp_starttls_auth)
    status, out, err = _run(script)
    assert err == "" and status == 0
    assert out == "sent 1\ncount 1\nsent 2\nclosed: 2013\n"
    first, second = smtp_starttls_auth.messages
    assert first.rcpt_tos == ["first@example.org", "second@example.org"]
    assert b"not-sent@" not in first.data
    assert [p.get_content() for p in first.message.iter_attachments()] == [PDF]
    assert second.rcpt_tos == ["only@example.org"]
    assert list(second.message.iter_attachments()) == []
    assert (first.auth_user, first.tls) == (USER, "starttls")


def _maildir(tmp_path: Path) -> str:
    # The legacy form opens its POP3 part too: --mailbox gives it an (empty) Maildir.
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "inbox" / sub).mkdir(parents=True)
    return str(tmp_path / "inbox")


def test_legacy_email_start_session(tmp_path, monkeypatch, smtp_auth):
    script = _prepare(tmp_path, "legacy_start_session.wl", monkeypatch, smtp_auth)
    status, out, err = _run(script, "--mailbox", _maildir(tmp_path))
    assert (status, out, err) == (0, "nbcc 1\nsent\n", "")
    (got,) = smtp_auth.messages
    assert got.rcpt_tos == ["bob@example.org", "cc@example.org"]
    assert got.auth_user == USER
    assert got.mail_from == USER       # no Sender: the session's user name


def test_legacy_email_start_session_without_auth_on_the_server(tmp_path, monkeypatch,
                                                               smtp_no_auth):
    script = _prepare(tmp_path, "legacy_start_session.wl", monkeypatch, smtp_no_auth)
    status, out, err = _run(script, "--mailbox", _maildir(tmp_path))
    assert (status, out, err) == (0, "nbcc 1\nsent\n", "")
    assert smtp_no_auth.messages[0].auth_user is None


def test_failures_do_not_stop_the_script(tmp_path, monkeypatch, smtp_refuse_some):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    dead = s.getsockname()[1]
    s.close()
    script = _prepare(tmp_path, "failures.wl", monkeypatch, smtp_refuse_some,
                      DEAD_PORT=str(dead))
    status, out, err = _run(script, "--trace-smtp")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "start: 2001 1"
    assert "refused the connection" in lines[1]
    assert "send: 2013" in lines and "named: 2013" in lines and "relay 1 0" in lines
    assert "partial: 2009" in lines
    assert "S: 550 5.1.1 <nobody@example.org>" in out        # the dialogue in errFullDetails
    assert "injection: 2014" in lines and lines[-1] == "end"
    assert smtp_refuse_some.messages[0].rcpt_tos == ["bob@example.org"]
    assert len(smtp_refuse_some.messages) == 1
    # --trace-smtp printed the same dialogue live on stderr
    assert "C: MAIL FROM:<ann@example.com>" in err and "S: 250" in err


def test_trace_smtp_hides_auth_arguments(tmp_path, monkeypatch, smtp_starttls_auth):
    script = _prepare(tmp_path, "send_fr.wl", monkeypatch, smtp_starttls_auth)
    status, out, err = _run(script, "--trace-smtp")
    assert status == 0
    assert "C: STARTTLS" in err and "TLS established" in err
    assert "C: AUTH PLAIN ***" in err or ("C: AUTH LOGIN ***" in err and "C: ***" in err)
    import base64
    assert base64.b64encode(PASSWORD.encode()).decode()[:12] not in err


def test_seed_smtp_lines_xoauth2(tmp_path, monkeypatch, smtp_xoauth2):
    script = _prepare(tmp_path, "seed_smtp.wl", monkeypatch, smtp_xoauth2,
                      SMTP_TOKEN=XOAUTH2_TOKEN)
    status, out, err = _run(script)
    assert status == 0 and err == ""
    assert "no recipient" in out
    conn = smtp_xoauth2.connections[-1]
    assert conn.tls == "starttls" and conn.auth_mechanism == "XOAUTH2" and conn.quit
    assert smtp_xoauth2.messages == []


def test_seed_smtp_lines_refused_token_reports_and_returns(tmp_path, monkeypatch, smtp_xoauth2):
    script = _prepare(tmp_path, "seed_smtp.wl", monkeypatch, smtp_xoauth2,
                      SMTP_TOKEN="ya29.wrong")
    status, out, err = _run(script)
    assert status == 0
    assert "Unable to start the SMTP session." in err and "535" in err
    assert f"port used ({smtp_xoauth2.port})" in err
    assert "ya29.wrong" not in out + err


def test_implicit_tls_french_legacy(tmp_path, monkeypatch, smtp_implicit):
    script = _prepare(tmp_path, "implicit_tls.wl", monkeypatch, smtp_implicit)
    status, out, err = _run(script)
    assert (status, out, err) == (0, "1\n", "")
    assert smtp_implicit.messages[0].tls == "implicit"


def test_scripts_pass_check():
    for script in sorted(WL.glob("*.wl")):
        status, out = check_wl(script)
        assert status == 0, (script.name, out)
