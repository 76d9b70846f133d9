"""Call frames: their layout, the signals statements return, and calling a procedure.

A frame is a Python list: slot 0 links an internal procedure to the frame of the
procedure it is declared in (None otherwise), slot 1 holds the RESULT value, variables
start at slot 2 (`FIRST_SLOT`).  The main code's frame is the list of globals.  A
compiled statement is `run(frame) -> signal` (None, or BREAK, CONTINUE, RETURN); an
expression is `eval(frame) -> value`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .collections import COLLECTION_KINDS, same_kind
from .errors import Err, WLFatal
from .values import T_VARIANT, WLArray, WLType, describe

BREAK, CONTINUE, RETURN = 1, 2, 3
OMITTED = object()   # `*` in a call: the parameter takes its default (issue 9)
LINK, RESULT_SLOT, FIRST_SLOT = 0, 1, 2
MAX_DEPTH = 800

Frame = list
Eval = Callable[[Frame], Any]
Exec = Callable[[Frame], Any]


class Runtime:
    """What compiled code needs at run time besides its frame: the run's context (set
    by the interpreter before the first statement runs) and the call depth."""

    def __init__(self, ctx: Any = None) -> None:
        self.ctx = ctx
        self.depth = 0
        self.owned: Any = None      # objects.Owned: the objects `new` made, for their end


class ProcCode:
    """A compiled procedure: what `invoke` needs to build its frame and run it."""
    __slots__ = ("name", "size", "inits", "params", "defaults", "body")

    def __init__(self, name: str, size: int, inits: list[tuple[int, WLType]],
                 params: list[tuple[int, WLType, bool]]) -> None:
        self.name = name
        self.size = size
        self.inits = inits                   # (slot, type) of each local, reset on entry
        self.params = params                 # (slot, type, LOCAL) of each parameter
        self.defaults: list[Eval | None] = []
        self.body: Exec = _not_compiled


def _not_compiled(f: Frame) -> Any:  # pragma: no cover - the generator fills every body
    raise AssertionError("a procedure was called before it was compiled")


class WLProcedure:
    """A procedure as a value (`p is Procedure = MyProc`, a lambda `(a, b) => a + b`,
    issue 9): calling the variable calls the procedure.  An internal procedure or a
    lambda keeps the frame it was made in (`link`), so that it sees that procedure's
    variables even after it returned (a closure).  Built-in functions that take a
    procedure (ArraySort) call it as a Python callable, knowing nothing of frames."""
    __slots__ = ("code", "link", "runtime")
    WL_DESCRIPTION = "a procedure"

    def __init__(self, code: ProcCode, link: Frame | None = None,
                 runtime: Runtime | None = None) -> None:
        self.code = code
        self.link = link
        self.runtime = runtime

    def __str__(self) -> str:
        return self.code.name

    def check_call(self, nargs: int) -> None:
        """The arguments fit the parameters (a fatal error otherwise, located by the caller)."""
        code = self.code
        nparams = len(code.params)
        if nargs > nparams:
            raise WLFatal(f"`{code.name}` takes at most {nparams} arguments, not {nargs}",
                          Err.ARGUMENT_COUNT)
        missing = [n for n in range(nargs, nparams) if code.defaults[n] is None]
        if missing:
            raise WLFatal(f"`{code.name}` needs a value for its parameter {missing[0] + 1}",
                          Err.ARGUMENT_COUNT)

    def run(self, values: list) -> Any:
        """Call it with these values (by value: nothing is written back); its RESULT."""
        rt = self.runtime
        name = self.code.name
        if rt is not None:
            if rt.depth >= MAX_DEPTH:
                raise WLFatal(f"procedure calls nested more than {MAX_DEPTH} deep "
                              f"(runaway recursion in `{name}`?)", Err.RECURSION)
            rt.depth += 1
        try:
            return invoke(self.code, values, self.link)[RESULT_SLOT]
        except RecursionError:
            raise WLFatal(f"procedure calls nested too deeply (runaway recursion in "
                          f"`{name}`?)", Err.RECURSION) from None
        finally:
            if rt is not None:
                rt.depth -= 1

    def __call__(self, *values: Any) -> Any:
        self.check_call(len(values))
        return self.run(list(values))


def _to_procedure(v: Any) -> Any:
    if v is None or isinstance(v, WLProcedure):
        return v
    raise WLFatal(f"a Procedure variable takes a procedure, not {describe(v)}", Err.CONVERSION)


T_PROCEDURE = WLType("procedure", "Procedure", _to_procedure, None)


def invoke(code: ProcCode, values: list, link: Frame | None) -> Frame:
    """Run the procedure with these argument values; returns its frame (slot 1 holds its
    RESULT, the parameters their final values for the caller's write-back)."""
    frame: Frame = [None] * code.size
    frame[0] = link
    for slot, typ in code.inits:
        frame[slot] = typ.default()
    for n, (slot, typ, local) in enumerate(code.params):
        if n < len(values) and values[n] is not OMITTED:
            v = values[n]
            if not local and (typ is T_VARIANT
                              or (typ.kind == "array" and isinstance(v, WLArray))
                              or (typ.kind in COLLECTION_KINDS and same_kind(typ.kind, v))
                              or (typ.kind == "object" and typ.cls is not None
                                  and isinstance(v, typ.cls))):
                frame[slot] = v       # by reference: the caller's own object or array
            elif local:               # LOCAL: by value, an array's elements copied too
                frame[slot] = typ.copy_value(v)
            else:
                frame[slot] = typ.convert(v)
        else:
            default = code.defaults[n]
            frame[slot] = typ.convert(default(frame)) if default is not None else typ.default()
    code.body(frame)
    return frame
