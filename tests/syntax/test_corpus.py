"""bench/corpus: our own WLanguage in the shapes of exported WINDEV projects.  Every file
passes `wlmail check` without an error (its warnings are the message references and the
loops over a data file or a table control, which the corpus holds on purpose)."""
from __future__ import annotations

from pathlib import Path

import pytest

from wltest import check_wl

CORPUS = sorted((Path(__file__).resolve().parents[2] / "bench" / "corpus").glob("*.wl"))


def test_the_corpus_has_files() -> None:
    assert len(CORPUS) >= 2


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_file_checks_without_error(path: Path) -> None:
    status, out = check_wl(path)
    assert status == 0, out
    assert ": error:" not in out, out
