"""The email layer: emailSMTPSession, Email, emailAttach, the global Email structure and
the Email* functions.

`register(registry)` adds the declarations (wlmail.domains.load_all calls it).  Importing
the package loads only them: aiosmtplib, ssl and the `email` package are imported when
a script first starts a session or builds a message.  The per-run state is
`wlmail.email.state.EmailState`.
"""
from __future__ import annotations

from typing import Any

from ..registry import Declarations, Registry
from . import asynchronous, functions, lint, types

# What the package itself declares: how a run in capture mode starts.
DECLARE = Declarations()


@DECLARE.at_run_start
def start_run(rt: Any) -> None:
    if rt.options.capture_dir:
        # Registered before anything else so it runs last: sessions say QUIT before the
        # server stops, and a run that never connects still says nothing was captured.
        rt.on_close(lambda: _finish_capture(rt))


def _finish_capture(rt: Any) -> None:
    from .capture import finish_capture  # lazily: aiosmtpd and trustme, start-up speed
    finish_capture(rt)


def register(registry: Registry) -> None:
    registry.add_domain("email", types.DECLARE, functions.DECLARE, lint.DECLARE, DECLARE,
                        asynchronous.DECLARE)
