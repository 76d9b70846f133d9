"""Running and checking scripts from Python, as `wlmail run` and `wlmail check` do:

    from wlmail.api import RunOptions, check, run
    status = run("nightly.wl", RunOptions(capture_dir="/tmp/mail"))

Both fill the registry with every domain first (wlmail.domains.load_all), then hand the
script to the interpreter; the result is the exit status the command line would give.
"""
from __future__ import annotations

from typing import TextIO

from .domains import load_all
from .runtime import interpreter
from .runtime.context import RunOptions


def run(path: str, options: RunOptions | None = None, stdout: TextIO | None = None,
        stderr: TextIO | None = None, stdin: TextIO | None = None) -> int:
    load_all()
    return interpreter.run(path, options or RunOptions(), stdout=stdout, stderr=stderr,
                           stdin=stdin)


def check(path: str, options: RunOptions, out: TextIO, text: str | None = None) -> int:
    load_all()
    return interpreter.check(path, options, out, text)


__all__ = ["RunOptions", "check", "run"]
