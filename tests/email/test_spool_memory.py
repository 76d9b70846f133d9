"""An asynchronous message is stored and delivered in chunks (docs/spool.md): the peak
memory of a `wlmail run` that spools and sends a message with a large attachment grows
by much less than the message's size, and the server receives exactly the bytes the
spool stored. Memory is the child process's peak resident size (ru_maxrss), compared
with the same script sending a tiny attachment; no timing is measured."""
from __future__ import annotations

import base64
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

WL = Path(__file__).parent / "wl" / "spool_large.wl"

# Runs wlmail in this child and prints its own peak resident size (KiB on Linux) once
# the run, including the end-of-run wait for the spool's delivery, is over.
_CHILD = """
import resource, sys
from wlmail.cli import main
status = main(sys.argv[1:])
print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(status)
"""


def _peak_kib(srv: Any, attachment: Path, spool: Path, tmp: Path) -> tuple[int, str]:
    env = dict(os.environ, SMTP_HOST=srv.host, SMTP_PORT=str(srv.port),
               ATTACHMENT=str(attachment), XDG_STATE_HOME=str(tmp / "state"),
               XDG_CACHE_HOME=str(tmp / "cache"))
    proc = subprocess.run([sys.executable, "-c", _CHILD, "run", str(WL), "--spool", str(spool)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    peaks = [int(line.split()[1]) for line in proc.stderr.splitlines()
             if line.startswith("maxrss ")]
    assert len(peaks) == 1, proc.stderr
    return peaks[0], proc.stdout


def _stored(spool: Path) -> bytes:
    db = sqlite3.connect(spool / "spool.sqlite3")
    try:
        rows = db.execute("SELECT id, state FROM messages").fetchall()
        assert [r[1] for r in rows] == ["sent"]
        parts = db.execute("SELECT chunk FROM parts WHERE message = ? ORDER BY seq",
                           (rows[0][0],)).fetchall()
    finally:
        db.close()
    assert len(parts) > 1           # stored in chunks
    return b"".join(p[0] for p in parts)


def test_a_large_spooled_message_is_stored_and_sent_in_chunks(smtp_server, tmp_path):
    srv = smtp_server(data_size_limit=128 << 20)
    small = tmp_path / "small.bin"
    small.write_bytes(os.urandom(1000))
    big = tmp_path / "big.bin"
    with open(big, "wb") as f:
        for _ in range(32):             # 32 MiB: about 43 MiB once encoded
            f.write(os.urandom(1 << 20))

    small_peak, out = _peak_kib(srv, small, tmp_path / "spool-small", tmp_path)
    assert out == "stored as 1\n"
    big_peak, out = _peak_kib(srv, big, tmp_path / "spool-big", tmp_path)
    assert out == "stored as 1\n"

    assert len(srv.messages) == 2
    received = srv.messages[1]
    stored = _stored(tmp_path / "spool-big")
    # What the server received is what was stored, once the transparency dots are gone.
    assert received.data == re.sub(rb"(?m)^\.\.", b".", stored)
    parts = [p for p in received.message.iter_attachments()]
    assert len(parts) == 1
    assert base64.b64decode(parts[0].get_payload()) == big.read_bytes()

    # Held whole, the message alone would add at least its size (it used to add about
    # twice that); streamed, the growth is the chunks under way and SQLite's page cache.
    grown = (big_peak - small_peak) * 1024
    assert grown < len(stored) // 3, (
        f"peak memory grew by {grown / 2**20:.1f} MiB for a {len(stored) / 2**20:.1f} MiB "
        f"message (small run {small_peak / 1024:.1f} MiB, large {big_peak / 1024:.1f} MiB)")
