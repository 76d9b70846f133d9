"""Running and checking scripts: load, static pass, run, and the exit statuses of
SPEC §5 (0 ended, 1 fatal or static errors, 2 syntax/command line, 3 --strict, 70 bug).

The names a script may use are the registry's: the caller fills it first
(`wlmail.domains.load_all`, as the CLI does); this module imports no domain."""
from __future__ import annotations

import sys
from collections.abc import Set
from typing import TextIO

from ..diagnostics import Diagnostic, mentions_secret, source_line
from ..registry import REGISTRY
from ..syntax import ast
from ..syntax.compilation import DEFAULT, DEFAULT_CONFIGURATION, DEFAULT_TYPE, Configuration
from ..syntax.loader import Loaded, load, read_script
from ..syntax.source import ParseError
from .codegen import Compiled, generate
from .context import Context, EndProgram, RunOptions
from .errors import WLFatal
from .frames import Exec
from .resolution import Resolution
from .resolver import resolve

EXIT_OK, EXIT_FATAL, EXIT_SYNTAX, EXIT_STRICT, EXIT_BUG = 0, 1, 2, 3, 70
# The reader of the output went away (`wlmail run s.wl | head -1`): 128 + SIGPIPE, the
# status a shell shows for a tool that SIGPIPE ended (and 130, 128 + SIGINT, for Ctrl-C).
EXIT_BROKEN_PIPE = 141
# wlmail has no public bug tracker: the message says what to send, and to whom, without
# pointing at an address that might not exist.
REPORT = "wlmail: internal error (a bug in wlmail, not in your script); run the same command " \
         "again with --debug and send its output, the script and the command to whoever " \
         "gave you wlmail"


def _parse_diag(e: ParseError, texts: dict[str, str] | None = None, text: str | None = None) -> Diagnostic:
    src = None
    if text is not None:
        src = source_line(text, e.line)
    elif texts and e.file in texts:
        src = source_line(texts[e.file], e.line)
    else:
        try:
            src = source_line(read_script(e.file)[0], e.line)
        except ParseError:
            src = None
    return Diagnostic(e.file, e.line, e.column, e.message, "error", e.hint, src, e.length)


class Checked:
    """The result of the static pass (and of the code generator, when asked for)."""

    def __init__(self, loaded: Loaded | None, resolution: Resolution | None,
                 code: Compiled | None, diagnostics: list[Diagnostic], syntax_error: bool) -> None:
        self.loaded, self.resolution, self.code = loaded, resolution, code
        self.diagnostics = diagnostics
        self.syntax_error = syntax_error

    @property
    def body(self) -> Exec | None:
        return self.code.body if self.code is not None else None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def configuration_of(options: RunOptions) -> Configuration:
    """What <COMPILE IF> decides on: --configuration / --configuration-type, else a Windows
    64-bit executable (docs/language.md)."""
    if not options.configuration and not options.configuration_type:
        return DEFAULT
    return Configuration(options.configuration or DEFAULT_CONFIGURATION,
                         options.configuration_type or DEFAULT_TYPE)


def static_pass(path: str, options: RunOptions, text: str | None = None,
                lints: bool = True, build: bool = True) -> Checked:
    """Load and resolve the script, then (with `build`, when there is no error) generate
    its code.  `check` resolves only; `run` builds without the lints."""
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 20000))
    try:
        try:
            loaded = load(path, options.encoding, options.interpolate, text=text,
                          configuration=configuration_of(options))
        except ParseError as e:
            return Checked(None, None, None, [_parse_diag(e, text=text)], True)
        except RecursionError:
            d = Diagnostic(path, 1, 1, "the script is nested too deeply to be read", "error")
            return Checked(None, None, None, [d], True)
        diags = [Diagnostic(f, 1, 1, msg, "warning") for f, msg in loaded.warnings]
        try:
            resolution = resolve(loaded.program, loaded.texts, REGISTRY, lints=lints)
            code = generate(resolution) if build and not resolution.errors else None
        except RecursionError:
            return Checked(loaded, None, None, diags + [_too_deep(loaded)], False)
        diags += sorted(resolution.diagnostics,
                        key=lambda d: (d.file != path, d.file, d.line, d.column))
        return Checked(loaded, resolution, code, diags, False)
    finally:
        sys.setrecursionlimit(old_limit)


def _too_deep(loaded: Loaded) -> Diagnostic:
    """The compiler ran out of stack: say where the script nests deepest (blocks inside
    blocks, calls inside calls, brackets...), found without recursion."""
    deepest: tuple[int, ast.Node] = (1, loaded.program)
    stack: list[tuple[ast.Node, int]] = [(loaded.program, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest[0]:
            deepest = (depth, node)
        kids = node.children()
        if isinstance(node, ast.Extern) and node.program is not None:
            kids.append(node.program)
        stack.extend((kid, depth + 1) for kid in kids)
    depth, node = deepest
    src = source_line(loaded.texts.get(node.file, ""), node.line)
    return Diagnostic(node.file, node.line, node.column,
                      f"the script is nested too deeply to be compiled ({depth:,} levels of "
                      f"blocks, calls, brackets or operators around this point)", "error", None, src)


def check(path: str, options: RunOptions, out: TextIO, text: str | None = None) -> int:
    result = static_pass(path, options, text, build=False)
    for d in result.diagnostics:
        out.write(d.format() + "\n")
    if result.syntax_error:
        return EXIT_SYNTAX
    n_err = len(result.errors)
    n_warn = len(result.diagnostics) - n_err
    if n_err or n_warn:
        out.write(f"{path}: {n_err} error{'s' if n_err != 1 else ''}, "
                  f"{n_warn} warning{'s' if n_warn != 1 else ''}\n")
    return EXIT_FATAL if n_err else EXIT_OK


def run(path: str, options: RunOptions, stdout: TextIO | None = None,
        stderr: TextIO | None = None, stdin: TextIO | None = None,
        checked: Checked | None = None, text: str | None = None) -> int:
    """Run the script at `path` (with `text`, that text shown as `path`: stdin); or, with
    `checked`, a program already built (a WINDEV project's, wlmail.project.run)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    result = checked if checked is not None else static_pass(path, options, text=text,
                                                                lints=False)
    if result.syntax_error or result.errors:
        for d in result.diagnostics:
            stderr.write(d.format() + "\n")
        if not result.syntax_error:
            stderr.write(f"{path}: not run: {len(result.errors)} error"
                         f"{'s' if len(result.errors) != 1 else ''} found before running "
                         f"(nothing was sent)\n")
        return EXIT_SYNTAX if result.syntax_error else EXIT_FATAL
    for d in result.diagnostics:   # only warnings remain (e.g. the file's encoding)
        stderr.write(d.format() + "\n")
    code = result.code
    assert code is not None and result.loaded is not None
    ctx = Context(path, options, stdout=stdout, stderr=stderr, stdin=stdin)
    for start in REGISTRY.run_starts:
        # Before anything else, so what a domain registers with ctx.on_close here runs
        # last (capture mode's summary, after the sessions said QUIT).
        start(ctx)
    code.rt.ctx = ctx
    texts = result.loaded.texts
    secrets = result.resolution.secret_variables if result.resolution else frozenset()
    g = code.globals
    for slot, factory, _name in code.global_inits:
        # With the run's Context, so a domain keeps its own global (the legacy Email
        # structure) in its own state without the interpreter knowing what it is.
        g[slot] = factory(ctx)
    for info in code.main_vars:
        g[info.slot] = info.type.default()
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 30000))
    status = EXIT_OK
    try:
        try:
            code.body(g)
        except EndProgram:
            status = EXIT_OK   # EndProgram() is a normal end
        except WLFatal as e:
            status = EXIT_FATAL
            _report_fatal(e, path, texts, stderr, secrets)
        except RecursionError:
            status = EXIT_FATAL
            stderr.write(f"{path}: error: the script is nested too deeply (runaway recursion?)\n")
        except MemoryError:
            # Strings and arrays are bounded before they are made (MAX_TEXT, MAX_ARRAY):
            # this is the script's data outgrowing the computer's memory, not a bug.
            status = EXIT_FATAL
            stderr.write(f"{path}: error: out of memory: the script holds more data than "
                         f"this computer can give it\n")
        finally:
            try:
                ctx.close()
            except WLFatal as e:
                _report_fatal(e, path, texts, stderr, secrets)
                status = status or EXIT_FATAL
    except KeyboardInterrupt:
        stderr.write("wlmail: interrupted\n")
        return 130
    except BrokenPipeError:
        # Not a bug: the script's output has no reader any more.  The sessions were
        # closed above; the command line ends quietly (cli.py).
        raise
    except Exception:
        if options.debug:
            import traceback  # only to show a bug: it pulls in linecache and tokenize
            traceback.print_exc(file=stderr)
        stderr.write(REPORT + "\n")
        return EXIT_BUG
    finally:
        sys.setrecursionlimit(old_limit)
    stdout.flush()
    if status == EXIT_OK and options.strict and ctx.failures:
        stderr.write(f"{path}: --strict: {ctx.failures} email or auth call"
                     f"{'s' if ctx.failures != 1 else ''} failed\n")
        return EXIT_STRICT
    return status


def _report_fatal(e: WLFatal, path: str, texts: dict[str, str], stderr: TextIO,
                  secrets: Set[str]) -> None:
    file = e.file or path
    line = e.line or 1
    col = e.column or 1
    src = source_line(texts.get(file, ""), line, secrets) if e.line else None
    message = e.message
    if e.value_text and src is not None and mentions_secret(src, secrets):
        # `n is int = s.Password`: the value that failed to convert is the secret.
        message = message.replace(f'"{e.value_text}"', '"***"')
    d = Diagnostic(file, line, col, message, "error", e.hint, src, secret_variables=secrets)
    stderr.write(d.format() + "\n")
