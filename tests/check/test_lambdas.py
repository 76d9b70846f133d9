"""`wlmail check` on lambdas and ArraySort (docs/language.md, "Lambdas", "Sorting"): the
body of a lambda is checked like a procedure's, with the variables around it; the
comparison procedure of ArraySort is checked where the type of sort is a constant."""
from __future__ import annotations

from pathlib import Path

from wltest import check_wl


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "s.wl"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_lambda_sees_the_variables_around_it_and_its_typos_are_found(tmp_path: Path) -> None:
    p = write(tmp_path, "n is int = 1\nf is Procedure = x => x + n\n"
                        "g is Procedure = (a, b) => { RESULT a + nn }\n")
    status, out = check_wl(p)
    assert status == 1
    assert "s.wl:3:41: error: unknown variable `nn`" in out
    assert "s.wl:2:" not in out


def test_a_lambda_declares_its_own_variables(tmp_path: Path) -> None:
    p = write(tmp_path, "f is Procedure = () => {\n\tlocalOne is int = 2\n\tRESULT localOne\n}\n"
                        "Trace(f())\nTrace(localOne)\n")
    status, out = check_wl(p)
    assert status == 1 and "s.wl:6:7: error: unknown variable `localOne`" in out


def test_array_sort_without_its_procedure_is_a_warning(tmp_path: Path) -> None:
    p = write(tmp_path, "t is array of int = [2, 1]\nArraySort(t, asFunction)\n"
                        "TableauTrie(t, ttCroissant, \"2;-3\")\nArraySort(t, asFunction, Nope)\n")
    status, out = check_wl(p)
    assert "s.wl:2:1: warning: ArraySort: asFunction needs a comparison procedure" in out
    assert "s.wl:3:1: warning: ArraySort: asAscending takes no third argument" in out
    assert "s.wl:4:26: error: unknown variable `Nope`" in out
    assert status == 1


def test_a_procedure_name_given_to_array_sort_is_not_a_call(tmp_path: Path) -> None:
    # Compare needs two arguments: read as a call, it would be an arity error.
    p = write(tmp_path, "t is array of int = [2, 1]\nt.Sort(asFunction, Compare)\n"
                        "ArraySort(t, asFunction, Compare)\n"
                        "PROCEDURE Compare(a, b)\nRESULT a - b\n")
    assert check_wl(p) == (0, "")
