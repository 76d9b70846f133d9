"""Conditional compilation: the configuration a script is compiled for, and the conditions
of `<COMPILE IF ...>` and `<IF ExecutionTarget=...>` (PC SOFT, "Compilation statement:
COMPILE IF", doc.windev.com/?1510021, and "IF ExecutionTarget", doc.windev.com/?1510028).

WINDEV decides when it compiles which branch is code: the other one is not compiled (it
may name what this configuration does not have).  wlmail decides when it parses: both
branches must parse, only the selected one is kept in the tree (docs/language.md).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..names import fold
from ..records import record
from . import ast
from .source import ML_CLOSE, ML_OPEN

DEFAULT_CONFIGURATION = "Windows 64-bit executable"
# The name WINDEV's French editor gives the same configuration.
_DEFAULT_ALIASES = ("Windows 64-bit executable", "Exécutable Windows 64 bits")
# ExecutionTarget's name for a Windows executable (doc.windev.com/?1510028, in French
# ApplicationWindows); wlmail also reads it as the ConfigurationType of its configuration.
DEFAULT_TYPE = "WindowsApplication"
# The names of configuration types and execution targets, each with its other spellings
# (English, French).  Sources: "IF ExecutionTarget" (doc.pcsoft.fr/?1510028: its list of
# targets starts Android, AppleWatch, ApplicationDotNet; its example names
# ApplicationWindows, Java, Android, iOS, Site), "COMPILE IF" (doc.windev.com/?1510021:
# `ConfigurationType = Android`), and WINDEV code that writes `TypeConfiguration <>
# Webservice` and `<> iOS`.  Where only the French name is documented, the English one
# follows the pattern of WindowsApplication / ApplicationWindows (docs/language.md).
TYPE_NAMES: tuple[tuple[str, ...], ...] = (
    ("WindowsApplication", "ApplicationWindows"),
    ("Android",),
    ("iOS",),
    ("AppleWatch",),
    ("Java",),
    ("DotNetApplication", "ApplicationDotNet"),
    ("Site",),
    ("Webservice",),
)
_TYPE_ALIASES = {fold(n): names for names in TYPE_NAMES for n in names}


def known_type(name: str) -> bool:
    """Whether `name` is one of the configuration types above (any spelling, case)."""
    return fold(name) in _TYPE_ALIASES

_CONFIGURATION = ("configuration",)
_TYPE = ("configurationtype", "typeconfiguration")
_TARGET = ("executiontarget", "cibleexecution")


@record(frozen=True)
class Configuration:
    """What `Configuration`, `ConfigurationType` and `ExecutionTarget` are equal to."""

    name: str = DEFAULT_CONFIGURATION
    type: str = DEFAULT_TYPE

    def key(self) -> str:
        """For the parse cache: a tree depends on the configuration it was parsed for."""
        return f"{self.name}\0{self.type}"

    def names(self) -> set[str]:
        if fold(self.name) in {fold(n) for n in _DEFAULT_ALIASES}:
            return {fold(n) for n in _DEFAULT_ALIASES}
        return {fold(self.name)}

    def types(self) -> set[str]:
        key = fold(self.type)
        return {fold(n) for n in _TYPE_ALIASES.get(key, (self.type,))}


DEFAULT = Configuration()


class ConditionError(ValueError):
    """A condition wlmail cannot decide on (the message says what it expects)."""


def holds(cond: ast.Node, config: Configuration) -> bool:
    """Whether the directive's condition holds for `config`."""
    if isinstance(cond, ast.BinOp) and cond.op in ("and", "_and_"):
        return holds(cond.left, config) and holds(cond.right, config)
    if isinstance(cond, ast.BinOp) and cond.op in ("or", "_or_"):
        return holds(cond.left, config) or holds(cond.right, config)
    if isinstance(cond, ast.Not):
        return not holds(cond.operand, config)
    if isinstance(cond, ast.Compare) and cond.op in ("=", "<>"):
        equal = _equal(cond.left, cond.right, config)
        return equal if cond.op == "=" else not equal
    raise ConditionError("a condition of conditional compilation compares Configuration, "
                         "ConfigurationType or ExecutionTarget with `=` or `<>`, joined by "
                         "AND, OR and NOT")


def _equal(left: ast.Node, right: ast.Node, config: Configuration) -> bool:
    subject, value = left, right
    if not _is_keyword(subject):
        subject, value = right, left
    if not _is_keyword(subject):
        raise ConditionError("one side of the comparison must be Configuration, "
                             "ConfigurationType or ExecutionTarget")
    assert isinstance(subject, ast.Var)
    which = fold(subject.name)
    if isinstance(value, ast.Literal) and isinstance(value.value, str):
        text = value.value
    elif isinstance(value, ast.Var):
        text = value.name
    else:
        raise ConditionError(f"`{subject.name}` is compared with a name or a string")
    if which in _CONFIGURATION:
        return fold(text) in config.names()
    return fold(text) in config.types()


def _is_keyword(node: ast.Node) -> bool:
    return isinstance(node, ast.Var) and fold(node.name) in _CONFIGURATION + _TYPE + _TARGET


# ---- directives that split a statement -------------------------------------------------
# `<COMPILE IF>` whose branch starts with a clause of the statement around it (a CASE of
# a SWITCH, an ELSE of an IF): the grammar cannot hold it, so such a directive is decided
# on the text before parsing.  The lines of the other branch and the directive lines are
# blanked (same length: every position in the text stays where it was); the other
# branch is not parsed, as WINDEV does not compile it (docs/language.md).
_DIRECTIVE = re.compile(r"[ \t]*<[ \t]*(compile[ \t]+(if|si)|(if|si)[ \t]+"
                        r"(executiontarget|cibleexecution))(?!\w)", re.I)
_DIRECTIVE_TEXT = re.compile(r'<[ \t]*(compile[ \t]+(if|si)|(if|si)[ \t]+(executiontarget|'
                             r'cibleex[eé]cution))(?!\w)(?:[^\n"]|"[^"\n]*")*?>'
                             r'(?=[ \t\r]*(//.*)?$)', re.I)
_DIRECTIVE_ELSE = re.compile(r"[ \t]*<[ \t]*(else|sinon)[ \t]*>[ \t\r]*(//.*)?$", re.I)
_DIRECTIVE_END = re.compile(r"[ \t]*<[ \t]*(end|fin)[ \t]*>[ \t\r]*(//.*)?$", re.I)
_CLAUSE = re.compile(r"[ \t]*(case|cas|other[ \t]+case|autre[ \t]+cas|else|sinon)(?!\w)",
                     re.I)
_BLANK = re.compile(r"[ \t\r]*(//.*)?$")


def _first_code_is_clause(lines: list[str], start: int, stop: int) -> bool:
    for i in range(start, stop):
        if _BLANK.match(lines[i]):
            continue
        return _CLAUSE.match(lines[i]) is not None
    return False


def _blank(line: str) -> str:
    return "".join(c if c in "\r" else " " for c in line)


def split_directives(folded: str, orig: str,
                     decide: Callable[[int, int, str], bool]) -> tuple[str, str]:
    """`folded` and `orig` (same length) with every directive that splits a statement
    decided: `decide(line, column, directive_text)` says whether its condition holds."""
    lines = folded.split("\n")
    groups: list[tuple[int, int | None, int]] = []
    stack: list[list[Any]] = []
    in_ml = False
    for n, line in enumerate(lines):
        if ML_OPEN in line:
            in_ml = True
        if in_ml:
            if ML_CLOSE in line:
                in_ml = False
            continue
        if _DIRECTIVE.match(line):
            stack.append([n, None])
        elif stack and _DIRECTIVE_ELSE.match(line):
            stack[-1][1] = n
        elif stack and _DIRECTIVE_END.match(line):
            start, other = stack.pop()
            groups.append((start, other, n))
    if not groups:
        return folded, orig
    orig_lines = orig.split("\n")
    blanked: set[int] = set()
    for start, other, end in groups:
        mid = other if other is not None else end
        if not (_first_code_is_clause(lines, start + 1, mid)
                or (other is not None and _first_code_is_clause(lines, other + 1, end))):
            continue
        found = _DIRECTIVE_TEXT.search(orig_lines[start])
        text = found.group(0) if found else orig_lines[start].strip()
        column = (found.start() if found else 0) + 1
        keep_first = decide(start + 1, column, text)
        drop = {start, end} | ({other} if other is not None else set())
        drop |= set(range(mid + 1, end)) if keep_first else set(range(start + 1, mid))
        blanked |= drop
    for i in blanked:
        lines[i] = _blank(lines[i])
        orig_lines[i] = _blank(orig_lines[i])
    return "\n".join(lines), "\n".join(orig_lines)
