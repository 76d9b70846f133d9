"""Info, Trace, Error, Warning: a console program's message boxes are its output streams.

Each argument goes on its own line, as the lines of WINDEV's message box do.
"""
from __future__ import annotations

from typing import Any

from ...registry import Declarations
from ..context import Context
from ..values import to_str

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()


def _lines(args: tuple[Any, ...]) -> list[str]:
    return [to_str(a) for a in args]


@DECLARE.function("Info", "Info", example="""
    Info("Done")                                // Done (on standard output)
""")
def info(rt: Context, first: Any, *rest: Any) -> None:
    """Print each argument on its own line to standard output."""
    for line in _lines((first,) + rest):
        rt.out(line)


@DECLARE.function("Trace", "Trace", example="""
    Trace("total: " + 3)                        // total: 3
""")
def trace(rt: Context, first: Any, *rest: Any) -> None:
    """Print each argument on its own line to standard output (debug output)."""
    for line in _lines((first,) + rest):
        rt.out(line)


@DECLARE.function("Error", "Erreur")
def error(rt: Context, first: Any = "", *rest: Any) -> None:
    """Print each argument on its own line to standard error (`Error()` alone, as
    PC SOFT's pages write it after a failure, prints an empty line)."""
    for line in _lines((first,) + rest):
        rt.err(line)


@DECLARE.function("Warning", "Avertissement")
def warning(rt: Context, first: Any, *rest: Any) -> None:
    """Print each argument on its own line to standard error."""
    for line in _lines((first,) + rest):
        rt.err(line)
