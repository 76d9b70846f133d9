"""The grammar, `wlmail/grammar/wlanguage.lark`, shipped inside the package as data and read
from here only: the parser builds Lark from its text, the parse cache keys its entries on its
digest, the tests read its keyword table.  `importlib.resources` finds it wherever wlmail is
installed (a wheel, an editable checkout, a zip)."""
from __future__ import annotations

from importlib.resources import files

_text: str | None = None


def grammar_text() -> str:
    global _text
    if _text is None:
        _text = (files("wlmail") / "grammar" / "wlanguage.lark").read_text(encoding="utf-8")
    return _text
