"""The reading functions, declared in the registry (English and French names).

The bodies import poplib / imaplib / the `email` package (through sessions.py and
parse.py) only when a script calls them.
"""
from __future__ import annotations

from typing import Any

from ..email.state import structure_for
from ..email.types import OPTION_DEFAULT, Email, EmailStructure, check_option
from ..registry import Declarations
from ..runtime.errors import Err, WLFatal
from ..runtime.values import describe, to_int, to_str
from .state import ReadingState
from .types import EmailIMAPSession, EmailPOP3Session, ReadingSession

DECLARE = Declarations()


def _session(rt: Any, fn: str, v: Any) -> ReadingSession | None:
    """A POP3/IMAP session variable, or the user name of a session started with
    EmailStartPOP3Session / EmailStartIMAPSession; None (and ErrorInfo) if not started."""
    from .messages import started
    return started(rt, fn, v)


def _mail(rt: Any, fn: str, v: Any) -> Email | EmailStructure:
    if v is None:
        return structure_for(rt)
    if isinstance(v, (Email, EmailStructure)):
        return v
    raise WLFatal(f"{fn} expects an Email variable, not {describe(v)}", Err.ARGUMENT_TYPE)


def _read_at(rt: Any, fn: str, session: Any, mail: Any, first: bool) -> bool:
    from .messages import read_at
    return read_at(rt, fn, session, mail, "first" if first else "next")


@DECLARE.function("EmailReadFirst", ("EmailLitPremier",), fallible=True, domain="reading",
                  returns="boolean")
def email_read_first(rt: Any, session: Any, mail: Any = None) -> bool:
    """Read the first message of the mailbox into the Email given (or the global Email
    structure); False with Out = True when the mailbox is empty."""
    return _read_at(rt, "EmailReadFirst", session, mail, first=True)


@DECLARE.function("EmailReadNext", ("EmailLitSuivant",), fallible=True, domain="reading",
                  returns="boolean")
def email_read_next(rt: Any, session: Any, mail: Any = None) -> bool:
    """Read the message after the one read last; False with Out = True after the last."""
    return _read_at(rt, "EmailReadNext", session, mail, first=False)


@DECLARE.function("EmailNbMessage", ("EmailNombreMessage",), fallible=True, domain="reading",
                  returns="int")
def email_nb_message(rt: Any, session: Any) -> int:
    """How many messages the mailbox holds (those deleted in this session excluded)."""
    s = _session(rt, "EmailNbMessage", session)
    if s is None:
        return 0
    return len([i for i in s._box.ids if i not in s._deleted])


@DECLARE.function("EmailDeleteMessage", ("EmailSupprimeMessage",), fallible=True,
                  domain="reading", returns="boolean")
def email_delete_message(rt: Any, session: Any, mail: Any = None) -> bool:
    """Delete the message read last, or the one whose UID the Email given holds (one of
    EmailGetAll's); POP3: when the session closes; IMAP: at once."""
    s = _session(rt, "EmailDeleteMessage", session)
    if s is None:
        return False
    ident = s._last
    if mail is not None:
        from .messages import target_ident
        found = target_ident(rt, "EmailDeleteMessage", s, mail)
        if found is None:
            return False
        ident = found
    if not ident:
        return bool(rt.fail(Err.SESSION_NOT_STARTED, "EmailDeleteMessage: no message was read "
                                                     "(call EmailReadFirst first)"))
    if ident in s._deleted:
        return bool(rt.fail(Err.SESSION_NOT_STARTED, "EmailDeleteMessage: the message read "
                                                     "last is already deleted"))
    from . import sessions
    box = s._box
    if sessions.guarded(rt, s, "EmailDeleteMessage", lambda: box.delete(ident) or True) is None:
        return False
    s._deleted.add(ident)
    return True


def _start_named(rt: Any, fn: str, session: ReadingSession, user: Any, password: Any,
                 server: Any, port: Any, option: Any) -> bool:
    if not isinstance(user, str):
        raise WLFatal(f"{fn} expects the user name first, not {describe(user)}",
                      Err.ARGUMENT_TYPE)
    session.name = user
    session.password = to_str(password)
    session.server_address = to_str(server).strip()
    session.port = to_int(port) if port is not None else 0
    session.option = check_option(option) if option is not None else OPTION_DEFAULT
    session._label = user
    named = ReadingState.of(rt).named_sessions
    old = named.pop(user, None)
    from . import sessions
    if old is not None:
        sessions.close(rt, old)
    ok = sessions.start(rt, session)
    if ok:
        named[user] = session
    return ok


@DECLARE.function("EmailStartPOP3Session", ("EmailOuvreSessionPOP3",), fallible=True,
                  domain="reading", returns="boolean", secret_args=(1,))
def email_start_pop3_session(rt: Any, user: Any, password: Any, server: Any, port: Any = None,
                             option: Any = None) -> bool:
    """`EmailStartPOP3Session(User, Password, Server [, Port [, Option]])`: a POP3 session
    named by User (port 110, or 995 with optionSSL)."""
    return _start_named(rt, "EmailStartPOP3Session", EmailPOP3Session(), user, password,
                        server, port, option)


@DECLARE.function("EmailStartIMAPSession", ("EmailOuvreSessionIMAP",), fallible=True,
                  domain="reading", returns="boolean", secret_args=(1,))
def email_start_imap_session(rt: Any, user: Any, password: Any, server: Any, port: Any = None,
                             option: Any = None) -> bool:
    """`EmailStartIMAPSession(User, Password, Server [, Port [, Option]])`: an IMAP session
    on INBOX named by User (port 143, or 993 with optionSSL)."""
    return _start_named(rt, "EmailStartIMAPSession", EmailIMAPSession(), user, password,
                        server, port, option)


def start_legacy_pop3(rt: Any, user: str, password: str, server: str, port: Any) -> bool:
    """The POP3 part of the legacy EmailStartSession(User, Password, POP3Server, ...): a
    POP3 session named by User, as EmailStartPOP3Session makes (110 unless given)."""
    return _start_named(rt, "EmailStartSession", EmailPOP3Session(), user, password, server,
                        port, None)


def close_named(rt: Any, user: str) -> bool:
    """EmailCloseSession(User) for a session EmailStartPOP3Session / IMAP named."""
    s = ReadingState.of(rt).named_sessions.pop(user, None)
    if s is None:
        return False
    from . import sessions
    sessions.close(rt, s)
    return True


def start_session(rt: Any, session: ReadingSession) -> bool:
    """EmailStartSession(MySession) on a POP3 / IMAP variable."""
    from . import sessions
    return sessions.start(rt, session)


def close_session(rt: Any, session: ReadingSession) -> bool:
    """EmailCloseSession(MySession): QUIT / LOGOUT; closing twice is harmless."""
    from . import sessions
    sessions.close(rt, session)
    return True
