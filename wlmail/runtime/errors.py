"""WLanguage's two kinds of error, and wlmail's stable error numbers.

Fatal errors (`WLFatal`) are programming errors: they stop the script unless a
`WHEN EXCEPTION IN` catches them. Non-fatal errors are what email, auth and file
functions report: they return False (or Null), set `ErrorOccurred` and keep the message
for `ErrorInfo()`; the `ErrorState` below holds that.

The numbers are wlmail's own and stable: `ErrorInfo(errCode)` returns them and
`docs/errors.md` is generated from `ERROR_CODES`.

Both kinds are `wlmail.errors.WLError`s: `WLFatal` is raised through the script,
`WLFailure` is what a domain raises inside its own code and turns into `rt.fail(...)`
at the edge (the email layer's SessionFailure, the OAuth layer's OAuthProblem...).
"""
from __future__ import annotations

from enum import IntEnum

from ..errors import WLError


class Err(IntEnum):
    # Fatal: the language
    UNKNOWN_NAME = 1001
    CONVERSION = 1002
    INDEX_OUT_OF_RANGE = 1003
    ARGUMENT_COUNT = 1004
    ARGUMENT_TYPE = 1005
    UNKNOWN_PROPERTY = 1006
    NOT_AN_OBJECT = 1007
    DIVISION_BY_ZERO = 1008
    RECURSION = 1009
    UI_UNAVAILABLE = 1010
    EXCEPTION_THROW = 1011
    BAD_OPTION = 1012
    NOT_CALLABLE = 1013
    DATABASE_UNAVAILABLE = 1014
    WINDOWS_API_UNAVAILABLE = 1015
    # Non-fatal: files
    FILE_NOT_FOUND = 1501
    FILE_ERROR = 1502
    # Non-fatal: email
    CONNECTION_REFUSED = 2001
    DNS_FAILURE = 2002
    TIMEOUT = 2003
    TLS_FAILURE = 2004
    CERTIFICATE = 2005
    STARTTLS_NOT_OFFERED = 2006
    AUTH_REFUSED = 2007
    AUTH_NOT_OFFERED = 2008
    RECIPIENTS_REFUSED = 2009
    SENDER_REFUSED = 2010
    MESSAGE_TOO_BIG = 2011
    DISCONNECTED = 2012
    SESSION_NOT_STARTED = 2013
    HEADER_INJECTION = 2014
    NO_RECIPIENT = 2015
    SMTP_ERROR = 2016
    ATTACHMENT = 2017
    BAD_ADDRESS = 2018
    NETWORK = 2019
    SPOOL = 2020
    # Non-fatal: OAuth
    OAUTH_DENIED = 3001
    OAUTH_STATE = 3002
    OAUTH_TOKEN_ENDPOINT = 3003
    OAUTH_TIMEOUT = 3004
    OAUTH_REDIRECT = 3005
    OAUTH_PARAMETERS = 3006
    OAUTH_REFRESH = 3007
    OAUTH_NETWORK = 3008


ERROR_CODES: dict[Err, str] = {
    Err.UNKNOWN_NAME: "unknown variable, function, procedure, type or constant",
    Err.CONVERSION: "a value cannot be converted to the declared type",
    Err.INDEX_OUT_OF_RANGE: "array index out of range",
    Err.ARGUMENT_COUNT: "wrong number of arguments",
    Err.ARGUMENT_TYPE: "wrong type of argument",
    Err.UNKNOWN_PROPERTY: "unknown property or method",
    Err.NOT_AN_OBJECT: "a property or index used on a value that has none",
    Err.DIVISION_BY_ZERO: "division by zero",
    Err.RECURSION: "procedure calls nested too deeply (runaway recursion)",
    Err.UI_UNAVAILABLE: "a WINDEV window function or control, not available outside a WINDEV window",
    Err.EXCEPTION_THROW: "raised by ExceptionThrow (the script's own code is kept)",
    Err.BAD_OPTION: "an unknown option constant was passed to a function",
    Err.NOT_CALLABLE: "a value was called like a function",
    Err.DATABASE_UNAVAILABLE: "a loop over an HFSQL data file or query (`FOR EACH Customer`): "
                              "wlmail has no database",
    Err.WINDOWS_API_UNAVAILABLE: "the address of a variable (`&x`), for a Windows API call: "
                                 "wlmail runs no Windows API",
    Err.FILE_NOT_FOUND: "file not found",
    Err.FILE_ERROR: "file cannot be read or written",
    Err.CONNECTION_REFUSED: "the SMTP server refused the connection",
    Err.DNS_FAILURE: "the server name cannot be resolved",
    Err.TIMEOUT: "the server did not answer in time",
    Err.TLS_FAILURE: "the TLS handshake failed",
    Err.CERTIFICATE: "the server's certificate was not accepted",
    Err.STARTTLS_NOT_OFFERED: "STARTTLS was required but the server does not offer it",
    Err.AUTH_REFUSED: "the server refused the user name, password or token",
    Err.AUTH_NOT_OFFERED: "a user name is set but the server offers no usable AUTH mechanism",
    Err.RECIPIENTS_REFUSED: "the server refused some or all recipients",
    Err.SENDER_REFUSED: "the server refused the sender",
    Err.MESSAGE_TOO_BIG: "the message is bigger than the server accepts",
    Err.DISCONNECTED: "the server closed the connection",
    Err.SESSION_NOT_STARTED: "the session is not started (or unknown session name)",
    Err.HEADER_INJECTION: "a header value contains a line break or a control character",
    Err.NO_RECIPIENT: "the message has no recipient",
    Err.SMTP_ERROR: "the SMTP server answered with an error",
    Err.ATTACHMENT: "an attachment cannot be read",
    Err.BAD_ADDRESS: "an address cannot be parsed",
    Err.NETWORK: "a network error",
    Err.SPOOL: "the spool of asynchronous sessions cannot store or find the message "
               "(full disk, unwritable folder, unknown identifier)",
    Err.OAUTH_DENIED: "the person or the authorization server refused access",
    Err.OAUTH_STATE: "the OAuth answer's state did not match (possible forgery)",
    Err.OAUTH_TOKEN_ENDPOINT: "the token endpoint answered with an error",
    Err.OAUTH_TIMEOUT: "nobody completed the authorization in time",
    Err.OAUTH_REDIRECT: "the redirection URL cannot be used (not loopback, port busy...)",
    Err.OAUTH_PARAMETERS: "the OAuth2Parameters are incomplete or not allowed",
    Err.OAUTH_REFRESH: "the token could not be refreshed",
    Err.OAUTH_NETWORK: "the authorization server cannot be reached",
}


class WLFatal(WLError):
    """A WLanguage fatal error. `line`/`column`/`file` are filled in by the interpreter
    as the error travels up through the statement that raised it."""

    def __init__(self, message: str, code: int = Err.UNKNOWN_NAME, *, hint: str | None = None):
        super().__init__(message, code)
        self.hint = hint
        self.file: str | None = None
        self.line: int | None = None
        self.column: int | None = None
        self.procedure: str | None = None
        # The value quoted in the message ("cannot convert "x" ..."), so a report can
        # hide it when the line it happened on handles a secret.
        self.value_text: str | None = None

    def locate(self, file: str, line: int, column: int) -> WLFatal:
        if self.line is None:
            self.file, self.line, self.column = file, line, column
        return self


class WLFailure(WLError):
    """A non-fatal failure (an email, OAuth or file function's): its code, message and
    the details `ErrorInfo(errFullDetails)` gives, for `rt.fail(...)`."""

    def __init__(self, code: int, message: str, details: str = "") -> None:
        super().__init__(message, code)
        self.details = details


class ErrorState:
    """What `ErrorOccurred` and `ErrorInfo()` read."""

    __slots__ = ("occurred", "code", "message", "details")

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.occurred = False
        self.code = 0
        self.message = ""
        self.details = ""

    def set(self, code: int, message: str, details: str = "") -> None:
        self.occurred = True
        self.code = int(code)
        self.message = message
        self.details = details
