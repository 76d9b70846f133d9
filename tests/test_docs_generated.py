"""docs/reference.md and docs/errors.md are generated from the registry: the committed
files must be what `python -m wlmail.docgen` writes today. When this fails after adding
or changing a built-in, run `python -m wlmail.docgen` and commit docs/."""
from __future__ import annotations

from pathlib import Path

import pytest

from wlmail.docgen import DOCS_DIR, generate


@pytest.mark.parametrize("name", ["reference.md", "errors.md"])
def test_committed_docs_match_the_registry(name: str) -> None:
    fresh = generate()[name]
    committed = (DOCS_DIR / name).read_text(encoding="utf-8")
    assert committed == fresh, f"docs/{name} is out of date: run python -m wlmail.docgen"


def test_reference_lists_every_spelling() -> None:
    from wlmail.domains import load_all

    text = generate()["reference.md"]
    REGISTRY = load_all()
    for table in (REGISTRY.functions, REGISTRY.constants, REGISTRY.types, REGISTRY.globals):
        for entry in table.values():
            for spelling in entry.en + entry.fr:
                assert f"`{spelling}`" in text, spelling


def test_errors_lists_every_number() -> None:
    from wlmail.runtime.errors import Err

    text = generate()["errors.md"]
    for code in Err:
        assert f"| {int(code)} | `{code.name}` |" in text


def test_check_mode_reports_stale_docs(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from wlmail.docgen import main

    assert main(["--check", "--output", str(tmp_path)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--output", str(tmp_path)]) == 0
    assert main(["--check", "--output", str(tmp_path)]) == 0
    assert (tmp_path / "reference.md").read_text(encoding="utf-8") == generate()["reference.md"]
