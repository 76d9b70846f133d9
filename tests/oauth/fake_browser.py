"""A stand-in for a person's browser, installed as $BROWSER by the tests.

Called as `browser URL`: fetches the authorization address, takes the redirect the
authorization server answers with, and follows it to wlmail's loopback listener, as a
browser would.  WLMAIL_TEST_BROWSER_MODE picks what the "person" does:

  follow        approve (the default)
  deny          click "Deny" (the request carries decision=deny)
  tamper-state  the redirect arrives with another state (a forged answer)
  tamper-pkce   the authorization request carries another PKCE challenge
  nothing       never come back (a person who walked away)

Each call appends one line to WLMAIL_TEST_BROWSER_LOG (the mode and the listener's HTTP
status), so tests can tell whether a browser was started at all.
WLMAIL_TEST_BROWSER_CAFILE, when set, is the CA the browser trusts for https pages.
"""
import base64
import hashlib
import os
import ssl
import sys
import urllib.error
import urllib.request
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def replace_param(url, name, value):
    parts = urlsplit(url)
    query = [(k, value if k == name else v) for k, v in parse_qsl(parts.query,
                                                                    keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def log(line):
    path = os.environ.get("WLMAIL_TEST_BROWSER_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def main():
    url = sys.argv[1]
    mode = os.environ.get("WLMAIL_TEST_BROWSER_MODE", "follow")
    if mode == "nothing":
        log("nothing")
        return 0
    if mode == "deny":
        url += "&decision=deny"
    if mode == "tamper-pkce":
        other = base64.urlsafe_b64encode(hashlib.sha256(b"x" * 64).digest()).rstrip(b"=")
        url = replace_param(url, "code_challenge", other.decode())
    # Loopback only: never through a proxy from the environment.
    handlers = [urllib.request.ProxyHandler({})]
    cafile = os.environ.get("WLMAIL_TEST_BROWSER_CAFILE")
    if cafile:
        handlers.append(urllib.request.HTTPSHandler(
            context=ssl.create_default_context(cafile=cafile)))
    opener = urllib.request.build_opener(*handlers, NoRedirect)
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        opener.open(url, timeout=10)
        log(f"{mode} no-redirect")
        return 1
    except urllib.error.HTTPError as e:
        if e.code not in (301, 302, 303, 307):
            log(f"{mode} authorize-status {e.code}")
            return 1
        location = e.headers["Location"]
    if mode == "tamper-state":
        location = replace_param(location, "state", "forged-state-value")
    try:
        with direct.open(location, timeout=10) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    log(f"{mode} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
