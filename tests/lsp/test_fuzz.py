"""The language server's analysis on any document: the parser's fuzz corpus (every .wl
script of the suite and the samples), mutated and cut anywhere, random text — every
question (hover, completion, signature, definition, symbols) at many places gets an
answer, and nothing raises.  In-process: the end-to-end tests (test_server.py) show the
server answers the same over stdio.  `WLMAIL_FUZZ_EXAMPLES=N` runs N examples of each."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wlmail.domains import load_all
from wlmail.lsp.analysis import Analysis, Completion, Place, Signature, Symbol

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = (sorted((ROOT / "tests" / "wl").rglob("*.wl"))
           + sorted((ROOT / "tests" / "check" / "scripts").glob("*.wl"))
           + sorted((ROOT / "samples").glob("*.wl")))
CORPUS = [p.read_bytes().decode("utf-8", "replace") for p in SCRIPTS]
TOKENS = ["IF", "THEN", "END", "FOR", "PROCEDURE", "INTERNAL PROCEDURE", "SI", "FIN", "est un",
          "is", "array of", "(", ")", '"', "//", ".", ",", "...", "\n", "é", "Email", "s.", "m.",
          "EmailSendMessage(", "EXTERN ", "x is emailSMTPSession\n", "[", "]", "\t", "😀"]

EXAMPLES = int(os.environ.get("WLMAIL_FUZZ_EXAMPLES", "0") or 0)
SETTINGS = settings(max_examples=EXAMPLES or 150, deadline=None, derandomize=not EXAMPLES,
                    suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True, scope="module")
def _registry_and_no_cache():
    load_all()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WLMAIL_NO_PARSE_CACHE", "1")
        yield


def ask_everything(text: str, previous: Analysis | None = None) -> Analysis:
    a = Analysis("fuzz.wl", text, 1, previous)
    quick = Analysis("fuzz.wl", text + "x", 2, a, resolve=False)
    lines = text.split("\n")
    spots = {(0, 0), (len(lines) - 1, len(lines[-1])), (len(lines) + 3, 0), (0, 10_000)}
    for i in range(0, len(lines), max(1, len(lines) // 12)):
        for c in range(0, len(lines[i]) + 2, max(1, len(lines[i]) // 6 or 1)):
            spots.add((i, c))
    for analysis in (a, quick):
        for line, col in sorted(spots):
            got = analysis.hover(line, col)
            assert got is None or (isinstance(got[0], str) and got[0])
            assert all(isinstance(c, Completion) and c.label for c in analysis.completions(line, col))
            sig = analysis.signature(line, col)
            assert sig is None or isinstance(sig, Signature)
            assert all(isinstance(p, Place) for p in analysis.definition(line, col))
        assert all(isinstance(s, Symbol) for s in analysis.symbols())
    for d in a.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.message
    return a


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_script_of_the_corpus(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    a = ask_everything(text)
    # Cut at the middle (a file being typed): still an answer everywhere.
    ask_everything(text[: len(text) // 2], a)


@SETTINGS
@given(st.sampled_from(CORPUS), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 40),
                                                   st.sampled_from(TOKENS + [""])), max_size=6))
def test_mutated_scripts(source: str, edits: list[tuple[int, int, str]]) -> None:
    text = source
    for at, cut, insert in edits:
        at %= max(len(text), 1)
        text = text[:at] + insert + text[at + cut:]
    ask_everything(text)


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=50))
def test_token_soup(parts: list[str]) -> None:
    ask_everything(" ".join(parts))


@pytest.mark.parametrize("text", ["\x00\x01", "(" * 3000, '"' * 7, "PROCEDURE\n" * 50,
                                  "é" * 10_000, "s." * 5000, "x is " * 2000, "a." + "b." * 3000,
                                  "F(" + "a, " * 3000, "\r\n" * 100, "😀" * 1000])
def test_pathological_documents(text: str) -> None:
    ask_everything(text)
