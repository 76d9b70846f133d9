"""Every runnable example of the registry (the `example=` of a declaration, shown by
`wlmail doc NAME` and docs/reference.md) runs in capture mode without an error, so none
goes stale; the main names of each domain have one."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from wlmail.domains import load_all
from wlmail.help import doc_command
from wlmail.registry import REGISTRY, FunctionEntry, TypeEntry
from wltest import run_wl

load_all()
WITH_EXAMPLES: list[FunctionEntry | TypeEntry] = sorted(
    {id(e): e for table in (REGISTRY.functions, REGISTRY.types) for e in table.values()
     if e.example}.values(), key=lambda e: e.name)

# The names a class meets first, in each domain: they must keep an example.
MAIN = ["Length", "Middle", "Replace", "ExtractString", "ArrayAdd", "NumToString", "Trace",
        "fSaveText", "DateToString", "EmailStartSession", "EmailSendMessage",
        "EmailCloseSession", "Email", "emailSMTPSession", "emailAttach", "OAuth2Parameters",
        "AuthIdentify", "emailPOP3Session", "emailIMAPSession"]


def test_the_main_names_of_each_domain_have_an_example() -> None:
    named = {e.name for e in WITH_EXAMPLES}
    assert set(MAIN) <= named, sorted(set(MAIN) - named)


@pytest.mark.parametrize("entry", WITH_EXAMPLES, ids=lambda e: e.name)
def test_the_example_runs_in_capture_mode(entry: FunctionEntry | TypeEntry, tmp_path: Path) -> None:
    script = tmp_path / "example.wl"
    script.write_text(entry.example, encoding="utf-8")
    status, out, err = run_wl(script, "--capture", str(tmp_path / "box"), "--no-token-cache",
                              cwd=tmp_path)
    assert status == 0 and err == "", (entry.name, status, err)
    assert out.strip(), "an example shows something"
    # It is the example `wlmail doc` shows.
    shown = io.StringIO()
    assert doc_command([entry.name], shown, io.StringIO()) == 0
    body = "\n".join(f"  {ln}" if ln else "" for ln in entry.example.rstrip("\n").split("\n"))
    assert "Example (wlmail run --capture DIR example.wl):\n" + body in shown.getvalue()
