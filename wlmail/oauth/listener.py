"""The loopback HTTP listener that receives the authorization server's redirect, and the
reader of a redirected address pasted on a terminal.

Both hand the query parameters to a `judge` supplied by the flow, which decides whether
the answer ends the wait (a code with the right state, an error, a forged state) and what
the browser is told.  The listener answers only GET on the redirection path; anything
else (a favicon request, a preconnect that sends nothing) gets a small reply or is
dropped, and never ends the wait.
"""
from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import parse_qsl, urlsplit

from ..runtime.errors import Err
from .validate import OAuthProblem

_HEAD_LIMIT = 16 * 1024
_READ_TIMEOUT = 15.0


@dataclass
class Verdict:
    final: bool            # ends the wait
    status: int            # HTTP status for the browser
    title: str
    text: str
    outcome: object = None  # what the flow gets back when final


Judge = Callable[[dict[str, str]], Verdict]


def page(title: str, text: str) -> bytes:
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;}</style>"
        f"</head><body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>"
        "</body></html>"
    ).encode()


_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


def _same_path(a: str, b: str) -> bool:
    return (a.rstrip("/") or "/") == (b.rstrip("/") or "/")


class CallbackListener:
    def __init__(self, hosts: tuple[str, ...], port: int, path: str, judge: Judge) -> None:
        self.hosts = hosts
        self.port = port
        self.path = path
        self.judge = judge
        self.result: asyncio.Future = asyncio.get_running_loop().create_future()
        self._servers: list[asyncio.base_events.Server] = []
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> int:
        """Listen on every host; returns the port (chosen by the system when 0)."""
        for _ in range(20):
            try:
                await self._bind_all()
                return self.port
            except _RetryPort:
                await self._close_servers()
                self.port = 0
        raise OAuthProblem(Err.OAUTH_REDIRECT, "no free port could be found on both "
                           "127.0.0.1 and ::1 for the redirection address")

    async def _bind_all(self) -> None:
        chosen = self.port
        for i, host in enumerate(self.hosts):
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            try:
                # Not serving yet: asyncio.start_server yields once after it starts
                # listening, and a cancellation (Ctrl-C) there would lose a listening
                # server nobody closes.  Registered first, it is closed by close().
                server = await asyncio.start_server(self._handle, host, chosen, family=family,
                                                    reuse_address=True, start_serving=False)
            except OSError as e:
                if family == socket.AF_INET6 and len(self.hosts) > 1 and e.errno in (
                        errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                    continue  # no IPv6 on this machine: 127.0.0.1 alone serves localhost
                if e.errno == errno.EADDRINUSE and self.port == 0 and i > 0:
                    raise _RetryPort() from e
                where = f"[{host}]:{chosen}" if ":" in host else f"{host}:{chosen}"
                if e.errno == errno.EADDRINUSE:
                    msg = (f"cannot listen on {where} for the redirection address: the port "
                           "is already used by another program (close it, or register "
                           "another port with the application and change RedirectionURL)")
                elif e.errno == errno.EACCES:
                    msg = (f"cannot listen on {where} for the redirection address: ports "
                           "below 1024 need administrator rights (use a port such as 9000)")
                else:
                    msg = f"cannot listen on {where} for the redirection address: {e.strerror}"
                raise OAuthProblem(Err.OAUTH_REDIRECT, msg) from e
            self._servers.append(server)
            if chosen == 0:
                chosen = server.sockets[0].getsockname()[1]
            await server.start_serving()
        self.port = chosen

    async def _close_servers(self) -> None:
        for s in self._servers:
            s.close()
        self._servers.clear()

    async def close(self) -> None:
        await self._close_servers()
        for t in list(self._tasks):
            t.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def deliver(self, params: dict[str, str]) -> Verdict:
        if self.result.done():
            return Verdict(False, 200, "Already done",
                           "wlmail already received an answer for this sign-in. "
                           "You may close this window.")
        return self.judge(params)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        verdict: Verdict | None = None
        try:
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _READ_TIMEOUT)
            except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            if len(head) > _HEAD_LIMIT:
                return
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = line.split(" ")
            if len(parts) != 3 or not parts[2].startswith("HTTP/"):
                await self._reply(writer, 400, "Bad request", "This is not an HTTP request.")
                return
            method, target = parts[0], parts[1]
            url = urlsplit(target)
            if not _same_path(url.path, self.path):
                await self._reply(writer, 404, "Not found",
                                  "This address only receives wlmail's sign-in answer.")
                return
            if method != "GET":
                await self._reply(writer, 405, "Method not allowed",
                                  "This address only answers GET.")
                return
            params = dict(parse_qsl(url.query, keep_blank_values=True))
            verdict = self.deliver(params)
            await self._reply(writer, verdict.status, verdict.title, verdict.text)
        finally:
            with contextlib.suppress(Exception):
                writer.close()
            # Set after the page is written, so closing the listener cannot cut it off.
            if verdict is not None and verdict.final and not self.result.done():
                self.result.set_result(verdict)
            if task is not None:
                self._tasks.discard(task)

    @staticmethod
    async def _reply(writer: asyncio.StreamWriter, status: int, title: str, text: str) -> None:
        body = page(title, text)
        head = (f"HTTP/1.1 {status} {_REASONS.get(status, 'OK')}\r\n"
                "Content-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\n"
                "Cache-Control: no-store\r\n"
                "Referrer-Policy: no-referrer\r\n"
                "Connection: close\r\n\r\n").encode("ascii")
        with contextlib.suppress(ConnectionError, asyncio.TimeoutError):
            writer.write(head + body)
            await asyncio.wait_for(writer.drain(), _READ_TIMEOUT)


class _RetryPort(Exception):
    """The port was taken between the check and the bind: try again."""


class PasteReader:
    """Reads redirected addresses pasted on a terminal (the browser may run on another
    computer, whose own localhost the redirect cannot reach)."""

    def __init__(self, stream: TextIO, listener: CallbackListener, err: Callable[[str], None]):
        self.stream = stream
        self.listener = listener
        self.err = err
        self._fd: int | None = None
        self._buffer = b""

    def start(self) -> bool:
        if sys.platform == "win32":
            return False  # the proactor loop cannot watch a console handle
        try:
            fd = self.stream.fileno()
        except (AttributeError, OSError, ValueError):
            return False
        loop = asyncio.get_running_loop()
        try:
            loop.add_reader(fd, self._readable)
        except (NotImplementedError, OSError, ValueError):
            return False
        self._fd = fd
        return True

    def stop(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._fd)
            self._fd = None

    def _readable(self) -> None:
        try:
            chunk = os.read(self._fd, 65536) if self._fd is not None else b""
        except OSError:
            chunk = b""
        if not chunk:
            self.stop()  # end of input: keep waiting for the browser alone
            return
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self.line(line.decode("utf-8", "replace").strip())

    def line(self, text: str) -> None:
        if not text or self.listener.result.done():
            return
        query = urlsplit(text).query if "?" in text else text
        params = dict(parse_qsl(query, keep_blank_values=True))
        if "code" not in params and "error" not in params:
            self.err("wlmail: that is not the address the browser was sent to after "
                     "approving (it contains \"code=\"); paste the whole address, or wait "
                     "for the browser")
            return
        verdict = self.listener.deliver(params)
        if verdict.final and not self.listener.result.done():
            self.listener.result.set_result(verdict)
        elif not verdict.final:
            self.err("wlmail: " + verdict.text)
