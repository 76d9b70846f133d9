"""Our own syntax tree: small typed classes with a position, built from Lark's parse.

The resolver and the code generator read these; they never see Lark's tree.
`line`/`column` are 1-based and `file` is the script (or EXTERN'd file) the node came
from.  Each class declares its fields once, as annotations, in the order of the
constructor's arguments and of children(); `__slots__` must name the same fields
(checked when the class is created).  Plain classes with `__slots__` rather than
dataclasses: they are created at every start-up and pickled in the parse cache, and
both are several times faster this way.

One generic way to visit the tree, driven by the declared fields: `node.children()`
(the direct child nodes, in source order, including those inside lists and tuples such
as `If.branches`) and `walk()` (pre-order, without recursion: scripts nest deeply).
`Extern.program` is a child of its `Extern`: a walk goes into EXTERN'd files once the
loader has read them.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

# Annotations of fields that can never hold a node: children() does not look at them.
_SCALAR_ANNOTATIONS = frozenset({"str", "int", "bool", "str | None", "int | None",
                                 "bool | int | float | str | None", "list[tuple[str, int, int]]",
                                 "list[str]"})


class Node:
    __slots__ = ("line", "column", "file")
    line: int
    column: int
    file: str
    _fields: ClassVar[tuple[str, ...]] = ()
    _child_fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        # The class's own annotations (inspect.get_annotations would cost an import of
        # inspect at every start-up).
        own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        fields = tuple(n for n, a in own.items() if not str(a).startswith("ClassVar"))
        if sorted(cls.__dict__.get("__slots__", ())) != sorted(fields):
            raise TypeError(f"{cls.__name__}: __slots__ must name the annotated fields {fields}")
        cls._fields = fields
        cls._child_fields = tuple(n for n in fields if own[n] not in _SCALAR_ANNOTATIONS)

    def __init__(self, line: int, column: int, file: str, *args: Any, **kw: Any) -> None:
        self.line = line
        self.column = column
        self.file = file
        fields = self._fields
        for name, value in zip(fields, args, strict=False):  # the rest come from kw or defaults
            setattr(self, name, value)
        for name in fields[len(args):]:
            if name in kw:
                setattr(self, name, kw[name])
            else:
                default = self._defaults[name]
                setattr(self, name, list(default) if isinstance(default, list) else default)

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in ("line", "column") + self._fields)
        return f"{type(self).__name__}({inner})"

    def children(self) -> list[Node]:
        """The direct child nodes, in the order of the fields (source order)."""
        out: list[Node] = []
        for name in self._child_fields:
            _collect(getattr(self, name), out)
        return out

    def walk(self, skip: tuple[type[Node], ...] = ()) -> Iterator[Node]:
        """This node and every node below it, pre-order.  Nodes of a `skip` type are
        yielded but not entered (the node walked from is always entered)."""
        yield self
        yield from walk(self.children(), skip)


def _collect(value: Any, out: list[Node]) -> None:
    if isinstance(value, Node):
        out.append(value)
    elif type(value) is list or type(value) is tuple:
        for item in value:
            _collect(item, out)


def walk(nodes: Iterable[Node], skip: tuple[type[Node], ...] = ()) -> Iterator[Node]:
    """Every node of `nodes` (a block, say) and below, pre-order; nodes of a `skip` type
    are yielded but not entered."""
    stack = list(nodes)
    stack.reverse()
    while stack:
        node = stack.pop()
        yield node
        if skip and isinstance(node, skip):
            continue
        kids = node.children()
        if kids:
            kids.reverse()
            stack.extend(kids)


# ---- expressions ----------------------------------------------------------------------
class Literal(Node):
    __slots__ = ('value',)
    value: bool | int | float | str | None


class Interpolated(Node):
    """A string with `[% expr %]` parts (only with --interpolate)."""
    __slots__ = ('parts',)
    parts: list[str | Expr]


class MessageRef(Node):
    """`<§$0009§>`: a message of the project's multilingual table, named by `ref` (the
    text between the marks)."""
    __slots__ = ('ref',)
    ref: str


class Indirection(Node):
    """`{"EDT_" + n, indControl}`: a control or variable named at run time (`kind` is
    the written type constant, or "")."""
    __slots__ = ('name', 'kind')
    name: Expr
    kind: str


class AddressOf(Node):
    """`&x`: the address of a variable, which WINDEV passes to Windows API calls."""
    __slots__ = ('target',)
    target: Expr


class Var(Node):
    __slots__ = ('name',)
    name: str


class Member(Node):
    __slots__ = ('base', 'name', 'name_line', 'name_column')
    base: Expr
    name: str
    name_line: int
    name_column: int
    _defaults: ClassVar[dict[str, Any]] = {'name_line': 0, 'name_column': 0}


class Index(Node):
    __slots__ = ('base', 'indexes')
    base: Expr
    indexes: list[Expr]


class Call(Node):
    __slots__ = ('func', 'args')
    func: Expr
    args: list[Expr]


class BinOp(Node):
    __slots__ = ('op', 'left', 'right')
    op: str
    left: Expr
    right: Expr


class Compare(Node):
    __slots__ = ('op', 'left', 'right')
    op: str
    left: Expr
    right: Expr


class CompareChain(Node):
    """`1 < x < 6`: both comparisons, the middle operand evaluated once."""
    __slots__ = ('ops', 'operands')
    ops: list[str]
    operands: list[Expr]


class Not(Node):
    __slots__ = ('operand',)
    operand: Expr


class Neg(Node):
    __slots__ = ('operand',)
    operand: Expr


class Ternary(Node):
    """`cond ? a ELSE b`: only the chosen side is evaluated."""
    __slots__ = ('cond', 'then', 'otherwise')
    cond: Expr
    then: Expr
    otherwise: Expr


class InList(Node):
    """`x IN (a, b)`: whether x equals one of the values."""
    __slots__ = ('value', 'options')
    value: Expr
    options: list[Expr]


class Substring(Node):
    """`s[[i]]` (one character, `upper` unused and `single`), `s[[a TO b]]`, `s[[a TO]]`,
    `s[[TO b]]` (a missing bound is the start or the end of the string)."""
    __slots__ = ('base', 'lower', 'upper', 'single')
    base: Expr
    lower: Expr | None
    upper: Expr | None
    single: bool


class ArrayLit(Node):
    __slots__ = ('items',)
    items: list[Expr]


class Tuple(Node):
    """`(a, b)`: several values, as RESULT (x, y) gives them and `(a, b) = f()` takes them
    (issue 9)."""
    __slots__ = ('items',)
    items: list[Expr]


class Omitted(Node):
    """`*` in a call, `f(1, *, 3)`: the argument is omitted, the parameter takes its
    default value (issue 9)."""
    __slots__ = ()


class TypeSpec(Node):
    __slots__ = ('name', 'array', 'size', 'elem', 'collection', 'options')
    name: str
    array: bool
    size: int | None
    elem: TypeSpec | None
    # Collections (issue 9): "assoc", "stack", "queue", "list" or "dynamic" (a dynamic array);
    # `options` are an associative array's (options, default value, key type).
    collection: str
    options: list[Expr]
    _defaults: ClassVar[dict[str, Any]] = {'name': "", 'array': False, 'size': None, 'elem': None,
                                           'collection': "", 'options': []}

    def text(self) -> str:
        if self.collection in ("assoc", "stack", "queue", "list"):
            inner = self.elem.text() if self.elem else "?"
            word = {"assoc": "associative array", "stack": "stack", "queue": "queue",
                    "list": "list"}
            return f"{word[self.collection]} of {inner}"
        if self.array:
            inner = self.elem.text() if self.elem else "?"
            return f"array of {self.size} {inner}" if self.size else f"array of {inner}"
        return self.name


# ---- statements -----------------------------------------------------------------------
class Assign(Node):
    __slots__ = ('target', 'value')
    target: Expr
    value: Expr


class AssignRef(Node):
    """`target <- value`: assignment by reference (issue 9)."""
    __slots__ = ('target', 'value')
    target: Expr
    value: Expr


class AssignCopy(Node):
    """`target <= value`: assignment by copy (an array's elements are copied)."""
    __slots__ = ('target', 'value')
    target: Expr
    value: Expr


class OpAssign(Node):
    __slots__ = ('target', 'op', 'value')
    target: Expr
    op: str
    value: Expr


class ExprStmt(Node):
    __slots__ = ('expr',)
    expr: Expr


class Declare(Node):
    __slots__ = ('names', 'type', 'init', 'attributes', 'ctor_args', 'by_ref')
    names: list[tuple[str, int, int]]        # (name, line, column) of each declared name
    type: TypeSpec | None                    # None: `LET x = ...`, typed by its value
    init: Expr | None
    attributes: list[str]                    # `<useful>`, `<serialize="x">`: as written
    ctor_args: list[Expr] | None             # `o is cMail(a, b)`: the constructor's arguments
    by_ref: bool                             # `x is cBase <- y`: init is taken as by `<-`
    _defaults: ClassVar[dict[str, Any]] = {'attributes': [], 'ctor_args': None,
                                           'by_ref': False}


class EnumMember(Node):
    __slots__ = ('name', 'value', 'attributes')
    name: str
    value: Expr | None                       # the associated value, `Red = "FF0000"`
    attributes: list[str]


class Enumeration(Node):
    """`Color is Enumeration ... END`: a type whose values are its members (issue 9);
    `kind` "combination" for `Rights is Combination ... END` (any set of its members)."""
    __slots__ = ('name', 'members', 'kind')
    name: str
    members: list[EnumMember]
    kind: str
    _defaults: ClassVar[dict[str, Any]] = {'kind': "enumeration"}


class ConstantDef(Node):
    __slots__ = ('name', 'value')
    name: str
    value: Expr


class Constant(Node):
    """`CONSTANT X = 1` or a `CONSTANT ... END` block: names whose value is computed
    before the code runs and that cannot be assigned."""
    __slots__ = ('defs',)
    defs: list[ConstantDef]


class Break(Node):
    __slots__ = ()


class Continue(Node):
    __slots__ = ()


class Return(Node):
    __slots__ = ('value',)
    value: Expr | None


class Result(Node):
    __slots__ = ('value',)
    value: Expr


class Extern(Node):
    __slots__ = ('path', 'program')
    path: str
    program: Program | None                  # filled by the loader
    _defaults: ClassVar[dict[str, Any]] = {'program': None}


class Nop(Node):
    __slots__ = ()


class If(Node):
    __slots__ = ('branches', 'otherwise')
    branches: list[tuple[Expr, list[Stmt]]]  # IF and each ELSE IF: (condition, block)
    otherwise: list[Stmt] | None


class CaseItem(Node):
    __slots__ = ('kind', 'value', 'upper', 'op')
    kind: str                                # "value" | "range" | "compare"
    value: Expr
    upper: Expr | None                       # the end of a range
    op: str                                  # the operator of "compare"
    _defaults: ClassVar[dict[str, Any]] = {'upper': None, 'op': "="}


class Switch(Node):
    __slots__ = ('subject', 'cases', 'other')
    subject: Expr
    cases: list[tuple[list[CaseItem], list[Stmt]]]
    other: list[Stmt] | None


class For(Node):
    __slots__ = ('var', 'start', 'end', 'step', 'body')
    var: str
    start: Expr
    end: Expr
    step: Expr | None
    body: list[Stmt]


class ForEach(Node):
    __slots__ = ('var', 'index_var', 'iterable', 'body')
    var: str
    index_var: str | None
    iterable: Expr
    body: list[Stmt]


class ForEachString(Node):
    """`FOR EACH STRING s OF text SEPARATED BY sep`: each piece of the text."""
    __slots__ = ('var', 'text', 'separator', 'body')
    var: str
    text: Expr
    separator: Expr
    body: list[Stmt]


class ForEachSource(Node):
    """`FOR EACH Customer [ON key] [WHERE cond]` (a data file or a query: `kind` "file")
    or `FOR EACH [SELECTED] ROW OF TABLE_X` ("row"): kept, never run."""
    __slots__ = ('kind', 'source', 'key', 'condition', 'body')
    kind: str
    source: str
    key: str | None
    condition: Expr | None
    body: list[Stmt]


class While(Node):
    __slots__ = ('cond', 'body')
    cond: Expr
    body: list[Stmt]


class Loop(Node):
    __slots__ = ('body', 'count')
    body: list[Stmt]
    count: Expr | None                       # `LOOP (n)`: n turns
    _defaults: ClassVar[dict[str, Any]] = {'count': None}


class When(Node):
    __slots__ = ('body', 'handler', 'otherwise')
    body: list[Stmt]
    handler: list[Stmt]
    otherwise: list[Stmt] | None


class WhenGeneral(Node):
    """`WHEN EXCEPTION` ... `END` without IN: `handler` runs when a fatal error happens in
    the statements after it in the same block, or in what they call."""
    __slots__ = ('handler',)
    handler: list[Stmt]


class Param(Node):
    __slots__ = ('name', 'type', 'default', 'local', 'attributes')
    name: str
    type: TypeSpec | None
    default: Expr | None
    local: bool
    attributes: list[str]
    _defaults: ClassVar[dict[str, Any]] = {'attributes': []}


class ProcLabel(Node):
    """A procedure's `CASE ERROR:`, `CASE EXCEPTION:` or `END:` and the code after it;
    `kind` is "error", "exception" or "end"."""
    __slots__ = ('kind', 'body')
    kind: str
    body: list[Stmt]


class Procedure(Node):
    __slots__ = ('name', 'params', 'body', 'internal', 'return_type', 'modifiers', 'labels',
                 'attributes')
    name: str
    params: list[Param]
    body: list[Stmt]
    internal: bool
    return_type: TypeSpec | None
    modifiers: list[str]                     # PRIVATE, GLOBAL... (English, upper case)
    labels: list[ProcLabel]
    attributes: list[str]
    _defaults: ClassVar[dict[str, Any]] = {'internal': False, 'return_type': None,
                                           'modifiers': [], 'labels': [], 'attributes': []}


class Program(Node):
    __slots__ = ('body', 'procedures', 'text', 'labels')
    body: list[Stmt]
    procedures: list[Procedure]
    text: str
    labels: list[ProcLabel]                  # the main code's CASE ERROR: / END: labels
    _defaults: ClassVar[dict[str, Any]] = {'procedures': [], 'text': "", 'labels': []}


# ---- classes and structures (docs/language.md, "Classes and structures") -------------
class ClassField(Node):
    """A member line of a class or a structure: `m_sName is string = "x"`, with the
    visibility and kind in force there (written on the line or by a section above)."""
    __slots__ = ('names', 'type', 'init', 'ctor_args', 'visibility', 'static', 'readonly',
                 'attributes')
    names: list[tuple[str, int, int]]
    type: TypeSpec
    init: Expr | None
    ctor_args: list[Expr] | None
    visibility: str                          # "public" | "private" | "protected"
    static: bool                             # GLOBAL: one value for the class
    readonly: bool                           # CONSTANT: assigned only by the class's methods
    attributes: list[str]


class ClassDecl(Node):
    """`cAccount is Class ... END` (`kind` "class") or `STMail is Structure ... END`
    ("structure")."""
    __slots__ = ('name', 'kind', 'base', 'fields', 'constants')
    name: str
    kind: str
    base: str | None                         # INHERITS FROM / hérite de
    fields: list[ClassField]
    constants: list[ConstantDef]


class NewObject(Node):
    """`new cNode(a, b)` / `allouer un cNode(...)`: a dynamic object."""
    __slots__ = ('class_name', 'args')
    class_name: str
    args: list[Expr]


class ClassMember(Node):
    """`cAccount::member`: a GLOBAL member or method, or a base class's method."""
    __slots__ = ('class_name', 'name')
    class_name: str
    name: str


class Delete(Node):
    """`delete o` / `libérer o`: runs the destructor; the object is then NULL."""
    __slots__ = ('target',)
    target: Expr


class BaseConstructor(Node):
    """`Constructor cBase(a, b)` in a constructor: the base class's constructor."""
    __slots__ = ('class_name', 'args')
    class_name: str
    args: list[Expr]
# ---- end of classes and structures ------------------------------------------------------


Expr = (Literal | Interpolated | Var | Member | Index | Call | BinOp | Compare | Not | Neg | ArrayLit
        | Ternary | InList | Substring | MessageRef | CompareChain | Indirection | AddressOf | NewObject
        | ClassMember | Omitted | Tuple)
Stmt = (Assign | AssignRef | AssignCopy | OpAssign | ExprStmt | Declare | Break | Continue | Return
        | Result | Extern | Nop
        | If | Switch | For | ForEach | ForEachString | ForEachSource | While | Loop | When
        | WhenGeneral | Procedure | Constant | ClassDecl | Delete | BaseConstructor | Enumeration)

# Nodes that hold no statement: a search for statements (declarations to hoist, EXTERNs,
# internal procedures) passes them as `skip` and does not go through every expression.
NO_STATEMENTS: tuple[type[Node], ...] = (Literal, Interpolated, Var, Member, Index, Call, BinOp,
                                         Compare, Not, Neg, ArrayLit, TypeSpec, CaseItem, Param,
                                         Ternary, InList, Substring, ConstantDef, MessageRef,
                                         EnumMember, CompareChain, Indirection, AddressOf,
                                         NewObject,
                                         ClassMember, ClassField, Omitted, Tuple)


# ---- small forms (branch smallforms): durations, conditional compilation, EXTERN name ----
class NewArray(Node):
    """`new array of 5 int` / `allouer un tableau de 5 entiers`: a new dynamic array."""
    __slots__ = ('type',)
    type: TypeSpec


class DurationLit(Node):
    """`30s`, `3 min 30 s`: a Duration literal, in milliseconds."""
    __slots__ = ('ms',)
    ms: int


class CompileIf(Node):
    """`<COMPILE IF cond>` ... `<ELSE>` ... `<END>`: `body` is the branch the configuration
    selected when the script was parsed (syntax/compilation.py); the other is not kept."""
    __slots__ = ('condition', 'body')
    condition: str                           # the directive as written, for messages
    body: list[Stmt]


class ExternName(Node):
    """`EXTERN console`: an object that exists only when the WINDEV application runs."""
    __slots__ = ('name',)
    name: str


NO_STATEMENTS = NO_STATEMENTS + (DurationLit, NewArray)


# ---- lambdas (issue 9) ---------------------------------------------------------------
class Lambda(Node):
    """`(a, b) => { code }`, `x => x * 2`, `PROCEDURE(a is int) { code }`: an anonymous
    internal procedure as a value (PC SOFT, doc.windev.com/?1514084).  `proc` is that
    procedure (internal, named after its place); a lambda expression's body is a RESULT."""
    __slots__ = ('proc',)
    proc: Procedure


# A lambda's statements are its own procedure's (resolved where the lambda is written):
# a search for the statements of a block (hoisting, internal procedures) does not enter it.
NO_STATEMENTS = NO_STATEMENTS + (Lambda,)
