"""The spool's delivery: claimed messages go out over a small pool of SMTP connections.

Per account (user, server, port, security option) up to `connections` connections run
at once, each sending several messages (up to `per_connection`, then it says QUIT and
opens a new one).  A transient failure (the network, a time-out, a 4xx reply) puts the
message back with a growing delay; a permanent refusal (5xx) marks it `error` with the
server's words; a message whose recipients were partly refused keeps, for a later try,
only the recipients that still have to get it.  An optional rate limit spaces the
messages of one account across all its connections.

With a server that offers PIPELINING, the messages of one connection go back to back
(transport.Chain): the next message's MAIL FROM, RCPT TO and DATA follow the final dot
without waiting for its reply, so each message costs one round trip instead of two; the
outcome of a message is written while the next one's commands are answered, and the
next final dot waits for that write, so that at most one message per connection is
ever accepted by the server and not yet marked `sent`.

Outcomes are written by one database thread that commits whatever is waiting in one
transaction (group commit): the window in which a message the server accepted is not
yet marked `sent` is the time of one commit.  See docs/spool.md.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import netrc
import os
import queue
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import oauth
from ..runtime.errors import Err
from ..safetext import printable
from .message import Outgoing
from .spool import MAX_AGE_SECONDS, Row, Spool, SpoolError
from .transport import Chain, Connection, SessionFailure, Settings, StaleConnection

# Growing delays between tries of one message: 2 s, 4 s, 8 s ... at most an hour.
RETRY_FIRST = 2.0
RETRY_MAX = 3600.0
# A connection with nothing to send waits this long for more before saying QUIT.
IDLE_SECONDS = 2.0
CLAIM_BATCH = 10
# How often a working process renews its leases (well inside spool.LEASE_SECONDS).
RENEW_SECONDS = 60.0


@dataclass
class Options:
    connections: int = 4         # per account, at once
    per_connection: int = 100    # messages on one connection before a new one
    rate: float | None = None    # messages per minute per account (all connections)


@dataclass
class Secret:
    """What the running script knows and the spool never stores."""
    password: str = ""
    token: Any = None            # the script's AuthToken (refreshed in place)


@dataclass
class SpooledOutgoing(Outgoing):
    """A spooled message as the transport sends it: its bytes are read from the spool a
    chunk at a time while they are written to the socket (never whole in memory)."""
    spool: Spool | None = None
    ident: int = 0
    stored_size: int = 0

    def size(self) -> int:
        return self.stored_size

    def chunks(self) -> Iterator[bytes]:
        assert self.spool is not None   # always given by the Deliverer
        return self.spool.chunks(self.ident)


def retry_delay(attempts: int) -> float:
    return min(RETRY_FIRST * (2 ** max(0, attempts)), RETRY_MAX)


def account_key(s: Settings) -> str:
    return f"{s.name}@{s.host}:{s.port}/{s.option}"


def settings_record(s: Settings, *, captured: bool) -> dict[str, Any]:
    """A session's settings as the spool keeps them: no password, no token."""
    rec: dict[str, Any] = {"host": s.host, "port": s.port, "option": s.option,
                           "name": s.name, "auth_optional": s.auth_optional,
                           "timeout": s.timeout, "captured": captured}
    token = s.token
    if s.uses_token():
        origin = getattr(token, "origin", None)
        rec["oauth"] = {"token_url": getattr(origin, "token_url", ""),
                        "client_id": getattr(origin, "client_id", ""),
                        "scope": getattr(origin, "scope", ""),
                        "additional_parameters": getattr(origin, "additional_parameters", "")}
    return rec


# -- credentials of a later delivery ------------------------------------------------------
def netrc_password(host: str, login: str) -> str | None:
    """The password of `login` on `host` in ~/.netrc (or $NETRC): what curl, ftp and git
    read too. Python's netrc refuses a ~/.netrc that others may read."""
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.exists(path):
        return None
    try:
        entries = netrc.netrc(path)
    except (OSError, netrc.NetrcParseError):
        return None
    for machine in (host, None):
        auth = entries.authenticators(machine) if machine else None
        if auth and (not login or auth[0] == login):
            return auth[2] or ""
    return None


def stored_token(record: dict[str, Any]) -> Any:
    """The token store's access token for the origin the spool recorded, while it is
    valid (a refresh needs the client secret, which only the script has)."""
    origin = record.get("oauth") or {}
    if not origin.get("token_url"):
        return None
    from ..oauth.store import Key, TokenStore  # lazily: ssl and the OAuth flow
    from ..oauth.types import AuthToken
    entry = TokenStore().load(Key(origin["token_url"], origin["client_id"], origin["scope"],
                                  origin["additional_parameters"]))
    if entry is None or not entry.usable():
        return None
    tok = AuthToken()
    tok.value = entry.token.access_token
    tok.token_type = entry.token.token_type or "Bearer"
    return tok


class NoCredentials(Exception):
    """A later delivery does not have what this account needs."""


def settings_from(record: dict[str, Any], secret: Secret | None, timeout: float | None) -> Settings:
    s = Settings(host=record["host"], port=int(record["port"]), option=int(record["option"]),
                 name=record.get("name", ""), auth_optional=bool(record.get("auth_optional")),
                 timeout=float(timeout or record.get("timeout") or 60.0))
    if secret is not None:
        s.password, s.token = secret.password, secret.token
        return s
    if record.get("oauth"):
        tok = stored_token(record)
        if tok is None:
            raise NoCredentials(
                f"the access token for {s.name} on {s.host} is no longer in the token store "
                f"or has expired: run the script again (it refreshes the token with its "
                f"client secret), then `wlmail spool flush`")
        s.token = tok
        return s
    if s.name:
        pw = os.environ.get("WLMAIL_SMTP_PASSWORD")
        if pw is None:
            pw = netrc_password(s.host, s.name)
        if pw is None:
            if s.auth_optional:
                return s
            raise NoCredentials(
                f'no password for "{s.name}" on {s.host}: the spool never stores passwords; '
                f'put "machine {s.host} login {s.name} password ..." in ~/.netrc (mode 0600) '
                f"or set WLMAIL_SMTP_PASSWORD for `wlmail spool flush`")
        s.password = pw
    return s


# -- the database thread ------------------------------------------------------------------
class Writer:
    """Writes outcomes in one thread, whatever is waiting in one transaction."""

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        self._q: queue.Queue[tuple[Callable[[], Any], concurrent.futures.Future[Any]] | None] = \
            queue.Queue()
        self._thread = threading.Thread(target=self._run, name="wlmail-spool-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._q.get()
            if item is None:
                return
            batch = [item]
            while True:
                try:
                    more = self._q.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._q.put(None)
                    break
                batch.append(more)
            self._apply(batch)

    def _apply(self, batch: list[tuple[Callable[[], Any], concurrent.futures.Future[Any]]]) -> None:
        try:
            with self.spool.batch():
                results = [fn() for fn, _ in batch]
        except BaseException as exc:   # handed to every waiter below
            for _, fut in batch:
                fut.set_exception(exc)
            return
        for (_, fut), r in zip(batch, results, strict=True):
            fut.set_result(r)

    async def do(self, fn: Callable[[], Any]) -> Any:
        fut: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self._q.put((fn, fut))
        return await asyncio.wrap_future(fut)

    def stop(self) -> None:
        self._q.put(None)
        self._thread.join(30)


class RateLimit:
    """Messages per minute for one account, across all of its connections."""

    def __init__(self, per_minute: float) -> None:
        self.interval = 60.0 / per_minute
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            if self._next > now:
                await asyncio.sleep(self._next - now)
            self._next = max(now, self._next) + self.interval


# -- delivering ---------------------------------------------------------------------------
@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    problems: list[str] = field(default_factory=list)


class _Lane:
    """One connection's outcomes being written (at most one at a time, see _send_one)."""

    def __init__(self) -> None:
        self.writing: list[asyncio.Future[None]] = []

    def track(self, work: Coroutine[Any, Any, None]) -> None:
        self.writing.append(asyncio.ensure_future(work))

    async def settled(self) -> None:
        """Wait until every outcome of this connection is in the store."""
        while self.writing:
            await self.writing.pop(0)


class Deliverer:
    """Delivers what a spool holds, on the event loop it runs in."""

    def __init__(self, rt: Any, spool: Spool, options: Options, *, run: str | None = None,
                 secrets: dict[str, Secret] | None = None, due_only: bool = True,
                 timeout: float | None = None, log: Callable[[str], None] | None = None) -> None:
        self.rt = rt
        self.spool = spool
        self.options = options
        self.run = run
        self.secrets = secrets if secrets is not None else {}
        self.due_only = due_only
        self.timeout = timeout
        self.log = log
        self.report = Report()
        self.writer = Writer(spool)
        self.stopping = False
        self._wake: asyncio.Event | None = None
        self._tasks: dict[str, set[asyncio.Task[None]]] = {}
        self._limits: dict[str, RateLimit] = {}
        self._skip: set[str] = set()      # accounts without credentials in this pass
        self.started = time.time()
        self._claims = 0
        self._renewer: asyncio.Future[None] | None = None

    # -- the supervisor -------------------------------------------------------------------
    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def _renew(self) -> None:
        """Push back this process's leases while it works (a claim lasts LEASE_SECONDS)."""
        while True:
            await asyncio.sleep(RENEW_SECONDS)
            await self.writer.do(self.spool.renew)

    async def serve(self, stop: asyncio.Event) -> None:
        """Keep delivering until `stop` is set (the running script's worker)."""
        self._wake = asyncio.Event()
        self._renewer = asyncio.ensure_future(self._renew())
        while not stop.is_set():
            # Cleared before looking, not after: a message spooled while the spool is
            # being looked at must wake the wait below (cleared after, its wake-up was
            # lost and the message waited up to 30 s).
            self._wake.clear()
            await self._spawn()
            delay = await asyncio.get_running_loop().run_in_executor(None, self._next_due)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(delay, 30.0))
        await self.finish()

    async def flush(self) -> Report:
        """Deliver everything pending now, then return (wlmail spool flush)."""
        self._wake = asyncio.Event()
        self._renewer = asyncio.ensure_future(self._renew())
        while True:
            claims = self._claims
            await self._spawn()
            tasks = [t for ts in self._tasks.values() for t in ts]
            if not tasks:
                break
            await asyncio.wait(tasks)
            self._forget_done()
            if self._claims == claims:
                break      # what is left is another live process's to send
        await self.finish()
        return self.report

    async def finish(self) -> None:
        """Let each connection end its current message, then close them."""
        self.stopping = True
        self.wake()
        tasks = [t for ts in self._tasks.values() for t in ts]
        if tasks:
            await asyncio.wait(tasks)
        if self._renewer is not None:
            self._renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewer
        await self.writer.do(self.spool.release_all)
        self.writer.stop()

    def _next_due(self) -> float:
        db = self.spool.open()
        with self.spool._lock:
            q = "SELECT min(next_try) FROM messages WHERE state = 'pending'"
            args: tuple[Any, ...] = ()
            if self.run is not None:
                q += " AND run = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)"
                args = (self.run, self.spool.owner, time.time())
            t = db.execute(q, args).fetchone()[0]
        if t is None:
            return 30.0
        return max(0.05, float(t) - time.time())

    def _waiting_accounts(self) -> dict[str, int]:
        db = self.spool.open()
        with self.spool._lock:
            q = "SELECT account, count(*) FROM messages WHERE state = 'pending'"
            args: list[Any] = []
            if self.due_only:
                q += " AND next_try <= ?"
                args.append(time.time())
            else:
                q += " AND updated <= ?"
                args.append(self.started)
            if self.run is not None:
                # The running script's worker: what another live process has claimed is
                # not waiting for it.
                q += " AND run = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)"
                args += [self.run, self.spool.owner, time.time()]
            return dict(db.execute(q + " GROUP BY account", args).fetchall())

    def _forget_done(self) -> None:
        for acct in list(self._tasks):
            self._tasks[acct] = {t for t in self._tasks[acct] if not t.done()}
            if not self._tasks[acct]:
                del self._tasks[acct]

    async def _spawn(self) -> None:
        if self.stopping:
            return
        self._forget_done()
        waiting = await asyncio.get_running_loop().run_in_executor(None, self._waiting_accounts)
        for acct, n in waiting.items():
            if acct in self._skip:
                continue
            live = self._tasks.setdefault(acct, set())
            # One connection per CLAIM_BATCH messages waiting, up to the pool's size.
            want = min(self.options.connections, max(1, -(-n // CLAIM_BATCH)))
            while len(live) < want:
                live.add(asyncio.ensure_future(self._connection(acct)))

    # -- one connection -------------------------------------------------------------------
    def _limit(self, acct: str) -> RateLimit | None:
        if not self.options.rate:
            return None
        if acct not in self._limits:
            self._limits[acct] = RateLimit(self.options.rate)
        return self._limits[acct]

    async def _claim(self, acct: str) -> list[Row]:
        rows = list(await self.writer.do(lambda: self.spool.claim(
            account=acct, run=self.run, limit=CLAIM_BATCH, due_only=self.due_only,
            not_after=None if self.due_only else self.started)))
        if rows:
            self._claims += 1
        return rows

    async def _connection(self, acct: str) -> None:
        held: list[Row] = []
        try:
            await self._connection_body(acct, held)
        except Exception as exc:   # a bug or a database that fails: said, and the claims go
            text = printable(f"the delivery of {acct} stopped: {exc or type(exc).__name__}")
            self.report.problems.append(text)
            if self.log is not None:
                self.log(text)
            # Only what this process still holds is released (a no-op for the messages
            # whose outcome was written).
            ids = [row.id for row in held]
            with contextlib.suppress(Exception):
                await self.writer.do(lambda: self.spool.release_many(ids))

    async def _connection_body(self, acct: str, held: list[Row]) -> None:
        conn: Connection | None = None
        lane = _Lane()
        sent_here = 0
        try:
            while not self.stopping:
                # The last message's verdict may still be owed here: it is read with the
                # next message's first replies, the claim's commit taking a moment only.
                rows = await self._claim(acct)
                held[:] = rows
                if not rows:
                    if conn is not None:
                        await conn.settle()
                    await lane.settled()
                    if self._wake is None or self.run is None:
                        return
                    # The script may spool more in a moment: wait a little before QUIT.
                    ev = self._wake
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(ev.wait(), IDLE_SECONDS)
                    rows = await self._claim(acct)
                    held[:] = rows
                    if not rows:
                        return
                for i, row in enumerate(rows):
                    if self.stopping:
                        for rest in rows[i:]:
                            await self.writer.do(lambda r=rest: self.spool.release(r.id))
                        return
                    if conn is not None and (sent_here >= self.options.per_connection
                                             or not conn.connected):
                        await conn.quit()       # reads a verdict still owed first
                        conn, sent_here = None, 0
                    if conn is None:
                        try:
                            conn = await self._open(row)
                        except NoCredentials as exc:
                            self._skip.add(acct)
                            await self._defer_all(rows[i:], Err.AUTH_REFUSED, str(exc))
                            return
                        except SessionFailure as f:
                            await self._defer_all(rows[i:], f.code, f.message, conn_level=True)
                            return
                    if not await self._send_one(conn, row, acct, lane):
                        # Found closed before anything of the message left: once more
                        # on a new connection, as a synchronous session does.
                        await conn.quit()
                        conn = None
                        try:
                            conn = await self._open(row)
                        except SessionFailure as f:
                            await self._defer_all(rows[i:], f.code, f.message, conn_level=True)
                            return
                        await self._send_one(conn, row, acct, lane, stale_ok=False)
                    sent_here += 1
        finally:
            if conn is not None:
                # Saying goodbye on a dying connection: nothing left to report (the
                # verdict still owed, if any, is read first and written below).
                with contextlib.suppress(Exception):
                    await conn.quit()
            await lane.settled()

    async def _open(self, row: Row) -> Connection:
        rec = row.settings
        if rec.get("captured") and not self.rt.options.capture_dir:
            raise NoCredentials("this message was spooled in capture mode: it is delivered "
                                "only with --capture (it must never reach a real server)")
        settings = settings_from(rec, self.secrets.get(row.account), self.timeout)
        conn = Connection(self.rt, settings)
        try:
            await conn.open()
            if not await conn.authenticate(may_refresh=True):
                if not await oauth.arefresh_for_smtp(self.rt, settings.token):
                    raise SessionFailure(Err.AUTH_REFUSED,
                                         f"{conn.where} refused the access token for "
                                         f'"{settings.name}" (AUTH XOAUTH2) and it could not '
                                         f"be refreshed")
                if not conn.connected:
                    await conn.open()
                await conn.authenticate(may_refresh=False)
        except BaseException:
            with contextlib.suppress(Exception):   # the failure itself is what counts
                await conn.quit()
            raise
        return conn

    async def _defer_all(self, rows: list[Row], code: int, message: str,
                         conn_level: bool = False) -> None:
        for row in rows:
            await self._transient(row, code, message)
        if self.log is not None:
            self.log(printable(message))
        self.report.problems.append(printable(message))

    async def _transient(self, row: Row, code: int, message: str,
                         recipients: list[str] | None = None,
                         refused: dict[str, Any] | None = None) -> None:
        if time.time() - row.created > MAX_AGE_SECONDS:
            await self.writer.do(lambda: self.spool.mark_error(
                row.id, code, f"given up after {MAX_AGE_SECONDS / 86400:g} days of transient "
                              f"failures; the last: {message}", refused))
            self.report.failed += 1
            return
        delay = retry_delay(row.attempts)
        await self.writer.do(lambda: self.spool.mark_retry(
            row.id, code, message, delay, recipients, refused))
        self.report.deferred += 1

    async def _failed(self, row: Row, failure: SessionFailure,
                      earlier: dict[str, list[Any]]) -> None:
        """A send that failed: retried when the reason is transient, else `error`."""
        err, message, code = failure.code, failure.message, failure.reply
        if err == Err.RECIPIENTS_REFUSED:
            each = failure.refused
            temp = [a for a, (c, _) in each.items() if c < 500]
            perm = {**earlier, **{a: list(v) for a, v in each.items() if v[0] >= 500}}
            if temp:
                await self._transient(row, err, message, temp, perm)
                return
            await self.writer.do(lambda: self.spool.mark_error(row.id, err, message, perm))
            self.report.failed += 1
            return
        if 500 <= code < 600:
            await self.writer.do(lambda: self.spool.mark_error(row.id, err, message, earlier))
            self.report.failed += 1
            return
        await self._transient(row, err, message)

    async def _accepted(self, row: Row, where: str, refused: dict[str, tuple[int, str]],
                        earlier: dict[str, list[Any]]) -> None:
        """The server took the message (for the recipients it did not refuse)."""
        temp = [a for a, (c, _) in refused.items() if c < 500]
        perm = {**earlier, **{a: list(v) for a, v in refused.items() if v[0] >= 500}}
        if temp:
            await self._transient(row, Err.RECIPIENTS_REFUSED,
                                  f"{where} deferred {len(temp)} recipient(s); "
                                  f"the others got the message", temp, perm)
            return
        await self.writer.do(lambda: self.spool.mark_sent(row.id, perm or None))
        self.report.sent += 1

    async def _outcome(self, row: Row, where: str, failure: SessionFailure | None,
                       box: dict[str, dict[str, tuple[int, str]]],
                       earlier: dict[str, list[Any]]) -> None:
        if failure is not None:
            await self._failed(row, failure, earlier)
        else:
            await self._accepted(row, where, box.get("refused", {}), earlier)

    async def _send_one(self, conn: Connection, row: Row, acct: str, lane: _Lane,
                        stale_ok: bool = True) -> bool:
        """Send one message and have its outcome written; False (nothing written) when
        the connection was found closed before any of it was sent and `stale_ok`.

        Chained (no rate limit; the server offers PIPELINING): its verdict is read with
        the next message's first replies, or when the connection settles; its outcome
        is then written by a task of the lane, and the next message's final dot waits
        for that write (`lane.settled`), so the window in which the server has a message
        the spool still holds as pending stays one message per connection, whatever the
        disk does (docs/spool.md)."""
        limit = self._limit(acct)
        if limit is not None and stale_ok:
            await limit.wait()
        out = SpooledOutgoing(envelope_from=row.envelope_from, recipients=list(row.recipients),
                              message_id=row.message_id, spool=self.spool, ident=row.id,
                              stored_size=row.size)
        earlier = {k: list(v) for k, v in row.refused.items()}
        where = conn.where
        box: dict[str, dict[str, tuple[int, str]]] = {}
        chain = None
        if limit is None:
            # A rate-limited connection waits between messages: its verdicts are read
            # at once instead.
            chain = Chain(lambda failure: lane.track(self._outcome(row, where, failure, box,
                                                                   earlier)),
                          lane.settled)
        try:
            refused = await conn.send(out, chain)
        except StaleConnection as stale:
            if stale_ok:
                return False
            await self._transient(row, stale.code, stale.message)
            return True
        except SessionFailure as failure:
            await self._failed(row, failure, earlier)
            return True
        box["refused"] = refused
        if not conn.owes_verdict:
            # Not chained (or a server without PIPELINING): the verdict was read already.
            await lane.settled()
            await self._accepted(row, where, refused, earlier)
        return True


__all__ = ["Deliverer", "Options", "Secret", "SpoolError", "account_key", "settings_record"]
