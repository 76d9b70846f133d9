"""What the built-ins accept as arguments.

A script's mistake in an argument (an array where a text is expected, an infinite count,
a length no memory could hold) must become a fatal error that names the function, never
a Python exception that ends the run as an internal error.
"""
from __future__ import annotations

from typing import Any

from ..errors import Err, WLFatal
from ..values import (
    MAX_TEXT,
    WLArray,
    WLObject,
    describe,
    is_text_like,
    shown_value,
    to_int,
    to_real,
    to_str,
)


def text(fn: str, value: Any, what: str = "the argument") -> str:
    """`value` as text for the function `fn`: numbers, booleans, buffers and Null convert
    as everywhere; an array, or an object without a text form, is a fatal error (as on
    assignment to a string: an Email reads as its subject, an AuthToken as its Value)."""
    if type(value) is str:
        return value
    if not is_text_like(value):
        raise WLFatal(f"{fn}: {what} must be a text, not {describe(value)}", Err.ARGUMENT_TYPE)
    return to_str(value)


def _prefixed(fn: str, e: WLFatal) -> WLFatal:
    out = WLFatal(f"{fn}: {e.message}", e.code, hint=e.hint)
    out.value_text = e.value_text
    return out


def value_error(template: str, value: Any, as_text: str, code: int) -> WLFatal:
    """A WLFatal showing a wrong value at `{}` in `template`: its text, quoted and
    shortened (the interpreter hides it when the line handles a secret), or for an array
    or an object only what it is (an AuthToken's text is its secret value)."""
    if isinstance(value, (WLArray, WLObject)):
        return WLFatal(template.format(describe(value)), code)
    shown = shown_value(as_text)
    e = WLFatal(template.format(f'"{shown}"'), code)
    e.value_text = shown
    return e


def integer(fn: str, value: Any, what: str = "the argument") -> int:
    """`value` as an integer for the function `fn` (a real is truncated)."""
    if isinstance(value, (WLArray, WLObject)):
        raise WLFatal(f"{fn}: {what} must be a number, not {describe(value)}", Err.ARGUMENT_TYPE)
    try:
        return to_int(value)
    except WLFatal as e:
        raise _prefixed(fn, e) from None
    except (OverflowError, ValueError):
        # "1e999" reads as an infinite real, and a text of thousands of digits is more
        # than Python converts: neither has an integer value a function could use.
        raise _unconvertible(fn, value, "an integer") from None


def numeric(fn: str, value: Any, what: str = "the argument") -> int | float:
    """`value` as a number (integer or real) for the function `fn`."""
    if isinstance(value, (WLArray, WLObject)):
        raise WLFatal(f"{fn}: {what} must be a number, not {describe(value)}", Err.ARGUMENT_TYPE)
    try:
        return to_real(value)
    except WLFatal as e:
        raise _prefixed(fn, e) from None
    except ValueError:
        raise _unconvertible(fn, value, "a number") from None


def _unconvertible(fn: str, value: Any, target: str) -> WLFatal:
    return value_error(f"{fn}: cannot convert {{}} to {target}", value, to_str(value),
                       Err.CONVERSION)


def check_length(fn: str, length: int, what: str = "the result") -> None:
    """A fatal error when a text of `length` characters would be longer than MAX_TEXT."""
    if length > MAX_TEXT:
        # A count computed by a runaway loop can have more digits than Python prints.
        shown = str(length) if length < 10**18 else "over 10**18"
        raise WLFatal(f"{fn}: {what} would be {shown} characters long, more than the "
                      f"{MAX_TEXT:,} a text may hold", Err.ARGUMENT_TYPE)
