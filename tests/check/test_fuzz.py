"""Random text and mutated scripts through the parser, the static pass and a run,
in-process: anything but a clean result, a WLanguage diagnostic or a WLanguage error is a
failure (an internal error, exit 70, a traceback, a parse or check over a few seconds).

A few thousand examples run in CI; `WLMAIL_FUZZ_EXAMPLES=100000` runs that many of each.
"""
from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wlmail.runtime.context import RunOptions
from wlmail.runtime.interpreter import REPORT, static_pass
from wltest import run_wl

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


EXAMPLES = int(os.environ.get("WLMAIL_FUZZ_EXAMPLES", "0") or 0)
SETTINGS = settings(max_examples=EXAMPLES or 1000, deadline=None, derandomize=not EXAMPLES,
                    suppress_health_check=list(HealthCheck))
# Runs cost more than checks: fewer of them in CI (the same number when asked for more).
RUN_SETTINGS = settings(SETTINGS, max_examples=EXAMPLES or 250)

# Parsing and checking any text must be quick; a run may loop for ever (a mutation can
# write `LOOP` without `BREAK`): it is stopped at its budget and not counted as a failure.
CHECK_SECONDS, RUN_SECONDS = 5.0, 2.0


class _OverBudget(BaseException):
    """Raised by the alarm: a BaseException, so no `except Exception` of wlmail keeps it."""


@contextlib.contextmanager
def _budget(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise _OverBudget
    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _check(text: str) -> None:
    try:
        with _budget(CHECK_SECONDS):
            result = static_pass("fuzz.wl", RunOptions(), text=text)
            for d in result.diagnostics:
                assert d.line >= 1 and d.column >= 1
                assert d.message
                d.format()
    except _OverBudget:
        raise AssertionError(f"parsing and checking took over {CHECK_SECONDS} s: {text!r}")


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


# The run's seeds: every script but the OAuth ones (AuthIdentify would wait for a browser).
RUN_CORPUS = [t for t in CORPUS if "authidentif" not in t.lower()]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Scripts write their files (fSaveText("notes.txt", ...)) here, and nowhere else.
    return tmp_path_factory.mktemp("fuzz-run")


@RUN_SETTINGS
@given(st.sampled_from(RUN_CORPUS), st.lists(st.tuples(st.integers(0, 10_000),
                                                       st.integers(0, 40),
                                                       st.sampled_from(TOKENS + [""])),
                                             max_size=4))
def test_mutated_scripts_run(run_dir: Path, source: str,
                             edits: list[tuple[int, int, str]]) -> None:
    text = source
    for at, cut, insert in edits:
        at %= max(len(text), 1)
        text = text[:at] + insert + text[at + cut:]
    script = run_dir / "fuzz.wl"
    script.write_text(text, encoding="utf-8")
    # Every session goes to a closed loopback port: refused at once, nothing leaves.
    options = ("--smtp-server", "127.0.0.1:1", "--oauth-timeout", "0.5", "--no-token-cache")
    try:
        with _budget(RUN_SECONDS):
            status, out, err = run_wl(script, *options, cwd=run_dir)
    except _OverBudget:
        return       # the script's own endless loop (see RUN_SECONDS)
    assert status in (0, 1, 2, 3), (status, err, text)
    assert "Traceback (most recent call last)" not in err and REPORT not in err, (err, text)
