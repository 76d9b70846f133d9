"""What a project's code uses: each block parsed with wlmail's parser, the WLanguage
names it calls or declares variables of, and how each name is classified:

- `wlmail`: the registry (what the caller loaded with wlmail.domains.load_all) provides it;
- `project`: a procedure or class of the project itself;
- `not in wlmail`: a WLanguage function or type of PC SOFT's that wlmail does not
  provide (catalogue.py, with its family);
- `unknown`: none of these.

A block "can run" when it parses and every name it uses is `wlmail` or `project`.
"""
from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from ..names import fold
from ..registry import BUILTIN_TYPE_NAMES, Registry
from ..syntax import ast
from ..syntax.parser import parse
from ..syntax.source import ParseError
from . import catalogue
from .model import CodeBlock, Element, Project, collector_paused

WLMAIL, PROJECT, NOT_IN_WLMAIL, UNKNOWN = "wlmail", "project", "not in wlmail", "unknown"

# `<§$0009§>`, `<§@1dc26b98000150580002§>`: a multilingual message of the project, whose
# text is in the project's resources (messages.py).  The grammar reads a reference of 1 to
# 80 characters (its MSGREF token) and the engine gives it the project's text; any other
# (empty, longer) is given to the parser as a string literal of the same length in its
# place (columns unchanged): kept as text, never looked up.
MESSAGE_REF = re.compile(r"<§([^§\n]*)§>")


def for_parser(code: str) -> str:
    if "<§" not in code:
        return code
    return MESSAGE_REF.sub(lambda m: m.group(0) if 1 <= len(m.group(1)) <= 80
                           else '"§' + m.group(1) + '§"', code)


@dataclass
class NameUse:
    name: str
    use: str                 # "call" | "type"
    status: str              # WLMAIL | PROJECT | NOT_IN_WLMAIL | UNKNOWN
    family: str | None = None


@dataclass
class SyntaxProblem:
    line: int                # in the element file
    column: int
    message: str


@dataclass
class BlockReport:
    block: CodeBlock
    program: ast.Program | None
    syntax_error: SyntaxProblem | None = None
    names: list[NameUse] = field(default_factory=list)
    not_wlanguage: bool = False
    parsed: bool = False     # parsed by a worker process: the tree stayed there, its facts came back

    @property
    def parses(self) -> bool:
        return self.program is not None or self.parsed

    @property
    def missing(self) -> list[NameUse]:
        return [n for n in self.names if n.status in (NOT_IN_WLMAIL, UNKNOWN)]

    @property
    def can_run(self) -> bool:
        return self.parses and not self.missing

    @property
    def lines(self) -> int:
        return self.block.code.count("\n") + (0 if self.block.code.endswith("\n") else 1)


@dataclass
class Blocker:
    name: str
    status: str
    family: str | None
    blocks: int              # blocks that parse but cannot run because of it (among others)
    alone: int               # blocks it is the only missing name of


@dataclass
class Inventory:
    project: Project
    blocks: list[BlockReport]

    def of(self, element: Element) -> list[BlockReport]:
        return [r for r in self.blocks if r.block.file == element.file]

    @property
    def unreadable(self) -> list[Element]:
        return [e for e in self.project.elements if not e.readable]

    def blockers(self, limit: int = 10) -> list[Blocker]:
        count: Counter[str] = Counter()
        alone: Counter[str] = Counter()
        shown: dict[str, NameUse] = {}
        for r in self.blocks:
            if not r.parses:
                continue
            missing = {fold(n.name): n for n in r.missing}
            for key, n in missing.items():
                count[key] += 1
                shown.setdefault(key, n)
            if len(missing) == 1:
                alone[next(iter(missing))] += 1
        ranked = sorted(count, key=lambda k: (-count[k], -alone[k], k))[:limit]
        return [Blocker(shown[k].name, shown[k].status, shown[k].family, count[k], alone[k])
                for k in ranked]


def parse_block(block: CodeBlock, shown_as: str) -> tuple[ast.Program | None, ParseError | None]:
    """The block parsed (its file shown as `shown_as`), or the first syntax error."""
    try:
        return parse(for_parser(block.code), shown_as), None
    except ParseError as e:
        return None, e
    except RecursionError:
        return None, ParseError(shown_as, 1, 1, "the code is nested too deeply to be read")


def map_position(block: CodeBlock, line: int, column: int) -> tuple[int, int]:
    """A position in the block's code as a position in its element file."""
    return block.line + line - 1, column + block.column_offset


@dataclass
class _Facts:
    """What one walk over a parsed block finds."""
    procedures: list[str]                 # every PROCEDURE it declares (internal ones too)
    used: list[tuple[str, str]]           # (name, "call" | "type"), each once, in order


def facts(program: ast.Program) -> _Facts:
    procedures: list[str] = []
    seen: set[tuple[str, str]] = set()
    used: list[tuple[str, str]] = []
    for node in program.walk():
        got: tuple[str, str] | None = None
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Var):
                got = (node.func.name, "call")
        elif isinstance(node, ast.TypeSpec):
            if not node.array and node.name:
                got = (node.name, "type")
        elif isinstance(node, ast.Procedure):
            procedures.append(node.name)
        if got is not None:
            key = (fold(got[0]), got[1])
            if key not in seen:
                seen.add(key)
                used.append(got)
    return _Facts(procedures, used)


def project_names(project: Project, parsed: list[tuple[CodeBlock, list[str]]]) -> set[str]:
    """The folded names the project declares for everyone: its global and local
    procedures, the procedures of its `.wl` files, its classes.  `parsed`: each block
    with the procedures its code declares."""
    out: set[str] = set()
    for e in project.elements:
        if e.kind == "class":
            out.add(fold(e.name))
    for block in project.blocks():
        if block.procedure and block.procedure_kind in ("global", "local"):
            out.add(fold(block.procedure))
    for block, procedures in parsed:
        if block.procedure_kind not in ("method", "constructor", "destructor"):
            out.update(fold(name) for name in procedures)
    return out


def names_used(program: ast.Program) -> list[tuple[str, str]]:
    """(name, "call" | "type") in order of first use, each once."""
    return facts(program).used


def classify(name: str, use: str, registry: Registry, known: set[str]) -> NameUse:
    key = fold(name)
    if key in known:
        return NameUse(name, use, PROJECT)
    if use == "call" and registry.function(name) is not None:
        return NameUse(name, use, WLMAIL)
    if use == "type" and (key in BUILTIN_TYPE_NAMES or registry.type(name) is not None):
        return NameUse(name, use, WLMAIL)
    family = catalogue.family_of(name)
    if family is not None:
        return NameUse(name, use, NOT_IN_WLMAIL, family)
    return NameUse(name, use, UNKNOWN)


def inventory(project: Project, registry: Registry) -> Inventory:
    with collector_paused():
        return _inventory(project, registry)


def _facts_of(nodes: list[ast.Node]) -> _Facts:
    program = ast.Program(1, 1, "", nodes, [])
    return facts(program)


def _split_script(r: BlockReport, f: _Facts) -> list[tuple[BlockReport, _Facts]]:
    """A `.wl` script as its main code and one entry per procedure, so that the
    inventory (and its blockers) counts procedures there as in a set of procedures."""
    program = r.program
    assert program is not None
    procs = sorted((p for p in program.procedures if not p.internal), key=lambda p: p.line)
    if not procs:
        return [(r, f)]
    b = r.block
    lines = b.code.split("\n")
    out: list[tuple[BlockReport, _Facts]] = []
    if any(not isinstance(st, ast.Nop) for st in program.body):
        main = CodeBlock(b.file, b.element, b.element_kind, "\n".join(lines[:procs[0].line - 1]),
                         b.line, event_name="main code")
        out.append((BlockReport(main, program), _facts_of(list(program.body))))
    for i, proc in enumerate(procs):
        end = procs[i + 1].line - 1 if i + 1 < len(procs) else len(lines)
        part = CodeBlock(b.file, b.element, b.element_kind, "\n".join(lines[proc.line - 1:end]),
                         b.line + proc.line - 1, procedure=proc.name, procedure_kind="global")
        out.append((BlockReport(part, program), _facts_of([proc])))
    return out


# A big project is parsed by a few worker processes (forked: they start with the parser's
# tables already loaded); only what the inventory needs comes back, never the trees, whose
# pickling would cost more than parsing them.  Below this many blocks, one process is faster.
PARALLEL_FROM = 400


def _facts_chunk(codes: list[str]) -> list[_Facts | tuple[int, int, str]]:
    out: list[_Facts | tuple[int, int, str]] = []
    with collector_paused():
        for code in codes:
            program, error = parse_block(CodeBlock("", "", "", code, 1), "")
            if error is not None:
                out.append((error.line, error.column, error.message))
            else:
                assert program is not None
                out.append(facts(program))
    return out


def _workers() -> int:
    try:
        return min(len(os.sched_getaffinity(0)), 8)
    except (AttributeError, OSError):   # not Linux: the count of the machine
        return min(os.cpu_count() or 1, 8)


def facts_of_codes(codes: list[str]) -> dict[str, _Facts | tuple[int, int, str]]:
    """Each code's facts, or its first syntax error as (line, column, message)."""
    workers = _workers()
    if len(codes) < PARALLEL_FROM or workers < 2 or \
            "fork" not in multiprocessing.get_all_start_methods():
        return dict(zip(codes, _facts_chunk(codes), strict=True))
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    # Interleaved chunks: long and short blocks sit together in a project's files.
    chunks = [codes[i::workers * 4] for i in range(workers * 4)]
    out: dict[str, _Facts | tuple[int, int, str]] = {}
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, results in zip(chunks, pool.map(_facts_chunk, chunks), strict=True):
                out.update(zip(chunk, results, strict=True))
    except (BrokenProcessPool, OSError):
        # A worker killed (out of memory) or no process to be had: the same work, here.
        return dict(zip(codes, _facts_chunk(codes), strict=True))
    return out


def _inventory(project: Project, registry: Registry) -> Inventory:
    pairs: list[tuple[BlockReport, _Facts | None]] = []
    blocks = project.blocks()
    # The same code is often in many places (a button's "Close()"): parsed once.  A
    # script's tree is needed here (its procedures become entries of their own).
    codes = list(dict.fromkeys(b.code for b in blocks if b.element_kind != "script"
                               and b.language.lower() in ("wlanguage", "wl")))
    parsed = facts_of_codes(codes)
    for block in blocks:
        if block.language.lower() not in ("wlanguage", "wl"):
            pairs.append((BlockReport(block, None, None, [], True), None))
            continue
        if block.element_kind == "script":
            program, error = parse_block(block, block.file)
            if error is None:
                assert program is not None
                pairs.extend(_split_script(BlockReport(block, program), facts(program)))
                continue
            got: _Facts | tuple[int, int, str] = (error.line, error.column, error.message)
        else:
            got = parsed[block.code]
        if isinstance(got, tuple):
            line, column = map_position(block, got[0], got[1])
            pairs.append((BlockReport(block, None, SyntaxProblem(line, column, got[2])), None))
            continue
        pairs.append((BlockReport(block, None, parsed=True), got))
    known = project_names(project, [(r.block, f.procedures) for r, f in pairs if f is not None])
    for r, f in pairs:
        if f is not None:
            here = known | {fold(p) for p in f.procedures} if f.procedures else known
            r.names = [classify(n, use, registry, here) for n, use in f.used]
    return Inventory(project, [r for r, _ in pairs])
