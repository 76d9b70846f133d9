"""The SMTP dialogue of a session, with every secret replaced by ***.

aiosmtplib keeps no transcript, so `client.RecordingSMTP` reports each command and reply
here.  The recorded text feeds `ErrorInfo(errFullDetails)` and, with `--trace-smtp`,
is printed to stderr as it happens.  AUTH arguments and the lines a client sends after
a 334 continuation are never recorded.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable

from ..safetext import printable

_KEEP = 200   # lines kept per session: enough for a failure, bounded for bulk sends


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
