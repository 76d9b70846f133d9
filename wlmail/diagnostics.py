"""`FILE:LINE:COL: error: message`, the source line (secrets masked), a caret, a hint."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A string literal assigned to something secret is shown as "***" when a diagnostic
# echoes the line.  Property spellings come from the registry's `secret=True` flags;
# the few below cover names a script gives its own variables.
_SECRET_WORDS = r"password|motdepasse|mot_de_passe|clientsecret|secret|token|value|valeur|pwd|mdp"


_LITERAL = r'("(?:[^"\n]|"")*"|`[^`]*`)'


def _secret_words() -> str:
    from .names import fold
    from .registry import REGISTRY
    words = set(_SECRET_WORDS.split("|"))
    for t in REGISTRY.types.values():
        for p in t.cls.PROPERTIES:
            if p.secret:
                words.update(fold(s) for s in p.en + p.fr)
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_PATTERNS: list[tuple[re.Pattern, int]] | None = None


def _patterns() -> list[tuple[re.Pattern, int]]:
    """(pattern, group of the literal to hide)."""
    global _PATTERNS
    if _PATTERNS is None:
        alt = _secret_words()
        _PATTERNS = [
            # `x.Password = "..."`, `MySecret is string = "..."`, `Password, "..."`
            (re.compile(r'\w*(?:' + alt + r')\w*[^"`=\n]*?(?:=|,)\s*' + _LITERAL, re.I), 1),
            # The password argument of the legacy forms: EmailStartSMTPSession(user, "pw", ...)
            (re.compile(r'\b(?:emailstartsmtpsession|emailouvresessionsmtp|emailstartsession|'
                        r'emailouvresession)\s*\(\s*(?:"(?:[^"\n]|"")*"|[^,()"\n]+)\s*,\s*'
                        + _LITERAL, re.I), 1),
            # `Password=hunter2` unquoted: an INI or config file named by EXTERN by mistake.
            (re.compile(r'^\s*\w*(?:' + alt + r')\w*\s*[=:]\s*([^\s("`\[][^(\n]*?)\s*$', re.I), 1),
        ]
    return _PATTERNS


def secret_spans(line: str) -> list[tuple[int, int]]:
    """The [start, end) spans of string literals on `line` that hold a secret."""
    from .names import fold_chars
    folded = fold_chars(line)
    spans = []
    for pattern, group in _patterns():
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
    from .names import fold
    return re.search(r'(?:' + _secret_words() + r')', fold(line)) is not None


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

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column)


def source_line(text: str, line: int) -> str | None:
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None
