"""The exact text of diagnostics: file, line, column, source line, caret, hint."""
from __future__ import annotations

from pathlib import Path

import pytest

from wltest import check_wl, run_wl


def write(tmp_path: Path, text: str, name: str = "s.wl") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_unknown_function_with_hint(tmp_path: Path) -> None:
    p = write(tmp_path, 'x is int\nx = Lenght("abc")\n')
    status, out = check_wl(p)
    assert status == 1
    assert out == (f'{p}:2:5: error: unknown function or procedure `Lenght`\n'
                   '    x = Lenght("abc")\n'
                   '        ^~~~~~\n'
                   '    hint: did you mean `Length`?\n'
                   f'{p}: 1 error, 0 warnings\n')


def test_hint_in_the_script_language(tmp_path: Path) -> None:
    p = write(tmp_path, 'Info(Majuscul("é"))\n')
    status, out = check_wl(p)
    assert "hint: did you mean `Majuscule`?" in out


def test_all_problems_in_one_run(tmp_path: Path) -> None:
    p = write(tmp_path, 'x = 1\nInfo(Left("a"))\nInfo(Gauche("a", 1, 2))\nzz is nosuchtype\n')
    status, out = check_wl(p)
    assert status == 1
    assert f"{p}:1:1: error: unknown variable `x`" in out
    assert "hint: declare it first" in out
    assert f"{p}:2:6: error: `Left` takes 2 arguments, not 1" in out
    assert f"{p}:3:6: error: `Gauche` takes 2 arguments, not 3" in out
    assert f"{p}:4:7: error: unknown type `nosuchtype`" in out
    assert "4 errors" in out


def test_if_without_end_names_the_if(tmp_path: Path) -> None:
    p = write(tmp_path, 'x is int\nIF x = 1 THEN\n\tInfo("x")\nPROCEDURE P()\nInfo(1)\n')
    status, out = check_wl(p)
    assert status == 2
    assert out.startswith(f"{p}:2:1: error: this IF has no END (before this PROCEDURE)\n"
                          "    IF x = 1 THEN\n    ^\n")


def test_end_that_closes_nothing(tmp_path: Path) -> None:
    p = write(tmp_path, 'x is int\nInfo(x)\nFIN\n')
    status, out = check_wl(p)
    assert status == 2
    assert f"{p}:3:1: error: this END closes nothing" in out


def test_unclosed_string(tmp_path: Path) -> None:
    p = write(tmp_path, 's is string = "abc\n')
    status, out = check_wl(p)
    assert status == 2
    assert f"{p}:1:15: error: this string has no closing quote" in out


def test_password_literal_masked_in_echoed_line(tmp_path: Path) -> None:
    p = write(tmp_path, 'Sessionx.Password = "hunter2"\n')
    status, out = check_wl(p)
    assert "hunter2" not in out
    assert 'Sessionx.Password = "***"' in out


def test_ui_control_and_function(tmp_path: Path) -> None:
    p = write(tmp_path, 'EDT_Name = "x"\nOpen(WIN_Main)\nToastDisplay("shown")\n')
    status, out = check_wl(p)
    assert status == 1
    assert "`EDT_Name` is a WINDEV control: not available outside a WINDEV window" in out
    assert "`Open` is a WINDEV window function: not available outside a WINDEV window" in out
    assert "ToastDisplay" not in out


def test_run_refuses_a_script_with_static_errors(tmp_path: Path) -> None:
    p = write(tmp_path, 'Info("sent?")\nNoSuchFunction()\n')
    status, out, err = run_wl(p)
    assert status == 1
    assert out == ""          # nothing ran
    assert "nothing was sent" in err


def test_runtime_error_position_and_no_traceback(tmp_path: Path) -> None:
    p = write(tmp_path, 'n is int\nInfo("a")\nn = "12x"\n')
    status, out, err = run_wl(p)
    assert status == 1
    assert out == "a\n"
    assert err == (f'{p}:3:1: error: cannot convert "12x" to an integer\n'
                   '    n = "12x"\n    ^\n')


def test_syntax_error_exit_2(tmp_path: Path) -> None:
    p = write(tmp_path, 'x is int\nx = = 2\n')
    status, out, err = run_wl(p)
    assert status == 2
    assert "Traceback" not in err
    assert f"{p}:2:5: error: unexpected `=`" in err


@pytest.mark.parametrize("args,status", [(["--version"], 0), (["--help"], 0), ([], 2),
                                         (["run"], 2), (["frobnicate"], 2)])
def test_command_line_statuses(args: list[str], status: int) -> None:
    from wlmail.cli import main
    assert main(args) == status


def test_missing_file(tmp_path: Path) -> None:
    status, out, err = run_wl(tmp_path / "nope.wl")
    assert status == 2
    assert "file not found" in err


def test_unclosed_block_comment_is_quick_and_clear(tmp_path: Path) -> None:
    # The comment regex once backtracked exponentially on an unclosed comment.
    p = write(tmp_path, "x is int\n/*" + "\n" * 40 + "x = 1\n")
    status, out = check_wl(p)
    assert status == 2
    assert f"{p}:2:1: error: this comment has no closing `*/`" in out


def test_required_parameter_counts_before_the_procedure_is_compiled(tmp_path: Path) -> None:
    p = write(tmp_path, 'P()\nPROCEDURE P(a)\nInfo(a)\n')
    status, out = check_wl(p)
    assert status == 1
    assert f"{p}:1:1: error: `P` takes 1 argument, not 0" in out


def test_secret_masks_keep_the_caret_on_the_error(tmp_path: Path) -> None:
    p = write(tmp_path, 'MyPassword is string = "hunter2"; x is int = Lenght(1)\n')
    status, out = check_wl(p)
    lines = out.splitlines()
    assert "hunter2" not in out
    shown, caret = lines[1], lines[2]
    assert shown[caret.index("^")] == "L"


def test_unquoted_secret_in_an_included_config_file_is_masked(tmp_path: Path) -> None:
    (tmp_path / "conf.ini").write_text("Password=hunter2 x\n", encoding="utf-8")
    p = write(tmp_path, 'EXTERN "conf.ini"\n')
    status, out, err = run_wl(p)
    assert status == 2
    assert "hunter2" not in err and 'Password="***"' in err
