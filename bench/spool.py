"""The spool's two speed targets (docs/spool.md), against Postfix's smtp-sink with 20 ms
of latency on every reply (bench/latency_relay.py: smtp-sink's own -w/-W delays take
whole seconds only).

1. Delivery: `wlmail spool flush` of COUNT spooled messages (default 2,000) over the
   pool of connections, against the same COUNT sent by a synchronous script on one
   connection. Target: at least 3x.
2. The script: COUNT asynchronous EmailSendMessage calls (each durable in SQLite before
   it returns) until the last one returned, against the synchronous script's whole run.
   Target: at least 3x sooner.

Each side is a process of its own, timed from its start (interpreter start-up included);
one run of each, in this order, ratios printed from that run.

    python bench/spool.py [--count 2000] [--latency 0.020] [--connections 4]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
SINK = "/usr/sbin/smtp-sink"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"nothing answers on 127.0.0.1:{port}") from None
            time.sleep(0.05)


@contextlib.contextmanager
def slow_sink(latency: float) -> Iterator[int]:
    """smtp-sink on loopback behind the latency relay; yields the relay's port."""
    if not os.path.exists(SINK):
        raise SystemExit(f"{SINK} not found: install Debian's postfix package")
    sink_port, relay_port = free_port(), free_port()
    user = ["-u", "nobody"] if os.geteuid() == 0 else []
    sink = subprocess.Popen([SINK, *user, f"127.0.0.1:{sink_port}", "1024"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    relay = subprocess.Popen([PY, str(HERE / "latency_relay.py"), str(relay_port),
                              str(sink_port), str(latency)], stdout=subprocess.PIPE, text=True)
    try:
        _wait_port(sink_port)
        assert relay.stdout is not None
        relay.stdout.readline()
        _wait_port(relay_port)
        yield relay_port
    finally:
        for p in (relay, sink):
            p.terminate()
            p.wait(10)


def _env(port: int, count: int, asynchronous: bool, state: Path) -> dict[str, str]:
    # Measure what a user's machine does: Python keeps compiled bytecode (.pyc).  Some
    # sandboxes set PYTHONDONTWRITEBYTECODE, which makes each side recompile wlmail at start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(WLMAIL_BENCH_PORT=str(port), WLMAIL_BENCH_COUNT=str(count),
               WLMAIL_BENCH_ASYNC="1" if asynchronous else "0", XDG_STATE_HOME=str(state),
               XDG_CACHE_HOME=str(state / "cache"))
    return env


def synchronous_run(port: int, count: int, state: Path) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([PY, "-m", "wlmail", "run", str(HERE / "spool.wl")],
                          env=_env(port, count, False, state), capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0 or f"returned {count} of {count}" not in done.stdout:
        raise SystemExit(f"the synchronous script failed: {done.stdout}{done.stderr}")
    return elapsed


def asynchronous_calls(port: int, count: int, state: Path, spool: Path) -> float:
    """From the process's start to the line the script prints after its last call."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "wlmail", "run", "--spool", str(spool), "--spool-wait",
                             "0", str(HERE / "spool.wl")], env=_env(port, count, True, state),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.startswith("returned"):
            elapsed = time.perf_counter() - t0
            if line.strip() != f"returned {count} of {count}":
                raise SystemExit(f"the asynchronous script failed: {line}")
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    if elapsed is None:
        raise SystemExit(f"the asynchronous script failed: {err}")
    return elapsed


def fill_spool(spool: Path, port: int, count: int) -> None:
    """COUNT messages built as the script builds them, stored as EmailSendMessage does."""
    sys.path.insert(0, str(ROOT))
    from wlmail.domains import load_all
    load_all()
    from wlmail.email import message as msgmod
    from wlmail.email.delivery import account_key, settings_record
    from wlmail.email.spool import Spool
    from wlmail.email.transport import Settings
    from wlmail.email.types import Email
    settings = Settings(host="127.0.0.1", port=port, option=0)
    s = Spool(spool)
    for i in range(1, count + 1):
        m = Email()
        m.sender = "Bench Sender <bench@example.com>"
        m.set_recipient(f"rcpt{i}@example.org")
        m.subject = f"Benchmark message {i}"
        m.message = f"Hello,\r\nthis is benchmark message number {i}.\r\n"
        out = msgmod.build(m, "", Path)
        s.add(run="bench", account=account_key(settings),
              settings=settings_record(settings, captured=False),
              envelope_from=out.envelope_from, recipients=out.recipients,
              data=b"".join(out.chunks()), message_id=out.message_id, subject=m.subject)
    s.close()


def flush(spool: Path, count: int, connections: int, state: Path) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([PY, "-m", "wlmail", "spool", "flush", "--spool", str(spool),
                           "--spool-connections", str(connections)],
                          env=_env(0, count, True, state), capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0 or f"sent {count}," not in done.stdout:
        raise SystemExit(f"the flush failed: {done.stdout}{done.stderr}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--latency", type=float, default=0.020)
    ap.add_argument("--connections", type=int, default=4)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wlmail-bench-spool-"))
    try:
        with slow_sink(args.latency) as port:
            sync = synchronous_run(port, args.count, work / "state-sync")
            calls = asynchronous_calls(port, args.count, work / "state-async", work / "spool-a")
            fill_spool(work / "spool-b", port, args.count)
            delivery = flush(work / "spool-b", args.count, args.connections, work / "state-f")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = args.count
    print(f"{n} messages, {args.latency * 1000:g} ms per reply (smtp-sink behind "
          f"bench/latency_relay.py), {args.connections} connections for the spool")
    print(f"synchronous script, one connection:   {sync:7.2f} s  ({n / sync:6.1f} msg/s)")
    print(f"spool flush, pool of connections:     {delivery:7.2f} s  ({n / delivery:6.1f} msg/s)")
    print(f"asynchronous calls until the last returned: {calls:7.2f} s")
    print(f"ratio delivery: spool / synchronous = {sync / delivery:.2f}x (target >= 3)")
    print(f"ratio script:   synchronous run / asynchronous calls = {sync / calls:.2f}x "
          f"(target >= 3)")


if __name__ == "__main__":
    main()
