"""What the reading functions ask of a mailbox beyond reading a whole message: a header,
a size, the read status, the unread messages, a POP3 UIDL.  One function per question,
answered by IMAP (imaplib), POP3 (poplib) or the offline Maildir (maildir.py).

Kept apart from client.py (which opens, logs in, fetches and deletes) so that each
protocol detail of these questions sits in one place; a refusal is a MailboxError with
the server's words, like client.py's.
"""
from __future__ import annotations

import poplib
import re
import weakref
from typing import Any

from ..safetext import printable
from .client import Fetched, IMAPBox, Mailbox, MailboxError, POP3Box, _text
from .maildir import MaildirBox

_UID = re.compile(rb"\bUID (\d+)")
_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
_DATE = re.compile(rb'\bINTERNALDATE "([^"]+)"')

# POP3: the UIDL of each message number, asked once per connection.
_UIDLS: weakref.WeakKeyDictionary[Mailbox, dict[str, str]] = weakref.WeakKeyDictionary()
_SIZES: weakref.WeakKeyDictionary[Mailbox, dict[str, int]] = weakref.WeakKeyDictionary()


# The server's words, as they reach ErrorInfo: control characters escaped (safetext).
def _pop3_error(exc: poplib.error_proto) -> MailboxError:
    return MailboxError("protocol", printable(_text(exc.args[0] if exc.args else exc)))


def _imap_ok(typ: str, data: Any, what: str) -> None:
    if typ != "OK":
        raise MailboxError("protocol", f"{what} refused: {printable(_text(data))}")


def _imap_items(data: list[Any]) -> list[tuple[bytes, bytes | None]]:
    """imaplib's FETCH answer as (the items' text, the literal or None) per message: the
    items after a literal come in the next element, so they are joined to the text."""
    out: list[tuple[bytes, bytes | None]] = []
    i = 0
    while i < len(data):
        item = data[i]
        if isinstance(item, tuple) and len(item) == 2:
            text, literal = item[0], item[1]
            if i + 1 < len(data) and isinstance(data[i + 1], bytes):
                text += data[i + 1]
                i += 1
            out.append((text, literal))
        elif isinstance(item, bytes) and b"UID" in item:
            out.append((item, None))
        i += 1
    return out


def _imap_fetched(text: bytes, literal: bytes | None) -> Fetched | None:
    uid = _UID.search(text)
    if uid is None:
        return None
    flags = _FLAGS.search(text)
    size = _SIZE.search(text)
    date = _DATE.search(text)
    return Fetched(raw=literal or b"", uid=uid.group(1).decode("ascii"),
                   internal_date=date.group(1).decode("ascii") if date else "",
                   size=int(size.group(1)) if size else 0,
                   seen=(b"\\Seen" in flags.group(1)) if flags else None)


def headers(box: Mailbox, idents: list[str]) -> list[Fetched]:
    """The header (and size, status, arrival date) of each message, in the order given;
    IMAP asks for them all in one FETCH."""
    if not idents:
        return []
    if isinstance(box, MaildirBox):
        got = [box.header(i) for i in idents]
        for f in got:
            f.header_only = True
        return got
    if isinstance(box, POP3Box):
        return [_pop3_header(box, i) for i in idents]
    if isinstance(box, IMAPBox):
        by_uid = _imap_headers(box, idents)
        missing = [i for i in idents if i not in by_uid]
        if missing:
            raise MailboxError("protocol", f"the message of UID {missing[0]} is no longer in "
                                           f"the folder")
        return [by_uid[i] for i in idents]
    raise MailboxError("protocol", "this mailbox cannot read headers")


def _imap_headers(box: IMAPBox, idents: list[str]) -> dict[str, Fetched]:
    """The headers the folder still holds among `idents`, by UID (a message gone is
    simply not there)."""
    by_uid = {}
    for uid_set in _uid_sets(sorted(idents, key=int)):
        typ, data = box.client.uid("FETCH", uid_set,
                                   "(UID INTERNALDATE FLAGS RFC822.SIZE BODY.PEEK[HEADER])")
        _imap_ok(typ, data, "UID FETCH (header)")
        for text, literal in _imap_items(data):
            f = _imap_fetched(text, literal)
            if f is not None:
                f.header_only = True
                by_uid[f.uid] = f
    return by_uid


# EmailReadNextHeader over IMAP: one FETCH per message is one round trip per message
# (three quarters of the time of reading 1,000 headers, bench/read_imap.py).  The
# headers of the next HEADER_AHEAD messages are asked with the one wanted and kept until
# read, the last batch only: headers, never bodies, so memory stays bounded.
HEADER_AHEAD = 100


class _Ahead:
    def __init__(self, ids: list[str]) -> None:
        self.ids = ids   # the folder's identifiers the batch was read from
        self.found: dict[str, Fetched] = {}


_AHEAD: weakref.WeakKeyDictionary[Mailbox, _Ahead] = weakref.WeakKeyDictionary()


def header_ahead(box: Mailbox, ident: str, following: list[str]) -> Fetched:
    """The header of `ident`; over IMAP asked together with the headers of `following`
    (the messages the script reads next), which the next calls then take from memory.
    Each header is given once: reading a message again asks the server again."""
    if not isinstance(box, IMAPBox):
        return header(box, ident)
    ahead = _AHEAD.get(box)
    # EmailChangeFolder gives the box a new list of identifiers: a UID names another
    # message in another folder, so what was read ahead is dropped.
    if ahead is None or ahead.ids is not box.ids:
        ahead = _AHEAD[box] = _Ahead(box.ids)
    got = ahead.found.pop(ident, None)
    if got is None:
        ahead.found = {}
        found = _imap_headers(box, [ident, *following])
        got = found.pop(ident, None)
        if got is None:
            raise MailboxError("protocol", f"the message of UID {ident} is no longer in the "
                                           f"folder")
        ahead.found = found
    return got


def forget(box: Mailbox, ident: str) -> None:
    """A message whose status changed or that left the folder: not from memory again."""
    ahead = _AHEAD.get(box)
    if ahead is not None:
        ahead.found.pop(ident, None)


# UIDs per FETCH: the command line stays far below the servers' limits (Dovecot: 64 KB)
# and each answer is read in reasonable pieces.
_FETCH_BATCH = 500


def _uid_sets(idents: list[str]) -> list[str]:
    """The UIDs as IMAP sets ("4:9,12"), at most _FETCH_BATCH UIDs per set."""
    sets = []
    for start in range(0, len(idents), _FETCH_BATCH):
        numbers = [int(i) for i in idents[start:start + _FETCH_BATCH]]
        runs: list[str] = []
        first = last = numbers[0]
        for n in numbers[1:]:
            if n == last + 1:
                last = n
                continue
            runs.append(f"{first}:{last}" if last > first else str(first))
            first = last = n
        runs.append(f"{first}:{last}" if last > first else str(first))
        sets.append(",".join(runs))
    return sets


def statuses(box: Mailbox, idents: list[str]) -> dict[str, bool | None]:
    """The read status of each message (one FETCH per batch over IMAP)."""
    if not isinstance(box, IMAPBox):
        return {i: status(box, i) for i in idents} if isinstance(box, MaildirBox) \
            else dict.fromkeys(idents)
    found: dict[str, bool | None] = {}
    for uid_set in _uid_sets(idents) if idents else []:
        typ, data = box.client.uid("FETCH", uid_set, "(UID FLAGS)")
        _imap_ok(typ, data, "UID FETCH FLAGS")
        for text, literal in _imap_items(data):
            f = _imap_fetched(text, literal)
            if f is not None:
                found[f.uid] = f.seen
    return found


def header(box: Mailbox, ident: str) -> Fetched:
    return headers(box, [ident])[0]


def _pop3_header(box: POP3Box, ident: str) -> Fetched:
    try:
        _, lines, _ = box.client.top(int(ident), 0)
    except poplib.error_proto as exc:
        raise _pop3_error(exc) from None
    return Fetched(raw=b"\r\n".join(lines) + b"\r\n", uid=ident, size=size(box, ident),
                   header_only=True)


def status(box: Mailbox, ident: str) -> bool | None:
    """True read, False not read, None where the server keeps no status (POP3)."""
    if isinstance(box, MaildirBox):
        return None if box.pop3 else box.seen(ident)
    if isinstance(box, IMAPBox):
        typ, data = box.client.uid("FETCH", ident, "(UID FLAGS)")
        _imap_ok(typ, data, f"UID FETCH {ident} FLAGS")
        for text, literal in _imap_items(data):
            f = _imap_fetched(text, literal)
            if f is not None and f.uid == ident:
                return f.seen
        raise MailboxError("protocol", f"the message of UID {ident} is no longer in the folder")
    return None


def size(box: Mailbox, ident: str) -> int:
    """The message's size in bytes as the server counts it (without reading it)."""
    if isinstance(box, MaildirBox):
        return box.size(ident)
    if isinstance(box, POP3Box):
        sizes = _SIZES.get(box)
        if sizes is None:
            try:
                _, lines, _ = box.client.list()
            except poplib.error_proto as exc:
                raise _pop3_error(exc) from None
            # "3 1234" per message, asked once per connection.
            sizes = {}
            for line in lines:
                parts = _text(line).split()
                if len(parts) == 2 and parts[1].isdigit():
                    sizes[parts[0]] = int(parts[1])
            _SIZES[box] = sizes
        if ident not in sizes:
            raise MailboxError("protocol", f"no message {ident} on the POP3 server")
        return sizes[ident]
    if isinstance(box, IMAPBox):
        typ, data = box.client.uid("FETCH", ident, "(UID RFC822.SIZE)")
        _imap_ok(typ, data, f"UID FETCH {ident} RFC822.SIZE")
        for text, literal in _imap_items(data):
            f = _imap_fetched(text, literal)
            if f is not None and f.uid == ident:
                return f.size
        raise MailboxError("protocol", f"the message of UID {ident} is no longer in the folder")
    raise MailboxError("protocol", "this mailbox cannot give a size")


def set_status(box: Mailbox, ident: str, read: bool) -> None:
    forget(box, ident)
    if isinstance(box, MaildirBox) and not box.pop3:
        box.set_seen(ident, read)
        return
    if isinstance(box, IMAPBox):
        typ, data = box.client.uid("STORE", ident, "+FLAGS.SILENT" if read else "-FLAGS.SILENT",
                                   r"(\Seen)")
        _imap_ok(typ, data, f"UID STORE {ident}")
        return
    raise MailboxError("protocol", "POP3 keeps no read status: use an emailIMAPSession")


def unread(box: Mailbox) -> list[str]:
    """The identifiers of the messages not read, in the session's order."""
    if isinstance(box, MaildirBox) and not box.pop3:
        return [i for i in box.ids if not box.seen(i)]
    if isinstance(box, IMAPBox):
        typ, data = box.client.uid("SEARCH", "UNSEEN")
        _imap_ok(typ, data, "UID SEARCH UNSEEN")
        found = {u.decode("ascii") for u in (data[0] or b"").split()}
        return [i for i in box.ids if i in found]
    raise MailboxError("protocol", "POP3 keeps no read status: ertNotRead needs an "
                                   "emailIMAPSession")


def uid(box: Mailbox, ident: str) -> str:
    """The identifier a script keeps: IMAP's UID and the Maildir key are the session's
    identifiers already; POP3's is the UIDL (the message number changes between sessions)."""
    if not isinstance(box, POP3Box):
        return ident
    table = _UIDLS.get(box)
    if table is None:
        try:
            _, lines, _ = box.client.uidl()
        except poplib.error_proto:
            lines = []   # a server without UIDL: the message number is all there is
        table = {}
        for line in lines:
            parts = _text(line).split()
            if len(parts) == 2:
                table[parts[0]] = parts[1]
        _UIDLS[box] = table
    return table.get(ident, ident)


def ident_for(box: Mailbox, given: str) -> str | None:
    """The session's identifier of the message a script names by its UID (or, for POP3,
    also by its message number); None when the mailbox holds no such message."""
    given = given.strip()
    if isinstance(box, POP3Box):
        for number in box.ids:
            if uid(box, number) == given:
                return number
    if isinstance(box, MaildirBox) and box.pop3 and given.isdigit() \
            and 1 <= int(given) <= len(box.ids):
        return box.ids[int(given) - 1]   # a POP3 message number, offline
    return given if given in box.ids else None
