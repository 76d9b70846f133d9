"""EmailGetAll (`EmailRécupèreTout`) and its read options: every message of the current
folder as an array of Email, whole (ertFull) or header first (ertHeader, the default:
the body is fetched when the script first reads Message, HTML, Attach or Source),
or only the messages not read (ertNotRead, IMAP and --mailbox; POP3 keeps no status).
"""
from __future__ import annotations

import functools
from typing import Any

from ..email.types import Email
from ..registry import Declarations
from ..runtime.errors import Err, WLFatal
from ..runtime.values import WLArray, describe, to_int
from .types import ReadingSession

DECLARE = Declarations()

# wlmail's own values (PC SOFT's are not published); they combine with +.
ERT_FULL = 1
ERT_HEADER = 2
ERT_ASYNCHRONOUS = 4
ERT_NOT_READ = 8
_ALL = ERT_FULL | ERT_HEADER | ERT_ASYNCHRONOUS | ERT_NOT_READ

DECLARE.constant("ertFull", ("ertComplet",), value=ERT_FULL,
                 doc="EmailGetAll: read the messages whole (header, body, attachments)")
DECLARE.constant("ertHeader", ("ertEntête",), value=ERT_HEADER,
                 doc="EmailGetAll (default): the headers now, each body when first read")
DECLARE.constant("ertAsynchronous", ("ertAsynchrone",), value=ERT_ASYNCHRONOUS,
                 doc="EmailGetAll: each message fetched when the script first reads it")
DECLARE.constant("ertNotRead", ("ertNonLu",), value=ERT_NOT_READ,
                 doc="EmailGetAll: only the messages not read (not for POP3)")


def _options(v: Any) -> int:
    if v is None:
        return ERT_HEADER
    if isinstance(v, bool) or not isinstance(v, (int, float)) or to_int(v) & ~_ALL:
        shown = to_int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) \
            else describe(v)
        raise WLFatal(f"EmailGetAll's read options are ertFull, ertHeader, ertAsynchronous "
                      f"and ertNotRead (added up), not {shown}", Err.BAD_OPTION)
    return to_int(v)


def _loader(rt: Any, s: ReadingSession, ident: str) -> Any:
    """What a header-only Email does when its body is first read: fetch the message then
    (the session must still be open), or report why not and leave the body empty."""
    def load(mail: Email) -> None:
        from . import messages, sessions
        if s._box is None:
            rt.fail(Err.SESSION_NOT_STARTED, f"EmailGetAll: the body of the message "
                                             f"{mail.uid} is read when first used, and the "
                                             f"session is closed by then: use ertFull")
            return
        box = s._box
        fetched = sessions.guarded(rt, s, "EmailGetAll", lambda: box.fetch(ident))
        if fetched is None:
            return
        keep = (mail.uid, mail.status, mail.size)
        messages.fill(rt, s, mail, fetched)
        mail.uid, mail.status, mail.size = keep
    return load


@DECLARE.function("EmailGetAll", ("EmailRécupèreTout",), fallible=True, domain="reading",
                  returns="array of Email")
def email_get_all(rt: Any, session: Any, options: Any = None) -> WLArray:
    """`EmailGetAll(Session [, Read options])`: the messages of the current folder, oldest
    first, as an array of Email (empty, with ErrorInfo, when the server refuses)."""
    from ..registry import REGISTRY
    from . import commands, messages, sessions
    flags = _options(options)
    result = WLArray(REGISTRY.parse_type("Email"))
    s = messages._started(rt, "EmailGetAll", session)
    if s is None:
        return result
    box = s._box
    if flags & ERT_NOT_READ:
        wanted = sessions.guarded(rt, s, "EmailGetAll", lambda: commands.unread(box))
        if wanted is None:
            return result
    else:
        wanted = list(box.ids)
    wanted = [i for i in wanted if i not in s._deleted]
    full = bool(flags & ERT_FULL)
    if full:
        seen = sessions.guarded(rt, s, "EmailGetAll", lambda: commands.statuses(box, wanted))
        if seen is None:
            return result
        fetched_all: list[Any] = []
        for ident in wanted:
            fetched = sessions.guarded(rt, s, "EmailGetAll", functools.partial(box.fetch, ident))
            if fetched is None:
                return result
            if fetched.seen is None:
                fetched.seen = seen.get(ident)
            fetched_all.append(fetched)
    else:
        got = sessions.guarded(rt, s, "EmailGetAll", lambda: commands.headers(box, wanted))
        if got is None:
            return result
        fetched_all = got
    for ident, fetched in zip(wanted, fetched_all, strict=True):
        mail = Email()
        messages.fill(rt, s, mail, fetched)
        if not full:
            mail._pending = _loader(rt, s, ident)
        result.items.append(mail)
    return result
