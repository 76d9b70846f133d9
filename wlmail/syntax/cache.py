"""A cache of parsed scripts, so a script that runs every night is not parsed (and Lark
not even imported) every night.

Entries live in `$XDG_CACHE_HOME/wlmail/parse/` (default `~/.cache/wlmail/parse/`),
keyed by the SHA-256 of wlmail's version, the grammar, the file name, the options that
change parsing, and the script's text.  A missing, stale or unreadable entry just means
parsing again; `WLMAIL_NO_PARSE_CACHE=1` turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .. import __version__
from . import ast
from .tables_generated import GRAMMAR_SHA256

# Bumped when what an entry holds changes shape (2: tokens are wlmail.syntax.lalr.Token).
_FORMAT = b"2"


def _folder() -> Path | None:
    if os.environ.get("WLMAIL_NO_PARSE_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wlmail" / "parse"


def _key(text: str, file: str, interpolate: bool) -> str:
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(_FORMAT)
    h.update(GRAMMAR_SHA256.encode())  # the grammar the parser's tables were made from
    h.update(f"\0{file}\0{int(interpolate)}\0".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def parse_cached(text: str, file: str, interpolate: bool = False) -> ast.Program:
    folder = _folder()
    entry = None
    if folder is not None:
        entry = folder / (_key(text, file, interpolate) + ".pickle")
        try:
            with open(entry, "rb") as fh:
                program = pickle.load(fh)
            if isinstance(program, ast.Program):
                return program
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                IndexError, TypeError, ValueError, RecursionError):
            program = None  # no entry, or one from another version: parse again
    from .parser import parse
    program = parse(text, file, interpolate)
    if entry is not None:
        _store(entry, program)
    return program


def _store(entry: Path, program: ast.Program) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(program, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return  # a cache that cannot be written only costs the next run a parse
