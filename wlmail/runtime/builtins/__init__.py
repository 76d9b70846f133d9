"""The non-email built-ins, one module per concern: strings, conversions, arrays, files,
dates and times, errors, output, the system, WINDEV window functions.

`register(registry)` adds what they declare; wlmail.domains.load_all calls it."""
from __future__ import annotations

from ...registry import Registry
from . import (
    arrays,
    collections,
    convert,
    durations,
    errors,
    files,
    output,
    sorting,
    strings,
    system,
    time,
    ui,
)

MODULES = (arrays, collections, convert, durations, errors, files, output, sorting, strings,
           system, time, ui)


def register(registry: Registry) -> None:
    registry.add_domain("builtins", *(m.DECLARE for m in MODULES))
