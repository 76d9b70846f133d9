"""Enumerations (`Color is Enumeration ... END`, docs/language.md "Enumerations"):
values, like values.py; nothing here knows the grammar.

Each member is one `WLEnumValue` object, made when the resolver reads the declaration;
a variable of the enumeration's type holds one of them (the first by default) and takes
no other value: `c = 1` is refused, as WINDEV refuses it when it compiles.
"""
from __future__ import annotations

from typing import Any

from .errors import Err, WLFatal
from .values import WLType, describe, to_str


class WLEnumValue:
    """One member of an enumeration: its name, its rank (1, 2, ...) and the value
    associated with it in the declaration (`Red = "FF0000"`), None without one."""

    __slots__ = ("enum", "name", "rank", "value")
    WL_DESCRIPTION = "an enumeration value"

    def __init__(self, enum: EnumType, name: str, rank: int, value: Any) -> None:
        self.enum = enum
        self.name = name
        self.rank = rank
        self.value = value

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"{self.enum.name}.{self.name}"

    def copy(self) -> WLEnumValue:
        return self         # a member is a constant: copying it gives itself

    def property(self, key: str, shown: str) -> Any:
        """`..Name` / `..Nom`, `..Value` / `..Valeur` (folded key)."""
        if key in ("name", "nom"):
            return self.name
        if key in ("value", "valeur"):
            # Without an associated value, its rank (docs/language.md).
            return self.value if self.value is not None else self.rank
        raise WLFatal(f"an enumeration value has no property `{shown}` (it has Name and "
                      "Value)", Err.UNKNOWN_PROPERTY)


ENUM_PROPERTIES = frozenset({"name", "nom", "value", "valeur"})


class EnumType(WLType):
    """The type an `Enumeration` declaration makes."""

    __slots__ = ("members",)

    def __init__(self, name: str) -> None:
        super().__init__("enum", name, None)
        self.members: dict[str, WLEnumValue] = {}     # folded name -> member

    def add(self, key: str, name: str, value: Any) -> WLEnumValue:
        member = WLEnumValue(self, name, len(self.members) + 1, value)
        self.members[key] = member
        return member

    def default(self) -> Any:
        # The first member, as in WINDEV.
        return next(iter(self.members.values()), None)

    def _convert_complex(self, v: Any) -> Any:
        if isinstance(v, WLEnumValue) and v.enum is self:
            return v
        shown = f"{v.enum.name}.{v.name}" if isinstance(v, WLEnumValue) else \
            f'"{to_str(v)}"' if isinstance(v, (str, int, float)) else describe(v)
        raise WLFatal(f"a variable of the enumeration {self.name} takes only its values "
                      f"({', '.join(m.name for m in self.members.values())}), not {shown}",
                      Err.CONVERSION)


def enum_compare(a: Any, b: Any) -> int:
    """Two members of one enumeration compare by their rank; anything else is an error."""
    if isinstance(a, WLEnumValue) and isinstance(b, WLEnumValue) and a.enum is b.enum:
        return (a.rank > b.rank) - (a.rank < b.rank)
    raise WLFatal(f"cannot compare {describe(a)} with {describe(b)}", Err.ARGUMENT_TYPE)
