"""Reading a WINDEV project: elements, code blocks with their origin, bad inputs."""
from __future__ import annotations

import struct
from pathlib import Path

import pytest

from wlmail.project import open_project
from wlmail.project.reader import binary_header
from wlmail.project.yamltree import YAMLProblem, load

PROJECTS = Path(__file__).resolve().parents[1] / "projects"
MAILSHOP = PROJECTS / "mailshop"


def _element(project, file):
    return next(e for e in project.elements if e.file == file)


def test_every_block_with_its_origin() -> None:
    p = open_project(str(MAILSHOP))
    assert (p.name, p.kind) == ("MailShop", "WINDEV project")
    win = _element(p, "WIN_Main.wdw")
    assert (win.kind, win.status, win.version) == ("window", "read", 28)
    origins = [b.origin for b in win.blocks]
    assert origins == [
        "window WIN_Main, control BTN_Send, event initialisation",
        "window WIN_Main, control BTN_Send, event click",
        "window WIN_Main, control TABLE_Orders.COL_Mail, event 14",
        "window WIN_Main, event global declarations",
        "window WIN_Main, local procedure RefreshStatus",
    ]
    click = win.blocks[1]
    assert (click.control, click.event, click.event_name) == ("BTN_Send", 18, "click")
    assert click.code.startswith("// send today's report\nIF SendReport(")
    # the line and the indentation of the code inside the element file
    lines = (MAILSHOP / "WIN_Main.wdw").read_text(encoding="utf-8").split("\n")
    assert lines[click.line - 1] == " " * click.column_offset + "// send today's report"
    sets = _element(p, "Mail procedures.wdg")
    assert [(b.procedure, b.procedure_kind) for b in sets.blocks if b.procedure] == [
        ("SendReport", "global"), ("CountCustomers", "global"), ("ArchiveLog", "global"),
        ("NightlyJob", "global"), ("ArchiveWorker", "global")]
    assert sets.blocks[0].event_name == "declarations"
    cls = _element(p, "cReport.wdc")
    assert [b.procedure_kind for b in cls.blocks] == [None, "constructor", "method"]
    assert cls.blocks[0].event_name == "declaration"
    proj = _element(p, "MailShop.wdp")
    assert [b.event_name for b in proj.blocks] == ["initialisation", "closing"]


def test_message_references_are_kept_as_text() -> None:
    win = _element(open_project(str(MAILSHOP)), "WIN_Main.wdw")
    assert win.blocks[0].code == "MySelf..Caption = <§$0009§>"


def test_bad_elements_are_reported_and_the_rest_is_read() -> None:
    p = open_project(str(MAILSHOP))
    problems = {pr.file: pr for pr in p.problems}
    missing = problems["MailShop.wdp"]
    assert "WIN_Archive (.\\WIN_Archive.wdw) but the file is missing" in missing.message
    text = (MAILSHOP / "MailShop.wdp").read_text(encoding="utf-8").split("\n")
    assert text[missing.line - 1].strip() == "physical_name : .\\WIN_Archive.wdw"
    assert _element(p, "WIN_Archive.wdw").status == "missing"
    binary = problems["RPT_Old.wde"]
    assert "binary WINDEV element (report, version 26)" in binary.message
    assert "text format" in binary.message
    assert (_element(p, "RPT_Old.wde").status, _element(p, "RPT_Old.wde").version) == ("binary", 26)
    broken = problems["WIN_Broken.wdw"]
    assert broken.message.startswith("not valid YAML") and broken.line == 16
    unknown = _element(p, "Gadget.wdz")
    assert unknown.status == "unknown kind" and unknown.kind.startswith("unknown kind `gadget`")
    assert problems["Gadget.wdz"].severity == "warning"
    assert [b.code for b in unknown.blocks] == ['Trace("gadget")\n']
    assert {e.file for e in p.elements if e.readable} == {
        "MailShop.wdp", "WIN_Main.wdw", "Mail procedures.wdg", "cReport.wdc", "Gadget.wdz"}


def test_internal_properties_are_never_decoded() -> None:
    doc = load("info :\n name : X\nwindow :\n internal_properties : not base64 at all!\n"
               " code_elements :\n  p_codes :\n   -\n     internal_properties : QUJD\n"
               "     code : |1+\n      Trace(1)\n     type : 14\n")
    assert "internal_properties" not in doc["window"]
    slot = doc["window"]["code_elements"]["p_codes"][0]
    assert set(slot) == {"code", "type"} and slot["code"].text == "Trace(1)\n"


def test_yaml_problem_has_a_line() -> None:
    with pytest.raises(YAMLProblem) as e:
        load("info :\n name : X\n  bad : [\n")
    assert e.value.line is not None and e.value.message.startswith("not valid YAML")


def test_binary_header() -> None:
    data = b"PCS\x00" + struct.pack("<II", 0x14, 2) + bytes([0, 0, 28, 0]) + b"rest"
    assert binary_header(data) == ("window", 28)
    assert binary_header(b"PCS\x00\x14") == (None, None)
    unknown = b"PCS\x00" + struct.pack("<II", 0x14, 12345) + bytes([0, 0, 99, 0])
    assert binary_header(unknown) == (None, None)


def test_a_folder_of_wl_files_is_a_project() -> None:
    p = open_project(str(PROJECTS / "scripts"))
    assert p.kind == "folder"
    assert sorted(e.file for e in p.elements) == ["broken.wl", "main.wl", "shared.wl"]
    assert all(e.kind == "script" and len(e.blocks) == 1 for e in p.elements)


def test_a_folder_without_a_project_file(tmp_path: Path) -> None:
    (tmp_path / "Backup").mkdir()
    (tmp_path / "Backup" / "old.wl").write_text("Trace(1)\n", encoding="utf-8")
    (tmp_path / "WIN_A.wdw").write_bytes(b"\xff\xfe not utf-8")
    (tmp_path / "notes.txt").write_text("not read", encoding="utf-8")
    p = open_project(str(tmp_path))
    assert [e.file for e in p.elements] == ["WIN_A.wdw"]
    assert p.problems[0].message.startswith("not UTF-8") and p.problems[0].line == 1


def test_an_empty_or_scalar_element(tmp_path: Path) -> None:
    (tmp_path / "A.wdg").write_text("just a line\n", encoding="utf-8")
    (tmp_path / "B.wdg").write_text("info :\n name : B\nresources :\n x : 1\n", encoding="utf-8")
    p = open_project(str(tmp_path))
    assert [e.status for e in p.elements] == ["unreadable", "unreadable"]
    assert all("not a WINDEV text element" in pr.message for pr in p.problems)


def test_an_alias_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wlmail.project import yamltree
    monkeypatch.setattr(yamltree, "MAX_NODES", 1000)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 6):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    (tmp_path / "X.wdg").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = open_project(str(tmp_path))
    assert p.elements[0].status == "unreadable"
    assert "more than 1000 YAML nodes" in p.problems[0].message


PAGE = """#comment
#comment
info :
 name : PAGE_Home
 major_version : 27
 type : 65538
page :
 name : PAGE_Home
 controls :
  -
    name : CELL_Top
    type : 39
    controls :
     -
       name : BTN_Go
       type : 4
       code_elements :
        p_codes :
         -
           code : |1+
            Info("browser")
           type : 18
           role : B
         -
           code : |1+
            Trace("disabled")
           type : 14
           enabled : false
 code_elements :
  p_codes :
   -
     code : |1-
      gnVisits is int
     type : 851968
  procedures :
   -
     name : Helper
     type_code : 14
     language : JS
     code : |1+
      function Helper() { return 1; }
"""


def test_a_page_nested_controls_browser_and_other_languages(tmp_path: Path) -> None:
    from wlmail.domains import load_all
    from wlmail.project.inventory import inventory
    (tmp_path / "PAGE_Home.wwh").write_text(PAGE, encoding="utf-8")
    p = open_project(str(tmp_path))
    page = p.elements[0]
    assert (page.kind, page.version) == ("page", 27)
    browser, disabled, decl, helper = page.blocks
    assert (browser.control, browser.event_name, browser.browser) == ("CELL_Top.BTN_Go", "click", True)
    assert browser.origin == "page PAGE_Home, control CELL_Top.BTN_Go, event click (browser)"
    assert (disabled.event_name, disabled.enabled) == ("initialisation", False)
    assert decl.event_name == "declarations"
    assert (helper.procedure, helper.procedure_kind, helper.language) == ("Helper", "local", "JS")
    inv = inventory(p, load_all())
    assert [r.not_wlanguage for r in inv.blocks] == [False, False, False, True]
    assert not inv.blocks[3].parses


def test_one_element_file_is_read_alone() -> None:
    p = open_project(str(MAILSHOP / "WIN_Main.wdw"))
    assert p.kind == "element" and [e.file for e in p.elements] == ["WIN_Main.wdw"]
    assert p.problems == [] and len(p.elements[0].blocks) == 5
