"""What the reading layer keeps for one run (`ReadingState.of(rt)`)."""
from __future__ import annotations

import contextlib
from typing import Any

from ..records import field, record

# The sessions are types.ReadingSession; typed Any here because types.py imports
# sessions.py (lazily), which imports this module.
ReadingSession = Any


@record
class ReadingState:
    # Sessions started with EmailStartPOP3Session / EmailStartIMAPSession, by user name.
    named_sessions: dict[str, ReadingSession] = field(default_factory=dict)
    # The started sessions, closed (QUIT / LOGOUT) when the run ends.
    open_sessions: list[ReadingSession] = field(default_factory=list)
    closing_hooked: bool = False

    @classmethod
    def of(cls, rt: Any) -> ReadingState:
        state: ReadingState = rt.state_of(cls)
        return state

    def watch(self, rt: Any, session: ReadingSession) -> None:
        if not any(s is session for s in self.open_sessions):
            self.open_sessions.append(session)
        if not self.closing_hooked:
            self.closing_hooked = True
            rt.on_close(self._close_all)

    def forget(self, session: ReadingSession) -> None:
        self.open_sessions = [s for s in self.open_sessions if s is not session]

    def _close_all(self) -> None:
        # A script that ends with a session open still says QUIT / LOGOUT: POP3 deletes
        # the messages marked for deletion only then.  Ending the run never fails on a
        # dead socket.
        for session in list(self.open_sessions):
            box, session._box = session._box, None
            if box is not None:
                with contextlib.suppress(Exception):
                    box.close()
        self.open_sessions.clear()
