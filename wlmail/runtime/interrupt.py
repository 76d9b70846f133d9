"""Ctrl-C while the run's event loop is working for the script (`rt.run_async`).

Python's own SIGINT handler raises KeyboardInterrupt wherever the main thread happens to
be: inside the loop that can be the middle of one of asyncio's callbacks, a transport
half-way through its bookkeeping.  For the time of a step, SIGINT here only asks the loop
to stop the step; the loop does it between two callbacks, and the KeyboardInterrupt goes
on once the step has ended.  A second Ctrl-C raises at once: the person insists.

Stopping the step is, first, the caller's `on_interrupt` (the email layer closes the
connection there, so that nothing more of a message leaves after Ctrl-C), then a
cancellation.  A cancellation alone is not enough: asyncio.wait_for of Python 3.11 takes a
cancellation that comes in the same turn of the loop as the end of its wait for that end,
and the coroutine goes on (CPython gh-86296, fixed in 3.12).  A send waiting for room in
the socket then went on sending after Ctrl-C, and against a server that had stopped
reading it waited for the whole time-out.  So a step still running GRACE seconds after a
cancellation is cancelled again, ROUNDS times in all, and then abandoned: Ctrl-C always
ends the run within about ROUNDS * GRACE seconds, while a step's ordinary clean-up after a
cancellation (a listener closed, a last await) still gets its time.

The loop is woken by the signal itself (signal.set_wakeup_fd), not only by the handler:
a SIGINT that comes just before the loop starts waiting would otherwise be handled only
when the wait ends, which with EmailSetTimeOut(3600) is an hour later.
"""
from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import threading
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

GRACE = 1.0     # seconds a cancelled step has to end before it is cancelled again
ROUNDS = 3      # cancellations before a step that ignores them is abandoned


class _Stop:
    """One step's interruption: what the handler and the loop's callbacks share."""

    def __init__(self, loop: asyncio.AbstractEventLoop, task: asyncio.Future[Any],
                 on_interrupt: Callable[[], None] | None) -> None:
        self.loop = loop
        self.task = task
        self.on_interrupt = on_interrupt
        self.requested = False      # SIGINT seen by our handler
        self.interrupted = False    # the step is being stopped
        self.timer: asyncio.TimerHandle | None = None   # the next cancellation

    def handler(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        self.loop.call_soon_threadsafe(self.interrupt)

    def interrupt(self) -> None:
        if self.interrupted:
            return
        self.interrupted = True
        if self.on_interrupt is not None:
            self.on_interrupt()
        self._cancel(1)

    def _cancel(self, n: int) -> None:
        if self.task.done():
            return
        self.task.cancel()
        self.timer = self.loop.call_later(GRACE, self._cancel if n < ROUNDS else self._abandon,
                                          n + 1)

    def _abandon(self, _n: int) -> None:
        if not self.task.done():
            self.loop.stop()   # run_until_complete raises RuntimeError: handled in run()

    def close(self) -> None:
        """The step is over: no cancellation left waiting on the loop for a later one."""
        if self.timer is not None:
            self.timer.cancel()


class Guard:
    """The run's loop and the socket pair that the signal wakes it with."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None

    def run(self, coro: Coroutine[Any, Any, T] | asyncio.Future[T],
            on_interrupt: Callable[[], None] | None = None) -> T:
        loop = self.loop
        task = asyncio.ensure_future(coro, loop=loop)   # accepts a Task too
        stop = _Stop(loop, task, on_interrupt)
        with self._sigint_stops(stop), contextlib.closing(stop):
            try:
                result = loop.run_until_complete(task)
            except KeyboardInterrupt:
                # Raised inside the loop all the same: a second Ctrl-C, a SIGINT handler
                # that is not Python's own (then ours is not installed), a thread that is
                # not the main one.  The step still ends before the interrupt goes on:
                # left suspended, the garbage collector would close it after the loop is
                # gone and print a traceback.  Unless the step was being stopped already:
                # then this is the second Ctrl-C, and the person wants out now.
                if not task.done() and not stop.interrupted:
                    stop.interrupt()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        loop.run_until_complete(task)
                _retrieve(task)
                raise
            except BaseException:
                if not stop.interrupted:
                    raise
                # The step's own failure after a cancellation (a SessionFailure that
                # explains a CancelledError, the loop stopped when it was abandoned): the
                # person pressed Ctrl-C, and that is what the run ends on.
                _retrieve(task)
                raise KeyboardInterrupt from None
        if stop.interrupted:
            # Ctrl-C in the very turn the step ended: the run stops all the same.
            raise KeyboardInterrupt
        return result

    @contextlib.contextmanager
    def _sigint_stops(self, stop: _Stop) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread() or \
                signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            # Not ours to change: SIGINT ignored (started with it ignored, as under
            # nohup) or handled by the embedding program.
            yield
            return
        self._open_wake()
        assert self._wake_w is not None
        old_fd = signal.set_wakeup_fd(self._wake_w.fileno(), warn_on_full_buffer=False)
        signal.signal(signal.SIGINT, stop.handler)
        try:
            yield
        finally:
            signal.set_wakeup_fd(old_fd)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            if stop.requested and not stop.interrupted:
                # SIGINT after the step ended, before the handler was put back: the loop
                # did not run its callback any more.  The interrupt wins over whatever
                # the step ended with.
                stop.interrupted = True
                if stop.on_interrupt is not None:
                    stop.on_interrupt()
                raise KeyboardInterrupt

    def _open_wake(self) -> None:
        if self._wake_r is not None:
            return
        r, w = socket.socketpair()
        r.setblocking(False)
        w.setblocking(False)
        self._wake_r, self._wake_w = r, w
        self.loop.add_reader(r.fileno(), self._drain_wake)

    def _drain_wake(self) -> None:
        assert self._wake_r is not None
        # The bytes are only a wake-up (signal numbers we do not need): read until the
        # non-blocking socket is empty, which it says with EAGAIN (an OSError).
        with contextlib.suppress(OSError):
            chunk = self._wake_r.recv(4096)
            while chunk:
                chunk = self._wake_r.recv(4096)

    def close(self) -> None:
        """Before the loop is closed."""
        if self._wake_r is None or self._wake_w is None:
            return
        r, w = self._wake_r, self._wake_w
        self._wake_r = self._wake_w = None
        with contextlib.suppress(Exception):   # the loop may be closed already
            self.loop.remove_reader(r.fileno())
        r.close()
        w.close()


def _retrieve(task: asyncio.Future[Any]) -> None:
    """No "Task exception was never retrieved" for a step whose result nobody takes."""
    if task.done() and not task.cancelled():
        task.exception()
