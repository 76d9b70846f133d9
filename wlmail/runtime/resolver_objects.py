"""The resolver's half for classes and structures (docs/language.md, "Classes and
structures"): the class declarations, methods, members, `new` / `delete`, constructors,
visibility.  A mixin of `resolver.Resolver`, which calls it from a few marked hooks; it
records what it finds in `Resolution.classes` and in the side tables with the records
below, which the code generator's half (codegen_objects.py) reads.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..names import closest, fold
from ..syntax import ast
from .errors import Err
from .objects import (
    CLASS_PROPERTY,
    CONSTRUCTORS,
    DESTRUCTORS,
    MYSELF,
    ClassDef,
    FieldDef,
    MethodDef,
    PropertyDef,
    class_of,
    rebase,
    refusal,
    visible,
)
from .resolution import (
    ConstantRef,
    Failed,
    ImplicitCall,
    ObjectRef,
    ProcInfo,
    Scope,
    VarInfo,
    VarRef,
)
from .values import T_STRING, T_VARIANT, WLType

if TYPE_CHECKING:
    from .resolution import Resolution

_OBJECT_WORDS = ("object", "objet")
_DYNAMIC_WORDS = ("dynamic", "dynamique")


# ---- what a node stands for (read by codegen_objects.py) --------------------------------
class FieldRef(ObjectRef):
    """A member: of the value of the node's base (`o.m_x`, `o:m_x`), or of the current
    object (`m_x` in a method: `me` is MySelf's variable), or a GLOBAL member."""
    __slots__ = ("field", "me")

    def __init__(self, field: FieldDef, me: VarRef | None = None) -> None:
        self.field = field
        self.me = me


class PropRef(ObjectRef):
    """A class property, read (its retrieval process runs) or assigned (its assignment
    process runs): of the node's base (`o.Name`), of the current object (`Name`, `:Name`
    in a method: `me`), or a GLOBAL property (`cA::Name`).  `inside`: the class whose
    code uses it (for the visibility checked again at run time through a Variant)."""
    __slots__ = ("prop", "me", "inside", "virtual")

    def __init__(self, prop: PropertyDef, me: VarRef | None, inside: ClassDef | None,
                 virtual: bool = True) -> None:
        self.prop = prop
        self.me = me
        self.inside = inside
        self.virtual = virtual            # not for `cBase::Name` in a method of an heir


class ClassNameRef(ObjectRef):
    """`o..Class` (doc.windev.com 2514004): the name of the object's own class, "" for a
    NULL object."""
    __slots__ = ()


class MethodRef(ObjectRef):
    """A method call: on the node's base (`o.Send()`), on the current object (`Send()`
    in a method: `me`), or a GLOBAL method (`cA::Count()`).  `virtual`: the object's
    class chooses the method (not for `cBase::Method()`)."""
    __slots__ = ("method", "me", "virtual", "writeback")

    def __init__(self, method: MethodDef, me: VarRef | None, virtual: bool,
                 writeback: tuple[tuple[int, VarRef], ...]) -> None:
        self.method = method
        self.me = me
        self.virtual = virtual
        self.writeback = writeback


class Construct(ObjectRef):
    """A declaration or `new` that makes an object of `cdef` (with its constructor)."""
    __slots__ = ("cdef",)

    def __init__(self, cdef: ClassDef) -> None:
        self.cdef = cdef


class BaseCall(ObjectRef):
    """`Constructor cBase(...)` in a constructor: `me` is MySelf's variable."""
    __slots__ = ("cdef", "me")

    def __init__(self, cdef: ClassDef, me: VarRef) -> None:
        self.cdef = cdef
        self.me = me


class MemberCall(ObjectRef):
    """`Constructor m_member(...)` in a constructor: the member object's constructor."""
    __slots__ = ("cdef", "field", "me")

    def __init__(self, cdef: ClassDef, field: FieldDef, me: VarRef) -> None:
        self.cdef = cdef
        self.field = field
        self.me = me


class ObjectResolver:
    """Mixin: see the module's docstring."""
    res: Resolution
    main: Scope
    _class: ClassDef | None = None          # the class whose method is being resolved
    _method: MethodDef | None = None

    if TYPE_CHECKING:
        def error(self, node: ast.Node, message: str, hint: str | None = None,
                  length: int = 1, line: int | None = None, column: int | None = None,
                  severity: str = "error") -> None: ...
        def warning(self, node: ast.Node, message: str, hint: str | None = None,
                    **kw: Any) -> None: ...
        def expr(self, node: Any, scope: Scope) -> WLType | None: ...
        def resolve_type(self, spec: ast.TypeSpec) -> WLType: ...
        def lookup_var(self, name: str, scope: Scope) -> VarRef | None: ...
        def constant_value(self, node: Any, scope: Scope) -> Any: ...
        def e_Call(self, node: ast.Call, scope: Scope) -> WLType | None: ...
        def _check_arity(self, node: ast.Node, shown: str, n: int, lo: int, hi: int | None,
                         offset: int = 0) -> None: ...

    # -- declarations: every class known before anything else is resolved
    def collect_classes(self, prog: ast.Program) -> None:
        decls = [n for n in prog.walk(ast.NO_STATEMENTS) if isinstance(n, ast.ClassDecl)]
        classes = self.res.classes
        for d in decls:
            key = fold(d.name)
            if key in classes:
                self.error(d, f"`{d.name}` is declared twice",
                           hint=f"the first one is on line {classes[key].node.line}",
                           length=len(d.name))
                continue
            classes[key] = ClassDef(d.name, d.kind, d)
        for cdef in list(classes.values()):
            d = cdef.node
            if d.base is None:
                continue
            base = classes.get(fold(d.base))
            if base is None:
                self.error(d, f"unknown class `{d.base}` (INHERITS FROM)",
                           hint=self._class_hint(d.base))
            elif base.is_a(cdef) or base.kind != cdef.kind:
                self.error(d, f"`{d.name}` cannot inherit from `{d.base}`"
                              + (": it inherits from it" if base.is_a(cdef) else
                                 f": one is a {cdef.kind}, the other a {base.kind}"))
            else:
                cdef.base = base
        for cdef in self._base_first(classes.values()):
            rebase(cdef)
        for cdef in classes.values():
            self._members(cdef)
        for cdef in classes.values():
            cdef.finish()
        for cdef in classes.values():
            self._check_not_nested_in_itself(cdef)

    def check_member_constructors(self) -> None:
        """Once every method is known: an object member is made with its class's
        constructor, given the arguments of its declaration (`m is cB(1, 2)`) or of a
        `Constructor m(...)` line in every constructor of the class (6010001)."""
        for cdef in self.res.classes.values():
            ctors = [cdef.methods[k] for k in CONSTRUCTORS if k in cdef.methods]
            for fnode in cdef.node.fields:
                for name, line, col in fnode.names:
                    f = cdef.fields.get(fold(name))
                    if f is None or f.owner is not cdef:
                        continue
                    inner = class_of(f.type)
                    at = {"line": line, "column": col, "length": len(name)}
                    if fnode.ctor_args is not None:
                        if inner is None or f.type.kind != "object" or f.static:
                            self.error(fnode, "only a member that is an object of a class (not "
                                              "dynamic, not GLOBAL) is declared with arguments "
                                              "for its constructor", **at)
                        elif any(f.key in c.calls_members for c in ctors):
                            self.error(fnode, f"`{name}` is given its constructor's arguments "
                                              "twice: here and by `Constructor "
                                              f"{name}(...)` in the constructor", **at)
                        else:
                            self._check_construct(fnode, inner, fnode.ctor_args)
                        continue
                    if inner is None or f.type.kind != "object" or f.static:
                        continue
                    need = next((c.methods[k] for c in inner.chain() for k in CONSTRUCTORS
                                 if k in c.methods), None)
                    if need is not None and need.proc.min_args and \
                            not (ctors and all(f.key in c.calls_members for c in ctors)):
                        self.error(fnode, f"the constructor of `{inner.name}` needs arguments: "
                                          f"declare the member with them (`{name} is "
                                          f"{inner.name}(...)`) or write `Constructor "
                                          f"{name}(...)` in the constructor of `{cdef.name}`",
                                   **at)

    def _check_not_nested_in_itself(self, cdef: ClassDef) -> None:
        """A member object of the class itself (directly or through other members) would
        make objects without end."""
        todo = list(cdef.instance_fields)
        seen: set[int] = set()
        while todo:
            f = todo.pop()
            inner = class_of(f.type) if f.type.kind == "object" else None
            if inner is None or id(inner) in seen:
                continue
            if inner is cdef:
                first = cdef.node
                self.error(first, f"`{cdef.name}` holds an object of its own class "
                                  f"(member `{f.name}`): that object would hold another, "
                                  "without end", hint="declare the member dynamic: "
                                  f"`{f.name} is {cdef.name} dynamic`")
                return
            seen.add(id(inner))
            todo.extend(inner.instance_fields)

    @staticmethod
    def _base_first(classes: Any) -> list[ClassDef]:
        return sorted(classes, key=lambda c: len(c.chain()))

    def _members(self, cdef: ClassDef) -> None:
        d: ast.ClassDecl = cdef.node
        for f in d.fields:
            typ = self.resolve_type(f.type)
            for name, line, col in f.names:
                key = fold(name)
                if key in cdef.fields:
                    self.error(f, f"member `{name}` is declared twice in `{cdef.name}`",
                               line=line, column=col, length=len(name))
                    continue
                if cdef.kind == "structure" and (f.visibility != "public" or f.static):
                    self.error(f, "a structure's members are all public: no PRIVATE, "
                                  "PROTECTED or GLOBAL", line=line, column=col)
                cdef.fields[key] = FieldDef(name, typ, f.visibility, f.static, f.readonly,
                                            cdef, line, col)
                cdef.statics[key] = typ.default() if f.static else None
            if f.init is not None:
                self.expr(f.init, self.main)
            if f.ctor_args is not None:
                for a in f.ctor_args:
                    self.expr(a, self.main)
        for c in d.constants:
            value = self.constant_value(c.value, self.main)
            cdef.constants[fold(c.name)] = (c.name, value)

    def _class_hint(self, name: str) -> str | None:
        hint = closest(name, {k: c.name for k, c in self.res.classes.items()})
        return f"did you mean `{hint}`?" if hint else None

    def class_type(self, spec: ast.TypeSpec) -> WLType | None:
        """`cMail`, `object cMail`, `cNode dynamic`, `dynamic object cNode`..."""
        if not self.res.classes:
            return None
        words = fold(spec.name).split()
        dynamic = any(w in _DYNAMIC_WORDS for w in words)
        rest = [w for w in words if w not in _DYNAMIC_WORDS and w not in _OBJECT_WORDS]
        if len(rest) != 1:
            return None
        cdef = self.res.classes.get(rest[0])
        if cdef is None:
            return None
        return cdef.dynamic_type if dynamic else cdef.object_type

    # -- methods: `PROCEDURE cAccount::Send(...)`
    def declare_method(self, node: ast.Procedure) -> ProcInfo:
        class_name, _, name = node.name.partition("::")
        cdef = self.res.classes.get(fold(class_name))
        pscope = Scope("procedure", None, node.name)
        pinfo = ProcInfo(node.name, node, pscope)
        pinfo.min_args = sum(1 for p in node.params if p.default is None)
        self.res.procs.append(pinfo)
        if cdef is None:
            self.error(node, f"unknown class `{class_name}` (method `{node.name}`)",
                       hint=self._class_hint(class_name), length=len(node.name))
            return pinfo
        key = fold(name)
        if "PROPERTY" in node.modifiers:
            self._declare_property(node, cdef, name, pinfo)
            return pinfo
        if key in cdef.methods or key in cdef.properties:
            self.error(node, f"method `{node.name}` is declared twice"
                             if key in cdef.methods else
                             f"`{node.name}` is a property of `{cdef.name}` already",
                       hint=f"the first one is on line {cdef.methods[key].proc.node.line}")
            return pinfo
        mods = node.modifiers
        visibility = "private" if "PRIVATE" in mods else "protected" if "PROTECTED" in mods \
            else "public"
        m = MethodDef(name, cdef, pinfo, visibility, "GLOBAL" in mods, "ABSTRACT" in mods)
        if key in CONSTRUCTORS or key in DESTRUCTORS:
            # `Constructor cBase(...)` and `Constructor m_member(...)` (6010001, "Syntax
            # of constructors for the base classes and members").
            named = {fold(s.class_name) for s in node.body if isinstance(s, ast.BaseConstructor)}
            members = {k for k in named if k in cdef.fields}
            m.calls_base = bool(named - members)
            m.calls_members = frozenset(members)
            if key in DESTRUCTORS and node.params:
                self.error(node, "a destructor takes no parameters")
        cdef.methods[key] = m
        self.res.methods[pinfo] = m
        return pinfo

    def _declare_property(self, node: ast.Procedure, cdef: ClassDef, name: str,
                          pinfo: ProcInfo) -> None:
        """`PROPERTY cA::Name()` (retrieval: RESULT gives the value) or `PROPERTY
        cA::Name(Value)` (assignment: the value assigned is its parameter)."""
        key = fold(name)
        mods = node.modifiers
        if key in cdef.methods or key in cdef.fields:
            self.error(node, f"`{name}` is a {'method' if key in cdef.methods else 'member'} "
                             f"of `{cdef.name}` already: a property needs a name of its own",
                       length=len(node.name))
            return
        if len(node.params) > 1 or "ABSTRACT" in mods:
            self.error(node, f"a property's process takes no parameter (retrieval) or one "
                             f"(assignment), not {len(node.params)}" if len(node.params) > 1
                             else "a property cannot be ABSTRACT")
            return
        static = "GLOBAL" in mods
        p = cdef.properties.get(key)
        if p is None:
            p = cdef.properties[key] = PropertyDef(name, cdef, static)
        elif p.static != static:
            self.error(node, f"both processes of the property `{name}` are GLOBAL, or "
                             "neither is")
            return
        setter = bool(node.params)
        if (p.setter if setter else p.getter) is not None:
            first = p.setter if setter else p.getter
            assert first is not None
            self.error(node, f"the {'assignment' if setter else 'retrieval'} process of the "
                             f"property `{node.name}` is declared twice",
                       hint=f"the first one is on line {first.proc.node.line}")
            return
        visibility = "private" if "PRIVATE" in mods else "protected" if "PROTECTED" in mods \
            else "public"
        m = MethodDef(name, cdef, pinfo, visibility, static, False)
        if setter:
            p.setter = m
            if node.return_type is not None:
                self.error(node, "an assignment process gives no value: no return type")
        else:
            p.getter = m
            body = list(node.body) + [s for lb in node.labels for s in lb.body]
            if not any(isinstance(n, (ast.Result, ast.Return)) and n.value is not None
                       for n in ast.walk(body, (ast.Procedure,))):
                self.warning(node, f"the retrieval process of the property `{node.name}` "
                                   "gives no value", hint="give it with RESULT")
        self.res.methods[pinfo] = m

    def enter_method(self, pinfo: ProcInfo) -> tuple[ClassDef | None, MethodDef | None]:
        """Before a method's parameters: MySelf (MoiMême) is its hidden first one."""
        saved = (self._class, self._method)
        m = self.res.methods.get(pinfo)
        if m is None:
            # An internal procedure of a method sees what the method sees.
            outer = self._enclosing_method(pinfo.scope)
            self._class, self._method = (outer.owner, outer) if outer is not None else (None, None)
            return saved
        self._class, self._method = m.owner, m
        if not m.static:
            info = pinfo.scope.add("MySelf", m.owner.dynamic_type, pinfo.node.line,
                                   pinfo.node.column, is_param=True)
            for spelling in MYSELF:
                pinfo.scope.vars[spelling] = info
            pinfo.params.append(info)
            pinfo.local_flags.append(False)
        return saved

    def _enclosing_method(self, scope: Scope) -> MethodDef | None:
        if not self.res.methods:
            return None
        by_scope = {m.proc.scope: m for m in self.res.methods.values()}
        s: Scope | None = scope.parent if scope.kind == "internal" else None
        while s is not None:
            if s in by_scope:
                return by_scope[s]
            s = s.parent if s.kind == "internal" else None
        return None

    def leave_method(self, saved: tuple[ClassDef | None, MethodDef | None]) -> None:
        self._class, self._method = saved

    def _me(self, scope: Scope) -> VarRef | None:
        """MySelf's variable, from the method or an internal procedure of it."""
        if self._method is None or self._method.static:
            return None
        ref = self.lookup_var(MYSELF[0], scope)
        return ref if ref is not None and ref.depth >= 0 else None

    def _own_variable(self, name: str, scope: Scope) -> bool:
        """A variable or parameter of the method (or of an internal procedure of it),
        which hides a member of the same name; the main code's globals do not."""
        ref = self.lookup_var(name, scope)
        return ref is not None and ref.depth >= 0

    # -- names inside a method: its class's members, methods and constants
    def name_in_method(self, node: ast.Var, scope: Scope, target: bool = False) -> Any:
        """What a bare name means in a method when no variable of the method has it:
        a member (FieldRef), a constant of the class, or None."""
        cdef = self._class
        if cdef is None or self._own_variable(node.name, scope):
            return None
        key = fold(node.name)
        f = cdef.field(key)
        if f is not None:
            me = self._me(scope)
            if me is None and not f.static:
                self.error(node, f"`{node.name}` is a member of an object: a GLOBAL method "
                                 "has no current object")
                return Failed(node, "no current object", Err.NOT_AN_OBJECT)
            if not visible(f, cdef):
                self.error(node, refusal(f, "member"), length=len(node.name))
            return FieldRef(f, None if f.static else me)
        p = cdef.prop(key)
        if p is not None:
            me = None if p.static else self._me(scope)
            if me is None and not p.static:
                self.error(node, f"`{node.name}` is a property of an object: a GLOBAL method "
                                 "has no current object")
                return Failed(node, "no current object", Err.NOT_AN_OBJECT)
            self._check_property_use(node, p, target, {"length": len(node.name)})
            return PropRef(p, me, cdef)
        c = cdef.constant(key)
        if c is not None and not target:
            return ConstantRef(c[1])
        return None

    def e_Var_member(self, node: ast.Var, scope: Scope) -> tuple[bool, WLType | None]:
        got = self.name_in_method(node, scope)
        if got is None:
            return False, None
        self.res.refs[node] = got
        if isinstance(got, FieldRef):
            return True, got.field.type
        if isinstance(got, PropRef):
            return True, self._property_type(got.prop)
        return True, None

    def _property_type(self, p: PropertyDef) -> WLType | None:
        getter = p.owner.process(p.key, False)
        return self._method_returns(getter) if getter is not None else None

    def _check_property_use(self, node: ast.Node, p: PropertyDef, assigning: bool,
                            at: dict[str, Any]) -> None:
        """WINDEV refuses it when it compiles (6010011): reading a write-only property,
        assigning a read-only one, or a process the code may not use."""
        m = p.owner.process(p.key, assigning)
        if m is None:
            if assigning:
                self.error(node, f"the property `{p.name}` of `{p.owner.name}` is read-only: "
                                 "it has no assignment process",
                           hint=f"declare one: PROPERTY {p.owner.name}::{p.name}(Value)", **at)
            else:
                self.error(node, f"the property `{p.name}` of `{p.owner.name}` is write-only: "
                                 "it has no retrieval process",
                           hint=f"declare one: PROPERTY {p.owner.name}::{p.name}()", **at)
        elif not visible(m, self._class):
            self.error(node, refusal(m, "property " + ("assignment" if assigning
                                                       else "retrieval")), **at)

    def call_in_method(self, node: ast.Call, func: ast.Var, scope: Scope) -> bool:
        """`Send(...)` in a method of a class that has a method Send."""
        cdef = self._class
        if cdef is None or self._own_variable(func.name, scope):
            return False
        m = cdef.method(fold(func.name))
        if m is None:
            return False
        me = None if m.static else self._me(scope)
        if me is None and not m.static:
            self.error(func, f"`{func.name}` is a method of an object: a GLOBAL method has no "
                             "current object")
        self.res.refs[node] = self._method_call(node, m, me, True, scope, func.name)
        return True

    def _method_call(self, node: ast.Call, m: MethodDef, me: VarRef | None, virtual: bool,
                     scope: Scope, shown: str) -> MethodRef:
        if not visible(m, self._class):
            self.error(node, refusal(m, "method"), length=len(shown))
        if m.key in DESTRUCTORS or m.key in CONSTRUCTORS:
            self.error(node, f"`{shown}` runs by itself (when the object is made or "
                             "destroyed): it is not called", length=len(shown))
        params = m.proc.node.params
        self._check_arity(node, shown, len(node.args), m.proc.min_args, len(params))
        writeback = []
        for n, a in enumerate(node.args):
            if n < len(params) and isinstance(a, ast.Var) and not params[n].local:
                ref = self.lookup_var(a.name, scope)
                if ref is not None:
                    writeback.append((n, ref))
        return MethodRef(m, me, virtual, tuple(writeback))

    # -- members of a value of a known class: o.m_x, o:m_x, o.Send()
    def member_of(self, node: ast.Member, cdef: ClassDef, scope: Scope,
                  assigning: bool = False) -> WLType | None:
        key = fold(node.name)
        f = cdef.field(key)
        at: dict[str, Any] = {"line": node.name_line or node.line,
                              "column": node.name_column or node.column, "length": len(node.name)}
        refs = self.res.targets if assigning else self.res.refs
        p = cdef.prop(key) if f is None else None
        if p is not None:
            if p.static:
                self.error(node, f"`{p.name}` is a GLOBAL property: write "
                                 f"{p.owner.name}::{p.name}", **at)
            self._check_property_use(node, p, assigning, at)
            refs[node] = PropRef(p, None, self._class)
            return self._property_type(p)
        if f is None:
            m = cdef.method(key)
            if m is not None and not assigning:
                call = ast.Call(node.line, node.column, node.file, node, [])
                self.res.refs[node] = ImplicitCall(call)
                return self.e_Call(call, scope)
            c = cdef.constant(key)
            if c is not None and not assigning:
                refs[node] = ConstantRef(c[1])
                return None
            if key in CLASS_PROPERTY and not assigning:
                refs[node] = ClassNameRef()
                return T_STRING
            hint = closest(node.name, {k: x.name for c2 in cdef.chain()
                                       for k, x in c2.fields.items()})
            self.error(node, f"`{cdef.name}` has no member `{node.name}`",
                       hint=f"did you mean `{hint}`?" if hint else None, **at)
            refs[node] = Failed(node, "no such member", Err.UNKNOWN_PROPERTY)
            return None
        if not visible(f, self._class):
            self.error(node, refusal(f, "member"), **at)
        elif assigning and f.readonly and self._class is None:
            self.error(node, f"`{f.name}` is a CONSTANT member of `{f.owner.name}`: only "
                             "its methods assign it", **at)
        refs[node] = FieldRef(f)
        return f.type

    def method_of(self, node: ast.Call, func: ast.Member, cdef: ClassDef,
                  scope: Scope) -> WLType | None:
        key = fold(func.name)
        m = cdef.method(key)
        if m is None:
            line, column = func.name_line or func.line, func.name_column or func.column
            if cdef.field(key) is not None or cdef.prop(key) is not None:
                what = "member" if cdef.field(key) is not None else "property"
                self.error(func, f"`{func.name}` is a {what} of `{cdef.name}`, not a method",
                           line=line, column=column,
                           hint=None if what == "member" else f"read it without (): {func.name}")
            else:
                hint = closest(func.name, {k: x.name for c in cdef.chain()
                                           for k, x in c.methods.items()})
                self.error(func, f"`{cdef.name}` has no method `{func.name}`", line=line,
                           column=column, hint=f"did you mean `{hint}`?" if hint else None)
            self.res.refs[node] = Failed(node, "no such method", Err.UNKNOWN_PROPERTY)
            return None
        self.res.refs[node] = self._method_call(node, m, None, True, scope, func.name)
        return self._method_returns(m)

    def _returns_method(self, node: ast.Call) -> WLType | None:
        ref = self.res.refs.get(node)
        return self._method_returns(ref.method) if isinstance(ref, MethodRef) else None

    def _method_returns(self, m: MethodDef) -> WLType | None:
        rt = m.proc.node.return_type
        return self.resolve_type(rt) if rt is not None else None

    def _named_class(self, node: ast.ClassMember) -> ClassDef | None:
        """The class of `Class::x`; of `::x`, the class whose method holds it (WD-Mail's
        classes write their own constants so: `CASE ::RECEPTION_IMAP`)."""
        if not node.class_name:
            return self._class
        return self.res.classes.get(fold(node.class_name))

    # -- cAccount::member, cAccount::Method(...)
    def e_ClassMember(self, node: ast.ClassMember, scope: Scope) -> WLType | None:
        return self._class_member(node, scope, assigning=False)

    def _class_member(self, node: ast.ClassMember, scope: Scope,
                      assigning: bool) -> WLType | None:
        refs = self.res.targets if assigning else self.res.refs
        cdef = self._named_class(node)
        if cdef is None and not node.class_name:
            self.error(node, f"`::{node.name}` names a member of the current class: only a "
                             "class's method can write it", length=len(node.name) + 2)
            refs[node] = Failed(node, "not in a class", Err.UNKNOWN_NAME)
            return None
        if cdef is None:
            self.error(node, f"unknown class `{node.class_name}`",
                       hint=self._class_hint(node.class_name), length=len(node.class_name))
            refs[node] = Failed(node, "unknown class", Err.UNKNOWN_NAME)
            return None
        key = fold(node.name)
        f = cdef.field(key)
        if f is not None:
            if not f.static:
                me = self._me(scope)
                if me is None or self._class is None or not self._class.is_a(cdef):
                    self.error(node, f"`{node.class_name}::{node.name}` is not a GLOBAL "
                                     "member: it belongs to each object")
                    refs[node] = Failed(node, "not a GLOBAL member", Err.NOT_AN_OBJECT)
                    return None
                refs[node] = FieldRef(f, me)
                return f.type
            if not visible(f, self._class):
                self.error(node, refusal(f, "member"))
            refs[node] = FieldRef(f)
            return f.type
        p = cdef.prop(key)
        if p is not None:
            me = None
            if not p.static:
                me = self._me(scope)
                if me is None or self._class is None or not self._class.is_a(cdef):
                    self.error(node, f"`{node.class_name}::{node.name}` is not a GLOBAL "
                                     "property: it belongs to each object")
                    refs[node] = Failed(node, "not a GLOBAL property", Err.NOT_AN_OBJECT)
                    return None
            self._check_property_use(node, p, assigning, {})
            refs[node] = PropRef(p, me, self._class, virtual=False)
            return self._property_type(p)
        c = cdef.constant(key)
        if c is not None and not assigning:
            refs[node] = ConstantRef(c[1])
            return None
        if cdef.method(key) is not None and not assigning:
            call = ast.Call(node.line, node.column, node.file, node, [])
            refs[node] = ImplicitCall(call)
            return self.e_Call(call, scope)
        self.error(node, f"`{cdef.name}` has no member `{node.name}`")
        refs[node] = Failed(node, "no such member", Err.UNKNOWN_PROPERTY)
        return None

    def call_class_member(self, node: ast.Call, func: ast.ClassMember,
                          scope: Scope) -> WLType | None:
        cdef = self._named_class(func)
        if cdef is None:
            return self.e_ClassMember(func, scope)
        m = cdef.method(fold(func.name))
        if m is None:
            self.error(func, f"`{cdef.name}` has no method `{func.name}`")
            self.res.refs[node] = Failed(node, "no such method", Err.UNKNOWN_PROPERTY)
            return None
        shown = f"{func.class_name or cdef.name}::{func.name}"
        if m.static:
            self.res.refs[node] = self._method_call(node, m, None, False, scope, shown)
            return self._method_returns(m)
        me = self._me(scope)
        if me is None or self._class is None or not self._class.is_a(cdef):
            self.error(func, f"`{shown}` is not a GLOBAL method: call it on an object "
                             "(o.Method()), or from a method of a class that inherits it")
            self.res.refs[node] = Failed(node, "no object", Err.NOT_AN_OBJECT)
            return None
        if m.abstract:
            self.error(func, f"`{shown}` is an abstract method: it has no code to call")
        self.res.refs[node] = self._method_call(node, m, me, False, scope, shown)
        return self._method_returns(m)

    # -- statements and expressions of their own
    def s_ClassDecl(self, s: ast.ClassDecl, scope: Scope) -> None:
        if scope is not self.main:
            self.error(s, "a class or a structure is declared in the main code (or a "
                          "project's declarations), not in a procedure")

    def declare_objects(self, s: ast.Declare, scope: Scope) -> None:
        """`o is cMail(a, b)`: the object is made, and its constructor run, when the
        declaration runs."""
        typ = self.res.declared[s][0].info.type if s in self.res.declared else None
        cdef = class_of(typ)
        if s.ctor_args is not None:
            for a in s.ctor_args:
                self.expr(a, scope)
        if cdef is None or typ is None or typ.kind != "object" or s.init is not None:
            if s.ctor_args is not None and (cdef is None or s.init is not None):
                self.error(s, "only an object of a class is declared with arguments for "
                              "its constructor")
            return
        self._check_construct(s, cdef, s.ctor_args or [])
        self.res.object_refs[s] = Construct(cdef)

    def _check_construct(self, node: ast.Node, cdef: ClassDef, args: list[ast.Expr]) -> None:
        abstract = cdef.abstract_left()
        if abstract is not None:
            self.error(node, f"`{cdef.name}` cannot be instantiated: its method "
                             f"`{abstract.name}` is abstract")
        ctor = next((c.methods[k] for c in cdef.chain() for k in CONSTRUCTORS
                     if k in c.methods), None)
        if ctor is None:
            if args:
                self.error(node, f"`{cdef.name}` has no constructor: it takes no arguments")
            return
        if ctor.owner is not cdef and args:
            self.error(node, f"`{cdef.name}` has no constructor of its own: it takes no "
                             "arguments")
            return
        if ctor.owner is cdef:
            self._check_arity(node, f"{cdef.name} constructor", len(args), ctor.proc.min_args,
                              len(ctor.proc.node.params))
        elif ctor.proc.min_args:
            self.error(node, f"the constructor of `{ctor.owner.name}` needs arguments: "
                             f"give `{cdef.name}` a constructor that calls "
                             f"`Constructor {ctor.owner.name}(...)`")
        if not visible(ctor, self._class):
            self.error(node, refusal(ctor, "constructor"))

    def e_NewObject(self, node: ast.NewObject, scope: Scope) -> WLType | None:
        for a in node.args:
            self.expr(a, scope)
        cdef = self.res.classes.get(fold(node.class_name))
        if cdef is None:
            self.error(node, f"unknown class `{node.class_name}` (new)",
                       hint=self._class_hint(node.class_name))
            self.res.refs[node] = Failed(node, "unknown class", Err.UNKNOWN_NAME)
            return None
        self._check_construct(node, cdef, node.args)
        self.res.refs[node] = Construct(cdef)
        return cdef.dynamic_type

    def s_Delete(self, s: ast.Delete, scope: Scope) -> None:
        typ = self.expr(s.target, scope)
        cdef = class_of(typ)
        if typ is not None and typ is not T_VARIANT and cdef is None:
            self.error(s, f"delete frees an object of a class, not {typ.name}")
        elif typ is not None and typ.kind == "object":
            self.warning(s, "this object is not dynamic: it is destroyed at the end of its "
                            "procedure; delete runs its destructor now")
        if isinstance(s.target, ast.Var):
            ref = self.lookup_var(s.target.name, scope)
            if ref is not None:
                self.res.targets[s] = ref

    def s_BaseConstructor(self, s: ast.BaseConstructor, scope: Scope) -> None:
        for a in s.args:
            self.expr(a, scope)
        m = self._method
        base = self.res.classes.get(fold(s.class_name))
        me = self._me(scope)
        if m is None or m.key not in CONSTRUCTORS or me is None:
            self.error(s, "`Constructor cBase(...)` is written in a class's constructor")
            return
        member = m.owner.fields.get(fold(s.class_name))
        if member is not None:
            self._member_constructor(s, member, me)
            return
        if base is None or m.owner.base is not base:
            self.error(s, f"`{s.class_name}` is not the class `{m.owner.name}` inherits from")
            return
        assert base is not None
        ctor = next((base.methods[k] for k in CONSTRUCTORS if k in base.methods), None)
        if ctor is not None:
            self._check_arity(s, f"{base.name} constructor", len(s.args), ctor.proc.min_args,
                              len(ctor.proc.node.params))
        elif s.args:
            self.error(s, f"`{base.name}` has no constructor: it takes no arguments")
        self.res.object_refs[s] = BaseCall(base, me)


    def _member_constructor(self, s: ast.BaseConstructor, member: FieldDef, me: VarRef) -> None:
        """`Constructor m_member(...)`: the member object's constructor, with these
        arguments, instead of the one run with none before the constructor's code."""
        inner = class_of(member.type)
        if inner is None or member.type.kind != "object" or member.static:
            self.error(s, f"`{member.name}` is not an object member: only an object member "
                          "(not dynamic, not GLOBAL) or the base class is constructed so")
            return
        self._check_construct(s, inner, s.args)
        self.res.object_refs[s] = MemberCall(inner, member, me)


def myself_info(scope: Scope) -> VarInfo | None:
    return scope.vars.get(MYSELF[0])
