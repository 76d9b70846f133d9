"""The constructs of issue 9 keep their positions and read the same in any case, with or
without accents."""
from __future__ import annotations

import pytest

from wlmail.syntax import ast
from wlmail.syntax.parser import parse
from wlmail.syntax.source import ParseError

SCRIPT = """\
CONSTANT K = 1
x is int = (K > 0 ? 2 ELSE 3)
s is string = "abc"[[2 TO]]
t is string = <§$0009§>
FOR EACH Customer WHERE Name = "a"
END
PROCEDURE PRIVATE P() : int
RESULT 1
CASE ERROR:
\tRESULT 2
END:
\tRESULT 3
"""


def _first(program: ast.Program, cls: type[ast.Node]) -> ast.Node:
    return next(n for n in ast.walk(program.body + program.procedures) if isinstance(n, cls))


@pytest.mark.parametrize(("cls", "line", "column"), [
    (ast.Constant, 1, 1), (ast.ConstantDef, 1, 10), (ast.Ternary, 2, 19),
    (ast.Substring, 3, 20), (ast.MessageRef, 4, 15), (ast.ForEachSource, 5, 1),
    (ast.Procedure, 7, 1), (ast.ProcLabel, 9, 1),
])
def test_positions(cls: type[ast.Node], line: int, column: int) -> None:
    node = _first(parse(SCRIPT, "t.wl"), cls)
    assert (node.line, node.column, node.file) == (line, column, "t.wl")


def test_labels_and_modifiers_are_kept() -> None:
    proc = parse(SCRIPT, "t.wl").procedures[0]
    assert proc.modifiers == ["PRIVATE"]
    assert [label.kind for label in proc.labels] == ["error", "end"]
    assert proc.return_type is not None and proc.return_type.name == "int"


@pytest.mark.parametrize("text", [
    "fonction privée f()\n", "FONCTION PRIVEE f()\n", "Function Private f()\n",
    "procédure publique globale f()\n",
])
def test_modifiers_any_case_and_accents(text: str) -> None:
    proc = parse(text, "t.wl").procedures[0]
    assert proc.name == "f" and proc.modifiers


@pytest.mark.parametrize("text", ["cas erreur:\n", "CAS ERREUR :\n", "Case Error:\n",
                                  "fin:\n", "FIN :\n"])
def test_main_code_labels(text: str) -> None:
    assert len(parse("x is int\n" + text + "x = 1\n", "t.wl").labels) == 1


def test_a_variable_named_element_still_loops() -> None:
    loop = parse("a is array of int\nFOR EACH element OF a\nEND\n", "t.wl").body[1]
    assert isinstance(loop, ast.ForEach) and loop.var == "element"


def test_comparisons_are_not_attributes() -> None:
    decl = parse("b is boolean = x < useful > y\n", "t.wl").body[0]
    assert isinstance(decl, ast.Declare) and decl.attributes == []
    assert isinstance(decl.init, ast.CompareChain)


def test_substring_cannot_be_assigned() -> None:
    with pytest.raises(ParseError, match="cannot be assigned"):
        parse('s is string\ns[[1 TO 2]] = "x"\n', "t.wl")
