"""`wlmail repl` driven through its standard input, as a class would type it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def repl(text: str, *options: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wlmail", "repl", *options], input=text,
                          capture_output=True, text=True, timeout=60, cwd=cwd)


def test_declarations_are_kept_and_values_echoed() -> None:
    got = repl('n is int = 20\nn + 1\nn = n * 2\nn\nname is string = "Ann"\nname\n'
               'Length(name)\n')
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[:4] == ["21", "40", '"Ann"', "3"]
    assert got.stderr == ""


def test_a_multi_line_block_runs_once_complete() -> None:
    got = repl('total is int\nFOR i = 1 TO 4\n    total += i\nEND\nIF total = 10 THEN\n'
               '    Trace("ten")\nELSE\n    Trace("not ten")\nEND\nWHILE True\n    Trace("x")\n')
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[0] == "ten"
    # Ctrl-D (the end of the input) inside a block: it is not run, the session ends.
    assert got.stderr == "(the unfinished entry was not run: its block has no END)\n"


def test_continuation_lines_and_procedures() -> None:
    got = repl('PROCEDURE Twice(n)\nIF n < 0 THEN\nRESULT 0\nEND\nRESULT n * 2\nEND\n'
               'Twice(21)\nTrace("a" + ...\n    "b")\n')
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[:2] == ["42", "ab"]


def test_an_error_then_a_good_line() -> None:
    got = repl('x is int = 1\ny = 2\nIF x THEN THEN\nx = "text"\nTrace("x is " + x)\n')
    assert got.returncode == 0
    assert "<repl 2>:1:1: error: unknown variable `y`" in got.stderr
    assert "<repl 3>:1:" in got.stderr
    assert '<repl 4>:1:1: error: cannot convert "text" to an integer' in got.stderr
    assert got.stdout.splitlines()[0] == "x is 1"


def test_a_sent_message_is_captured_and_shown(tmp_path: Path) -> None:
    got = repl('s is emailSMTPSession\ns.ServerAddress = "smtp.example.com"\n'
               'EmailStartSession(s)\nm is Email\nm.Sender = "ann@example.com"\n'
               'm.Recipient.Add("bob@example.com")\nm.Subject = "Hello"\n'
               'm.Message = "Hi Bob"\nEmailSendMessage(s, m)\n', cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    out = got.stdout
    assert "--- captured message ---\nFrom: ann@example.com\nTo: bob@example.com\n" \
           "Subject: Hello\n\nHi Bob\n" in out
    assert os.listdir(tmp_path) == []          # nothing left in the folder it ran from


def test_doc_reset_and_quit() -> None:
    got = repl('x is int = 5\n:doc Gauche\n:reset\nx\n:quit\nTrace("not run")\n')
    assert got.returncode == 0
    assert "Left (function)" in got.stdout and "(session reset)" in got.stdout
    assert "not run" not in got.stdout
    assert "unknown function or procedure `x`" in got.stderr


def test_ctrl_c_interrupts_the_entry_not_the_session() -> None:
    p = subprocess.Popen([sys.executable, "-m", "wlmail", "repl"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdin is not None and p.stdout is not None
    # The loop prints until the pipe's buffer is full: once a line is read, it runs.
    p.stdin.write('WHILE True\n    Trace("looping")\nEND\n')
    p.stdin.flush()
    assert p.stdout.readline() == "looping\n"
    p.send_signal(signal.SIGINT)
    out, err = p.communicate('Trace("still here")\n', timeout=60)
    assert p.returncode == 0
    assert out.rstrip("\n").split("\n")[-2].endswith("still here")  # a cut "looping" may precede
    assert err == "interrupted\n"


def test_extern_procedures_and_loop_variables_are_kept(tmp_path: Path) -> None:
    (tmp_path / "lib.wl").write_text('PROCEDURE Hello(who)\nTrace("hello " + who)\n',
                                     encoding="utf-8")
    got = repl('EXTERN "lib.wl"\nHello("Ann")\nFOR i = 1 TO 3\nEND\nHello(i)\n'
               'x + 1\nIF\n', cwd=tmp_path)
    assert got.returncode == 0
    assert got.stdout.splitlines()[:2] == ["hello Ann", "hello 3"]
    assert "<repl 5>:1:1: error: unknown variable `x`" in got.stderr
    assert "<repl 6>:1:3: error: unexpected end of line" in got.stderr


def test_load_a_file_and_trace_the_smtp_dialogue(tmp_path: Path) -> None:
    (tmp_path / "lib.wl").write_text("x is int = 7\nPROCEDURE Square(n)\nRESULT n * n\n",
                                     encoding="utf-8")
    got = repl(':load lib.wl\nSquare(x)\n:load missing.wl\n:trace on\n'
               's is emailSMTPSession\ns.ServerAddress = "smtp.example.com"\n'
               'EmailStartSession(s)\n', cwd=tmp_path)
    assert got.returncode == 0
    assert got.stdout.splitlines()[:3] == ["49", "(SMTP trace on)", "True"]
    assert "missing.wl:1:1: error: file not found" in got.stderr
    assert "[smtp smtp.example.com:25] C: EHLO" in got.stderr
