"""The answers of wlmail/lsp/analysis.py, in-process (test_server.py has them over stdio)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from wlmail.domains import load_all
from wlmail.lsp.analysis import Analysis, script_language

load_all()
ROOT = Path(__file__).resolve().parents[2]


def test_the_language_of_a_script() -> None:
    assert script_language("SI x ALORS\n  Trace(1)\nFIN\nm est un Email\n") == "fr"
    assert script_language("IF x THEN\n  Trace(1)\nEND\n") == "en"
    assert script_language("EmailEnvoieMessage(s, m)\nEmailOuvreSession(s)\n") == "fr"
    assert script_language("") == "en"


def test_members_of_arrays_and_of_properties() -> None:
    text = ("names is array of string\nm is Email\nfr est un tableau de chaînes\n"
            "names.\nm.Attach[1].\nm.Recipient.\n")
    a = Analysis("x.wl", text)
    got = {c.label for c in a.completions(3, 6)}
    assert {"Count", "Add", "DeleteAll"} <= got
    attach = {c.label for c in a.completions(4, len("m.Attach[1]."))}
    assert "Name" in attach and "ContentType" in attach
    assert "Count" in {c.label for c in a.completions(5, len("m.Recipient."))}
    french = Analysis("x.wl", "SI Vrai ALORS\nFIN\nt est un tableau de chaînes\nt.\n")
    got = {c.label for c in french.completions(3, 2)}
    assert "Occurrence" in got and "Ajoute" in got and "Count" not in got


def test_a_method_call_shows_the_function_without_its_receiver() -> None:
    a = Analysis("x.wl", "s is emailSMTPSession\nm is Email\ns.SendMessage(m, \n")
    sig = a.signature(2, len("s.SendMessage(m, "))
    assert sig is not None and sig.label.startswith("SendMessage(") and sig.active == 1
    assert "Session" not in sig.parameters[0]


def test_scopes_of_procedures_and_internal_procedures() -> None:
    text = ("g is int\nPROCEDURE Outer(a)\nlocalA is string\nINTERNAL PROCEDURE Inner(b)\n"
            "RESULT b\nEND\nRESULT Inner(a)\nPROCEDURE Other()\nother_v is int\n")
    a = Analysis("x.wl", text)
    assert a.diagnostics == [] or all(d.severity != "error" for d in a.diagnostics)
    inner = set(a.visible_vars(4))
    assert {"b", "a", "locala", "g"} <= inner
    assert "locala" not in a.visible_vars(8) and "other_v" in a.visible_vars(8)
    syms = a.symbols()
    outer = next(s for s in syms if s.name == "Outer")
    assert "Inner" in [c.name for c in outer.children]


def test_hover_on_a_keyword_and_on_nothing() -> None:
    a = Analysis("x.wl", "IF True THEN\n  Trace(\"a b\")\nEND\n// Length\n")
    got = a.hover(0, 1)
    assert got is not None and "keyword" in got[0]
    assert a.hover(1, 10) is None              # inside a string
    assert a.hover(3, 5) is None               # inside a comment
    assert a.hover(99, 0) is None


def test_definitions_in_a_windev_project(tmp_path: Path) -> None:
    project = tmp_path / "mailshop"
    shutil.copytree(ROOT / "tests" / "projects" / "mailshop", project)
    a = Analysis(str(project / "driver.wl"), "SendReport()\nTrace(gsSMTPServer)\n")
    (place,) = a.definition(0, 3)
    assert Path(place.file).name == "Mail procedures.wdg"
    line = Path(place.file).read_text(encoding="utf-8").split("\n")[place.line]
    assert line[place.column:place.column + len("SendReport")] == "SendReport"
    (glob,) = a.definition(1, 8)
    assert Path(glob.file).name == "MailShop.wdp"
    # Outside a project: nothing more.
    assert Analysis(str(tmp_path / "alone.wl"), "SendReport()\n").definition(0, 3) == []


def test_wlmail_lsp_without_its_library_says_how_to_get_it() -> None:
    got = subprocess.run([sys.executable, "-c", "import sys; sys.modules['pygls'] = None; "
                          "from wlmail.cli import main; raise SystemExit(main(['lsp']))"],
                         capture_output=True, text=True, timeout=60)
    assert got.returncode == 2
    assert "wlmail lsp needs the pygls and lsprotocol packages" in got.stderr
    assert "pip install" in got.stderr and "Traceback" not in got.stderr


def test_run_and_check_do_not_load_the_lsp_library() -> None:
    code = ("import sys, io, contextlib\nfrom wlmail.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['run', 'samples/hello.wl']) == 0\n"
            "    assert main(['check', 'samples/hello.wl']) == 0\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pygls', 'lsprotocol', 'cattrs', 'attrs') or m.startswith('wlmail.lsp'))\n"
            "print(loaded)\n")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip() == "[]"


def test_problems_of_an_externed_file_are_shown_on_its_extern_line(tmp_path: Path) -> None:
    (tmp_path / "lib.wl").write_text("PROCEDURE Greet(who)\nTrace(whom)\n", encoding="utf-8")
    (tmp_path / "bad.wl").write_text("IF IF\n", encoding="utf-8")
    text = 'Trace(1)\nEXTERN "lib.wl"\nGreet("x")\n'
    got = Analysis(str(tmp_path / "main.wl"), text).document_diagnostics()
    assert [(d.line, d.column, d.severity) for d in got] == [(2, 1, "error")]
    assert got[0].message.startswith("lib.wl:2:7: unknown variable `whom`")
    # A syntax error there: the same.
    got = Analysis(str(tmp_path / "main.wl"), 'EXTERN "bad.wl"\n').document_diagnostics()
    assert len(got) == 1 and got[0].line == 1 and got[0].message.startswith("bad.wl:1:")
