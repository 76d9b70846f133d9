"""Helpers for the email layer's Python-level tests: a run Context and sessions aimed at
the loopback servers of tests/smtp_servers.py."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wlmail.domains import load_all
from wlmail.runtime.context import Context, RunOptions

load_all()

from wlmail.email import functions as F  # noqa: E402
from wlmail.email.types import OPTION_DEFAULT, OPTION_SSL, OPTION_STARTTLS, EmailSMTPSession  # noqa: E402

OPTIONS = {"none": OPTION_DEFAULT, "starttls": OPTION_STARTTLS, "implicit": OPTION_SSL}


class Run:
    """A Context with captured output, as one `wlmail run` would have."""

    def __init__(self, folder: Path, **options: Any) -> None:
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()
        self.folder = folder
        self.rt = Context(folder / "script.wl", RunOptions(**options), stdout=self.stdout,
                          stderr=self.stderr)

    @property
    def error(self) -> str:
        return self.rt.error.message

    @property
    def code(self) -> int:
        return self.rt.error.code

    @property
    def details(self) -> str:
        return self.rt.error.details

    def session(self, srv: Any, *, option: str | int | None = None, name: str = "",
                password: str = "", token: Any = None, host: str | None = None) -> EmailSMTPSession:
        s = EmailSMTPSession()
        s.server_address = host or srv.host
        s.port = srv.port
        if option is None:
            option = getattr(srv, "tls", "none")
        s.set_option(OPTIONS[option] if isinstance(option, str) else option)
        s.name = name
        s.password = password
        if token is not None:
            s.auth_token = token
        return s

    def start(self, session: EmailSMTPSession) -> bool:
        return F.email_start_session(self.rt, session)

    def send(self, session: Any, mail: Any = None, options: Any = None) -> bool:
        return F.email_send_message(self.rt, session, mail, options)

    def close(self) -> None:
        self.rt.close()

    def all_output(self) -> str:
        return self.stdout.getvalue() + self.stderr.getvalue() + self.error + self.details


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Callable[..., Run]]:
    made: list[Run] = []

    def make(**options: Any) -> Run:
        r = Run(tmp_path, **options)
        made.append(r)
        return r

    yield make
    for r in made:
        r.close()


@pytest.fixture(scope="module")
def postfix(smtp_ca: Any) -> Iterator[Any]:
    """A private Postfix instance on loopback (tests/postfix_server.py); a machine without
    Debian's postfix (or not root) fails the test with what to install, never skips it."""
    from postfix_server import PostfixMissing, PostfixServer
    server = PostfixServer(ca=smtp_ca)
    try:
        server.start()
    except PostfixMissing as exc:
        pytest.fail(f"the tests against a real Postfix cannot run: {exc}", pytrace=False)
    yield server
    server.stop()
