"""Scripts that are too deep or too big end in a WLanguage error, never a Python crash."""
from __future__ import annotations

from pathlib import Path

from wlmail.runtime.context import RunOptions
from wlmail.runtime.interpreter import static_pass
from wltest import run_wl


def test_long_concatenation_runs(tmp_path: Path) -> None:
    p = tmp_path / "long.wl"
    p.write_text('s is string = "a"' + ' + "b"' * 5000 + "\nInfo(Length(s))\n", encoding="utf-8")
    status, out, err = run_wl(p)
    assert (status, out) == (0, "5001\n"), err


def test_deep_parentheses_are_a_diagnostic() -> None:
    text = "x is int = " + "(" * 50_000 + "1" + ")" * 50_000 + "\n"
    result = static_pass("deep.wl", RunOptions(), text=text)
    assert result.errors or result.body is not None
    for d in result.diagnostics:
        assert "nested too deeply" in d.message


def test_deep_blocks(tmp_path: Path) -> None:
    depth = 3000
    text = "x is int\n" + "IF x = 0 THEN\n" * depth + "Info(\"deep\")\n" + "END\n" * depth
    p = tmp_path / "blocks.wl"
    p.write_text(text, encoding="utf-8")
    status, out, err = run_wl(p)
    assert "Traceback" not in err
    assert status in (0, 1)
    assert out == "deep\n" or "nested too deeply" in err


def test_runaway_recursion_is_a_wlanguage_error(tmp_path: Path) -> None:
    p = tmp_path / "rec.wl"
    p.write_text("Forever(1)\nPROCEDURE Forever(n)\nForever(n + 1)\n", encoding="utf-8")
    status, out, err = run_wl(p)
    assert status == 1
    assert "runaway recursion" in err and "Traceback" not in err
    assert f"{p}:3:1: error:" in err


# Twice the deepest Python stack wlmail allows itself (sys.setrecursionlimit(30000) while
# it runs): a statement list parsed, compiled or run by recursion could not get through.
HUGE = 60_000


def test_huge_script(tmp_path: Path) -> None:
    p = tmp_path / "huge.wl"
    p.write_text("n is int\n" + "n++\n" * HUGE + "Info(n)\n", encoding="utf-8")
    status, out, err = run_wl(p)
    assert (status, out) == (0, f"{HUGE}\n"), err


def test_huge_numbers_are_wlanguage_errors_or_printed(tmp_path: Path) -> None:
    p = tmp_path / "n.wl"
    p.write_text('x is int = 10\nFOR i = 1 TO 14\n\tx = x * x\nEND\nInfo(Length(x))\n'
                 'n is int = "1e999"\n', encoding="utf-8")
    status, out, err = run_wl(p)
    assert (status, out) == (1, "16385\n"), err
    assert 'cannot convert "1e999" to an integer' in err
