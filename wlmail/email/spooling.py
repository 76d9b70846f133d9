"""Asynchronous sessions in a running script: EmailSendMessage stores the message in the
spool and returns; a worker thread (its own event loop, its own connections) delivers
it while the script goes on; when the script ends, wlmail waits a bounded time for the
run's messages and says which ones are still in the spool.

Imported by session.py when an asynchronous session sends (it pulls in sqlite3).
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..runtime.errors import Err
from . import message as msgmod
from .delivery import Deliverer, Options, Secret, account_key, settings_record
from .spool import ERROR, PENDING, SENT, Spool, SpoolError
from .transport import Settings

# How long the end of a script waits, by default, for its messages still in the spool.
DEFAULT_WAIT = 60.0


def spool_dir(rt: Any) -> Path:
    """--spool DIR, else WLMAIL_SPOOL, else the state folder; in capture mode a spool of
    the capture's own (its messages must never reach a real server)."""
    if getattr(rt.options, "spool_dir", None):
        return Path(os.path.expanduser(rt.options.spool_dir))
    if rt.options.capture_dir:
        return Path(os.path.expanduser(rt.options.capture_dir)) / ".wlmail-spool"
    from .spool import default_dir
    return default_dir()


def delivery_options(rt: Any) -> Options:
    o = rt.options
    return Options(connections=max(1, int(getattr(o, "spool_connections", 0) or 4)),
                   per_connection=max(1, int(getattr(o, "spool_per_connection", 0) or 100)),
                   rate=getattr(o, "spool_rate", None) or None)


class Worker:
    """The delivery of one run's messages, in a thread of its own."""

    def __init__(self, rt: Any, directory: Path, run: str,
                 secrets_by_account: dict[str, Secret]) -> None:
        self.loop = asyncio.new_event_loop()
        self.spool = Spool(directory)
        self.deliverer = Deliverer(rt, self.spool, delivery_options(rt), run=run,
                                   secrets=secrets_by_account)
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="wlmail-spool-delivery",
                                        daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        self._stop = asyncio.Event()
        self.loop.call_soon(self._ready.set)
        try:
            self.loop.run_until_complete(self.deliverer.serve(self._stop))
        finally:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()
            self.spool.close()

    def wake(self) -> None:
        if not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):   # the loop just ended: nothing to wake
                self.loop.call_soon_threadsafe(self.deliverer.wake)

    def stop(self, wait: float = 120.0) -> None:
        """Stop after the messages under way (each bounded by the time-out)."""
        if self._stop is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):   # already stopped
                self.loop.call_soon_threadsafe(self._stop_now)
        self._thread.join(wait)

    def _stop_now(self) -> None:
        # The stop flag alone is read only when the delivery's wait for work ends (up to
        # 30 s later): wake it too, so that the end of the script does not wait for it.
        assert self._stop is not None
        self._stop.set()
        self.deliverer.wake()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()


@dataclass
class SpoolRun:
    """What one run keeps of the spool (rt.state_of(SpoolRun))."""
    spool: Spool | None = None
    worker: Worker | None = None
    run: str = field(default_factory=lambda: f"{int(time.time())}-{secrets.token_hex(6)}")
    secrets: dict[str, Secret] = field(default_factory=dict)
    hooked: bool = False
    sent_ids: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, rt: Any) -> SpoolRun:
        state: SpoolRun = rt.state_of(cls)
        return state


def _spool(rt: Any) -> Spool:
    st = SpoolRun.of(rt)
    if st.spool is None:
        st.spool = Spool(spool_dir(rt))
    return st.spool


def _worker(rt: Any) -> Worker:
    st = SpoolRun.of(rt)
    if st.worker is None or not st.worker.alive:
        from .state import EmailState
        EmailState.of(rt)    # made here, not raced for by the worker's thread
        st.worker = Worker(rt, _spool(rt).dir, st.run, st.secrets)
    if not st.hooked:
        st.hooked = True
        rt.on_close(lambda: finish_run(rt))
    return st.worker


def _enqueue(rt: Any, settings: Settings, out: msgmod.Outgoing, subject: str) -> int | bool:
    st = SpoolRun.of(rt)
    spool = _spool(rt)
    acct = account_key(settings)
    st.secrets[acct] = Secret(settings.password, settings.token)
    try:
        ident = spool.add(run=st.run, account=acct,
                          settings=settings_record(settings, captured=bool(rt.options.capture_dir)),
                          envelope_from=out.envelope_from, recipients=list(out.recipients),
                          data=out.chunks(), message_id=out.message_id, subject=subject)
    except SpoolError as exc:
        return bool(rt.fail(Err.SPOOL, str(exc)))
    st.sent_ids.append(ident)
    _worker(rt).wake()
    return ident


def send(rt: Any, settings: Settings, mail: Any) -> bool:
    """EmailSendMessage on an asynchronous session: True once the message is on disk."""
    try:
        out = msgmod.build(mail, settings.default_sender, rt.resolve_path)
    except msgmod.BuildError as e:
        return bool(rt.fail(e.code, e.message))
    ident = _enqueue(rt, settings, out, str(getattr(mail, "subject", "")))
    if ident is False:
        return False
    msgmod.remember_id(mail, out.message_id)
    mail.mail_identifier = int(ident)
    return True


def send_source(rt: Any, settings: Settings, data: bytes, envelope: Any) -> bool:
    """EmailSend on an asynchronous session: the envelope as a synchronous send has it."""
    try:
        out = msgmod.from_source(data, envelope)
    except msgmod.BuildError as e:
        return bool(rt.fail(e.code, e.message))
    ident = _enqueue(rt, settings, out, "")
    if ident is False:
        return False
    if envelope is not None:
        envelope.mail_identifier = int(ident)
    return True


def status(rt: Any, ident: int) -> tuple[str, int, str]:
    """(state, error code, message) of a spooled message, from the store."""
    spool = _spool(rt)
    if not spool.exists():
        return ERROR, Err.SPOOL, f"no message {ident}: there is no spool in {spool.dir}"
    try:
        row = spool.get(ident)
    except SpoolError as exc:
        return ERROR, Err.SPOOL, str(exc)
    if row is None:
        return ERROR, Err.SPOOL, (f"no message {ident} in the spool {spool.dir} (EmailStatus "
                                  f"answers for messages sent by an asynchronous session)")
    if row.state == PENDING and row.last_error:
        return PENDING, row.error_code, f"not sent yet, will try again: {row.last_error}"
    return row.state, row.error_code, row.last_error


def finish_run(rt: Any) -> None:
    """The script ended: wait (bounded) for its messages, say what is left, stop."""
    st = SpoolRun.of(rt)
    worker = st.worker
    if worker is None:
        return
    spool = _spool(rt)
    bound = getattr(rt.options, "spool_wait", None)
    bound = DEFAULT_WAIT if bound is None else float(bound)
    # Ending on Ctrl-C: the person wants out now; what is pending stays in the spool.
    interrupted = isinstance(sys.exc_info()[1], KeyboardInterrupt)
    if interrupted:
        bound = 0.0
    deadline = time.monotonic() + bound
    try:
        while time.monotonic() < deadline and spool.count(PENDING, st.run) and worker.alive:
            worker.wake()
            time.sleep(0.05)
    except KeyboardInterrupt:
        interrupted = True
    worker.stop()
    left = [r for r in spool.rows((PENDING,)) if r.run == st.run]
    failed = [r for r in spool.rows((ERROR,)) if r.run == st.run]
    if left:
        ids = ", ".join(str(r.id) for r in left[:20]) + (" ..." if len(left) > 20 else "")
        why = "interrupted" if interrupted else f"after waiting {bound:g} s"
        rt.err(f"wlmail: {len(left)} message(s) still in the spool {spool.dir} ({why}), not "
               f"lost: {ids}; `wlmail spool flush` sends them")
        for r in left[:5]:
            if r.last_error:
                rt.err(f"  {r.id}: {r.last_error}")
    if failed:
        rt.err(f"wlmail: {len(failed)} message(s) of this run were refused (emailError): "
               + ", ".join(str(r.id) for r in failed[:20]) + "; `wlmail spool status ID` says why")
    spool.close()


__all__ = ["SENT", "send", "send_source", "status", "finish_run"]
