"""Starting, using and closing SMTP sessions: the blocking face of transport.py.

The built-ins in functions.py call these with the run's Context; each network step runs
on the run's event loop through `rt.run_async`, and a failure becomes `rt.fail(...)`
with the SMTP dialogue in the details (ErrorInfo(errFullDetails)).
"""
from __future__ import annotations

import contextlib
import sys
from typing import Any

from ..oauth.xoauth2 import refresh_after_refusal
from ..runtime.errors import Err
from ..safetext import printable
from . import message as msgmod
from .state import EmailState
from .transport import Connection, SessionFailure, Settings, StaleConnection, refused_list
from .types import EmailSMTPSession


def _timeout(rt: Any) -> float:
    return EmailState.of(rt).timeout


def _open_connections(rt: Any) -> list[Connection]:
    state = EmailState.of(rt)
    if state.open_connections is None:
        conns: list[Connection] = []

        def close_all() -> None:
            # The script ended with sessions still open: say goodbye politely, unless
            # the run is ending on Ctrl-C (the person wants out now, and a silent server
            # would hold QUIT for the whole time-out).
            interrupted = isinstance(sys.exc_info()[1], KeyboardInterrupt)
            for conn in list(conns):
                if conn.client is not None:
                    if interrupted:
                        conn.interrupted = True
                    # Ending the run must not fail on a dead socket.
                    with contextlib.suppress(Exception):
                        rt.run_async(conn.quit())
            conns.clear()

        rt.on_close(close_all)
        state.open_connections = conns
    return state.open_connections


def settings_for(rt: Any, session: EmailSMTPSession) -> Settings:
    token = session.auth_token
    return Settings(host=session.server_address.strip(), port=int(session.port),
                    option=int(session.option), name=session.name.strip(),
                    password=session.password, token=token,
                    auth_optional=session._auth_optional, timeout=_timeout(rt),
                    default_sender=session.name.strip() or session._label)


def start(rt: Any, session: EmailSMTPSession) -> bool:
    """Connect, negotiate TLS and authenticate; on success the session holds the live
    connection. Starting a started session closes the old connection first."""
    if session._conn is not None:
        close(rt, session)
    s = settings_for(rt, session)
    if not s.host:
        return rt.fail(Err.BAD_ADDRESS, "the session has no ServerAddress: set it to the SMTP "
                                        "server's name or IP address")
    if not 0 < s.port < 65536:
        return rt.fail(Err.BAD_ADDRESS, f"the session's Port {s.port} is not a TCP port (1 to 65535)")
    conn = Connection(rt, s)
    try:
        _connect_and_auth(rt, conn)
    except SessionFailure as f:
        # QUIT even after a failed start: the server then logs a client that said
        # goodbye, not "lost connection after AUTH".
        with contextlib.suppress(Exception):
            rt.run_async(conn.quit())
        return rt.fail(f.code, f.message, conn.details())
    except KeyboardInterrupt:
        # Not yet among the open connections: close it here, at once.
        rt.run_async(conn.abort())
        raise
    session._conn = conn
    _open_connections(rt).append(conn)
    return True


def _run(rt: Any, conn: Connection, coro: Any) -> Any:
    """`rt.run_async` for the connection's steps.  Ctrl-C closes the connection at once,
    before the step is cancelled: nothing more of a message leaves after it, even from a
    step that does not notice its cancellation at once (interrupt.py), and closing the
    session afterwards does not wait on the server."""
    try:
        return rt.run_async(coro, on_interrupt=conn.interrupt)
    except KeyboardInterrupt:
        conn.interrupted = True
        raise


def _connect_and_auth(rt: Any, conn: Connection) -> None:
    _run(rt, conn, conn.open())
    if _run(rt, conn, conn.authenticate(may_refresh=True)):
        return
    # The access token was refused and it has a refresh token: refresh it (outside the
    # event loop: wlmail.oauth runs its own HTTP calls on it) and try once more.
    why_not = refresh_after_refusal(rt, conn.settings.token)
    if why_not:
        raise SessionFailure(Err.AUTH_REFUSED,
                             f'{conn.where} refused the access token for '
                             f'"{conn.settings.name}" (AUTH XOAUTH2): {conn.refusal}; {why_not}')
    if not conn.connected:
        _run(rt, conn, conn.open())
    _run(rt, conn, conn.authenticate(may_refresh=False))


def send(rt: Any, session: EmailSMTPSession, mail: Any, *, shown: str) -> bool:
    conn: Connection | None = session._conn
    if conn is None:
        return not_started(rt, shown)
    if session.asynchronous:
        from . import spooling  # sqlite3 and the delivery worker: only when used
        return spooling.send(rt, conn.settings, mail)
    try:
        out = msgmod.build(mail, conn.settings.default_sender, rt.resolve_path)
    except msgmod.BuildError as e:
        return rt.fail(e.code, e.message)
    ok, delivered = _send_outgoing(rt, conn, out)
    if delivered:
        msgmod.remember_id(mail, out.message_id)
    return ok


def send_source(rt: Any, session: EmailSMTPSession, data: bytes, *, shown: str,
                envelope: Any = None) -> bool:
    conn: Connection | None = session._conn
    if conn is None:
        return not_started(rt, shown)
    if session.asynchronous:
        from . import spooling  # sqlite3 and the delivery worker: only when used
        return spooling.send_source(rt, conn.settings, data, envelope)
    try:
        out = msgmod.from_source(data, envelope)
    except msgmod.BuildError as e:
        return rt.fail(e.code, e.message)
    return _send_outgoing(rt, conn, out)[0]


def _send_outgoing(rt: Any, conn: Connection, out: msgmod.Outgoing) -> tuple[bool, bool]:
    """(the function's result, whether the server took the message for someone)."""
    try:
        if not conn.connected:
            # The server dropped an idle session (or an earlier send failed midway):
            # open it again with the same settings, as a long-running script expects.
            conn.transcript.note("the connection was closed: opening it again")
            _connect_and_auth(rt, conn)
        try:
            refused = _run(rt, conn, conn.send(out))
        except StaleConnection:
            # Found closed at MAIL FROM, before any of the message left: reopen and send
            # it once more. Never after DATA, where the server may already have it.
            conn.transcript.note("opening the session again and sending the message again")
            _connect_and_auth(rt, conn)
            refused = _run(rt, conn, conn.send(out))
    except SessionFailure as f:
        return rt.fail(f.code, f.message, conn.details()), False
    if refused:
        n = len(out.recipients)
        return rt.fail(Err.RECIPIENTS_REFUSED,
                       printable(f"{conn.where} refused {len(refused)} of {n} "
                                 f"recipients; the message was delivered to the others: "
                                 f"{refused_list(refused)}"),
                       conn.details()), True
    return True, True


def not_started(rt: Any, shown: str) -> bool:
    return rt.fail(Err.SESSION_NOT_STARTED,
                   f"the session {shown} is not started: call EmailStartSession (or "
                   f"EmailStartSMTPSession) first, and check that it returned True")


def close(rt: Any, session: EmailSMTPSession) -> None:
    conn: Connection | None = session._conn
    session._conn = None
    if conn is None:
        return
    try:
        rt.run_async(conn.quit())
    finally:
        conns = EmailState.of(rt).open_connections
        if conns is not None and conn in conns:
            conns.remove(conn)
