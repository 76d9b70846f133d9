"""`wlmail run | check | auth` — the command line: it parses the options and hands the
script to wlmail.api (which fills the registry with every domain, then runs it)."""
from __future__ import annotations

import argparse
import codecs
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from . import __version__, api
from .email import spool_cli
from .errors import UsageError
from .runtime import interpreter
from .runtime.context import RunOptions
from .syntax.compilation import TYPE_NAMES, known_type

# wlmail.oauth.cli, wlmail.email.transport and wlmail.email.capture are imported only by
# the commands and options that need them: they pull in ssl, aiosmtplib, aiosmtpd and
# trustme, which a plain `wlmail run` should not pay for at start-up.

EXIT_USAGE = 2


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` reads it: $COLUMNS, else the
    terminal of standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    out = sys.__stdout__
    if columns <= 0 and out is not None:
        try:
            columns = os.get_terminal_size(out.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    # argparse makes a formatter for each option it is given (to check its metavar), and
    # one left to find the width itself imports shutil, which imports bz2, lzma and zlib:
    # ~4 ms of every start.  The same width, found without it.
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)  # the subcommands' parsers too
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # argparse exits with 2 too; keep its words short
        self.print_usage(sys.stderr)
        sys.stderr.write(f"wlmail: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show Python tracebacks of wlmail's own bugs")
    p.add_argument("--interpolate", action="store_true", help="expand [%% expr %%] inside strings")
    p.add_argument("--encoding", metavar="ENC", help="the script's encoding (default: UTF-8, "
                                                     "UTF-16 with BOM, else Windows-1252)")
    p.add_argument("--strict", action="store_true",
                   help="exit with status 3 when any email or auth function failed")
    # <COMPILE IF> (branch smallforms): the configuration the script is compiled for.
    p.add_argument("--configuration", metavar="NAME",
                   help='what <COMPILE IF Configuration = "..."> compares with (default: '
                        '"Windows 64-bit executable")')
    p.add_argument("--configuration-type", metavar="NAME",
                   help="what ConfigurationType and ExecutionTarget compare with "
                        "(default: WindowsApplication)")


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--capture", metavar="DIR",
                   help="send every message to an embedded server and store it in the Maildir DIR")
    p.add_argument("--mailbox", metavar="DIR",
                   help="every POP3/IMAP session reads the Maildir DIR (what --capture wrote) "
                        "instead of its server")
    p.add_argument("--smtp-server", metavar="HOST[:PORT]",
                   help="send every session to this server instead (also WLMAIL_SMTP_SERVER)")
    p.add_argument("--trace-smtp", action="store_true",
                   help="print the SMTP dialogue (secrets masked) on stderr")
    p.add_argument("--oauth-timeout", metavar="SECONDS", type=float, default=300.0,
                   help="how long AuthIdentify waits for the browser (default 300)")
    p.add_argument("--no-token-cache", action="store_true",
                   help="do not read or store OAuth tokens between runs")
    spool_cli.add_run_options(p)


COMMANDS = ("run", "check", "inventory", "doc", "repl", "spool", "lsp", "auth")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, just that command's part (what `main` parses: the
    others' dozens of options are not built at each start-up of `wlmail run`)."""

    def want(name: str) -> bool:
        return only is None or only == name

    parser = _Parser(prog="wlmail", description="Run WLanguage (WINDEV/WEBDEV) email scripts.")
    parser.add_argument("--version", action="version", version=f"wlmail {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if want("run"):
        run = sub.add_parser("run", help="run a script", description="Run a WLanguage script. "
                             "Arguments after `--` are given to the script (CommandLine()).")
        run.add_argument("script", metavar="FILE", help="the script, or - to read it from stdin")
        run.add_argument("--project", metavar="PATH", help="a WINDEV project whose procedures, "
                         "constants and globals the script sees (its initialisation code runs first)")
        run.add_argument("--procedure", metavar="NAME", help="FILE is a WINDEV project: call its "
                         "procedure NAME with the arguments after `--`, print what it returns")
        _options(run)
        _run_options(run)
    if want("check"):
        check = sub.add_parser("check", help="report problems without running",
                               description="Report every problem of a script without running it: "
                               "exit 0 clean (warnings allowed), 1 errors, 2 the file does not parse.")
        check.add_argument("script", metavar="FILE",
                           help="a script, a WINDEV project (its folder or .wdp file), or - "
                           "to read a script from stdin")
        _options(check)
    if want("inventory"):
        inv = sub.add_parser("inventory", help="what a WINDEV project's code uses",
                             description="Read a WINDEV project (text format) or a folder of .wl "
                             "files and report, per element and procedure, whether it parses and "
                             "which names it uses: exit 0, or 1 when an element could not be read.")
        inv.add_argument("path", metavar="PATH")
        shape = inv.add_mutually_exclusive_group()
        shape.add_argument("--json", action="store_true", help="the wlmail-inventory/1 JSON document")
        shape.add_argument("--html", action="store_true",
                           help="one self-contained HTML page (summary, chart, sortable table, "
                           "the code with its problems marked)")
        inv.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    if want("doc"):
        doc = sub.add_parser("doc", help="describe a function, type, property, constant or keyword",
                             description="Describe built-in names (English or French, any case "
                             "and accents); without a name, list the families.")
        doc.add_argument("names", metavar="NAME", nargs="*")
        doc.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    if want("repl"):
        repl = sub.add_parser("repl", help="an interactive WLanguage session",
                              description="Type WLanguage one entry at a time; messages go to a "
                              "temporary capture Maildir unless --smtp-server or --capture is given.")
        repl.add_argument("--lang", choices=["en", "fr"], help="the language of the session's "
                          "messages (default: the locale's; :lang fr|en changes it)")
        _options(repl)
        _run_options(repl)
    if want("spool"):
        spool_cli.add_command(sub)
    if want("lsp"):
        sub.add_parser("lsp", help="a language server for editors, over stdio (docs/editors.md)",
                       description="Speak the Language Server Protocol on standard input and "
                       "output: diagnostics, hover, completion, signature help, definitions and "
                       "symbols of WLanguage scripts (docs/editors.md).")
    if want("auth"):
        auth = sub.add_parser("auth", help="show or remove stored OAuth tokens")
        auth.add_argument("action", choices=["list", "clear"])
        auth.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # WLanguage integers are printed whatever their size: lift Python's 4300-digit limit.
    sys.set_int_max_str_digits(0)
    script_args: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, script_args = argv[:at], argv[at + 1:]
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS and first == argv[0] else None)
    try:
        ns = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if ns.command is None:
        parser.print_help()
        return EXIT_USAGE
    if ns.command == "lsp":
        from .lsp import lsp_command
        return lsp_command(sys.stderr)
    if ns.command == "auth":
        from .oauth.cli import auth_command
        return auth_command([ns.action] + ns.rest, sys.stdout, sys.stderr)
    if ns.command == "spool":
        return spool_cli.spool_command(ns, sys.stdout, sys.stderr)

    try:
        if ns.command == "inventory":
            return api.inventory(ns.path, sys.stdout, ns.json, ns.html)
        if ns.command == "doc":
            from .help import doc_command
            return doc_command(ns.names, sys.stdout, sys.stderr)
        options = _options_from(ns, script_args)
        if ns.command == "repl":
            from .repl import repl
            return repl(options, lang=ns.lang)
        if ns.command == "check" and ns.script == "-":
            return api.check(STDIN_NAME, options, sys.stdout, _read_stdin(options.encoding))
        if ns.command == "check" and api.is_project(ns.script):
            return api.check_project(ns.script, sys.stdout)
        if ns.command == "check":
            return api.check(ns.script, options, sys.stdout)
        if ns.command == "run" and (ns.project or ns.procedure):
            if ns.project and ns.procedure:
                raise UsageError("--procedure", "give either --project PATH SCRIPT or "
                                 "PATH --procedure NAME, not both")
            if ns.project:
                return api.run_project(ns.project, options, driver=ns.script)
            return api.run_project(ns.script, options, procedure=ns.procedure)
        if ns.script == "-":
            return api.run(STDIN_NAME, options, text=_read_stdin(options.encoding))
        return api.run(ns.script, options)
    except UsageError as e:
        sys.stderr.write(e.format() + "\n")
        return e.exit_status
    except KeyboardInterrupt:
        sys.stderr.write("wlmail: interrupted\n")
        return 130
    except BrokenPipeError:
        return _output_closed()
    except Exception:
        if ns.debug:
            import traceback  # only to show a bug: it pulls in linecache and tokenize
            traceback.print_exc()
        sys.stderr.write(interpreter.REPORT + "\n")
        return interpreter.EXIT_BUG


STDIN_NAME = "<stdin>"


def _read_stdin(encoding: str | None) -> str:
    """The script given on standard input, decoded and limited as a file would be."""
    from .diagnostics import Diagnostic
    from .syntax.source import MAX_SOURCE_CHARS, decode
    limit = MAX_SOURCE_CHARS * 2
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise UsageError("run -", f"the script on standard input is too big (the limit is "
                                  f"{limit} bytes)")
    text, warning = decode(data, encoding)
    if warning:
        sys.stderr.write(Diagnostic(STDIN_NAME, 1, 1, warning, "warning").format() + "\n")
    return text


def _output_closed() -> int:
    """`wlmail run s.wl | head -1`: the reader of our output is gone.  Stop without a word,
    as a tool that SIGPIPE ends does (Python ignores SIGPIPE so that a socket's peer that
    closes is an error, not the end of wlmail: it stays ignored).  What is still buffered
    for the closed pipe goes to the null device, or Python would try to write it again at
    exit and complain."""
    for stream in (sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
        except (OSError, ValueError):
            continue          # not a file (a test's StringIO): nothing is written at exit
        try:
            stream.flush()
        except OSError:
            # No null device: Python's own note at exit is all that is left.
            with contextlib.suppress(OSError):
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, fd)
                os.close(null)
    return interpreter.EXIT_BROKEN_PIPE


def _options_from(ns: argparse.Namespace, script_args: list[str]) -> RunOptions:
    """The run's options; a value that cannot be used raises UsageError."""
    if ns.encoding:
        try:
            text_encoding = codecs.lookup(ns.encoding)._is_text_encoding
        except LookupError:
            text_encoding = False
        if not text_encoding:
            raise UsageError(f"--encoding {ns.encoding}",
                             "not a text encoding (try utf-8, cp1252, latin-1, utf-16)")
    if ns.configuration_type and not known_type(ns.configuration_type):
        # A misspelt type would silently select the other branches of every <COMPILE IF>.
        names = ", ".join(" / ".join(n) for n in TYPE_NAMES)
        raise UsageError(f"--configuration-type {ns.configuration_type}",
                         f"not a configuration type (one of {names})")
    options = RunOptions(debug=ns.debug, interpolate=ns.interpolate, encoding=ns.encoding,
                         strict=ns.strict, args=script_args,
                         configuration=ns.configuration,
                         configuration_type=ns.configuration_type)
    if ns.command == "check":
        return options
    options.smtp_server = ns.smtp_server or os.environ.get("WLMAIL_SMTP_SERVER") or None
    if ns.smtp_server is not None or options.smtp_server:
        from .email.transport import server_option_problem
        problem = server_option_problem(ns.smtp_server if ns.smtp_server is not None
                                        else options.smtp_server or "")
        if problem:
            raise UsageError("--smtp-server" if ns.smtp_server is not None
                             else "WLMAIL_SMTP_SERVER", problem)
    options.trace_smtp = ns.trace_smtp
    options.oauth_timeout = ns.oauth_timeout
    options.token_cache = not ns.no_token_cache
    problem = spool_cli.options_into(ns, options)
    if problem:
        raise UsageError("--spool-wait", problem)
    if ns.capture is not None:
        from .email.capture import prepare_capture_dir
        problem = prepare_capture_dir(ns.capture)
        if problem:
            raise UsageError(f"--capture {ns.capture}", problem)
        options.capture_dir = ns.capture
    if ns.mailbox is not None:
        from .reading.maildir import problem as mailbox_problem
        why = mailbox_problem(ns.mailbox)
        if why:
            raise UsageError(f"--mailbox {ns.mailbox}", why)
        options.mailbox_dir = ns.mailbox
    return options


if __name__ == "__main__":
    raise SystemExit(main())
