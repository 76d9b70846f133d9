"""Facts the static pass gathers for domain checks (`@lint` in the registry).

The compiler records, in source order, each property assignment and each call on a
variable whose declared type it knows.  A domain (email, OAuth) declares a function
`check(facts: list[Fact]) -> list[Warning]` with `@DECLARE.lint` (a
`wlmail.registry.Declarations`); it sees these plain records and never the grammar or
the AST.
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
class PropertyAssign:
    var: str                     # folded variable name ("mysmtpsession")
    type_name: str               # canonical type ("emailSMTPSession")
    prop: str                    # canonical property ("Password")
    value: Value
    line: int
    column: int
    procedure: str = ""          # "" for the main code


@dataclass
class Call:
    function: str                # canonical English name ("EmailSendMessage")
    args: list[Value] = field(default_factory=list)
    line: int = 0
    column: int = 0
    procedure: str = ""
    method_of: Value | None = None   # for `session.SendMessage(msg)`: the receiver


@dataclass
class Warning:
    line: int
    column: int
    message: str
    hint: str | None = None


Fact = PropertyAssign | Call
