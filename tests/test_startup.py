"""What a start of `wlmail run` / `wlmail check` on a small script imports: facts, not
timings (bench/startup.py measures those).  Each module named here costs every start its
import when it comes back on that path (docs/packaging.md, "Start-up"): the code that
needs it imports it when it runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Python's own modules that a script that sends no mail, opens no session and asks for no
# date, rounding, random number or file copy never needs.
STDLIB = ("dataclasses", "inspect", "asyncio", "ssl", "socket", "sqlite3", "email", "hashlib",
          "shutil", "decimal", "random", "datetime", "traceback", "threading", "subprocess",
          "tempfile", "zipfile", "importlib.resources", "base64", "http", "urllib.request")
# wlmail's modules behind a first call (a session, the spool, a token, a project...) and
# the libraries they bring.
BEHIND_A_CALL = ("wlmail.email.spool", "wlmail.email.spooling", "wlmail.email.delivery",
                 "wlmail.email.transport", "wlmail.email.capture", "wlmail.email.message",
                 "wlmail.oauth.identify", "wlmail.oauth.flow", "wlmail.oauth.store",
                 "wlmail.reading.sessions", "wlmail.reading.client", "wlmail.reading.parse",
                 "wlmail.reading.maildir", "wlmail.project", "wlmail.lsp", "wlmail.help",
                 "aiosmtplib", "aiosmtpd", "authlib", "httpx", "trustme", "lark")
# What only a script that is not in the parse cache needs.
PARSER = ("wlmail.syntax.parser", "wlmail.syntax.lalr")

_PROBE = """
import contextlib, io, json, sys
from wlmail.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[1:])
print(json.dumps([status, sorted(sys.modules)]))
"""


def _loaded(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
    env = {k: v for k, v in os.environ.items() if k != "WLMAIL_NO_PARSE_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    got = subprocess.run([sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, env=env)
    assert got.returncode == 0, got.stderr
    status, modules = json.loads(got.stdout)
    return status, set(modules)


def _found(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def test_a_run_of_a_small_script_imports_only_what_it_needs(tmp_path: Path) -> None:
    status, modules = _loaded(tmp_path, "run", "samples/hello.wl")   # parses and caches
    assert status == 0
    assert _found(modules, STDLIB + BEHIND_A_CALL) == []
    status, modules = _loaded(tmp_path, "run", "samples/hello.wl")   # from the parse cache
    assert status == 0
    assert _found(modules, STDLIB + BEHIND_A_CALL + PARSER) == []


def test_check_of_a_small_script_imports_only_what_it_needs(tmp_path: Path) -> None:
    status, modules = _loaded(tmp_path, "check", "samples/hello.wl")
    assert status == 0
    assert _found(modules, STDLIB + BEHIND_A_CALL) == []


def test_the_probe_sees_what_a_script_makes_it_import(tmp_path: Path) -> None:
    # The check above can fail: a script that copies a file and rounds a number brings
    # shutil and decimal in.
    script = tmp_path / "more.wl"
    script.write_text('fSaveText("a.txt", "x")\nfCopyFile("a.txt", "b.txt")\n'
                      'Trace(NumToString(2.675, ".2f"))\n', encoding="utf-8")
    status, modules = _loaded(tmp_path, "run", str(script))
    assert status == 0
    assert _found(modules, ("shutil", "decimal")) == ["decimal", "shutil"]
