"""Go to definition across a WINDEV project: when the document sits in a folder (or
under one, a few levels down) holding a project file (`.wdp`, `.wwp`), the project is
read as `wlmail inventory` reads it (wlmail/project) and its procedures — global ones,
a window's local ones, those of its `.wl` scripts — and its global variables are places
to jump to.  A read project is kept until a file of its folder is saved."""
from __future__ import annotations

import threading
from pathlib import Path

from ..names import fold
from ..syntax import ast

_LEVELS = 4
# A place: (file, 0-based line, 0-based column, length).
Place = tuple[str, int, int, int]
_cache: dict[str, dict[str, list[Place]]] = {}
_lock = threading.Lock()


def project_root(path: str) -> Path | None:
    try:
        folder = Path(path).resolve().parent
    except (OSError, RuntimeError):
        return None
    for candidate in [folder, *folder.parents][:_LEVELS]:
        try:
            if any(f.suffix.lower() in (".wdp", ".wwp") for f in candidate.iterdir() if f.is_file()):
                return candidate
        except OSError:
            continue
    return None


def forget(path: str) -> None:
    """A file was saved: the project around it is read again when next asked."""
    root = project_root(path)
    if root is not None:
        with _lock:
            _cache.pop(str(root), None)


def project_definitions(path: str, word: str) -> list[Place]:
    root = project_root(path)
    if root is None:
        return []
    with _lock:
        names = _cache.get(str(root))
        if names is None:
            names = _cache[str(root)] = _read(root)
    return list(names.get(fold(word), []))


def _read(root: Path) -> dict[str, list[Place]]:
    # wlmail.project imports PyYAML: only a definition asked for in a project pays for it.
    from ..project import open_project
    from ..project.check import _is_global_code
    from ..project.inventory import map_position, parse_block
    out: dict[str, list[Place]] = {}
    try:
        project = open_project(str(root))
    except (OSError, ValueError):
        return out
    for block in project.blocks():
        if block.language != "WLanguage":
            continue
        file = str(Path(project.root) / block.file)
        if block.procedure is not None:
            first = block.code.split("\n", 1)[0]
            at = first.lower().find(block.procedure.lower())
            line, col = map_position(block, 1, at + 1 if at >= 0 else 1)
            out.setdefault(fold(block.procedure), []).append(
                (file, line - 1, col - 1, len(block.procedure)))
        program, _ = parse_block(block, block.file)
        if program is None:
            continue
        for proc in program.procedures:
            if block.procedure is not None and fold(proc.name) == fold(block.procedure):
                continue                         # the block's own PROCEDURE line
            line, col = map_position(block, proc.line, proc.column)
            out.setdefault(fold(proc.name), []).append((file, line - 1, col - 1, len(proc.name)))
        if block.element_kind == "script" or _is_global_code(block):
            for st in program.body:
                if isinstance(st, ast.Declare):
                    for name, ln, cl in st.names:
                        line, col = map_position(block, ln, cl)
                        out.setdefault(fold(name), []).append((file, line - 1, col - 1, len(name)))
    return out
