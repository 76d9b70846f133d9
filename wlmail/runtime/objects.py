"""Classes and structures of a script: their description, their instances, and what
creating, calling and destroying them does at run time (docs/language.md, "Classes and
structures").

The resolver describes each `cAccount is Class ... END` / `STMail is Structure ... END`
as a `ClassDef` (members, methods, base class); the code generator fills in what runs
(members' initial values, each method's compiled `ProcCode`).  An instance is a
`WLInstance`: one Python subclass per class (so `isinstance` follows inheritance, and
an object parameter is passed by reference like the built-in objects), its members in
one dict keyed by folded name.

PC SOFT's copy rules (doc.windev.com 6010018, "Copy rules"): object = object copies the
members, dynamic object = object or dynamic object makes a reference, structure =
structure copies the members of the same name.
"""
from __future__ import annotations

import gc
import itertools
import sys
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

from ..names import fold
from .errors import Err, WLFatal
from .frames import MAX_DEPTH, Frame, ProcCode, Runtime, invoke
from .values import WLArray, WLObject, WLType, describe

MYSELF = ("myself", "moimeme")          # the current object, in a method
CONSTRUCTORS = ("constructor", "constructeur")
DESTRUCTORS = ("destructor", "destructeur")
CLASS_PROPERTY = ("class", "classe")   # `o..Class`: the name of the object's class


class FieldDef:
    """One member: its type, where it may be read and written, its initial value."""
    __slots__ = ("name", "key", "type", "visibility", "static", "readonly", "owner", "init",
                 "ctor_args", "line", "column")

    def __init__(self, name: str, typ: WLType, visibility: str, static: bool, readonly: bool,
                 owner: ClassDef, line: int, column: int) -> None:
        self.name = name
        self.key = fold(name)
        self.type = typ
        self.visibility = visibility
        self.static = static
        self.readonly = readonly
        self.owner = owner
        self.line = line
        self.column = column
        # Filled by the code generator: the initial value, evaluated in the main frame.
        self.init: Callable[[Frame], Any] | None = None
        self.ctor_args: list[Callable[[Frame], Any]] | None = None


class MethodDef:
    """One method; `proc` is the resolver's ProcInfo, `code` the compiled procedure."""
    __slots__ = ("name", "key", "owner", "proc", "code", "visibility", "static", "abstract",
                 "calls_base", "calls_members")

    def __init__(self, name: str, owner: ClassDef, proc: Any, visibility: str, static: bool,
                 abstract: bool) -> None:
        self.name = name
        self.key = fold(name)
        self.owner = owner
        self.proc = proc
        self.code: ProcCode | None = None
        self.visibility = visibility
        self.static = static
        self.abstract = abstract
        self.calls_base = False      # a constructor that calls `Constructor cBase(...)`
        self.calls_members: frozenset[str] = frozenset()   # `Constructor m_member(...)`


class PropertyDef:
    """A class property (PC SOFT, "Class property", doc.windev.com 6010011): a retrieval
    process (`PROPERTY cA::Name()`, it gives the value with RESULT) and an assignment
    process (`PROPERTY cA::Name(Value)`); either may be missing (write-only, read-only).
    Each process has its own visibility."""
    __slots__ = ("name", "key", "owner", "getter", "setter", "static")

    def __init__(self, name: str, owner: ClassDef, static: bool) -> None:
        self.name = name
        self.key = fold(name)
        self.owner = owner
        self.getter: MethodDef | None = None
        self.setter: MethodDef | None = None
        self.static = static


class ClassDef:
    """A class or a structure of the script."""

    def __init__(self, name: str, kind: str, node: Any) -> None:
        self.name = name
        self.key = fold(name)
        self.kind = kind                     # "class" | "structure"
        self.node = node
        self.base: ClassDef | None = None
        self.fields: dict[str, FieldDef] = {}      # this class's own, by folded name
        self.methods: dict[str, MethodDef] = {}
        self.properties: dict[str, PropertyDef] = {}
        self.rt: Runtime | None = None             # set by the code generator
        self.constants: dict[str, tuple[str, Any]] = {}
        self.statics: dict[str, Any] = {}          # GLOBAL members' values
        self.globals: Frame = []                   # the main frame (members' initial values)
        self.instance_fields: list[FieldDef] = []  # every non-GLOBAL member, base first
        self.py: type[WLInstance] = _make_class(self)
        self.object_type = WLType("object", name, self._convert_object, cls=self.py)
        self.dynamic_type = WLType("dynamic", f"{name} dynamic", self._convert_dynamic,
                                   None, cls=self.py)

    # -- lookups along the inheritance chain
    def chain(self) -> list[ClassDef]:
        out: list[ClassDef] = []
        c: ClassDef | None = self
        while c is not None and c not in out:
            out.append(c)
            c = c.base
        return out

    def field(self, key: str) -> FieldDef | None:
        for c in self.chain():
            f = c.fields.get(key)
            if f is not None:
                return f
        return None

    def method(self, key: str) -> MethodDef | None:
        for c in self.chain():
            m = c.methods.get(key)
            if m is not None:
                return m
        return None

    def prop(self, key: str) -> PropertyDef | None:
        for c in self.chain():
            p = c.properties.get(key)
            if p is not None:
                return p
        return None

    def process(self, key: str, assigning: bool) -> MethodDef | None:
        """A property's retrieval (or assignment) process: this class's, else the
        nearest base's (an heir may define one of the two again)."""
        for c in self.chain():
            p = c.properties.get(key)
            m = None if p is None else p.setter if assigning else p.getter
            if m is not None:
                return m
        return None

    def constant(self, key: str) -> tuple[str, Any] | None:
        for c in self.chain():
            v = c.constants.get(key)
            if v is not None:
                return v
        return None

    def is_a(self, other: ClassDef) -> bool:
        return other in self.chain()

    def abstract_left(self) -> MethodDef | None:
        """A method still abstract in this class (it cannot be instantiated then)."""
        seen: set[str] = set()
        for c in self.chain():
            for key, m in c.methods.items():
                if key not in seen and m.abstract:
                    return m
                seen.add(key)
        return None

    def finish(self) -> None:
        """Once every class is known: the members an instance holds, base first."""
        out: list[FieldDef] = []
        for c in reversed(self.chain()):
            out.extend(f for f in c.fields.values() if not f.static)
        self.instance_fields = out

    # -- conversions: what `x = value` does to a variable of this type
    def _convert_object(self, v: Any) -> Any:
        if v is None:
            return None                      # `o is cA = NULL`: not instantiated
        if isinstance(v, WLInstance):
            check_alive(v)
            if self.kind == "structure":
                if v.CDEF is self:
                    return v.copy()
                if v.CDEF.kind == "structure":
                    return copy_same_names(self.bare(), v)
            elif v.CDEF.is_a(self):
                return v.copy()
        raise WLFatal(f"cannot assign {describe(v)} to a variable of type {self.name}",
                      Err.CONVERSION)

    def _convert_dynamic(self, v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, WLInstance) and v.CDEF.is_a(self):
            return v                          # a reference (PC SOFT's copy rules)
        raise WLFatal(f"cannot assign {describe(v)} to a variable of type {self.name} dynamic",
                      Err.CONVERSION)

    # -- instances
    def bare(self) -> WLInstance:
        """An instance with its members' initial values, before any constructor."""
        obj = self.py.__new__(self.py)
        values: dict[str, Any] = {}
        g = self.globals
        for f in self.instance_fields:
            values[f.key] = f.type.convert(f.init(g)) if f.init is not None else f.type.default()
        obj.values = values
        obj.deleted = False
        return obj


class WLInstance(WLObject):
    """An instance of a class or a structure of the script."""
    CDEF: ClassVar[ClassDef]
    values: dict[str, Any]
    deleted: bool
    serial = 0                          # > 0: made by `new`, destroyed when unreferenced

    def __init__(self) -> None:          # what `type.default()` makes: a bare instance
        fresh = self.CDEF.bare()
        self.values, self.deleted = fresh.values, False

    def wl_type_name(self) -> str:
        return self.CDEF.name

    def wl_str(self) -> str:
        return self.CDEF.name

    def is_null(self) -> bool:
        return self.deleted              # `o = NULL` after `delete o` elsewhere

    def copy(self) -> WLInstance:
        other = type(self).__new__(type(self))
        values = {}
        for f in self.CDEF.instance_fields:
            v = self.values[f.key]
            if f.type.kind != "dynamic" and isinstance(v, (WLArray, WLObject)):
                v = v.copy()
            values[f.key] = v
        other.values = values
        other.deleted = False
        return other


def _make_class(cdef: ClassDef) -> type[WLInstance]:
    base = WLInstance if cdef.base is None else cdef.base.py
    return type(cdef.name, (base,), {"CDEF": cdef, "TYPE_NAME": cdef.name})


def rebase(cdef: ClassDef) -> None:
    """The Python class again once the base class is known (INHERITS FROM)."""
    cdef.py = _make_class(cdef)
    cdef.object_type.cls = cdef.py
    cdef.dynamic_type.cls = cdef.py


def copy_same_names(target: WLInstance, source: WLInstance) -> WLInstance:
    for f in target.CDEF.instance_fields:
        if f.key in source.values:
            target.values[f.key] = f.type.convert(source.values[f.key])
    return target


def class_of(typ: WLType | None) -> ClassDef | None:
    """The class or structure a declared type stands for (object or dynamic object)."""
    if typ is None or typ.kind not in ("object", "dynamic") or typ.cls is None:
        return None
    return getattr(typ.cls, "CDEF", None)


# ---- run-time checks -------------------------------------------------------------------
def check_alive(obj: Any, what: str = "") -> WLInstance:
    if obj is None:
        raise WLFatal(f"the object is NULL{what}: it was never allocated (new) or was "
                      "deleted", Err.NOT_AN_OBJECT)
    if not isinstance(obj, WLInstance):
        raise WLFatal(f"{describe(obj)} is not an object of a class", Err.NOT_AN_OBJECT)
    if obj.deleted:
        raise WLFatal(f"the {obj.CDEF.name} object was deleted{what}", Err.NOT_AN_OBJECT)
    return obj


def visible(member: FieldDef | MethodDef, from_class: ClassDef | None) -> bool:
    """Whether code of `from_class` (None: outside any class) may use the member."""
    if member.visibility == "public":
        return True
    if from_class is None:
        return False
    if member.visibility == "private":
        return from_class is member.owner
    return from_class.is_a(member.owner)        # protected: the class and its heirs


def refusal(member: FieldDef | MethodDef, what: str) -> str:
    return (f"`{member.name}` is a {member.visibility} {what} of `{member.owner.name}`: "
            f"it cannot be used outside the class"
            + (" and the classes that inherit from it" if member.visibility == "protected" else ""))


def get_field(obj: Any, key: str, shown: str, from_class: ClassDef | None) -> Any:
    """A member read by name (the object's class known only at run time)."""
    inst = check_alive(obj)
    f = inst.CDEF.field(key)
    if f is None:
        p = inst.CDEF.prop(key)
        if p is not None:
            return read_property(inst, p, from_class)
        if key in CLASS_PROPERTY:
            return inst.CDEF.name
        raise WLFatal(f"`{inst.CDEF.name}` has no member `{shown}`", Err.UNKNOWN_PROPERTY)
    if not visible(f, from_class):
        raise WLFatal(refusal(f, "member"), Err.UNKNOWN_PROPERTY)
    return f.owner.statics[key] if f.static else inst.values[key]


def set_field(obj: Any, key: str, shown: str, value: Any, from_class: ClassDef | None) -> None:
    inst = check_alive(obj)
    f = inst.CDEF.field(key)
    if f is None:
        p = inst.CDEF.prop(key)
        if p is not None:
            write_property(inst, p, value, from_class)
            return
        raise WLFatal(f"`{inst.CDEF.name}` has no member `{shown}`", Err.UNKNOWN_PROPERTY)
    if not visible(f, from_class) or (f.readonly and from_class is None):
        raise WLFatal(refusal(f, "member") if not visible(f, from_class) else
                      f"`{f.name}` is a CONSTANT member of `{f.owner.name}`: only its "
                      "methods assign it", Err.UNKNOWN_PROPERTY)
    if f.static:
        f.owner.statics[key] = f.type.convert(value)
    else:
        inst.values[key] = f.type.convert(value)


def read_property(obj: WLInstance | None, p: PropertyDef, from_class: ClassDef | None,
                  virtual: bool = True) -> Any:
    """Run the retrieval process of `p` (the object's own class's, when it redefines
    the property); `obj` is None for a GLOBAL property."""
    m = (obj.CDEF if obj is not None and virtual else p.owner).process(p.key, False)
    if m is None:
        raise WLFatal(f"the property `{p.name}` of `{p.owner.name}` is write-only: it has "
                      "no retrieval process", Err.UNKNOWN_PROPERTY)
    if not visible(m, from_class):
        raise WLFatal(refusal(m, "property retrieval"), Err.UNKNOWN_PROPERTY)
    rt = p.owner.rt
    assert rt is not None and m.code is not None      # set before any code runs
    return run_code(rt, m.code, [] if obj is None else [obj])[1]


def write_property(obj: WLInstance | None, p: PropertyDef, value: Any,
                   from_class: ClassDef | None, virtual: bool = True) -> None:
    m = (obj.CDEF if obj is not None and virtual else p.owner).process(p.key, True)
    if m is None:
        raise WLFatal(f"the property `{p.name}` of `{p.owner.name}` is read-only: it has "
                      "no assignment process", Err.UNKNOWN_PROPERTY)
    if not visible(m, from_class):
        raise WLFatal(refusal(m, "property assignment"), Err.UNKNOWN_PROPERTY)
    rt = p.owner.rt
    assert rt is not None and m.code is not None
    run_code(rt, m.code, [value] if obj is None else [obj, value])


# ---- calls -----------------------------------------------------------------------------
def run_code(rt: Runtime, code: ProcCode, values: list) -> Frame:
    """Invoke a compiled method, counting the depth like a procedure call."""
    if rt.depth >= MAX_DEPTH:
        raise WLFatal(f"procedure calls nested more than {MAX_DEPTH} deep (runaway "
                      f"recursion in `{code.name}`?)", Err.RECURSION)
    rt.depth += 1
    try:
        return invoke(code, values, None)
    except RecursionError:
        raise WLFatal(f"procedure calls nested too deeply (runaway recursion in "
                      f"`{code.name}`?)", Err.RECURSION) from None
    finally:
        rt.depth -= 1


def dispatch(obj: WLInstance, method: MethodDef) -> MethodDef:
    """The method an object of its own class runs for `method` (every WLanguage method
    is virtual: the object's class decides)."""
    found = obj.CDEF.method(method.key)
    return found if found is not None else method


def check_callable(m: MethodDef) -> ProcCode:
    if m.abstract:
        raise WLFatal(f"`{m.owner.name}::{m.name}` is an abstract method: a class that "
                      "inherits from it must define it", Err.NOT_CALLABLE)
    assert m.code is not None        # compiled with every procedure
    return m.code


def call_by_name(rt: Runtime, obj: Any, key: str, shown: str, args: list,
                 from_class: ClassDef | None) -> Any:
    """`o.Method(...)` where the type of `o` is only known at run time."""
    inst = check_alive(obj)
    m = inst.CDEF.method(key)
    if m is None:
        raise WLFatal(f"`{inst.CDEF.name}` has no method `{shown}`", Err.UNKNOWN_PROPERTY)
    if not visible(m, from_class):
        raise WLFatal(refusal(m, "method"), Err.UNKNOWN_PROPERTY)
    code = check_callable(m)
    n = len(code.params) - (0 if m.static else 1)
    lo = m.proc.min_args
    if not lo <= len(args) <= n:
        raise WLFatal(f"`{shown}` takes {lo if lo == n else f'{lo} to {n}'} argument"
                      f"{'' if n == 1 else 's'}, not {len(args)}", Err.ARGUMENT_COUNT)
    frame = run_code(rt, code, args if m.static else [inst] + args)
    return frame[1]


def construct(rt: Runtime, cdef: ClassDef, obj: WLInstance, args: list) -> None:
    """The constructors of `cdef` and its bases on a new object, base first (a
    constructor that calls `Constructor cBase(...)` itself decides its base's
    arguments)."""
    ctor = next((cdef.methods[k] for k in CONSTRUCTORS if k in cdef.methods), None)
    if ctor is None:
        if cdef.base is not None:
            construct(rt, cdef.base, obj, args)
        elif args:
            raise WLFatal(f"`{cdef.name}` has no constructor: it takes no arguments",
                          Err.ARGUMENT_COUNT)
        construct_members(rt, cdef, obj, frozenset())
        return
    if not ctor.calls_base and cdef.base is not None:
        construct(rt, cdef.base, obj, [])
    construct_members(rt, cdef, obj, ctor.calls_members)
    code = check_callable(ctor)
    run_code(rt, code, [obj] + args)


def object_members(cdef: ClassDef) -> list[tuple[FieldDef, ClassDef]]:
    """The class's own members that are objects (not dynamic, not GLOBAL), in the order
    they are declared."""
    out = []
    for f in cdef.fields.values():
        inner = class_of(f.type) if f.type.kind == "object" and not f.static else None
        if inner is not None and inner.kind == "class":
            out.append((f, inner))
    return out


def construct_members(rt: Runtime, cdef: ClassDef, obj: WLInstance, skip: frozenset[str]) -> None:
    """The constructors of the object members of `cdef`, in their order, before the
    class's own constructor runs (those it constructs itself with `Constructor
    m_member(...)` are skipped); their arguments are those of the declaration."""
    for f, inner in object_members(cdef):
        value = obj.values.get(f.key)
        if f.key in skip or not isinstance(value, WLInstance):
            continue
        args = [a(cdef.globals) for a in f.ctor_args] if f.ctor_args else []
        construct(rt, inner, value, args)


def instantiate(rt: Runtime, cdef: ClassDef, args: list) -> WLInstance:
    obj = cdef.bare()
    construct(rt, cdef, obj, args)
    return obj


def destroy(rt: Runtime, obj: Any) -> None:
    """The destructors of an object, its own class's first; then it is deleted."""
    if not isinstance(obj, WLInstance) or obj.deleted:
        return
    try:
        for c in obj.CDEF.chain():
            dtor = next((c.methods[k] for k in DESTRUCTORS if k in c.methods), None)
            if dtor is not None and dtor.code is not None:
                run_code(rt, dtor.code, [obj])
            # Then the class's object members, the last declared first.
            for f, _ in reversed(object_members(c)):
                destroy(rt, obj.values.get(f.key))
    finally:
        obj.deleted = True


class Owned:
    """The objects `new` made whose class has a destructor (Runtime.owned), by the order
    they were made: each is destroyed when its last reference goes; those still alive
    when the main code ends are destroyed then, the last made first."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.alive: weakref.WeakValueDictionary[int, WLInstance] = weakref.WeakValueDictionary()
        self.kept: dict[int, WLInstance] = {}     # in a cycle of references: kept to the end
        self.open = True
        self.error: WLFatal | None = None
        self.counter = itertools.count(1)

    def add(self, obj: WLInstance) -> None:
        obj.serial = next(self.counter)
        self.alive[obj.serial] = obj

    def unreferenced(self, obj: WLInstance) -> None:
        if not self.open or sys.is_finalizing():     # the run is over (the prompt's exit)
            return
        if _COLLECTING[0]:
            # Only the cycle collector reaches an object that still references itself
            # through others; WINDEV's counts never reach zero there: it lives on, kept
            # here (a resurrection, which Python allows) until the end of the program.
            self.kept[obj.serial] = obj
            return
        try:
            destroy(self.rt, obj)
        except WLFatal as e:
            # Nothing can be raised from here (Python calls us as the reference goes):
            # the first such error ends the script when its main code ends.
            if self.error is None:
                self.error = e

    def finish(self) -> None:
        """The end of the main code: the objects still alive, the last made first."""
        try:
            left = dict(self.alive.items())
            left.update(self.kept)
            for serial in sorted(left, reverse=True):
                destroy(self.rt, left[serial])
        finally:
            self.open = False
            self.kept.clear()
        if self.error is not None:
            raise self.error


def _finalize(self: WLInstance) -> None:
    # WINDEV frees a dynamic object when no reference to it remains (doc.windev.com
    # 1511012, 6010003, 6010012: "strong reference", the default): CPython's own
    # reference count tells us when, as the last reference goes.
    if self.serial and not self.deleted:
        owned = self.CDEF.rt.owned if self.CDEF.rt is not None else None
        if owned is not None:
            owned.unreferenced(self)


def watch_references(cdef: ClassDef) -> None:
    """Give the instances of a class with a destructor their `__del__` (only those: a
    finalizer costs every instance's end)."""
    if has_destructor(cdef):
        setattr(cdef.py, "__del__", _finalize)   # noqa: B010 - a slot set on a made class


_COLLECTING = [False]


def _gc_phase(phase: str, info: dict[str, int]) -> None:
    _COLLECTING[0] = phase == "start"


gc.callbacks.append(_gc_phase)


def has_destructor(cdef: ClassDef) -> bool:
    """Whether destroying an object of the class runs code (its own destructors, or its
    object members')."""
    return any(k in c.methods for c in cdef.chain() for k in DESTRUCTORS) or \
        any(has_destructor(inner) for c in cdef.chain() for _, inner in object_members(c)
            if inner is not cdef)
