"""Running `.wl` scripts in-process for tests: `run_wl(path)` gives (status, stdout, stderr)."""
from __future__ import annotations

import io
import os
from pathlib import Path

from wlmail.cli import main

HERE = Path(__file__).resolve().parent


def run_wl(path: str | os.PathLike, *args: str, cwd: str | os.PathLike | None = None,
           stdin: str = "") -> tuple[int, str, str]:
    """`wlmail run [args] path` in this process, capturing its output."""
    import contextlib
    import sys
    out, err = io.StringIO(), io.StringIO()
    old_in = sys.stdin
    sys.stdin = io.StringIO(stdin)
    old_cwd = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["run", *args, str(path)])
    finally:
        sys.stdin = old_in
        os.chdir(old_cwd)
    return status, out.getvalue(), err.getvalue()


def check_wl(path: str | os.PathLike, *args: str) -> tuple[int, str]:
    import contextlib
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["check", *args, str(path)])
    return status, out.getvalue()
