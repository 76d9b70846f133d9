"""SMTP over aiosmtplib: where to connect, TLS, AUTH, sending, and plain-words failures.

Imported only when a script starts a session (it pulls in aiosmtplib and ssl).  Every
coroutine here runs on the run's own event loop through `rt.run_async`; failures come
out as `SessionFailure` with one of wlmail's error numbers and a message that names the
cause and, when the server answered, its code and text.  No message ever holds a
password or a token: only the AUTH mechanism, the user name and the server's words.
"""
from __future__ import annotations

import asyncio
import contextlib
import re
import select
import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiosmtplib
from aiosmtplib import errors as smtp_errors
from aiosmtplib.email import quote_address
from aiosmtplib.typing import Default

from ..oauth.xoauth2 import describe_error, initial_response
from ..runtime.errors import Err, WLFailure
from ..safetext import printable
from .message import Outgoing
from .state import EmailState
from .transcript import Transcript
from .types import DEFAULT_TIMEOUT, OPTION_SSL, OPTION_STARTTLS, OPTIONS

# RFC 4954: a client must not send an AUTH line longer than 512 octets with its
# initial response; longer tokens (Microsoft's are ~2 KB) go in a second step.
_AUTH_LINE_LIMIT = 512


class SessionFailure(WLFailure):
    """A session step failed: one of wlmail's error numbers and the message to report."""

    def __init__(self, code: int, message: str, details: str = "", *, reply: int = 0,
                 refused: dict[str, tuple[int, str]] | None = None) -> None:
        # Most messages quote the server: its control characters are shown escaped.
        super().__init__(int(code), printable(message), details)
        # The server's reply code when one caused the failure (0: none came), and each
        # refused recipient with its reply: what the spool needs to tell a permanent
        # refusal from a transient one without reading the transcript back.
        self.reply = reply
        self.refused = dict(refused or {})


class StaleConnection(SessionFailure):
    """The connection was found closed (or closing: a 421) at the first command of a
    transaction, before anything of the message was sent: reopening the session and
    sending again cannot deliver it twice."""


class ChainBroken(Exception):
    """What a Chain's `before_dot` raised (the message was not sent: no final dot)."""


@dataclass
class Chain:
    """Messages sent back to back on one connection (the spool's delivery, RFC 2920):
    the reply to a message's final dot is not waited for; the next message's MAIL FROM,
    RCPT TO and DATA follow the dot at once, and that reply is read with theirs (or by
    `settle()` when no message follows). `on_verdict` gets the message's outcome when
    it is read (None: accepted); `before_dot` is awaited before this message's final
    dot is written (the spool waits there for the previous outcome to be stored)."""
    on_verdict: Callable[[SessionFailure | None], None]
    before_dot: Callable[[], Awaitable[None]]


@dataclass
class _Owed:
    """A chained message whose final dot went out and whose reply is still to be read."""
    reader: _ReplyReader
    size: int
    on_verdict: Callable[[SessionFailure | None], None]


# The mechanisms tried with a password, best first. Over TLS the channel already hides
# the password, and PLAIN works with every way a server stores passwords (a Dovecot
# that keeps only SHA512-CRYPT hashes advertises CRAM-MD5 and cannot check it); in
# clear CRAM-MD5 is preferred because it does not send the password itself.
_MECHANISMS_TLS = ("PLAIN", "LOGIN", "CRAM-MD5")
_MECHANISMS_CLEAR = ("CRAM-MD5", "PLAIN", "LOGIN")


# -- where a session really connects ------------------------------------------------
def _default_context(rt: Any) -> ssl.SSLContext:
    # One per run: loading the system store (or SSL_CERT_FILE) takes a few milliseconds.
    state = EmailState.of(rt)
    if state.ssl_context is None:
        state.ssl_context = ssl.create_default_context()
    return state.ssl_context


def parse_server(text: str) -> tuple[str, int | None]:
    """`HOST`, `HOST:PORT`, `[v6]:PORT` (the --smtp-server syntax)."""
    text = text.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        host, _, port = text.partition(":")
    else:
        host, port = text, ""
    return host, (int(port) if port.isdigit() else None)


def server_option_problem(text: str) -> str | None:
    """Why an --smtp-server value cannot be used (None when it can)."""
    stripped = text.strip()
    if not stripped:
        return "the server is empty (expected HOST or HOST:PORT)"
    if stripped.startswith("["):
        host, close, rest = stripped[1:].partition("]")
        if not close or (rest and not rest.startswith(":")):
            return "expected [IPv6]:PORT"
        port = rest[1:] if rest else None
    elif stripped.count(":") == 1:
        host, _, port = stripped.partition(":")
    else:
        host, port = stripped, None
    if not host:
        return "the host is empty (expected HOST or HOST:PORT)"
    if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
        return f'"{port}" is not a port (1 to 65535)'
    return None


def resolve_endpoint(rt: Any, host: str, port: int,
                     option: int) -> tuple[str, int, ssl.SSLContext | None]:
    """The seam for capture mode and --smtp-server: where a session asking for
    `host:port` with `option` really connects, and the TLS context that verifies it.
    The script's own security settings (plain, STARTTLS, implicit TLS) never change."""
    if rt.options.capture_dir:
        # Imported here: capture.py pulls in aiosmtpd and trustme (start-up speed).
        from .capture import capture_endpoint
        return capture_endpoint(rt, host, port, option)
    # A plain session never starts TLS: no need to load the trust store (a few tens of
    # milliseconds at every run).
    context = _default_context(rt) if option in (OPTION_SSL, OPTION_STARTTLS) else None
    if rt.options.smtp_server:
        new_host, new_port = parse_server(rt.options.smtp_server)
        return new_host or host, new_port or port, context
    return host, port, context


# -- the recording client -------------------------------------------------------------
class RecordingSMTP(aiosmtplib.SMTP):
    """aiosmtplib's client, reporting every command and reply to a Transcript."""

    transcript: Transcript

    async def execute_command(self, *args: bytes, timeout: Any = Default.token) -> Any:
        t = self.transcript
        secret_follows = t._in_auth or (bool(args) and args[0].upper() == b"AUTH")
        t.command(args)
        try:
            response = await super().execute_command(*args, timeout=timeout)
        except smtp_errors.SMTPTimeoutError:
            t.note("no reply: timed out")
            raise
        except smtp_errors.SMTPServerDisconnected:
            t.note("the server closed the connection")
            raise
        t.reply(response.code, response.message, after_auth_command=secret_follows)
        return response

    async def starttls(self, **kwargs: Any) -> Any:
        await self._ehlo_or_helo_if_needed()
        t = self.transcript
        t.client_text("STARTTLS")
        try:
            response = await super().starttls(**kwargs)
        except smtp_errors.SMTPResponseException as exc:
            t.reply(exc.code, exc.message)
            raise
        t.reply(response.code, response.message)
        t.note(f"TLS established ({_tls_info(self)})")
        return response


def _tls_info(client: aiosmtplib.SMTP) -> str:
    try:
        obj = client.get_transport_info("ssl_object")
        if obj is None:
            return "TLS"
        cipher = obj.cipher()
        return f"{obj.version()}, {cipher[0]}" if cipher else str(obj.version())
    except Exception:  # only decoration for the transcript
        return "TLS"


def _local_name(client: aiosmtplib.SMTP) -> str:
    host = socket.gethostname()
    if "." in host and all(c.isalnum() or c in ".-" for c in host):
        return host
    # Not a fully qualified name: an address literal is what RFC 5321 asks for.
    try:
        addr = client.get_transport_info("sockname")[0]
    except Exception:
        return "localhost"
    addr = addr.split("%")[0]
    return f"[IPv6:{addr}]" if ":" in addr else f"[{addr}]"


# -- settings and connection -----------------------------------------------------------
@dataclass
class Settings:
    host: str
    port: int
    option: int
    name: str = ""
    password: str = ""
    token: Any = None            # an AuthToken (wlmail.oauth) or None
    auth_optional: bool = False  # legacy EmailStartSession: the password was POP3's
    timeout: float = DEFAULT_TIMEOUT
    default_sender: str = ""     # the From when the message has no Sender

    @property
    def where(self) -> str:
        return f"{self.host} port {self.port}"

    def uses_token(self) -> bool:
        return self.token is not None and not self.token.is_null()


class Connection:
    """One started session: the client, its transcript, and how to reopen it."""

    def __init__(self, rt: Any, settings: Settings) -> None:
        self.rt = rt
        self.settings = settings
        label = f"{settings.host}:{settings.port}"
        live = None
        if rt.options.trace_smtp:
            live = lambda line: rt.err(f"[smtp {label}] {line}")  # noqa: E731
        self.transcript = Transcript(label, live)
        self.client: RecordingSMTP | None = None
        self.authenticated = False
        self.refusal = ""
        self.interrupted = False   # Ctrl-C came during one of its steps: no QUIT
        self._owed: _Owed | None = None
        self.redirected = ""       # --smtp-server's HOST port PORT once open() has used it

    @property
    def where(self) -> str:
        """The server the messages name: the one really tried.  With --smtp-server it is
        not the script's ServerAddress, which the message names too (the user looks for
        the failure in the wrong place otherwise); capture mode keeps the script's."""
        s = self.settings
        if self.redirected:
            return f"{self.redirected} (given by --smtp-server instead of {s.where})"
        return s.where

    @property
    def connected(self) -> bool:
        return self.client is not None and self.client.is_connected

    @property
    def owes_verdict(self) -> bool:
        """A chained message's final dot went out and its reply is still to be read."""
        return self._owed is not None

    def _live_client(self) -> RecordingSMTP:
        """The client of a step that only runs once the connection is open."""
        assert self.client is not None
        return self.client

    def details(self, since_begin: bool = False) -> str:
        return self.transcript.text(since_begin)

    # -- opening -----------------------------------------------------------------------
    async def open(self) -> None:
        s = self.settings
        self.authenticated = False
        t = self.transcript
        try:
            host, port, context = resolve_endpoint(self.rt, s.host, s.port, s.option)
        except OSError as exc:   # capture mode's server could not start
            raise SessionFailure(Err.NETWORK, f"cannot open the session: {exc}") from None
        self.redirected = f"{host} port {port}" if (
            self.rt.options.smtp_server and not self.rt.options.capture_dir
            and (host, port) != (s.host, s.port)) else ""
        mode = {OPTION_SSL: "implicit TLS", OPTION_STARTTLS: "STARTTLS required"}.get(s.option, "plain")
        shown = f"{host}:{port}" if (host, port) == (s.host, s.port) else \
            f"{host}:{port} (instead of {s.host}:{s.port})"
        t.note(f"connecting to {shown}, {mode}")
        client = RecordingSMTP(hostname=host, port=port, timeout=s.timeout,
                               use_tls=s.option == OPTION_SSL, start_tls=False,
                               tls_context=context, local_hostname="localhost")
        client.transcript = t
        self.client = client
        try:
            greeting = await client.connect()
        except smtp_errors.SMTPConnectResponseError as exc:
            t.reply(exc.code, exc.message)
            raise SessionFailure(Err.SMTP_ERROR, f"{self.where} refused the session: "
                                                 f"{exc.code} {exc.message}") from None
        except BaseException as exc:
            failure = self.explain(exc, "while connecting")
            if failure.code == Err.TIMEOUT and s.option != OPTION_SSL and \
                    await _speaks_implicit_tls(host, port, min(s.timeout, 5.0)):
                t.note(f"port {port} answered a TLS handshake: it expects implicit TLS")
                raise SessionFailure(
                    Err.TLS_FAILURE,
                    f"{self.where} sent no greeting but answers a TLS handshake: the port "
                    f"expects TLS from the first byte (implicit TLS, usually port 465): set "
                    f"the session's Option to optionSSL ({OPTIONS[s.option]} waits for a "
                    f"plain greeting first)") from None
            raise failure from None
        t.reply(greeting.code, greeting.message)
        if s.option == OPTION_SSL:
            t.note(f"TLS established ({_tls_info(client)})")
        client.local_hostname = _local_name(client)
        try:
            await client._ehlo_or_helo_if_needed()
            if s.option == OPTION_STARTTLS:
                if not client.supports_extension("starttls"):
                    raise SessionFailure(
                        Err.STARTTLS_NOT_OFFERED,
                        f"{self.where} does not offer STARTTLS, which the session's Option "
                        f"({OPTIONS[s.option]}) requires: the session was not started and "
                        f"nothing was sent in clear")
                await client.starttls()
                await client.ehlo()
        except SessionFailure:
            await self.quit()
            raise
        except BaseException as exc:
            failure = self.explain(exc, "while starting TLS" if s.option == OPTION_STARTTLS
                                   else "after connecting")
            await self.quit()
            raise failure from None

    # -- authenticating ----------------------------------------------------------------
    async def authenticate(self, may_refresh: bool) -> bool:
        """True when done (or nothing to do); False when the token was refused and a
        refresh is worth trying (the caller refreshes outside the event loop)."""
        s = self.settings
        client = self.client
        assert client is not None
        try:
            if s.uses_token():
                ok = await self._xoauth2(may_refresh)
                self.authenticated = ok
                return ok
            if not s.name:
                return True
            methods = [m.upper() for m in client.server_auth_methods]
            if not client.supports_extension("auth") or not methods:
                if s.auth_optional:
                    self.transcript.note("the server offers no AUTH: the legacy session "
                                         "goes on without authentication")
                    return True
                raise SessionFailure(
                    Err.AUTH_NOT_OFFERED,
                    f"{self.where} offers no authentication (no AUTH in its EHLO reply) but "
                    f'the session has a Name ("{s.name}"): leave Name empty to send without '
                    f"authentication" + (", or use emailOptionSecuredTLS if the server only "
                                        "offers AUTH after STARTTLS" if s.option == 0 else ""))
            await self._login(methods)
            self.authenticated = True
            return True
        except SessionFailure:
            raise
        except BaseException as exc:
            raise self.explain(exc, "during authentication") from None

    async def _login(self, methods: list[str]) -> None:
        s = self.settings
        client = self._live_client()
        offered = {m.upper() for m in client.server_auth_methods}
        over_tls = client.get_transport_info("sslcontext") is not None
        usable = [m for m in (_MECHANISMS_TLS if over_tls else _MECHANISMS_CLEAR)
                  if m in offered]
        if not usable:
            raise SessionFailure(
                Err.AUTH_NOT_OFFERED,
                f"{self.where} offers AUTH {' '.join(methods)}, none of which works with a "
                f"password (wlmail uses CRAM-MD5, PLAIN or LOGIN); with XOAUTH2, set the "
                f"session's AuthToken")
        last: smtp_errors.SMTPAuthenticationError | None = None
        mech = usable[0]
        for mech in usable:
            try:
                await getattr(client, "auth_" + mech.replace("-", "").lower())(s.name, s.password)
                return
            except smtp_errors.SMTPAuthenticationError as exc:
                last = exc
                self.transcript.end_auth()
                # 535 is the server's verdict on the credentials: another mechanism
                # would only try the same refused password again. 421 closes the
                # channel. Any other refusal (504 not really there, 534 too weak, 538
                # needs encryption, 454 could not check it now) is about this
                # mechanism: the next one the server offers may work.
                if exc.code in (535, 421) or not client.is_connected:
                    break
                self.transcript.note(f"AUTH {mech} refused ({exc.code}): trying the next "
                                     f"mechanism the server offers")
        assert last is not None
        if _temporary(last.code):
            raise _auth_unavailable(s, self.where, f"AUTH {mech.upper()}", last.code, last.message)
        if last.code != 535 and len(usable) > 1:
            raise SessionFailure(
                Err.AUTH_REFUSED,
                f'{self.where} refused every mechanism it offers for "{s.name}" '
                f"({', '.join(usable)}; the last, AUTH {mech.upper()}: {last.code} "
                f"{last.message})")
        hint = ""
        if mech == "CRAM-MD5" and not over_tls and offered & {"PLAIN", "LOGIN"}:
            # A 535 to CRAM-MD5 may also mean that the server keeps only a hash of the
            # password (Dovecot with SHA512-CRYPT): it cannot tell which, and sending the
            # password again in clear with PLAIN is not wlmail's to decide.
            hint = (" — if the password is right, the server may be unable to check "
                    "CRAM-MD5 for this user (it keeps only a hash of the password): use TLS "
                    "(emailOptionSecuredTLS or optionSSL), where wlmail authenticates "
                    "with PLAIN")
        raise SessionFailure(
            Err.AUTH_REFUSED,
            f'{self.where} refused the user name or password for "{s.name}" '
            f"(AUTH {mech.upper()}): {last.code} {last.message}{hint}")

    async def _xoauth2(self, may_refresh: bool) -> bool:
        s = self.settings
        client = self._live_client()
        if not s.name:
            raise SessionFailure(Err.AUTH_REFUSED,
                                 "AUTH XOAUTH2 needs the session's Name: set it to the "
                                 "mailbox address the AuthToken was issued for")
        methods = [m.upper() for m in client.server_auth_methods]
        if "XOAUTH2" not in methods:
            offered = f"it offers AUTH {' '.join(methods)}" if methods else "it offers no AUTH"
            raise SessionFailure(Err.AUTH_NOT_OFFERED,
                                 f"{self.where} does not offer XOAUTH2, which an AuthToken needs "
                                 f"({offered})")
        blob = initial_response(s.name, s.token.value)
        if len(b"AUTH XOAUTH2 " + blob + b"\r\n") <= _AUTH_LINE_LIMIT:
            response = await client.execute_command(b"AUTH", b"XOAUTH2", blob)
        else:
            response = await client.execute_command(b"AUTH", b"XOAUTH2")
            if response.code == 334:
                response = await client.execute_command(blob)
        detail = ""
        if response.code == 334:
            # The error continuation: a base64 JSON status; the client answers with an
            # empty line and the server then gives its final refusal.
            detail = describe_error(response.message)
            response = await client.execute_command(b"")
        self.transcript.end_auth()
        if response.code == 235:
            return True
        if _temporary(response.code):
            # The server could not check the token now: refreshing it would not help.
            raise _auth_unavailable(s, self.where, "AUTH XOAUTH2", response.code, response.message)
        self.refusal = f"{response.code} {response.message}" + (f" ({detail})" if detail else "")
        refresh_token = getattr(s.token, "refresh_token", None)
        if may_refresh and refresh_token:
            self.transcript.note("access token refused: refreshing it")
            return False
        raise SessionFailure(
            Err.AUTH_REFUSED,
            f'{self.where} refused the access token for "{s.name}" (AUTH XOAUTH2): {self.refusal}')

    # -- sending -----------------------------------------------------------------------------
    async def send(self, out: Outgoing, chain: Chain | None = None) -> dict[str, tuple[int, str]]:
        """Send one message; returns the refused recipients (the others got it). With
        `chain` and a server that offers PIPELINING, the message's own verdict comes
        later, through `chain.on_verdict` (see Chain)."""
        client = self.client
        assert client is not None
        self.transcript.begin()
        size = out.size()
        limit = client.esmtp_extensions.get("size", "").strip()
        if limit.isdigit() and int(limit) > 0 and size > int(limit):
            raise SessionFailure(
                Err.MESSAGE_TOO_BIG,
                f"the message is too big for {self.where}: {_mb(size)} once encoded, the "
                f"server accepts at most {_mb(int(limit))} (its SIZE limit); nothing was sent",
                reply=552)   # what the server would answer (RFC 1870 section 6.1): permanent
        options = [f"SIZE={size}"] if client.supports_extension("size") else []
        if self._owed is not None and not client.is_connected:
            # Closed after the previous message's dot: its verdict says so, and nothing
            # of this one was sent.
            await self.settle()
            raise StaleConnection(Err.DISCONNECTED,
                                  f"{self.where} closed the connection after the previous "
                                  f"message: nothing of this one was sent")
        # A server that dropped the idle session has sent its 421 and closed: let the
        # loop read that before MAIL FROM, so the close is seen here and not taken for
        # the answer to MAIL FROM.
        # Only when the socket has something to read: a live idle connection has
        # nothing, and the check is one system call instead of four turns of the loop.
        # (Not after a chained message: its verdict is what there is to read.)
        if self._owed is None and _readable(client):
            for _ in range(4):
                if not client.is_connected:
                    break
                await asyncio.sleep(0)
        if not client.is_connected:
            _drop(client)
            self.transcript.note("the server had closed the idle connection")
            raise StaleConnection(Err.DISCONNECTED,
                                  f"{self.where} had closed the connection: nothing was sent")
        if client.supports_extension("pipelining") and _can_pipeline(client):
            return await self._send_pipelined(out, options, size, chain)
        await self.settle()    # never owed here: only a pipelined send leaves a verdict
        try:
            try:
                await client.mail(out.envelope_from, options=options)
            except smtp_errors.SMTPServerDisconnected:
                _drop(client)
                raise StaleConnection(Err.DISCONNECTED,
                                      f"{self.where} closed the connection at MAIL FROM: "
                                      f"nothing was sent") from None
            except smtp_errors.SMTPSenderRefused as exc:
                if exc.code == 421:
                    _drop(client)
                    raise StaleConnection(Err.DISCONNECTED,
                                          f"{self.where} is closing the connection (it answered "
                                          f"MAIL FROM with {exc.code} {exc.message}): nothing "
                                          f"was sent") from None
                await self._reset()
                raise self._sender_refused(out, exc.code, exc.message) from None
            refused: dict[str, tuple[int, str]] = {}
            for rcpt in out.recipients:
                try:
                    await client.rcpt(rcpt)
                except smtp_errors.SMTPRecipientRefused as exc:
                    refused[rcpt] = (exc.code, exc.message)
            if len(refused) == len(out.recipients):
                await self._reset()
                raise SessionFailure(
                    Err.RECIPIENTS_REFUSED,
                    f"{self.where} refused every recipient, nothing was sent: "
                    + refused_list(refused), refused=refused)
            response = await client.execute_command(b"DATA")
            if response.code != 354:
                await self._reset()
                raise SessionFailure(_data_code(response.code),
                                     f"{self.where} refused the message (DATA): "
                                     f"{response.code} {response.message}",
                                     reply=response.code)
            await self._stream(out, size)
        except SessionFailure:
            raise
        except BaseException as exc:
            raise self.explain(exc, "while sending the message") from None
        return refused

    def _sender_refused(self, out: Outgoing, code: int, message: str) -> SessionFailure:
        where = self.where
        if code == 552:
            return SessionFailure(Err.MESSAGE_TOO_BIG,
                                  f"the message is too big for {where}: {code} {message}",
                                  reply=code)
        return SessionFailure(Err.SENDER_REFUSED,
                              f'{where} refused the sender "{out.envelope_from}": '
                              f"{code} {message}", reply=code)

    async def _send_pipelined(self, out: Outgoing, options: list[str], size: int,
                              chain: Chain | None) -> dict[str, tuple[int, str]]:
        """MAIL FROM, every RCPT TO and DATA in one write, their replies read in order
        (RFC 2920, for a server that offers PIPELINING): one round trip instead of two
        plus one per recipient. The message itself still waits for DATA's 354, so a
        refusal anywhere sends nothing of it. After a chained message the write follows
        its final dot without waiting ("the actual transfer of message content is
        explicitly allowed to be the first command in a group", RFC 2920 section 3.1),
        and its reply is read first."""
        client = self._live_client()
        protocol = client.protocol
        assert protocol is not None   # connected
        t = self.transcript
        commands = [(b"MAIL", b"FROM:" + _path(out.envelope_from),
                     *(o.encode("ascii") for o in options))]
        commands += [(b"RCPT", b"TO:" + _path(r)) for r in out.recipients]
        commands.append((b"DATA",))
        try:
            for args in commands:
                if any(_COMMAND_CONTROL.search(a) for a in args):
                    raise SessionFailure(Err.BAD_ADDRESS,
                                         "an envelope address holds a control character: "
                                         "refused, nothing was sent")
            for args in commands:
                t.command(args)
            owed, self._owed = self._owed, None
            reader = owed.reader if owed is not None else _ReplyReader(protocol)
            try:
                protocol.write(b"".join(b" ".join(args) + b"\r\n" for args in commands))
                if owed is not None and not await self._verdict(owed):
                    raise StaleConnection(Err.DISCONNECTED,
                                          f"{self.where} closed the connection after the "
                                          f"previous message: nothing of this one was sent")
                first = reader.count
                mail = await reader.next(client.timeout)
                t.reply(*mail)
                if mail[0] == 421:
                    _drop(client)
                    raise StaleConnection(Err.DISCONNECTED,
                                          f"{self.where} is closing the connection (it answered "
                                          f"MAIL FROM with {mail[0]} {mail[1]}): nothing was "
                                          f"sent")
                replies = []
                for _ in commands[1:]:
                    replies.append(await reader.next(client.timeout))
                    t.reply(*replies[-1])
            except smtp_errors.SMTPServerDisconnected:
                _drop(client)
                if reader.count == first:
                    raise StaleConnection(Err.DISCONNECTED,
                                          f"{self.where} closed the connection at MAIL FROM: "
                                          f"nothing was sent") from None
                raise
            except (smtp_errors.SMTPTimeoutError, smtp_errors.SMTPResponseException):
                # Replies still owed or unreadable: the dialogue is out of step, and the
                # next message must start on a fresh connection.
                _drop(client)
                raise
            finally:
                reader.close()
            data = replies[-1]
            refused = {rcpt: reply for rcpt, reply in zip(out.recipients, replies[:-1], strict=True)
                       if reply[0] not in (250, 251)}
            accepted = mail[0] == 250 and len(refused) < len(out.recipients)
            if data[0] == 354 and not accepted:
                # A server that opened DATA for a transaction it refused: ending the data
                # would send an empty message; closing sends nothing.
                _drop(client)
            elif data[0] != 354:
                await self._reset()
            if mail[0] != 250:
                raise self._sender_refused(out, *mail)
            if len(refused) == len(out.recipients):
                raise SessionFailure(
                    Err.RECIPIENTS_REFUSED,
                    f"{self.where} refused every recipient, nothing was sent: "
                    + refused_list(refused), refused=refused)
            if data[0] != 354:
                raise SessionFailure(_data_code(data[0]),
                                     f"{self.where} refused the message (DATA): "
                                     f"{data[0]} {data[1]}", reply=data[0])
            await self._stream(out, size, chain)
        except SessionFailure:
            raise
        except BaseException as exc:
            raise self.explain(exc, "while sending the message") from None
        return refused

    async def _stream(self, out: Outgoing, size: int, chain: Chain | None = None) -> None:
        s = self.settings
        client = self._live_client()
        protocol = client.protocol
        assert protocol is not None   # connected
        t = self.transcript
        t.client_text(f"(message: {size} bytes)")
        sent = 0
        dot_sent = False
        segments = out.segments
        small = len(segments) == 1 and isinstance(segments[0], bytes) and size <= 65536
        try:
            if small and chain is None:
                # A small message and its final dot in one write (one system call, as
                # smtplib does): nothing to wait for in between.
                assert isinstance(segments[0], bytes)
                protocol.write(segments[0] + b".\r\n")
                sent = size
            # Chained: the last piece is held back and goes with the final dot, in one
            # write after `before_dot` (a small message: one write, as above).
            held = b""
            if small and chain is not None:
                assert isinstance(segments[0], bytes)
                held = segments[0]
            for chunk in () if small else out.chunks():
                if chain is not None:
                    chunk, held = held, chunk
                    if not chunk:
                        continue
                protocol.write(chunk)
                sent += len(chunk)
                # Wait while the socket's buffer is full instead of queueing the whole
                # message in memory (asyncio copies what it cannot send at once). A
                # server that stops reading must not hold the send for ever: each wait
                # for room is bounded like every other wait of the session.
                try:
                    if getattr(protocol, "_paused", True):
                        await asyncio.wait_for(protocol._drain_helper(), s.timeout)
                    else:
                        await protocol._drain_helper()   # returns at once (or raises)
                except TimeoutError:
                    _drop(client)
                    t.note("the server stopped reading the message: timed out")
                    raise SessionFailure(
                        Err.TIMEOUT,
                        f"{self.where} stopped reading the message and took no more of it "
                        f"within {s.timeout:g} s ({sent} of {size} bytes sent): the "
                        f"message was not delivered") from None
            if chain is not None:
                try:
                    await chain.before_dot()
                except Exception as exc:
                    # The server is in the middle of the data: QUIT would be read as
                    # more of it. Closed without the dot, nothing of it is delivered.
                    # The caller's own failure, not the network's: passed on as it is.
                    _drop(client)
                    raise ChainBroken(str(exc) or type(exc).__name__) from exc
                except BaseException:
                    _drop(client)
                    raise
                # Ready before the dot goes: its reply cannot arrive before this.
                reader = _ReplyReader(protocol)
                protocol.write(held + b".\r\n")
                sent += len(held)
                t.client_text(".")
                self._owed = _Owed(reader, size, chain.on_verdict)
                return
            if not small:
                protocol.write(b".\r\n")
            dot_sent = True
            t.client_text(".")
            response = await protocol.read_response(timeout=client.timeout)
        except (smtp_errors.SMTPServerDisconnected, ConnectionError) as exc:
            _drop(client)
            t.note("the server closed the connection")
            if dot_sent:
                # The whole message reached the server; its verdict did not reach us.
                raise SessionFailure(
                    Err.DISCONNECTED,
                    f"{self.where} closed the connection while the message was being sent, "
                    f"after its final dot and without confirming it ({sent} of {size} "
                    f"bytes sent): perhaps not delivered, perhaps delivered (the server "
                    f"never said which)") from exc
            raise SessionFailure(
                Err.DISCONNECTED,
                f"{self.where} closed the connection while the message was being sent "
                f"({sent} of {size} bytes sent): the message was not delivered") from exc
        except smtp_errors.SMTPTimeoutError as exc:
            _drop(client)
            t.note("no reply: timed out")
            raise self._unconfirmed(s.timeout) from exc
        t.reply(response.code, response.message)
        if response.code == 421:
            client.close()
        if response.code != 250:
            raise SessionFailure(_data_code(response.code),
                                 f"{self.where} refused the message: {response.code} "
                                 f"{response.message}", reply=response.code)

    def _unconfirmed(self, timeout: float) -> SessionFailure:
        # The whole message went; its verdict did not come back in time (streamed or chained).
        return SessionFailure(
            Err.TIMEOUT,
            f"{self.where} did not confirm the message within {timeout:g} s: it may or "
            f"may not have been delivered")

    async def _verdict(self, owed: _Owed) -> bool:
        """Read a chained message's reply and hand it to its `on_verdict`; False when
        the connection is gone (then the next message must go on a new one)."""
        s = self.settings
        t = self.transcript
        failure: SessionFailure | None = None
        timeout = (self.client.timeout if self.client is not None else None) or s.timeout
        try:
            code, text = await owed.reader.next(timeout)
        except smtp_errors.SMTPServerDisconnected:
            _drop(self.client)
            t.note("the server closed the connection")
            failure = SessionFailure(
                Err.DISCONNECTED,
                f"{self.where} closed the connection after the message's final dot without "
                f"confirming it ({owed.size} bytes sent): perhaps not delivered, perhaps "
                f"delivered (the server never said which)")
        except smtp_errors.SMTPTimeoutError:
            _drop(self.client)
            t.note("no reply: timed out")
            failure = self._unconfirmed(timeout)
        except smtp_errors.SMTPResponseException as exc:
            _drop(self.client)      # out of step: nothing more can be read on it
            failure = SessionFailure(
                Err.SMTP_ERROR,
                f"{self.where} answered the message's final dot with something that is no "
                f"SMTP reply ({exc.message}): it may or may not have been delivered")
        else:
            t.reply(code, text)
            if code == 421:
                _drop(self.client)
            if code != 250:
                failure = SessionFailure(_data_code(code),
                                         f"{self.where} refused the message: {code} {text}",
                                         reply=code)
        owed.on_verdict(failure)
        return self.connected

    async def settle(self) -> None:
        """Read the verdict a chained send left to read, if any."""
        owed, self._owed = self._owed, None
        if owed is None:
            return
        try:
            await self._verdict(owed)
        finally:
            owed.reader.close()

    def _forget_owed(self) -> None:
        """Closing without reading a chained message's verdict: it is unknown."""
        owed, self._owed = self._owed, None
        if owed is None:
            return
        owed.reader.close()
        owed.on_verdict(SessionFailure(
            Err.DISCONNECTED,
            f"the connection to {self.where} was closed before the server "
            f"confirmed the message: it may or may not have been delivered"))

    async def _reset(self) -> None:
        client = self.client
        if client is None or not client.is_connected:
            return
        try:
            await client.rset()
        except Exception:  # the failure being reported matters more than RSET's
            client.close()

    # -- closing -----------------------------------------------------------------------------
    async def quit(self) -> None:
        if self.interrupted:
            self._forget_owed()
        else:
            await self.settle()
        client = self.client
        self.client = None
        if client is None:
            return
        if self.interrupted:
            # After Ctrl-C the connection may be in the middle of a message, and the
            # server silent: QUIT would wait for the whole time-out.
            _drop(client)
            return
        try:
            # QUIT on a dying connection: nothing left to tell the script.
            with contextlib.suppress(Exception):
                if client.is_connected:
                    await client.quit()
        finally:
            client.close()

    def interrupt(self) -> None:
        """Ctrl-C: close now, on the loop or off it, without QUIT and without a wait."""
        self.interrupted = True
        _drop(self.client)

    async def abort(self) -> None:
        """Close at once, without QUIT and without flushing what is still queued."""
        self._forget_owed()
        client = self.client
        if client is not None:
            _drop(client)

    # -- plain words ------------------------------------------------------------------------
    def explain(self, exc: BaseException, phase: str) -> SessionFailure:
        s = self.settings
        where = self.where
        if isinstance(exc, SessionFailure):
            return exc
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise exc
        cause = exc.__cause__ if isinstance(exc, smtp_errors.SMTPConnectError) and \
            exc.__cause__ is not None else exc
        if isinstance(exc, smtp_errors.SMTPTimeoutError) or isinstance(cause, TimeoutError):
            return SessionFailure(Err.TIMEOUT,
                                  f"{where} did not answer within {s.timeout:g} s {phase} "
                                  f"(a firewall may block the port, or the server is down; "
                                  f"EmailSetTimeOut changes the delay)")
        if isinstance(cause, socket.gaierror):
            if self.rt.options.smtp_server and not self.rt.options.capture_dir:
                name, check = parse_server(self.rt.options.smtp_server)[0] or s.host, "--smtp-server"
            else:
                name, check = s.host, "ServerAddress"
            return SessionFailure(Err.DNS_FAILURE,
                                  f'the server name "{name}" cannot be resolved '
                                  f"(check {check}): {cause.strerror or cause}")
        if isinstance(cause, ssl.SSLCertVerificationError):
            return SessionFailure(Err.CERTIFICATE,
                                  f"the certificate of {where} was not accepted: "
                                  f"{cause.verify_message or cause.reason}")
        if isinstance(cause, ssl.SSLError):
            reason = cause.reason or str(cause)
            hint = ""
            if "WRONG_VERSION_NUMBER" in str(reason).upper() and s.option == OPTION_SSL:
                hint = (" — the server does not seem to speak TLS on this port: optionSSL is "
                        "for port 465, use emailOptionSecuredTLS on 587")
            return SessionFailure(Err.TLS_FAILURE,
                                  f"the TLS handshake with {where} failed {phase}: {reason}{hint}")
        if isinstance(cause, ConnectionRefusedError):
            return SessionFailure(Err.CONNECTION_REFUSED,
                                  f"{where} refused the connection (is the server running, and "
                                  f"is it the right port?)")
        if isinstance(exc, smtp_errors.SMTPAuthenticationError) and _temporary(exc.code):
            return _auth_unavailable(s, self.where, "AUTH", exc.code, exc.message)
        if isinstance(exc, smtp_errors.SMTPAuthenticationError):
            return SessionFailure(Err.AUTH_REFUSED, f"{where} refused the authentication: "
                                                    f"{exc.code} {exc.message}")
        if isinstance(exc, smtp_errors.SMTPResponseException):
            code = Err.DISCONNECTED if exc.code == 421 else Err.SMTP_ERROR
            return SessionFailure(code, f"{where} answered {exc.code} {exc.message} {phase}",
                                  reply=max(exc.code, 0))
        if isinstance(cause, (smtp_errors.SMTPServerDisconnected, ConnectionError, EOFError)):
            return SessionFailure(Err.DISCONNECTED, f"{where} closed the connection {phase}")
        if isinstance(cause, OSError):
            return SessionFailure(Err.NETWORK, f"cannot reach {where} {phase}: "
                                               f"{cause.strerror or cause}")
        if isinstance(exc, (smtp_errors.SMTPException, ValueError)):
            return SessionFailure(Err.SMTP_ERROR, f"SMTP error with {where} {phase}: {exc}")
        raise exc


async def _speaks_implicit_tls(host: str, port: int, timeout: float) -> bool:
    """Whether host:port completes a TLS handshake (after a plain session got no
    greeting). Only the handshake: no certificate is trusted and nothing is sent."""
    probe = ssl.create_default_context()
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=probe, server_hostname=host or None),
            timeout)
    except (OSError, TimeoutError, ssl.SSLError):
        return False
    writer.close()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(writer.wait_closed(), 1.0)
    return True


def _temporary(code: int) -> bool:
    """A 4xx reply (421 closing, 451 local error, 454 temporary authentication failure):
    the server could not do it now, which says nothing about the credentials."""
    return 400 <= code < 500


def _auth_unavailable(s: Settings, where: str, what: str, code: int,
                      message: str) -> SessionFailure:
    # 421 means the server is closing the channel: reported as a disconnection, like a
    # 421 anywhere else; other 4xx as an SMTP error. Never as "refused the password",
    # so that a script does not stop retrying, or ask for a new password, over it.
    return SessionFailure(
        Err.DISCONNECTED if code == 421 else Err.SMTP_ERROR,
        f'{where} could not check the credentials of "{s.name}" ({what}) because of a '
        f"temporary server error, not a wrong password: {code} {message} — try again later")


_COMMAND_CONTROL = re.compile(rb"[\x00-\x1f\x7f]")
_REPLY_LINE_LIMIT = 8192
_REPLY_LIMIT = 1 << 20


def _path(address: str) -> bytes:
    """`<address>` as MAIL FROM / RCPT TO write it (aiosmtplib's quoting)."""
    return quote_address(address).encode("ascii")


def _can_pipeline(client: aiosmtplib.SMTP) -> bool:
    # The reply reader takes over the protocol's three callbacks for a moment.
    protocol = client.protocol
    return protocol is not None and all(
        callable(getattr(protocol, name, None))
        for name in ("data_received", "eof_received", "connection_lost"))


class _ReplyReader:
    """Reads several replies in a row, which aiosmtplib's protocol cannot (it keeps one
    reply per command, and drops what arrives while a parsed one awaits pickup): for
    the time of a pipelined exchange, the protocol's data goes here."""

    def __init__(self, protocol: Any) -> None:
        self.protocol = protocol
        self.buffer = bytearray()
        self.closed = False
        self.count = 0
        self._loop = asyncio.get_running_loop()
        self._wake: asyncio.Future[None] = self._loop.create_future()
        self._eof = protocol.eof_received
        self._lost = protocol.connection_lost
        protocol.data_received = self._data
        protocol.eof_received = self._on_eof
        protocol.connection_lost = self._on_lost

    def _signal(self) -> None:
        if not self._wake.done():
            self._wake.set_result(None)

    def _data(self, data: bytes) -> None:
        self.buffer.extend(data)
        self._signal()

    def _on_eof(self) -> bool | None:
        self.closed = True
        self._signal()
        return self._eof()

    def _on_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._signal()
        self._lost(exc)

    def close(self) -> None:
        # Back to the protocol's own methods; nothing more is expected before the
        # message is sent.
        for name in ("data_received", "eof_received", "connection_lost"):
            vars(self.protocol).pop(name, None)

    def _parse(self) -> tuple[int, str] | None:
        lines: list[bytes] = []
        offset = 0
        while True:
            end = self.buffer.find(b"\n", offset)
            if end == -1:
                return None
            line = bytes(self.buffer[offset:end + 1])
            offset = end + 1
            if len(line) > _REPLY_LINE_LIMIT or not line[:3].isdigit():
                raise smtp_errors.SMTPResponseException(
                    -1, f"Malformed SMTP response line: {line.decode('utf-8', 'replace')}")
            lines.append(line)
            if line[3:4] != b"-":
                break
        del self.buffer[:offset]
        text = b"\n".join(ln[4:].strip(b" \t\r\n") for ln in lines)
        return int(lines[-1][:3]), text.decode("utf-8", "surrogateescape")

    async def next(self, timeout: float | None) -> tuple[int, str]:
        """The next reply, whole within `timeout` (as aiosmtplib bounds each reply: a
        server dripping bytes does not hold the session longer)."""
        deadline = None if timeout is None else self._loop.time() + timeout
        while True:
            reply = self._parse()
            if reply is not None:
                self.count += 1
                return reply
            if self.closed:
                raise smtp_errors.SMTPServerDisconnected("Connection lost")
            if len(self.buffer) > _REPLY_LIMIT:
                raise smtp_errors.SMTPResponseException(-1, "Response too long")
            left = None if deadline is None else max(0.0, deadline - self._loop.time())
            try:
                await asyncio.wait_for(asyncio.shield(self._wake), left)
            except TimeoutError:
                raise smtp_errors.SMTPReadTimeoutError(
                    "Timed out waiting for server response") from None
            self._wake = self._loop.create_future()


def _readable(client: aiosmtplib.SMTP) -> bool:
    """Whether the server sent something (or closed) that the loop has not read yet.
    Between transactions a server says nothing unless it is closing the session."""
    transport = client.transport
    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is None:
        return True   # cannot tell: let the loop look
    try:
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):   # closed meanwhile
        return True


def _drop(client: aiosmtplib.SMTP | None) -> None:
    """Close the connection now. `close()` alone lets asyncio keep the socket open until
    the queued bytes are written, which a server that stopped reading never allows."""
    if client is None:
        return
    transport = client.transport
    if isinstance(transport, asyncio.WriteTransport):
        with contextlib.suppress(Exception):
            transport.abort()
    client.close()


def _data_code(code: int) -> int:
    if code == 552:
        return Err.MESSAGE_TOO_BIG
    if code == 421:
        return Err.DISCONNECTED
    return Err.SMTP_ERROR


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n} bytes"


def refused_list(refused: dict[str, tuple[int, str]]) -> str:
    return "; ".join(f"{addr} ({code} {text})" for addr, (code, text) in refused.items())

