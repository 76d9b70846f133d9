"""The static pass and the compiler: AST -> Python closures.

One walk does both jobs.  It resolves every name ahead of time (variables to frame
slots, functions, types, properties and constants through the registry) and reports
every problem it finds as a diagnostic, without stopping at the first; `wlmail check`
prints them, `wlmail run` refuses to start when there is an error.  What it returns is
a tree of closures: a statement is `run(frame) -> signal`, an expression
`eval(frame) -> value`.  Frames are Python lists: slot 0 links an internal procedure to
its enclosing frame, slot 1 holds the RESULT value, variables start at slot 2.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from ..diagnostics import Diagnostic
from ..names import closest, fold
from ..registry import REGISTRY, FunctionEntry, Registry, TypeEntry
from ..syntax import ast
from . import lint
from .errors import Err, WLFatal
from .values import (T_BOOL, T_INT, T_REAL, T_STRING, T_VARIANT, WLArray, WLObject, WLType,
                     array_of, describe, is_text_like, to_bool, to_int, to_number, to_real,
                     to_str)

BREAK, CONTINUE, RETURN = 1, 2, 3
FIRST_SLOT = 2
MAX_DEPTH = 800

Eval = Callable[[list], Any]
Exec = Callable[[list], Any]


# ---- operators ------------------------------------------------------------------------
def op_add(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return a + b
    if not (is_text_like(a) and is_text_like(b)):
        raise WLFatal(f"cannot add {describe(a)} and {describe(b)}", Err.ARGUMENT_TYPE)
    if ta is str:
        return a + (b if tb is str else to_str(b))
    if tb is str:
        return to_str(a) + b
    if ta is bytes or tb is bytes:
        return (a if ta is bytes else to_str(a).encode()) + (b if tb is bytes else to_str(b).encode())
    return to_number(a) + to_number(b)


def _num(v: Any, op: str) -> int | float:
    t = type(v)
    if t is int or t is float:
        return v
    if isinstance(v, (WLArray, WLObject)):
        raise WLFatal(f"`{op}` cannot be used on {describe(v)}", Err.ARGUMENT_TYPE)
    return to_number(v)


def op_sub(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a - b
    return _num(a, "-") - _num(b, "-")


def op_mul(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a * b
    return _num(a, "*") * _num(b, "*")


def op_div(a: Any, b: Any) -> Any:
    x, y = _num(a, "/"), _num(b, "/")
    if y == 0:
        raise WLFatal("division by zero", Err.DIVISION_BY_ZERO)
    return x / y


def op_mod(a: Any, b: Any) -> Any:
    x, y = _num(a, "modulo"), _num(b, "modulo")
    if y == 0:
        raise WLFatal("division by zero (modulo)", Err.DIVISION_BY_ZERO)
    if type(x) is int and type(y) is int:
        # The sign follows the dividend, as in WLanguage (and C), not Python.
        r = abs(x) % abs(y)
        return -r if x < 0 else r
    return math.fmod(x, y)


def _is_number_text(s: str) -> bool:
    try:
        float(s)
        return s.strip() != ""
    except ValueError:
        return False


def _null_equal(other: Any) -> bool:
    if other is None:
        return True
    if isinstance(other, WLObject):
        return other.is_null()
    if isinstance(other, WLArray):
        return len(other.items) == 0
    return other == "" or other == b""


def op_eq(a: Any, b: Any) -> bool:
    ta, tb = type(a), type(b)
    if ta is tb and (ta is int or ta is str or ta is float or ta is bool):
        return a == b
    if a is None:
        return _null_equal(b)
    if b is None:
        return _null_equal(a)
    return _compare(a, b) == 0


def _compare(a: Any, b: Any) -> int:
    ta, tb = type(a), type(b)
    num = (int, float, bool)
    if ta in num and tb in num:
        return (a > b) - (a < b)
    if ta is str and tb in num:
        if _is_number_text(a):
            x = float(a)
            return (x > b) - (x < b)
        a, b = a, to_str(b)
    elif tb is str and ta in num:
        if _is_number_text(b):
            y = float(b)
            return (a > y) - (a < y)
        a, b = to_str(a), b
    if isinstance(a, (WLObject, WLArray)) or isinstance(b, (WLObject, WLArray)):
        if a is b:
            return 0
        raise WLFatal(f"cannot compare {describe(a)} with {describe(b)}", Err.ARGUMENT_TYPE)
    if a is None:
        a = ""
    if b is None:
        b = ""
    if type(a) is bytes or type(b) is bytes:
        a = a if type(a) is bytes else to_str(a).encode()
        b = b if type(b) is bytes else to_str(b).encode()
    else:
        a, b = to_str(a), to_str(b)
    return (a > b) - (a < b)


def op_similar(a: Any, b: Any) -> bool:
    return fold(to_str(a).strip()) == fold(to_str(b).strip())


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": op_eq,
    "<>": lambda a, b: not op_eq(a, b),
    "<": lambda a, b: _compare(a, b) < 0,
    "<=": lambda a, b: _compare(a, b) <= 0,
    ">": lambda a, b: _compare(a, b) > 0,
    ">=": lambda a, b: _compare(a, b) >= 0,
    "~=": op_similar,
}
ARITH = {"+": op_add, "-": op_sub, "*": op_mul, "/": op_div, "modulo": op_mod}


def _to_variant(v: Any) -> Any:
    return T_VARIANT.convert(v)


# ---- scopes ---------------------------------------------------------------------------
@dataclass
class VarInfo:
    name: str
    slot: int
    type: WLType
    scope: "Scope"
    line: int = 0
    column: int = 0
    is_param: bool = False


@dataclass
class ProcInfo:
    name: str
    node: ast.Procedure
    scope: "Scope"
    params: list = field(default_factory=list)      # [VarInfo]
    defaults: list = field(default_factory=list)    # [Eval | None]
    local_flags: list = field(default_factory=list)
    body: Exec | None = None
    inits: list = field(default_factory=list)       # [(slot, WLType)] reset on entry
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


class Runtime:
    """What compiled code needs at run time besides its frame."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.depth = 0


# ---- the compiler ---------------------------------------------------------------------
class Compiler:
    def __init__(self, program: ast.Program, texts: dict[str, str],
                 registry: Registry = REGISTRY) -> None:
        self.program = program
        self.texts = texts
        self.reg = registry
        self.diags: list[Diagnostic] = []
        self.facts: list[lint.Fact] = []
        self.globals: list = []          # the main frame; closures capture this list
        self.global_inits: list = []     # [(slot, factory, folded name)]
        self.main = Scope("main")
        self.rt: Runtime | None = None   # set by the interpreter before running
        self._decl_info: dict[int, list[VarInfo]] = {}
        self._registry_globals: dict[str, VarInfo] = {}
        self._all_procs: list[ProcInfo] = []
        self._proc_name = ""
        self._used_procs: set[str] = set()

    # -- diagnostics
    def error(self, node: Any, message: str, hint: str | None = None, length: int = 1,
              line: int | None = None, column: int | None = None, severity: str = "error") -> None:
        ln = line if line is not None else node.line
        col = column if column is not None else node.column
        text = self.texts.get(node.file, "")
        lines = text.splitlines()
        src = lines[ln - 1] if 1 <= ln <= len(lines) else None
        self.diags.append(Diagnostic(node.file, ln, col, message, severity, hint, src, length))

    def warning(self, node: Any, message: str, hint: str | None = None, **kw: Any) -> None:
        self.error(node, message, hint, severity="warning", **kw)

    def fatal_at(self, node: Any, message: str, code: int = Err.UNKNOWN_NAME) -> Eval:
        """The closure that stands for a node that did not compile (never run: `run`
        refuses a script with errors; kept so `check` can go on compiling)."""
        file, line, column = node.file, node.line, node.column

        def fail(f: list) -> Any:
            raise WLFatal(message, code).locate(file, line, column)
        return fail

    # -- entry point
    def compile(self) -> Exec:
        prog = self.program
        self._collect_procs(prog, self.main)
        self._hoist(prog.body, self.main)
        body = self.block(prog.body, self.main)
        for pinfo in list(self._all_procs):
            self._compile_proc(pinfo)
        self.globals.extend([None] * (self.main.size - len(self.globals)))
        return body

    def _collect_procs(self, prog: ast.Program, scope: Scope) -> None:
        for node in prog.procedures:
            self._declare_proc(node, scope)
        self._collect_internal(prog.body, scope)
        # EXTERN'd files bring their procedures along.
        for node in self._walk_externs(prog.body):
            if node.program is not None:
                self._collect_procs(node.program, scope)

    def _walk_externs(self, stmts: list):
        for s in stmts:
            if isinstance(s, ast.Extern):
                yield s
            for child in self._child_blocks(s):
                yield from self._walk_externs(child)

    def _declare_proc(self, node: ast.Procedure, scope: Scope) -> ProcInfo:
        key = fold(node.name)
        if key in scope.procs:
            self.error(node, f"procedure `{node.name}` is declared twice",
                       hint=f"the first one is on line {scope.procs[key].node.line}")
        if scope is self.main and self.reg.function(node.name) is not None:
            self.warning(node, f"procedure `{node.name}` hides the built-in function of the same name")
        kind = "internal" if node.internal else "procedure"
        pscope = Scope(kind, scope if node.internal else None, node.name)
        pinfo = ProcInfo(node.name, node, pscope)
        # Known before any call is compiled (calls may come before the procedure).
        pinfo.min_args = sum(1 for p in node.params if p.default is None)
        scope.procs[key] = pinfo
        self._all_procs.append(pinfo)
        if not node.internal:
            self._collect_internal(node.body, pscope)
        else:
            self._collect_internal(node.body, pscope)
        return pinfo

    def _collect_internal(self, stmts: list, scope: Scope) -> None:
        for s in stmts:
            if isinstance(s, ast.Procedure) and s.internal:
                self._declare_proc(s, scope)
            else:
                for child in self._child_blocks(s):
                    self._collect_internal(child, scope)

    @staticmethod
    def _child_blocks(s: Any) -> list:
        if isinstance(s, ast.If):
            out = [b for _, b in s.branches]
            if s.otherwise:
                out.append(s.otherwise)
            return out
        if isinstance(s, ast.Switch):
            out = [b for _, b in s.cases]
            if s.other:
                out.append(s.other)
            return out
        if isinstance(s, (ast.For, ast.ForEach, ast.While, ast.Loop)):
            return [s.body]
        if isinstance(s, ast.When):
            return [s.body, s.handler] + ([s.otherwise] if s.otherwise else [])
        if isinstance(s, ast.Extern) and s.program is not None:
            return [s.program.body]
        return []

    # -- hoisting: every declaration of a procedure gets its slot before any code runs
    def _hoist(self, stmts: list, scope: Scope) -> None:
        for s in stmts:
            if isinstance(s, ast.Declare):
                infos = []
                typ = self.resolve_type(s.type) if s.type is not None else self._let_type(s)
                for name, line, col in s.names:
                    existing = scope.vars.get(fold(name))
                    if existing is not None and existing.type is not typ and \
                            existing.type.name != typ.name and not existing.is_param:
                        self.warning(s, f"`{name}` is declared again with another type "
                                        f"(first declared on line {existing.line} as {existing.type.name})",
                                     line=line, column=col)
                    infos.append(scope.add(name, typ, line, col))
                self._decl_info[id(s)] = infos
            elif isinstance(s, ast.For):
                if fold(s.var) not in scope.vars:
                    scope.add(s.var, T_INT, s.line, s.column)
            elif isinstance(s, ast.ForEach):
                if fold(s.var) not in scope.vars:
                    elem = T_VARIANT
                    scope.add(s.var, elem, s.line, s.column)
                if s.index_var and fold(s.index_var) not in scope.vars:
                    scope.add(s.index_var, T_INT, s.line, s.column)
            if isinstance(s, ast.Procedure):
                continue
            for child in self._child_blocks(s):
                self._hoist(child, scope)

    def _let_type(self, s: ast.Declare) -> WLType:
        init = s.init
        if isinstance(init, ast.Literal):
            v = init.value
            return {bool: T_BOOL, int: T_INT, float: T_REAL, str: T_STRING}.get(type(v), T_VARIANT)
        return T_VARIANT

    def _known_type(self, name: str) -> WLType | None:
        try:
            return self.reg.parse_type(name)
        except KeyError:
            return None

    def resolve_type(self, spec: ast.TypeSpec) -> WLType:
        if spec.array:
            elem = self.resolve_type(spec.elem) if spec.elem is not None else T_VARIANT
            return array_of(elem, spec.size)
        known = self._known_type(spec.name)
        if known is not None:
            return known
        names = {fold(s): s for t in self.reg.types.values() for s in t.en + t.fr}
        from ..registry import BUILTIN_TYPE_NAMES
        names.update({k: k for k in BUILTIN_TYPE_NAMES})
        hint = closest(spec.name, names)
        self.error(spec, f"unknown type `{spec.name}`",
                   hint=f"did you mean `{hint}`?" if hint else None, length=len(spec.name))
        return T_VARIANT

    # -- procedures
    def _compile_proc(self, pinfo: ProcInfo) -> None:
        node, scope = pinfo.node, pinfo.scope
        prev = self._proc_name
        self._proc_name = node.name
        seen_default = False
        for p in node.params:
            typ = self.resolve_type(p.type) if p.type is not None else T_VARIANT
            if fold(p.name) in scope.vars:
                self.error(p, f"parameter `{p.name}` is declared twice")
            info = scope.add(p.name, typ, p.line, p.column, is_param=True)
            pinfo.params.append(info)
            pinfo.local_flags.append(p.local)
            if p.default is None and seen_default:
                self.error(p, f"parameter `{p.name}` needs a default value: it follows one that has one")
            seen_default = seen_default or p.default is not None
        self._hoist(node.body, scope)
        pinfo.defaults = [self.expr(p.default, scope)[0] if p.default is not None else None
                          for p in node.params]
        pinfo.body = self.block(node.body, scope)
        pinfo.inits = [(v.slot, v.type) for v in scope.vars.values() if not v.is_param]
        pinfo.size = scope.size
        self._proc_name = prev

    # -- name resolution
    def lookup_var(self, name: str, scope: Scope) -> tuple[VarInfo, int] | None:
        """A variable and how many scopes up it lives (-1: a global of the main code)."""
        key = fold(name)
        depth = 0
        s: Scope | None = scope
        while s is not None:
            if key in s.vars:
                if s is self.main:
                    return s.vars[key], (0 if scope is self.main else -1)
                return s.vars[key], depth
            if s.kind != "internal":
                break
            s = s.parent
            depth += 1
        if scope is not self.main and key in self.main.vars:
            return self.main.vars[key], -1
        return None

    def lookup_proc(self, name: str, scope: Scope) -> tuple[ProcInfo, int] | None:
        key = fold(name)
        s: Scope | None = scope
        depth = 0
        while s is not None:
            if key in s.procs:
                return s.procs[key], depth
            s = s.parent if s.kind == "internal" else None
            depth += 1
        if key in self.main.procs:
            return self.main.procs[key], -1
        return None

    def registry_global(self, name: str) -> VarInfo | None:
        entry = self.reg.global_var(name)
        if entry is None:
            return None
        key = fold(entry.name)
        info = self._registry_globals.get(key)
        if info is None:
            typ = self.reg.parse_type(entry.type_name) if self.reg.type(entry.type_name) else T_VARIANT
            info = VarInfo(entry.name, self.main.size, typ, self.main)
            self.main.size += 1
            self._registry_globals[key] = info
            self.global_inits.append((info.slot, entry.factory, key))
        return info

    def getter(self, info: VarInfo, depth: int) -> Eval:
        i = info.slot
        if depth == 0:
            return lambda f: f[i]
        if depth == -1:
            g = self.globals
            return lambda f: g[i]

        def outer(f: list) -> Any:
            for _ in range(depth):
                f = f[0]
            return f[i]
        return outer

    def setter(self, info: VarInfo, depth: int) -> Callable[[list, Any], None]:
        i = info.slot
        conv = info.type.convert
        if depth == 0:
            def set_local(f: list, v: Any) -> None:
                f[i] = conv(v)
            return set_local
        if depth == -1:
            g = self.globals

            def set_global(f: list, v: Any) -> None:
                g[i] = conv(v)
            return set_global

        def set_outer(f: list, v: Any) -> None:
            for _ in range(depth):
                f = f[0]
            f[i] = conv(v)
        return set_outer

    def unknown_name(self, node: Any, name: str, what: str = "variable",
                     declare_hint: bool = False) -> Eval:
        if self.reg.is_ui_name(name):
            msg = f"`{name}` is a WINDEV control: not available outside a WINDEV window"
            self.error(node, msg, length=len(name))
            return self.fatal_at(node, msg, Err.UI_UNAVAILABLE)
        candidates = self.reg.all_names()
        for s in self._visible_names(node):
            candidates[fold(s)] = s
        hint = self.reg.hint(name, candidates)
        if hint is None and declare_hint:
            hint = f"declare it first, e.g. `{name} is string`"
        msg = f"unknown {what} `{name}`"
        self.error(node, msg, hint=hint, length=len(name))
        return self.fatal_at(node, msg)

    def _visible_names(self, node: Any) -> list[str]:
        out = [v.name for v in self.main.vars.values()]
        out += [p.name for p in self.main.procs.values()]
        for p in self._all_procs:
            out += [v.name for v in p.scope.vars.values()]
        return out

    # -- statements
    def block(self, stmts: list, scope: Scope) -> Exec:
        compiled = []
        for s in stmts:
            c = self.stmt(s, scope)
            if c is not None:
                compiled.append(c)
        if not compiled:
            return lambda f: None
        if len(compiled) == 1:
            return compiled[0]
        if len(compiled) == 2:
            a, b = compiled

            def run2(f: list) -> Any:
                r = a(f)
                if r is not None:
                    return r
                return b(f)
            return run2
        seq = tuple(compiled)

        def run(f: list) -> Any:
            for s in seq:
                r = s(f)
                if r is not None:
                    return r
            return None
        return run

    def stmt(self, s: Any, scope: Scope) -> Exec | None:
        method = getattr(self, "s_" + type(s).__name__, None)
        if method is None:  # pragma: no cover - every node type has a method
            raise AssertionError(f"no compiler for {type(s).__name__}")
        return method(s, scope)

    def _located(self, node: Any, fn: Callable[[list], Any]) -> Exec:
        file, line, column = node.file, node.line, node.column

        def run(f: list) -> Any:
            try:
                return fn(f)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return run

    def s_Nop(self, s: ast.Nop, scope: Scope) -> None:
        return None

    def s_Procedure(self, s: ast.Procedure, scope: Scope) -> None:
        return None  # internal procedures are compiled with the others

    def s_Extern(self, s: ast.Extern, scope: Scope) -> Exec | None:
        if s.program is None:
            return None
        self._hoist(s.program.body, scope)
        return self.block(s.program.body, scope)

    def s_Declare(self, s: ast.Declare, scope: Scope) -> Exec | None:
        infos = self._decl_info.get(id(s))
        if infos is None:  # declared in a block hoisted elsewhere (should not happen)
            self._hoist([s], scope)
            infos = self._decl_info[id(s)]
        init = None
        if s.init is not None:
            init, _ = self.expr(s.init, scope)
        file, line, column = s.file, s.line, s.column
        runners = []
        for info in infos:
            res = self.lookup_var(info.name, scope)
            assert res is not None
            setter = self.setter(info, res[1])
            typ = info.type
            if init is None:
                def run(f: list, setter=setter, typ=typ) -> None:
                    setter(f, typ.default())
            else:
                def run(f: list, setter=setter, init=init) -> None:
                    setter(f, init(f))
            runners.append(run)

        def declare(f: list) -> None:
            try:
                for r in runners:
                    r(f)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return declare

    def s_Assign(self, s: ast.Assign, scope: Scope) -> Exec:
        value, vtype = self.expr(s.value, scope)
        return self.assign_to(s.target, value, scope, s)

    def assign_to(self, target: Any, value: Eval, scope: Scope, stmt: Any) -> Exec:
        file, line, column = stmt.file, stmt.line, stmt.column
        if isinstance(target, ast.Var):
            res = self.lookup_var(target.name, scope)
            if res is None:
                g = self.registry_global(target.name)
                if g is not None:
                    self.error(target, f"`{target.name}` cannot be assigned as a whole",
                               hint=f"assign one of its properties: {target.name}.Recipient = ...")
                    return self.fatal_at(target, "cannot assign")
                if self.reg.constant(target.name) is not None:
                    self.error(target, f"`{target.name}` is a constant: it cannot be assigned")
                    return self.fatal_at(target, "cannot assign a constant")
                return self.unknown_name(target, target.name, declare_hint=True)
            info, depth = res
            i = info.slot
            conv = info.type.convert
            if depth == 0:
                def assign_local(f: list) -> None:
                    try:
                        f[i] = conv(value(f))
                    except WLFatal as e:
                        raise e.locate(file, line, column)
                return assign_local
            setter = self.setter(info, depth)

            def assign(f: list) -> None:
                try:
                    setter(f, value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return assign
        if isinstance(target, ast.Member):
            base, btype = self.expr(target.base, scope)
            prop = self.static_property(target, btype, assigning=True)
            self._fact_property(target, prop, stmt, scope)
            if prop is not None:
                if prop.readonly:
                    self.error(target, f"`{target.name}` is read-only", line=target.name_line,
                               column=target.name_column)

                def assign_prop(f: list) -> None:
                    try:
                        obj = base(f)
                        obj.wl_set(prop, value(f))
                    except WLFatal as e:
                        raise e.locate(file, line, column)
                return assign_prop
            key, shown = fold(target.name), target.name

            def assign_dynamic(f: list) -> None:
                try:
                    obj = base(f)
                    dyn_set(obj, key, shown, value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return assign_dynamic
        if isinstance(target, ast.Index):
            base, btype = self.expr(target.base, scope)
            if len(target.indexes) != 1:
                self.error(target, "arrays with several dimensions are not supported")
            idx, _ = self.expr(target.indexes[0], scope)

            def assign_index(f: list) -> None:
                try:
                    arr = base(f)
                    if not isinstance(arr, WLArray):
                        raise WLFatal(f"{describe(arr)} cannot be indexed", Err.NOT_AN_OBJECT)
                    arr.set(idx(f), value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return assign_index
        self.error(target, "this cannot be assigned to")
        return self.fatal_at(target, "cannot assign")

    def s_OpAssign(self, s: ast.OpAssign, scope: Scope) -> Exec:
        cur, _ = self.expr(s.target, scope)
        rhs, _ = self.expr(s.value, scope)
        op = ARITH[s.op]

        def value(f: list) -> Any:
            return op(cur(f), rhs(f))
        return self.assign_to(s.target, value, scope, s)

    def s_ExprStmt(self, s: ast.ExprStmt, scope: Scope) -> Exec:
        e = s.expr
        if isinstance(e, (ast.Var, ast.Member)):
            # A bare name is a call without parentheses: `EmailReset`, `session.CloseSession`.
            e = ast.Call(e.line, e.column, e.file, e, [])
        fn, _ = self.expr(e, scope)

        def run(f: list) -> None:
            fn(f)
        return run

    def s_Break(self, s: ast.Break, scope: Scope) -> Exec:
        return lambda f: BREAK

    def s_Continue(self, s: ast.Continue, scope: Scope) -> Exec:
        return lambda f: CONTINUE

    def s_Return(self, s: ast.Return, scope: Scope) -> Exec:
        if s.value is None:
            return lambda f: RETURN
        value, _ = self.expr(s.value, scope)
        return self._result(s, value)

    def s_Result(self, s: ast.Result, scope: Scope) -> Exec:
        value, _ = self.expr(s.value, scope)
        return self._result(s, value)

    def _result(self, s: Any, value: Eval) -> Exec:
        file, line, column = s.file, s.line, s.column

        def run(f: list) -> int:
            try:
                f[1] = value(f)
            except WLFatal as e:
                raise e.locate(file, line, column)
            return RETURN
        return run

    def cond(self, node: Any, scope: Scope) -> Eval:
        fn, _ = self.expr(node, scope)
        file, line, column = node.file, node.line, node.column

        def test(f: list) -> bool:
            v = fn(f)
            if v is True or v is False:
                return v
            try:
                return to_bool(v)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return test

    def s_If(self, s: ast.If, scope: Scope) -> Exec:
        branches = tuple((self.cond(c, scope), self.block(b, scope)) for c, b in s.branches)
        otherwise = self.block(s.otherwise, scope) if s.otherwise else None
        if len(branches) == 1:
            (test, body), = branches
            if otherwise is None:
                def run_if(f: list) -> Any:
                    if test(f):
                        return body(f)
                    return None
                return run_if

            def run_if_else(f: list) -> Any:
                if test(f):
                    return body(f)
                return otherwise(f)
            return run_if_else

        def run(f: list) -> Any:
            for test, body in branches:
                if test(f):
                    return body(f)
            if otherwise is not None:
                return otherwise(f)
            return None
        return run

    def s_Switch(self, s: ast.Switch, scope: Scope) -> Exec:
        subject, _ = self.expr(s.subject, scope)
        cases = []
        for items, body in s.cases:
            tests = []
            for it in items:
                v, _ = self.expr(it.value, scope)
                if it.kind == "value":
                    tests.append(("eq", v, None))
                elif it.kind == "range":
                    tests.append(("range", v, self.expr(it.upper, scope)[0]))
                else:
                    tests.append((it.op, v, None))
            cases.append((tuple(tests), self.block(body, scope)))
        other = self.block(s.other, scope) if s.other else None
        file, line, column = s.file, s.line, s.column

        def matches(f: list, x: Any, tests: tuple) -> bool:
            for kind, v, hi in tests:
                if kind == "eq":
                    if op_eq(x, v(f)):
                        return True
                elif kind == "range":
                    if _compare(x, v(f)) >= 0 and _compare(x, hi(f)) <= 0:
                        return True
                elif COMPARE[kind](x, v(f)):
                    return True
            return False

        def run(f: list) -> Any:
            try:
                x = subject(f)
                for tests, body in cases:
                    if matches(f, x, tests):
                        return body(f)
            except WLFatal as e:
                raise e.locate(file, line, column)
            if other is not None:
                return other(f)
            return None
        return run

    def s_For(self, s: ast.For, scope: Scope) -> Exec:
        res = self.lookup_var(s.var, scope)
        assert res is not None
        info, depth = res
        start, _ = self.expr(s.start, scope)
        end, _ = self.expr(s.end, scope)
        step = self.expr(s.step, scope)[0] if s.step is not None else None
        body = self.block(s.body, scope)
        get, put = self.getter(info, depth), self.setter(info, depth)
        file, line, column = s.file, s.line, s.column
        end_const = isinstance(s.end, ast.Literal)
        simple_local = depth == 0 and info.type is T_INT
        slot = info.slot

        def run(f: list) -> Any:
            try:
                i = to_real(start(f))
                st = to_real(step(f)) if step is not None else 1
                if st == 0:
                    raise WLFatal("a FOR loop's STEP cannot be 0", Err.ARGUMENT_TYPE)
                stop = to_real(end(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
            up = st > 0
            while (i <= stop) if up else (i >= stop):
                if simple_local:
                    f[slot] = int(i) if type(i) is int else to_int(i)
                else:
                    put(f, i)
                r = body(f)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == RETURN:
                        return r
                # WLanguage re-evaluates the end value at each turn; the loop variable
                # may have been changed by the body.
                i = (f[slot] if simple_local else to_real(get(f))) + st
                if not end_const:
                    stop = to_real(end(f))
            return None
        return run

    def s_ForEach(self, s: ast.ForEach, scope: Scope) -> Exec:
        res = self.lookup_var(s.var, scope)
        assert res is not None
        info, depth = res
        put = self.setter(info, depth)
        put_index = None
        if s.index_var:
            ires = self.lookup_var(s.index_var, scope)
            assert ires is not None
            put_index = self.setter(*ires)
        seq, _ = self.expr(s.iterable, scope)
        body = self.block(s.body, scope)
        file, line, column = s.file, s.line, s.column

        def run(f: list) -> Any:
            try:
                arr = seq(f)
                if isinstance(arr, WLArray):
                    items = list(arr.items)
                elif isinstance(arr, str):
                    items = list(arr)
                else:
                    raise WLFatal(f"FOR EACH needs an array, not {describe(arr)}", Err.ARGUMENT_TYPE)
            except WLFatal as e:
                raise e.locate(file, line, column)
            for n, item in enumerate(items, 1):
                put(f, item)
                if put_index is not None:
                    put_index(f, n)
                r = body(f)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == RETURN:
                        return r
            return None
        return run

    def s_While(self, s: ast.While, scope: Scope) -> Exec:
        return self._loop(self.cond(s.cond, scope), self.block(s.body, scope))

    def s_Loop(self, s: ast.Loop, scope: Scope) -> Exec:
        return self._loop(None, self.block(s.body, scope))

    @staticmethod
    def _loop(test: Eval | None, body: Exec) -> Exec:
        """WHILE (with a test) and LOOP (without one)."""
        def run(f: list) -> Any:
            while test is None or test(f):
                r = body(f)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == RETURN:
                        return r
            return None
        return run

    def s_When(self, s: ast.When, scope: Scope) -> Exec:
        body = self.block(s.body, scope)
        handler = self.block(s.handler, scope)
        otherwise = self.block(s.otherwise, scope) if s.otherwise else None
        compiler = self

        def run(f: list) -> Any:
            try:
                r = body(f)
            except WLFatal as e:
                compiler.rt.ctx.exception = e
                return handler(f)
            if otherwise is not None:
                return otherwise(f)
            return r
        return run

    # -- expressions: each returns (closure, static type or None)
    def expr(self, node: Any, scope: Scope) -> tuple[Eval, WLType | None]:
        method = getattr(self, "e_" + type(node).__name__)
        return method(node, scope)

    def e_Literal(self, node: ast.Literal, scope: Scope):
        v = node.value
        typ = {bool: T_BOOL, int: T_INT, float: T_REAL, str: T_STRING}.get(type(v))
        return (lambda f: v), typ

    def e_Interpolated(self, node: ast.Interpolated, scope: Scope):
        parts = [(lambda f, p=p: p) if isinstance(p, str) else self.expr(p, scope)[0]
                 for p in node.parts]
        return (lambda f: "".join(to_str(p(f)) for p in parts)), T_STRING

    def e_Var(self, node: ast.Var, scope: Scope):
        res = self.lookup_var(node.name, scope)
        if res is not None:
            info, depth = res
            return self.getter(info, depth), info.type
        g = self.registry_global(node.name)
        if g is not None:
            return self.getter(g, 0 if scope is self.main else -1), g.type
        const = self.reg.constant(node.name)
        if const is not None:
            v = const.value
            return (lambda f: v), None
        entry = self.reg.function(node.name)
        if entry is not None or self.lookup_proc(node.name, scope) is not None:
            # A call without parentheses: `fSep`, `ErrorOccurred`, `Now`.
            call = ast.Call(node.line, node.column, node.file, node, [])
            return self.e_Call(call, scope)
        return self.unknown_name(node, node.name), None

    def e_ArrayLit(self, node: ast.ArrayLit, scope: Scope):
        items = [self.expr(i, scope)[0] for i in node.items]

        def make(f: list) -> WLArray:
            return WLArray(T_VARIANT, [i(f) for i in items])
        return make, None

    def e_Not(self, node: ast.Not, scope: Scope):
        test = self.cond(node.operand, scope)
        return (lambda f: not test(f)), T_BOOL

    def e_Neg(self, node: ast.Neg, scope: Scope):
        fn, _ = self.expr(node.operand, scope)
        file, line, column = node.file, node.line, node.column

        def neg(f: list) -> Any:
            v = fn(f)
            if type(v) is int or type(v) is float:
                return -v
            try:
                return -_num(v, "-")
            except WLFatal as e:
                raise e.locate(file, line, column)
        return neg, None

    def e_Compare(self, node: ast.Compare, scope: Scope):
        left, _ = self.expr(node.left, scope)
        right, _ = self.expr(node.right, scope)
        op = COMPARE[node.op]
        file, line, column = node.file, node.line, node.column
        if node.op == "=":
            def eq(f: list) -> bool:
                a, b = left(f), right(f)
                if type(a) is type(b) and (type(a) is int or type(a) is str):
                    return a == b
                try:
                    return op_eq(a, b)
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return eq, T_BOOL

        def cmp(f: list) -> bool:
            try:
                return op(left(f), right(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return cmp, T_BOOL

    def e_BinOp(self, node: ast.BinOp, scope: Scope):
        op = node.op
        if op in ("and", "or", "_and_", "_or_"):
            left = self.cond(node.left, scope)
            right = self.cond(node.right, scope)
            if op == "and":
                return (lambda f: left(f) & right(f)), T_BOOL
            if op == "or":
                return (lambda f: left(f) | right(f)), T_BOOL
            if op == "_and_":
                return (lambda f: left(f) and right(f)), T_BOOL
            return (lambda f: left(f) or right(f)), T_BOOL
        if op == "+":
            return self._sum_chain(node, scope)
        left, _ = self.expr(node.left, scope)
        right, _ = self.expr(node.right, scope)
        fn = ARITH[op]
        file, line, column = node.file, node.line, node.column

        def arith(f: list) -> Any:
            try:
                return fn(left(f), right(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return arith, (T_REAL if op == "/" else None)

    def _sum_chain(self, node: ast.BinOp, scope: Scope):
        """`a + b + [c] + d`, flattened: long concatenations must not nest closures."""
        terms = []
        cur: Any = node
        while isinstance(cur, ast.BinOp) and cur.op == "+":
            terms.append(cur.right)
            cur = cur.left
        terms.append(cur)
        terms.reverse()
        first, ftype = self.expr(terms[0], scope)
        parts = []
        for t in terms[1:]:
            if isinstance(t, ast.ArrayLit) and len(t.items) == 1:
                parts.append((True, self.expr(t.items[0], scope)[0]))
            else:
                parts.append((False, self.expr(t, scope)[0]))
        file, line, column = node.file, node.line, node.column
        if len(parts) == 1 and not parts[0][0]:
            right = parts[0][1]
            if ftype is T_STRING and isinstance(terms[0], ast.Literal):
                s0 = terms[0].value

                def concat_const(f: list) -> str:
                    b = right(f)
                    return s0 + (b if type(b) is str else to_str(b))
                return concat_const, T_STRING

            def add2(f: list) -> Any:
                a, b = first(f), right(f)
                if type(a) is int and type(b) is int:
                    return a + b
                try:
                    return op_add(a, b)
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return add2, (T_STRING if ftype is T_STRING else None)
        plan = tuple(parts)

        def add_chain(f: list) -> Any:
            try:
                acc = first(f)
                for cond, fn in plan:
                    if cond:
                        v = fn(f)
                        if type(acc) is str:
                            piece = to_str(v)
                            if not acc.endswith(piece):
                                acc += piece
                            continue
                        acc = op_add(acc, WLArray(T_VARIANT, [v]))
                    else:
                        acc = op_add(acc, fn(f))
                return acc
            except WLFatal as e:
                raise e.locate(file, line, column)
        return add_chain, (T_STRING if ftype is T_STRING else None)

    # -- members, indexes, calls
    def static_entry(self, typ: WLType | None) -> TypeEntry | None:
        if typ is not None and typ.kind == "object":
            return getattr(typ.cls, "REGISTRY_ENTRY", None)
        return None

    def static_property(self, node: ast.Member, btype: WLType | None, assigning: bool = False):
        entry = self.static_entry(btype)
        if entry is None:
            if btype is not None and btype.kind in ("int", "real", "string", "boolean", "buffer"):
                self.error(node, f"a {btype.name} has no property `{node.name}`",
                           line=node.name_line, column=node.name_column, length=len(node.name))
            return None
        prop = entry.properties.get(fold(node.name))
        if prop is None:
            if fold(node.name) in entry.methods and not assigning:
                return None
            hint = closest(node.name, entry.property_spellings())
            self.error(node, f"`{entry.name}` has no property `{node.name}`",
                       hint=f"did you mean `{hint}`?" if hint else None,
                       line=node.name_line, column=node.name_column, length=len(node.name))
        return prop

    def e_Member(self, node: ast.Member, scope: Scope):
        base, btype = self.expr(node.base, scope)
        file, line, column = node.file, node.name_line or node.line, node.name_column or node.column
        if btype is not None and btype.kind == "array":
            key = fold(node.name)
            if key in ("count", "occurrence", "occurrences"):
                return (lambda f: len(base(f).items)), T_INT
            self.error(node, f"an array has no property `{node.name}`",
                       hint="did you mean `Count`?", line=line, column=column)
            return self.fatal_at(node, "no such property"), None
        entry = self.static_entry(btype)
        if entry is not None and fold(node.name) in entry.methods:
            call = ast.Call(node.line, node.column, node.file, node, [])
            return self.e_Call(call, scope)
        prop = self.static_property(node, btype)
        if prop is not None:
            def get_prop(f: list) -> Any:
                return base(f).wl_get(prop)
            return get_prop, prop.wl_type
        key, shown = fold(node.name), node.name

        def get_dynamic(f: list) -> Any:
            try:
                return dyn_get(base(f), key, shown)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return get_dynamic, None

    def e_Index(self, node: ast.Index, scope: Scope):
        base, btype = self.expr(node.base, scope)
        if len(node.indexes) != 1:
            self.error(node, "arrays with several dimensions are not supported")
        idx, _ = self.expr(node.indexes[0], scope)
        file, line, column = node.file, node.line, node.column

        def index(f: list) -> Any:
            arr = base(f)
            try:
                if isinstance(arr, WLArray):
                    return arr.get(idx(f))
                raise WLFatal(f"{describe(arr)} cannot be indexed", Err.NOT_AN_OBJECT)
            except WLFatal as e:
                raise e.locate(file, line, column)
        etype = btype.elem if btype is not None and btype.kind == "array" else None
        return index, etype

    def e_Call(self, node: ast.Call, scope: Scope):
        func = node.func
        args = [self.expr(a, scope) for a in node.args]
        arg_fns = [a[0] for a in args]
        if isinstance(func, ast.Var):
            found = self.lookup_proc(func.name, scope)
            if found is not None:
                return self._call_proc(node, found[0], found[1], scope), None
            entry = self.reg.function(func.name)
            if entry is not None:
                self._fact_call(node, entry.name, node.args, scope)
                return self._call_builtin(node, entry, func.name, arg_fns), self._returns(entry)
            res = self.lookup_var(func.name, scope)
            if res is not None or self.reg.global_var(func.name) is not None:
                self.error(func, f"`{func.name}` is a variable, not a function")
                return self.fatal_at(node, "not a function", Err.NOT_CALLABLE), None
            return self.unknown_name(func, func.name, "function or procedure"), None
        if isinstance(func, ast.Member):
            return self._call_method(node, func, arg_fns, scope)
        self.error(node, "this cannot be called")
        return self.fatal_at(node, "not callable", Err.NOT_CALLABLE), None

    def _returns(self, entry: FunctionEntry) -> WLType | None:
        if entry.returns in ("", "Variant"):
            return None
        try:
            return self.reg.parse_type(entry.returns)
        except KeyError:
            return None

    def _check_arity(self, node: Any, shown: str, n: int, lo: int, hi: int | None,
                     offset: int = 0) -> None:
        if n < lo or (hi is not None and n > hi):
            lo_s, hi_s = lo - offset, (hi - offset if hi is not None else None)
            want = (str(lo_s) if hi_s == lo_s else f"at least {lo_s}" if hi_s is None
                    else f"{lo_s} to {hi_s}")
            plural = "" if want in ("1", "at least 1") else "s"
            self.error(node, f"`{shown}` takes {want} argument{plural}, "
                             f"not {n - offset}", length=len(shown))

    def _call_builtin(self, node: ast.Call, entry: FunctionEntry, shown: str,
                      arg_fns: list, receiver: Eval | None = None) -> Eval:
        if entry.ui:
            msg = f"`{shown}` is a WINDEV window function: not available outside a WINDEV window"
            self.error(node, msg, length=len(shown))
            return self.fatal_at(node, msg, Err.UI_UNAVAILABLE)
        n = len(arg_fns) + (1 if receiver is not None else 0)
        self._check_arity(node, shown, n, entry.min_args, entry.max_args,
                          offset=1 if receiver is not None else 0)
        impl = entry.impl
        if receiver is not None:
            arg_fns = [receiver] + arg_fns
        compiler = self
        fallible = entry.fallible
        file, line, column = node.file, node.line, node.column
        fns = tuple(arg_fns)
        if not fallible and len(fns) == 1:
            a0 = fns[0]

            def call1(f: list) -> Any:
                try:
                    return impl(compiler.rt.ctx, a0(f))
                except WLFatal as e:
                    raise respell(e, entry.name, shown).locate(file, line, column)
            return call1

        def call(f: list) -> Any:
            try:
                values = [a(f) for a in fns]
                ctx = compiler.rt.ctx
                if fallible:
                    ctx.error.reset()
                return impl(ctx, *values)
            except WLFatal as e:
                raise respell(e, entry.name, shown).locate(file, line, column)
        return call

    def _call_method(self, node: ast.Call, func: ast.Member, arg_fns: list, scope: Scope):
        base, btype = self.expr(func.base, scope)
        key, shown = fold(func.name), func.name
        line, column = func.name_line or func.line, func.name_column or func.column
        if btype is not None and btype.kind == "array":
            target = self.reg.array_methods.get(key)
            if target is None:
                self.error(func, f"an array has no method `{shown}`", line=line, column=column,
                           hint=self.reg.hint(shown, {k: k for k in self.reg.array_methods}))
                return self.fatal_at(node, "no such method", Err.UNKNOWN_PROPERTY), None
            entry = self.reg.function(target)
            return self._call_builtin(node, entry, shown, arg_fns, receiver=base), self._returns(entry)
        entry_t = self.static_entry(btype)
        if entry_t is not None:
            target = entry_t.methods.get(key)
            if target is None:
                if key in entry_t.properties:
                    self.error(func, f"`{shown}` is a property of `{entry_t.name}`, not a method",
                               line=line, column=column)
                else:
                    hint = closest(shown, entry_t.property_spellings())
                    self.error(func, f"`{entry_t.name}` has no method `{shown}`", line=line,
                               column=column, hint=f"did you mean `{hint}`?" if hint else None)
                return self.fatal_at(node, "no such method", Err.UNKNOWN_PROPERTY), None
            fentry = self.reg.function(target)
            self._fact_call(node, fentry.name, [func.base] + list(node.args), scope,
                            method_of=func.base)
            return self._call_builtin(node, fentry, shown, arg_fns, receiver=base), self._returns(fentry)
        # The receiver's type is only known at run time.
        reg = self.reg
        compiler = self
        file = node.file
        fns = tuple(arg_fns)

        def call_dynamic(f: list) -> Any:
            try:
                obj = base(f)
                if isinstance(obj, WLArray):
                    target = reg.array_methods.get(key)
                elif isinstance(obj, WLObject):
                    target = type(obj).REGISTRY_ENTRY.methods.get(key)
                else:
                    raise WLFatal(f"{describe(obj)} has no method `{shown}`", Err.NOT_AN_OBJECT)
                if target is None:
                    raise WLFatal(f"{describe(obj)} has no method `{shown}`", Err.UNKNOWN_PROPERTY)
                entry = reg.function(target)
                ctx = compiler.rt.ctx
                values = [obj] + [a(f) for a in fns]
                if len(values) < entry.min_args or (entry.max_args is not None
                                                    and len(values) > entry.max_args):
                    raise WLFatal(f"`{shown}` takes {entry.arity_text()} arguments", Err.ARGUMENT_COUNT)
                if entry.fallible:
                    ctx.error.reset()
                return entry.impl(ctx, *values)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return call_dynamic, None

    def _call_proc(self, node: ast.Call, pinfo: ProcInfo, depth: int, scope: Scope) -> Eval:
        self._used_procs.add(fold(pinfo.name))
        nparams = len(pinfo.node.params)
        self._check_arity(node, pinfo.name, len(node.args), pinfo.min_args, nparams)
        arg_fns = [self.expr(a, scope)[0] for a in node.args]
        # Arguments that are variables are passed by reference: the procedure's final
        # value of the parameter is written back (not for LOCAL parameters).
        writeback = []
        for n, a in enumerate(node.args):
            if n < nparams and isinstance(a, ast.Var) and not pinfo.node.params[n].local:
                res = self.lookup_var(a.name, scope)
                if res is not None:
                    writeback.append((n, self.setter(*res)))
        writeback_t = tuple(writeback)
        compiler = self
        file, line, column = node.file, node.line, node.column
        fns = tuple(arg_fns)
        internal = pinfo.node.internal
        # How to reach the frame an internal procedure lives in from the caller's frame.
        if internal:
            hops = depth if depth >= 0 else 0
        else:
            hops = 0
        main_parent = internal and pinfo.scope.parent is self.main

        def call(f: list) -> Any:
            rt = compiler.rt
            try:
                values = [a(f) for a in fns]
            except WLFatal as e:
                raise e.locate(file, line, column)
            if internal:
                link = f
                if main_parent:
                    link = compiler.globals
                else:
                    for _ in range(hops):
                        link = link[0]
            else:
                link = None
            if rt.depth >= MAX_DEPTH:
                raise WLFatal(f"procedure calls nested more than {MAX_DEPTH} deep "
                              f"(runaway recursion in `{pinfo.name}`?)", Err.RECURSION).locate(
                    file, line, column)
            rt.depth += 1
            try:
                frame = invoke(pinfo, values, link)
            except WLFatal as e:
                # A parameter that cannot take its argument: the call is where it failed
                # (errors inside the procedure's body already carry their own place).
                raise e.locate(file, line, column)
            except RecursionError:
                raise WLFatal(f"procedure calls nested too deeply (runaway recursion in "
                              f"`{pinfo.name}`?)", Err.RECURSION).locate(file, line, column)
            finally:
                rt.depth -= 1
            for n, put in writeback_t:
                put(f, frame[pinfo.params[n].slot])
            return frame[1]
        return call

    # -- lint facts
    def value_info(self, node: Any, scope: Scope) -> lint.Value:
        if isinstance(node, ast.Literal):
            return lint.Value(literal=node.value, is_literal=True)
        if isinstance(node, ast.Var):
            res = self.lookup_var(node.name, scope)
            if res is not None:
                t = res[0].type
                return lint.Value(var=fold(res[0].name), type_name=t.name if t.kind == "object" else None)
            g = self.reg.global_var(node.name)
            if g is not None:
                return lint.Value(var=fold(g.name), type_name=g.type_name)
            c = self.reg.constant(node.name)
            if c is not None:
                return lint.Value(literal=c.value, constant=c.name)
            return lint.Value()
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Var):
            e = self.reg.function(node.func.name)
            return lint.Value(function=e.name if e else None)
        return lint.Value()

    def _fact_property(self, target: ast.Member, prop: Any, stmt: Any, scope: Scope) -> None:
        if prop is None or not isinstance(stmt, ast.Assign):
            return
        base = self.value_info(target.base, scope)
        if base.var is None or base.type_name is None:
            return
        self.facts.append(lint.PropertyAssign(base.var, base.type_name, prop.name,
                                              self.value_info(stmt.value, scope),
                                              stmt.line, stmt.column, self._proc_name))

    def _fact_call(self, node: ast.Call, name: str, args: list, scope: Scope,
                   method_of: Any = None) -> None:
        self.facts.append(lint.Call(name, [self.value_info(a, scope) for a in args], node.line,
                                    node.column, self._proc_name,
                                    self.value_info(method_of, scope) if method_of is not None else None))

    def run_lints(self) -> None:
        for check in self.reg.lints:
            for w in check(self.facts):
                self.diags.append(Diagnostic(self.program.file, w.line, w.column, w.message,
                                             "warning", w.hint,
                                             _line_of(self.texts.get(self.program.file, ""), w.line)))


def respell(e: WLFatal, name: str, shown: str) -> WLFatal:
    """Built-ins start their messages with their English name; say it the way the
    script wrote it (`TableauOccurrence: ...` in a French script)."""
    if e.line is None and shown != name and e.message.startswith(name + ":"):
        e.message = shown + e.message[len(name):]
        e.args = (e.message,)
    return e


def _line_of(text: str, line: int) -> str | None:
    lines = text.splitlines()
    return lines[line - 1] if 1 <= line <= len(lines) else None


def invoke(pinfo: ProcInfo, values: list, link: list | None) -> list:
    frame: list = [None] * pinfo.size
    frame[0] = link
    for slot, typ in pinfo.inits:
        frame[slot] = typ.default()
    params = pinfo.params
    for n, info in enumerate(params):
        if n < len(values):
            v = values[n]
            typ = info.type
            if typ.kind == "object" and isinstance(v, typ.cls) and not pinfo.local_flags[n]:
                frame[info.slot] = v       # by reference: the caller's own object
            elif typ.kind == "array" and isinstance(v, WLArray) and not pinfo.local_flags[n]:
                frame[info.slot] = v
            elif typ is T_VARIANT and not pinfo.local_flags[n]:
                frame[info.slot] = v
            else:
                frame[info.slot] = typ.convert(v)
        else:
            default = pinfo.defaults[n]
            frame[info.slot] = info.type.convert(default(frame)) if default is not None else info.type.default()
    pinfo.body(frame)
    return frame


def _dyn_property(obj: Any, key: str, shown: str) -> Any:
    """The property `shown` of an object whose type is only known at run time."""
    if isinstance(obj, WLObject):
        prop = type(obj).REGISTRY_ENTRY.properties.get(key)
        if prop is not None:
            return prop
        raise WLFatal(f"`{obj.TYPE_NAME}` has no property `{shown}`", Err.UNKNOWN_PROPERTY)
    raise WLFatal(f"{describe(obj)} has no property `{shown}`", Err.NOT_AN_OBJECT)


def dyn_get(obj: Any, key: str, shown: str) -> Any:
    if isinstance(obj, WLArray) and key in ("count", "occurrence", "occurrences"):
        return len(obj.items)
    return obj.wl_get(_dyn_property(obj, key, shown))


def dyn_set(obj: Any, key: str, shown: str, value: Any) -> None:
    obj.wl_set(_dyn_property(obj, key, shown), value)
