"""The token store never follows symbolic links (issue 8, item 16): a `tokens` folder
that is a link is refused with a clear message, its target is neither chmod-ed nor
written, and a token file that is a link is not read."""
from __future__ import annotations

import io
import json
import os
import stat

import pytest

from wlmail.oauth.cli import auth_command
from wlmail.oauth.flow import TokenData
from wlmail.oauth.store import Key, StoreRefused, TokenStore

from .helpers import make_params, token_files

# Symbolic links and modes: POSIX only, which is where the suite runs (the token store
# checks owners and modes with os.stat / os.getuid).

KEY = Key("https://t.example/token", "client", "scope", "")


def _linked_store(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    os.chmod(target, 0o755)
    tokens = tmp_path / "state" / "wlmail" / "tokens"
    tokens.parent.mkdir(parents=True)
    tokens.symlink_to(target, target_is_directory=True)
    return target, tokens


def test_a_linked_tokens_folder_is_refused_and_its_target_untouched(tmp_path):
    target, tokens = _linked_store(tmp_path)
    store = TokenStore(tokens)
    with pytest.raises(StoreRefused) as e:
        store.save(KEY, TokenData("access-6f1e"))
    assert "is a symbolic link" in str(e.value)
    assert list(target.iterdir()) == []
    assert stat.S_IMODE(target.stat().st_mode) == 0o755       # not chmod-ed to 0700
    assert store.entries() == [] and store.load(KEY) is None


def test_a_token_planted_behind_the_link_is_not_read(tmp_path):
    target, tokens = _linked_store(tmp_path)
    real = TokenStore(target)
    os.chmod(target, 0o700)
    real.save(KEY, TokenData("planted-access"))
    assert TokenStore(tokens).load(KEY) is None


def test_a_token_file_that_is_a_link_is_not_read(tmp_path):
    store = TokenStore(tmp_path / "tokens")
    path = store.save(KEY, TokenData("access-a"))
    planted = tmp_path / "planted.json"
    planted.write_text(path.read_text())
    path.unlink()
    path.symlink_to(planted)
    assert store.load(KEY) is None


def test_authidentify_warns_and_still_returns_the_token(server, browser, run, tmp_path):
    target, _ = _linked_store(tmp_path)
    r = run()
    tok = r.call("AuthIdentify", make_params(server))
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    assert "is a symbolic link" in r.stderr.getvalue()
    assert list(target.iterdir()) == []
    assert token_files(tmp_path) == []


def test_auth_list_and_clear_say_why(tmp_path):
    _linked_store(tmp_path)
    for cmd in ("list", "clear"):
        out, err = io.StringIO(), io.StringIO()
        assert auth_command([cmd], out, err) == 1
        assert "is a symbolic link" in err.getvalue()


def test_a_real_folder_still_works(tmp_path):
    store = TokenStore(tmp_path / "state" / "wlmail" / "tokens")
    path = store.save(KEY, TokenData("access-b"))
    assert stat.S_IMODE(store.dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.load(KEY).token.access_token == "access-b"
    assert json.loads(path.read_text())["access_token"] == "access-b"
