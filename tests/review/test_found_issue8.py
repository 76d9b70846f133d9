"""Regressions of issue 8's language-core items: each test failed when it was written.

None of these scripts may end in exit status 70 (a bug in wlmail) or a Python traceback.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from wltest import check_wl, run_wl


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.pop("WLMAIL_SMTP_SERVER", None)
    return env


def _no_bug(status: int, err: str) -> None:
    assert status != 70, err
    assert "internal error" not in err
    assert "Traceback" not in err


def _script(tmp_path: Path, text: str, name: str = "t.wl") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- 11: a reader that closes the pipe early ---------------------------------------------

def _read_one_line_then_close(tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    """`wlmail ARGV | head -1`: read one line of stdout, close it, wait for the end."""
    p = subprocess.Popen([sys.executable, "-m", "wlmail", *argv], cwd=tmp_path,
                         env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    first = p.stdout.readline().decode()
    p.stdout.close()
    try:
        err = p.stderr.read().decode()
        status = p.wait(timeout=60)
    finally:
        p.kill()
    return status, first, err


def test_run_into_a_pipe_closed_early_exits_quietly(tmp_path: Path) -> None:
    script = _script(tmp_path, "FOR i = 1 TO 200000\n\tTrace(i)\nEND\n")
    status, first, err = _read_one_line_then_close(tmp_path, "run", str(script))
    assert first == "1\n"
    assert (status, err) == (141, "")


def test_check_into_a_pipe_closed_early_exits_quietly(tmp_path: Path) -> None:
    script = _script(tmp_path, "".join(f"Unknown{i}()\n" for i in range(20000)))
    status, first, err = _read_one_line_then_close(tmp_path, "check", str(script))
    assert "unknown function or procedure `Unknown0`" in first
    assert (status, err) == (141, "")
