"""PC SOFT's WLanguage names that wlmail does not provide, with their family.

The data is catalogue.json (package data): each entry was checked on PC SOFT's online
documentation (doc.windev.com), whose page is named in the entry.  It holds the names
met in WINDEV projects that send email (windows, HFSQL, reports, files, archives, FTP,
sockets, JSON, threads, HTTP) that a stored PC SOFT page confirms; docs/projects.md says
how complete it is.  A name missing here is reported as unknown.

It sits in the foundation (it knows only names) so that every unknown-name error can use
it: `wlmail check` and `wlmail run` of a plain script (the resolver), `wlmail inventory`
and the project commands (wlmail.project), `wlmail doc` (help.py).
"""
from __future__ import annotations

import re
from functools import cache

from .names import fold
from .records import record


@record(frozen=True)
class Entry:
    en: str          # the English name
    family: str      # "HFSQL database", "window/control"...
    kind: str        # "function" or "type"
    source: str      # the PC SOFT page that documents it


@cache
def _table() -> dict[str, list[Entry]]:
    # Read on the first unknown name, not at start-up: importlib.resources alone costs
    # a few milliseconds that a script with no error should not pay.
    import json
    from importlib import resources
    raw = json.loads(resources.files(__package__).joinpath("catalogue.json")
                     .read_text(encoding="utf-8"))
    out: dict[str, list[Entry]] = {}
    for item in raw["names"]:
        entry = Entry(item["en"], item["family"], item["kind"], item["source"])
        for spelling in dict.fromkeys(fold(s) for s in [item["en"], *item.get("fr", [])]):
            # Names fold alike across kinds (the function HTTPRequest, the type httpRequest).
            out.setdefault(spelling, []).append(entry)
    return out


def lookup(name: str, kind: str | None = None) -> Entry | None:
    """The entry of `name`; of that `kind` ("function" or "type") when two share it."""
    got = _table().get(fold(name))
    if not got:
        return None
    return next((e for e in got if e.kind == kind), got[0])


def entries() -> dict[str, tuple[str, str]]:
    """folded spelling -> (the English name, its family)."""
    return {k: (e[0].en, e[0].family) for k, e in _table().items()}


def family_of(name: str) -> str | None:
    got = lookup(name)
    return got.family if got else None


def not_provided(name: str, kind: str | None = None) -> str | None:
    """The message for a catalogued name used as `kind` ("function" or "type", default:
    the catalogue's), or None when the catalogue does not hold it."""
    got = lookup(name, kind)
    if got is None:
        return None
    return f"`{name}` is a WLanguage {got.family} {kind or got.kind} that wlmail does not provide"


_UNKNOWN = re.compile(r"unknown (function or procedure|type|variable) `([^`]+)`")
_NOT_PROVIDED = re.compile(r"`([^`]+)` is a WLanguage .+ (function|type) that wlmail does "
                           r"not provide")


def unknown_in(message: str) -> tuple[str, str] | None:
    """(what, name) when a diagnostic says a name is unknown or not provided: `what` is
    "function or procedure", "type" or "variable" (what the resolver looked for)."""
    m = _UNKNOWN.match(message)
    if m:
        return m.group(1), m.group(2)
    m = _NOT_PROVIDED.match(message)
    if m:
        return ("type" if m.group(2) == "type" else "function or procedure"), m.group(1)
    return None
