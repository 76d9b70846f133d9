"""WLanguage's operators on run-time values: `+ - * / modulo`, comparisons, `~=`.

The code generator calls these from its closures (and inlines the int/str fast paths
before calling them); `SWITCH` uses `op_eq` and `compare` for its CASEs.
"""
from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any

from ..names import fold
from .collections import WLAssoc, WLSequence
from .enums import WLCombination, WLEnumValue, combine, enum_compare
from .errors import Err, WLFatal
from .objects import WLInstance
from .values import (
    MAX_TEXT,
    Duration,
    WLArray,
    WLObject,
    describe,
    duration_arith,
    duration_ms_of,
    is_text_like,
    text_too_long,
    to_number,
    to_str,
)


def _huge(op: str, x: int | float, y: int | float, exact: Callable[[Any, Any], Any]) -> float:
    """`x op y` when Python could not turn an integer into a real (OverflowError: it has
    more than 308 digits): the exact answer rounded to a real when it fits in one
    (10**400 * 0.0, 10**400 modulo 0.5), else a fatal error that says so."""
    if any(isinstance(v, float) and not math.isfinite(v) for v in (x, y)):
        # inf or nan decides: the integer stands for the largest real of its sign; where
        # the integer itself is the answer (fmod(x, inf) = x), that is too big.
        biggest = sys.float_info.max
        r = exact(*(math.copysign(biggest, 1 if v > 0 else -1) if isinstance(v, int) else v
                    for v in (x, y)))
        if math.isfinite(r) and abs(r) == biggest:
            raise _too_big(op)
        return r
    # Imported here: only integers past a real's range need it, and fractions (with
    # decimal) would cost every start-up a few milliseconds.
    from fractions import Fraction
    try:
        return float(exact(Fraction(x), Fraction(y)))
    except OverflowError:
        raise _too_big(op) from None


def _too_big(op: str) -> WLFatal:
    return WLFatal(f"`{op}`: the result is too big for a real (a real holds at most about "
                   f"1.8e308; only integers have no limit)", Err.CONVERSION)


def op_add(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return a + b
    if not (is_text_like(a) and is_text_like(b)):
        raise WLFatal(f"cannot add {describe(a)} and {describe(b)}", Err.ARGUMENT_TYPE)
    if ta is str:
        return concat(a, b if tb is str else to_str(b))
    if tb is str:
        return concat(to_str(a), b)
    if ta is bytes or tb is bytes:
        return concat(a if ta is bytes else to_str(a).encode(),
                      b if tb is bytes else to_str(b).encode())
    if ta is Duration or tb is Duration:
        return duration_arith("+", a, b)
    if ta is WLEnumValue or ta is WLCombination:    # Read + Write (a combination)
        both = combine(a, b)
        if both is not None:
            return both
    x, y = to_number(a), to_number(b)
    try:
        return x + y
    except OverflowError:
        return _huge("+", x, y, lambda p, q: p + q)


def concat(a: Any, b: Any) -> Any:
    """Two strings (or two buffers) joined, checked against MAX_TEXT before joining."""
    if len(a) + len(b) > MAX_TEXT:
        raise text_too_long(len(a) + len(b), "a buffer" if type(a) is bytes else "a string")
    return a + b


def num(v: Any, op: str) -> int | float:
    """`v` as a number for the arithmetic operator `op` (an array or object is an error)."""
    t = type(v)
    if t is int or t is float:
        return v
    if isinstance(v, (WLArray, WLObject)):
        raise WLFatal(f"`{op}` cannot be used on {describe(v)}", Err.ARGUMENT_TYPE)
    return to_number(v)


def op_sub(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a - b
    if type(a) is Duration or type(b) is Duration:
        return duration_arith("-", a, b)
    x, y = num(a, "-"), num(b, "-")
    try:
        return x - y
    except OverflowError:
        return _huge("-", x, y, lambda p, q: p - q)


def op_mul(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a * b
    if type(a) is Duration or type(b) is Duration:
        return duration_arith("*", a, b)
    x, y = num(a, "*"), num(b, "*")
    try:
        return x * y
    except OverflowError:
        return _huge("*", x, y, lambda p, q: p * q)


def op_div(a: Any, b: Any) -> Any:
    if type(a) is Duration or type(b) is Duration:
        return duration_arith("/", a, b)
    x, y = num(a, "/"), num(b, "/")
    if y == 0:
        raise WLFatal("division by zero", Err.DIVISION_BY_ZERO)
    try:
        return x / y
    except OverflowError:
        return _huge("/", x, y, lambda p, q: p / q)


def op_mod(a: Any, b: Any) -> Any:
    x, y = num(a, "modulo"), num(b, "modulo")
    if y == 0:
        raise WLFatal("division by zero (modulo)", Err.DIVISION_BY_ZERO)
    if type(x) is int and type(y) is int:
        # The sign follows the dividend, as in WLanguage (and C), not Python.
        r = abs(x) % abs(y)
        return -r if x < 0 else r
    try:
        return _fmod(x, y)
    except OverflowError:
        return _huge("modulo", x, y, _fmod)


def _fmod(x: Any, y: Any) -> Any:
    """math.fmod for Fractions too (the sign follows the dividend), and IEEE's nan for an
    infinite dividend where math.fmod raises ValueError."""
    if isinstance(x, float) and math.isinf(x):
        return math.nan
    if isinstance(x, (int, float)):
        return math.fmod(x, y)
    r = abs(x) % abs(y)       # a Fraction, from _huge: exact
    return -r if x < 0 else r


def _is_number_text(s: str) -> bool:
    try:
        float(s)
        return s.strip() != ""
    except ValueError:
        return False


def _null_equal(other: Any) -> bool:
    if other is None:
        return True
    if isinstance(other, WLObject):
        return other.is_null()
    if isinstance(other, WLArray):
        return len(other.items) == 0
    if isinstance(other, (WLAssoc, WLSequence)):    # an empty collection, as an array
        return len(other) == 0
    return other == "" or other == b""


def op_eq(a: Any, b: Any) -> bool:
    ta, tb = type(a), type(b)
    if ta is tb and (ta is int or ta is str or ta is float or ta is bool):
        return a == b
    if a is None:
        return _null_equal(b)
    if b is None:
        return _null_equal(a)
    if isinstance(a, WLInstance) or isinstance(b, WLInstance):
        return a is b        # objects of the script's classes: the same object, or not
    return compare(a, b) == 0


# What has no order and no text to compare by (collections: issue 9).
_CONTAINERS = (WLObject, WLArray, WLAssoc, WLSequence)
_ENUM_VALUES = (WLEnumValue, WLCombination)


def compare(a: Any, b: Any) -> int:
    """-1, 0 or 1, the way WLanguage orders two values (a numeric text against a number
    compares as numbers, otherwise as texts)."""
    ta, tb = type(a), type(b)
    num = (int, float, bool)
    if ta in num and tb in num:
        return (a > b) - (a < b)
    if ta is str and tb in num:
        if _is_number_text(a):
            x = float(a)
            return (x > b) - (x < b)
        b = to_str(b)
    elif tb is str and ta in num:
        if _is_number_text(b):
            y = float(b)
            return (a > y) - (a < y)
        a = to_str(a)
    if ta is Duration or tb is Duration:   # durations compare by length (a number: ms)
        x, y = duration_ms_of(a, "compare"), duration_ms_of(b, "compare")
        return (x > y) - (x < y)
    if type(a) in _ENUM_VALUES or type(b) in _ENUM_VALUES:
        return enum_compare(a, b)
    if isinstance(a, _CONTAINERS) or isinstance(b, _CONTAINERS):
        if a is b:
            return 0
        raise WLFatal(f"cannot compare {describe(a)} with {describe(b)}", Err.ARGUMENT_TYPE)
    if a is None:
        a = ""
    if b is None:
        b = ""
    if type(a) is bytes or type(b) is bytes:
        a = a if type(a) is bytes else to_str(a).encode()
        b = b if type(b) is bytes else to_str(b).encode()
    else:
        a, b = to_str(a), to_str(b)
    return (a > b) - (a < b)


def op_similar(a: Any, b: Any) -> bool:
    return fold(to_str(a).strip()) == fold(to_str(b).strip())


def _flexible(v: Any) -> str:
    """`~` operators: case and accents folded, spaces around removed (as `~=`)."""
    return fold(to_str(v).strip())


def _very_flexible(v: Any) -> str:
    """`~~` operators: case and accents folded, spaces and punctuation removed."""
    return "".join(c for c in fold(to_str(v)) if c.isalnum())


def _text_test(norm: Callable[[Any], str], test: Callable[[str, str], bool]
               ) -> Callable[[Any, Any], bool]:
    return lambda a, b: test(norm(a), norm(b))


def _exact(v: Any) -> str:
    return to_str(v)


def _starts(a: str, b: str) -> bool:
    return a.startswith(b)


def _contains(a: str, b: str) -> bool:
    return b in a


def _ends(a: str, b: str) -> bool:
    return a.endswith(b)


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": op_eq,
    "<>": lambda a, b: not op_eq(a, b),
    "<": lambda a, b: compare(a, b) < 0,
    "<=": lambda a, b: compare(a, b) <= 0,
    ">": lambda a, b: compare(a, b) > 0,
    ">=": lambda a, b: compare(a, b) >= 0,
    "~=": op_similar,
    # Text operators: starts with, contains, ends with; exact, `~` and `~~` forms.
    "~~": _text_test(_very_flexible, str.__eq__),
    "[=": _text_test(_exact, _starts),
    "[~": _text_test(_flexible, _starts),
    "[~~": _text_test(_very_flexible, _starts),
    "[=]": _text_test(_exact, _contains),
    "[~]": _text_test(_flexible, _contains),
    "[~~]": _text_test(_very_flexible, _contains),
    "=]": _text_test(_exact, _ends),
    "~]": _text_test(_flexible, _ends),
    "~~]": _text_test(_very_flexible, _ends),
}
ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": op_add, "-": op_sub, "*": op_mul, "/": op_div, "modulo": op_mod}
