"""Sorting an array, by value or with a comparison procedure (PC SOFT, "ArraySort
(Function)", doc.pcsoft.fr/?3075007 / doc.windev.com/?1000024318 for `<Array>.Sort`, and
"Sort (Function)", help.windev.com/?1000017364, "equivalent to ArraySort").

The procedure is any Procedure value: a procedure's name, an internal procedure (the
documented example), a Procedure variable or a lambda `(a, b) => a - b`.  The
registry's `procedure_args` says which argument takes it, so that a procedure's bare
name there is the procedure, not a call."""
from __future__ import annotations

from functools import cmp_to_key
from typing import Any

from ...registry import Declarations
from .. import lint
from ..context import Context
from ..errors import Err, WLFatal
from ..values import WLArray, describe, to_str
from .arguments import integer

DECLARE = Declarations()

# Our own numeric values (PC SOFT's are not documented in the pages we read).
AS_ASCENDING = 1
AS_DESCENDING = 2
AS_FUNCTION = 3
DECLARE.constant("asAscending", "ttCroissant", value=AS_ASCENDING,
                 doc="ArraySort: smallest first (the default)")
DECLARE.constant("asDescending", "ttDécroissant", value=AS_DESCENDING,
                 doc="ArraySort: largest first")
DECLARE.constant("asFunction", "ttFonction", value=AS_FUNCTION,
                 doc="ArraySort: the order a comparison procedure gives (third argument)")

_NUMBERS = (int, float, bool)
_TEXTS = (int, float, bool, str, bytes, type(None))   # what has a natural order


def _natural(a: Any, b: Any) -> int:
    """Numbers by value, anything else by its text (ordinal), as `<` orders them."""
    if isinstance(a, _NUMBERS) and isinstance(b, _NUMBERS):
        return (a > b) - (a < b)
    if not isinstance(a, _TEXTS) or not isinstance(b, _TEXTS):
        raise WLFatal(f"ArraySort: cannot order {describe(a)} by value: give a comparison "
                      "procedure (asFunction)", Err.ARGUMENT_TYPE)
    x, y = to_str(a), to_str(b)
    return (x > y) - (x < y)


def _by_procedure(proc: Any) -> Any:
    def cmp(a: Any, b: Any) -> int:
        r = proc(a, b)
        try:
            n = float(r) if not isinstance(r, _NUMBERS) else r
        except (TypeError, ValueError):
            raise WLFatal(f"ArraySort: the comparison procedure returned {describe(r)}, not "
                          "a number (negative, 0 or positive)", Err.ARGUMENT_TYPE) from None
        return (n > 0) - (n < 0)
    return cmp


@DECLARE.function(("ArraySort", "Sort"), ("TableauTrie", "Trie"), procedure_args=(2,),
                  example="""
    list is array of int = [3, 1, 2]
    ArraySort(list, asDescending)
    Trace(ArrayToString(list, ","))             // 3,2,1
    ArraySort(list, asFunction, (a, b) => a - b)
    Trace(ArrayToString(list, ","))             // 1,2,3
""")
def array_sort(rt: Context, array: Any, mode: Any = AS_ASCENDING, procedure: Any = None) -> None:
    """Sort a one-dimensional array in place: asAscending (the default), asDescending, or
    asFunction with a comparison procedure of two elements that returns a negative
    number, 0 or a positive number (the sort is stable: equal elements keep their order)."""
    if not isinstance(array, WLArray):
        raise WLFatal(f"ArraySort: the first argument must be an array, not {describe(array)}",
                      Err.ARGUMENT_TYPE)
    m = integer("ArraySort", mode, "the type of sort")
    if m == AS_FUNCTION:
        if not callable(procedure):
            raise WLFatal("ArraySort: asFunction needs a comparison procedure as its third "
                          f"argument, not {describe(procedure)}", Err.ARGUMENT_TYPE)
        cmp = _by_procedure(procedure)
    elif m in (AS_ASCENDING, AS_DESCENDING):
        if procedure is not None:
            raise WLFatal("ArraySort: sorting by columns or members is not supported by "
                          "wlmail: give asFunction and a comparison procedure",
                          Err.BAD_OPTION)
        cmp = _natural
    else:
        raise WLFatal(f"ArraySort: {m} is not a type of sort (use asAscending, asDescending "
                      "or asFunction)", Err.BAD_OPTION)
    # A copy is sorted, then put back: a procedure that changes the array while it is
    # being sorted sees it unchanged.
    items = sorted(array.items, key=cmp_to_key(cmp), reverse=m == AS_DESCENDING)
    array.items[:] = items


DECLARE.array_method(("Sort", "Trie"), "ArraySort")


@DECLARE.lint
def _sort_arguments(facts: list[lint.Fact]) -> list[lint.Warning]:
    """`ArraySort(t, asFunction)` without its procedure, or a procedure given with
    another type of sort: seen without running, when the type is a constant."""
    out = []
    for fact in facts:
        if not isinstance(fact, lint.Call) or fact.function != "ArraySort":
            continue
        args = fact.args if fact.method_of is None else [fact.method_of, *fact.args]
        mode = args[1].constant if len(args) > 1 else "asAscending"
        if mode == "asFunction" and len(args) < 3:
            out.append(fact.warning("ArraySort: asFunction needs a comparison procedure as "
                                    "its third argument",
                                    hint="for example (a, b) => a - b"))
        elif mode in ("asAscending", "asDescending") and len(args) > 2:
            out.append(fact.warning(f"ArraySort: {mode} takes no third argument: sorting "
                                    "by columns or members is not supported by wlmail",
                                    hint="give asFunction and a comparison procedure"))
    return out
