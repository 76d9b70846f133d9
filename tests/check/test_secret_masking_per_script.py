"""A variable declared with a secret type masks literals in its own script's diagnostics
only: a REPL, the LSP or a test worker reads many scripts in one process."""
from __future__ import annotations

import io
from pathlib import Path

from wlmail.domains import load_all
from wlmail.runtime import interpreter
from wlmail.runtime.context import RunOptions

load_all()    # AuthToken is the OAuth domain's


def _run(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    err = io.StringIO()
    interpreter.run(str(path), RunOptions(), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def _check(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    interpreter.check(str(path), RunOptions(), out)
    return out.getvalue()


def test_a_secret_variable_of_one_script_does_not_mask_the_next_script(tmp_path: Path) -> None:
    first = _run(tmp_path / "a.wl", 't is AuthToken\nt = "ya29.secret"\nn is int = t\n')
    assert "cannot convert an AuthToken" in first and "ya29.secret" not in first

    second = _check(tmp_path / "b.wl", 't is string\nt = "plain words" + Nowhere\n')
    assert "Nowhere" in second
    assert '"plain words"' in second          # not "***": `t` is no secret here


def test_the_secret_variable_is_still_masked_in_its_own_script(tmp_path: Path) -> None:
    _check(tmp_path / "b.wl", 't is string\nt = "plain words"\n')
    shown = _check(tmp_path / "a.wl", 't is AuthToken\nt = "ya29.secret" + Nowhere\n')
    assert "Nowhere" in shown and "ya29.secret" not in shown and '"***"' in shown
