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

    __slots__ = ("enum", "name", "rank", "value", "caption")
    WL_DESCRIPTION = "an enumeration value"

    def __init__(self, enum: EnumType, name: str, rank: int, value: Any,
                 caption: str | None = None) -> None:
        self.enum = enum
        self.name = name
        self.rank = rank
        self.value = value
        self.caption = caption          # `<caption="...">` on its line; else its name

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"{self.enum.name}.{self.name}"

    def copy(self) -> WLEnumValue:
        return self         # a member is a constant: copying it gives itself

    def property(self, key: str, shown: str) -> Any:
        """`..Name` / `..Nom`, `..Value` / `..Valeur`, `..Caption` / `..Libellé` (folded
        key)."""
        if key in ("name", "nom"):
            return self.name
        if key in ("value", "valeur"):
            # Without an associated value, its rank (docs/language.md).
            return self.value if self.value is not None else self.rank
        if key in ("caption", "libelle"):
            return self.caption if self.caption is not None else self.name
        raise WLFatal(f"an enumeration value has no property `{shown}` (it has Name, "
                      "Value and Caption)", Err.UNKNOWN_PROPERTY)


ENUM_PROPERTIES = frozenset({"name", "nom", "value", "valeur", "caption", "libelle"})


class EnumType(WLType):
    """The type an `Enumeration` declaration makes."""

    __slots__ = ("members",)

    def __init__(self, name: str) -> None:
        super().__init__("enum", name, None)
        self.members: dict[str, WLEnumValue] = {}     # folded name -> member

    def add(self, key: str, name: str, value: Any, caption: str | None = None) -> WLEnumValue:
        member = WLEnumValue(self, name, len(self.values()) + 1, value, caption)
        self.members[key] = member
        return member

    def alias(self, key: str, member: WLEnumValue) -> None:
        """Another name for a member (`Halted = Stopped`): the same value."""
        self.members[key] = member

    def values(self) -> list[WLEnumValue]:
        """Its values in the order they are declared, each once (an alias is not another
        value): what FOR EACH goes through."""
        seen: dict[int, WLEnumValue] = {}
        for m in self.members.values():
            seen.setdefault(id(m), m)
        return list(seen.values())

    def default(self) -> Any:
        # The first member, as in WINDEV.
        return next(iter(self.members.values()), None)

    def _convert_complex(self, v: Any) -> Any:
        if isinstance(v, WLEnumValue) and v.enum is self:
            return v
        shown = f"{v.enum.name}.{v.name}" if isinstance(v, WLEnumValue) else \
            f'"{to_str(v)}"' if isinstance(v, (str, int, float)) else describe(v)
        raise WLFatal(f"a variable of the enumeration {self.name} takes only its values "
                      f"({', '.join(m.name for m in self.values())}), not {shown}",
                      Err.CONVERSION)


class CombinationType(EnumType):
    """The type a `Combination` declaration makes: a value is any set of its members."""

    __slots__ = ()

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.kind = "combination"

    def default(self) -> Any:
        return WLCombination(self, set())        # no member

    def _convert_complex(self, v: Any) -> Any:
        if isinstance(v, WLCombination) and v.type is self:
            return WLCombination(self, set(v.ranks))
        if isinstance(v, WLEnumValue) and v.enum is self:
            return WLCombination(self, {v.rank})
        if v == 0 and type(v) is int:
            return WLCombination(self, set())    # `c = 0`: no member (our choice)
        shown = f"{v.enum.name}.{v.name}" if isinstance(v, WLEnumValue) else \
            f'"{to_str(v)}"' if isinstance(v, (str, int, float)) else describe(v)
        raise WLFatal(f"a variable of the combination {self.name} takes only its values "
                      f"({', '.join(m.name for m in self.values())}), not {shown}",
                      Err.CONVERSION)


class WLCombination:
    """A value of a combination: the ranks of the members it holds."""

    __slots__ = ("type", "ranks")
    WL_DESCRIPTION = "a combination"

    def __init__(self, typ: CombinationType, ranks: set[int]) -> None:
        self.type = typ
        self.ranks = ranks

    def _rank(self, member: Any) -> int:
        if isinstance(member, WLEnumValue) and member.enum is self.type:
            return member.rank
        raise WLFatal(f"{describe(member)} is not a value of the combination {self.type.name}",
                      Err.ARGUMENT_TYPE)

    def get(self, member: Any) -> bool:
        """`c[Read]`: whether the combination holds the member."""
        return self._rank(member) in self.ranks

    def set(self, member: Any, on: Any) -> None:
        """`c[Read] = False`: takes the member out (True puts it in)."""
        rank = self._rank(member)
        if on:
            self.ranks.add(rank)
        else:
            self.ranks.discard(rank)

    def copy(self) -> WLCombination:
        return WLCombination(self.type, set(self.ranks))

    def __str__(self) -> str:
        return " + ".join(m.name for m in self.type.values() if m.rank in self.ranks)


def _ranks(v: Any) -> tuple[CombinationType, set[int]] | None:
    if isinstance(v, WLCombination):
        return v.type, v.ranks
    if isinstance(v, WLEnumValue) and isinstance(v.enum, CombinationType):
        return v.enum, {v.rank}
    return None


def combine(a: Any, b: Any) -> WLCombination | None:
    """`Read + Write`: the union, when both sides belong to one combination; else None."""
    x, y = _ranks(a), _ranks(b)
    if x is None or y is None:
        return None
    if x[0] is not y[0]:
        raise WLFatal(f"cannot combine values of {x[0].name} and {y[0].name}",
                      Err.ARGUMENT_TYPE)
    return WLCombination(x[0], x[1] | y[1])


def enum_compare(a: Any, b: Any) -> int:
    """Two members of one enumeration compare by their rank; two values of one
    combination are equal or not (they have no order); anything else is an error."""
    x, y = _ranks(a), _ranks(b)
    if x is not None and y is not None and x[0] is y[0]:
        return 0 if x[1] == y[1] else 1      # only = and <> mean something
    if isinstance(a, WLEnumValue) and isinstance(b, WLEnumValue) and a.enum is b.enum:
        return (a.rank > b.rank) - (a.rank < b.rank)
    raise WLFatal(f"cannot compare {describe(a)} with {describe(b)}", Err.ARGUMENT_TYPE)
