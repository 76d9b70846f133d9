"""Parse: our own corpus of WLanguage written in the shapes of real WINDEV projects
(bench/corpus/*.wl: FUNCTION and modifiers, CASE without colon, CONSTANT blocks, sized
integers, labels, ternaries, FOR EACH STRING...), each file parsed as a whole, enough
times to reach 10,000 lines, against CPython's compile() of as many lines of Python, in
one process.  Prints lines per second and the ratio.
Run: python bench/corpus.py"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from wlmail.syntax.parser import parse

LINES = 10_000
CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.wl"))


def wl_sources() -> list[tuple[str, str]]:
    """(name, text) of each corpus file, repeated until they hold LINES lines."""
    files = [(p.name, p.read_text(encoding="utf-8")) for p in CORPUS]
    out: list[tuple[str, str]] = []
    total = 0
    while total < LINES:
        for name, text in files:
            out.append((name, text))
            total += text.count("\n")
    return out


def py_source(lines: int) -> str:
    """Python of about the same shapes: functions, branches, loops, string work."""
    out: list[str] = []
    i = 0
    while len(out) + 10 <= lines:
        i += 1
        out += [f"def grade{i}(score):",
                "    if score < 0:",
                "        return 'negative'",
                "    elif 1 <= score <= 9:",
                "        return 'few'",
                "    return 'many' if score > 99 else 'some'",
                f"for part{i} in 'a;b;;c'.split(';'):",
                f"    if part{i} in ('a', 'c'):",
                f"        print(part{i}[1:], grade{i}({i}))",
                "pass"]
    out += ["pass"] * (lines - len(out))
    return "\n".join(out) + "\n"


def main() -> None:
    sources = wl_sources()
    lines = sum(text.count("\n") for _, text in sources)
    py = py_source(lines)
    for name, text in sources[:len(CORPUS)]:
        parse(text, name)   # build (or load) the parser once, as a real run does
    a, b = [], []
    for _ in range(5):
        t = time.perf_counter()
        for name, text in sources:
            parse(text, name)
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        compile(py, "bench.py", "exec")
        b.append(time.perf_counter() - t)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"corpus: {len(CORPUS)} files, parsed {len(sources)} times, {lines} lines")
    print(f"wlmail parse      median {ma * 1000:.1f} ms, {lines / ma:,.0f} lines/s")
    print(f"python compile()  median {mb * 1000:.1f} ms, {lines / mb:,.0f} lines/s")
    print(f"ratio {ma / mb:.2f}x")


if __name__ == "__main__":
    main()
