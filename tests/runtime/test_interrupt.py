"""Ctrl-C while the run's event loop works for the script (wlmail/runtime/interrupt.py):
the SIGINT is a real one (signal.raise_signal), sent from inside the loop at the moment
under test, with Python's own handler in place as in a program started from a terminal."""
from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator

import pytest

from wlmail.runtime import interrupt
from wlmail.runtime.context import Context


@pytest.fixture
def sigint() -> Iterator[None]:
    # pytest-xdist's workers ignore SIGINT; a terminal's program has Python's handler.
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, old)


@pytest.fixture
def rt(tmp_path, monkeypatch) -> Iterator[Context]:
    # Shorter rounds: the same path, sooner.  Nothing below measures them.
    monkeypatch.setattr(interrupt, "GRACE", 0.05)
    ctx = Context(tmp_path / "t.wl")
    yield ctx
    ctx.close()


def _ctrl_c() -> None:
    signal.raise_signal(signal.SIGINT)


def test_ctrl_c_in_a_callback_does_not_break_into_it(rt, sigint):
    # With Python's handler the KeyboardInterrupt came out of the callback that happened
    # to run, half-way through it (in a transport: its buffer and its flags out of step).
    steps: list[str] = []

    def callback() -> None:
        _ctrl_c()
        steps.append("callback ran to its end")

    async def step() -> None:
        rt.loop.call_soon(callback)
        try:
            await asyncio.sleep(30)
        finally:
            steps.append("cancelled")

    with pytest.raises(KeyboardInterrupt):
        rt.run_async(step())
    assert steps == ["callback ran to its end", "cancelled"]
    assert not asyncio.all_tasks(rt.loop)


def test_a_step_that_takes_the_cancellation_for_its_result_is_cancelled_again(rt, sigint):
    # asyncio.wait_for of Python 3.11 returns normally when it is cancelled in the turn
    # its future is done (CPython gh-86296): the step went on, here into a wait as long
    # as a silent server's.
    steps: list[str] = []

    async def step() -> None:
        done = rt.loop.create_future()

        def ready_then_ctrl_c() -> None:
            done.set_result(None)
            _ctrl_c()

        rt.loop.call_soon(ready_then_ctrl_c)
        await asyncio.wait_for(done, 3600)
        steps.append("went on after Ctrl-C")
        await asyncio.sleep(30)
        steps.append("waited 30 s after Ctrl-C")

    with pytest.raises(KeyboardInterrupt):
        rt.run_async(step())
    assert "waited 30 s after Ctrl-C" not in steps
    assert not asyncio.all_tasks(rt.loop)


def test_a_step_that_ignores_every_cancellation_is_abandoned(rt, sigint):
    cancellations: list[int] = []

    async def stubborn() -> None:
        rt.loop.call_soon(_ctrl_c)
        while True:
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                cancellations.append(1)

    with pytest.raises(KeyboardInterrupt):
        rt.run_async(stubborn())
    assert len(cancellations) == interrupt.ROUNDS

    # The loop is still the run's: the next step and the end of the run work.
    async def answer() -> int:
        return 42

    assert rt.run_async(answer()) == 42


def test_the_clean_up_of_a_cancelled_step_gets_its_time(rt, sigint):
    steps: list[str] = []

    async def step() -> None:
        rt.loop.call_soon(_ctrl_c)
        try:
            await asyncio.sleep(30)
        finally:
            await asyncio.sleep(0)     # a clean-up that needs the loop
            steps.append("cleaned up")

    with pytest.raises(KeyboardInterrupt):
        rt.run_async(step())
    assert steps == ["cleaned up"]


def test_a_second_ctrl_c_does_not_wait_for_the_clean_up(rt, sigint, monkeypatch):
    monkeypatch.setattr(interrupt, "GRACE", 30)
    steps: list[str] = []

    async def step() -> None:
        rt.loop.call_soon(_ctrl_c)
        try:
            await asyncio.sleep(30)
        finally:
            rt.loop.call_soon(_ctrl_c)   # the person presses again
            await asyncio.sleep(30)      # a clean-up that would take long
            steps.append("cleaned up")

    with pytest.raises(KeyboardInterrupt):
        rt.run_async(step())
    assert steps == []


def test_ctrl_c_as_the_step_ends_still_stops_the_run(rt, sigint):
    async def step() -> int:
        _ctrl_c()      # the handler runs here, its callback after the step's end
        return 1

    with pytest.raises(KeyboardInterrupt):
        rt.run_async(step())


def test_the_handler_is_put_back_after_each_step(rt, sigint):
    async def step() -> int:
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        return 1

    assert rt.run_async(step()) == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    old = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(old)
    assert old == -1


def test_sigint_ignored_stays_ignored(rt):
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        async def step() -> object:
            return signal.getsignal(signal.SIGINT)

        assert rt.run_async(step()) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, old)
