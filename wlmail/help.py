"""`wlmail doc NAME`: what the registry knows of a name, in a terminal.

Everything shown comes from the registry (the same declarations docs/reference.md is
generated from) and from the grammar's keyword terminals: a function's forms, parameters
and result, a type's properties, a constant's value, the English/French twin, and the
names of the same family.  A family is the module that declared the name (its
`DECLARE`): `strings`, `files`, `email`...; its description is that module's docstring.
Nothing here is a second copy of the reference's text.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache
from typing import TextIO

from .docgen import _method_spelling, _property_default, _value
from .domains import load_all
from .names import closest, fold
from .project import catalogue
from .registry import (
    BUILTIN_TYPE_NAMES,
    REGISTRY,
    ConstantEntry,
    Declarations,
    FunctionEntry,
    GlobalEntry,
    Property,
    Registry,
    TypeEntry,
)
from .syntax.grammar import grammar_text

Entry = FunctionEntry | TypeEntry | ConstantEntry | GlobalEntry

# What each keyword terminal of the grammar means.  The spellings come from the grammar
# itself; tests/learn/test_doc.py checks that every terminal has a line here.
KEYWORD_MEANINGS: dict[str, str] = {
    "IF": "IF cond THEN ... [ELSE IF ...] [ELSE ...] END: runs a block when cond is True",
    "THEN": "follows the condition of IF (optional at the end of the line)",
    "ELSE": "the block of an IF run when no condition was True",
    "ELSE_IF": "ELSE IF / SINON SI: another condition of the same IF",
    "END": "closes a block (IF, SWITCH, FOR, WHILE, LOOP, PROCEDURE, WHEN EXCEPTION IN)",
    "SWITCH": "SWITCH expr CASE v1: ... OTHER CASE: ... END: picks the first CASE that matches",
    "CASE": "one branch of a SWITCH: CASE 1, 2 / CASE 3 TO 5 / CASE > 10",
    "OTHER_CASE": "OTHER CASE / AUTRE CAS: the SWITCH branch when no CASE matched",
    "FOR": "FOR i = 1 TO n [STEP s] ... END: a counted loop",
    "FOR_EACH": "FOR EACH x OF arr ... END (POUR TOUT): a loop over an array's elements",
    "TO": "the upper bound of a FOR loop or of a CASE range",
    "STEP": "the increment of a FOR loop (French PAS)",
    "PAS": "French: STEP of a FOR loop, or NOT before a condition",
    "OF": "OF / DE / IN / DANS: in `array of T` and `FOR EACH x OF arr`",
    "WHILE": "WHILE cond ... END (TANTQUE): a loop run while cond is True",
    "LOOP": "LOOP ... END (BOUCLE): a loop left with BREAK; LOOP(n) runs n times",
    "BREAK": "leaves the innermost loop",
    "CONTINUE": "goes on with the next turn of the innermost loop",
    "RETURN": "leaves the procedure (or ends the main code)",
    "RESULT": "RESULT value: leaves the procedure and gives its result",
    "PROCEDURE": "PROCEDURE Name(params) ... END: declares a procedure of the script; "
                 "in an expression, PROCEDURE(a is int): int { code } is a typed lambda "
                 "(also (a, b) => { code } and x => x * 2)",
    "INTERNAL_PROCEDURE": "INTERNAL PROCEDURE Name(...) ... END: a procedure inside another",
    "WHEN_EXCEPTION": "WHEN EXCEPTION IN ... DO ... END: runs DO's block when a fatal error "
                      "happens in the first one (ExceptionInfo() tells which)",
    "WHEN_EXCEPTION_GENERAL": "WHEN EXCEPTION ... END (QUAND EXCEPTION): a general handler; a "
                              "fatal error in the rest of the block, or in what it calls, runs "
                              "it, then the procedure ends",
    "DO": "the handler part of WHEN EXCEPTION IN ... DO ... END",
    "EXTERN": 'EXTERN "file.wl": includes another script\'s code at this place',
    "IS": "X is T / X est un T / X, Y are T: declares variables of a type",
    "LET": "LET X = value (SOIT): declares X with the type of its value",
    "GLOBAL": "GLOBAL: the declarations that follow are globals of the script",
    "LOCAL": "LOCAL: the declarations that follow are local",
    "ARRAY": "array of T / tableau de T: a 1-based array; `array of 3 T` has a fixed size",
    "AND": "logical AND; both sides are evaluated (_AND_ stops early)",
    "OR": "logical OR; both sides are evaluated (_OR_ stops early)",
    "AND_SC": "_AND_ / _ET_: AND that does not evaluate its right side when the left is False",
    "OR_SC": "_OR_ / _OU_: OR that does not evaluate its right side when the left is True",
    "NOT": "logical negation (French PAS)",
    "MODULO": "a modulo b: the remainder, with the sign of a",
    "TRUE": "the boolean True (Vrai)",
    "FALSE": "the boolean False (Faux)",
    "NULL": "Null: equals an empty string, an unset Variant, an empty array or object",
    "PRIVATE": "PRIVATE (PRIVÉ): a member or method used only by its own class's methods",
    "PROTECTED": "PROTECTED (PROTÉGÉ): a member or method of the class and the classes that inherit from it",
    "PUBLIC": "PUBLIC (PUBLIQUE): a member or method anyone may use (the default)",
    "VIRTUAL": "PROCEDURE VIRTUAL (VIRTUELLE): kept; every method is virtual in wlmail",
    "PROPERTY": "PROPERTY cA::Name() / cA::Name(Value) (PROPRIÉTÉ): a class property's two processes",
    "ABSTRACT": "PROCEDURE ABSTRACT cA::M() (ABSTRAITE): a method the inheriting classes define",
    "RESTRICTED": "PROCEDURE RESTRICTED (RESTREINTE): kept; changes nothing outside a class",
    "INTERNAL": "PROCEDURE INTERNAL: a modifier kept as written (INTERNAL PROCEDURE: an internal one)",
    "CONSTANT": "CONSTANT X = value, or CONSTANT ... END (CONSTANTE): values computed before the code runs",
    "LABEL_ERROR": "CASE ERROR: (CAS ERREUR:) in a procedure: where a failing function call jumps to",
    "LABEL_EXCEPTION": "CASE EXCEPTION: (CAS EXCEPTION:) in a procedure: where a fatal error jumps to",
    "EACH_STRING": "FOR EACH STRING s OF text SEPARATED BY sep (POUR TOUTE CHAÎNE): over its pieces",
    "SEPARATED": "SEPARATED BY (SÉPARÉE PAR): the separator of FOR EACH STRING",
    "BY": "SEPARATED BY (SÉPARÉE PAR): the separator of FOR EACH STRING",
    "FILE_KEY": "FOR EACH row OF file ON key (SUR): over an HFSQL data file, refused when run",
    "FILE_WHERE": "FOR EACH row OF file WHERE cond (AVEC): a filtered HFSQL loop, refused when run",
    # classes and structures (docs/language.md, "Classes and structures")
    "CLASS_KW": "cAccount is Class ... END (est une Classe ... FIN): declares a class",
    "STRUCTURE_KW": "STMail is Structure ... END: declares a structure (its members are copied)",
    "INHERITS": "INHERITS FROM cBase (hérite de): in a class, the class it inherits from",
    "NEW": "new cNode(args) (allouer un): makes a dynamic object and runs its constructor",
    "DELETE": "delete o (libérer): runs the object's destructors; o is then NULL",
    "CONSTRUCTOR": "Constructor cBase(args) (Constructeur): in a constructor, the base class's one",
}


@dataclass
class Keyword:
    terminal: str
    strings: set[str] = field(default_factory=set)      # folded one-word spellings
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def matches(self, folded: str) -> bool:
        return folded in self.strings or any(p.fullmatch(folded) for p in self.patterns)


@cache
def keywords() -> dict[str, Keyword]:
    """The grammar's keyword terminals, with their spellings."""
    section = grammar_text().split("// ---- keywords", 1)[1].split("// ---- operators", 1)[0]
    out: dict[str, Keyword] = {}
    for line in section.splitlines():
        m = re.match(r'([A-Z_0-9]+)(?:\.\d+)?: (".*"i|/.*/i)$', line)
        if not m:
            continue
        kind = m.group(1).split("__")[0]
        kw = out.setdefault(kind, Keyword(kind))
        if m.group(2).startswith('"'):
            kw.strings.add(m.group(2)[1:-2].lower())
        else:
            kw.patterns.append(re.compile(m.group(2)[1:-2], re.I))
    return out


# -- families ------------------------------------------------------------------
def _family_name(module: str) -> str:
    parts = module.split(".")
    if parts[:3] == ["wlmail", "runtime", "builtins"] and len(parts) > 3:
        return parts[3]
    return parts[1] if len(parts) > 1 else module


@dataclass
class Family:
    name: str
    about: str
    entries: list[Entry] = field(default_factory=list)


def families(reg: Registry) -> dict[str, Family]:
    """The declaring modules of the registry's entries, by family name.  The domains
    have been loaded, so every module that declared something is imported."""
    registered = {id(e) for table in (reg.functions, reg.types, reg.constants, reg.globals)
                  for e in table.values()}
    out: dict[str, Family] = {}
    for module_name, module in sorted(sys.modules.items()):
        decl = getattr(module, "DECLARE", None)
        if not module_name.startswith("wlmail.") or not isinstance(decl, Declarations):
            continue
        entries: list[Entry] = [*decl.functions, *decl.types, *decl.constants, *decl.globals]
        entries = [e for e in entries if id(e) in registered]
        if not entries:
            continue
        name = _family_name(module_name)
        fam = out.get(name)
        if fam is None:
            pkg = sys.modules.get(".".join(module_name.split(".")[:2]))
            source = module if name != module_name.split(".")[1] or pkg is None else pkg
            about = (source.__doc__ or "").strip().split("\n\n")[0]
            fam = out[name] = Family(name, " ".join(about.split()))
        fam.entries.extend(entries)
    return out


def family_of(entry: Entry, fams: dict[str, Family]) -> Family | None:
    for fam in fams.values():
        if any(e is entry for e in fam.entries):
            return fam
    return None


# -- formatting ----------------------------------------------------------------
def _plain(text: str) -> str:
    return " ".join(text.split())


def _param_name(py_name: str) -> str:
    return "".join(w.upper() if w in ("smtp", "pop3", "url", "id") else w.capitalize()
                   for w in py_name.split("_"))


def _signature(f: FunctionEntry) -> str:
    if f.impl is None:
        return f"{f.name}()"
    code = f.impl.__code__
    names = [_param_name(n) for n in code.co_varnames[1:code.co_argcount]]
    required = names[:f.min_args]
    optional = names[f.min_args:]
    text = ", ".join(required)
    for n in optional:
        text += f" [, {n}" if text else f"[{n}"
    text += "]" * len(optional)
    if f.max_args is None:
        text += ", ..." if text else "..."
    return f"{f.name}({text})"


def _forms(f: FunctionEntry) -> list[str]:
    """Every form the doc text writes (`EmailStartSession(...)`), else the signature."""
    spellings = {fold(s) for s in f.en + f.fr}
    forms = []
    for m in re.finditer(r"`([^`]+)`", f.doc):
        code = _plain(m.group(1))
        head = re.match(r"(?:\w+\s*=\s*)?([A-Za-zÀ-ÿ_0-9]+)\s*\(", code)
        if head and fold(head.group(1)) in spellings and code not in forms:
            forms.append(code)
    return forms or [_signature(f)]


def _twins(entry: Entry, shown: str) -> str:
    others = [s for s in entry.en + entry.fr if s != shown]
    return f"  Also written: {', '.join(others)}" if others else ""


def _related(entry: Entry, fams: dict[str, Family], limit: int = 24) -> list[str]:
    fam = family_of(entry, fams)
    if fam is None:
        return []
    names = sorted({e.name for e in fam.entries if fold(e.name) != fold(entry.name)}, key=fold)
    more = len(names) - limit
    line = ", ".join(names[:limit]) + (f" (and {more} more)" if more > 0 else "")
    return ["", f"Related ({fam.name}): {line}"] if names else []


def describe_function(f: FunctionEntry, fams: dict[str, Family]) -> list[str]:
    lines = [f"{f.name} (function)", _twins(f, f.name), "", "Syntax:"]
    lines += [f"  {form}" for form in _forms(f)]
    if f.impl is not None:
        code = f.impl.__code__
        params = code.co_varnames[1:code.co_argcount]
        if params or f.max_args is None:
            lines += ["", "Parameters:"]
            for i, p in enumerate(params):
                lines.append(f"  {_param_name(p)}" + ("" if i < f.min_args else " (optional)"))
            if f.max_args is None:
                lines.append("  ... any number more")
    lines += ["", f"Result: {f.returns or 'none'}"]
    if f.doc:
        lines += ["", *[_plain(par) for par in f.doc.split("\n\n")]]
    notes = []
    if f.ui:
        notes.append("a WINDEV window function: outside a window, wlmail reports it is not "
                     "available")
    if f.fallible:
        notes.append(f"non-fatal errors ({f.domain or 'any'}): on failure ErrorOccurred is "
                     "True and ErrorInfo() tells why; calling it resets ErrorOccurred")
    if notes:
        lines += ["", "In wlmail: " + "; ".join(notes) + "."]
    return _tidy(lines + _example_lines(f.example) + _related(f, fams))


def _example_lines(example: str) -> list[str]:
    """The declaration's runnable example (tests/learn/test_examples.py runs each)."""
    if not example:
        return []
    return ["", "Example (wlmail run --capture DIR example.wl):",
            *[f"  {ln}" if ln else "" for ln in example.rstrip("\n").split("\n")]]


def _property_line(p: Property, owner: str = "") -> str:
    flags = [p.type, f"default {_property_default(p).strip('`')}"]
    if p.readonly:
        flags.append("read-only")
    if p.secret:
        flags.append("secret: masked in diagnostics")
    fr = f" / {', '.join(p.fr)}" if p.fr else ""
    doc = f": {_plain(p.doc)}" if p.doc else ""
    return f"  {owner}{', '.join(p.en)}{fr} ({'; '.join(flags)}){doc}"


def describe_type(t: TypeEntry, fams: dict[str, Family]) -> list[str]:
    lines = [f"{t.name} (type)", _twins(t, t.name), "", "Syntax:", f"  MyVar is {t.name}"]
    if t.doc:
        lines += ["", _plain(t.doc)]
    if t.cls.PROPERTIES:
        lines += ["", "Properties:"] + [_property_line(p) for p in t.cls.PROPERTIES]
    if t.cls.METHODS:
        lines += ["", "Methods:"]
        lines += [f"  .{m}(...) is {target}(MyVar, ...)" for m, target in t.cls.METHODS.items()]
    return _tidy(lines + _example_lines(t.example) + _related(t, fams))


def describe_constant(c: ConstantEntry, fams: dict[str, Family]) -> list[str]:
    lines = [f"{c.name} (constant)", _twins(c, c.name), "", f"Value: {_value(c.value)}"]
    if c.doc:
        lines += ["", _plain(c.doc)]
    return _tidy(lines + _related(c, fams))


def describe_global(g: GlobalEntry, fams: dict[str, Family]) -> list[str]:
    lines = [f"{g.name} (predeclared variable of type {g.type_name})", _twins(g, g.name)]
    if g.doc:
        lines += ["", _plain(g.doc)]
    return _tidy(lines + _related(g, fams))


def describe_property(owners: list[tuple[TypeEntry, Property]]) -> list[str]:
    p0 = owners[0][1]
    lines = [f"{p0.name} (property)", _twins_of(p0), "", "Types that have it:"]
    for t, p in owners:
        lines.append(_property_line(p, f"{t.name}."))
    lines += ["", f"Syntax: MyVar.{p0.name}"]
    return _tidy(lines)


def _twins_of(p: Property) -> str:
    others = list(p.en[1:]) + list(p.fr)
    return f"  Also written: {', '.join(others)}" if others else ""


def describe_keyword(kw: Keyword, typed: str) -> list[str]:
    spellings = sorted(s.upper() for s in kw.strings)
    shown = ", ".join(spellings) if spellings else typed.upper()
    meaning = KEYWORD_MEANINGS.get(kw.terminal)
    lines = [f"{typed.upper()} (keyword {kw.terminal}; spellings: {shown})"]
    lines.append(meaning if meaning else "A keyword of the language.")
    return lines


def _tidy(lines: list[str]) -> list[str]:
    # A name without a twin leaves an empty "also written" line: no blank runs, no blank end.
    out: list[str] = []
    for ln in lines:
        if ln == "" and (not out or out[-1] == ""):
            continue
        out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return out


# -- looking up ----------------------------------------------------------------
def _unique_types(reg: Registry) -> list[TypeEntry]:
    seen: dict[int, TypeEntry] = {id(t): t for t in reg.types.values()}
    return sorted(seen.values(), key=lambda t: fold(t.name))


def _properties(reg: Registry, key: str) -> list[tuple[TypeEntry, Property]]:
    out = []
    for t in _unique_types(reg):
        p = t.properties.get(key)
        if p is not None:
            out.append((t, p))
    return out


def _candidates(reg: Registry, kws: dict[str, Keyword]) -> dict[str, str]:
    out = reg.all_names()
    for t in {id(t): t for t in reg.types.values()}.values():
        for p in t.cls.PROPERTIES:
            for s in p.en + p.fr:
                out.setdefault(fold(s), s)
    for kw in kws.values():
        for s in kw.strings:
            out.setdefault(s, s.upper())
    return out


def lookup(name: str, reg: Registry | None = None) -> tuple[list[str], bool]:
    """The text describing `name`, and whether it is a name wlmail knows."""
    reg = load_all(reg or REGISTRY)
    fams = families(reg)
    key = fold(" ".join(name.split()))
    blocks: list[list[str]] = []
    f = reg.function(key)
    if f is not None:
        blocks.append(describe_function(f, fams))
    t = reg.type(key)
    if t is not None:
        blocks.append(describe_type(t, fams))
    c = reg.constant(key)
    if c is not None:
        blocks.append(describe_constant(c, fams))
    g = reg.global_var(key)
    if g is not None:
        blocks.append(describe_global(g, fams))
    owners = _properties(reg, key)
    if owners:
        blocks.append(describe_property(owners))
    methods = [(t, t.methods[key]) for t in _unique_types(reg) if key in t.methods]
    if methods:
        spelt = next(m for m in methods[0][0].cls.METHODS if fold(m) == key)
        lines = [f"{spelt} (method)"]
        lines += [f"  MyVar.{spelt}(...), MyVar being {t.name}, is {target}(MyVar, ...)"
                  for t, target in methods]
        lines.append(f"  (wlmail doc {methods[0][1]} describes it)")
        blocks.append(lines)
    target = reg.array_methods.get(key)
    if target is not None:
        spelt = _method_spelling(key, reg.function(target))
        blocks.append([f"{spelt} (array method)", f"  MyArray.{spelt}(...) is "
                       f"{target}(MyArray, ...)"])
    if key in BUILTIN_TYPE_NAMES or re.match(r"(array|tableau) (of|de) ", key):
        blocks.append([f"{name} (type)", "A simple value type of WLanguage.", "",
                       "Syntax:", f"  MyVar is {name}", f"  MyArray is array of {name}"])
    kws = keywords()
    for kw in kws.values():
        if kw.matches(key):
            blocks.append(describe_keyword(kw, name))
            break
    if blocks:
        out: list[str] = []
        for b in blocks:
            if out:
                out.append("")
            out += b
        return out, True
    known = catalogue.entries().get(key)
    if known is not None:
        return [f"{known[0]} is a WLanguage name of the family \"{known[1]}\" that wlmail "
                "does not provide (it is not part of the email language wlmail runs)."], False
    got = closest(name, _candidates(reg, kws))
    hint = f" Did you mean `{got}`?" if got else ""
    return [f"wlmail doc: {name}: no function, type, property, constant or keyword has this "
            f"name.{hint}"], False


def family_list(reg: Registry | None = None) -> list[str]:
    reg = load_all(reg or REGISTRY)
    fams = families(reg)
    lines = ["The families of names (wlmail doc NAME describes one; names ignore case and "
             "accents, English and French alike):", ""]
    for fam in sorted(fams.values(), key=lambda f: f.name):
        names = sorted({e.name for e in fam.entries}, key=fold)
        lines.append(f"{fam.name} ({len(names)}): {fam.about}")
        lines.append("  " + ", ".join(names))
    lines += ["", "Keywords: " + ", ".join(sorted(keywords())) + " (wlmail doc IF...)"]
    return lines


def doc_command(names: list[str], out: TextIO, err: TextIO) -> int:
    """`wlmail doc [NAME...]`: 0 when every name is known, 1 otherwise."""
    if not names:
        out.write("\n".join(family_list()) + "\n")
        return 0
    status = 0
    for i, name in enumerate(names):
        text, known = lookup(name)
        if known:
            if i:
                out.write("\n")
            out.write("\n".join(text) + "\n")
        else:
            err.write("\n".join(text) + "\n")
            status = 1
    return status


__all__ = ["KEYWORD_MEANINGS", "doc_command", "families", "family_list", "keywords", "lookup"]
