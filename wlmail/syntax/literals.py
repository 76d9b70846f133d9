"""A literal's value from its text in the script.  The parser builds literals with these;
the parse cache stores where each literal is in the script, never what it says, and reads
the values back from the script's text with the same functions (docs/language.md)."""
from __future__ import annotations

from collections.abc import Iterator

from .source import multiline_value


def unquote(raw: str) -> str:
    if raw[0] == '"':
        return raw[1:-1].replace('""', '"')
    if raw[0] == "`":
        return raw[1:-1]
    return raw


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
