"""Start-up: `wlmail run samples/hello.wl` against `python3 -c pass`, median of 10 runs
each, interleaved (the machine is noisy: both sides see the same noise; the CPU-time ratio
is printed too, as it moves less when other work shares the machine).  Three cases:
a repeated run (the parse cache has the script), the first run of a new script (the same
text with a new last line each time, so it is parsed: Lark is imported and its parser
built), and a run with the parse cache turned off.
Target: at most 4x for the first two.  Run: python bench/startup.py"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 10


# Measure what a user's machine does: Python keeps compiled bytecode (.pyc).  Some
# sandboxes set PYTHONDONTWRITEBYTECODE, which makes every start recompile every module.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], env: dict[str, str] = ENV) -> tuple[float, float]:
    """Wall time, and CPU time (user + system: less disturbed by other work on the machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(label: str, make_cmd: Callable[[int], list[str]], env: dict[str, str] = ENV) -> None:
    py = [sys.executable, "-c", "pass"]
    a, b = [], []
    for i in range(RUNS):
        a.append(timed(make_cmd(i), env))
        b.append(timed(py, env))
    wa, wb = (statistics.median(x[0] for x in runs) for runs in (a, b))
    ca, cb = (statistics.median(x[1] for x in runs) for runs in (a, b))
    print(f"{label:<34} median {wa * 1000:6.1f} ms, python3 -c pass {wb * 1000:5.1f} ms, "
          f"ratio {wa / wb:.2f}x (CPU time: {ca / cb:.2f}x)")


def main() -> None:
    wl = [sys.executable, "-m", "wlmail", "run", "samples/hello.wl"]
    timed(wl)  # warm the parse cache, Lark's table cache and the OS file cache
    compare("repeated run (target <= 4x)", lambda i: wl)
    hello = (ROOT / "samples" / "hello.wl").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as d:
        def new_script(i: int) -> list[str]:
            # A text never seen before: the parse cache misses and the script is parsed.
            path = Path(d) / f"new{i}.wl"
            path.write_text(hello + f"// {time.time_ns()}\n", encoding="utf-8")
            return [sys.executable, "-m", "wlmail", "run", str(path)]
        timed(new_script(-1))
        compare("first run of a new script (<= 4x)", new_script)
    no_cache = dict(ENV, WLMAIL_NO_PARSE_CACHE="1")
    compare("without the parse cache", lambda i: wl, no_cache)


if __name__ == "__main__":
    main()
