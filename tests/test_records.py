"""wlmail/records.py gives what the start-up path used of `dataclasses`, with its meaning:
the same instances, equality, hashing, repr and errors as a dataclass of the same fields."""
from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from wlmail.records import FrozenInstanceError, field, record


@record
class Point:
    x: int
    label: str = "p"
    tags: list[str] = field(default_factory=list)
    cache: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.label = self.label.upper()


@dataclasses.dataclass
class DataPoint:
    x: int
    label: str = "p"
    tags: list[str] = dataclasses.field(default_factory=list)
    cache: Any = dataclasses.field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.label = self.label.upper()


@record(frozen=True)
class Pair:
    a: int
    b: str = ""


def test_fields_defaults_and_factories_as_a_dataclass() -> None:
    for cls in (Point, DataPoint):
        p = cls(1)
        assert (p.x, p.label, p.tags, p.cache) == (1, "P", [], None)
        assert cls(1).tags is not cls(1).tags
        assert vars(cls(2, "q", ["t"], cache=5)) == {"x": 2, "label": "Q", "tags": ["t"],
                                                      "cache": 5}
    assert Point.label == DataPoint.label == "p"           # a plain default stays on the class
    assert not hasattr(Point, "tags") and not hasattr(DataPoint, "tags")
    assert repr(Point(1, tags=["a"])) == "Point(x=1, label='P', tags=['a'])"
    assert Point.__match_args__ == DataPoint.__match_args__  # type: ignore[attr-defined]


def test_equality_and_hashing_as_a_dataclass() -> None:
    assert Point(1) == Point(1) and Point(1) != Point(2)
    assert Point(1) != DataPoint(1)
    nan = float("nan")   # the same object: equal, as in a tuple (and in a dataclass)
    assert Point(nan) == Point(nan) and DataPoint(nan) == DataPoint(nan)
    with pytest.raises(TypeError):
        hash(Point(1))                                      # equal by value: not hashable
    assert hash(Pair(1, "x")) == hash(Pair(1, "x")) and {Pair(1): 1}[Pair(1)] == 1


def test_a_frozen_record_refuses_assignment() -> None:
    p = Pair(1)
    with pytest.raises(FrozenInstanceError):
        p.a = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.b  # type: ignore[misc]
    assert p == Pair(a=1, b="")


@pytest.mark.parametrize("call, words", [
    (lambda: Point(), "missing required argument: 'x'"),
    (lambda: Point(label="q"), "missing required argument: 'x'"),
    (lambda: Point(1, x=2), "multiple values for argument 'x'"),
    (lambda: Point(1, "a", [], None, 5), "takes 4 positional arguments but 5 were given"),
    (lambda: Point(1, colour="red"), "unexpected keyword argument 'colour'"),
])
def test_wrong_arguments_are_refused_as_by_a_dataclass(call: Any, words: str) -> None:
    with pytest.raises(TypeError, match=words):
        call()


def test_a_subclass_adds_its_fields_after_its_base() -> None:
    @record
    class Tagged(Point):
        colour: str = "red"

    t = Tagged(1, colour="blue")
    assert (t.x, t.label, t.colour) == (1, "P", "blue")
    assert Tagged.__match_args__ == ("x", "label", "tags", "cache", "colour")  # type: ignore[attr-defined]
