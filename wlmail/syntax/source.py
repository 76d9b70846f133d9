"""Reading a script: its encoding, and the marks the lexer needs.

Source files are UTF-8 (a BOM is accepted), UTF-16 with a BOM, or else Windows-1252
(with a warning); `--encoding` overrides.  Multi-line `[ ... ]` strings are found here,
line by line, because whether a `[` opens one depends on the lines after it.
"""
from __future__ import annotations

import codecs
import re

from ..errors import WLError
from ..names import fold_chars
from ..records import record

ML_OPEN = "\ue000"
ML_CLOSE = "\ue001"

MAX_SOURCE_CHARS = 20_000_000


class ParseError(WLError):
    """A syntax error at a position of a file."""

    def __init__(self, file: str, line: int, column: int, message: str, hint: str | None = None,
                 length: int = 1):
        super().__init__(message)
        self.file, self.line, self.column = file, line, column
        self.message, self.hint, self.length = message, hint, length


@record
class Source:
    path: str
    text: str              # the original text, as decoded
    warning: str | None = None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """The text of a script and a warning when its encoding had to be guessed."""
    if encoding:
        return data.decode(encoding, errors="replace").lstrip("\ufeff"), None
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return (data.decode("cp1252", errors="replace"),
                "the file is not UTF-8: read as Windows-1252 (use --encoding to choose)")


_LINE_END_BRACKET = re.compile(r'=\s*\[\s*(//[^\n]*)?$')
# Variants real projects write (branch smallforms): the text as an argument, `Trace([`
# ... `])`, or after RESULT / RETURN (`RENVOYER [`); the closing line may go on with `)`
# or `,` after its `]`.
_LINE_END_BRACKET_MORE = re.compile(r'(\(|,|\b(result|renvoyer|return|retour))\s*\[\s*(//[^\n]*)?$',
                                    re.I)
_CLOSING_MORE = re.compile(r'\s*\]\s*[),][^\n]*$')


def _strip_code(line: str) -> str:
    """The line without its string literals and trailing comment (for the [ test)."""
    out, i, n = [], 0, len(line)
    while i < n:
        ch = line[i]
        if ch == '"':
            j = i + 1
            while j < n:
                if line[j] == '"':
                    if j + 1 < n and line[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            out.append('""')
            i = j + 1
            continue
        if line.startswith("//", i):
            break
        out.append(ch)
        i += 1
    return "".join(out).rstrip()


def _after_equals(lines: list[str], i: int) -> bool:
    """Whether the line before line i (blank lines skipped) ends with `=`: the `[` of a
    declaration's value on the next line, as PC SOFT's WD-Mail writes its SQL queries
    (`q is SQL query =`, then `[` ... `]`)."""
    j = i - 1
    while j >= 0 and not _strip_code(lines[j]).strip():
        j -= 1
    return j >= 0 and _strip_code(lines[j]).endswith("=")


def mark_multiline_strings(folded: str, is_expression_list) -> str:
    """Replace the brackets of multi-line strings by private marks (same length).

    A `[` that ends a line after `=` opens a multi-line string when a line holding only
    `]` follows and the lines between are not an array literal: an array literal is a
    body that parses as comma-separated expressions and has a comma at top level or is a
    single string or number literal.
    """
    if "[" not in folded:
        return folded
    lines = folded.split("\n")
    changed = False
    i = 0
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    chars = None
    while i < len(lines):
        code = _strip_code(lines[i])
        more = False
        if code.endswith("[") and (_LINE_END_BRACKET.search(code)
                                   or (more := bool(_LINE_END_BRACKET_MORE.search(code)))
                                   or (code.strip() == "[" and _after_equals(lines, i))):
            j = i + 1
            while j < len(lines) and lines[j].strip() != "]" and \
                    not (more and _CLOSING_MORE.match(lines[j])):
                j += 1
            if j < len(lines):
                body = "\n".join(lines[i + 1:j])
                if not is_expression_list(body):
                    if chars is None:
                        chars = list(folded)
                    open_at = offsets[i] + lines[i].rindex("[")
                    close_at = offsets[j] + lines[j].index("]")
                    chars[open_at] = ML_OPEN
                    chars[close_at] = ML_CLOSE
                    changed = True
                    i = j + 1
                    continue
        i += 1
    return "".join(chars) if changed and chars is not None else folded


def multiline_value(raw: str) -> str:
    """The value of a multi-line string: the lines between the brackets, with the
    common indentation removed, joined by CR LF (WLanguage's line break)."""
    inner = raw[1:-1]
    lines = inner.split("\n")
    if lines and lines[0].strip() == "":
        lines = lines[1:]
    if lines and lines[-1].strip() == "":
        lines = lines[:-1]
    lines = [ln.rstrip("\r") for ln in lines]
    indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines if ln.strip()]
    cut = min(indents) if indents else 0
    return "\r\n".join(ln[cut:] for ln in lines)


def fold_for_lexer(text: str) -> str:
    return fold_chars(text)
