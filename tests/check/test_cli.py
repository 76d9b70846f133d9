"""The command line: encodings, --interpolate, arguments, --strict, bugs, python -m."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wltest import run_wl

CLI = Path(__file__).resolve().parent / "scripts"


def test_utf16_with_bom() -> None:
    assert run_wl(CLI / "utf16.wl")[:2] == (0, "été\n")


def test_windows_1252_with_a_warning() -> None:
    status, out, err = run_wl(CLI / "cp1252.wl")
    assert (status, out) == (0, "été €\n")
    assert "warning: the file is not UTF-8: read as Windows-1252" in err


def test_encoding_option() -> None:
    status, out, err = run_wl(CLI / "cp1252.wl", "--encoding", "latin-1")
    assert status == 0 and out.startswith("été") and "warning" not in err


def test_interpolation_only_when_asked() -> None:
    assert run_wl(CLI / "interpolate.wl")[1] == "n = [%n + 1%]\n"
    assert run_wl(CLI / "interpolate.wl", "--interpolate")[1] == "n = 4\n"


def test_script_arguments() -> None:
    assert run_wl(CLI / "args.wl", script_args=["a", "b c"])[:2] == (0, "a b c\n")


def test_strict_exit_3_when_a_fallible_call_failed(tmp_path: Path) -> None:
    p = tmp_path / "s.wl"
    p.write_text('s is emailSMTPSession\nm is Email\nEmailSendMessage(s, m)\nInfo("went on")\n',
                 encoding="utf-8")
    assert run_wl(p)[:2] == (0, "went on\n")
    status, out, err = run_wl(p, "--strict")
    assert (status, out) == (3, "went on\n")
    assert "--strict" in err


def test_a_bug_is_one_line_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wlmail.domains import load_all
    entry = load_all().function("Upper")

    def broken(rt, s):
        raise KeyError("simulated bug")
    monkeypatch.setattr(entry, "impl", broken)
    p = tmp_path / "b.wl"
    p.write_text('Info(Upper("x"))\n', encoding="utf-8")
    status, out, err = run_wl(p)
    assert status == 70
    assert "Traceback" not in err and "internal error" in err and len(err.splitlines()) == 1
    status, out, err = run_wl(p, "--debug")
    assert status == 70 and "Traceback" in err and "simulated bug" in err


def test_python_dash_m(tmp_path: Path) -> None:
    p = tmp_path / "h.wl"
    p.write_text('Info("hi")\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wlmail", "run", str(p)], capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "hi\n", "")


def test_samples_run() -> None:
    samples = Path(__file__).resolve().parents[2] / "samples"
    for name in ("hello.wl", "bonjour.wl", "mixed.wl"):
        status, out, err = run_wl(samples / name)
        assert status == 0 and out and "error" not in err, (name, err)


def test_help_of_each_command() -> None:
    for cmd in ("run", "check"):
        done = subprocess.run([sys.executable, "-m", "wlmail", cmd, "--help"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "usage: wlmail" in done.stdout, done.stderr


def test_conversion_error_never_shows_a_token(tmp_path: Path) -> None:
    p = tmp_path / "t.wl"
    p.write_text('T is AuthToken\nT = "ya29.secret"\nn is int = T\n', encoding="utf-8")
    status, out, err = run_wl(p)
    assert status == 1
    assert "cannot convert an AuthToken to an integer" in err
    assert "ya29.secret" not in err


@pytest.mark.parametrize("value", ["", "host:abc", "127.0.0.1:0", "127.0.0.1:99999", ":25", "[::1"])
def test_bad_smtp_server_option_is_a_bad_command_line(tmp_path: Path, value: str) -> None:
    p = tmp_path / "h.wl"
    p.write_text('Info("never")\n', encoding="utf-8")
    status, out, err = run_wl(p, "--smtp-server", value)
    assert (status, out) == (2, "")
    assert "wlmail: error: --smtp-server:" in err


def test_empty_capture_folder_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "h.wl"
    p.write_text('Info("never")\n', encoding="utf-8")
    status, out, err = run_wl(p, "--capture", "")
    assert (status, out) == (2, "")


def test_arrays_are_not_text(tmp_path: Path) -> None:
    p = tmp_path / "a.wl"
    p.write_text('a is array of strings = ["x"]\ns is string\nWHEN EXCEPTION IN\n\ts = a\nDO\n'
                 '\tInfo(ExceptionInfo())\nEND\nWHEN EXCEPTION IN\n\ts = a + "z"\nDO\n'
                 '\tInfo(ExceptionInfo())\nEND\n', encoding="utf-8")
    status, out, err = run_wl(p)
    assert (status, out) == (0, "cannot convert an array to a string\n"
                                "cannot add an array and a string\n"), err
