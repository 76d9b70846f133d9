"""A run context for calling built-ins directly, the way the interpreter does."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from wlmail.domains import load_all
from wlmail.runtime.context import Context, RunOptions


class Run:
    """A Context with captured output and a `call` that behaves like the interpreter:
    looks the name up in the registry (either language) and resets ErrorOccurred on
    entering a fallible function."""

    def __init__(self, folder: Path, args: list[str] | None = None) -> None:
        self.folder = folder
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()
        self.rt = Context(folder / "script.wl", RunOptions(args=args or []),
                          stdout=self.stdout, stderr=self.stderr)

    def call(self, name: str, *args: Any) -> Any:
        entry = load_all().function(name)
        assert entry is not None, f"{name} is not registered"
        n = len(args)
        assert n >= entry.min_args and (entry.max_args is None or n <= entry.max_args), \
            f"{name} takes {entry.arity_text()} arguments, got {n}"
        if entry.fallible:
            self.rt.error.reset()
        return entry.impl(self.rt, *args)

    def const(self, name: str) -> Any:
        entry = load_all().constant(name)
        assert entry is not None, f"{name} is not a registered constant"
        return entry.value


@pytest.fixture
def wl(tmp_path: Path) -> Run:
    return Run(tmp_path)


@pytest.fixture
def make_wl(tmp_path: Path):
    """Build a Run with command-line arguments (what follows `wlmail run SCRIPT --`)."""
    return lambda args=None: Run(tmp_path, args)
