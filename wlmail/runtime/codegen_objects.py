"""The code generator's half for classes and structures: members, method calls, `new`,
`delete`, constructors and destructors as closures (docs/language.md, "Classes and
structures").  A mixin of `codegen_expr.ExpressionGen`, called from a few marked hooks;
it reads only what resolver_objects.py recorded.  The run-time work itself is in
objects.py.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..names import fold
from ..syntax import ast
from .context import EndProgram
from .errors import WLFatal
from .frames import Eval, Exec, Frame, ProcCode, Runtime
from .objects import (
    ClassDef,
    FieldDef,
    Owned,
    WLInstance,
    check_alive,
    check_callable,
    construct,
    destroy,
    dispatch,
    has_destructor,
    instantiate,
    read_property,
    run_code,
    watch_references,
    write_property,
)
from .resolution import ConstantRef, Failed, ImplicitCall, ProcInfo, VarRef
from .resolver_objects import (
    BaseCall,
    ClassNameRef,
    Construct,
    FieldRef,
    MemberCall,
    MethodRef,
    ObjectRef,
    PropRef,
)

if TYPE_CHECKING:
    from .resolution import Resolution


class ObjectGen:
    """Mixin: see the module's docstring."""
    res: Resolution
    rt: Runtime
    globals: Frame
    codes: dict[ProcInfo, ProcCode]

    if TYPE_CHECKING:
        def expr(self, node: Any) -> Eval: ...
        def getter(self, ref: VarRef) -> Eval: ...
        def setter(self, ref: VarRef) -> Callable[[Frame, Any], None]: ...
        def e_Call(self, node: ast.Call) -> Eval: ...

    # -- once every procedure has its ProcCode
    def prepare_classes(self) -> None:
        for cdef in self.res.classes.values():
            cdef.globals = self.globals
            cdef.rt = self.rt
            for fnode in cdef.node.fields:
                init = self.expr(fnode.init) if fnode.init is not None else None
                ctor_args = [self.expr(a) for a in fnode.ctor_args] \
                    if fnode.ctor_args is not None else None
                for name, _, _ in fnode.names:
                    f = cdef.fields.get(fold(name))
                    if f is not None and f.owner is cdef:
                        f.init = init
                        f.ctor_args = ctor_args
        for pinfo, m in self.res.methods.items():
            m.code = self.codes[pinfo]
        if any(has_destructor(c) for c in self.res.classes.values()):
            self.rt.owned = Owned(self.rt)
            for cdef in self.res.classes.values():
                watch_references(cdef)

    def with_owned_end(self, body: Exec) -> Exec:
        """The main code, then the destructors of the objects `new` made that are still
        alive (on a normal end and after EndProgram; not after a fatal error)."""
        owned = self.rt.owned
        if owned is None:
            return body

        def run(f: Frame) -> Any:
            try:
                result = body(f)
            except EndProgram:
                owned.finish()
                raise
            except BaseException:
                owned.open = False
                raise
            owned.finish()
            return result
        return run

    def with_destructors(self, body: Exec, slots: list[int]) -> Exec:
        """A procedure's body that destroys its local objects (of classes with a
        destructor) on every way out, the last declared first."""
        rt = self.rt
        order = tuple(reversed(slots))

        def run(f: Frame) -> Any:
            try:
                return body(f)
            finally:
                for slot in order:
                    obj = f[slot]
                    # An object the procedure returns lives on in its caller.
                    if isinstance(obj, WLInstance) and not obj.deleted and obj is not f[1]:
                        destroy(rt, obj)
        return run

    def object_slots(self, variables: Any) -> list[int]:
        """The slots of non-dynamic objects whose class has a destructor."""
        out = []
        for v in variables:
            t = v.type
            if t.kind == "object" and not v.is_param and t.cls is not None and \
                    isinstance(getattr(t.cls, "CDEF", None), ClassDef) and has_destructor(t.cls.CDEF):
                out.append(v.slot)
        return out

    # -- statements
    def s_ClassDecl(self, s: ast.ClassDecl) -> Exec | None:
        cdef = self.res.classes.get(fold(s.name))
        if cdef is None or cdef.node is not s:
            return None
        statics = [f for f in cdef.fields.values() if f.static and f.init is not None]
        if not statics:
            return None
        g = self.globals
        file, line, column = s.file, s.line, s.column

        def init_statics(f: Frame) -> None:
            try:
                for fd in statics:
                    assert fd.init is not None
                    cdef.statics[fd.key] = fd.type.convert(fd.init(g))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return init_statics

    def declare_object(self, s: ast.Declare) -> Exec:
        ref = self.res.object_refs[s]
        assert isinstance(ref, Construct)
        cdef = ref.cdef
        args = tuple(self.expr(a) for a in (s.ctor_args or []))
        setters = [self.setter(v) for v in self.res.declared[s]]
        rt = self.rt
        file, line, column = s.file, s.line, s.column

        def declare(f: Frame) -> None:
            try:
                values = [a(f) for a in args]
                for put in setters:
                    obj = instantiate(rt, cdef, values)
                    put(f, obj)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return declare

    def s_Delete(self, s: ast.Delete) -> Exec:
        target = self.expr(s.target)
        ref = self.res.targets.get(s)
        put = self.setter(ref) if isinstance(ref, VarRef) and ref.info.type.kind == "dynamic" \
            else None
        rt = self.rt
        file, line, column = s.file, s.line, s.column

        def delete(f: Frame) -> None:
            try:
                obj = target(f)
                check_alive(obj)
                destroy(rt, obj)
            except WLFatal as e:
                raise e.locate(file, line, column)
            if put is not None:
                put(f, None)
        return delete

    def s_BaseConstructor(self, s: ast.BaseConstructor) -> Exec:
        ref = self.res.object_refs[s]
        cdef = ref.cdef
        me = self.getter(ref.me)
        args = tuple(self.expr(a) for a in s.args)
        rt = self.rt
        file, line, column = s.file, s.line, s.column
        if isinstance(ref, MemberCall):
            key = ref.field.key

            def member_ctor(f: Frame) -> None:
                try:
                    construct(rt, cdef, me(f).values[key], [a(f) for a in args])
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return member_ctor
        assert isinstance(ref, BaseCall)

        def base_ctor(f: Frame) -> None:
            try:
                construct(rt, cdef, me(f), [a(f) for a in args])
            except WLFatal as e:
                raise e.locate(file, line, column)
        return base_ctor

    # -- expressions
    def e_NewObject(self, node: ast.NewObject) -> Eval:
        ref = self.res.refs[node]
        if not isinstance(ref, Construct):
            return self.object_expr(node, ref)
        cdef = ref.cdef
        args = tuple(self.expr(a) for a in node.args)
        rt = self.rt
        file, line, column = node.file, node.line, node.column

        owned = rt.owned if has_destructor(cdef) else None

        def new(f: Frame) -> WLInstance:
            try:
                obj = instantiate(rt, cdef, [a(f) for a in args])
            except WLFatal as e:
                raise e.locate(file, line, column)
            if owned is not None:
                owned.add(obj)
            return obj
        return new

    def e_ClassMember(self, node: ast.ClassMember) -> Eval:
        return self.object_expr(node, self.res.refs[node])

    def object_expr(self, node: ast.Node, ref: Any) -> Eval:
        """A name, member or `Class::member` that stands for one of ours."""
        if isinstance(ref, ConstantRef):
            v = ref.value
            return lambda f: v
        if isinstance(ref, ImplicitCall):
            return self.e_Call(ref.call)
        if isinstance(ref, FieldRef):
            return self.field_getter(node, ref)
        if isinstance(ref, PropRef):
            return self.property_getter(node, ref)
        if isinstance(ref, ClassNameRef):
            base = self._member_base(node)

            def class_name(f: Frame) -> str:
                obj = base(f)
                return obj.CDEF.name if isinstance(obj, WLInstance) and not obj.deleted else ""
            return class_name
        assert isinstance(ref, Failed)      # never run: `run` refuses a script with errors
        file, line, column = ref.at.file, ref.at.line, ref.at.column
        message, code = ref.message, ref.code

        def fail(f: Frame) -> Any:
            raise WLFatal(message, code).locate(file, line, column)
        return fail

    def field_getter(self, node: ast.Node, ref: FieldRef) -> Eval:
        fd = ref.field
        key = fd.key
        if fd.static:
            statics = fd.owner.statics
            return lambda f: statics[key]
        base = self.getter(ref.me) if ref.me is not None else self._member_base(node)
        file, line, column = _name_place(node)

        def get_member(f: Frame) -> Any:
            obj = base(f)
            if isinstance(obj, WLInstance) and not obj.deleted:
                return obj.values[key]
            try:
                return check_alive(obj, f" (reading `{fd.name}`)").values[key]
            except WLFatal as e:
                raise e.locate(file, line, column)
        return get_member

    def _property_object(self, node: ast.Node, ref: PropRef) -> Eval | None:
        if ref.prop.static:
            return None
        return self.getter(ref.me) if ref.me is not None else self._member_base(node)

    def property_getter(self, node: ast.Node, ref: PropRef) -> Eval:
        """Reading a class property runs its retrieval process (6010011)."""
        p, inside, virtual = ref.prop, ref.inside, ref.virtual
        base = self._property_object(node, ref)
        file, line, column = _name_place(node)

        def get_property(f: Frame) -> Any:
            try:
                obj = None if base is None else \
                    check_alive(base(f), f" (reading the property `{p.name}`)")
                return read_property(obj, p, inside, virtual)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return get_property

    def property_setter(self, target: ast.Expr, ref: PropRef, value: Eval,
                        stmt: ast.Node) -> Exec:
        """Assigning a class property runs its assignment process with the value."""
        p, inside, virtual = ref.prop, ref.inside, ref.virtual
        base = self._property_object(target, ref)
        file, line, column = stmt.file, stmt.line, stmt.column

        def set_property(f: Frame) -> None:
            try:
                obj = None if base is None else \
                    check_alive(base(f), f" (assigning the property `{p.name}`)")
                write_property(obj, p, value(f), inside, virtual)
            except WLFatal as e:
                raise e.locate(file, line, column)
        return set_property

    def _member_base(self, node: ast.Node) -> Eval:
        assert isinstance(node, ast.Member)
        return self.expr(node.base)

    def object_assign(self, target: ast.Expr, ref: ObjectRef, value: Eval,
                      stmt: ast.Node) -> Exec:
        if isinstance(ref, PropRef):
            return self.property_setter(target, ref, value, stmt)
        assert isinstance(ref, FieldRef)
        fd: FieldDef = ref.field
        key, conv = fd.key, fd.type.convert
        file, line, column = stmt.file, stmt.line, stmt.column
        if fd.static:
            statics = fd.owner.statics

            def set_static(f: Frame) -> None:
                try:
                    statics[key] = conv(value(f))
                except WLFatal as e:
                    raise e.locate(file, line, column)
            return set_static
        base = self.getter(ref.me) if ref.me is not None else self._member_base(target)

        def set_member(f: Frame) -> None:
            try:
                obj = check_alive(base(f), f" (writing `{fd.name}`)")
                obj.values[key] = conv(value(f))
            except WLFatal as e:
                raise e.locate(file, line, column)
        return set_member

    def call_method(self, node: ast.Call, ref: MethodRef, arg_fns: list[Eval]) -> Eval:
        m = ref.method
        rt = self.rt
        fns = tuple(arg_fns)
        file, line, column = node.file, node.line, node.column
        writeback = tuple((n, self.setter(r)) for n, r in ref.writeback)
        if m.static:
            def call_static(f: Frame) -> Any:
                try:
                    values = [a(f) for a in fns]
                    frame = run_code(rt, check_callable(m), values)
                except WLFatal as e:
                    raise e.locate(file, line, column)
                return frame[1]
            return call_static
        if ref.me is not None:
            me = self.getter(ref.me)
        else:
            func = node.func
            assert isinstance(func, ast.Member)
            me = self.expr(func.base)
        virtual = ref.virtual

        def call(f: Frame) -> Any:
            try:
                obj = check_alive(me(f), f" (calling `{m.name}`)")
                values = [a(f) for a in fns]
                target = dispatch(obj, m) if virtual else m
                code = check_callable(target)
                values.insert(0, obj)
                frame = run_code(rt, code, values)
            except WLFatal as e:
                raise e.locate(file, line, column)
            for n, put in writeback:
                put(f, frame[code.params[n + 1][0]])
            return frame[1]
        return call


def _name_place(node: ast.Node) -> tuple[str, int, int]:
    if isinstance(node, ast.Member):
        return node.file, node.name_line or node.line, node.name_column or node.column
    return node.file, node.line, node.column
