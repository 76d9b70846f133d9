"""tools/bootstrap.py installs Debian's postfix (preseeded, nothing started) when root,
and says what to install otherwise. No apt-get is run: a recording runner stands in."""
from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("wlmail_bootstrap_pf", ROOT / "tools" / "bootstrap.py")
assert _spec is not None and _spec.loader is not None
bootstrap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bootstrap)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[list[str], bytes | None]] = []

    def __call__(self, cmd: list[str], **kw) -> subprocess.CompletedProcess:
        self.calls.append((cmd, kw.get("input")))
        return subprocess.CompletedProcess(cmd, 0, b"", b"")


def test_as_root_postfix_is_preseeded_then_installed(monkeypatch):
    installed: list[bool] = []
    monkeypatch.setattr(bootstrap, "find_postfix", lambda: "/usr/sbin/postfix" if installed else None)
    monkeypatch.setattr(bootstrap, "can_use_apt", lambda: True)
    monkeypatch.setattr(bootstrap.shutil, "which", lambda name: f"/usr/bin/{name}")
    run = Recorder()

    def apt(packages, run=run):
        run(["apt-get", "install", *packages])
        installed.append(True)
        return True

    monkeypatch.setattr(bootstrap, "apt_install", apt)
    assert bootstrap.ensure_postfix(run=run) is True
    (preseed_cmd, preseed), (apt_cmd, _) = run.calls
    assert preseed_cmd == ["debconf-set-selections"]
    assert b"postfix/main_mailer_type select No configuration" in preseed
    assert apt_cmd == ["apt-get", "install", "postfix"]


def test_not_root_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(bootstrap, "find_postfix", lambda: None)
    monkeypatch.setattr(bootstrap, "can_use_apt", lambda: False)
    monkeypatch.setattr(bootstrap, "is_root", lambda: False)
    run = Recorder()
    assert bootstrap.ensure_postfix(run=run) is False
    assert run.calls == []
    said = capsys.readouterr()
    text = said.out + said.err
    assert "postfix is not installed" in text and "apt-get install -y postfix" in text


def test_already_installed_does_nothing(monkeypatch):
    monkeypatch.setattr(bootstrap, "find_postfix", lambda: "/usr/sbin/postfix")
    run = Recorder()
    assert bootstrap.ensure_postfix(run=run) is True and run.calls == []
