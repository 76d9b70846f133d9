"""Headless Chromium driven over the DevTools protocol, for tests that need a real page.

Chromium speaks the protocol on the pipe it is given with `--remote-debugging-pipe`: it
reads commands on its descriptor 3 and writes answers on its descriptor 4, each a JSON
object ended by a NUL byte.  No port is opened and no extra package is needed.  The flags
are those that keep Chromium off the network (this machine has none) and, as root, out of
its sandbox."""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from typing import Any

FLAGS = ["--headless", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
         "--remote-debugging-pipe"]


class ChromiumError(RuntimeError):
    """The browser did not answer, or answered a command with an error."""


class Chromium:
    def __init__(self, timeout: float = 60.0) -> None:
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        assert exe, "Debian's chromium package is required (apt-get install chromium; " \
                    "python3 tools/bootstrap.py --with-browser installs it as root)"
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="wlmail-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def plumb() -> None:
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        flags = FLAGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
        self._proc = subprocess.Popen(
            [exe, *flags, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=plumb)  # noqa: PLW1509 - the protocol needs fds 3 and 4
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self._session: str | None = None
        self._events: list[dict[str, Any]] = []

    # -- the protocol ---------------------------------------------------------------------
    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChromiumError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 65536)
                if not chunk:
                    raise ChromiumError("Chromium closed its end of the protocol pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: bool = True) -> dict[str, Any]:
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self._session is not None:
            command["sessionId"] = self._session
        os.write(self._to_child, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise ChromiumError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self._events.append(answer)

    def wait_event(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method:
                    del self._events[: i + 1]
                    return event.get("params", {})
            self._events.clear()
            message = self._read_message(deadline)
            if "method" in message:
                self._events.append(message)

    # -- what the tests use ---------------------------------------------------------------
    def open(self, url: str) -> None:
        """Open `url` in a new tab and wait until it has loaded."""
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session=False)
        self._session = attached["sessionId"]
        self.send("Page.enable")
        self._events.clear()
        navigated = self.send("Page.navigate", {"url": url})
        if "errorText" in navigated:
            raise ChromiumError(f"{url}: {navigated['errorText']}")
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise ChromiumError(f"the page's script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False)
            self._proc.wait(10)
        except (ChromiumError, OSError, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait()
        finally:
            os.close(self._to_child)
            os.close(self._from_child)
            self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
