"""Record classes (named fields, an `__init__`, `==`, a repr) for the modules that every
start of `wlmail run` imports, without `dataclasses`.

`dataclasses` imports `inspect` (and with it `ast`, `dis`, `tokenize`...: ~15 ms of each
start) and writes every class's methods by compiling source text (up to 1 ms a class on
a busy machine).  `@record` gives what those modules used of `@dataclass` — fields from
the annotations, defaults, `field(default_factory=..., repr=False)`, `__post_init__`,
`frozen=True` — with the same meaning, from methods written once here.  Modules off the
start-up path keep `dataclasses` (docs/packaging.md, "Start-up").
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")
_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (as `dataclasses.FrozenInstanceError`)."""


class _Field:
    __slots__ = ("default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, repr: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.repr = repr


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] = _MISSING,
          repr: bool = True) -> Any:
    """A field's default made by `default_factory()` for each instance, or a field left
    out of the repr."""
    return _Field(default, default_factory, repr)


@overload
def record(cls: type[_T], /) -> type[_T]: ...
@overload
def record(*, frozen: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(field_specifiers=(field,))
def record(cls: type[_T] | None = None, /, *, frozen: bool = False) -> Any:
    """`@record` or `@record(frozen=True)` over a class of annotated fields."""
    if cls is None:
        return lambda c: _make(c, frozen)
    return _make(cls, frozen)


def _make(cls: type[_T], frozen: bool) -> type[_T]:
    # (name, default, factory, shown in the repr); inherited fields first, as dataclasses.
    fields: list[tuple[str, Any, Any, bool]] = []
    for base in reversed(cls.__mro__[1:]):
        fields.extend(base.__dict__.get("__record_fields__", ()))
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, _MISSING)
        if isinstance(value, _Field):
            spec = (name, value.default, value.default_factory, value.repr)
            if value.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, value.default)
        else:
            spec = (name, value, _MISSING, True)
        fields = [f for f in fields if f[0] != name] + [spec]
    names = tuple(f[0] for f in fields)
    known = frozenset(names)
    defaults = {f[0]: f[1] for f in fields if f[1] is not _MISSING}
    factories = tuple((f[0], f[2]) for f in fields if f[2] is not _MISSING)
    required = tuple(f[0] for f in fields if f[1] is _MISSING and f[2] is _MISSING)
    shown = tuple(f[0] for f in fields if f[3])
    post_init = getattr(cls, "__post_init__", None)

    # Fields are written into the instance's __dict__ (as fast as dataclasses' compiled
    # __init__, and past a frozen record's __setattr__): a record has no property of the
    # same name as a field.
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__}() takes {len(names)} positional arguments "
                            f"but {len(args)} were given")
        d = self.__dict__
        d.update(defaults)
        d.update(zip(names, args, strict=False))  # the first fields, in order
        if kwargs:
            for name in kwargs:
                if name not in known:
                    raise TypeError(f"{cls.__name__}() got an unexpected keyword argument "
                                    f"{name!r}")
                if name in names[:len(args)]:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument "
                                    f"{name!r}")
            d.update(kwargs)
        for name, factory in factories:
            if name not in d:
                d[name] = factory()
        for name in required:
            if name not in d:
                raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
        if post_init is not None:
            post_init(self)

    def __repr__(self: Any) -> str:
        inside = ", ".join(f"{n}={getattr(self, n)!r}" for n in shown)
        return f"{type(self).__qualname__}({inside})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    methods: dict[str, Any] = {"__init__": __init__, "__repr__": __repr__, "__eq__": __eq__}
    if frozen:
        def __setattr__(self: Any, name: str, value: Any) -> None:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self: Any, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete field {name!r}")

        def __hash__(self: Any) -> int:
            return hash(tuple(getattr(self, n) for n in names))

        methods.update(__setattr__=__setattr__, __delattr__=__delattr__, __hash__=__hash__)
    elif "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
        methods["__hash__"] = None  # equal by value, so not hashable (as dataclasses)
    for name, method in methods.items():
        if name in ("__init__", "__repr__", "__eq__") and name in cls.__dict__:
            continue  # the class wrote its own
        if callable(method):
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    for name, value in (("__record_fields__", tuple(fields)), ("__match_args__", names)):
        setattr(cls, name, value)
    return cls
