"""The configuration types of <COMPILE IF ConfigurationType = ...> and `--configuration-type`
(docs/language.md, "Conditional compilation"): each documented name in English and
French, the aliases of one type equal to each other, an unknown name refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from wlmail.syntax.compilation import TYPE_NAMES
from wltest import run_wl

_SCRIPT = """<COMPILE IF ConfigurationType = {name}>
Trace("yes")
<ELSE>
Trace("no")
<END>
CONSTANT
\t<COMPILE SI TypeConfiguration = {name}>
\tK = 1
\t<SINON>
\tK = 2
\t<FIN>
END
Trace(K)
"""


@pytest.mark.parametrize("names", TYPE_NAMES, ids=lambda n: n[0])
def test_each_type_selects_its_branches_under_every_spelling(tmp_path: Path,
                                                            names: tuple[str, ...]) -> None:
    for written in names:
        p = tmp_path / "s.wl"
        p.write_text(_SCRIPT.format(name=written), encoding="utf-8")
        for given in names + (names[0].upper(),):
            status, out, err = run_wl(p, "--configuration-type", given)
            assert (status, out, err) == (0, "yes\n1\n", ""), (written, given)
        other = TYPE_NAMES[1] if names is TYPE_NAMES[0] else TYPE_NAMES[0]
        status, out, _ = run_wl(p, "--configuration-type", other[-1])
        assert (status, out) == (0, "no\n2\n")


def test_the_default_type_is_a_windows_application(tmp_path: Path) -> None:
    p = tmp_path / "s.wl"
    p.write_text(_SCRIPT.format(name="ApplicationWindows"), encoding="utf-8")
    assert run_wl(p) == (0, "yes\n1\n", "")


def test_an_unknown_type_is_refused_with_the_list(tmp_path: Path) -> None:
    p = tmp_path / "s.wl"
    p.write_text('Trace("x")\n', encoding="utf-8")
    status, _, out = run_wl(p, "--configuration-type", "Andriod")
    assert status == 2
    assert "--configuration-type Andriod: not a configuration type" in out
    assert "Webservice" in out and "ApplicationWindows" in out


def test_a_directive_between_the_clauses_of_a_statement(tmp_path: Path) -> None:
    # The other branch is not parsed: it may hold what does not parse at all.
    p = tmp_path / "s.wl"
    p.write_text("n is int = 2\nSWITCH n\n\tCASE 1\n\t\tTrace(1)\n"
                 "<COMPILE IF ConfigurationType = Android>\n\tCASE 2\n\t\tTrace(\"android\")\n"
                 "<ELSE>\n\tCASE 2\n\t\tTrace(\"windows\")\n\tCASE 3 = = 3\n<END>\nEND\n"
                 "IF n = 1 THEN\n\tTrace(1)\n<COMPILE SI TypeConfiguration <> Webservice>\n"
                 "ELSE\n\tTrace(\"else\")\n<FIN>\nEND\n", encoding="utf-8")
    assert run_wl(p, "--configuration-type", "Android") == (0, "android\nelse\n", "")
    assert run_wl(p, "--configuration-type", "webservice")[0] == 2     # `= = 3`
    status, _, err = run_wl(p)
    assert status == 2 and "s.wl:11:" in err
