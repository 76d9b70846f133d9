"""With no $BROWSER and no display, wlmail prints the address and waits; on a terminal it
also accepts the redirected address pasted by the person (a machine reached over SSH,
whose browser runs elsewhere).  The terminal is a real pseudo-terminal."""
from __future__ import annotations

import hashlib
import json
import os
import pty
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .helpers import make_params

DRIVER = r"""
import hashlib, json, sys
from wlmail.domains import load_all
from wlmail.runtime.context import Context, RunOptions
from wlmail.oauth.types import OAuth2Parameters
REGISTRY = load_all()
values = json.loads(sys.argv[1])
p = OAuth2Parameters()
for k, v in values.items():
    setattr(p, k, v)
rt = Context("script.wl", RunOptions(oauth_timeout=30, token_cache=False), stdin=sys.stdin)
tok = REGISTRY.function("AuthIdentify").impl(rt, p)
print("OK" if not tok.is_null() else "FAILED " + rt.error.message)
print(hashlib.sha256(tok.value.encode()).hexdigest())
rt.close()
"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def _wait_for(stream_path, needle, proc, timeout=20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = stream_path.read_text() if stream_path.exists() else ""
        if needle in text:
            return text
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError(f"{needle!r} never appeared; stderr was:\n{text}")


def test_pasted_redirect_completes_the_sign_in(server, tmp_path):
    params = make_params(server)
    values = {k: getattr(params, k) for k in ("client_id", "client_secret", "auth_url",
                                              "token_url", "scope", "redirection_url")}
    master, slave = pty.openpty()
    err_path = tmp_path / "stderr.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("BROWSER", "DISPLAY",
                                                            "WAYLAND_DISPLAY")}
    with open(err_path, "w") as err:
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, json.dumps(values)],
                                stdin=slave, stdout=subprocess.PIPE, stderr=err, env=env)
    os.close(slave)
    try:
        text = _wait_for(err_path, "then press Enter", proc)
        assert "no browser can be started here" in text
        url = [ln.strip() for ln in text.splitlines() if "/authorize?" in ln][0]
        # The person opens the address elsewhere; that browser cannot reach this
        # machine's localhost, so the person copies the address it was sent to.
        try:
            urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect).open(url)
            raise AssertionError("the authorization server did not redirect")
        except urllib.error.HTTPError as e:
            location = e.headers["Location"]
        os.write(master, b"something else\n")
        _wait_for(err_path, "that is not the address", proc)
        os.write(master, location.encode() + b"\n")
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    lines = out.decode().splitlines()
    assert lines[0] == "OK", lines
    issued = {hashlib.sha256(t.access_token.encode()).hexdigest() for t in server.issued()}
    assert lines[1] in issued
    assert proc.returncode == 0


def test_no_paste_prompt_when_stdin_is_not_a_terminal(server, run):
    import threading

    r = run(token_cache=False, oauth_timeout=10)

    def person():
        for _ in range(400):
            if "/authorize?" in r.stderr.getvalue():
                break
            time.sleep(0.02)
        url = [ln.strip() for ln in r.stderr.getvalue().splitlines() if "/authorize?" in ln][0]
        try:
            urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect).open(url)
        except urllib.error.HTTPError as e:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                e.headers["Location"], timeout=5).close()

    t = threading.Thread(target=person)
    t.start()
    tok = r.call("AuthIdentify", make_params(server))
    t.join()
    assert not tok.is_null(), r.rt.error.message
    assert "paste" not in r.stderr.getvalue()
