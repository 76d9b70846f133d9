"""A message read from a server, parsed with Python's `email` package into an Email
variable or the global Email structure of legacy scripts."""
from __future__ import annotations

import email.policy
import email.utils
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from ..email.types import Email, EmailAttach, EmailStructure
from .client import Fetched

_PARSER = BytesParser(policy=email.policy.default)


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:   # a header too broken to decode: give it as it was written
        value = msg.get_all(name, failobj=[""])[0] if msg.get_all(name) else ""
    return "" if value is None else str(value).strip()


def _addresses(msg: EmailMessage, name: str) -> list[str]:
    raw = [str(v) for v in msg.get_all(name, [])]
    return [email.utils.formataddr(pair) if pair[0] else pair[1]
            for pair in email.utils.getaddresses(raw) if pair[1]]


def _body(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body(preferencelist=(subtype,))
    if part is None or part.is_attachment():
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):   # an unknown charset: read it as Latin-1, loses nothing
        payload = part.get_payload(decode=True)
        content = payload.decode("latin-1") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def receive_date(msg: EmailMessage, fetched: Fetched) -> str:
    """When the message arrived, as a WINDEV DateTime string (YYYYMMDDHHMMSS, local
    time): IMAP's INTERNALDATE, else the date of the newest Received header, else Date."""
    candidates: list[str] = []
    if fetched.internal_date:
        candidates.append(fetched.internal_date)
    received = msg.get_all("Received", [])
    if received:
        candidates.append(str(received[0]).rpartition(";")[2])
    candidates.append(_header(msg, "Date"))
    for text in candidates:
        when = _parse_date(text.strip())
        if when is not None:
            return when
    return ""


def _parse_date(text: str) -> str | None:
    if not text:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        # IMAP INTERNALDATE: "01-Dec-2026 23:40:00 +0000"
        import datetime
        try:
            dt = datetime.datetime.strptime(text, "%d-%b-%Y %H:%M:%S %z")
        except ValueError:
            return None
    if dt.tzinfo is not None:
        dt = dt.astimezone()
    return dt.strftime("%Y%m%d%H%M%S")


def attachments(msg: EmailMessage) -> list[EmailAttach]:
    out = []
    for part in msg.iter_attachments():
        if part.is_multipart():
            continue
        att = EmailAttach()
        att.name = part.get_filename() or ""
        payload = part.get_payload(decode=True)
        att.content = payload if isinstance(payload, bytes) else b""
        att.content_type = part.get_content_type()
        att.identifier = (part.get("Content-ID") or "").strip().strip("<>")
        desc = part.get("Content-Description")
        att.description = str(desc) if desc else ""
        out.append(att)
    return out


def fill(target: Email | EmailStructure, fetched: Fetched) -> None:
    """Replace what `target` holds with the message read."""
    msg: Any = _PARSER.parsebytes(fetched.raw)
    target.reset()
    target.sender = _header(msg, "From")
    target.sender_address = email.utils.parseaddr(target.sender)[1]
    target.reply_to = _header(msg, "Reply-To")
    target.subject = _header(msg, "Subject")
    target.message_id = _header(msg, "Message-ID")
    target.message = _body(msg, "plain")
    target.html = _body(msg, "html")
    target.receive_date = receive_date(msg, fetched)
    target.out = False
    target.source = fetched.raw.decode("utf-8", "replace")
    recipients, ccs = _addresses(msg, "To"), _addresses(msg, "Cc")
    atts = attachments(msg)
    if isinstance(target, EmailStructure):
        target.recipient.items = recipients
        target.nb_recipient = len(recipients)
        target.cc.items = ccs
        target.nb_cc = len(ccs)
        # The structure's Attach holds file names; the bytes are kept beside them.
        target.attach.items = [a.name for a in atts]
        target.nb_attach = len(atts)
        target._received = atts   # for EmailSaveAttachment(Name, Path)
    else:
        target.recipient.items = recipients
        target.cc.items = ccs
        target.attach.items = atts
