"""Bulk sending: `wlmail run bench/bulk.wl` against an equivalent aiosmtplib script.

Both send COUNT messages (default 2,000) over one SMTP connection to the same aiosmtpd
server, running in a process of its own; each side is timed as a whole process
(interpreter start-up included), best of REPEAT runs, alternating.  Prints messages per
second and the ratio wlmail / script (target: at least 0.8).

    python bench/bulk.py [--count 2000] [--repeat 3]

The other benchmark (bench/memory.py) reuses the helpers below.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable


def free_port() -> int:
    # aiosmtpd's command line needs a number; the window between close and bind is
    # harmless on a benchmark machine.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def sink_server(size_limit: int = 2 ** 25) -> Iterator[int]:
    """aiosmtpd's Sink handler in a process of its own; yields its port."""
    port = free_port()
    proc = subprocess.Popen(
        [PY, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink",
         "-l", f"127.0.0.1:{port}", "-s", str(size_limit)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.recv(100)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the aiosmtpd server did not start")
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str, float]:
    """Run `cmd`; return (wall seconds, peak RSS in KiB, stdout, CPU seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with status {proc.returncode}:\n{stdout}{stderr}")
    return elapsed, usage.ru_maxrss, stdout, usage.ru_utime + usage.ru_stime


def env_with(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    tmp = tempfile.gettempdir()
    env.setdefault("XDG_STATE_HOME", os.path.join(tmp, "wlmail-bench-state"))
    env.setdefault("XDG_CACHE_HOME", os.path.join(tmp, "wlmail-bench-cache"))
    return env


# -- the reference script (this file, run with --baseline) -------------------------------
def baseline(port: int, count: int) -> None:
    import asyncio
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    import aiosmtplib

    async def main() -> None:
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False)
        await smtp.connect()
        for i in range(1, count + 1):
            msg = EmailMessage()
            msg["From"] = "Bench Sender <bench@example.com>"
            msg["To"] = f"rcpt{i}@example.org"
            msg["Subject"] = f"Benchmark message {i}"
            msg["Date"] = formatdate(localtime=True)
            msg["Message-ID"] = make_msgid(domain="example.com")
            msg.set_content(f"Hello,\nthis is benchmark message number {i}.\n")
            await smtp.send_message(msg)
        await smtp.quit()

    asyncio.run(main())
    print(f"sent {count} of {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", nargs=2, type=int, metavar=("PORT", "COUNT"),
                        help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.baseline:
        baseline(*ns.baseline)
        return

    with sink_server() as port:
        env = env_with(WLMAIL_BENCH_PORT=str(port), WLMAIL_BENCH_COUNT=str(ns.count))
        commands = {
            "wlmail": [PY, "-m", "wlmail", "run", str(HERE / "bulk.wl")],
            "aiosmtplib script": [PY, str(Path(__file__).resolve()), "--baseline",
                                  str(port), str(ns.count)],
        }
        best: dict[str, float] = {}
        for r in range(ns.repeat):
            for name, cmd in commands.items():
                seconds, _, out, cpu = timed(cmd, env)
                expected = f"sent {ns.count} of {ns.count}"
                if expected not in out:
                    raise SystemExit(f"{name} did not send everything: {out.strip()!r}")
                # CPU time is printed too: on a busy machine it is steadier than wall time.
                print(f"run {r + 1} {name:>18}: {seconds:6.2f} s  {ns.count / seconds:7.0f} msg/s"
                      f"  (client CPU {cpu:5.2f} s)")
                best[name] = min(best.get(name, seconds), seconds)
    wl, py = ns.count / best["wlmail"], ns.count / best["aiosmtplib script"]
    ratio = wl / py
    print(f"best of {ns.repeat}: wlmail {wl:.0f} msg/s, aiosmtplib script {py:.0f} msg/s, "
          f"ratio {ratio:.2f}x (target >= 0.8x: {'met' if ratio >= 0.8 else 'MISSED'})")


if __name__ == "__main__":
    main()
