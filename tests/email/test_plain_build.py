"""The plain path of the message builder writes the very bytes the email package writes.

message.build writes simple messages (one ASCII part, short ASCII headers) itself, for
speed (bench/send_sink.py); every other message goes through the email package. Each
case here is built both ways, with the same clock, and must give the same bytes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mails import simple_mail
from wlmail.email import message as msgmod
from wlmail.runtime.values import T_STRING, WLArray

_CLOCK = datetime(2026, 3, 1, 9, 30, 5, tzinfo=timezone(timedelta(hours=1)))


def _both(mail, monkeypatch):
    monkeypatch.setattr(msgmod, "_now", lambda: _CLOCK)
    mail.message_id = "<fixed.1@example.com>"
    monkeypatch.setattr(msgmod, "FAST_PATH", True)
    fast = msgmod.build(mail, "", str)
    monkeypatch.setattr(msgmod, "FAST_PATH", False)
    slow = msgmod.build(mail, "", str)
    return fast, slow


def _plain_path_taken(mail, monkeypatch) -> bool:
    called = []
    real = msgmod._plain_flat

    def spy(*args):
        got = real(*args)
        called.append(got is not None)
        return got
    monkeypatch.setattr(msgmod, "_plain_flat", spy)
    monkeypatch.setattr(msgmod, "_now", lambda: _CLOCK)
    msgmod.build(mail, "", str)
    return called == [True]


def _case(name):
    m = simple_mail()
    if name == "bench":
        m.sender = "Bench Sender <bench@example.com>"
        m.set_recipient("rcpt1@example.org")
        m.subject = "Benchmark message 1"
        m.message = "Hello,\r\nthis is benchmark message number 1.\r\n"
    elif name == "several recipients":
        m.set_recipient(WLArray(T_STRING, ["a@example.org", "B <b@example.org>"]))
        m.set_cc("c@example.org; d@example.net")
        m.set_bcc("hidden@example.org")
    elif name == "long recipient list":
        m.set_recipient(WLArray(T_STRING, [f"person{i}@example.org" for i in range(12)]))
    elif name == "quoted name":
        m.sender = '"Doe, John" <john@example.com>'
    elif name == "name with a dot":
        m.sender = "J. Smith <j@example.com>"
    elif name == "accented name":
        m.sender = "Zoé <zoe@example.com>"
    elif name == "accented subject":
        m.subject = "Réunion"
    elif name == "long subject":
        m.subject = "word " * 30
    elif name == "double spaces":
        m.subject = "two  spaces  here"
    elif name == "edge spaces":
        m.subject = " padded "
    elif name == "empty subject":
        m.subject = ""
    elif name == "encoded word look-alike":
        m.subject = "=?utf-8?q?hi?="
    elif name == "empty body":
        m.message = ""
    elif name == "accented body":
        m.message = "Café"
    elif name == "long body line":
        m.message = "x" * 1200
    elif name == "dots and bare newlines":
        m.message = ".\n..leading dots\rand\nmixed\r\nendings"
    elif name == "control in body":
        m.message = "bell \x07"
    elif name == "html only":
        m.message = ""
        m.html = "<p>Hi</p>"
    elif name == "priority and receipt":
        m.priority = 1
        m.confirmation = True
    elif name == "extra headers":
        m.set_header(WLArray(T_STRING, ["X-Mailer: wlmail", "List-Id: <list.example.org>"]))
    elif name == "structured extra header":
        m.set_header("Resent-From: Someone <s@example.org>")
    elif name == "reply-to":
        m.reply_to = "Help Desk <help@example.org>"
    elif name == "sender address":
        m.sender_address = "bounces@example.com"
    elif name == "idn domain":
        m.set_recipient("bob@exämple.org")
    elif name == "apostrophe":
        m.set_recipient("Bob O'Neil <o'neil@example.org>")
    elif name == "localhost":
        m.set_recipient("bob@localhost")
    elif name == "address literal":
        m.set_recipient("bob@[127.0.0.1]")
    return m


CASES = ["bench", "several recipients", "long recipient list", "quoted name", "name with a dot",
         "accented name", "accented subject", "long subject", "double spaces", "edge spaces",
         "empty subject", "encoded word look-alike", "empty body", "accented body",
         "long body line", "dots and bare newlines", "control in body", "html only",
         "priority and receipt", "extra headers", "structured extra header", "reply-to",
         "sender address", "idn domain", "apostrophe", "localhost", "address literal"]


@pytest.mark.parametrize("name", CASES)
def test_same_bytes_both_ways(name, monkeypatch):
    fast, slow = _both(_case(name), monkeypatch)
    assert fast.segments == slow.segments
    assert (fast.envelope_from, fast.recipients, fast.message_id) == \
        (slow.envelope_from, slow.recipients, slow.message_id)


@pytest.mark.parametrize("name", ["bench", "several recipients", "html only", "extra headers",
                                  "priority and receipt", "dots and bare newlines"])
def test_simple_messages_take_the_plain_path(name, monkeypatch):
    # Otherwise the comparison above would compare the email package with itself.
    assert _plain_path_taken(_case(name), monkeypatch)


@pytest.mark.parametrize("name", ["accented name", "long subject", "quoted name",
                                  "encoded word look-alike", "structured extra header",
                                  "long body line"])
def test_other_messages_go_through_the_email_package(name, monkeypatch):
    assert not _plain_path_taken(_case(name), monkeypatch)


@pytest.mark.parametrize("entry", [
    "bob@example.org", "  bob@example.org ", "Bob Smith <bob@example.org>",
    "Bob O'Neil <o'neil@example.org>", "first.last+tag@mail.example.co.uk",
    "bob@example.org; carl@example.net", '"Smith, Bob" <bob@example.org>',
    "Bob  Smith <bob@example.org>", "J. Smith <j@example.org>", "bob@localhost",
    "Zoé <zoe@example.fr>", "bob@exämple.org", "<bob@example.org>", "bob@[127.0.0.1]",
])
def test_plain_addresses_parse_as_getaddresses_does(entry, monkeypatch):
    got = msgmod._parse_entry.__wrapped__(entry, "Recipient")
    monkeypatch.setattr(msgmod, "_PLAIN_ENTRY", msgmod.re.compile(r"(?!)"))
    want = msgmod._parse_entry.__wrapped__(entry, "Recipient")
    assert [(a.display_name, a.addr_spec) for a in got] == \
        [(a.display_name, a.addr_spec) for a in want]


def test_the_common_forms_skip_the_address_parser():
    # Otherwise the comparison above would compare getaddresses with itself.
    for entry in ("bob@example.org", "Bench Sender <bench@example.com>"):
        assert msgmod._PLAIN_ENTRY.match(entry)
    for entry in ('"Smith, Bob" <bob@example.org>', "a@example.org; b@example.org"):
        assert not msgmod._PLAIN_ENTRY.match(entry)
