"""Run: a CPU-bound loop of 1,000,000 iterations (integer arithmetic and a short string
built each time) in WLanguage against the same loop in Python, in one process.
Target: at most 60x.  Run: python bench/run.py"""
from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

from wlmail.api import RunOptions, run

N = 1_000_000
WL = f"""
n is int = 0
s is string
FOR i = 1 TO {N}
	n = n + i * 2 modulo 7
	s = "item" + i
END
Info(n, s)
"""


def python_loop() -> str:
    n = 0
    s = ""
    for i in range(1, N + 1):
        n = n + i * 2 % 7
        s = "item" + str(i)
    return f"{n}\n{s}\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        script = Path(d) / "loop.wl"
        script.write_text(WL, encoding="utf-8")
        a, b = [], []
        for _ in range(3):
            out = io.StringIO()
            t = time.perf_counter()
            status = run(str(script), RunOptions(), stdout=out)
            a.append(time.perf_counter() - t)
            t = time.perf_counter()
            expected = python_loop()
            b.append(time.perf_counter() - t)
            assert status == 0 and out.getvalue() == expected, (out.getvalue(), expected)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"wlmail loop, {N} iterations  median {ma:.2f} s")
    print(f"python loop, {N} iterations  median {mb:.2f} s")
    print(f"ratio {ma / mb:.1f}x (target <= 60x)")


if __name__ == "__main__":
    main()
