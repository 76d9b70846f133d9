"""`wlmail run -` reads the script from standard input; diagnostics name it `<stdin>`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_stdin(script: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wlmail", "run", "-", *options],
                          input=script, capture_output=True, text=True, timeout=60)


def test_a_script_on_stdin_runs() -> None:
    got = run_stdin('n is int = 2\nTrace("n = " + (n + 1))\n')
    assert (got.returncode, got.stdout, got.stderr) == (0, "n = 3\n", "")


def test_diagnostics_name_stdin() -> None:
    got = run_stdin('Trace("a")\nx is int = "b"\n')
    assert got.returncode == 1 and got.stdout == "a\n"
    assert got.stderr.startswith('<stdin>:2:1: error: cannot convert "b" to an integer')


def test_a_syntax_error_on_stdin() -> None:
    got = run_stdin("IF\n")
    assert got.returncode == 2 and got.stderr.startswith("<stdin>:1:3: error:")


def test_extern_and_arguments_with_a_script_on_stdin(tmp_path: Path) -> None:
    (tmp_path / "lib.wl").write_text('PROCEDURE Hi(who)\nTrace("hi " + who)\n', encoding="utf-8")
    got = subprocess.run([sys.executable, "-m", "wlmail", "run", "-", "--", "Ann"],
                         input='EXTERN "lib.wl"\nHi(CommandLine())\n', capture_output=True,
                         text=True, timeout=60, cwd=tmp_path)
    assert (got.returncode, got.stdout, got.stderr) == (0, "hi Ann\n", "")


def test_check_reads_stdin_too() -> None:
    got = subprocess.run([sys.executable, "-m", "wlmail", "check", "-"], input="y = 2\n",
                         capture_output=True, text=True, timeout=60)
    assert got.returncode == 1
    assert got.stdout.startswith("<stdin>:1:1: error: unknown variable `y`")
