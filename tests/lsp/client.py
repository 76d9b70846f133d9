"""A real LSP client (pygls's LanguageClient) talking to `python -m wlmail lsp` over its
standard input and output, in a subprocess: what an editor does.

    async with Editor() as ed:
        uri = await ed.open(path, text)
        diags = await ed.diagnostics(uri)           # the next publication for this version
        hover = await ed.client.text_document_hover_async(...)
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

# A guard against a server that never answers: the test fails instead of hanging.
WAIT = 60.0


class Editor:
    def __init__(self, cwd: Path | None = None) -> None:
        self.client = LanguageClient("wlmail-tests", "1")
        self.cwd = cwd
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self._news = asyncio.Event()
        self.versions: dict[str, int] = {}
        self.stderr = b""

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self._news.set()

    async def __aenter__(self) -> Editor:
        await self.client.start_io(sys.executable, "-m", "wlmail", "lsp",
                                   cwd=str(self.cwd) if self.cwd else None)
        self.result = await asyncio.wait_for(self.client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), process_id=None, root_uri=None)), WAIT)
        self.client.initialized(lsp.InitializedParams())
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), WAIT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), WAIT)

    async def open(self, path: Path, text: str) -> str:
        uri = from_fs_path(str(path)) or str(path)
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="wlanguage", version=1,
                                               text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the whole text (a full-document change): the new version."""
        self.versions[uri] += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    async def diagnostics(self, uri: str, version: int | None = None) -> list[lsp.Diagnostic]:
        """The diagnostics published for `version` (default: the newest one sent)."""
        want = self.versions[uri] if version is None else version

        async def wait() -> list[lsp.Diagnostic]:
            while True:
                for p in self.published.get(uri, []):
                    if p.version == want:
                        return list(p.diagnostics)
                self._news.clear()
                await self._news.wait()
        return await asyncio.wait_for(wait(), WAIT)

    async def hover(self, uri: str, line: int, character: int) -> lsp.Hover | None:
        return await asyncio.wait_for(self.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=character))), WAIT)

    async def complete(self, uri: str, line: int, character: int) -> list[str]:
        got = await asyncio.wait_for(self.client.text_document_completion_async(
            lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri=uri),
                                 position=lsp.Position(line=line, character=character))), WAIT)
        items = got.items if isinstance(got, lsp.CompletionList) else (got or [])
        return [i.label for i in items]

    async def signature(self, uri: str, line: int, character: int) -> lsp.SignatureHelp | None:
        return await asyncio.wait_for(self.client.text_document_signature_help_async(
            lsp.SignatureHelpParams(text_document=lsp.TextDocumentIdentifier(uri=uri),
                                    position=lsp.Position(line=line, character=character))), WAIT)

    async def definition(self, uri: str, line: int, character: int) -> list[lsp.Location]:
        got = await asyncio.wait_for(self.client.text_document_definition_async(
            lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri),
                                 position=lsp.Position(line=line, character=character))), WAIT)
        if got is None:
            return []
        return [g for g in (got if isinstance(got, list) else [got])
                if isinstance(g, lsp.Location)]

    async def symbols(self, uri: str) -> list[Any]:
        got = await asyncio.wait_for(self.client.text_document_document_symbol_async(
            lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))), WAIT)
        return list(got or [])
