"""The spool of asynchronous sessions: an SQLite database of messages waiting to be sent.

A message is accepted (EmailSendMessage returns True) only once its row is committed:
the database is in WAL mode with `synchronous=FULL`, so each commit is fsync'd to the
write-ahead log before `commit()` returns, and the folder itself is fsync'd when the
database file is first created.  A row holds the message bytes (dot-stuffed, CRLF:
what goes after DATA), its envelope, the session's settings without any secret, and its
state: `pending`, `sent` or `error`.

Delivery claims rows with a lease: `BEGIN IMMEDIATE` takes SQLite's write lock, so two
processes never claim the same row; the lease names its owner, and an owner holds an
exclusive `flock` on `owners/<owner>.lock` for as long as it lives, so a lease whose
owner was killed (the kernel drops the lock with the process) is taken back at once
instead of waiting for it to expire.

Where: `--spool DIR`, else `$WLMAIL_SPOOL`, else `$XDG_STATE_HOME/wlmail/spool`
(`~/.local/state/wlmail/spool`); folder mode 0700, database 0600, a folder that is a
symbolic link or another user's is refused (as the token store does).  See docs/spool.md.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..oauth.store import folder_problem

DB_NAME = "spool.sqlite3"
ENV_VAR = "WLMAIL_SPOOL"
# How long a claim holds a message; its owner renews it while it works, and a dead
# owner's claim is taken back at once (its lock file is free), so this only matters for
# an owner that hangs without dying.
LEASE_SECONDS = 600.0
# Postfix's maximal_queue_lifetime: a message that could not be sent for this long for
# a transient reason is given up (emailError) instead of being retried for ever.
MAX_AGE_SECONDS = 5 * 24 * 3600.0

PENDING, SENT, ERROR = "pending", "sent", "error"

# A message's bytes go into and out of the database this much at a time (one row of the
# parts table each), so a large attachment is never held whole in memory.
CHUNK = 1 << 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created       REAL NOT NULL,
    run           TEXT NOT NULL,
    account       TEXT NOT NULL,
    settings      TEXT NOT NULL,
    envelope_from TEXT NOT NULL,
    recipients    TEXT NOT NULL,
    refused       TEXT NOT NULL DEFAULT '{}',
    message_id    TEXT NOT NULL DEFAULT '',
    subject       TEXT NOT NULL DEFAULT '',
    data          BLOB NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending',
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try      REAL NOT NULL DEFAULT 0,
    lease_owner   TEXT,
    lease_until   REAL,
    last_error    TEXT NOT NULL DEFAULT '',
    error_code    INTEGER NOT NULL DEFAULT 0,
    updated       REAL NOT NULL,
    sent_at       REAL
);
CREATE INDEX IF NOT EXISTS messages_waiting ON messages (state, next_try);
-- A message's bytes, CHUNK at a time, in order (messages.data is empty then; it holds
-- the whole message in rows stored before the parts table existed).
CREATE TABLE IF NOT EXISTS parts (
    message INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    chunk   BLOB NOT NULL,
    PRIMARY KEY (message, seq)
);
"""


class SpoolError(OSError):
    """The spool cannot be used (full disk, unwritable or untrusted folder): the words
    are for the person, nothing was accepted."""


def state_home(env: dict[str, str] | os._Environ = os.environ) -> Path:
    # As the token store: a relative XDG_STATE_HOME is invalid and ignored (XDG spec).
    value = env.get("XDG_STATE_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(os.path.expanduser("~")) / ".local" / "state"


def default_dir(env: dict[str, str] | os._Environ = os.environ) -> Path:
    value = env.get(ENV_VAR, "")
    if value:
        return Path(os.path.expanduser(value))
    return state_home(env) / "wlmail" / "spool"


@dataclass
class Row:
    id: int
    created: float
    run: str
    account: str
    settings: dict[str, Any]
    envelope_from: str
    recipients: list[str]
    refused: dict[str, list[Any]]
    message_id: str
    subject: str
    state: str
    attempts: int
    next_try: float
    lease_owner: str | None
    lease_until: float | None
    last_error: str
    error_code: int
    updated: float
    sent_at: float | None
    size: int
    data: bytes = b""


_COLUMNS = ("id, created, run, account, settings, envelope_from, recipients, refused, "
            "message_id, subject, state, attempts, next_try, lease_owner, lease_until, "
            "last_error, error_code, updated, sent_at, length(data) + coalesce((SELECT "
            "sum(length(chunk)) FROM parts WHERE parts.message = messages.id), 0)")


def _row(t: tuple[Any, ...], data: bytes = b"") -> Row:
    return Row(t[0], t[1], t[2], t[3], json.loads(t[4]), t[5], json.loads(t[6]),
               json.loads(t[7]), t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15],
               t[16], t[17], t[18], t[19], data)


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    low = text.lower()
    if "disk is full" in low or "no space" in low:
        return "the disk is full"
    if "readonly" in low or "read-only" in low:
        return "the spool is read-only"
    if "unable to open" in low:
        return "the database cannot be created or opened there"
    return text


def _owner_token() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"


class Spool:
    """One process's handle on a spool folder (thread-safe: one SQLite connection used
    under a lock)."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.dir = Path(directory) if directory is not None else default_dir()
        self.path = self.dir / DB_NAME
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        # A second connection for reading a message's bytes while it is sent: in WAL mode
        # it reads what is committed while the first one commits (and fsyncs) outcomes,
        # so the delivery's event loop never waits for the disk to send a message.
        self._rdb: sqlite3.Connection | None = None
        self._rlock = threading.Lock()
        self.owner = _owner_token()
        self._owner_fd: int | None = None
        self._depth = 0       # write transactions open (nested ones join the outer one)

    # -- opening ---------------------------------------------------------------------
    def problem(self) -> str | None:
        """Why the folder cannot be trusted (None when it can, or does not exist yet)."""
        return folder_problem(self.dir, "spool folder",
                              "wlmail keeps its spool only in a real folder of its own")

    def exists(self) -> bool:
        return self.path.exists()

    def open(self) -> sqlite3.Connection:
        """The database, made on first use; raises SpoolError with plain words."""
        with self._lock:
            if self._db is not None:
                return self._db
            why = self.problem()
            if why:
                raise SpoolError(why)
            try:
                self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
                why = self.problem()
                if why:
                    raise SpoolError(why)
                os.chmod(self.dir, 0o700)
                fresh = not self.path.exists()
                if fresh:
                    # Made 0600 before SQLite opens it; its -wal and -shm files take
                    # the database file's mode.
                    fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
                    os.close(fd)
                db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None,
                                     check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")
                db.execute("PRAGMA busy_timeout=30000")
                db.executescript(_SCHEMA)
                if fresh:
                    _fsync_dir(self.dir)
            except SpoolError:
                raise
            except (OSError, sqlite3.Error) as exc:
                raise SpoolError(f"the spool {self.dir} cannot be used: {_reason(exc)}") from None
            self._db = db
            return db

    def _reader(self) -> sqlite3.Connection:
        """The reading connection (opened after the database exists); under _rlock."""
        if self._rdb is None:
            self.open()
            try:
                self._rdb = sqlite3.connect(self.path, timeout=30.0, isolation_level=None,
                                            check_same_thread=False)
                self._rdb.execute("PRAGMA busy_timeout=30000")
            except sqlite3.Error as exc:
                raise SpoolError(f"the spool {self.dir} cannot be read: {_reason(exc)}") from None
        return self._rdb

    def close(self) -> None:
        with self._rlock:
            if self._rdb is not None:
                self._rdb.close()
                self._rdb = None
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            if self._owner_fd is not None:
                with contextlib.suppress(OSError):   # already gone: nothing to release
                    (self.dir / "owners" / f"{self.owner}.lock").unlink()
                os.close(self._owner_fd)
                self._owner_fd = None

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: the write lock from the start); one
        opened inside another is part of it."""
        with self._lock:
            db = self.open()
            if self._depth:
                self._depth += 1
                try:
                    yield db
                finally:
                    self._depth -= 1
                return
            db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):   # rolled back already
                    db.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    def batch(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """Several operations committed together (the delivery's group commit)."""
        return self._write()

    # -- accepting ------------------------------------------------------------------------
    def add(self, *, run: str, account: str, settings: dict[str, Any], envelope_from: str,
            recipients: list[str], data: bytes | Iterable[bytes], message_id: str = "",
            subject: str = "") -> int:
        """Store one message; returns its identifier once the commit is on disk. `data`
        is the bytes or an iterable of chunks: they are written as rows of the parts
        table, CHUNK bytes each, in the message's own transaction, so a large message
        is never whole in memory. (Not one blob written with blobopen into a
        zeroblob(n): SQLite expands a zeroblob that is not the record's last column in
        memory, which is what this avoids.)"""
        if isinstance(data, bytes):
            data = (data,)
        now = time.time()
        try:
            with self._write() as db:
                cur = db.execute(
                    "INSERT INTO messages (created, run, account, settings, envelope_from, "
                    "recipients, message_id, subject, data, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (now, run, account, json.dumps(settings), envelope_from,
                     json.dumps(recipients), message_id, subject, b"", now))
                ident = int(cur.lastrowid or 0)
                pending = bytearray()
                seq = 0
                for piece in data:
                    pending += piece
                    while len(pending) >= CHUNK:
                        db.execute("INSERT INTO parts (message, seq, chunk) VALUES (?, ?, ?)",
                                   (ident, seq, bytes(pending[:CHUNK])))
                        del pending[:CHUNK]
                        seq += 1
                if pending or seq == 0:
                    db.execute("INSERT INTO parts (message, seq, chunk) VALUES (?, ?, ?)",
                               (ident, seq, bytes(pending)))
        except SpoolError:
            raise
        except (OSError, sqlite3.Error) as exc:
            raise SpoolError(f"the message could not be stored in the spool {self.dir}: "
                             f"{_reason(exc)}; nothing was sent") from None
        return ident

    def chunks(self, ident: int) -> Iterator[bytes]:
        """A stored message's bytes, a part at a time, on the reading connection; each
        part is read under its lock (other threads use it between parts)."""
        seq = -1
        with self._rlock:
            t = self._reader().execute("SELECT data FROM messages WHERE id = ?",
                                       (ident,)).fetchone()
        if t is None:
            raise SpoolError(f"message {ident} is no longer in the spool {self.dir}")
        if t[0]:
            yield bytes(t[0])        # stored whole, before the parts table
        while True:
            with self._rlock:
                try:
                    t = self._reader().execute(
                        "SELECT seq, chunk FROM parts WHERE message = ? AND seq > ? "
                        "ORDER BY seq LIMIT 1", (ident, seq)).fetchone()
                except sqlite3.Error as exc:
                    raise SpoolError(f"message {ident} cannot be read from the spool "
                                     f"{self.dir}: {_reason(exc)}") from None
            if t is None:
                return
            seq = t[0]
            if t[1]:
                yield bytes(t[1])

    # -- reading --------------------------------------------------------------------------
    def get(self, ident: int, with_data: bool = False) -> Row | None:
        with self._lock:
            db = self.open()
            t = db.execute(f"SELECT {_COLUMNS} FROM messages WHERE id = ?", (ident,)).fetchone()
        if t is None:
            return None
        # Read outside the lock: the reading connection's lock is never taken under it.
        data = b"".join(self.chunks(ident)) if with_data else b""
        return _row(t, data)

    def rows(self, states: tuple[str, ...] = (PENDING, SENT, ERROR)) -> list[Row]:
        with self._lock:
            db = self.open()
            marks = ",".join("?" * len(states))
            return [_row(t) for t in db.execute(
                f"SELECT {_COLUMNS} FROM messages WHERE state IN ({marks}) ORDER BY id", states)]

    def count(self, state: str, run: str | None = None) -> int:
        with self._lock:
            db = self.open()
            if run is None:
                return int(db.execute("SELECT count(*) FROM messages WHERE state = ?",
                                      (state,)).fetchone()[0])
            return int(db.execute("SELECT count(*) FROM messages WHERE state = ? AND run = ?",
                                  (state, run)).fetchone()[0])

    # -- claiming -------------------------------------------------------------------------
    def _hold_owner_lock(self) -> None:
        if self._owner_fd is not None:
            return
        folder = self.dir / "owners"
        folder.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(folder / f"{self.owner}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._owner_fd = fd

    def _owner_alive(self, owner: str) -> bool:
        if owner == self.owner:
            return True
        path = self.dir / "owners" / f"{owner}.lock"
        try:
            fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
        except FileNotFoundError:
            return False
        except OSError:
            return True      # cannot tell: let the lease run out
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        # We got the lock: its owner is gone. Its file goes too.
        with contextlib.suppress(OSError):   # another process removed it first
            path.unlink()
        return False

    def claim(self, *, account: str | None = None, run: str | None = None, limit: int = 10,
              due_only: bool = True, not_after: float | None = None) -> list[Row]:
        """Take up to `limit` pending messages (oldest first) for this process (the rows
        without their bytes: Spool.chunks reads them). `due_only` skips those whose next
        try is still to come; `not_after` those changed since then (a flush tries each
        message once)."""
        with self._lock:
            self._hold_owner_lock()
            now = time.time()
            where = ["state = 'pending'"]
            args: list[Any] = []
            if due_only:
                where.append("next_try <= ?")
                args.append(now)
            if not_after is not None:
                where.append("updated <= ?")
                args.append(not_after)
            if account is not None:
                where.append("account = ?")
                args.append(account)
            if run is not None:
                where.append("run = ?")
                args.append(run)
            with self._write() as db:
                found = db.execute(
                    f"SELECT id, lease_owner, lease_until FROM messages WHERE "
                    f"{' AND '.join(where)} ORDER BY id LIMIT ?", (*args, limit * 4)).fetchall()
                ids = []
                for ident, owner, until in found:
                    # Claimed already (by one of our own connections, or by a live
                    # process) and not expired: not ours to take.
                    if owner is not None and until is not None and until > now and \
                            (owner == self.owner or self._owner_alive(owner)):
                        continue
                    ids.append(ident)
                    if len(ids) >= limit:
                        break
                if not ids:
                    return []
                marks = ",".join("?" * len(ids))
                db.execute(f"UPDATE messages SET lease_owner = ?, lease_until = ? "
                           f"WHERE id IN ({marks})", (self.owner, now + LEASE_SECONDS, *ids))
                # Without the bytes: the delivery reads them in chunks (Spool.chunks).
                out = [_row(t) for t in db.execute(
                    f"SELECT {_COLUMNS} FROM messages WHERE id IN ({marks}) ORDER BY id", ids)]
            return out

    def renew(self) -> None:
        """Push back the end of every lease this process holds."""
        with self._write() as db:
            db.execute("UPDATE messages SET lease_until = ? WHERE lease_owner = ? AND "
                       "state = 'pending'", (time.time() + LEASE_SECONDS, self.owner))

    def release(self, ident: int) -> None:
        with self._write() as db:
            db.execute("UPDATE messages SET lease_owner = NULL, lease_until = NULL "
                       "WHERE id = ? AND lease_owner = ?", (ident, self.owner))

    def release_many(self, idents: list[int]) -> None:
        with self._write():
            for ident in idents:
                self.release(ident)

    def release_all(self) -> None:
        with self._write() as db:
            db.execute("UPDATE messages SET lease_owner = NULL, lease_until = NULL "
                       "WHERE lease_owner = ?", (self.owner,))

    # -- outcomes -------------------------------------------------------------------------
    def mark_sent(self, ident: int, refused: dict[str, list[Any]] | None = None) -> None:
        now = time.time()
        with self._write() as db:
            if refused:
                db.execute("UPDATE messages SET state = 'error', refused = ?, last_error = ?, "
                           "error_code = ?, lease_owner = NULL, lease_until = NULL, "
                           "updated = ?, sent_at = ? WHERE id = ?",
                           (json.dumps(refused), _refused_text(refused), 2009, now, now, ident))
            else:
                db.execute("UPDATE messages SET state = 'sent', lease_owner = NULL, "
                           "lease_until = NULL, updated = ?, sent_at = ?, last_error = '', "
                           "error_code = 0 WHERE id = ?", (now, now, ident))

    def mark_error(self, ident: int, code: int, message: str,
                   refused: dict[str, list[Any]] | None = None) -> None:
        now = time.time()
        with self._write() as db:
            db.execute("UPDATE messages SET state = 'error', last_error = ?, error_code = ?, "
                       "refused = ?, lease_owner = NULL, lease_until = NULL, updated = ?, "
                       "attempts = attempts + 1 WHERE id = ?",
                       (message, code, json.dumps(refused or {}), now, ident))

    def mark_retry(self, ident: int, code: int, message: str, delay: float,
                   recipients: list[str] | None = None,
                   refused: dict[str, list[Any]] | None = None) -> None:
        """A transient failure: try again after `delay` seconds (to fewer recipients
        when the others already have it)."""
        now = time.time()
        with self._write() as db:
            sets = ["last_error = ?", "error_code = ?", "attempts = attempts + 1",
                    "next_try = ?", "lease_owner = NULL", "lease_until = NULL", "updated = ?"]
            args: list[Any] = [message, code, now + delay, now]
            if recipients is not None:
                sets.append("recipients = ?")
                args.append(json.dumps(recipients))
            if refused:
                sets.append("refused = ?")
                args.append(json.dumps(refused))
            db.execute(f"UPDATE messages SET {', '.join(sets)} WHERE id = ?", (*args, ident))

    def retry(self, ident: int) -> bool:
        """`wlmail spool retry ID`: an error (or a waiting message) goes back to pending,
        due now; a message whose recipients were partly refused is sent again only to
        those refused."""
        now = time.time()
        with self._write() as db:
            t = db.execute("SELECT state, refused, recipients FROM messages WHERE id = ?",
                           (ident,)).fetchone()
            if t is None or t[0] == SENT:
                return False
            refused = json.loads(t[1])
            recipients = list(refused) if refused else json.loads(t[2])
            db.execute("UPDATE messages SET state = 'pending', next_try = 0, refused = '{}', "
                       "recipients = ?, created = ?, updated = ?, lease_owner = NULL, "
                       "lease_until = NULL WHERE id = ?",
                       (json.dumps(recipients), now, now, ident))
            return True

    def purge(self, *, sent_only: bool, older_than: float | None) -> int:
        """Remove finished messages (sent, and error unless `sent_only`), those older than
        `older_than` seconds only when given. Pending messages are never purged."""
        states = (SENT,) if sent_only else (SENT, ERROR)
        marks = ",".join("?" * len(states))
        args: list[Any] = list(states)
        extra = ""
        if older_than is not None:
            extra = " AND updated < ?"
            args.append(time.time() - older_than)
        with self._write() as db:
            cur = db.execute(f"DELETE FROM messages WHERE state IN ({marks}){extra}", args)
            n = cur.rowcount
            db.execute("DELETE FROM parts WHERE message NOT IN (SELECT id FROM messages)")
        with self._lock, contextlib.suppress(sqlite3.Error):   # space comes back later then
            self.open().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(n)


def _refused_text(refused: dict[str, list[Any]]) -> str:
    shown = "; ".join(f"{addr} ({code} {text})" for addr, (code, text) in refused.items())
    return f"the server refused {len(refused)} recipient(s), the others got the message: {shown}"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
