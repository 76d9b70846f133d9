import time

import pytest

from wlmail import __version__
from wlmail.runtime.context import EndProgram


def test_sys_environment(wl, monkeypatch):
    monkeypatch.setenv("WLMAIL_TEST_VAR", "v1")
    monkeypatch.delenv("WLMAIL_UNSET_VAR", raising=False)
    assert wl.call("SysEnvironment", "WLMAIL_TEST_VAR") == "v1"
    assert wl.call("SysEnvironnement", "WLMAIL_UNSET_VAR") == ""
    assert "WLMAIL_TEST_VAR=v1" in wl.call("SysEnvironment").split("\r\n")


def test_command_line(make_wl):
    wl = make_wl(["first", "/Mode=test", "--to=a@b.c", "/verbose"])
    assert wl.call("CommandLine") == "first /Mode=test --to=a@b.c /verbose"
    assert wl.call("LigneCommande", 1) == "first"
    assert wl.call("CommandLine", "2") == "/Mode=test"
    assert wl.call("CommandLine", 9) == ""
    assert wl.call("CommandLine", "mode") == "test"
    assert wl.call("CommandLine", "TO") == "a@b.c"
    assert wl.call("CommandLine", "verbose") == "1"
    assert wl.call("CommandLine", "absent") == ""
    assert make_wl().call("CommandLine") == ""


@pytest.mark.parametrize("name", ["EndProgram", "FinProgramme"])
def test_end_program(wl, name):
    with pytest.raises(EndProgram):
        wl.call(name)


def test_exe_info(wl, tmp_path):
    assert wl.call("ExeInfo", wl.const("exeName")) == str(tmp_path / "script.wl")
    assert wl.call("ExeInfo", wl.const("exeRépertoire")) == str(tmp_path)
    assert wl.call("ExeInfo", wl.const("exeVersion")) == __version__
    assert wl.call("ExeInfo", "OriginalFilename", "Appli.exe") == "script.wl"
    assert wl.call("ExeInfo", "NoSuchKey") == ""


def test_multitask_waits_hundredths(wl):
    start = time.monotonic()
    wl.call("Multitask", 5)
    wl.call("Multitâche", -5)
    assert time.monotonic() - start >= 0.09
