"""The inventory as a person reads it (terminal) and as a program reads it (`--json`,
schema `wlmail-inventory/1`, documented in docs/projects.md)."""
from __future__ import annotations

import json
from typing import Any, TextIO

from .inventory import NOT_IN_WLMAIL, PROJECT, UNKNOWN, WLMAIL, BlockReport, Inventory

SCHEMA = "wlmail-inventory/1"


def _block_json(r: BlockReport) -> dict[str, Any]:
    b = r.block
    return {
        "control": b.control or None,
        "event": None if b.procedure is not None or (b.event is None and b.event_name is None)
        else {"code": b.event, "name": b.event_name},
        "procedure": None if b.procedure is None else {"name": b.procedure, "kind": b.procedure_kind},
        "origin": b.origin,
        "line": b.line,
        "lines": r.lines,
        "language": b.language,
        "browser": b.browser,
        "enabled": b.enabled,
        "parses": r.parses,
        "syntax_error": None if r.syntax_error is None else {
            "line": r.syntax_error.line, "column": r.syntax_error.column,
            "message": r.syntax_error.message},
        "names": [{"name": n.name, "use": n.use, "class": n.status, "family": n.family}
                  for n in r.names],
        "can_run": r.can_run,
    }


def summary(inv: Inventory) -> dict[str, Any]:
    reports = [r for r in inv.blocks if not r.not_wlanguage]
    lines = sum(r.lines for r in reports)
    return {
        "elements": len(inv.project.elements),
        "elements_unreadable": len(inv.unreadable),
        "blocks": len(reports),
        "blocks_not_wlanguage": len(inv.blocks) - len(reports),
        "blocks_parsing": sum(r.parses for r in reports),
        "blocks_can_run": sum(r.can_run for r in reports),
        "lines": lines,
        "lines_parsing": sum(r.lines for r in reports if r.parses),
        "lines_can_run": sum(r.lines for r in reports if r.can_run),
        "blocking_names": [{"name": b.name, "class": b.status, "family": b.family,
                            "blocks": b.blocks, "only_missing_name_of": b.alone}
                           for b in inv.blockers()],
    }


def to_json(inv: Inventory) -> dict[str, Any]:
    p = inv.project
    return {
        "schema": SCHEMA,
        "project": {"path": p.path, "name": p.name, "kind": p.kind},
        "elements": [{"file": e.file, "name": e.name, "kind": e.kind, "status": e.status,
                      "version": e.version, "blocks": [_block_json(r) for r in inv.of(e)]}
                     for e in p.elements],
        "problems": [{"file": pr.file, "line": pr.line, "severity": pr.severity,
                      "message": pr.message} for pr in p.problems],
        "summary": summary(inv),
    }


def write_json(inv: Inventory, out: TextIO) -> None:
    json.dump(to_json(inv), out, indent=1, ensure_ascii=False)
    out.write("\n")


def _n(count: int, what: str) -> str:
    return f"{count} {what}{'s' if count != 1 else ''}"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part // whole}%" if whole else "-"


_MARK = {WLMAIL: "", PROJECT: " (project)", NOT_IN_WLMAIL: " (not in wlmail", UNKNOWN: " (unknown)"}


def _name(n: Any) -> str:
    if n.status == NOT_IN_WLMAIL:
        return f"{n.name} (not in wlmail: {n.family})"
    return n.name + _MARK[n.status]


def write_text(inv: Inventory, out: TextIO) -> None:
    p = inv.project
    out.write(f"{p.kind} {p.name} ({p.path})\n")
    for e in p.elements:
        version = f", version {e.version}" if e.version else ""
        out.write(f"\n{e.file}: {e.kind} {e.name}{version}"
                  + ("" if e.readable else f" — {e.status}, not read") + "\n")
        for r in inv.of(e):
            b = r.block
            where = b.origin.split(", ", 1)[1] if ", " in b.origin else "code"
            if r.not_wlanguage:
                out.write(f"  {where}: {b.language} code, not WLanguage: not read\n")
                continue
            if not r.parses:
                assert r.syntax_error is not None
                err = r.syntax_error
                out.write(f"  {where}: does not parse: {e.file}:{err.line}:{err.column}: "
                          f"{err.message}\n")
                continue
            state = "runs" if r.can_run else "blocked"
            out.write(f"  {where}: parses, {state}\n")
            missing = r.missing
            if missing:
                out.write("      missing: " + ", ".join(_name(n) for n in missing) + "\n")
    if p.problems:
        out.write("\nproblems:\n")
        for pr in p.problems:
            out.write(f"  {pr.format()}\n")
    s = summary(inv)
    out.write(f"\nsummary: {s['elements']} elements ({s['elements_unreadable']} not read), "
              f"{_n(s['blocks'], 'code block')}, {_n(s['lines'], 'line')}\n")
    out.write(f"  parse: {_n(s['blocks_parsing'], 'block')} ({_pct(s['blocks_parsing'], s['blocks'])}), "
              f"{s['lines_parsing']} lines ({_pct(s['lines_parsing'], s['lines'])})\n")
    out.write(f"  could run: {_n(s['blocks_can_run'], 'block')} ({_pct(s['blocks_can_run'], s['blocks'])}), "
              f"{s['lines_can_run']} lines ({_pct(s['lines_can_run'], s['lines'])})\n")
    if s["blocking_names"]:
        out.write("  names blocking the most blocks:\n")
        for b in s["blocking_names"]:
            what = f"not in wlmail: {b['family']}" if b["class"] == NOT_IN_WLMAIL else b["class"]
            alone = f", the only missing name of {b['only_missing_name_of']}" \
                if b["only_missing_name_of"] else ""
            n = b["blocks"]
            out.write(f"    {b['name']} ({what}): {n} block{'s' if n != 1 else ''}{alone}\n")
