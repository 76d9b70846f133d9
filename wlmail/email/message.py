"""Turn an Email (or the global Email structure) into the bytes sent after DATA.

Built with Python's `email` package (UTF-8, RFC 2047 headers, proper MIME).  Large
attachments are never encoded into the message object: each attachment part holds a
short marker, and the flattened message is kept as a list of segments in which the
marker is replaced, at send time, by the file's base64 read and encoded chunk by chunk.
A 20 MB attachment therefore never exists as bytes + base64 text + flattened message
at once.
"""
from __future__ import annotations

import base64
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy as _policy
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid
from functools import lru_cache
from io import BytesIO
from typing import Any

from ..runtime.errors import Err, WLFailure
from ..runtime.values import T_STRING, WLArray
from . import mimetypes_table
from .types import EmailAttach

# linesep CRLF, headers folded at 78 and encoded (RFC 2047) when not ASCII.
POLICY = _policy.SMTP

# 57 bytes make one 76-character base64 line; a chunk is a whole number of lines.
_B64_LINE = 57
_CHUNK = _B64_LINE * 1150

_LINE_ENDINGS = re.compile(rb"\r\n|\r|\n")
_LEADING_DOT = re.compile(rb"(?m)^\.")
_HEADER_NAME = re.compile(r"[!-9;-~]+\Z")
# Headers wlmail writes itself: set them with the Email's properties instead.
_RESERVED = {"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
             "content-type", "content-transfer-encoding", "content-disposition", "reply-to",
             "x-priority", "importance", "disposition-notification-to", "sender"}

_PRIORITY_TEXT = {1: ("1 (Highest)", "high"), 2: ("2 (High)", "high"), 3: ("3 (Normal)", "normal"),
                  4: ("4 (Low)", "low"), 5: ("5 (Lowest)", "low")}


class BuildError(WLFailure):
    """Why a message cannot be sent; nothing was sent."""


@dataclass
class B64Source:
    """An attachment's bytes, read and base64-encoded while the message is sent."""
    path: str | None
    data: bytes | None
    size: int

    def encoded_size(self) -> int:
        full, rest = divmod(self.size, _B64_LINE)
        return full * 78 + ((4 * ((rest + 2) // 3) + 2) if rest else 0)

    def chunks(self) -> Iterator[bytes]:
        if self.path is not None:
            with open(self.path, "rb") as f:
                while True:
                    block = f.read(_CHUNK)
                    if not block:
                        break
                    yield base64.encodebytes(block).replace(b"\n", b"\r\n")
        else:
            view = memoryview(self.data or b"")
            for i in range(0, len(view), _CHUNK):
                yield base64.encodebytes(view[i:i + _CHUNK]).replace(b"\n", b"\r\n")


@dataclass
class Outgoing:
    """A message ready for DATA: byte segments (dot-stuffed, CRLF) and attachments."""
    segments: list[bytes | B64Source] = field(default_factory=list)
    envelope_from: str = ""
    recipients: list[str] = field(default_factory=list)
    message_id: str = ""

    def size(self) -> int:
        return sum(len(s) if isinstance(s, bytes) else s.encoded_size() for s in self.segments)

    def chunks(self) -> Iterator[bytes]:
        for s in self.segments:
            if isinstance(s, bytes):
                yield s
            else:
                yield from s.chunks()

    def as_bytes(self) -> bytes:
        """The whole message (dots un-stuffed): what EmailBuildSource shows."""
        data = b"".join(self.chunks())
        return re.sub(rb"(?m)^\.\.", b".", data)


# -- header values ---------------------------------------------------------------------
# Characters that end a line for some reader (Python's str.splitlines, browsers, Word):
# common in text pasted from the web, harmless once they are spaces.
_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_FOLD = {ord(c): " " for c in _SEPARATORS}
# Never in a header: every C0 control but TAB (CR and LF are caught first), DEL, the C1
# controls, the Unicode separators when they are not folded, and lone surrogates (not
# characters: they cannot be encoded at all).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def no_line_break(value: str, what: str) -> str:
    if "\r" in value or "\n" in value:
        raise BuildError(Err.HEADER_INJECTION,
                         f"{what} contains a line break (CR or LF), which could add headers "
                         f"to the message: refused, nothing was sent")
    return value


def header_text(value: str, what: str, *, fold: bool = True) -> str:
    """A header value as it may be sent. CR and LF are refused (header injection); with
    `fold` (text a person reads: Subject, a name, a description, an extra header's
    value, an address with its display name) the other line separators become spaces;
    any other control character is refused, so none is ever sent raw."""
    no_line_break(value, what)
    if fold:
        value = value.translate(_FOLD)
    m = _CONTROL.search(value)
    if m:
        n = ord(m.group())
        kind = "an invalid character" if 0xD800 <= n <= 0xDFFF else "a control character"
        raise BuildError(Err.HEADER_INJECTION,
                         f"{what} contains {kind} (U+{n:04X}), which cannot be sent in a "
                         f"header: refused, nothing was sent")
    return value


# -- addresses -----------------------------------------------------------------------


def _ascii_domain(domain: str, shown: str) -> str:
    try:
        domain.encode("ascii")
        return domain
    except UnicodeEncodeError:
        try:
            return domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise BuildError(Err.BAD_ADDRESS, f'"{shown}" is not a valid email address '
                                              f"(its domain cannot be encoded)") from None


def parse_address(text: str, what: str) -> Address:
    """One address: `ann@example.com`, `<ann@example.com>` or `Ann <ann@example.com>`."""
    return _parse_one(header_text(text, what), what)


@lru_cache(maxsize=64)
def _parse_one(text: str, what: str) -> Address:
    from email.utils import getaddresses
    pairs = getaddresses([text])
    if len(pairs) != 1:
        raise BuildError(Err.BAD_ADDRESS, f'{what} "{text}" is not one email address')
    return _address(pairs[0], text, what)


def _address(pair: tuple[str, str], shown: str, what: str) -> Address:
    name, addr = pair
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in addr) or "@" in domain \
            or "." not in domain and domain != "localhost" and not domain.startswith("["):
        raise BuildError(Err.BAD_ADDRESS, f'{what} "{shown}" is not a valid email address')
    try:
        local.encode("ascii")
    except UnicodeEncodeError:
        raise BuildError(Err.BAD_ADDRESS,
                         f'{what} "{shown}": an address with accented letters before the @ '
                         f"needs SMTPUTF8, which wlmail does not use") from None
    domain = _ascii_domain(domain, shown)
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, TypeError) as exc:
        raise BuildError(Err.BAD_ADDRESS,
                         f'{what} "{shown}" is not a valid email address ({exc})') from None


def parse_list(entries: list[str], what: str) -> list[Address]:
    """Every entry may hold several addresses separated by `;` or `,`."""
    out: list[Address] = []
    for entry in entries:
        entry = header_text(entry, what)
        if entry.strip():
            out.extend(_parse_entry(entry, what))
    return out


@lru_cache(maxsize=512)
def _parse_entry(entry: str, what: str) -> tuple[Address, ...]:
    # Cached: a bulk send repeats the same sender and often the same recipients, and
    # Address objects are immutable.
    from email.utils import getaddresses
    out = []
    plain = _PLAIN_ENTRY.match(entry)
    if plain:
        # `addr` or `Name <addr>` in plain ASCII words: what getaddresses would find,
        # without its parser (a bulk send to many addresses misses the cache).
        pairs = [(plain.group(1) or "", plain.group(2) or plain.group(3))]
    else:
        # WINDEV users separate addresses with ";" as Outlook does.
        pairs = getaddresses([_split_semicolons(entry)])
    for pair in pairs:
        if pair == ("", ""):
            raise BuildError(Err.BAD_ADDRESS, f'{what} "{entry}" is not a valid email address')
        out.append(_address(pair, entry, what))
    return tuple(out)


def _split_semicolons(text: str) -> str:
    out, quoted = [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        out.append("," if ch == ";" and not quoted else ch)
    return "".join(out)


# -- building --------------------------------------------------------------------------
_BODY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text_cte(text: str) -> str:
    try:
        text.encode("ascii")
    except UnicodeEncodeError:
        return "quoted-printable"
    if _BODY_CONTROL.search(text):
        # RFC 5322 text carries no NUL and no other controls: quoted-printable shows
        # them as =00, =1B... instead of sending them raw.
        return "quoted-printable"
    return "7bit" if all(len(line) <= 998 for line in text.splitlines()) else "quoted-printable"


def _attachment_part(att: EmailAttach, marker: str, resolve: Any,
                     inline: bool) -> tuple[MIMEPart, B64Source]:
    name = header_text(att.name, "an attachment's Name")
    ctype = header_text(att.content_type.strip(), "an attachment's ContentType",
                        fold=False) or mimetypes_table.guess(name)
    if "/" not in ctype:
        raise BuildError(Err.ATTACHMENT, f'the ContentType "{ctype}" of attachment "{name}" '
                                         f"is not a MIME type (type/subtype)")
    maintype, subtype = ctype.split("/", 1)
    if maintype.lower() in ("multipart", "message"):
        # Those types may not be base64-encoded (RFC 2046): sent as plain bytes.
        maintype, subtype = "application", "octet-stream"
    ident = header_text(att.identifier.strip(), "an attachment's Identifier",
                        fold=False).strip("<>")
    desc = header_text(att.description, "an attachment's Description")
    path = att.file_path()
    if path is not None:
        p = resolve(path)
        try:
            size = p.stat().st_size
            open(p, "rb").close()   # readable now, not only when the message is sent
        except OSError as exc:
            raise BuildError(Err.ATTACHMENT, f'cannot read the attachment "{path}": '
                                             f"{exc.strerror or exc}") from None
        source = B64Source(str(p), None, size)
    else:
        data = att.content
        source = B64Source(None, data, len(data))
    part = MIMEPart(policy=POLICY)
    # set_content encodes the file name (RFC 2231) and the headers; the payload is then
    # swapped for the marker that the real base64 replaces at send time.
    kwargs: dict[str, Any] = {"disposition": "inline" if inline else "attachment"}
    if name:
        kwargs["filename"] = name
    if ident:
        kwargs["cid"] = f"<{ident}>"
    part.set_content(b"", maintype, subtype, **kwargs)
    if desc:
        part["Content-Description"] = desc
    part.set_payload(marker)
    return part, source


def build(mail: Any, session_name: str, resolve: Any, *, need_recipient: bool = True,
          need_sender: bool = True, header_bcc: bool = False) -> Outgoing:
    """Build the message. `mail` is an Email or the structure; `resolve(path) -> Path`
    turns a script-relative path into a real one. `header_bcc` writes a Bcc header
    (EmailBuildSource's emailOptionHeaderBcc: a source kept as a file, not sent)."""
    out = Outgoing()
    to = parse_list(mail.recipients(), "Recipient")
    cc = parse_list(mail.ccs(), "Cc")
    bcc = parse_list(mail.bccs(), "Bcc")
    if need_recipient and not (to or cc or bcc):
        raise BuildError(Err.NO_RECIPIENT, "the message has no recipient: Recipient, Cc and "
                                           "Bcc are empty, nothing was sent")
    sender_text = mail.sender.strip()
    sender: Address | None = None
    if sender_text:
        sender = parse_address(sender_text, "Sender")
    elif "@" in session_name:
        sender = parse_address(session_name.strip(), "the session's Name")
    elif need_sender:
        raise BuildError(Err.BAD_ADDRESS, "the message has no sender: set Sender (or give the "
                                          "session a Name that is an email address)")
    envelope = sender.addr_spec if sender is not None else ""
    if mail.sender_address.strip():
        envelope = parse_address(mail.sender_address.strip(), "SenderAddress").addr_spec
    out.envelope_from = envelope
    out.recipients = [a.addr_spec for a in to + cc + bcc]

    subject = header_text(mail.subject, "Subject")
    reply_to = parse_list([mail.reply_to], "ReplyTo") if mail.reply_to.strip() else []
    msg_id = header_text(mail.message_id.strip(), "MessageID", fold=False)
    if msg_id and msg_id == getattr(mail, "_auto_id", None):
        # The ID wlmail filled in after an earlier send: a new message needs a new one.
        msg_id = ""
    if msg_id:
        msg_id = msg_id if msg_id.startswith("<") else f"<{msg_id.strip('<>')}>"
    else:
        msg_id = make_msgid(domain=sender.domain if sender is not None else "wlmail.invalid")
    extra: list[tuple[str, str]] = []
    for line in mail.headers():
        line = header_text(line, "Header")
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not _HEADER_NAME.match(name):
            raise BuildError(Err.HEADER_INJECTION,
                             f'Header "{line}" is not a header line ("Name: value")')
        if name.lower() in _RESERVED:
            raise BuildError(Err.HEADER_INJECTION,
                             f"Header: {name} is written by wlmail from the Email's properties; "
                             f"set the property instead")
        extra.append((name, value.strip()))

    fields: list[tuple[str, Any]] = []
    if sender is not None:
        fields.append(("From", sender))
    if to:
        fields.append(("To", to))
    if cc:
        fields.append(("Cc", cc))
    if header_bcc and bcc:
        fields.append(("Bcc", bcc))
    if reply_to:
        fields.append(("Reply-To", reply_to))
    fields.append(("Subject", subject))
    fields.append(("Date", format_datetime(_now())))
    fields.append(("Message-ID", msg_id))
    priority = int(mail.priority or 0)
    if priority:
        x_priority, importance = _PRIORITY_TEXT[priority]
        fields.append(("X-Priority", x_priority))
        fields.append(("Importance", importance))
    if (mail.confirmation or mail.disposition_notification) and sender is not None:
        fields.append(("Disposition-Notification-To", f"<{sender.addr_spec}>"))
    fields.extend(extra)
    out.message_id = msg_id

    text, html = mail.message, mail.html
    attachments = mail.attachments()
    if FAST_PATH and not attachments and not (text and html):
        flat = _plain_flat(fields, html or text, "html" if html else "plain")
        if flat is not None:
            out.segments = _segments(flat, {})
            return out

    msg = EmailMessage(policy=POLICY)
    for name, value in fields:
        msg[name] = value
    if html:
        if text:
            msg.set_content(text, subtype="plain", charset="utf-8", cte=_text_cte(text))
            msg.add_alternative(html, subtype="html", charset="utf-8", cte=_text_cte(html))
            # add_alternative made msg multipart: its second part is the HTML one.
            # (Any: typeshed types a payload's parts as plain Messages.)
            payload: Any = msg.get_payload()
            html_part: Any = payload[1]
        else:
            msg.set_content(html, subtype="html", charset="utf-8", cte=_text_cte(html))
            html_part = msg
    else:
        msg.set_content(text, subtype="plain", charset="utf-8", cte=_text_cte(text))
        html_part = None

    sources: dict[bytes, B64Source] = {}
    token = secrets.token_hex(8) if attachments else ""
    inline = [a for a in attachments if html_part is not None and a.identifier.strip()]
    regular = [a for a in attachments if a not in inline]
    if inline:
        assert html_part is not None   # inline parts are only taken with an HTML body
        html_part.make_related()
        for att in inline:
            marker = f"WLMAIL{token}PART{len(sources)}"
            part, src = _attachment_part(att, marker, resolve, True)
            html_part.attach(part)
            sources[marker.encode()] = src
    if regular:
        msg.make_mixed()
        for att in regular:
            marker = f"WLMAIL{token}PART{len(sources)}"
            part, src = _attachment_part(att, marker, resolve, False)
            msg.attach(part)  # type: ignore[arg-type]  # a MIMEPart, as the email docs attach them
            sources[marker.encode()] = src

    for sub in msg.walk():
        # add_alternative builds its part as a whole EmailMessage, MIME-Version included;
        # only the top of a message carries it.
        if sub is not msg and "MIME-Version" in sub:
            del sub["MIME-Version"]
    buf = BytesIO()
    BytesGenerator(buf, mangle_from_=False, policy=POLICY).flatten(msg)
    flat = buf.getvalue()
    del buf, msg
    out.segments = _segments(flat, sources)
    return out


# -- the plain path: what the email package would write, without its parsers ------------
# Most messages a script sends in bulk are one ASCII text (or HTML) part with short ASCII
# headers. For those the email package's header parsing and refolding (most of the time
# of a small send) changes nothing, so the bytes are written here directly. Anything
# else (non-ASCII, a header that needs folding or quoting, an encoded-word look-alike,
# several parts, attachments) goes through the email package. tests/email/
# test_plain_build.py checks that both ways give the same bytes.
FAST_PATH = True
# A header value the email package writes back unchanged: printable ASCII words separated
# by single spaces, no "=?" (it could be read as an RFC 2047 encoded word).
_PLAIN_VALUE = re.compile(r"[!-~]+(?: [!-~]+)*\Z")
# A display name of atext words (no specials: nothing to quote) and a dot-atom address.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_NAME = re.compile(rf"{_ATEXT}(?: {_ATEXT})*\Z")
_PLAIN_ADDR = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\Z")
# Headers the email package parses as structured (addresses, dates, MIME...): only the
# ones wlmail formats itself take the plain path.
_STRUCTURED = {"subject", "date", "resent-date", "orig-date", "sender", "resent-sender",
               "to", "resent-to", "cc", "resent-cc", "bcc", "resent-bcc", "from",
               "resent-from", "reply-to", "mime-version", "content-type",
               "content-disposition", "content-transfer-encoding", "message-id"}
_OWN = {"From", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date", "Message-ID"}
_DOT_ATOM_ADDR = rf"{_ATEXT}(?:\.{_ATEXT})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_PLAIN_ENTRY = re.compile(rf"\s*(?:({_ATEXT}(?: {_ATEXT})*) <({_DOT_ATOM_ADDR})>|"
                          rf"({_DOT_ATOM_ADDR}))\s*\Z")


def _plain_address(a: Address) -> str | None:
    addr = a.addr_spec
    if not _PLAIN_ADDR.match(addr):
        return None
    name = a.display_name
    if not name:
        return addr
    return f"{name} <{addr}>" if _PLAIN_NAME.match(name) else None


def _plain_flat(fields: list[tuple[str, Any]], body: str, subtype: str) -> bytes | None:
    """The flattened message, or None when the email package must write it."""
    if _text_cte(body) != "7bit":
        return None
    lines = []
    for name, value in fields:
        if isinstance(value, (Address, list)):
            shown = []
            for a in (value if isinstance(value, list) else [value]):
                one = _plain_address(a)
                if one is None:
                    return None
                shown.append(one)
            text = ", ".join(shown)
        elif name not in _OWN and name.lower() in _STRUCTURED:
            return None
        else:
            text = value
        if "=?" in text or not _PLAIN_VALUE.match(text):
            return None
        line = f"{name}: {text}"
        if len(line) > 78:
            return None
        lines.append(line)
    lines.append(f'Content-Type: text/{subtype}; charset="utf-8"')
    lines.append("Content-Transfer-Encoding: 7bit")
    lines.append("MIME-Version: 1.0")
    head = "\r\n".join(lines).encode("ascii")
    return head + b"\r\n\r\n" + b"\r\n".join(body.encode("ascii").splitlines()) + b"\r\n"


def _now():
    from datetime import datetime
    return datetime.fromtimestamp(time.time()).astimezone()


def _stuff(data: bytes) -> bytes:
    data = _LINE_ENDINGS.sub(b"\r\n", data)
    return _LEADING_DOT.sub(b"..", data)


def _segments(flat: bytes, sources: dict[bytes, B64Source]) -> list[bytes | B64Source]:
    if not flat.endswith(b"\r\n"):
        flat += b"\r\n"
    if not sources:
        return [_stuff(flat)]
    pattern = re.compile(b"(" + b"|".join(re.escape(m) for m in sources) + rb")\r\n")
    out: list[bytes | B64Source] = []
    pos = 0
    for m in pattern.finditer(flat):
        out.append(_stuff(flat[pos:m.start()]))
        out.append(sources[m.group(1)])
        pos = m.end()
    out.append(_stuff(flat[pos:]))
    return [s for s in out if not (isinstance(s, bytes) and not s)]


# -- a ready-made source (EmailSend) -------------------------------------------------
def from_source(data: bytes, envelope: Any = None) -> Outgoing:
    """A message already in RFC 5322 form; Bcc lines are taken out before it is sent.
    The envelope comes from `envelope` (the Email structure) when it has recipients —
    its Bcc included, which the file does not show — and otherwise from the headers."""
    from email.parser import BytesHeaderParser
    from email.utils import getaddresses
    data = _LINE_ENDINGS.sub(b"\r\n", data)
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, body = data, b""
    headers = BytesHeaderParser(policy=_policy.compat32).parsebytes(head + b"\r\n\r\n")
    out = Outgoing()
    senders = getaddresses(headers.get_all("Sender", []) or headers.get_all("From", []))
    if not senders or not senders[0][1]:
        raise BuildError(Err.BAD_ADDRESS, "the message source has no From header")
    out.envelope_from = senders[0][1]
    rcpts = getaddresses(headers.get_all("To", []) + headers.get_all("Cc", []) +
                         headers.get_all("Bcc", []))
    out.recipients = [a for _, a in rcpts if a]
    if envelope is not None:
        to = parse_list(envelope.recipients(), "Email.Recipient")
        cc = parse_list(envelope.ccs(), "Email.Cc")
        bcc = parse_list(envelope.bccs(), "Email.Bcc")
        if to or cc or bcc:
            out.recipients = [a.addr_spec for a in to + cc + bcc]
            if envelope.sender_address.strip():
                out.envelope_from = parse_address(envelope.sender_address.strip(),
                                                  "Email.SenderAddress").addr_spec
            elif envelope.sender.strip():
                out.envelope_from = parse_address(envelope.sender.strip(),
                                                  "Email.Sender").addr_spec
    if not out.recipients:
        raise BuildError(Err.NO_RECIPIENT, "the message source has no recipient "
                                           "(no To, Cc or Bcc header), nothing was sent")
    out.message_id = (headers.get("Message-ID") or "").strip()
    kept: list[bytes] = []
    skipping = False
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        skipping = line.split(b":", 1)[0].strip().lower() == b"bcc"
        if not skipping:
            kept.append(line)
    ending = b"" if body.endswith(b"\r\n") or not body else b"\r\n"
    out.segments = [_stuff(b"\r\n".join(kept) + b"\r\n\r\n" + body + ending)]
    return out


def remember_id(mail: Any, message_id: str) -> None:
    """Fill ID / MessageID after a send or EmailBuildSource."""
    mail.message_id = message_id
    mail._auto_id = message_id


def source_text(out: Outgoing) -> str:
    return out.as_bytes().decode("ascii", "replace")


# -- the other way: an Email from its source (EmailImportSource) ----------------------
# No error number of its own yet (the numbers live in wlmail/runtime/errors.py): an
# unreadable Source is reported under the generic email error.
_BAD_SOURCE = Err.SMTP_ERROR
_PRIORITY_FROM_HEADER = {"1": 1, "2": 1, "3": 3, "4": 5, "5": 5}


def import_source(mail: Any, source: str) -> None:
    """Fill `mail` (an Email or the structure) from RFC 5322 text: the properties a
    script reads (Sender, Recipient, Cc, Bcc, ReplyTo, Subject, Message, HTML,
    Priority, MessageID, the attachments and the other headers). Source stays as it was."""
    text = source.strip("\r\n")
    if not text:
        raise BuildError(_BAD_SOURCE, "Source is empty: there is no message to import "
                                         "(fill Source first, e.g. with fLoadText)")
    data = text.encode("utf-8", "surrogateescape")
    try:
        msg: Any = BytesParser(policy=_policy.default).parsebytes(data)
    except Exception as exc:   # the email package's parse errors have no common base
        raise BuildError(_BAD_SOURCE, f"Source is not an RFC 5322 message: {exc}") from None
    if not msg.keys():
        raise BuildError(_BAD_SOURCE, "Source is not an RFC 5322 message: it has no "
                                         "header lines")
    kept_source = source
    mail.reset()
    mail.source = kept_source

    def addresses(name: str) -> list[str]:
        return [str(a) for h in msg.get_all(name, []) for a in getattr(h, "addresses", ())]

    mail.sender = str(msg.get("From", "") or "")
    mail.set_recipient(WLArray(T_STRING, addresses("To")))
    mail.set_cc(WLArray(T_STRING, addresses("Cc")))
    mail.set_bcc(WLArray(T_STRING, addresses("Bcc")))
    mail.reply_to = str(msg.get("Reply-To", "") or "")
    mail.subject = str(msg.get("Subject", "") or "")
    mail.message_id = str(msg.get("Message-ID", "") or "").strip()
    x_priority = str(msg.get("X-Priority", "") or "").strip()[:1]
    mail.priority = _PRIORITY_FROM_HEADER.get(x_priority, 0)
    if msg.get("Disposition-Notification-To"):
        mail.confirmation = True
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    # The builder ends each body with a line ending; the property had none.
    mail.message = _one_line_end_less(plain.get_content()) if plain is not None else ""
    mail.html = _one_line_end_less(html.get_content()) if html is not None else ""
    for part in msg.walk():
        if part.is_multipart() or part is plain or part is html:
            continue
        att = EmailAttach()
        att.name = part.get_filename() or ""
        att.content = part.get_payload(decode=True) or b""
        att.content_type = part.get_content_type()
        att.identifier = str(part.get("Content-ID", "") or "").strip().strip("<>")
        att.description = str(part.get("Content-Description", "") or "")
        mail.add_attachment(att)
    extra = [f"{k}: {v}" for k, v in msg.items() if k.lower() not in _RESERVED
             and k.lower() not in _IMPORTED]
    mail.set_header(WLArray(T_STRING, extra))


def _one_line_end_less(text: str) -> str:
    for end in ("\r\n", "\n"):
        if text.endswith(end):
            return text[: -len(end)]
    return text


_IMPORTED = {"reply-to", "x-priority", "importance", "disposition-notification-to",
             "content-type", "content-transfer-encoding", "sender", "received",
             "return-path"}
