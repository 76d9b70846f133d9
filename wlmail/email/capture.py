"""Capture mode, and the loopback SMTP server it is built on.

`wlmail run --capture DIR` sends every SMTP connection of the script to an aiosmtpd
server embedded in the same process, on 127.0.0.1 and a free port.  The server runs in
a background thread with its own event loop, so the run's own loop (where the
transport's aiosmtplib client lives) stays free.  It behaves like the server the script
asked for: STARTTLS offered when the script wants STARTTLS, TLS from the first byte for
`optionSSL`, with a certificate from a throw-away CA that only this run's capture
connections trust (the transport gets an ssl context trusting that CA and nothing else;
every other connection still verifies against the system store).  It accepts any AUTH
(PLAIN, LOGIN, XOAUTH2, inline or two-step) and records the mechanism and the user,
never the secret.  Each message lands in a Maildir at DIR with `X-Wlmail-*` headers
prepended; at the end of the run one line per message is printed.

The seam with the transport:

    prepare_capture_dir(path) -> error message or None   (the CLI; exit status 2 on error)
    capture_active(rt) -> bool
    capture_endpoint(rt, host, port, mode) -> (host, port, ssl_context or None)
        mode: "plain" | "starttls" | "implicit" (or the session's Option constant);
        connect there instead of (host, port),
        with the returned context for TLS.  One listener per (host, port, mode) asked
        for, started lazily, so `X-Wlmail-Server` names exactly what the script asked.

`LoopbackSMTP` is one such listener; it records every connection (`connections`).  The
test suite's servers that refuse, stall or misbehave on purpose are built on it, outside
the product (tests/smtp_faults.py).
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import collections
import email.parser
import email.policy
import functools
import ipaddress
import logging
import mailbox
import os
import socket
import ssl
import tempfile
import threading
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.smtp import MISSING, SMTP, AuthResult, Envelope, LoginPassword, Session

from ..oauth.state import OAuthState
from .state import EmailState
from .types import OPTION_SSL, OPTION_STARTTLS

MODES = ("plain", "starttls", "implicit")
MECHANISMS = ("PLAIN", "LOGIN", "XOAUTH2")

# aiosmtpd logs a deprecation warning on every successful AUTH and tracebacks on
# handler errors; with no logging configured Python would print them on the user's
# stderr.  A NullHandler keeps them off the terminal.
_aiosmtpd_log = logging.getLogger("mail.log")
if not any(isinstance(h, logging.NullHandler) for h in _aiosmtpd_log.handlers):
    _aiosmtpd_log.addHandler(logging.NullHandler())
_aiosmtpd_log.propagate = False

# Tokens from Microsoft are ~2 KB; RFC 5321's 512-byte command line would refuse them.
_LONG_LINE = 8192


# -- records ---------------------------------------------------------------------------
@dataclass
class AuthAttempt:
    """One AUTH command as the server saw it.  The secret is never kept."""
    mechanism: str
    user: str | None
    form: str                 # "inline" (response on the AUTH line) or "two-step" (after 334)
    success: bool


@dataclass
class ConnectionRecord:
    """What one client connection did."""
    peer: Any
    tls: str = "none"         # "none" | "starttls" | "implicit"
    ehlo: str | None = None
    commands: list[str] = field(default_factory=list)   # verbs only, in order
    auth_attempts: list[AuthAttempt] = field(default_factory=list)
    auth_mechanism: str | None = None    # of the successful AUTH
    auth_user: str | None = None
    quit: bool = False


@dataclass
class Received:
    """One message that reached the end of DATA (final dot)."""
    server: str               # the listener's label: host:port the client meant
    mail_from: str
    rcpt_tos: list[str]
    data: bytes               # as received: CRLF line ends, dots unstuffed
    tls: str                  # "none" | "starttls" | "implicit"
    auth_mechanism: str | None
    auth_user: str | None
    mail_options: list[str] = field(default_factory=list)
    reply: str = ""           # what the server answered to the final dot

    @property
    def message(self) -> EmailMessage:
        parsed = email.parser.BytesParser(policy=email.policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)   # what policy.default builds
        return parsed

    @property
    def auth(self) -> str:
        """`X-Wlmail-Auth`'s value: "MECHANISM user" or "none"."""
        if not self.auth_mechanism:
            return "none"
        return f"{self.auth_mechanism} {self.auth_user}" if self.auth_user else self.auth_mechanism


DataHook = Callable[[Received], "str | None"]
QUEUED = "250 2.0.0 OK: queued"


# -- the background loop ---------------------------------------------------------------
class BackgroundLoop:
    """An asyncio event loop running in a daemon thread.

    Servers live here so that the script's own loop (which blocks while a client call
    runs) never has to serve the other end of its own connection.
    """

    def __init__(self, name: str = "wlmail-smtp") -> None:
        self.loop = asyncio.new_event_loop()
        self.errors: list[str] = []      # what the loop's exception handler saw
        self.loop.set_exception_handler(self._on_exception)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = threading.Event()
        self._thread.start()
        self._started.wait()

    def _on_exception(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        # asyncio's default handler prints to stderr; a client that hangs up during a
        # TLS handshake is not something the person running a script should see.
        exc = context.get("exception")
        self.errors.append(f"{context.get('message', '')}: {exc!r}" if exc else
                           str(context.get("message", "")))

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(self._started.set)
        self.loop.run_forever()

    def call(self, coro: Awaitable[Any], timeout: float | None = 30) -> Any:
        """Run `coro` on the loop and wait for its result (from another thread)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)  # type: ignore[arg-type]

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        if not self._thread.is_alive():
            return

        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        try:
            self.call(cancel_all(), timeout=10)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(10)
            if not self._thread.is_alive():
                self.loop.close()


# -- the protocol ----------------------------------------------------------------------
class LoopbackProtocol(SMTP):
    """aiosmtpd's SMTP with long lines, XOAUTH2 and per-connection records."""

    command_size_limit = _LONG_LINE
    line_length_limit = _LONG_LINE

    def __init__(self, listener: LoopbackSMTP, handler: Any, **kwargs: Any) -> None:
        # aiosmtpd's class-level dict is shared by every instance and grows on each EHLO;
        # an instance dict keeps connections independent.
        self.command_size_limits = collections.defaultdict(lambda: _LONG_LINE)
        self.listener = listener
        self.record = ConnectionRecord(peer=None)
        self._auth_form = "inline"
        super().__init__(handler, **kwargs)
        for verb, method in list(self._smtp_methods.items()):
            self._smtp_methods[verb] = self._recorded(verb, method)

    def _recorded(self, verb: str, method: Callable[[Any], Awaitable[None]]) -> Callable:
        @functools.wraps(method)
        async def run(arg: Any) -> None:
            self.record.commands.append(verb)
            if verb == "AUTH":
                # Only the shape of the command is kept: the argument may be a secret.
                self._auth_form = "inline" if arg and len(str(arg).split()) > 1 else "two-step"
            elif verb == "QUIT":
                self.record.quit = True
            await method(arg)
        return run

    @property
    def tls_state(self) -> str:
        if self.listener.tls == "implicit":
            return "implicit"
        return "starttls" if self._tls_protocol is not None else "none"

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        first = self.record.peer is None
        super().connection_made(transport)
        if first:
            assert self.session is not None
            self.record.peer = self.session.peer
            self.listener._opened(self)
        self.record.tls = self.tls_state

    def connection_lost(self, error: Exception | None) -> None:
        self.listener._closed(self)
        super().connection_lost(error)

    def note_auth(self, mechanism: str, user: str | None, success: bool) -> None:
        self.record.auth_attempts.append(AuthAttempt(mechanism, user, self._auth_form, success))
        if success:
            self.record.auth_mechanism, self.record.auth_user = mechanism, user

    # XOAUTH2 (Google, Microsoft): `user=U^Aauth=Bearer T^A^A`, inline or after `334 `.
    async def auth_XOAUTH2(self, _: Any, args: list[str]) -> AuthResult:
        if len(args) == 1:
            blob = await self.challenge_auth("", encode_to_b64=False)
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        else:
            try:
                blob = base64.b64decode(args[1].encode(), validate=True)
            except (binascii.Error, ValueError):
                await self.push("501 5.5.2 Can't decode base64")
                return AuthResult(success=False, handled=True)
        user, token = _parse_xoauth2(blob)
        if user is None or token is None:
            self.note_auth("XOAUTH2", user, False)
            await self.push("501 5.5.2 Malformed XOAUTH2 initial response")
            return AuthResult(success=False, handled=True)
        return await self.xoauth2_verdict(user, token)

    async def xoauth2_verdict(self, user: str, token: str) -> AuthResult:
        """Capture accepts any token: it records who signed in, never the token."""
        self.note_auth("XOAUTH2", user, True)
        return AuthResult(success=True, auth_data=user)


def _parse_xoauth2(blob: bytes) -> tuple[str | None, str | None]:
    user = token = None
    for part in blob.split(b"\x01"):
        if part.startswith(b"user="):
            user = part[5:].decode("utf-8", "replace")
        elif part[:5].lower() == b"auth=":
            scheme, _, value = part[5:].partition(b" ")
            if scheme.lower() == b"bearer" and value:
                token = value.decode("utf-8", "replace")
    return user, token


class LoopbackHandler:
    """aiosmtpd hooks: records what arrives; the listener's `on_data` answers the final dot."""

    def __init__(self, listener: LoopbackSMTP) -> None:
        self.listener = listener

    async def handle_EHLO(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                          hostname: str, responses: list[str]) -> list[str]:
        session.host_name = hostname
        server.record.ehlo = hostname
        return responses

    async def handle_MAIL(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                          address: str, mail_options: list[str]) -> str:
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: LoopbackProtocol, session: Session,
                          envelope: Envelope) -> str:
        received = Received(
            server=self.listener.label, mail_from=envelope.mail_from or "",
            rcpt_tos=list(envelope.rcpt_tos), data=envelope.original_content or b"",
            tls=server.tls_state, auth_mechanism=server.record.auth_mechanism,
            auth_user=server.record.auth_user, mail_options=list(envelope.mail_options))
        hook = self.listener.on_data
        reply = hook(received) if hook else None
        received.reply = reply or QUEUED
        return received.reply

    async def handle_exception(self, error: Exception) -> str:
        self.listener.errors.append(repr(error))
        return f"451 4.3.0 Local error in the capture server ({type(error).__name__})"


# -- the server --------------------------------------------------------------------------
def client_context(ca: trustme.CA) -> ssl.SSLContext:
    """A client context that trusts `ca` and nothing else (not the system store)."""
    return ssl.create_default_context(cadata=ca.cert_pem.bytes().decode("ascii"))


def _identities(host: str, extra: Iterable[str]) -> list[str]:
    names = [host, "localhost", "127.0.0.1", "::1"]
    for name in extra:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            # trustme encodes names as IDNA; something that is not a host name (a typo in
            # a script) must not stop the capture server from starting.
            try:
                name.encode("idna")
            except UnicodeError:
                continue
            if not name or any(c.isspace() or c in "/\\@:" for c in name):
                continue
        names.append(name)
    return list(dict.fromkeys(n.strip("[]") for n in names))


class LoopbackSMTP:
    """An aiosmtpd server on a loopback port, in a background thread, that accepts any AUTH.

    Options:
      tls            "none" | "starttls" (offers STARTTLS; AUTH only after it) |
                     "implicit" (TLS from the first byte)
      ca             trustme.CA issuing the certificate (a new one when None)
      cert_names     extra names/IPs for the certificate (the host the client believes it talks to)
      server_name    the name in the greeting and the EHLO answer
      on_data        (Received) -> reply instead of 250 ("451 ..."), None to accept
      data_size_limit  advertised SIZE and enforced limit (None: unlimited)
      label          what `Received.server` says (default "host:port" of the listener)
    """

    protocol_class: type[LoopbackProtocol] = LoopbackProtocol
    handler_class: type[LoopbackHandler] = LoopbackHandler

    def __init__(self, *, host: str = "127.0.0.1", tls: str = "none",
                 ca: trustme.CA | None = None, cert_names: Iterable[str] = (),
                 server_name: str = "localhost", on_data: DataHook | None = None,
                 data_size_limit: int | None = None, label: str | None = None) -> None:
        if tls not in ("none", "starttls", "implicit"):
            raise ValueError(f"tls must be none, starttls or implicit, not {tls!r}")
        self.host = host
        self.tls = tls
        self.ca = ca if ca is not None or tls == "none" else trustme.CA()
        self.cert_names = tuple(cert_names)
        self.server_name = server_name
        self.on_data = on_data
        self.data_size_limit = data_size_limit
        self.port = 0
        self._label = label
        self.connections: list[ConnectionRecord] = []
        self.errors: list[str] = []             # what handle_exception saw
        self._live: set[LoopbackProtocol] = set()
        self._loop: BackgroundLoop | None = None
        self._own_loop = False
        self._server: asyncio.AbstractServer | None = None
        self._server_ctx: ssl.SSLContext | None = None

    @property
    def label(self) -> str:
        if self._label:
            return self._label
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    # -- life cycle --------------------------------------------------------------------
    def start(self, loop: BackgroundLoop | None = None) -> LoopbackSMTP:
        if self._server is not None:
            raise RuntimeError("server already started")
        if self.tls != "none":
            assert self.ca is not None
            self._server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            cert = self.ca.issue_cert(*_identities(self.host, self.cert_names))
            cert.configure_cert(self._server_ctx)
        self._own_loop = loop is None
        self._loop = loop or BackgroundLoop()
        # Binding port 0 ourselves and handing the socket over leaves no window in which
        # another process could take the port (aiosmtpd's Controller cannot use port 0).
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((self.host, 0))
            sock.listen(100)
            sock.setblocking(False)
            self.port = sock.getsockname()[1]

            async def create() -> asyncio.AbstractServer:
                return await asyncio.get_running_loop().create_server(
                    self._protocol, sock=sock,
                    ssl=self._server_ctx if self.tls == "implicit" else None)

            self._server = self._loop.call(create())
        except BaseException:
            sock.close()
            if self._own_loop:
                self._loop.stop()
            raise
        return self

    def _protocol(self) -> LoopbackProtocol:
        return self.protocol_class(self, self.handler_class(self), **self.smtp_options())

    def smtp_options(self) -> dict[str, Any]:
        """aiosmtpd's SMTP arguments for each new connection."""
        return dict(
            hostname=self.server_name, ident="ESMTP wlmail loopback",
            tls_context=self._server_ctx if self.tls == "starttls" else None,
            require_starttls=False, auth_require_tls=self.tls == "starttls",
            authenticator=self._authenticate, data_size_limit=self.data_size_limit,
            enable_SMTPUTF8=True, timeout=300, loop=asyncio.get_running_loop())

    def _authenticate(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                      mechanism: str, auth_data: Any) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        user = auth_data.login.decode("utf-8", "replace")
        server.note_auth(mechanism, user, True)
        # auth_data is kept on the aiosmtpd session: never the password.
        return AuthResult(success=True, handled=False, auth_data=user)

    def _opened(self, protocol: LoopbackProtocol) -> None:
        self._live.add(protocol)
        self.connections.append(protocol.record)

    def _closed(self, protocol: LoopbackProtocol) -> None:
        self._live.discard(protocol)

    def stop(self) -> None:
        if self._server is None or self._loop is None:
            return
        server, self._server = self._server, None

        async def close() -> None:
            server.close()
            for protocol in list(self._live):
                if protocol.transport is not None:
                    protocol.transport.close()
            await asyncio.sleep(0)

        try:
            if self._loop.running:
                self._loop.call(close(), timeout=10)
        finally:
            if self._own_loop:
                self._loop.stop()


# -- capture mode ------------------------------------------------------------------------
class CaptureError(OSError):
    """The capture server cannot start or store (the transport reports it as non-fatal)."""


def prepare_capture_dir(path: str) -> str | None:
    """Create (or accept) the Maildir for --capture; return an error message, or None.

    The message does not repeat the path: the CLI prints `wlmail: error: --capture DIR: `
    before it.

    A folder that holds something other than a Maildir is refused: capture must never
    scatter cur/new/tmp into someone's project folder.
    """
    if not path.strip():
        return "no folder given"
    p = Path(os.path.expanduser(path))
    try:
        if p.exists() and not p.is_dir():
            return "this is a file, not a folder"
        if p.is_dir():
            entries = set(os.listdir(p))
            if entries and not {"cur", "new", "tmp"} <= entries:
                return ("the folder is not empty and is not a Maildir; give a new or empty "
                        "folder, or a Maildir from an earlier capture")
        for sub in ("", "cur", "new", "tmp"):
            os.makedirs(p / sub, mode=0o700, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=p / "tmp", prefix=".wlmail-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return f"cannot create or write a Maildir there ({reason})"
    return None


def _clean(text: str) -> str:
    # Header values and summary lines must stay on one line whatever the script sent.
    return "".join(c if c >= " " and c != "\x7f" else " " for c in text)


def _fold(name: str, items: list[str]) -> str:
    line = f"{name}: "
    out: list[str] = []
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if out or line != f"{name}: ":
            if len(line) + 1 + len(piece) > 78:
                out.append(line)
                line = " " + piece
                continue
            line += " "
        line += piece
    out.append(line)
    return "\n".join(out)


@dataclass
class Captured:
    path: str                 # as shown to the person: DIR as given + new/<key>
    received: Received
    synthetic_token: bool


class CaptureServer:
    """The run's capture: one background loop, one listener per (host, port, mode)."""

    def __init__(self, directory: str, *, synthetic_token: Callable[[], bool] = lambda: False) -> None:
        self.shown_dir = directory
        self.directory = os.path.abspath(os.path.expanduser(directory))
        problem = prepare_capture_dir(self.directory)
        if problem:
            raise CaptureError(problem)
        self.maildir = mailbox.Maildir(self.directory, create=False)
        self.synthetic_token = synthetic_token
        self.ca = trustme.CA(organization_name="wlmail capture (throw-away, this run only)")
        self._client_ctx: ssl.SSLContext | None = None
        self._loop: BackgroundLoop | None = None
        self.listeners: dict[tuple[str, int, str], LoopbackSMTP] = {}
        self.captured: list[Captured] = []
        self._lock = threading.Lock()
        self.closed = False

    def endpoint(self, host: str, port: int, mode: str) -> tuple[str, int, ssl.SSLContext | None]:
        if mode not in MODES:
            raise ValueError(f"capture mode must be one of {MODES}, not {mode!r}")
        if self.closed:
            raise CaptureError("the capture server is already stopped")
        key = (host.lower(), int(port), mode)
        with self._lock:
            listener = self.listeners.get(key)
            if listener is None:
                if self._loop is None:
                    self._loop = BackgroundLoop("wlmail-capture")
                shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
                listener = LoopbackSMTP(
                    tls={"plain": "none"}.get(mode, mode), ca=self.ca, cert_names=[host],
                    server_name=host or "localhost", label=shown, on_data=self._store,
                    data_size_limit=None)
                try:
                    listener.start(self._loop)
                except OSError as exc:
                    raise CaptureError(f"the capture server cannot listen on 127.0.0.1: {exc}") from exc
                self.listeners[key] = listener
        ctx = None
        if mode != "plain":
            if self._client_ctx is None:
                self._client_ctx = client_context(self.ca)
            ctx = self._client_ctx
        return listener.host, listener.port, ctx

    def _headers(self, received: Received, synthetic: bool) -> bytes:
        auth = _clean(received.auth)
        if synthetic and received.auth_mechanism == "XOAUTH2":
            auth += " (synthetic token)"
        lines = [
            f"X-Wlmail-Server: {_clean(received.server)}",
            f"X-Wlmail-Envelope-From: {_clean(received.mail_from)}",
            _fold("X-Wlmail-Envelope-To", [_clean(r) for r in received.rcpt_tos]),
            f"X-Wlmail-TLS: {received.tls}",
            f"X-Wlmail-Auth: {auth}",
        ]
        return ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")

    def _store(self, received: Received) -> str | None:
        synthetic = bool(self.synthetic_token())
        # Maildir files use the local line end; mail clients expect LF on Unix.
        body = received.data.replace(b"\r\n", b"\n")
        try:
            key = self.maildir.add(self._headers(received, synthetic) + body)
        except OSError as exc:
            return f"451 4.3.0 Capture could not store the message: {exc.strerror or exc}"
        self.captured.append(Captured(os.path.join(self.shown_dir, "new", key), received, synthetic))
        return None

    @property
    def connections(self) -> list[ConnectionRecord]:
        return [c for listener in self.listeners.values() for c in listener.connections]

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for listener in self.listeners.values():
            listener.stop()
        if self._loop is not None:
            self._loop.stop()

    def summary(self, lang: str = "en") -> list[str]:
        """One line per captured message (file, sender, recipients, subject), in `lang`
        ("en" or "fr": the REPL's language, see SUMMARY)."""
        words = SUMMARY.get(lang, SUMMARY["en"])
        lines = []
        synthetic_now = bool(self.synthetic_token())
        for item in self.captured:
            r = item.received
            try:
                subject = email.parser.BytesHeaderParser(policy=email.policy.default) \
                    .parsebytes(r.data).get("Subject", "")
            except Exception:   # a header the parser cannot decode must not hide the line
                subject = ""
            line = words["message"].format(
                path=item.path, sender=_clean(r.mail_from), to=_clean(", ".join(r.rcpt_tos)),
                subject=_clean(str(subject or "")))
            if (item.synthetic_token or synthetic_now) and r.auth_mechanism == "XOAUTH2":
                line += words["synthetic_xoauth2"]
            lines.append(line)
        if not lines:
            sessions = []
            for listener in self.listeners.values():
                for c in listener.connections:
                    what = [listener.label, c.tls.upper() if c.tls != "none" else "plain"]
                    if c.auth_mechanism:
                        what.append(f"AUTH {c.auth_mechanism} {_clean(c.auth_user or '')}".rstrip())
                        if synthetic_now and c.auth_mechanism == "XOAUTH2":
                            what.append(words["synthetic"])
                    sessions.append(" ".join(what[:2]) + (", " + ", ".join(what[2:]) if what[2:] else ""))
            tail = words["sessions"].format(sessions="; ".join(sessions)) if sessions else ""
            lines.append(words["none"].format(folder=self.shown_dir) + tail)
        return lines


# The closing summary in the language of the tool's messages (RunOptions.lang): `wlmail
# run` speaks English; the REPL passes its own language (--lang fr, a French locale, :lang).
# The protocol words (plain, STARTTLS, AUTH PLAIN) stay as the protocol spells them.
SUMMARY: dict[str, dict[str, str]] = {
    "en": {"message": 'captured: {path}  from {sender}  to {to}  subject "{subject}"',
           "synthetic_xoauth2": "  (XOAUTH2 with a synthetic token)",
           "synthetic": "synthetic token",
           "sessions": "; sessions: {sessions}",
           "none": "captured: no message in {folder}",
           "no_session": "captured: no message in {folder} (the script opened no SMTP session)"},
    "fr": {"message": 'capturé : {path}  de {sender}  à {to}  sujet "{subject}"',
           "synthetic_xoauth2": "  (XOAUTH2 avec un jeton synthétique)",
           "synthetic": "jeton synthétique",
           "sessions": " ; sessions : {sessions}",
           "none": "capturé : aucun message dans {folder}",
           "no_session": "capturé : aucun message dans {folder} "
                         "(le script n'a ouvert aucune session SMTP)"},
}


def capture_active(rt: Any) -> bool:
    return bool(getattr(rt.options, "capture_dir", None))


def _mode_of_option(option: int) -> str:
    return {OPTION_SSL: "implicit", OPTION_STARTTLS: "starttls"}.get(int(option), "plain")


def capture_endpoint(rt: Any, host: str, port: int,
                     mode: str | int) -> tuple[str, int, ssl.SSLContext | None]:
    """Where the transport connects instead of (host, port) in capture mode.

    `mode` is "plain" | "starttls" | "implicit", or the session's Option constant.
    Returns (loopback host, port, ssl context trusting only the run's capture CA, or None
    for "plain").  Raises CaptureError when the capture server cannot start.
    """
    if not isinstance(mode, str):
        mode = _mode_of_option(mode)
    state = EmailState.of(rt)
    server: CaptureServer | None = state.capture
    if server is None:
        directory = rt.options.capture_dir
        if not directory:
            raise CaptureError("capture mode is not on (no --capture folder)")
        server = CaptureServer(directory,
                               synthetic_token=lambda: OAuthState.of(rt).synthetic_token)
        state.capture = server
        rt.on_close(lambda: finish_capture(rt))
    return server.endpoint(host, port, mode)


def finish_capture(rt: Any) -> None:
    """Stop the capture server and print the summary, once.

    capture_endpoint registers it with rt.on_close on first use; the email layer
    registers it too when a capture run starts (wlmail.email.start_run) so that a run
    that never connects still says so.
    """
    state = EmailState.of(rt)
    if not capture_active(rt) or state.capture_finished:
        return
    state.capture_finished = True
    server: CaptureServer | None = state.capture
    lang = getattr(rt.options, "lang", "en")
    if server is None:
        rt.out(SUMMARY.get(lang, SUMMARY["en"])["no_session"].format(folder=rt.options.capture_dir))
        return
    server.close()
    for line in server.summary(lang):
        rt.out(line)
