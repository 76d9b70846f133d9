"""A cache of parsed scripts, so a script that runs every night is not parsed every night.

Entries live in `$XDG_CACHE_HOME/wlmail/parse/` (default `~/.cache/wlmail/parse/`), keyed
by a BLAKE2b digest (256 bits) of wlmail's version, the grammar the parser's tables were made from, the
file name, the options that change parsing, and the script's text.

What an entry may hold, and how it is read (docs/language.md, "the parse cache"):
- JSON, decoded into our AST classes only (no pickle: reading an entry runs no code);
- no literal of the script: a string or number is stored as where it is in the script, and
  read back from the script's text, which the key proves is the same.  A script with a
  literal that cannot be found that way (one inside `[% %]`) is not cached;
- the folders are the user's own and private (0700, made so if they were not), the files
  too (0600): anything else (another owner, a link, a file others can read or write) is
  not read, and nothing is written there.
A missing, stale, foreign or unreadable entry just means parsing again;
`WLMAIL_NO_PARSE_CACHE=1` turns the cache off.
"""
from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from .. import __version__
from . import ast, literals
from .compilation import DEFAULT, Configuration
from .source import fold_for_lexer
from .tables_generated import GRAMMAR_SHA256

# Bumped when what an entry holds changes shape (3: JSON, literals stored as positions).
_FORMAT = 3
_MAX_DEPTH = 400  # deeper trees are parsed again each time (the JSON codec recurses in C)
_NODES = {name: cls for name, cls in vars(ast).items()
          if isinstance(cls, type) and issubclass(cls, ast.Node)}
_MISSING = object()


class _NotCacheable(Exception):
    """A tree the cache cannot store (a literal it cannot find in the text again)."""


def _folder() -> Path | None:
    if os.environ.get("WLMAIL_NO_PARSE_CACHE") or not hasattr(os, "getuid"):
        return None  # no owner to check (Windows): no cache
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wlmail" / "parse"


def _private_folder(path: Path) -> bool:
    """`path` is a folder of ours, not a link, that nobody else can enter (made so when it
    was not: older versions left `wlmail/` open to reading)."""
    try:
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
            return False
        if st.st_mode & 0o077:
            os.chmod(path, 0o700)
    except OSError:
        return False
    return True


def _hasher() -> Any:
    try:
        # CPython's own BLAKE2, not hashlib's: importing hashlib loads OpenSSL's libcrypto,
        # a few milliseconds of every start for a digest Python computes itself.
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        import hashlib
        return hashlib.sha256()
    return blake2b(digest_size=32)


def _key(text: str, file: str, interpolate: bool,
         configuration: Configuration = DEFAULT) -> str:
    h = _hasher()
    h.update(__version__.encode())
    h.update(b"\0%d\0" % _FORMAT)
    h.update(GRAMMAR_SHA256.encode())  # the grammar the parser's tables were made from
    h.update(f"\0{file}\0{int(interpolate)}\0".encode())
    if configuration != DEFAULT:   # <COMPILE IF> chose by it (branch smallforms)
        h.update(f"{configuration.key()}\0".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def parse_cached(text: str, file: str, interpolate: bool = False,
                 configuration: Configuration = DEFAULT) -> ast.Program:
    folder = _folder()
    entry = None
    if folder is not None:
        entry = folder / (_key(text, file, interpolate, configuration) + ".json")
        program = _load(entry, text)
        if program is not None:
            return program
    from .parser import parse_with_origins  # the parser loads its tables: only on a miss
    program, origins = parse_with_origins(text, file, interpolate, configuration)
    if entry is not None:
        _store(entry, program, origins)
    return program


# ---- reading

def _load(entry: Path, text: str) -> ast.Program | None:
    if not (_private_folder(entry.parent.parent) and _private_folder(entry.parent)):
        return None
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        head, _, body = data.partition(b"\n")
        doc = json.loads(head)
        if doc["format"] != _FORMAT:
            return None
        values = [_literal_value(origin, text) for origin in doc["literals"]]
        program = json.loads(body, object_hook=lambda d: _decode(d, values))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        return None  # damaged, or from another version: parse again
    if not isinstance(program, ast.Program):
        return None
    program.text = text  # the one attribute not stored
    return program


def _literal_value(origin: list[Any], text: str) -> Any:
    orig = text if text.endswith("\n") else text + "\n"
    kind = origin[0]
    if kind == "string":
        return literals.string(origin[1], orig[origin[2]:origin[3]])
    if kind == "number":
        value = literals.number(fold_for_lexer(orig[origin[1]:origin[2]]))
        return -value if origin[3] else value
    if kind == "piece":  # a text piece of an interpolated string
        whole = literals.string(origin[1], orig[origin[2]:origin[3]])
        return [t for is_expr, t in literals.interpolation(whole) if not is_expr][origin[4]]
    raise ValueError(f"unknown literal origin {kind!r}")


def _decode(d: dict[str, Any], values: list[Any]) -> Any:
    """One JSON object of an entry, inner ones first: only our AST classes come out."""
    if "@" in d:
        cls = _NODES[d.pop("@")]
        node = cls.__new__(cls)
        for name, value in d.items():
            if value is not _MISSING:
                object.__setattr__(node, name, value)
        return node
    if "(" in d:
        return tuple(d["("])
    if "$" in d:
        return values[d["$"]]
    if "!" in d:
        return _MISSING
    raise ValueError("not an object of a parse cache entry")


# ---- writing

def _store(entry: Path, program: ast.Program, origins: dict[int, tuple[ast.Node, Any]]) -> None:
    found: list[list[Any]] = []
    try:
        encoded = _encode(program, origins, found, 0)
    except (_NotCacheable, RecursionError):
        return  # parsed again next time
    # Two lines: where the literals are (read first), then the tree that refers to them.
    data = (json.dumps({"format": _FORMAT, "literals": found}, separators=(",", ":")) + "\n"
            + json.dumps(encoded, separators=(",", ":"))).encode()
    try:
        _write_private(entry, data)
    except OSError:
        return  # a cache that cannot be written only costs the next run a parse


def _write_private(entry: Path, data: bytes) -> None:
    for folder in (entry.parent.parent, entry.parent):
        with contextlib.suppress(FileExistsError):   # an existing one is checked below too
            try:
                os.mkdir(folder, 0o700)
            except FileNotFoundError:
                folder.parent.mkdir(parents=True, exist_ok=True)
                os.mkdir(folder, 0o700)
        if not _private_folder(folder):
            return  # someone else's, or a link: leave it alone
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, entry)
    except BaseException:
        os.unlink(tmp)
        raise


def _encode(value: Any, origins: dict[int, tuple[ast.Node, Any]], found: list[list[Any]],
            depth: int) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value  # names, operators, positions, file names: not the script's literals
    if depth > _MAX_DEPTH:
        raise _NotCacheable
    if kind is list:
        return [_encode(v, origins, found, depth + 1) for v in value]
    if kind is tuple:
        return {"(": [_encode(v, origins, found, depth + 1) for v in value]}
    if not isinstance(value, ast.Node):
        raise _NotCacheable
    out: dict[str, Any] = {"@": kind.__name__}
    for name, role in _plan(kind):
        item: Any = getattr(value, name, _MISSING)
        if item is _MISSING:
            out[name] = {"!": 0}
        elif role is None:
            out[name] = _encode(item, origins, found, depth + 1)
        elif role == "text":
            out[name] = None  # the script itself: set again from the text read
        elif role == "value":
            out[name] = _encode_literal(item, origins.get(id(value)), found)
        else:
            out[name] = _encode_parts(item, origins.get(id(value)), origins, found, depth)
    return out


def _encode_literal(value: Any, origin: Any, found: list[list[Any]]) -> Any:
    if value is None or isinstance(value, bool):
        return value  # Null, True, False
    if origin is not None and origin[1][0] == "made":
        return value  # made by the builder (the 1 of `i++`), not read from the script
    if origin is None or origin[1][0] not in ("string", "number"):
        raise _NotCacheable  # a literal we could not read back from the script's text
    found.append(list(origin[1]))
    return {"$": len(found) - 1}


def _encode_parts(parts: list[Any], origin: Any, origins: dict[int, tuple[ast.Node, Any]],
                  found: list[list[Any]], depth: int) -> list[Any]:
    if origin is None or origin[1][0] != "interpolated":
        raise _NotCacheable
    _, kind, start, end = origin[1]
    out, piece = [], 0
    for part in parts:
        if isinstance(part, str):
            found.append(["piece", kind, start, end, piece])
            out.append({"$": len(found) - 1})
            piece += 1
        else:
            out.append(_encode(part, origins, found, depth + 1))
    return out


_PLANS: dict[type, list[tuple[str, str | None]]] = {}


def _plan(cls: type) -> list[tuple[str, str | None]]:
    """The attributes of an AST class (its slots, base classes first), each with what is
    special about it in an entry."""
    plan = _PLANS.get(cls)
    if plan is None:
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("__slots__", ()):
                if name not in names:
                    names.append(name)
        special = {(ast.Program, "text"): "text", (ast.Literal, "value"): "value",
                   (ast.Interpolated, "parts"): "parts"}
        plan = _PLANS[cls] = [(name, next((role for (base, attr), role in special.items()
                                          if attr == name and issubclass(cls, base)), None))
                              for name in names]
    return plan
