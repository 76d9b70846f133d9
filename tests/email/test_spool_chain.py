"""The spool's messages chained on one connection (docs/spool.md, "Speed"): with a server
that offers PIPELINING the next message's MAIL FROM, RCPT TO and DATA follow a message's
final dot without waiting for its reply. Each message still gets its own outcome (sent,
refused with the server's words, deferred), a reply that never comes or a closed
connection after a dot never costs the next message, and nothing is sent twice. Against
the private Postfix (a refused recipient, a size limit) and the scripted FaultSMTP."""
from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from email.utils import make_msgid
from pathlib import Path

from postfix_server import REFUSED, SIZE_LIMIT
from smtp_fault_matrix import FaultSMTP, run_with_watchdog
from wlmail.email.spool import Spool


def _add(spool: Path, host: str, port: int, subject: str, recipients: list[str],
         body: str = "body", timeout: float = 30.0) -> int:
    mid = make_msgid(domain="example.com")
    data = (f"From: ann@example.com\r\nTo: {', '.join(recipients)}\r\nSubject: {subject}\r\n"
            f"Message-ID: {mid}\r\n\r\n{body}\r\n").encode()
    s = Spool(spool)
    try:
        return s.add(run="earlier", account=f"@{host}:{port}/0",
                     settings={"host": host, "port": port, "option": 0, "name": "",
                               "timeout": timeout},
                     envelope_from="ann@example.com", recipients=recipients, data=data,
                     message_id=mid, subject=subject)
    finally:
        s.close()


def _flush(spool: Path, *extra: str) -> tuple[int, str, str]:
    from wlmail.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["spool", "flush", "--spool", str(spool), "--spool-connections", "1",
                       *extra])
    return status, out.getvalue(), err.getvalue()


def _states(spool: Path) -> dict[int, tuple[str, str]]:
    db = sqlite3.connect(spool / "spool.sqlite3")
    try:
        return {r[0]: (r[1], r[2]) for r in
                db.execute("SELECT id, state, last_error FROM messages ORDER BY id")}
    finally:
        db.close()


def _refused(spool: Path, ident: int) -> dict[str, list[object]]:
    db = sqlite3.connect(spool / "spool.sqlite3")
    try:
        return dict(json.loads(db.execute("SELECT refused FROM messages WHERE id = ?",
                                          (ident,)).fetchone()[0]))
    finally:
        db.close()


def test_mixed_outcomes_on_one_chained_postfix_connection(postfix, tmp_path):
    spool = tmp_path / "spool"
    tag = "chain-mixed"
    host, port = postfix.host, postfix.port
    ok1 = _add(spool, host, port, f"{tag} ok1", ["bob@example.org"])
    nobody = _add(spool, host, port, f"{tag} nobody", [REFUSED])
    ok2 = _add(spool, host, port, f"{tag} ok2", ["bob@example.org"])
    big = _add(spool, host, port, f"{tag} big", ["bob@example.org"], "x" * (SIZE_LIMIT + 1000))
    part = _add(spool, host, port, f"{tag} part", ["carl@example.net", REFUSED])
    ok3 = _add(spool, host, port, f"{tag} ok3", ["bob@example.org"])
    status, out, err = run_with_watchdog(lambda: _flush(spool, "--trace-smtp"))
    assert status == 1, out + err        # something was refused
    # The partly refused one counts as sent (the others got it) and is `error` in the store.
    assert "sent 4, refused 2, still pending 0" in out, out + err
    states = _states(spool)
    assert [states[i][0] for i in (ok1, ok2, ok3)] == ["sent"] * 3
    assert states[nobody][0] == "error" and "550 5.1.1" in states[nobody][1]
    assert states[big][0] == "error" and "SIZE" in states[big][1]
    assert states[part][0] == "error" and REFUSED in states[part][1]
    # The refused recipients kept for `wlmail spool retry` (from the pipelined replies,
    # each matched with its RCPT TO).
    for ident in (nobody, part):
        kept = _refused(spool, ident)
        assert list(kept) == [REFUSED] and kept[REFUSED][0] == 550, kept
        assert "5.1.1" in str(kept[REFUSED][1]), kept
    got = [str(m["Subject"]) for m in postfix.messages(4)
           if str(m["Subject"] or "").startswith(tag)]
    assert sorted(got) == sorted(f"{tag} {n}" for n in ("ok1", "ok2", "part", "ok3"))
    # One connection, and chained: a final dot followed at once by the next MAIL FROM,
    # the dot's reply read after it.
    trace = [ln.split("] ", 1)[1] for ln in err.splitlines() if ln.startswith("[smtp ")]
    assert sum(ln.startswith("-- connecting") for ln in trace) == 1, trace
    chained = [i for i, ln in enumerate(trace[:-1])
               if ln == "C: ." and trace[i + 1].startswith("C: MAIL FROM")]
    assert len(chained) >= 2, trace


def test_a_refusal_of_each_final_dot_marks_each_message_with_the_servers_words(tmp_path):
    spool = tmp_path / "spool"
    with FaultSMTP("dot", "554", auth=False, pipelining=True) as srv:
        ids = [_add(spool, srv.host, srv.port, f"dot {i}", ["bob@example.org"])
               for i in range(3)]
        status, out, err = run_with_watchdog(lambda: _flush(spool))
    assert status == 1 and "sent 0, refused 3, still pending 0" in out, out + err
    states = _states(spool)
    assert all(states[i][0] == "error" and "554 4.0.0 fault injected at dot" in states[i][1]
               for i in ids), states
    # Each message once, all on one connection (a refusal does not end the session).
    assert len(srv.messages) == 3
    verbs = [c.split(b" ", 1)[0].split(b":")[0] for c in srv.commands]
    assert verbs.count(b"EHLO") == 1 and verbs.count(b"MAIL") == 3


def test_a_closed_connection_after_a_dot_defers_that_message_and_resends_no_other(tmp_path):
    # "close": the server hangs up after each final dot without answering. The message
    # may or may not have been delivered (deferred, tried again later); the next one's
    # commands went on the dead connection, but none of its data: it goes on a new one.
    spool = tmp_path / "spool"
    with FaultSMTP("dot", "close", auth=False, pipelining=True) as srv:
        ids = [_add(spool, srv.host, srv.port, f"close {i}", ["bob@example.org"])
               for i in range(3)]
        status, out, err = run_with_watchdog(lambda: _flush(spool))
    assert status == 1 and "sent 0, refused 0, still pending 3" in out, out + err
    states = _states(spool)
    assert all(states[i][0] == "pending" and "perhaps delivered" in states[i][1]
               for i in ids), states
    assert len(srv.messages) == 3         # each message's data went out once
    assert all(f"Subject: close {i}".encode() in srv.messages[i] for i in range(3))


def test_a_421_to_a_dot_defers_that_message_and_the_next_goes_on_a_new_connection(tmp_path):
    spool = tmp_path / "spool"
    with FaultSMTP("dot", "421", auth=False, pipelining=True) as srv:
        ids = [_add(spool, srv.host, srv.port, f"421 {i}", ["bob@example.org"])
               for i in range(2)]
        status, out, err = run_with_watchdog(lambda: _flush(spool))
    assert status == 1 and "still pending 2" in out, out + err
    states = _states(spool)
    assert all(states[i][0] == "pending" and "421" in states[i][1] for i in ids), states
    assert len(srv.messages) == 2
    verbs = [c.split(b" ", 1)[0].split(b":")[0] for c in srv.commands]
    assert verbs.count(b"EHLO") == 2


def test_a_dot_never_answered_times_out_and_the_next_message_is_not_lost(tmp_path):
    # (A time-out of 2 s, not less: a loaded machine must not time out at the greeting.)
    spool = tmp_path / "spool"
    with FaultSMTP("dot", "silence", auth=False, pipelining=True) as srv:
        first = _add(spool, srv.host, srv.port, "silent 0", ["bob@example.org"], timeout=2.0)
        second = _add(spool, srv.host, srv.port, "silent 1", ["bob@example.org"], timeout=2.0)
        status, out, err = run_with_watchdog(lambda: _flush(spool))
    assert status == 1 and "still pending 2" in out, out + err
    states = _states(spool)
    for ident in (first, second):
        assert states[ident][0] == "pending", states
        assert "may or may not have been delivered" in states[ident][1], states
    assert len(srv.messages) == 2

