"""`wlmail run --capture DIR script.wl` end to end (in-process command line)."""
from __future__ import annotations

import mailbox
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wltest import run_wl

SECRET = "Pw-e2e-capture-41c7"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_9cc31bf0310e6cfb.txt"


def _script(tmp_path: Path, body: str, name: str = "send.wl") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _session(server: str, port: int, option: str, name: str = "ann@example.com",
             password: str = SECRET) -> str:
    return f"""s is emailSMTPSession
s.ServerAddress = "{server}"
s.Port = {port}
s.Option = {option}
s.Name = "{name}"
s.Password = "{password}"
IF EmailStartSession(s) = False THEN
    Error(ErrorInfo())
    RETURN
END
"""


def _messages(folder: Path) -> list[mailbox.MaildirMessage]:
    box = mailbox.Maildir(str(folder), create=False)
    return sorted(box.values(), key=lambda m: m["Subject"])


def _everything(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_starttls_with_password_lands_in_the_maildir(tmp_path):
    script = _script(tmp_path, _session("smtp.example.com", 587, "emailOptionSecuredTLS") + """
m is Email
m.Sender = "Ann <ann@example.com>"
m.Recipient.Add("bob@example.org")
m.Cc.Add("carol@example.org")
m.Bcc.Add("dave@example.org")
m.Subject = "Réunion à 10 h"
m.Message = "Bonjour," + CR + "à demain."
IF EmailSendMessage(s, m) = False THEN Error(ErrorInfo())
EmailCloseSession(s)
""")
    status, out, err = run_wl(script, "--capture", str(tmp_path / "mail"))
    assert (status, err) == (0, "")
    (msg,) = _messages(tmp_path / "mail")
    assert msg["X-Wlmail-Server"] == "smtp.example.com:587"
    assert msg["X-Wlmail-Envelope-From"] == "ann@example.com"
    assert msg["X-Wlmail-Envelope-To"] == "bob@example.org, carol@example.org, dave@example.org"
    assert msg["X-Wlmail-TLS"] == "starttls"
    assert msg["X-Wlmail-Auth"] in ("PLAIN ann@example.com", "LOGIN ann@example.com")
    assert msg["Bcc"] is None and "dave@example.org" not in str(msg["To"]) + str(msg["Cc"])
    assert list(msg.keys())[:5] == ["X-Wlmail-Server", "X-Wlmail-Envelope-From",
                                    "X-Wlmail-Envelope-To", "X-Wlmail-TLS", "X-Wlmail-Auth"]
    body = msg.get_payload(decode=True).decode(msg.get_content_charset())
    assert "à demain." in body
    (line,) = out.splitlines()
    assert re.fullmatch(
        r"captured: .*/mail/new/\S+  from ann@example\.com  "
        r"to bob@example\.org, carol@example\.org, dave@example\.org  subject \"Réunion à 10 h\"",
        line), line
    assert Path(line.split()[1]).is_file()
    assert SECRET not in out + err and SECRET.encode() not in _everything(tmp_path / "mail")


def test_implicit_tls_plain_and_several_messages(tmp_path):
    script = _script(tmp_path, _session("smtps.example.com", 465, "optionSSL") + """
FOR i = 1 TO 3
    m is Email
    m.Sender = "ann@example.com"
    m.Recipient.Add("r" + i + "@example.org")
    m.Subject = "Message " + i
    m.Message = "n° " + i
    EmailSendMessage(s, m)
END
EmailCloseSession(s)
p is emailSMTPSession
p.ServerAddress = "relay.internal"
p.Port = 25
IF EmailStartSession(p) THEN
    Email.Sender = "robot@relay.example.net"
    Email.Recipient = "ops@relay.example.net"
    Email.Subject = "Plain relay"
    Email.Message = "no TLS, no AUTH"
    EmailSendMessage(p, Email)
    EmailCloseSession(p)
END
""")
    status, out, err = run_wl(script, "--capture", str(tmp_path / "mail"))
    assert (status, err) == (0, "")
    msgs = _messages(tmp_path / "mail")
    assert [m["Subject"] for m in msgs] == ["Message 1", "Message 2", "Message 3", "Plain relay"]
    assert {(m["X-Wlmail-TLS"], m["X-Wlmail-Server"]) for m in msgs[:3]} == \
        {("implicit", "smtps.example.com:465")}
    assert msgs[3]["X-Wlmail-TLS"] == "none" and msgs[3]["X-Wlmail-Auth"] == "none"
    assert msgs[3]["X-Wlmail-Server"] == "relay.internal:25"
    lines = out.splitlines()
    assert len(lines) == 4 and all(line.startswith("captured: ") for line in lines)
    assert [line.rsplit("subject ", 1)[1] for line in lines] == \
        ['"Message 1"', '"Message 2"', '"Message 3"', '"Plain relay"']


def test_a_refused_capture_folder_is_a_command_line_error(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    script = _script(tmp_path, 'Info("never runs")\n')
    status, out, err = run_wl(script, "--capture", str(tmp_path / "taken"))
    assert status == 2 and out == ""
    assert err.startswith(f"wlmail: error: --capture {tmp_path / 'taken'}: the folder is not empty")
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]


def test_the_seed_example_runs_unchanged_and_says_the_token_was_synthetic(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    code = text.split("```wl\n", 1)[1].split("```", 1)[0]
    script = _script(tmp_path, code, "seed.wl")
    status, out, err = run_wl(script, "--capture", str(tmp_path / "mail"))
    assert (status, err) == (0, "")
    assert out == (f"captured: no message in {tmp_path / 'mail'}; sessions: smtp.gmail.com:587 "
                   f"STARTTLS, AUTH XOAUTH2 user@gmail.com, synthetic token\n")
    assert "secret" not in out.lower()


def test_a_real_process_never_shows_aiosmtpd_logs_or_tracebacks(tmp_path):
    script = _script(tmp_path, _session("smtp.example.com", 587, "emailOptionSecuredTLS") + """
m is Email
m.Sender = "ann@example.com"
m.Recipient = "bob@example.org"
m.Subject = "From a subprocess"
m.Message = "x"
EmailSendMessage(s, m)
""")   # no EmailCloseSession: wlmail closes the session at the end of the run
    done = subprocess.run([sys.executable, "-m", "wlmail", "run", "--capture",
                           str(tmp_path / "mail"), str(script)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("captured: ") and '"From a subprocess"' in done.stdout
    (msg,) = _messages(tmp_path / "mail")
    assert msg["X-Wlmail-TLS"] == "starttls"


@pytest.mark.parametrize("option,port,tls", [("emailOptionDefault", 25, "none"),
                                              ("emailProtocolSMTPS", 587, "starttls")])
def test_no_name_means_no_auth_recorded(tmp_path, option, port, tls):
    script = _script(tmp_path, _session("mx.example.com", port, option, name="", password="") + """
Email.Sender = "ann@example.com"
Email.Recipient = "bob@example.org"
Email.Subject = "anonymous"
Email.Message = "x"
EmailSendMessage(s, Email)
EmailCloseSession(s)
""")
    status, out, err = run_wl(script, "--capture", str(tmp_path / "mail"))
    assert (status, err) == (0, "")
    (msg,) = _messages(tmp_path / "mail")
    assert (msg["X-Wlmail-TLS"], msg["X-Wlmail-Auth"]) == (tls, "none")
