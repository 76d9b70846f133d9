"""EmailStartSMTPSession(User [, Password], Server [, Port [, Async [, Option]]]) read the
same way by `wlmail check` (its warnings, the masking of secrets in the lines it echoes)
and by the run-time: without a password, the second argument is the server."""
from __future__ import annotations

from pathlib import Path

import pytest

from wlmail import domains
from wlmail.diagnostics import mask_secrets
from wltest import check_wl, run_wl

WL = Path(__file__).parent / "wl"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_check_reads_a_session_without_password_as_the_runtime_does(lang, tmp_path,
                                                                    monkeypatch, smtp_plain):
    script = WL / f"start_smtp_no_password_{lang}.wl"
    status, out = check_wl(script)
    # Before: "a password is written in the script" (the server taken for it, shown as
    # "***") and "authentication over a plain session", twice.
    assert (status, out) == (0, "")
    monkeypatch.setenv("SMTP_PORT", str(smtp_plain.port))
    status, out, err = run_wl(script)
    assert (status, err) == (0, ""), out + err
    first = {"en": "started on 127.0.0.1 without a password, asynchronous",
             "fr": "ouverte sur 127.0.0.1 sans mot de passe, asynchrone"}[lang]
    assert out.splitlines()[0] == first
    assert len(out.splitlines()) == 2
    # The run-time read the same: it connected to that server and did not authenticate.
    assert smtp_plain.connections
    assert all(not c.auth_attempts for c in smtp_plain.connections)


def test_a_password_given_is_still_found_and_masked(tmp_path):
    script = tmp_path / "pw.wl"
    script.write_text('IF EmailOuvreSessionSMTP("robot", "hunter2", "smtp.example.com", 25, '
                      'Vrai) ALORS Trace("ok")\n'
                      'IF EmailStartSMTPSession("ann", "hunter3", "smtp.example.com") THEN '
                      'Trace("ok")\n', encoding="utf-8")
    status, out = check_wl(script)
    assert status == 0
    assert out.count("a password is written in the script") == 2
    assert out.count("authentication over a plain session") == 2
    assert "hunter" not in out
    assert out.count('"smtp.example.com"') == 4      # echoed by each warning, not masked


@pytest.mark.parametrize(("line", "masked"), [
    ('EmailStartSMTPSession("robot", "smtp.example.com", 25, True)', False),
    ('EmailStartSMTPSession("robot", "smtp.example.com", nPort, True)', False),
    ('EmailOuvreSessionSMTP("robot", "smtp.example.com", nPort, Vrai)', False),
    ('EmailOuvreSessionSMTP("robot", "smtp.example.com", nPort, emailAsynchrone, 1)', False),
    ('EmailStartSMTPSession("robot", "smtp.example.com", "587")', False),
    ('EmailStartSMTPSession("robot", "smtp.example.com")', False),
    ('EmailStartSMTPSession("robot", "secret", "smtp.example.com")', True),
    ('EmailStartSMTPSession("robot", "secret", "smtp.example.com", 587, False, 2)', True),
    ('EmailStartSMTPSession("robot", Lower("secret"), "smtp.example.com", 587)', True),
    # Not decidable from the line: masked, to be safe.
    ('EmailStartSMTPSession("robot", "secret", nPort)', True),
    ('EmailStartSMTPSession("robot", "secret", ...', True),
])
def test_the_second_argument_is_masked_only_when_it_is_the_password(line, masked):
    domains.load_all()
    shown, _ = mask_secrets(line)
    second = "smtp.example.com" if "secret" not in line else "secret"
    assert (second not in shown) == masked, shown
