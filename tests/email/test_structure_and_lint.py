"""The global Email structure's counters, the Email type's assignments, the transcript's
redaction, and the `wlmail check` warnings of the email layer."""
from __future__ import annotations

from pathlib import Path

import pytest

from wlmail.email.transcript import Transcript
from wlmail.email.types import Email, EmailStructure
from wlmail.runtime.errors import WLFatal
from wlmail.runtime.values import T_STRING, WLArray
from wltest import check_wl


def test_structure_counts_follow_add_and_indexed_assignment():
    s = EmailStructure()
    s.recipient.set(1, "a@x.org")
    s.recipient.add("b@x.org")
    assert s.nb_recipient == 2
    s.recipient.set(5, "e@x.org")            # any index grows the structure's array
    assert s.nb_recipient == 5 and s.recipient.get(4) == ""
    s.set_nb_recipient(2)                    # an explicit count wins
    assert s.recipients() == ["a@x.org", "b@x.org"]
    s.recipient.set(1, "z@x.org")            # inside the count: unchanged count
    assert s.nb_recipient == 2
    assert s.recipient.get(9) == ""          # reading past the end is empty, as in WINDEV


def test_structure_plain_assignment_sets_the_first_entry():
    s = EmailStructure()
    s.set_recipient("one@x.org")
    assert s.recipients() == ["one@x.org"]
    s.recipient.set(2, "two@x.org")
    s.set_recipient("first@x.org")
    assert s.recipient.items == ["first@x.org", "two@x.org"] and s.nb_recipient == 2


def test_structure_count_larger_than_the_array_pads_it():
    s = EmailStructure()
    s.set_nb_cc(2)
    assert s.cc.items == ["", ""]
    with pytest.raises(WLFatal):
        s.set_nb_cc(-1)


def test_structure_reset_and_copy():
    s = EmailStructure()
    s.subject = "x"
    s.recipient.add("a@x.org")
    c = s.copy()
    s.reset()
    assert (s.subject, s.nb_recipient, s.recipient.items) == ("", 0, [])
    assert (c.subject, c.nb_recipient, c.recipients()) == ("x", 1, ["a@x.org"])
    s.recipient.add("b@x.org")
    assert s.nb_recipient == 1           # the reset structure still counts


def test_email_variable_recipient_assignment_makes_one_element():
    m = Email()
    m.recipient.add("a@x.org")
    m.set_recipient("b@x.org")
    assert m.recipient.items == ["b@x.org"]
    m.set_recipient(WLArray(T_STRING, ["c@x.org", "d@x.org"]))
    assert m.recipients() == ["c@x.org", "d@x.org"]
    m.set_header("X-A: 1\r\nX-B: 2")
    assert m.headers() == ["X-A: 1", "X-B: 2"]
    with pytest.raises(WLFatal):
        m.set_attach("file.pdf")
    with pytest.raises(WLFatal):
        m.set_priority(9)


def test_transcript_redacts_auth_and_continuations():
    lines: list[str] = []
    t = Transcript("smtp.example.com:587", lines.append)
    t.command((b"EHLO", b"client"))
    t.reply(250, "smtp.example.com\nAUTH LOGIN PLAIN")
    t.command((b"AUTH", b"LOGIN", b"YW5uQGV4YW1wbGUuY29t"))
    t.reply(334, "UGFzc3dvcmQ6", after_auth_command=True)
    t.command((b"c2VjcmV0",))
    t.reply(235, "ok")
    t.command((b"MAIL", b"FROM:<ann@example.com>"))
    text = "\n".join(lines)
    assert "C: AUTH LOGIN ***" in text and "C: ***" in text
    assert "YW5u" not in text and "c2VjcmV0" not in text
    assert "S: 250-smtp.example.com" in text and "S: 250 AUTH LOGIN PLAIN" in text
    assert "C: MAIL FROM:<ann@example.com>" in text
    assert t.text().startswith("SMTP dialogue with smtp.example.com:587:")


def _check(tmp_path: Path, body: str) -> str:
    script = tmp_path / "lint.wl"
    script.write_text(body, encoding="utf-8")
    status, out = check_wl(script)
    assert status == 0, out
    return out


def test_lint_option_and_port_mismatch(tmp_path):
    out = _check(tmp_path, 's is emailSMTPSession\ns.Port = 587\ns.Option = optionSSL\n'
                           't is emailSMTPSession\nt.Port = 465\nt.Option = emailProtocolSMTPS\n'
                           'u is emailSMTPSession\nu.Option = emailOptionSSL\n')
    assert "lint.wl:3:1: warning: optionSSL (TLS from the first byte) on port 587" in out
    assert "lint.wl:6:1: warning: emailOptionSecuredTLS (STARTTLS) on port 465" in out
    assert "lint.wl:8:1: warning: optionSSL (TLS from the first byte) on port 25" in out


def test_lint_no_warning_for_matching_settings(tmp_path):
    out = _check(tmp_path, 's is emailSMTPSession\ns.ServerAddress = "smtp.example.com"\n'
                           's.Port = 587\ns.Option = emailOptionSecuredTLS\n'
                           's.Name = "ann@example.com"\ns.Password = SysEnvironment("PW")\n'
                           'IF s.StartSession() THEN\n  m is Email\n  s.SendMessage(m)\nEND\n')
    assert "warning" not in out


def test_lint_auth_over_plain_session(tmp_path):
    out = _check(tmp_path, 'MaSession est une emailSessionSMTP\nMaSession.Port = 25\n'
                           'MaSession.Nom = "ann@example.com"\n'
                           'MaSession.MotDePasse = SysEnvironment("PW")\n')
    assert "lint.wl:3:1: warning: authentication over a plain session" in out


def test_lint_password_literal_is_masked_and_explained(tmp_path):
    out = _check(tmp_path, 's is emailSMTPSession\ns.Option = emailOptionSecuredTLS\n'
                           's.Port = 587\ns.Password = "hunter2"\n'
                           'EmailStartSMTPSession("u", "pw2", "smtp.example.com", 587, False, '
                           'emailOptionSecuredTLS)\n')
    assert out.count("a password is written in the script") == 2
    assert "SysEnvironment" in out
    assert "hunter2" not in out


def test_lint_send_on_a_session_never_started(tmp_path):
    out = _check(tmp_path, 's is emailSMTPSession\nm is Email\nEmailSendMessage(s, m)\n'
                           'EmailStartSMTPSession("bob", "smtp.example.com", 25)\n'
                           'EmailSendMessage("bob", m)\nEmailSendMessage("carol")\n')
    assert "lint.wl:3:1: warning: EmailSendMessage on a session that is never started (s)" in out
    assert 'never started ("carol")' in out
    assert 'never started ("bob")' not in out


def test_lint_start_in_another_procedure_is_trusted(tmp_path):
    out = _check(tmp_path, 's is emailSMTPSession\nOpen(s)\nm is Email\nEmailSendMessage(s, m)\n'
                           'PROCEDURE Open(x)\nEmailStartSession(x)\n')
    assert "never started" not in out


def test_docs_email_generated_block_is_up_to_date():
    from wlmail.email import docs
    current = docs.DOC.read_text(encoding="utf-8")
    assert current == docs.render(current), "run: python -m wlmail.email.docs"
    for name in ("EmailStartSMTPSession", "EmailOuvreSessionSMTP", "emailSessionSMTP",
                 "emailOptionSécuriséTLS", "NbDestinataire", "emailAttache"):
        assert f"`{name}`" in current


def test_lint_method_forms(tmp_path):
    out = _check(tmp_path, 's is emailSMTPSession\nm is Email\ns.SendMessage(m)\n'
                           't is emailSessionSMTP\nt.OuvreSession()\nt.EnvoieMessage(m)\n')
    assert "lint.wl:3:1: warning: EmailSendMessage on a session that is never started (s)" in out
    assert "lint.wl:6:" not in out
