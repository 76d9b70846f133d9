"""EmailSetTimeOut is bounded (issue 8, item 14): huge values are cut to an hour, and an
integer too big for a float is no internal error."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wlmail.email import functions as F
from wlmail.email.state import EmailState
from wlmail.email.types import DEFAULT_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]


def _timeout(r) -> float:
    return EmailState.of(r.rt).timeout


@pytest.mark.parametrize("value, expected", [
    (5, 5.0), (0.5, 0.5), ("12", 12.0), (3600, 3600.0),
    (1e9, 3600.0), (1e300, 3600.0), (float("inf"), 3600.0), (10 ** 400, 3600.0),
    ("1e400", 3600.0), ("1" + "0" * 400, 3600.0),
    (0, DEFAULT_TIMEOUT), (-3, DEFAULT_TIMEOUT), (-(10 ** 400), DEFAULT_TIMEOUT),
    (float("nan"), DEFAULT_TIMEOUT), (float("-inf"), DEFAULT_TIMEOUT),
], ids=lambda v: repr(v)[:12])
def test_the_time_out_is_bounded(run, value, expected):
    r = run()
    assert F.email_set_timeout(r.rt, value) is True
    assert _timeout(r) == expected


def test_a_400_digit_time_out_in_a_script(tmp_path):
    script = tmp_path / "t.wl"
    script.write_text("Trace(EmailSetTimeOut(1" + "0" * 400 + "))\n"
                      "Trace(EmailSetTimeOut(1e300))\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "c"),
               XDG_STATE_HOME=str(tmp_path / "s"))
    p = subprocess.run([sys.executable, "-m", "wlmail", "run", str(script)], env=env,
                       capture_output=True, text=True, timeout=120, check=False)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
