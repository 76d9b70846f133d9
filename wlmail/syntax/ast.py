"""Our own syntax tree: small classes with a position, built from Lark's parse.

The interpreter compiles these; it never sees Lark's tree.  `line`/`column` are 1-based
and `file` is the script (or EXTERN'd file) the node came from.  Plain classes with
`__slots__` rather than dataclasses: they are created at every start-up and pickled in
the parse cache, and both are several times faster this way.
"""
from __future__ import annotations

from typing import Any


class Node:
    __slots__ = ("line", "column", "file")
    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}

    def __init__(self, line: int, column: int, file: str, *args: Any, **kw: Any) -> None:
        self.line = line
        self.column = column
        self.file = file
        fields = self._fields
        for name, value in zip(fields, args):
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

class Literal(Node):
    __slots__ = ('value',)
    _fields = ('value',)


class Interpolated(Node):
    """A string with `[% expr %]` parts (only with --interpolate)."""
    __slots__ = ('parts',)
    _fields = ('parts',)


class Var(Node):
    __slots__ = ('name',)
    _fields = ('name',)


class Member(Node):
    __slots__ = ('base', 'name', 'name_line', 'name_column')
    _fields = ('base', 'name', 'name_line', 'name_column')
    _defaults = {'name_line': 0, 'name_column': 0}


class Index(Node):
    __slots__ = ('base', 'indexes')
    _fields = ('base', 'indexes')


class Call(Node):
    __slots__ = ('func', 'args')
    _fields = ('func', 'args')


class BinOp(Node):
    __slots__ = ('op', 'left', 'right')
    _fields = ('op', 'left', 'right')


class Compare(Node):
    __slots__ = ('op', 'left', 'right')
    _fields = ('op', 'left', 'right')


class Not(Node):
    __slots__ = ('operand',)
    _fields = ('operand',)


class Neg(Node):
    __slots__ = ('operand',)
    _fields = ('operand',)


class ArrayLit(Node):
    __slots__ = ('items',)
    _fields = ('items',)


class TypeSpec(Node):
    def text(self) -> str:
        if self.array:
            inner = self.elem.text() if self.elem else "?"
            return f"array of {self.size} {inner}" if self.size else f"array of {inner}"
        return self.name

    __slots__ = ('name', 'array', 'size', 'elem')
    _fields = ('name', 'array', 'size', 'elem')
    _defaults = {'name': "", 'array': False, 'size': None, 'elem': None}


class Assign(Node):
    __slots__ = ('target', 'value')
    _fields = ('target', 'value')


class OpAssign(Node):
    __slots__ = ('target', 'op', 'value')
    _fields = ('target', 'op', 'value')


class ExprStmt(Node):
    __slots__ = ('expr',)
    _fields = ('expr',)


class Declare(Node):
    __slots__ = ('names', 'type', 'init')
    _fields = ('names', 'type', 'init')


class Break(Node):
    __slots__ = ()
    _fields = ()


class Continue(Node):
    __slots__ = ()
    _fields = ()


class Return(Node):
    __slots__ = ('value',)
    _fields = ('value',)


class Result(Node):
    __slots__ = ('value',)
    _fields = ('value',)


class Extern(Node):
    __slots__ = ('path', 'program')
    _fields = ('path', 'program')
    _defaults = {'program': None}


class Nop(Node):
    __slots__ = ()
    _fields = ()


class If(Node):
    __slots__ = ('branches', 'otherwise')
    _fields = ('branches', 'otherwise')


class CaseItem(Node):
    __slots__ = ('kind', 'value', 'upper', 'op')
    _fields = ('kind', 'value', 'upper', 'op')
    _defaults = {'upper': None, 'op': "="}


class Switch(Node):
    __slots__ = ('subject', 'cases', 'other')
    _fields = ('subject', 'cases', 'other')


class For(Node):
    __slots__ = ('var', 'start', 'end', 'step', 'body')
    _fields = ('var', 'start', 'end', 'step', 'body')


class ForEach(Node):
    __slots__ = ('var', 'index_var', 'iterable', 'body')
    _fields = ('var', 'index_var', 'iterable', 'body')


class While(Node):
    __slots__ = ('cond', 'body')
    _fields = ('cond', 'body')


class Loop(Node):
    __slots__ = ('body',)
    _fields = ('body',)


class When(Node):
    __slots__ = ('body', 'handler', 'otherwise')
    _fields = ('body', 'handler', 'otherwise')


class Param(Node):
    __slots__ = ('name', 'type', 'default', 'local')
    _fields = ('name', 'type', 'default', 'local')


class Procedure(Node):
    __slots__ = ('name', 'params', 'body', 'internal', 'return_type')
    _fields = ('name', 'params', 'body', 'internal', 'return_type')
    _defaults = {'internal': False, 'return_type': None}


class Program(Node):
    __slots__ = ('body', 'procedures', 'text')
    _fields = ('body', 'procedures', 'text')
    _defaults = {'procedures': [], 'text': ""}
