"""Control characters in every header-bearing field (issue 8, item 2, and the standing
injection test): never an internal error, never a control character raw on the wire.

Per field (docs/email.md, "Control characters in headers"): CR and LF are refused; the
other line separators (VT, FF, FS, GS, RS, NEL, U+2028, U+2029) become a space in text
fields and are refused in identifiers; every other control character is refused.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mails import simple_mail
from wlmail.email import functions as F
from wlmail.email.types import EmailAttach
from wlmail.runtime.errors import Err

ROOT = Path(__file__).resolve().parents[2]

CONTROLS = [chr(c) for c in range(32)] + [chr(127)] + [chr(c) for c in range(128, 160)] \
    + ["\u2028", "\u2029"]
SEPARATORS = set("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _put(mail, field: str, ch: str) -> str:
    """Put `ch` in `field` of `mail`; returns the property name ErrorInfo should use."""
    value = f"Q3 report{ch}final"
    if field == "Subject":
        mail.subject = value
    elif field == "Sender":
        mail.sender = f"Ann{ch}Smith <ann@example.com>"
    elif field == "SenderAddress":
        mail.sender_address = f"ann{ch}@example.com"
    elif field in ("Recipient", "Cc", "Bcc"):
        from wlmail.runtime.values import T_STRING, WLArray
        arr = WLArray(T_STRING, [f"Bob{ch}Doe <bob@example.org>"])
        if field == "Recipient":
            mail.set_recipient(arr)
        else:
            setattr(mail, field.lower(), arr)
    elif field == "ReplyTo":
        mail.reply_to = f"Help{ch}Desk <help@example.com>"
    elif field == "MessageID":
        mail.message_id = f"<id{ch}1@example.com>"
    elif field == "Header":
        from wlmail.runtime.values import T_STRING, WLArray
        mail.header = WLArray(T_STRING, [f"X-Report: {value}"])
    else:
        att = EmailAttach()
        att.content = b"data"
        att.name = "report.pdf"
        att.content_type = "application/pdf"
        if field == "Name":
            att.name = f"Q3{ch}report.pdf"
        elif field == "ContentType":
            att.content_type = f"application/p{ch}df"
        elif field == "Description":
            att.description = value
        elif field == "Identifier":
            att.identifier = f"logo{ch}1"
        mail.add_attachment(att)
        return "an attachment's " + field
    return field


FIELDS = ["Subject", "Sender", "SenderAddress", "Recipient", "Cc", "Bcc", "ReplyTo",
          "MessageID", "Header", "Name", "ContentType", "Description", "Identifier"]

# Header lines: printable ASCII, TAB and CRLF only (anything else is RFC 2047-encoded).
_BAD_HEADER_BYTE = re.compile(rb"[^\t\r\n -~]|\r(?!\n)|(?<!\r)\n")


def _headers_of_every_part(data: bytes) -> list[bytes]:
    """The header block of the message and of every MIME part."""
    blocks = [data.split(b"\r\n\r\n", 1)[0]]
    for m in re.finditer(rb"\r\n--[^\r\n]+\r\n(.*?)\r\n\r\n", data, re.DOTALL):
        blocks.append(m.group(1))
    return blocks


def _check_outcome(r, ok: bool, field: str, shown: str, ch: str) -> None:
    if ok:
        return
    assert r.code in (Err.HEADER_INJECTION, Err.BAD_ADDRESS), (field, hex(ord(ch)), r.error)
    assert shown in r.error, (field, r.error)


@pytest.mark.parametrize("field", FIELDS)
def test_every_control_character_through_emailbuildsource(run, field):
    r = run()
    for ch in CONTROLS:
        m = simple_mail()
        shown = _put(m, field, ch)
        ok = F.email_build_source(r.rt, m)        # never raises: False + ErrorInfo at worst
        _check_outcome(r, ok, field, shown, ch)
        if ch in "\r\n":
            assert ok is False and r.code == Err.HEADER_INJECTION
        elif ch not in SEPARATORS and ch != "\t":     # TAB is whitespace, not a control
            assert ok is False, (field, hex(ord(ch)), m.source)
            assert f"U+{ord(ch):04X}" in r.error or r.code == Err.BAD_ADDRESS, r.error
        if ok:
            data = m.source.encode("utf-8")
            for block in _headers_of_every_part(data):
                assert not _BAD_HEADER_BYTE.search(block), (field, hex(ord(ch)), block)


@pytest.mark.parametrize("field", FIELDS)
def test_every_control_character_through_a_real_send(run, smtp_plain, field):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    sent = 0
    for ch in CONTROLS:
        m = simple_mail()
        shown = _put(m, field, ch)
        ok = r.send(s, m)
        _check_outcome(r, ok, field, shown, ch)
        sent += bool(ok)
    assert len(smtp_plain.messages) == sent
    for msg in smtp_plain.messages:
        for block in _headers_of_every_part(msg.data):
            assert not _BAD_HEADER_BYTE.search(block), (field, block)
        assert all(_BAD_HEADER_BYTE.pattern and not re.search(rb"[\x00-\x1f\x7f]", a.encode())
                   for a in [msg.mail_from, *msg.rcpt_tos])
    if field in ("Subject", "Description", "Header", "Name"):
        # The separators were folded to spaces, TAB kept: those messages went out.
        assert sent == len(SEPARATORS) + 1


def test_a_pasted_line_separator_in_the_subject_becomes_a_space(run):
    r = run()
    m = simple_mail(subject="Q3 report\u2028final")
    assert F.email_build_source(r.rt, m)
    assert "Subject: Q3 report final\r\n" in m.source


def test_a_nul_in_a_header_is_refused_not_sent(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    m = simple_mail()
    _put(m, "Header", "\x00")
    assert r.send(s, m) is False
    assert r.code == Err.HEADER_INJECTION
    assert "Header contains a control character (U+0000)" in r.error
    assert smtp_plain.messages == []


def test_a_nul_in_the_body_is_encoded(run):
    r = run()
    m = simple_mail(message="a\x00b\x1bc")
    assert F.email_build_source(r.rt, m)
    assert "Content-Transfer-Encoding: quoted-printable" in m.source
    assert "a=00b=1Bc" in m.source


def test_the_issue_example_through_the_command_line(tmp_path):
    script = tmp_path / "t.wl"
    script.write_text(
        'm is Email\nm.Subject = "Q3 report" + Charact(8232) + "final"\n'
        "Trace(EmailBuildSource(m))\n"
        'm.Subject = "bell" + Charact(7)\n'
        "Trace(EmailBuildSource(m))\nTrace(ErrorInfo())\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "c"),
               XDG_STATE_HOME=str(tmp_path / "s"))
    p = subprocess.run([sys.executable, "-m", "wlmail", "run", str(script)], env=env,
                       capture_output=True, text=True, timeout=120, check=False)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "1" or lines[0].lower() == "true"
    assert lines[1] == "0" or lines[1].lower() == "false"
    assert "Subject contains a control character (U+0007)" in lines[2]
