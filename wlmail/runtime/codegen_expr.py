"""The code generator's expressions: a resolved expression -> `eval(frame) -> value`.

`ExpressionGen` is the half of the code generator that turns expressions (and the tests
of IF/WHILE, and calls) into closures; `codegen.CodeGen` adds the statements.  Split for
size only: both read nothing but the resolver's `Resolution`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..registry import REGISTRY, Registry
from ..syntax import ast
from . import objects
from .codegen_objects import ObjectGen
from .collections import Out, WLAssoc, WLList, WLMulti, WLSequence, collection_property
from .enums import WLCombination, WLEnumValue
from .errors import Err, WLFatal
from .frames import (
    MAX_DEPTH,
    OMITTED,
    Eval,
    Frame,
    ProcCode,
    Runtime,
    WLProcedure,
    invoke,
)
from .operators import ARITH, COMPARE, concat, num, op_add, op_eq
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
    Ref,
    Resolution,
    StaticProperty,
    VarCall,
    VarRef,
)
from .resolver import (
    address_of_refusal,
    builtin_default,
    indirection_refusal,
    message_placeholder,
    project_message,
    sum_terms,
)
from .resolver_objects import ClassNameRef, FieldRef, MethodRef, PropRef
from .values import (
    MAX_TEXT,
    T_VARIANT,
    Duration,
    WLArray,
    WLObject,
    describe,
    moment_ms,
    remember_secret,
    text_too_long,
    to_bool,
    to_int,
    to_str,
)

Setter = Callable[[Frame, Any], None]
objects_refs = (FieldRef, ClassNameRef, PropRef)


class _NonFatalJump(Exception):
    """A call reported a non-fatal error in code with a CASE ERROR: label."""


def respell(e: WLFatal, name: str, shown: str) -> WLFatal:
    """Built-ins start their messages with their English name; say it the way the
    script wrote it (`TableauOccurrence: ...` in a French script)."""
    if e.line is None and shown != name and e.message.startswith(name + ":"):
        e.message = shown + e.message[len(name):]
        e.args = (e.message,)
    return e


def _dyn_property(obj: Any, key: str, shown: str) -> Any:
    """The property `shown` of an object whose type is only known at run time."""
    if isinstance(obj, WLObject):
        prop = type(obj).REGISTRY_ENTRY.properties.get(key)
        if prop is not None:
            return prop
        raise WLFatal(f"`{obj.TYPE_NAME}` has no property `{shown}`", Err.UNKNOWN_PROPERTY)
    raise WLFatal(f"{describe(obj)} has no property `{shown}`", Err.NOT_AN_OBJECT)


def dyn_get(obj: Any, key: str, shown: str) -> Any:
    if isinstance(obj, objects.WLInstance):     # an object of a class of the script
        return objects.get_field(obj, key, shown, None)
    if isinstance(obj, WLArray) and key in ("count", "occurrence", "occurrences"):
        return len(obj.items)
    if isinstance(obj, (WLAssoc, WLSequence)):
        return collection_property(obj, key, shown)
    if isinstance(obj, WLEnumValue):
        return obj.property(key, shown)
    if isinstance(obj, WLArray) and key in ("empty", "vide"):
        return not obj.items
    # The property first: `obj.wl_get(...)` would look the method up on a string before
    # the check that says it is not an object had run.
    prop = _dyn_property(obj, key, shown)
    return obj.wl_get(prop)


def dyn_set(obj: Any, key: str, shown: str, value: Any) -> None:
    if isinstance(obj, objects.WLInstance):     # an object of a class of the script
        objects.set_field(obj, key, shown, value, None)
        return
    prop = _dyn_property(obj, key, shown)
    obj.wl_set(prop, value)


def _omitted(f: Frame) -> Any:
    return OMITTED


def _constant(v: Any) -> Eval:
    return lambda f: v


def fatal_at(failed: Failed) -> Eval:
    """The closure that stands for a node that did not resolve (never run: `run`
    refuses a script with errors)."""
    file, line, column = failed.at.file, failed.at.line, failed.at.column
    message, code = failed.message, failed.code

    def fail(f: Frame) -> Any:
        raise WLFatal(message, code).locate(file, line, column)
    return fail


class ExpressionGen(ObjectGen):
    """Expressions, variables' getters and setters, calls (see the module's docstring)."""

    def __init__(self, res: Resolution, registry: Registry = REGISTRY) -> None:
        self.res = res
        self.reg = registry
        self.refs = res.refs
        self.targets = res.targets
        self.main = res.main
        self.globals: Frame = []
        self.rt = Runtime()
        self.codes: dict[ProcInfo, ProcCode] = {}
        # Set while compiling code that has a CASE ERROR: label: its calls check for a
        # non-fatal error (see `labelled`).
        self.catch_errors = False

    # -- variables
    def getter(self, ref: VarRef) -> Eval:
        i, depth = ref.info.slot, ref.depth
        if depth == 0:
            return lambda f: f[i]
        if depth == -1:
            g = self.globals
            return lambda f: g[i]

        def outer(f: Frame) -> Any:
            for _ in range(depth):
                f = f[0]
            return f[i]
        return outer

    def setter(self, ref: VarRef) -> Setter:
        i, depth = ref.info.slot, ref.depth
        conv = ref.info.type.convert
        if depth == 0:
            def set_local(f: Frame, v: Any) -> None:
                f[i] = conv(v)
            return set_local
        if depth == -1:
            g = self.globals

            def set_global(f: Frame, v: Any) -> None:
                g[i] = conv(v)
            return set_global

        def set_outer(f: Frame, v: Any) -> None:
            for _ in range(depth):
                f = f[0]
            f[i] = conv(v)
        return set_outer

    def cond(self, node: ast.Expr) -> Eval:
        fn = self.expr(node)
        file, line, column = node.file, node.line, node.column

        def test(f: Frame) -> bool:
            v = fn(f)
            if v is True or v is False:
                return v
            try:
                return to_bool(v)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return test

    def _checked_call(self, call: Eval) -> Eval:
        """A call in code with a CASE ERROR: label: a non-fatal error it reports jumps
        there.  ErrorOccurred is cleared for the call and put back after it when the
        call reported nothing, so the check sees this call's error only."""
        rt = self.rt

        def run(f: Frame) -> Any:
            state = rt.ctx.error
            saved = (state.occurred, state.code, state.message, state.details)
            state.occurred = False
            v = call(f)
            if state.occurred:
                raise _NonFatalJump()
            if saved[0]:
                state.occurred, state.code, state.message, state.details = saved
            return v
        return run

    # -- expressions
    def expr(self, node: ast.Expr) -> Eval:
        fn = getattr(self, "e_" + type(node).__name__)(node)
        # A function's error, not one a called procedure left behind (it may have
        # handled it with its own label).
        if self.catch_errors and isinstance(node, ast.Call) \
                and not isinstance(self.refs.get(node), ProcCall):
            return self._checked_call(fn)
        return fn

    def e_Indirection(self, node: ast.Indirection) -> Eval:
        return _refusal(node, indirection_refusal(node), Err.UI_UNAVAILABLE)

    def e_AddressOf(self, node: ast.AddressOf) -> Eval:
        return _refusal(node, address_of_refusal(node), Err.WINDOWS_API_UNAVAILABLE)

    def e_MessageRef(self, node: ast.MessageRef) -> Eval:
        # A visible placeholder that names the reference (`check` warns about it).
        text = project_message(self.res, node)
        shown = text if text is not None else message_placeholder(node)
        return lambda f: shown

    def e_CompareChain(self, node: ast.CompareChain) -> Eval:
        a, b, c = (self.expr(o) for o in node.operands)
        op1, op2 = (COMPARE[o] for o in node.ops)
        file, line, column = node.file, node.line, node.column

        def chain(f: Frame) -> bool:
            try:
                middle = b(f)
                return bool(op1(a(f), middle)) and bool(op2(middle, c(f)))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return chain

    def e_Ternary(self, node: ast.Ternary) -> Eval:
        test = self.cond(node.cond)
        then, otherwise = self.expr(node.then), self.expr(node.otherwise)
        return lambda f: then(f) if test(f) else otherwise(f)

    def e_InList(self, node: ast.InList) -> Eval:
        value = self.expr(node.value)
        options = tuple(self.expr(o) for o in node.options)
        file, line, column = node.file, node.line, node.column

        def within(f: Frame) -> bool:
            x = value(f)
            try:
                return any(op_eq(x, o(f)) for o in options)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return within

    def e_Substring(self, node: ast.Substring) -> Eval:
        base = self.expr(node.base)
        lower = self.expr(node.lower) if node.lower is not None else None
        upper = self.expr(node.upper) if node.upper is not None else None
        single = node.single
        file, line, column = node.file, node.line, node.column

        def extract(f: Frame) -> str:
            try:
                text = to_str(base(f))
                lo = to_int(lower(f)) if lower is not None else 1
                if single:
                    return text[lo - 1] if 1 <= lo <= len(text) else ""
                hi = to_int(upper(f)) if upper is not None else len(text)
            except WLFatal as e:
                raise e.locate(file, line, column)
            return text[max(lo, 1) - 1:max(hi, 0)]
        return extract

    def _named(self, node: ast.Expr, ref: Ref) -> Eval:
        """What a name or member stands for, when it is not a plain variable."""
        if isinstance(ref, ImplicitCall):
            return self.e_Call(ref.call)
        if isinstance(ref, objects_refs):     # a member of the current object, in a method
            return self.object_expr(node, ref)
        assert isinstance(ref, Failed)
        return fatal_at(ref)

    def e_NewArray(self, node: ast.NewArray) -> Eval:
        ref = self.refs[node]
        assert isinstance(ref, ConstantRef)
        make = ref.value.default
        file, line, column = node.file, node.line, node.column

        def new_array(f: Frame) -> Any:
            try:
                return make()
            except WLFatal as e:
                raise e.locate(file, line, column)
        return new_array

    def e_DurationLit(self, node: ast.DurationLit) -> Eval:   # branch smallforms
        ms = node.ms
        return lambda f: Duration(ms)

    def e_Literal(self, node: ast.Literal) -> Eval:
        v = node.value
        return lambda f: v

    def e_Interpolated(self, node: ast.Interpolated) -> Eval:
        parts = [(lambda f, p=p: p) if isinstance(p, str) else self.expr(p) for p in node.parts]
        file, line, column = node.file, node.line, node.column

        def interpolated(f: Frame) -> str:
            texts = [to_str(p(f)) for p in parts]
            length = sum(map(len, texts))
            if length > MAX_TEXT:
                raise text_too_long(length).locate(file, line, column)
            return "".join(texts)
        return interpolated

    def e_Var(self, node: ast.Var) -> Eval:
        ref = self.refs[node]
        if isinstance(ref, VarRef):
            return self.getter(ref)
        if isinstance(ref, ProcValue):       # p = MyProc
            return self.procedure_value(ref)
        if isinstance(ref, ConstantRef):
            v = ref.value
            return lambda f: v
        return self._named(node, ref)

    def e_Tuple(self, node: ast.Tuple) -> Eval:
        items = tuple(self.expr(i) for i in node.items)
        return lambda f: WLMulti(tuple(i(f) for i in items))

    def e_ArrayLit(self, node: ast.ArrayLit) -> Eval:
        items = [self.expr(i) for i in node.items]

        def make(f: Frame) -> WLArray:
            return WLArray(T_VARIANT, [i(f) for i in items])
        return make

    def e_Not(self, node: ast.Not) -> Eval:
        test = self.cond(node.operand)
        return lambda f: not test(f)

    def e_Neg(self, node: ast.Neg) -> Eval:
        fn = self.expr(node.operand)
        file, line, column = node.file, node.line, node.column

        def neg(f: Frame) -> Any:
            v = fn(f)
            if type(v) is int or type(v) is float:
                return -v
            try:
                return -num(v, "-")
            except WLFatal as e:
                raise e.locate(file, line, column)
        return neg

    def e_Compare(self, node: ast.Compare) -> Eval:
        left = self.expr(node.left)
        right = self.expr(node.right)
        op = COMPARE[node.op]
        file, line, column = node.file, node.line, node.column
        if node.op == "=":
            def eq(f: Frame) -> bool:
                a, b = left(f), right(f)
                if type(a) is type(b) and (type(a) is int or type(a) is str):
                    return a == b
                try:
                    return op_eq(a, b)
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return eq

        def cmp(f: Frame) -> bool:
            try:
                return op(left(f), right(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return cmp

    def e_BinOp(self, node: ast.BinOp) -> Eval:
        op = node.op
        if op in ("and", "or", "_and_", "_or_"):
            left = self.cond(node.left)
            right = self.cond(node.right)
            if op == "and":
                return lambda f: left(f) & right(f)
            if op == "or":
                return lambda f: left(f) | right(f)
            if op == "_and_":
                return lambda f: left(f) and right(f)
            return lambda f: left(f) or right(f)
        if op == "+":
            return self._sum_chain(node)
        lhs = self.expr(node.left)
        rhs = self.expr(node.right)
        fn = ARITH[op]
        file, line, column = node.file, node.line, node.column
        ref = self.refs.get(node)
        if isinstance(ref, MomentDifference):     # end - start between times: a Duration
            kind = ref.kind

            def difference(f: Frame) -> Any:
                try:
                    return Duration(moment_ms(kind, lhs(f)) - moment_ms(kind, rhs(f)))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return difference

        def arith(f: Frame) -> Any:
            try:
                return fn(lhs(f), rhs(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return arith

    def _sum_chain(self, node: ast.BinOp) -> Eval:
        """`a + b + [c] + d`, flattened: long concatenations must not nest closures."""
        terms = sum_terms(node)
        first = self.expr(terms[0])
        parts = []
        for t in terms[1:]:
            if isinstance(t, ast.ArrayLit) and len(t.items) == 1:
                parts.append((True, self.expr(t.items[0])))
            else:
                parts.append((False, self.expr(t)))
        file, line, column = node.file, node.line, node.column
        t0 = terms[0]
        if len(parts) == 1 and not parts[0][0]:
            right = parts[0][1]
            if isinstance(t0, ast.Literal) and type(t0.value) is str:
                s0 = t0.value

                def concat_const(f: Frame) -> str:
                    b = right(f)
                    try:
                        return concat(s0, b if type(b) is str else to_str(b))
                    except WLFatal as e:
                        raise e.locate(file, line, column)
                return concat_const

            def add2(f: Frame) -> Any:
                a, b = first(f), right(f)
                if type(a) is int and type(b) is int:
                    return a + b
                try:
                    return op_add(a, b)
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return add2
        plan = tuple(parts)

        def add_chain(f: Frame) -> Any:
            try:
                acc = first(f)
                for cond, fn in plan:
                    if cond:
                        v = fn(f)
                        if type(acc) is str:
                            piece = to_str(v)
                            if not acc.endswith(piece):
                                acc = concat(acc, piece)
                            continue
                        acc = op_add(acc, WLArray(T_VARIANT, [v]))
                    else:
                        acc = op_add(acc, fn(f))
                return acc
            except WLFatal as e:
                raise e.locate(file, line, column)
        return add_chain

    # -- members, indexes, calls
    def e_Member(self, node: ast.Member) -> Eval:
        ref = self.refs[node]
        if isinstance(ref, (ImplicitCall, Failed)):
            return self._named(node, ref)
        if isinstance(ref, KeyExists):
            return self._key_exists(node)
        if isinstance(ref, VarRef):                  # FOR EACH x OF a: x..Key
            return self.getter(ref)
        if isinstance(ref, (objects_refs, ConstantRef)):   # a member of an object of the script
            return self.object_expr(node, ref)
        base = self.expr(node.base)
        if isinstance(ref, ArrayCount):
            return lambda f: len(base(f).items)
        if isinstance(ref, StaticProperty):
            prop = ref.prop

            def get_prop(f: Frame) -> Any:
                return base(f).wl_get(prop)
            return get_prop
        assert isinstance(ref, DynamicProperty)
        key, shown = ref.key, ref.shown
        file, line, column = node.file, node.name_line or node.line, node.name_column or node.column

        def get_dynamic(f: Frame) -> Any:
            try:
                return dyn_get(base(f), key, shown)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return get_dynamic

    def _key_exists(self, node: ast.Member) -> Eval:
        """`a[key]..Exist`: the key is in the associative array (the index in the array)."""
        assert isinstance(node.base, ast.Index)
        base, idx = self.expr(node.base.base), self.expr(node.base.indexes[0])
        file, line, column = node.file, node.line, node.column

        def exists(f: Frame) -> bool:
            container = base(f)
            try:
                if isinstance(container, WLAssoc):
                    return container.exists(idx(f))
                if isinstance(container, WLArray):
                    return 1 <= to_int(idx(f)) <= len(container.items)
                raise WLFatal(f"`..Exist` needs an associative array, not {describe(container)}",
                              Err.NOT_AN_OBJECT)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return exists

    def e_Index(self, node: ast.Index) -> Eval:
        base = self.expr(node.base)
        idx = self.expr(node.indexes[0])
        file, line, column = node.file, node.line, node.column

        def index(f: Frame) -> Any:
            arr = base(f)
            try:
                if isinstance(arr, WLArray):
                    return arr.get(idx(f))
                if isinstance(arr, (WLAssoc, WLCombination)):    # a[key], rights[Read]
                    return arr.get(idx(f))
                raise WLFatal(f"{describe(arr)} cannot be indexed", Err.NOT_AN_OBJECT)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return index

    def e_Call(self, node: ast.Call) -> Eval:
        ref = self.refs[node]
        arg_fns = [self.expr(a) if not isinstance(a, ast.Omitted) else _omitted
                   for a in node.args]
        if isinstance(ref, ProcCall):
            return self._call_proc(node, ref, arg_fns)
        if isinstance(ref, VarCall):
            return self._call_value(node, ref, arg_fns)
        if isinstance(ref, BuiltinCall):
            for n, a in enumerate(node.args):
                if isinstance(a, ast.Omitted):    # `*`: the built-in's default
                    arg_fns[n] = _constant(builtin_default(ref.entry,
                                                           n + (1 if ref.receiver else 0)))
            if ref.receiver:
                assert isinstance(node.func, ast.Member)
                arg_fns.insert(0, self.expr(node.func.base))
            return self._call_builtin(node, ref, arg_fns)
        if isinstance(ref, DynamicMethod):
            assert isinstance(node.func, ast.Member)
            return self._call_dynamic(node, node.func, ref, arg_fns)
        if isinstance(ref, MethodRef):          # a method of a class of the script
            return self.call_method(node, ref, arg_fns)
        assert isinstance(ref, Failed)
        return fatal_at(ref)

    def _call_builtin(self, node: ast.Call, ref: BuiltinCall, arg_fns: list[Eval]) -> Eval:
        entry, shown = ref.entry, ref.shown
        impl = entry.impl
        assert impl is not None
        rt = self.rt
        fallible = entry.fallible
        file, line, column = node.file, node.line, node.column
        fns = tuple(arg_fns)
        if entry.out_args:
            return self._call_with_out(node, ref, fns)
        if not fallible and len(fns) == 1:
            a0 = fns[0]

            def call1(f: Frame) -> Any:
                try:
                    return impl(rt.ctx, a0(f))
                except WLFatal as e:
                    raise respell(e, entry.name, shown).locate(file, line, column)
            return call1

        secret_args = entry.secret_args

        def call(f: Frame) -> Any:
            try:
                values = [a(f) for a in fns]
                for i in secret_args:    # a password argument: never quoted in an error
                    if i < len(values):
                        remember_secret(values[i])
                ctx = rt.ctx
                if fallible:
                    ctx.error.reset()
                return impl(ctx, *values)
            except WLFatal as e:
                raise respell(e, entry.name, shown).locate(file, line, column)
        return call

    def _call_with_out(self, node: ast.Call, ref: BuiltinCall, fns: tuple[Eval, ...]) -> Eval:
        """A built-in that writes into arguments (`Pop(stack, x)`): each gets an `Out`,
        and what the built-in put in it is assigned to the caller's variable after."""
        entry, shown = ref.entry, ref.shown
        impl = entry.impl
        assert impl is not None
        rt = self.rt
        file, line, column = node.file, node.line, node.column
        offset = 1 if ref.receiver else 0
        outs: dict[int, Callable[[Frame, Any], Any]] = {}
        for i in entry.out_args:
            if 0 <= i - offset < len(node.args):
                box: list[Any] = [None]
                put = self.assign_out(node.args[i - offset], box, node)
                outs[i] = put

        def call(f: Frame) -> Any:
            try:
                values: list[Any] = [a(f) for a in fns]
                cells = {}
                for i in outs:
                    cells[i] = values[i] = Out()
                ctx = rt.ctx
                if entry.fallible:
                    ctx.error.reset()
                result = impl(ctx, *values)
                for i, cell in cells.items():
                    if cell.written:
                        outs[i](f, cell.value)
                return result
            except WLFatal as e:
                raise respell(e, entry.name, shown).locate(file, line, column)
        return call

    def assign_out(self, target: ast.Expr, box: list[Any], stmt: ast.Node
                   ) -> Callable[[Frame, Any], Any]:
        """`put(frame, value)`: assigns `value` to `target` (the statements' side of the
        code generator provides `assign_to`)."""
        run = self.assign_to(target, lambda f: box[0], stmt)   # type: ignore[attr-defined]

        def put(f: Frame, value: Any) -> None:
            box[0] = value
            run(f)
        return put

    def _call_dynamic(self, node: ast.Call, func: ast.Member, ref: DynamicMethod,
                      arg_fns: list[Eval]) -> Eval:
        """A method of a receiver whose type is only known at run time."""
        base = self.expr(func.base)
        key, shown = ref.key, ref.shown
        reg = self.reg
        rt = self.rt
        file = node.file
        line, column = func.name_line or func.line, func.name_column or func.column
        fns = tuple(arg_fns)

        def call_dynamic(f: Frame) -> Any:
            try:
                obj = base(f)
                if isinstance(obj, objects.WLInstance):   # an object of a class of the script
                    return objects.call_by_name(rt, obj, key, shown, [a(f) for a in fns], None)
                if isinstance(obj, (WLArray, WLList)):
                    target = reg.array_methods.get(key)
                elif isinstance(obj, WLObject):
                    target = type(obj).REGISTRY_ENTRY.methods.get(key)
                else:
                    raise WLFatal(f"{describe(obj)} has no method `{shown}`", Err.NOT_AN_OBJECT)
                if target is None:
                    raise WLFatal(f"{describe(obj)} has no method `{shown}`", Err.UNKNOWN_PROPERTY)
                entry = reg.function(target)
                assert entry is not None and entry.impl is not None   # registered methods
                ctx = rt.ctx
                values = [obj] + [a(f) for a in fns]
                if len(values) < entry.min_args or (entry.max_args is not None
                                                    and len(values) > entry.max_args):
                    raise WLFatal(f"`{shown}` takes {entry.arity_text()} arguments", Err.ARGUMENT_COUNT)
                if entry.fallible:
                    ctx.error.reset()
                return entry.impl(ctx, *values)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return call_dynamic

    def _call_value(self, node: ast.Call, ref: VarCall, arg_fns: list[Eval]) -> Eval:
        """`p(args)`: calls the procedure a Procedure variable holds (no write-back)."""
        get = self.getter(ref.var) if ref.var is not None else self.expr(node.func)
        file, line, column = node.file, node.line, node.column
        fns = tuple(arg_fns)
        shown = ref.var.info.name if ref.var is not None else "this lambda"

        def call(f: Frame) -> Any:
            try:
                target = get(f)
                if not isinstance(target, WLProcedure):
                    raise WLFatal(f"`{shown}` holds {describe(target)}, not a procedure",
                                  Err.NOT_CALLABLE)
                target.check_call(len(fns))
                values = [a(f) for a in fns]
                return target.run(values)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return call

    def procedure_value(self, ref: ProcValue) -> Eval:
        """A procedure as a value: a global one is the same value everywhere; an internal
        procedure or a lambda takes the frame it is evaluated in (its variables)."""
        pinfo = ref.proc
        code = self.codes[pinfo]
        rt = self.rt
        if not pinfo.node.internal:
            value = WLProcedure(code, None, rt)
            return lambda f: value
        if pinfo.scope.parent is self.main:
            g = self.globals
            return lambda f: WLProcedure(code, g, rt)
        hops = max(ref.depth, 0)

        def make(f: Frame) -> WLProcedure:
            link = f
            for _ in range(hops):
                link = link[0]
            return WLProcedure(code, link, rt)
        return make

    def e_Lambda(self, node: ast.Lambda) -> Eval:
        ref = self.refs[node]
        assert isinstance(ref, ProcValue)
        return self.procedure_value(ref)

    def _call_proc(self, node: ast.Call, ref: ProcCall, arg_fns: list[Eval]) -> Eval:
        pinfo = ref.proc
        code = self.codes[pinfo]
        name = pinfo.name
        writeback = tuple((code.params[n][0], self.setter(r)) for n, r in ref.writeback)
        rt = self.rt
        g = self.globals
        file, line, column = node.file, node.line, node.column
        fns = tuple(arg_fns)
        internal = pinfo.node.internal
        # How to reach the frame an internal procedure lives in from the caller's frame.
        hops = ref.depth if internal and ref.depth >= 0 else 0
        main_parent = internal and pinfo.scope.parent is self.main

        def call(f: Frame) -> Any:
            try:
                values = [a(f) for a in fns]
            except WLFatal as e:
                raise e.locate(file, line, column)
            if internal:
                link = f
                if main_parent:
                    link = g
                else:
                    for _ in range(hops):
                        link = link[0]
            else:
                link = None
            if rt.depth >= MAX_DEPTH:
                raise WLFatal(f"procedure calls nested more than {MAX_DEPTH} deep "
                              f"(runaway recursion in `{name}`?)", Err.RECURSION).locate(
                    file, line, column)
            rt.depth += 1
            try:
                frame = invoke(code, values, link)
            except WLFatal as e:
                # A parameter that cannot take its argument: the call is where it failed
                # (errors inside the procedure's body already carry their own place).
                raise e.locate(file, line, column)
            except RecursionError:
                raise WLFatal(f"procedure calls nested too deeply (runaway recursion in "
                              f"`{name}`?)", Err.RECURSION).locate(file, line, column)
            finally:
                rt.depth -= 1
            for slot, put in writeback:
                put(f, frame[slot])
            return frame[1]
        return call


def _refusal(node: ast.Node, message: str, code: int) -> Eval:
    """What wlmail cannot run is refused only when its line runs (`check` warns), so the
    rest of the procedure and the project still run."""
    file, line, column = node.file, node.line, node.column

    def refuse(f: Frame) -> Any:
        raise WLFatal(message, code).locate(file, line, column)
    return refuse
