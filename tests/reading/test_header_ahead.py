"""EmailReadNextHeader over IMAP reads the next headers ahead in one FETCH
(wlmail/reading/commands.py, header_ahead): what a script reads must stay what the folder
holds — a status changed, a folder changed, a message deleted or moved — and every message
of a folder larger than one batch is read once, in order, both ways."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from dovecot_server import PASSWORD, USER
from wlmail.domains import load_all
from wlmail.email import functions as EF
from wlmail.email.types import Email
from wlmail.reading import commands
from wlmail.reading import folders as RFo
from wlmail.reading import messages as RM
from wlmail.reading.types import EmailIMAPSession
from wlmail.runtime.context import Context, RunOptions

load_all()


def _message(n: int) -> bytes:
    return (f"From: shop{n}@example.com\r\nTo: {USER}@example.org\r\nSubject: Message {n}\r\n"
            f"Message-ID: <ahead-{n}@example.com>\r\n\r\nOrder {n}.\r\n").encode()


def _start(tmp_path: Path, dovecot: Any, count: int) -> tuple[Any, Any]:
    dovecot.clear()
    for n in range(1, count + 1):
        dovecot.deliver(_message(n))
    rt = Context(tmp_path / "script.wl", RunOptions(), stdout=io.StringIO(),
                 stderr=io.StringIO())
    s = EmailIMAPSession()
    s.server_address, s.port, s.name, s.password = dovecot.host, dovecot.imap_port, USER, \
        PASSWORD
    assert EF.email_start_session(rt, s), rt.error.message
    return rt, s


def _header(where: str) -> Any:
    # EmailReadFirstHeader / Next / Last / Previous, as the registry declares them.
    def read(rt: Any, s: Any, m: Any) -> bool:
        return RM.read_at(rt, f"EmailRead{where.title()}Header", s, m, where, header=True)
    return read


_FIRST, _NEXT, _LAST, _PREVIOUS = (_header(w) for w in ("first", "next", "last", "previous"))


def _read_all(rt: Any, s: Any, forward: bool) -> list[str]:
    first, nxt = (_FIRST, _NEXT) if forward else (_LAST, _PREVIOUS)
    got = []
    m = Email()
    ok = first(rt, s, m)
    while ok:
        got.append(m.subject)
        ok = nxt(rt, s, m)
    assert m.out and not rt.error.occurred, rt.error.message
    return got


def test_a_folder_larger_than_a_batch_is_read_once_in_order_both_ways(tmp_path, dovecot):
    count = commands.HEADER_AHEAD * 2 + 7
    rt, s = _start(tmp_path, dovecot, count)
    subjects = [f"Message {n}" for n in range(1, count + 1)]
    assert _read_all(rt, s, forward=True) == subjects
    assert _read_all(rt, s, forward=False) == subjects[::-1]
    EF.email_close_session(rt, s)
    rt.close()


def test_a_status_changed_after_the_batch_is_read_as_it_is_now(tmp_path, dovecot):
    rt, s = _start(tmp_path, dovecot, 5)
    first = Email()
    assert _FIRST(rt, s, first)   # the four others are read ahead
    assert first.status == RM.STATUS_NOT_READ
    third = Email()
    third.uid = s._box.ids[2]
    assert RM.email_change_status(rt, s, third, RM.STATUS_READ), rt.error.message
    m = Email()
    assert _NEXT(rt, s, m) and m.status == RM.STATUS_NOT_READ
    assert _NEXT(rt, s, m) and m.subject == "Message 3"
    assert m.status == RM.STATUS_READ
    EF.email_close_session(rt, s)
    rt.close()


def test_another_folder_is_never_read_from_the_batch_of_the_first(tmp_path, dovecot):
    rt, s = _start(tmp_path, dovecot, 5)
    RFo.email_create_folder(rt, s, "Ahead")
    m = Email()
    # Read from the end: the headers of UIDs 1 to 4 are then held in memory.
    assert _LAST(rt, s, m) and m.subject == "Message 5"
    # Message 5 moved: it becomes UID 1 of Ahead, a UID the batch holds for INBOX.
    assert RFo.email_move_message(rt, s, "Ahead"), rt.error.message
    assert _PREVIOUS(rt, s, m) and m.subject == "Message 4"
    assert _PREVIOUS(rt, s, m) and m.subject == "Message 3"
    assert RFo.email_change_folder(rt, s, "Ahead"), rt.error.message
    assert s._box.ids == ["1"]
    assert _FIRST(rt, s, m) and m.subject == "Message 5"
    assert not _NEXT(rt, s, m) and m.out
    assert RFo.email_change_folder(rt, s, "INBOX")
    assert _read_all(rt, s, forward=True) == [f"Message {n}" for n in range(1, 5)]
    RFo.email_delete_folder(rt, s, "Ahead")
    EF.email_close_session(rt, s)
    rt.close()


def test_a_message_deleted_after_the_batch_is_skipped(tmp_path, dovecot):
    rt, s = _start(tmp_path, dovecot, 4)
    m = Email()
    assert _FIRST(rt, s, m)
    assert _NEXT(rt, s, m) and m.subject == "Message 2"
    from wlmail.reading import functions as RF
    assert RF.email_delete_message(rt, s), rt.error.message
    assert _read_all(rt, s, forward=True) == ["Message 1", "Message 3", "Message 4"]
    assert dovecot.count() == 3
    EF.email_close_session(rt, s)
    rt.close()
