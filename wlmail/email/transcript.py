"""The SMTP dialogue of a session, with every secret replaced by ***.

aiosmtplib keeps no transcript, so `client.RecordingSMTP` reports each command and reply
here.  The recorded text feeds `ErrorInfo(errFullDetails)` and, with `--trace-smtp`,
is printed to stderr as it happens.  AUTH arguments and the lines a client sends after
a 334 continuation are never recorded.
"""
from __future__ import annotations

import re
from collections import deque
from typing import Callable

_KEEP = 200   # lines kept per session: enough for a failure, bounded for bulk sends

# What a server's words may not carry to a terminal or a log: C0 controls (ESC starts
# the sequences that retitle or clear a terminal, BEL rings, NUL truncates in C), DEL,
# C1 controls (U+009B is a one-character CSI), the Unicode line and paragraph
# separators, the bidirectional overrides that make text read in another order, and
# the lone surrogates that stand for bytes that were not UTF-8.  TAB is harmless; LF
# separates the lines of a multi-line reply in a message.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f"
                     "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_LF = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f"
                             "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(m: re.Match[str]) -> str:
    n = ord(m.group())
    if 0xDC80 <= n <= 0xDCFF:       # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every control character shown escaped (`\\x1b`, `\\u2028`): the one
    filter for what a server says, used by error messages (ErrorInfo), the dialogue
    (errFullDetails) and `--trace-smtp`."""
    if text.isprintable():
        return text
    return (_UNSAFE_KEEP_LF if keep_newlines else _UNSAFE).sub(_escaped, text)


class Transcript:
    def __init__(self, label: str, live: Callable[[str], None] | None = None) -> None:
        self.label = label
        self.lines: deque[str] = deque(maxlen=_KEEP)
        self._live = live
        self._in_auth = False
        self._mark = 0        # lines recorded since the current operation began
        self._count = 0

    def _add(self, line: str) -> None:
        line = printable(line, keep_newlines=False)
        self.lines.append(line)
        self._count += 1
        if self._live is not None:
            self._live(line)

    def note(self, text: str) -> None:
        """Something that is not on the wire (connecting, TLS established)."""
        self._add(f"-- {text}")

    def command(self, args: tuple[bytes, ...]) -> None:
        if self._in_auth:
            shown = "***"
        elif args and args[0].upper() == b"AUTH":
            # The mechanism is useful when AUTH fails; its argument is a secret.
            shown = "AUTH " + args[1].decode("ascii", "replace") if len(args) > 1 else "AUTH"
            if len(args) > 2:
                shown += " ***"
        else:
            shown = b" ".join(args).decode("utf-8", "replace")
        self._add(f"C: {shown}")

    def client_text(self, text: str) -> None:
        self._add(f"C: {text}")

    def reply(self, code: int, message: str, *, after_auth_command: bool = False) -> None:
        lines = message.split("\n") if message else [""]
        for i, text in enumerate(lines):
            sep = " " if i == len(lines) - 1 else "-"
            self._add(f"S: {code}{sep}{text}".rstrip())
        # After a 334 the client's next line answers a SASL challenge: a secret.
        self._in_auth = code == 334 and (after_auth_command or self._in_auth)

    def end_auth(self) -> None:
        self._in_auth = False

    def begin(self) -> None:
        self._mark = self._count

    def text(self, since_begin: bool = False) -> str:
        lines = list(self.lines)
        if since_begin:
            recent = self._count - self._mark
            # Always show at least the connection's start when it is still kept.
            lines = lines[-max(recent, 1):] if recent < len(lines) else lines
        return f"SMTP dialogue with {self.label}:\n" + "\n".join("  " + ln for ln in lines)
