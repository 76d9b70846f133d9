"""`wlmail check` on a project: every problem of every block, located."""
from __future__ import annotations

import io
from pathlib import Path

from wlmail.domains import load_all
from wlmail.project import open_project
from wlmail.project.check import check_project

PROJECTS = Path(__file__).resolve().parents[1] / "projects"


def _check(path: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = check_project(open_project(str(path)), load_all(), out)
    return status, out.getvalue()


def test_every_problem_with_where_it_is() -> None:
    status, text = _check(PROJECTS / "mailshop")
    assert status == 1
    assert ("Mail procedures.wdg:51:7: error: `HFirst` is a WLanguage HFSQL database function "
            "that wlmail does not provide") in text
    assert "    in: procedure set Mail procedures, global procedure CountCustomers" in text
    assert "Mail procedures.wdg:64:7: error: unknown function or procedure `ShopLogWrite`" in text
    # the syntax error, its hint's line mapped to the element file too
    assert "Mail procedures.wdg:73:7: error: this IF has no END" in text
    assert "add END to close the IF opened on line 73" in text
    # the element's problems come first, then the count
    assert text.startswith("MailShop.wdp:41: error: the project lists the element WIN_Archive")
    # the 2 warnings: message references the project gives no text for
    assert text.rstrip().endswith("17 code blocks in 8 elements (3 not read): 13 errors, 2 warnings")


def test_one_symbol_table_for_the_project() -> None:
    _, text = _check(PROJECTS / "mailshop")
    # global procedures (another element), local procedures (same window) and the
    # project's globals are known everywhere
    assert "`SendReport`" not in text and "`RefreshStatus`" not in text
    assert "`CountCustomers`" not in text and "gnSent" not in text
    assert "gsStatus" not in text      # the window's global declarations, in its button


def test_arguments_of_a_project_procedure_are_checked(tmp_path: Path) -> None:
    (tmp_path / "lib.wl").write_text("PROCEDURE Add(a is int, b is int)\nRESULT a + b\n",
                                     encoding="utf-8")
    (tmp_path / "use.wl").write_text("Trace(Add(1))\n", encoding="utf-8")
    status, text = _check(tmp_path)
    assert status == 1
    assert "use.wl:1:7: error: `Add` takes 2 arguments, not 1" in text
    assert "in: script use" in text


def test_a_clean_folder(tmp_path: Path) -> None:
    (tmp_path / "a.wl").write_text('Trace("a")\n', encoding="utf-8")
    assert _check(tmp_path) == (0, f"{tmp_path}: 1 code block in 1 element: 0 errors, 0 warnings\n")


CLASS = ("""info :
 name : cCounter
 type : 4
class :
 code_elements :
  p_codes :
   -
     code : |1+
      cCounter is Class
      \tm_nCount is int
      END
     type : 131072
  procedures :
   -
     name : Add
     type_code : 12
     code : |1+
      PROCEDURE Add()
      m_nCount++
      m_nCuont++
""")


def test_a_class_s_members_are_known_in_its_methods(tmp_path: Path) -> None:
    (tmp_path / "cCounter.wdc").write_text(CLASS, encoding="utf-8")
    _, text = _check(tmp_path)
    assert "cCounter.wdc:20:7: error: unknown variable `m_nCuont`" in text
    assert "unknown variable `m_nCount`" not in text
    assert "in: class cCounter, method procedure Add" in text
    assert "hides the built-in" not in text       # a method named like a function


def test_a_shared_extern_library_is_checked_once(tmp_path: Path) -> None:
    """Scripts that EXTERN one library: its problem is reported once, in the library,
    not once per script that includes it (issue 10)."""
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "lib.wl").write_text("PROCEDURE Used()\nTrace(1)\nPROCEDURE Unused()\n"
                                            "HFirst(1)\n", encoding="utf-8")
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.wl").write_text('EXTERN "inc/lib.wl"\nUsed()\n', encoding="utf-8")
    status, text = _check(tmp_path)
    assert status == 1
    assert text.count("error:") == 1
    assert text.startswith("inc/lib.wl:4:1: error: `HFirst` is a WLanguage HFSQL database function")
