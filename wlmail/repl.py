"""`wlmail repl`: an interactive WLanguage session.

Each entry is parsed, resolved and compiled on its own, then run in one persistent main
frame: nothing already run is run again.  To let an entry see what earlier ones
declared, the resolver is given, before the entry's own statements, the declarations
and procedures the session has kept (compiled, never run); the values of the main
code's variables are carried from one entry's frame to the next by name.  One run
Context serves the whole session, so sessions stay open between entries and capture
mode's embedded server keeps running.

An entry is complete when it parses; it goes on while a block is open (the parser says
the IF/FOR/SWITCH... has no END, or the procedure would still accept one), or while a
line ends with `...`.  An entry that is a call, or that does not parse as a statement
but does as an expression, has its value echoed.
"""
from __future__ import annotations

import contextlib
import email.parser
import email.policy
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from .diagnostics import Diagnostic
from .domains import load_all
from .names import fold
from .registry import REGISTRY
from .runtime import interpreter
from .runtime.codegen import CodeGen
from .runtime.context import Context, EndProgram, RunOptions
from .runtime.errors import WLFatal
from .runtime.resolver import resolve
from .runtime.values import WLArray, WLObject, describe, to_str
from .syntax import ast
from .syntax.loader import load
from .syntax.parser import parse
from .syntax.source import ParseError

PROMPT, MORE = "wl> ", "... "

# What the session says, in English and in French: `wlmail repl --lang fr`, a French
# locale (LC_ALL, LC_MESSAGES or LANG starting with "fr"), or `:lang fr` during the
# session.  The diagnostics of the script (the resolver's, the parser's) stay in English,
# as `wlmail check` writes them.
MESSAGES: dict[str, dict[str, str]] = {
    "banner": {
        "en": "wlmail {version}: WLanguage, one entry at a time. Blocks go on until their END; "
              ":doc NAME, :load FILE, :trace on|off, :lang fr|en, :reset, :quit (or Ctrl-D).",
        "fr": "wlmail {version} : du WLanguage, une saisie à la fois. Un bloc continue "
              "jusqu'à son FIN ; :doc NOM, :load FICHIER, :trace on|off, :lang fr|en, "
              ":reset, :quit (ou Ctrl-D)."},
    "capture": {
        "en": "Capture mode: messages are stored in {folder}, never sent.",
        "fr": "Mode capture : les messages sont rangés dans {folder}, jamais envoyés."},
    "cancelled": {"en": "(entry cancelled)", "fr": "(saisie annulée)"},
    "unfinished": {
        "en": "(the unfinished entry was not run: its block has no END)",
        "fr": "(la saisie inachevée n'a pas été exécutée : son bloc n'a pas de FIN)"},
    "interrupted": {"en": "interrupted", "fr": "interrompu"},
    "kept_mail": {"en": "The captured messages stay in {folder}",
                  "fr": "Les messages capturés restent dans {folder}"},
    "reset": {"en": "(session reset)", "fr": "(session remise à zéro)"},
    "doc_usage": {"en": ":doc NAME: give a name (wlmail doc lists the families)",
                  "fr": ":doc NOM : donnez un nom (wlmail doc liste les familles)"},
    "load_usage": {"en": ":load FILE: give a script to run in the session",
                   "fr": ":load FICHIER : donnez un script à exécuter dans la session"},
    "trace_usage": {
        "en": ":trace on|off: show the SMTP dialogue of the sessions started after",
        "fr": ":trace on|off : affiche le dialogue SMTP des sessions ouvertes ensuite"},
    "trace": {"en": "(SMTP trace {choice})", "fr": "(trace SMTP {choice})"},
    "lang_usage": {"en": ":lang fr|en: the language of the session's messages",
                   "fr": ":lang fr|en : la langue des messages de la session"},
    "lang": {"en": "(messages in English)", "fr": "(messages en français)"},
    "unknown_command": {
        "en": "{word}: unknown command (:doc NAME, :load FILE, :trace on|off, :lang fr|en, "
              ":reset, :quit)",
        "fr": "{word} : commande inconnue (:doc NOM, :load FICHIER, :trace on|off, "
              ":lang fr|en, :reset, :quit)"},
    "end_program": {"en": "(EndProgram: the session goes on; :quit leaves)",
                    "fr": "(FinProgramme : la session continue ; :quit pour quitter)"},
    "conflict": {
        "en": "{name}: error: the entry conflicts with what the session kept (:reset starts "
              "afresh)",
        "fr": "{name}: error: la saisie contredit ce que la session a gardé (:reset repart "
              "de zéro)"},
    "too_deep_run": {"en": "{name}: error: nested too deeply (runaway recursion?)",
                     "fr": "{name}: error: imbrication trop profonde (récursion sans fin ?)"},
    "too_deep_compile": {
        "en": "{name}: error: the entry is nested too deeply to be compiled",
        "fr": "{name}: error: la saisie est trop imbriquée pour être compilée"},
    "no_capture_dir": {"en": "wlmail: error: cannot make the capture folder: {problem}",
                       "fr": "wlmail: error: impossible de créer le dossier de capture : {problem}"},
    "mail_head": {"en": "--- captured message ---", "fr": "--- message capturé ---"},
    "mail_attachments": {"en": "Attachments: ", "fr": "Pièces jointes : "},
}
LANGUAGES = ("en", "fr")


def say(key: str, lang: str = "en", **values: Any) -> str:
    text = MESSAGES[key].get(lang) or MESSAGES[key]["en"]
    return text.format(**values) if values else text


def locale_language(env: Mapping[str, str] | None = None) -> str:
    """"fr" when the first locale variable that is set names French, else "en"."""
    found = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = found.get(var)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"

_OPEN_BLOCK = ("has no END (before the end of the file)", "unexpected end of file")
_HOIST_SKIP = ast.NO_STATEMENTS + (ast.Procedure,)


def show_value(v: Any) -> str:
    """How an echoed value is written: strings quoted WLanguage's way (so "1" and 1
    differ), booleans True/False, arrays and objects as the language describes them."""
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, str):
        return '"' + v.replace('"', '""') + '"'
    if isinstance(v, WLArray):
        return "[" + ", ".join(show_value(x) for x in v.items) + "]"
    if isinstance(v, WLObject) or v is None:
        return describe(v)
    return to_str(v)


class Session:
    """The state kept between entries: declarations, procedures, variable values."""

    def __init__(self, options: RunOptions, out: TextIO, err: TextIO, lang: str = "en") -> None:
        self.options = options
        self.lang = lang
        self.out, self.err = out, err
        self.ctx = Context("<repl>", options, stdout=out, stderr=err)
        for start in REGISTRY.run_starts:
            start(self.ctx)
        self.kept: list[ast.Stmt] = []             # declarations of earlier entries
        self.procedures: list[ast.Procedure] = []
        self.values: dict[str, Any] = {}           # folded variable name -> value
        self.texts: dict[str, str] = {}
        # The session's secret variables (its last resolution's): what its diagnostics mask.
        self.secrets: set[str] = set()
        self.count = 0
        self.mail_seen: set[str] = set()

    # Kept in the run's options: the lines the email layer writes itself (capture mode's
    # closing summary) speak the session's language too, :lang included.
    @property
    def lang(self) -> str:
        return self.options.lang

    @lang.setter
    def lang(self, value: str) -> None:
        self.options.lang = value

    def close(self) -> None:
        try:
            self.ctx.close()
        except WLFatal as e:
            interpreter._report_fatal(e, "<repl>", self.texts, self.err, self.secrets)

    # -- completeness
    @staticmethod
    def complete(lines: list[str]) -> str | None:
        """The entry's text once it is complete, else None (more lines are needed).

        A procedure has no END in WLanguage (it runs to the next PROCEDURE): here it ends
        at an empty line, or at a line `END` that closes no block of its own (dropped)."""
        text = "\n".join(lines)
        last = lines[-1].strip()
        if last.endswith("...") and last != "...":
            return None
        try:
            program = parse(text, "<entry>")
        except ParseError as e:
            if any(m in e.message for m in _OPEN_BLOCK):
                return None
            if len(lines) > 1 and fold(last) in ("end", "fin") and _opens_procedure(lines[:-1]):
                return "\n".join(lines[:-1])
            return text
        if any(not p.internal for p in program.procedures) and last:
            return None
        return text

    # -- running one entry
    def feed(self, text: str) -> None:
        """Run one typed entry."""
        self.count += 1
        name = f"<repl {self.count}>"
        self.texts[name] = text
        self._feed(text, name)

    def load_file(self, path: str) -> None:
        """`:load FILE`: run a script in the session; what it declares is kept."""
        self._feed(None, path)

    def _feed(self, text: str | None, name: str) -> None:
        try:
            loaded = load(name, self.options.encoding, self.options.interpolate, text=text)
        except ParseError as e:
            echo: ast.Expr | None
            wrapped = (self._as_expression(text, name)
                       if text is not None and e.file == name else None)
            if text is None or wrapped is None or (_starts_with_keyword(text)
                                                   and not self._resolves(wrapped[0], name)):
                # Not an expression either (`IF` alone): the syntax error is the news.
                self.err.write(interpreter._parse_diag(e, self.texts).format() + "\n")
                return
            program, echo = wrapped
        else:
            program = loaded.program
            self.texts.update(loaded.texts)
            for warning_file, warning in loaded.warnings:
                self.err.write(Diagnostic(warning_file, 1, 1, warning, "warning").format() + "\n")
            echo = self._echoed(program) if text is not None else None
            if text is not None and echo is not None and isinstance(echo, ast.Var):
                # A bare name: a variable's value, or (as in a script) a call.
                wrapped = self._as_expression(text, name)
                if wrapped is not None and self._resolves(wrapped[0], name):
                    program, echo = wrapped
        self._run(program, name, echo)

    @staticmethod
    def _echoed(program: ast.Program) -> ast.Expr | None:
        body = [s for s in program.body if not isinstance(s, ast.Nop)]
        if len(body) == 1 and isinstance(body[0], ast.ExprStmt) and not program.procedures:
            return body[0].expr
        return None

    @staticmethod
    def _as_expression(text: str, name: str) -> tuple[ast.Program, ast.Expr] | None:
        """`1 + 2` is not a statement: read it as the argument of a call and echo it."""
        try:
            program = parse(f"Trace({text})", name)
        except ParseError:
            return None
        body = [s for s in program.body if not isinstance(s, ast.Nop)]
        if len(body) != 1 or not isinstance(body[0], ast.ExprStmt):
            return None
        call = body[0].expr
        if not isinstance(call, ast.Call) or len(call.args) != 1:
            return None
        arg = call.args[0]
        for node in program.walk():
            if node.line == 1:
                node.column -= len("Trace(")          # columns as the user typed them
        return program, arg

    def _combined(self, program: ast.Program) -> ast.Program:
        return ast.Program(program.line, program.column, program.file,
                           self.kept + program.body, self.procedures + program.procedures,
                           program.text)

    def _resolves(self, program: ast.Program, name: str) -> bool:
        res = resolve(self._combined(program), self.texts, REGISTRY, lints=False)
        return not any(d.severity == "error" and d.file == name for d in res.diagnostics)

    def _run(self, program: ast.Program, name: str, echo: ast.Expr | None) -> None:
        combined = self._combined(program)
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, 30000))
        try:
            res = resolve(combined, self.texts, REGISTRY, lints=False)
            self.secrets = res.secret_variables
            shown = [d for d in res.diagnostics if d.file == name]
            for d in shown:
                self.err.write(d.format() + "\n")
            if any(d.severity == "error" for d in res.diagnostics):
                if not any(d.severity == "error" for d in shown):
                    self.err.write(say("conflict", self.lang, name=name) + "\n")
                return
            gen = CodeGen(res, REGISTRY)
            compiled = gen.generate()
            frame = compiled.globals
            for slot, factory, gname in compiled.global_inits:
                key = "global " + fold(gname)
                if key not in self.values:
                    self.values[key] = factory(self.ctx)
                frame[slot] = self.values[key]
            for info in compiled.main_vars:
                key = fold(info.name)
                frame[info.slot] = self.values[key] if key in self.values else info.type.default()
            compiled.rt.ctx = self.ctx
            evaluate = gen.expr(echo) if echo is not None else None
            body = gen.block(program.body) if evaluate is None else None
            # Kept before running: what was declared exists even when the entry fails.
            self._keep(program)
            try:
                if evaluate is not None:
                    value = evaluate(frame)
                    if value is not None:
                        self.out.write(show_value(value) + "\n")
                elif body is not None:
                    body(frame)
            except EndProgram:
                self.out.write(say("end_program", self.lang) + "\n")
            except WLFatal as e:
                interpreter._report_fatal(e, name, self.texts, self.err, self.secrets)
            except RecursionError:
                self.err.write(say("too_deep_run", self.lang, name=name) + "\n")
            except KeyboardInterrupt:
                self.err.write(say("interrupted", self.lang) + "\n")
            finally:
                for info in compiled.main_vars:
                    self.values[fold(info.name)] = frame[info.slot]
        except RecursionError:
            self.err.write(say("too_deep_compile", self.lang, name=name) + "\n")
        finally:
            sys.setrecursionlimit(old_limit)
            self.out.flush()
            self.show_mail()

    def _keep(self, program: ast.Program) -> None:
        self.procedures.extend(program.procedures)
        # Compiled with every later entry, never run again: the declarations, the loops
        # (their variables are the main code's), the EXTERN'd files (their procedures).
        for node in ast.walk(program.body, _HOIST_SKIP):
            if isinstance(node, (ast.Declare, ast.For, ast.ForEach, ast.Extern)):
                self.kept.append(node)

    # -- capture mode: each message "sent" is shown
    def show_mail(self) -> None:
        folder = self.options.capture_dir
        if not folder:
            return
        new = Path(folder) / "new"
        try:
            files = sorted(new.iterdir(), key=lambda p: p.stat().st_mtime)
        except OSError:
            return
        for path in files:
            if path.name in self.mail_seen:
                continue
            self.mail_seen.add(path.name)
            self.out.write(mail_summary(path.read_bytes(), self.lang))


def _starts_with_keyword(text: str) -> bool:
    from .help import keywords
    word = fold(text.split(maxsplit=1)[0]) if text.split() else ""
    return any(word in kw.strings for kw in keywords().values())


def _opens_procedure(lines: list[str]) -> bool:
    """True when these lines parse and hold a procedure (the END after them is its end)."""
    try:
        program = parse("\n".join(lines), "<entry>")
    except ParseError:
        return False
    return any(not p.internal for p in program.procedures)


def mail_summary(data: bytes, lang: str = "en") -> str:
    """What a captured message holds: its headers, text body and attachments."""
    msg = email.parser.BytesParser(policy=email.policy.default).parsebytes(data)
    lines = [say("mail_head", lang)]
    for header in ("From", "To", "Cc", "Subject"):
        if msg[header]:
            lines.append(f"{header}: {msg[header]}")
    body = msg.get_body(("plain", "html")) if msg.is_multipart() or msg.get_content_type() \
        in ("text/plain", "text/html") else None
    if body is not None:
        text = body.get_content().rstrip()
        if len(text) > 2000:
            text = text[:2000] + " [...]"
        lines += ["", text]
    names = [part.get_filename() or part.get_content_type()
             for part in msg.iter_attachments()] if msg.is_multipart() else []
    if names:
        lines += ["", say("mail_attachments", lang) + ", ".join(names)]
    lines.append("------------------------")
    return "\n".join(lines) + "\n"


def _reader(inp: TextIO, out: TextIO) -> Any:
    """A function reading one line (without its end), raising EOFError at the end; with a
    terminal, `input` gives line editing and history when `readline` is there."""
    if inp is sys.stdin and inp.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - importing it gives input() editing and history
        return input

    def read(prompt: str) -> str:
        line = inp.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")
    return read


def repl(options: RunOptions, inp: TextIO | None = None, out: TextIO | None = None,
         err: TextIO | None = None, lang: str | None = None) -> int:
    """The session; 0 when it ends by :quit or end of input.  `lang`: "en" or "fr"
    (None: the locale's, see locale_language)."""
    from . import __version__
    from .email.capture import prepare_capture_dir  # lazily: it imports aiosmtpd, ssl
    inp, out, err = inp or sys.stdin, out or sys.stdout, err or sys.stderr
    lang = lang if lang in LANGUAGES else locale_language()
    load_all()
    temporary = None
    if not options.capture_dir and not options.smtp_server:
        temporary = tempfile.mkdtemp(prefix="wlmail-repl-")
        problem = prepare_capture_dir(temporary)
        if problem:
            err.write(say("no_capture_dir", lang, problem=problem) + "\n")
            return 2
        options.capture_dir = temporary
    interactive = inp is sys.stdin and inp.isatty()
    read = _reader(inp, out)
    if interactive:
        out.write(say("banner", lang, version=__version__) + "\n")
        if temporary:
            out.write(say("capture", lang, folder=temporary) + "\n")
    state = _Loop(Session(options, out, err, lang))
    try:
        while True:
            try:
                line = read(MORE if state.lines else PROMPT)
            except KeyboardInterrupt:
                out.write("\n" + say("cancelled", state.session.lang) + "\n")
                state.lines = []
                continue
            except EOFError:
                if interactive:
                    out.write("\n")
                if state.lines:
                    err.write(say("unfinished", state.session.lang) + "\n")
                break
            try:
                if not state.step(line):
                    break
            except KeyboardInterrupt:
                # Ctrl-C anywhere else (parsing, compiling, showing mail): the entry is
                # dropped and the session goes on.
                state.lines = []
                err.write(say("interrupted", state.session.lang) + "\n")
    finally:
        state.session.close()
        if temporary and not os.listdir(os.path.join(temporary, "new")):
            _remove_empty_maildir(temporary)
        elif temporary and interactive:
            out.write(say("kept_mail", state.session.lang, folder=temporary) + "\n")
    return 0


class _Loop:
    """The session and the lines of the entry being typed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.lines: list[str] = []

    def step(self, line: str) -> bool:
        """Take one line; False when the session ends (:quit)."""
        session = self.session
        if not self.lines:
            stripped = line.strip()
            if not stripped:
                return True
            if stripped.startswith(":"):
                if not _command(stripped, session, session.out, session.err):
                    return False
                if stripped.split()[0].lower() == ":reset":
                    session.close()
                    self.session = Session(session.options, session.out, session.err, session.lang)
                    session.out.write(say("reset", session.lang) + "\n")
                return True
        self.lines.append(line)
        entry = Session.complete(self.lines)
        if entry is None:
            return True
        self.lines = []
        if entry.strip():
            session.feed(entry)
        return True


def _remove_empty_maildir(folder: str) -> None:
    # Nothing was captured: leave no empty folder behind in the temporary directory.
    for sub in ("cur", "new", "tmp"):
        try:
            os.rmdir(os.path.join(folder, sub))
        except OSError:
            return
    with contextlib.suppress(OSError):
        os.rmdir(folder)


def _command(text: str, session: Session, out: TextIO, err: TextIO) -> bool:
    """A `:command`; False when the session ends."""
    from .help import lookup
    word, _, rest = text.partition(" ")
    word = word.lower()
    lang = session.lang
    if word in (":quit", ":q", ":exit"):
        return False
    if word == ":doc":
        if not rest.strip():
            err.write(say("doc_usage", lang) + "\n")
            return True
        described, known = lookup(rest.strip())
        (out if known else err).write("\n".join(described) + "\n")
        return True
    if word == ":load":
        if not rest.strip():
            err.write(say("load_usage", lang) + "\n")
        else:
            session.load_file(rest.strip())
        return True
    if word == ":trace":
        choice = rest.strip().lower()
        if choice not in ("on", "off"):
            err.write(say("trace_usage", lang) + "\n")
        else:
            session.options.trace_smtp = choice == "on"
            out.write(say("trace", lang, choice=choice) + "\n")
        return True
    if word == ":lang":
        choice = rest.strip().lower()
        if choice not in LANGUAGES:
            err.write(say("lang_usage", lang) + "\n")
        else:
            session.lang = choice
            out.write(say("lang", choice) + "\n")
        return True
    if word == ":reset":
        return True
    err.write(say("unknown_command", lang, word=word) + "\n")
    return True


__all__ = ["MESSAGES", "Session", "locale_language", "mail_summary", "repl", "say", "show_value"]
