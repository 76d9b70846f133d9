"""A message read from a server, parsed with Python's `email` package into an Email
variable or the global Email structure of legacy scripts."""
from __future__ import annotations

import binascii
import contextlib
import email.errors
import email.header
import email.policy
import email.utils
import functools
from email.message import EmailMessage
from email.parser import BytesFeedParser
from typing import Any

from ..email.types import Email, EmailAttach, EmailStructure
from .client import Fetched

# Fed to the parser a slice at a time: `BytesParser.parsebytes` decodes the whole message
# into one string and splits it into lines at once, about eight times the message's size
# at its peak (50 MB: 390 MB); fed in slices, the parser holds only the lines of the part
# it is reading (docs/reading.md, "Memory").
_SLICE = 1 << 20


class _ParsedHeaders(email.policy.EmailPolicy):
    """`email.policy.default`, except that a header value is parsed once: the package
    parses a header again at every access (`get_content_type` alone reads Content-Type
    nine times per message read), and most header values repeat from message to message
    (Content-Type, MIME-Version...).  Header objects are immutable, so sharing them is
    safe.  Two thirds of the time of reading 1,000 headers went there (bench/read_imap.py)."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        key = (name, value)
        parsed = _PARSED.get(key)
        if parsed is None:
            parsed = super().header_fetch_parse(name, value)
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[key] = parsed
        return parsed


_PARSED: dict[tuple[str, str], Any] = {}
_PARSED_MAX = 4096
_POLICY = _ParsedHeaders()


def parse_message(raw: bytes) -> Any:
    parser = BytesFeedParser(policy=_POLICY)
    view = memoryview(raw)
    for start in range(0, len(raw), _SLICE):
        parser.feed(bytes(view[start:start + _SLICE]))
    return parser.close()


def _raw(msg: EmailMessage, name: str) -> list[str]:
    """The header's values as written, without the policy's parsing (which raises on
    some broken headers: an address list with an unclosed quote, a bad group)."""
    wanted = name.lower()
    return [str(v) for k, v in msg.raw_items() if k.lower() == wanted]


def _decoded(value: str) -> str:
    # The encoded words of a header the policy could not parse, decoded one by one.
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, ValueError, email.errors.HeaderParseError):
        return value


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:   # a header too broken to decode: give it as it was written
        values = _raw(msg, name)
        value = _decoded(values[0]) if values else ""
    return "" if value is None else str(value).strip()


def _message_id(msg: EmailMessage) -> str:
    # As written, unfolded: what the policy's parse gives for a message identifier (ASCII,
    # no encoded words), without parsing a value that is new in every message.
    values = _raw(msg, "Message-ID")
    return "".join(values[0].splitlines()).strip() if values else ""


def _addresses(msg: EmailMessage, name: str) -> list[str]:
    try:
        raw = [str(v) for v in msg.get_all(name, [])]
    except Exception:   # the policy's parser failed on it: the header as written
        raw = [_decoded(v) for v in _raw(msg, name)]
    return list(_address_list(tuple(raw)))


# The same senders and recipients come back message after message: each list is split
# into addresses once (a pure function of the header's text).
@functools.lru_cache(maxsize=4096)
def _address_list(raw: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_formatted(name, address)
                 for name, address in email.utils.getaddresses(list(raw)) if address)


@functools.lru_cache(maxsize=4096)
def _address_of(sender: str) -> str:
    return email.utils.parseaddr(sender)[1]


def _formatted(name: str, address: str) -> str:
    if not name:
        return address
    try:
        return email.utils.formataddr((name, address))
    except UnicodeError:   # an address that is not ASCII: as it was written
        return f"{name} <{address}>"


# The `email` package's header parser raises IndexError or ValueError on some broken
# parameters (an unterminated RFC 2231 value, a NUL in a charset name): the parts of a
# message are then found by their raw headers instead, so that it reads as far as it goes.
_BROKEN = (IndexError, ValueError, LookupError, TypeError, AttributeError,
           email.errors.MessageError)


def _disposition(part: Any) -> str:
    values = _raw(part, "Content-Disposition")
    return values[0].split(";", 1)[0].strip().lower() if values else ""


def _body(msg: EmailMessage, subtype: str) -> str:
    try:
        part = msg.get_body(preferencelist=(subtype,))
        if part is not None and part.is_attachment():
            part = None
    except _BROKEN:
        part = next((p for p in msg.walk() if not p.is_multipart()
                     and p.get_content_type() == f"text/{subtype}"
                     and _disposition(p) != "attachment"), None)
    if part is None:
        return ""
    try:
        content = part.get_content()
    except _BROKEN:   # an unknown charset: read it as Latin-1, loses nothing
        payload = part.get_payload(decode=True)
        content = payload.decode("latin-1") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def receive_date(msg: EmailMessage, fetched: Fetched) -> str:
    """When the message arrived, as a WINDEV DateTime string (YYYYMMDDHHMMSS, local
    time): IMAP's INTERNALDATE, else the date of the newest Received header, else Date."""
    # Each candidate is looked at only when the one before gives no date: parsing Date
    # with the policy costs as much as the Subject, for a value seldom used.
    when = _parse_date(fetched.internal_date.strip()) if fetched.internal_date else None
    if when is None:
        received = _raw(msg, "Received")
        if received:
            when = _parse_date(received[0].rpartition(";")[2].strip())
    if when is None:
        when = _parse_date(_header(msg, "Date"))
    return when or ""


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


def _content(part: Any) -> bytes:
    """A part's bytes, its transfer encoding undone.  Base64 directly with binascii:
    `get_payload(decode=True)` splits the text into lines and joins them again first,
    three copies of a 50 MB attachment at once."""
    raw = part.get_payload()
    encoding = _raw(part, "Content-Transfer-Encoding")
    if isinstance(raw, str) and encoding and encoding[0].strip().lower() == "base64":
        # Bad padding: the package's own decoding below repairs what it can.
        with contextlib.suppress(binascii.Error, ValueError):
            return binascii.a2b_base64(raw.encode("ascii", "surrogateescape"))
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def attachments(msg: EmailMessage) -> list[EmailAttach]:
    try:
        parts = [p for p in msg.iter_attachments() if not p.is_multipart()]
    except _BROKEN:
        parts = [p for p in msg.walk() if not p.is_multipart() and p is not msg
                 and (_disposition(p) == "attachment" or not
                      p.get_content_type().startswith("text/"))]
    out = []
    for part in parts:
        att = EmailAttach()
        try:
            att.name = part.get_filename() or ""
        except _BROKEN:
            att.name = ""
        att.content = _content(part)
        att.content_type = part.get_content_type()
        att.identifier = _header(part, "Content-ID").strip("<>")
        att.description = _header(part, "Content-Description")
        out.append(att)
    return out


def fill(target: Email | EmailStructure, fetched: Fetched) -> None:
    """Replace what `target` holds with the message read."""
    msg: Any = parse_message(fetched.raw)
    target.reset()
    target.sender = _header(msg, "From")
    target.sender_address = _address_of(target.sender)
    target.reply_to = _header(msg, "Reply-To")
    target.subject = _header(msg, "Subject")
    target.message_id = _message_id(msg)
    # A header read alone has no body to look for (walking the parts asks Content-Type
    # again and again: a tenth of the time of reading a header).
    if not fetched.header_only:
        target.message = _body(msg, "plain")
        target.html = _body(msg, "html")
    target.receive_date = receive_date(msg, fetched)
    target.out = False
    target.source = fetched.raw.decode("utf-8", "replace")
    recipients, ccs = _addresses(msg, "To"), _addresses(msg, "Cc")
    atts = [] if fetched.header_only else attachments(msg)
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
