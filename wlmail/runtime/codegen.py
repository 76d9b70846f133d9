"""The code generator: a resolved tree -> Python closures.

It reads the resolver's `Resolution` (what each name stands for, each variable's slot
and frame) and looks nothing up itself; it reports nothing either: `run` only calls it
on a script without errors.  A statement becomes `run(frame) -> signal`, an expression
`eval(frame) -> value` (frames.py has the layout).  The closures are specialised where
it pays on hot paths: blocks of one or two statements, local assignments, FOR loops on
a local integer, built-in calls with one argument, `=` on ints and strings, string
concatenation chains.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Callable
from typing import Any

from ..registry import REGISTRY, Registry
from ..syntax import ast
from .codegen_expr import ExpressionGen, Setter, _NonFatalJump, dyn_set, fatal_at
from .collections import COLLECTION_KINDS, WLAssoc, WLMulti, WLSequence, same_kind
from .enums import EnumType, WLCombination
from .errors import Err, WLFatal
from .frames import (
    BREAK,
    CONTINUE,
    RETURN,
    Eval,
    Exec,
    Frame,
    ProcCode,
    Runtime,
)
from .operators import ARITH, COMPARE, compare, op_add, op_eq
from .resolution import (
    DynamicProperty,
    Failed,
    ImplicitCall,
    ObjectRef,
    Resolution,
    StaticProperty,
    VarInfo,
    VarRef,
)
from .resolver import (
    for_each_source_refusal,
)
from .values import (
    T_INT,
    WLArray,
    WLObject,
    describe,
    to_int,
    to_real,
    to_str,
)


def reference_taker(typ: Any) -> Callable[[Any], bool]:
    """Whether `<-` into a variable of type `typ` shares the value (the same kind of
    array, collection or object) rather than converting it."""
    kind = typ.kind
    if kind == "variant":
        return lambda v: isinstance(v, (WLArray, WLObject, WLAssoc, WLSequence))
    if kind == "array":
        return lambda v: isinstance(v, WLArray)
    if kind in COLLECTION_KINDS:
        return lambda v: same_kind(kind, v)
    if kind == "object" and typ.cls is not None:
        cls = typ.cls
        return lambda v: isinstance(v, cls)
    return lambda v: False


class Compiled:
    """A program ready to run: its main code, and the frame that code runs in."""

    def __init__(self, body: Exec, globals: Frame, rt: Runtime,
                 global_inits: list[tuple[int, Callable[[Any], Any], str]],
                 main_vars: list[VarInfo]) -> None:
        self.body = body
        self.globals = globals            # the main frame; closures capture this list
        self.rt = rt                      # the interpreter sets `rt.ctx` before running
        self.global_inits = global_inits
        self.main_vars = main_vars        # reset to their type's default before running


def generate(res: Resolution, registry: Registry = REGISTRY) -> Compiled:
    """Closures for a resolved program without errors."""
    # What is built here lives as long as the program: the cyclic garbage collector
    # would find nothing to free, and on a long script it costs most of the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return CodeGen(res, registry).generate()
    finally:
        if enabled:
            gc.enable()


class CodeGen(ExpressionGen):
    """Statements; expressions come from ExpressionGen."""

    def generate(self) -> Compiled:
        res = self.res
        # Every procedure's frame is known before any call is compiled.
        for pinfo in res.procs:
            self.codes[pinfo] = ProcCode(pinfo.name, pinfo.size, pinfo.inits,
                                         [(v.slot, v.type, local)
                                          for v, local in zip(pinfo.params, pinfo.local_flags, strict=True)])
        self.prepare_classes()              # classes and structures: members' initial values
        body = self.labelled(res.program.body, res.program.labels)
        main_objects = self.object_slots(self.main.vars.values())
        if main_objects:
            body = self.with_destructors(body, main_objects)
        body = self.with_owned_end(body)     # the objects `new` made, still alive
        for pinfo in res.procs:
            code = self.codes[pinfo]
            code.defaults = [self.expr(p.default) if p.default is not None else None
                             for p in pinfo.node.params]
            code.body = self.labelled(pinfo.node.body, pinfo.node.labels)
            local_objects = self.object_slots(pinfo.scope.vars.values())
            if local_objects:                # objects destroyed when the procedure ends
                code.body = self.with_destructors(code.body, local_objects)
        self.globals.extend([None] * (self.main.size - len(self.globals)))
        return Compiled(body, self.globals, self.rt, res.global_inits,
                        list(self.main.vars.values()))

    # -- statements
    def block(self, stmts: list[ast.Stmt]) -> Exec:
        compiled = []
        for k, s in enumerate(stmts):
            if isinstance(s, ast.WhenGeneral):   # it covers the rest of the block
                compiled.append(self.when_general(s, stmts[k + 1:]))
                break
            c = getattr(self, "s_" + type(s).__name__)(s)
            if c is not None:
                compiled.append(c)
        if not compiled:
            return lambda f: None
        if len(compiled) == 1:
            return compiled[0]
        if len(compiled) == 2:
            a, b = compiled

            def run2(f: Frame) -> Any:
                r = a(f)
                if r is not None:
                    return r
                return b(f)
            return run2
        seq = tuple(compiled)

        def run(f: Frame) -> Any:
            for s in seq:
                r = s(f)
                if r is not None:
                    return r
            return None
        return run

    def s_Nop(self, s: ast.Nop) -> None:
        return None

    def s_Constant(self, s: ast.Constant) -> None:
        return None     # the resolver put each use's value in its place

    def s_Enumeration(self, s: ast.Enumeration) -> None:
        return None     # its members are constants: the resolver put them in place

    def s_Procedure(self, s: ast.Procedure) -> None:
        return None  # internal procedures are compiled with the others

    def s_Extern(self, s: ast.Extern) -> Exec | None:
        if s.program is None:
            return None
        return self.block(s.program.body)

    # small forms (branch smallforms)
    def s_CompileIf(self, s: ast.CompileIf) -> Exec:
        return self.block(s.body)   # the branch the configuration selected (parser.py)

    def s_ExternName(self, s: ast.ExternName) -> None:
        return None   # declares a name; a use of it is refused where it is (resolver.py)

    def s_Declare(self, s: ast.Declare) -> Exec:
        if s in self.res.object_refs:        # `o is cMail(a, b)`: made by its constructor
            return self.declare_object(s)
        init = self.expr(s.init) if s.init is not None else None
        file, line, column = s.file, s.line, s.column
        runners: list[Callable[[Frame], None]] = []
        for ref in self.res.declared[s]:
            setter = self.ref_setter(ref) if s.by_ref else self.setter(ref)
            typ = ref.info.type
            if init is None:
                def reset(f: Frame, setter: Setter = setter, typ: Any = typ) -> None:
                    setter(f, typ.default())
                runners.append(reset)
            else:
                def initialise(f: Frame, setter: Setter = setter, init: Eval = init) -> None:
                    setter(f, init(f))
                runners.append(initialise)

        def declare(f: Frame) -> None:
            try:
                for r in runners:
                    r(f)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return declare

    def s_Assign(self, s: ast.Assign) -> Exec:
        return self.assign_to(s.target, self.expr(s.value), s)

    def assign_to(self, target: ast.Expr, value: Eval, stmt: ast.Node) -> Exec:
        file, line, column = stmt.file, stmt.line, stmt.column
        if isinstance(target, ast.Tuple):
            return self._assign_tuple(target, value, stmt)
        if isinstance(target, ast.Indirection):
            return self.e_Indirection(target)
        if isinstance(target, ast.Index):
            base = self.expr(target.base)
            idx = self.expr(target.indexes[0])

            def assign_index(f: Frame) -> None:
                try:
                    arr = base(f)
                    if not isinstance(arr, WLArray):
                        if isinstance(arr, (WLAssoc, WLCombination)):
                            arr.set(idx(f), value(f))
                            return
                        raise WLFatal(f"{describe(arr)} cannot be indexed", Err.NOT_AN_OBJECT)
                    arr.set(idx(f), value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return assign_index
        ref = self.targets[target]
        if isinstance(ref, ObjectRef):       # a member of an object of the script
            return self.object_assign(target, ref, value, stmt)
        if isinstance(ref, VarRef):
            i = ref.info.slot
            conv = ref.info.type.convert
            if ref.depth == 0:
                def assign_local(f: Frame) -> None:
                    try:
                        f[i] = conv(value(f))
                    except WLFatal as e:
                        raise e.locate(file, line, column)
                return assign_local
            setter = self.setter(ref)

            def assign(f: Frame) -> None:
                try:
                    setter(f, value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return assign
        if isinstance(ref, StaticProperty):
            assert isinstance(target, ast.Member)
            base = self.expr(target.base)
            prop = ref.prop

            def assign_prop(f: Frame) -> None:
                try:
                    obj = base(f)
                    obj.wl_set(prop, value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return assign_prop
        if isinstance(ref, DynamicProperty):
            assert isinstance(target, ast.Member)
            base = self.expr(target.base)
            key, shown = ref.key, ref.shown

            def assign_dynamic(f: Frame) -> None:
                try:
                    obj = base(f)
                    dyn_set(obj, key, shown, value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return assign_dynamic
        assert isinstance(ref, Failed)
        return fatal_at(ref)

    def s_AssignRef(self, s: ast.AssignRef) -> Exec:
        """`b <- a`: a variable takes the very array, collection or object (no copy); any
        other value, or another target, is assigned as by `=`."""
        value = self.expr(s.value)
        ref = self.targets.get(s.target)
        if not isinstance(ref, VarRef):
            return self.assign_to(s.target, value, s)
        put = self.ref_setter(ref)
        file, line, column = s.file, s.line, s.column

        def assign_ref(f: Frame) -> None:
            try:
                put(f, value(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return assign_ref

    def ref_setter(self, ref: VarRef) -> Setter:
        """Stores as `<-` does: the very array, collection or object when the variable's
        type takes it, otherwise a converted value as `=` does."""
        share = reference_taker(ref.info.type)
        copy = self.setter(ref)
        i, depth, g = ref.info.slot, ref.depth, self.globals

        def put(f: Frame, v: Any) -> None:
            if not share(v):
                copy(f, v)
                return
            frame = g if depth == -1 else f
            for _ in range(max(depth, 0)):
                frame = frame[0]
            frame[i] = v
        return put

    def s_AssignCopy(self, s: ast.AssignCopy) -> Exec:
        """`b <= a`: as `=`, except that an array is copied, never shared."""
        value = self.expr(s.value)
        ref = self.targets.get(s.target)
        if isinstance(ref, VarRef):
            copy_value = ref.info.type.copy_value
        else:                              # an element or a member: its own copy
            def copy_value(v: Any) -> Any:
                return v.copy() if isinstance(v, WLArray) else v

        def copied(f: Frame) -> Any:
            return copy_value(value(f))
        return self.assign_to(s.target, copied, s)

    def _assign_tuple(self, target: ast.Tuple, value: Eval, stmt: ast.Node) -> Exec:
        """`(a, b) = f()`: the values in order; a single value goes to the first target,
        and targets without a value keep theirs (docs/language.md)."""
        puts = [self.assign_out(item, [None], stmt) for item in target.items]

        def assign_several(f: Frame) -> None:
            v = value(f)
            values = v.values if isinstance(v, WLMulti) else (v,)
            for put, x in zip(puts, values, strict=False):
                put(f, x)
        return assign_several

    def s_OpAssign(self, s: ast.OpAssign) -> Exec:
        cur = self.expr(s.target)
        rhs = self.expr(s.value)
        op = ARITH[s.op]

        def value(f: Frame) -> Any:
            return op(cur(f), rhs(f))
        return self.assign_to(s.target, value, s)

    def s_ExprStmt(self, s: ast.ExprStmt) -> Exec:
        implicit = self.refs.get(s)
        fn = self.expr(implicit.call if isinstance(implicit, ImplicitCall) else s.expr)

        def run(f: Frame) -> None:
            fn(f)
        return run

    def s_Break(self, s: ast.Break) -> Exec:
        return lambda f: BREAK

    def s_Continue(self, s: ast.Continue) -> Exec:
        return lambda f: CONTINUE

    def s_Return(self, s: ast.Return) -> Exec:
        if s.value is None:
            return lambda f: RETURN
        return self._result(s, self.expr(s.value))

    def s_Result(self, s: ast.Result) -> Exec:
        return self._result(s, self.expr(s.value))

    @staticmethod
    def _result(s: ast.Node, value: Eval) -> Exec:
        file, line, column = s.file, s.line, s.column

        def run(f: Frame) -> int:
            try:
                f[1] = value(f)
            except WLFatal as e:
                raise e.locate(file, line, column)
            return RETURN
        return run

    def s_If(self, s: ast.If) -> Exec:
        branches = tuple((self.cond(c), self.block(b)) for c, b in s.branches)
        otherwise = self.block(s.otherwise) if s.otherwise else None
        if len(branches) == 1:
            (test, body), = branches
            if otherwise is None:
                def run_if(f: Frame) -> Any:
                    if test(f):
                        return body(f)
                    return None
                return run_if
            orelse = otherwise

            def run_if_else(f: Frame) -> Any:
                if test(f):
                    return body(f)
                return orelse(f)
            return run_if_else

        def run(f: Frame) -> Any:
            for test, body in branches:
                if test(f):
                    return body(f)
            if otherwise is not None:
                return otherwise(f)
            return None
        return run

    def s_Switch(self, s: ast.Switch) -> Exec:
        subject = self.expr(s.subject)
        cases = []
        for items, body in s.cases:
            tests: list[tuple[str, Eval, Eval | None]] = []
            for it in items:
                v = self.expr(it.value)
                if it.kind == "value":
                    tests.append(("eq", v, None))
                elif it.kind == "range":
                    assert it.upper is not None
                    tests.append(("range", v, self.expr(it.upper)))
                else:
                    tests.append((it.op, v, None))
            cases.append((tuple(tests), self.block(body)))
        other = self.block(s.other) if s.other else None
        file, line, column = s.file, s.line, s.column

        def matches(f: Frame, x: Any, tests: tuple) -> bool:
            for kind, v, hi in tests:
                if kind == "eq":
                    if op_eq(x, v(f)):
                        return True
                elif kind == "range":
                    if compare(x, v(f)) >= 0 and compare(x, hi(f)) <= 0:
                        return True
                elif COMPARE[kind](x, v(f)):
                    return True
            return False

        def run(f: Frame) -> Any:
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

    def s_For(self, s: ast.For) -> Exec:
        ref, _ = self.res.loop_vars[s]
        start = self.expr(s.start)
        end = self.expr(s.end)
        step = self.expr(s.step) if s.step is not None else None
        body = self.block(s.body)
        get, put = self.getter(ref), self.setter(ref)
        file, line, column = s.file, s.line, s.column
        end_const = isinstance(s.end, ast.Literal)
        simple_local = ref.depth == 0 and ref.info.type is T_INT
        slot = ref.info.slot

        def run(f: Frame) -> Any:
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
                cur = f[slot] if simple_local else to_real(get(f))
                try:
                    i = cur + st
                except OverflowError:      # an integer of 309 digits and a real STEP
                    try:
                        i = op_add(cur, st)
                    except WLFatal as e:
                        raise e.locate(file, line, column)
                if not end_const:
                    stop = to_real(end(f))
            return None
        return run

    def s_ForEach(self, s: ast.ForEach) -> Exec:
        ref, index = self.res.loop_vars[s]
        put = self.setter(ref)
        put_index = self.setter(index) if index is not None else None
        seq = self.expr(s.iterable)
        body = self.block(s.body)
        file, line, column = s.file, s.line, s.column

        def run(f: Frame) -> Any:
            try:
                arr = seq(f)
                keys: list[Any] | None = None
                if isinstance(arr, WLArray):
                    items = list(arr.items)
                elif isinstance(arr, str):
                    items = list(arr)
                elif isinstance(arr, WLAssoc):       # FOR EACH x, key OF an associative array
                    pairs = arr.pairs()
                    items, keys = [v for _, v in pairs], [k for k, _ in pairs]
                elif isinstance(arr, WLSequence):    # a stack from the top, a queue from the first
                    items = arr.browse()
                elif isinstance(arr, EnumType):      # FOR EACH c OF Color: its values
                    items = list(arr.values())
                else:
                    raise WLFatal(f"FOR EACH needs an array, not {describe(arr)}", Err.ARGUMENT_TYPE)
            except WLFatal as e:
                raise e.locate(file, line, column)
            for n, item in enumerate(items, 1):
                try:
                    put(f, item)
                    if put_index is not None:
                        put_index(f, n if keys is None else keys[n - 1])
                except WLFatal as e:
                    raise e.locate(file, line, column)
                r = body(f)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == RETURN:
                        return r
            return None
        return run

    def s_ForEachString(self, s: ast.ForEachString) -> Exec:
        ref, _ = self.res.loop_vars[s]
        put = self.setter(ref)
        text, separator = self.expr(s.text), self.expr(s.separator)
        body = self.block(s.body)
        file, line, column = s.file, s.line, s.column

        def run(f: Frame) -> Any:
            try:
                whole = to_str(text(f))
                sep = separator(f)
                seps = [to_str(x) for x in sep.items] if isinstance(sep, WLArray) else [to_str(sep)]
                if any(x == "" for x in seps):
                    raise WLFatal("SEPARATED BY needs a separator that is not empty",
                                  Err.ARGUMENT_TYPE)
            except WLFatal as e:
                raise e.locate(file, line, column)
            pieces = re.split("|".join(re.escape(x) for x in seps), whole) if whole else []
            for piece in pieces:
                put(f, piece)
                r = body(f)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == RETURN:
                        return r
            return None
        return run

    def s_ForEachSource(self, s: ast.ForEachSource) -> Exec:
        message = for_each_source_refusal(s)
        code = Err.UI_UNAVAILABLE if s.kind == "row" else Err.DATABASE_UNAVAILABLE
        file, line, column = s.file, s.line, s.column

        def refuse(f: Frame) -> Any:
            raise WLFatal(message, code).locate(file, line, column)
        return refuse

    def s_While(self, s: ast.While) -> Exec:
        return self._loop(self.cond(s.cond), self.block(s.body))

    def s_Loop(self, s: ast.Loop) -> Exec:
        if s.count is None:
            return self._loop(None, self.block(s.body))
        count, body = self.expr(s.count), self.block(s.body)
        file, line, column = s.file, s.line, s.column

        def run_n(f: Frame) -> Any:
            try:
                n = to_int(count(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
            for _ in range(n):
                r = body(f)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == RETURN:
                        return r
            return None
        return run_n

    @staticmethod
    def _loop(test: Eval | None, body: Exec) -> Exec:
        """WHILE (with a test) and LOOP (without one)."""
        def run(f: Frame) -> Any:
            while test is None or test(f):
                r = body(f)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == RETURN:
                        return r
            return None
        return run

    def s_When(self, s: ast.When) -> Exec:
        body = self.block(s.body)
        handler = self.block(s.handler)
        otherwise = self.block(s.otherwise) if s.otherwise else None
        rt = self.rt

        def run(f: Frame) -> Any:
            try:
                r = body(f)
            except WLFatal as e:
                rt.ctx.exception = e
                return handler(f)
            if otherwise is not None:
                return otherwise(f)
            return r
        return run

    def when_general(self, s: ast.WhenGeneral, rest: list[ast.Stmt]) -> Exec:
        """`WHEN EXCEPTION` ... `END` and the statements after it: a fatal error in them
        (or in a procedure they call, unless caught nearer) runs the handler, then the
        procedure ends, as after RETURN (docs/language.md, "General exception handler").
        An error in the handler itself is not caught by it."""
        body = self.block(rest)
        handler = self.block(s.handler)
        rt = self.rt

        def run(f: Frame) -> Any:
            try:
                return body(f)
            except WLFatal as e:
                rt.ctx.exception = e
            r = handler(f)
            return r if r is not None and r != BREAK and r != CONTINUE else RETURN
        return run

    # -- procedure labels: CASE ERROR:, CASE EXCEPTION:, END:
    def labelled(self, stmts: list[ast.Stmt], labels: list[ast.ProcLabel]) -> Exec:
        """A procedure's (or the main code's) body with its labels.  A non-fatal error
        of a function called by the body jumps to CASE ERROR:, a fatal error (an
        exception) to CASE EXCEPTION:; after either the procedure ends.  The code after
        END: runs on every way out of the body."""
        if not labels:
            return self.block(stmts)
        kinds = {label.kind: label for label in labels}
        outer = self.catch_errors
        self.catch_errors = "error" in kinds
        try:
            body = self.block(stmts)
        finally:
            self.catch_errors = outer
        on_error = self.block(kinds["error"].body) if "error" in kinds else None
        on_exception = self.block(kinds["exception"].body) if "exception" in kinds else None
        at_end = self.block(kinds["end"].body) if "end" in kinds else None
        rt = self.rt

        def run(f: Frame) -> Any:
            try:
                try:
                    r = body(f)
                except _NonFatalJump:
                    assert on_error is not None
                    r = on_error(f)
                except WLFatal as e:
                    if on_exception is None:
                        raise
                    rt.ctx.exception = e
                    r = on_exception(f)
            finally:
                if at_end is not None:
                    end_r = at_end(f)
            if at_end is not None and end_r == RETURN:
                return end_r
            return RETURN if r == RETURN else None
        return run

