"""What the email layer keeps for one run (`EmailState.of(rt)`), in the run's Context,
and the run's global `Email` structure of legacy scripts."""
from __future__ import annotations

from typing import Any

from ..records import field, record
from .types import DEFAULT_TIMEOUT, EmailSMTPSession, EmailStructure


@record
class EmailState:
    # Sessions started with EmailStartSMTPSession / EmailStartSession(user, ...), by user name.
    named_sessions: dict[str, EmailSMTPSession] = field(default_factory=dict)
    # EmailSetTimeOut: for the sessions started after it.
    timeout: float = DEFAULT_TIMEOUT
    # The verifying TLS context (an ssl.SSLContext), made on first use: loading the
    # system store takes a few milliseconds.
    ssl_context: Any = None
    # The live connections (transport.Connection), said goodbye to when the run ends;
    # None until the first session starts.
    open_connections: list[Any] | None = None
    # The global `Email` structure of legacy scripts.
    structure: EmailStructure | None = None
    # Capture mode: the embedded server (capture.CaptureServer) once a session connects,
    # and whether its summary was printed.
    capture: Any = None
    capture_finished: bool = False

    @classmethod
    def of(cls, rt: Any) -> EmailState:
        state: EmailState = rt.state_of(cls)
        return state


def make_structure(rt: Any) -> EmailStructure:
    """The predeclared global `Email`: the interpreter makes it right before the script
    starts, and the functions that read the structure (EmailSendMessage without an
    Email, EmailReset...) find the same one."""
    s = EmailStructure()
    EmailState.of(rt).structure = s
    return s


def structure_for(rt: Any) -> EmailStructure:
    """The run's global `Email` structure (the one the script's `Email.X` reads)."""
    state = EmailState.of(rt)
    if state.structure is None:
        state.structure = EmailStructure()
    return state.structure
