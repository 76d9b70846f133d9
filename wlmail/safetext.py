"""Showing text that came from outside (a server, a browser's redirect) on a terminal,
in an error message or in a log: every control character escaped.

A leaf module, so that every domain (SMTP, OAuth) shows untrusted text through the same
filter.
"""
from __future__ import annotations

import functools
import re

# What a server's words may not carry to a terminal or a log: C0 controls (ESC starts
# the sequences that retitle or clear a terminal, BEL rings, NUL truncates in C), DEL,
# C1 controls (U+009B is a one-character CSI), the Unicode line and paragraph
# separators, the bidirectional overrides that make text read in another order, and
# the lone surrogates that stand for bytes that were not UTF-8.  TAB is harmless; LF
# separates the lines of a multi-line reply in a message.
_UNSAFE = ("\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f"
           "\u202a-\u202e\u2066-\u2069\ud800-\udfff")
_UNSAFE_KEEP_LF = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f"
                   "\u202a-\u202e\u2066-\u2069\ud800-\udfff")


@functools.cache
def _unsafe(keep_newlines: bool) -> re.Pattern[str]:
    # Compiled on the first text that needs it, not at each start: a class of such wide
    # ranges takes a millisecond or two to compile.
    return re.compile(f"[{_UNSAFE_KEEP_LF if keep_newlines else _UNSAFE}]")


def _escaped(m: re.Match[str]) -> str:
    n = ord(m.group())
    if 0xDC80 <= n <= 0xDCFF:       # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every control character shown escaped (`\\x1b`, `\\u2028`): the one
    filter for what a server says, used by error messages (ErrorInfo), the SMTP
    dialogue (errFullDetails), `--trace-smtp`, and OAuth's errors."""
    if text.isprintable():
        return text
    return _unsafe(keep_newlines).sub(_escaped, text)
