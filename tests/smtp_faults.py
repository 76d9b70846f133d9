"""The test suite's SMTP server: wlmail's capture listener (LoopbackSMTP) plus the faults
a real server can show, switched on per test: fixed credentials, an XOAUTH2 token
validator, refusals at MAIL/RCPT/DATA, delays, a refusing greeting, fewer AUTH
mechanisms.  tests/smtp_servers.py builds its fixtures on it."""
from __future__ import annotations

import asyncio
import functools
import inspect
import json
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiosmtpd.smtp import MISSING, AuthResult, Envelope, LoginPassword, Session

from wlmail.email.capture import MECHANISMS, QUEUED, LoopbackHandler, LoopbackProtocol, LoopbackSMTP, Received

ReplyHook = Callable[..., "str | None | Awaitable[str | None]"]


async def _maybe_await(value: Any) -> Any:
    if inspect.isawaitable(value):
        return await value
    return value


class FaultyProtocol(LoopbackProtocol):
    listener: FaultySMTP

    def _recorded(self, verb: str, method: Callable[[Any], Awaitable[None]]) -> Callable:
        @functools.wraps(method)
        async def delayed(arg: Any) -> None:
            delay = self.listener.delays.get(verb)
            if delay:
                await asyncio.sleep(delay)
            await method(arg)
        return super()._recorded(verb, delayed)

    async def _handle_client(self) -> None:
        delay = self.listener.delays.get("GREETING")
        if delay:
            await asyncio.sleep(delay)
        if self.listener.greeting:
            await self.push(self.listener.greeting)
            if self.transport is not None:
                self.transport.close()
            return
        await super()._handle_client()

    async def push(self, status: str | bytes) -> None:
        await super().push(status)
        text = status.decode("ascii", "replace") if isinstance(status, bytes) else status
        # 421 means "closing the channel" (RFC 5321 3.8): do what a real server does.
        if text.startswith("421") and self.transport is not None:
            self.transport.close()

    async def xoauth2_verdict(self, user: str, token: str) -> AuthResult:
        validator = self.listener.xoauth2_validator
        ok = True if validator is None else bool(await _maybe_await(validator(user, token)))
        del token
        self.note_auth("XOAUTH2", user, ok)
        if ok:
            return AuthResult(success=True, auth_data=user)
        # Google's behaviour: an error continuation the client must answer with an
        # empty line, then the final 535.
        error = json.dumps({"status": "401", "schemes": "bearer",
                            "scope": "https://mail.google.com/"}).encode()
        answer = await self.challenge_auth(error, encode_to_b64=True)
        if answer is MISSING:
            return AuthResult(success=False, handled=True)
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Username and Password not accepted (XOAUTH2 token refused)")


class FaultyHandler(LoopbackHandler):
    listener: FaultySMTP

    async def handle_EHLO(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                          hostname: str, responses: list[str]) -> list[str]:
        responses = await super().handle_EHLO(server, session, envelope, hostname, responses)
        if not self.listener.auth_mechanisms:
            # aiosmtpd would advertise a bare "AUTH" line with no mechanism.
            responses = [r for r in responses if not r[4:].upper().startswith("AUTH")]
        return responses

    async def handle_MAIL(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                          address: str, mail_options: list[str]) -> str:
        hook = self.listener.on_mail
        reply = await _maybe_await(hook(address)) if hook else None
        return reply or await super().handle_MAIL(server, session, envelope, address, mail_options)

    async def handle_RCPT(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        hook = self.listener.on_rcpt
        reply = await _maybe_await(hook(address)) if hook else None
        return reply or await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server: LoopbackProtocol, session: Session,
                          envelope: Envelope) -> str:
        delay = self.listener.delays.get("DATA_END")
        if delay:
            await asyncio.sleep(delay)
        return await super().handle_DATA(server, session, envelope)


class FaultySMTP(LoopbackSMTP):
    """LoopbackSMTP with faults; it also keeps every message (`messages`, `rejected`).

    Options, besides LoopbackSMTP's (tls, ca, cert_names, server_name, data_size_limit,
    label; data_size_limit defaults to 32 MiB here):
      auth_mechanisms  subset of ("PLAIN", "LOGIN", "XOAUTH2"); () offers no AUTH at all
      auth_require_tls  hide AUTH until STARTTLS; default: True for "starttls", else False
      authenticator  (mechanism, user, password) -> bool for PLAIN/LOGIN; None accepts all
      xoauth2_validator  (user, token) -> bool (or awaitable); None accepts all
      on_mail / on_rcpt  (address) -> reply to refuse it ("550 ..."), None to accept
      on_data        (Received) -> reply instead of 250 ("552 ...", "421 ..."), None to accept
      delays         {"GREETING"|"EHLO"|"MAIL"|"RCPT"|"DATA"|"DATA_END"|...: seconds}
      greeting       a reply sent instead of 220, after which the connection closes ("421 ...")
    A reply starting with 421 closes the connection after it is sent, as a real server does.
    """

    protocol_class = FaultyProtocol
    handler_class = FaultyHandler

    def __init__(self, *, auth_mechanisms: Iterable[str] = MECHANISMS,
                 auth_require_tls: bool | None = None,
                 authenticator: Callable[[str, str, str], bool] | None = None,
                 xoauth2_validator: Callable[[str, str], Any] | None = None,
                 on_mail: ReplyHook | None = None, on_rcpt: ReplyHook | None = None,
                 on_data: Callable[[Received], str | None] | None = None,
                 delays: dict[str, float] | None = None, greeting: str | None = None,
                 data_size_limit: int | None = 2 ** 25, **options: Any) -> None:
        super().__init__(on_data=self._keep, data_size_limit=data_size_limit, **options)
        self.auth_mechanisms = tuple(m.upper() for m in auth_mechanisms)
        unknown = set(self.auth_mechanisms) - set(MECHANISMS)
        if unknown:
            raise ValueError(f"unsupported AUTH mechanisms: {sorted(unknown)}")
        self.auth_require_tls = (self.tls == "starttls") if auth_require_tls is None \
            else auth_require_tls
        self.authenticator = authenticator
        self.xoauth2_validator = xoauth2_validator
        self.on_mail, self.on_rcpt, self.refuse_data = on_mail, on_rcpt, on_data
        self.delays = {k.upper(): v for k, v in (delays or {}).items()}
        self.greeting = greeting
        self.messages: list[Received] = []      # accepted with 250
        self.rejected: list[Received] = []      # reached the final dot, refused by on_data

    def _keep(self, received: Received) -> str | None:
        reply = self.refuse_data(received) if self.refuse_data else None
        received.reply = reply or QUEUED
        (self.rejected if reply else self.messages).append(received)
        return reply

    def smtp_options(self) -> dict[str, Any]:
        options = super().smtp_options()
        options["auth_require_tls"] = self.auth_require_tls if self.tls == "starttls" else False
        options["auth_exclude_mechanism"] = [m for m in MECHANISMS
                                             if m not in self.auth_mechanisms]
        return options

    def _authenticate(self, server: LoopbackProtocol, session: Session, envelope: Envelope,
                      mechanism: str, auth_data: Any) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        user = auth_data.login.decode("utf-8", "replace")
        check = self.authenticator
        ok = True if check is None else bool(
            check(mechanism, user, auth_data.password.decode("utf-8", "replace")))
        server.note_auth(mechanism, user, ok)
        # auth_data is kept on the aiosmtpd session: never the password.
        return AuthResult(success=ok, handled=False, auth_data=user)
