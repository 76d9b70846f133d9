"""Moving through a mailbox and acting on one message: EmailReadFirst / Next / Last /
Previous and their header-only variants, EmailReadMessage (by UID), EmailMessageLength,
EmailChangeStatus, EmailSaveAttachment (English and French names).

The session keeps its place as an index into the identifiers the mailbox had when it
started (or when EmailChangeFolder chose a folder): deleting or moving a message does
not shift the others, and the reads skip the messages gone.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..email.state import structure_for
from ..email.types import Email, EmailAttach, EmailStructure
from ..registry import Declarations
from ..runtime.errors import Err, WLFatal
from ..runtime.values import describe, to_int, to_str
from .state import ReadingState
from .types import ReadingSession

DECLARE = Declarations()

STATUS_READ = 1
STATUS_NOT_READ = 2
DECLARE.constant("emailStatusRead", ("emailStatutLu",), value=STATUS_READ,
                 doc="EmailChangeStatus / Email.Status: the message was read (IMAP \\Seen)")
DECLARE.constant("emailStatusNotRead", ("emailStatutNonLu",), value=STATUS_NOT_READ,
                 doc="EmailChangeStatus / Email.Status: the message was not read")


def _mail(fn: str, rt: Any, v: Any) -> Email | EmailStructure:
    if v is None:
        return structure_for(rt)
    if isinstance(v, (Email, EmailStructure)):
        return v
    raise WLFatal(f"{fn} expects an Email variable, not {describe(v)}", Err.ARGUMENT_TYPE)


def started(rt: Any, fn: str, v: Any) -> ReadingSession | None:
    """A POP3/IMAP session variable, or the user name of a session started with
    EmailStartPOP3Session / EmailStartIMAPSession; None (and ErrorInfo) if not started."""
    if isinstance(v, ReadingSession):
        s: ReadingSession | None = v
    elif isinstance(v, str):
        s = ReadingState.of(rt).named_sessions.get(v)
    else:
        raise WLFatal(f"{fn} expects an emailPOP3Session or emailIMAPSession variable, or the "
                      f"user name of a session started with EmailStartPOP3Session, not "
                      f"{describe(v)}", Err.ARGUMENT_TYPE)
    if s is None or s._box is None:
        shown = f'"{v}"' if isinstance(v, str) else f"({v.label()})"
        rt.fail(Err.SESSION_NOT_STARTED, f"{fn}: the session {shown} is not started: call "
                                         f"EmailStartSession first")
        return None
    return s


_started = started


def fill(rt: Any, s: ReadingSession, target: Email | EmailStructure, fetched: Any) -> None:
    """Put a message read into `target`, with what the mailbox knows about it."""
    from . import commands, parse
    parse.fill(target, fetched)
    target.uid = commands.uid(s._box, fetched.uid)
    target.size = fetched.size or len(fetched.raw)
    target.status = (0 if fetched.seen is None
                     else STATUS_READ if fetched.seen else STATUS_NOT_READ)


def _fetch(rt: Any, s: ReadingSession, fn: str, ident: str, header: bool,
           following: list[str] | None = None) -> Any:
    """The message (or its header) with its read status, or None after rt.fail.  A header
    comes with the headers of `following`, the messages a loop reads next (commands.py)."""
    from . import commands, sessions
    box = s._box

    def step() -> Any:
        if header:
            return commands.header_ahead(box, ident, following or [])
        fetched = box.fetch(ident)
        if fetched.seen is None:
            fetched.seen = commands.status(box, ident)
        return fetched
    return sessions.guarded(rt, s, fn, step)


def read_at(rt: Any, fn: str, session: Any, mail: Any, where: str, header: bool = False) -> bool:
    """EmailReadFirst / Next / Last / Previous (`where`), whole or header only."""
    target = _mail(fn, rt, mail)
    s = _started(rt, fn, session)
    if s is None:
        return False
    ids, gone = s._box.ids, s._deleted
    if where in ("first", "next"):
        index, step = (0 if where == "first" else s._current), 1
    else:
        index, step = (len(ids) - 1 if where == "last" else s._current - 2), -1
    while 0 <= index < len(ids) and ids[index] in gone:
        index += step
    if not 0 <= index < len(ids):
        # No (more) message: not an error; the legacy loop stops on Email.Out.
        target.reset()
        target.out = True
        s._current = len(ids) if step > 0 else 0
        return False
    following: list[str] = []
    if header:
        from .commands import HEADER_AHEAD
        # The next messages in the direction of reading, those not deleted or moved.
        near = ids[index + 1:index + HEADER_AHEAD] if step > 0 \
            else ids[max(0, index - HEADER_AHEAD + 1):index][::-1]
        following = [i for i in near if i not in gone]
    fetched = _fetch(rt, s, fn, ids[index], header, following)
    if fetched is None:
        return False
    fill(rt, s, target, fetched)
    s._current = index + 1
    s._last = ids[index]
    return True


def _reader(en: str, fr: str, where: str, header: bool, doc: str) -> None:
    def read(rt: Any, session: Any, mail: Any = None) -> bool:
        return read_at(rt, en, session, mail, where, header)
    read.__doc__ = doc
    read.__name__ = "email_" + en[5:].lower()
    DECLARE.function(en, (fr,), fallible=True, domain="reading", returns="boolean")(read)


_reader("EmailReadLast", "EmailLitDernier", "last", False,
        "Read the last message of the mailbox; False with Out = True when it is empty.")
_reader("EmailReadPrevious", "EmailLitPrécédent", "previous", False,
        "Read the message before the one read last; False with Out = True before the first.")
_reader("EmailReadFirstHeader", "EmailLitPremierEntête", "first", True,
        "Read only the header of the first message (Message, HTML and Attach stay empty).")
_reader("EmailReadNextHeader", "EmailLitSuivantEntête", "next", True,
        "Read only the header of the next message.")
_reader("EmailReadLastHeader", "EmailLitDernierEntête", "last", True,
        "Read only the header of the last message.")
_reader("EmailReadPreviousHeader", "EmailLitPrécédentEntête", "previous", True,
        "Read only the header of the previous message.")


def target_ident(rt: Any, fn: str, s: ReadingSession, mail: Any) -> str | None:
    """The message an action is about: the one whose UID the Email given holds, else the
    one read last; None (and ErrorInfo) when there is none."""
    from . import commands
    if mail is not None:
        m = _mail(fn, rt, mail)
        if m.uid:
            ident = commands.ident_for(s._box, m.uid)
            if ident is None or ident in s._deleted:
                rt.fail(Err.BAD_OPTION, f"{fn}: the folder holds no message of UID {m.uid}")
                return None
            return ident
    if not s._last:
        rt.fail(Err.SESSION_NOT_STARTED, f"{fn}: no message was read (call EmailReadFirst "
                                         f"first)")
        return None
    if s._last in s._deleted:
        rt.fail(Err.BAD_OPTION, f"{fn}: the message read last was deleted or moved")
        return None
    return s._last


@DECLARE.function("EmailReadMessage", ("EmailLitMessage",), fallible=True, domain="reading",
                  returns="boolean")
def email_read_message(rt: Any, session: Any, email_or_identifier: Any,
                       identifier: Any = None) -> bool:
    """`EmailReadMessage(Session [, Email], Identifier)`: read the message whose UID is
    Identifier (for POP3 also its number); EmailReadNext then goes on after it."""
    mail, given = ((None, email_or_identifier) if identifier is None
                   else (email_or_identifier, identifier))
    if isinstance(given, bool) or not isinstance(given, (str, int, float)):
        raise WLFatal(f"EmailReadMessage expects the identifier of a message (Email.UID), "
                      f"not {describe(given)}", Err.ARGUMENT_TYPE)
    target = _mail("EmailReadMessage", rt, mail)
    s = _started(rt, "EmailReadMessage", session)
    if s is None:
        return False
    from . import commands
    shown = to_str(given if not isinstance(given, float) else to_int(given))
    ident = commands.ident_for(s._box, shown)
    if ident is None or ident in s._deleted:
        return bool(rt.fail(Err.BAD_OPTION, f"EmailReadMessage: the folder holds no message "
                                            f"of identifier {shown}"))
    fetched = _fetch(rt, s, "EmailReadMessage", ident, header=False)
    if fetched is None:
        return False
    fill(rt, s, target, fetched)
    s._current = s._box.ids.index(ident) + 1
    s._last = ident
    return True


@DECLARE.function("EmailMessageLength", ("EmailTailleMessage",), fallible=True,
                  domain="reading", returns="int")
def email_message_length(rt: Any, session: Any, mail: Any = None) -> int:
    """The size in bytes, as the server counts it, of the message read last (or of the
    one whose UID the Email holds), without reading it again."""
    s = _started(rt, "EmailMessageLength", session)
    if s is None:
        return 0
    ident = target_ident(rt, "EmailMessageLength", s, mail)
    if ident is None:
        return 0
    from . import commands, sessions
    box = s._box
    size = sessions.guarded(rt, s, "EmailMessageLength", lambda: commands.size(box, ident))
    return 0 if size is None else int(size)


@DECLARE.function("EmailChangeStatus", ("EmailChangeStatut",), fallible=True,
                  domain="reading", returns="boolean")
def email_change_status(rt: Any, session: Any, email_or_status: Any, status: Any = None) -> bool:
    """`EmailChangeStatus(Session [, Email], emailStatusRead or emailStatusNotRead)`:
    mark the message read last (or the one whose UID the Email holds) on the server."""
    mail, status = ((None, email_or_status) if status is None
                    else (email_or_status, status))
    if isinstance(status, bool) or not isinstance(status, (int, float)) \
            or to_int(status) not in (STATUS_READ, STATUS_NOT_READ):
        shown = to_int(status) if isinstance(status, (int, float)) and \
            not isinstance(status, bool) else describe(status)
        raise WLFatal(f"EmailChangeStatus expects emailStatusRead or emailStatusNotRead, not "
                      f"{shown}", Err.BAD_OPTION)
    s = _started(rt, "EmailChangeStatus", session)
    if s is None:
        return False
    ident = target_ident(rt, "EmailChangeStatus", s, mail)
    if ident is None:
        return False
    from . import commands, sessions
    box, read = s._box, to_int(status) == STATUS_READ
    def change() -> bool:
        commands.set_status(box, ident, read)
        return True
    if sessions.guarded(rt, s, "EmailChangeStatus", change) is None:
        return False
    if mail is not None:
        _mail("EmailChangeStatus", rt, mail).status = to_int(status)
    return True


# -- attachments -------------------------------------------------------------------------
def _received(m: Email | EmailStructure) -> list[EmailAttach]:
    if isinstance(m, EmailStructure):
        return list(getattr(m, "_received", []))
    return m.attachments()


def _destination(path: str, name: str) -> Path:
    p = Path(os.path.expanduser(path))
    if p.is_dir():
        # The name comes from the message: only its last part, never a path out of p.
        safe = os.path.basename(name.replace("\\", "/")).strip() or "attachment"
        if safe in (".", ".."):
            safe = "attachment"
        return p / safe
    return p


@DECLARE.function("EmailSaveAttachment", ("EmailSauveAttache",), fallible=True,
                  domain="reading", returns="boolean")
def email_save_attachment(rt: Any, what: Any, name_or_path: Any, path: Any = None) -> bool:
    """Write an attachment of a message read to a file, byte for byte:
    `EmailSaveAttachment(Name, Path)` (the global Email structure),
    `EmailSaveAttachment(MyEmail, Name, Path)`, or `EmailSaveAttachment(MyEmail.Attach[i],
    Path)`.  A folder as Path keeps the attachment's own file name."""
    if isinstance(what, EmailAttach):
        if path is not None:
            raise WLFatal("EmailSaveAttachment(Attachment, Path) takes two parameters",
                          Err.ARGUMENT_COUNT)
        att: EmailAttach | None = what
        path = name_or_path
    else:
        if isinstance(what, (Email, EmailStructure)):
            mail, name = what, name_or_path
        else:
            mail, name, path = structure_for(rt), what, name_or_path
        if path is None:
            raise WLFatal("EmailSaveAttachment needs the path of the file to write",
                          Err.ARGUMENT_COUNT)
        wanted = to_str(name)
        atts = _received(mail)
        att = next((a for a in atts if a.name == wanted), None)
        if att is None and isinstance(name, (int, float)) and not isinstance(name, bool) \
                and 1 <= to_int(name) <= len(atts):
            att = atts[to_int(name) - 1]
        if att is None:
            names = ", ".join(a.name for a in atts) or "none"
            return bool(rt.fail(Err.ATTACHMENT, f"EmailSaveAttachment: the message read has "
                                                f"no attachment named {wanted!r} "
                                                f"(attachments: {names})"))
    assert att is not None
    target = _destination(to_str(path), att.name)
    try:
        target.write_bytes(att.content)
    except OSError as exc:
        return bool(rt.fail(Err.FILE_ERROR, f"EmailSaveAttachment: cannot write {target} "
                                            f"({exc.strerror or exc})"))
    return True
