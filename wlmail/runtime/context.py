"""What a built-in function receives as `rt`: the run's services, not the interpreter.

The email and OAuth layers talk to the script only through this object: they get
Python values as arguments and report failures with `rt.fail(...)` (non-fatal) or by
raising `WLFatal` (fatal).  One asyncio event loop per run lives here, so email code
can be async while the script sees ordinary blocking calls.  Each domain keeps its
per-run state in a class of its own, found with `rt.state_of(EmailState)`: this module
knows no domain.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from ..records import field, record
from .errors import ErrorState, WLFatal

if TYPE_CHECKING:
    import asyncio

    from .interrupt import Guard

T = TypeVar("T")
S = TypeVar("S")


@record
class RunOptions:
    capture_dir: str | None = None          # --capture DIR
    mailbox_dir: str | None = None          # --mailbox DIR: reading sessions read this Maildir
    smtp_server: str | None = None          # --smtp-server HOST[:PORT] / WLMAIL_SMTP_SERVER
    trace_smtp: bool = False                # --trace-smtp
    oauth_timeout: float = 300.0            # --oauth-timeout SECONDS
    token_cache: bool = True                # --no-token-cache turns it off
    # The spool of asynchronous sessions (docs/spool.md).
    spool_dir: str | None = None            # --spool DIR / WLMAIL_SPOOL
    spool_wait: float | None = None         # --spool-wait SECONDS at the end of the script
    spool_connections: int = 4              # --spool-connections N per account
    spool_per_connection: int = 100         # --spool-per-connection N messages
    spool_rate: float | None = None         # --spool-rate N messages a minute per account
    strict: bool = False                    # --strict: exit 3 when an email/auth call failed
    debug: bool = False
    interpolate: bool = False
    encoding: str | None = None
    args: list[str] = field(default_factory=list)   # after `--`
    configuration: str | None = None        # --configuration NAME (<COMPILE IF>)
    configuration_type: str | None = None   # --configuration-type NAME
    lang: str = "en"                        # the tool's own lines: "fr" in a French REPL


class EndProgram(Exception):
    """Raised by EndProgram() to stop the script cleanly."""


class Context:
    def __init__(self, script_path: str | os.PathLike, options: RunOptions | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None,
                 stdin: TextIO | None = None) -> None:
        self.script_path = Path(script_path).resolve()
        self.script_dir = self.script_path.parent
        self.options = options or RunOptions()
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self.error = ErrorState()
        self.exception: WLFatal | None = None     # what ExceptionInfo() describes
        self.failures = 0                          # counted failures (rt.fail), for --strict
        self._states: dict[type, Any] = {}        # each domain's per-run state, by its class
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closers: list[Callable[[], Any]] = []
        self._guard: Guard | None = None          # Ctrl-C on the loop (interrupt.py)

    # -- errors -------------------------------------------------------------
    def fail(self, code: int, message: str, details: str = "", *, counted: bool = True,
             result: Any = False) -> Any:
        """Report a non-fatal error and return `result` (False by default).  `--strict`
        counts it unless `counted` is False (a file that cannot be read, as opposed to
        an email or OAuth call that failed)."""
        self.error.set(code, message, details)
        if counted:
            self.failures += 1
        return result

    # -- files --------------------------------------------------------------
    def resolve_path(self, path: str) -> Path:
        # A Windows path written in the script ("data\\report.csv") works here too, unless a
        # file really has that name. os.path.exists never raises (a name too long is False).
        p = Path(os.path.expanduser(path.replace("\\", os.sep) if os.sep == "/" and
                                    "\\" in path and not os.path.exists(path) else path))
        return p if p.is_absolute() else self.script_dir / p

    # -- output -------------------------------------------------------------
    def out(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def err(self, text: str) -> None:
        self.stderr.write(text + "\n")
        self.stderr.flush()

    # -- per-run state ------------------------------------------------------
    def state_of(self, kind: type[S]) -> S:
        """The run's own `kind()`, made on first use: a domain's per-run state (its
        sessions, its token store...) in a class the domain defines, so no two domains
        share a key."""
        got = self._states.get(kind)
        if got is None:
            got = self._states[kind] = kind()
        return got

    def on_close(self, fn: Callable[[], Any]) -> None:
        """Run `fn` when the script ends (close sessions, stop the capture server)."""
        self._closers.append(fn)

    # -- async --------------------------------------------------------------
    # asyncio is imported when a domain first needs the loop: a script that sends
    # nothing should not pay for it at start-up.
    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            import asyncio
            self._loop = asyncio.new_event_loop()
        return self._loop

    def run_async(self, coro: Coroutine[Any, Any, T],
                  on_interrupt: Callable[[], None] | None = None) -> T:
        """Run a coroutine to completion on the run's own event loop.

        On Ctrl-C `on_interrupt()` is called at once (the email layer closes its
        connection there), the coroutine is cancelled and given its clean-up on the loop,
        and then KeyboardInterrupt goes on: left suspended, the coroutine would be closed
        by the garbage collector after the loop is gone and print a traceback.  How, and
        what bounds the wait for a coroutine that ignores the cancellation: interrupt.py."""
        if self._guard is None:
            from .interrupt import Guard
            self._guard = Guard(self.loop)
        return self._guard.run(coro, on_interrupt)

    def close(self) -> None:
        while self._closers:
            fn = self._closers.pop()
            try:
                fn()
            except Exception:  # closing must never hide the script's own result
                if self.options.debug:
                    raise
        if self._guard is not None:
            guard, self._guard = self._guard, None
            guard.close()
        if self._loop is not None:
            loop, self._loop = self._loop, None
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()
