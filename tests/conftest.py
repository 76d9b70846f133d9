"""Fixtures shared by every test folder: the loopback SMTP servers (see smtp_servers.py),
an isolated token store and cache, and Python's integer-digit limit put back after each test."""
import sys
from collections.abc import Iterator

import pytest

from smtp_servers import *  # noqa: F403  (the SMTP fixtures, documented there)


@pytest.fixture(autouse=True)
def _isolated_state(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Never touch the real user's token store or cache.
    base = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_STATE_HOME", str(base / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))


@pytest.fixture(autouse=True)
def _int_digit_limit() -> Iterator[None]:
    # wlmail.cli.main lifts Python's 4300-digit limit for the whole process; without this a
    # built-in called directly would behave differently after any in-process `wlmail run`,
    # so a test's result would depend on which tests its worker ran before.
    limit = sys.get_int_max_str_digits()
    yield
    sys.set_int_max_str_digits(limit)
