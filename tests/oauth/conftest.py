"""Fixtures for the OAuth tests: a real authorization server on loopback, a $BROWSER
program that plays the person, a run context, and a private token store."""
from __future__ import annotations

import io
import stat
import sys
import time
from pathlib import Path

import pytest

from wlmail.domains import load_all
from wlmail.oauth import clock
from wlmail.runtime.context import Context, RunOptions

from .authserver import TestAuthServer
from .helpers import MAILBOX

HERE = Path(__file__).parent
REGISTRY = load_all()


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """Never the user's token store, browser or display."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.delenv("WLMAIL_TEST_BROWSER_MODE", raising=False)
    return tmp_path


class SteppedClock(clock.Clock):
    """Real time plus the seconds a test skipped: tokens expire without sleeping."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def now(self) -> float:
        return time.time() + self.skipped

    def advance(self, seconds: float) -> None:
        self.skipped += seconds


@pytest.fixture
def oauth_clock():
    """The clock wlmail's OAuth layer and the test authorization server read."""
    stepped = SteppedClock()
    previous = clock.use(stepped)
    yield stepped
    clock.use(previous)


@pytest.fixture
def auth_server():
    servers = []

    def start(**kw) -> TestAuthServer:
        s = TestAuthServer(**kw).start()
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.stop()


@pytest.fixture
def server(auth_server) -> TestAuthServer:
    return auth_server()


@pytest.fixture
def xoauth2_validator(server):
    """The SMTP test servers (tests/smtp_servers.py) accept only what `server` issued."""
    return lambda user, token: user == MAILBOX and server.check_access_token(token)


@pytest.fixture
def browser(tmp_path, monkeypatch):
    """Install the fake browser as $BROWSER; returns a helper to pick its mode and read
    what it did."""
    exe = tmp_path / "bin" / "fake-browser"
    exe.parent.mkdir(exist_ok=True)
    exe.write_text(f"#!{sys.executable}\n" + (HERE / "fake_browser.py").read_text())
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    log = tmp_path / "browser.log"
    monkeypatch.setenv("BROWSER", str(exe))
    monkeypatch.setenv("WLMAIL_TEST_BROWSER_LOG", str(log))

    class Browser:
        path = exe

        @staticmethod
        def mode(name: str) -> None:
            monkeypatch.setenv("WLMAIL_TEST_BROWSER_MODE", name)

        @staticmethod
        def calls(at_least: int = 0) -> list[str]:
            """What the browser did; waits (a little) until it did `at_least` things,
            as it logs only after wlmail's listener has answered it."""
            deadline = time.monotonic() + 10
            while True:
                lines = log.read_text().splitlines() if log.exists() else []
                if len(lines) >= at_least or time.monotonic() > deadline:
                    return lines
                time.sleep(0.02)

    return Browser


class Run:
    """A run context with captured output."""

    def __init__(self, tmp_path: Path, **options) -> None:
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()
        options.setdefault("oauth_timeout", 20.0)
        self.rt = Context(tmp_path / "script.wl", RunOptions(**options), stdout=self.stdout,
                          stderr=self.stderr, stdin=io.StringIO(""))

    def call(self, name: str, *args):
        entry = REGISTRY.function(name)
        if entry.fallible:
            self.rt.error.reset()
        return entry.impl(self.rt, *args)

    @property
    def output(self) -> str:
        return self.stdout.getvalue() + self.stderr.getvalue()

    def close(self) -> None:
        self.rt.close()


@pytest.fixture
def run(tmp_path):
    runs = []

    def make(**options) -> Run:
        r = Run(tmp_path, **options)
        runs.append(r)
        return r

    yield make
    for r in runs:
        r.close()
