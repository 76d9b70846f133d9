"""Reading mail from a real Dovecot (tests/dovecot_server.py) over IMAP and POP3: `.wl`
scripts in tests/reading/wl run with `wlmail run` (their expected output beside them in
.out files), and Python-level checks of what a read Email holds, byte for byte."""
from __future__ import annotations

import io
import shutil
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from dovecot_server import PASSWORD, USER
from wlmail.domains import load_all
from wlmail.email import functions as EF
from wlmail.email.types import OPTION_SSL, OPTION_STARTTLS, Email
from wlmail.reading import functions as RF
from wlmail.reading.types import EmailIMAPSession, EmailPOP3Session
from wlmail.runtime.context import Context, RunOptions
from wltest import run_wl

load_all()

WL = Path(__file__).resolve().parent / "wl"
PDF = bytes(range(256)) * 40 + b"\r\n.\r\n..end"   # every byte value, a lone dot line


def _plain() -> bytes:
    m = EmailMessage()
    m["From"] = "Zoé Martin <zoe@example.org>"
    m["To"] = "reader@example.org"
    m["Subject"] = "Réunion de lundi"
    m["Date"] = "Mon, 30 Nov 2026 09:15:00 +0000"
    m["Message-ID"] = "<plain-1@example.org>"
    m.set_content("Bonjour,\nà lundi.\n")
    return bytes(m)


def _with_attachment() -> bytes:
    m = EmailMessage()
    m["From"] = "Billing <billing@example.com>"
    m["To"] = "Reader <reader@example.org>, boss@example.org"
    m["Cc"] = "archive@example.org"
    m["Subject"] = "Invoice 42"
    m["Date"] = "Tue, 01 Dec 2026 10:00:00 +0100"
    m["Message-ID"] = "<invoice-42@example.com>"
    m.set_content("Your invoice is attached.\n")
    m.add_alternative("<p>Your <b>invoice</b> is attached.</p>\n", subtype="html")
    m.add_attachment(PDF, maintype="application", subtype="pdf", filename="facture 42.pdf")
    return bytes(m)


PLAIN, INVOICE = _plain(), _with_attachment()


@pytest.fixture
def mailbox(dovecot: Any, smtp_tls_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """The INBOX holds the two messages (the second one seen); the scripts find the
    server in READ_* variables and trust its certificate through SSL_CERT_FILE."""
    dovecot.clear()
    dovecot.deliver(PLAIN)
    dovecot.deliver(INVOICE, seen=True)
    for name, value in (("READ_HOST", dovecot.host), ("READ_USER", USER),
                        ("READ_PASSWORD", PASSWORD),
                        ("READ_IMAP_PORT", str(dovecot.imap_port)),
                        ("READ_POP3_PORT", str(dovecot.pop3_port)),
                        ("READ_POP3S_PORT", str(dovecot.pop3s_port))):
        monkeypatch.setenv(name, value)
    return dovecot


def _run_script(tmp_path: Path, name: str) -> tuple[int, str, str]:
    script = tmp_path / name
    shutil.copy(WL / name, script)
    status, out, err = run_wl(script)
    assert PASSWORD not in out + err
    assert "Traceback" not in out + err
    return status, out, err


@pytest.mark.parametrize("name", ["read_imap_en.wl", "read_pop3_fr.wl",
                                  "wrong_password_en.wl"])
def test_scripts_read_the_mailbox(tmp_path, mailbox, name):
    status, out, err = _run_script(tmp_path, name)
    # Bytes, not text: the message bodies keep their CR LF line ends.
    expected = (WL / name).with_suffix(".out").read_bytes().decode("utf-8")
    assert (status, err) == (0, "")
    assert out == expected


def test_imap_delete_really_removes_the_message(tmp_path, mailbox):
    status, out, _ = _run_script(tmp_path, "read_imap_en.wl")
    assert status == 0 and out.splitlines()[-1] == "left: 1"
    assert mailbox.count() == 1


class _Run:
    def __init__(self, folder: Path) -> None:
        self.out = io.StringIO()
        self.rt = Context(folder / "script.wl", RunOptions(), stdout=self.out, stderr=self.out)


def _session(kind: type, dovecot: Any, port: int, option: int) -> Any:
    s = kind()
    s.server_address, s.port, s.option = dovecot.host, port, option
    s.name, s.password = USER, PASSWORD
    return s


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_a_read_email_holds_the_message_byte_for_byte(tmp_path, mailbox, protocol):
    run = _Run(tmp_path)
    if protocol == "imap":
        s = _session(EmailIMAPSession, mailbox, mailbox.imaps_port, OPTION_SSL)
    else:
        s = _session(EmailPOP3Session, mailbox, mailbox.pop3_port, OPTION_STARTTLS)
    assert EF.email_start_session(run.rt, s), run.rt.error.message
    assert RF.email_nb_message(run.rt, s) == 2
    mails = []
    for first in (True, False):
        m = Email()
        read = RF.email_read_first if first else RF.email_read_next
        assert read(run.rt, s, m), run.rt.error.message
        mails.append(m)
    end = Email()
    assert RF.email_read_next(run.rt, s, end) is False and end.out is True
    assert not run.rt.error.message
    by_subject = {m.subject: m for m in mails}
    plain, invoice = by_subject["Réunion de lundi"], by_subject["Invoice 42"]
    assert plain.sender == "Zoé Martin <zoe@example.org>"
    # The text as it came over the wire: CR LF line ends, which is WINDEV's CR.
    assert plain.message == "Bonjour,\r\nà lundi.\r\n" and plain.html == ""
    assert plain.message_id == "<plain-1@example.org>"
    assert len(plain.receive_date) == 14 and plain.receive_date.isdigit()
    assert invoice.recipients() == ["Reader <reader@example.org>", "boss@example.org"]
    assert invoice.ccs() == ["archive@example.org"]
    assert invoice.html == "<p>Your <b>invoice</b> is attached.</p>\r\n"
    (att,) = invoice.attachments()
    assert (att.name, att.content_type, att.content) == ("facture 42.pdf", "application/pdf",
                                                         PDF)
    assert invoice.source.replace("\r\n", "\n") == \
        INVOICE.decode().replace("\r\n", "\n")
    assert EF.email_close_session(run.rt, s)
    run.rt.close()
    # Reading changed nothing: both messages are still there.
    assert mailbox.count() == 2


def test_every_wait_is_bounded_by_the_timeout(tmp_path, mailbox):
    """A server that accepts the connection and never speaks: EmailStartSession gives up
    after EmailSetTimeOut's value, False with ErrorInfo, no exception."""
    import socket
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        run = _Run(tmp_path)
        EF.email_set_timeout(run.rt, 0.3)
        s = _session(EmailIMAPSession, mailbox, silent.getsockname()[1], 0)
        assert EF.email_start_session(run.rt, s) is False
        assert "did not answer within 0.3 s" in run.rt.error.message
        run.rt.close()


def test_a_wrong_certificate_is_refused(tmp_path, mailbox, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")
    run = _Run(tmp_path)
    s = _session(EmailPOP3Session, mailbox, mailbox.pop3s_port, OPTION_SSL)
    assert EF.email_start_session(run.rt, s) is False
    assert "certificate" in run.rt.error.message and "not trusted" in run.rt.error.message
    run.rt.close()


def test_pop3_deletes_at_quit_and_the_numbering_does_not_shift(tmp_path, mailbox):
    run = _Run(tmp_path)
    s = _session(EmailPOP3Session, mailbox, mailbox.pop3s_port, OPTION_SSL)
    assert EF.email_start_session(run.rt, s), run.rt.error.message
    first = Email()
    assert RF.email_read_first(run.rt, s, first)
    assert RF.email_delete_message(run.rt, s), run.rt.error.message
    assert RF.email_nb_message(run.rt, s) == 1
    # Deleting twice is refused, with ErrorInfo, and the next message is still the next.
    assert RF.email_delete_message(run.rt, s) is False
    assert "already deleted" in run.rt.error.message
    second = Email()
    assert RF.email_read_next(run.rt, s, second)
    assert {first.subject, second.subject} == {"Réunion de lundi", "Invoice 42"}
    assert mailbox.count() == 2          # POP3: nothing is deleted before QUIT
    assert EF.email_close_session(run.rt, s)
    assert EF.email_close_session(run.rt, s)   # twice is harmless
    assert mailbox.count() == 1
    run.rt.close()
