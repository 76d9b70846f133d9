"""The command line: `wlmail inventory PATH [--json]`, `wlmail check FOLDER`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from wlmail.cli import main

PROJECTS = Path(__file__).resolve().parents[1] / "projects"


def test_inventory_exit_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["inventory", str(PROJECTS / "mailshop")]) == 1      # elements not read
    assert "summary: 8 elements (3 not read)" in capsys.readouterr().out
    (tmp_path / "a.wl").write_text("Trace(1)\n", encoding="utf-8")
    assert main(["inventory", str(tmp_path)]) == 0
    assert main(["inventory", str(PROJECTS / "scripts")]) == 0        # a syntax error is not unreadable


def test_inventory_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inventory", "--json", str(PROJECTS / "mailshop" / "MailShop.wdp")]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "wlmail-inventory/1" and doc["project"]["name"] == "MailShop"


def test_inventory_of_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["inventory", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err == f"wlmail: error: {tmp_path / 'nope'}: no such file or folder\n"


def test_check_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PROJECTS / "scripts")]) == 1
    out = capsys.readouterr().out
    assert "broken.wl:2:1: error: this IF has no END" in out
    assert ("main.wl:2:1: error: `HReadFirst` is a WLanguage HFSQL database function that "
            "wlmail does not provide") in out
    assert "`Greet`" not in out        # the procedure of shared.wl is the project's
    assert "folder, not a script" not in out


def test_check_a_script_is_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    script = tmp_path / "a.wl"
    script.write_text("Trace(1)\n", encoding="utf-8")
    assert main(["check", str(script)]) == 0
    assert capsys.readouterr().out == ""


def test_check_one_element(capsys: pytest.CaptureFixture[str]) -> None:
    # The class element alone: its declaration, constructor and method check clean.
    assert main(["check", str(PROJECTS / "mailshop" / "cReport.wdc")]) == 0
    out = capsys.readouterr().out
    assert "3 code blocks in 1 element: 0 errors, 0 warnings" in out
