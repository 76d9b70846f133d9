"""`wlmail auth list` and `wlmail auth clear`."""
from __future__ import annotations

import io

from wlmail.oauth.cli import auth_command

from .authserver import CLIENT_ID, CLIENT_SECRET
from .helpers import make_params, token_files


def cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = auth_command(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_list_empty(tmp_path):
    status, out, err = cli("list")
    assert status == 0 and "No OAuth tokens stored" in out and err == ""
    assert str(tmp_path / "state" / "wlmail" / "tokens") in out


def test_list_shows_entries_never_tokens(server, browser, run):
    a = run().call("AuthIdentify", make_params(server, additional="login_hint=ann@example.test"))
    b = run().call("AuthIdentify", make_params(server, scope="mail.send"))
    status, out, err = cli("list")
    assert status == 0, err
    assert "2 OAuth tokens stored" in out
    assert out.count(CLIENT_ID) == 2 and "login_hint=ann@example.test" in out
    assert "valid until" in out and "refresh token   kept" in out
    for secret in (a.value, a.refresh_token, b.value, b.refresh_token, CLIENT_SECRET):
        assert secret not in out + err


def test_clear_one_then_all(server, browser, run, tmp_path):
    run().call("AuthIdentify", make_params(server, additional="login_hint=ann@example.test"))
    run().call("AuthIdentify", make_params(server, additional="login_hint=bob@example.test"))
    files = token_files(tmp_path)
    assert len(files) == 2
    status, out, _ = cli("auth", "clear", files[0].stem[:8])   # a leading "auth" is accepted
    assert status == 0 and "Forgot 1 stored OAuth token." in out
    assert token_files(tmp_path) == files[1:]
    status, out, _ = cli("clear")
    assert status == 0 and "Forgot 1 stored OAuth token." in out
    assert token_files(tmp_path) == []


def test_clear_unknown_id(server, browser, run):
    run().call("AuthIdentify", make_params(server))
    status, _, err = cli("clear", "ffffffffffff")
    assert status == 1 and "no stored token with id" in err


def test_usage():
    status, out, err = cli()
    assert status == 2 and "usage: wlmail auth list" in err
    status, out, err = cli("--help")
    assert status == 0 and "usage:" in out
    status, out, err = cli("frobnicate")
    assert status == 2 and "unknown command 'frobnicate'" in err
    status, out, err = cli("list", "extra")
    assert status == 2
