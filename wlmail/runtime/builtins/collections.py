"""Stacks, queues and the options of associative arrays (docs/language.md,
"Collections"): Push / Pop (Empile / Dépile), Enqueue / Dequeue (Enfile / Défile), and
the constants a declaration `associative array (options, default, key type) of T` takes.
The array functions that also take an associative array (ArrayCount, ArrayDelete,
ArrayDeleteAll) are in arrays.py."""
from __future__ import annotations

from typing import Any

from ...registry import Declarations
from ..collections import (
    CC_IGNORE_ACCENT,
    CC_IGNORE_CASE,
    CC_IGNORE_PUNCTUATION_AND_SPACE,
    CC_IGNORE_SPACE,
    KEY_BOOLEAN,
    KEY_INT,
    KEY_REAL,
    KEY_STRING,
    WITH_DUPLICATES,
    WITHOUT_DUPLICATES,
    Out,
    WLQueue,
    WLStack,
    WLTakenFromOneEnd,
)
from ..context import Context
from ..errors import Err, WLFatal
from ..values import describe

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()

DECLARE.constant("WithoutDuplicates", "SansDoublon", value=WITHOUT_DUPLICATES,
                 doc="associative array: one element per key (the default)")
DECLARE.constant("WithDuplicates", "AvecDoublon", value=WITH_DUPLICATES,
                 doc="associative array: several elements per key (`a[k] = v` adds one)")
DECLARE.constant("ccIgnoreCase", "ccSansCasse", value=CC_IGNORE_CASE,
                 doc="associative array: keys compared without case")
DECLARE.constant("ccIgnoreAccent", "ccSansAccent", value=CC_IGNORE_ACCENT,
                 doc="associative array: keys compared without accents")
DECLARE.constant("ccIgnoreSpace", "ccSansEspace", value=CC_IGNORE_SPACE,
                 doc="associative array: spaces before and after a key ignored")
DECLARE.constant("ccIgnorePunctuationAndSpace", "ccSansPonctuationNiEspace",
                 value=CC_IGNORE_PUNCTUATION_AND_SPACE,
                 doc="associative array: punctuation and spaces in a key ignored")
DECLARE.constant("wlString", "wlChaîne", value=KEY_STRING,
                 doc="associative array key type: string (the default)")
DECLARE.constant("wlInt", "wlEntier", value=KEY_INT, doc="associative array key type: integer")
DECLARE.constant("wlReal", "wlRéel", value=KEY_REAL, doc="associative array key type: real")
DECLARE.constant("wlBoolean", "wlBooléen", value=KEY_BOOLEAN,
                 doc="associative array key type: boolean")


def _sequence(fn: str, value: Any, cls: type[WLTakenFromOneEnd], what: str) -> WLTakenFromOneEnd:
    if not isinstance(value, cls):
        raise WLFatal(f"{fn}: the first argument must be {what}, not {describe(value)}",
                      Err.ARGUMENT_TYPE)
    return value


def _take(seq: WLTakenFromOneEnd, into: Any) -> bool:
    ok, value = seq.take()
    if ok and isinstance(into, Out):
        into.set(value)
    return ok


@DECLARE.function("Push", "Empile")
def push(rt: Context, stack: Any, value: Any) -> None:
    """Put a value on the top of a stack."""
    _sequence("Push", stack, WLStack, "a stack").put(value)


@DECLARE.function("Pop", "Dépile", returns="boolean", out_args=(1,))
def pop(rt: Context, stack: Any, into: Any = None) -> bool:
    """Take the value on the top of a stack into the variable; False (and the variable
    unchanged) when the stack is empty."""
    return _take(_sequence("Pop", stack, WLStack, "a stack"), into)


@DECLARE.function("Enqueue", "Enfile")
def enqueue(rt: Context, queue: Any, value: Any) -> None:
    """Put a value at the end of a queue."""
    _sequence("Enqueue", queue, WLQueue, "a queue").put(value)


@DECLARE.function("Dequeue", "Défile", returns="boolean", out_args=(1,))
def dequeue(rt: Context, queue: Any, into: Any = None) -> bool:
    """Take the first value of a queue into the variable; False (and the variable
    unchanged) when the queue is empty."""
    return _take(_sequence("Dequeue", queue, WLQueue, "a queue"), into)
