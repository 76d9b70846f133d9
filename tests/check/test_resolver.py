"""The resolver apart from the code generator: EXTERN in a procedure, warnings that name
the EXTERN'd file they come from, one diagnostic per problem, and `check` building no
code at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from wlmail.runtime import codegen
from wlmail.runtime.context import RunOptions
from wlmail.runtime.interpreter import static_pass
from wltest import check_wl, run_wl


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def test_extern_in_a_procedure_is_loaded(tmp_path: Path) -> None:
    write(tmp_path, "part.wl", 'Hello is string = "hi"\n'
                               'PROCEDURE Helper(n)\nRESULT n * 21\n')
    main = write(tmp_path, "main.wl", 'Info(Greet())\n'
                                      'PROCEDURE Greet()\n'
                                      '\tEXTERN "part.wl"\n'
                                      '\tRESULT Hello + " " + Helper(2)\n')
    assert check_wl(main) == (0, "")
    status, out, err = run_wl(main)
    assert (status, out, err) == (0, "hi 42\n", "")


def test_extern_in_a_procedure_runs_at_each_call_in_its_scope(tmp_path: Path) -> None:
    write(tmp_path, "count.wl", "calls++\n")
    main = write(tmp_path, "main.wl", "calls is int\nTwice()\nTwice()\nInfo(calls)\n"
                                      'PROCEDURE Twice()\n\tEXTERN "count.wl"\n\tEXTERN "count.wl"\n')
    assert run_wl(main) == (0, "4\n", "")


def test_extern_in_an_internal_procedure_sees_the_enclosing_variables(tmp_path: Path) -> None:
    write(tmp_path, "part.wl", "INTERNAL PROCEDURE Times(v)\n\tRESULT v * k\nEND\nInfo(Times(21))\n")
    main = write(tmp_path, "main.wl", "Outer()\nPROCEDURE Outer()\nk is int = 2\n"
                                      'INTERNAL PROCEDURE Inner()\n\tEXTERN "part.wl"\nEND\nInner()\n')
    assert check_wl(main) == (0, "")
    assert run_wl(main) == (0, "42\n", "")


def test_missing_extern_in_a_procedure_is_an_error_with_its_place(tmp_path: Path) -> None:
    main = write(tmp_path, "main.wl", 'Info(1)\nPROCEDURE P()\n\tEXTERN "nowhere.wl"\n')
    status, out = check_wl(main)
    assert status == 2
    assert out.startswith(f'{main}:3:2: error: EXTERN "nowhere.wl": file not found (')
    status, out, err = run_wl(main)
    assert (status, out) == (2, "")
    assert err.startswith(f'{main}:3:2: error: EXTERN "nowhere.wl": file not found (')


def test_a_warning_in_an_externd_file_names_that_file(tmp_path: Path) -> None:
    part = write(tmp_path, "part.wl", 's is emailSMTPSession\n'
                                      's.ServerAddress = "smtp.example.com"\n'
                                      's.Password = "hunter2"\n')
    proc_part = write(tmp_path, "proc_part.wl", 'p is emailSMTPSession\n\n'
                                                'p.Password = "swordfish"\n')
    main = write(tmp_path, "main.wl", 'EXTERN "part.wl"\nSend()\n'
                                      'PROCEDURE Send()\n\tEXTERN "proc_part.wl"\n')
    status, out = check_wl(main)
    assert status == 0
    assert f"{part}:3:1: warning: a password is written in the script" in out
    assert f"{proc_part}:3:1: warning: a password is written in the script" in out
    assert f"{main}:3:1: warning" not in out
    assert "hunter2" not in out and "swordfish" not in out


def test_nested_externs_bring_their_procedures_once(tmp_path: Path) -> None:
    write(tmp_path, "b.wl", "PROCEDURE Plus1(x)\nRESULT x + 1\n")
    write(tmp_path, "a.wl", 'y is int = 1\nEXTERN "b.wl"\n')
    main = write(tmp_path, "main.wl", 'EXTERN "a.wl"\nInfo(Plus1(y))\n')
    assert check_wl(main) == (0, "")
    assert run_wl(main) == (0, "2\n", "")


def test_each_problem_is_reported_once(tmp_path: Path) -> None:
    part = write(tmp_path, "part.wl", "y is nosuchtype\n")
    main = write(tmp_path, "main.wl", 'EXTERN "part.wl"\nInfo(P(zz))\nm is int\nm.x += 1\n'
                                      "PROCEDURE P(v)\nRESULT v\n")
    status, out = check_wl(main)
    assert status == 1
    assert out.count("unknown type `nosuchtype`") == 1
    assert out.count("unknown variable `zz`") == 1
    assert out.count("a int has no property `x`") == 1
    assert out.endswith(f"{main}: 3 errors, 0 warnings\n")
    assert f"{part}:1:6: error: unknown type `nosuchtype`" in out


def test_check_builds_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kw: object) -> None:
        raise AssertionError("the code generator ran")
    monkeypatch.setattr(codegen.CodeGen, "__init__", refuse)
    main = write(tmp_path, "main.wl", 'n is int = 2\nInfo(Twice(n))\n'
                                      'PROCEDURE Twice(x is int)\nRESULT x * 2\n')
    assert check_wl(main) == (0, "")
    result = static_pass(str(main), RunOptions(), build=False)
    assert result.code is None and result.resolution is not None
    status, out, err = run_wl(main)          # run does need it
    assert status == 70 and out == ""


def test_run_builds_code_from_the_resolution(tmp_path: Path) -> None:
    main = write(tmp_path, "main.wl", 'n is int = 2\nInfo(Twice(n))\n'
                                      'PROCEDURE Twice(x is int)\nRESULT x * 2\n')
    result = static_pass(str(main), RunOptions())
    assert result.errors == [] and result.code is not None
    assert result.resolution is not None and len(result.resolution.procs) == 1
    assert run_wl(main) == (0, "4\n", "")
