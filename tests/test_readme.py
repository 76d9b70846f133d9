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
