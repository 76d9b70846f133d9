"""PC SOFT's WLanguage names that wlmail does not provide, with their family.

The data is catalogue.json (package data): each entry was checked on PC SOFT's online
documentation (doc.windev.com), whose page is named in the entry.  It is small: names
met in WINDEV projects that send email (windows, HFSQL, reports, files, threads, HTTP);
docs/projects.md says how complete it is.  A name missing here is reported as unknown.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

from ..names import fold


@cache
def entries() -> dict[str, tuple[str, str]]:
    """folded spelling -> (the English name, its family)."""
    raw = json.loads(resources.files(__package__).joinpath("catalogue.json")
                     .read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for item in raw["names"]:
        for spelling in [item["en"], *item.get("fr", [])]:
            out[fold(spelling)] = (item["en"], item["family"])
    return out


def family_of(name: str) -> str | None:
    got = entries().get(fold(name))
    return got[1] if got else None
