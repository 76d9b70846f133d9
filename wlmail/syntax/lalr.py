"""Running the parser Lark built, without importing Lark: an LALR(1) driver and a contextual
lexer over the tables of `tables.py`.  It does what Lark's `parser="lalr"`,
`lexer="contextual"` does, step for step (the terminal order, the keywords folded into NAME,
the lexer's fallback for a clearer error, the tree shaping of `_rule`, `?rule` and filtered
tokens), and raises the same kinds of error with the same fields; tests/test_parser_tables.py
compares the two on every script of the test suite and on generated ones.

Why: importing Lark and rebuilding its parser costs more than the rest of a start-up, and
every new script pays it (docs/packaging.md).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

# The shape of the tables this module reads (tables.py writes it into tables_generated.py).
FORMAT = 2


class Token(str):
    """A terminal with its position, like Lark's Token (a str: its text)."""

    __slots__ = ("type", "start_pos", "value", "line", "column", "end_line", "end_column",
                 "end_pos")

    type: str
    start_pos: int
    value: str
    line: int
    column: int
    end_line: int | None
    end_column: int | None
    end_pos: int | None

    def __new__(cls, type_: str, value: str, start_pos: int = 0, line: int = 1,
                column: int = 1, end_line: int | None = None, end_column: int | None = None,
                end_pos: int | None = None) -> Token:
        self = super().__new__(cls, value)
        self.type, self.value, self.start_pos = type_, value, start_pos
        self.line, self.column = line, column
        self.end_line, self.end_column, self.end_pos = end_line, end_column, end_pos
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Token, (self.type, self.value, self.start_pos, self.line, self.column,
                        self.end_line, self.end_column, self.end_pos))

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Token) and self.type != other.type:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__


class Tree:
    """What a rule without a callback builds (`_rule`s, whose children the parent takes)."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data, self.children = data, children

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"


class UnexpectedInput(Exception):
    line: int
    column: int
    pos_in_stream: int | None


class UnexpectedCharacters(UnexpectedInput):
    """No terminal matches here (Lark's UnexpectedCharacters)."""

    pos_in_stream: int

    def __init__(self, text: str, pos: int, line: int, column: int, allowed: set[str]) -> None:
        super().__init__(f"No terminal matches {text[pos:pos + 1]!r} at line {line} col {column}")
        self.pos_in_stream, self.line, self.column = pos, line, column
        self.allowed = allowed
        self.char = text[pos:pos + 1]


class UnexpectedToken(UnexpectedInput):
    """A terminal the parser cannot take here (Lark's UnexpectedToken)."""

    def __init__(self, token: Token, expected: set[str]) -> None:
        super().__init__(f"Unexpected token {token!r} at line {token.line}, column "
                         f"{token.column}; expected one of {sorted(expected)}")
        self.token, self.expected = token, expected
        self.line, self.column, self.pos_in_stream = token.line, token.column, token.start_pos


class _Terminals:
    """Every terminal's regex, compiled on first use (most scripts need few of them)."""

    def __init__(self, data: dict[str, list[Any]], ignore: list[str]) -> None:
        self.regexp = {name: d[0] for name, d in data.items()}
        self.newline = frozenset(name for name, d in data.items() if d[1])
        self.literal = {name: (d[2], d[3]) for name, d in data.items() if d[2] is not None}
        self.flags = {name: set(d[4]) for name, d in data.items()}
        self.ignore = frozenset(ignore)
        self._one: dict[str, re.Pattern[str]] = {}

    def match_one(self, name: str, text: str, pos: int) -> str | None:
        """The text terminal `name` alone matches at `pos`, or None."""
        literal = self.literal.get(name)
        if literal is not None:
            value, icase = literal
            if not icase:
                return value if text.startswith(value, pos) else None
            here = text[pos:pos + len(value)]
            if here.isascii() and value.isascii():  # re's IGNORECASE is lower() here
                return here if here.lower() == value.lower() else None
        m = self.one(name).match(text, pos)
        return m.group(0) if m else None

    def one(self, name: str) -> re.Pattern[str]:
        pattern = self._one.get(name)
        if pattern is None:
            pattern = self._one[name] = re.compile(self.regexp[name])
        return pattern

    def alternation(self, names: list[str]) -> list[re.Pattern[str]]:
        # As Lark: one regex per 100 named groups, tried in order.
        return [re.compile("|".join(f"(?P<{n}>{self.regexp[n]})" for n in names[i:i + 100]))
                for i in range(0, len(names), 100)]


class _Unless:
    """A keyword typed after its regex terminal (NAME) matched: the first keyword, in the
    lexer's order, whose whole text is the match (Lark's UnlessCallback)."""

    def __init__(self, names: list[str], terminals: _Terminals) -> None:
        self.names, self.terminals = names, terminals
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.ascii = True
        for name in names:
            literal, icase = terminals.literal[name]
            if not literal.isascii():
                self.ascii = False
            elif icase:
                self.folded.setdefault(literal.lower(), name)
            self.exact.setdefault(literal, name)
        self._order = {name: i for i, name in enumerate(names)}
        self._regex: list[re.Pattern[str]] | None = None

    def __call__(self, value: str) -> str | None:
        if self.ascii and value.isascii():
            # ASCII against ASCII keywords: re's IGNORECASE is lower() here.
            a, b = self.exact.get(value), self.folded.get(value.lower())
            if a is None or b is None:
                return a or b
            return a if self._order[a] < self._order[b] else b
        if self._regex is None:
            self._regex = self.terminals.alternation(self.names)
        for mre in self._regex:
            m = mre.fullmatch(value)
            if m:
                return m.lastgroup
        return None


class _StateLexer:
    """The terminals one group of parser states accepts, in Lark's order."""

    def __init__(self, names: list[str], unless: dict[str, _Unless], terminals: _Terminals,
                 root: _Root | None) -> None:
        self.names = names
        self.allowed = set(names) - terminals.ignore
        self.unless = unless
        self.terminals = terminals
        self._alternation: list[re.Pattern[str]] | None = None
        self._misses = 0
        # `fast`: the terminals T for which "the root lexer matched T here" means "this
        # lexer matches T here".  Both try terminals in the same order (Lark sorts every
        # lexer by one key), and an alternation answers its first alternative that matches.
        # So it holds when every terminal U before T here cannot have matched: either the
        # root lexer also has U (it would have answered U), or U is a keyword the root
        # lexer folded into a terminal R it tries before U (NAME): where U matches, R
        # matches too, so the root's answer would be R or earlier, not T.
        fast: set[str] = set()
        for name in names:
            if root is None or name in root.names:
                fast.add(name)
            elif not root.shadows(name):
                break
        self.fast = frozenset(fast)

    def match(self, text: str, pos: int) -> tuple[str, str] | None:
        """This lexer's own first match, in order (used when the root lexer's is not one)."""
        if self._alternation is None:
            self._misses += 1
            if self._misses <= 8:
                for name in self.names:
                    value = self.terminals.match_one(name, text, pos)
                    if value is not None:
                        return value, name
                return None
            # Often here: one alternation, as Lark builds for every state.
            self._alternation = self.terminals.alternation(self.names)
        for mre in self._alternation:
            m = mre.match(text, pos)
            if m:
                return m.group(0), m.lastgroup  # type: ignore[return-value]
        return None


class _Root:
    """What the contextual lexer needs to know of the root lexer: its terminals, and the
    keywords it folds into a regex terminal (NAME) that it tries before them."""

    def __init__(self, names: list[str], unless: dict[str, str], order: list[str],
                 terminals: _Terminals) -> None:
        self.names = frozenset(names)
        rank = {name: i for i, name in enumerate(order)}
        flags = terminals.flags
        self._shadowed = {kw for regex, kws in unless.items() for kw in kws.split()
                          if rank[regex] < rank[kw] and flags[kw] <= flags[regex]}

    def shadows(self, keyword: str) -> bool:
        return keyword in self._shadowed


class Lexer:
    """Lark's contextual lexer: at each token, only the terminals the parser's state accepts.
    One alternation of all the root lexer's terminals answers almost every token; a state
    that accepts fewer terminals tries its own in order only when that answer is not one it
    can take (compiling an alternation per state cost more than parsing a script)."""

    def __init__(self, tables: dict[str, Any], terminals: _Terminals) -> None:
        root_names, root_unless = tables["root"]
        root_names = root_names.split()
        self.terminals = terminals
        self._unless: dict[str, _Unless] = {}
        self._root_info = _Root(root_names, root_unless, tables["order"].split(), terminals)
        self.root = _StateLexer(root_names, self._callbacks(root_unless), terminals, None)
        self._root_res: list[re.Pattern[str]] | None = None
        self._lexer_data = tables["lexers"]
        self._lexers: list[_StateLexer | None] = [None] * len(self._lexer_data)
        self.state_lexer: list[int] = tables["state_lexer"]

    def for_state(self, state: int) -> _StateLexer:
        i = self.state_lexer[state]
        lexer = self._lexers[i]
        if lexer is None:
            names, unless = self._lexer_data[i]
            lexer = self._lexers[i] = _StateLexer(names.split(), self._callbacks(unless),
                                                  self.terminals, self._root_info)
        return lexer

    def _callbacks(self, unless: dict[str, str]) -> dict[str, _Unless]:
        # Most states fold the same keywords into NAME: one _Unless for all of them.
        out = {}
        for name, keywords in unless.items():
            callback = self._unless.get(keywords)
            if callback is None:
                callback = self._unless[keywords] = _Unless(keywords.split(), self.terminals)
            out[name] = callback
        return out

    def _match(self, lexer: _StateLexer, text: str, pos: int) -> tuple[str, str] | None:
        if self._root_res is None:
            self._root_res = self.terminals.alternation(self.root.names)
        for mre in self._root_res:
            m = mre.match(text, pos)
            if m:
                if m.lastgroup in lexer.fast:
                    return m.group(0), m.lastgroup
                break
        return lexer.match(text, pos)

    def tokens(self, text: str, stack: list[int]) -> Iterator[Token]:
        """The tokens of `text`; `stack[-1]`, the parser's state before each one."""
        terminals = self.terminals
        ignore, newline = terminals.ignore, terminals.newline
        if self._root_res is None:
            self._root_res = terminals.alternation(self.root.names)
        root_res, lexers, state_lexer = self._root_res, self._lexers, self.state_lexer
        # One alternation (the usual case) is matched without the loop over alternations.
        root_match = root_res[0].match if len(root_res) == 1 else None
        pos, line, line_start = 0, 1, 0
        end = len(text)
        while pos < end:
            state = stack[-1]
            lexer = lexers[state_lexer[state]] or self.for_state(state)
            # The root lexer's match when this state takes it (see the class), inline:
            # this loop runs once per token of every script.
            found = None
            if root_match is not None:
                m = root_match(text, pos)
                if m and m.lastgroup in lexer.fast:
                    found = m.group(0), m.lastgroup
            else:
                for mre in root_res:
                    m = mre.match(text, pos)
                    if m:
                        if m.lastgroup in lexer.fast:
                            found = m.group(0), m.lastgroup
                        break
            if found is None:
                found = lexer.match(text, pos)
            if found is None:
                error = UnexpectedCharacters(text, pos, line, pos - line_start + 1,
                                             lexer.allowed or {"<END-OF-FILE>"})
                # As Lark: a terminal of another context here makes a clearer error.
                token = self._root_token(text, pos, line, line_start)
                if token is None:
                    raise error
                raise UnexpectedToken(token, error.allowed)
            value, type_ = found
            start, start_line, start_col = pos, line, pos - line_start + 1
            if type_ in newline:
                n = value.count("\n")
                if n:
                    line += n
                    line_start = pos + value.rindex("\n") + 1
            pos += len(value)
            if type_ in ignore:
                continue
            token = Token(type_, value, start, start_line, start_col, line,
                          pos - line_start + 1, pos)
            unless = lexer.unless.get(type_)
            if unless is not None:
                typed = unless(value)
                if typed is not None:
                    token.type = typed
            yield token

    def _root_token(self, text: str, pos: int, line: int, line_start: int) -> Token | None:
        while pos < len(text):
            found = self._match(self.root, text, pos)
            if found is None:
                return None
            value, type_ = found
            start, start_line, start_col = pos, line, pos - line_start + 1
            if type_ in self.terminals.newline and "\n" in value:
                line += value.count("\n")
                line_start = pos + value.rindex("\n") + 1
            pos += len(value)
            if type_ in self.terminals.ignore:
                continue
            token = Token(type_, value, start, start_line, start_col, line,
                          pos - line_start + 1, pos)
            unless = self.root.unless.get(type_)
            if unless is not None:
                token.type = unless(value) or type_
            return token
        return None


class Parser:
    """Lark's LALR(1) loop over one table set, calling `builder`'s methods as rules reduce."""

    def __init__(self, tables: dict[str, Any], terminals: _Terminals, builder: object) -> None:
        self.symbols: list[str] = tables["symbols"]
        self._encoded: list[str] = tables["states"]
        self._states: list[dict[str, int] | None] = [None] * len(self._encoded)
        self.start_states: dict[str, int] = tables["start_states"]
        self.end_states: dict[str, int] = tables["end_states"]
        self.lexer = Lexer(tables, terminals)
        self._builder = builder
        self._rule_data: list[list[Any]] = tables["rules"]
        self._rules: list[tuple[str, int, Callable[[list[Any]], Any], bool] | None] = \
            [None] * len(self._rule_data)

    def rule(self, n: int) -> tuple[str, int, Callable[[list[Any]], Any], bool]:
        """(origin, size, callback, unit): a unit rule (`?expr: or_expr`, one child kept
        as it is) gives its child back, so the loop skips the call."""
        rule = self._rules[n]
        if rule is None:
            origin, size, name, expand1, filt = self._rule_data[n]
            rule = self._rules[n] = (origin, size,
                                     self._callback(self._builder, name, expand1, filt),
                                     bool(expand1 and size == 1 and filt is None))
        return rule

    @staticmethod
    def _callback(builder: object, name: str, expand1: bool,
                  filt: list[list[Any]] | None) -> Callable[[list[Any]], Any]:
        f: Callable[[list[Any]], Any] = getattr(builder, name, None) or \
            (lambda children: Tree(name, children))
        if expand1:
            inner = f

            def f(children: list[Any]) -> Any:
                return children[0] if len(children) == 1 else inner(children)
        if filt is not None:
            keep = [(i, bool(expand)) for i, expand in filt]
            shaped = f

            def f(children: list[Any]) -> Any:
                out: list[Any] = []
                for i, expand in keep:
                    if expand:
                        if out:
                            out += children[i].children
                        else:
                            out = children[i].children
                    else:
                        out.append(children[i])
                return shaped(out)
        return f

    def state(self, n: int) -> dict[str, int]:
        actions = self._states[n]
        if actions is None:
            flat, symbols = [int(x) for x in self._encoded[n].split()], self.symbols
            actions = self._states[n] = {symbols[flat[i]]: flat[i + 1]
                                         for i in range(0, len(flat), 2)}
        return actions

    def parse(self, text: str, start: str) -> Any:
        stack = [self.start_states[start]]
        values: list[Any] = []
        end_state = self.end_states[start]
        token: Token | None = None
        states, rules = self._states, self._rules
        for token in self.lexer.tokens(text, stack):
            # _feed(token), inline: this runs for every token of every script.
            type_ = token.type
            while True:
                top = stack[-1]
                code = (states[top] or self.state(top)).get(type_)
                if code is None:
                    raise self._unexpected(token, top)
                if code >= 0:
                    stack.append(code)
                    values.append(token)
                    break
                origin, size, callback, unit = rules[-code - 1] or self.rule(-code - 1)
                if unit:
                    del stack[-1]
                else:
                    if size:
                        children = values[-size:]
                        del stack[-size:]
                        del values[-size:]
                    else:
                        children = []
                    values.append(callback(children))
                top = stack[-1]
                stack.append((states[top] or self.state(top))[origin])
        end = Token("$END", "", 0, 1, 1) if token is None else \
            Token("$END", "", token.start_pos, token.line, token.column, token.end_line,
                  token.end_column, token.end_pos)
        return self._feed(end, stack, values, end_state, True)

    def _unexpected(self, token: Token, state: int) -> UnexpectedToken:
        # As Lark: what the state expects, terminals only (rule names are lower case).
        return UnexpectedToken(token, {s for s in self.state(state) if s.isupper()})

    def _feed(self, token: Token, stack: list[int], values: list[Any], end_state: int,
              is_end: bool) -> Any:
        """Reduce as long as `token` asks, then shift it; the end token instead stops at
        the end state, with the result (Lark's feed_token)."""
        states, rules, type_ = self._states, self._rules, token.type
        while True:
            top = stack[-1]
            code = (states[top] or self.state(top)).get(type_)
            if code is None:
                raise self._unexpected(token, top)
            if code >= 0:
                stack.append(code)
                values.append(token)
                return None
            origin, size, callback, unit = rules[-code - 1] or self.rule(-code - 1)
            if unit:  # the value stays where it is
                del stack[-1]
            else:
                if size:
                    children = values[-size:]
                    del stack[-size:]
                    del values[-size:]
                else:
                    children = []
                values.append(callback(children))
            top = stack[-1]
            stack.append((states[top] or self.state(top))[origin])
            if is_end and stack[-1] == end_state:
                return values[-1]


def load(tables: dict[str, Any], builders: dict[str, object]) -> dict[str, Parser]:
    """One Parser per table set (`tables.PARSERS`), each calling its own builder."""
    if tables.get("format") != FORMAT:
        raise RuntimeError(f"parser tables of format {tables.get('format')}, expected {FORMAT}: "
                           "regenerate them with `python -m wlmail.syntax.tables`")
    terminals = _Terminals(tables["terminals"], tables["ignore"])
    return {name: Parser(data, terminals, builders[name])
            for name, data in tables["parsers"].items()}
