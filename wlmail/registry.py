"""The one registry of WLanguage names: a declaration table.

Every built-in function, type, property and constant is declared once, with its
English and French spellings.  The interpreter, `wlmail check`, the did-you-mean hints,
the secret masking of diagnostics and the generated reference in docs/ all read it;
keywords stay in the grammar.  This module imports no domain: each module of a domain
fills a `Declarations` of its own, and the domain hands them to a registry in its
`register(registry)`; `wlmail.domains.load_all` calls those in order (the CLI, the
doc generator and the tests call it; nothing loads a domain as a side effect).

Declaring things (in a domain's module):

    DECLARE = Declarations()

    @DECLARE.function("Length", "Taille")
    def length(rt, s): ...

    @DECLARE.wltype("emailSMTPSession", "emailSessionSMTP")
    class EmailSMTPSession(WLObject):
        PROPERTIES = (Property("ServerAddress", "AdresseServeur", "string"), ...)
        METHODS = {"StartSession": "EmailStartSession", "OuvreSession": "EmailStartSession"}

    DECLARE.constant("emailOptionDefault", "emailOptionDéfaut", value=0)

A name argument may be a string or a tuple of spellings (the first one is the one shown).
Arity comes from the Python signature: `rt` first, then the WLanguage parameters
(defaults make them optional, `*args` makes the count open).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .diagnostics import SECRETS, SecretNames
from .names import affixed, closest, fold, nearest
from .records import field, record
from .runtime.values import PRIMITIVES, T_VARIANT, WLObject, WLType, array_of

Names = str | tuple[str, ...]


def _spellings(names: Names) -> tuple[str, ...]:
    return (names,) if isinstance(names, str) else tuple(names)


def _attr_name(en: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", en)
    return s.lower()


@record
class Property:
    en: Names
    fr: Names
    type: str = "string"
    default: Any = None
    attr: str = ""
    secret: bool = False       # masked in diagnostics when a literal is assigned
    readonly: bool = False
    doc: str = ""
    _wl_type: WLType | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.en = _spellings(self.en)
        self.fr = _spellings(self.fr) if self.fr else ()
        if not self.attr:
            self.attr = _attr_name(self.en[0])

    @property
    def name(self) -> str:
        return self.en[0]

    @property
    def wl_type(self) -> WLType:
        if self._wl_type is None:
            self._wl_type = REGISTRY.parse_type(self.type)
        return self._wl_type

    def make_default(self) -> Any:
        if self.default is not None:
            return self.wl_type.convert(self.default)
        return self.wl_type.default()


@record
class FunctionEntry:
    en: tuple[str, ...]
    fr: tuple[str, ...]
    impl: Callable[..., Any] | None
    min_args: int = 0
    max_args: int | None = 0
    fallible: bool = False     # entering it resets ErrorOccurred
    domain: str = ""           # "email", "auth", "file": --strict counts failures of email/auth
    ui: bool = False           # a WINDEV window function: a clear error, or a printed message
    doc: str = ""
    returns: str = "Variant"   # the static type `check` assumes for the result
    secret_args: tuple[int, ...] = ()   # 0-based arguments masked in diagnostics (a password)
    # 0-based arguments the function writes into (Pop's variable): the implementation
    # gets an `Out` (runtime/collections.py) and the caller's variable takes its value.
    out_args: tuple[int, ...] = ()
    example: str = ""          # a short runnable script (wlmail doc, docs/reference.md)
    # 0-based arguments that take a procedure (ArraySort's comparison): a procedure's bare
    # name there is the procedure itself, not a call; the implementation gets a callable.
    procedure_args: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        return self.en[0]

    def arity_text(self) -> str:
        if self.max_args == self.min_args:
            return str(self.min_args)
        if self.max_args is None:
            return f"at least {self.min_args}"
        return f"{self.min_args} to {self.max_args}"


@record
class TypeEntry:
    en: tuple[str, ...]
    fr: tuple[str, ...]
    cls: type[WLObject]
    wl_type: WLType
    properties: dict[str, Property] = field(default_factory=dict)   # folded -> Property
    methods: dict[str, str] = field(default_factory=dict)           # folded -> function name
    doc: str = ""
    # Its value as text is a secret (an AuthToken is its access token): a literal
    # assigned to a variable of this type is masked in diagnostics.
    secret: bool = False
    example: str = ""          # a short runnable script (wlmail doc, docs/reference.md)

    @property
    def name(self) -> str:
        return self.en[0]

    def property_spellings(self) -> dict[str, str]:
        out = {}
        for p in self.cls.PROPERTIES:
            for s in p.en + p.fr:
                out[fold(s)] = s
        for m in self.cls.METHODS:
            out[fold(m)] = m
        return out


@record
class ConstantEntry:
    en: tuple[str, ...]
    fr: tuple[str, ...]
    value: Any
    doc: str = ""

    @property
    def name(self) -> str:
        return self.en[0]


@record
class GlobalEntry:
    """A predeclared global variable (the legacy `Email` structure): `factory(rt)` makes
    its value with the run's Context, right before the script starts."""
    en: tuple[str, ...]
    fr: tuple[str, ...]
    type_name: str
    factory: Callable[[Any], Any]
    doc: str = ""

    @property
    def name(self) -> str:
        return self.en[0]


class Registry:
    def __init__(self, secrets: SecretNames | None = None) -> None:
        self.functions: dict[str, FunctionEntry] = {}
        self.types: dict[str, TypeEntry] = {}
        self.constants: dict[str, ConstantEntry] = {}
        self.globals: dict[str, GlobalEntry] = {}
        self.ui_prefixes: tuple[str, ...] = ()
        # Static checks that a domain adds to `wlmail check` (see wlmail.runtime.lint).
        self.lints: list[Callable[..., Any]] = []
        # Methods every array has: folded method name -> English name of the function
        # called with the array first (`arr.Add(x)` is `ArrayAdd(arr, x)`).
        self.array_methods: dict[str, str] = {}
        # Called with the run's Context before the script's first statement (capture
        # mode's summary is wired so), in the order the domains were added.
        self.run_starts: list[Callable[[Any], None]] = []
        # The domains added, in order (adding one twice does nothing).
        self.domains: list[str] = []
        # What diagnostics mask: the properties and arguments declared secret.
        self.secrets = secrets if secrets is not None else SecretNames()
        # The spellings for hints and, per unknown name, the nearest one and the one it
        # is an affix of: kept while the tables keep their sizes, since a project calls
        # the same missing function (HFSQL's, say) hundreds of times and each search
        # compares the name with every spelling.
        self._names: tuple[tuple[int, ...], dict[str, str]] = ((), {})
        self._near: dict[str, tuple[tuple[str | None, int], str | None]] = {}

    # -- declaring --------------------------------------------------------
    def add_domain(self, name: str, *declarations: Declarations) -> bool:
        """Add what a domain declares; False (and nothing added) when it already was."""
        if name in self.domains:
            return False
        self.domains.append(name)
        for d in declarations:
            self.declare(d)
        return True

    def declare(self, d: Declarations) -> None:
        for f in d.functions:
            self.add_function(f)
        for t in d.types:
            self.add_type(t)
        for c in d.constants:
            self.add_constant(c)
        for g in d.globals:
            self.add_global(g)
        self.lints.extend(d.lints)
        self.array_methods.update(d.array_methods)
        if d.ui_prefixes:
            self.ui_prefixes = tuple(sorted(set(self.ui_prefixes) | d.ui_prefixes))
        self.run_starts.extend(d.run_starts)

    def _add(self, table: dict, entry: Any) -> None:
        for s in entry.en + entry.fr:
            key = fold(s)
            if key in table and table[key] is not entry:
                raise ValueError(f"name declared twice: {s}")
            table[key] = entry

    def add_function(self, entry: FunctionEntry) -> FunctionEntry:
        self._add(self.functions, entry)
        for position in entry.secret_args:
            self.secrets.add_argument(entry.en + entry.fr, position)
        return entry

    def add_type(self, entry: TypeEntry) -> TypeEntry:
        self._add(self.types, entry)
        for p in entry.cls.PROPERTIES:
            if p.secret:
                self.secrets.add_words(p.en + p.fr)
        return entry

    def add_constant(self, entry: ConstantEntry) -> ConstantEntry:
        self._add(self.constants, entry)
        return entry

    def add_global(self, entry: GlobalEntry) -> GlobalEntry:
        self._add(self.globals, entry)
        return entry

    # -- looking up -------------------------------------------------------
    def function(self, name: str) -> FunctionEntry | None:
        return self.functions.get(fold(name))

    def type(self, name: str) -> TypeEntry | None:
        return self.types.get(fold(name))

    def constant(self, name: str) -> ConstantEntry | None:
        return self.constants.get(fold(name))

    def global_var(self, name: str) -> GlobalEntry | None:
        return self.globals.get(fold(name))

    def is_ui_name(self, name: str) -> bool:
        """WINDEV controls (EDT_Name, SAI_Name...) by their conventional prefixes."""
        key = fold(name)
        return any(key.startswith(p) for p in self.ui_prefixes)

    def parse_type(self, text: str) -> WLType:
        key = fold(text.strip())
        m = re.match(r"(array|tableau) (of|de) (\d+ )?(.+)$", key)
        if m:
            size = int(m.group(3)) if m.group(3) else None
            return array_of(self.parse_type(m.group(4)), size)
        prim = BUILTIN_TYPE_NAMES.get(key)
        if prim is not None:
            return prim
        entry = self.types.get(key)
        if entry is None:
            raise KeyError(text)
        return entry.wl_type

    def _sizes(self) -> tuple[int, ...]:
        return (len(self.functions), len(self.constants), len(self.globals), len(self.types))

    def all_names(self) -> dict[str, str]:
        """Every spelling, folded -> shown, for hints on an unknown name (a copy)."""
        return dict(self._spellings())

    def _spellings(self) -> dict[str, str]:
        sizes, out = self._names
        if sizes == self._sizes():
            return out
        out = {}
        for table in (self.functions, self.constants, self.globals, self.types):
            for entry in table.values():
                for s in entry.en + entry.fr:
                    out.setdefault(fold(s), s)
        self._names, self._near = (self._sizes(), out), {}
        return out

    def near_names(self, name: str) -> tuple[tuple[str | None, int], str | None]:
        """For an unknown name: `nearest`'s answer among every spelling, and the spelling
        it is an affix of (names.affixed); computed once per name."""
        names = self._spellings()            # first: it forgets _near when the tables grew
        key = fold(name)
        if key not in self._near:
            self._near[key] = (nearest(name, names), affixed(name, names))
        return self._near[key]

    def hint(self, name: str, candidates: dict[str, str] | None = None) -> str | None:
        got = closest(name, candidates if candidates is not None else self.all_names())
        return f"did you mean `{got}`?" if got else None


# Primitive type spellings (types are names, not keywords: the grammar sees a NAME).
BUILTIN_TYPE_NAMES: dict[str, WLType] = {}
_PRIMITIVE_SPELLINGS = {
    "int": ("int", "integer", "entier", "int1", "int2", "int4", "int8", "int on 8 bytes",
            "unsigned int", "entier sans signe", "entier sur 8 octets"),
    "real": ("real", "réel", "numeric", "numérique", "currency", "monétaire", "real on 4 bytes",
             "réel sur 4 octets", "double"),
    "string": ("string", "chaîne", "ansi string", "unicode string", "chaîne ansi",
               "chaîne unicode", "string ansi", "string unicode", "character", "caractère",
               "strings", "chaînes"),
    "boolean": ("boolean", "booléen", "booleans", "booléens"),
    "buffer": ("buffer", "buffers"),
    "variant": ("variant", "variants"),
    "date": ("date", "dates"),
    "time": ("time", "heure"),
    "datetime": ("datetime", "dateheure", "datetimes"),
}
for _kind, _names in _PRIMITIVE_SPELLINGS.items():
    for _n in _names:
        BUILTIN_TYPE_NAMES[fold(_n)] = PRIMITIVES[_kind]
for _n in ("ints", "integers", "entiers"):
    BUILTIN_TYPE_NAMES[_n] = PRIMITIVES["int"]
for _n in ("reals", "réels", "reels"):
    BUILTIN_TYPE_NAMES[fold(_n)] = PRIMITIVES["real"]

# The registry of a run; diagnostics mask what its declarations flag as secret.
REGISTRY = Registry(SECRETS)


def _example(text: str) -> str:
    """An example as written in a declaration (indented in a triple-quoted string): its
    lines without the common indentation, one newline at the end.  (By hand rather than
    with textwrap: every run declares the examples, and start-up time counts.)"""
    if not text.strip():
        return ""
    lines = text.strip("\n").split("\n")
    cut = min(len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip())
    return "\n".join(ln[cut:] for ln in lines).rstrip() + "\n"


class Declarations:
    """What one module of a domain declares; nothing reaches a registry until the
    domain's `register(registry)` hands it to `Registry.add_domain`."""

    def __init__(self) -> None:
        self.functions: list[FunctionEntry] = []
        self.types: list[TypeEntry] = []
        self.constants: list[ConstantEntry] = []
        self.globals: list[GlobalEntry] = []
        self.lints: list[Callable[..., Any]] = []
        self.array_methods: dict[str, str] = {}
        self.ui_prefixes: set[str] = set()
        self.run_starts: list[Callable[[Any], None]] = []

    def function(self, en: Names, fr: Names = (), *, fallible: bool = False, domain: str = "",
                 ui: bool = False, returns: str = "Variant",
                 arity: tuple[int, int | None] | None = None, secret_args: tuple[int, ...] = (),
                 out_args: tuple[int, ...] = (),
                 example: str = "", procedure_args: tuple[int, ...] = ()
                 ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare a built-in function implemented by `impl(rt, *args)`; `secret_args`
        are the 0-based arguments that hold a secret (masked in diagnostics); `example`
        a short script that runs in capture mode (tests/learn/test_examples.py runs it)."""

        def wrap(impl: Callable[..., Any]) -> Callable[..., Any]:
            if arity is not None:
                lo, hi = arity
            else:
                # From the code object rather than `inspect` (slow to import at every start).
                code = impl.__code__
                n = code.co_argcount - 1                       # without `rt`
                lo = n - len(impl.__defaults__ or ())
                hi = None if code.co_flags & 0x04 else n       # 0x04: CO_VARARGS
            self.functions.append(FunctionEntry(
                _spellings(en), _spellings(fr) if fr else (), impl, lo, hi, fallible, domain, ui,
                (impl.__doc__ or "").strip(), returns, secret_args, out_args,
                _example(example), procedure_args))
            return impl

        return wrap

    def wltype(self, en: Names, fr: Names = (), doc: str = "",
               secret: bool = False, example: str = "") -> Callable[[type], type]:
        """Declare a WLanguage object type: a `WLObject` subclass with `PROPERTIES`
        (`secret`: its value as text is a secret, see TypeEntry.secret)."""

        def wrap(cls: type) -> type:
            assert issubclass(cls, WLObject)
            en_t, fr_t = _spellings(en), (_spellings(fr) if fr else ())
            cls.TYPE_NAME = en_t[0]
            t = WLType("object", en_t[0], None, cls=cls)
            entry = TypeEntry(en_t, fr_t, cls, t, doc=doc or (cls.__doc__ or "").strip(),
                              secret=secret, example=_example(example))
            for p in cls.PROPERTIES:
                for s in p.en + p.fr:
                    entry.properties[fold(s)] = p
            for m, target in cls.METHODS.items():
                entry.methods[fold(m)] = target
            cls.REGISTRY_ENTRY = entry
            self.types.append(entry)
            return cls

        return wrap

    def constant(self, en: Names, fr: Names = (), *, value: Any, doc: str = "") -> ConstantEntry:
        entry = ConstantEntry(_spellings(en), _spellings(fr) if fr else (), value, doc)
        self.constants.append(entry)
        return entry

    def global_variable(self, en: Names, fr: Names, type_name: str,
                        factory: Callable[[Any], Any], doc: str = "") -> GlobalEntry:
        entry = GlobalEntry(_spellings(en), _spellings(fr) if fr else (), type_name, factory, doc)
        self.globals.append(entry)
        return entry

    def lint(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Declare a static check run by `wlmail check` (and before `wlmail run`)."""
        self.lints.append(fn)
        return fn

    def array_method(self, spellings: Names, target: str) -> None:
        """`arr.Method(x)` calls the function `target` with the array first."""
        for s in _spellings(spellings):
            self.array_methods[fold(s)] = target

    def ui_prefix(self, *prefixes: str) -> None:
        """Names starting so are WINDEV controls (EDT_Name): not available in a console."""
        self.ui_prefixes.update(fold(p) for p in prefixes)

    def at_run_start(self, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        """`fn(rt)` runs with the run's Context before the script's first statement."""
        self.run_starts.append(fn)
        return fn


__all__ = [
    "REGISTRY",
    "T_VARIANT",
    "ConstantEntry",
    "Declarations",
    "FunctionEntry",
    "GlobalEntry",
    "Property",
    "Registry",
    "TypeEntry",
    "WLObject",
]
