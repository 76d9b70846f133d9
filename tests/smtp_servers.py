"""SMTP servers on loopback for the test suite (fixtures re-exported by tests/conftest.py).

Every server is a real aiosmtpd server (smtp_faults.FaultySMTP, built on wlmail's
capture listener) in a background thread, on 127.0.0.1 and a port of its own; TLS is real, with one trustme
CA per test session.  Each server records what it received:

    srv.host, srv.port   where to connect
    srv.messages    accepted messages: Received(mail_from, rcpt_tos, data (raw bytes, CRLF),
                    tls ("none"|"starttls"|"implicit"), auth_mechanism, auth_user,
                    mail_options, reply, .message (parsed EmailMessage), .auth)
    srv.rejected    messages that reached the final dot and were refused (reply kept)
    srv.connections ConnectionRecord(peer, tls, ehlo, commands (verbs, in order),
                    auth_attempts [AuthAttempt(mechanism, user, form "inline"|"two-step",
                    success)], auth_mechanism, auth_user, quit)
    Secrets (passwords, tokens) are never recorded.

Fixtures (function scope; servers stop at the end of the test):

    smtp_ca          (session) the trustme CA of every TLS server; smtp_ca_file is its PEM
    smtp_tls_env     sets SSL_CERT_FILE to that PEM in os.environ for this test (so
                     ssl.create_default_context(), hence wlmail's Context, trusts the test
                     servers) and returns an environment dict for a `wlmail run` subprocess
                     (SSL_CERT_FILE plus XDG_STATE_HOME/XDG_CACHE_HOME in tmp dirs)
    smtp_server      factory: smtp_server(**FaultySMTP options) -> started server
                     (tls="none"|"starttls"|"implicit", auth_mechanisms, authenticator,
                     xoauth2_validator, on_mail/on_rcpt/on_data, delays, greeting, ...);
                     any TLS server turns smtp_tls_env on
    smtp_plain       plain ESMTP; AUTH PLAIN/LOGIN/XOAUTH2 offered, any credentials accepted
    smtp_starttls    offers STARTTLS; AUTH offered only after it; accepts any credentials
    smtp_implicit    TLS from the first byte (port-465 style); accepts any credentials
    smtp_auth        plain; AUTH PLAIN and LOGIN, only USER / PASSWORD accepted
    smtp_starttls_auth  the same behind STARTTLS
    smtp_implicit_auth  the same over implicit TLS
    smtp_xoauth2     STARTTLS + AUTH XOAUTH2 only; tokens checked by the `xoauth2_validator`
                     fixture: by default only XOAUTH2_TOKEN for USER is accepted.  The OAuth
                     tests override `xoauth2_validator` in their own conftest to accept the
                     tokens their authorization server issued; a refused token gets Google's
                     error continuation (334 <base64 JSON>, then 535 after the client's empty line)
    smtp_refuse_some 550 for recipients whose local part starts with "nobody", 250 otherwise
    smtp_refuse_all  550 for every recipient
    smtp_too_big     552 5.3.4 on the final dot (the message was fully received)
    smtp_421         421 4.3.2 on the final dot, then closes the connection
    smtp_slow        answers the final dot only after SLOW_SECONDS (use a short client time-out);
                     smtp_server(delays={"GREETING": s}) delays the greeting, any verb works too
    smtp_drop_before_dot  a raw asyncio server: 220/EHLO/MAIL/RCPT/DATA 354, then closes the
                     connection after the message's first lines, before the final dot;
                     records .commands and .data_received
    smtp_no_starttls plain ESMTP without STARTTLS (a script asking for STARTTLS must fail)
    smtp_no_auth     plain ESMTP with no AUTH extension at all
    smtp_421_greeting  greets with 421 and closes

Constants: USER, PASSWORD, XOAUTH2_TOKEN, REFUSED_PREFIX ("nobody"), SLOW_SECONDS.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from smtp_faults import FaultySMTP
from wlmail.email.capture import BackgroundLoop

__all__ = [
    "USER", "PASSWORD", "XOAUTH2_TOKEN", "REFUSED_PREFIX", "SLOW_SECONDS",
    "DropBeforeDotServer",
    "smtp_ca", "smtp_ca_file", "smtp_tls_env", "smtp_server", "xoauth2_validator",
    "smtp_plain", "smtp_starttls", "smtp_implicit", "smtp_auth", "smtp_starttls_auth",
    "smtp_implicit_auth", "smtp_xoauth2", "smtp_refuse_some", "smtp_refuse_all",
    "smtp_too_big", "smtp_421", "smtp_slow", "smtp_drop_before_dot", "smtp_no_starttls",
    "smtp_no_auth", "smtp_421_greeting",
]

USER = "ann@example.com"
# Distinctive, so that "the secret never appears in any output" checks cannot match by chance.
PASSWORD = "Pw-s3cret-7f2c9a"
XOAUTH2_TOKEN = "ya29.test-token-b81d44e0"
REFUSED_PREFIX = "nobody"
SLOW_SECONDS = 30.0


# -- a scripted raw server ---------------------------------------------------------------
class DropBeforeDotServer:
    """Speaks just enough SMTP to reach DATA, then hangs up before the final dot.

    aiosmtpd cannot do this (its DATA reading owns the connection until the dot).
    """

    def __init__(self, keep_lines: int = 3) -> None:
        self.host = "127.0.0.1"
        self.port = 0
        self.keep_lines = keep_lines
        self.commands: list[str] = []
        self.data_received = b""
        self.connections = 0
        self._loop: BackgroundLoop | None = None
        self._server: asyncio.AbstractServer | None = None

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        writer.write(b"220 localhost ESMTP drop-before-dot\r\n")
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                verb = line.split(b" ", 1)[0].strip().upper().decode("ascii", "replace")
                self.commands.append(verb)
                if verb == "EHLO":
                    writer.write(b"250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                elif verb == "HELO":
                    writer.write(b"250 localhost\r\n")
                elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                    writer.write(b"250 OK\r\n")
                elif verb == "QUIT":
                    writer.write(b"221 Bye\r\n")
                    return
                elif verb == "DATA":
                    writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    await writer.drain()
                    for _ in range(self.keep_lines):
                        got = await reader.readline()
                        self.data_received += got
                        if not got or got == b".\r\n":
                            break
                    return          # the finally below hangs up without a reply
                else:
                    writer.write(b"502 Command not implemented\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.transport.abort()

    def start(self) -> DropBeforeDotServer:
        self._loop = BackgroundLoop("drop-before-dot")

        async def create() -> asyncio.AbstractServer:
            return await asyncio.start_server(self._client, self.host, 0)

        self._server = self._loop.call(create())
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        server, self._server = self._server, None

        async def close() -> None:
            if server is not None:
                server.close()

        self._loop.call(close())
        self._loop.stop()
        self._loop = None


# -- fixtures ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def smtp_ca() -> trustme.CA:
    return trustme.CA(organization_name="wlmail test suite")


@pytest.fixture(scope="session")
def smtp_ca_file(smtp_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("smtp-ca") / "ca.pem"
    smtp_ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def smtp_tls_env(smtp_ca_file: Path, monkeypatch: pytest.MonkeyPatch,
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import os
    monkeypatch.setenv("SSL_CERT_FILE", str(smtp_ca_file))
    state = tmp_path_factory.mktemp("xdg")
    env = dict(os.environ)
    env["SSL_CERT_FILE"] = str(smtp_ca_file)
    env.setdefault("XDG_STATE_HOME", str(state / "state"))
    env.setdefault("XDG_CACHE_HOME", str(state / "cache"))
    return env


@pytest.fixture
def smtp_server(request: pytest.FixtureRequest, smtp_ca: trustme.CA) -> Iterator[Callable[..., FaultySMTP]]:
    started: list[FaultySMTP] = []

    def make(**options: Any) -> FaultySMTP:
        if options.get("tls", "none") != "none":
            request.getfixturevalue("smtp_tls_env")
            options.setdefault("ca", smtp_ca)
        server = FaultySMTP(**options).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


def _fixed_credentials(mechanism: str, user: str, password: str) -> bool:
    return user == USER and password == PASSWORD


@pytest.fixture
def xoauth2_validator() -> Callable[[str, str], Any]:
    """Override in a conftest to accept the tokens of a real authorization server."""
    return lambda user, token: user == USER and token == XOAUTH2_TOKEN


@pytest.fixture
def smtp_plain(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server()


@pytest.fixture
def smtp_starttls(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(tls="starttls")


@pytest.fixture
def smtp_implicit(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(tls="implicit")


@pytest.fixture
def smtp_auth(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(auth_mechanisms=("PLAIN", "LOGIN"), authenticator=_fixed_credentials)


@pytest.fixture
def smtp_starttls_auth(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(tls="starttls", auth_mechanisms=("PLAIN", "LOGIN"),
                       authenticator=_fixed_credentials)


@pytest.fixture
def smtp_implicit_auth(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(tls="implicit", auth_mechanisms=("PLAIN", "LOGIN"),
                       authenticator=_fixed_credentials)


@pytest.fixture
def smtp_xoauth2(smtp_server: Callable[..., FaultySMTP],
                 xoauth2_validator: Callable[[str, str], Any]) -> FaultySMTP:
    return smtp_server(tls="starttls", auth_mechanisms=("XOAUTH2",),
                       xoauth2_validator=xoauth2_validator)


@pytest.fixture
def smtp_refuse_some(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    def rcpt(address: str) -> str | None:
        if address.lower().startswith(REFUSED_PREFIX):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        return None
    return smtp_server(on_rcpt=rcpt)


@pytest.fixture
def smtp_refuse_all(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(
        on_rcpt=lambda address: f"550 5.1.1 <{address}>: Recipient address rejected: User unknown")


@pytest.fixture
def smtp_too_big(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(
        on_data=lambda received: "552 5.3.4 Message size exceeds fixed maximum message size")


@pytest.fixture
def smtp_421(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(
        on_data=lambda received: "421 4.3.2 Service not available, closing transmission channel")


@pytest.fixture
def smtp_slow(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(delays={"DATA_END": SLOW_SECONDS})


@pytest.fixture
def smtp_drop_before_dot() -> Iterator[DropBeforeDotServer]:
    server = DropBeforeDotServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_no_starttls(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(tls="none")


@pytest.fixture
def smtp_no_auth(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(auth_mechanisms=())


@pytest.fixture
def smtp_421_greeting(smtp_server: Callable[..., FaultySMTP]) -> FaultySMTP:
    return smtp_server(greeting="421 4.3.2 Service not available, try again later")
