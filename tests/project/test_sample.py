"""samples/mailproject: wlmail's own small WINDEV project in the text format."""
from __future__ import annotations

import io
from pathlib import Path

from wlmail.domains import load_all
from wlmail.project import open_project
from wlmail.project.check import check_project
from wlmail.project.inventory import inventory

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mailproject"


def test_the_sample_is_read_whole() -> None:
    p = open_project(str(SAMPLE))
    assert p.problems == []
    assert sorted((e.file, e.kind) for e in p.elements) == [
        ("MailReport.wdp", "project"), ("Report procedures.wdg", "procedure set"),
        ("WIN_Report.wdw", "window"), ("cReportLine.wdc", "class")]
    inv = inventory(p, load_all())
    by_origin = {r.block.origin: r for r in inv.blocks}
    send = by_origin["procedure set Report procedures, global procedure SendDailyReport"]
    assert send.can_run
    click = by_origin["window WIN_Report, control BTN_Send, event click"]
    assert click.can_run
    assert {(n.name, n.status) for n in click.names} >= {("SendDailyReport", "project"),
                                                         ("ReportBody", "project")}


def test_the_sample_checks_clean_but_for_the_class_declaration() -> None:
    """The class declaration (`cReportLine is Class`) needs the grammar's classes; every
    other block of the sample is clean."""
    out = io.StringIO()
    check_project(open_project(str(SAMPLE)), load_all(), out)
    located = [line for line in out.getvalue().splitlines() if ": error: " in line
               or ": warning: " in line]
    assert all(line.startswith("cReportLine.wdc:") for line in located), located
