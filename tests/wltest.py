"""Running wlmail in this process for tests: `run_wl(path)` gives (status, stdout, stderr),
`check_wl(path)` gives (status, stdout)."""
from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Sequence

from wlmail.cli import main


def run_wl(path: str | os.PathLike, *options: str, script_args: Sequence[str] = (),
           cwd: str | os.PathLike | None = None, stdin: str = "") -> tuple[int, str, str]:
    """`wlmail run [options] path [-- script_args]` in this process, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    old_in = sys.stdin
    sys.stdin = io.StringIO(stdin)
    old_cwd = os.getcwd()
    argv = ["run", *options, str(path)] + (["--", *script_args] if script_args else [])
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
    finally:
        sys.stdin = old_in
        os.chdir(old_cwd)
    return status, out.getvalue(), err.getvalue()


def check_wl(path: str | os.PathLike, *options: str) -> tuple[int, str]:
    """`wlmail check [options] path` in this process, capturing its output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["check", *options, str(path)])
    return status, out.getvalue()
