"""Array functions; `arr.Add(x)` and the other array methods are these functions
with the array first (declared with DECLARE.array_method at the end)."""
from __future__ import annotations

from typing import Any

from ...registry import Declarations
from ..collections import WLAssoc, WLList, WLSequence
from ..context import Context
from ..errors import Err, WLFatal
from ..values import CR, MAX_ARRAY, WLArray, WLObject, array_too_big, describe, to_str
from .arguments import integer, text, value_error

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()


def _array(fn: str, value: Any) -> WLArray:
    if not isinstance(value, WLArray):
        raise WLFatal(f"{fn}: the first argument must be an array, not {describe(value)}",
                      Err.ARGUMENT_TYPE)
    return value


def _dynamic(fn: str, arr: WLArray) -> WLArray:
    if arr.fixed:
        raise WLFatal(f"{fn}: the array has a fixed size", Err.ARGUMENT_TYPE)
    return arr


def _changed(arr: WLArray) -> None:
    # The global Email structure keeps its Nb* counters in step with the arrays.
    if arr.on_grow:
        arr.on_grow(len(arr.items))


def _element(fn: str, arr: WLArray, value: Any) -> Any:
    """`value` converted to the array's element type; an array is copied (`Add(rows,
    row)` then a new `row`: each element keeps its own, docs/language.md)."""
    try:
        return arr.elem.copy_value(value)
    except (OverflowError, ValueError):
        # "1e999" into an array of int: an infinite real has no integer value.
        raise value_error(f"{fn}: cannot convert {{}} to {arr.elem.name}", value, to_str(value),
                          Err.CONVERSION) from None


_NO_VALUE = object()


@DECLARE.function(("ArrayAdd", "Add"), ("TableauAjoute", "Ajoute"), returns="int", example="""
    list is array of string
    ArrayAdd(list, "ann@example.com")
    list.Add("bob@example.com")
    Trace(ArrayCount(list))                     // 2
""")
def array_add(rt: Context, array: Any, value: Any = _NO_VALUE) -> int:
    """Append a value (the element type's default when omitted) to an array or a list;
    returns the new count."""
    if isinstance(array, WLList):
        array.put(array.elem.default() if value is _NO_VALUE else value)
        return len(array)
    arr = _array("ArrayAdd", array)
    if value is _NO_VALUE:
        return arr.add(arr.elem.default())
    return arr.add(_element("ArrayAdd", arr, value))


@DECLARE.function("ArrayCount", "TableauOccurrence", returns="int", example="""
    list is array of int = [1, 2, 3]
    Trace(ArrayCount(list))                     // 3
""")
def array_count(rt: Context, array: Any) -> int:
    """The number of elements (of an array, an associative array, a stack, a queue or a
    list)."""
    if isinstance(array, (WLAssoc, WLSequence)):
        return len(array)
    return len(_array("ArrayCount", array).items)


@DECLARE.function("ArrayCopy", "TableauCopie", example="""
    a is array of int = [1, 2]
    b is array of int
    ArrayCopy(a, b)
    b[1] = 10
    Trace(a[1])                                 // 1: b holds its own elements
""")
def array_copy(rt: Context, source: Any, destination: Any) -> None:
    """Copy the elements of `source` into `destination` (its elements are replaced):
    afterwards the two arrays are separate, as after `destination <= source`."""
    src = _array("ArrayCopy", source)
    dst = _array("ArrayCopy", destination)
    if len(dst.items) != len(src.items):
        _dynamic("ArrayCopy", dst)          # a fixed array keeps its size
    items = [_element("ArrayCopy", dst, x.copy() if isinstance(x, (WLArray, WLObject)) else x)
             for x in src.items]
    if len(items) > MAX_ARRAY:
        raise array_too_big(len(items))
    dst.items = items
    _changed(dst)


@DECLARE.function("ArrayDeleteAll", "TableauSupprimeTout")
def array_delete_all(rt: Context, array: Any) -> None:
    """Remove every element (a fixed-size array gets its default values back)."""
    if isinstance(array, WLAssoc):
        array.delete_all()
        return
    if isinstance(array, WLSequence):
        array.items.clear()
        return
    _array("ArrayDeleteAll", array).delete_all()


def _index(fn: str, arr: WLArray, index: Any, allow_end: bool = False) -> int:
    i = integer(fn, index, "the index")
    top = len(arr.items) + (1 if allow_end else 0)
    if i < 1 or i > top:
        raise WLFatal(f"{fn}: index {i} is out of range (the array has {len(arr.items)} "
                      f"element{'s' if len(arr.items) != 1 else ''})", Err.INDEX_OUT_OF_RANGE)
    return i


@DECLARE.function("ArrayDelete", "TableauSupprime")
def array_delete(rt: Context, array: Any, index: Any) -> None:
    """Remove the element at `index` (1-based) of an array or a list; the following ones
    move up.  For an associative array, `index` is the key (a key that is not there is a
    fatal error)."""
    if isinstance(array, WLAssoc):
        if not array.delete(index):
            raise value_error("ArrayDelete: the associative array has no element with the "
                              "key {}", index, to_str(index), Err.INDEX_OUT_OF_RANGE)
        return
    if isinstance(array, WLList):
        array.delete("ArrayDelete", index)
        return
    arr = _dynamic("ArrayDelete", _array("ArrayDelete", array))
    del arr.items[_index("ArrayDelete", arr, index) - 1]
    _changed(arr)


@DECLARE.function("ArrayInsert", "TableauInsère", returns="int")
def array_insert(rt: Context, array: Any, index: Any, value: Any) -> int:
    """Insert a value at `index` (1-based; count + 1 appends) in an array or a list;
    returns `index`."""
    if isinstance(array, WLList):
        return array.insert("ArrayInsert", index, value)
    arr = _dynamic("ArrayInsert", _array("ArrayInsert", array))
    i = _index("ArrayInsert", arr, index, allow_end=True)
    arr.check_room()
    arr.items.insert(i - 1, _element("ArrayInsert", arr, value))
    _changed(arr)
    return i


AS_LINEAR = 1
AS_LINEAR_FIRST = 2
AS_LINEAR_LAST = 3
AS_LINEAR_NEXT = 4
AS_LINEAR_PREVIOUS = 5
AS_BINARY = 6
DECLARE.constant("asLinear", "tcLinéaire", value=AS_LINEAR, doc="ArraySeek: first match, from the start")
DECLARE.constant("asLinearFirst", "tcLinéairePremier", value=AS_LINEAR_FIRST,
                 doc="ArraySeek: first match, from the start")
DECLARE.constant("asLinearLast", "tcLinéaireDernier", value=AS_LINEAR_LAST,
                 doc="ArraySeek: last match")
DECLARE.constant("asLinearNext", "tcLinéaireSuivant", value=AS_LINEAR_NEXT,
                 doc="ArraySeek: next match after the start index")
DECLARE.constant("asLinearPrevious", "tcLinéairePrécédent", value=AS_LINEAR_PREVIOUS,
                 doc="ArraySeek: previous match before the start index")
DECLARE.constant("asBinary", "tcDichotomique", value=AS_BINARY,
                 doc="ArraySeek: binary search in a sorted array")


def _same(a: Any, b: Any) -> bool:
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers):
        return a == b
    return to_str(a) == to_str(b)


def _key(v: Any) -> Any:
    return (0, v, "") if isinstance(v, (int, float)) else (1, 0, to_str(v))


@DECLARE.function("ArraySeek", "TableauCherche", returns="int")
def array_seek(rt: Context, array: Any, mode: Any, value: Any, start: Any = None) -> int:
    """The index of an element equal to `value`, or -1. Modes: asLinear, asLinearFirst,
    asLinearLast, asLinearNext / asLinearPrevious (after / before `start`), asBinary
    (the array must be sorted)."""
    items = _array("ArraySeek", array).items
    m = integer("ArraySeek", mode, "the mode")
    n = len(items)
    if m in (AS_LINEAR, AS_LINEAR_FIRST):
        order = range(n)
    elif m == AS_LINEAR_LAST:
        order = range(n - 1, -1, -1)
    elif m == AS_LINEAR_NEXT:
        first = 0 if start is None else max(integer("ArraySeek", start, "the start"), 0)
        order = range(first, n)
    elif m == AS_LINEAR_PREVIOUS:
        last = n if start is None else min(integer("ArraySeek", start, "the start") - 1, n)
        order = range(last - 1, -1, -1)
    elif m == AS_BINARY:
        lo, hi, k = 0, n - 1, _key(value)
        while lo <= hi:
            mid = (lo + hi) // 2
            km = _key(items[mid])
            if _same(items[mid], value):
                return mid + 1
            if km < k:
                lo = mid + 1
            else:
                hi = mid - 1
        return -1
    else:
        raise WLFatal(f"ArraySeek: {m} is not a search mode (use asLinear, asLinearFirst, "
                      "asLinearLast, asLinearNext, asLinearPrevious or asBinary)", Err.BAD_OPTION)
    for i in order:
        if _same(items[i], value):
            return i + 1
    return -1


@DECLARE.function("ArrayToString", "TableauVersChaîne", returns="string", example="""
    list is array of string = ["a", "b"]
    Trace(ArrayToString(list, ", "))            // a, b
""")
def array_to_string(rt: Context, array: Any, separator: Any = CR) -> str:
    """The elements as text joined by `separator` (CR by default)."""
    items = _array("ArrayToString", array).items
    return text("ArrayToString", separator, "the separator").join(to_str(v) for v in items)


_METHODS = {
    ("Add", "Ajoute"): "ArrayAdd",
    ("Count", "Occurrence"): "ArrayCount",
    ("DeleteAll", "SupprimeTout"): "ArrayDeleteAll",
    ("Delete", "Supprime"): "ArrayDelete",
    ("Insert", "Insère"): "ArrayInsert",
    ("Seek", "Cherche"): "ArraySeek",
}
for _names, _target in _METHODS.items():
    DECLARE.array_method(_names, _target)
