"""Asynchronous sessions and the spool (docs/spool.md), against the loopback aiosmtpd
servers: durable before True, delivered by the worker, EmailStatus from the store (also
in a later run), transient failures retried, permanent ones kept with the server's
words, a spool that cannot be written refused before anything is sent, and the
`wlmail spool` commands."""
from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from mails import simple_mail
from wlmail.email.asynchronous import STATUS_ERROR, STATUS_PENDING, STATUS_SENT, email_status
from wlmail.runtime.errors import Err
from wltest import run_wl


def _rows(spool: Path) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(spool / "spool.sqlite3")
    try:
        return db.execute("SELECT id, state, recipients, last_error FROM messages "
                          "ORDER BY id").fetchall()
    finally:
        db.close()


def _async_session(r: Any, srv: Any) -> Any:
    s = r.session(srv)
    s.asynchronous = True
    assert r.start(s), r.error
    return s


def test_a_message_is_on_disk_when_emailsendmessage_returns_then_is_sent(run, smtp_plain, tmp_path):
    spool = tmp_path / "spool"
    r = run(spool_dir=str(spool))
    s = _async_session(r, smtp_plain)
    mail = simple_mail(subject="spooled")
    assert r.send(s, mail), r.error
    ident = mail.mail_identifier
    assert ident >= 1
    # Committed before True: another connection to the database sees the row.
    assert [row[0] for row in _rows(spool)] == [ident]
    r.close()           # the end of the run waits for it
    assert [m.message["Subject"] for m in smtp_plain.messages] == ["spooled"]
    assert _rows(spool)[0][1] == "sent"
    # A later run reads the state from the store.
    later = run(spool_dir=str(spool))
    assert email_status(later.rt, ident) == STATUS_SENT


def test_the_spool_folder_and_database_are_private(run, smtp_plain, tmp_path):
    spool = tmp_path / "private"
    r = run(spool_dir=str(spool))
    s = _async_session(r, smtp_plain)
    assert r.send(s, simple_mail()), r.error
    r.close()
    assert spool.stat().st_mode & 0o777 == 0o700
    assert (spool / "spool.sqlite3").stat().st_mode & 0o777 == 0o600


def test_the_session_password_is_never_stored(run, smtp_auth, tmp_path):
    spool = tmp_path / "spool"
    r = run(spool_dir=str(spool))
    s = r.session(smtp_auth, name="user@example.com", password="s3cret-Pass")
    s.asynchronous = True
    from smtp_servers import PASSWORD, USER
    s.name, s.password = USER, PASSWORD
    assert r.start(s), r.error
    assert r.send(s, simple_mail(subject="with auth")), r.error
    r.close()
    assert [m.auth_user for m in smtp_auth.messages] == [USER]
    raw = b"".join(p.read_bytes() for p in spool.iterdir() if p.is_file())
    assert PASSWORD.encode() not in raw


def test_a_permanent_refusal_is_emailerror_with_the_servers_words(run, smtp_refuse_all, tmp_path):
    r = run(spool_dir=str(tmp_path / "spool"))
    s = _async_session(r, smtp_refuse_all)
    mail = simple_mail()
    assert r.send(s, mail), r.error
    r.close()
    later = run(spool_dir=str(tmp_path / "spool"))
    assert email_status(later.rt, mail.mail_identifier) == STATUS_ERROR
    assert "550 5.1.1" in later.error and "User unknown" in later.error
    assert "refused" in r.stderr.getvalue()


def test_a_transient_refusal_is_retried_with_a_delay_and_then_sent(run, smtp_server, tmp_path):
    tries: list[str] = []

    def rcpt(address: str) -> str | None:
        tries.append(address)
        return "451 4.3.0 try again later" if len(tries) == 1 else None

    srv = smtp_server(on_rcpt=rcpt)
    r = run(spool_dir=str(tmp_path / "spool"), spool_wait=30.0)
    s = _async_session(r, srv)
    mail = simple_mail(subject="second try")
    assert r.send(s, mail), r.error
    r.close()
    assert len(tries) == 2
    assert [m.message["Subject"] for m in srv.messages] == ["second try"]
    assert _rows(tmp_path / "spool")[0][1] == "sent"


def test_partly_refused_recipients_keep_only_the_refused_ones_for_a_retry(run, smtp_refuse_some, tmp_path):
    spool = tmp_path / "spool"
    r = run(spool_dir=str(spool))
    s = _async_session(r, smtp_refuse_some)
    mail = simple_mail(to=["bob@example.org", "nobody@example.org"])
    assert r.send(s, mail), r.error
    r.close()
    assert [m.rcpt_tos for m in smtp_refuse_some.messages] == [["bob@example.org"]]
    later = run(spool_dir=str(spool))
    assert email_status(later.rt, mail.mail_identifier) == STATUS_ERROR
    assert "nobody@example.org" in later.error
    status, out, err = run_wl_spool("retry", str(mail.mail_identifier), "--spool", str(spool))
    assert status == 0, err
    assert '["nobody@example.org"]' in _rows(spool)[0][2]


def run_wl_spool(*args: str) -> tuple[int, str, str]:
    import io

    from wlmail.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["spool", *args])
    return status, out.getvalue(), err.getvalue()


def test_what_is_still_pending_at_the_end_is_named_and_a_flush_sends_it(run, smtp_server, tmp_path):
    spool = tmp_path / "spool"
    down = smtp_server(on_rcpt=lambda a: "421 4.3.2 service shutting down")
    r = run(spool_dir=str(spool), spool_wait=0.5)
    s = _async_session(r, down)
    mail = simple_mail(subject="later")
    assert r.send(s, mail), r.error
    r.close()
    err = r.stderr.getvalue()
    assert "still in the spool" in err and str(mail.mail_identifier) in err
    assert _rows(spool)[0][1] == "pending"
    assert email_status(run(spool_dir=str(spool)).rt, mail.mail_identifier) == STATUS_PENDING
    good = smtp_server()
    status, out, err = run_wl_spool("flush", "--spool", str(spool), "--smtp-server",
                                    f"{good.host}:{good.port}")
    assert status == 0, out + err
    assert "sent 1, refused 0, still pending 0" in out
    assert [m.message["Subject"] for m in good.messages] == ["later"]
    status, out, _ = run_wl_spool("list", "--spool", str(spool))
    assert "sent" in out and '"later"' in out
    status, out, _ = run_wl_spool("status", str(mail.mail_identifier), "--spool", str(spool))
    assert status == 0 and f"message {mail.mail_identifier}: sent" in out
    status, out, _ = run_wl_spool("purge", "--sent", "--spool", str(spool))
    assert "removed 1" in out and _rows(spool) == []


def test_an_unusable_spool_makes_emailsendmessage_fail_before_anything_is_sent(run, smtp_plain, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    r = run(spool_dir=str(blocker / "spool"))
    s = _async_session(r, smtp_plain)
    assert not r.send(s, simple_mail())
    assert r.code == Err.SPOOL
    assert "spool" in r.error and "cannot" in r.error
    r.close()
    assert smtp_plain.messages == []


def test_a_full_disk_makes_emailsendmessage_fail_with_a_clear_errorinfo(run, smtp_plain, tmp_path):
    # A real full file system: a tmpfs of 256 KiB, filled up once the spool exists.
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    assert done.returncode == 0, f"cannot mount a small tmpfs for the test: {done.stderr}"
    try:
        r = run(spool_dir=str(mount / "spool"))
        s = _async_session(r, smtp_plain)
        assert r.send(s, simple_mail(subject="fits")), r.error
        filler = mount / "filler"
        # Written until the file system says it is full (ENOSPC).
        with contextlib.suppress(OSError), open(filler, "wb") as f:
            while True:
                f.write(b"x" * 4096)
                f.flush()
        big = simple_mail(subject="does not fit", message="y" * 300_000)
        assert not r.send(s, big)
        assert r.code == Err.SPOOL
        assert "disk is full" in r.error and "nothing was sent" in r.error
        filler.unlink()
        r.close()
        assert [m.message["Subject"] for m in smtp_plain.messages] == ["fits"]
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_capture_mode_works_with_an_asynchronous_session(tmp_path):
    script = tmp_path / "async.wl"
    script.write_text(
        's is emailSMTPSession\ns.ServerAddress = "smtp.example.com"\n'
        's.Asynchrone = True\nIF NOT EmailStartSession(s) THEN\n  Trace(ErrorInfo())\n'
        '  RETURN\nEND\nm is Email\nm.Sender = "ann@example.com"\n'
        'm.Recipient = "bob@example.org"\nm.Subject = "captured async"\n'
        'IF EmailSendMessage(s, m) THEN\n  Trace("id " + m.ID)\nEND\n', encoding="utf-8")
    cap = tmp_path / "cap"
    status, out, err = run_wl(script, "--capture", str(cap))
    assert status == 0, err
    assert "id 1" in out and 'subject "captured async"' in out
    assert len(list((cap / "new").iterdir())) == 1


def test_emailstatus_of_an_unknown_identifier_is_emailerror_with_a_reason(run, tmp_path):
    r = run(spool_dir=str(tmp_path / "none"))
    assert email_status(r.rt, 42) == STATUS_ERROR
    assert "42" in r.error


def test_the_spool_command_refuses_bad_arguments_without_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "wlmail", "spool", "purge", "--older-than",
                           "soon", "--spool", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "is not an age" in done.stderr and "Traceback" not in done.stderr
    status, out, err = run_wl_spool("status", "7", "--spool", str(tmp_path / "empty"))
    assert status == 1 and "no message 7" in err


def test_a_rate_limit_still_delivers_everything(run, smtp_plain, tmp_path):
    r = run(spool_dir=str(tmp_path / "spool"), spool_rate=600.0, spool_connections=3)
    s = _async_session(r, smtp_plain)
    for i in range(5):
        assert r.send(s, simple_mail(subject=f"rated {i}")), r.error
    r.close()
    assert sorted(m.message["Subject"] for m in smtp_plain.messages) == \
        [f"rated {i}" for i in range(5)]


WL = Path(__file__).resolve().parent / "wl"


def test_the_english_script_follows_its_messages_with_emailstatus(tmp_path, monkeypatch,
                                                                   smtp_refuse_some):
    monkeypatch.setenv("SMTP_HOST", smtp_refuse_some.host)
    monkeypatch.setenv("SMTP_PORT", str(smtp_refuse_some.port))
    status, out, err = run_wl(WL / "spool_en.wl", "--spool", str(tmp_path / "spool"))
    assert status == 0, out + err
    # The end of the run names what the server refused.
    assert err == ("wlmail: 1 message(s) of this run were refused (emailError): 2; "
                   "`wlmail spool status ID` says why\n")
    lines = out.splitlines()
    assert lines[:2] == ["stored as 1", "message 1: sent"]
    assert lines[2] == "stored as 2"
    assert lines[3].startswith("message 2: refused, ") and "550" in lines[3]
    assert [m.message["Subject"] for m in smtp_refuse_some.messages] == ["asynchronous, accepted"]


def test_the_french_script_uses_the_legacy_asynchronous_form(tmp_path, monkeypatch, smtp_plain):
    monkeypatch.setenv("SMTP_HOST", smtp_plain.host)
    monkeypatch.setenv("SMTP_PORT", str(smtp_plain.port))
    status, out, err = run_wl(WL / "spool_fr.wl", "--spool", str(tmp_path / "spool"))
    assert (status, err) == (0, ""), out + err
    assert out.splitlines() == ["rangé sous le numéro 1", "envoyé"]
    assert [str(m.message["Subject"]) for m in smtp_plain.messages] == ["asynchrone, accepté"]


def test_an_oauth_session_spools_and_its_worker_authenticates_with_the_scripts_token(
        run, smtp_xoauth2, smtp_tls_env, tmp_path):
    from smtp_servers import USER, XOAUTH2_TOKEN
    from wlmail.oauth.types import AuthToken
    token = AuthToken()
    token.value = XOAUTH2_TOKEN
    spool = tmp_path / "spool"
    r = run(spool_dir=str(spool))
    s = r.session(smtp_xoauth2, name=USER, token=token)
    s.asynchronous = True
    assert r.start(s), r.error
    assert r.send(s, simple_mail(subject="oauth async")), r.error
    r.close()
    assert [m.auth_mechanism for m in smtp_xoauth2.messages] == ["XOAUTH2"]
    raw = b"".join(p.read_bytes() for p in spool.iterdir() if p.is_file())
    assert XOAUTH2_TOKEN.encode() not in raw


def _spool_row(spool: Path, srv: Any, name: str = "", subject: str = "later") -> int:
    from email.utils import make_msgid

    from wlmail.email.spool import Spool
    mid = make_msgid(domain="example.com")
    data = (f"From: ann@example.com\r\nTo: bob@example.org\r\nSubject: {subject}\r\n"
            f"Message-ID: {mid}\r\n\r\nbody\r\n").encode()
    s = Spool(spool)
    try:
        return s.add(run="earlier", account=f"{name}@{srv.host}:{srv.port}/0",
                     settings={"host": srv.host, "port": srv.port, "option": 0, "name": name,
                               "timeout": 30.0},
                     envelope_from="ann@example.com", recipients=["bob@example.org"], data=data,
                     message_id=mid, subject=subject)
    finally:
        s.close()


def test_a_later_flush_takes_the_password_from_netrc_or_the_environment(
        smtp_auth, tmp_path, monkeypatch):
    from smtp_servers import PASSWORD, USER
    spool = tmp_path / "spool"
    ident = _spool_row(spool, smtp_auth, USER, "needs a password")
    monkeypatch.delenv("WLMAIL_SMTP_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-such-netrc"))
    status, out, err = run_wl_spool("flush", "--spool", str(spool))
    assert status == 1 and "still pending 1" in out
    assert "no password" in err and ".netrc" in err
    assert smtp_auth.messages == []
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine {smtp_auth.host} login {USER} password {PASSWORD}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    status, out, err = run_wl_spool("flush", "--spool", str(spool))
    assert status == 0, out + err
    assert [m.auth_user for m in smtp_auth.messages] == [USER]
    # The environment variable, for a service without a netrc file.
    monkeypatch.setenv("NETRC", str(tmp_path / "no-such-netrc"))
    monkeypatch.setenv("WLMAIL_SMTP_PASSWORD", PASSWORD)
    _spool_row(spool, smtp_auth, USER, "from the environment")
    status, out, err = run_wl_spool("flush", "--spool", str(spool))
    assert status == 0, out + err
    assert len(smtp_auth.messages) == 2
    assert ident == 1


def test_each_connection_sends_several_messages_then_a_new_one_is_opened(run, smtp_plain, tmp_path):
    r = run(spool_dir=str(tmp_path / "spool"), spool_connections=1, spool_per_connection=2)
    s = _async_session(r, smtp_plain)
    before = len(smtp_plain.connections)
    for i in range(5):
        assert r.send(s, simple_mail(subject=f"batch {i}")), r.error
    r.close()
    assert sorted(m.message["Subject"] for m in smtp_plain.messages) == \
        [f"batch {i}" for i in range(5)]
    # The session's own connection, then the worker's: at most 2 messages on each.
    worker = smtp_plain.connections[before:]
    assert all(c.commands.count("MAIL") <= 2 for c in worker)
    assert sum(c.commands.count("MAIL") for c in worker) == 5


def test_emailsend_of_a_file_on_an_asynchronous_session_keeps_the_structures_envelope(
        tmp_path, monkeypatch, smtp_plain):
    (tmp_path / "message.eml").write_bytes(
        b"From: ann@example.com\r\nTo: bob@example.org\r\nSubject: from a file\r\n\r\nhi\r\n")
    script = tmp_path / "file.wl"
    script.write_text(
        f'IF NOT EmailStartSMTPSession("robot", "{smtp_plain.host}", {smtp_plain.port}, True) '
        'THEN\n  Trace(ErrorInfo())\n  RETURN\nEND\n'
        'Email.Recipient = "bob@example.org"\nEmail.Bcc = "hidden@example.org"\n'
        'Email.Sender = "ann@example.com"\n'
        'IF EmailSend("robot", "message.eml") THEN Trace("stored " + Email.MailIdentifier)\n',
        encoding="utf-8")
    status, out, err = run_wl(script, "--spool", str(tmp_path / "spool"))
    assert (status, err) == (0, ""), out + err
    assert out.strip() == "stored 1"
    (got,) = smtp_plain.messages
    assert sorted(got.rcpt_tos) == ["bob@example.org", "hidden@example.org"]


def test_a_read_only_spool_folder_makes_emailsendmessage_fail_before_sending(run, smtp_plain, tmp_path):
    # Root writes through file modes: a real read-only mount is what stops it.
    ro = tmp_path / "read-only"
    ro.mkdir()
    for cmd in (["mount", "--bind", str(ro), str(ro)],
                ["mount", "-o", "remount,bind,ro", str(ro)]):
        done = subprocess.run(cmd, capture_output=True, text=True)
        assert done.returncode == 0, f"cannot make a read-only mount for the test: {done.stderr}"
    try:
        r = run(spool_dir=str(ro / "spool"))
        s = _async_session(r, smtp_plain)
        assert not r.send(s, simple_mail())
        assert r.code == Err.SPOOL and "the spool is read-only" in r.error
        r.close()
        assert smtp_plain.messages == []
    finally:
        subprocess.run(["umount", "-l", str(ro)], capture_output=True)


def test_a_later_flush_of_an_oauth_message_uses_the_token_store(smtp_xoauth2, smtp_tls_env, tmp_path):
    import time

    from smtp_servers import USER, XOAUTH2_TOKEN
    from wlmail.email.spool import Spool
    from wlmail.oauth.flow import TokenData
    from wlmail.oauth.store import Key, TokenStore
    origin = {"token_url": "https://login.example.com/token", "client_id": "app-1",
              "scope": "https://mail.example.com/", "additional_parameters": ""}
    spool_dir = tmp_path / "spool"
    s = Spool(spool_dir)
    s.add(run="earlier", account=f"{USER}@{smtp_xoauth2.host}:{smtp_xoauth2.port}/2",
          settings={"host": smtp_xoauth2.host, "port": smtp_xoauth2.port, "option": 2,
                    "name": USER, "timeout": 30.0, "oauth": origin},
          envelope_from="ann@example.com", recipients=["bob@example.org"],
          data=b"From: ann@example.com\r\nTo: bob@example.org\r\nSubject: oauth later\r\n\r\nhi\r\n",
          subject="oauth later")
    s.close()
    # No token stored yet: the message waits, and the flush says what to do.
    status, out, err = run_wl_spool("flush", "--spool", str(spool_dir))
    assert status == 1 and "token store" in err and "run the script again" in err
    TokenStore().save(Key(origin["token_url"], origin["client_id"], origin["scope"], ""),
                      TokenData(access_token=XOAUTH2_TOKEN, token_type="Bearer",
                                expires_at=time.time() + 3600))
    status, out, err = run_wl_spool("flush", "--spool", str(spool_dir))
    assert status == 0, out + err
    assert [(m.auth_mechanism, m.auth_user) for m in smtp_xoauth2.messages] == [("XOAUTH2", USER)]
