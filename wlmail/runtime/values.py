"""WLanguage values in Python.

int -> int, real -> float, string -> str, boolean -> bool, buffer -> bytes,
date/time/datetime -> str in WLanguage's own formats (YYYYMMDD, HHMMSSCC,
YYYYMMDDHHMMSSCC), Null -> None, arrays -> `WLArray`, objects -> `WLObject`
subclasses declared in the registry.  Nothing here knows the grammar.
"""
from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Self

from .errors import Err, WLFatal

Null = None

MAX_TEXT = 100_000_000
"""The longest string or buffer (in characters or bytes) a script may build: 100 million.
Longer is always a runaway (a string doubled in a loop, a length read from the wrong
variable) and would exhaust the memory; checked before the text is made."""
MAX_ARRAY = 10_000_000
"""The most elements an array may hold: 10 million (a declared size or its growth)."""


def text_too_long(length: int, what: str = "a string") -> WLFatal:
    # A length computed by a runaway can have more digits than Python prints.
    shown = f"{length:,}" if length < 10**18 else "over 10**18"
    return WLFatal(f"{what} would be {shown} characters long, more than the "
                   f"{MAX_TEXT:,} a string may hold", Err.ARGUMENT_TYPE)


def array_too_big(size: int) -> WLFatal:
    shown = f"{size:,}" if size < 10**18 else "over 10**18"
    return WLFatal(f"an array of {shown} elements is more than the {MAX_ARRAY:,} an array "
                   f"may hold", Err.INDEX_OUT_OF_RANGE)

_NUMBER_RE = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*\Z")
_INT_RE = re.compile(r"\s*[+-]?\d+\s*\Z")
_LEADING_NUMBER_RE = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def format_real(x: float) -> str:
    """Up to 15 significant digits, no trailing zeros: 2.5, 5, 0.3."""
    if x != x or x in (math.inf, -math.inf):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = f"{x:.15g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{exp}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def to_str(v: Any) -> str:
    t = type(v)
    if t is str:
        return v
    if t is int:
        return str(v)
    if t is bool:
        return "1" if v else "0"
    if t is float:
        return format_real(v)
    if v is None:
        return ""
    if t is bytes:
        return v.decode("utf-8", "replace")
    if isinstance(v, WLObject):
        return v.wl_str()
    if isinstance(v, WLArray):
        return CR.join(to_str(x) for x in v.items)
    return str(v)


_SECRET_TEXTS: set[str] = set()
"""Every text that went into or came out of a secret property (a Password, a
ClientSecret, a token's Value) or a secret argument in this process: an error message
never quotes one (`s.Port = p` where p holds the password)."""


def remember_secret(v: Any) -> None:
    if type(v) is str and v:
        _SECRET_TEXTS.add(v)


def holds_secret(text: str) -> bool:
    """Whether `text` holds a remembered secret (as itself or inside a longer text)."""
    return any(secret in text for secret in _SECRET_TEXTS)


def shown_value(text: str) -> str:
    """A value as an error message quotes it: shortened, and `***` for a secret."""
    if holds_secret(text):
        return "***"
    return text if len(text) <= 40 else text[:37] + "..."


def _conversion_error(v: Any, target: str) -> WLFatal:
    if isinstance(v, (WLObject, WLArray)) or hasattr(type(v), "WL_DESCRIPTION"):
        # Never the object's text: an AuthToken's text is its secret value.
        return WLFatal(f"cannot convert {describe(v)} to {target}", Err.CONVERSION)
    shown = shown_value(v if isinstance(v, str) else to_str(v))
    e = WLFatal(f'cannot convert "{shown}" to {target}', Err.CONVERSION)
    e.value_text = shown
    return e


def to_text(v: Any) -> str:
    """Conversion on assignment to a string: like `to_str`, but an array or an object
    is not text (concatenation and output stay lenient and use `to_str`)."""
    if type(v) is str:
        return v
    if not is_text_like(v):
        raise WLFatal(f"cannot convert {describe(v)} to a string", Err.CONVERSION)
    return to_str(v)


def is_text_like(v: Any) -> bool:
    """Whether a value has a text form: not an array, and not an object unless its type
    gives one (an AuthToken's text is its Value, as in WINDEV)."""
    t = type(v)
    if t is str or t is int or t is float:
        return True
    if isinstance(v, WLArray):
        return False
    if isinstance(v, WLObject):
        return type(v).wl_str is not WLObject.wl_str
    # An associative array, a stack or a queue is no more text than an array is.
    return getattr(t, "WL_TEXT", True)


def to_int(v: Any) -> int:
    t = type(v)
    if t is int:
        return v
    if t is bool:
        return int(v)
    if t is float:
        if v != v or v in (math.inf, -math.inf):
            raise _conversion_error(v, "an integer")
        return int(v)  # truncates toward zero
    if t is str:
        if _INT_RE.match(v):
            return int(v)
        if v.strip() == "":
            return 0
        if _NUMBER_RE.match(v):
            try:
                return int(float(v))
            except OverflowError:    # "1e999"
                raise _conversion_error(v, "an integer") from None
        raise _conversion_error(v, "an integer")
    if v is None:
        return 0
    raise _conversion_error(v, "an integer")


def to_real(v: Any) -> float | int:
    t = type(v)
    if t is float or t is int:
        return v
    if t is bool:
        return int(v)
    if t is str:
        if v.strip() == "":
            return 0
        if _INT_RE.match(v):
            return int(v)
        if _NUMBER_RE.match(v):
            return float(v)
        raise _conversion_error(v, "a real")
    if v is None:
        return 0
    raise _conversion_error(v, "a real")


def to_number(v: Any) -> int | float:
    """For arithmetic: a number stays as it is, text must be a number."""
    t = type(v)
    if t is int or t is float:
        return v
    return to_real(v)


def to_bool(v: Any) -> bool:
    t = type(v)
    if t is bool:
        return v
    if t is int or t is float:
        return v != 0
    if t is str:
        s = v.strip()
        if s == "":
            return False
        low = s.lower()
        if low in ("true", "vrai"):
            return True
        if low in ("false", "faux"):
            return False
        if _NUMBER_RE.match(s):
            return float(s) != 0
        raise _conversion_error(v, "a boolean")
    if v is None:
        return False
    if isinstance(v, WLObject):
        return not v.is_null()
    return bool(v)


def to_buffer(v: Any) -> bytes:
    if type(v) is bytes:
        return v
    if v is None:
        return b""
    return to_str(v).encode("utf-8")


def val(v: Any) -> int | float:
    """`Val()`: lenient, the leading number or 0."""
    if type(v) in (int, float):
        return v
    s = to_str(v)
    m = _LEADING_NUMBER_RE.match(s)
    if not m:
        return 0
    text = m.group(0)
    try:
        return int(text)
    except ValueError:
        return float(text)


CR = "\r\n"


class WLType:
    """A declared type. Primitive types are singletons below; arrays and objects are
    built by `array_of` and the registry."""

    __slots__ = ("kind", "name", "elem", "cls", "size", "convert", "_default")

    def __init__(self, kind: str, name: str, convert: Callable[[Any], Any] | None,
                 default: Any = None, elem: WLType | None = None, cls: type[WLObject] | None = None,
                 size: int | None = None):
        self.kind = kind
        self.name = name
        self.elem = elem
        self.cls = cls
        self.size = size
        self._default = default
        self.convert = convert if convert is not None else self._convert_complex

    def copy_array(self, v: WLArray) -> WLArray:
        """A new array of this type holding copies of `v`'s elements (`<=`, ArrayCopy,
        a LOCAL parameter): nested arrays and objects are copied too."""
        elem = self.elem
        assert elem is not None
        out = WLArray(elem)
        conv = elem.convert
        out.items = [conv(x.copy() if isinstance(x, (WLArray, WLObject)) else x)
                     for x in v.items]
        if self.size:
            out.fixed = True
        return out

    def copy_value(self, v: Any) -> Any:
        """`v` assigned by copy (`<=`): an array's elements are copied, anything else is
        converted as `=` converts it (which copies collections and objects)."""
        if isinstance(v, WLArray):
            if self.kind == "array":
                return self.copy_array(v)
            if self.kind == "variant":
                return v.copy()
        return self.convert(v)

    def default(self) -> Any:
        if self.kind == "array":
            elem = self.elem
            assert elem is not None   # array_of always gives one
            arr = WLArray(elem)
            if self.size:
                if self.size > MAX_ARRAY:
                    raise array_too_big(self.size)
                arr.items = [elem.default() for _ in range(self.size)]
                arr.fixed = True
            return arr
        if self.kind == "object":
            assert self.cls is not None   # the registry always gives one
            return self.cls()
        return self._default

    def _convert_complex(self, v: Any) -> Any:
        if self.kind == "array":
            if isinstance(v, WLArray):
                # PC SOFT, "Assignment operators" (doc.windev.com/?1515003): `=` between
                # arrays makes the destination a reference to the source.  Only an array
                # of the same element type (and, for a fixed array, of its size) can be
                # shared; any other is copied into the declared type (docs/language.md).
                elem = self.elem
                assert elem is not None
                same = v.elem is elem or v.elem.name == elem.name
                if same and (not self.size or (v.fixed and len(v.items) == self.size)):
                    return v
                return self.copy_array(v)
            raise WLFatal(f"cannot assign {describe(v)} to an array", Err.CONVERSION)
        if self.kind == "object":
            cls = self.cls
            assert cls is not None
            if v is None:
                return cls()
            if isinstance(v, cls):
                return v.copy()
            convert_from = getattr(self.cls, "convert_from", None)
            if convert_from is not None:
                got = convert_from(v)
                if got is not None:
                    return got
            raise WLFatal(f"cannot assign {describe(v)} to a variable of type {self.name}",
                          Err.CONVERSION)
        return v

    def __repr__(self) -> str:
        return f"WLType({self.name})"


def _to_variant(v: Any) -> Any:
    # A Variant holds a copy of arrays and objects, like any other assignment.
    if isinstance(v, WLArray):
        return v.copy()
    if isinstance(v, WLObject):
        return v.copy()
    return v


T_INT = WLType("int", "int", to_int, 0)
T_REAL = WLType("real", "real", to_real, 0)
T_STRING = WLType("string", "string", to_text, "")
T_BOOL = WLType("boolean", "boolean", to_bool, False)
T_BUFFER = WLType("buffer", "buffer", to_buffer, b"")
T_VARIANT = WLType("variant", "Variant", _to_variant, None)
T_DATE = WLType("date", "date", to_text, "")
T_TIME = WLType("time", "time", to_text, "")
T_DATETIME = WLType("datetime", "datetime", to_text, "")

PRIMITIVES: dict[str, WLType] = {
    t.kind: t for t in (T_INT, T_REAL, T_STRING, T_BOOL, T_BUFFER, T_VARIANT, T_DATE,
                        T_TIME, T_DATETIME)
}


_SIZED_WORDS = frozenset({"int", "integer", "entier", "unsigned", "sans", "signe", "on", "sur",
                          "byte", "bytes", "octet", "octets", "system", "systeme"})
_SIZED_TYPES: dict[tuple[int, bool], WLType] = {}


def sized_int(folded: str) -> WLType | None:
    """The integer type of a qualified spelling (folded: lower case, no accents):
    `4-byte int`, `int on 8 bytes`, `unsigned 1-byte int`, `entier sans signe sur 2
    octets`, `unsigned int` (4 bytes), `byte`/`octet` (unsigned, 1), `system int` (8:
    the 64-bit configuration).  None when the text is not one of these (plain `int`
    has no size limit)."""
    words = re.findall(r"\d+|[a-z]+", folded)
    if not words or any(not w.isdigit() and w not in _SIZED_WORDS for w in words):
        return None
    numbers = [int(w) for w in words if w.isdigit()]
    unsigned = "unsigned" in words or ("sans" in words and "signe" in words)
    has_int = any(w in ("int", "integer", "entier") for w in words)
    if not has_int:
        if words not in (["byte"], ["octet"]):
            return None
        size, unsigned = 1, True
    elif numbers:
        if len(numbers) != 1 or numbers[0] not in (1, 2, 4, 8):
            return None
        size = numbers[0]
    elif "system" in words or "systeme" in words:
        size = 8
    elif unsigned:
        size = 4
    else:
        return None
    key = (size, unsigned)
    typ = _SIZED_TYPES.get(key)
    if typ is None:
        typ = _SIZED_TYPES[key] = _make_sized(size, unsigned)
    return typ


_QUALIFIED_RE = re.compile(
    r"(?:(?P<n1>\d+)-byte (?P<r1>real|reel)"
    r"|(?P<r2>real|reel) (?:on|sur) (?P<n2>\d+) (?:bytes?|octets?)"
    r"|(?P<s>(?:ansi |unicode )?(?:string|chaine)(?: ansi| unicode)?) (?:on|sur) (?P<len>\d+))\Z")


def qualified_type(folded: str) -> WLType | None:
    """Reals and strings with a size: `4-byte real`, `réel sur 8 octets`, `string on 50`,
    `chaîne sur 20` (folded text).  None when the text is not one of these."""
    m = _QUALIFIED_RE.match(" ".join(folded.split()))
    if m is None:
        return None
    if m.group("len") is not None:
        length = int(m.group("len"))
        if length < 1:
            return None
        return _fixed_string(length)
    size = int(m.group("n1") or m.group("n2"))
    if size == 8:
        return T_REAL
    if size != 4:
        return None
    return _REAL4


def _to_real4(v: Any) -> float:
    # A 4-byte real keeps what a C float keeps: its value goes through one, and is
    # read back to 7 significant digits (0.1 stays 0.1, 1/3 becomes 0.3333333).
    x = float(to_real(v))
    try:
        single = struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        raise _conversion_error(v, "a 4-byte real") from None
    return float(f"{single:.7g}")


_REAL4 = WLType("real", "4-byte real", _to_real4, 0)


def _fixed_string(length: int) -> WLType:
    def convert(v: Any) -> str:
        # PC SOFT's fixed strings hold at most their length; longer text is cut.
        return to_text(v)[:length]
    return WLType("string", f"string on {length}", convert, "")


def _make_sized(size: int, unsigned: bool) -> WLType:
    bits = 8 * size
    span = 1 << bits
    low = 0 if unsigned else -(span >> 1)

    def convert(v: Any) -> int:
        # PC SOFT gives the ranges, not what a value outside them becomes: the value
        # keeps its low bytes, as stored on `size` bytes (docs/language.md).
        n = to_int(v)
        if low <= n < low + span:
            return n
        return (n - low) % span + low
    name = f"{'unsigned ' if unsigned else ''}{size}-byte int"
    return WLType("int", name, convert, 0)


def array_of(elem: WLType, size: int | None = None) -> WLType:
    name = f"array of {size} {elem.name}" if size else f"array of {elem.name}"
    return WLType("array", name, None, elem=elem, size=size)


def describe(v: Any) -> str:
    if v is None:
        return "Null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int):
        return "an integer"
    if isinstance(v, float):
        return "a real"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, bytes):
        return "a buffer"
    if isinstance(v, WLArray):
        return "an array"
    if isinstance(v, WLObject):
        name = v.wl_type_name()
        return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
    # The collections of runtime/collections.py say what they are.
    return getattr(type(v), "WL_DESCRIPTION", None) or type(v).__name__


class WLArray:
    """A 1-based WLanguage array (dynamic, or fixed when declared with a size)."""

    __slots__ = ("elem", "items", "fixed", "on_grow")

    def __init__(self, elem: WLType | None = None, items: list | None = None):
        self.elem = elem if elem is not None else T_VARIANT
        self.items = items if items is not None else []
        self.fixed = False
        # The global Email structure raises its Nb* counters when an array grows.
        self.on_grow: Callable[[int], None] | None = None

    def __len__(self) -> int:
        return len(self.items)

    def _check(self, index: Any) -> int:
        i = to_int(index)
        if i < 1 or i > len(self.items):
            raise WLFatal(f"index {i} is out of range (the array has {len(self.items)} "
                          f"element{'s' if len(self.items) != 1 else ''})",
                          Err.INDEX_OUT_OF_RANGE)
        return i

    def get(self, index: Any) -> Any:
        return self.items[self._check(index) - 1]

    def set(self, index: Any, value: Any) -> None:
        i = to_int(index)
        value = self.elem.convert(value)
        if i == len(self.items) + 1 and not self.fixed:
            # WLanguage grows a dynamic array by one on assignment just past its end.
            self.check_room()
            self.items.append(value)
            if self.on_grow:
                self.on_grow(len(self.items))
            return
        self.items[self._check(i) - 1] = value

    def add(self, value: Any) -> int:
        if self.fixed:
            raise WLFatal("cannot add to a fixed-size array", Err.INDEX_OUT_OF_RANGE)
        self.check_room()
        self.items.append(self.elem.convert(value))
        if self.on_grow:
            self.on_grow(len(self.items))
        return len(self.items)

    def check_room(self) -> None:
        """A fatal error when one more element would be more than MAX_ARRAY."""
        if len(self.items) >= MAX_ARRAY:
            raise array_too_big(len(self.items) + 1)

    def delete_all(self) -> None:
        if self.fixed:
            self.items = [self.elem.default() for _ in self.items]
        else:
            self.items.clear()
        if self.on_grow:
            self.on_grow(0)

    def copy(self) -> WLArray:
        out = WLArray(self.elem, [x.copy() if isinstance(x, (WLArray, WLObject)) else x
                                  for x in self.items])
        out.fixed = self.fixed
        return out

    def __repr__(self) -> str:
        return f"WLArray({self.items!r})"


class WLObject:
    """Base of every WLanguage object type (Email, emailSMTPSession, AuthToken...).

    Subclasses declare `PROPERTIES` (see `wlmail.registry.Property`) and become WLanguage
    types with `@DECLARE.wltype`; each property is an ordinary Python attribute (`attr`)
    holding a Python value, so the email layer reads `session.server_address` and never
    sees the interpreter.  A subclass may define `set_<attr>(value)` to take over assignment.
    """

    PROPERTIES: ClassVar[tuple] = ()
    METHODS: ClassVar[dict[str, str]] = {}
    TYPE_NAME: ClassVar[str] = "object"
    # Set by the registry when the class is declared (`@DECLARE.wltype`).
    REGISTRY_ENTRY: ClassVar[Any]

    if TYPE_CHECKING:
        # The properties are attributes made from PROPERTIES at run time: declared once
        # there, so the type checker reads them as Any rather than from a second list.
        def __getattr__(self, name: str) -> Any: ...
        def __setattr__(self, name: str, value: Any) -> None: ...

    def __init__(self) -> None:
        for p in self.PROPERTIES:
            setattr(self, p.attr, p.make_default())

    def wl_type_name(self) -> str:
        return self.TYPE_NAME

    def is_null(self) -> bool:
        return False

    def wl_str(self) -> str:
        return self.TYPE_NAME

    def wl_get(self, prop: Any) -> Any:
        value = getattr(self, prop.attr)
        if prop.secret:
            remember_secret(value)     # a token's Value the script reads
        return value

    def wl_set(self, prop: Any, value: Any) -> None:
        if prop.secret:
            remember_secret(value)
        custom = getattr(self, "set_" + prop.attr, None)
        if custom is not None:
            custom(value)
        else:
            # An array property takes a copy: the object (a message in the spool...)
            # must not change when the script's array does afterwards.
            setattr(self, prop.attr, prop.wl_type.copy_value(value))

    def copy(self) -> Self:
        other = type(self).__new__(type(self))
        for k, v in self.__dict__.items():
            if isinstance(v, (WLArray, WLObject)):
                v = v.copy()
            elif isinstance(v, list):
                v = list(v)
            elif isinstance(v, dict):
                v = dict(v)
            other.__dict__[k] = v
        return other


# ---- Duration (branch smallforms) ------------------------------------------------------
# PC SOFT, "Duration (Variable type)" (doc.windev.com/?1514069): an interval held to the
# millisecond; as text "+DHHMMSSCCC" (days, hours, minutes, seconds, thousandths); an
# integer stands for milliseconds.  The builtins domain declares its properties.
_DURATION_FACTORS = {"in_milliseconds": 1, "in_seconds": 1000, "in_minutes": 60_000,
                     "in_hours": 3_600_000, "in_days": 86_400_000}
# Components: (size of the unit in ms, how many of them make the next unit up).
_DURATION_PARTS = {"millisecond": (1, 1000), "second": (1000, 60), "minute": (60_000, 60),
                   "hour": (3_600_000, 24), "day": (86_400_000, None)}
_DURATION_TEXT = re.compile(r"\s*([+-]?)(\d+)(\d\d)(\d\d)(\d\d)(\d\d\d)\s*\Z")
_READABLE_PART = re.compile(r"(?i)\s*(\d+(?:[.,]\d+)?)\s*(ms|sec|s|min|mn|h|d|j)\b\s*")
_READABLE_MS = {"ms": 1, "s": 1000, "sec": 1000, "min": 60_000, "mn": 60_000,
                "h": 3_600_000, "d": 86_400_000, "j": 86_400_000}


def readable_duration_ms(text: str) -> int | None:
    """Milliseconds in "30 s", "1 min 30 s", "500 ms", "2 h", "1 d"; None otherwise."""
    pos, total, seen = 0, 0.0, False
    for m in _READABLE_PART.finditer(text):
        if m.start() != pos:
            return None
        total += float(m.group(1).replace(",", ".")) * _READABLE_MS[m.group(2).lower()]
        pos, seen = m.end(), True
    return round(total) if seen and pos == len(text) else None


class Duration(WLObject):
    """A Duration value: a signed whole number of milliseconds."""

    TYPE_NAME = "Duration"

    def __init__(self, ms: int = 0) -> None:
        self.ms = int(ms)

    def wl_str(self) -> str:
        sign = "-" if self.ms < 0 else "+"
        rest, millis = divmod(abs(self.ms), 1000)
        rest, seconds = divmod(rest, 60)
        rest, minutes = divmod(rest, 60)
        days, hours = divmod(rest, 24)
        return f"{sign}{days}{hours:02d}{minutes:02d}{seconds:02d}{millis:03d}"

    def wl_get(self, prop: Any) -> Any:
        factor = _DURATION_FACTORS.get(prop.attr)
        if factor is not None:
            whole, part = divmod(self.ms, factor)
            return whole if part == 0 else self.ms / factor
        unit, count = _DURATION_PARTS[prop.attr]
        value = abs(self.ms) // unit
        return value % count if count is not None else value

    def wl_set(self, prop: Any, value: Any) -> None:
        factor = _DURATION_FACTORS.get(prop.attr)
        if factor is not None:
            self.ms = round(to_number(value) * factor)
            return
        unit, count = _DURATION_PARTS[prop.attr]
        sign = -1 if self.ms < 0 else 1
        magnitude = abs(self.ms)
        old = (magnitude // unit) % count if count is not None else magnitude // unit
        self.ms = sign * (magnitude - old * unit + to_int(value) * unit)

    @classmethod
    def convert_from(cls, v: Any) -> Duration | None:
        if isinstance(v, Duration):
            return Duration(v.ms)
        t = type(v)
        if t is int or t is bool:
            return Duration(int(v))
        if t is float:
            return Duration(round(v))
        if t is str:
            if v.strip() == "":
                return Duration(0)
            m = _DURATION_TEXT.match(v)
            if m:
                sign, d, h, mi, s, ms = m.groups()
                total = (((int(d) * 24 + int(h)) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(ms)
                return Duration(-total if sign == "-" else total)
            got = readable_duration_ms(v)
            if got is not None:
                return Duration(got)
            raise _conversion_error(v, "a Duration")
        return None


_MOMENT_DIGITS = re.compile(r"\s*(\d+)\s*\Z")


def moment_ms(kind: str, v: Any) -> int:
    """A date ("YYYYMMDD"), a time ("HHMM", "HHMMSS", "HHMMSSCC", "HHMMSSmmm") or a
    datetime (a date followed by a time) as milliseconds: what `-` between two of them
    measures (PC SOFT, "Duration (Variable type)": `EndTime - StartTime` is a Duration).
    A time's missing digits are zeros ("1330" is 13:30)."""
    text = to_str(v)
    m = _MOMENT_DIGITS.match(text)
    date_part, time_part = "", ""
    if m is not None:
        digits = m.group(1)
        if kind == "time":
            time_part = digits
        elif kind == "date":
            date_part = digits
        else:
            date_part, time_part = digits[:8], digits[8:]
    if m is None or (kind != "time" and len(date_part) != 8) or len(time_part) > 9:
        raise _conversion_error(v, f"a {kind}")
    ms = 0
    if date_part:
        import datetime as _dt  # here: a script that subtracts no dates does not pay for it
        try:
            day = _dt.date(int(date_part[:4]), int(date_part[4:6]), int(date_part[6:8]))
        except ValueError:
            raise _conversion_error(v, f"a {kind}") from None
        ms = day.toordinal() * 86_400_000
    if time_part:
        t = time_part.ljust(8, "0")
        hh, mi, ss = int(t[0:2]), int(t[2:4]), int(t[4:6])
        sub = int(t[6:]) * (10 if len(t) == 8 else 1)     # hundredths, or thousandths
        if hh > 23 or mi > 59 or ss > 59:
            raise _conversion_error(v, f"a {kind}")
        ms += ((hh * 60 + mi) * 60 + ss) * 1000 + sub
    return ms


def duration_ms_of(v: Any, op: str) -> int | float:
    """The other operand of a Duration operation, in milliseconds."""
    if isinstance(v, Duration):
        return v.ms
    if isinstance(v, (WLArray, WLObject)):
        raise WLFatal(f"`{op}` cannot be used on {describe(v)} and a Duration", Err.ARGUMENT_TYPE)
    if type(v) is str:
        got = Duration.convert_from(v)
        assert got is not None
        return got.ms
    return to_number(v)


def duration_arith(op: str, a: Any, b: Any) -> Any:
    """`+ - * /` where one side is a Duration: durations add and subtract (a number is
    milliseconds), scale by a number, and divide into a number or a real ratio."""
    da, db = isinstance(a, Duration), isinstance(b, Duration)
    if op in ("+", "-"):
        x, y = duration_ms_of(a, op), duration_ms_of(b, op)
        return Duration(round(x + y if op == "+" else x - y))
    if op == "*":
        if da and db:
            raise WLFatal("`*` cannot multiply two Durations", Err.ARGUMENT_TYPE)
        d, n = (a, b) if da else (b, a)
        return Duration(round(d.ms * to_number(n)))
    if op == "/":
        if not da:
            raise WLFatal("`/` cannot divide a number by a Duration", Err.ARGUMENT_TYPE)
        if db:
            if b.ms == 0:
                raise WLFatal("division by zero", Err.DIVISION_BY_ZERO)
            return a.ms / b.ms
        n = to_number(b)
        if n == 0:
            raise WLFatal("division by zero", Err.DIVISION_BY_ZERO)
        return Duration(round(a.ms / n))
    raise WLFatal(f"`{op}` cannot be used on a Duration", Err.ARGUMENT_TYPE)
