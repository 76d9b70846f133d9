"""Conditional compilation: the configuration a script is compiled for, and the conditions
of `<COMPILE IF ...>` and `<IF ExecutionTarget=...>` (PC SOFT, "Compilation statement:
COMPILE IF", doc.windev.com/?1510021, and "IF ExecutionTarget", doc.windev.com/?1510028).

WINDEV decides when it compiles which branch is code: the other one is not compiled (it
may name what this configuration does not have).  wlmail decides when it parses: both
branches must parse, only the selected one is kept in the tree (docs/language.md).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..names import fold
from . import ast

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


@dataclass(frozen=True)
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
