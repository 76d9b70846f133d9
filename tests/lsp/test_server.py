"""`wlmail lsp` end to end: pygls's LanguageClient starts `python -m wlmail lsp` in a
subprocess and talks to it over stdio, as an editor does."""
from __future__ import annotations

import asyncio
import io
import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from lsprotocol import types as lsp

from wlmail import api
from wlmail.runtime.context import RunOptions

from .client import Editor

ROOT = Path(__file__).resolve().parents[2]

ENGLISH = """s is emailSMTPSession
s.ServerAddress = "smtp.example.com"
m is Email
m.Subject = "Hello"
n is int = 3
EmailSendMessage(s, m)
Trace(Twice(n))

PROCEDURE Twice(x is int)
RESULT x * 2
"""

FRENCH = """s est un emailSessionSMTP
s.AdresseServeur = "smtp.exemple.fr"
m est un Email
SI m.Sujet = "" ALORS
    m.Sujet = "Bonjour"
FIN
"""


def scenario(test: Callable[[Editor], Awaitable[None]], cwd: Path | None = None) -> None:
    async def go() -> None:
        async with Editor(cwd) as ed:
            await test(ed)
    asyncio.run(go())


def check_messages(path: Path, text: str) -> list[tuple[int, int, str]]:
    """What `wlmail check` says of the text: (line, column, message), 0-based places."""
    out = io.StringIO()
    api.check(str(path), RunOptions(), out, text)
    found = []
    for line in out.getvalue().splitlines():
        m = re.match(re.escape(str(path)) + r":(\d+):(\d+): (?:error|warning): (.*)$", line)
        if m:
            found.append((int(m.group(1)) - 1, int(m.group(2)) - 1, m.group(3)))
    return found


def shown(diags: list[lsp.Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.range.start.line, d.range.start.character, d.message.split("\nhint: ")[0])
            for d in diags]


def test_the_server_says_what_it_can_do() -> None:
    async def test(ed: Editor) -> None:
        caps = ed.result.capabilities
        assert caps.hover_provider and caps.definition_provider and caps.document_symbol_provider
        assert caps.completion_provider is not None and "." in (
            caps.completion_provider.trigger_characters or [])
        assert caps.signature_help_provider is not None
        assert ed.result.server_info is not None and ed.result.server_info.name == "wlmail"
    scenario(test)


def test_diagnostics_are_the_messages_of_check_as_the_user_types(tmp_path: Path) -> None:
    path = tmp_path / "typing.wl"
    text = ENGLISH + "Trace(nn)\nm.Subjet = 1\n"

    async def test(ed: Editor) -> None:
        uri = await ed.open(path, text)
        got = shown(await ed.diagnostics(uri))
        assert got == check_messages(path, text)
        assert any("unknown variable `nn`" in m for _, _, m in got)
        # An edit: the diagnostics follow, still those of check.
        fixed = text.replace("Trace(nn)", "Trace(n)")
        ed.change(uri, fixed)
        got = shown(await ed.diagnostics(uri))
        assert got == check_messages(path, fixed)
        assert not any("`nn`" in m for _, _, m in got)
        ed.change(uri, ENGLISH)
        assert shown(await ed.diagnostics(uri)) == check_messages(path, ENGLISH)
    scenario(test)


def test_a_syntax_error_is_published_and_questions_still_answered(tmp_path: Path) -> None:
    path = tmp_path / "broken.wl"
    text = ENGLISH + "IF n THEN\n"

    async def test(ed: Editor) -> None:
        uri = await ed.open(path, text)
        got = shown(await ed.diagnostics(uri))
        assert got == check_messages(path, text) and len(got) == 1
        # The line being typed does not parse; the variables are still known.
        ed.change(uri, ENGLISH + "s.\n")
        await ed.diagnostics(uri)
        labels = await ed.complete(uri, ENGLISH.count("\n"), 2)
        assert "ServerAddress" in labels and "StartSession" in labels
    scenario(test)


def test_hover_shows_the_doc_text(tmp_path: Path) -> None:
    from wlmail.help import lookup

    async def test(ed: Editor) -> None:
        uri = await ed.open(tmp_path / "h.wl", ENGLISH)
        await ed.diagnostics(uri)
        hover = await ed.hover(uri, 5, 3)                  # EmailSendMessage
        assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
        assert "\n".join(lookup("EmailSendMessage")[0]) in hover.contents.value
        assert hover.range is not None and hover.range.start.character == 0
        prop = await ed.hover(uri, 1, 5)                   # s.ServerAddress
        assert prop is not None and "AdresseServeur" in str(prop.contents)
        var = await ed.hover(uri, 4, 0)                    # n
        assert var is not None and "n is int" in str(var.contents)
        proc = await ed.hover(uri, 6, 8)                   # Twice
        assert proc is not None and "PROCEDURE Twice(x is int)" in str(proc.contents)
        assert await ed.hover(uri, 7, 0) is None           # an empty line: nothing
    scenario(test)


def test_completion_speaks_the_language_of_the_script(tmp_path: Path) -> None:
    async def test(ed: Editor) -> None:
        fr = await ed.open(tmp_path / "fr.wl", FRENCH + "s.\nEmailEnvoie\n")
        en = await ed.open(tmp_path / "en.wl", ENGLISH + "s.\n")
        await ed.diagnostics(fr)
        await ed.diagnostics(en)
        line = FRENCH.count("\n")
        members = await ed.complete(fr, line, 2)
        assert "AdresseServeur" in members and "ServerAddress" not in members
        names = await ed.complete(fr, line + 1, 5)
        assert "EmailEnvoieMessage" in names and "EmailSendMessage" not in names
        assert "SI" in names and "IF" not in names
        members = await ed.complete(en, ENGLISH.count("\n"), 2)
        assert "ServerAddress" in members and "AdresseServeur" not in members
        names = await ed.complete(en, 6, 0)
        assert {"EmailSendMessage", "Twice", "n", "IF"} <= set(names)
        assert "EmailEnvoieMessage" not in names
        # After "is": the types.
        ed.change(en, ENGLISH + "k is \n")
        types = await ed.complete(en, ENGLISH.count("\n"), 5)
        assert "emailSMTPSession" in types and "int" in types and "Trace" not in types
        # In a string: nothing to complete.
        assert await ed.complete(en, 1, 25) == []
    scenario(test)


def test_signature_help(tmp_path: Path) -> None:
    async def test(ed: Editor) -> None:
        uri = await ed.open(tmp_path / "sig.wl", ENGLISH + 'EmailSendMessage(s, \nTwice(\n')
        await ed.diagnostics(uri)
        at = ENGLISH.count("\n")
        sig = await ed.signature(uri, at, len("EmailSendMessage(s, "))
        assert sig is not None
        assert sig.signatures[0].label.startswith("EmailSendMessage(Session, ")
        assert sig.active_parameter == 1
        sig = await ed.signature(uri, at + 1, len("Twice("))
        assert sig is not None and sig.signatures[0].label == "Twice(x is int)"
        assert sig.active_parameter == 0
    scenario(test)


def test_definition_of_variables_procedures_and_across_extern(tmp_path: Path) -> None:
    lib = tmp_path / "lib.wl"
    lib.write_text("PROCEDURE Greet(who)\nTrace(\"Hello \" + who)\n", encoding="utf-8")
    main = tmp_path / "main.wl"
    text = 'EXTERN "lib.wl"\nname is string = "Ann"\nGreet(name)\n'
    main.write_text(text, encoding="utf-8")

    async def test(ed: Editor) -> None:
        uri = await ed.open(main, text)
        assert await ed.diagnostics(uri) == []
        got = await ed.definition(uri, 2, 1)                    # Greet: in lib.wl
        assert [(g.uri, g.range.start.line, g.range.start.character) for g in got] == \
            [(lib.as_uri(), 0, 10)]
        got = await ed.definition(uri, 2, 8)                    # name
        assert [(g.uri, g.range.start.line, g.range.start.character) for g in got] == \
            [(uri, 1, 0)]
        assert await ed.definition(uri, 2, 0) != []
        assert await ed.definition(uri, 0, 0) == []             # a keyword: nowhere
    scenario(test)


def test_definition_across_a_windev_project(tmp_path: Path) -> None:
    project = tmp_path / "runshop"
    shutil.copytree(ROOT / "tests" / "projects" / "runshop", project)
    driver = project / "driver.wl"
    text = "Trace(Total(2, 3))\n"
    driver.write_text(text, encoding="utf-8")

    async def test(ed: Editor) -> None:
        uri = await ed.open(driver, text)
        await ed.diagnostics(uri)
        got = await ed.definition(uri, 0, 7)
        assert got, "Total is a global procedure of the project"
        where = got[0]
        assert where.uri == (project / "Shop procedures.wdg").as_uri()
        line = (project / "Shop procedures.wdg").read_text(encoding="utf-8").split("\n")[
            where.range.start.line]
        assert "Total" in line
    scenario(test)


def test_document_symbols(tmp_path: Path) -> None:
    async def test(ed: Editor) -> None:
        uri = await ed.open(tmp_path / "sym.wl", ENGLISH)
        await ed.diagnostics(uri)
        syms = await ed.symbols(uri)
        names = [(s.name, s.kind) for s in syms]
        assert names == [("s", lsp.SymbolKind.Variable), ("m", lsp.SymbolKind.Variable),
                         ("n", lsp.SymbolKind.Variable), ("Twice", lsp.SymbolKind.Function)]
        twice = syms[-1]
        assert twice.range.start.line == 8 and [c.name for c in twice.children] == ["x"]
    scenario(test)


def test_accents_and_emoji_count_in_utf16_as_the_client_does(tmp_path: Path) -> None:
    text = 'x is string = "😀😀"\nTrace(inconnu)\nété is int = 1\nTrace(été)\n'

    async def test(ed: Editor) -> None:
        uri = await ed.open(tmp_path / "u.wl", text)
        diags = await ed.diagnostics(uri)
        assert [(d.range.start.line, d.range.start.character) for d in diags] == [(1, 6)]
        hover = await ed.hover(uri, 3, 7)
        assert hover is not None and "été is int" in str(hover.contents)
    scenario(test)


def test_a_burst_of_edits_and_a_long_check_never_block_the_editor(tmp_path: Path) -> None:
    path = tmp_path / "burst.wl"
    big = "".join(f"v{i} is int = {i}\nv{i} = v{i} + 1\n" for i in range(10_000))

    async def test(ed: Editor) -> None:
        uri = await ed.open(path, big)
        # While the big document is being checked, questions are answered.
        hover = await ed.hover(uri, 0, 0)
        assert hover is not None and "v0 is int" in str(hover.contents)
        assert "EmailSendMessage" in await ed.complete(uri, 1, 0)
        last = 0
        for i in range(15):
            last = ed.change(uri, ENGLISH + f"Trace(z{i})\n")
        got = await ed.diagnostics(uri, last)
        assert shown(got) == check_messages(path, ENGLISH + "Trace(z14)\n")
        versions = [p.version for p in ed.published[uri]]
        assert versions == sorted(versions) and versions[-1] == last
        # An overtaken check is dropped: nothing is published for a version the editor
        # had already replaced when its check ended (the last one is the newest).
        assert len(versions) <= 16
    scenario(test)


def test_any_document_of_the_fuzz_corpus_gets_answers() -> None:
    scripts = sorted((ROOT / "tests" / "wl").rglob("*.wl"))[::7] + [ROOT / "samples" / "hello.wl"]
    junk = ["\x00\x01", "IF IF IF", "(" * 3000, '"' * 7, "PROCEDURE\n" * 50, "é" * 10_000]

    async def test(ed: Editor) -> None:
        for i, text in enumerate([p.read_text(encoding="utf-8", errors="replace")
                                  for p in scripts] + junk):
            uri = await ed.open(Path(f"/nonexistent/fuzz{i}.wl"), text)
            await ed.diagnostics(uri)
            for line in (0, 1, 5):
                await ed.hover(uri, line, 3)
                await ed.complete(uri, line, 3)
                await ed.signature(uri, line, 3)
                await ed.definition(uri, line, 3)
            await ed.symbols(uri)
        # Still alive and right.
        uri = await ed.open(Path("/nonexistent/last.wl"), "Trace(nope)\n")
        assert "unknown variable `nope`" in (await ed.diagnostics(uri))[0].message
    scenario(test)
