"""The texts of multilingual message references come from the project's resources
(wlmail/project/messages.py): tests/projects/messages is our own project in the text format."""
from __future__ import annotations

from pathlib import Path

import pytest

from wlmail.cli import main
from wlmail.project.messages import MessageTable
from wlmail.project.reader import open_project

MESSAGES = Path(__file__).resolve().parents[1] / "projects" / "messages"


def test_the_table_reads_the_resources_of_every_element() -> None:
    table = open_project(str(MESSAGES)).messages
    assert table.languages == ["fr-FR", "en-GB"]
    assert table.text("$0009") == "Rapport du jour"          # the main language first
    assert table.text("$000a") == "Only in English"          # else the language it has
    assert table.text("@70000000000000200001") == "Bonjour"  # an element's own list
    assert table.text("$0042") is None and table.text("nonsense") is None


def test_running_a_procedure_prints_the_project_texts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(MESSAGES), "--procedure", "ShowTexts"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "Rapport du jour\nOnly in English\nBonjour\n<§$0042§>\n"


def test_check_warns_only_where_the_project_has_no_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MESSAGES)]) == 0
    out = capsys.readouterr().out
    assert out.count("warning: message reference") == 1
    assert "`<§$0042§>`: the project's messages have no text for it" in out


def test_a_damaged_resource_list_is_ignored() -> None:
    table = MessageTable()
    table.add_resources({"resources": {"string_res": {"identifier": "x", "strings": [1]}}}, False)
    table.add_resources({"resources": {"string_res": {"strings": [{"index": "a", "text": {}}]}}},
                        True)
    table.add_resources({"resources": "oops"}, True)
    assert len(table) == 0
