"""Regressions found by a review: each test failed when it was written.

Every script here is the script's (or a server's) fault, never wlmail's: none may end in
exit status 70 or a Python traceback, and no secret may be printed.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wltest import check_wl, run_wl

SECRET = "Pw-s3cret-7f2c9a"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "WLMAIL_SMTP_SERVER"):
        env.pop(k, None)
    return env


def _run(tmp_path: Path, text: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    script = tmp_path / "t.wl"
    script.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "wlmail", "run", *args, str(script)],
                          env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True,
                          timeout=timeout)


def _no_bug(p: subprocess.CompletedProcess) -> None:
    assert p.returncode != 70, p.stderr
    assert "internal error" not in p.stderr
    assert "Traceback" not in p.stderr


# -- exit status 70 on a script's fault -------------------------------------------------

def test_complete_with_a_huge_length_is_not_an_internal_error(tmp_path: Path) -> None:
    # Complete("ab", 1e12) raised MemoryError -> exit 70.
    p = _run(tmp_path, 'Info(Complete("ab", 1e12))\n')
    _no_bug(p)


def test_num_to_string_of_a_big_real_is_not_an_internal_error(tmp_path: Path) -> None:
    # decimal.InvalidOperation in _round_half_away for 1e30 (more than 28 digits).
    p = _run(tmp_path, 'Info(NumToString(1e30, ".2f"))\n')
    _no_bug(p)
    assert p.returncode == 0
    assert p.stdout.startswith("1000000000000000019884624838656") or p.stdout.startswith("1e+30") \
        or p.stdout.startswith("1000000000000000000000000000000")


@pytest.mark.parametrize("enc", ["no-such-encoding", "rot13", "base64"])
def test_unknown_encoding_option_is_a_bad_command_line(tmp_path: Path, enc: str) -> None:
    # SPEC §5: a bad command line is exit status 2; it was 70.
    p = _run(tmp_path, 'Info(1)\n', "--encoding", enc)
    _no_bug(p)
    assert p.returncode == 2


def test_smtp_server_with_an_impossible_port_is_not_an_internal_error(tmp_path: Path) -> None:
    # --smtp-server 127.0.0.1:99999 is accepted, then the first StartSession crashes (70).
    p = _run(tmp_path, 's is emailSMTPSession\ns.ServerAddress = "127.0.0.9"\n'
                       'Info(s.StartSession())\n', "--smtp-server", "127.0.0.1:99999")
    _no_bug(p)
    assert p.returncode in (0, 2)


# -- secrets ------------------------------------------------------------------------------

def test_conversion_error_does_not_print_a_password(tmp_path: Path) -> None:
    script = tmp_path / "t.wl"
    script.write_text('s is emailSMTPSession\ns.Password = SysEnvironment("WL_PW")\n'
                      'n is int = s.Password\n', encoding="utf-8")
    env = _env(tmp_path)
    env["WL_PW"] = SECRET
    p = subprocess.run([sys.executable, "-m", "wlmail", "run", str(script)], env=env,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 1
    assert SECRET not in p.stdout + p.stderr


def test_hardcoded_password_warning_does_not_show_the_password(tmp_path: Path) -> None:
    # The warning "a password is written in the script" echoed the very literal.
    script = tmp_path / "t.wl"
    script.write_text(f'EmailStartSMTPSession("ann", "{SECRET}", "127.0.0.1")\n', encoding="utf-8")
    status, out = check_wl(script)
    assert "password is written in the script" in out
    assert SECRET not in out


def test_declared_secret_variable_is_masked_in_diagnostics(tmp_path: Path) -> None:
    # docs/language.md: literals assigned to "a variable whose name says secret" are shown
    # as "***"; a declaration with an initialiser was not masked.
    script = tmp_path / "t.wl"
    script.write_text(f'MySecret is string = "{SECRET}"; Info(1/0)\n', encoding="utf-8")
    status, out, err = run_wl(script)
    assert status == 1
    assert SECRET not in out + err


def test_caret_still_points_at_the_error_after_masking(tmp_path: Path) -> None:
    script = tmp_path / "t.wl"
    script.write_text(f's is emailSMTPSession\ns.Password = "{SECRET}" + 1/0\n', encoding="utf-8")
    status, out, err = run_wl(script)
    lines = err.splitlines()
    i = next(n for n, line in enumerate(lines) if "division by zero" in line)
    shown, caret = lines[i + 1], lines[i + 2]
    assert SECRET not in shown
    col = caret.index("^")
    assert col < len(shown), (shown, caret)
    assert shown[col] == "/", (shown, caret)


# -- locations ----------------------------------------------------------------------------

def test_parameter_conversion_error_points_at_the_call(tmp_path: Path) -> None:
    # Was "t.wl:1:1: error: cannot convert ..." with no source line.
    script = tmp_path / "t.wl"
    script.write_text('Info(1)\nP("abc")\nPROCEDURE P(a is int)\nInfo(a)\n', encoding="utf-8")
    status, out, err = run_wl(script)
    assert status == 1
    assert ":1:1:" not in err
    assert ":2:" in err.splitlines()[0]
    assert 'P("abc")' in err


# -- a token endpoint's odd expires_in ----------------------------------------------------

def _store_token_with_huge_expiry(state: Path) -> None:
    from wlmail.oauth.store import Key, TokenData, TokenStore
    store = TokenStore(state / "wlmail" / "tokens")
    now = time.time()
    # What the flow saves when the token endpoint answers "expires_in": 1e300.
    store.save(Key("https://oauth.example.test/token", "cid", "https://mail.google.com/", ""),
               TokenData(access_token="ya29.tok-9d1e", refresh_token="", token_type="Bearer",
                         expires_at=now + 1e300, issued_at=now, server_response=b"{}"))


def test_auth_list_with_a_far_expiry_has_no_traceback(tmp_path: Path) -> None:
    _store_token_with_huge_expiry(tmp_path / "state")
    env = _env(tmp_path)
    p = subprocess.run([sys.executable, "-m", "wlmail", "auth", "list"], env=env,
                       capture_output=True, text=True, timeout=60)
    _no_bug(p)
    assert p.returncode == 0


def test_expiration_date_of_a_far_expiry_is_not_an_internal_error(tmp_path: Path) -> None:
    _store_token_with_huge_expiry(tmp_path / "state")
    p = _run(tmp_path, 'p is OAuth2Parameters\np.ClientID = "cid"\n'
                       'p.AuthURL = "https://oauth.example.test/auth"\n'
                       'p.TokenURL = "https://oauth.example.test/token"\n'
                       'p.Scope = "https://mail.google.com/"\n'
                       'p.RedirectionURL = "http://127.0.0.1:9"\n'
                       't is AuthToken = AuthIdentify(p)\nInfo(t.Valid)\nInfo(t.ExpirationDate)\n',
             "--oauth-timeout", "2")
    _no_bug(p)
    assert p.stdout.startswith("1\n")


# -- Ctrl-C -------------------------------------------------------------------------------

def test_ctrl_c_while_waiting_for_the_browser_prints_no_traceback(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = tmp_path / "t.wl"
    script.write_text('p is OAuth2Parameters\np.ClientID = "x"\n'
                      'p.AuthURL = "http://127.0.0.1:1/a"\np.TokenURL = "http://127.0.0.1:1/t"\n'
                      f'p.RedirectionURL = "http://127.0.0.1:{port}"\n'
                      't is AuthToken = AuthIdentify(p)\n', encoding="utf-8")
    env = _env(tmp_path)
    env["BROWSER"] = "true"
    p = subprocess.Popen([sys.executable, "-m", "wlmail", "run", "--no-token-cache", str(script)],
                         env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = p.stderr.readline()  # the "sign in ... open this address" line: it is waiting
    assert "browser" in first
    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    assert p.returncode == 130
    assert "Traceback" not in err, err
