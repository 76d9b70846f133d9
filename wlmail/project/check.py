"""`wlmail check` on a project: every problem of every code block at once, each located
in its element file and line, with its control, event or procedure.

The symbol table is the project's: each block is resolved together with every global
procedure of the project (sets of procedures, `.wl` files), so a call to one of them is
checked (name and arguments) like a call inside one script; the variables declared by
the project's initialisation code and by the declarations of the sets of procedures are
visible in every block, a window's (or page's) global declarations in the rest of its
code, and a class's members (the declarations between `X is Class` and `END`) in its
methods, as in WINDEV.  Every class of the project (`.wdc`: its declaration code and
its methods, which become `Class::Method`) is part of every block's program, so a class
is a type everywhere and its members and methods are checked where they are used.
"""
from __future__ import annotations

import re
from typing import TextIO

from ..diagnostics import Diagnostic
from ..names import fold
from ..registry import Registry
from ..runtime.resolver import resolve
from ..syntax import ast
from . import catalogue
from .inventory import facts, map_position, parse_block, project_names
from .model import CodeBlock, Project
from .run import project_classes, rename_local_calls

_METHODS = ("method", "constructor", "destructor")
_LINE = re.compile(r"\bline (\d+)")
_GLOBAL_EVENTS = {"initialisation", "declarations"}


def _shown_line(block: CodeBlock, line: int) -> str | None:
    lines = block.code.split("\n")
    if 1 <= line <= len(lines):
        return " " * block.column_offset + lines[line - 1]
    return None


def _n(count: int, what: str) -> str:
    return f"{count} {what}{'s' if count != 1 else ''}"


def _mapped_lines(block: CodeBlock, hint: str | None) -> str | None:
    """A hint's "line N" (of the block) as the line of the element file."""
    if not hint:
        return hint

    def repl(m: re.Match[str]) -> str:
        return f"line {map_position(block, int(m.group(1)), 1)[0]}"
    return _LINE.sub(repl, hint)


def _is_global_code(block: CodeBlock) -> bool:
    return block.procedure is None and block.element_kind in ("project", "procedure set") \
        and block.event_name in _GLOBAL_EVENTS


def check_project(project: Project, registry: Registry, out: TextIO) -> int:
    blocks = [b for b in project.blocks() if b.language.lower() in ("wlanguage", "wl")]
    keys = [f"{b.file}#{i}" for i, b in enumerate(blocks)]
    parsed = [parse_block(b, k) for b, k in zip(blocks, keys, strict=True)]
    programs = [p for p, _ in parsed]
    known_classes = {fold(e.name) for e in project.elements if e.kind == "class"}
    known = project_names(project, [(b, facts(p).procedures) for b, p in
                                    zip(blocks, programs, strict=True) if p is not None])
    shared_procs: list[ast.Procedure] = []
    local_procs: dict[str, list[ast.Procedure]] = {}     # element file -> its local procedures
    local_globals: dict[str, list[ast.Stmt]] = {}        # element file -> its window's declarations
    shared_globals: list[ast.Stmt] = []
    for b, prog in zip(blocks, programs, strict=True):
        if prog is None:
            continue
        if b.element_kind == "script" or b.procedure_kind == "global":
            shared_procs.extend(p for p in prog.procedures if not p.internal)
        elif b.procedure_kind == "local":
            local_procs.setdefault(b.file, []).extend(p for p in prog.procedures if not p.internal)
        if _is_global_code(b):
            shared_globals.extend(s for s in prog.body if isinstance(s, ast.Declare))
        elif b.procedure is None and not b.control and b.event_name == "global declarations":
            local_globals.setdefault(b.file, []).extend(
                s for p in prog.procedures for s in p.body if isinstance(s, ast.Declare))
    # `WIN_X.Proc(...)` from anywhere: WIN_X's local procedures under those names.
    windows: dict[str, dict[str, str]] = {}
    window_procs: list[ast.Procedure] = []
    for b in blocks:
        for p in local_procs.get(b.file, []) if b.procedure_kind == "local" else []:
            named = f"{b.element}.{p.name}"
            if fold(p.name) not in windows.setdefault(fold(b.element), {}):
                windows[fold(b.element)][fold(p.name)] = named
                window_procs.append(ast.Procedure(p.line, p.column, p.file, named, p.params,
                                                  p.body, p.internal, p.return_type))
    for prog in programs:
        if prog is not None:
            rename_local_calls([prog], windows, None)
    class_decls, class_methods = project_classes(blocks, programs)
    diags: list[tuple[Diagnostic, CodeBlock]] = []
    for b, key, (prog, error) in zip(blocks, keys, parsed, strict=True):
        if error is not None:
            line, column = map_position(b, error.line, error.column)
            hint = _mapped_lines(b, error.hint)
            diags.append((Diagnostic(b.file, line, column, error.message, "error", hint,
                                     _shown_line(b, error.line), error.length), b))
            continue
        assert prog is not None
        own = {fold(p.name) for p in prog.procedures}
        globals_here = [] if _is_global_code(b) else shared_globals
        if b.event_name != "global declarations" or b.control:
            globals_here = globals_here + local_globals.get(b.file, [])
        visible = local_procs.get(b.file, []) + shared_procs + window_procs
        extra: list[ast.Procedure] = []
        for p in visible:
            if fold(p.name) not in own:
                own.add(fold(p.name))
                extra.append(p)
        # The project's classes, in every block (once: a class's own blocks hold theirs).
        classes_here = [c for c in class_decls if all(c is not x for x in prog.body)]
        methods_here = [m for m in class_methods if all(m is not x for x in prog.procedures)]
        combined = ast.Program(prog.line, prog.column, key,
                               classes_here + globals_here + prog.body,
                               prog.procedures + extra + methods_here, prog.text)
        res = resolve(combined, {key: b.code}, registry,
                      message_text=project.messages.text if len(project.messages) else None)
        for d in res.diagnostics:
            if d.file != key:
                continue
            if b.procedure_kind in _METHODS and "hides the built-in" in d.message:
                continue           # a method is called on its object: it hides nothing
            m = catalogue.unknown_in(d.message)   # unknown, or catalogued (wlmail/catalogue.py)
            message, hint = d.message, d.hint
            if m:
                kind, name = m
                if fold(name) in known_classes or (kind == "type" and fold(name) in known):
                    continue       # classes are not modelled (see above)
                family = catalogue.family_of(name)
                if family is not None:
                    what = "type" if kind == "type" else "function"
                    message = f"`{name}` is a WLanguage {family} {what} that wlmail does not provide"
                    hint = None
            line, column = map_position(b, d.line, d.column)
            hint = _mapped_lines(b, hint)
            diags.append((Diagnostic(b.file, line, column, message, d.severity, hint,
                                     _shown_line(b, d.line), d.length,
                                     d.secret_variables), b))
    for pr in project.problems:
        out.write(pr.format() + "\n")
    for d, b in diags:
        out.write(d.format() + "\n")
        out.write(f"    in: {b.origin}\n")
    n_err = sum(d.severity == "error" for d, _ in diags)
    n_warn = len(diags) - n_err
    unread = sum(not e.readable for e in project.elements)
    out.write(f"{project.path}: {_n(len(blocks), 'code block')} in "
              f"{_n(len(project.elements), 'element')}"
              f"{f' ({unread} not read)' if unread else ''}: {_n(n_err, 'error')}, "
              f"{_n(n_warn, 'warning')}\n")
    return 1 if n_err or unread else 0
