"""`wlmail inventory`: what each block uses and how each name is classified."""
from __future__ import annotations

import io
import json
from pathlib import Path

from wlmail.domains import load_all
from wlmail.names import fold
from wlmail.project import open_project
from wlmail.project.catalogue import entries, family_of
from wlmail.project.inventory import for_parser, inventory
from wlmail.project.report import SCHEMA, to_json, write_text

PROJECTS = Path(__file__).resolve().parents[1] / "projects"
MAILSHOP = PROJECTS / "mailshop"


def _inv(path: Path = MAILSHOP):
    return inventory(open_project(str(path)), load_all())


def _block(inv, origin_end):
    return next(r for r in inv.blocks if r.block.origin.endswith(origin_end))


def test_names_are_classified() -> None:
    inv = _inv()
    send = _block(inv, "global procedure SendReport")
    assert send.parses and send.can_run
    assert {(n.name, n.use, n.status) for n in send.names} >= {
        ("emailSMTPSession", "type", "wlmail"), ("EmailStartSession", "call", "wlmail"),
        ("Email", "type", "wlmail"), ("boolean", "type", "wlmail")}
    count = _block(inv, "global procedure CountCustomers")
    assert [(n.name, n.status, n.family) for n in count.missing] == [
        ("HFirst", "not in wlmail", "HFSQL database"), ("HOut", "not in wlmail", "HFSQL database"),
        ("HNext", "not in wlmail", "HFSQL database")]
    archive = _block(inv, "global procedure ArchiveLog")
    assert [(n.name, n.status) for n in archive.missing] == [
        ("ShopLogWrite", "unknown"), ("ThreadExecute", "not in wlmail")]
    click = _block(inv, "control BTN_Send, event click")
    # SendReport is a global procedure, RefreshStatus a local one of the window
    assert {(n.name, n.status) for n in click.names} >= {
        ("SendReport", "project"), ("RefreshStatus", "project"), ("Info", "wlmail")}
    assert click.can_run


def test_a_block_that_does_not_parse_gives_its_first_error_in_the_element_file() -> None:
    inv = _inv()
    nightly = _block(inv, "global procedure NightlyJob")
    assert not nightly.parses and not nightly.can_run
    err = nightly.syntax_error
    assert err is not None and "IF has no END" in err.message
    lines = (MAILSHOP / "Mail procedures.wdg").read_text(encoding="utf-8").split("\n")
    assert lines[err.line - 1][err.column - 1:].startswith("IF CountCustomers()")


def test_message_references_parse_as_text() -> None:
    # The grammar reads references (the project's messages give their text: messages.py);
    # one it cannot read (empty) becomes a string literal of the same length.
    assert for_parser("x = <§$0009§> + <§@1dc2§>") == "x = <§$0009§> + <§@1dc2§>"
    assert for_parser("Info(<§§>)") == 'Info("§§")'
    assert len(for_parser("Info(<§§>)")) == len("Info(<§§>)")
    inv = _inv()
    assert _block(inv, "control BTN_Send, event initialisation").parses


def test_summary_and_blockers() -> None:
    doc = to_json(_inv())
    s = doc["summary"]
    assert (s["elements"], s["elements_unreadable"], s["blocks"]) == (8, 3, 17)
    assert (s["blocks_parsing"], s["blocks_can_run"]) == (16, 13)     # cReport.wdc's class parses and runs
    top = s["blocking_names"][0]
    assert (top["name"], top["class"], top["blocks"], top["only_missing_name_of"]) == \
        ("ShopLogWrite", "unknown", 2, 1)


def test_json_schema() -> None:
    doc = json.loads(json.dumps(to_json(_inv())))
    assert doc["schema"] == SCHEMA == "wlmail-inventory/1"
    assert set(doc) == {"schema", "project", "elements", "problems", "summary"}
    element = next(e for e in doc["elements"] if e["file"] == "WIN_Main.wdw")
    assert set(element) == {"file", "name", "kind", "status", "version", "blocks"}
    block = element["blocks"][1]
    assert set(block) == {"control", "event", "procedure", "origin", "line", "lines", "language",
                          "browser", "enabled", "parses", "syntax_error", "names", "can_run"}
    assert block["event"] == {"code": 18, "name": "click"} and block["procedure"] is None
    assert set(block["names"][0]) == {"name", "use", "class", "family"}
    proc = next(e for e in doc["elements"] if e["file"] == "Mail procedures.wdg")["blocks"][1]
    assert proc["procedure"] == {"name": "SendReport", "kind": "global"} and proc["event"] is None
    problem = doc["problems"][0]
    assert set(problem) == {"file", "line", "severity", "message"}


def test_terminal_report() -> None:
    out = io.StringIO()
    write_text(_inv(), out)
    text = out.getvalue()
    assert "WIN_Main.wdw: window WIN_Main, version 28" in text
    assert "  control BTN_Send, event click: parses, runs" in text
    assert "      missing: HFirst (not in wlmail: HFSQL database)" in text
    assert "RPT_Old.wde: report RPT_Old, version 26 — binary, not read" in text
    assert "could run: 13 blocks (76%)" in text
    assert "ShopLogWrite (unknown): 2 blocks, the only missing name of 1" in text


def test_a_folder_of_scripts() -> None:
    inv = _inv(PROJECTS / "scripts")
    main = _block(inv, "script main")
    assert [(n.name, n.status) for n in main.names] == [("Greet", "project"),
                                                         ("HReadFirst", "not in wlmail")]
    assert not _block(inv, "script broken").parses
    assert inv.unreadable == []


def test_the_catalogue_is_sourced() -> None:
    import json as j
    from importlib import resources
    raw = j.loads(resources.files("wlmail").joinpath("catalogue.json").read_text("utf-8"))
    # Only PC SOFT's own help sites (the addresses the search tool returned, some of them
    # stored over http); the families are the ones docs/projects.md lists.
    pcsoft = tuple(f"{scheme}://{host}/" for scheme in ("https", "http")
                   for host in ("doc.windev.com", "help.windev.com", "doc.pcsoft.fr"))
    families = {"HFSQL database", "window/control", "report", "thread", "HTTP", "file",
                "date and time", "archive", "socket", "FTP", "JSON", "registry",
                "Windows event"}
    seen: dict[tuple[str, str], str] = {}
    registry = load_all()
    for item in raw["names"]:
        assert item["source"].startswith(pcsoft), item
        assert item.get("source_fr", "https://doc.pcsoft.fr/").startswith("https://doc.pcsoft.fr/")
        assert item["family"] in families and item["kind"] in ("function", "type"), item
        for spelling in [item["en"], *item.get("fr", [])]:
            # one entry a spelling, and never a name wlmail provides (French ones included)
            # (fold makes the function HTTPRequest and the type httpRequest alike)
            key = (fold(spelling), item["kind"])
            assert seen.setdefault(key, item["en"]) == item["en"], spelling
            assert registry.function(spelling) is None and registry.type(spelling) is None, spelling
    assert len(raw["names"]) == len({(fold(i["en"]), i["kind"]) for i in raw["names"]}) >= 140
    for key, (en, _family) in entries().items():
        assert registry.function(en) is None and registry.type(en) is None, key
    assert family_of("threadexécute") == "thread"
    assert family_of("HEnDehors") == family_of("hout") == "HFSQL database"
    assert family_of("fExeDir") == "file"
    from wlmail.catalogue import lookup
    assert lookup("httprequest", "type").kind == "type"          # httpRequest
    assert lookup("httprequest", "function").kind == "function"  # HTTPRequest


def test_a_script_is_listed_per_procedure(tmp_path: Path) -> None:
    (tmp_path / "lib.wl").write_text('Trace("main")\nPROCEDURE A()\nHFirst(1)\n\n'
                                     'PROCEDURE B(x is int)\nRESULT x\n', encoding="utf-8")
    inv = _inv(tmp_path)
    assert [(r.block.origin, r.block.line, r.can_run) for r in inv.blocks] == [
        ("script lib, main code", 1, True),
        ("script lib, global procedure A", 2, False),
        ("script lib, global procedure B", 5, True)]
    assert [n.name for n in inv.blocks[1].missing] == ["HFirst"]
    assert inv.blocks[2].block.code == "PROCEDURE B(x is int)\nRESULT x\n"
    assert to_json(inv)["summary"]["blocking_names"][0]["name"] == "HFirst"


def test_worker_processes_give_the_same_inventory_as_one_process(monkeypatch) -> None:
    # A big project is parsed by forked workers; what they send back must make the very
    # same report as parsing here (the syntax errors' positions included).
    import wlmail.project.inventory as inv_mod
    monkeypatch.setattr(inv_mod, "PARALLEL_FROM", 10 ** 9)
    alone = to_json(_inv())
    monkeypatch.setattr(inv_mod, "PARALLEL_FROM", 0)
    monkeypatch.setattr(inv_mod, "_workers", lambda: 2)
    assert to_json(_inv()) == alone
    assert alone["summary"]["blocks_parsing"] < alone["summary"]["blocks"]   # errors too
