"""tools/bootstrap.py installs Debian's dovecot-imapd and dovecot-pop3d when root, and says
what to install otherwise. No apt-get is run: a recording function stands in."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("wlmail_bootstrap_dv", ROOT / "tools" / "bootstrap.py")
assert _spec is not None and _spec.loader is not None
bootstrap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bootstrap)


def test_as_root_the_imap_and_pop3_servers_are_installed(monkeypatch):
    installed: list[list[str]] = []
    monkeypatch.setattr(bootstrap, "find_dovecot",
                        lambda: "/usr/sbin/dovecot" if installed else None)
    monkeypatch.setattr(bootstrap, "can_use_apt", lambda: True)
    monkeypatch.setattr(bootstrap, "apt_install",
                        lambda packages, run=None: installed.append(packages) or True)
    assert bootstrap.ensure_dovecot() is True
    assert installed == [["dovecot-imapd", "dovecot-pop3d"]]


def test_without_root_it_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(bootstrap, "find_dovecot", lambda: None)
    monkeypatch.setattr(bootstrap, "can_use_apt", lambda: False)
    monkeypatch.setattr(bootstrap, "is_root", lambda: False)
    monkeypatch.setattr(bootstrap, "apt_install",
                        lambda packages, run=None: (_ for _ in ()).throw(AssertionError))
    assert bootstrap.ensure_dovecot() is False
    said = capsys.readouterr()
    assert "apt-get install -y dovecot-imapd dovecot-pop3d" in said.out + said.err
    assert "not root" in said.out + said.err


def test_an_installed_dovecot_is_left_alone(monkeypatch):
    monkeypatch.setattr(bootstrap, "find_dovecot", lambda: "/usr/sbin/dovecot")
    monkeypatch.setattr(bootstrap, "apt_install",
                        lambda packages, run=None: (_ for _ in ()).throw(AssertionError))
    assert bootstrap.ensure_dovecot() is True
