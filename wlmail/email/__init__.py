"""The email layer: emailSMTPSession, Email, emailAttach, the global Email structure and
the Email* functions.

Importing this package only declares names in the registry; aiosmtplib, ssl and the
`email` package are imported when a script first starts a session or builds a message.
"""
from . import functions, lint, types  # noqa: F401  (declarations)
