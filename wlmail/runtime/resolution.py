"""What the resolver finds and the code generator reads: scopes, variables, procedures,
and what each name of the tree stands for.

The resolver (`resolver.py`) fills a `Resolution`: side tables keyed by AST node (nodes
compare by identity), each holding one small record below.  The code generator
(`codegen.py`) turns the tree and these records into closures without looking anything
up again; `wlmail check` stops after the resolver.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diagnostics import Diagnostic
from ..names import fold
from ..registry import FunctionEntry, Property
from ..syntax import ast
from . import lint
from .frames import FIRST_SLOT
from .values import WLType


# ---- scopes ---------------------------------------------------------------------------
# Plain classes with __slots__, not dataclasses: building a dataclass costs start-up time
# and every run builds these.
class VarInfo:
    __slots__ = ("name", "slot", "type", "scope", "line", "column", "is_param")

    def __init__(self, name: str, slot: int, type: WLType, scope: Scope, line: int = 0,
                 column: int = 0, is_param: bool = False) -> None:
        self.name = name
        self.slot = slot
        self.type = type
        self.scope = scope
        self.line = line
        self.column = column
        self.is_param = is_param


class ProcInfo:
    __slots__ = ("name", "node", "scope", "params", "local_flags", "inits", "size", "min_args")

    def __init__(self, name: str, node: ast.Procedure, scope: Scope) -> None:
        self.name = name
        self.node = node
        self.scope = scope
        self.params: list[VarInfo] = []
        self.local_flags: list[bool] = []
        self.inits: list[tuple[int, WLType]] = []   # (slot, type) reset on entry
        self.size = FIRST_SLOT
        self.min_args = 0


class Scope:
    def __init__(self, kind: str, parent: Scope | None = None, name: str = "") -> None:
        self.kind = kind            # "main" | "procedure" | "internal"
        self.parent = parent        # the enclosing scope of an internal procedure
        self.name = name
        self.vars: dict[str, VarInfo] = {}
        self.procs: dict[str, ProcInfo] = {}
        # CONSTANTs declared here: folded name -> (name as written, value, line).
        self.consts: dict[str, tuple[str, Any, int]] = {}
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
class VarRef:
    """A variable and the frame it lives in: 0 the current one, -1 the main code's (from
    a procedure), n > 0 that many links up (an internal procedure's enclosing frames)."""
    __slots__ = ("info", "depth")

    def __init__(self, info: VarInfo, depth: int) -> None:
        self.info = info
        self.depth = depth


class ConstantRef:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class ImplicitCall:
    """A name or member that is a call without parentheses (`Now`, `s.CloseSession`)."""
    __slots__ = ("call",)

    def __init__(self, call: ast.Call) -> None:
        self.call = call


class Failed:
    """A node that did not resolve; a diagnostic says why.  Its code stands for an error
    that never runs: `run` refuses a script with errors."""
    __slots__ = ("at", "message", "code")

    def __init__(self, at: ast.Node, message: str, code: int) -> None:
        self.at = at
        self.message = message
        self.code = code


class ProcCall:
    __slots__ = ("proc", "depth", "writeback")

    def __init__(self, proc: ProcInfo, depth: int,
                 writeback: tuple[tuple[int, VarRef], ...]) -> None:
        self.proc = proc
        self.depth = depth                   # as in VarRef, for an internal procedure
        self.writeback = writeback           # (argument number, variable) passed by reference


class BuiltinCall:
    """A built-in function, or a method (`receiver`: the member's base is argument 1)."""
    __slots__ = ("entry", "shown", "receiver")

    def __init__(self, entry: FunctionEntry, shown: str, receiver: bool = False) -> None:
        self.entry = entry
        self.shown = shown                   # the name as the script wrote it
        self.receiver = receiver


class DynamicMethod:
    """A method of a receiver whose type is only known at run time."""
    __slots__ = ("key", "shown")

    def __init__(self, key: str, shown: str) -> None:
        self.key = key
        self.shown = shown


class StaticProperty:
    __slots__ = ("prop",)

    def __init__(self, prop: Property) -> None:
        self.prop = prop


class DynamicProperty:
    """A property of a value whose type is only known at run time."""
    __slots__ = ("key", "shown")

    def __init__(self, key: str, shown: str) -> None:
        self.key = key
        self.shown = shown


class ArrayCount:
    """`array.Count` (and its French spellings)."""
    __slots__ = ()


class ObjectRef:
    """Base of what a name stands for when it is a class's member or method, an object
    made by a constructor... (the records are in resolver_objects.py)."""
    __slots__ = ()


class ProcValue:
    """A procedure's name used as a value (assigned to a Procedure variable, passed to
    ArraySort), or a lambda; `depth`: how many frames up an internal procedure lives."""
    __slots__ = ("proc", "depth")

    def __init__(self, proc: ProcInfo, depth: int = 0) -> None:
        self.proc = proc
        self.depth = depth


class VarCall:
    """`p(args)` where p is a variable of type Procedure; `var` None: the called thing is
    a lambda written there, `((a, b) => a + b)(1, 2)`."""
    __slots__ = ("var",)

    def __init__(self, var: VarRef | None) -> None:
        self.var = var


class MomentDifference:
    """`end - start` between dates, times or datetimes: a Duration; `kind` says how both
    texts are read ("date", "time" or "datetime")."""
    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind


class KeyExists:
    """`a[key]..Exist` / `..Existe`: whether an associative array has the key (an array:
    whether the index is within it)."""
    __slots__ = ()


Ref = (ObjectRef | VarRef | ConstantRef | ImplicitCall | Failed | ProcCall | BuiltinCall | DynamicMethod
       | StaticProperty | DynamicProperty | ArrayCount | KeyExists | ProcValue | VarCall
       | MomentDifference)


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
        self.global_inits: list[tuple[int, Callable[[Any], Any], str]] = []
        self.diagnostics: list[Diagnostic] = []
        # Variables declared with a secret type (an AuthToken), folded: this script's
        # diagnostics mask literals given to them (diagnostics.SecretNames).
        self.secret_variables: set[str] = set()
        self.facts: list[lint.Fact] = []
        # Classes and structures (resolver_objects.py): folded name -> ClassDef, each
        # method's ProcInfo -> MethodDef, and declarations / `Constructor cBase(...)` that
        # make objects -> their record.
        self.classes: dict[str, Any] = {}
        self.methods: dict[ProcInfo, Any] = {}
        self.object_refs: dict[ast.Node, Any] = {}
        # The text of a `<§...§>` message reference, when a WINDEV project supplies it
        # (wlmail.project.messages); None: every reference reads as its placeholder.
        self.message_text: Callable[[str], str | None] | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]
