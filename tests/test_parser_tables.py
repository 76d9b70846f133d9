"""The parser runs Lark's tables without Lark (wlmail/syntax/lalr.py): the generated tables
are those of today's grammar, and the result is Lark's own, token for token and error for
error, on every script of the repository and on damaged copies of them."""
from __future__ import annotations

import json
import random
import runpy
from pathlib import Path
from typing import Any

import pytest
from lark import Lark
from lark import Token as LarkToken
from lark import Tree as LarkTree
from lark.exceptions import UnexpectedCharacters as LarkChars
from lark.exceptions import UnexpectedInput as LarkInput
from lark.exceptions import UnexpectedToken as LarkUnexpected

from wlmail.syntax import ast, lalr, parser, tables, tables_generated
from wlmail.syntax.grammar import grammar_digest, grammar_text
from wlmail.syntax.source import ParseError, fold_for_lexer, mark_multiline_strings
from wlmail.syntax.tables import PARSERS

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(p for d in ("samples", "tests", "bench") for p in (ROOT / d).rglob("*.wl"))
# Fragments that break scripts in the ways people do.
DAMAGE = ["END", "THEN", "ELSE", "CASE", "IF ", "FOR ", "(", ")", "[", "]", ",", ".", ":",
          "=", "<", '"', "`", "/*", "...", "\n", " modulo ", " IS ", "PROCEDURE ", "é", "$",
          "[%", "%]", "0x", "1e", "--", "++", " a ", " de ", "\t", "//"]


def test_the_generated_tables_are_those_of_the_grammar() -> None:
    data = json.loads(tables_generated.TABLES_JSON)
    assert (tables_generated.FORMAT, data["format"]) == (lalr.FORMAT, lalr.FORMAT)
    assert tables_generated.GRAMMAR_SHA256 == data["grammar_sha256"] == grammar_digest(), \
        "the grammar changed: regenerate the tables with `python -m wlmail.syntax.tables`"


def test_the_generator_writes_the_module_it_reads(monkeypatch: pytest.MonkeyPatch,
                                                  larks: dict[str, Lark],
                                                  tmp_path: Path) -> None:
    # The fixture's Lark instances, already built with the generator's options.
    monkeypatch.setattr(tables, "_lark", lambda grammar, starts: next(
        larks[name] for name, s in PARSERS.items() if s == starts))
    data = tables.build(grammar_text(), grammar_digest())
    module = tmp_path / "tables_generated.py"
    module.write_text(tables.module_text(data), encoding="utf-8")
    namespace = runpy.run_path(str(module))
    assert json.loads(namespace["TABLES_JSON"]) == data
    assert namespace["GRAMMAR_SHA256"] == grammar_digest()
    # Lark numbers its states differently from one run to the next: the tables differ,
    # the parsers do not (test_scripts_parse_as_with_lark, on the generated ones).
    parsers = lalr.load(data, {name: object() for name in PARSERS})
    assert set(parsers) == set(PARSERS)


def _shape(value: Any) -> Any:
    """A comparable picture of what a parser returned (our Token and Lark's alike)."""
    if isinstance(value, (lalr.Token, LarkToken)):
        return ("token", value.type, str(value), value.start_pos, value.line, value.column,
                value.end_line, value.end_column, value.end_pos)
    if isinstance(value, (lalr.Tree, LarkTree)):
        return ("tree", str(value.data), _shape(value.children))
    if isinstance(value, ast.Node):
        return (type(value).__name__, [_shape(getattr(value, k, None))
                                       for k in ("line", "column", "file", *value._fields)])
    if isinstance(value, (list, tuple)):
        return [_shape(v) for v in value]
    return value


def _error(e: Exception) -> Any:
    if isinstance(e, (lalr.UnexpectedCharacters, LarkChars)):
        return ("chars", e.pos_in_stream, e.line, e.column, set(e.allowed))
    if isinstance(e, (lalr.UnexpectedToken, LarkUnexpected)):
        return ("token", _shape(e.token), e.line, e.column, set(e.expected))
    raise e


@pytest.fixture(scope="module")
def larks() -> dict[str, Lark]:
    # Both sides build plain trees (no callbacks): what is compared is which rules reduce,
    # in which shape, over which tokens, and the errors.  The AST builder sees the same.
    return {name: Lark(grammar_text(), parser="lalr", lexer="contextual", start=starts,
                       maybe_placeholders=False)
            for name, starts in PARSERS.items()}


@pytest.fixture(scope="module")
def ours() -> dict[str, lalr.Parser]:
    return lalr.load(json.loads(tables_generated.TABLES_JSON), {name: object() for name in PARSERS})


def _both(larks: dict[str, Lark], ours: dict[str, lalr.Parser], name: str, text: str,
          start: str) -> None:
    results = []
    for run in (lambda: larks[name].parse(text, start=start),
                lambda: ours[name].parse(text, start)):
        try:
            results.append(("ok", _shape(run())))
        except (lalr.UnexpectedInput, LarkInput) as e:
            results.append(_error(e))
    assert results[0] == results[1], (name, start, text[:300])


def _prepared(text: str) -> str:
    folded = fold_for_lexer(text)
    if not folded.endswith("\n"):
        folded += "\n"
    return mark_multiline_strings(folded, parser._is_expression_list)


def _corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in SCRIPTS]
    assert len(texts) > 30, SCRIPTS
    rnd = random.Random(7)
    damaged = []
    for text in texts:
        for _ in range(6):
            cut = rnd.randrange(len(text) + 1)
            choice = rnd.random()
            if choice < 0.4:
                damaged.append(text[:cut] + rnd.choice(DAMAGE) + text[cut:])
            elif choice < 0.7:
                damaged.append(text[:cut])
            else:
                lines = text.splitlines(keepends=True)
                if lines:
                    del lines[rnd.randrange(len(lines))]
                damaged.append("".join(lines))
    return texts + damaged + ["", "\n", "// only a comment", "/* open", "END\n", "IF a\n"]


def test_scripts_parse_as_with_lark(larks: dict[str, Lark], ours: dict[str, lalr.Parser]) -> None:
    for text in _corpus():
        try:
            prepared = _prepared(text)
        except ParseError:
            continue  # refused before the parser: nothing to compare
        _both(larks, ours, "script", prepared, "start")


def test_expressions_parse_as_with_lark(larks: dict[str, Lark],
                                        ours: dict[str, lalr.Parser]) -> None:
    lines = {line.strip() for text in _corpus()[:200] for line in text.splitlines()}
    for line in sorted(lines):
        folded = fold_for_lexer(line)
        _both(larks, ours, "expr", folded, "expr_start")
        _both(larks, ours, "expr", folded, "exprs_start")


def test_tables_of_another_format_are_refused() -> None:
    data = json.loads(tables_generated.TABLES_JSON)
    data["format"] = lalr.FORMAT + 1
    with pytest.raises(RuntimeError, match="python -m wlmail.syntax.tables"):
        lalr.load(data, {name: object() for name in PARSERS})
