"""Folder names: IMAP's modified UTF-7 (RFC 3501 5.1.3: `Reçus` is `Re&AOc-us` on the
wire and in the folder names Dovecot writes in a Maildir++ tree), and the order in
which EmailListFolder shows them."""
from __future__ import annotations

import re


def utf7_encode(name: str) -> str:
    out, pending = [], ""

    def flush() -> None:
        if pending:
            import base64  # only for a folder name that is not ASCII
            b64 = base64.b64encode(pending.encode("utf-16-be")).decode("ascii")
            out.append("&" + b64.rstrip("=").replace("/", ",") + "-")

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            pending = ""
            out.append("&-" if ch == "&" else ch)
        else:
            pending += ch
    flush()
    return "".join(out)


def utf7_decode(name: str) -> str:
    def one(m: re.Match[str]) -> str:
        body = m.group(1)
        if not body:
            return "&"
        b64 = body.replace(",", "/")
        b64 += "=" * (-len(b64) % 4)
        try:
            import base64
            return base64.b64decode(b64).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return m.group(0)   # not modified UTF-7 after all: shown as the server wrote it
    return re.sub(r"&([A-Za-z0-9+,]*)-", one, name)




def sort_folders(names: list[str]) -> list[str]:
    # INBOX first, then the others in alphabetical order (servers list in any order).
    return sorted(names, key=lambda n: (n.upper() != "INBOX", n.casefold(), n))
