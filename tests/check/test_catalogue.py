"""Unknown-name errors of a plain script use the catalogue of PC SOFT names wlmail does not
provide (wlmail/catalogue.py): a real WLanguage function is not called unknown."""
from __future__ import annotations

from pathlib import Path

from wltest import check_wl, run_wl


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "s.wl"
    p.write_text(text, encoding="utf-8")
    return p


def test_check_names_the_family_of_a_catalogued_function(tmp_path: Path) -> None:
    p = write(tmp_path, 'IF HReadFirst("CUSTOMER") THEN Trace(1)\nHLitPremier("CLIENT")\n')
    status, out = check_wl(p)
    assert status == 1
    assert ("s.wl:1:4: error: `HReadFirst` is a WLanguage HFSQL database function that wlmail "
            "does not provide") in out
    assert "`HLitPremier` is a WLanguage HFSQL database function" in out   # French spelling
    assert "hint: PC SOFT's page: https://doc.pcsoft.fr/" in out
    assert "unknown function" not in out


def test_run_refuses_with_the_same_words(tmp_path: Path) -> None:
    status, out, err = run_wl(write(tmp_path, 'Trace("a")\nThreadExecute("t", 0, P)\n'))
    assert status == 1 and out == ""
    assert "`ThreadExecute` is a WLanguage thread function that wlmail does not provide" in err


def test_a_catalogued_type_and_a_name_without_parentheses(tmp_path: Path) -> None:
    p = write(tmp_path, "t is Thread\nIF HOut THEN Trace(1)\n")
    status, out = check_wl(p)
    assert status == 1
    assert "s.wl:1:6: error: `Thread` is a WLanguage thread type that wlmail does not provide" in out
    assert "s.wl:2:4: error: `HOut` is a WLanguage HFSQL database function" in out


def test_a_name_outside_the_catalogue_stays_unknown(tmp_path: Path) -> None:
    status, out = check_wl(write(tmp_path, "HReadFrist(1)\n"))
    assert status == 1 and "unknown function or procedure `HReadFrist`" in out


def test_assigning_to_a_catalogued_name_is_an_undeclared_variable(tmp_path: Path) -> None:
    status, out = check_wl(write(tmp_path, "HOut = 1\n"))
    assert status == 1 and "unknown variable `HOut`" in out


def test_the_families_a_mail_project_calls_besides_email(tmp_path: Path) -> None:
    # HFSQL writes, archives of attachments, FTP, sockets, JSON: real WLanguage names (their
    # PC SOFT pages in catalogue.json), French spellings where a page shows them.
    p = write(tmp_path, 'HAjoute("CLIENT")\nzipCreate("a", "x.zip")\nFTPEnvoie(1, "a", "/")\n'
                        'SocketConnect("s", 25, "h")\nv is JSON\nHTransactionStart()\n')
    status, out = check_wl(p)
    assert status == 1
    for line, words in ((1, "`HAjoute` is a WLanguage HFSQL database function"),
                        (2, "`zipCreate` is a WLanguage archive function"),
                        (3, "`FTPEnvoie` is a WLanguage FTP function"),
                        (4, "`SocketConnect` is a WLanguage socket function"),
                        (5, "`JSON` is a WLanguage JSON type"),
                        (6, "`HTransactionStart` is a WLanguage HFSQL database function")):
        assert f"s.wl:{line}:" in out and words + " that wlmail does not provide" in out, words
    assert "unknown" not in out
    assert "https://doc.windev.com/en-US/?3082003&product=ER" in out
