"""The sign-in with a real browser: Debian's Chromium, headless, behind a small $BROWSER
wrapper (as root it needs --no-sandbox; the other flags keep it off the network).  .ci/run
installs the `chromium` package."""
from __future__ import annotations

import shutil
import stat
import time

from .helpers import free_port, make_params

WRAPPER = """#!/bin/sh
# $BROWSER for the tests: headless Chromium with a new empty profile, no network of its own.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 60 {chromium} --headless --no-sandbox --disable-gpu --disable-background-networking \\
  --disable-component-update --no-first-run --disable-sync --disable-quic \\
  --user-data-dir="$profile" --dump-dom "$1" >"{dom}" 2>/dev/null
"""


def test_sign_in_with_headless_chromium(server, run, tmp_path, monkeypatch):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium package is required (apt-get install chromium)"
    dom = tmp_path / "dom.html"
    wrapper = tmp_path / "chromium-browser"
    wrapper.write_text(WRAPPER.format(chromium=chromium, dom=dom))
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("BROWSER", str(wrapper))
    r = run(token_cache=False, oauth_timeout=60)
    tok = r.call("AuthIdentify", make_params(
        server, redirect=f"http://localhost:{free_port()}/wlmail/callback"))
    assert not r.rt.error.occurred, r.rt.error.message
    assert server.check_access_token(tok.value)
    # Chromium followed the redirect to wlmail's listener and showed its page.
    for _ in range(200):
        if dom.exists() and "</html>" in dom.read_text():
            break
        time.sleep(0.05)
    page = dom.read_text()
    assert "<title>Signed in</title>" in page and "You may close this window" in page

