"""The language server: pygls over stdio, answering from wlmail/lsp/analysis.py.

Never blocking the editor: the static pass of a document runs on one worker thread, a
quarter of a second after the last edit (an edit made meanwhile starts the wait again),
and its result is published only if the document has not changed since — a check an
edit has overtaken is dropped, and the next one runs on the newest text.  Questions
(hover, completion...) never wait for a check: they read the newest text with plain
patterns, merged with the last check's scopes and types.  Any failure inside a handler
is logged and answered with "nothing here", never a crash.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition

from .. import __version__
from ..diagnostics import Diagnostic
from .analysis import Analysis, Completion, Place, Symbol
from .project import forget

DEBOUNCE = 0.25
# The resolver may recurse deeply (static_pass lifts the recursion limit): the worker
# thread gets a stack as large as the main thread's usually is, and more.
WORKER_STACK = 256 * 1024 * 1024

log = logging.getLogger("wlmail.lsp")

_KINDS = {"function": lsp.CompletionItemKind.Function, "variable": lsp.CompletionItemKind.Variable,
          "type": lsp.CompletionItemKind.Class, "property": lsp.CompletionItemKind.Property,
          "method": lsp.CompletionItemKind.Method, "constant": lsp.CompletionItemKind.Constant,
          "keyword": lsp.CompletionItemKind.Keyword, "procedure": lsp.CompletionItemKind.Function}
_SYMBOLS = {"procedure": lsp.SymbolKind.Function, "variable": lsp.SymbolKind.Variable,
            "constant": lsp.SymbolKind.Constant}
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning}


def uri_path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


class WLServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("wlmail", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.analyses: dict[str, Analysis] = {}
        self._quick: dict[str, Analysis] = {}   # the newest text's patterns, between checks
        self._dirty: dict[str, float] = {}      # uri -> when it last changed
        self._wake = threading.Condition()
        self._worker: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- the background check
    def changed(self, uri: str) -> None:
        # Called on the event loop's thread: the worker hands its results back to it.
        with contextlib.suppress(RuntimeError):      # no loop running: a test's direct call
            self._loop = asyncio.get_running_loop()
        with self._wake:
            self._dirty[uri] = time.monotonic()
            if self._worker is None:
                old = threading.stack_size()
                threading.stack_size(WORKER_STACK)
                try:
                    self._worker = threading.Thread(target=self._work, name="wlmail-check",
                                                    daemon=True)
                    self._worker.start()
                finally:
                    threading.stack_size(old)
            self._wake.notify()

    def closed(self, uri: str) -> None:
        with self._wake:
            self._dirty.pop(uri, None)
        self.analyses.pop(uri, None)
        self._quick.pop(uri, None)

    def _work(self) -> None:
        while True:
            with self._wake:
                while not self._dirty:
                    self._wake.wait()
                uri, at = min(self._dirty.items(), key=lambda kv: kv[1])
                wait = at + DEBOUNCE - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)     # an edit meanwhile moves `at`: look again
                    continue
                del self._dirty[uri]
            try:
                self._check(uri)
            except Exception:
                log.exception("checking %s", uri)

    def _check(self, uri: str) -> None:
        doc = self._document(uri)
        if doc is None:
            return
        text, version = doc.source, doc.version or 0
        analysis = Analysis(uri_path(uri), text, version, self.analyses.get(uri))
        with self._wake:
            current = self._document(uri)
            if current is None or current.version != version or uri in self._dirty:
                return                        # overtaken by an edit: its own check follows
            self.analyses[uri] = analysis
        items = [_diagnostic(d, doc) for d in analysis.document_diagnostics()]
        params = lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=items)
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.text_document_publish_diagnostics, params)

    # -- questions
    def _document(self, uri: str) -> TextDocument | None:
        try:
            return self.workspace.get_text_document(uri)
        except Exception:
            return None

    def current(self, uri: str) -> tuple[Analysis, TextDocument] | None:
        """An analysis of the document's newest text, made of patterns when the last
        check saw an older one."""
        doc = self._document(uri)
        if doc is None:
            return None
        text = doc.source
        done = self.analyses.get(uri)
        if done is not None and done.text == text:
            return done, doc
        quick = self._quick.get(uri)
        if quick is None or quick.text != text:
            quick = self._quick[uri] = Analysis(uri_path(uri), text, doc.version or 0, done,
                                                resolve=False)
        return quick, doc


server = WLServer()


def _guard(default: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A handler that fails logs why and answers `default`: the editor always gets an
    answer and the server goes on."""
    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            try:
                return fn(*args)
            except Exception:
                log.exception("%s failed", fn.__name__)
                return default
        run.__name__ = fn.__name__
        run.__doc__ = fn.__doc__
        return run
    return wrap


# -- positions: the analysis counts characters, the client its own units (UTF-16 by default)
def _to_chars(doc: TextDocument, pos: lsp.Position) -> tuple[int, int]:
    got = doc.position_from_client_units(pos)
    return got.line, got.character


def _to_client(doc: TextDocument, line: int, column: int) -> lsp.Position:
    if not 0 <= line < len(doc.lines):
        return lsp.Position(line=max(line, 0), character=max(column, 0))
    return doc.position_to_client_units(ServerTextPosition(line, max(column, 0)))


def _range(doc: TextDocument, line: int, start: int, end: int) -> lsp.Range:
    return lsp.Range(start=_to_client(doc, line, start), end=_to_client(doc, line, end))


def _diagnostic(d: Diagnostic, doc: TextDocument) -> lsp.Diagnostic:
    line, col = max(d.line - 1, 0), max(d.column - 1, 0)
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    return lsp.Diagnostic(range=_range(doc, line, col, col + max(d.length, 1)), message=message,
                          severity=_SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Information),
                          source="wlmail")


def _location(place: Place, doc: TextDocument, path: str) -> lsp.Location:
    from pygls.uris import from_fs_path
    uri = doc.uri if place.file == path else (from_fs_path(place.file) or place.file)
    if place.file == path:
        rng = _range(doc, place.line, place.column, place.column + place.length)
    else:
        # Another file: its text is not at hand; character columns are close enough.
        rng = lsp.Range(start=lsp.Position(line=place.line, character=place.column),
                        end=lsp.Position(line=place.line, character=place.column + place.length))
    return lsp.Location(uri=uri, range=rng)


# -- the handlers
@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
@_guard(None)
def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
    server.changed(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
@_guard(None)
def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
    server.changed(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
@_guard(None)
def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
    forget(uri_path(params.text_document.uri))
    server.changed(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
@_guard(None)
def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
    server.closed(params.text_document.uri)
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
@_guard(None)
def hover(params: lsp.HoverParams) -> lsp.Hover | None:
    got = server.current(params.text_document.uri)
    if got is None:
        return None
    analysis, doc = got
    answer = analysis.hover(*_to_chars(doc, params.position))
    if answer is None:
        return None
    text, (line, start, end) = answer
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                     range=_range(doc, line, start, end))


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["."]))
@_guard(lsp.CompletionList(is_incomplete=False, items=[]))
def completion(params: lsp.CompletionParams) -> lsp.CompletionList:
    got = server.current(params.text_document.uri)
    if got is None:
        return lsp.CompletionList(is_incomplete=False, items=[])
    analysis, doc = got
    items = [_item(c) for c in analysis.completions(*_to_chars(doc, params.position))]
    return lsp.CompletionList(is_incomplete=False, items=items)


def _item(c: Completion) -> lsp.CompletionItem:
    return lsp.CompletionItem(label=c.label, kind=_KINDS.get(c.kind), detail=c.detail or None)


@server.feature(lsp.TEXT_DOCUMENT_SIGNATURE_HELP,
                lsp.SignatureHelpOptions(trigger_characters=["(", ","]))
@_guard(None)
def signature_help(params: lsp.SignatureHelpParams) -> lsp.SignatureHelp | None:
    got = server.current(params.text_document.uri)
    if got is None:
        return None
    analysis, doc = got
    sig = analysis.signature(*_to_chars(doc, params.position))
    if sig is None:
        return None
    info = lsp.SignatureInformation(
        label=sig.label, documentation=sig.doc or None,
        parameters=[lsp.ParameterInformation(label=p) for p in sig.parameters])
    active = min(sig.active, max(len(sig.parameters) - 1, 0))
    return lsp.SignatureHelp(signatures=[info], active_signature=0, active_parameter=active)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
@_guard(None)
def definition(params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    got = server.current(params.text_document.uri)
    if got is None:
        return None
    analysis, doc = got
    places = analysis.definition(*_to_chars(doc, params.position))
    return [_location(p, doc, analysis.path) for p in places] or None


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@_guard([])
def document_symbols(params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    got = server.current(params.text_document.uri)
    if got is None:
        return []
    analysis, doc = got
    return [_symbol(s, doc) for s in analysis.symbols()]


def _symbol(s: Symbol, doc: TextDocument) -> lsp.DocumentSymbol:
    lines = doc.lines
    end_col = len(lines[s.end_line].rstrip("\r\n")) if 0 <= s.end_line < len(lines) else s.column
    whole = lsp.Range(start=_to_client(doc, s.line, 0), end=_to_client(doc, s.end_line, end_col))
    name_range = _range(doc, s.line, s.column, s.column + len(s.name))
    if s.end_line == s.line:
        whole = lsp.Range(start=_to_client(doc, s.line, 0),
                          end=_to_client(doc, s.line, max(end_col, s.column + len(s.name))))
    return lsp.DocumentSymbol(name=s.name, kind=_SYMBOLS.get(s.kind, lsp.SymbolKind.Variable),
                              range=whole, selection_range=name_range, detail=s.detail or None,
                              children=[_symbol(c, doc) for c in s.children] or None)


def serve() -> int:
    from ..domains import load_all
    from .analysis import warm_up
    load_all()
    warm_up()
    server.start_io()
    return 0
