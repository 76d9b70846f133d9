"""A misbehaving SMTP server on loopback, scripted to fail at one stage of the dialogue.

Standard library only, one thread per connection, so it runs whatever the client's event
loop is doing (a client stuck in a drain still gets the server's silence).  The stages
are the points where a real server can go wrong:

    greeting, ehlo, starttls, auth, mail, rcpt, data, dot (the reply after the final
    "."), quit

and the faults what it can do there:

    silence   read nothing more and answer nothing, connection left open
    close     close the connection (FIN)
    reset     close with a TCP reset (RST)
    421 / 451 / 454 / 554 / ...   that code with a short text
    garbage   a line that is not an SMTP reply (no code, bytes that are not UTF-8)
    slow      the right reply, one byte at a time, far slower than any time-out here
    stall     (data only) answer 354, then never read the message: with the small
              receive buffer the client's writes stop quickly
    escape    a 554 refusal whose text holds terminal escape sequences, BEL and NUL
    tls-garbage (starttls only) answer 220, then bytes that are no TLS handshake
    tls-silence (starttls only) answer 220, then never answer the TLS handshake
"""
from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from typing import Self

STAGES = ("greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "dot", "quit")
FAULTS = ("silence", "close", "reset", "421", "451", "554", "garbage", "slow")

# What a well-behaved server answers at each stage.
_GOOD = {
    "greeting": b"220 fault.test ESMTP ready\r\n",
    "starttls": b"220 2.0.0 go ahead\r\n",
    "auth": b"235 2.7.0 Authentication successful\r\n",
    "mail": b"250 2.1.0 sender ok\r\n",
    "rcpt": b"250 2.1.5 recipient ok\r\n",
    "data": b"354 end data with <CR><LF>.<CR><LF>\r\n",
    "dot": b"250 2.0.0 queued as FAULT1\r\n",
    "quit": b"221 2.0.0 bye\r\n",
    "rset": b"250 2.0.0 reset\r\n",
    "noop": b"250 2.0.0 ok\r\n",
}
_VERBS = {b"EHLO": "ehlo", b"HELO": "ehlo", b"STARTTLS": "starttls", b"AUTH": "auth",
          b"MAIL": "mail", b"RCPT": "rcpt", b"DATA": "data", b"QUIT": "quit",
          b"RSET": "rset", b"NOOP": "noop"}

# Terminal controls a hostile server could put in its text: set the window title, clear
# the screen, ring the bell, a NUL, a C1 CSI.
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x07\x00\u009b31m"


class FaultSMTP:
    """`FaultSMTP("data", "stall").start()`; `.port`; `.stop()` (also a context manager)."""

    def __init__(self, stage: str | None = None, fault: str = "", *, auth: bool = True,
                 rcvbuf: int | None = None, slow_delay: float = 0.3,
                 pipelining: bool = False, reply_delay: float = 0.0) -> None:
        assert stage is None or stage in STAGES, stage
        self.stage = stage
        self.fault = fault
        self.auth = auth
        self.rcvbuf = rcvbuf
        self.slow_delay = slow_delay
        # PIPELINING offered (RFC 2920); this server still reads one line and answers it,
        # after `reply_delay`, so a pipelining client gets its replies one segment each.
        self.pipelining = pipelining
        self.reply_delay = reply_delay
        self.host = "127.0.0.1"
        self.port = 0
        self.commands: list[bytes] = []        # every command line received
        self.messages: list[bytes] = []        # every message received whole
        self.reached_stall = threading.Event()
        self._stop = threading.Event()
        self._sock: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._threads: list[threading.Thread] = []

    # -- life ------------------------------------------------------------------------
    def start(self) -> FaultSMTP:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if self.rcvbuf:
            # Set before listen(): accepted sockets inherit it, and the TCP window the
            # client sees stays small, so a server that stops reading stalls it fast.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.rcvbuf)
        s.bind((self.host, 0))
        s.listen(8)
        s.settimeout(0.2)
        self._sock = s
        self.port = s.getsockname()[1]
        t = threading.Thread(target=self._accept, name="fault-smtp", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()
        # shutdown() wakes a thread blocked in accept() or recv(); close() alone does not.
        for c in [self._sock, *self._conns]:
            if c is None:
                continue
            with contextlib.suppress(OSError):
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
        with contextlib.suppress(OSError), conn:   # the client went away: what a real server sees too
            self._serve(conn)

    # -- the dialogue ----------------------------------------------------------------
    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(None)
        f = conn.makefile("rb")
        if not self._answer(conn, "greeting"):
            return
        while not self._stop.is_set():
            line = f.readline(4096)
            if not line:
                return
            self.commands.append(line.rstrip(b"\r\n"))
            verb = line.split(b" ", 1)[0].strip().upper()
            stage = _VERBS.get(verb)
            if stage is None:
                conn.sendall(b"502 5.5.2 command not recognised\r\n")
                continue
            if stage == "ehlo":
                if not self._answer(conn, "ehlo", self._ehlo_reply(verb)):
                    return
                continue
            if stage == "auth" and self.stage != "auth" and verb == b"AUTH" and \
                    len(line.split()) < 3:
                conn.sendall(b"334 \r\n")       # a mechanism without initial response
                f.readline(4096)
            if not self._answer(conn, stage):
                return
            if stage == "data" and not (self.stage == "data" and self.fault):
                if not self._read_message(conn, f):
                    return
            elif stage == "quit":
                return
            elif stage == "starttls":
                return   # this server speaks no TLS: only faults reach this point

    def _ehlo_reply(self, verb: bytes) -> bytes:
        if verb == b"HELO":
            return b"250 fault.test\r\n"
        lines = [b"fault.test", b"8BITMIME", b"SIZE 100000000"]
        if self.stage == "starttls":
            lines.append(b"STARTTLS")
        if self.pipelining:
            lines.append(b"PIPELINING")
        if self.auth:
            lines.append(b"AUTH PLAIN")
        return b"".join(b"250-" + ln + b"\r\n" for ln in lines[:-1]) + \
            b"250 " + lines[-1] + b"\r\n"

    def _read_message(self, conn: socket.socket, f) -> bool:
        chunks: list[bytes] = []
        while True:
            line = f.readline(1 << 20)
            if not line:
                return False
            if line == b".\r\n":
                break
            chunks.append(line)
        self.messages.append(b"".join(chunks))
        return self._answer(conn, "dot")

    def _answer(self, conn: socket.socket, stage: str, good: bytes | None = None) -> bool:
        """Answer `stage`, misbehaving when it is the chosen one; False ends the dialogue."""
        good = good if good is not None else _GOOD[stage]
        if self.reply_delay and self._stop.wait(self.reply_delay):
            return False
        if stage != self.stage or not self.fault:
            conn.sendall(good)
            return True
        fault = self.fault
        if fault == "silence":
            self._stop.wait()
            return False
        if fault == "close":
            conn.shutdown(socket.SHUT_RDWR)
            return False
        if fault == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            return False
        if fault == "garbage":
            conn.sendall(b"\xff\xfe garbage that is no reply \x00\r\n")
            self._stop.wait()
            return False
        if fault == "slow":
            for byte in good * 20:
                if self._stop.wait(self.slow_delay):
                    return False
                conn.sendall(bytes([byte]))
            return False
        if fault == "escape":
            # A refusal, so that the controls end up in ErrorInfo whatever the stage.
            conn.sendall(f"554 5.0.0 hostile{ESCAPES}text\r\n".encode())
            return stage != "greeting"
        if fault == "stall":
            assert stage == "data"
            conn.sendall(good)
            self.reached_stall.set()
            self._stop.wait()       # never read the message
            return False
        if fault == "tls-silence":
            assert stage == "starttls"
            conn.sendall(good)
            self._stop.wait()
            return False
        if fault == "tls-garbage":
            assert stage == "starttls"
            conn.sendall(good)
            conn.sendall(b"this is not a TLS server hello\r\n" * 4)
            self._stop.wait()
            return False
        if fault.isdigit():
            conn.sendall(f"{fault} 4.0.0 fault injected at {stage}\r\n".encode())
            if fault == "421":
                return False      # 421: the server closes the channel (RFC 5321 3.8)
            if stage == "greeting":
                return False
            if stage == "data":
                return True       # no message follows a refused DATA
            return True
        raise AssertionError(f"unknown fault {fault!r}")


def run_with_watchdog(fn: Callable[[], object], limit: float = 60.0) -> object:
    """Run `fn` in a thread; fail the test (instead of hanging pytest) when it has not
    finished after `limit` seconds. A hang detector, not a measure of speed: `limit` is
    far above every time-out the tests set."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001  (handed back to the test below)
            box["error"] = exc

    t = threading.Thread(target=target, name="watchdog", daemon=True)
    t.start()
    t.join(limit)
    if t.is_alive():
        raise AssertionError(f"still waiting after {limit:g} s: a network wait is unbounded")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")
