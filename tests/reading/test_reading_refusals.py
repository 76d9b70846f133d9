"""What goes wrong while reading is non-fatal and explained: False and ErrorInfo with the
server's own words (tests/reading/wl/functions/refusals_en.wl against the private
Dovecot), an attachment's name never writes outside the folder given, a --mailbox that
is not a Maildir is refused before the script runs."""
from __future__ import annotations

import shutil
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from dovecot_server import PASSWORD, USER
from wlmail.reading.client import MailboxError
from wltest import run_wl

WL = Path(__file__).resolve().parent / "wl" / "functions"


def _message(subject: str, filename: str | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = "Zoé Martin <zoe@example.org>"
    m["To"] = "reader@example.org"
    m["Subject"] = subject
    m.set_content("Bonjour\n")
    if filename is not None:
        m.add_attachment(b"%PDF-1.4 evil", maintype="application", subtype="pdf",
                         filename=filename)
    return bytes(m)


def test_the_server_refusals_come_back_in_error_info(tmp_path, dovecot: Any, smtp_tls_env,
                                                     monkeypatch):
    dovecot.clear()
    for p in dovecot.maildir.iterdir():
        if p.is_dir() and p.name.startswith("."):
            shutil.rmtree(p)
    dovecot.deliver(_message("Réunion de lundi"))
    for name, value in (("READ_HOST", dovecot.host), ("READ_USER", USER),
                        ("READ_PASSWORD", PASSWORD),
                        ("READ_IMAP_PORT", str(dovecot.imap_port))):
        monkeypatch.setenv(name, value)
    script = tmp_path / "refusals_en.wl"
    shutil.copy(WL / "refusals_en.wl", script)
    status, out, err = run_wl(script)
    assert (status, err) == (0, "")
    lines = dict(line.split(": ", 1) for line in out.splitlines())
    assert lines["before start"] == ("|EmailListFolder: the session (127.0.0.1) is not "
                                     "started: call EmailStartSession first")
    assert lines["create"] == "1"
    # Dovecot's own words, after what wlmail asked.
    assert "CREATE Archives refused: [ALREADYEXISTS] Mailbox already exists" in \
        lines["create again"] and lines["create again"].startswith("0|EmailCreateFolder: ")
    assert "SELECT Nowhere refused: Mailbox doesn't exist: Nowhere" in lines["change"]
    assert "DELETE Nowhere refused: [NONEXISTENT]" in lines["delete"]
    assert "refused: [TRYCREATE] Mailbox doesn't exist: Nowhere" in lines["copy"]
    assert lines["by UID"] == ("0|EmailReadMessage: the folder holds no message of "
                               "identifier 424242")
    # The refused SELECT did not leave the session without a folder.
    assert lines["still reading"] == "1 Réunion de lundi"
    assert lines["body after close"].startswith("[]|EmailGetAll: the body of the message ")
    assert lines["body after close"].endswith("the session is closed by then: use ertFull")
    assert lines["subject kept"] == "Réunion de lundi"
    assert lines["pop3 not started"].startswith("0|EmailChangeStatus: the session ")


def _maildir(root: Path, *messages: bytes) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    for i, raw in enumerate(messages):
        (root / "new" / f"{1000 + i}.M{i}P1.test").write_bytes(raw)
    return root


def test_an_attachment_name_never_leaves_the_folder(tmp_path):
    box = _maildir(tmp_path / "box", _message("Evil", "../../outside.pdf"))
    (tmp_path / "saved").mkdir()
    script = tmp_path / "save.wl"
    script.write_text(f"""
S is emailPOP3Session
S.ServerAddress = "pop.example.org"
EmailStartSession(S)
M is Email
EmailReadFirst(S, M)
Trace(M.Attach[1].Name)
Trace(EmailSaveAttachment(M, M.Attach[1].Name, "{tmp_path / 'saved'}"))
Trace(EmailSaveAttachment(M.Attach[1], "{tmp_path / 'nowhere' / 'x.pdf'}") + " " + ErrorInfo())
""", encoding="utf-8")
    status, out, err = run_wl(script, "--mailbox", str(box))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == ["../../outside.pdf", "1"]
    assert lines[2].startswith("0 EmailSaveAttachment: cannot write ")
    assert (tmp_path / "saved" / "outside.pdf").read_bytes() == b"%PDF-1.4 evil"
    assert not (tmp_path / "outside.pdf").exists()


def test_a_mailbox_that_is_not_a_maildir_is_refused(tmp_path):
    script = tmp_path / "s.wl"
    script.write_text('Trace("ran")\n', encoding="utf-8")
    status, out, err = run_wl(script, "--mailbox", str(tmp_path / "missing"))
    assert status == 2 and out == ""
    assert f"--mailbox {tmp_path / 'missing'}: no such folder" in err
    status, out, err = run_wl(script, "--mailbox", str(tmp_path))
    assert status == 2 and "not a Maildir (no cur or new folder inside)" in err


def test_offline_error_info_names_the_maildir_not_the_server(tmp_path):
    """--mailbox: the session's ServerAddress is not used, so ErrorInfo names the Maildir
    read instead (and the server it replaces), in English and French scripts alike."""
    box = _maildir(tmp_path / "box", _message("One"))
    script = tmp_path / "offline.wl"
    script.write_text("""
S is emailIMAPSession
S.ServerAddress = "imap.example.org"
EmailStartSession(S)
Trace(EmailChangeFolder(S, "Missing") + " " + ErrorInfo())
P est un emailSessionIMAP
EmailOuvreSession(P)
Trace(EmailChangeDossier(P, "Absent") + " " + ErreurInfo())
""", encoding="utf-8")
    status, out, err = run_wl(script, "--mailbox", str(box))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"0 EmailChangeFolder: the Maildir {box} (--mailbox instead of the IMAP server "
        f"imap.example.org:143) answered: the folder 'Missing' does not exist in the "
        f"Maildir {box}",
        f"0 EmailChangeFolder: the Maildir {box} (--mailbox) answered: the folder 'Absent' "
        f"does not exist in the Maildir {box}"]
    assert "imap.example.org:143 answered" not in out


def test_offline_deleting_changes_only_that_folder(tmp_path):
    """Deleting the message read last, then one of EmailGetAll's by its Email."""
    box = _maildir(tmp_path / "box", _message("One"), _message("Two"))
    copy = tmp_path / "copy"
    shutil.copytree(box, copy)
    script = tmp_path / "delete.wl"
    script.write_text("""
S is emailIMAPSession
EmailStartSession(S)
EmailReadFirst(S)
Trace(Email.Subject + " " + EmailDeleteMessage(S))
Trace(EmailNbMessage(S))
All is array of Email = EmailGetAll(S)
Trace(All[1].Subject + " " + EmailDeleteMessage(S, All[1]) + " " + EmailNbMessage(S))
Trace(EmailDeleteMessage(S, All[1]) + " " + ErrorInfo())
""", encoding="utf-8")
    status, out, err = run_wl(script, "--mailbox", str(box))
    assert (status, err) == (0, "")
    assert out == ("One 1\n1\nTwo 1 0\n"
                   "0 EmailDeleteMessage: the folder holds no message of UID " +
                   out.split("UID ")[-1])
    assert list((box / "new").iterdir()) == []
    assert len(list((copy / "new").iterdir())) == 2


def test_get_all_reads_a_folder_larger_than_one_fetch(tmp_path, dovecot: Any, smtp_tls_env,
                                                      monkeypatch):
    """1,100 messages: three FETCH batches, every header and status right (in the order
    of the server's UIDs), and a body fetched when first read."""
    dovecot.clear()
    for i in range(1100):
        dovecot.deliver(_message(f"n°{i}"), seen=(i % 3 == 0))
    for name, value in (("READ_HOST", dovecot.host), ("READ_USER", USER),
                        ("READ_PASSWORD", PASSWORD),
                        ("READ_IMAP_PORT", str(dovecot.imap_port))):
        monkeypatch.setenv(name, value)
    script = tmp_path / "all.wl"
    script.write_text("""
S is emailIMAPSession
S.ServerAddress = SysEnvironment("READ_HOST")
S.Port = Val(SysEnvironment("READ_IMAP_PORT"))
S.Name = SysEnvironment("READ_USER")
S.Password = SysEnvironment("READ_PASSWORD")
EmailStartSession(S)
All is array of Email = EmailGetAll(S)
Subjects is string
Read is int
FOR EACH M OF All
	Subjects += M.Subject + ";"
	IF M.Status = emailStatusRead THEN Read++
END
Trace(ArrayCount(All) + " " + Read + " " + ArrayCount(EmailGetAll(S, ertNotRead)))
Trace(Subjects)
Trace(All[1050].Message)
""", encoding="utf-8")
    status, out, err = run_wl(script)
    assert (status, err) == (0, "")
    count, subjects, body = out.split("\n")[:3]
    assert count == "1100 367 733"
    assert sorted(subjects.split(";")[:-1]) == sorted(f"n°{i}" for i in range(1100))
    assert body == "Bonjour\r"


def test_malformed_messages_are_read_as_far_as_they_go(tmp_path):
    box = _maildir(tmp_path / "box",
                   b"\x00\xff\xfe garbage\n\n\x01\x02",
                   b'Subject: =?x-unknown?Q?abc?=\nFrom: "broken <\n'
                   b'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
                   b"Content-Type: text/plain; charset=x-nope\n\nhello\n--b\n"
                   b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                   b'Content-Disposition: attachment; filename="a.pdf"\n\n!!!notbase64***\n',
                   b"Subject: only a header\n")
    script = tmp_path / "bad.wl"
    script.write_text("""
S is emailPOP3Session
EmailStartSession(S)
M is Email
EmailReadFirst(S, M)
WHILE NOT M.Out
	Trace("[" + M.Subject + "] [" + ExtractString(M.Message, 1, CR) + "] " + ArrayCount(M.Attach))
	EmailReadNext(S, M)
END
Trace(ArrayCount(EmailGetAll(S, ertFull)) + " " + ErrorOccurred)
""", encoding="utf-8")
    status, out, err = run_wl(script, "--mailbox", str(box))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[1:] == ["[abc] [hello] 1", "[only a header] [] 0", "3 0"]
    assert lines[0].startswith("[] [")


def test_a_wrong_constant_is_a_clear_error_of_the_script(tmp_path):
    box = _maildir(tmp_path / "box", _message("One"))
    for call, words in (("EmailChangeStatus(S, 7)",
                         "EmailChangeStatus expects emailStatusRead or emailStatusNotRead, "
                         "not 7"),
                        ('EmailGetAll(S, "x")', "EmailGetAll's read options are ertFull"),
                        ("EmailChangeFolder(S, 3)", "EmailChangeFolder expects a folder name")):
        script = tmp_path / "wrong.wl"
        script.write_text(f"S is emailIMAPSession\nEmailStartSession(S)\nEmailReadFirst(S)\n"
                          f"{call}\nTrace(\"not reached\")\n", encoding="utf-8")
        status, out, err = run_wl(script, "--mailbox", str(box))
        assert status == 1 and out == "", (call, err)
        assert f"wrong.wl:4:1: error: {words}" in err
        assert "Traceback" not in err


def test_offline_pop3_deletes_at_quit_as_a_pop3_server_does(tmp_path):
    """RFC 1939 section 6: DELE marks, QUIT (EmailCloseSession) deletes; an IMAP session
    on the same Maildir still sees the message until then."""
    box = _maildir(tmp_path / "box", _message("One"), _message("Two"))
    script = tmp_path / "pop3_delete.wl"
    script.write_text("""
P is emailPOP3Session
EmailStartSession(P)
EmailReadFirst(P)
Trace("delete " + EmailDeleteMessage(P) + " " + EmailNbMessage(P))
Trace(EmailDeleteMessage(P) + " " + ErrorInfo())
S is emailIMAPSession
EmailStartSession(S)
Trace("before QUIT " + EmailNbMessage(S))
EmailCloseSession(S)
EmailCloseSession(P)
EmailStartSession(S)
Trace("after QUIT " + EmailNbMessage(S))
EmailReadFirst(S)
Trace(Email.Subject)
""", encoding="utf-8")
    status, out, err = run_wl(script, "--mailbox", str(box))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "delete 1 1", "0 EmailDeleteMessage: the message read last is already deleted",
        "before QUIT 2", "after QUIT 1", "Two"]
    assert len(list((box / "new").iterdir())) == 1


def test_offline_pop3_deletes_at_the_end_of_the_run_fr(tmp_path):
    # Une session POP3 restée ouverte dit QUIT à la fin du script : c'est là qu'elle supprime.
    box = _maildir(tmp_path / "box", _message("Un"), _message("Deux"))
    script = tmp_path / "pop3_fin.wl"
    script.write_text("""
P est un emailSessionPOP3
EmailOuvreSession(P)
EmailLitPremier(P)
Trace(EmailSupprimeMessage(P) + " " + EmailNombreMessage(P))
""", encoding="utf-8")
    status, out, err = run_wl(script, "--mailbox", str(box))
    assert (status, err, out) == (0, "", "1 1\n")
    assert [p.read_bytes() for p in (box / "new").iterdir()] == [_message("Deux")]


def test_offline_pop3_session_that_dies_without_quit_deletes_nothing(tmp_path):
    """A session broken off (Ctrl-C during a call, or the Maildir failing under it) is
    dropped without QUIT: as on a POP3 server, the messages marked stay."""
    from wlmail.reading.maildir import MaildirBox
    box = _maildir(tmp_path / "box", _message("One"), _message("Two"))
    pop3 = MaildirBox(str(box), pop3=True)
    first = pop3.ids[0]
    pop3.delete(first)
    assert len(list((box / "new").iterdir())) == 2
    with pytest.raises(MailboxError, match="marked as deleted"):
        pop3.fetch(first)
    pop3._drop()
    assert len(list((box / "new").iterdir())) == 2
    again = MaildirBox(str(box), pop3=True)
    again.delete(again.ids[0])
    again.close()
    assert [p.read_bytes() for p in (box / "new").iterdir()] == [_message("Two")]
