"""Numbers to text and back, and the few numeric functions scripts use with them."""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from ...registry import Declarations
from ..context import Context
from ..errors import Err, WLFatal
from ..values import format_real, val
from .arguments import MAX_TEXT, integer, numeric, text, value_error

if TYPE_CHECKING:
    from decimal import Decimal

# `decimal` and `random` are imported by the functions that use them: a script that
# never rounds nor draws a number should not pay for them at each start (docs/packaging.md).

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()

# WLanguage's numeric format: [alignment][sign][0][width][.decimals][type]
# "-" aligns left, "=" centres, "+" always shows the sign, "0" pads with zeros.
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*\Z")
_FORMAT = re.compile(r"(?P<align>[-=])?(?P<sign>\+)?(?P<zero>0)?(?P<width>\d+)?"
                     r"(?:\.(?P<prec>\d+))?(?P<type>[dfeoxX])?\Z")


# The shortest repr of a double has no digit past the 341st decimal place (5e-324),
# so rounding to more places only adds zeros.
_EXACT_PLACES = 350


def _decimal(x: int | float) -> Decimal:
    # From the shortest repr: 2.675 rounds to 2.68 as a person expects, not to 2.67 as
    # binary floating point would. An integer is exact, whatever its size.
    from decimal import Decimal
    return Decimal(x) if isinstance(x, int) else Decimal(repr(x))


def _round_half_away(x: int | float, decimals: int = 0) -> Decimal:
    """`x` (finite) rounded half away from zero to `decimals` places (negative: tens...)."""
    from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, localcontext
    d = _decimal(x)
    # Rounding to a unit above the number gives 0, and the default context's 28 digits
    # would refuse 1e30 to 2 places: give the context every digit the result has.
    places = max(min(decimals, _EXACT_PLACES), -(d.adjusted() + 2))
    with localcontext() as ctx:
        ctx.prec = max(28, d.adjusted() + places + 3)
        ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
        r = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return r.copy_abs() if r.is_zero() else r


def _fixed(x: int | float, decimals: int, kind: str) -> str:
    """`x` (finite) as "f" (`decimals` places) or "e" text, rounded half away from zero."""
    from decimal import ROUND_HALF_UP, localcontext
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        body = format(_decimal(x), f".{decimals}{kind}")
    if kind == "e":
        # Decimal writes e+0; C and WINDEV write at least two exponent digits.
        body = re.sub(r"e([+-])(\d)\Z", r"e\g<1>0\2", body)
    if body.startswith("-") and not body.partition("e")[0].strip("-0."):
        body = body[1:]  # -0.4 to no decimals is 0, not -0
    return body


def _format_size(spec: str, digits: str | None, what: str) -> int | None:
    if digits is None:
        return None
    if len(digits) > len(str(MAX_TEXT)) or int(digits) > MAX_TEXT:
        raise WLFatal(f"NumToString: the {what} in the format is more than the "
                      f"{MAX_TEXT:,} characters a text may hold", Err.ARGUMENT_TYPE)
    return int(digits)


@DECLARE.function("NumToString", "NumériqueVersChaîne", returns="string", example="""
    Trace(NumToString(3.14159, "5.2f"))         // " 3.14"
""")
def num_to_string(rt: Context, number: Any, fmt: Any = None) -> str:
    """The number as text; with a format such as "5d", "05d", "-8d", "+d", ".2f",
    "10.3f", "x" (hexadecimal), "X", "o" (octal), "e" (scientific). Width and decimals
    are at most 100,000,000; an infinite or undefined real (Val("1e999")) is written
    inf, -inf or nan, padded to the width."""
    n = numeric("NumToString", number, "the number")
    spec = "" if fmt is None else text("NumToString", fmt, "the format")
    if spec == "":
        return format_real(n) if isinstance(n, float) else format(_decimal(n), "f")
    m = _FORMAT.match(spec)
    if not m:
        raise value_error("NumToString: {} is not a number format", fmt, spec, Err.ARGUMENT_TYPE)
    kind = m.group("type") or ("d" if m.group("prec") is None else "f")
    width = _format_size(spec, m.group("width"), "width") or 0
    prec = _format_size(spec, m.group("prec"), "number of decimals")
    finite = not isinstance(n, float) or math.isfinite(n)
    if not finite:
        body = format_real(n)
    elif kind == "d":
        body = _fixed(n, 0, "f")
    elif kind in "fe":
        body = _fixed(n, 6 if prec is None else prec, kind)
    else:
        i = int(_round_half_away(n))
        body = ("-" if i < 0 else "") + format(abs(i), kind)
    if m.group("sign") and not body.startswith("-"):
        body = "+" + body
    if len(body) >= width:
        return body
    if m.group("zero") and not m.group("align") and finite:
        sign = body[0] if body[0] in "+-" else ""
        return sign + body[len(sign):].rjust(width - len(sign), "0")
    if m.group("align") == "-":
        return body.ljust(width)
    if m.group("align") == "=":
        return body.center(width)
    return body.rjust(width)


_DIGITS = {"x": (16, "0123456789abcdef"), "o": (8, "01234567"), "b": (2, "01")}


@DECLARE.function("Val", "Val", returns="real", example="""
    Trace(Val("12") + 1)                        // 13
""")
def val_(rt: Context, s: Any, fmt: Any = None) -> int | float:
    """The number at the start of the text, or 0 when there is none. A format "x",
    "o" or "b" reads hexadecimal, octal or binary digits."""
    if not isinstance(s, (int, float)):
        s = text("Val", s)
    spec = "" if fmt is None else text("Val", fmt, "the format")
    if spec.lower() in ("", "d"):
        return val(s)
    kind = spec.lower()
    if kind not in _DIGITS:
        raise value_error('Val: {} is not a format (use "d", "x", "o" or "b")', fmt, spec,
                          Err.ARGUMENT_TYPE)
    base, digits = _DIGITS[kind]
    t = text("Val", s).strip().lower()
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-")
    if kind == "x" and t.startswith("0x"):
        t = t[2:]
    n = 0
    for c in t:
        if c not in digits:
            break
        n = n * base + digits.index(c)
    return sign * n


@DECLARE.function(("IsNumeric", "NumericalValue"), "EstNumérique", returns="boolean")
def is_numeric(rt: Context, v: Any) -> bool:
    """True for a number, or a text that is entirely a number."""
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and bool(_NUMBER.match(v))


@DECLARE.function("Round", "Arrondi", returns="real")
def round_(rt: Context, number: Any, decimals: Any = 0) -> int | float:
    """The number rounded half away from zero to `decimals` places (negative: tens, hundreds...)."""
    n = numeric("Round", number, "the number")
    d = integer("Round", decimals, "the number of decimals")
    if isinstance(n, float) and not math.isfinite(n):
        return n
    r = _round_half_away(n, d)
    # An integer stays exact: 10**400 has no real form.
    return int(r) if d <= 0 or isinstance(n, int) else float(r)


@DECLARE.function("IntegerPart", "PartieEntière", returns="int")
def integer_part(rt: Context, number: Any) -> int:
    """The number without its decimals (toward zero)."""
    n = numeric("IntegerPart", number, "the number")
    if isinstance(n, float) and not math.isfinite(n):
        raise WLFatal(f"IntegerPart: {format_real(n)} has no integer part", Err.ARGUMENT_TYPE)
    return int(n)


@DECLARE.function("Abs", "Abs", returns="real")
def abs_(rt: Context, number: Any) -> int | float:
    """The absolute value."""
    return abs(numeric("Abs", number, "the number"))


@DECLARE.function("Max", "Max", returns="real")
def max_(rt: Context, first: Any, *rest: Any) -> Any:
    """The largest of the values (numbers, or texts compared as texts)."""
    values = (first,) + rest
    if all(isinstance(v, str) for v in values):
        return max(values)
    return max(numeric("Max", v) for v in values)


@DECLARE.function("Min", "Min", returns="real")
def min_(rt: Context, first: Any, *rest: Any) -> Any:
    """The smallest of the values (numbers, or texts compared as texts)."""
    values = (first,) + rest
    if all(isinstance(v, str) for v in values):
        return min(values)
    return min(numeric("Min", v) for v in values)


@DECLARE.function("Random", "Hasard", returns="real")
def random_(rt: Context, low: Any = None, high: Any = None) -> int | float:
    """Random(): a real in [0, 1); Random(n): an integer from 1 to n;
    Random(a, b): an integer from a to b."""
    import random
    if low is None:
        return random.random()
    a = integer("Random", low, "the bound")
    if high is None:
        a, b = 1, a
    else:
        b = integer("Random", high, "the bound")
    if a > b:
        a, b = b, a
    return random.randint(a, b)
