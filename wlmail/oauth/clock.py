"""The time the OAuth layer reads: token expiry, `AuthToken.Valid`, the store's margin.

Every "now" of wlmail/oauth goes through `now()`, so one seam decides what time it is.
The tests put a clock they can move forward there (`use(...)`), instead of sleeping
until a real token expires.
"""
from __future__ import annotations

import time


class Clock:
    """Wall-clock seconds since the epoch (what `time.time()` says)."""

    def now(self) -> float:
        return time.time()


_current: Clock = Clock()


def now() -> float:
    return _current.now()


def use(clock: Clock) -> Clock:
    """Make `clock` the one the OAuth layer reads; returns the one it replaces."""
    global _current
    previous, _current = _current, clock
    return previous
