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


def test_twenty_thousand_nested_blocks_say_where(tmp_path: Path) -> None:
    # 20,000 nested IFs, in an EXTERN file and in the main file: a diagnostic at the
    # deepest point, in the file that holds it, never exit 70.
    deep = "IF x = 0 THEN\n" * 20_000 + "Info(1)\n" + "END\n" * 20_000
    (tmp_path / "inc.wl").write_text(deep, encoding="utf-8")
    main = tmp_path / "main.wl"
    main.write_text('x is int\nEXTERN "inc.wl"\n', encoding="utf-8")
    status, out, err = run_wl(main)
    assert status == 1 and out == "", err
    assert f"{tmp_path / 'inc.wl'}:20001:6: error: the script is nested too deeply" in err
    result = static_pass("deep.wl", RunOptions(), text="x is int\n" + deep, build=False)
    assert [(d.line, d.column) for d in result.errors] == [(20002, 6)]
    assert "nested too deeply" in result.errors[0].message


def test_twenty_thousand_nested_brackets_are_a_diagnostic() -> None:
    for text in ("x is Variant = " + "[" * 20_000 + "1" + "]" * 20_000 + "\n",
                 "x is string = " + "Upper(" * 20_000 + '"a"' + ")" * 20_000 + "\n",
                 "x is int = " + "(" * 20_000 + "1" + ")" * 20_000 + "\nInfo(x)\n"):
        result = static_pass("deep.wl", RunOptions(), text=text)
        assert result.body is not None or [d.line for d in result.errors] == [1]
        for d in result.diagnostics:
            assert "nested too deeply" in d.message and d.column > 1
