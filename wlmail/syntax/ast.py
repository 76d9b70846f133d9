"""Our own syntax tree: small classes with a position, built from Lark's parse.

The interpreter compiles these; it never sees Lark's tree.  `line`/`column` are 1-based
and `file` is the script (or EXTERN'd file) the node came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Node:
    line: int
    column: int
    file: str


# ---- expressions ---------------------------------------------------------------------
@dataclass(eq=False)
class Literal(Node):
    value: Any


@dataclass(eq=False)
class Interpolated(Node):
    """A string with `[% expr %]` parts (only with --interpolate)."""
    parts: list  # str | Node


@dataclass(eq=False)
class Var(Node):
    name: str


@dataclass(eq=False)
class Member(Node):
    base: Node
    name: str
    name_line: int = 0
    name_column: int = 0


@dataclass(eq=False)
class Index(Node):
    base: Node
    indexes: list


@dataclass(eq=False)
class Call(Node):
    func: Node
    args: list


@dataclass(eq=False)
class BinOp(Node):
    op: str          # + - * / modulo and or _and_ _or_
    left: Node
    right: Node


@dataclass(eq=False)
class Compare(Node):
    op: str          # = <> < <= > >= ~=
    left: Node
    right: Node


@dataclass(eq=False)
class Not(Node):
    operand: Node


@dataclass(eq=False)
class Neg(Node):
    operand: Node


@dataclass(eq=False)
class ArrayLit(Node):
    items: list


# ---- types ---------------------------------------------------------------------------
@dataclass(eq=False)
class TypeSpec(Node):
    name: str = ""                   # "string", "emailSMTPSession", "ANSI string"
    array: bool = False
    size: int | None = None
    elem: "TypeSpec | None" = None

    def text(self) -> str:
        if self.array:
            inner = self.elem.text() if self.elem else "?"
            return f"array of {self.size} {inner}" if self.size else f"array of {inner}"
        return self.name


# ---- statements ----------------------------------------------------------------------
@dataclass(eq=False)
class Assign(Node):
    target: Node
    value: Node


@dataclass(eq=False)
class OpAssign(Node):
    target: Node
    op: str          # + - * /
    value: Node


@dataclass(eq=False)
class ExprStmt(Node):
    expr: Node


@dataclass(eq=False)
class Declare(Node):
    names: list      # [(name, line, column)]
    type: TypeSpec | None
    init: Node | None


@dataclass(eq=False)
class Break(Node):
    pass


@dataclass(eq=False)
class Continue(Node):
    pass


@dataclass(eq=False)
class Return(Node):
    value: Node | None


@dataclass(eq=False)
class Result(Node):
    value: Node


@dataclass(eq=False)
class Extern(Node):
    path: str
    program: "Program | None" = None    # filled when the file is loaded


@dataclass(eq=False)
class Nop(Node):
    pass


@dataclass(eq=False)
class If(Node):
    branches: list                      # [(cond, [stmts])]
    otherwise: list | None


@dataclass(eq=False)
class CaseItem(Node):
    kind: str                           # value | range | compare
    value: Node
    upper: Node | None = None
    op: str = "="


@dataclass(eq=False)
class Switch(Node):
    subject: Node
    cases: list                         # [([CaseItem], [stmts])]
    other: list | None


@dataclass(eq=False)
class For(Node):
    var: str
    start: Node
    end: Node
    step: Node | None
    body: list


@dataclass(eq=False)
class ForEach(Node):
    var: str
    index_var: str | None
    iterable: Node
    body: list


@dataclass(eq=False)
class While(Node):
    cond: Node
    body: list


@dataclass(eq=False)
class Loop(Node):
    body: list


@dataclass(eq=False)
class When(Node):
    body: list
    handler: list
    otherwise: list | None


@dataclass(eq=False)
class Param(Node):
    name: str
    type: TypeSpec | None
    default: Node | None
    local: bool


@dataclass(eq=False)
class Procedure(Node):
    name: str
    params: list
    body: list
    internal: bool = False
    return_type: TypeSpec | None = None


@dataclass(eq=False)
class Program(Node):
    body: list
    procedures: list = field(default_factory=list)
    text: str = ""
