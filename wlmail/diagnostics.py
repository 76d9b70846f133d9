"""`FILE:LINE:COL: error: message`, the source line (secrets masked), a caret, a hint."""
from __future__ import annotations

import re
from collections.abc import Iterable, Set

from .names import fold
from .records import record

# A string literal assigned to something secret is shown as "***" when a diagnostic
# echoes the line.  The property spellings and function arguments come from the
# registry's declarations (`secret=True`, `secret_args=`), which it hands to SECRETS
# below; the few words here cover names a script gives its own variables (and the
# misspellings a typo makes of them: `s.Pasword = "..."` is still the password).
_SCRIPT_WORDS = ("password", "motdepasse", "mot_de_passe", "clientsecret", "secret", "token",
                 "value", "valeur", "pwd", "mdp", "pw", "pass", "pasword", "passwrd", "paswd",
                 "passe")

# What opens a literal when looking for secrets: WLanguage's quotes, and the ones a
# person types by mistake (a syntax error echoes its line too) -> what closes it.
_QUOTES = {'"': '"', "`": "`", "'": "'", "\u201c": "\u201d", "\u201d": "\u201d",
           "\u201e": "\u201d", "\u2018": "\u2019", "\u2019": "\u2019", "\u00ab": "\u00bb"}


class SecretNames:
    """What diagnostics mask: filled in by the registry as domains declare their names,
    so this module (under every other) needs to know no domain."""

    def __init__(self) -> None:
        self._words: set[str] = set(_SCRIPT_WORDS)
        self._arguments: dict[str, set[int]] = {}   # folded function spelling -> positions
        # Functions whose password argument may be left out (folded spelling ->
        # (position, folded words of the argument two after it)): see add_optional.
        self._optional: dict[str, tuple[int, frozenset[str]]] = {}
        self._alternation: str | None = None
        # Variables declared with a secret type (an AuthToken) are not kept here: they
        # belong to one script, and this object to the process (a REPL, the LSP, a test
        # run read many scripts).  The Resolution keeps them and hands them to its
        # Diagnostics (`secret_variables`), which pass them to the functions below.

    def add_words(self, spellings: Iterable[str]) -> None:
        """Names (of properties) whose assigned literal is a secret."""
        self._words.update(fold(s) for s in spellings)
        self._alternation = None

    def add_argument(self, spellings: Iterable[str], position: int) -> None:
        """The 0-based argument `position` of the function `spellings` is a secret."""
        for s in spellings:
            self._arguments.setdefault(fold(s), set()).add(position)

    def add_optional(self, spellings: Iterable[str], position: int, words: Iterable[str]) -> None:
        """The argument `position` of `spellings` is a secret only when the call reads it
        as one, as a session-opening function F(User [, Password], Server [, Port [,
        Async ...]])
        does at run time: not when nothing follows it, nor when the argument after it
        is a number (then it was the server and that is the port), nor when the one
        after that is one of `words` (the asynchronous parameter's booleans). A call
        not closed on the line keeps it masked."""
        folded = frozenset(fold(w) for w in words)
        for s in spellings:
            self._optional[fold(s)] = (position, folded)

    def optional(self, folded: str) -> tuple[int, frozenset[str]] | None:
        return self._optional.get(folded)

    def alternation(self) -> str:
        """The secret words as a regex alternation (literal words only: no repetition,
        so a search is linear in the text's length)."""
        if self._alternation is None:
            self._alternation = "|".join(sorted((re.escape(w) for w in self._words),
                                                key=len, reverse=True))
        return self._alternation

    def patterns(self) -> list[tuple[str, int]]:
        """The secret arguments: (folded function spelling, 0-based position)."""
        return sorted((name, position) for name, positions in self._arguments.items()
                      for position in positions)

    def is_secret_name(self, folded: str, variables: Set[str] = frozenset()) -> bool:
        """Whether a (folded) name holds a secret word (`Password`, `MySecret`, `pwd2`), or
        is one of the script's secret `variables` (folded names)."""
        return folded in variables or any(w in folded for w in self._words)

    def secret_positions(self, folded: str) -> set[int] | None:
        return self._arguments.get(folded)


SECRETS = SecretNames()

# Every function here reads the line once from left to right (and no regex repeats):
# masking is linear in the line's length, whatever the line (issue 8: the regexes this
# replaced backtracked for minutes on `Trace(TokenToken...)`).


def _literal_end(line: str, i: int) -> int:
    """The end of the literal opened at `i`; an unclosed one runs to the end of the line."""
    opener = line[i]
    close = _QUOTES[opener]
    j = i + 1
    while True:
        k = line.find(close, j)
        if k < 0:
            return len(line)
        if opener == '"' and line.startswith('""', k):
            j = k + 2          # a doubled quote inside the string
            continue
        return k + 1


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _tokens(line: str) -> list[tuple[str, int, int]]:
    """The line as (kind, start, end): "name", "literal", or one punctuation character
    (spaces left out), up to a `//` comment."""
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch in _QUOTES:
            j = _literal_end(line, i)
            out.append(("literal", i, j))
            i = j
        elif _is_word(ch):
            j = i + 1
            while j < n and _is_word(line[j]):
                j += 1
            out.append(("name", i, j))
            i = j
        elif ch == "/" and line.startswith("//", i):
            break
        elif ch.isspace():
            i += 1
        else:
            out.append((ch, i, i + 1))
            i += 1
    return out


def _assigned_secrets(line: str, tokens: list[tuple[str, int, int]],
                      variables: Set[str]) -> list[tuple[int, int]]:
    """Literals given to something whose name says secret: every literal of the rest of
    the statement after `s.Password =` (`Upper("...")`, `F() + "..."`, and `==` typed
    by mistake), the literal right after `Password, `."""
    spans: list[tuple[int, int]] = []
    # For each token, the index of the next `=` or literal (one pass from the right).
    nxt = [len(tokens)] * (len(tokens) + 1)
    for k in range(len(tokens) - 1, -1, -1):
        kind = tokens[k][0]
        nxt[k] = k if kind == "=" or kind == "literal" else nxt[k + 1]
    k = 0
    while k < len(tokens):
        kind, a, b = tokens[k]
        if kind != "name" or not SECRETS.is_secret_name(fold(line[a:b]), variables):
            k += 1
            continue
        j = nxt[k + 1]
        if j == len(tokens):
            break              # no `=` and no literal after it: nothing more to find
        if tokens[j][0] == "=":
            # the rest of the statement (up to a `;` outside brackets)
            depth = 0
            j += 1
            while j < len(tokens):
                kind, a, b = tokens[j]
                if kind in "([":
                    depth += 1
                elif kind in ")]":
                    depth -= 1
                elif kind == ";" and depth <= 0:
                    break
                elif kind == "literal":
                    spans.append((a, b))
                j += 1
            k = j
            continue
        if j > k + 1 and tokens[j - 1][0] == ",":
            spans.append(tokens[j][1:])
        k = j + 1
    return spans


def _argument_secrets(line: str, tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Literals inside a secret argument: `StartSession(Lower(u), "...")` (declared
    secret_args), nested calls and all.  One pass with a stack of open brackets; `inside`
    counts the open calls whose current argument is a secret one."""
    spans: list[tuple[int, int]] = []
    stack: list[list] = []      # [secret positions or None, current argument]
    inside = 0
    shapes: dict[int, list[int]] | None = None
    for k, (kind, a, b) in enumerate(tokens):
        if kind in "([":
            positions = None
            if kind == "(" and k and tokens[k - 1][0] == "name":
                na, nb = tokens[k - 1][1:]
                name = fold(line[na:nb])
                positions = SECRETS.secret_positions(name)
                rule = SECRETS.optional(name)
                if rule is not None:
                    if shapes is None:
                        shapes = _call_shapes(tokens)
                    positions = _optional_positions(line, tokens, k, shapes.get(k), rule,
                                                    positions)
            stack.append([positions, 0])
            if positions and 0 in positions:
                inside += 1
        elif kind in ")]":
            if stack:
                positions, arg = stack.pop()
                if positions and arg in positions:
                    inside -= 1
        elif kind == "," and stack:
            frame = stack[-1]
            positions, arg = frame
            if positions:
                inside += (arg + 1 in positions) - (arg in positions)
            frame[1] = arg + 1
        elif kind == "literal" and inside > 0:
            spans.append((a, b))
    return spans


def _call_shapes(tokens: list[tuple[str, int, int]]) -> dict[int, list[int]]:
    """For each bracket of the line that is closed on it: the token indexes of its own
    commas, then of its closing bracket (one pass)."""
    shapes: dict[int, list[int]] = {}
    stack: list[tuple[int, list[int]]] = []
    for k, (kind, _, _) in enumerate(tokens):
        if kind in "([":
            stack.append((k, []))
        elif kind in ")]":
            if stack:
                opened, commas = stack.pop()
                shapes[opened] = [*commas, k]
        elif kind == "," and stack:
            stack[-1][1].append(k)
    return shapes


def _optional_positions(line: str, tokens: list[tuple[str, int, int]], opened: int,
                        shape: list[int] | None, rule: tuple[int, frozenset[str]],
                        declared: set[int] | None) -> set[int] | None:
    """The secret positions of a call whose password may be left out (add_optional)."""
    position, words = rule
    if shape is None:
        return declared            # not closed on this line: masked, to be safe
    starts = [opened + 1] + [c + 1 for c in shape[:-1]]
    args = [tokens[a:e] for a, e in zip(starts, shape, strict=True)]

    def one(i: int) -> str | None:
        if i >= len(args) or len(args[i]) != 1:
            return None
        kind, a, b = args[i][0]
        text = line[a:b]
        if kind == "literal":
            text = text[1:-1]
        return text

    after, then = one(position + 1), one(position + 2)
    password = not (len(args) <= position + 1
                    or (after is not None and after.strip().isdigit())
                    or (then is not None and fold(then) in words))
    rest = (declared or set()) - {position}
    return rest | {position} if password else (rest or None)


def _config_secret(line: str, variables: Set[str]) -> list[tuple[int, int]]:
    """`Password=hunter2` unquoted: an INI or configuration file named by EXTERN by
    mistake.  The whole line is `name = value` (or `name: value`), the value unquoted,
    without brackets."""
    n = len(line)
    i = 0
    while i < n and line[i].isspace():
        i += 1
    j = i
    while j < n and _is_word(line[j]):
        j += 1
    if j == i or not SECRETS.is_secret_name(fold(line[i:j]), variables):
        return []
    while j < n and line[j].isspace():
        j += 1
    if j >= n or line[j] not in "=:":
        return []
    j += 1
    while j < n and line[j].isspace():
        j += 1
    end = len(line.rstrip())
    if j >= end or line[j] in '("`[' or "(" in line[j:end] or "\n" in line[j:end]:
        return []
    return [(j, end)]


class SourceLine(str):
    """A line of a script as a diagnostic echoes it, knowing whether it continues (after
    `...`) a statement that gives something secret: `s.Password = ...` then `"..."`."""

    continues_secret: bool = False


def _continued(line: str) -> bool:
    tokens = _tokens(line)
    return len(tokens) >= 3 and all(t[0] == "." for t in tokens[-3:])


def _opens_secret(line: str, variables: Set[str]) -> bool:
    """Whether a line that goes on with `...` starts giving a secret: a secret name
    before an `=`, or an open call to a function with a secret argument."""
    tokens = _tokens(line)
    for k, (kind, a, b) in enumerate(tokens):
        if kind != "name":
            continue
        folded = fold(line[a:b])
        if SECRETS.secret_positions(folded) is not None:
            return True
        if SECRETS.is_secret_name(folded, variables) and \
                any(t[0] == "=" for t in tokens[k + 1:]):
            return True
    return False


def statement_line(lines: list[str], index: int,
                   variables: Set[str] = frozenset()) -> SourceLine:
    """`lines[index]` for a diagnostic, marked when the lines before it that it continues
    give a secret (then every literal on it is masked)."""
    out = SourceLine(lines[index])
    k = index - 1
    # A statement is rarely more than a few lines: the look back is bounded, so that a
    # file of thousands of diagnostics on one long statement stays linear.
    while k >= max(0, index - 1000) and _continued(lines[k]):
        if _opens_secret(lines[k], variables):
            out.continues_secret = True
            break
        k -= 1
    return out


def secret_spans(line: str, continues_secret: bool = False,
                 variables: Set[str] = frozenset()) -> list[tuple[int, int]]:
    """The [start, end) spans of string literals on `line` that hold a secret (every
    literal, when the line continues a statement that gives a secret)."""
    tokens = _tokens(line)
    if continues_secret:
        return [(a, b) for kind, a, b in tokens if kind == "literal"]
    spans = (_assigned_secrets(line, tokens, variables) + _argument_secrets(line, tokens)
             + _config_secret(line, variables))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def mask_secrets(line: str, column: int = 0, continues_secret: bool = False,
                 variables: Set[str] = frozenset()) -> tuple[str, int]:
    """`line` with secret literals shown as "***", and where `column` (1-based) lands;
    `variables` are the script's secret variables (folded)."""
    out, last, shift = [], 0, 0
    for a, b in secret_spans(line, continues_secret, variables):
        out.append(line[last:a])
        out.append('"***"')
        if column - 1 >= b:
            shift += 5 - (b - a)
        elif column - 1 > a:
            shift += a - (column - 1)     # inside the literal: point at its start
        last = b
    out.append(line[last:])
    return "".join(out), column + shift


def mentions_secret(line: str, variables: Set[str] = frozenset()) -> bool:
    """Whether a line names something secret (a password property, a `pwd` variable)."""
    folded = fold(line)
    return SECRETS.is_secret_name(folded, variables)


@record
class Diagnostic:
    file: str
    line: int
    column: int
    message: str
    severity: str = "error"
    hint: str | None = None
    source_line: str | None = None
    length: int = 1
    # The script's secret variables (folded), from its Resolution: masking is per script.
    secret_variables: Set[str] = frozenset()

    def format(self) -> str:
        head = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        parts = [head]
        if self.source_line is not None:
            src, column = mask_secrets(self.source_line.rstrip("\r\n"), self.column,
                                       getattr(self.source_line, "continues_secret", False),
                                       self.secret_variables)
            # Tabs are kept so the caret lines up in any terminal.
            prefix = "".join(ch if ch == "\t" else " " for ch in src[: max(column - 1, 0)])
            parts.append("    " + src)
            parts.append("    " + prefix + "^" + "~" * max(self.length - 1, 0))
        if self.hint:
            parts.append(f"    hint: {self.hint}")
        return "\n".join(parts)


def source_line(text: str, line: int, variables: Set[str] = frozenset()) -> str | None:
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        return statement_line(lines, line - 1, variables)
    return None
