"""Name folding: WLanguage names are case- and accent-insensitive.

`fold` gives the key every lookup uses; `fold_chars` keeps the text's length so the
lexer can work on a folded copy and still take names and strings from the original by
position.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


def _fold_char(ch: str) -> str:
    if ch < "\x80":
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    # Only strip accents from letters; other characters (quotes, symbols) keep their
    # identity so a string literal's delimiters are never changed.
    return base if base.isalpha() else ch


_TABLE: dict[int, str] = {}


def fold_chars(text: str) -> str:
    """Same-length copy with accents removed (é -> e, À -> A); case is kept."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch < "\x80":
            out.append(ch)
            continue
        folded = _TABLE.get(ord(ch))
        if folded is None:
            folded = _fold_char(ch)
            _TABLE[ord(ch)] = folded
        out.append(folded)
    return "".join(out)


@lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """The lookup key of a name: lower case, no accents."""
    return fold_chars(name).lower()


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def nearest(name: str, candidates: dict[str, str], limit: int | None = None,
            best: str | None = None, best_d: int | None = None) -> tuple[str | None, int]:
    """The candidate spelling closest to `name` within the limit, and its distance
    (limit + 1 when none), starting from a best already found (`best`, `best_d`)
    among other candidates: so that a large fixed set can be searched once."""
    key = fold(name)
    if limit is None:
        limit = 1 if len(key) <= 4 else 2 if len(key) <= 8 else 3
    if best_d is None:
        best, best_d = None, limit + 1
    n = len(key)
    for cand_key, shown in candidates.items():
        if abs(len(cand_key) - n) > limit:
            continue                     # edit_distance's own first test, without the call
        d = edit_distance(key, cand_key, limit)
        if d < best_d or (d == best_d and best is not None and len(shown) < len(best)):
            best, best_d = shown, d
    return best, best_d


def closest(name: str, candidates: dict[str, str], limit: int | None = None,
            start: tuple[str | None, int] | None = None) -> str | None:
    """The candidate spelling closest to `name` (keys of `candidates` are folded names,
    values the spelling to show), or None when nothing is close enough.  `start` is
    `nearest`'s answer for candidates searched before (they count as part of these)."""
    key = fold(name)
    if len(key) <= 2:
        return None  # a one- or two-letter name is close to too many others to guess
    best, _ = nearest(name, candidates, limit, *(start or (None, None)))
    return best if best is not None else affixed(name, candidates)


def affixed(name: str, candidates: dict[str, str]) -> str | None:
    """A candidate that only adds a prefix or suffix to `name` ("NbRecipient" for
    "Recipient"), for a name of 5 letters or more."""
    key = fold(name)
    if len(key) >= 5:
        for cand_key, shown in candidates.items():
            if cand_key.endswith(key) or cand_key.startswith(key):
                return shown
    return None
