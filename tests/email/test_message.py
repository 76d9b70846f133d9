"""What the server receives: MIME structure, encodings, headers, attachments."""
from __future__ import annotations

import os

import pytest

from mails import simple_mail
from wlmail.email import functions as F
from wlmail.email import message as msgmod
from wlmail.email.types import PRIORITY_HIGH, PRIORITY_LOW, EmailAttach, EmailStructure
from wlmail.runtime.errors import Err


def _send(run, srv, mail):
    r = run()
    s = r.session(srv)
    assert r.start(s), r.error
    ok = r.send(s, mail)
    return r, ok


def test_text_and_html_make_multipart_alternative(run, smtp_plain):
    m = simple_mail(message="Plain body", html="<p>HTML body</p>")
    r, ok = _send(run, smtp_plain, m)
    assert ok, r.error
    msg = smtp_plain.messages[0].message
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_payload()
    assert plain.get_content_type() == "text/plain" and plain.get_content().strip() == "Plain body"
    assert html.get_content_type() == "text/html" and "<p>HTML body</p>" in html.get_content()
    assert "MIME-Version" not in html


def test_html_only(run, smtp_plain):
    m = simple_mail(message="", html="<b>hi</b>")
    r, ok = _send(run, smtp_plain, m)
    assert ok
    assert smtp_plain.messages[0].message.get_content_type() == "text/html"


def test_utf8_subject_names_and_body(run, smtp_plain):
    m = simple_mail(sender="Zoé Lefèvre <zoe@example.com>", subject="Réunion — café ☕ à 10 h",
                    message="Prévu à 10 h.\r\nÀ bientôt !")
    m.set_recipient("Jürgen Groß <jurgen@example.org>")
    r, ok = _send(run, smtp_plain, m)
    assert ok, r.error
    got = smtp_plain.messages[0]
    raw_head = got.data.split(b"\r\n\r\n", 1)[0]
    assert all(b < 128 for b in got.data)          # 7-bit on the wire: no 8BITMIME needed
    assert b"=?utf-8?" in raw_head
    msg = got.message
    assert str(msg["Subject"]) == "Réunion — café ☕ à 10 h"
    assert msg["From"].addresses[0].display_name == "Zoé Lefèvre"
    assert msg["To"].addresses[0].display_name == "Jürgen Groß"
    assert msg.get_content().replace("\r\n", "\n") == "Prévu à 10 h.\nÀ bientôt !\n"


def test_bcc_never_in_headers_but_receives(run, smtp_plain):
    m = simple_mail()
    m.set_cc("carol@example.org")
    m.set_bcc("secret-boss@example.net")
    r, ok = _send(run, smtp_plain, m)
    assert ok
    got = smtp_plain.messages[0]
    assert "secret-boss@example.net" in got.rcpt_tos
    assert b"secret-boss" not in got.data and b"Bcc" not in got.data
    assert got.message["Cc"] == "carol@example.org"


def test_semicolon_separated_recipients(run, smtp_plain):
    m = simple_mail('a@example.org; "Doe; John" <j@example.org>, b@example.org')
    r, ok = _send(run, smtp_plain, m)
    assert ok, r.error
    assert smtp_plain.messages[0].rcpt_tos == ["a@example.org", "j@example.org", "b@example.org"]


def test_date_and_message_id_always_set_and_id_returned(run, smtp_plain):
    m = simple_mail()
    r, ok = _send(run, smtp_plain, m)
    msg = smtp_plain.messages[0].message
    assert msg["Date"] and msg["Message-ID"].endswith("@example.com>")
    assert m.message_id == msg["Message-ID"]


def test_reply_to_priority_confirmation_and_extra_headers(run, smtp_plain):
    m = simple_mail(reply_to="Support <support@example.com>", priority=PRIORITY_HIGH,
                    confirmation=True)
    m.set_header("X-Campaign: spring" + "\r\n" + "X-Mailer-Note: wlmail")
    r, ok = _send(run, smtp_plain, m)
    assert ok, r.error
    msg = smtp_plain.messages[0].message
    assert msg["Reply-To"] == "Support <support@example.com>"
    assert msg["X-Priority"].startswith("1") and msg["Importance"] == "high"
    assert msg["Disposition-Notification-To"] == "<ann@example.com>"
    assert msg["X-Campaign"] == "spring" and msg["X-Mailer-Note"] == "wlmail"


def test_low_priority_and_no_priority_headers_by_default(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    assert r.send(s, simple_mail(priority=PRIORITY_LOW))
    assert r.send(s, simple_mail())
    low, default = (x.message for x in smtp_plain.messages)
    assert low["X-Priority"].startswith("5") and low["Importance"] == "low"
    assert default["X-Priority"] is None


def test_sender_address_is_the_envelope(run, smtp_plain):
    m = simple_mail(sender_address="bounces@example.com")
    r, ok = _send(run, smtp_plain, m)
    got = smtp_plain.messages[0]
    assert got.mail_from == "bounces@example.com"
    assert got.message["From"] == "Ann <ann@example.com>"


def test_session_name_is_the_sender_when_sender_is_empty(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    s.name = "owner@example.com"
    s._auth_optional = True     # this server accepts any AUTH anyway
    assert r.start(s), r.error
    m = simple_mail(sender="")
    assert r.send(s, m), r.error
    assert smtp_plain.messages[0].mail_from == "owner@example.com"


@pytest.mark.parametrize("prop,value", [
    ("subject", "Hi\r\nBcc: victim@example.org"),
    ("subject", "Hi\nX-Injected: 1"),
    ("sender", "ann@example.com\r\nBcc: victim@example.org"),
    ("reply_to", "a@example.com\rX: y"),
])
def test_header_injection_is_refused_and_nothing_sent(run, smtp_plain, prop, value):
    m = simple_mail()
    setattr(m, prop, value)
    r, ok = _send(run, smtp_plain, m)
    assert ok is False
    assert r.code == Err.HEADER_INJECTION and "line break" in r.error
    assert smtp_plain.messages == []
    assert "MAIL" not in smtp_plain.connections[-1].commands


def test_injection_through_a_recipient_or_an_extra_header(run, smtp_plain):
    m = simple_mail("bob@example.org\r\nBcc: x@example.org")
    r, ok = _send(run, smtp_plain, m)
    assert ok is False and r.code == Err.HEADER_INJECTION
    m = simple_mail()
    m.header.items = ["X-A: 1\r\nBcc: x@example.org"]
    r, ok = _send(run, smtp_plain, m)
    assert ok is False and r.code == Err.HEADER_INJECTION


def test_extra_header_may_not_replace_managed_ones(run, smtp_plain):
    m = simple_mail()
    m.set_header("Bcc: someone@example.org")
    r, ok = _send(run, smtp_plain, m)
    assert ok is False and "set the property instead" in r.error


def test_attachments_byte_for_byte(run, smtp_plain, tmp_path):
    payload = os.urandom(300_001)           # not a multiple of 57: a short last line
    (tmp_path / "report.pdf").write_bytes(payload)
    (tmp_path / "données.csv").write_bytes(b"a;b\r\n1;2\r\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    m = simple_mail()
    assert F.email_load_attachment(r.rt, m, "report.pdf")                 # script-relative
    assert F.email_load_attachment(r.rt, m, str(tmp_path / "données.csv"))
    assert F.email_load_attachment(r.rt, m, "empty.txt", "nothing.txt")
    buf = EmailAttach()
    buf.name = "memo.bin"
    buf.content = b"\x00\x01\x02" * 1000
    buf.description = "raw bytes"
    m.attach.items.append(buf)
    assert r.send(s, m), r.error
    msg = smtp_plain.messages[0].message
    assert msg.get_content_type() == "multipart/mixed"
    parts = {p.get_filename(): p for p in msg.iter_attachments()}
    assert parts["report.pdf"].get_content() == payload
    assert parts["report.pdf"].get_content_type() == "application/pdf"
    assert parts["données.csv"].get_payload(decode=True) == b"a;b\r\n1;2\r\n"
    assert parts["données.csv"].get_content_type() == "text/csv"
    assert parts["nothing.txt"].get_payload(decode=True) == b""
    assert parts["memo.bin"].get_content() == b"\x00\x01\x02" * 1000
    assert parts["memo.bin"]["Content-Description"] == "raw bytes"
    # the size announced in MAIL FROM is the size really sent
    got = smtp_plain.messages[0]
    size = [o for o in got.mail_options if o.upper().startswith("SIZE=")][0]
    assert int(size.split("=")[1]) == len(got.data) + got.data.count(b"\r\n.")


def test_content_types_do_not_depend_on_the_machine(monkeypatch, tmp_path):
    from wlmail.email import mimetypes_table
    monkeypatch.setattr(mimetypes_table, "_fallback", None)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert mimetypes_table.guess("a.zip") == "application/zip"
    assert mimetypes_table.guess(r"C:\Docs\Devis.DOCX").endswith("wordprocessingml.document")
    assert mimetypes_table.guess("noext") == "application/octet-stream"
    assert mimetypes_table.guess("x.unknownext") == "application/octet-stream"
    import mimetypes
    fallback = mimetypes.MimeTypes(filenames=())
    assert mimetypes_table._fallback is not None
    assert mimetypes_table._fallback.types_map == fallback.types_map


def test_inline_images_by_identifier(run, smtp_plain, tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + os.urandom(500)
    (tmp_path / "logo.png").write_bytes(png)
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    m = simple_mail(message="text version", html='<img src="cid:logo1"> hello')
    assert F.email_load_attachment(r.rt, m, "logo.png", "", "logo1")
    assert r.send(s, m), r.error
    msg = smtp_plain.messages[0].message
    assert msg.get_content_type() == "multipart/alternative"
    related = msg.get_payload()[1]
    assert related.get_content_type() == "multipart/related"
    html, image = related.get_payload()
    assert html.get_content_type() == "text/html"
    assert image["Content-ID"] == "<logo1>" and image.get_content() == png
    assert image.get_content_disposition() == "inline"


def test_import_html_embeds_local_images(run, smtp_plain, tmp_path):
    img = tmp_path / "img"
    img.mkdir()
    (img / "a.gif").write_bytes(b"GIF89a-1")
    (img / "b.jpg").write_bytes(b"\xff\xd8\xff-2")
    html = ('<html><body><img src="img/a.gif"><img src=\'img/b.jpg\' alt=x>'
            '<img src="img/a.gif"><img src="https://example.com/remote.png">'
            '<img src="cid:already"></body></html>')
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    m = simple_mail(message="")
    assert F.email_import_html(r.rt, m, html)
    assert m.html.count("cid:img1.") == 2 and m.html.count("cid:img2.") == 1
    assert "https://example.com/remote.png" in m.html and 'src="cid:already"' in m.html
    assert r.send(s, m), r.error
    msg = smtp_plain.messages[0].message
    assert msg.get_content_type() == "multipart/related"
    images = msg.get_payload()[1:]
    assert sorted(p.get_content() for p in images) == sorted([b"GIF89a-1", b"\xff\xd8\xff-2"])


def test_import_html_missing_image_fails(run):
    r = run()
    m = simple_mail()
    assert F.email_import_html(r.rt, m, '<img src="nope.png">') is False
    assert r.code == Err.ATTACHMENT and '"nope.png"' in r.error
    assert m.html == ""


def test_missing_attachment_file(run, smtp_plain, tmp_path):
    r = run()
    m = simple_mail()
    assert F.email_load_attachment(r.rt, m, "absent.pdf") is False
    assert r.code == Err.FILE_NOT_FOUND
    # a structure path that vanished before sending
    s = r.session(smtp_plain)
    assert r.start(s)
    st = EmailStructure()
    st.set_recipient("bob@example.org")
    st.sender = "ann@example.com"
    st.attach.set(1, str(tmp_path / "gone.bin"))
    assert r.send(s, st) is False
    assert r.code == Err.ATTACHMENT and "gone.bin" in r.error


def test_build_source_and_send_it(run, smtp_plain, tmp_path):
    r = run()
    m = simple_mail(subject="Source test")
    m.set_bcc("hidden@example.net")
    assert F.email_build_source(r.rt, m)
    assert "Subject: Source test" in m.source and "hidden@" not in m.source
    assert m.message_id and m.message_id in m.source
    (tmp_path / "msg.eml").write_text(m.source.replace("\r\n", "\n"), encoding="ascii")
    s = r.session(smtp_plain)
    assert r.start(s)
    assert F.email_send(r.rt, s, "msg.eml"), r.error
    got = smtp_plain.messages[0]
    assert got.rcpt_tos == ["bob@example.org"]
    assert got.message["Subject"] == "Source test"


def test_email_send_takes_bcc_out_of_a_source(run, smtp_plain):
    source = ("From: ann@example.com\r\nTo: bob@example.org\r\nBcc: boss@example.org,\r\n"
              " other@example.org\r\nSubject: raw\r\n\r\n.hidden dot\r\nbody\r\n")
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    assert F.email_send(r.rt, s, source), r.error
    got = smtp_plain.messages[0]
    assert got.rcpt_tos == ["bob@example.org", "boss@example.org", "other@example.org"]
    assert b"boss" not in got.data and b"other@" not in got.data
    assert b"\r\n.hidden dot\r\n" in got.data


def test_outgoing_size_matches_the_streamed_bytes(tmp_path):
    for n in (0, 1, 56, 57, 58, 57 * 1150, 57 * 1150 + 1, 200_003):
        data = os.urandom(n)
        src = msgmod.B64Source(None, data, n)
        assert src.encoded_size() == sum(len(c) for c in src.chunks()), n
        (tmp_path / "f").write_bytes(data)
        fsrc = msgmod.B64Source(str(tmp_path / "f"), None, n)
        assert b"".join(fsrc.chunks()) == b"".join(src.chunks())


def test_leading_dots_are_stuffed(run, smtp_plain):
    m = simple_mail(message=".\r\n..two\r\n.three")
    r, ok = _send(run, smtp_plain, m)
    assert ok
    assert smtp_plain.messages[0].message.get_content().replace("\r\n", "\n") == \
        ".\n..two\n.three\n"


def test_each_send_gets_its_own_message_id_unless_the_script_sets_one(run, smtp_plain):
    r = run()
    s = r.session(smtp_plain)
    assert r.start(s)
    m = simple_mail()
    assert r.send(s, m) and r.send(s, m)
    first, second = (x.message["Message-ID"] for x in smtp_plain.messages)
    assert first != second and m.message_id == second
    m.message_id = "chosen.1@example.com"
    assert r.send(s, m)
    assert smtp_plain.messages[-1].message["Message-ID"] == "<chosen.1@example.com>"


def test_partial_delivery_still_fills_the_id(run, smtp_refuse_some):
    r = run()
    s = r.session(smtp_refuse_some)
    assert r.start(s)
    m = simple_mail(["bob@example.org", "nobody@example.org"])
    assert r.send(s, m) is False
    assert m.message_id == smtp_refuse_some.messages[0].message["Message-ID"]
