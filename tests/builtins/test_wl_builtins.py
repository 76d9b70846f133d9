"""The built-ins end to end: each `.wl` script under tests/wl/builtins/ runs through
`wlmail run` (in-process) from a copy in a temporary folder, since several write files
beside themselves. Beside each script: the exact stdout (`.out`), words stderr must hold
(`.err`), and in its first lines `// exit: N` (0 when absent) and `// args: ...` (what
follows `--` on the command line)."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from wlmail.cli import main

SCRIPTS_DIR = Path(__file__).resolve().parent.parent / "wl" / "builtins"
SCRIPTS = sorted(SCRIPTS_DIR.glob("*.wl"))


def _run(script: Path, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_cwd = os.getcwd()
    os.chdir(script.parent)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            argv = ["run", script.name] + (["--", *args] if args else [])
            status = main(argv)
    finally:
        os.chdir(old_cwd)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_script(script: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WLMAIL_BUILTINS_TEST", "from the test")
    text = script.read_text(encoding="utf-8")
    exit_m = re.search(r"^//\s*exit:\s*(\d+)", text, re.M)
    args_m = re.search(r"^//\s*args:(.*)$", text, re.M)
    copy = tmp_path / script.name
    shutil.copyfile(script, copy)
    status, out, err = _run(copy, args_m.group(1).split() if args_m else [])
    with open(script.with_suffix(".out"), encoding="utf-8", newline="") as f:
        assert out == f.read(), err
    err_file = script.with_suffix(".err")
    if err_file.exists():
        assert err_file.read_text(encoding="utf-8") in err
    assert status == (int(exit_m.group(1)) if exit_m else 0), err
    assert "Traceback" not in err
