"""A misbehaving IMAP or POP3 server on loopback, scripted to fail at one stage: what the
private Dovecot cannot be made to do (stop answering in the middle of a message, drop
the connection mid-FETCH, answer garbage).

Standard library only, one thread per connection.  A well-behaved dialogue serves a
small INBOX of `messages` (two short ones by default) to any user and password; the
stages where it can go wrong are

    IMAP:  greeting, capability, login, select, search, fetch, logout
    POP3:  greeting, capa, user, pass, stat, retr, quit

and the faults what it does there:

    silence   read nothing more and answer nothing, connection left open
    close     close the connection (FIN)
    reset     close with a TCP reset (RST)
    garbage   a line that is no reply of the protocol (bytes that are not UTF-8, a NUL)
    escape    a refusal whose text holds terminal escape sequences, BEL and NUL
    longline  a line of 2 MiB without an end, then silence
    partial   (fetch, retr) the start of the message, then the connection closed
    partial-silence  (fetch, retr) the start of the message, then silence
    no-tls    (capability, capa) STARTTLS / STLS not offered
"""
from __future__ import annotations

import contextlib
import re
import socket
import struct
import threading
from typing import Self

IMAP_STAGES = ("greeting", "capability", "login", "select", "search", "fetch", "logout")
POP3_STAGES = ("greeting", "capa", "user", "pass", "stat", "retr", "quit")
FAULTS = ("silence", "close", "reset", "garbage", "escape", "longline")
MESSAGE_FAULTS = ("partial", "partial-silence")
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x07\x00\u009b31m"

DEFAULT_MESSAGES = (
    b"From: a@example.test\r\nSubject: first\r\n\r\n" + b"line of the first message\r\n" * 200,
    b"From: b@example.test\r\nSubject: second\r\n\r\nthe second message\r\n",
)
_IMAP_VERBS = {b"CAPABILITY": "capability", b"LOGIN": "login", b"AUTHENTICATE": "login",
               b"SELECT": "select", b"EXAMINE": "select", b"LOGOUT": "logout"}
_POP3_VERBS = {b"CAPA": "capa", b"USER": "user", b"PASS": "pass", b"STAT": "stat",
               b"RETR": "retr", b"TOP": "retr", b"QUIT": "quit"}


class FaultMailbox:
    """`FaultMailbox("imap", "fetch", "partial").start()`; `.port`; `.stop()` (also a
    context manager)."""

    def __init__(self, protocol: str, stage: str | None = None, fault: str = "",
                 messages: tuple[bytes, ...] = DEFAULT_MESSAGES) -> None:
        assert protocol in ("imap", "pop3")
        assert stage is None or stage in (IMAP_STAGES if protocol == "imap" else POP3_STAGES)
        self.protocol, self.stage, self.fault = protocol, stage, fault
        self.messages = list(messages)
        self.host = "127.0.0.1"
        self.port = 0
        self.commands: list[bytes] = []
        self._stop = threading.Event()
        self._sock: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._threads: list[threading.Thread] = []

    # -- life ------------------------------------------------------------------------
    def start(self) -> FaultMailbox:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self.host, 0))
        s.listen(8)
        s.settimeout(0.2)
        self._sock = s
        self.port = s.getsockname()[1]
        t = threading.Thread(target=self._accept, name="fault-mailbox", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()
        for c in [self._sock, *self._conns]:
            if c is None:
                continue
            with contextlib.suppress(OSError):   # already closed by a fault
                c.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                c.close()
        for t in self._threads:
            t.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept(self) -> None:
        assert self._sock is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._conns.append(conn)
            t = threading.Thread(target=self._serve_safely, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _serve_safely(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:   # the client went away
            if self.protocol == "imap":
                self._serve_imap(conn)
            else:
                self._serve_pop3(conn)

    # -- misbehaving ---------------------------------------------------------------------
    def _fault_at(self, conn: socket.socket, stage: str, refusal: bytes) -> bool:
        """Misbehave if `stage` is the chosen one: True when the dialogue ends there."""
        if stage != self.stage or self.fault in ("", "no-tls", *MESSAGE_FAULTS):
            return False
        fault = self.fault
        if fault == "silence":
            self._stop.wait()
        elif fault == "close":
            conn.shutdown(socket.SHUT_RDWR)
        elif fault == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
        elif fault == "garbage":
            conn.sendall(b"\xff\xfe garbage that is no reply \x00\r\n")
            self._stop.wait()
        elif fault == "escape":
            conn.sendall(refusal + f" hostile{ESCAPES}text\r\n".encode())
            return stage == "greeting"
        elif fault == "longline":
            conn.sendall(b"* " + b"x" * (2 << 20))
            self._stop.wait()
        else:
            raise AssertionError(f"unknown fault {fault!r}")
        return True

    def _send_message(self, conn: socket.socket, head: bytes, body: bytes,
                      tail: bytes) -> bool:
        """The message; with a message fault, only its first part. False: ended."""
        if self.fault not in MESSAGE_FAULTS or self.stage not in ("fetch", "retr"):
            conn.sendall(head + body + tail)
            return True
        conn.sendall(head + body[: len(body) // 3])
        if self.fault == "partial":
            conn.shutdown(socket.SHUT_RDWR)
        else:
            self._stop.wait()
        return False

    # -- IMAP ----------------------------------------------------------------------------
    def _capabilities(self) -> bytes:
        caps = b"IMAP4rev1 AUTH=PLAIN"
        if self.fault != "no-tls":
            caps += b" STARTTLS"
        return caps

    def _serve_imap(self, conn: socket.socket) -> None:
        f = conn.makefile("rb")
        if self._fault_at(conn, "greeting", b"* BYE"):
            return
        # No capabilities in the greeting: the client asks CAPABILITY (a stage of its own).
        conn.sendall(b"* OK fault.test ready\r\n")
        while not self._stop.is_set():
            line = f.readline(1 << 16)
            if not line:
                return
            self.commands.append(line.rstrip(b"\r\n"))
            parts = line.rstrip(b"\r\n").split(b" ")
            tag, verb = parts[0], (parts[1].upper() if len(parts) > 1 else b"")
            args = parts[2:]
            if verb == b"UID" and args:
                verb, args = args[0].upper(), args[1:]
            stage = _IMAP_VERBS.get(verb) or {b"SEARCH": "search",
                                              b"FETCH": "fetch"}.get(verb, "")
            if stage and self._fault_at(conn, stage, tag + b" NO"):
                return
            if stage == "capability":
                conn.sendall(b"* CAPABILITY " + self._capabilities() + b"\r\n" + tag +
                             b" OK done\r\n")
            elif stage == "select":
                conn.sendall(f"* {len(self.messages)} EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n"
                             .encode() + tag + b" OK [READ-WRITE] selected\r\n")
            elif stage == "search":
                uids = " ".join(str(n) for n in range(1, len(self.messages) + 1))
                conn.sendall(f"* SEARCH {uids}\r\n".encode() + tag + b" OK done\r\n")
            elif stage == "fetch":
                if not self._imap_fetch(conn, tag, args):
                    return
            elif stage == "logout":
                conn.sendall(b"* BYE bye\r\n" + tag + b" OK done\r\n")
                return
            else:
                conn.sendall(tag + b" OK done\r\n")

    def _imap_fetch(self, conn: socket.socket, tag: bytes, args: list[bytes]) -> bool:
        wanted = b" ".join(args[1:]).upper()
        for uid in _numbers(args[0] if args else b"", len(self.messages)):
            raw = self.messages[uid - 1]
            header_only = b"HEADER" in wanted
            data = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n" if header_only else raw
            section = b"BODY[HEADER]" if header_only else b"BODY[]"
            head = (f"* {uid} FETCH (UID {uid} FLAGS () RFC822.SIZE {len(raw)} "
                    f'INTERNALDATE "01-Dec-2026 10:00:00 +0000" ').encode() + section + \
                f" {{{len(data)}}}\r\n".encode()
            if not self._send_message(conn, head, data, b")\r\n"):
                return False
        conn.sendall(tag + b" OK done\r\n")
        return True

    # -- POP3 ----------------------------------------------------------------------------
    def _serve_pop3(self, conn: socket.socket) -> None:
        f = conn.makefile("rb")
        if self._fault_at(conn, "greeting", b"-ERR"):
            return
        conn.sendall(b"+OK fault.test ready\r\n")
        while not self._stop.is_set():
            line = f.readline(1 << 16)
            if not line:
                return
            self.commands.append(line.rstrip(b"\r\n"))
            parts = line.rstrip(b"\r\n").split(b" ")
            verb, args = parts[0].upper(), parts[1:]
            stage = _POP3_VERBS.get(verb, "")
            if stage and self._fault_at(conn, stage, b"-ERR"):
                return
            if stage == "capa":
                caps = [b"USER", b"UIDL", b"TOP"] + ([] if self.fault == "no-tls" else [b"STLS"])
                conn.sendall(b"+OK\r\n" + b"".join(c + b"\r\n" for c in caps) + b".\r\n")
            elif stage == "stat":
                size = sum(len(m) for m in self.messages)
                conn.sendall(f"+OK {len(self.messages)} {size}\r\n".encode())
            elif verb in (b"LIST", b"UIDL"):
                rows = [f"{n} {len(m) if verb == b'LIST' else f'uid{n}'}"
                        for n, m in enumerate(self.messages, 1)]
                conn.sendall(("+OK\r\n" + "".join(r + "\r\n" for r in rows) + ".\r\n").encode())
            elif stage == "retr":
                n = int(args[0]) if args and args[0].isdigit() else 0
                if not 1 <= n <= len(self.messages):
                    conn.sendall(b"-ERR no such message\r\n")
                    continue
                raw = self.messages[n - 1]
                if verb == b"TOP":
                    raw = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
                body = re.sub(rb"(?m)^\.", b"..", raw)
                if not self._send_message(conn, f"+OK {len(raw)} octets\r\n".encode(),
                                          body, b".\r\n"):
                    return
            elif stage == "quit":
                conn.sendall(b"+OK bye\r\n")
                return
            else:
                conn.sendall(b"+OK\r\n")


def _numbers(text: bytes, count: int) -> list[int]:
    """An IMAP sequence set (`3`, `1:5`, `2,4:*`) as the numbers it names."""
    out: list[int] = []
    for part in text.decode("ascii", "replace").split(","):
        lo, _, hi = part.partition(":")
        first = count if lo == "*" else int(lo) if lo.isdigit() else 0
        last = first if not hi else count if hi == "*" else int(hi) if hi.isdigit() else 0
        out.extend(n for n in range(min(first, last), max(first, last) + 1) if 1 <= n <= count)
    return out
