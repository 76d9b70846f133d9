"""Lark's analysis of the grammar, written down as data: the LALR tables, the contextual
lexer's per-state terminals and the tree shaping of each rule, which `lalr.py` runs without
importing Lark.  They are generated into `tables_generated.py` (JSON text in a module: a
start-up reads it from the module's .pyc, with no file lookup and nothing to unpickle),
with the SHA-256 of the grammar they were made from; tests/test_parser_tables.py fails
when the grammar changed and they were not regenerated.

Regenerate after changing wlmail/grammar/wlanguage.lark:  python -m wlmail.syntax.tables
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .lalr import FORMAT

GENERATED = Path(__file__).with_name("tables_generated.py")
# One table set per parser: the whole script, and the expressions read inside `[% %]` and
# between `= [` and `]` (two Lark builds, as before: one table set for all three start
# symbols would merge LALR states and widen what the contextual lexer accepts).
PARSERS = {"script": ["start"], "expr": ["expr_start", "exprs_start"]}


def _lark(grammar: str, start: list[str]) -> Any:
    from lark import Lark
    return Lark(grammar, parser="lalr", lexer="contextual", start=start, strict=False,
                maybe_placeholders=False)


def _unless(callbacks: dict[str, Any]) -> dict[str, str]:
    # UnlessCallback: a keyword string inside NAME's regex, typed after NAME matched.
    return {name: " ".join(t.name for t in cb.scanner.terminals)
            for name, cb in sorted(callbacks.items())}


def _parser_tables(lark: Any) -> dict[str, Any]:
    from lark.parse_tree_builder import maybe_create_child_filter
    from lark.parsers.lalr_analysis import Shift

    frontend = lark.parser
    table = frontend.parser.parser.parse_table
    rules = list(lark.rules)
    rule_index = {rule: i for i, rule in enumerate(rules)}
    symbols: list[str] = []
    symbol_index: dict[str, int] = {}

    def sym(name: str) -> int:
        if name not in symbol_index:
            symbol_index[name] = len(symbols)
            symbols.append(str(name))
        return symbol_index[name]

    # A state is one string, "symbol action symbol action ...", decoded when the parser
    # first reaches it (a script visits few of them; thousands of small objects made at
    # load time cost more than the rest of the load).  action >= 0: shift to that state;
    # < 0: reduce by rule -action-1.
    states = []
    for state in range(len(table.states)):
        flat: list[int] = []
        for name, (action, arg) in sorted(table.states[state].items()):
            flat += [sym(name), arg if action is Shift else -rule_index[arg] - 1]
        states.append(" ".join(map(str, flat)))
    out_rules = []
    for rule in rules:
        filt = maybe_create_child_filter(rule.expansion, rule.options.keep_all_tokens, False, [])
        out_rules.append([
            str(rule.origin.name), len(rule.expansion),
            str(rule.alias or rule.options.template_source or rule.origin.name),
            bool(rule.options.expand1 and not rule.alias),
            None if filt is None else [[i, bool(expand)] for i, expand in filt.args[0]],
        ])
    lexer = frontend.lexer
    lexers: list[Any] = []
    by_id: dict[int, int] = {}
    state_lexer = []
    for state in range(len(table.states)):
        basic = lexer.lexers[state]
        if id(basic) not in by_id:
            by_id[id(basic)] = len(lexers)
            scanner = basic.scanner  # builds it: the terminal order and the callbacks
            lexers.append([" ".join(t.name for t in scanner.terminals), _unless(basic.callback)])
        state_lexer.append(by_id[id(basic)])
    root = lexer.root_lexer
    return {
        "symbols": symbols, "states": states, "rules": out_rules,
        "start_states": dict(table.start_states), "end_states": dict(table.end_states),
        "state_lexer": state_lexer, "lexers": lexers,
        "root": [" ".join(t.name for t in root.scanner.terminals), _unless(root.callback)],
        # Lark's order of every terminal (priority, then longest first), keywords included.
        "order": " ".join(t.name for t in root.terminals),
    }


def build(grammar: str, digest: str) -> dict[str, Any]:
    """The tables of `grammar` (whose SHA-256 is `digest`), as JSON-ready data."""
    import lark
    from lark.lexer import PatternStr, _regexp_has_newline

    out: dict[str, Any] = {"format": FORMAT, "grammar_sha256": digest, "lark": lark.__version__,
                           "parsers": {}}
    terminals: dict[str, list[Any]] = {}
    for name, starts in PARSERS.items():
        built = _lark(grammar, starts)
        out["parsers"][name] = _parser_tables(built)
        out["ignore"] = sorted(built.lexer_conf.ignore)
        for t in built.terminals:
            regexp = t.pattern.to_regexp()
            literal = t.pattern.value if isinstance(t.pattern, PatternStr) else None
            terminals[t.name] = [regexp, _regexp_has_newline(regexp), literal,
                                 "i" in t.pattern.flags, "".join(sorted(t.pattern.flags))]
    out["terminals"] = dict(sorted(terminals.items()))
    return out


def module_text(tables: dict[str, Any]) -> str:
    """tables_generated.py: the JSON in lines short enough to read a diff."""
    text = json.dumps(tables, separators=(",", ":"), ensure_ascii=True)
    lines, start = [], 0
    while start < len(text):
        end = min(len(text), start + 88)
        while len(repr(text[start:end])) > 90:  # escaped backslashes make a line longer
            end -= 1
        lines.append(f"    {text[start:end]!r}")
        start = end
    chunks = "\n".join(lines)
    return (f'"""Generated by `python -m wlmail.syntax.tables` from wlmail/grammar/wlanguage.lark:\n'
            f'do not edit (tests/test_parser_tables.py fails when it is out of date)."""\n'
            f"FORMAT = {tables['format']}\n"
            f"GRAMMAR_SHA256 = {tables['grammar_sha256']!r}\n"
            f"TABLES_JSON = (\n{chunks}\n)\n")


def main() -> int:
    from .grammar import grammar_digest, grammar_text
    GENERATED.write_text(module_text(build(grammar_text(), grammar_digest())), encoding="utf-8")
    print(f"wrote {GENERATED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
