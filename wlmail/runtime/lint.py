"""Facts the static pass gathers for domain checks (`@lint` in the registry).

The resolver records, in source order, each property assignment and each call on a
variable whose declared type it knows, with the file and place it is written at (an
EXTERN'd file's own).  A domain (email, OAuth) registers a function
`check(facts: list[Fact]) -> list[Warning]` with `wlmail.registry.lint`; it sees these
plain records and never the grammar or the AST, and makes its warnings with
`fact.warning(...)` so that each one names the file and line of its cause.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Value:
    """What the static pass knows of an expression."""
    literal: Any = None          # a Python value when the expression is a literal
    is_literal: bool = False
    constant: str | None = None  # canonical English name when it is a registry constant
    var: str | None = None       # the variable's name (folded) when it is a plain variable
    type_name: str | None = None # canonical English type name of that variable, if known
    function: str | None = None  # canonical English name when it is a call of a built-in


@dataclass
class Warning:
    file: str
    line: int
    column: int
    message: str
    hint: str | None = None


class _Placed:
    """A fact written at `file:line:column`."""
    file: str
    line: int
    column: int

    def warning(self, message: str, hint: str | None = None) -> Warning:
        """A warning about this fact, at its place."""
        return Warning(self.file, self.line, self.column, message, hint)


@dataclass
class PropertyAssign(_Placed):
    var: str                     # folded variable name ("mysmtpsession")
    type_name: str               # canonical type ("emailSMTPSession")
    prop: str                    # canonical property ("Password")
    value: Value
    file: str
    line: int
    column: int
    procedure: str = ""          # "" for the main code


@dataclass
class Call(_Placed):
    function: str                # canonical English name ("EmailSendMessage")
    args: list[Value] = field(default_factory=list)
    file: str = ""
    line: int = 0
    column: int = 0
    procedure: str = ""
    method_of: Value | None = None   # for `session.SendMessage(msg)`: the receiver


Fact = PropertyAssign | Call
