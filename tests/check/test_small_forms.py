"""The small forms of real projects (docs/language.md): the configuration options of
<COMPILE IF>, the parse cache keyed by the configuration, masking inside typographic
quotes, EXTERN of a name in `check`."""
from __future__ import annotations

from pathlib import Path

from wltest import check_wl, run_wl

_BRANCHES = """<COMPILE IF Configuration = "Linux64">
Trace("linux")
<ELSE>
Trace("default")
<END>
<COMPILE IF ConfigurationType = Android>
Trace("android")
<END>
"""


def write(tmp_path: Path, text: str, name: str = "s.wl") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_the_default_configuration_is_a_windows_64_bit_executable(tmp_path: Path) -> None:
    status, out, err = run_wl(write(tmp_path, _BRANCHES))
    assert (status, out, err) == (0, "default\n", "")


def test_configuration_options_choose_the_branches(tmp_path: Path) -> None:
    p = write(tmp_path, _BRANCHES)
    status, out, _ = run_wl(p, "--configuration", "linux64")   # names fold case
    assert (status, out) == (0, "linux\n")
    status, out, _ = run_wl(p, "--configuration-type", "Android")
    assert (status, out) == (0, "default\nandroid\n")
    # The parse cache keeps one tree per configuration: the default run is unchanged.
    status, out, _ = run_wl(p)
    assert (status, out) == (0, "default\n")


def test_an_inactive_branch_is_not_checked_but_must_parse(tmp_path: Path) -> None:
    p = write(tmp_path, '<COMPILE IF Configuration = "Linux64">\nNotAFunction(1)\n<END>\n')
    assert check_wl(p)[0] == 0
    assert check_wl(p, "--configuration", "Linux64")[0] == 1
    bad = write(tmp_path, '<COMPILE IF Configuration = "Linux64">\nx = = 1\n<END>\n', "b.wl")
    status, out = check_wl(bad)
    assert status == 2 and "b.wl:2:" in out


def test_a_directive_without_its_end_is_a_syntax_error(tmp_path: Path) -> None:
    status, out = check_wl(write(tmp_path, '<COMPILE IF Configuration = "x">\nTrace(1)\n'))
    assert status == 2 and "s.wl:1:1: error: this <COMPILE IF> has no <END>" in out


def test_password_in_typographic_quotes_is_masked(tmp_path: Path) -> None:
    p = write(tmp_path, "s is emailSMTPSession\ns.Password = \u201chunter2\u201d + Unknwn\n")
    status, out = check_wl(p)
    assert status == 1
    assert "hunter2" not in out
    assert 's.Password = "***" + Unknwn' in out


def test_extern_name_is_a_warning_in_check(tmp_path: Path) -> None:
    p = write(tmp_path, "EXTERN console\nconsole.Write(1)\n")
    status, out = check_wl(p)
    assert status == 0
    assert "s.wl:1:8: warning: `console` is declared with EXTERN" in out
    assert "s.wl:2:1: warning: `console` (EXTERN, line 1)" in out


def test_extern_of_a_declared_variable_is_that_variable(tmp_path: Path) -> None:
    p = write(tmp_path, 'gs is string = "x"\nEXTERN gs\nTrace(gs)\n')
    status, out, err = run_wl(p)
    assert (status, out, err) == (0, "x\n", "")


def test_address_of_is_a_warning_in_check(tmp_path: Path) -> None:
    p = write(tmp_path, "n is int\nTrace(&n)\n")
    status, out = check_wl(p)
    assert status == 0
    assert "s.wl:2:7: warning: `&` takes the address of a variable in memory" in out
    assert "Windows API" in out
