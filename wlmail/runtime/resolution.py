"""What the resolver finds and the code generator reads: scopes, variables, procedures,
and what each name of the tree stands for.

The resolver (`resolver.py`) fills a `Resolution`: side tables keyed by AST node (nodes
compare by identity), each holding one small record below.  The code generator
(`codegen.py`) turns the tree and these records into closures without looking anything
up again; `wlmail check` stops after the resolver.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Union

from ..diagnostics import Diagnostic
from ..names import fold
from ..registry import FunctionEntry, Property
from ..syntax import ast
from . import lint
from .frames import FIRST_SLOT
from .values import WLType


# ---- scopes ---------------------------------------------------------------------------
@dataclass(eq=False, slots=True)
class VarInfo:
    name: str
    slot: int
    type: WLType
    scope: "Scope"
    line: int = 0
    column: int = 0
    is_param: bool = False


@dataclass(eq=False, slots=True)
class ProcInfo:
    name: str
    node: ast.Procedure
    scope: "Scope"
    params: list[VarInfo] = field(default_factory=list)
    local_flags: list[bool] = field(default_factory=list)
    inits: list[tuple[int, WLType]] = field(default_factory=list)  # reset on entry
    size: int = FIRST_SLOT
    min_args: int = 0


class Scope:
    def __init__(self, kind: str, parent: "Scope | None" = None, name: str = "") -> None:
        self.kind = kind            # "main" | "procedure" | "internal"
        self.parent = parent        # the enclosing scope of an internal procedure
        self.name = name
        self.vars: dict[str, VarInfo] = {}
        self.procs: dict[str, ProcInfo] = {}
        self.size = FIRST_SLOT

    def add(self, name: str, typ: WLType, line: int, column: int, is_param: bool = False) -> VarInfo:
        key = fold(name)
        got = self.vars.get(key)
        if got is not None:
            return got
        info = VarInfo(name, self.size, typ, self, line, column, is_param)
        self.vars[key] = info
        self.size += 1
        return info


# ---- what a name stands for -----------------------------------------------------------
@dataclass(eq=False, slots=True)
class VarRef:
    """A variable and the frame it lives in: 0 the current one, -1 the main code's (from
    a procedure), n > 0 that many links up (an internal procedure's enclosing frames)."""
    info: VarInfo
    depth: int


@dataclass(eq=False, slots=True)
class ConstantRef:
    value: Any


@dataclass(eq=False, slots=True)
class ImplicitCall:
    """A name or member that is a call without parentheses (`Now`, `s.CloseSession`)."""
    call: ast.Call


@dataclass(eq=False, slots=True)
class Failed:
    """A node that did not resolve; a diagnostic says why.  Its code stands for an error
    that never runs: `run` refuses a script with errors."""
    at: ast.Node
    message: str
    code: int


@dataclass(eq=False, slots=True)
class ProcCall:
    proc: ProcInfo
    depth: int                                   # as in VarRef, for an internal procedure
    writeback: tuple[tuple[int, VarRef], ...]    # arguments passed by reference


@dataclass(eq=False, slots=True)
class BuiltinCall:
    """A built-in function, or a method (`receiver`: the member's base is argument 1)."""
    entry: FunctionEntry
    shown: str                                   # the name as the script wrote it
    receiver: bool = False


@dataclass(eq=False, slots=True)
class DynamicMethod:
    """A method of a receiver whose type is only known at run time."""
    key: str
    shown: str


@dataclass(eq=False, slots=True)
class StaticProperty:
    prop: Property


@dataclass(eq=False, slots=True)
class DynamicProperty:
    key: str
    shown: str


@dataclass(eq=False, slots=True)
class ArrayCount:
    """`array.Count` (and its French spellings)."""


Ref = Union[VarRef, ConstantRef, ImplicitCall, Failed, ProcCall, BuiltinCall, DynamicMethod,
            StaticProperty, DynamicProperty, ArrayCount]


class Resolution:
    """The resolver's result for one program (with its EXTERN'd files)."""

    def __init__(self, program: ast.Program, texts: dict[str, str]) -> None:
        self.program = program
        self.texts = texts
        self.main = Scope("main")
        self.procs: list[ProcInfo] = []          # every procedure, in the order resolved
        self.refs: dict[ast.Node, Ref] = {}      # Var, Member, Call, ExprStmt -> what it is
        self.targets: dict[ast.Node, Ref] = {}   # the target of an assignment
        self.declared: dict[ast.Node, list[VarRef]] = {}           # Declare -> its variables
        self.loop_vars: dict[ast.Node, tuple[VarRef, VarRef | None]] = {}  # FOR, FOR EACH
        # Registry globals the script uses (the legacy Email structure): (slot, factory,
        # folded name), created at the start of a run.
        self.global_inits: list[tuple[int, Callable[[], Any], str]] = []
        self.diagnostics: list[Diagnostic] = []
        self.facts: list[lint.Fact] = []

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]
