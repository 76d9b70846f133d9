"""The language server on a 5,000-line script: how long a hover and a completion take,
against how long `wlmail check` takes to start on an empty file, in the same run.

The server (`python -m wlmail lsp`) runs in a subprocess and is driven over stdio by
pygls's client, as an editor drives it.  The document is opened and its first check
published; then, interleaved, hovers and completions (on a name of the registry, on a
variable, after `s.` — its properties and methods) are answered while `wlmail check
empty.wl` is started again and again.  Also measured: a question asked right after an
edit, while that edit's check has not run (the answer comes from patterns over the new
text and the last check: it never waits for the resolver).
Target (issue 13): a hover or a completion within 5x check's start-up.
Run: python bench/lsp.py"""
from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def script(lines: int) -> str:
    head = ('s is emailSMTPSession\ns.ServerAddress = "smtp.example.com"\nm is Email\n'
            'm.Subject = "Report"\n')
    body = []
    n = 0
    while len(body) < lines - 10:
        body += [f"PROCEDURE Step{n}(count is int)", f"total{n} is int = count * {n}",
                 f'IF total{n} > 10 THEN', f'    Trace("big " + total{n})', "END",
                 f"RESULT total{n}", ""]
        n += 1
    tail = ["EmailStartSession(s)", "EmailSendMessage(s, m)", "s.", ""]
    return head + "\n".join(tail + body) + "\n"


def check_start(empty: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wlmail", "check", str(empty)], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    return time.perf_counter() - t


async def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        empty = Path(d) / "empty.wl"
        empty.write_text("", encoding="utf-8")
        path = Path(d) / "big.wl"
        text = script(5000)
        path.write_text(text, encoding="utf-8")
        uri = from_fs_path(str(path)) or str(path)
        check_start(empty)                         # warm the OS cache and the .pyc files

        client = LanguageClient("bench", "1")
        published: list[int] = []
        ready = asyncio.Event()

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diags(params: lsp.PublishDiagnosticsParams) -> None:
            published.append(params.version or 0)
            ready.set()

        await client.start_io(sys.executable, "-m", "wlmail", "lsp", cwd=str(ROOT), env=ENV)
        await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
        client.initialized(lsp.InitializedParams())
        t = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
            uri=uri, language_id="wlanguage", version=1, text=text)))
        await ready.wait()
        first_check = time.perf_counter() - t
        doc = lsp.TextDocumentIdentifier(uri=uri)
        member_line = text.split("\n").index("s.")

        async def hover(line: int, col: int) -> float:
            t = time.perf_counter()
            got = await client.text_document_hover_async(lsp.HoverParams(
                text_document=doc, position=lsp.Position(line=line, character=col)))
            assert got is not None
            return time.perf_counter() - t

        async def complete(line: int, col: int) -> float:
            t = time.perf_counter()
            got = await client.text_document_completion_async(lsp.CompletionParams(
                text_document=doc, position=lsp.Position(line=line, character=col)))
            assert got is not None and got.items
            return time.perf_counter() - t

        checks, hovers, completions, members, after_edit = [], [], [], [], []
        for i in range(RUNS):
            checks.append(check_start(empty))
            hovers.append(await hover(member_line - 1, 3))         # EmailSendMessage
            hovers.append(await hover(0, 0))                        # the variable s
            completions.append(await complete(member_line + 3, 0))  # every name
            members.append(await complete(member_line, 2))          # s.
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=i + 2),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(
                    text=text + f"// edit {i}\n")]))
            after_edit.append(await complete(member_line, 2))
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()

    base = statistics.median(checks)
    print(f"5,000-line script; wlmail check on an empty file starts in {base * 1000:.1f} ms "
          f"(median of {RUNS}); the server's first check of the script: {first_check * 1000:.0f} ms")
    for label, values in (("hover", hovers), ("completion of names", completions),
                          ("completion after `s.`", members),
                          ("completion right after an edit", after_edit)):
        m = statistics.median(values)
        print(f"{label:<32} median {m * 1000:7.1f} ms, worst {max(values) * 1000:7.1f} ms, "
              f"ratio {m / base:.2f}x check's start-up (target <= 5x)")


if __name__ == "__main__":
    asyncio.run(main())
