"""Nothing lost, nothing doubled (docs/spool.md), against the private Postfix of
tests/postfix_server.py, counting what its Maildir received: wlmail killed with SIGKILL
while it spools and sends, a flush killed between the server's 250 and the store's
update (the one window where a message can go out twice), and two flushes of one spool
at the same time."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from wlmail.email.spool import Spool

SCRIPT = """\
s is emailSMTPSession
s.ServerAddress = "{host}"
s.Port = {port}
s.Asynchronous = True
IF NOT EmailStartSession(s) THEN
  Trace("start failed: " + ErrorInfo())
  RETURN
END
FOR i = 1 TO {count}
  m is Email
  m.Sender = "ann@example.com"
  m.Recipient = "bob@example.org"
  m.Subject = "{tag} " + i
  m.Message = "message " + i
  IF EmailSendMessage(s, m) THEN
    Trace("ok " + m.ID + " " + m.MessageID)
  ELSE
    Trace("refused: " + ErrorInfo())
  END
END
"""


def _wlmail(*args: str, **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "wlmail", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def _flush(spool: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wlmail", "spool", "flush", "--spool",
                           str(spool), *extra], capture_output=True, text=True, timeout=300)


def _received(postfix: Any, tag: str, at_least: int) -> Counter[str]:
    """Message-IDs delivered to the Maildir for this test's tag, with how many times."""
    deadline = time.monotonic() + 20
    while True:
        got = [m for m in postfix.messages() if str(m["Subject"] or "").startswith(tag)]
        if len(got) >= at_least or time.monotonic() > deadline:
            return Counter(str(m["Message-ID"]).strip() for m in got)
        time.sleep(0.1)


def _pending(spool: Path) -> list[int]:
    db = sqlite3.connect(spool / "spool.sqlite3")
    try:
        return [r[0] for r in db.execute("SELECT id FROM messages WHERE state = 'pending'")]
    finally:
        db.close()


def test_sigkill_while_spooling_and_sending_loses_no_accepted_message(postfix, tmp_path):
    tag = "kill-run"
    spool = tmp_path / "spool"
    script = tmp_path / "send.wl"
    script.write_text(SCRIPT.format(host=postfix.host, port=postfix.port, count=40, tag=tag))
    accepted: set[str] = set()
    kills = 0
    # Killed at different moments: during the first messages, in the middle, near the end.
    for lines_before_kill in (1, 7, 25):
        proc = _wlmail("run", "--spool", str(spool), str(script))
        assert proc.stdout is not None
        seen = 0
        for line in proc.stdout:
            if line.startswith("ok "):
                accepted.add(line.split()[2])
                seen += 1
            if seen >= lines_before_kill:
                break
        proc.send_signal(signal.SIGKILL)
        # What the script printed before the kill is all accepted too.
        rest = proc.communicate()[0]
        accepted.update(ln.split()[2] for ln in rest.splitlines() if ln.startswith("ok "))
        assert proc.returncode == -signal.SIGKILL
        kills += 1
    assert len(accepted) >= 33
    done = _flush(spool)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _pending(spool) == []
    got = _received(postfix, tag, len(accepted))
    missing = accepted - set(got)
    assert not missing, f"accepted but never delivered: {sorted(missing)}"
    # A message can be doubled only by a kill between the server's 250 and the store's
    # update: at most one per connection under way at each kill.
    doubled = sum(n - 1 for n in got.values())
    assert doubled <= kills * 4, got


def test_a_kill_between_the_servers_answer_and_the_update_can_only_double_that_message(postfix, tmp_path):
    tag = "kill-window"
    spool_dir = tmp_path / "spool"
    spool = Spool(spool_dir)
    ids = {}
    for i in range(20):
        mid = make_msgid(domain="example.com")
        data = (f"From: ann@example.com\r\nTo: bob@example.org\r\nSubject: {tag} {i}\r\n"
                f"Message-ID: {mid}\r\n\r\nbody {i}\r\n").encode()
        ident = spool.add(run="test", account=f"@{postfix.host}:{postfix.port}/0",
                          settings={"host": postfix.host, "port": postfix.port, "option": 0,
                                    "name": "", "timeout": 30.0},
                          envelope_from="ann@example.com", recipients=["bob@example.org"],
                          data=data, message_id=mid, subject=f"{tag} {i}")
        ids[ident] = mid
    spool.close()
    proc = _wlmail("spool", "flush", "--spool", str(spool_dir), "--spool-connections", "1")
    # Let a few go out, then hold SQLite's write lock: the next 250 cannot be recorded.
    _received(postfix, tag, 3)
    blocker = sqlite3.connect(spool_dir / "spool.sqlite3", isolation_level=None, timeout=30)
    blocker.execute("BEGIN IMMEDIATE")
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    blocker.execute("ROLLBACK")
    blocker.close()
    before = _received(postfix, tag, 3)
    still_pending = set(_pending(spool_dir))
    done = _flush(spool_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    got = _received(postfix, tag, 20)
    assert set(got) == set(ids.values())              # every message, nothing lost
    doubled = [mid for mid, n in got.items() if n > 1]
    assert len(doubled) <= 1                           # one connection: one message in the window
    for mid in doubled:
        ident = next(k for k, v in ids.items() if v == mid)
        # It had reached the Maildir before the kill and was still pending in the store.
        assert before[mid] == 1 and ident in still_pending


def test_two_flushes_of_one_spool_never_send_a_message_twice(postfix, tmp_path):
    tag = "two-flushes"
    spool_dir = tmp_path / "spool"
    spool = Spool(spool_dir)
    mids = []
    for i in range(60):
        mid = make_msgid(domain="example.com")
        data = (f"From: ann@example.com\r\nTo: bob@example.org\r\nSubject: {tag} {i}\r\n"
                f"Message-ID: {mid}\r\n\r\nbody {i}\r\n").encode()
        spool.add(run="test", account=f"@{postfix.host}:{postfix.port}/0",
                  settings={"host": postfix.host, "port": postfix.port, "option": 0,
                            "name": "", "timeout": 30.0},
                  envelope_from="ann@example.com", recipients=["bob@example.org"], data=data,
                  message_id=mid, subject=f"{tag} {i}")
        mids.append(mid)
    spool.close()
    env = dict(os.environ)
    a = _wlmail("spool", "flush", "--spool", str(spool_dir), "--spool-connections", "2", env=env)
    b = _wlmail("spool", "flush", "--spool", str(spool_dir), "--spool-connections", "2", env=env)
    out_a, err_a = a.communicate(timeout=300)
    out_b, err_b = b.communicate(timeout=300)
    assert a.returncode == 0 and b.returncode == 0, out_a + err_a + out_b + err_b
    got = _received(postfix, tag, 60)
    assert sorted(got) == sorted(mids)
    assert all(n == 1 for n in got.values()), got
    sent = [int(o.split()[1].rstrip(",")) for o in (out_a, out_b)]
    assert sum(sent) == 60
