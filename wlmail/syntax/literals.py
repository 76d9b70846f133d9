"""A literal's value from its text in the script.  The parser builds literals with these;
the parse cache stores where each literal is in the script, never what it says, and reads
the values back from the script's text with the same functions (docs/language.md)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .source import multiline_value


def unquote(raw: str) -> str:
    if raw[0] == '"':
        return raw[1:-1].replace('""', '"')
    if raw[0] == "`" or raw[0] == "\u201c":   # backticks; typographic quotes “...”
        return raw[1:-1]
    return raw


# ---- durations (branch smallforms): `30s`, `3 min 30 s` (PC SOFT, "Duration") ----------
DURATION_UNITS_MS = {"ms": 1, "s": 1000, "min": 60_000, "mn": 60_000, "h": 3_600_000,
                     "d": 86_400_000, "j": 86_400_000}


def duration_ms(text: str) -> int:
    """Milliseconds in a duration literal (the lexer checked its shape)."""
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([a-zA-Z]+)", text):
        total += float(number) * DURATION_UNITS_MS[unit.lower()]
    return round(total)


def number(text: str) -> int | float:
    if text[:2].lower() == "0x":
        return int(text, 16)
    if "." in text or "e" in text.lower():
        return float(text)
    return int(text)


def string(kind: str, raw: str) -> str:
    """The value of a string token (`kind`: STRING, BSTRING or MLSTRING) written `raw`."""
    return multiline_value(raw) if kind == "MLSTRING" else unquote(raw)


def interpolation(value: str) -> Iterator[tuple[bool, str]]:
    """`value` cut into its text pieces and its `[% expr %]` expressions, in order, as
    (is_expression, text); empty text pieces are left out.  ValueError, when it comes to
    it, for a `[%` that is not closed."""
    rest = value
    while "[%" in rest:
        before, _, after = rest.partition("[%")
        expr_text, sep, rest = after.partition("%]")
        if not sep:
            raise ValueError("`[%` without its `%]`")
        if before:
            yield False, before
        yield True, expr_text
    if rest:
        yield False, rest
