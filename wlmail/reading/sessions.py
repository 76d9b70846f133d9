"""Starting and closing POP3 / IMAP sessions: a failure becomes `rt.fail(...)` (False and
ErrorInfo with the server's words), never an exception out of the script."""
from __future__ import annotations

import imaplib
import math
import poplib
import socket
import ssl
from collections.abc import Callable
from typing import Any, TypeVar

from ..email.state import EmailState
from ..runtime.errors import Err
from ..safetext import printable
from . import auth
from .client import IMAPBox, Mailbox, MailboxError, POP3Box, _text
from .state import ReadingState
from .types import EmailIMAPSession, ReadingSession

T = TypeVar("T")


def _timeout(rt: Any) -> float | None:
    t = EmailState.of(rt).timeout
    return None if math.isinf(t) else t


def tls_context(rt: Any) -> ssl.SSLContext:
    """The run's verifying context, the one SMTP sessions use (the system store, or
    SSL_CERT_FILE): the same certificate rules for reading as for sending."""
    state = EmailState.of(rt)
    if state.ssl_context is None:
        state.ssl_context = ssl.create_default_context()
    context: ssl.SSLContext = state.ssl_context
    return context


def place(rt: Any, session: ReadingSession) -> str:
    """What ErrorInfo names: the server, or with --mailbox the Maildir really read (the
    session's ServerAddress is not used then, which the words say so that nobody looks
    for the fault on that server)."""
    server = f"{session.PROTOCOL} server {session.server_address}:{session.effective_port()}"
    if rt.options.mailbox_dir:
        instead = f" instead of the {server}" if session.server_address.strip() else ""
        return f"Maildir {rt.options.mailbox_dir} (--mailbox{instead})"
    return server


def guarded(rt: Any, session: ReadingSession, what: str, step: Callable[[], T]) -> T | None:
    """Run one exchange with the server; on failure report it and return None.  After a
    failure of the connection itself (time-out, dropped, an answer that is no POP3 /
    IMAP) the session is closed at once: the dialogue cannot be trusted any more, and
    the next call says the session is not started instead of reading stale bytes."""
    where = place(rt, session)
    try:
        return step()
    except MailboxError as exc:
        code = {"auth": Err.AUTH_REFUSED, "tls_not_offered": Err.STARTTLS_NOT_OFFERED,
                "auth_not_offered": Err.AUTH_NOT_OFFERED}.get(exc.kind, Err.NETWORK)
        # "answered" offline too: a script that cuts ErrorInfo at it reads both alike.
        rt.fail(code, f"{what}: the {where} answered: {printable(str(exc))}")
        return None
    except KeyboardInterrupt:
        _break(session)
        raise
    except Exception as exc:
        number, message = _explain(rt, exc, where)
        rt.fail(number, f"{what}: {printable(message, keep_newlines=False)}")
    _break(session)
    return None


def _explain(rt: Any, exc: Exception, where: str) -> tuple[int, str]:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Err.CERTIFICATE, f"the certificate of the {where} is not trusted " \
                                f"({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return Err.TLS_FAILURE, f"TLS with the {where} failed ({exc.reason or exc})"
    if isinstance(exc, TimeoutError):
        return Err.TIMEOUT, f"the {where} did not answer within " \
                            f"{EmailState.of(rt).timeout:g} s (EmailSetTimeOut)"
    if isinstance(exc, socket.gaierror):
        return Err.DNS_FAILURE, f"cannot find the {where} ({exc.strerror})"
    if isinstance(exc, ConnectionRefusedError):
        return Err.CONNECTION_REFUSED, f"the {where} refused the connection (nothing " \
                                       f"listens on that port?)"
    if isinstance(exc, (EOFError, ConnectionError)):
        return Err.DISCONNECTED, f"the {where} closed the connection ({exc})"
    if isinstance(exc, OSError):
        return Err.NETWORK, f"{exc.strerror or exc} ({where})"
    if isinstance(exc, UnicodeError):   # imaplib decodes some answers as ASCII
        return Err.NETWORK, f"the {where} answered bytes that are no text of the protocol"
    # poplib.error_proto (its text in bytes), imaplib.IMAP4.error / abort.
    text = _text(exc.args[0]) if exc.args else str(exc)
    if text.upper().endswith("EOF"):     # poplib "-ERR EOF", imaplib "socket error: EOF"
        return Err.DISCONNECTED, f"the {where} closed the connection"
    if isinstance(exc, (imaplib.IMAP4.abort, poplib.error_proto)) and \
            not text.startswith("-ERR"):
        return Err.NETWORK, f"the {where} answered something that is no " \
                            f"{'IMAP' if isinstance(exc, imaplib.IMAP4.abort) else 'POP3'}" \
                            f" ({text[:200]})"
    return Err.NETWORK, f"the {where} answered: {text[:500]}"


def _break(session: ReadingSession) -> None:
    box = session._box
    if box is None:
        return
    session._box = None
    drop = getattr(box, "_drop", None)
    if drop is not None:
        drop()


def start(rt: Any, session: ReadingSession) -> bool:
    if session._box is not None:
        close(rt, session)
    if rt.options.mailbox_dir:   # --mailbox DIR: the local Maildir, not the server
        return _start_offline(rt, session)
    host = session.server_address.strip()
    if not host:
        return bool(rt.fail(Err.BAD_ADDRESS, f"EmailStartSession: the {session.PROTOCOL} "
                                             f"session has no ServerAddress"))
    port, option = session.effective_port(), int(session.option)
    timeout, context = _timeout(rt), tls_context(rt)
    name, password = session.name.strip(), session.password

    def connect() -> Mailbox:
        # With an AuthToken: XOAUTH2 with its value at the time (a refresh changes it).
        login = None
        if auth.uses_token(session):
            def login(client: Any) -> None:
                xoauth2 = auth.imap_xoauth2 if isinstance(session, EmailIMAPSession) \
                    else auth.pop3_xoauth2
                xoauth2(client, name, session.auth_token.value)
        if isinstance(session, EmailIMAPSession):
            return IMAPBox(host, port, option, name, password, timeout, context,
                           session.folder, login)
        return POP3Box(host, port, option, name, password, timeout, context, login)

    return _opened(rt, session, auth.connect(rt, session, "EmailStartSession", connect, guarded))


def _opened(rt: Any, session: ReadingSession, box: Mailbox | None) -> bool:
    """The session starts reading `box` (a server's or --mailbox's) from its first
    message; False when it could not be opened (ErrorInfo already says why)."""
    if box is None:
        return False
    session._box = box
    session._current = 0
    session._last = ""
    session._deleted = set()
    ReadingState.of(rt).watch(rt, session)
    return True


def close(rt: Any, session: ReadingSession) -> None:
    box, session._box = session._box, None
    session._current = 0
    ReadingState.of(rt).forget(session)
    if box is not None:
        guarded(rt, session, "EmailCloseSession", box.close)


def _start_offline(rt: Any, session: ReadingSession) -> bool:
    """--mailbox DIR: the session reads the local Maildir DIR; a POP3 session reads it as
    POP3 would (no folders, no read status)."""
    from .maildir import MaildirBox
    imap = isinstance(session, EmailIMAPSession)
    return _opened(rt, session, guarded(
        rt, session, "EmailStartSession",
        lambda: MaildirBox(rt.options.mailbox_dir, session.folder if imap else "INBOX",
                           pop3=not imap)))
