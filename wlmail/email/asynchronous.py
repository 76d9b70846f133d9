"""EmailStatus and its constants: what the spool of asynchronous sessions says of a
message (docs/spool.md).  Declarations only; the spool is opened when a script asks."""
from __future__ import annotations

from typing import Any

from ..registry import Declarations
from ..runtime.errors import Err, WLFatal
from ..runtime.values import describe, to_int

# What this module declares; wlmail.email.register adds it to a registry.
DECLARE = Declarations()

# Values are wlmail's own: scripts compare with the names (PC SOFT's EmailStatus page).
STATUS_PENDING = 1
STATUS_SENT = 2
STATUS_ERROR = 3

DECLARE.constant("emailPending", ("emailEnAttente",), value=STATUS_PENDING,
                 doc="EmailStatus: the message is in the spool, not sent yet")
DECLARE.constant("emailSent", ("emailEnvoyé",), value=STATUS_SENT,
                 doc="EmailStatus: the server accepted the message")
DECLARE.constant("emailError", ("emailErreur",), value=STATUS_ERROR,
                 doc="EmailStatus: the message was refused; ErrorInfo(errMessage) says why")


@DECLARE.function("EmailStatus", ("EmailEtat",), domain="email", returns="int")
def email_status(rt: Any, identifier: Any) -> int:
    """The state of a message sent by an asynchronous session, read from the spool (also
    in a later run): emailPending, emailSent or emailError (then ErrorInfo(errMessage)
    gives the server's words)."""
    if isinstance(identifier, bool) or not isinstance(identifier, (int, float, str)):
        raise WLFatal(f"EmailStatus expects the message's identifier (Email.MailIdentifier), "
                      f"not {describe(identifier)}", Err.ARGUMENT_TYPE)
    from . import spooling  # lazily: sqlite3
    state, code, message = spooling.status(rt, to_int(identifier))
    if state == spooling.SENT:
        return STATUS_SENT
    if state == "pending":
        return STATUS_PENDING
    return int(rt.fail(code or Err.SPOOL, message, counted=False, result=STATUS_ERROR))
