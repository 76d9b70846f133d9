"""`FILE:LINE:COL: error: message`, the source line (secrets masked), a caret, a hint."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A string literal assigned to something secret is shown as "***" when a diagnostic
# echoes the line.  Property spellings come from the registry's `secret=True` flags;
# the few below cover names a script gives its own variables.
_SECRET_WORDS = r"password|motdepasse|mot_de_passe|clientsecret|secret|token|value|valeur|pwd|mdp"


def _secret_pattern() -> re.Pattern:
    from .names import fold
    from .registry import REGISTRY
    words = set(_SECRET_WORDS.split("|"))
    for t in REGISTRY.types.values():
        for p in t.cls.PROPERTIES:
            if p.secret:
                words.update(fold(s) for s in p.en + p.fr)
    alt = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(r'((?:' + alt + r')\w*\s*(?:=|,)\s*)("(?:[^"]|"")*"|`[^`]*`)', re.I)


_PATTERN: re.Pattern | None = None


def mask_secrets(line: str) -> str:
    global _PATTERN
    if _PATTERN is None:
        _PATTERN = _secret_pattern()
    from .names import fold_chars
    folded = fold_chars(line)
    out, last = [], 0
    for m in _PATTERN.finditer(folded):
        out.append(line[last:m.start(2)])
        out.append('"***"')
        last = m.end(2)
    out.append(line[last:])
    return "".join(out)


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
            src = mask_secrets(self.source_line.rstrip("\r\n"))
            # Tabs are kept so the caret lines up in any terminal.
            prefix = "".join(ch if ch == "\t" else " " for ch in src[: max(self.column - 1, 0)])
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
