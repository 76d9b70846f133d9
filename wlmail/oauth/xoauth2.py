"""The XOAUTH2 SASL exchange as every protocol speaks it (SMTP `AUTH`, IMAP
`AUTHENTICATE`, POP3 `AUTH`): the client's response, the server's error answer decoded,
and the one refresh after a refusal.  The protocol layers (wlmail.email for SMTP,
wlmail.reading for IMAP and POP3) send the lines; what goes in them is decided here, once.

Google's description of the mechanism: https://developers.google.com/gmail/imap/xoauth2-protocol
(the same for Microsoft 365).
"""
from __future__ import annotations

import base64
import binascii
import inspect
import json
from typing import Any

from .. import oauth as _package
from ..safetext import printable
from .state import OAuthState


def initial_response(user: str, access_token: str) -> bytes:
    """The client's response, base64-encoded, ready to go on the line:
    `user=USER^Aauth=Bearer TOKEN^A^A`."""
    return base64.b64encode(f"user={user}\x01auth=Bearer {access_token}\x01\x01".encode())


def describe_error(challenge: str | bytes) -> str:
    """The server's error answer (a base64 JSON object sent as a continuation before its
    final refusal) as `status=401, schemes=bearer, scope=...`; "" when it is not one.
    What the server put in it is shown escaped: it is untrusted text."""
    text = challenge.decode("ascii", "replace") if isinstance(challenge, bytes) else challenge
    text = text.strip()
    if not text:
        return ""
    try:
        data = json.loads(base64.b64decode(text + "=" * (-len(text) % 4), validate=True))
    except (binascii.Error, ValueError):   # not base64 JSON: the final reply says enough
        return ""
    if not isinstance(data, dict):
        return ""
    parts = [f"{k}={data[k]}" for k in ("status", "schemes", "scope") if k in data]
    return printable(", ".join(parts), keep_newlines=False)


def refresh_after_refusal(rt: Any, token: Any) -> str:
    """Refresh `token` in place after a server refused it: "" when it was refreshed (the
    caller tries once more), else the words to add to the refusal it reports."""
    # Looked up on the package at each call: the one name the tests replace.
    refreshed = _package.refresh_for_smtp(rt, token)
    if inspect.isawaitable(refreshed):
        refreshed = rt.run_async(refreshed)
    if refreshed:
        return ""
    why = OAuthState.of(rt).last_refresh_error
    return "the token could not be refreshed" + (f" ({why})" if why else "")
