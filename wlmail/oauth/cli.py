"""`wlmail auth list` and `wlmail auth clear`: what the token store holds, and forgetting it.

Neither prints a token: `list` shows where each token is from, when it expires and
whether it can be refreshed.  `clear` only forgets tokens on this computer; revoking the
application's access is done at the provider (docs/oauth.md says where).
"""
from __future__ import annotations

from typing import TextIO
from urllib.parse import urlsplit

from . import clock
from .store import Entry, TokenStore
from .types import local_datetime

USAGE = """\
usage: wlmail auth list
       wlmail auth clear [ID ...]

  list         show the OAuth tokens wlmail keeps (never the tokens themselves)
  clear        forget every stored token
  clear ID...  forget the tokens with these ids (as `wlmail auth list` shows them)

Tokens are kept in {dir}
"""


def _when(epoch: float | None) -> str:
    if epoch is None:
        return "no expiry given"
    d = local_datetime(epoch)
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"


def _describe(e: Entry, now: float) -> list[str]:
    t = e.token
    url = urlsplit(e.key.token_url)
    if t.expires_at is None:
        status = "valid (no expiry given)"
    elif now < t.expires_at:
        status = f"valid until {_when(t.expires_at)}"
    else:
        status = f"expired {_when(t.expires_at)}"
    lines = [f"{e.key.id}",
             f"  token endpoint  {url.netloc}{url.path}",
             f"  client id       {e.key.client_id}",
             f"  scope           {e.key.scope or '(none)'}"]
    if e.key.additional_parameters:
        lines.append(f"  parameters      {e.key.additional_parameters}")
    lines.append(f"  access token    {status}")
    lines.append("  refresh token   " + ("kept: an expired access token is renewed without "
                                         "the browser" if t.refresh_token else "none"))
    return lines


def auth_command(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run `wlmail auth ...` with the arguments after `auth`; returns the exit status."""
    args = list(argv)
    if args and args[0] == "auth":
        args = args[1:]
    store = TokenStore()
    if not args or args[0] in ("-h", "--help", "help"):
        out = stdout if args else stderr
        out.write(USAGE.format(dir=store.dir))
        return 0 if args else 2
    cmd, rest = args[0], args[1:]
    if cmd in ("list", "clear") and store.problem():
        stderr.write(f"wlmail auth {cmd}: {store.problem()}\n")
        return 1
    if cmd == "list":
        if rest:
            stderr.write(f"wlmail auth list: unexpected argument {rest[0]!r}\n")
            return 2
        entries = store.entries()
        if not entries:
            stdout.write(f"No OAuth tokens stored (in {store.dir}).\n")
            return 0
        now = clock.now()
        stdout.write(f"{len(entries)} OAuth token{'s' if len(entries) != 1 else ''} "
                     f"stored in {store.dir}:\n")
        for e in entries:
            stdout.write("\n".join(_describe(e, now)) + "\n")
        return 0
    if cmd == "clear":
        entries = store.entries()
        if rest:
            chosen = []
            for wanted in rest:
                matches = [e for e in entries if wanted and e.key.id.startswith(wanted)]
                if len(matches) != 1:
                    why = "no stored token" if not matches else "more than one stored token"
                    stderr.write(f"wlmail auth clear: {why} with id {wanted!r} "
                                 "(see `wlmail auth list`)\n")
                    return 1
                if matches[0] not in chosen:
                    chosen.append(matches[0])
        else:
            chosen = entries
        for e in chosen:
            try:
                store.remove(e)
            except OSError as err:
                stderr.write(f"wlmail auth clear: cannot remove {e.path}: "
                             f"{err.strerror or err}\n")
                return 1
        n = len(chosen)
        stdout.write(f"Forgot {n} stored OAuth token{'s' if n != 1 else ''}. To revoke "
                     "wlmail's access at the provider as well, see docs/oauth.md.\n")
        return 0
    stderr.write(f"wlmail auth: unknown command {cmd!r}\n" + USAGE.format(dir=store.dir))
    return 2
