"""Ctrl-C during AuthIdentify: the KeyboardInterrupt still reaches the interpreter (which
prints "wlmail: interrupted" and exits 130), but only after the flow has cleaned up on
the run's loop, so nothing is left for the garbage collector to complain about."""
from __future__ import annotations

import asyncio
import gc
import socket
import sys

import pytest

from .helpers import free_port, make_params


def _interrupt(loop, after: float) -> None:
    def ctrl_c() -> None:
        raise KeyboardInterrupt
    loop.call_later(after, ctrl_c)


@pytest.fixture
def unraisable(monkeypatch):
    """What Python would print as "Exception ignored in ..."."""
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u))
    return seen


def test_the_coroutine_finishes_its_cleanup_before_the_interrupt_goes_on(run, unraisable):
    r = run()
    steps = []

    async def work() -> None:
        try:
            await asyncio.sleep(30)
        finally:
            await asyncio.sleep(0.01)     # cleanup that needs the loop running
            steps.append("cleaned up")

    _interrupt(r.rt.loop, 0.05)
    with pytest.raises(KeyboardInterrupt):
        r.rt.run_async(work())
    assert steps == ["cleaned up"]
    assert not asyncio.all_tasks(r.rt.loop)
    r.close()
    gc.collect()
    assert unraisable == []


def test_a_result_is_returned_as_with_run_async(run):
    r = run()

    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    assert r.rt.run_async(answer()) == 42


def test_ctrl_c_while_waiting_for_the_browser(server, browser, run, unraisable):
    browser.mode("nothing")
    port = free_port()
    r = run(token_cache=False, oauth_timeout=30)
    _interrupt(r.rt.loop, 0.5)
    with pytest.raises(KeyboardInterrupt):
        r.call("AuthIdentify", make_params(server, redirect=f"http://127.0.0.1:{port}"))
    assert "/authorize?" in r.stderr.getvalue()        # it was waiting for the person
    assert not asyncio.all_tasks(r.rt.loop)
    # The listener was closed by the flow itself, not left to the garbage collector.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    r.close()
    gc.collect()
    assert unraisable == []


def test_ctrl_c_just_as_the_listener_starts_listening(server, browser, run, unraisable,
                                                      monkeypatch):
    """The interrupt comes in the one turn of the loop where the listening socket is open
    but asyncio has not handed the server back yet (what load did by chance)."""
    browser.mode("nothing")
    port = free_port()
    r = run(token_cache=False, oauth_timeout=30)
    real = asyncio.base_events.Server._start_serving

    def start_serving(self):
        real(self)
        self._loop.call_soon(ctrl_c)   # queued before the coroutine that made the server

    def ctrl_c() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(asyncio.base_events.Server, "_start_serving", start_serving)
    with pytest.raises(KeyboardInterrupt):
        r.call("AuthIdentify", make_params(server, redirect=f"http://127.0.0.1:{port}"))
    monkeypatch.undo()
    assert not asyncio.all_tasks(r.rt.loop)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    r.close()
    gc.collect()
    assert unraisable == []
