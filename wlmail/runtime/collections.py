"""WLanguage's collection types beyond the plain array: associative arrays, stacks,
queues and lists (docs/language.md, "Collections").  Values, like values.py: nothing here knows
the grammar or the interpreter; the built-ins (runtime/builtins/collections.py) and the
code generator work on these classes.

- `WLAssoc`: `associative array (options, default, key type) of T` / `tableau associatif`.
  The keys keep the order they were first added in (what FOR EACH goes through); the
  options decide how two keys compare (ccIgnoreCase...) and whether a key may have
  several elements (WithDuplicates).
- `WLStack` / `WLQueue`: `stack of T` / `pile de T`, `queue of T` / `file de T`.
- `WLList`: `list of T` / `liste de T`.
"""
from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from typing import Any

from .errors import Err, WLFatal
from .values import (
    CR,
    MAX_ARRAY,
    T_BOOL,
    T_INT,
    T_REAL,
    T_STRING,
    WLArray,
    WLObject,
    WLType,
    array_too_big,
    describe,
    to_int,
    to_str,
)

# The options of an associative array (values of wlmail's own: PC SOFT documents the
# names, not the numbers).  WithoutDuplicates is the default.
WITHOUT_DUPLICATES = 0
WITH_DUPLICATES = 1
CC_IGNORE_CASE = 2
CC_IGNORE_ACCENT = 4
CC_IGNORE_SPACE = 8
CC_IGNORE_PUNCTUATION_AND_SPACE = 16

_ALL_OPTIONS = (WITH_DUPLICATES | CC_IGNORE_CASE | CC_IGNORE_ACCENT | CC_IGNORE_SPACE
                | CC_IGNORE_PUNCTUATION_AND_SPACE)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


def key_normaliser(options: int) -> Any:
    """How a key is compared under `options`: the text it is reduced to."""
    def normalise(key: Any) -> Any:
        if not isinstance(key, str):
            return key
        k = key
        if options & CC_IGNORE_PUNCTUATION_AND_SPACE:
            k = "".join(c for c in k if c.isalnum())
        elif options & CC_IGNORE_SPACE:
            k = k.strip()
        if options & CC_IGNORE_ACCENT:
            k = _strip_accents(k)
        if options & CC_IGNORE_CASE:
            k = k.casefold()
        return k
    return normalise


class WLAssoc:
    """An associative array: key -> element, keys kept in the order they came in.

    With `WithDuplicates` a key may have several elements: `entries` holds every element
    in the order they were added, and `data` the first element of each key (what `a[k]`
    reads)."""

    __slots__ = ("elem", "key_type", "options", "default_value", "data", "entries", "_norm")
    WL_DESCRIPTION = "an associative array"
    WL_TEXT = False           # not text: `+ "x"` and assigning it to a string are errors

    def __init__(self, elem: WLType, key_type: WLType = T_STRING, options: int = 0,
                 default_value: Any = None) -> None:
        self.elem = elem
        self.key_type = key_type
        self.options = options
        # What reading a key that is not there gives (the declaration's second option;
        # else the element type's default).
        self.default_value = default_value
        self.data: dict[Any, tuple[Any, Any]] = {}      # normalised key -> (key, element)
        # Every (normalised key, key, element) of an array WithDuplicates, else None.
        self.entries: list[tuple[Any, Any, Any]] | None = \
            [] if options & WITH_DUPLICATES else None
        self._norm = key_normaliser(options) if options & ~WITH_DUPLICATES else None

    def _key(self, key: Any) -> tuple[Any, Any]:
        k = self.key_type.convert(key)
        return (self._norm(k) if self._norm is not None else k), k

    def get(self, key: Any) -> Any:
        norm, _ = self._key(key)
        found = self.data.get(norm)
        if found is not None:
            return found[1]
        # WINDEV: reading an element that does not exist gives the default value and
        # adds nothing (docs/language.md).
        if self.default_value is not None:
            return self.elem.convert(self.default_value)
        return self.elem.default()

    def set(self, key: Any, value: Any) -> None:
        """`a[k] = v`: replaces k's element; WithDuplicates, adds another one for k."""
        norm, k = self._key(key)
        found = self.data.get(norm)
        value = self.elem.convert(value)
        if self.entries is not None:
            if len(self.entries) >= MAX_ARRAY:
                raise array_too_big(len(self.entries) + 1)
            self.entries.append((norm, k, value))
            if found is None:
                self.data[norm] = (k, value)
            return
        if found is None:
            if len(self.data) >= MAX_ARRAY:
                raise array_too_big(len(self.data) + 1)
            self.data[norm] = (k, value)
        else:
            self.data[norm] = (found[0], value)

    def exists(self, key: Any) -> bool:
        return self._key(key)[0] in self.data

    def delete(self, key: Any) -> bool:
        """Remove the key (WithDuplicates: all its elements); False when it is not there."""
        norm, _ = self._key(key)
        if self.data.pop(norm, None) is None:
            return False
        if self.entries is not None:
            self.entries = [e for e in self.entries if e[0] != norm]
        return True

    def delete_all(self) -> None:
        self.data.clear()
        if self.entries is not None:
            self.entries.clear()

    def keys(self) -> list[Any]:
        return [k for k, _ in self.pairs()]

    def pairs(self) -> list[tuple[Any, Any]]:
        """(key, element), in the order they came in: what FOR EACH gives."""
        if self.entries is not None:
            return [(k, v) for _, k, v in self.entries]
        return list(self.data.values())

    def count(self, key: Any) -> int:
        """How many elements the key has (0 or 1 without duplicates)."""
        norm, _ = self._key(key)
        if self.entries is not None:
            return sum(1 for e in self.entries if e[0] == norm)
        return 1 if norm in self.data else 0

    def __len__(self) -> int:
        return len(self.entries) if self.entries is not None else len(self.data)

    def copy(self) -> WLAssoc:
        out = WLAssoc(self.elem, self.key_type, self.options, self.default_value)
        for k, v in self.pairs():
            out.set(k, v.copy() if isinstance(v, (WLArray, WLObject, WLAssoc, WLSequence))
                    else v)
        return out

    def __repr__(self) -> str:
        return f"WLAssoc({self.pairs()!r})"

    def __str__(self) -> str:
        # As an array's text: the elements, one a line (Trace of a whole collection).
        return CR.join(to_str(v) for _, v in self.pairs())


class WLSequence(ABC):
    """A stack, a queue or a list: elements of one type, in a row."""

    __slots__ = ("elem", "items")
    KIND = ""
    WL_TEXT = False

    def __init__(self, elem: WLType) -> None:
        self.elem = elem
        self.items: list[Any] = []

    def put(self, value: Any) -> None:
        """Push, Enqueue, Add: an array is added as a copy, as ArrayAdd adds one."""
        if len(self.items) >= MAX_ARRAY:
            raise array_too_big(len(self.items) + 1)
        self.items.append(self.elem.copy_value(value))

    @abstractmethod
    def browse(self) -> list[Any]:
        """The elements in the order FOR EACH visits them."""

    def __len__(self) -> int:
        return len(self.items)

    def __str__(self) -> str:
        return CR.join(to_str(v) for v in self.browse())

    def copy(self) -> WLSequence:
        out = type(self)(self.elem)
        out.items = [v.copy() if isinstance(v, (WLArray, WLObject, WLAssoc, WLSequence)) else v
                     for v in self.items]
        return out


class WLTakenFromOneEnd(WLSequence):
    """A stack or a queue: its elements are taken from one end (Pop, Dequeue)."""

    __slots__ = ()

    @abstractmethod
    def take(self) -> tuple[bool, Any]:
        """(True, the element Pop / Dequeue removes), or (False, None) when it is empty."""


class WLStack(WLTakenFromOneEnd):
    """Last in, first out (Push / Pop)."""

    __slots__ = ()
    KIND = "stack"
    WL_DESCRIPTION = "a stack"

    def take(self) -> tuple[bool, Any]:
        if not self.items:
            return False, None
        return True, self.items.pop()

    def browse(self) -> list[Any]:
        # From the top of the stack down: the order Pop would give them.
        return self.items[::-1]


class WLQueue(WLTakenFromOneEnd):
    """First in, first out (Enqueue / Dequeue)."""

    __slots__ = ()
    KIND = "queue"
    WL_DESCRIPTION = "a queue"

    def take(self) -> tuple[bool, Any]:
        if not self.items:
            return False, None
        return True, self.items.pop(0)

    def browse(self) -> list[Any]:
        return list(self.items)


class WLList(WLSequence):
    """`list of T` / `liste de T` (PC SOFT, "List (Type of variable)",
    doc.windev.com/?1514023): elements added at the end or inserted at a position."""

    __slots__ = ()
    KIND = "list"
    WL_DESCRIPTION = "a list"

    def browse(self) -> list[Any]:
        return list(self.items)

    def _position(self, fn: str, index: Any, top: int) -> int:
        i = to_int(index)
        if i < 1 or i > top:
            n = len(self.items)
            raise WLFatal(f"{fn}: index {i} is out of range (the list has {n} "
                          f"element{'s' if n != 1 else ''})", Err.INDEX_OUT_OF_RANGE)
        return i

    def insert(self, fn: str, index: Any, value: Any) -> int:
        """Insert at `index` (1-based; count + 1 appends); returns the index."""
        i = self._position(fn, index, len(self.items) + 1)
        if len(self.items) >= MAX_ARRAY:
            raise array_too_big(len(self.items) + 1)
        self.items.insert(i - 1, self.elem.copy_value(value))
        return i

    def delete(self, fn: str, index: Any) -> None:
        del self.items[self._position(fn, index, len(self.items)) - 1]


COLLECTION_KINDS = frozenset({"assoc", "stack", "queue", "list"})


def same_kind(kind: str, v: Any) -> bool:
    """Whether `v` is a collection of this kind ("assoc", "stack", "queue", "list")."""
    if kind == "assoc":
        return isinstance(v, WLAssoc)
    return isinstance(v, WLSequence) and kind == v.KIND


class CollectionType(WLType):
    """The declared type of an associative array, a stack, a queue or a list."""

    __slots__ = ("key_type", "options", "default_value")

    def __init__(self, kind: str, elem: WLType, key_type: WLType = T_STRING,
                 options: int = 0, default_value: Any = None) -> None:
        names = {"assoc": "associative array of", "stack": "stack of", "queue": "queue of",
                 "list": "list of"}
        super().__init__(kind, f"{names[kind]} {elem.name}", None, elem=elem)
        self.key_type = key_type
        self.options = options
        self.default_value = default_value

    def make(self) -> Any:
        elem = self.elem
        assert elem is not None
        if self.kind == "assoc":
            return WLAssoc(elem, self.key_type, self.options, self.default_value)
        if self.kind == "stack":
            return WLStack(elem)
        if self.kind == "list":
            return WLList(elem)
        return WLQueue(elem)

    def default(self) -> Any:
        return self.make()

    def _convert_complex(self, v: Any) -> Any:
        # Assignment copies, as for arrays (`<-` shares: docs/language.md).
        if self.kind == "assoc" and isinstance(v, WLAssoc):
            out = self.make()
            for k, x in v.pairs():
                out.set(k, x)
            return out
        if isinstance(v, WLSequence) and self.kind == v.KIND:
            out = self.make()
            for x in v.items:
                out.put(x)
            return out
        if v is None:
            return self.make()
        raise WLFatal(f"cannot assign {describe_collection(v)} to a variable of type "
                      f"{self.name}", Err.CONVERSION)


def describe_collection(v: Any) -> str:
    if isinstance(v, WLAssoc):
        return "an associative array"
    if isinstance(v, WLStack):
        return "a stack"
    if isinstance(v, WLQueue):
        return "a queue"
    if isinstance(v, WLList):
        return "a list"
    return describe(v)


def check_options(options: Any) -> int:
    """The options of a declaration, checked (a fatal error for an unknown one)."""
    if not isinstance(options, int) or isinstance(options, bool) or options & ~_ALL_OPTIONS:
        raise WLFatal(f"`{to_str(options)}` is not an option of an associative array (use "
                      "WithoutDuplicates, ccIgnoreCase, ccIgnoreAccent, ccIgnoreSpace or "
                      "ccIgnorePunctuationAndSpace)", Err.BAD_OPTION)
    return options


# The key types an associative array may declare (its third option): wlString...
KEY_STRING, KEY_INT, KEY_REAL, KEY_BOOLEAN = 1, 2, 3, 4
KEY_TYPES: dict[int, WLType] = {KEY_STRING: T_STRING, KEY_INT: T_INT, KEY_REAL: T_REAL,
                                KEY_BOOLEAN: T_BOOL}


class DynamicArrayType(WLType):
    """`array dynamic of N T`: starts with N elements and may still grow (a plain sized
    array of wlmail's is fixed)."""

    __slots__ = ()

    def default(self) -> Any:
        elem = self.elem
        assert elem is not None
        arr = WLArray(elem)
        if self.size:
            if self.size > MAX_ARRAY:
                raise array_too_big(self.size)
            arr.items = [elem.default() for _ in range(self.size)]
        return arr

    def _convert_complex(self, v: Any) -> Any:
        # Its size is only the one it starts with: `=` shares any array of its elements.
        elem = self.elem
        if isinstance(v, WLArray) and elem is not None \
                and (v.elem is elem or v.elem.name == elem.name):
            return v
        out = super()._convert_complex(v)
        out.fixed = False
        return out

    def copy_array(self, v: WLArray) -> WLArray:
        out = super().copy_array(v)
        out.fixed = False
        return out


def dynamic_array_of(elem: WLType, size: int | None) -> WLType:
    name = f"array of {size} {elem.name}" if size else f"array of {elem.name}"
    return DynamicArrayType("array", name, None, elem=elem, size=size)


class WLMulti:
    """Several values at once: `RESULT (x, y)` gives them, `(a, b) = f()` takes them."""

    __slots__ = ("values",)
    WL_DESCRIPTION = "several values"

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values

    def __str__(self) -> str:
        return ", ".join(to_str(v) for v in self.values)


class Out:
    """An argument a built-in writes into (`Pop(stack, x)`): it sets `value`, the code
    generator then assigns it to the caller's variable."""

    __slots__ = ("value", "written")

    def __init__(self) -> None:
        self.value: Any = None
        self.written = False

    def set(self, value: Any) -> None:
        self.value = value
        self.written = True


def collection_property(obj: Any, key: str, shown: str) -> Any:
    """`..Count` / `..Occurrence` and `..Empty` / `..Vide` of a collection (folded key),
    or a fatal error naming the property."""
    if key in ("count", "occurrence", "occurrences"):
        return len(obj)
    if key in ("empty", "vide"):
        return len(obj) == 0
    raise WLFatal(f"{describe_collection(obj)} has no property `{shown}` (it has Count and "
                  "Empty)", Err.UNKNOWN_PROPERTY)


COLLECTION_PROPERTIES = frozenset({"count", "occurrence", "occurrences", "empty", "vide"})
