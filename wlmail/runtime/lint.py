"""Facts the static pass gathers for domain checks (`@lint` in the registry).

The resolver records, in source order, each property assignment and each call on a
variable whose declared type it knows, with the file and place it is written at (an
EXTERN'd file's own).  A domain (email, OAuth) declares a function
`check(facts: list[Fact]) -> list[Warning]` with `@DECLARE.lint` (a
`wlmail.registry.Declarations`); it sees these plain records and never the grammar or
the AST, and makes its warnings with `fact.warning(...)` so that each one names the
file and line of its cause.
"""
from __future__ import annotations

from typing import Any

# Plain classes rather than dataclasses: this module is imported at every start-up, and
# building dataclasses costs more than the rest of it.


class Value:
    """What the static pass knows of an expression."""
    __slots__ = ("literal", "is_literal", "constant", "var", "type_name", "function")

    def __init__(self, literal: Any = None, is_literal: bool = False, constant: str | None = None,
                 var: str | None = None, type_name: str | None = None,
                 function: str | None = None) -> None:
        self.literal = literal          # a Python value when the expression is a literal
        self.is_literal = is_literal
        self.constant = constant        # canonical English name when it is a registry constant
        self.var = var                  # the variable's name (folded) when it is a plain variable
        self.type_name = type_name      # canonical English type name of that variable, if known
        self.function = function        # canonical English name when it is a call of a built-in


class Warning:
    __slots__ = ("file", "line", "column", "message", "hint")

    def __init__(self, file: str, line: int, column: int, message: str,
                 hint: str | None = None) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint


class _Placed:
    """A fact written at `file:line:column`."""
    __slots__ = ("file", "line", "column", "procedure")

    def __init__(self, file: str, line: int, column: int, procedure: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.procedure = procedure      # the procedure it is in, "" for the main code

    def warning(self, message: str, hint: str | None = None) -> Warning:
        """A warning about this fact, at its place."""
        return Warning(self.file, self.line, self.column, message, hint)


class PropertyAssign(_Placed):
    __slots__ = ("var", "type_name", "prop", "value")

    def __init__(self, var: str, type_name: str, prop: str, value: Value, file: str, line: int,
                 column: int, procedure: str = "") -> None:
        super().__init__(file, line, column, procedure)
        self.var = var                  # folded variable name ("mysmtpsession")
        self.type_name = type_name      # canonical type ("emailSMTPSession")
        self.prop = prop                # canonical property ("Password")
        self.value = value


class Call(_Placed):
    __slots__ = ("function", "args", "method_of")

    def __init__(self, function: str, args: list[Value], file: str, line: int, column: int,
                 procedure: str = "", method_of: Value | None = None) -> None:
        super().__init__(file, line, column, procedure)
        self.function = function        # canonical English name ("EmailSendMessage")
        self.args = args
        self.method_of = method_of      # for `session.SendMessage(msg)`: the receiver


Fact = PropertyAssign | Call
