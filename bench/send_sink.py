"""Synchronous sending against Postfix's smtp-sink: `wlmail run bench/bulk.wl` against a
plain `smtplib` script.

Both send COUNT small messages (default 2,000) over one SMTP connection to Postfix's own
test sink (`/usr/sbin/smtp-sink`, Debian's postfix), which answers far faster than either
client, so the numbers measure the clients.  Each side is timed as a whole process
(interpreter start-up included), best of REPEAT runs, alternating, in this one command.
Two smtplib baselines: "smtplib script" builds each message with the email package
(EmailMessage, what a Python developer writes), "smtplib raw" writes the text by hand
with an f-string (the floor: no parsing, no checks, no encoding); "aiosmtplib raw" sends
that same text with aiosmtplib (the floor of the library wlmail runs on). Prints messages per
second, CPU seconds, and the ratios wlmail / smtplib (target: at least 0.8).

    python bench/send_sink.py [--count 2000] [--repeat 3] [--profile FILE] [--compare DIR]

`--compare DIR` also times the wlmail of another checkout (e.g. `/work/main`, run with
PYTHONPATH=DIR), for before/after ratios in the same run.

`--profile FILE` also runs wlmail once under cProfile and writes the statistics to FILE
(read them with `python -m pstats FILE`).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bulk import HERE, PY, env_with, free_port, timed

SMTP_SINK = "/usr/sbin/smtp-sink"


@contextlib.contextmanager
def smtp_sink() -> Iterator[int]:
    """Postfix's smtp-sink on a loopback port; yields the port."""
    if not os.path.exists(SMTP_SINK):
        raise SystemExit(f"{SMTP_SINK} not found: install Debian's postfix "
                         f"(tools/bootstrap.py does it)")
    port = free_port()
    cmd = [SMTP_SINK, "-c"]
    if os.geteuid() == 0:
        # smtp-sink refuses to run as root without a user to switch to.
        try:
            pwd.getpwnam("postfix")
            cmd += ["-u", "postfix"]
        except KeyError:
            cmd += ["-u", "nobody"]
    # -c counts, 1000: the listen backlog; everything else accepted at once.
    cmd += [f"127.0.0.1:{port}", "1000"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            # Not listening yet: try again until the deadline below.
            with contextlib.suppress(OSError), \
                    socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(100).startswith(b"220"):
                    s.sendall(b"QUIT\r\n")
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise SystemExit(f"smtp-sink did not start: {err.strip()}")
            time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


# -- the reference script (this file, run with --baseline) -------------------------------
def baseline(port: int, count: int) -> None:
    """What a Python developer writes: EmailMessage + smtplib on one connection."""
    import smtplib
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for i in range(1, count + 1):
            msg = EmailMessage()
            msg["From"] = "Bench Sender <bench@example.com>"
            msg["To"] = f"rcpt{i}@example.org"
            msg["Subject"] = f"Benchmark message {i}"
            msg["Date"] = formatdate(localtime=True)
            msg["Message-ID"] = make_msgid(domain="example.com")
            msg.set_content(f"Hello,\nthis is benchmark message number {i}.\n")
            smtp.send_message(msg)
    print(f"sent {count} of {count}")


def baseline_raw(port: int, count: int) -> None:
    """The floor of a Python client: the message text written by hand, smtplib.sendmail
    (no email package, no header checks, no encoding)."""
    import smtplib
    from email.utils import formatdate, make_msgid

    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for i in range(1, count + 1):
            text = (f"From: Bench Sender <bench@example.com>\r\nTo: rcpt{i}@example.org\r\n"
                    f"Subject: Benchmark message {i}\r\nDate: {formatdate(localtime=True)}\r\n"
                    f"Message-ID: {make_msgid(domain='example.com')}\r\n"
                    f'Content-Type: text/plain; charset="utf-8"\r\n'
                    f"Content-Transfer-Encoding: 7bit\r\nMIME-Version: 1.0\r\n\r\n"
                    f"Hello,\r\nthis is benchmark message number {i}.\r\n")
            smtp.sendmail("bench@example.com", [f"rcpt{i}@example.org"], text)
    print(f"sent {count} of {count}")


def baseline_aiosmtplib(port: int, count: int) -> None:
    """The floor of aiosmtplib, which wlmail runs on: the same hand-written text, one
    SMTP.sendmail per message, on one event loop."""
    import asyncio
    from email.utils import formatdate, make_msgid

    import aiosmtplib

    async def main() -> None:
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False, timeout=30)
        await smtp.connect()
        for i in range(1, count + 1):
            text = (f"From: Bench Sender <bench@example.com>\r\nTo: rcpt{i}@example.org\r\n"
                    f"Subject: Benchmark message {i}\r\nDate: {formatdate(localtime=True)}\r\n"
                    f"Message-ID: {make_msgid(domain='example.com')}\r\n"
                    f'Content-Type: text/plain; charset="utf-8"\r\n'
                    f"Content-Transfer-Encoding: 7bit\r\nMIME-Version: 1.0\r\n\r\n"
                    f"Hello,\r\nthis is benchmark message number {i}.\r\n")
            await smtp.sendmail("bench@example.com", [f"rcpt{i}@example.org"], text)
        await smtp.quit()

    asyncio.run(main())
    print(f"sent {count} of {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", metavar="FILE")
    parser.add_argument("--compare", metavar="DIR")
    parser.add_argument("--baseline", nargs=2, type=int, metavar=("PORT", "COUNT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--baseline-raw", nargs=2, type=int, metavar=("PORT", "COUNT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--baseline-aiosmtplib", nargs=2, type=int, metavar=("PORT", "COUNT"),
                        help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.baseline:
        baseline(*ns.baseline)
        return
    if ns.baseline_raw:
        baseline_raw(*ns.baseline_raw)
        return
    if ns.baseline_aiosmtplib:
        baseline_aiosmtplib(*ns.baseline_aiosmtplib)
        return
    with smtp_sink() as port:
        env = env_with(WLMAIL_BENCH_PORT=str(port), WLMAIL_BENCH_COUNT=str(ns.count))
        wl = [PY, "-m", "wlmail", "run", str(HERE / "bulk.wl")]
        commands = {
            "wlmail": wl,
            "smtplib script": [PY, str(Path(__file__).resolve()), "--baseline",
                               str(port), str(ns.count)],
            "smtplib raw": [PY, str(Path(__file__).resolve()), "--baseline-raw",
                            str(port), str(ns.count)],
            "aiosmtplib raw": [PY, str(Path(__file__).resolve()), "--baseline-aiosmtplib",
                               str(port), str(ns.count)],
        }
        envs = {name: env for name in commands}
        if ns.compare:
            commands["wlmail (compared)"] = wl
            envs["wlmail (compared)"] = dict(env, PYTHONPATH=str(Path(ns.compare).resolve()))
        best: dict[str, float] = {}
        best_cpu: dict[str, float] = {}
        for r in range(ns.repeat):
            for name, cmd in commands.items():
                seconds, _, out, cpu = timed(cmd, envs[name])
                if f"sent {ns.count} of {ns.count}" not in out:
                    raise SystemExit(f"{name} did not send everything: {out.strip()!r}")
                # CPU time too: on a busy machine it is steadier than wall time.
                print(f"run {r + 1} {name:>15}: {seconds:6.2f} s  {ns.count / seconds:7.0f} "
                      f"msg/s  (client CPU {cpu:5.2f} s)")
                best[name] = min(best.get(name, seconds), seconds)
                best_cpu[name] = min(best_cpu.get(name, cpu), cpu)
        if ns.profile:
            with tempfile.TemporaryDirectory() as d:
                raw = Path(d) / "wlmail.prof"
                timed([PY, "-m", "cProfile", "-o", str(raw), *wl[1:]], env)
                shutil.copy(raw, ns.profile)
            print(f"cProfile statistics of one wlmail run: {ns.profile}")
    w = ns.count / best["wlmail"]
    for name in ("smtplib script", "smtplib raw", "aiosmtplib raw", "wlmail (compared)"):
        if name not in best:
            continue
        p = ns.count / best[name]
        ratio = w / p
        cpu_ratio = best_cpu[name] / best_cpu["wlmail"]
        target = f" (target >= 0.8x: {'met' if ratio >= 0.8 else 'MISSED'})" \
            if name == "smtplib script" else ""
        print(f"best of {ns.repeat}: wlmail {w:.0f} msg/s, {name} {p:.0f} msg/s, ratio "
              f"{ratio:.2f}x{target}; CPU ratio {cpu_ratio:.2f}x")


if __name__ == "__main__":
    main()
