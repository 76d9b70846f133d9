"""The root of wlmail's failures: every error wlmail reports to a person is a `WLError`.

Like aiosmtplib's tree under `SMTPException`, each failure carries a code, the message a
person reads and where it happened.  The subclasses live with the layer that raises them:

    WLError
      UsageError                  here: the command line (exit status 2)
      ParseError                  wlmail.syntax.source: a syntax error (exit status 2)
      WLFatal                     wlmail.runtime.errors: a fatal WLanguage error (exit 1)
      WLFailure                   wlmail.runtime.errors: a non-fatal failure for ErrorInfo()
        SessionFailure, BuildError    wlmail.email
        OAuthProblem                  wlmail.oauth

`code` is one of wlmail's stable error numbers (wlmail.runtime.errors.Err) when the
failure has one, else 0.  `where` is the place as it is shown: "FILE:LINE:COL" from the
`file`/`line`/`column` a syntax or fatal error carries, the option of a usage error, ""
when the failure has no place of its own (a domain's, reported through ErrorInfo()).
"""
from __future__ import annotations


class WLError(Exception):
    """A failure wlmail reports in words (never a traceback)."""

    def __init__(self, message: str, code: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = int(code)

    @property
    def where(self) -> str:
        """`FILE:LINE:COL` as far as the subclass knows it ("" when it knows nothing)."""
        # Each subclass types its own position (always set for a syntax error, filled in
        # on the way up for a fatal one), so the root only reads it.
        parts = [getattr(self, name, None) for name in ("file", "line", "column")]
        return ":".join(str(p) for p in parts if p is not None)


class UsageError(WLError):
    """A command-line value that cannot be used: `wlmail: error: WHERE: MESSAGE`, exit 2."""

    exit_status = 2

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.option = where

    @property
    def where(self) -> str:
        return self.option

    def format(self) -> str:
        return f"wlmail: error: {self.where}: {self.message}"
