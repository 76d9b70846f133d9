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
failure has one, else 0.  `file`/`line`/`column` say where in a script it happened when
that is known; `where` is the place as it is shown ("FILE:LINE:COL", an option name...).
"""
from __future__ import annotations


class WLError(Exception):
    """A failure wlmail reports in words (never a traceback)."""

    def __init__(self, message: str, code: int = 0, *, file: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = int(code)
        self.file = file
        self.line = line
        self.column = column

    @property
    def where(self) -> str:
        """`FILE:LINE:COL` as far as it is known ("" when nothing is)."""
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)


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
