"""The grammar, `wlmail/grammar/wlanguage.lark`, shipped inside the package as data and read
from here only, with `importlib.resources` (so it is found wherever wlmail is installed): by
the generator of the parser's tables (`tables.py`) and by the tests.  A run does not read
it: it runs the tables generated from it (`tables_generated.py`)."""
from __future__ import annotations

import hashlib
from importlib.resources import files

_text: str | None = None


def grammar_text() -> str:
    global _text
    if _text is None:
        _text = (files("wlmail") / "grammar" / "wlanguage.lark").read_text(encoding="utf-8")
    return _text


def grammar_digest() -> str:
    """SHA-256 of the grammar's text, as the generated tables record it."""
    return hashlib.sha256(grammar_text().encode("utf-8")).hexdigest()
