"""The reading functions end to end: `.wl` scripts in tests/reading/wl/functions read,
filter, change the status of, save the attachments of, delete and move messages, and
work with folders, in English and French, legacy and modern forms.

Each script runs twice with the same expected output: against the private Dovecot
(tests/dovecot_server.py), and offline with `--mailbox DIR` on a Maildir holding the same
messages; the test then checks what each run left in the mailbox.
"""
from __future__ import annotations

import os
import shutil
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from dovecot_server import PASSWORD, USER
from wltest import run_wl

WL = Path(__file__).resolve().parent / "wl" / "functions"
PDF = bytes(range(256)) * 40 + b"\r\n.\r\n..end"


def _message(sender: str, subject: str, body: str, msgid: str,
             attachment: bytes | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "reader@example.org"
    m["Subject"] = subject
    m["Date"] = "Tue, 01 Dec 2026 10:00:00 +0100"
    m["Message-ID"] = msgid
    m.set_content(body)
    if attachment is not None:
        m.add_attachment(attachment, maintype="application", subtype="pdf",
                         filename="facture 42.pdf")
    return bytes(m)


# (raw, seen): the INBOX of every test, oldest first.
MESSAGES = [
    (_message("Zoé Martin <zoe@example.org>", "Réunion de lundi", "Bonjour,\nà lundi.\n",
              "<plain-1@example.org>"), False),
    (_message("Billing <billing@example.com>", "Invoice 42", "Your invoice is attached.\n",
              "<invoice-42@example.com>", PDF), True),
    (_message("Orders <orders@shop.example>", "Commande 7", "3 x café\n",
              "<order-7@shop.example>"), False),
]


def _fill_maildir(root: Path) -> None:
    """The same messages in a Maildir of our own, for --mailbox (mtimes give the order)."""
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    start = time.time() - 100
    for i, (raw, seen) in enumerate(MESSAGES):
        name = f"{int(start) + i}.M{i}P1.wlmail-test"
        path = root / ("cur" if seen else "new") / (name + (":2,S" if seen else ""))
        path.write_bytes(raw)
        os.utime(path, (start + i, start + i))


def _clear_dovecot(dovecot: Any) -> None:
    dovecot.clear()
    for p in dovecot.maildir.iterdir():
        if p.is_dir() and p.name.startswith("."):
            shutil.rmtree(p)
        elif p.is_file() and p.name == "subscriptions":
            p.unlink()
    for raw, seen in MESSAGES:
        dovecot.deliver(raw, seen=seen)


@pytest.fixture
def env(dovecot: Any, smtp_tls_env: dict[str, str], smtp_no_auth: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    _clear_dovecot(dovecot)
    offline = tmp_path / "offline"
    _fill_maildir(offline)
    out = tmp_path / "saved"
    out.mkdir()
    for name, value in (("READ_HOST", dovecot.host), ("READ_USER", USER),
                        ("READ_PASSWORD", PASSWORD),
                        ("READ_IMAP_PORT", str(dovecot.imap_port)),
                        ("READ_IMAPS_PORT", str(dovecot.imaps_port)),
                        ("READ_POP3_PORT", str(dovecot.pop3_port)),
                        ("READ_OUT", str(out)),
                        ("SMTP_HOST", smtp_no_auth.host),
                        ("SMTP_PORT", str(smtp_no_auth.port))):
        monkeypatch.setenv(name, value)
    return {"dovecot": dovecot, "offline": offline, "out": out, "smtp": smtp_no_auth,
            "tmp": tmp_path}


def _run(env: dict[str, Any], name: str, mode: str) -> str:
    script = env["tmp"] / name
    shutil.copy(WL / name, script)
    options = ("--mailbox", str(env["offline"])) if mode == "offline" else ()
    status, out, err = run_wl(script, *options)
    if os.environ.get("WLMAIL_TEST_WRITE_OUT"):   # to write a new script's .out
        Path(os.environ["WLMAIL_TEST_WRITE_OUT"], f"{mode}-{name}.out").write_text(out)
    assert PASSWORD not in out + err
    assert "Traceback" not in out + err
    assert (status, err) == (0, "")
    expected = (WL / name).with_suffix(".out").read_bytes().decode("utf-8")
    assert out == expected
    return out


def _count(folder: Path) -> int:
    return sum(1 for sub in ("cur", "new") for _ in (folder / sub).iterdir())


def _folder(root: Path, *parts: str) -> Path:
    from wlmail.reading.foldernames import utf7_encode
    return root / ("." + ".".join(utf7_encode(p) for p in parts))


MODES = ["dovecot", "offline"]


def _root(env: dict[str, Any], mode: str) -> Path:
    return Path(env["dovecot"].maildir if mode == "dovecot" else env["offline"])


@pytest.mark.parametrize("mode", MODES)
def test_imap_walk_filters_and_status(env, mode):
    _run(env, "imap_walk_en.wl", mode)
    assert (env["out"] / "facture 42.pdf").read_bytes() == PDF
    # Reading changed nothing but what EmailChangeStatus said: still three messages.
    assert _count(_root(env, mode)) == 3


@pytest.mark.parametrize("mode", MODES)
def test_imap_folders_fr(env, mode):
    _run(env, "imap_folders_fr.wl", mode)
    root = _root(env, mode)
    assert _count(root) == 1                                   # one moved, one deleted
    assert _count(_folder(root, "Reçus", "2026")) == 1         # the invoice, moved
    assert not _folder(root, "Archives").exists()              # deleted with its copy


@pytest.mark.parametrize("mode", MODES)
def test_legacy_pop3_reads_and_sends_fr(env, mode):
    _run(env, "legacy_pop3_fr.wl", mode)
    assert (env["out"] / "facture 42.pdf").read_bytes() == PDF
    assert _count(_root(env, mode)) == 2                       # POP3 deleted one at QUIT
    (sent,) = env["smtp"].messages
    assert sent.rcpt_tos == ["bob@example.org"]
    assert sent.message["Subject"] == "Réponse"


@pytest.mark.parametrize("mode", MODES)
def test_legacy_imap_global_structure_en(env, mode):
    _run(env, "legacy_imap_en.wl", mode)
    assert (env["out"] / "copy.pdf").read_bytes() == PDF
    assert _count(_root(env, mode)) == 2
    assert _count(_folder(_root(env, mode), "Done")) == 1
