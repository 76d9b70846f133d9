"""The grammar, `wlmail/grammar/wlanguage.lark`, shipped inside the package as data and read
from here only (with `importlib.resources`, so it is found wherever wlmail is installed):
the parser's tables are made from it (`tables.py`), the parse cache keys its entries on its
digest, the tests read its keyword table.  Beside it, `wlanguage.tables.json` holds the
tables generated from it, which the parser loads instead of importing Lark."""
from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path

GRAMMAR_NAME = "wlanguage.lark"
TABLES_NAME = "wlanguage.tables.json"

_text: str | None = None
_digest: str | None = None


def _resource(name: str):
    return files("wlmail") / "grammar" / name


def grammar_text() -> str:
    global _text
    if _text is None:
        _text = _resource(GRAMMAR_NAME).read_text(encoding="utf-8")
    return _text


def grammar_digest() -> str:
    """SHA-256 of the grammar's text: what the shipped tables and cached parses were made from."""
    global _digest
    if _digest is None:
        _digest = hashlib.sha256(grammar_text().encode("utf-8")).hexdigest()
    return _digest


def shipped_tables() -> str | None:
    """The text of the generated tables shipped beside the grammar, or None when absent."""
    try:
        return _resource(TABLES_NAME).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


def package_grammar_dir() -> Path | None:
    """The grammar's folder when it is a plain folder (a checkout, not a zip)."""
    folder = _resource(GRAMMAR_NAME)
    return Path(str(folder)).parent if isinstance(folder, Path) else None
