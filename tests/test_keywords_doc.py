"""The keyword table in docs/language.md matches the grammar's keyword terminals; and
the grammar has no LALR conflict (built once with Lark's strict mode)."""
from __future__ import annotations

import re
from pathlib import Path

from lark import Lark

from wlmail.names import fold
from wlmail.syntax.grammar import grammar_text

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = grammar_text()
DOC = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")


def grammar_keywords() -> dict[str, tuple[set[str], list[re.Pattern]]]:
    section = GRAMMAR.split("// ---- keywords", 1)[1].split("// ---- operators", 1)[0]
    out: dict[str, tuple[set[str], list[re.Pattern]]] = {}
    for line in section.splitlines():
        m = re.match(r'([A-Z_0-9]+)(?:\.\d+)?: (".*"i|/.*/i)$', line)
        if not m:
            continue
        kind = m.group(1).split("__")[0]
        strings, regexes = out.setdefault(kind, (set(), []))
        if m.group(2).startswith('"'):
            strings.add(m.group(2)[1:-2].lower())
        else:
            regexes.append(re.compile(m.group(2)[1:-2], re.I))
    return out


def doc_keywords() -> dict[str, list[str]]:
    table = DOC.split("<!-- keywords:start -->", 1)[1].split("<!-- keywords:end -->", 1)[0]
    out = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and re.fullmatch(r"[A-Z_]+", cells[0]):
            out[cells[0]] = re.findall(r"`([^`]+)`", cells[1])
    return out


def test_same_keywords() -> None:
    assert set(grammar_keywords()) == set(doc_keywords())


def test_every_documented_spelling_is_a_keyword() -> None:
    grammar = grammar_keywords()
    for kind, spellings in doc_keywords().items():
        strings, regexes = grammar[kind]
        for s in spellings:
            word = fold(s)
            assert word in strings or any(r.fullmatch(word) for r in regexes), (kind, s)


def test_every_grammar_spelling_is_documented() -> None:
    docs = {k: {fold(s) for s in v} for k, v in doc_keywords().items()}
    for kind, (strings, _) in grammar_keywords().items():
        assert strings <= docs[kind], (kind, strings - docs[kind])


def test_grammar_has_no_conflicts() -> None:
    # strict=True makes Lark refuse shift/reduce conflicts and colliding terminals
    # instead of resolving them silently (the production build skips the check).
    Lark(GRAMMAR, parser="lalr", lexer="contextual", strict=True,
         start=["start", "expr_start", "exprs_start"])
