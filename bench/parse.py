"""Parse: a generated 10,000-line WLanguage script against CPython's compile() of an
equivalent generated Python file, in one process.  Target: at most 25x.
Run: python bench/parse.py"""
from __future__ import annotations

import statistics
import time

from wlmail.syntax.parser import parse

LINES = 10_000


def wl_source() -> str:
    out = ["total is int", "name is string"]
    i = 0
    while len(out) + 8 <= LINES:
        i += 1
        out += [f"FOR i{i} = 1 TO {i}",
                f'\tname = "item" + i{i} + " of " + {i}',
                f"\tIF i{i} modulo 2 = 0 THEN",
                f"\t\ttotal += i{i} * 2",
                "\tELSE",
                f'\t\tTrace(Left(name, 3), Length(name), {i})',
                "\tEND",
                "END"]
    return "\n".join(out) + "\n"


def py_source() -> str:
    out = ["total = 0", "name = ''"]
    i = 0
    while len(out) + 8 <= LINES:
        i += 1
        out += [f"for i{i} in range(1, {i} + 1):",
                f"    name = 'item' + str(i{i}) + ' of ' + str({i})",
                f"    if i{i} % 2 == 0:",
                f"        total += i{i} * 2",
                "    else:",
                f"        print(name[:3], len(name), {i})",
                "    pass",
                "pass"]
    return "\n".join(out) + "\n"


def main() -> None:
    wl, py = wl_source(), py_source()
    parse(wl, "bench.wl")  # build (or load) the parser once, as a real run does
    a, b = [], []
    for _ in range(5):
        t = time.perf_counter()
        parse(wl, "bench.wl")
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        compile(py, "bench.py", "exec")
        b.append(time.perf_counter() - t)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"wlmail parse, {LINES} lines   median {ma * 1000:.1f} ms")
    print(f"python compile(), {LINES} lines median {mb * 1000:.1f} ms")
    print(f"ratio {ma / mb:.2f}x (target <= 25x)")


if __name__ == "__main__":
    main()
