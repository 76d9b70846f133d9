"""The typed AST: every field is declared once, and children()/walk() visit every node
a field can hold, whatever field a node class gains later."""
from __future__ import annotations

import types
import typing
from typing import Any

import pytest

from wlmail.syntax import ast
from wlmail.syntax.parser import parse

NODE_CLASSES = [c for c in vars(ast).values()
                if isinstance(c, type) and issubclass(c, ast.Node) and c is not ast.Node]


def _members(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _marker(cls: type[ast.Node]) -> ast.Node:
    node = cls.__new__(cls)
    node.line, node.column, node.file = 1, 1, "marker.wl"
    return node


def _sample(hint: Any, markers: list[ast.Node]) -> Any:
    """A value of type `hint` holding a fresh node wherever the type allows one (the
    nodes are appended to `markers` in the order they appear)."""
    options = [m for m in _members(hint) if m is not type(None)]
    nodes = [m for m in options if isinstance(m, type) and issubclass(m, ast.Node)]
    if nodes:
        node = _marker(nodes[0])
        markers.append(node)
        return node
    containers = [m for m in options if typing.get_origin(m) in (list, tuple)]
    if containers:
        kind = containers[0]
        args = typing.get_args(kind)
        if typing.get_origin(kind) is list:
            return [_sample(args[0], markers), _sample(args[0], markers)]
        return tuple(_sample(a, markers) for a in args)
    scalar = options[0]
    return {str: "x", int: 1, bool: True, float: 1.5}[scalar]


@pytest.mark.parametrize("cls", NODE_CLASSES, ids=lambda c: c.__name__)
def test_fields_are_the_annotations_and_the_slots(cls: type[ast.Node]) -> None:
    own = [n for n, a in cls.__dict__.get("__annotations__", {}).items()
           if not str(a).startswith("ClassVar")]
    assert list(cls._fields) == own
    assert sorted(cls.__slots__) == sorted(own)


@pytest.mark.parametrize("cls", NODE_CLASSES, ids=lambda c: c.__name__)
def test_children_cover_every_field(cls: type[ast.Node]) -> None:
    hints = typing.get_type_hints(cls, vars(ast))
    markers: list[ast.Node] = []
    values = [_sample(hints[f], markers) for f in cls._fields]
    node = cls(1, 1, "t.wl", *values)
    assert [id(n) for n in node.children()] == [id(m) for m in markers]
    walked = list(node.walk(skip=tuple(NODE_CLASSES)))   # the markers are not entered
    assert walked[0] is node
    assert [id(n) for n in walked[1:]] == [id(m) for m in markers]


def test_a_node_class_must_declare_its_slots() -> None:
    with pytest.raises(TypeError, match="__slots__"):
        class Broken(ast.Node):
            __slots__ = ("a",)
            a: int
            b: str


def _reachable(node: ast.Node, out: list[ast.Node]) -> None:
    """Every node reachable through any attribute, found without the declared fields."""
    out.append(node)
    for cls in type(node).__mro__:
        for name in getattr(cls, "__slots__", ()):
            _values(getattr(node, name, None), out)


def _values(v: Any, out: list[ast.Node]) -> None:
    if isinstance(v, ast.Node):
        _reachable(v, out)
    elif isinstance(v, (list, tuple)):
        for x in v:
            _values(x, out)


SCRIPT = """\
EXTERN "x.wl"
n is int = 1
s, t are string
a is array of int
LET b = [1, [2]]
IF n = 1 THEN
\tn += -n * 2 modulo 3
ELSE IF NOT n > 2 _AND_ n < 9
\ta[1] = s.Length + Left("x", 1)
ELSE
\tBREAK
END
SWITCH n
\tCASE 1, 2 TO 3, > 9: Info(1)
\tOTHER CASE: Info(2)
END
FOR i = 1 TO 3 STEP 1
\tCONTINUE
END
FOR EACH e, k OF a
END
WHILE n < 3
\tn++
END
LOOP
\tBREAK
END
WHEN EXCEPTION IN
\tn = 1 / 0
DO
\tInfo(ExceptionInfo())
END
PROCEDURE P(LOCAL x is int = 2, y = "a") : int
\tINTERNAL PROCEDURE Q()
\t\tRETURN
\tEND
\tRESULT x
"""


def test_walk_reaches_every_node_in_pre_order() -> None:
    program = parse(SCRIPT, "all.wl")
    reference: list[ast.Node] = []
    _reachable(program, reference)
    walked = list(program.walk())
    assert sorted(map(id, walked)) == sorted(map(id, reference))
    assert len(walked) == len(set(map(id, walked)))
    # Pre-order: a node comes before everything below it.
    position = {id(n): i for i, n in enumerate(walked)}
    for n in walked:
        assert all(position[id(c)] > position[id(n)] for c in n.children())
    kinds = {type(n) for n in walked}
    assert {ast.Extern, ast.If, ast.Switch, ast.CaseItem, ast.ForEach, ast.When, ast.Param,
            ast.Procedure, ast.TypeSpec, ast.OpAssign, ast.Index, ast.ArrayLit} <= kinds


def test_walk_skips_into_nothing_it_is_told_to_skip() -> None:
    program = parse(SCRIPT, "all.wl")
    found = list(program.walk(ast.NO_STATEMENTS))
    ids = {id(n) for n in found}
    for n in found:
        if isinstance(n, ast.NO_STATEMENTS):    # yielded, not entered
            assert not any(id(c) in ids for c in n.children())
    assert len(found) < sum(1 for _ in program.walk())
    assert any(isinstance(n, ast.Procedure) and n.internal for n in found)
    assert any(isinstance(n, ast.Extern) for n in found)


def test_deep_nesting_walks_without_recursion() -> None:
    node: ast.Node = ast.Literal(1, 1, "d.wl", 1)
    for _ in range(50_000):
        node = ast.Neg(1, 1, "d.wl", node)
    assert sum(1 for _ in node.walk()) == 50_001
