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


def test_the_sample_checks_clean() -> None:
    """Every block of the sample is clean, the class cReportLine (cReportLine.wdc) with
    its constructor and method included, and its use as a type in ReportBody."""
    out = io.StringIO()
    assert check_project(open_project(str(SAMPLE)), load_all(), out) == 0, out.getvalue()
    assert ": error: " not in out.getvalue() and ": warning: " not in out.getvalue(), \
        out.getvalue()


def test_the_sample_class_runs_from_a_driver_and_a_procedure(tmp_path, capsys) -> None:
    """cReportLine.wdc is a real class: a driver declares an object with its
    constructor's arguments and calls its method; ReportBody uses it as a type."""
    from wlmail.cli import main
    driver = tmp_path / "driver.wl"
    driver.write_text('l is cReportLine("Orders", 12)\nTrace(l.Text())\n'
                      'o is cReportLine dynamic = new cReportLine("Mails", 3)\n'
                      'Trace(o:Text())\n', encoding="utf-8")
    assert main(["run", "--project", str(SAMPLE), str(driver)]) == 0
    assert capsys.readouterr().out == "Orders: 12\nMails: 3\n"
    assert main(["run", str(SAMPLE), "--procedure", "ReportBody", "--", "12", "3"]) == 0
    assert capsys.readouterr().out == "Orders: 12\r\nMails sent: 3\r\n\n"


def test_a_misused_class_member_is_located_in_the_project(tmp_path) -> None:
    import shutil
    copy = tmp_path / "mailproject"
    shutil.copytree(SAMPLE, copy)
    (copy / "use.wl").write_text('l is cReportLine("x", 1)\nTrace(l.m_nValeu)\n',
                                 encoding="utf-8")
    out = io.StringIO()
    assert check_project(open_project(str(copy)), load_all(), out) == 1
    assert "use.wl:2:9: error: `cReportLine` has no member `m_nValeu`" in out.getvalue()
    assert "did you mean `m_nValue`?" in out.getvalue()
