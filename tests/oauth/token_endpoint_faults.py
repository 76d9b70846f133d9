"""A token endpoint on loopback that misbehaves on purpose (standard library only).

    drip     headers, then a JSON body one byte every `delay` seconds (each read is
             quick; the whole answer never ends in reasonable time)
    huge     a body of `size` bytes (Content-Length given), streamed without end in sight
    endless  a chunked body with no length, streamed until the client goes away
    nested   `[` x 200,000: valid-looking JSON nested past any parser's stack
    gzip     a small token answer, gzip-compressed although identity was asked for

Every request gets the same misbehaviour; `requests` counts them.
"""
from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
from typing import Self


class FaultTokenEndpoint:
    def __init__(self, mode: str, *, delay: float = 0.3, size: int = 300 * 1024 * 1024) -> None:
        self.mode = mode
        self.delay = delay
        self.size = size
        self.requests = 0
        self._stop = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/token"
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Self:
        t = threading.Thread(target=self._accept, daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=5)
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _read_request(self, conn: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return
            body += chunk
        self.requests += 1

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:   # the client gave up: what it should do
            self._read_request(conn)
            getattr(self, "_" + self.mode)(conn)

    @staticmethod
    def _head(conn: socket.socket, extra: str = "") -> None:
        conn.sendall(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Connection: close\r\n" + extra + "\r\n").encode())

    def _drip(self, conn: socket.socket) -> None:
        body = json.dumps({"access_token": "dripped-" + "x" * 200, "token_type": "Bearer",
                           "expires_in": 3600}).encode()
        self._head(conn, f"Content-Length: {len(body)}\r\n")
        for byte in body:
            if self._stop.wait(self.delay):
                return
            conn.sendall(bytes([byte]))

    def _huge(self, conn: socket.socket) -> None:
        self._head(conn, f"Content-Length: {self.size}\r\n")
        self._stream(conn, self.size)

    def _endless(self, conn: socket.socket) -> None:
        self._head(conn, "Transfer-Encoding: chunked\r\n")
        block = b"[" + b"1," * 32767 + b"1"
        frame = f"{len(block):x}\r\n".encode() + block + b"\r\n"
        while not self._stop.is_set():
            conn.sendall(frame)

    def _stream(self, conn: socket.socket, size: int) -> None:
        block = b" " * 65536
        sent = 0
        while sent < size and not self._stop.is_set():
            conn.sendall(block)
            sent += len(block)

    def _nested(self, conn: socket.socket) -> None:
        body = b"[" * 200_000
        self._head(conn, f"Content-Length: {len(body)}\r\n")
        conn.sendall(body)

    def _gzip(self, conn: socket.socket) -> None:
        body = gzip.compress(json.dumps({"access_token": "zipped", "token_type": "Bearer",
                                         "expires_in": 3600}).encode())
        self._head(conn, f"Content-Encoding: gzip\r\nContent-Length: {len(body)}\r\n")
        conn.sendall(body)
