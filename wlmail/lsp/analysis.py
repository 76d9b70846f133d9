"""What the language server knows of one document: the static pass's result (the same
diagnostics as `wlmail check`) and the answers to an editor's questions — hover,
completion, signature help, definition, symbols — in plain Python values.

Nothing here imports the LSP library: positions are 0-based lines and columns counted
in characters (code points); wlmail/lsp/server.py turns them into the protocol's units.
Every question gets an answer on any text: a document that does not parse still has its
words, its `X is T` lines and its PROCEDURE lines, read here with plain patterns, and
the last analysis that parsed (`previous`) is kept for what only the resolver knows.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..diagnostics import Diagnostic
from ..names import fold
from ..registry import BUILTIN_TYPE_NAMES, REGISTRY, FunctionEntry, TypeEntry
from ..runtime.context import RunOptions
from ..runtime.interpreter import Checked, static_pass
from ..runtime.resolution import Resolution, VarInfo
from ..runtime.values import WLType
from ..syntax import ast

WORD = r"[A-Za-z_\u00C0-\u024F][A-Za-z0-9_\u00C0-\u024F]*"
_WORD_AT = re.compile(WORD)
_MEMBER_CHAIN = re.compile(rf"((?:{WORD}(?:\[[^\[\]]*\])?\s*\.\s*)+)({WORD})?$")
_AFTER_IS = re.compile(rf"(?:^|[\s,]){WORD}\s+(?:is|are|est|sont)\s+(?:an?\s+|une?\s+|des\s+)?"
                       rf"(?:(?:array|tableau)\s+(?:of|de)\s+(?:\d+\s+)?)?({WORD})?$", re.I)
_DECLARATION = re.compile(
    rf"^\s*(?:(?:GLOBAL|GLOBALE|LOCAL|LOCALE)\s+)?({WORD}(?:\s*,\s*{WORD})*)\s+"
    rf"(?:is|are|est|sont)\s+(?:an?\s+|une?\s+|des\s+)?([^=/\n]+?)\s*(?:=.*)?(?://.*)?$", re.I)
_PROCEDURE_LINE = re.compile(
    rf"^\s*((?:INTERNAL|INTERNE)\s+)?PROC[EÉ]DURE\s+((?:{WORD}\s+)*?)({WORD})\s*(\([^)]*\)?)?", re.I)

_EXTERN_LINE = re.compile(r'^\s*(EXTERNE?)\s+"([^"]+)"', re.I)

# Keywords offered by completion, in the script's language (the grammar accepts both).
KEYWORDS = {
    "en": ("IF", "THEN", "ELSE", "END", "SWITCH", "CASE", "OTHER CASE", "FOR", "FOR EACH",
           "TO", "STEP", "WHILE", "LOOP", "BREAK", "CONTINUE", "RETURN", "RESULT",
           "PROCEDURE", "INTERNAL PROCEDURE", "WHEN EXCEPTION IN", "DO", "EXTERN", "is",
           "array of", "LET", "GLOBAL", "LOCAL", "CONSTANT", "AND", "OR", "NOT", "True",
           "False", "Null"),
    "fr": ("SI", "ALORS", "SINON", "FIN", "SELON", "CAS", "AUTRE CAS", "POUR", "POUR TOUT",
           "À", "PAS", "TANTQUE", "BOUCLE", "SORTIR", "CONTINUER", "RETOUR", "RENVOYER",
           "PROCÉDURE", "PROCÉDURE INTERNE", "QUAND EXCEPTION DANS", "FAIRE", "EXTERNE",
           "est un", "tableau de", "SOIT", "GLOBAL", "LOCAL", "CONSTANTE", "ET", "OU", "PAS",
           "Vrai", "Faux", "Null"),
}
_FRENCH_WORDS = {"si", "alors", "sinon", "fin", "selon", "pour", "tantque", "boucle", "sortir",
                 "renvoyer", "retour", "est", "un", "une", "tableau", "soit", "constante",
                 "vrai", "faux", "et", "ou", "faire", "quand", "dans", "chaine", "entier",
                 "booleen", "reel", "externe", "tout", "toute"}
_ENGLISH_WORDS = {"if", "then", "else", "end", "switch", "for", "while", "loop", "break",
                  "return", "result", "is", "array", "of", "let", "constant", "true", "false",
                  "and", "or", "not", "do", "when", "in", "string", "int", "boolean", "real",
                  "extern", "each"}


# ---- what an answer is made of --------------------------------------------------------
@dataclass
class Place:
    file: str
    line: int            # 0-based
    column: int          # 0-based
    length: int = 1


@dataclass
class Completion:
    label: str
    kind: str            # function, variable, type, property, method, constant, keyword, procedure
    detail: str = ""


@dataclass
class Signature:
    label: str
    parameters: list[str]
    active: int
    doc: str = ""


@dataclass
class Symbol:
    name: str
    kind: str            # procedure, variable, constant
    line: int
    column: int
    end_line: int
    detail: str = ""
    children: list[Symbol] = field(default_factory=list)


@dataclass
class Var:
    """A variable as the editor sees it: where it is declared and its type."""
    name: str
    type: WLType | None
    type_text: str
    place: Place | None
    scope: str = ""      # "" the main code, else the procedure's folded name


@dataclass
class Proc:
    name: str
    params: list[str]
    place: Place
    end_line: int        # 0-based, in place.file
    internal: bool = False
    return_type: str = ""


# ---- the analysis ---------------------------------------------------------------------
class Analysis:
    """One version of one document, analysed."""

    def __init__(self, path: str, text: str, version: int = 0,
                 previous: Analysis | None = None, resolve: bool = True) -> None:
        """`resolve=False`: only the patterns over the text, merged with what `previous`
        resolved (a question asked while the document's check has not finished)."""
        self.path, self.text, self.version = path, text, version
        self.lines = text.split("\n")
        self.language: str = (previous.language if previous is not None and not resolve
                         else script_language(text))
        self.checked: Checked | None = _static_pass(path, text) if resolve else None
        self.resolution: Resolution | None = self.checked.resolution if self.checked else None
        self._diagnostics = (self.checked.diagnostics if self.checked is not None
                             else previous.diagnostics if previous is not None else [])
        if self.checked is not None and self.resolution is None:
            # The text does not parse (a line being typed): the same text without the
            # line of the syntax error often does, and gives the scopes and types.
            bad = self.checked.diagnostics[-1].line if self.checked.diagnostics else 0
            repaired = _blank_line(text, bad)
            if repaired is not None:
                self.resolution = _static_pass(path, repaired).resolution
        self.vars: list[Var] = []
        self.procs: dict[str, list[Proc]] = {}
        self._procs_sorted: tuple[list[int], list[Proc]] | None = None
        self._by_scope: dict[str, list[Var]] | None = None
        if self.resolution is not None:
            self._read_resolution(self.resolution)
        elif previous is not None:
            self.vars, self.procs = list(previous.vars), dict(previous.procs)
        self._read_patterns()

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self._diagnostics

    def document_diagnostics(self) -> list[Diagnostic]:
        """The diagnostics to show in this document: its own, and those of the files it
        EXTERNs, shown on the EXTERN line that brings them in (`lib.wl:3:5: ...`)."""
        own = [d for d in self.diagnostics if d.file == self.path]
        others = [d for d in self.diagnostics if d.file != self.path]
        if not others:
            return own
        externs: list[tuple[int, int, str]] = []
        for i, ln in enumerate(self.lines):
            m = _EXTERN_LINE.match(ln)
            if m:
                externs.append((i, m.start(1), m.group(2)))
        if not externs:
            return own
        folder = Path(self.path).parent
        for d in others:
            target = Path(d.file)
            line, col, _ = next(((i, c, name) for i, c, name in externs
                                 if (folder / name) == target or Path(name).name == target.name),
                                externs[0])
            where = f"{target.name}:{d.line}:{d.column}"
            own.append(Diagnostic(self.path, line + 1, col + 1, f"{where}: {d.message}",
                                  d.severity, d.hint, None, len("EXTERN")))
        return own

    # -- what the resolver found
    def _read_resolution(self, res: Resolution) -> None:
        where: dict[int, Place] = {}
        for node, refs in res.declared.items():
            for ref in refs:
                where[id(ref.info)] = Place(node.file, ref.info.line - 1, ref.info.column - 1,
                                            len(ref.info.name))
        for node, (ref, other) in res.loop_vars.items():
            for r in (ref, other):
                if r is not None and id(r.info) not in where:
                    where[id(r.info)] = Place(node.file, node.line - 1, node.column - 1)

        def add_vars(scope_vars: dict[str, VarInfo], scope: str, default_file: str) -> None:
            for info in scope_vars.values():
                if info.name.startswith("\x00"):     # the resolver's own (a loop's key)
                    continue
                place = where.get(id(info))
                if place is None and info.line:
                    place = Place(default_file, info.line - 1, info.column - 1, len(info.name))
                self.vars.append(Var(info.name, info.type, info.type.name, place, scope))

        add_vars(res.main.vars, "", self.path)
        for proc in res.procs:
            node = proc.node
            if proc.name.startswith("<"):     # a lambda: no name to offer or go to
                add_vars(proc.scope.vars, fold(proc.name), node.file)
                continue
            end = max((n.line for n in node.walk()), default=node.line)
            params = [_param_text(p) for p in node.params]
            ret = node.return_type.name if node.return_type is not None else ""
            column = _name_column(res.texts.get(node.file, ""), node.line, node.column, proc.name)
            self.procs.setdefault(fold(proc.name), []).append(
                Proc(proc.name, params, Place(node.file, node.line - 1, column, len(proc.name)),
                     end - 1, node.internal, ret))
            add_vars(proc.scope.vars, fold(proc.name), node.file)

    # -- what plain patterns find (also in a text that does not parse)
    def _read_patterns(self) -> None:
        known = {(v.scope, fold(v.name)) for v in self.vars}
        procs = sorted(((i, m) for i, ln in enumerate(self.lines)
                        if (m := _PROCEDURE_LINE.match(ln))), key=lambda x: x[0])
        for n, (i, m) in enumerate(procs):
            key = fold(m.group(3))
            if any(p.place.file == self.path and p.place.line == i for p in self.procs.get(key, [])):
                continue
            end = procs[n + 1][0] - 1 if n + 1 < len(procs) else len(self.lines) - 1
            params = [p.strip() for p in (m.group(4) or "").strip("()").split(",") if p.strip()]
            self.procs[key] = [Proc(m.group(3), params, Place(self.path, i, m.start(3),
                                                               len(m.group(3))),
                                    end, bool(m.group(1)))] + [
                p for p in self.procs.get(key, []) if p.place.file != self.path]
        self._procs_sorted = None
        for i, ln in enumerate(self.lines):
            m = _DECLARATION.match(ln)
            if not m:
                continue
            scope = self.scope_at(i)
            type_text = m.group(2).strip()
            typ = _parse_type(type_text)
            for nm in re.finditer(WORD, m.group(1)):
                name = nm.group(0)
                if (scope, fold(name)) in known:
                    continue
                known.add((scope, fold(name)))
                self.vars.append(Var(name, typ, typ.name if typ else type_text,
                                     Place(self.path, i, m.start(1) + nm.start(), len(name)), scope))

    # -- scopes
    def proc_at(self, line: int) -> Proc | None:
        """The innermost procedure of this file around the 0-based line."""
        starts, procs = self._proc_index()
        at = bisect.bisect_right(starts, line)
        for p in reversed(procs[:at]):       # the nearest start first: the innermost
            if p.end_line >= line:
                return p
            if not p.internal:
                # A procedure ends where the next one starts: none before it is open,
                # unless this one is internal to it.
                break
        return None

    def _proc_index(self) -> tuple[list[int], list[Proc]]:
        if self._procs_sorted is None:
            mine = sorted((p for ps in self.procs.values() for p in ps if p.place.file == self.path),
                          key=lambda p: p.place.line)
            self._procs_sorted = ([p.place.line for p in mine], mine)
        return self._procs_sorted

    def scope_at(self, line: int) -> str:
        p = self.proc_at(line)
        return fold(p.name) if p is not None else ""

    def visible_vars(self, line: int) -> dict[str, Var]:
        """Folded name -> variable, the innermost scope winning."""
        scopes = [""]
        p = self.proc_at(line)
        while p is not None:
            scopes.insert(1, fold(p.name))
            p = self.proc_at(p.place.line - 1) if p.internal else None
        out: dict[str, Var] = {}
        for scope in scopes:       # outer first: an inner declaration replaces it
            for v in self._vars_of(scope):
                out[fold(v.name)] = v
        return out

    def _vars_of(self, scope: str) -> list[Var]:
        if self._by_scope is None:
            self._by_scope = {}
            for v in self.vars:
                self._by_scope.setdefault(v.scope, []).append(v)
        return self._by_scope.get(scope, [])

    # -- questions
    def word_at(self, line: int, column: int) -> tuple[str, int, int] | None:
        if not 0 <= line < len(self.lines):
            return None
        text = self.lines[line]
        for m in _WORD_AT.finditer(text):
            if m.start() <= column <= m.end():
                return m.group(0), m.start(), m.end()
        return None

    def hover(self, line: int, column: int) -> tuple[str, tuple[int, int, int]] | None:
        got = self.word_at(line, column)
        if got is None or _in_string_or_comment(self.lines[line], got[1]):
            return None
        word, start, end = got
        span = (line, start, end)
        before = self.lines[line][:start]
        member = _MEMBER_CHAIN.search(_tail(before + word))
        if member and member.group(1):
            owner = self._chain_type(member.group(1), line)
            if owner is not None:
                text = _member_doc(owner, word)
                if text:
                    return text, span
        v = self.visible_vars(line).get(fold(word))
        if v is not None:
            where = f" (declared line {v.place.line + 1})" if v.place else ""
            text = f"```wlanguage\n{v.name} is {v.type_text}\n```\nVariable{where}"
            return text, span
        procs = self.procs.get(fold(word))
        if procs:
            p = procs[0]
            head = "INTERNAL PROCEDURE" if p.internal else "PROCEDURE"
            ret = f": {p.return_type}" if p.return_type else ""
            where = Path(p.place.file).name
            return (f"```wlanguage\n{head} {p.name}({', '.join(p.params)}){ret}\n```\n"
                    f"Declared in {where}, line {p.place.line + 1}", span)
        known, doc = _doc(word)
        if known:
            return f"```text\n{doc}\n```", span
        return None

    def completions(self, line: int, column: int) -> list[Completion]:
        if not 0 <= line < len(self.lines):
            return []
        before = self.lines[line][:column]
        if _in_string_or_comment(before, len(before)):
            return []
        member = _MEMBER_CHAIN.search(_tail(before))
        if member:
            owner = self._chain_type(member.group(1), line)
            return _members(owner, self.language) if owner is not None else []
        if _AFTER_IS.search(_tail(before)):
            return _type_names(self.language)
        out: list[Completion] = []
        seen: set[str] = set()
        for v in self.visible_vars(line).values():
            seen.add(fold(v.name))
            out.append(Completion(v.name, "variable", v.type_text))
        for procs in self.procs.values():
            p = procs[0]
            if fold(p.name) not in seen:
                seen.add(fold(p.name))
                out.append(Completion(p.name, "procedure", f"({', '.join(p.params)})"))
        out += [c for c in _registry_names(self.language) if fold(c.label) not in seen]
        out += [Completion(k, "keyword") for k in KEYWORDS[self.language]]
        return out

    def signature(self, line: int, column: int) -> Signature | None:
        if not 0 <= line < len(self.lines):
            return None
        call = _open_call(self.lines[line][:column])
        if call is None:
            return None
        name, active, receiver = call
        key = fold(name.rsplit(".", 1)[-1])
        procs = self.procs.get(key)
        if procs and "." not in name:
            p = procs[0]
            return Signature(f"{p.name}({', '.join(p.params)})", p.params, active)
        f = REGISTRY.function(key)
        if f is None and "." in name:
            owner = self._chain_type(name.rsplit(".", 1)[0] + ".", line)
            target = _method_target(owner, key)
            f = REGISTRY.function(target) if target else None
            receiver = f is not None
        if f is None:
            return None
        params = _function_params(f)
        if receiver and params:
            params = params[1:]
        shown = name.rsplit(".", 1)[-1]
        return Signature(f"{shown}({', '.join(params)})", params, active, _first_paragraph(f.doc))

    def definition(self, line: int, column: int) -> list[Place]:
        got = self.word_at(line, column)
        if got is None:
            return []
        word = got[0]
        v = self.visible_vars(line).get(fold(word))
        if v is not None and v.place is not None:
            return [v.place]
        procs = self.procs.get(fold(word))
        if procs:
            return [p.place for p in procs]
        from .project import project_definitions
        return [Place(*p) for p in project_definitions(self.path, word)]

    def symbols(self) -> list[Symbol]:
        out: list[Symbol] = []
        by_proc: dict[str, Symbol] = {}
        last = max(len(self.lines) - 1, 0)
        mine = sorted((p for ps in self.procs.values() for p in ps if p.place.file == self.path),
                      key=lambda p: p.place.line)
        for p in mine:
            sym = Symbol(p.name, "procedure", p.place.line, p.place.column,
                         min(max(p.end_line, p.place.line), last), f"({', '.join(p.params)})")
            outer = self.proc_at(p.place.line - 1) if p.internal else None
            if outer is not None and fold(outer.name) in by_proc:
                by_proc[fold(outer.name)].children.append(sym)
            else:
                out.append(sym)
            by_proc[fold(p.name)] = sym
        for v in self.vars:
            if v.place is None or v.place.file != self.path:
                continue
            sym = Symbol(v.name, "variable", v.place.line, v.place.column, v.place.line, v.type_text)
            parent = by_proc.get(v.scope) if v.scope else None
            (parent.children if parent is not None else out).append(sym)
        out.sort(key=lambda s: (s.line, s.column))
        return out

    def _chain_type(self, chain: str, line: int) -> WLType | None:
        """The type of `a.b.c.` (the text before the member being typed)."""
        parts = [p.strip() for p in chain.rstrip().rstrip(".").split(".")]
        if not parts or not parts[0]:
            return None
        first = re.sub(r"\[.*\]$", "", parts[0])
        indexed = parts[0] != first
        v = self.visible_vars(line).get(fold(first))
        typ: WLType | None = v.type if v is not None else None
        if typ is None:
            g = REGISTRY.global_var(first)
            typ = _parse_type(g.type_name) if g is not None else None
        for part in parts[1:]:
            if typ is None:
                return None
            if indexed and typ.kind == "array":
                typ = typ.elem
            if typ is None:
                return None
            name = re.sub(r"\[.*\]$", "", part)
            indexed = name != part
            typ = _property_type(typ, name)
        if indexed and typ is not None and typ.kind == "array":
            typ = typ.elem
        return typ


# ---- helpers --------------------------------------------------------------------------
def warm_up() -> None:
    """What every first question would otherwise build (the doc families, the names of
    each language), made before the editor asks: also, the worker thread and the
    questions then never build it at the same time."""
    _doc("Trace")
    _name_language()
    for language in ("en", "fr"):
        _registry_names(language)
        _type_names(language)


def _static_pass(path: str, text: str) -> Checked:
    return static_pass(path, RunOptions(), text, build=False)


def _name_column(text: str, line: int, column: int, name: str) -> int:
    """The 0-based column of `name` on its PROCEDURE line (the node's is the keyword's)."""
    lines = text.split("\n", line)
    if 1 <= line <= len(lines):
        m = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", lines[line - 1][column - 1:], re.I)
        if m:
            return column - 1 + m.start()
    return column - 1


def _blank_line(text: str, line: int) -> str | None:
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    lines[line - 1] = ""
    return "\n".join(lines)


def script_language(text: str) -> str:
    """"fr" when the script is written with more French words than English ones."""
    fr = en = 0
    for m in _WORD_AT.finditer(text[:200_000]):
        w = fold(m.group(0))
        if w in _FRENCH_WORDS:
            fr += 1
        elif w in _ENGLISH_WORDS:
            en += 1
        else:
            lang = _name_language().get(w)
            if lang == "fr":
                fr += 1
            elif lang == "en":
                en += 1
    return "fr" if fr > en else "en"


@lru_cache(maxsize=1)
def _name_language() -> dict[str, str]:
    """Folded spelling -> the language it belongs to only (a name spelt the same in both
    tells nothing)."""
    out: dict[str, str] = {}
    for table in (REGISTRY.functions, REGISTRY.types, REGISTRY.constants, REGISTRY.globals):
        for e in table.values():
            en = {fold(s) for s in e.en}
            fr = {fold(s) for s in e.fr}
            for s in en - fr:
                out[s] = "en"
            for s in fr - en:
                out[s] = "fr"
    return out


def _parse_type(text: str) -> WLType | None:
    try:
        return REGISTRY.parse_type(" ".join(text.split()))
    except KeyError:
        return None


def _type_entry(typ: WLType | None) -> TypeEntry | None:
    if typ is None or typ.kind != "object" or typ.cls is None:
        return None
    return getattr(typ.cls, "REGISTRY_ENTRY", None)


def _property_type(typ: WLType, name: str) -> WLType | None:
    entry = _type_entry(typ)
    if entry is None:
        return None
    p = entry.properties.get(fold(name))
    return _parse_type(p.type) if p is not None else None


def _pick(spellings: tuple[str, ...], french: tuple[str, ...], language: str) -> str:
    return french[0] if language == "fr" and french else spellings[0]


def _members(typ: WLType, language: str) -> list[Completion]:
    if typ.kind == "array":
        out = [Completion("Count" if language == "en" else "Occurrence", "property", "int")]
        seen: set[str] = set()
        for key, target in sorted(REGISTRY.array_methods.items()):
            if target in seen:
                continue
            seen.add(target)
            f = REGISTRY.function(target)
            label = _method_label(key, f, language)
            out.append(Completion(label, "method", f"{target}(array, ...)"))
        return out
    entry = _type_entry(typ)
    if entry is None:
        return []
    out = []
    for p in entry.cls.PROPERTIES:
        label = _pick(p.en, p.fr, language)
        out.append(Completion(label, "property", p.type + (" (read-only)" if p.readonly else "")))
    by_target: dict[str, list[str]] = {}
    for m, target in entry.cls.METHODS.items():
        by_target.setdefault(target, []).append(m)
    for target, spellings in by_target.items():
        f = REGISTRY.function(target)
        label = spellings[0]
        if f is not None and len(spellings) > 1:
            french = [s for s in spellings if any(fold(s) in fold(x) for x in f.fr)]
            english = [s for s in spellings if s not in french]
            label = (french or spellings)[0] if language == "fr" else (english or spellings)[0]
        out.append(Completion(label, "method", f"{target}(...)"))
    return out


def _method_label(key: str, f: FunctionEntry | None, language: str) -> str:
    if f is None:
        return key
    shown = f.fr[0] if language == "fr" and f.fr else f.name
    prefix = "Tableau" if language == "fr" else "Array"
    return shown[len(prefix):] if shown.startswith(prefix) and len(shown) > len(prefix) else key


def _method_target(typ: WLType | None, key: str) -> str | None:
    if typ is None:
        return None
    if typ.kind == "array":
        return REGISTRY.array_methods.get(key)
    entry = _type_entry(typ)
    return entry.methods.get(key) if entry is not None else None


def _member_doc(typ: WLType, word: str) -> str | None:
    entry = _type_entry(typ)
    key = fold(word)
    if entry is not None:
        p = entry.properties.get(key)
        if p is not None:
            names = ", ".join([*p.en, *p.fr])
            flags = " (read-only)" if p.readonly else ""
            doc = f"\n\n{' '.join(p.doc.split())}" if p.doc else ""
            return f"```wlanguage\n{entry.name}.{p.name} is {p.type}{flags}\n```\n{names}{doc}"
    target = _method_target(typ, key)
    if target is not None:
        known, doc = _doc(target)
        if known:
            return f"`.{word}(...)` calls `{target}` with the variable first.\n\n```text\n{doc}\n```"
    return None


@lru_cache(maxsize=4096)
def _doc(word: str) -> tuple[bool, str]:
    from ..help import lookup
    lines, known = lookup(word)
    return known, "\n".join(lines)


@lru_cache(maxsize=2)
def _registry_names(language: str) -> list[Completion]:
    out: list[Completion] = []
    for kind, table in (("function", REGISTRY.functions), ("type", REGISTRY.types),
                        ("constant", REGISTRY.constants), ("variable", REGISTRY.globals)):
        for e in {id(e): e for e in table.values()}.values():
            label = _pick(e.en, e.fr, language)
            if isinstance(e, FunctionEntry):
                detail = f"{', '.join(_function_params(e))} -> {e.returns}"
            else:
                detail = kind
            out.append(Completion(label, kind, detail))
    return out


@lru_cache(maxsize=2)
def _type_names(language: str) -> list[Completion]:
    out = [c for c in _registry_names(language) if c.kind == "type"]
    simple = ("string", "int", "real", "boolean", "buffer", "variant", "date", "time", "datetime")
    french = ("chaîne", "entier", "réel", "booléen", "buffer", "variant", "date", "heure", "dateheure")
    for name in (french if language == "fr" else simple):
        assert fold(name) in BUILTIN_TYPE_NAMES
        out.append(Completion(name, "type", "simple type"))
    return out


def _function_params(f: FunctionEntry) -> list[str]:
    from ..help import _param_name
    if f.impl is None:
        return []
    code = f.impl.__code__
    names = [_param_name(n) for n in code.co_varnames[1:code.co_argcount]]
    shown = [n if i < f.min_args else f"[{n}]" for i, n in enumerate(names)]
    if f.max_args is None:
        shown.append("...")
    return shown


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n")[0].split())


def _param_text(p: ast.Param) -> str:
    text = p.name
    if p.type is not None and p.type.name:
        text += f" is {p.type.name}"
    return text


def _tail(text: str) -> str:
    """The end of a line, for the patterns anchored at its end: a search from every
    start of a very long line would be quadratic (a 10,000-letter word)."""
    return text[-_TAIL:]


_TAIL = 300


def _in_string_or_comment(line: str, column: int) -> bool:
    """Whether the column of the line is inside a "string" or after //."""
    quote = False
    i = 0
    while i < min(column, len(line)):
        ch = line[i]
        if ch == '"':
            quote = not quote
        elif not quote and line.startswith("//", i):
            return True
        i += 1
    return quote


def _open_call(before: str) -> tuple[str, int, bool] | None:
    """The call whose parentheses are open at the end of `before`: (the name before its
    `(`, as written with a dotted receiver, the 0-based argument, whether a receiver is
    the first argument)."""
    depth = 0
    commas = 0
    quote = False
    for i in range(len(before) - 1, -1, -1):
        ch = before[i]
        if ch == '"':
            quote = not quote
        if quote:
            continue
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth:
                depth -= 1
                continue
            if ch == "[":
                return None
            m = re.search(rf"((?:{WORD}\s*\.\s*)*{WORD})\s*$", _tail(before[:i]))
            if m is None:
                return None
            name = re.sub(r"\s+", "", m.group(1))
            return name, commas, "." in name
        elif ch == "," and depth == 0:
            commas += 1
    return None


__all__ = ["Analysis", "Completion", "Place", "Signature", "Symbol", "script_language"]
