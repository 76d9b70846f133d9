"""Fixtures of the reading tests: a private Dovecot (tests/dovecot_server.py)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def dovecot(smtp_ca: Any) -> Iterator[Any]:
    """A private Dovecot on loopback; a machine without Debian's Dovecot (or not root)
    fails the test with what to install, never skips it."""
    from dovecot_server import DovecotMissing, DovecotServer
    server = DovecotServer(ca=smtp_ca)
    try:
        server.start()
    except DovecotMissing as exc:
        pytest.fail(f"the tests against a real Dovecot cannot run: {exc}", pytrace=False)
    yield server
    server.stop()
