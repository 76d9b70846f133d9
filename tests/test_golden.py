"""The golden-file runner: every `.wl` script under tests/wl/ runs through `wlmail run`
(in-process) and must give what the files beside it say (format: tests/README.md).

    foo.wl    the script; its leading `//` lines may say
                // exit: N            the exit status (0 when absent)
                // args: a b c        what follows `--` on the command line
                // env: NAME=value    an environment variable for the run (repeatable)
    foo.out   the exact stdout (required)
    foo.err   text stderr must contain (optional)

The script runs from a copy of its folder in a temporary directory (scripts may write
files beside themselves, or EXTERN files from a subfolder), as `wlmail run foo.wl` from
there; stderr never holds a Python traceback."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wltest import run_wl

WL = Path(__file__).resolve().parent / "wl"
SCRIPTS = sorted(WL.rglob("*.wl"))
HEADER = re.compile(r"//\s*(exit|args|env):(.*)")


def read_header(text: str) -> tuple[int, list[str], dict[str, str]]:
    """(exit status, script arguments, environment) from the leading `//` lines."""
    status, args, env = 0, [], {}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = HEADER.match(line)
        if m is None:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "exit":
            status = int(value)
        elif key == "args":
            args = value.split()
        else:
            name, _, val = value.partition("=")
            env[name.strip()] = val
    return status, args, env


@pytest.mark.parametrize("script", SCRIPTS,
                         ids=[p.relative_to(WL).with_suffix("").as_posix() for p in SCRIPTS])
def test_golden(script: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want_status, args, env = read_header(script.read_text(encoding="utf-8"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert script.with_suffix(".out").exists(), f"{script.name} has no .out beside it"
    with open(script.with_suffix(".out"), encoding="utf-8", newline="") as f:
        want_out = f.read()
    folder = tmp_path / script.parent.name
    shutil.copytree(script.parent, folder)
    status, out, err = run_wl(script.name, script_args=args, cwd=folder)
    assert out == want_out, err
    err_file = script.with_suffix(".err")
    if err_file.exists():
        assert err_file.read_text(encoding="utf-8") in err
    assert status == want_status, err
    assert "Traceback" not in err
