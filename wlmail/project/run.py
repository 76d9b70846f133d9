"""`wlmail run --project PATH script.wl` and `wlmail run PATH --procedure NAME`: a
project's code run as one program.

The program is built from the project's blocks and handed to the same resolver and code
generator as a script: its main code is the declarations of the sets of procedures, then
the project's initialisation code, then the driver (a script, or the call of one
procedure); its procedures are every global procedure of the project, and every local
procedure of a window or page under the name `WIN_X.Proc` (so `WIN_X.Proc(...)` is a
call to it, as in WINDEV).  Each block is parsed as the lines of its element file it
sits on, so every diagnostic and every run-time error is located in the element file.

Code that does not run never blocks the run: in the project's code, a name wlmail does
not provide (a WLanguage function of another family, a control of a window, a type) is
a warning, and calling it is a fatal error that names it and the block it is in (which
WHEN EXCEPTION can catch).  Other errors in the project's code stop the run before it
starts, as in a script.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import UsageError
from ..names import fold
from ..registry import Registry
from ..runtime.codegen import generate
from ..runtime.interpreter import Checked
from ..runtime.resolution import Failed
from ..runtime.resolver import resolve
from ..syntax import ast
from ..syntax.cache import parse_cached
from ..syntax.loader import Loaded, load
from ..syntax.source import ParseError
from . import catalogue
from .inventory import for_parser
from .model import CodeBlock, Project

_CONTROL = "is a WINDEV control"
_INIT_EVENTS = {("procedure set", "declarations"), ("project", "initialisation")}


@dataclass
class _Parsed:
    block: CodeBlock
    path: str                      # the element file, as shown in messages
    program: ast.Program


def _element_text(blocks: list[CodeBlock]) -> str:
    """The lines of an element file that hold code, each where it is in the file (the
    rest blank): enough to show the line of a diagnostic."""
    lines: list[str] = []
    for b in blocks:
        for i, text in enumerate(b.code.split("\n")):
            at = b.line - 1 + i
            if at >= len(lines):
                lines.extend([""] * (at + 1 - len(lines)))
            lines[at] = " " * b.column_offset + text
    return "\n".join(lines) + "\n"


def _parse(block: CodeBlock, path: str, interpolate: bool) -> ast.Program:
    """The block parsed on its own lines and columns of the element file.  The tree is
    this run's own (the parse cache is on disk: each call unpickles a new one), so the
    renames below (`WIN_X.Proc`, a window's variables) change nothing else."""
    indent = " " * block.column_offset
    text = "\n" * (block.line - 1) + "\n".join(indent + ln for ln in for_parser(block.code).split("\n"))
    return parse_cached(text, path, interpolate)


def rename_local_calls(program_parts: list[ast.Node], windows: dict[str, dict[str, str]],
                        own: dict[str, str] | None) -> None:
    """`WIN_X.Proc(...)` (and, inside WIN_X's code, `Proc(...)`) become calls of the
    procedure named `WIN_X.Proc`."""
    for part in program_parts:
        for node in part.walk():
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Member) and isinstance(f.base, ast.Var):
                procs = windows.get(fold(f.base.name))
                if procs is not None and fold(f.name) in procs:
                    node.func = ast.Var(f.line, f.column, f.file, procs[fold(f.name)])
            elif own is not None and isinstance(f, ast.Var) and fold(f.name) in own:
                node.func = ast.Var(f.line, f.column, f.file, own[fold(f.name)])


def project_classes(blocks: list[CodeBlock], programs: list[ast.Program | None]
                    ) -> tuple[list[ast.ClassDecl], list[ast.Procedure]]:
    """The classes of the project's `.wdc` elements: the declarations of their
    declaration code, and their procedures renamed `Class::Method` (in place) — the class
    named by the element's `X is Class`, else by the element."""
    decls: list[ast.ClassDecl] = []
    names: dict[str, str] = {}
    for b, prog in zip(blocks, programs, strict=True):
        if prog is not None and b.element_kind == "class" and b.procedure is None:
            found = [s for s in prog.body if isinstance(s, ast.ClassDecl)]
            decls.extend(found)
            if found:
                names.setdefault(b.file, found[0].name)
    methods: list[ast.Procedure] = []
    for b, prog in zip(blocks, programs, strict=True):
        if prog is None or b.element_kind != "class" or b.procedure is None:
            continue
        owner = names.get(b.file, b.element)
        for proc in prog.procedures:
            if not proc.internal and "::" not in proc.name:
                proc.name = f"{owner}::{proc.name}"
            if not proc.internal:
                methods.append(proc)
    return decls, methods


# WINDEV's path functions as its test mode answers them (docs/projects.md): given to a
# project's program only, as procedures, unless the project declares its own.
_PATHS_FILE = "<wlmail: WINDEV test mode paths>"
_PATH_CODE = """PROCEDURE fExeDir()
RESULT "@DIR@"
PROCEDURE fRepExe()
RESULT "@DIR@"
PROCEDURE fDataDir()
RESULT "@DIR@"
PROCEDURE fRepDonnées()
RESULT "@DIR@"
PROCEDURE CompleteDir(sDir is string)
IF sDir <> "" AND Right(sDir, 1) <> "/" AND Right(sDir, 1) <> "\\" THEN
	RESULT sDir + "@SEP@"
END
RESULT sDir
PROCEDURE ComplèteRep(sDir is string)
RESULT CompleteDir(sDir)
"""


def test_mode_dir(project: Project) -> Path:
    """The folder WINDEV's test mode runs in: the project's `EXE` folder when it has one,
    else the project folder."""
    root = Path(project.root).resolve()
    exe = next((c for c in root.iterdir() if c.is_dir() and c.name.lower() == "exe"), None) \
        if root.is_dir() else None
    return exe if exe is not None else root


def _path_procedures(project: Project, taken: set[str]) -> list[ast.Procedure]:
    folder = str(test_mode_dir(project))
    program = parse_cached(_PATH_CODE, _PATHS_FILE, False)
    out = []
    for proc in program.procedures:
        if fold(proc.name) in taken:
            continue
        for node in proc.walk():
            if isinstance(node, ast.Literal) and node.value in ("@DIR@", "@SEP@"):
                node.value = folder if node.value == "@DIR@" else os.sep
        out.append(proc)
    return out


def build(project: Project, driver: str | None, procedure: str | None, args: list[str],
          registry: Registry, encoding: str | None = None,
          interpolate: bool = False) -> tuple[str, Checked]:
    """The project's program with its driver (a script's path, or one procedure called
    with `args`), resolved and, when nothing stops it, compiled: (the path the run is
    shown as, the result of the static pass)."""
    root = Path(project.root)
    warnings: list[Diagnostic] = [Diagnostic(str(root / p.file), p.line or 1, 1, p.message,
                                             "warning") for p in project.problems]
    driver_path = str(Path(driver).resolve()) if driver else None
    parsed: list[_Parsed] = []
    by_file: dict[str, list[CodeBlock]] = {}
    for b in project.blocks():
        if b.language.lower() not in ("wlanguage", "wl") or not b.enabled or b.browser:
            continue
        path = str(root / b.file)
        if driver_path is not None and str(Path(path).resolve()) == driver_path:
            continue                     # the driver is read below, once
        if not (b.procedure_kind in ("global", "local") or b.element_kind == "script"
                or (b.element_kind, b.event_name) in _INIT_EVENTS or _is_window_globals(b)
                or b.element_kind == "class"):
            continue                     # events of windows: not run by a driver
        by_file.setdefault(path, []).append(b)
        try:
            parsed.append(_Parsed(b, path, _parse(b, path, interpolate)))
        except ParseError as e:
            warnings.append(Diagnostic(path, e.line, e.column, f"{e.message} (this block is "
                                       f"not run: {b.origin})", "warning"))
    texts = {path: _element_text(blocks) for path, blocks in by_file.items()}
    init: list[ast.Stmt] = []
    window_init: list[ast.Stmt] = []
    procs: list[ast.Procedure] = []
    windows: dict[str, dict[str, str]] = {}          # window -> its local procedures' names
    window_vars: dict[str, dict[str, str]] = {}      # window -> its variables' names
    for p in parsed:
        b = p.block
        if _is_window_globals(b):
            # A window's variables live as long as the run, named `WIN_X.name` so two
            # windows' variables of the same name stay apart.
            names = window_vars.setdefault(fold(b.element), {})
            for proc in p.program.procedures:
                for st in proc.body:
                    if isinstance(st, ast.Declare):
                        st.names = [(f"{b.element}.{n}", ln, col) for n, ln, col in st.names]
                        names.update({fold(n.partition(".")[2]): n for n, _, _ in st.names})
                        window_init.append(st)
        elif b.procedure_kind == "local":
            for proc in p.program.procedures:
                if not proc.internal:
                    windows.setdefault(fold(b.element), {})[fold(proc.name)] = \
                        f"{b.element}.{proc.name}"
    # A class element: its declaration code declares the class (`X is Class ... END`,
    # run with the declarations), its procedures are its methods (`X::Method`).
    class_decls, _ = project_classes([p.block for p in parsed], [p.program for p in parsed])
    init.extend(class_decls)
    for p in parsed:
        b = p.block
        if b.element_kind == "class":
            if b.procedure is not None:
                procs.extend(x for x in p.program.procedures if not x.internal)
            continue
        own = windows.get(fold(b.element)) if b.procedure_kind == "local" else None
        rename_local_calls([p.program], windows, own)
        if _is_window_globals(b):
            continue
        if own is not None:
            for proc in p.program.procedures:
                _rename_window_vars(proc, window_vars.get(fold(b.element), {}))
        if (b.element_kind, b.event_name) in _INIT_EVENTS:
            init.extend(p.program.body)
            procs.extend(p.program.procedures)
        elif b.element_kind == "script" and b.procedure is None:
            procs.extend(x for x in p.program.procedures if not x.internal)
        else:
            for proc in p.program.procedures:
                if not proc.internal and b.procedure_kind == "local":
                    proc.name = f"{b.element}.{proc.name}"
                procs.append(proc)
    # The declarations of the sets of procedures run before the project's initialisation
    # code, as in WINDEV.
    init.sort(key=lambda s: 0 if isinstance(s, ast.ClassDecl) else
              1 if s.file.lower().endswith(".wdg") else 2)
    init += window_init
    if driver is not None:
        loaded = load(driver, encoding, interpolate)
        main = loaded.program
        rename_local_calls([main], windows, None)
        shown = driver
        body = init + main.body
        procs = procs + main.procedures
        texts.update(loaded.texts)
        warnings += [Diagnostic(f, 1, 1, msg, "warning") for f, msg in loaded.warnings]
    else:
        assert procedure is not None
        shown = str(root / project.name)
        body = init + [_call_statement(procedure, args, procs, windows, shown)]
        main = ast.Program(1, 1, shown, [], [], "")
        loaded = Loaded(main, {})
    procs = procs + _path_procedures(project, {fold(p.name) for p in procs})
    program = ast.Program(1, 1, shown, body, procs, main.text)
    loaded.program, loaded.texts = program, texts
    resolution = resolve(program, texts, registry, lints=False,
                         message_text=project.messages.text if len(project.messages) else None)
    project_files = set(by_file)
    failures = [r for r in list(resolution.refs.values()) + list(resolution.targets.values())
                if isinstance(r, Failed)]
    failed_at = {(r.at.file, r.at.line, r.at.column) for r in failures}
    diags: list[Diagnostic] = []
    for d in resolution.diagnostics:
        if d.file in project_files and d.severity == "error":
            m = catalogue.unknown_in(d.message)   # unknown, or catalogued (wlmail/catalogue.py)
            if m or (d.file, d.line, d.column) in failed_at or _CONTROL in d.message:
                message = _unsupported(m[1], m[0]) if m else d.message
                # an unknown type stops nothing: its variables are Variants
                message += " (its variables are Variants)" if m and m[0] == "type" \
                    else " (an error only if it runs)"
                d = Diagnostic(d.file, d.line, d.column, message, "warning", None,
                               d.source_line, d.length, d.secret_variables)
        diags.append(d)
    for ref in failures:
        if ref.at.file in project_files:
            m = catalogue.unknown_in(ref.message)
            if m:
                ref.message = _unsupported(m[1], m[0])
            where = _origin_of(ref.at, parsed)
            if where:
                ref.message += f" (in {where})"
    diags.sort(key=lambda d: (d.severity != "error", d.file, d.line, d.column))
    errors = [d for d in diags if d.severity == "error"]
    code = generate(resolution, registry) if not errors else None
    return shown, Checked(loaded, resolution, code, warnings + diags, False)


def _is_window_globals(b: CodeBlock) -> bool:
    return b.element_kind in ("window", "page") and b.procedure is None and not b.control \
        and b.event_name == "global declarations"


def _rename_window_vars(proc: ast.Procedure, names: dict[str, str]) -> None:
    """A local procedure's uses of its window's variables (those it does not declare
    itself) under their `WIN_X.name` names."""
    own = {fold(p.name) for p in proc.params}
    own.update(fold(n) for st in ast.walk(proc.body, ast.NO_STATEMENTS)
               if isinstance(st, ast.Declare) for n, _, _ in st.names)
    todo = {k: v for k, v in names.items() if k not in own}
    if not todo:
        return
    for node in proc.walk():
        if isinstance(node, ast.Var) and fold(node.name) in todo:
            node.name = todo[fold(node.name)]


def _unsupported(name: str, what: str) -> str:
    family = catalogue.family_of(name)
    if family is None:
        return f"unknown {what} `{name}`"
    kind = "type" if what == "type" else "function"
    return f"`{name}` is a WLanguage {family} {kind} that wlmail does not provide"


def _origin_of(node: ast.Node, parsed: list[_Parsed]) -> str | None:
    for p in parsed:
        b = p.block
        if p.path == node.file and b.line <= node.line < b.line + b.code.count("\n") + 1:
            return b.origin
    return None


def _call_statement(name: str, args: list[str], procs: list[ast.Procedure],
                    windows: dict[str, dict[str, str]], shown: str) -> ast.Stmt:
    """`NAME(args...)`, its value traced when the procedure returns one."""
    target = name
    if "." in name:
        window, _, proc = name.partition(".")
        target = windows.get(fold(window), {}).get(fold(proc), name)
    call = ast.Call(1, 1, shown, ast.Var(1, 1, shown, target),
                    [ast.Literal(1, 1, shown, a) for a in args])
    found = next((p for p in procs if fold(p.name) == fold(target)), None)
    if found is None:
        raise UsageError(f"--procedure {name}", "the project has no global procedure of that "
                         "name (a window's local procedure is WIN_X.Procedure)")
    lo = sum(1 for p in found.params if p.default is None)
    if not lo <= len(args) <= len(found.params):
        want = str(lo) if lo == len(found.params) else f"{lo} to {len(found.params)}"
        names = ", ".join(p.name for p in found.params)
        raise UsageError(f"--procedure {name}", f"it takes {want} argument"
                         f"{'' if want == '1' else 's'} ({names}), not {len(args)} "
                         f"(give them after `--`)")
    returns = (found.return_type is not None or any(
        isinstance(n, ast.Result) and n.value is not None
        for n in ast.walk(found.body, ast.NO_STATEMENTS + (ast.Procedure,))))
    if returns:
        return ast.ExprStmt(1, 1, shown, ast.Call(1, 1, shown, ast.Var(1, 1, shown, "Trace"),
                                                  [call]))
    return ast.ExprStmt(1, 1, shown, call)
