"""The static pass: scopes, hoisting, name resolution, arity, static types, diagnostics
and lint facts.  It builds no code.

It resolves every name ahead of time (variables to frame slots, procedures, functions,
types, properties and constants through the registry), records what each one stands for
in a `Resolution` (see resolution.py) and reports every problem it finds as a
diagnostic, without stopping at the first.  `wlmail check` runs only this pass and
prints them; `wlmail run` refuses to start when there is an error, and otherwise hands
the resolution to the code generator (codegen.py).

Order of work: procedures are collected first (calls may come before them), then the
declarations of the main code are hoisted (every variable gets its slot before any code
runs), the main code is resolved, then each procedure the same way.  EXTERN'd code
belongs where its EXTERN is: its main code is hoisted and resolved in that scope, its
procedures are global.
"""
from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Callable
from typing import Any

from ..catalogue import lookup as catalogued
from ..diagnostics import Diagnostic, statement_line
from ..names import affixed, closest, fold, nearest
from ..registry import (
    BUILTIN_TYPE_NAMES,
    REGISTRY,
    FunctionEntry,
    Property,
    Registry,
    TypeEntry,
)
from ..syntax import ast
from . import lint
from .collections import (
    COLLECTION_KINDS,
    COLLECTION_PROPERTIES,
    KEY_TYPES,
    CollectionType,
    check_options,
    dynamic_array_of,
)
from .enums import ENUM_PROPERTIES, CombinationType, EnumType, WLEnumValue
from .errors import Err, WLFatal
from .frames import T_PROCEDURE
from .objects import class_of
from .operators import ARITH
from .resolution import (
    ArrayCount,
    BuiltinCall,
    ConstantRef,
    DynamicMethod,
    DynamicProperty,
    Failed,
    ImplicitCall,
    KeyExists,
    MomentDifference,
    ProcCall,
    ProcInfo,
    ProcValue,
    Resolution,
    Scope,
    StaticProperty,
    VarCall,
    VarInfo,
    VarRef,
)
from .resolver_objects import ObjectResolver
from .values import (
    MAX_ARRAY,
    T_BOOL,
    T_INT,
    T_REAL,
    T_STRING,
    T_VARIANT,
    WLType,
    array_of,
    array_too_big,
    qualified_type,
    sized_int,
)

_LITERAL_TYPES: dict[type, WLType] = {bool: T_BOOL, int: T_INT, float: T_REAL, str: T_STRING}
# Looking for statements: no need to go through expressions, nor into the nodes that
# are handled on their own (a procedure's body, an EXTERN'd file).
_HOIST_SKIP = ast.NO_STATEMENTS + (ast.Procedure,)
_MOMENTS = ("date", "time", "datetime")
_COLLECT_SKIP = ast.NO_STATEMENTS + (ast.Procedure, ast.Extern)
_COUNT = ("count", "occurrence", "occurrences")
_NOT_CONSTANT = object()


class Resolver(ObjectResolver):
    def __init__(self, program: ast.Program, texts: dict[str, str],
                 registry: Registry = REGISTRY) -> None:
        self.res = Resolution(program, texts)
        self.reg = registry
        self.main = self.res.main
        self.texts = texts
        self._lines: dict[str, list[str]] = {}
        self._seen: set[tuple[Any, ...]] = set()
        self._registry_globals: dict[str, VarInfo] = {}
        self._proc_name = ""
        self.enums: dict[str, EnumType] = {}     # the script's enumerations (issue 9)
        # The FOR EACH loops over an associative array the code being resolved is in:
        # (folded loop variable, the variable holding the current key), for `x..Key`.
        # None: a loop over an array, a list, a stack or a queue (no key to give).
        self._key_loops: list[tuple[str, VarRef | None]] = []
        self._externals: dict[str, ast.ExternName] = {}   # `EXTERN console` (smallforms)
        self._resolved_early: set[ProcInfo] = set()   # lambdas, resolved where written
        # Hints on unknown names, kept while the names in view keep their counts (a project
        # block is resolved with the whole project: its missing HFSQL calls come back
        # by the hundred, each hint a search among every name).
        self._hint_names: tuple[tuple[int, ...], dict[str, str], dict[str, str | None]] = \
            ((), {}, {})

    # -- diagnostics
    def report(self, file: str, line: int, column: int, message: str, severity: str = "error",
               hint: str | None = None, length: int = 1) -> None:
        key = (file, line, column, message, severity, hint)
        if key in self._seen:   # the same problem met twice (an `x += 1` reads and writes x)
            return
        self._seen.add(key)
        lines = self._lines.get(file)
        if lines is None:
            lines = self._lines[file] = self.texts.get(file, "").splitlines()
        secrets = self.res.secret_variables
        src = statement_line(lines, line - 1, secrets) if 1 <= line <= len(lines) else None
        self.res.diagnostics.append(Diagnostic(file, line, column, message, severity, hint,
                                               src, length, secrets))

    def error(self, node: ast.Node, message: str, hint: str | None = None, length: int = 1,
              line: int | None = None, column: int | None = None, severity: str = "error") -> None:
        self.report(node.file, line if line is not None else node.line,
                    column if column is not None else node.column, message, severity, hint, length)

    def warning(self, node: ast.Node, message: str, hint: str | None = None, **kw: Any) -> None:
        self.error(node, message, hint, severity="warning", **kw)

    def failed(self, node: ast.Node, message: str, code: int = Err.UNKNOWN_NAME) -> Failed:
        return Failed(node, message, code)

    # -- entry points
    def resolve(self) -> Resolution:
        prog = self.res.program
        self.collect_classes(prog)          # classes and structures: before any procedure
        self._collect(prog, self.main)
        self.check_member_constructors()
        self._hoist(prog.body, self.main)
        for label in prog.labels:
            self._hoist(label.body, self.main)
        self.block(prog.body, self.main)
        self.labels(prog.labels, self.main)
        for pinfo in list(self.res.procs):
            if pinfo not in self._resolved_early:     # a lambda of the main code
                self._procedure(pinfo)
        return self.res

    def run_lints(self) -> None:
        """The domains' checks (`@lint` in the registry) on the facts gathered."""
        for check in self.reg.lints:
            for w in check(self.res.facts):
                self.report(w.file, w.line, w.column, w.message, "warning", w.hint)

    # -- procedures: all known before any call is resolved
    def _collect(self, prog: ast.Program, scope: Scope) -> None:
        """A file's procedures are global; the internal procedures of its main code
        (the parser lists them with the others) belong to `scope`, where that code runs."""
        for node in prog.procedures:
            self._declare_proc(node, scope if node.internal else self.main)
        self._collect_block(prog.body, scope)
        for label in prog.labels:
            self._collect_block(label.body, scope)

    def _collect_block(self, stmts: list[ast.Stmt], scope: Scope) -> None:
        externs = []
        for n in ast.walk(stmts, _COLLECT_SKIP):
            if isinstance(n, ast.Procedure) and n.internal:
                self._declare_proc(n, scope)
            elif isinstance(n, ast.Extern) and n.program is not None:
                externs.append(n.program)
            elif isinstance(n, ast.ExternName):
                self._externals.setdefault(fold(n.name), n)
        for program in externs:
            self._collect(program, scope)

    def _declare_proc(self, node: ast.Procedure, scope: Scope) -> ProcInfo:
        if "::" in node.name:                # a method: `PROCEDURE cAccount::Send()`
            pinfo = self.declare_method(node)
            self._collect_block(node.body, pinfo.scope)
            return pinfo
        if "PROPERTY" in node.modifiers:
            self.error(node, "a property belongs to a class: PROPERTY cClass::Name()",
                       length=len(node.name))
        key = fold(node.name)
        if key in scope.procs:
            self.error(node, f"procedure `{node.name}` is declared twice",
                       hint=f"the first one is on line {scope.procs[key].node.line}")
        if scope is self.main and self.reg.function(node.name) is not None:
            self.warning(node, f"procedure `{node.name}` hides the built-in function of the same name")
        kind = "internal" if node.internal else "procedure"
        pscope = Scope(kind, scope if node.internal else None, node.name)
        pinfo = ProcInfo(node.name, node, pscope)
        # Known before any call is resolved (calls may come before the procedure).
        pinfo.min_args = sum(1 for p in node.params if p.default is None)
        scope.procs[key] = pinfo
        self.res.procs.append(pinfo)
        self._collect_block(node.body, pscope)
        for label in node.labels:
            self._collect_block(label.body, pscope)
        return pinfo

    # -- hoisting: every declaration of a scope gets its slot before any code runs
    def _hoist(self, stmts: list[ast.Stmt], scope: Scope) -> None:
        for s in ast.walk(stmts, _HOIST_SKIP):
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
                    if getattr(getattr(typ.cls, "REGISTRY_ENTRY", None), "secret", False):
                        self.res.secret_variables.add(fold(name))
                # Declared in this very scope: always the current frame.
                self.res.declared[s] = [VarRef(info, 0) for info in infos]
            elif isinstance(s, ast.For):
                if fold(s.var) not in scope.vars:
                    scope.add(s.var, T_INT, s.line, s.column)
            elif isinstance(s, ast.ForEachString):
                if fold(s.var) not in scope.vars:
                    scope.add(s.var, T_STRING, s.line, s.column)
            elif isinstance(s, ast.Constant):
                self._declare_constants(s, scope)
            elif isinstance(s, ast.Enumeration):
                self._declare_enumeration(s, scope)
            elif isinstance(s, ast.ForEach):
                if fold(s.var) not in scope.vars:
                    scope.add(s.var, T_VARIANT, s.line, s.column)
                if s.index_var and fold(s.index_var) not in scope.vars:
                    scope.add(s.index_var, self._foreach_key_type(s, scope), s.line, s.column)

    @staticmethod
    def _foreach_key_type(s: ast.ForEach, scope: Scope) -> WLType:
        """FOR EACH x, k OF a: k is the key of an associative array, else the index."""
        if isinstance(s.iterable, ast.Var):
            info = scope.vars.get(fold(s.iterable.name))
            if info is not None and isinstance(info.type, CollectionType) \
                    and info.type.kind == "assoc":
                return info.type.key_type
            if info is not None and info.type is T_VARIANT:
                return T_VARIANT     # an index or a key: known when it runs
        return T_INT

    @staticmethod
    def _let_type(s: ast.Declare) -> WLType:
        if isinstance(s.init, ast.Literal):
            return _LITERAL_TYPES.get(type(s.init.value), T_VARIANT)
        return T_VARIANT

    def resolve_type(self, spec: ast.TypeSpec) -> WLType:
        if spec.collection:
            return self._collection_type(spec)
        if spec.array:
            elem = self.resolve_type(spec.elem) if spec.elem is not None else T_VARIANT
            if spec.size is not None and spec.size > MAX_ARRAY:
                self.error(spec, array_too_big(spec.size).message)
                return array_of(elem)
            return array_of(elem, spec.size)
        ctype = self.class_type(spec)       # a class or a structure of the script
        if ctype is not None:
            return ctype
        sized = sized_int(fold(spec.name)) or qualified_type(fold(spec.name))
        if sized is not None:
            return sized
        enum = self.enums.get(fold(spec.name))
        if enum is not None:
            return enum
        if fold(spec.name) == "procedure":        # a procedure as a value (issue 9)
            return T_PROCEDURE
        with contextlib.suppress(KeyError):   # not a registered type: say so below
            return self.reg.parse_type(spec.name)
        known = catalogued(spec.name, "type")
        if known is not None:   # a real WLanguage name wlmail lacks (wlmail/catalogue.py)
            self.error(spec, f"`{spec.name}` is a WLanguage {known.family} type that wlmail "
                             "does not provide", hint=f"PC SOFT's page: {known.source}",
                       length=len(spec.name))
            return T_VARIANT
        names = {fold(s): s for t in self.reg.types.values() for s in t.en + t.fr}
        names.update({k: k for k in BUILTIN_TYPE_NAMES})
        names.update({k: c.name for k, c in self.res.classes.items()})   # the script's classes
        hint = closest(spec.name, names)
        self.error(spec, f"unknown type `{spec.name}`",
                   hint=f"did you mean `{hint}`?" if hint else None, length=len(spec.name))
        return T_VARIANT

    # -- collections (issue 9): associative arrays, dynamic arrays, stacks, queues
    def _collection_type(self, spec: ast.TypeSpec) -> WLType:
        elem = self.resolve_type(spec.elem) if spec.elem is not None else T_VARIANT
        if spec.collection == "dynamic":
            if spec.size is not None and spec.size > MAX_ARRAY:
                self.error(spec, array_too_big(spec.size).message)
                return dynamic_array_of(elem, None)
            return dynamic_array_of(elem, spec.size)
        if spec.collection != "assoc":
            return CollectionType(spec.collection, elem)
        # (options, default value, key type[, initial size]): known before the code runs.
        values = []
        for n, node in enumerate(spec.options[:4]):
            v = self.constant_value(node, self.main)
            if v is _NOT_CONSTANT:
                self.error(node, "the options of an associative array must be known before "
                                 "the code runs", hint="use constants and literals")
                v = None
            values.append(v if n != 0 or v is not None else 0)
        if len(spec.options) > 4:
            self.error(spec.options[4], "an associative array takes at most 4 options "
                                        "(options, default value, key type, initial size)")
        options = 0
        if values and values[0] is not None:
            try:
                options = check_options(values[0])
            except WLFatal as e:
                self.error(spec.options[0], e.message)
        key_type = T_STRING
        if len(values) > 2 and values[2] is not None:
            found = KEY_TYPES.get(values[2]) if type(values[2]) is int else None
            if found is None:
                self.error(spec.options[2], "the key type of an associative array is one of "
                                            "wlString, wlInt, wlReal, wlBoolean")
            else:
                key_type = found
        default = values[1] if len(values) > 1 else None
        return CollectionType("assoc", elem, key_type, options, default)

    def _procedure(self, pinfo: ProcInfo) -> None:
        node, scope = pinfo.node, pinfo.scope
        prev = self._proc_name
        self._proc_name = node.name
        in_class = self.enter_method(pinfo)  # a method: MySelf first
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
        for label in node.labels:
            self._hoist(label.body, scope)
        for p in node.params:
            if p.default is not None:
                self.expr(p.default, scope)
        self.block(node.body, scope)
        self.labels(node.labels, scope)
        pinfo.inits = [(v.slot, v.type) for v in scope.vars.values() if not v.is_param]
        pinfo.size = scope.size
        self._proc_name = prev
        self.leave_method(in_class)

    # -- constants: their values are known before the code runs (as WINDEV computes them
    # when it compiles), so a use becomes the value itself
    def _declare_constants(self, s: ast.Constant, scope: Scope) -> None:
        for d in s.defs:
            key = fold(d.name)
            if key in scope.consts or key in scope.vars:
                self.error(d, f"`{d.name}` is declared twice", length=len(d.name))
                continue
            value = self.constant_value(d.value, scope)
            if value is _NOT_CONSTANT:
                self.error(d.value, f"the value of constant `{d.name}` must be known before "
                                    "the code runs",
                           hint="use literals, other constants and + - * / modulo")
                value = None
            scope.consts[key] = (d.name, value, d.line)

    def constant_value(self, node: ast.Expr, scope: Scope) -> Any:
        """The value of a constant expression, or _NOT_CONSTANT."""
        if isinstance(node, ast.Literal):
            return node.value
        if isinstance(node, ast.MessageRef):
            self.e_MessageRef(node, scope)     # its warning
            text = project_message(self.res, node)
            return text if text is not None else message_placeholder(node)
        if isinstance(node, ast.Var):
            found = self.lookup_const(node.name, scope)
            if found is not None:
                return found[1]
            entry = self.reg.constant(node.name)
            return entry.value if entry is not None else _NOT_CONSTANT
        if isinstance(node, ast.Neg):
            v = self.constant_value(node.operand, scope)
            return -v if isinstance(v, (int, float)) and not isinstance(v, bool) else _NOT_CONSTANT
        if isinstance(node, ast.BinOp) and node.op in ARITH:
            left = self.constant_value(node.left, scope)
            right = self.constant_value(node.right, scope)
            if left is _NOT_CONSTANT or right is _NOT_CONSTANT:
                return _NOT_CONSTANT
            try:
                return ARITH[node.op](left, right)
            except WLFatal as e:
                self.error(node, e.message)
                return None
        return _NOT_CONSTANT

    def lookup_const(self, name: str, scope: Scope) -> tuple[str, Any, int] | None:
        key = fold(name)
        s: Scope | None = scope
        while s is not None:
            if key in s.consts:
                return s.consts[key]
            s = s.parent if s.kind == "internal" else None
        return self.main.consts.get(key)

    def s_Constant(self, s: ast.Constant, scope: Scope) -> None:
        return None     # computed when hoisted

    # -- enumerations (issue 9): a type, and its members as constants of the scope
    def _declare_enumeration(self, s: ast.Enumeration, scope: Scope) -> None:
        key = fold(s.name)
        if key in self.enums or key in scope.vars:
            self.error(s, f"`{s.name}` is declared twice", length=len(s.name))
            return
        typ = CombinationType(s.name) if s.kind == "combination" else EnumType(s.name)
        self.enums[key] = typ
        if not s.members:
            self.error(s, f"the enumeration `{s.name}` has no value")
        for m in s.members:
            mkey = fold(m.name)
            if mkey in typ.members:
                self.error(m, f"`{m.name}` is twice in the enumeration `{s.name}`",
                           length=len(m.name))
                continue
            caption = self._enum_caption(m)
            if isinstance(m.value, ast.Var) and fold(m.value.name) in typ.members:
                # `Halted = Stopped`: an alias, another name for a value declared above
                # (docs/language.md, "Enumerations").
                member = typ.members[fold(m.value.name)]
                if caption is not None:
                    self.error(m, f"`{m.name}` is an alias of `{member.name}`: its caption "
                                  "is that value's")
                typ.alias(mkey, member)
            else:
                value = None
                if m.value is not None:
                    value = self.constant_value(m.value, scope)
                    if value is _NOT_CONSTANT:
                        self.error(m.value, f"the value of `{m.name}` must be known before "
                                            "the code runs", hint="use literals and constants")
                        value = None
                member = typ.add(mkey, m.name, value, caption)
            if mkey in scope.consts or mkey in scope.vars:
                self.error(m, f"`{m.name}` is already declared", length=len(m.name))
                continue
            scope.consts[mkey] = (m.name, member, m.line)

    def _enum_caption(self, m: ast.EnumMember) -> str | None:
        """The text of a member's `<caption="...">` / `<libellé="...">`, or None."""
        for a in m.attributes:
            found = _CAPTION.fullmatch(a)
            if found is None:
                continue
            quoted = _QUOTED.fullmatch(found.group(1) or "")
            if quoted is None:
                self.error(m, f"the caption of `{m.name}` is a string in quotes",
                           hint='<caption="...">')
                return None
            return quoted.group(1).replace('""', '"')
        return None

    def s_Enumeration(self, s: ast.Enumeration, scope: Scope) -> None:
        return None     # declared when hoisted

    def labels(self, labels: list[ast.ProcLabel], scope: Scope) -> None:
        seen: dict[str, ast.ProcLabel] = {}
        order = {"error": 0, "exception": 1, "end": 2}
        last = -1
        for label in labels:
            if label.kind in seen:
                self.error(label, "this label is written twice in the procedure",
                           hint=f"the first one is on line {seen[label.kind].line}")
            elif order[label.kind] < last:
                self.warning(label, "labels are usually in the order CASE ERROR:, "
                                    "CASE EXCEPTION:, END:")
            seen[label.kind] = label
            last = max(last, order[label.kind])
            self.block(label.body, scope)

    # -- name resolution
    def lookup_var(self, name: str, scope: Scope) -> VarRef | None:
        key = fold(name)
        depth = 0
        s: Scope | None = scope
        while s is not None:
            if key in s.vars:
                if s is self.main:
                    return VarRef(s.vars[key], 0 if scope is self.main else -1)
                return VarRef(s.vars[key], depth)
            if s.kind != "internal":
                break
            s = s.parent
            depth += 1
        if scope is not self.main and key in self.main.vars:
            return VarRef(self.main.vars[key], -1)
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

    def registry_global(self, name: str, scope: Scope) -> VarRef | None:
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
            self.res.global_inits.append((info.slot, entry.factory, key))
        return VarRef(info, 0 if scope is self.main else -1)

    def _hint(self, name: str) -> str | None:
        """"did you mean" a registered spelling or a name the script can see; the
        registry's part is searched once per name (Registry.near_names)."""
        key = fold(name)
        if len(key) <= 2:
            return None      # a one- or two-letter name is close to too many others to guess
        counts = (len(self.main.vars), len(self.main.procs),
                  sum(len(p.scope.vars) for p in self.res.procs))
        seen, visible, hints = self._hint_names
        if seen != counts:
            visible, hints = {fold(s): s for s in self._visible_names()}, {}
            self._hint_names = (counts, visible, hints)
        if key not in hints:
            start, affix = self.reg.near_names(name)
            got = nearest(name, visible, None, *start)[0] or affix or affixed(name, visible)
            hints[key] = f"did you mean `{got}`?" if got else None
        return hints[key]

    def unknown_name(self, node: ast.Node, name: str, what: str = "variable",
                     declare_hint: bool = False) -> Failed:
        external = self._externals.get(fold(name))
        if external is not None:
            msg = (f"`{name}` (EXTERN, line {external.line}) exists only in the running "
                   "WINDEV application: using it stops the script with an error")
            self.warning(node, msg, length=len(name))
            return self.failed(node, f"`{name}` (EXTERN, line {external.line}) exists only in "
                                     "the running WINDEV application: wlmail has no such object",
                               Err.UI_UNAVAILABLE)
        if self.reg.is_ui_name(name):
            msg = f"`{name}` is a WINDEV control: not available outside a WINDEV window"
            self.error(node, msg, length=len(name))
            return self.failed(node, msg, Err.UI_UNAVAILABLE)
        known = catalogued(name, "function") if not declare_hint else None
        if known is not None:   # a real WLanguage name wlmail lacks (wlmail/catalogue.py)
            msg = f"`{name}` is a WLanguage {known.family} {known.kind} that wlmail does not provide"
            self.error(node, msg, hint=f"PC SOFT's page: {known.source}", length=len(name))
            return self.failed(node, msg)
        hint = self._hint(name)
        if hint is None and declare_hint:
            hint = f"declare it first, e.g. `{name} is string`"
        msg = f"unknown {what} `{name}`"
        self.error(node, msg, hint=hint, length=len(name))
        return self.failed(node, msg)

    def _visible_names(self) -> list[str]:
        out = [v.name for v in self.main.vars.values()]
        out += [p.name for p in self.main.procs.values()]
        for p in self.res.procs:
            out += [v.name for v in p.scope.vars.values()]
        return out

    # -- statements
    def block(self, stmts: list[ast.Stmt], scope: Scope) -> None:
        for s in stmts:
            getattr(self, "s_" + type(s).__name__)(s, scope)

    def s_Nop(self, s: ast.Nop, scope: Scope) -> None:
        return None

    def s_Procedure(self, s: ast.Procedure, scope: Scope) -> None:
        return None  # internal procedures are resolved with the others

    def s_Extern(self, s: ast.Extern, scope: Scope) -> None:
        if s.program is not None:   # hoisted with the block the EXTERN is in
            self.block(s.program.body, scope)

    def s_Declare(self, s: ast.Declare, scope: Scope) -> None:
        if s.init is not None:
            refs = self.res.declared.get(s)
            typ = refs[0].info.type if refs else None
            if not self._procedure_value(typ, s.init, scope):
                self.expr(s.init, scope)
        if s.ctor_args is not None or class_of(self.res.declared[s][0].info.type):
            self.declare_objects(s, scope)

    def _procedure_params(self, func: ast.Expr, scope: Scope) -> set[int]:
        """The parameters of a called procedure declared `is Procedure`."""
        if not isinstance(func, ast.Var):
            return set()
        found = self.lookup_proc(func.name, scope)
        if found is None:
            return set()
        return {n for n, p in enumerate(found[0].node.params)
                if p.type is not None and not p.type.array and not p.type.collection
                and fold(p.type.name) == "procedure"}

    def _procedure_value(self, target_type: WLType | None, value: ast.Expr | None,
                         scope: Scope) -> bool:
        """`p = MyProc` into a Procedure variable: the procedure itself, not a call."""
        if target_type is not T_PROCEDURE or not isinstance(value, ast.Var) \
                or self.lookup_var(value.name, scope) is not None:
            return False
        found = self.lookup_proc(value.name, scope)
        if found is None:
            return False
        self.res.refs[value] = ProcValue(found[0], found[1])
        return True

    def _builtin_procedure_params(self, func: ast.Expr) -> set[int]:
        """The arguments of a built-in function (or array method) that take a procedure."""
        entry, offset = None, 0
        if isinstance(func, ast.Var):
            entry = self.reg.function(func.name)
        elif isinstance(func, ast.Member):
            target = self.reg.array_methods.get(fold(func.name))
            entry, offset = (self.reg.function(target) if target else None), 1
        if entry is None:
            return set()
        return {i - offset for i in entry.procedure_args}

    def e_Lambda(self, node: ast.Lambda, scope: Scope) -> WLType | None:
        """A lambda: an anonymous internal procedure of the scope it is written in,
        resolved here (its body sees the variables around it)."""
        proc = node.proc
        pinfo = ProcInfo(proc.name, proc, Scope("internal", scope, proc.name))
        pinfo.min_args = sum(1 for p in proc.params if p.default is None)
        self._collect_block(proc.body, pinfo.scope)
        self.res.procs.append(pinfo)
        self._resolved_early.add(pinfo)
        self._procedure(pinfo)
        self.res.refs[node] = ProcValue(pinfo, 0)
        return T_PROCEDURE

    def s_Assign(self, s: ast.Assign, scope: Scope) -> None:
        if isinstance(s.target, ast.Var):
            tref = self.lookup_var(s.target.name, scope)
            if tref is not None and self._procedure_value(tref.info.type, s.value, scope):
                self.assign_to(s.target, scope, s)
                return
        vtype = self.expr(s.value, scope)
        self.assign_to(s.target, scope, s)
        ref = self.res.targets.get(s.target)
        if isinstance(ref, VarRef) and isinstance(ref.info.type, EnumType) \
                and ref.info.type is not vtype and isinstance(s.value, ast.Literal) \
                and not (ref.info.type.kind == "combination" and s.value.value == 0
                         and type(s.value.value) is int):
            # WINDEV refuses it when it compiles: an enumeration takes only its values.
            self.error(s.value, f"`{ref.info.name}` is a {ref.info.type.name}: it takes only "
                                "the values of that enumeration")

    def assign_to(self, target: ast.Expr, scope: Scope,
                  stmt: ast.Assign | ast.OpAssign | None) -> None:
        targets = self.res.targets
        if isinstance(target, ast.Tuple):     # (a, b) = f(): each one in turn
            if isinstance(stmt, ast.OpAssign):
                self.error(target, "several values can only be assigned with `=`")
            for item in target.items:
                self.assign_to(item, scope, None)
            return
        if isinstance(target, ast.Var):
            member = self.name_in_method(target, scope, target=True)   # a member, in a method
            if member is not None:
                targets[target] = member
                return
            ref = self.lookup_var(target.name, scope)
            if ref is not None:
                targets[target] = ref
                return
            if self.lookup_const(target.name, scope) is not None:
                self.error(target, f"`{target.name}` is a constant: it cannot be assigned")
                targets[target] = self.failed(target, "cannot assign a constant")
            elif self.registry_global(target.name, scope) is not None:
                self.error(target, f"`{target.name}` cannot be assigned as a whole",
                           hint=f"assign one of its properties: {target.name}.Recipient = ...")
                targets[target] = self.failed(target, "cannot assign")
            elif self.reg.constant(target.name) is not None:
                self.error(target, f"`{target.name}` is a constant: it cannot be assigned")
                targets[target] = self.failed(target, "cannot assign a constant")
            else:
                targets[target] = self.unknown_name(target, target.name, declare_hint=True)
            return
        if isinstance(target, ast.ClassMember):
            self._class_member(target, scope, assigning=True)
            return
        if isinstance(target, ast.Member):
            btype = self.expr(target.base, scope)
            cdef = class_of(btype)
            if cdef is not None:                 # a member of an object of the script
                self.member_of(target, cdef, scope, assigning=True)
                return
            prop = self.static_property(target, btype, assigning=True)
            self._fact_property(target, prop, stmt, scope)
            if prop is not None:
                if prop.readonly:
                    self.error(target, f"`{target.name}` is read-only", line=target.name_line,
                               column=target.name_column)
                targets[target] = StaticProperty(prop)
            else:
                targets[target] = DynamicProperty(fold(target.name), target.name)
            return
        if isinstance(target, ast.Indirection):
            self.e_Indirection(target, scope)
            return
        if isinstance(target, ast.Index):
            self.expr(target.base, scope)
            if len(target.indexes) != 1:
                self.error(target, "arrays with several dimensions are not supported")
            self.expr(target.indexes[0], scope)
            return
        self.error(target, "this cannot be assigned to")
        targets[target] = self.failed(target, "cannot assign")

    def s_AssignRef(self, s: ast.AssignRef, scope: Scope) -> None:
        self.expr(s.value, scope)
        self.assign_to(s.target, scope, None)

    def s_AssignCopy(self, s: ast.AssignCopy, scope: Scope) -> None:
        self.expr(s.value, scope)
        self.assign_to(s.target, scope, None)

    def s_OpAssign(self, s: ast.OpAssign, scope: Scope) -> None:
        self.expr(s.target, scope)     # read, then written
        self.expr(s.value, scope)
        self.assign_to(s.target, scope, s)

    def s_ExprStmt(self, s: ast.ExprStmt, scope: Scope) -> None:
        e = s.expr
        if isinstance(e, (ast.Var, ast.Member)):
            # A bare name is a call without parentheses: `EmailReset`, `session.CloseSession`.
            call = ast.Call(e.line, e.column, e.file, e, [])
            self.res.refs[s] = ImplicitCall(call)
            e = call
        self.expr(e, scope)

    def s_Break(self, s: ast.Break, scope: Scope) -> None:
        return None

    def s_Continue(self, s: ast.Continue, scope: Scope) -> None:
        return None

    def s_Return(self, s: ast.Return, scope: Scope) -> None:
        if s.value is not None:
            self.expr(s.value, scope)

    def s_Result(self, s: ast.Result, scope: Scope) -> None:
        self.expr(s.value, scope)

    def s_If(self, s: ast.If, scope: Scope) -> None:
        for cond, body in s.branches:
            self.expr(cond, scope)
            self.block(body, scope)
        if s.otherwise:
            self.block(s.otherwise, scope)

    def s_Switch(self, s: ast.Switch, scope: Scope) -> None:
        self.expr(s.subject, scope)
        for items, body in s.cases:
            for it in items:
                self.expr(it.value, scope)
                if it.kind == "range" and it.upper is not None:
                    self.expr(it.upper, scope)
            self.block(body, scope)
        if s.other:
            self.block(s.other, scope)

    def s_For(self, s: ast.For, scope: Scope) -> None:
        ref = self.lookup_var(s.var, scope)
        assert ref is not None   # hoisted
        self.res.loop_vars[s] = (ref, None)
        self.expr(s.start, scope)
        self.expr(s.end, scope)
        if s.step is not None:
            self.expr(s.step, scope)
        self.block(s.body, scope)

    def s_ForEach(self, s: ast.ForEach, scope: Scope) -> None:
        ref = self.lookup_var(s.var, scope)
        assert ref is not None   # hoisted
        index = None
        if s.index_var:
            index = self.lookup_var(s.index_var, scope)
            assert index is not None
        self.res.loop_vars[s] = (ref, index)
        enum = self._enumeration_named(s.iterable, scope)
        if enum is not None:           # FOR EACH c OF Color: its values, in order
            self.res.refs[s.iterable] = ConstantRef(enum)
            self.block(s.body, scope)
            return
        itype = self.expr(s.iterable, scope)
        if isinstance(itype, CollectionType) and itype.kind == "assoc":
            if index is None:          # `x..Key` needs the key: kept in a hidden variable
                hidden = scope.add(f"\x00key {s.line}:{s.column}", itype.key_type,
                                   s.line, s.column)
                index = VarRef(hidden, 0)
                self.res.loop_vars[s] = (ref, index)
            self._key_loops.append((fold(s.var), index))
        elif itype is not None and itype.kind in ("array", "list", "stack", "queue"):
            self._key_loops.append((fold(s.var), None))
        else:
            self.block(s.body, scope)
            return
        try:
            self.block(s.body, scope)
        finally:
            self._key_loops.pop()

    def _loop_key(self, node: ast.Member) -> VarRef | Failed | None:
        """`x..Key` / `x..Clé` in a FOR EACH over an associative array whose element
        variable is `x`: the variable that holds the current key (Failed, reported, in a
        loop over what has no key)."""
        if fold(node.name) not in ("key", "cle") or not isinstance(node.base, ast.Var):
            return None
        var = fold(node.base.name)
        for name, key in reversed(self._key_loops):
            if name == var:
                if key is None:
                    self.error(node, f"`{node.name}` is the key of an element of an "
                                     "associative array: this FOR EACH goes through "
                                     "elements that have none",
                               hint=f"FOR EACH {node.base.name}, i OF ... gives the position",
                               line=node.name_line or node.line,
                               column=node.name_column or node.column)
                    return self.failed(node, "no key")
                return key
        return None

    def _enumeration_named(self, node: ast.Expr, scope: Scope) -> EnumType | None:
        """The enumeration `node` names (`Color`), when it is not a variable's name."""
        if isinstance(node, ast.Var) and self.lookup_var(node.name, scope) is None:
            return self.enums.get(fold(node.name))
        return None

    def s_ForEachString(self, s: ast.ForEachString, scope: Scope) -> None:
        ref = self.lookup_var(s.var, scope)
        assert ref is not None   # hoisted
        self.res.loop_vars[s] = (ref, None)
        self.expr(s.text, scope)
        self.expr(s.separator, scope)
        self.block(s.body, scope)

    def s_ForEachSource(self, s: ast.ForEachSource, scope: Scope) -> None:
        # The loop's names are the data file's items or the control's columns, which
        # wlmail cannot know: its body is neither resolved nor run.
        self.warning(s, for_each_source_refusal(s))

    def s_While(self, s: ast.While, scope: Scope) -> None:
        self.expr(s.cond, scope)
        self.block(s.body, scope)

    def s_Loop(self, s: ast.Loop, scope: Scope) -> None:
        if s.count is not None:
            self.expr(s.count, scope)
        self.block(s.body, scope)

    def s_When(self, s: ast.When, scope: Scope) -> None:
        self.block(s.body, scope)
        self.block(s.handler, scope)
        if s.otherwise:
            self.block(s.otherwise, scope)

    def s_WhenGeneral(self, s: ast.WhenGeneral, scope: Scope) -> None:
        self.block(s.handler, scope)

    # -- small forms (branch smallforms): conditional compilation, EXTERN name, durations
    def s_CompileIf(self, s: ast.CompileIf, scope: Scope) -> None:
        self.block(s.body, scope)   # the branch the configuration selected (parser.py)

    def s_ExternName(self, s: ast.ExternName, scope: Scope) -> None:
        if self.lookup_var(s.name, scope) is None and self.lookup_proc(s.name, scope) is None \
                and self.reg.function(s.name) is None and self.reg.global_var(s.name) is None:
            self.warning(s, extern_name_refusal(s), length=len(s.name))

    def e_NewArray(self, node: ast.NewArray, scope: Scope) -> WLType | None:
        typ = self.resolve_type(node.type)          # a dynamic array: it may still grow
        self.res.refs[node] = ConstantRef(typ)
        return typ

    def e_DurationLit(self, node: ast.DurationLit, scope: Scope) -> WLType | None:
        with contextlib.suppress(KeyError):   # a registry without the builtins domain
            return self.reg.parse_type("Duration")
        return None

    # -- expressions: each returns the static type `check` assumes (None: not known)
    def expr(self, node: ast.Expr, scope: Scope) -> WLType | None:
        method = getattr(self, "e_" + type(node).__name__)
        return method(node, scope)

    def e_Literal(self, node: ast.Literal, scope: Scope) -> WLType | None:
        return _LITERAL_TYPES.get(type(node.value))

    def e_Interpolated(self, node: ast.Interpolated, scope: Scope) -> WLType | None:
        for p in node.parts:
            if not isinstance(p, str):
                self.expr(p, scope)
        return T_STRING

    def e_Var(self, node: ast.Var, scope: Scope) -> WLType | None:
        refs = self.res.refs
        if self._class is not None:          # a member of the current object, in a method
            is_member, mtype = self.e_Var_member(node, scope)
            if is_member:
                return mtype
        ref = self.lookup_var(node.name, scope) or self.registry_global(node.name, scope)
        if ref is not None:
            refs[node] = ref
            return ref.info.type
        found = self.lookup_const(node.name, scope)
        if found is not None:
            refs[node] = ConstantRef(found[1])
            if isinstance(found[1], WLEnumValue):
                return found[1].enum
            return _LITERAL_TYPES.get(type(found[1]))
        const = self.reg.constant(node.name)
        if const is not None:
            refs[node] = ConstantRef(const.value)
            return None
        if self.reg.function(node.name) is not None or self.lookup_proc(node.name, scope) is not None:
            # A call without parentheses: `fSep`, `ErrorOccurred`, `Now`.
            call = ast.Call(node.line, node.column, node.file, node, [])
            refs[node] = ImplicitCall(call)
            return self.e_Call(call, scope)
        refs[node] = self.unknown_name(node, node.name)
        return None

    def e_ArrayLit(self, node: ast.ArrayLit, scope: Scope) -> WLType | None:
        for i in node.items:
            self.expr(i, scope)
        return None

    def e_Indirection(self, node: ast.Indirection, scope: Scope) -> WLType | None:
        self.expr(node.name, scope)
        self.warning(node, indirection_refusal(node))
        return None

    def e_AddressOf(self, node: ast.AddressOf, scope: Scope) -> WLType | None:
        self.expr(node.target, scope)
        self.warning(node, address_of_refusal(node), length=1)
        return None

    def e_MessageRef(self, node: ast.MessageRef, scope: Scope) -> WLType | None:
        if project_message(self.res, node) is not None:
            return T_STRING     # the project's text (wlmail.project.messages)
        shown = message_placeholder(node)
        if self.res.message_text is not None:   # a project with messages, not this one
            self.warning(node, f"message reference `{shown}`: the project's messages have no "
                               f"text for it; it reads as the text \"{shown}\"",
                         length=len(shown))
            return T_STRING
        self.warning(node, f"message reference `{shown}`: its text is in the WINDEV project's "
                           "messages, which wlmail does not have; it reads as the text "
                           f"\"{shown}\"", length=len(shown))
        return T_STRING

    def e_CompareChain(self, node: ast.CompareChain, scope: Scope) -> WLType | None:
        for operand in node.operands:
            self.expr(operand, scope)
        return T_BOOL

    def e_Ternary(self, node: ast.Ternary, scope: Scope) -> WLType | None:
        self.expr(node.cond, scope)
        a = self.expr(node.then, scope)
        b = self.expr(node.otherwise, scope)
        return a if a is b else None

    def e_InList(self, node: ast.InList, scope: Scope) -> WLType | None:
        self.expr(node.value, scope)
        for o in node.options:
            self.expr(o, scope)
        return T_BOOL

    def e_Substring(self, node: ast.Substring, scope: Scope) -> WLType | None:
        btype = self.expr(node.base, scope)
        if btype is not None and btype.kind in ("array", "object"):
            self.error(node, f"`[[ ]]` extracts part of a string, not of {btype.name}")
        for bound in (node.lower, node.upper):
            if bound is not None:
                self.expr(bound, scope)
        return T_STRING

    def e_Not(self, node: ast.Not, scope: Scope) -> WLType | None:
        self.expr(node.operand, scope)
        return T_BOOL

    def e_Neg(self, node: ast.Neg, scope: Scope) -> WLType | None:
        self.expr(node.operand, scope)
        return None

    def e_Compare(self, node: ast.Compare, scope: Scope) -> WLType | None:
        self.expr(node.left, scope)
        self.expr(node.right, scope)
        return T_BOOL

    def e_BinOp(self, node: ast.BinOp, scope: Scope) -> WLType | None:
        if node.op == "+":
            return self._sum_chain(node, scope)
        left = self.expr(node.left, scope)
        right = self.expr(node.right, scope)
        if node.op == "-" and left is not None and right is not None \
                and left.kind in _MOMENTS and right.kind in _MOMENTS:
            kinds = {left.kind, right.kind}
            if len(kinds) == 1 or kinds == {"date", "datetime"}:
                # end - start: a Duration (a date is a datetime at midnight)
                self.res.refs[node] = MomentDifference(kinds.pop() if len(kinds) == 1
                                                       else "datetime")
                return self.reg.parse_type("Duration")
        if node.op in ("and", "or", "_and_", "_or_"):
            return T_BOOL
        return T_REAL if node.op == "/" else None

    def _sum_chain(self, node: ast.BinOp, scope: Scope) -> WLType | None:
        """`a + b + [c] + d`: long concatenations are resolved without recursing."""
        terms = sum_terms(node)
        first = self.expr(terms[0], scope)
        for t in terms[1:]:
            if isinstance(t, ast.ArrayLit) and len(t.items) == 1:
                self.expr(t.items[0], scope)
            else:
                self.expr(t, scope)
        return T_STRING if first is T_STRING else None

    # -- members, indexes, calls
    @staticmethod
    def static_entry(typ: WLType | None) -> TypeEntry | None:
        if typ is not None and typ.kind == "object":
            return getattr(typ.cls, "REGISTRY_ENTRY", None)
        return None

    def static_property(self, node: ast.Member, btype: WLType | None,
                        assigning: bool = False) -> Property | None:
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

    def e_Member(self, node: ast.Member, scope: Scope) -> WLType | None:
        refs = self.res.refs
        if fold(node.name) in ("exist", "existe") and isinstance(node.base, ast.Index):
            self.expr(node.base, scope)      # a[key]..Exist: is the key there?
            refs[node] = KeyExists()
            return T_BOOL
        key = self._loop_key(node)
        if key is not None:                  # FOR EACH x OF a: x..Key
            self.expr(node.base, scope)
            refs[node] = key
            return key.info.type if isinstance(key, VarRef) else None
        if isinstance(node.base, ast.Var) and fold(node.base.name) in self.enums \
                and self.lookup_var(node.base.name, scope) is None:
            enum = self.enums[fold(node.base.name)]     # Color.Red
            member = enum.members.get(fold(node.name))
            if member is None:
                self.error(node, f"the enumeration `{enum.name}` has no value `{node.name}`",
                           line=node.name_line or node.line, column=node.name_column or node.column)
                refs[node] = self.failed(node, "no such value")
                return None
            refs[node] = ConstantRef(member)
            return enum
        btype = self.expr(node.base, scope)
        cdef = class_of(btype)
        if cdef is not None:                     # a member of an object of the script
            return self.member_of(node, cdef, scope)
        if btype is not None and btype.kind == "enum":
            if fold(node.name) not in ENUM_PROPERTIES:
                self.error(node, f"an enumeration value has no property `{node.name}`",
                           hint="its properties are Name, Value and Caption",
                           line=node.name_line or node.line, column=node.name_column or node.column)
            refs[node] = DynamicProperty(fold(node.name), node.name)
            return T_STRING if fold(node.name) in ("name", "nom") else None
        if btype is not None and btype.kind in COLLECTION_KINDS:
            if fold(node.name) not in COLLECTION_PROPERTIES:
                self.error(node, f"`{btype.name}` has no property `{node.name}`",
                           hint="its properties are Count and Empty",
                           line=node.name_line or node.line, column=node.name_column or node.column)
            refs[node] = DynamicProperty(fold(node.name), node.name)
            return T_BOOL if fold(node.name) in ("empty", "vide") else T_INT
        if btype is not None and btype.kind == "array":
            if fold(node.name) in ("empty", "vide"):
                refs[node] = DynamicProperty(fold(node.name), node.name)
                return T_BOOL
            if fold(node.name) in _COUNT:
                refs[node] = ArrayCount()
                return T_INT
            self.error(node, f"an array has no property `{node.name}`", hint="did you mean `Count`?",
                       line=node.name_line or node.line, column=node.name_column or node.column)
            refs[node] = self.failed(node, "no such property")
            return None
        entry = self.static_entry(btype)
        if entry is not None and fold(node.name) in entry.methods:
            call = ast.Call(node.line, node.column, node.file, node, [])
            refs[node] = ImplicitCall(call)
            return self.e_Call(call, scope)
        prop = self.static_property(node, btype)
        if prop is not None:
            refs[node] = StaticProperty(prop)
            return prop.wl_type
        refs[node] = DynamicProperty(fold(node.name), node.name)
        return None

    def e_Index(self, node: ast.Index, scope: Scope) -> WLType | None:
        btype = self.expr(node.base, scope)
        if len(node.indexes) != 1:
            self.error(node, "arrays with several dimensions are not supported")
        self.expr(node.indexes[0], scope)
        if btype is not None and btype.kind in ("stack", "queue"):
            self.error(node, f"a {btype.kind} has no index: take its elements with "
                             f"{'Pop' if btype.kind == 'stack' else 'Dequeue'} or FOR EACH")
        if btype is not None and btype.kind == "list":
            self.error(node, "a list has no index: go through it with FOR EACH")
        if btype is not None and btype.kind == "assoc":
            return btype.elem
        if btype is not None and btype.kind == "combination":
            return T_BOOL                         # rights[Read]
        return btype.elem if btype is not None and btype.kind == "array" else None

    def e_Tuple(self, node: ast.Tuple, scope: Scope) -> WLType | None:
        for item in node.items:
            self.expr(item, scope)
        return None

    def e_Omitted(self, node: ast.Omitted, scope: Scope) -> WLType | None:
        self.error(node, "`*` stands for an omitted argument: it is written only in a call")
        return None

    def _omitted_args(self, node: ast.Call, has_default: Any, shown: str) -> None:
        """`f(1, *, 3)`: each `*` must stand for a parameter that has a default."""
        for n, a in enumerate(node.args):
            if isinstance(a, ast.Omitted) and not has_default(n):
                self.error(a, f"`*` omits argument {n + 1} of `{shown}`, which has no "
                              "default value")

    def e_Call(self, node: ast.Call, scope: Scope) -> WLType | None:
        refs = self.res.refs
        func = node.func
        takes_proc = self._procedure_params(func, scope)
        if not takes_proc and not (isinstance(func, ast.Var)
                                   and self.lookup_proc(func.name, scope) is not None):
            takes_proc = self._builtin_procedure_params(func)
        for n, a in enumerate(node.args):
            if n in takes_proc and self._procedure_value(T_PROCEDURE, a, scope):
                continue                          # Apply(Double, 5): the procedure itself
            if not isinstance(a, ast.Omitted):    # `*`: checked against the callee below
                self.expr(a, scope)
        if isinstance(func, ast.Var) and self._class is not None and \
                self.call_in_method(node, func, scope):
            return self._returns_method(node)
        if isinstance(func, ast.ClassMember):
            return self.call_class_member(node, func, scope)
        if isinstance(func, ast.Var):
            found = self.lookup_proc(func.name, scope)
            if found is not None:
                refs[node] = self._call_proc(node, found[0], found[1], scope)
                return None
            var = self.lookup_var(func.name, scope)
            if var is not None and var.info.type is T_PROCEDURE:
                refs[func] = var
                refs[node] = VarCall(var)     # p(args): the procedure p holds (even `add`)
                return None
            entry = self.reg.function(func.name)
            if entry is not None:
                self._fact_call(node, entry.name, node.args, scope)
                refs[node] = self._call_builtin(node, entry, func.name, len(node.args), scope=scope)
                return self._returns(entry)
            if var is not None or self.reg.global_var(func.name) is not None:
                self.error(func, f"`{func.name}` is a variable, not a function")
                refs[node] = self.failed(node, "not a function", Err.NOT_CALLABLE)
                return None
            refs[node] = self.unknown_name(func, func.name, "function or procedure")
            return None
        if isinstance(func, ast.Member):
            return self._call_method(node, func, scope)
        if isinstance(func, ast.Lambda):          # ((a, b) => a + b)(1, 2)
            self.expr(func, scope)
            refs[node] = VarCall(None)
            return None
        self.error(node, "this cannot be called")
        refs[node] = self.failed(node, "not callable", Err.NOT_CALLABLE)
        return None

    def _returns(self, entry: FunctionEntry) -> WLType | None:
        if entry.returns in ("", "Variant"):
            return None
        try:
            return self.reg.parse_type(entry.returns)
        except KeyError:
            return None

    def _check_arity(self, node: ast.Node, shown: str, n: int, lo: int, hi: int | None,
                     offset: int = 0) -> None:
        if n < lo or (hi is not None and n > hi):
            lo_s, hi_s = lo - offset, (hi - offset if hi is not None else None)
            want = (str(lo_s) if hi_s == lo_s else f"at least {lo_s}" if hi_s is None
                    else f"{lo_s} to {hi_s}")
            plural = "" if want in ("1", "at least 1") else "s"
            self.error(node, f"`{shown}` takes {want} argument{plural}, "
                             f"not {n - offset}", length=len(shown))

    def _call_builtin(self, node: ast.Call, entry: FunctionEntry, shown: str, nargs: int,
                      receiver: bool = False, scope: Scope | None = None) -> BuiltinCall | Failed:
        if entry.ui:
            msg = f"`{shown}` is a WINDEV window function: not available outside a WINDEV window"
            self.error(node, msg, length=len(shown))
            return self.failed(node, msg, Err.UI_UNAVAILABLE)
        offset = 1 if receiver else 0
        self._check_arity(node, shown, nargs + offset, entry.min_args, entry.max_args, offset)
        self._omitted_args(node, lambda n: builtin_default(entry, n + offset) is not NO_DEFAULT,
                           shown)
        for i in entry.out_args:    # Pop(stack, x): x is written
            if scope is not None and 0 <= i - offset < len(node.args):
                arg = node.args[i - offset]
                if isinstance(arg, (ast.Var, ast.Member, ast.Index)):
                    self.assign_to(arg, scope, None)
                else:
                    self.error(arg, f"`{shown}` writes its argument {i + 1 - offset}: it must "
                                    "be a variable")
        return BuiltinCall(entry, shown, receiver)

    def _call_method(self, node: ast.Call, func: ast.Member, scope: Scope) -> WLType | None:
        refs = self.res.refs
        btype = self.expr(func.base, scope)
        cdef = class_of(btype)
        if cdef is not None:                     # a method of an object of the script
            return self.method_of(node, func, cdef, scope)
        key, shown = fold(func.name), func.name
        line, column = func.name_line or func.line, func.name_column or func.column
        if btype is not None and btype.kind in ("array", "list"):
            target = self.reg.array_methods.get(key)
            if target is None:
                self.error(func, f"an {btype.kind} has no method `{shown}`" if btype.kind
                           == "array" else f"a list has no method `{shown}`",
                           line=line, column=column,
                           hint=self.reg.hint(shown, {k: k for k in self.reg.array_methods}))
                refs[node] = self.failed(node, "no such method", Err.UNKNOWN_PROPERTY)
                return None
            entry = self.reg.function(target)
            assert entry is not None
            refs[node] = self._call_builtin(node, entry, shown, len(node.args), receiver=True,
                                             scope=scope)
            return self._returns(entry)
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
                refs[node] = self.failed(node, "no such method", Err.UNKNOWN_PROPERTY)
                return None
            fentry = self.reg.function(target)
            assert fentry is not None
            self._fact_call(node, fentry.name, [func.base] + list(node.args), scope,
                            method_of=func.base)
            refs[node] = self._call_builtin(node, fentry, shown, len(node.args), receiver=True,
                                             scope=scope)
            return self._returns(fentry)
        refs[node] = DynamicMethod(key, shown)   # the receiver's type is known at run time
        return None

    def _call_proc(self, node: ast.Call, pinfo: ProcInfo, depth: int, scope: Scope) -> ProcCall:
        nparams = len(pinfo.node.params)
        self._check_arity(node, pinfo.name, len(node.args), pinfo.min_args, nparams)
        params = pinfo.node.params
        self._omitted_args(node, lambda n: n < nparams and params[n].default is not None,
                           pinfo.name)
        # Arguments that are variables are passed by reference: the procedure's final
        # value of the parameter is written back (not for LOCAL parameters).
        writeback = []
        for n, a in enumerate(node.args):
            if n < nparams and isinstance(a, ast.Var) and not pinfo.node.params[n].local:
                ref = self.lookup_var(a.name, scope)
                if ref is not None:
                    writeback.append((n, ref))
        return ProcCall(pinfo, depth, tuple(writeback))

    # -- lint facts
    def value_info(self, node: ast.Expr, scope: Scope) -> lint.Value:
        if isinstance(node, ast.Literal):
            return lint.Value(literal=node.value, is_literal=True)
        if isinstance(node, ast.Var):
            ref = self.lookup_var(node.name, scope)
            if ref is not None:
                t = ref.info.type
                return lint.Value(var=fold(ref.info.name),
                                  type_name=t.name if t.kind == "object" else None)
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

    def _fact_property(self, target: ast.Member, prop: Property | None,
                       stmt: ast.Assign | ast.OpAssign | None, scope: Scope) -> None:
        if prop is None or not isinstance(stmt, ast.Assign):
            return
        base = self.value_info(target.base, scope)
        if base.var is None or base.type_name is None:
            return
        self.res.facts.append(lint.PropertyAssign(base.var, base.type_name, prop.name,
                                                  self.value_info(stmt.value, scope), stmt.file,
                                                  stmt.line, stmt.column, self._proc_name))

    def _fact_call(self, node: ast.Call, name: str, args: list[ast.Expr], scope: Scope,
                   method_of: ast.Expr | None = None) -> None:
        self.res.facts.append(lint.Call(
            name, [self.value_info(a, scope) for a in args], node.file, node.line, node.column,
            self._proc_name, self.value_info(method_of, scope) if method_of is not None else None))


NO_DEFAULT = object()


def builtin_default(entry: FunctionEntry, n: int) -> Any:
    """The default value of a built-in's argument n (0-based), or NO_DEFAULT: what `*`
    stands for in `f(a, *, c)`."""
    impl = entry.impl
    if impl is None or n < entry.min_args:
        return NO_DEFAULT
    code = impl.__code__
    defaults = impl.__defaults__ or ()
    i = n - (code.co_argcount - 1 - len(defaults))
    return defaults[i] if 0 <= i < len(defaults) else NO_DEFAULT


def indirection_refusal(node: ast.Indirection) -> str:
    return ("indirection `{...}` names a control or a variable at run time: wlmail has "
            "no WINDEV window and no variables by name; this stops the script with an "
            "error when it runs")


def address_of_refusal(node: ast.AddressOf) -> str:
    # PC SOFT passes `&x` to API() / CallDLL32() (Windows DLL calls): a memory address.
    return ("`&` takes the address of a variable in memory, to pass it to a Windows API "
            "call (API, CallDLL32): wlmail runs no Windows API and has no addresses; this "
            "stops the script with an error when it runs")


def extern_name_refusal(node: ast.ExternName) -> str:
    # PC SOFT, "Extern (Reserved word)", syntax 2 (doc.windev.com/?1511013): EXTERN declares
    # an object "that will exist only when running the application".
    return (f"`{node.name}` is declared with EXTERN: an object that exists only in the "
            "running WINDEV application (EXTERN without quotes declares it, it includes no "
            "file); wlmail has no such object, and using it stops the script with an error")


def project_message(res: Resolution, node: ast.MessageRef) -> str | None:
    """The text a WINDEV project gives the reference, or None (a placeholder then)."""
    return res.message_text(node.ref) if res.message_text is not None else None


def message_placeholder(node: ast.MessageRef) -> str:
    """What a message reference reads as without the project's messages: itself."""
    return f"<§{node.ref}§>"


# `<caption="Walking">` / `<libellé="En marche">` (folded text has no accent; `libellé`
# is matched with or without it): the caption of an enumeration value.
_CAPTION = re.compile(r'<\s*(?:caption|libell[eé])\s*(?:=\s*(.*?))?\s*>', re.I)
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')


def for_each_source_refusal(s: ast.ForEachSource) -> str:
    if s.kind == "row":
        return (f"FOR EACH ROW OF `{s.source}` goes through the rows of a table control: "
                "that needs a WINDEV window, which wlmail does not have; this loop stops "
                "the script with an error when it runs")
    return (f"FOR EACH over `{s.source}` reads an HFSQL data file or query: wlmail has no "
            "database; this loop stops the script with an error when it runs")


def sum_terms(node: ast.BinOp) -> list[ast.Expr]:
    """The terms of `a + b + c` (parsed as `(a + b) + c`), left to right."""
    terms: list[ast.Expr] = []
    cur: ast.Expr = node
    while isinstance(cur, ast.BinOp) and cur.op == "+":
        terms.append(cur.right)
        cur = cur.left
    terms.append(cur)
    terms.reverse()
    return terms


def resolve(program: ast.Program, texts: dict[str, str], registry: Registry = REGISTRY,
            lints: bool = True,
            message_text: Callable[[str], str | None] | None = None) -> Resolution:
    """The static pass over a loaded program; the diagnostics are in the result."""
    enabled = gc.isenabled()
    gc.disable()   # as in codegen.generate: what is built here lives on
    try:
        resolver = Resolver(program, texts, registry)
        resolver.res.message_text = message_text   # a project's messages, if any
        resolver.resolve()
        if lints:
            resolver.run_lints()
        return resolver.res
    finally:
        if enabled:
            gc.enable()
