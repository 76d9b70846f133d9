"""Numbers to text and back, and the few numeric functions scripts use with them."""
from __future__ import annotations

import math
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ...registry import function
from ..context import Context
from ..errors import Err, WLFatal
from ..values import format_real, to_real, to_str, val

# WLanguage's numeric format: [alignment][sign][0][width][.decimals][type]
# "-" aligns left, "=" centres, "+" always shows the sign, "0" pads with zeros.
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*\Z")
_FORMAT = re.compile(r"(?P<align>[-=])?(?P<sign>\+)?(?P<zero>0)?(?P<width>\d+)?"
                     r"(?:\.(?P<prec>\d+))?(?P<type>[dfeoxX])?\Z")


def _round_half_away(x: float, decimals: int = 0) -> Decimal:
    # Decimal from the shortest repr: 2.675 rounds to 2.68 as a person expects,
    # not to 2.67 as binary floating point would.
    q = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP)


def _number(v: Any, fn: str) -> int | float:
    try:
        return to_real(v)
    except WLFatal:
        raise WLFatal(f"{fn}: {to_str(v)!r} is not a number", Err.ARGUMENT_TYPE) from None


@function("NumToString", "NumériqueVersChaîne", returns="string")
def num_to_string(rt: Context, number: Any, fmt: Any = None) -> str:
    """The number as text; with a format such as "5d", "05d", "-8d", "+d", ".2f",
    "10.3f", "x" (hexadecimal), "X", "o" (octal), "e" (scientific)."""
    n = _number(number, "NumToString")
    if fmt is None or to_str(fmt) == "" or not math.isfinite(n):
        return format_real(n) if isinstance(n, float) else str(n)
    spec = to_str(fmt)
    m = _FORMAT.match(spec)
    if not m:
        raise WLFatal(f'NumToString: "{spec}" is not a number format', Err.ARGUMENT_TYPE)
    kind = m.group("type") or ("d" if m.group("prec") is None else "f")
    prec = m.group("prec")
    if kind == "d":
        body = str(int(_round_half_away(n)))
    elif kind == "f":
        body = str(_round_half_away(n, int(prec) if prec is not None else 6))
    elif kind == "e":
        body = f"{n:.{int(prec) if prec is not None else 6}e}"
    else:
        i = int(_round_half_away(n))
        body = ("-" if i < 0 else "") + format(abs(i), kind)
    if m.group("sign") and not body.startswith("-"):
        body = "+" + body
    width = int(m.group("width") or 0)
    if len(body) >= width:
        return body
    if m.group("zero") and not m.group("align"):
        sign = body[0] if body[0] in "+-" else ""
        return sign + body[len(sign):].rjust(width - len(sign), "0")
    if m.group("align") == "-":
        return body.ljust(width)
    if m.group("align") == "=":
        return body.center(width)
    return body.rjust(width)


_DIGITS = {"x": (16, "0123456789abcdef"), "o": (8, "01234567"), "b": (2, "01")}


@function("Val", "Val", returns="real")
def val_(rt: Context, s: Any, fmt: Any = None) -> int | float:
    """The number at the start of the text, or 0 when there is none. A format "x",
    "o" or "b" reads hexadecimal, octal or binary digits."""
    if fmt is None or to_str(fmt).lower() in ("", "d"):
        return val(s)
    kind = to_str(fmt).lower()
    if kind not in _DIGITS:
        raise WLFatal(f'Val: "{to_str(fmt)}" is not a format (use "d", "x", "o" or "b")',
                      Err.ARGUMENT_TYPE)
    base, digits = _DIGITS[kind]
    text = to_str(s).strip().lower()
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if kind == "x" and text.startswith("0x"):
        text = text[2:]
    n = 0
    for c in text:
        if c not in digits:
            break
        n = n * base + digits.index(c)
    return sign * n


@function(("IsNumeric", "NumericalValue"), "EstNumérique", returns="boolean")
def is_numeric(rt: Context, v: Any) -> bool:
    """True for a number, or a text that is entirely a number."""
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and bool(_NUMBER.match(v))


@function("Round", "Arrondi", returns="real")
def round_(rt: Context, number: Any, decimals: Any = 0) -> int | float:
    """The number rounded half away from zero to `decimals` places (negative: tens, hundreds...)."""
    n = _number(number, "Round")
    d = int(_number(decimals, "Round"))
    if not math.isfinite(n):
        return n
    r = _round_half_away(n, d)
    return int(r) if d <= 0 else float(r)


@function("IntegerPart", "PartieEntière", returns="int")
def integer_part(rt: Context, number: Any) -> int:
    """The number without its decimals (toward zero)."""
    n = _number(number, "IntegerPart")
    if not math.isfinite(n):
        raise WLFatal(f"IntegerPart: {format_real(n)} has no integer part", Err.ARGUMENT_TYPE)
    return int(n)


@function("Abs", "Abs", returns="real")
def abs_(rt: Context, number: Any) -> int | float:
    """The absolute value."""
    return abs(_number(number, "Abs"))


@function("Max", "Max", returns="real")
def max_(rt: Context, first: Any, *rest: Any) -> Any:
    """The largest of the values (numbers, or texts compared as texts)."""
    values = (first,) + rest
    if all(isinstance(v, str) for v in values):
        return max(values)
    return max(_number(v, "Max") for v in values)


@function("Min", "Min", returns="real")
def min_(rt: Context, first: Any, *rest: Any) -> Any:
    """The smallest of the values (numbers, or texts compared as texts)."""
    values = (first,) + rest
    if all(isinstance(v, str) for v in values):
        return min(values)
    return min(_number(v, "Min") for v in values)


@function("Random", "Hasard", returns="real")
def random_(rt: Context, low: Any = None, high: Any = None) -> int | float:
    """Random(): a real in [0, 1); Random(n): an integer from 1 to n;
    Random(a, b): an integer from a to b."""
    if low is None:
        return random.random()
    a = int(_number(low, "Random"))
    if high is None:
        a, b = 1, a
    else:
        b = int(_number(high, "Random"))
    if a > b:
        a, b = b, a
    return random.randint(a, b)
