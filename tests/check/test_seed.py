"""The seed's example, read unchanged from ../shared/seeds/, parses and checks clean."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from wlmail.runtime.context import RunOptions
from wlmail.runtime.interpreter import static_pass

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def seed_example() -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: this clone is outside the wlmail workspace")
    page = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    return re.search(r"```wl\n(.*?)```", page, re.S).group(1)


def test_seed_parses_and_checks_without_error() -> None:
    result = static_pass("seed.wl", RunOptions(), text=seed_example())
    assert not result.syntax_error
    assert result.errors == []
    # The one warning: the documentation writes a password in the script.
    assert all(d.severity == "warning" for d in result.diagnostics)
