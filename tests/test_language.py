"""Each language feature has a small `.wl` script under tests/wl/lang/ (English and
French), with the exact stdout in a `.out` file beside it, the expected exit status in a
`// exit: N` first line (0 when absent), and words stderr must hold in a `.err` file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from wltest import run_wl

LANG = Path(__file__).resolve().parent / "wl" / "lang"
SCRIPTS = sorted(p for p in LANG.glob("*.wl"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_script(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    m = re.match(r"//\s*exit:\s*(\d+)", text)
    want_status = int(m.group(1)) if m else 0
    status, out, err = run_wl(script.name, cwd=LANG)
    want_out = script.with_suffix(".out").read_bytes().decode("utf-8")
    assert out == want_out, err
    err_file = script.with_suffix(".err")
    if err_file.exists():
        assert err_file.read_text(encoding="utf-8") in err
    assert status == want_status, err
    assert "Traceback" not in err
