"""docs/tutorial.md, followed as a class would: its scripts saved under the names their
first line gives (`// file: NAME`), its commands run in order in one folder, and what
it says they print checked — a `text` block after a command (or after a `wl-repl` block,
typed into the `wlmail repl` of the command before), a `server-output` block against the
SMTP server the page starts (`python -m aiosmtpd`, on a free loopback port here instead
of 2525).  Each line shown must appear, in order, in what was printed."""
from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```([\w-]+)\n(.*?)^```$", TUTORIAL, re.S | re.M)
PAGE_PORT = "2525"


def free_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def _shows(line: str, want: str) -> bool:
    """`want` is in the line; `...` in it stands for anything (a file name, a time)."""
    return re.search(".*".join(re.escape(part) for part in want.split("...")), line) is not None


def lines_in_order(expected: str, got: str) -> None:
    """Every non-empty line of `expected` is in a line of `got`, in the same order."""
    out = [ln.strip() for ln in got.splitlines()]
    at = 0
    for want in (ln.strip() for ln in expected.splitlines()):
        if not want:
            continue
        while at < len(out) and not _shows(out[at], want):
            at += 1
        assert at < len(out), f"not printed (in this order): {want!r}\n--- got:\n{got}"
        at += 1


def wait_for_port(port: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "the tutorial's SMTP server did not start"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", int(port))) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("the tutorial's SMTP server did not listen")


def test_the_page_has_every_step() -> None:
    kinds = [k for k, _ in BLOCKS]
    assert kinds.count("wlanguage") >= 4 and "wl-repl" in kinds and "server-output" in kinds
    commands = " ".join(body for k, body in BLOCKS if k == "sh")
    for step in ("wlmail run hello.wl", "wlmail check", "--capture", "wlmail repl",
                 "python -m aiosmtpd"):
        assert step in commands


def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG",
                                                            "WLMAIL_SMTP_SERVER")}
    server: subprocess.Popen[str] | None = None
    server_log = tmp_path / "server.out"
    last_output = ""
    checked = 0
    try:
        for i, (kind, body) in enumerate(BLOCKS):
            body = body.replace(PAGE_PORT, port)
            if kind == "wlanguage":
                first = body.split("\n", 1)[0]
                m = re.fullmatch(r"// file: (\S+)", first)
                assert m, f"a script of the tutorial names its file first: {first!r}"
                (tmp_path / m.group(1)).write_text(body, encoding="utf-8")
            elif kind == "sh":
                for line in body.splitlines():
                    args = shlex.split(line, comments=True)
                    if not args:
                        continue
                    if args[:3] == ["python", "-m", "aiosmtpd"]:
                        log = server_log.open("w", encoding="utf-8")
                        server = subprocess.Popen([sys.executable, "-u", *args[1:]], cwd=tmp_path,
                                                  stdout=log, stderr=subprocess.STDOUT, text=True,
                                                  env=env)
                        wait_for_port(port, server)
                        continue
                    assert args[0] == "wlmail", line
                    typed = BLOCKS[i + 1][1] if i + 1 < len(BLOCKS) and \
                        BLOCKS[i + 1][0] == "wl-repl" else ""
                    got = subprocess.run([sys.executable, "-m", "wlmail", *args[1:]],
                                         input=typed, capture_output=True, text=True,
                                         cwd=tmp_path, timeout=120, env=env)
                    assert got.returncode in (0, 1), (line, got.stderr)
                    last_output = got.stdout + got.stderr
            elif kind == "text":
                lines_in_order(body, last_output)
                checked += 1
            elif kind == "server-output":
                assert server is not None, "the page shows a server's output before starting it"
                deadline = time.monotonic() + 30
                while "END MESSAGE" not in server_log.read_text(encoding="utf-8") and \
                        time.monotonic() < deadline:
                    time.sleep(0.05)
                lines_in_order(body, server_log.read_text(encoding="utf-8"))
                checked += 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    assert checked >= 5
