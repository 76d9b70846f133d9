"""The mailbox on the other end: one POP3 or IMAP connection (poplib, imaplib).

Blocking calls on a socket whose time-out is EmailSetTimeOut's value: each connect, TLS
handshake, command and read waits at most that long (the same per-operation rule as
SMTP).  The interpreter runs one statement at a time, so a worker thread or the event
loop would add a hand-off and bound nothing more: see docs/reading.md.
"""
from __future__ import annotations

import abc
import contextlib
import imaplib
import poplib
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..email.types import OPTION_SSL, OPTION_STARTTLS
from .foldernames import utf7_encode

# A received message may have lines longer than poplib's 2,048-byte guard (some
# mailers write 10 KB base64 or HTML lines); RFC 5322 allows 998 but real mail goes
# beyond.  imaplib reads literals by size and has no such limit.
POP3_MAX_LINE = 1 << 20


class MailboxError(Exception):
    """A refusal or a failure, with the server's own words when it said any."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind   # "auth", "protocol", "tls_not_offered"


@dataclass
class Fetched:
    """One message as the server gave it."""

    raw: bytes
    uid: str
    internal_date: str = ""   # IMAP INTERNALDATE text, "" for POP3
    size: int = 0             # the size the server gives (0: len(raw))
    seen: bool | None = None  # IMAP's Seen flag; None where the server keeps none (POP3)
    header_only: bool = False  # only the header was asked: no body, no attachments


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if v is not None)
    return str(value)


def _transport_failure(exc: poplib.error_proto) -> None:
    """poplib reports a closed connection and an endless line with the same exception as
    a server's -ERR: those are raised as they are (the session is then broken), not
    taken for the server's refusal."""
    text = _text(exc.args[0] if exc.args else "")
    if text in ("-ERR EOF", "line too long") or not text.startswith("-ERR"):
        raise exc


class Mailbox(abc.ABC):
    """What a reading session needs from its server: the identifiers of the messages
    present when it started, a message's bytes, delete, and goodbye."""

    ids: list[str]

    @abc.abstractmethod
    def fetch(self, ident: str) -> Fetched: ...

    @abc.abstractmethod
    def delete(self, ident: str) -> None: ...

    @abc.abstractmethod
    def close(self) -> None: ...


class POP3Box(Mailbox):
    def __init__(self, host: str, port: int, option: int, user: str, password: str,
                 timeout: float | None, context: ssl.SSLContext,
                 authenticate: Callable[[Any], None] | None = None) -> None:
        # A module-level guard in poplib (not in its stubs): raised, never lowered.
        poplib._MAXLINE = max(getattr(poplib, "_MAXLINE", 0),  # type: ignore[attr-defined]
                              POP3_MAX_LINE)
        self.client: poplib.POP3
        if option == OPTION_SSL:
            self.client = poplib.POP3_SSL(host, port, timeout=timeout,  # type: ignore[arg-type]
                                          context=context)
        else:
            self.client = poplib.POP3(host, port, timeout=timeout)  # type: ignore[arg-type]
        try:
            if option == OPTION_STARTTLS:
                try:
                    caps = self.client.capa()
                except poplib.error_proto as exc:
                    # poplib words every CAPA failure "not supported": the cause is
                    # the exception it replaced.
                    cause = exc.__context__
                    _transport_failure(cause if isinstance(cause, poplib.error_proto) else exc)
                    caps = {}
                if "STLS" not in caps:
                    raise MailboxError("tls_not_offered",
                                       "the POP3 server does not offer STLS (STARTTLS)")
                self.client.stls(context=context)
            try:
                if authenticate is not None:   # XOAUTH2 (auth.py) instead of USER / PASS
                    authenticate(self.client)
                else:
                    self.client.user(user)
                    self.client.pass_(password)
            except poplib.error_proto as exc:
                _transport_failure(exc)
                raise MailboxError("auth", _text(exc.args[0] if exc.args else exc)) from None
            count = int(self.client.stat()[0])
        except BaseException:
            self._drop()
            raise
        self.ids = [str(n) for n in range(1, count + 1)]

    def fetch(self, ident: str) -> Fetched:
        try:
            _, lines, _ = self.client.retr(int(ident))
        except poplib.error_proto as exc:
            _transport_failure(exc)
            raise MailboxError("protocol", _text(exc.args[0] if exc.args else exc)) from None
        # poplib has already undone the dot-stuffing of each line.
        return Fetched(raw=b"\r\n".join(lines) + b"\r\n", uid=ident)

    def delete(self, ident: str) -> None:
        try:
            self.client.dele(int(ident))
        except poplib.error_proto as exc:
            _transport_failure(exc)
            raise MailboxError("protocol", _text(exc.args[0] if exc.args else exc)) from None

    def close(self) -> None:
        # POP3 deletes the messages marked with DELE only when QUIT is answered.
        try:
            self.client.quit()
        finally:
            self._drop()

    def _drop(self) -> None:
        with contextlib.suppress(OSError):
            self.client.close()


_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')
_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")


class IMAPBox(Mailbox):
    def __init__(self, host: str, port: int, option: int, user: str, password: str,
                 timeout: float | None, context: ssl.SSLContext, folder: str,
                 authenticate: Callable[[Any], None] | None = None) -> None:
        self.client: imaplib.IMAP4
        if option == OPTION_SSL:
            self.client = imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=timeout)
        else:
            self.client = imaplib.IMAP4(host, port, timeout=timeout)
        try:
            if option == OPTION_STARTTLS:
                if "STARTTLS" not in self.client.capabilities:
                    raise MailboxError("tls_not_offered",
                                       "the IMAP server does not offer STARTTLS")
                self.client.starttls(ssl_context=context)
            try:
                if authenticate is not None:   # XOAUTH2 (auth.py) instead of LOGIN
                    authenticate(self.client)
                else:
                    self.client.login(user, password)
            except imaplib.IMAP4.abort:
                raise      # the connection broke: not a verdict on the password
            except imaplib.IMAP4.error as exc:
                raise MailboxError("auth", _text(exc.args[0] if exc.args else exc)) from None
            typ, data = self.client.select(_quoted(folder or "INBOX"))
            if typ != "OK":
                raise MailboxError("protocol", f"cannot open the folder {folder!r}: "
                                   f"{_text(data)}")
            typ, data = self.client.uid("SEARCH", "ALL")
            if typ != "OK":
                raise MailboxError("protocol", f"UID SEARCH refused: {_text(data)}")
        except BaseException:
            self._drop()
            raise
        self.ids = [u.decode("ascii") for u in (data[0] or b"").split()]

    def fetch(self, ident: str) -> Fetched:
        # BODY.PEEK: reading does not change the message's \Seen flag (EmailChangeStatus
        # is the function that does, in WINDEV as here).
        # FLAGS in the same FETCH: the read status without a second round trip.
        typ, data = self.client.uid("FETCH", ident, "(INTERNALDATE FLAGS BODY.PEEK[])")
        if typ != "OK":
            raise MailboxError("protocol", f"UID FETCH {ident} refused: {_text(data)}")
        for i, item in enumerate(data):
            if isinstance(item, tuple) and len(item) == 2:
                text = item[0]
                # The items a server puts after the literal come in the next element
                # (not a response of its own about another message: "7 (FLAGS ...)").
                after = data[i + 1] if i + 1 < len(data) else None
                if isinstance(after, bytes) and not after[:1].isdigit():
                    text += after
                m = _INTERNALDATE.search(text)
                flags = _FLAGS.search(text)
                return Fetched(raw=item[1], uid=ident,
                               internal_date=m.group(1).decode("ascii") if m else "",
                               seen=(b"\\Seen" in flags.group(1)) if flags else None)
        raise MailboxError("protocol", f"the message of UID {ident} is no longer in the folder")

    def delete(self, ident: str) -> None:
        typ, data = self.client.uid("STORE", ident, "+FLAGS.SILENT", r"(\Deleted)")
        if typ != "OK":
            raise MailboxError("protocol", f"UID STORE {ident} refused: {_text(data)}")
        # Deleted at once, as with a mail client's "delete": a script that ends without
        # EmailCloseSession still leaves the folder as it said.
        typ, data = self.client.expunge()
        if typ != "OK":
            raise MailboxError("protocol", f"EXPUNGE refused: {_text(data)}")

    def close(self) -> None:
        try:
            self.client.logout()
        finally:
            self._drop()

    def _drop(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            self.client.shutdown()


def _quoted(name: str) -> str:
    name = utf7_encode(name)   # a folder name that is not ASCII: Reçus is Re&AOc-us
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
