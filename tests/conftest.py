"""Fixtures shared by every test folder: the loopback SMTP servers (see smtp_servers.py)
and an isolated token store."""
import pytest

from smtp_servers import *  # noqa: F403  (the SMTP fixtures, documented there)


@pytest.fixture(autouse=True)
def _isolated_state(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Never touch the real user's token store or cache.
    base = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_STATE_HOME", str(base / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
