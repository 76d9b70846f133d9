"""The README's two commands: the first runs the main sample in capture mode, the
second is exactly what .ci/run runs."""
from __future__ import annotations

import mailbox
import re
from pathlib import Path

from wltest import run_wl

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.search(r"```sh\n(.*?)\n```", README, re.S).group(1).splitlines()


def test_two_commands_first() -> None:
    assert README.startswith("# wlmail\n\n```sh\n")
    assert len(COMMANDS) == 2
    assert "bash" not in COMMANDS[1]
    assert COMMANDS[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_main_job_captures_the_message(tmp_path: Path) -> None:
    m = re.search(r"wlmail run --capture (\S+) (\S+\.wl)$", COMMANDS[0])
    assert m, COMMANDS[0]
    sample = ROOT / m.group(2)
    status, out, err = run_wl(sample, "--capture", str(tmp_path / "box"))
    assert status == 0, err
    assert "captured: " in out and "synthetic token" in out
    box = mailbox.Maildir(tmp_path / "box", create=False)
    (msg,) = list(box)
    assert msg["X-Wlmail-Auth"].startswith("XOAUTH2 ")
    assert msg["X-Wlmail-TLS"] == "starttls"
    assert msg["X-Wlmail-Server"] == "smtp.gmail.com:587"
    assert any(part.get_filename() for part in msg.walk())


def test_round_trip_sends_then_reads_back(tmp_path: Path) -> None:
    """The README's round trip: capture what a sample sends, read it back with --mailbox."""
    block = re.search(r"so the round trip needs no server at all:\n\n```sh\n(.*?)\n```",
                      README, re.S)
    assert block, "the README's round-trip commands"
    send, read = block.group(1).splitlines()
    sent = re.match(r"wlmail run --capture (\S+) (\S+\.wl)\s", send)
    got = re.match(r"wlmail run --mailbox (\S+) (\S+\.wl)\s", read)
    assert sent and got and sent.group(1) == got.group(1), block.group(1)
    box = str(tmp_path / "box")
    status, _, err = run_wl(ROOT / sent.group(2), "--capture", box)
    assert status == 0, err
    status, out, err = run_wl(ROOT / got.group(2), "--mailbox", box)
    assert (status, err) == (0, "")
    assert out == ("1 message(s) in INBOX\n"
                   "From Me <me@gmail.com>: Weekly report — semaine 48\n"
                   "  attachment email_attachment_report.csv (75 bytes)\n"
                   "1 not read yet\n")
