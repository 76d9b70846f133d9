"""AUTH falls back to the next mechanism the server offers when a refusal is not about
the password, and never tries a refused password (535) again with another mechanism."""
from __future__ import annotations

import socket
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from smtp_faults import FaultyHandler, FaultySMTP
from wlmail.runtime.errors import Err


class CramRefusingHandler:
    """Offers CRAM-MD5 (listed first) and refuses it with `cram_reply`, as a Dovecot that
    stores only SHA512-CRYPT hashes cannot check it; PLAIN and LOGIN check the password."""

    def __init__(self, cram_reply: str) -> None:
        self.cram_reply = cram_reply
        self.attempts: list[str] = []

    async def auth_CRAM__MD5(self, server: Any, args: list[str]) -> AuthResult:
        self.attempts.append("CRAM-MD5")
        return AuthResult(success=False, handled=False, message=self.cram_reply)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "250 OK"


def _controller(handler: CramRefusingHandler) -> Controller:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        handler.attempts.append(mechanism)
        ok = isinstance(data, LoginPassword) and data.password == b"right"
        return AuthResult(success=ok, handled=False)

    return Controller(handler, hostname="127.0.0.1", port=port, authenticator=check,
                      auth_require_tls=False)


@pytest.fixture(params=["454 4.7.0 Temporary authentication failure",
                        "534 5.7.9 Authentication mechanism is too weak",
                        "504 5.5.4 Unrecognized authentication type"])
def cram_refused(request: pytest.FixtureRequest) -> Iterator[tuple[Controller, CramRefusingHandler]]:
    handler = CramRefusingHandler(request.param)
    c = _controller(handler)
    c.start()
    yield c, handler
    c.stop()


@pytest.fixture
def cram_535() -> Iterator[tuple[Controller, CramRefusingHandler]]:
    handler = CramRefusingHandler("535 5.7.8 Error: authentication failed")
    c = _controller(handler)
    c.start()
    yield c, handler
    c.stop()


def _endpoint(c: Controller) -> SimpleNamespace:
    return SimpleNamespace(host="127.0.0.1", port=c.port, tls="none")


def test_a_mechanism_refused_for_another_reason_than_the_password_falls_back(run, cram_refused):
    c, handler = cram_refused
    r = run()
    s = r.session(_endpoint(c), name="ann", password="right")
    assert r.start(s), r.error
    # In clear CRAM-MD5 comes first (it does not send the password); PLAIN then works.
    assert handler.attempts[0] == "CRAM-MD5" and handler.attempts[1:] == ["PLAIN"]


def test_a_refused_password_is_not_tried_again(run, cram_535):
    c, handler = cram_535
    r = run()
    s = r.session(_endpoint(c), name="ann", password="right")
    assert r.start(s) is False
    assert r.code == Err.AUTH_REFUSED and "535" in r.error
    assert handler.attempts == ["CRAM-MD5"]


def test_a_wrong_password_on_plain_is_tried_once(run, cram_refused):
    c, handler = cram_refused
    r = run()
    s = r.session(_endpoint(c), name="ann", password="wrong")
    assert r.start(s) is False
    assert r.code == Err.AUTH_REFUSED
    assert handler.attempts == ["CRAM-MD5", "PLAIN"]


class _CramHandler(FaultyHandler):
    """Advertises CRAM-MD5 and answers it as a Dovecot that stores only SHA512-CRYPT
    hashes does through Postfix: 535, as if the password were wrong."""

    async def auth_CRAM__MD5(self, server: Any, args: list[str]) -> AuthResult:
        server.note_auth("CRAM-MD5", "?", False)
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Error: authentication failed: authentication failure")


class _CramSMTP(FaultySMTP):
    handler_class = _CramHandler


def test_over_tls_plain_comes_first_so_a_server_that_cannot_check_cram_md5_works(
        run, smtp_ca, smtp_tls_env):
    srv = _CramSMTP(tls="starttls", ca=smtp_ca).start()
    try:
        r = run()
        s = r.session(srv, option="starttls", name="ann", password="right")
        assert r.start(s), r.error
        assert all(c.auth_mechanism != "CRAM-MD5" for c in srv.connections)
        # CRAM-MD5 was offered: the order, not its absence, is what made this work.
        assert "CRAM-MD5" in s._conn.transcript.text()
    finally:
        srv.stop()
