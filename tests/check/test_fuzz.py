"""Random text and mutated scripts through the parser and the static pass, in-process:
anything but a clean result or a WLanguage diagnostic is a failure."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wlmail.runtime.context import RunOptions
from wlmail.runtime.interpreter import static_pass

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = (sorted((ROOT / "tests" / "wl").rglob("*.wl"))
           + sorted((ROOT / "tests" / "check" / "scripts").glob("*.wl"))
           + sorted((ROOT / "samples").glob("*.wl")))
CORPUS = [p.read_bytes().decode("utf-8", "replace") for p in SCRIPTS]
TOKENS = ["IF", "THEN", "ELSE", "END", "FOR", "TO", "EACH", "OF", "SWITCH", "CASE", "OTHER CASE",
          "PROCEDURE", "INTERNAL PROCEDURE", "WHEN EXCEPTION IN", "DO", "RESULT", "RETURN",
          "SI", "ALORS", "FIN", "POUR", "À", "PAS", "ET", "OU", "is", "est un", "array of",
          "[", "]", "(", ")", '"', "`", "...", "//", "/*", "*/", ";", ":", ",", ".", "..",
          "=", "<>", "+", "[%", "%]", "\n", "\t", " ", "0x", "1.5", "é", "Email", "Info"]



@pytest.fixture(autouse=True, scope="module")
def _no_parse_cache():
    # Thousands of throw-away scripts: do not write a cache entry for each.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WLMAIL_NO_PARSE_CACHE", "1")
        yield


SETTINGS = settings(max_examples=1000, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _check(text: str) -> None:
    result = static_pass("fuzz.wl", RunOptions(), text=text)
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1
        assert d.message
        d.format()


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=60))
def test_token_soup(parts: list[str]) -> None:
    _check(" ".join(parts))


@SETTINGS
@given(st.sampled_from(CORPUS), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 40),
                                                   st.sampled_from(TOKENS + [""])), max_size=6))
def test_mutated_scripts(source: str, edits: list[tuple[int, int, str]]) -> None:
    text = source
    for at, cut, insert in edits:
        at %= max(len(text), 1)
        text = text[:at] + insert + text[at + cut:]
    _check(text)
