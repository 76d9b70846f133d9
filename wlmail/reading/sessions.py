"""Starting and closing POP3 / IMAP sessions: a failure becomes `rt.fail(...)` (False and
ErrorInfo with the server's words), never an exception out of the script."""
from __future__ import annotations

import math
import socket
import ssl
from collections.abc import Callable
from typing import Any, TypeVar

from ..email.state import EmailState
from ..runtime.errors import Err
from ..safetext import printable
from . import auth
from .client import IMAPBox, Mailbox, MailboxError, POP3Box
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


def guarded(rt: Any, session: ReadingSession, what: str, step: Callable[[], T]) -> T | None:
    """Run one exchange with the server; on failure report it and return None."""
    where = f"{session.PROTOCOL} server {session.server_address}:{session.effective_port()}"
    try:
        return step()
    except MailboxError as exc:
        code = {"auth": Err.AUTH_REFUSED, "tls_not_offered": Err.STARTTLS_NOT_OFFERED,
                "auth_not_offered": Err.AUTH_NOT_OFFERED}.get(exc.kind, Err.NETWORK)
        rt.fail(code, f"{what}: the {where} answered: {printable(str(exc))}")
    except ssl.SSLCertVerificationError as exc:
        rt.fail(Err.CERTIFICATE, f"{what}: the certificate of the {where} is not trusted "
                                 f"({exc.verify_message})")
    except ssl.SSLError as exc:
        rt.fail(Err.TLS_FAILURE, f"{what}: TLS with the {where} failed ({exc.reason or exc})")
    except TimeoutError:
        rt.fail(Err.TIMEOUT, f"{what}: the {where} did not answer within "
                             f"{EmailState.of(rt).timeout:g} s (EmailSetTimeOut)")
    except socket.gaierror as exc:
        rt.fail(Err.DNS_FAILURE, f"{what}: cannot find the {where} ({exc.strerror})")
    except ConnectionRefusedError:
        rt.fail(Err.CONNECTION_REFUSED, f"{what}: the {where} refused the connection "
                                        f"(nothing listens on that port?)")
    except (EOFError, ConnectionError) as exc:
        rt.fail(Err.DISCONNECTED, f"{what}: the {where} closed the connection ({exc})")
    except OSError as exc:
        rt.fail(Err.NETWORK, f"{what}: {exc.strerror or exc} ({where})")
    except Exception as exc:   # poplib.error_proto, imaplib.IMAP4.error/abort
        rt.fail(Err.NETWORK, f"{what}: the {where} answered: {exc}")
    return None


def start(rt: Any, session: ReadingSession) -> bool:
    if session._box is not None:
        close(rt, session)
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

    box = auth.connect(rt, session, "EmailStartSession", connect, guarded)
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
