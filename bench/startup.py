"""Start-up: `wlmail run samples/hello.wl` against `python3 -c pass`, median of 10 runs
each, interleaved (the machine is noisy: both sides see the same noise).
Target: at most 4x.  Run: python bench/startup.py"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 10


# Measure what a user's machine does: Python keeps compiled bytecode (.pyc).  Some
# sandboxes set PYTHONDONTWRITEBYTECODE, which makes every start recompile every module.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    return time.perf_counter() - t


def main() -> None:
    wl = [sys.executable, "-m", "wlmail", "run", "samples/hello.wl"]
    py = [sys.executable, "-c", "pass"]
    timed(wl)  # warm the grammar cache and the OS file cache
    a, b = [], []
    for _ in range(RUNS):
        a.append(timed(wl))
        b.append(timed(py))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"wlmail run samples/hello.wl  median {ma * 1000:.1f} ms")
    print(f"python3 -c pass              median {mb * 1000:.1f} ms")
    print(f"ratio {ma / mb:.2f}x (target <= 4x)")
    # The first run of a script (or a changed script) also imports Lark and parses.
    ENV["WLMAIL_NO_PARSE_CACHE"] = "1"
    c, d = [], []
    for _ in range(RUNS):
        c.append(timed(wl))
        d.append(timed(py))
    mc, md = statistics.median(c), statistics.median(d)
    print(f"without the parse cache: {mc * 1000:.1f} ms, ratio {mc / md:.2f}x")


if __name__ == "__main__":
    main()
