"""`wlmail run --project PATH script.wl` and `wlmail run PATH --procedure NAME -- ARGS`."""
from __future__ import annotations

import mailbox
from pathlib import Path

import pytest

from smtp_faults import FaultySMTP
from wlmail.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mailproject"
RUNSHOP = ROOT / "tests" / "projects" / "runshop"
WDG = str(RUNSHOP / "Shop procedures.wdg")


def _driver(tmp_path: Path, code: str) -> str:
    path = tmp_path / "driver.wl"
    path.write_text(code, encoding="utf-8")
    return str(path)


def test_the_sample_sends_its_report_in_capture_mode(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    driver = _driver(tmp_path, "IF SendDailyReport(gsReportTo, ReportBody(12, 3)) THEN\n"
                               "\tTrace(\"sent to \" + gsReportTo)\nEND\n")
    box = tmp_path / "box"
    assert main(["run", "--capture", str(box), "--project", str(SAMPLE), driver]) == 0
    out = capsys.readouterr().out
    assert "sent to team@example.org" in out
    (msg,) = list(mailbox.Maildir(box, create=False))
    assert msg["To"] == "team@example.org"
    assert msg["Subject"].startswith("Daily report ")
    assert "Orders: 12" in msg.get_payload(decode=True).decode()


def test_a_driver_sees_globals_procedures_and_local_procedures(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    driver = _driver(tmp_path, "Trace(gsGreeting, gsSetName)\nTrace(Total(2, 10))\n"
                               "Trace(WIN_Orders.Describe(7))\n"
                               "WIN_Orders.Shown()\nTrace(WIN_Orders.Shown())\n")
    assert main(["run", "--project", str(RUNSHOP), driver]) == 0
    out, err = capsys.readouterr()
    assert out == "hello from Run Shop\nshop set\n23\norder 7 of 6\n42\n"
    # the names of code that does not run are warnings, located in their element file
    assert f"{WDG}:45:7: warning: `HFirst` is a WLanguage HFSQL database function that " \
           "wlmail does not provide (an error only if it runs)" in err
    assert "warning: `EDT_Status` is a WINDEV control" in err
    assert ": error:" not in err


def test_a_procedure_called_with_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(RUNSHOP), "--procedure", "Total", "--", "3", "4"]) == 0
    assert capsys.readouterr().out == "15\n"            # 3 * 4 + gnOrders, converted to int
    assert main(["run", str(RUNSHOP), "--procedure", "shout", "--", "hi"]) == 0
    assert capsys.readouterr().out == "HI\n"            # returns nothing: nothing more printed
    assert main(["run", str(RUNSHOP / "RunShop.wdp"), "--procedure",
                 "WIN_Orders.Describe", "--", "3"]) == 0
    assert capsys.readouterr().out == "order 3 of 6\n"
    # a window's variables (its global declarations) live as long as the run
    assert main(["run", str(RUNSHOP), "--procedure", "WIN_Orders.Shown"]) == 0
    assert capsys.readouterr().out == "41\n"


def test_a_procedure_needs_its_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(RUNSHOP), "--procedure", "Total", "--", "3"]) == 2
    assert capsys.readouterr().err == "wlmail: error: --procedure Total: it takes 2 arguments " \
        "(nCount, nPrice), not 1 (give them after `--`)\n"


def test_calling_an_unsupported_name_is_a_located_fatal_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(RUNSHOP), "--procedure", "CountCustomers"]) == 1
    err = capsys.readouterr().err
    assert f"{WDG}:45:7: error: `HFirst` is a WLanguage HFSQL database function that wlmail " \
           "does not provide (in procedure set Shop procedures, global procedure " \
           "CountCustomers)" in err
    assert "Traceback" not in err
    assert main(["run", str(RUNSHOP), "--procedure", "WIN_Orders.ShowStatus"]) == 1
    err = capsys.readouterr().err
    assert f"{RUNSHOP / 'WIN_Orders.wdw'}:58:7: error: `EDT_Status` is a WINDEV control: " \
           "not available outside a WINDEV window (in window WIN_Orders, local procedure " \
           "ShowStatus)" in err


def test_when_exception_catches_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    driver = _driver(tmp_path, "WHEN EXCEPTION IN\n\tCountCustomers()\nDO\n"
                               "\tTrace(\"caught: \" + ExceptionInfo())\nEND\nTrace(\"after\")\n")
    assert main(["run", "--project", str(RUNSHOP), driver]) == 0
    out = capsys.readouterr().out
    assert out.startswith("caught: `HFirst` is a WLanguage HFSQL database function")
    assert out.endswith("after\n")


def test_bad_uses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["run", str(RUNSHOP), "--procedure", "Nope"]) == 2
    assert "--procedure Nope: the project has no global procedure" in capsys.readouterr().err
    assert main(["run", "--project", str(tmp_path / "none"), _driver(tmp_path, "")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    driver = _driver(tmp_path, "Trace(NotAThing())\n")
    assert main(["run", "--project", str(RUNSHOP), driver]) == 1    # the driver's own error
    assert "driver.wl:1:7: error: unknown function or procedure `NotAThing`" in \
        capsys.readouterr().err


def test_path_functions_answer_as_windev_test_mode(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    project = tmp_path / "shop"
    project.mkdir()
    for f in RUNSHOP.iterdir():
        (project / f.name).write_bytes(f.read_bytes())
    (project / "driver.wl").write_text("Trace(fExeDir())\nTrace(CompleteDir(fRepDonnées()))\n"
                                       "Trace(ComplèteRep(\"x/\"))\n", encoding="utf-8")
    driver = str(project / "driver.wl")           # inside the project: read once, as the driver
    assert main(["run", "--project", str(project), driver]) == 0
    assert capsys.readouterr().out == f"{project}\n{project}/\nx/\n"
    (project / "Exe").mkdir()
    assert main(["run", "--project", str(project), driver]) == 0
    assert capsys.readouterr().out == f"{project / 'Exe'}\n{project / 'Exe'}/\nx/\n"


def test_smtp_server_option(capsys: pytest.CaptureFixture[str], smtp_plain: FaultySMTP) -> None:
    assert main(["run", str(RUNSHOP), "--procedure", "Notify", "--smtp-server",
                 f"127.0.0.1:{smtp_plain.port}", "--", "bob@example.org"]) == 0
    assert capsys.readouterr().out == ""
    (got,) = smtp_plain.messages
    assert got.rcpt_tos == ["bob@example.org"]
    assert got.message["Subject"] == "hello from Run Shop"


def _copy(src: Path, dest: Path) -> Path:
    dest.mkdir()
    for f in src.iterdir():
        (dest / f.name).write_bytes(f.read_bytes())
    return dest


# (RunShop.wdp lists the two classes above its initialisation code: line 41.)
def test_window_code_in_the_initialisation(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    project = _copy(RUNSHOP, tmp_path / "shop")
    wdp = project / "RunShop.wdp"
    text = wdp.read_text(encoding="utf-8")
    wdp.write_text(text.replace("      // Project initialisation\n",
                                "      // Project initialisation\n"
                                "      IF gnOrders > 100 THEN Open(WIN_Orders)\n"), encoding="utf-8")
    assert main(["run", str(project), "--procedure", "Total", "--", "1", "2"]) == 0
    out, err = capsys.readouterr()
    assert out == "5\n"                               # 1 * 2 + gnOrders: the globals are set
    assert f"{wdp}:41:30: warning: `Open` is a WINDEV window function" in err
    wdp.write_text(text.replace("      // Project initialisation\n",
                                "      // Project initialisation\n"
                                "      OpenTheDatabase(MyConnection)\n"), encoding="utf-8")
    assert main(["run", str(project), "--procedure", "Total", "--", "1", "2"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    # (HOpenConnection, once the example here, is in the catalogue now: a warning, docs/projects.md)
    assert f"{wdp}:41:7: error: unknown function or procedure `OpenTheDatabase` (in project " \
           "RunShop, event initialisation)" in err


def test_a_folder_of_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    scripts = ROOT / "tests" / "projects" / "scripts"
    assert main(["run", str(scripts), "--procedure", "Greet", "--", "Ann"]) == 0
    out, err = capsys.readouterr()
    assert out == "hello Ann\n"                       # main.wl's main code is not run
    assert f"{scripts / 'broken.wl'}:2:1: warning: this IF has no END" in err


def test_one_script_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lib = tmp_path / "lib.wl"
    lib.write_text('Trace("main")\nPROCEDURE Greet(s)\nTrace("hi " + s)\n', encoding="utf-8")
    assert main(["run", str(lib), "--procedure", "Greet", "--", "Ann"]) == 0
    assert capsys.readouterr().out == "hi Ann\n"
    assert main(["run", "--project", str(lib), str(lib), "--procedure", "Greet"]) == 2
    assert "not both" in capsys.readouterr().err


def test_check_knows_window_procedure_calls(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    project = _copy(RUNSHOP, tmp_path / "shop")
    wdg = project / "Shop procedures.wdg"
    wdg.write_text(wdg.read_text(encoding="utf-8").replace(
        "      RESULT nCount * nPrice + gnOrders\n",
        "      Trace(WIN_Orders.Describe(1))\n      Trace(WIN_Orders.Describe())\n"
        "      RESULT nCount * nPrice + gnOrders\n"), encoding="utf-8")
    assert main(["check", str(project)]) == 1
    out = capsys.readouterr().out
    assert "Shop procedures.wdg:28:13: error: `WIN_Orders.Describe` takes 1 argument, not 0" \
        in out
    assert "Shop procedures.wdg:27:" not in out          # the right call is clean


def test_project_classes_with_inheritance_run_from_a_driver(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    """cMessage.wdc (English) and cRappel.wdc (French, `hérite de cMessage`, its
    constructor calls `Constructeur cMessage(...)`): a method of the base class calls
    Subject(), which the derived class overrides."""
    driver = _driver(tmp_path, 'm is cMessage("ann@example.com")\n'
                               'r is cMessage dynamic = new cRappel("bob@example.org", 3)\n'
                               'Trace(m.Describe())\nTrace(r.Describe())\n'
                               'Trace(cMessage::gnMessages)\n')
    assert main(["run", "--project", str(RUNSHOP), driver]) == 0
    assert capsys.readouterr().out == ("ann@example.com: Order news\n"
                                       "bob@example.org: Rappel : 3 jours\n2\n")


def test_a_private_member_of_a_project_class_stops_the_driver(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    driver = _driver(tmp_path, 'r is cRappel("bob@example.org", 3)\nTrace(r.m_nJours)\n')
    assert main(["run", "--project", str(RUNSHOP), driver]) == 1
    err = capsys.readouterr().err
    assert "driver.wl:2:9: error: `m_nJours` is a private member of `cRappel`" in err
