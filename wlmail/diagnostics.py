"""`FILE:LINE:COL: error: message`, the source line (secrets masked), a caret, a hint."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .names import fold, fold_chars

# A string literal assigned to something secret is shown as "***" when a diagnostic
# echoes the line.  The property spellings and function arguments come from the
# registry's declarations (`secret=True`, `secret_args=`), which it hands to SECRETS
# below; the few words here cover names a script gives its own variables.
_SCRIPT_WORDS = ("password", "motdepasse", "mot_de_passe", "clientsecret", "secret", "token",
                 "value", "valeur", "pwd", "mdp")

_LITERAL = r'("(?:[^"\n]|"")*"|`[^`]*`)'
# One argument before the secret one: a string literal, or anything up to the comma.
_ARGUMENT = r'(?:"(?:[^"\n]|"")*"|[^,()"\n]+)\s*,\s*'


class SecretNames:
    """What diagnostics mask: filled in by the registry as domains declare their names,
    so this module (under every other) needs to know no domain."""

    def __init__(self) -> None:
        self._words: set[str] = set(_SCRIPT_WORDS)
        self._arguments: dict[int, set[str]] = {}   # position -> folded function spellings
        self._alternation: str | None = None
        self._patterns: list[tuple[re.Pattern[str], int]] | None = None

    def add_words(self, spellings: Iterable[str]) -> None:
        """Names (of properties) whose assigned literal is a secret."""
        self._words.update(fold(s) for s in spellings)
        self._alternation = self._patterns = None

    def add_argument(self, spellings: Iterable[str], position: int) -> None:
        """The 0-based argument `position` of the function `spellings` is a secret."""
        self._arguments.setdefault(position, set()).update(fold(s) for s in spellings)
        self._patterns = None

    def alternation(self) -> str:
        if self._alternation is None:
            self._alternation = "|".join(sorted((re.escape(w) for w in self._words),
                                                key=len, reverse=True))
        return self._alternation

    def patterns(self) -> list[tuple[re.Pattern[str], int]]:
        """(pattern, group of the literal to hide)."""
        if self._patterns is None:
            alt = self.alternation()
            patterns = [
                # `x.Password = "..."`, `MySecret is string = "..."`, `Password, "..."`
                (re.compile(r'\w*(?:' + alt + r')\w*[^"`=\n]*?(?:=|,)\s*' + _LITERAL, re.I), 1),
                # `Password=hunter2` unquoted: an INI or config file named by EXTERN by mistake.
                (re.compile(r'^\s*\w*(?:' + alt + r')\w*\s*[=:]\s*([^\s("`\[][^(\n]*?)\s*$',
                            re.I), 1),
            ]
            # A secret argument: `StartSomething(user, "pw", ...)` (declared secret_args)
            for position, names in sorted(self._arguments.items()):
                functions = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
                patterns.append((re.compile(r'\b(?:' + functions + r')\s*\(\s*'
                                            + _ARGUMENT * position + _LITERAL, re.I), 1))
            self._patterns = patterns
        return self._patterns


SECRETS = SecretNames()


def secret_spans(line: str) -> list[tuple[int, int]]:
    """The [start, end) spans of string literals on `line` that hold a secret."""
    folded = fold_chars(line)
    spans = []
    for pattern, group in SECRETS.patterns():
        for m in pattern.finditer(folded):
            spans.append(m.span(group))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def mask_secrets(line: str, column: int = 0) -> tuple[str, int]:
    """`line` with secret literals shown as "***", and where `column` (1-based) lands."""
    out, last, shift = [], 0, 0
    for a, b in secret_spans(line):
        out.append(line[last:a])
        out.append('"***"')
        if column - 1 >= b:
            shift += 5 - (b - a)
        elif column - 1 > a:
            shift += a - (column - 1)     # inside the literal: point at its start
        last = b
    out.append(line[last:])
    return "".join(out), column + shift


def mentions_secret(line: str) -> bool:
    """Whether a line names something secret (a password property, a `pwd` variable)."""
    return re.search(r'(?:' + SECRETS.alternation() + r')', fold(line)) is not None


@dataclass
class Diagnostic:
    file: str
    line: int
    column: int
    message: str
    severity: str = "error"
    hint: str | None = None
    source_line: str | None = None
    length: int = 1

    def format(self) -> str:
        head = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        parts = [head]
        if self.source_line is not None:
            src, column = mask_secrets(self.source_line.rstrip("\r\n"), self.column)
            # Tabs are kept so the caret lines up in any terminal.
            prefix = "".join(ch if ch == "\t" else " " for ch in src[: max(column - 1, 0)])
            parts.append("    " + src)
            parts.append("    " + prefix + "^" + "~" * max(self.length - 1, 0))
        if self.hint:
            parts.append(f"    hint: {self.hint}")
        return "\n".join(parts)


def source_line(text: str, line: int) -> str | None:
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None
