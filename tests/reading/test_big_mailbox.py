"""Sizes and shapes a real mailbox has, against the private Dovecot: 10,000 messages
(counted, read through, some deleted), a 50 MB message (read byte for byte with memory
bounded by a multiple of its size), and malformed messages read as far as they go."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from dovecot_server import PASSWORD, USER
from wlmail.domains import load_all
from wlmail.email import functions as EF
from wlmail.email.types import OPTION_SSL, Email
from wlmail.reading import functions as RF
from wlmail.reading.types import EmailIMAPSession, EmailPOP3Session
from wlmail.runtime.context import Context, RunOptions
from wltest import run_wl

load_all()

WL = Path(__file__).resolve().parent / "wl"
KINDS = {"imap": EmailIMAPSession, "pop3": EmailPOP3Session}


@pytest.fixture
def server(dovecot: Any, smtp_tls_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Any:
    dovecot.clear()
    for name, value in (("READ_HOST", dovecot.host), ("READ_USER", USER),
                        ("READ_PASSWORD", PASSWORD),
                        ("READ_IMAPS_PORT", str(dovecot.imaps_port)),
                        ("READ_POP3S_PORT", str(dovecot.pop3s_port))):
        monkeypatch.setenv(name, value)
    return dovecot


def _fill_many(server: Any, count: int) -> None:
    # Straight into new/, in order (Dovecot sorts a new Maildir by file name): the
    # deliver() helper's rename per message is the same, only slower for 10,000.
    uid, gid = server.mail_user.pw_uid, server.mail_user.pw_gid
    stamp = time.time_ns()
    for n in range(1, count + 1):
        path = server.maildir / "new" / f"{stamp + n:020d}.{uuid.uuid4().hex[:8]}.wlmail-test"
        path.write_bytes(f"From: shop{n}@example.com\r\nTo: {USER}@example.org\r\n"
                         f"Subject: Message {n}\r\nMessage-ID: <m{n}@example.com>\r\n\r\n"
                         f"Order number {n}.\r\n".encode())
        os.chown(path, uid, gid)


@pytest.mark.parametrize("name", ["many_messages_en.wl", "many_messages_fr.wl"])
def test_a_mailbox_of_10000_messages(tmp_path, server, name):
    _fill_many(server, 10_000)
    script = tmp_path / name
    shutil.copy(WL / name, script)
    status, out, err = run_wl(script)
    assert (status, err) == (0, "")
    assert out == (WL / name).with_suffix(".out").read_text(encoding="utf-8")
    assert server.count() == (9990 if name.endswith("_en.wl") else 9998)


def _big_message(size: int) -> tuple[bytes, bytes]:
    """A message of about `size` bytes: a short text and one attachment of every byte
    value, base64 in 76-character lines; returns (message, attachment bytes)."""
    payload = (bytes(range(256)) * (size // 256 // 4 * 3 // 1 + 1))[: size * 3 // 4]
    m = EmailMessage()
    m["From"] = "scanner@example.com"
    m["To"] = f"{USER}@example.org"
    m["Subject"] = "The big scan"
    m["Message-ID"] = "<big-scan@example.com>"
    m.set_content("The scan is attached.\n")
    m.add_attachment(payload, maintype="application", subtype="octet-stream",
                     filename="scan.bin")
    return m.as_bytes(policy=m.policy.clone(linesep="\r\n")), payload


# Run in a process of its own, so that its peak resident size is this read's alone (an
# xdist worker's maximum holds whatever its earlier tests used).
_READ_BIG = """
import hashlib, json, sys
from wlmail.domains import load_all
from wlmail.email import functions as EF
from wlmail.email.types import OPTION_SSL, Email
from wlmail.reading import functions as RF
from wlmail.reading.types import EmailIMAPSession, EmailPOP3Session
from wlmail.runtime.context import Context, RunOptions
load_all()


def high_water_kb():
    # VmHWM: this process's peak resident size (ru_maxrss would keep the parent's
    # peak across fork and exec).
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


protocol, host, port, user, password = sys.argv[1:6]
rt = Context("script.wl", RunOptions())
EF.email_set_timeout(rt, 120)
s = (EmailIMAPSession if protocol == "imap" else EmailPOP3Session)()
s.server_address, s.port, s.option, s.name, s.password = host, int(port), OPTION_SSL, user, password
assert EF.email_start_session(rt, s), rt.error.message
before = high_water_kb()
m = Email()
ok = RF.email_read_first(rt, s, m)
peak = high_water_kb()
assert ok, rt.error.message
EF.email_close_session(rt, s)
print(json.dumps({"before_kb": before, "peak_kb": peak, "source": len(m.source),
                  "subject": m.subject,
                  "attachments": [(a.name, hashlib.sha256(a.content).hexdigest(), len(a.content))
                                  for a in m.attach.items]}))
"""


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_a_50_mb_message_arrives_whole_in_bounded_memory(server, smtp_tls_env, protocol):
    raw, payload = _big_message(50_000_000)
    size = len(raw)
    assert size > 50_000_000
    server.deliver(raw)
    del raw
    port = server.imaps_port if protocol == "imap" else server.pop3s_port
    done = subprocess.run([sys.executable, "-c", _READ_BIG, protocol, server.host, str(port),
                           USER, PASSWORD], env=smtp_tls_env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout)
    assert got["subject"] == "The big scan"
    assert got["source"] == size
    # Byte for byte.
    assert got["attachments"] == [["scan.bin", hashlib.sha256(payload).hexdigest(),
                                   len(payload)]]
    grown = (got["peak_kb"] - got["before_kb"]) * 1024
    # Once read, the Email holds the message as received (Source) and the attachment's
    # bytes, and reading needs the message's bytes and the parser's copy of the part it
    # reads on top: a few times the size, never the eight times that parsing it whole
    # costs.  Shown with -s, so that a change in it can be seen.
    print(f"{protocol}: {size / 1e6:.1f} MB message, resident size grew by "
          f"{grown / 1e6:.0f} MB ({grown / size:.1f}x)")
    assert grown < 7 * size, f"grew by {grown / 1e6:.0f} MB for a {size / 1e6:.0f} MB message"


# -- malformed messages ----------------------------------------------------------------
MALFORMED = {
    "bad_charset": b"From: a@example.test\r\nSubject: =?x-unknown-cs?q?caf=E9?=\r\n"
                   b"Content-Type: text/plain; charset=x-unknown-cs\r\n\r\ncaf\xe9 cr\xe8me\r\n",
    "broken_boundary": b"From: a@example.test\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                       b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\n'
                       b"Content-Type: text/plain\r\n\r\nthe text part\r\n--XYZ\r\n"
                       b'Content-Type: application/pdf; name="a.pdf"\r\n'
                       b'Content-Disposition: attachment; filename="a.pdf"\r\n'
                       b"Content-Transfer-Encoding: base64\r\n\r\n"
                       + base64.b64encode(b"%PDF-1.4\n") + b"\r\n",   # no closing --XYZ--
    "bad_encoded_words": b"From: =?utf-8?b?!!!notbase64?= <a@example.test>\r\n"
                         b"Subject: =?utf-8?q?broken=ZZ?= and =?unknown?x?what?=\r\n\r\nbody\r\n",
    "missing_headers": b"\r\njust a body, no header at all\r\n",
    "eight_bit_junk": b"From: \xff\xfe junk <a@example.test>\r\nSubject: caf\xe9 \x1b[2J\r\n"
                      b"To: \x80\x81@example.test\r\n\r\n\xff\xfe body\r\n",
    "bad_address": b'From: "unclosed <a@\r\nTo: ,,,<<>>, @@, "x" <\r\n'
                   b"Cc: =?utf-8?q?=FF?= <c@example.test>\r\nSubject: addr\r\n\r\nb\r\n",
    "bad_parameters": b"From: a@example.test\r\nSubject: params\r\n"
                      b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                      b"Content-Type: text/plain; charset=utf-8\r\n\r\nthe text\r\n--b\r\n"
                      b"Content-Type: application/octet-stream\r\n"
                      b"Content-Disposition: attachment; filename*=utf-8''%E9%ZZ.bin;\r\n"
                      b"Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=4\r\n--b--\r\n",
    "bad_base64": b"From: a@example.test\r\nSubject: b64\r\nContent-Type: text/plain; "
                  b"charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64===\r\n",
    "bad_date": b"From: a@example.test\r\nDate: yesterday at noon\r\n"
                b"Received: from x; not a date\r\nSubject: d\r\n\r\nb\r\n",
    "deep_nesting": b"From: a@example.test\r\nSubject: nest\r\n" + b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i)
        for i in range(60)) + b"Content-Type: text/plain\r\n\r\ndeep\r\n",
}


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_malformed_messages_read_as_far_as_they_go(tmp_path, server, protocol):
    for raw in MALFORMED.values():
        server.deliver(raw)
        time.sleep(0.002)       # distinct file names, in order
    out = io.StringIO()
    rt = Context(tmp_path / "script.wl", RunOptions(), stdout=out, stderr=out)
    s = KINDS[protocol]()
    s.server_address, s.option, s.name, s.password = server.host, OPTION_SSL, USER, PASSWORD
    s.port = server.imaps_port if protocol == "imap" else server.pop3s_port
    assert EF.email_start_session(rt, s), rt.error.message
    read: dict[str, Email] = {}
    m = Email()
    ok = RF.email_read_first(rt, s, m)
    for name in MALFORMED:
        assert ok, (name, rt.error.message)
        read[name] = m
        m = Email()
        ok = RF.email_read_next(rt, s, m)
    assert not ok and m.out and not rt.error.occurred
    EF.email_close_session(rt, s)
    rt.close()
    assert "Traceback" not in out.getvalue()

    assert read["bad_charset"].message == "caf\xe9 cr\xe8me\r\n"   # as Latin-1: nothing lost
    assert read["bad_charset"].subject.startswith("caf")
    assert read["broken_boundary"].message.strip() == "the text part"
    (pdf,) = read["broken_boundary"].attach.items
    assert (pdf.name, pdf.content) == ("a.pdf", b"%PDF-1.4\n")
    assert "broken" in read["bad_encoded_words"].subject
    assert read["bad_encoded_words"].message == "body\r\n"
    assert (read["missing_headers"].subject, read["missing_headers"].sender) == ("", "")
    assert "just a body" in read["missing_headers"].message
    assert "junk <a@example.test>" in read["eight_bit_junk"].sender
    assert "body" in read["eight_bit_junk"].message
    assert read["bad_address"].subject == "addr"
    assert any("c@example.test" in c for c in read["bad_address"].cc.items)
    assert read["bad_parameters"].message.strip() == "the text"
    assert len(read["bad_parameters"].attach.items) == 1
    assert read["bad_base64"].subject == "b64"
    assert read["bad_date"].subject == "d"
    assert read["deep_nesting"].message.strip() == "deep"
