#!/usr/bin/env python3
"""Measure how much real WINDEV code wlmail parses.

Usage: python tools/realcode.py [FOLDER] [--failures]

FOLDER (default /tmp/realcode) holds one sub-folder per project, each laid out as WINDEV
saves a project in its text format (element files .wdw .wdg .wdc .wdp .wwh ...).  The code
is never committed: it is fetched into FOLDER for the measure (docs/language.md, "Measured
on real code", says how and which projects).

For every project the script runs `wlmail inventory --json` and `wlmail check` in a child
process, exactly as a user would, and reports:
- the blocks (WLanguage code blocks) and the share that parses, overall and among the
  blocks that touch email (a word of the code starts with `email`, or names SMTP, POP3 or
  IMAP: `EmailOuvreSession`, `emailSessionSMTP`, `Email.Sujet`, `EmailLitPremier`...);
- the constructs still refused: each failing block's first syntax error, sorted into the
  shapes below by the text of the line it is on (most blocks first);
- any internal error: a Python traceback from either command (a bug by definition).
`--failures` also prints every failing block's line, to look at by hand.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

# Shapes of refused lines: (label, pattern on the failing line).  The first that matches
# names the construct; a line none matches is counted under the parser's own message.
SHAPES: list[tuple[str, str]] = [
    ("a declaration by reference `x is T <- y`", r"\b(is|est|sont)\b.*<-"),
    ("`a <- b` (assignment by reference)", r"<-"),
    ("lambda `x => expression`", r"=>"),
    ("`&variable` (an address, for Windows API calls)", r"(^|[(,\s])&\w"),
    ("a type named through its class (`x is cClass::eNested`)",
     r"\b(is|est)\s+(an?|une?)?\s*\w+::\w+"),
    ("`::NAME` (a member of the current class)", r"(^|[\s,(=])::\w"),
    ("a member line `an object cBase` / `un objet cBase` in a class", r"^(an?|une?)\s+obje?c?t\b"),
    ("`WHEN EXCEPTION` / `QUAND EXCEPTION` without IN (a general exception handler)",
     r"^(when|quand)\s+exception\s*(//.*)?$"),
    ("`fixed array of N T` / `tableau fixe de N T`", r"\b(fixed\s+array|tableau\s+fixe)\b"),
    ("angle-bracket attribute on a class line or a `<MAPPING>` group",
     r"\b(classe?|class)\b.*<\w+|^\s*</?\w+>\s*$"),
    ("`sql query =` with its `[` on the next line", r"(requ[eê]te|query)\s+sql\s*=\s*$"),
    ("attribute before the return type `(...) <extension> : T`", r"\)\s*<\w+>\s*:"),
    ("`PROPERTY`", r"\bpropri[eé]t[eé]\b|\bproperty\b"),
]


def shape_of(line: str, message: str) -> str:
    for label, pattern in SHAPES:
        if re.search(pattern, line, re.IGNORECASE):
            return label
    return f"other: {message}"


EMAIL_WORD = re.compile(r"\b(email\w*)|\w*(smtp|pop3|imap)\w*", re.IGNORECASE)


def touches_email(code: str) -> bool:
    return EMAIL_WORD.search(code) is not None


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def wlmail(*args: str) -> subprocess.CompletedProcess[str]:
    # From the root folder, so that `-m wlmail` is the wlmail this interpreter has
    # installed, not a checkout that happens to be the current folder.
    return subprocess.run([sys.executable, "-m", "wlmail", *args], cwd="/",
                          capture_output=True, text=True, check=False)


def block_code(root: Path, file: str, line: int, lines: int) -> list[str]:
    text = (root / file).read_text(encoding="utf-8").split("\n")
    return [s.strip() for s in text[line - 1:line - 1 + lines]]


def source_line(root: Path, file: str, line: int) -> str:
    text = (root / file).read_text(encoding="utf-8").split("\n")
    return text[line - 1].strip() if 0 < line <= len(text) else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default="/tmp/realcode")
    ap.add_argument("--failures", action="store_true", help="print every failing line")
    ns = ap.parse_args(argv)
    root = Path(ns.folder).resolve()
    projects = sorted(p for p in root.iterdir() if p.is_dir())
    if not projects:
        print(f"{root}: no project folder", file=sys.stderr)
        return 2
    total = parsing = mail = mail_parsing = 0
    shapes: Counter[str] = Counter()
    examples: list[str] = []
    tracebacks: list[str] = []
    for proj in projects:
        inv = wlmail("inventory", "--json", str(proj))
        chk = wlmail("check", str(proj))
        for cmd, res in (("inventory", inv), ("check", chk)):
            if "Traceback" in res.stderr or "Traceback" in res.stdout:
                tracebacks.append(f"{proj.name}: wlmail {cmd}:\n{res.stderr[-2000:]}")
        try:
            doc = json.loads(inv.stdout)
        except json.JSONDecodeError:
            tracebacks.append(f"{proj.name}: inventory gave no JSON: {inv.stderr[-500:]}")
            continue
        for element in doc["elements"]:
            for b in element["blocks"]:
                if b["language"] != "WLanguage":
                    continue
                code = block_code(proj, element["file"], b["line"], b["lines"])
                is_mail = touches_email("\n".join(code))
                total += 1
                mail += is_mail
                if b["parses"]:
                    parsing += 1
                    mail_parsing += is_mail
                    continue
                err = b["syntax_error"]
                text = source_line(proj, element["file"], err["line"])
                shapes[shape_of(text, err["message"])] += 1
                examples.append(f"{proj.name}/{element['file']}:{err['line']}:{err['column']}: "
                                f"{err['message']}\n    {text}")
    print(f"projects: {len(projects)} ({', '.join(p.name for p in projects)})")
    print(f"blocks: {total}, parse: {parsing} ({pct(parsing, total)})")
    print(f"blocks touching email: {mail}, parse: {mail_parsing} ({pct(mail_parsing, mail)})")
    print("refused constructs (blocks):")
    for label, n in shapes.most_common():
        print(f"  {n:4}  {label}")
    print(f"internal errors: {len(tracebacks)}")
    for t in tracebacks:
        print(t)
    if ns.failures:
        print("\n".join(examples))
    return 1 if tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
