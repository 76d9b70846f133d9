"""XOAUTH2 for IMAP (`AUTHENTICATE XOAUTH2`) and POP3 (`AUTH XOAUTH2`), and starting a
session with an AuthToken: refused once, refreshed, tried once more (as SMTP does).

What goes on the line and how the server's error answer reads come from
`wlmail.oauth.xoauth2`, shared with SMTP; only the protocol framing is here.  Gmail and
Microsoft 365 accept nothing else for IMAP and POP3.  No message here ever holds the
token: only the mechanism, the user name and the server's words (shown escaped).
"""
from __future__ import annotations

import imaplib
import poplib
from collections.abc import Callable
from typing import Any

from ..oauth.xoauth2 import describe_error, initial_response, refresh_after_refusal
from ..runtime.errors import Err
from ..safetext import printable
from .client import MailboxError

# Lines longer than this go in two steps (command, then the response after the
# server's "+"): RFC 5034 limits a POP3 AUTH line with its initial response to 255
# octets; IMAP has no such rule, but servers cut lines at about 8 KB (Dovecot 64 KB),
# and a Microsoft token is about 2 KB.
POP3_INITIAL_LIMIT = 255
IMAP_INITIAL_LIMIT = 8000


class TokenRefused(MailboxError):
    """The server refused the access token (not a time-out, not a closed connection):
    a refreshed token may be accepted."""

    def __init__(self, message: str) -> None:
        super().__init__("auth", message)


def _refusal(mechanism: str, user: str, final: str, detail: str) -> TokenRefused:
    text = printable(final.strip(), keep_newlines=False) or "(no reason given)"
    return TokenRefused(f'the access token for "{user}" was refused ({mechanism}): {text}'
                        + (f" ({detail})" if detail else ""))


class _Continuations:
    """The client's side of the "+" continuations: the response once if it was not on
    the command line, then the empty line that answers an error answer."""

    def __init__(self, response: bytes) -> None:
        self.response = response
        self.challenges: list[bytes] = []

    def answer(self, challenge: bytes | None) -> bytes:
        self.challenges.append(challenge or b"")
        response, self.response = self.response, b""
        return response


def imap_xoauth2(client: imaplib.IMAP4, user: str, access_token: str) -> None:
    """`AUTHENTICATE XOAUTH2`, with the response on the command line when the server
    offers SASL-IR (RFC 4959), else after its first "+"."""
    blob = initial_response(user, access_token)
    if "AUTH=XOAUTH2" not in client.capabilities:
        offered = " ".join(c for c in client.capabilities if c.startswith("AUTH=")) or "none"
        raise MailboxError("auth_not_offered", f"the IMAP server does not offer XOAUTH2, "
                                               f"which an AuthToken needs (it offers {offered})")
    inline = "SASL-IR" in client.capabilities and \
        len(b"a001 AUTHENTICATE XOAUTH2 " + blob) <= IMAP_INITIAL_LIMIT
    exchange = _Continuations(b"" if inline else blob)
    if client.state != "NONAUTH":
        raise MailboxError("protocol", f"AUTHENTICATE in state {client.state}")
    # imaplib's `authenticate` neither sends an initial response nor hands over the raw
    # challenge; its continuation hook (`literal` set to a bound method, what
    # `authenticate` itself does) sends our lines as they are.
    client.literal = exchange.answer  # type: ignore[assignment]
    try:
        args = ("XOAUTH2", blob.decode("ascii")) if inline else ("XOAUTH2",)
        typ, data = client._simple_command("AUTHENTICATE", *args)
    finally:
        client.literal = None
    if typ == "OK":
        client.state = "AUTH"
        return
    errors = [c for c in exchange.challenges if c.strip()]
    detail = describe_error(errors[-1]) if errors else ""
    final = data[-1].decode("utf-8", "replace") if data and isinstance(data[-1], bytes) \
        else str(data)
    if "[UNAVAILABLE]" in final.upper():
        # The server could not check the token now: refreshing it would not help.
        raise MailboxError("protocol", f"the IMAP server could not check the access token "
                                       f"now: {printable(final, keep_newlines=False)}")
    raise _refusal("AUTHENTICATE XOAUTH2", user, final, detail)


def pop3_xoauth2(client: poplib.POP3, user: str, access_token: str) -> None:
    """`AUTH XOAUTH2` (RFC 5034), the response inline when the line stays within 255
    octets, else after the server's "+"."""
    blob = initial_response(user, access_token).decode("ascii")
    try:
        sasl = client.capa().get("SASL")
    except poplib.error_proto:   # no CAPA (RFC 2449 is optional): try AUTH all the same
        sasl = None
    if sasl is not None and "XOAUTH2" not in [m.upper() for m in sasl]:
        raise MailboxError("auth_not_offered", f"the POP3 server does not offer XOAUTH2, which "
                                               f"an AuthToken needs (it offers SASL "
                                               f"{' '.join(sasl) or 'none'})")
    detail = ""
    try:
        if len("AUTH XOAUTH2 " + blob) <= POP3_INITIAL_LIMIT:
            resp = client._shortcmd("AUTH XOAUTH2 " + blob)  # type: ignore[attr-defined]
        else:
            resp = client._shortcmd("AUTH XOAUTH2")  # type: ignore[attr-defined]
            if not resp.startswith(b"+ ") and resp != b"+":
                raise MailboxError("protocol", f"the POP3 server answered AUTH XOAUTH2 with "
                                               f"{printable(resp.decode('utf-8', 'replace'))}")
            resp = client._shortcmd(blob)  # type: ignore[attr-defined]
        if resp.startswith(b"+OK"):
            return
        # "+ <base64 JSON>": the error answer; an empty line gets the final -ERR.
        detail = describe_error(resp[1:])
        client._shortcmd("")  # type: ignore[attr-defined]
    except poplib.error_proto as exc:
        raw = exc.args[0] if exc.args else b""
        final = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        if "[SYS/TEMP]" in final.upper() or "[IN-USE]" in final.upper():
            raise MailboxError("protocol", f"the POP3 server could not check the access "
                                           f"token now: {printable(final)}") from None
        raise _refusal("AUTH XOAUTH2", user, final, detail) from None
    raise MailboxError("protocol", "the POP3 server accepted AUTH XOAUTH2 without +OK")


def uses_token(session: Any) -> bool:
    token = getattr(session, "auth_token", None)
    return token is not None and not token.is_null()


def connect(rt: Any, session: Any, what: str, open_box: Callable[[], Any],
            guarded: Callable[..., Any]) -> Any:
    """`open_box()` (which reads the session's AuthToken when it logs in) through
    `guarded`; with an AuthToken the server refused and a refresh token, the token is
    refreshed in place and the connection opened once more.  None (and ErrorInfo) when
    the session could not start."""
    if not uses_token(session):
        return guarded(rt, session, what, open_box)
    token = session.auth_token
    refused: list[TokenRefused] = []

    def first() -> Any:
        try:
            return open_box()
        except TokenRefused as exc:
            if not token.refresh_token:
                raise
            refused.append(exc)
            return None

    box = guarded(rt, session, what, first)
    if box is not None or not refused:
        return box
    why_not = refresh_after_refusal(rt, token)
    if why_not:
        where = f"{session.PROTOCOL} server {session.server_address}:{session.effective_port()}"
        rt.fail(Err.AUTH_REFUSED, f"{what}: the {where} answered: {refused[0]}; {why_not}")
        return None
    return guarded(rt, session, what, open_box)
