"""Capture mode in-process: capture_endpoint + aiosmtplib clients, as the transport uses it."""
from __future__ import annotations

import base64
import io
import mailbox
import os
import shutil
import ssl
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import pytest

from wlmail.email.capture import capture_active, capture_endpoint, finish_capture, prepare_capture_dir
from wlmail.email.state import EmailState
from wlmail.oauth.state import OAuthState
from wlmail.runtime.context import Context, RunOptions

SECRET = "Pw-capture-9d1e"
TOKEN = "ya29.capture-token-" + "z" * 2100     # long: forces the two-step form


@pytest.fixture
def run_ctx(tmp_path: Path):
    out = io.StringIO()
    rt = Context(tmp_path / "script.wl", RunOptions(capture_dir=str(tmp_path / "mail")), stdout=out)
    yield rt, out
    rt.close()


def _message(subject: str = "Quarterly report", attachment: bytes | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Ann <ann@example.com>"
    msg["To"] = "bob@example.org"
    msg["Subject"] = subject
    msg.set_content("Hello Bob,\n.a line with a leading dot\n")
    if attachment is not None:
        msg.add_attachment(attachment, maintype="application", subtype="octet-stream",
                           filename="data.bin")
    return msg


async def _send(host: str, port: int, ctx: ssl.SSLContext | None, mode: str, *,
                user: str | None = None, password: str | None = None, token: str | None = None,
                recipients: list[str] | None = None, msg: EmailMessage | None = None) -> None:
    client = aiosmtplib.SMTP(hostname=host, port=port, tls_context=ctx, timeout=5,
                             use_tls=mode == "implicit", start_tls=mode == "starttls")
    await client.connect()
    await client.ehlo()
    if token is not None:
        # The transport's two-step XOAUTH2 (a long token does not fit on the AUTH line).
        assert (await client.execute_command(b"AUTH", b"XOAUTH2")).code == 334
        blob = base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode())
        assert (await client.execute_command(blob)).code == 235
    elif user is not None:
        await client.login(user, password)
    msg = msg or _message()
    await client.sendmail("ann@example.com", recipients or ["bob@example.org"], msg.as_bytes())
    await client.quit()


def _maildir_files(rt: Context) -> list[Path]:
    return sorted((Path(rt.options.capture_dir) / "new").iterdir())


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


# -- the folder ------------------------------------------------------------------------
def test_prepare_creates_a_maildir_with_parents(tmp_path):
    target = tmp_path / "a" / "b" / "mail"
    assert prepare_capture_dir(str(target)) is None
    assert all((target / sub).is_dir() for sub in ("cur", "new", "tmp"))
    assert prepare_capture_dir(str(target)) is None          # an earlier capture is reused
    empty = tmp_path / "empty"
    empty.mkdir()
    assert prepare_capture_dir(str(empty)) is None


@pytest.mark.parametrize("kind", ["file", "under-a-file", "not-a-maildir"])
def test_prepare_refuses_unusable_folders(tmp_path, kind):
    (tmp_path / "notes.txt").write_text("x")
    path = {"file": tmp_path / "notes.txt",
            "under-a-file": tmp_path / "notes.txt" / "mail",
            "not-a-maildir": tmp_path}[kind]
    problem = prepare_capture_dir(str(path))
    assert problem and str(path) not in problem      # the CLI names the folder
    assert problem.startswith({"file": "this is a file", "under-a-file": "cannot create",
                               "not-a-maildir": "the folder is not empty"}[kind])
    assert not (tmp_path / "cur").exists()


# -- what lands in the Maildir ----------------------------------------------------------
def test_plain_session_with_password_auth(run_ctx):
    rt, out = run_ctx
    assert capture_active(rt)
    host, port, ctx = capture_endpoint(rt, "mail.example.com", 25, "plain")
    assert host == "127.0.0.1" and ctx is None
    rt.run_async(_send(host, port, ctx, "plain", user="ann@example.com", password=SECRET,
                       recipients=["bob@example.org", "carol@example.org"]))
    finish_capture(rt)
    (path,) = _maildir_files(rt)
    raw = path.read_bytes()
    head = raw.split(b"\n\n", 1)[0].decode()
    assert head.startswith(
        "X-Wlmail-Server: mail.example.com:25\n"
        "X-Wlmail-Envelope-From: ann@example.com\n"
        "X-Wlmail-Envelope-To: bob@example.org, carol@example.org\n"
        "X-Wlmail-TLS: none\n"
        "X-Wlmail-Auth: PLAIN ann@example.com\n"
        "From: Ann <ann@example.com>\n")
    assert b"\r\n" not in raw and b"\n.a line with a leading dot\n" in raw
    assert SECRET.encode() not in _all_bytes(Path(rt.options.capture_dir))
    lines = out.getvalue().splitlines()
    assert lines == [f"captured: {os.path.join(rt.options.capture_dir, 'new', path.name)}  "
                     f"from ann@example.com  to bob@example.org, carol@example.org  "
                     f"subject \"Quarterly report\""]
    assert SECRET not in out.getvalue()


def test_starttls_xoauth2_two_step_is_recorded_without_the_token(run_ctx):
    rt, out = run_ctx
    host, port, ctx = capture_endpoint(rt, "smtp.gmail.com", 587, "starttls")
    rt.run_async(_send(host, port, ctx, "starttls", user="user@gmail.com", token=TOKEN))
    OAuthState.of(rt).synthetic_token = True
    finish_capture(rt)
    (path,) = _maildir_files(rt)
    msg = mailbox.Maildir(rt.options.capture_dir, create=False).get_message(path.name)
    assert msg["X-Wlmail-TLS"] == "starttls"
    assert msg["X-Wlmail-Auth"].startswith("XOAUTH2 user@gmail.com")
    assert msg["X-Wlmail-Server"] == "smtp.gmail.com:587"
    assert TOKEN[:30].encode() not in _all_bytes(Path(rt.options.capture_dir))
    assert TOKEN[:30] not in out.getvalue()
    assert out.getvalue().rstrip().endswith("(XOAUTH2 with a synthetic token)")
    conn = EmailState.of(rt).capture.connections[0]
    assert conn.commands[:3] == ["EHLO", "STARTTLS", "EHLO"]
    assert [(a.form, a.success) for a in conn.auth_attempts] == [("two-step", True)]


def test_synthetic_flag_at_send_time_marks_the_stored_message(run_ctx):
    rt, _ = run_ctx
    OAuthState.of(rt).synthetic_token = True
    host, port, ctx = capture_endpoint(rt, "smtp.gmail.com", 587, "starttls")
    rt.run_async(_send(host, port, ctx, "starttls", user="user@gmail.com", token="short"))
    (path,) = _maildir_files(rt)
    assert b"X-Wlmail-Auth: XOAUTH2 user@gmail.com (synthetic token)\n" in path.read_bytes()


def test_implicit_tls_and_a_binary_attachment_round_trip(run_ctx):
    rt, _ = run_ctx
    payload = bytes(range(256)) * 300
    host, port, ctx = capture_endpoint(rt, "smtp.example.com", 465, "implicit")
    rt.run_async(_send(host, port, ctx, "implicit", user="ann", password=SECRET,
                       msg=_message(attachment=payload)))
    finish_capture(rt)
    (msg,) = mailbox.Maildir(rt.options.capture_dir, create=False).values()
    assert msg["X-Wlmail-TLS"] == "implicit"
    assert msg["X-Wlmail-Auth"] in ("PLAIN ann", "LOGIN ann")
    parts = [p for p in msg.walk() if p.get_filename() == "data.bin"]
    assert parts[0].get_payload(decode=True) == payload


def test_one_listener_per_server_asked_for(run_ctx):
    rt, out = run_ctx
    first = capture_endpoint(rt, "smtp.a.example", 587, "starttls")
    assert capture_endpoint(rt, "SMTP.A.example", 587, "starttls") == first
    second = capture_endpoint(rt, "smtp.b.example", 587, "starttls")
    assert second[1] != first[1]
    for host, port, ctx in (first, second):
        rt.run_async(_send(host, port, ctx, "starttls"))
    finish_capture(rt)
    servers = sorted(mailbox.Maildir(rt.options.capture_dir, create=False).values(),
                     key=lambda m: m["X-Wlmail-Server"])
    assert [m["X-Wlmail-Server"] for m in servers] == ["smtp.a.example:587", "smtp.b.example:587"]
    assert all(m["X-Wlmail-Auth"] == "none" for m in servers)
    assert len(out.getvalue().splitlines()) == 2


def test_the_capture_ca_is_trusted_by_the_capture_context_only(run_ctx, monkeypatch):
    rt, _ = run_ctx
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    host, port, ctx = capture_endpoint(rt, "smtp.gmail.com", 465, "implicit")
    assert ctx is not None and len(ctx.get_ca_certs()) == 1
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname

    async def with_system_store() -> None:
        client = aiosmtplib.SMTP(hostname=host, port=port, use_tls=True, timeout=5)
        await client.connect()
    with pytest.raises(aiosmtplib.SMTPConnectError):
        rt.run_async(with_system_store())
    # The capture certificate names the host the script asked for as well as loopback.
    rt.run_async(_send(host, port, ctx, "implicit"))


def test_no_message_line_lists_the_sessions(run_ctx):
    rt, out = run_ctx
    OAuthState.of(rt).synthetic_token = True
    host, port, ctx = capture_endpoint(rt, "smtp.gmail.com", 587, "starttls")

    async def session_only() -> None:
        client = aiosmtplib.SMTP(hostname=host, port=port, tls_context=ctx, start_tls=True,
                                 timeout=5)
        await client.connect()
        await client.ehlo()
        blob = base64.b64encode(b"user=user@gmail.com\x01auth=Bearer synthetic\x01\x01")
        assert (await client.execute_command(b"AUTH", b"XOAUTH2", blob)).code == 235
        await client.quit()
    rt.run_async(session_only())
    rt.close()                      # capture_endpoint registered finish_capture with on_close
    assert out.getvalue() == (
        f"captured: no message in {rt.options.capture_dir}; sessions: smtp.gmail.com:587 "
        f"STARTTLS, AUTH XOAUTH2 user@gmail.com, synthetic token\n")


def test_a_store_failure_is_an_smtp_error_not_a_crash(run_ctx):
    rt, out = run_ctx
    host, port, ctx = capture_endpoint(rt, "mail.example.com", 25, "plain")
    shutil.rmtree(Path(rt.options.capture_dir) / "tmp")
    with pytest.raises(aiosmtplib.SMTPDataError) as err:
        rt.run_async(_send(host, port, ctx, "plain"))
    assert err.value.code == 451 and "Capture could not store" in err.value.message
    finish_capture(rt)
    assert out.getvalue().startswith("captured: no message")


def test_finish_without_any_connection_says_so_once(tmp_path):
    out = io.StringIO()
    rt = Context(tmp_path / "s.wl", RunOptions(capture_dir=str(tmp_path / "m")), stdout=out)
    rt.on_close(lambda: finish_capture(rt))
    finish_capture(rt)
    rt.close()
    assert out.getvalue() == f"captured: no message in {tmp_path / 'm'} (the script opened no SMTP session)\n"


def test_finish_is_silent_without_capture(tmp_path):
    out = io.StringIO()
    rt = Context(tmp_path / "s.wl", RunOptions(), stdout=out)
    finish_capture(rt)
    assert out.getvalue() == "" and not capture_active(rt)


def test_a_long_recipient_list_is_folded_and_reads_back_whole(run_ctx):
    rt, _ = run_ctx
    recipients = [f"person.number{i}@example.org" for i in range(40)]
    host, port, ctx = capture_endpoint(rt, "mail.example.com", 25, "plain")
    rt.run_async(_send(host, port, ctx, "plain", recipients=recipients))
    (path,) = _maildir_files(rt)
    head = path.read_bytes().split(b"\n\n", 1)[0].decode()
    assert all(len(line) <= 78 for line in head.splitlines()[:12])
    (msg,) = mailbox.Maildir(rt.options.capture_dir, create=False).values()
    assert msg["X-Wlmail-Envelope-To"].replace("\n", "").replace("  ", " ") == ", ".join(recipients)
