"""The reading layer: emailPOP3Session, emailIMAPSession and the functions that read a
mailbox (EmailReadFirst, EmailReadNext, EmailNbMessage, EmailDeleteMessage...).

It sits beside `wlmail.email` and imports it (the Email type, the run's time-out and
TLS context); `wlmail.email` never imports it: `register` tells the email layer how to start and
close a POP3 / IMAP session (`FOREIGN_SESSIONS`, `NAMED_CLOSERS` in
`wlmail.email.functions`).  poplib, imaplib and the `email` package are imported when a
script first starts a reading session.
"""
from __future__ import annotations

from ..registry import Registry
from . import filters, folders, functions, messages, types


def register(registry: Registry) -> None:
    # The email layer declares EmailStartSession / EmailCloseSession and cannot import
    # this one: it is told here how to start and close a POP3 / IMAP session.
    from ..email.functions import FOREIGN_SESSIONS, LEGACY_POP3, NAMED_CLOSERS
    if functions.start_legacy_pop3 not in LEGACY_POP3:
        LEGACY_POP3.append(functions.start_legacy_pop3)
    FOREIGN_SESSIONS[types.ReadingSession] = (functions.start_session, functions.close_session)
    if functions.close_named not in NAMED_CLOSERS:
        NAMED_CLOSERS.append(functions.close_named)
    registry.add_domain("reading", types.DECLARE, functions.DECLARE, messages.DECLARE,
                        filters.DECLARE, folders.DECLARE)
